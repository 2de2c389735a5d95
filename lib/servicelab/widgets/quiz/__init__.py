"""Exam-prep panels: one question card, the chapter "check yourself" box, and notebook 12's ExamPrep.

Split along the lines of :mod:`servicelab.quiz`; one-way imports (``tests/test_layers.py``):
:mod:`~.card` (the question card, the check-yourself box, shared helpers) ← the tabs
:mod:`~.practice`, :mod:`~.paper`, :mod:`~.review` (wrong answers and spaced repetition),
:mod:`~.cards`, :mod:`~.dashboard`, :mod:`~.files` (export / import / reset) ← :mod:`~.panel`
(:class:`ExamPrep`: opening the progress file, assembling the tabs). A tab imports only
:mod:`~.card`; only the panel imports the tabs.
"""
from __future__ import annotations

from .card import UNAVAILABLE, CheckYourself, Clock, QuestionCard, chapter_titles, feedback_html
from .panel import ExamPrep
from .practice import ALL, PRACTICE_ROUND

__all__ = ["ALL", "PRACTICE_ROUND", "UNAVAILABLE", "CheckYourself", "Clock", "ExamPrep", "QuestionCard",
           "chapter_titles", "feedback_html"]
