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
    ExamTag,
    Option,
    Question,
    Text,
    curriculum,
    heading_anchor,
    heading_cells,
    load_bank,
    load_cards,
    load_curriculum,
    notebook_headings,
    notebooks_dir,
    term_cards,
    term_of,
    voila_anchor,
    written_notebooks,
)
from .paper import DEFAULT_BLUEPRINT, DEFAULT_MINUTES, ExamSection, MockExam, MockReport, mock_exam, mock_report
from .practice import (
    WRONG_BOOK_COLUMNS,
    exam_tag_label,
    matches_exam_tag,
    practice_set,
    question_tags,
    streak_days,
    wrong_answer_review,
    wrong_book,
)
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
from .scoring import SELF_ASSESSED_PASS, Result, case_part_marks, parse_number, score_answer

__all__ = [
    "CARD_KINDS", "CASE_TOTALS", "CHOICE_TYPES", "DEFAULT_MINUTES", "PRACTICE_ONLY_TYPES", "CasePart", "case_part_marks", "DEFAULT_BLUEPRINT", "LANGS", "QUESTION_TYPES", "WRONG_BOOK_COLUMNS",
    "SELF_ASSESSED_PASS", "SELF_ASSESSED_TYPES", "Bank", "Card", "Curriculum", "ExamSection", "ExamTag", "ItemState",
    "MockExam", "MockReport", "Option", "Question", "Result", "Text", "capped_due", "card_review", "curriculum",
    "due_items", "exam_start", "exam_tag_label", "forecast_by_chapter", "heading_anchor", "heading_cells", "horizon", "load_bank",
    "load_cards", "load_curriculum", "marks_by_type", "matches_exam_tag", "mock_exam", "mock_report",
    "next_question", "notebook_headings", "notebooks_dir", "parse_exam_date", "parse_number", "practice_set",
    "question_tags", "recall", "replay", "review", "review_order", "score_answer", "streak_days", "term_cards",
    "term_of", "voila_anchor", "written_notebooks", "wrong_answer_review", "wrong_book",
]
