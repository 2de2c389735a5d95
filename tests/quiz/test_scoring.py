"""Tests for servicelab.quiz.scoring: every question type, exam all-or-nothing, practice partial credit,
numbers as learners type them, self-assessed answers.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from servicelab import quiz
from servicelab.errors import ServiceLabError
from servicelab.quiz.scoring import parse_number, score_answer

_spec = importlib.util.spec_from_file_location("quiz_items", Path(__file__).parents[1] / "fixtures" / "quiz_items.py")
_items = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_items)
_q = _items._q


def test_single_choice_scoring():
    q = _q("single")  # key B
    assert score_answer(q, "B").score == 1.0
    assert score_answer(q, "b").correct
    assert score_answer(q, "Ｂ").correct  # full-width letter
    assert score_answer(q, "A").score == 0.0
    assert score_answer(q, None).score == 0.0
    with pytest.raises(ServiceLabError) as info:
        score_answer(q, "Z")
    assert "Q-t-single" in info.value.message("en")


@pytest.mark.parametrize(
    "picked, exam, partial",
    [
        (["A", "B", "C"], 1.0, 1.0),
        ("C,A B", 1.0, 1.0),
        (["A", "B"], 0.0, 2 / 3),       # 2 right, 0 wrong, 3 keys
        (["A", "B", "D"], 0.0, 1 / 3),  # (2 − 1)/3
        (["A", "D"], 0.0, 0.0),         # (1 − 1)/3
        (["D"], 0.0, 0.0),              # floored at 0, not −1/3
        (["A", "B", "C", "D"], 0.0, 2 / 3),
        ([], 0.0, 0.0),
    ],
)
def test_multiple_choice_exam_and_partial(picked, exam, partial):
    r = score_answer(_q("multiple"), picked)  # key A, B, C
    assert r.score == exam
    assert r.partial_credit == pytest.approx(partial)
    assert r.correct is (exam == 1.0)


def test_true_false_scoring():
    q = _q("true_false")  # answer True
    assert score_answer(q, True).correct
    assert score_answer(q, "对").correct and score_answer(q, "√").correct
    assert not score_answer(q, "错").correct and not score_answer(q, False).correct
    with pytest.raises(ServiceLabError):
        score_answer(q, "maybe")


@pytest.mark.parametrize("text", ["0.765", "０．７６５", "0,765", "76.5%", "76.5％", " 0.7655 ", "0。765", ".765"])
def test_numeric_accepts_learner_spellings(text):
    assert score_answer(_q("numeric"), text).correct  # 0.765 ± 0.001


@pytest.mark.parametrize("text", ["0.77", "0.7", "77%", "-0.765"])
def test_numeric_outside_tolerance(text):
    r = score_answer(_q("numeric"), text)
    assert not r.correct and r.score == 0.0


@pytest.mark.parametrize("text", ["abc", "0.7.6", "七十", "nan", "inf", "1e999", "--1", "%"])
def test_numeric_unparseable_is_a_clear_error(text):
    with pytest.raises(ServiceLabError) as info:
        score_answer(_q("numeric"), text)
    assert info.value.key == "quiz.error.not_a_number"
    assert "Q-t-numeric" in info.value.message("zh") and "Q-t-numeric" in info.value.message("en")


def test_numeric_empty_is_unanswered_not_error():
    assert score_answer(_q("numeric"), "  ").score == 0.0


def test_numeric_percent_unit_keeps_the_number():
    q = _q("numeric", answer=6.67, tolerance=0.01, unit={"zh": "%", "en": "%"})
    assert score_answer(q, "6.67%").correct
    assert score_answer(q, "6.67").correct
    assert not score_answer(q, "0.0667").correct


def test_numeric_ignores_the_questions_own_unit():
    q = _q("numeric", answer=800, tolerance=0.01, unit={"zh": "元", "en": "yuan"})
    assert score_answer(q, "800元").correct and score_answer(q, "800 Yuan").correct
    assert score_answer(q, "８００ 元").correct
    with pytest.raises(ServiceLabError):
        score_answer(q, "800 dollars")


@pytest.mark.parametrize("text, value", [("1,234", 1234.0), ("12,345,678", 12345678.0), ("-3,5", -3.5),
                                          ("1,234.5", 1234.5), ("５０％", 0.5), ("2e-3", 0.002)])
def test_parse_number_rules(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_self_assessed_score_is_ticked_share():
    q = _q("essay")  # 4 key points
    text = "服务补救 🙂 — with the three keys"
    r = score_answer(q, {"text": text, "ticked": [0, 2]})
    assert r.score == 0.5 and not r.correct  # below the 0.6 pass mark
    assert r.response["text"] == text
    r = score_answer(q, {"text": "", "ticked": [0, 1, 2, 2]})
    assert r.score == 0.75 and r.correct and r.response["ticked"] == [0, 1, 2]
    with pytest.raises(ServiceLabError):
        score_answer(q, {"text": "x", "ticked": [4]})
    with pytest.raises(ServiceLabError):
        score_answer(q, "just text, nothing ticked")


@pytest.mark.parametrize("ticked, pass_mark, correct", [
    ([0, 1], 0.5, True),          # 2 / 4 = 0.5 reaches a 50 % pass mark
    ([0, 1], 0.6, False),
    ([0, 1, 2], 0.6, True),       # 0.75
    ([0, 1, 2], 0.8, False),
    ([], 0.0, True),              # a zero pass mark accepts anything
])
def test_self_assessed_pass_mark_is_a_parameter(ticked, pass_mark, correct):
    r = score_answer(_q("short"), {"text": "x", "ticked": ticked}, pass_mark=pass_mark)
    assert r.correct is correct and r.score == len(ticked) / 4


def test_hand_built_question_without_keys_scores_zero_not_a_crash():
    # the schema forbids these (see test_schema_rules_out_empty_denominators); a Question built in
    # code bypasses it, and scoring must still not divide by zero
    essay = quiz.Question(id="Q-e", type="essay", concepts=("C1.1",), chapter="01", difficulty=1,
                          prompt=quiz.Text("题", "Q"), explanation=quiz.Text("解", "E"), notebook="01_service_era",
                          key_points=())
    r = score_answer(essay, {"text": "x", "ticked": []})
    assert (r.score, r.correct) == (0.0, False)
    multi = quiz.Question(id="Q-m", type="multiple", concepts=("C1.1",), chapter="01", difficulty=1,
                          prompt=quiz.Text("题", "Q"), explanation=quiz.Text("解", "E"), notebook="01_service_era",
                          options=(quiz.Option("A", quiz.Text("甲", "a")), quiz.Option("B", quiz.Text("乙", "b"))),
                          answer=())
    assert score_answer(multi, ["A"]).partial_credit == 0.0


def test_default_pass_mark_is_sixty_percent():
    assert quiz.SELF_ASSESSED_PASS == 0.6
    with pytest.raises(ValueError):
        score_answer(_q("short"), {"text": "x", "ticked": []}, pass_mark=1.5)


# numeric: the precision the prompt asks for (issue 7, item 19)


def test_numeric_accepts_every_correct_rounding_of_a_boundary_key():
    """−0.855 at two decimals: half-up gives −0.86, half-even (and binary −0.85499…) −0.85: both right.

    Oracle: the rule of data/quiz/README.md — within half a unit of the last asked decimal of the
    exact key, inclusive — computed here with exact decimals, not with the code under test.
    """
    from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

    q = _q("numeric", answer=-0.855, decimals=2)
    half_up = Decimal("-0.855").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)      # −0.86
    half_even = Decimal("-0.855").quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)  # −0.86 too
    # … but the double nearest −0.855 is −0.85499…, so Python's round() gives −0.85
    assert str(half_up) == str(half_even) == "-0.86" and str(round(-0.855, 2)) == "-0.85"
    for text in (str(half_up), str(half_even), str(round(-0.855, 2)), "-0.855", "−0,86"):
        assert score_answer(q, text).correct, text
    for text in ("-0.84", "-0.87", "-0.8649", "-0.9"):
        assert not score_answer(q, text).correct, text


@pytest.mark.parametrize("decimals, inside, outside", [
    (0, ["799.5", "800.5", "800"], ["799.4", "800.6"]),
    (1, ["799.95", "800.05"], ["799.9", "800.1"]),
    (4, ["800.00005", "799.99995"], ["800.0001", "799.9999"]),
])
def test_numeric_window_is_half_a_unit_of_the_last_decimal_inclusive(decimals, inside, outside):
    q = _q("numeric", answer=800, decimals=decimals)
    assert all(score_answer(q, x).correct for x in inside), inside
    assert not any(score_answer(q, x).correct for x in outside), outside


def test_numeric_tolerance_only_widens_the_window():
    narrow = _q("numeric", answer=4649.122807, decimals=1, tolerance=0.01)  # narrower than 0.05: ignored
    assert score_answer(narrow, "4649.1").correct and not score_answer(narrow, "4649.2").correct
    wide = _q("numeric", answer=4649.122807, decimals=1, tolerance=2.0)
    assert score_answer(wide, "4650").correct and score_answer(wide, "4647.2").correct
    assert not score_answer(wide, "4652").correct


# ---------------------------------------------------------------- the case type: pro rata per part
def test_case_marks_per_part_pro_rata_to_key_points():
    q = _q("case")  # part 1: 6 marks, 4 key points; part 2: 4 marks, 2 key points (total 10)
    resp = {"parts": [{"text": "a", "ticked": [0, 2, 3]}, {"text": "b", "ticked": [0]}]}
    assert quiz.case_part_marks(q, resp) == [pytest.approx(4.5), pytest.approx(2.0)]  # 6·3/4, 4·1/2
    r = score_answer(q, resp)
    assert r.score == pytest.approx(0.65) and r.max_score == 1.0 and r.correct  # 6.5 / 10 ≥ 0.6
    assert r.response == {"parts": [{"text": "a", "ticked": [0, 2, 3]}, {"text": "b", "ticked": [0]}]}
    # a case weighted by marks, not by key-point count: 4 of 6 key points ticked but the wrong ones
    low = score_answer(q, {"parts": [{"text": "", "ticked": [0]}, {"text": "", "ticked": [0, 1]}]})
    assert low.score == pytest.approx((1.5 + 4) / 10) and not low.correct


def test_case_unanswered_and_missing_parts_score_zero():
    q = _q("case")
    assert score_answer(q, None).score == 0.0
    assert score_answer(q, {"parts": [{"text": "", "ticked": [0, 1, 2, 3]}]}).score == pytest.approx(0.6)


@pytest.mark.parametrize("resp, key", [
    ({"parts": [{"ticked": [4]}]}, "quiz.error.bad_key_point"),        # part 1 has key points 0-3
    ({"parts": [{}, {}, {}]}, "quiz.error.bad_case_part"),             # the case has two parts
    ({"text": "x", "ticked": [0]}, "quiz.error.bad_self_assessment"),  # flat answer is not a case answer
    ("AB", "quiz.error.bad_self_assessment"),
])
def test_case_bad_response_is_a_clear_error(resp, key):
    with pytest.raises(ServiceLabError) as e:
        score_answer(_q("case"), resp)
    assert e.value.key == key
