"""Tests for servicelab.quiz.practice: practice rounds and the wrong-answer review list.

``mixed_bank`` (tests/quiz/conftest.py) holds every type in chapters 01, 03, 05 and 09.
"""
from __future__ import annotations

import importlib.util
import random
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest

from servicelab import quiz
from servicelab.errors import ServiceLabError
from servicelab.quiz.practice import practice_set, wrong_answer_review

_spec = importlib.util.spec_from_file_location("quiz_items", Path(__file__).parents[1] / "fixtures" / "quiz_items.py")
_items = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_items)
T0 = _items.T0
_concept_in = _items._concept_in
_qid = _items._qid


def test_practice_set_filters_and_is_reproducible(mixed_bank):
    qs = practice_set(mixed_bank, random.Random(3), chapter="05", n=None)
    assert sorted(q.id for q in qs) == sorted(_qid("05", t) for t in quiz.QUESTION_TYPES)
    assert [q.id for q in practice_set(mixed_bank, random.Random(3), qtype="single")] == \
           [q.id for q in practice_set(mixed_bank, random.Random(3), qtype="single")]
    assert len(practice_set(mixed_bank, random.Random(0), n=5)) == 5
    c = _concept_in("09")
    assert {q.id for q in practice_set(mixed_bank, random.Random(0), concept=c, qtype="essay")} == {"Q-09-essay"}
    with pytest.raises(ServiceLabError):
        practice_set(mixed_bank, random.Random(0), chapter="11")


def test_wrong_answer_review_uses_latest_answer(mixed_bank):
    log = pd.DataFrame({
        "question_id": ["Q-01-single", "Q-01-single", "Q-03-single", "Q-05-single", "Q-05-single", "Q-gone"],
        "correct": [False, True, False, True, False, False],
        "answered_at": [T0, T0 + timedelta(hours=1), T0 + timedelta(hours=2), T0, T0 + timedelta(hours=3), T0],
    })
    review = wrong_answer_review(mixed_bank, log)
    assert [q.id for q in review] == ["Q-05-single", "Q-03-single"]
    assert wrong_answer_review(mixed_bank, log.iloc[0:0]) == []
