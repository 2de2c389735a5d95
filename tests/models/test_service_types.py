"""Tests for servicelab.models.service_types: C1.2 characteristics and C1.3 service types."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servicelab.errors import ServiceLabError
from servicelab.i18n import t
from servicelab.models.service_types import (
    IMPROVE,
    PERSONAL_ITEMS,
    PROCEDURAL_ITEMS,
    SERVICE_TYPES,
    characteristic_scores,
    classify_services,
    service_type,
    service_type_grid,
)


@pytest.mark.parametrize(
    "procedural, personal, expected",
    [
        (1.5, 2.0, "indifferent"),  # both weak
        (4.5, 1.5, "by_the_book"),  # procedure strong, personal weak
        (2.0, 4.5, "friendly"),  # personal strong, procedure weak
        (4.0, 4.2, "quality"),  # both strong
    ],
)
def test_four_types_from_the_grid(procedural, personal, expected):
    assert service_type(procedural, personal) == expected


def test_score_on_the_threshold_counts_as_weak():
    assert service_type(3, 3) == "indifferent"  # default threshold: midpoint 3 of 1–5
    assert service_type(3.0001, 3) == "by_the_book"
    assert service_type(4, 4, threshold=4) == "indifferent"
    assert service_type(4, 4, threshold=3.5) == "quality"


def test_threshold_and_scale_parameters():
    # 1–7 scale: midpoint 4
    assert service_type(5, 4, low=1, high=7) == "by_the_book"
    with pytest.raises(ServiceLabError) as info:
        service_type(3, 3, threshold=6)
    assert info.value.key == "service_types.bad_threshold"


def test_out_of_range_score():
    with pytest.raises(ServiceLabError) as info:
        service_type(6, 3)
    assert info.value.params["column"] == "procedural"


def test_type_names_in_both_languages_match_the_course():
    zh = [t(f"service_types.type.{c}", "zh") for c in SERVICE_TYPES]
    assert zh == ["漠不关心型", "按部就班型", "热情友好型", "优质服务型"]
    assert t("service_types.type.by_the_book", "en") == "By-the-book"


def test_what_to_improve():
    assert IMPROVE["by_the_book"] == ("personal",)
    assert IMPROVE["friendly"] == ("procedural",)
    assert set(IMPROVE["indifferent"]) == {"procedural", "personal"}
    assert IMPROVE["quality"] == ()


def test_characteristic_scores_hand_worked():
    r = pd.DataFrame(
        {"timeliness": [5, 2], "flow": [4, 2], "feedback": [3, 2], "attitude": [2, 5], "tact": [1, 4]},
        index=["Bank A", "Cafe B"],
    )
    s = characteristic_scores(r)
    assert s.loc["Bank A"].tolist() == [4.0, 1.5]
    assert s.loc["Cafe B"].tolist() == [2.0, 4.5]


def test_characteristic_scores_need_both_characteristics():
    with pytest.raises(ServiceLabError) as info:
        characteristic_scores(pd.DataFrame({"timeliness": [4], "flow": [5]}))
    assert info.value.params["characteristic"] == "personal"


def test_characteristic_scores_custom_items_all_required():
    items = {"procedural": ["wait", "steps"], "personal": ["smile"]}
    with pytest.raises(ServiceLabError) as info:
        characteristic_scores(pd.DataFrame({"wait": [4], "smile": [5]}), items=items)
    assert info.value.params["missing"] == "steps"


def test_characteristic_scores_out_of_range_names_row_and_item():
    r = pd.DataFrame({"timeliness": [4, 9], "attitude": [3, 3]}, index=["x", "y"])
    with pytest.raises(ServiceLabError) as info:
        characteristic_scores(r)
    assert (info.value.params["row"], info.value.params["column"]) == ("y", "timeliness")


def test_item_labels_exist():
    for code in PROCEDURAL_ITEMS + PERSONAL_ITEMS:
        assert t(f"service_types.item.{code}", "zh") and t(f"service_types.item.{code}", "en")


def test_classify_services_with_advice():
    s = pd.DataFrame({"procedural": [4.5, 2.0, 3.0, 4.0], "personal": [1.5, 4.5, 3.0, 5.0]}, index=list("abcd"))
    out = classify_services(s, lang="zh")
    assert out["service_type"].tolist() == ["by_the_book", "friendly", "indifferent", "quality"]
    assert out["improve"].tolist() == ["personal", "procedural", "procedural+personal", ""]
    assert out.loc["a", "type_name"] == "按部就班型"
    assert (out["advice"].str.len() > 0).all()


def test_grid_has_each_type_once():
    grid = service_type_grid("en")
    assert sorted(grid["service_type"]) == sorted(SERVICE_TYPES)


score = st.floats(1, 5, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(score, score, score, score)
def test_raising_a_score_never_weakens_the_type(p, q, dp, dq):
    rank = {"indifferent": 0, "by_the_book": 1, "friendly": 1, "quality": 2}
    p2, q2 = max(p, dp), max(q, dq)
    before, after = service_type(p, q), service_type(p2, q2)
    assert rank[after] >= rank[before]
    if before == "quality":
        assert after == "quality"
