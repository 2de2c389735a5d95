"""Tests for servicelab.quiz.paper: drawing a timed mock paper and marking it by type and chapter.

``mixed_bank`` (tests/quiz/conftest.py) holds every type in chapters 01, 03, 05 and 09.
"""
from __future__ import annotations

import importlib.util
import random
from datetime import timedelta
from pathlib import Path

import pytest

from servicelab import quiz
from servicelab.quiz.paper import mock_exam, mock_report
from servicelab.quiz.scoring import score_answer

_spec = importlib.util.spec_from_file_location("quiz_items", Path(__file__).parents[1] / "fixtures" / "quiz_items.py")
_items = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_items)
T0 = _items.T0


def test_mock_exam_paper_and_deadline(mixed_bank):
    blueprint = [("single", 3, 1.0), ("multiple", 2, 2.0), ("essay", 9, 20.0), ("numeric", 0, 5.0)]
    exam = mock_exam(mixed_bank, random.Random(7), T0, blueprint=blueprint, minutes=90)
    assert exam.deadline == T0 + timedelta(minutes=90)
    assert [s.qtype for s in exam.sections] == ["single", "multiple", "essay"]
    assert [len(s.question_ids) for s in exam.sections] == [3, 2, 4]  # only 4 essays exist
    assert len(set(exam.question_ids)) == 9
    # three singles from three different chapters (4 chapters available)
    assert len({mixed_bank[i].chapter for i in exam.sections[0].question_ids}) == 3
    assert exam.total_marks == 3 * 1 + 2 * 2 + 4 * 20
    for s in exam.sections:
        assert all(mixed_bank[i].type == s.qtype for i in s.question_ids)


def test_default_blueprint_is_a_100_mark_paper():
    assert sum(n * m for _, n, m in quiz.DEFAULT_BLUEPRINT) == 100
    assert {t for t, _, _ in quiz.DEFAULT_BLUEPRINT} == set(quiz.QUESTION_TYPES) - {"true_false", "numeric"}


def test_default_paper_is_the_confirmed_10421_structure():
    """Oracle: data/quiz/README.md "The 10421 paper": 100 marks, 150 minutes, 单选 20 × 1, the six
    types 单选 多选 名词解释 简答 论述 案例分析 in that order, no 判断题 (and no 计算)."""
    bp = quiz.DEFAULT_BLUEPRINT
    assert [t for t, _, _ in bp] == ["single", "multiple", "term", "short", "essay", "case"]
    assert bp[0][1:] == (20, 1.0)
    assert quiz.DEFAULT_MINUTES == 150
    assert sum(n * m for _, n, m in bp) == 100


def test_the_shipped_bank_fills_the_default_paper():
    bank = quiz.load_bank()
    exam = mock_exam(bank, random.Random(0), T0)
    assert exam.total_marks == 100
    assert exam.deadline - exam.started_at == timedelta(minutes=150)
    types = [bank[i].type for i in exam.question_ids]
    assert "true_false" not in types and "numeric" not in types
    assert all(len(bank[i].options) == 4 for i in exam.question_ids if bank[i].type == "single")
    case = bank[exam.sections[-1].question_ids[0]]
    assert case.type == "case" and sum(p.marks for p in case.parts) == 15  # parts add up to the section's 15


def test_case_section_prefers_cases_worth_its_marks(mixed_bank):
    # the fixture's cases are all 10-mark cases: a 10-mark section takes them, a 15-mark one falls back
    exam = mock_exam(mixed_bank, random.Random(2), T0, blueprint=[("case", 2, 10.0)])
    assert len(exam.question_ids) == 2 and all(mixed_bank[i].type == "case" for i in exam.question_ids)
    assert len(mock_exam(mixed_bank, random.Random(2), T0, blueprint=[("case", 1, 15.0)]).question_ids) == 1


def test_case_marks_in_a_mock_report(mixed_bank):
    exam = mock_exam(mixed_bank, random.Random(1), T0, blueprint=[("case", 1, 10.0)])
    cid = exam.question_ids[0]
    # part 1: 3 of 4 key points of 6 marks = 4.5; part 2: 1 of 2 of 4 marks = 2 → 6.5 of 10
    r = score_answer(mixed_bank[cid], {"parts": [{"text": "a", "ticked": [0, 1, 2]}, {"text": "b", "ticked": [1]}]})
    rep = mock_report(exam, {cid: r}, mixed_bank)
    assert rep.total == pytest.approx(6.5) and rep.possible == 10.0


def test_mock_report_marks_by_type_and_chapter(mixed_bank):
    exam = mock_exam(mixed_bank, random.Random(1), T0, blueprint=[("single", 2, 1.0), ("essay", 1, 20.0)])
    s1, s2 = exam.sections[0].question_ids
    e1 = exam.sections[1].question_ids[0]
    results = {
        s1: score_answer(mixed_bank[s1], "B"),   # right: 1 mark
        s2: score_answer(mixed_bank[s2], "C"),   # wrong: 0
        e1: score_answer(mixed_bank[e1], {"text": "…", "ticked": [0, 1, 3]}),  # 3/4 of 20 = 15
    }
    rep = mock_report(exam, results, mixed_bank, submitted_at=T0 + timedelta(minutes=200))
    assert rep.total == pytest.approx(16.0) and rep.possible == 22.0
    assert rep.overtime  # 200 min > default 120
    assert list(rep.by_type["key"]) == ["single", "essay"]  # paper order, not alphabetical
    by_type = rep.by_type.set_index("key")
    assert by_type.loc["single", "marks"] == 1.0 and by_type.loc["single", "possible"] == 2.0
    assert by_type.loc["essay", "percent"] == pytest.approx(75.0)
    assert rep.by_chapter["possible"].sum() == 22.0
    # an unanswered paper scores 0
    assert mock_report(exam, {}, mixed_bank).total == 0.0
