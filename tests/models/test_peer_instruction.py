"""Peer instruction vote counts and vote shift (Crouch & Mazur 2001).

Oracles: hand-worked examples (written out below) and an independent ``pandas.crosstab`` of the
matched devices' answers.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from servicelab.errors import ServiceLabError
from servicelab.models import peer_instruction as pi

OPTS = ["A", "B", "C", "D"]


def test_vote_counts_hand_worked_single_choice():
    # 5 devices: A, B, B, B, D -> counts 1, 3, 0, 1 of n = 5
    answers = pd.DataFrame({"device": list("vwxyz"),
                            "payload": [{"choice": ["A"]}, {"choice": ["B"]}, {"choice": ["B"]},
                                        {"choice": ["B"]}, {"choice": ["D"]}],
                            "received_at": [1.0, 2.0, 3.0, 4.0, 5.0]})
    v = pi.vote_counts(answers, OPTS, correct="B")
    assert v["count"].tolist() == [1, 3, 0, 1]
    assert v["share"].tolist() == pytest.approx([0.2, 0.6, 0.0, 0.2])
    assert v["correct"].tolist() == [False, True, False, False]
    assert v.attrs["n"] == 5


def test_vote_counts_multiple_choice_counts_each_option_a_device_chose():
    v = pi.vote_counts({"a": ["A", "C"], "b": ["C"], "c": ["A", "B", "C"]}, OPTS, correct=["A", "C"])
    assert v["count"].tolist() == [2, 1, 3, 0]
    assert v["share"].tolist() == pytest.approx([2 / 3, 1 / 3, 1.0, 0.0])
    assert v["correct"].tolist() == [True, False, True, False]


def test_vote_counts_of_an_empty_round():
    v = pi.vote_counts({}, OPTS)
    assert v["count"].sum() == 0 and v["share"].sum() == 0 and v.attrs["n"] == 0


def test_vote_shift_hand_worked():
    # round 1: a-A b-B c-C d-D e-A      round 2: a-B b-B c-B d-D f-B (e left, f joined)
    r1 = {"a": ["A"], "b": ["B"], "c": ["C"], "d": ["D"], "e": ["A"]}
    r2 = {"a": ["B"], "b": ["B"], "c": ["B"], "d": ["D"], "f": ["B"]}
    s = pi.vote_shift(r1, r2, OPTS, "B")
    m = s.summary
    assert (m.n_round1, m.n_round2, m.n_both) == (5, 5, 4)
    assert m.correct_before == pytest.approx(1 / 5)      # only b
    assert m.correct_after == pytest.approx(4 / 5)       # a, b, c, f
    assert m.correct_before_both == pytest.approx(1 / 4)
    assert m.correct_after_both == pytest.approx(3 / 4)
    assert (m.moved_to_correct, m.moved_away_from_correct, m.changed) == (2, 0, 2)
    nonzero = s.transitions.query("count > 0").set_index(["from", "to"])["count"].to_dict()
    assert nonzero == {("A", "B"): 1, ("B", "B"): 1, ("C", "B"): 1, ("D", "D"): 1}
    assert len(s.transitions) == 16  # every pair of the four options, zeros included


def test_vote_shift_matches_an_independent_crosstab():
    rng = np.random.default_rng(13)
    devices = [f"d{i}" for i in range(40)]
    r1 = {d: [OPTS[k]] for d, k in zip(devices, rng.integers(0, 4, 40)) if d != "d0"}
    r2 = {d: [OPTS[k]] for d, k in zip(devices, rng.integers(0, 4, 40)) if d != "d1"}
    s = pi.vote_shift(r1, r2, OPTS, "C")
    both = sorted(set(r1) & set(r2))
    ct = pd.crosstab(pd.Series([r1[d][0] for d in both], name="from"),
                     pd.Series([r2[d][0] for d in both], name="to"))
    ct = ct.reindex(index=OPTS, columns=OPTS, fill_value=0)
    mine = s.transitions.pivot(index="from", columns="to", values="count").reindex(index=OPTS, columns=OPTS)
    assert (mine.to_numpy() == ct.to_numpy()).all()
    assert s.summary.n_both == len(both) == 38
    assert s.summary.correct_before == pytest.approx(np.mean([v == ["C"] for v in r1.values()]))
    assert s.summary.moved_to_correct == sum(r1[d] != ["C"] and r2[d] == ["C"] for d in both)
    assert s.summary.moved_away_from_correct == sum(r1[d] == ["C"] and r2[d] != ["C"] for d in both)


def test_multiple_choice_correct_means_exactly_the_right_set():
    r1 = {"a": ["A"], "b": ["A", "C"], "c": ["A", "B", "C"]}
    r2 = {"a": ["C", "A"], "b": ["A", "C"], "c": ["A", "C"]}
    s = pi.vote_shift(r1, r2, OPTS, ["A", "C"])
    assert s.summary.correct_before == pytest.approx(1 / 3)   # only b; c has an extra option
    assert s.summary.correct_after == pytest.approx(1.0)
    assert s.summary.moved_to_correct == 2
    assert set(s.answers) == {"A", "A+C", "A+B+C"}
    got = s.transitions.query("count > 0").set_index(["from", "to"])["count"].to_dict()
    assert got == {("A", "A+C"): 1, ("A+C", "A+C"): 1, ("A+B+C", "A+C"): 1}
    assert s.transitions.loc[s.transitions["to"] == "A+C", "to_correct"].all()


def test_store_shaped_answers_are_read_from_the_payload():
    frame = pd.DataFrame({"device": ["x", "y"], "payload": [{"choice": ["D"]}, {"choice": ["A"]}],
                          "received_at": [2.0, 1.0]})
    assert pi.round_choices(frame, OPTS).map(sorted).to_dict() == {"x": ["D"], "y": ["A"]}


@pytest.mark.parametrize("answers, key", [
    ({"x": ["E"]}, "classpanel.error.unknown_option"),
    ({"x": []}, "classpanel.error.empty_choice"),
    (pd.DataFrame({"device": ["x", "x"], "choice": [["A"], ["B"]]}), "classpanel.error.duplicate_device"),
    (pd.DataFrame({"who": ["x"]}), "classpanel.error.answers_columns"),
])
def test_bad_answers_are_refused_with_a_translated_reason(answers, key):
    with pytest.raises(ServiceLabError) as err:
        pi.vote_counts(answers, OPTS)
    assert err.value.key == key
    assert "{" not in err.value.message("en")


def test_a_correct_answer_outside_the_options_is_refused():
    with pytest.raises(ServiceLabError) as err:
        pi.vote_shift({}, {}, OPTS, "E")
    assert err.value.key == "classpanel.error.correct" and "A, B, C, D" in err.value.message("zh")
