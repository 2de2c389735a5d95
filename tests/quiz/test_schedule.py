"""Tests for servicelab.quiz.schedule (Leitner boxes, Leitner 1972) and the memory-card review built on it.

Oracle: the Leitner rules as stated in the task and module docstring — five boxes, intervals
1, 2, 4, 8, 16 days, correct → next box (max 5), wrong → box 1 — re-implemented independently
below as `_leitner_box`.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from servicelab.quiz.bank import Bank, Card, Question, Text
from servicelab.quiz.schedule import (
    INTERVALS_DAYS,
    card_review,
    due_items,
    next_question,
    replay,
    review,
)

T0 = datetime(2025, 6, 1, 8, 0, tzinfo=timezone.utc)
answers = st.lists(st.booleans(), max_size=40)
gaps = st.integers(min_value=0, max_value=40 * 24 * 60)  # minutes between reviews


def _leitner_box(history: list[bool]) -> int:
    box = 1
    for ok in history:
        box = min(box + 1, 5) if ok else 1
    return box


def _q(qid: str) -> Question:
    return Question(id=qid, type="true_false", concepts=("C1.1",), chapter="01", difficulty=1,
                    prompt=Text("题", "Q"), explanation=Text("解", "E"), notebook="01_service_era", answer=True)


def test_intervals_are_leitner_doubling():
    assert INTERVALS_DAYS == (1, 2, 4, 8, 16)


def test_worked_sequence():
    s = review(None, "x", True, T0)           # box 1 → 2
    assert (s.box, s.due) == (2, T0 + timedelta(days=2))
    s = review(s, "x", True, T0 + timedelta(days=2))   # → 3, 4 days
    assert (s.box, s.due) == (3, T0 + timedelta(days=6))
    s = review(s, "x", False, T0 + timedelta(days=6))  # → 1, 1 day
    assert (s.box, s.due, s.n_correct, s.n_wrong) == (1, T0 + timedelta(days=7), 2, 1)


@given(answers)
def test_boxes_stay_in_range_and_match_the_rules(history):
    s = None
    for i, ok in enumerate(history):
        s = review(s, "x", ok, T0 + timedelta(days=i))
        assert 1 <= s.box <= 5
    if history:
        assert s.box == _leitner_box(history)
        assert s.n_correct == sum(history) and s.n_wrong == len(history) - sum(history)
        assert s.due - s.last_reviewed == timedelta(days=INTERVALS_DAYS[s.box - 1])


@given(answers, gaps)
def test_correct_never_sooner_than_wrong(history, gap):
    s = None
    for i, ok in enumerate(history):
        s = review(s, "x", ok, T0 + timedelta(days=i))
    now = T0 + timedelta(days=len(history), minutes=gap)
    right, wrong = review(s, "x", True, now), review(s, "x", False, now)
    assert right.due > wrong.due
    assert right.box >= wrong.box


@given(st.lists(st.tuples(st.sampled_from("abc"), st.booleans(), gaps), max_size=30), st.randoms())
def test_replay_does_not_depend_on_input_order(events, rnd):
    # distinct times so the time order is unambiguous
    timed = [(item, ok, T0 + timedelta(minutes=m, microseconds=i)) for i, (item, ok, m) in enumerate(events)]
    shuffled = list(timed)
    rnd.shuffle(shuffled)
    assert replay(timed) == replay(shuffled)
    for item in "abc":
        hist = [ok for it, ok, when in sorted(timed, key=lambda e: e[2]) if it == item]
        if hist:
            assert replay(timed)[item].box == _leitner_box(hist)


@given(st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), st.tuples(st.booleans(), gaps)), gaps)
def test_due_items_are_exactly_the_overdue_ones(spec, gap):
    progress = {k: review(None, k, ok, T0 + timedelta(minutes=m)) for k, (ok, m) in spec.items()}
    now = T0 + timedelta(minutes=gap)
    due = due_items(progress, now)
    assert set(due) == {k for k, s in progress.items() if s.due <= now}
    assert [progress[k].due for k in due] == sorted(progress[k].due for k in due)


def test_next_question_prefers_due_then_new_then_none():
    bank = Bank([_q("Q-a"), _q("Q-b"), _q("Q-c")])
    rng = random.Random(0)
    progress = {"Q-a": review(None, "Q-a", True, T0),         # due in 2 days
                "Q-b": review(None, "Q-b", False, T0)}        # due in 1 day
    # nothing due yet: the only new question
    assert next_question(bank, progress, T0 + timedelta(hours=1), rng).id == "Q-c"
    # b due after 1 day, before the new one
    assert next_question(bank, progress, T0 + timedelta(days=1), rng).id == "Q-b"
    # both due: the more overdue (b) first
    assert next_question(bank, progress, T0 + timedelta(days=3), rng).id == "Q-b"
    progress = {**progress, "Q-c": review(None, "Q-c", True, T0)}
    assert next_question(bank, progress, T0 + timedelta(hours=1), rng) is None
    # pool restriction
    assert next_question(bank, {}, T0, rng, pool=[bank["Q-b"]]).id == "Q-b"


@given(st.randoms(), st.sets(st.sampled_from(["Q-a", "Q-b", "Q-c", "Q-d"])))
def test_next_question_new_comes_from_unseen(rnd, seen):
    bank = Bank([_q(i) for i in ("Q-a", "Q-b", "Q-c", "Q-d")])
    progress = {i: review(None, i, True, T0) for i in seen}
    q = next_question(bank, progress, T0, random.Random(rnd.random()))
    if len(seen) == 4:
        assert q is None
    else:
        assert q.id not in seen


def test_card_review_due_first_then_new():
    cards = [Card(id=f"K-{i}", concepts=("C3.5",), mnemonic=Text("m", "m"), parts=(Text("p", "p"),),
                       notebook="10_quality_management", explanation=Text("e", "e")) for i in range(4)]
    progress = {"K-0": review(None, "K-0", True, T0),        # due T0 + 2 d
                "K-1": review(None, "K-1", False, T0)}       # due T0 + 1 d
    picked = card_review(cards, progress, T0 + timedelta(days=1), random.Random(0), n=10)
    assert picked[0].id == "K-1" and {c.id for c in picked[1:]} == {"K-2", "K-3"}
    picked = card_review(cards, progress, T0 + timedelta(days=3), random.Random(0), n=3)
    assert [c.id for c in picked[:2]] == ["K-1", "K-0"] and len(picked) == 3
