"""Exam prep for course 10421: the question bank, scoring, practice, the mock paper, spaced repetition.

Everything here is a pure function of its inputs (the bank, the learner's responses, a
:class:`random.Random` and the time ``now``), so the widgets of notebook 12
(:mod:`servicelab.widgets.quiz`) only wire inputs to these calls and persist the results with
:mod:`servicelab.storage.progress`.

Modules, with one-way imports from top to bottom (``tests/test_layers.py`` checks them):

* :mod:`~servicelab.quiz.bank` — question dataclasses, bank, cards and curriculum loading, schema
  validation (``data/quiz/schema.json``); imports no other module of the package.
* :mod:`~servicelab.quiz.scoring` — :class:`Result` and the scoring of every type; imports ``bank``.
* :mod:`~servicelab.quiz.practice` — practice rounds, the wrong-answer review, the 错题本
  (:func:`~servicelab.quiz.practice.wrong_book`), the study streak.
* :mod:`~servicelab.quiz.paper` — the mock paper: blueprint, drawing, hand-in marking, the report.
* :mod:`~servicelab.quiz.schedule` — the FSRS spaced-repetition scheduler with the exam date; may import
  ``bank`` and ``scoring`` only.

Nothing in the package imports widgets or storage. The names below are the public API, re-exported
so that ``from servicelab.quiz import load_bank, score_answer`` works.
"""
from __future__ import annotations

from .bank import (
    CARD_KINDS,
    CHOICE_TYPES,
    LANGS,
    QUESTION_TYPES,
    SELF_ASSESSED_TYPES,
    Bank,
    Card,
    Curriculum,
    Option,
    Question,
    Text,
    curriculum,
    load_bank,
    load_cards,
    load_curriculum,
    term_cards,
    term_of,
)
from .paper import DEFAULT_BLUEPRINT, ExamSection, MockExam, MockReport, mock_exam, mock_report
from .practice import WRONG_BOOK_COLUMNS, practice_set, question_tags, streak_days, wrong_answer_review, wrong_book
from .schedule import (
    ItemState,
    capped_due,
    card_review,
    due_items,
    exam_start,
    forecast_by_chapter,
    horizon,
    marks_by_type,
    next_question,
    parse_exam_date,
    recall,
    replay,
    review,
    review_order,
)
from .scoring import SELF_ASSESSED_PASS, Result, parse_number, score_answer

__all__ = [
    "CARD_KINDS", "CHOICE_TYPES", "WRONG_BOOK_COLUMNS", "question_tags", "term_cards", "term_of", "wrong_book",
    "DEFAULT_BLUEPRINT", "LANGS", "QUESTION_TYPES",
    "SELF_ASSESSED_PASS", "SELF_ASSESSED_TYPES", "Bank", "Card", "Curriculum", "ExamSection", "ItemState",
    "MockExam", "MockReport", "Option", "Question", "Result", "Text", "card_review", "curriculum", "due_items",
    "capped_due", "exam_start", "forecast_by_chapter", "horizon", "load_bank", "marks_by_type", "parse_exam_date", "recall", "review_order", "load_cards", "load_curriculum", "mock_exam", "mock_report", "next_question",
    "parse_number", "practice_set", "replay", "review", "score_answer", "streak_days", "wrong_answer_review",
]
