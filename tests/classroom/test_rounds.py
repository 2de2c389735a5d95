"""Round specs and answer validation (servicelab.classroom.rounds): every refusal names the field, in both languages."""
from __future__ import annotations

import copy

import pytest

from servicelab.classroom.rounds import public_spec, validate_answer, validate_spec
from servicelab.errors import ServiceLabError

from .conftest import CHOICE, GOOD_SURVEY_ANSWER, MULTI, SURVEY


def refused(fn, *args) -> ServiceLabError:
    with pytest.raises(ServiceLabError) as info:
        fn(*args)
    return info.value


def test_valid_specs_are_kept_with_defaults():
    s = validate_spec({"kind": "choice", "question_id": "Q-1", "phase": 2, "options": ["A", "B"]})
    assert s["multiple"] is False and s["display"] == {} and s["options"] == ["A", "B"]
    v = validate_spec({"kind": "survey", "items": [{"key": "x", "min": 1, "max": 5}]})
    assert v["texts"] == [] and v["items"] == [{"key": "x", "min": 1, "max": 5}]
    assert validate_spec(CHOICE)["correct"] == ["B"]  # the panel's own keys are kept …
    assert "correct" not in public_spec(validate_spec(CHOICE))  # … but never shown to a phone
    assert "question_id" not in public_spec(validate_spec(CHOICE))


@pytest.mark.parametrize("change, key, named", [
    ({"kind": "poll"}, "classroom.error.spec_kind", "poll"),
    ({"phase": 3}, "classroom.error.spec_phase", "3"),
    ({"options": ["A"]}, "classroom.error.spec_options", "2"),
    ({"options": ["A", "A"]}, "classroom.error.spec_duplicate", "A"),
    ({"options": ["A", "B c"]}, "classroom.error.bad_key", "B c"),
    ({"multiple": "yes"}, "classroom.error.spec_bool", "multiple"),
    ({"display": {"fr": {}}}, "classroom.error.spec_display_lang", "fr"),
    ({"display": {"en": {"options": {"Z": "?"}}}}, "classroom.error.spec_display_key", "Z"),
    ({"display": {"en": {"prompt": {"html": "<b>"}}}}, "classroom.error.spec_display", "display.en.prompt"),
])
def test_bad_choice_specs(change, key, named):
    spec = {**copy.deepcopy(CHOICE), **change}
    err = refused(validate_spec, spec)
    assert err.key == key
    assert named in err.message("zh") and named in err.message("en")


@pytest.mark.parametrize("items, key, named", [
    ([], "classroom.error.spec_items", "60"),
    ([{"key": "x", "min": 7, "max": 1}], "classroom.error.spec_bounds", "x"),
    ([{"key": "x", "min": 1.0, "max": 7}], "classroom.error.spec_bounds", "x"),
    ([{"key": "x", "min": 1, "max": 7}, {"key": "x", "min": 0, "max": 10}], "classroom.error.spec_duplicate", "x"),
    ([{"key": "", "min": 1, "max": 7}], "classroom.error.bad_key", "items[0].key"),
])
def test_bad_survey_specs(items, key, named):
    err = refused(validate_spec, {"kind": "survey", "items": items})
    assert err.key == key
    assert named in err.message("zh") and named in err.message("en")


def test_text_field_length_bounds():
    err = refused(validate_spec, {"kind": "survey", "items": [{"key": "x", "min": 1, "max": 7}],
                                  "texts": [{"key": "t", "max_len": 0}]})
    assert err.key == "classroom.error.spec_max_len" and "2000" in err.message("en")


def test_choice_answers():
    single, multi = validate_spec(CHOICE), validate_spec(MULTI)
    assert validate_answer(single, {"choice": ["B"]}) == {"choice": ["B"]}
    assert validate_answer(multi, {"choice": ["E", "A", "C"]}) == {"choice": ["A", "C", "E"]}  # the options' order
    cases = [
        (single, {"choice": ["B", "C"]}, "classroom.error.answer_choice_single", "2"),
        (single, {"choice": ["Z"]}, "classroom.error.answer_choice_option", "A, B, C, D"),
        (single, {"choice": []}, "classroom.error.answer_choice_missing", None),
        (single, {"choice": "B"}, "classroom.error.answer_choice_missing", None),
        (multi, {"choice": ["A", "A"]}, "classroom.error.answer_choice_duplicate", None),
        (single, {"choice": ["B"], "extra": 1}, "classroom.error.answer_unknown_field", "extra"),
        (single, ["B"], "classroom.error.answer_not_object", None),
    ]
    for spec, payload, key, named in cases:
        err = refused(validate_answer, spec, payload)
        assert err.key == key, payload
        if named:
            assert named in err.message("zh") and named in err.message("en")


def test_survey_answers():
    spec = validate_spec(SURVEY)
    assert validate_answer(spec, GOOD_SURVEY_ANSWER) == GOOD_SURVEY_ANSWER
    assert validate_answer(spec, {"ratings": GOOD_SURVEY_ANSWER["ratings"]})["texts"] == {}
    r = GOOD_SURVEY_ANSWER["ratings"]
    cases = [
        ({"ratings": {**r, "recommend": 11}}, "classroom.error.answer_rating_range", ["recommend", "11", "0", "10"]),
        ({"ratings": {**r, "E_tangibles": 0}}, "classroom.error.answer_rating_range", ["E_tangibles", "1", "7"]),
        ({"ratings": {**r, "E_tangibles": 5.5}}, "classroom.error.answer_rating_range", ["5.5"]),
        ({"ratings": {**r, "E_tangibles": True}}, "classroom.error.answer_rating_range", ["True"]),
        ({"ratings": {**r, "E_tangibles": "6"}}, "classroom.error.answer_rating_range", ["E_tangibles"]),
        ({"ratings": {"E_tangibles": 6}}, "classroom.error.answer_rating_missing", ["P_tangibles", "recommend", "2"]),
        ({"ratings": {**r, "Q9": 3}}, "classroom.error.answer_unknown_key", ["Q9"]),
        ({"ratings": r, "texts": {"comment": "x" * 201}}, "classroom.error.answer_text_long", ["comment", "201", "200"]),
        ({"ratings": r, "texts": {"other": "x"}}, "classroom.error.answer_unknown_key", ["other"]),
        ({"ratings": r, "texts": {"comment": 5}}, "classroom.error.answer_text_type", ["comment"]),
        ({"ratings": r, "extra": {}}, "classroom.error.answer_unknown_field", ["extra"]),
        ({"texts": {}}, "classroom.error.answer_ratings_missing", []),
    ]
    for payload, key, named in cases:
        err = refused(validate_answer, spec, payload)
        assert err.key == key, payload
        for word in named:
            assert word in err.message("zh") and word in err.message("en"), (payload, word)


def test_text_is_kept_verbatim():
    spec = validate_spec(SURVEY)
    text = "<script>alert(1)</script> \u00a0 😀"
    out = validate_answer(spec, {"ratings": GOOD_SURVEY_ANSWER["ratings"], "texts": {"comment": text}})
    assert out["texts"]["comment"] == text
    # the limit counts characters, not bytes: 200 Chinese characters are allowed
    validate_answer(spec, {"ratings": GOOD_SURVEY_ANSWER["ratings"], "texts": {"comment": "好" * 200}})
