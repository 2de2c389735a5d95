"""Exam prep for course 10421: the question bank, scoring, practice, the mock paper, spaced repetition.

Everything here is a pure function of its inputs (the bank, the learner's responses, a
:class:`random.Random` and the time ``now``), so the widgets of notebook 12
(:mod:`servicelab.widgets.quiz`) only wire inputs to these calls and persist the results with
:mod:`servicelab.storage.progress`.

Modules, with one-way imports from top to bottom (``tests/test_layers.py`` checks them):

* :mod:`~servicelab.quiz.bank` — question dataclasses, bank, cards and curriculum loading, schema
  validation (``data/quiz/schema.json``); imports no other module of the package.
* :mod:`~servicelab.quiz.scoring` — :class:`Result` and the scoring of every type; imports ``bank``.
* :mod:`~servicelab.quiz.practice` — practice rounds, the wrong-answer review, the study streak.
* :mod:`~servicelab.quiz.paper` — the mock paper: blueprint, drawing, hand-in marking, the report.
* :mod:`~servicelab.quiz.schedule` — the Leitner spaced-repetition scheduler; imports ``bank``
  (and may import ``scoring``) only.

Nothing in the package imports widgets or storage. The names below are the public API, re-exported
so that ``from servicelab.quiz import load_bank, score_answer`` works.
"""
from __future__ import annotations

from .bank import (
    CASE_TOTALS,
    CHOICE_TYPES,
    LANGS,
    QUESTION_TYPES,
    PRACTICE_ONLY_TYPES,
    SELF_ASSESSED_TYPES,
    Bank,
    CasePart,
    Card,
    Curriculum,
    Option,
    Question,
    Text,
    curriculum,
    load_bank,
    load_cards,
    load_curriculum,
)
from .paper import DEFAULT_BLUEPRINT, DEFAULT_MINUTES, ExamSection, MockExam, MockReport, mock_exam, mock_report
from .practice import practice_set, streak_days, wrong_answer_review
from .schedule import INTERVALS_DAYS, N_BOXES, ItemState, card_review, due_items, interval, next_question, replay, review
from .scoring import SELF_ASSESSED_PASS, Result, case_part_marks, parse_number, score_answer

__all__ = [
    "CASE_TOTALS", "CHOICE_TYPES", "DEFAULT_MINUTES", "PRACTICE_ONLY_TYPES", "CasePart", "case_part_marks", "DEFAULT_BLUEPRINT", "INTERVALS_DAYS", "LANGS", "N_BOXES", "QUESTION_TYPES",
    "SELF_ASSESSED_PASS", "SELF_ASSESSED_TYPES", "Bank", "Card", "Curriculum", "ExamSection", "ItemState",
    "MockExam", "MockReport", "Option", "Question", "Result", "Text", "card_review", "curriculum", "due_items",
    "interval", "load_bank", "load_cards", "load_curriculum", "mock_exam", "mock_report", "next_question",
    "parse_number", "practice_set", "replay", "review", "score_answer", "streak_days", "wrong_answer_review",
]
