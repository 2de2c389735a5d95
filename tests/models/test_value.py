"""Tests for servicelab.models.value (customer delivered value, Kotler; concept C2.2).

Oracles: sums and differences worked out by hand in each test.
"""
from __future__ import annotations

import math

import pandas as pd
import pytest

from servicelab.errors import ServiceLabError
from servicelab.i18n import t
from servicelab.models.value import (COST_COMPONENTS, VALUE_COMPONENTS, compare_offers,
                                     customer_delivered_value)

VALUES = {"product": 60, "service": 25, "personnel": 8.5, "image": 6.5}   # TCV 100
COSTS = {"money": 48, "time": 12, "energy": 4, "psychic": 6}              # TCC 70


def test_delivered_value_by_hand():
    res = customer_delivered_value(VALUES, COSTS)
    assert res.total_value == pytest.approx(100.0)
    assert res.total_cost == pytest.approx(70.0)
    assert res.delivered_value == pytest.approx(30.0)
    assert res.value_cost_ratio == pytest.approx(100 / 70)
    assert res.values == {k: float(v) for k, v in VALUES.items()}
    assert res.costs["psychic"] == 6.0


def test_costs_above_value_give_negative_delivered_value():
    res = customer_delivered_value({"product": 10}, {"money": 12, "time": 3})
    assert res.delivered_value == pytest.approx(-5.0)
    assert res.value_cost_ratio == pytest.approx(10 / 15)


def test_zero_cost_ratio():
    assert customer_delivered_value({"product": 5}, {"money": 0}).value_cost_ratio == math.inf
    assert math.isnan(customer_delivered_value({"product": 0}, {"money": 0}).value_cost_ratio)


def test_component_names_have_labels_in_both_languages():
    assert len(VALUE_COMPONENTS) == 4 and len(COST_COMPONENTS) == 4
    for name in VALUE_COMPONENTS + COST_COMPONENTS:
        for lang in ("zh", "en"):
            assert t("value.component." + name, lang).strip()


@pytest.mark.parametrize("values, costs, side, component", [
    ({"product": -1}, {"money": 1}, "TCV", "product"),
    ({"product": 1}, {"time": -0.5}, "TCC", "time"),
    ({"product": float("nan")}, {"money": 1}, "TCV", "product"),
    ({"product": "much"}, {"money": 1}, "TCV", "product"),
    ({"product": 1}, {"money": float("inf")}, "TCC", "money"),
])
def test_bad_components_raise_bilingual_errors(values, costs, side, component):
    with pytest.raises(ServiceLabError) as info:
        customer_delivered_value(values, costs)
    err = info.value
    assert err.key == "value.error.negative"
    assert err.params["side"] == side and err.params["component"] == component
    assert component in err.message("en") and component in err.message("zh")
    assert "\n" in str(err)  # zh and en


def test_empty_side_raises():
    with pytest.raises(ServiceLabError) as info:
        customer_delivered_value({}, COSTS)
    assert info.value.key == "value.error.empty" and "TCV" in info.value.message("en")


def test_compare_offers_ranks_by_delivered_value():
    offers = pd.DataFrame({
        "offer": ["cheap", "premium", "middle"],
        "product": [40, 80, 60], "service": [5, 30, 15], "personnel": [5, 10, 10], "image": [0, 20, 5],
        "money": [20, 100, 45], "time": [10, 2, 5], "energy": [5, 1, 3], "psychic": [5, 2, 2],
    })
    # by hand: cheap 50 − 40 = 10; premium 140 − 105 = 35; middle 90 − 55 = 35
    res = compare_offers(offers)
    assert list(res.columns) == ["rank", "offer", "total_value", "total_cost", "delivered_value",
                                 "value_cost_ratio", "chosen"]
    assert list(res["offer"]) == ["premium", "middle", "cheap"]  # tie keeps input order
    assert list(res["delivered_value"]) == pytest.approx([35, 35, 10])
    assert list(res["rank"]) == [1, 1, 3]
    assert list(res["chosen"]) == [True, True, False]
    # the ratio would prefer another offer: middle 90/55 > premium 140/105
    assert res.set_index("offer")["value_cost_ratio"].idxmax() == "middle"


def test_compare_offers_custom_columns():
    offers = pd.DataFrame({"name": ["x", "y"], "v": [3.0, 9.0], "c": [1.0, 8.0]})
    res = compare_offers(offers, offer_column="name", value_columns=["v"], cost_columns=["c"])
    assert list(res["offer"]) == ["x", "y"] and list(res["delivered_value"]) == [2.0, 1.0]
    assert list(res["chosen"]) == [True, False]


def test_compare_offers_errors_name_offer_and_column():
    offers = pd.DataFrame({"offer": ["A", "B"], "product": [1, 2], "money": [1, -4]})
    with pytest.raises(ServiceLabError) as info:
        compare_offers(offers, value_columns=["product"], cost_columns=["money"])
    msg = info.value.message("en")
    assert info.value.key == "value.error.offer_cell" and '"B"' in msg and "money" in msg and "-4" in msg
    with pytest.raises(ServiceLabError) as info:
        compare_offers(offers)  # default Kotler columns are missing
    assert info.value.key == "value.error.columns" and "service" in info.value.message("zh")


# ---------------------------------------------------------------- difference vs ratio (issue 12)
from servicelab.models.value import rankings_agree, value_rankings  # noqa: E402


def _offers(rows):
    cols = ["offer", *VALUE_COMPONENTS, *COST_COMPONENTS]
    return pd.DataFrame(rows, columns=cols)


def test_difference_and_ratio_rankings_disagree_on_big_vs_small_by_hand():
    # Big: TCV 120+40+20+20 = 200, TCC 100+20+15+15 = 150 -> CDV 50, ratio 4/3
    # Small: TCV 40+10+5+5 = 60, TCC 20+5+3+2 = 30 -> CDV 30, ratio 2
    r = value_rankings(_offers([["Big", 120, 40, 20, 20, 100, 20, 15, 15], ["Small", 40, 10, 5, 5, 20, 5, 3, 2]]))
    assert r["offer"].tolist() == ["Big", "Small"]
    assert r["delivered_value"].tolist() == [50.0, 30.0]
    assert r["rank"].tolist() == [1, 2] and r["ratio_rank"].tolist() == [2, 1]
    assert r["value_cost_ratio"].tolist() == pytest.approx([200 / 150, 2.0])
    assert not rankings_agree(r)


def test_rankings_agree_when_one_offer_dominates():
    r = value_rankings(_offers([["A", 50, 10, 5, 5, 40, 5, 5, 5], ["B", 50, 30, 10, 10, 40, 2, 2, 2]]))
    assert r["offer"].tolist() == ["B", "A"] and rankings_agree(r)


def test_core_plus_service_side_is_delivered_value_and_service_side_by_hand():
    r = value_rankings(_offers([["A", 50, 10, 5, 5, 40, 5, 5, 5], ["B", 50, 30, 10, 10, 40, 2, 2, 2]]))
    b = r.set_index("offer").loc["B"]
    assert b["core"] == 10.0                        # 50 - 40: product value and price level
    assert b["service_side"] == 30 + 10 + 10 - 6    # 44
    assert (r["core"] + r["service_side"]).tolist() == pytest.approx(r["delivered_value"].tolist())


def test_ratio_rank_infinite_first_and_undefined_last():
    r = value_rankings(_offers([["free", 5, 0, 0, 0, 0, 0, 0, 0], ["none", 0, 0, 0, 0, 0, 0, 0, 0],
                                ["paid", 50, 0, 0, 0, 10, 0, 0, 0]]))
    ranks = dict(zip(r["offer"], r["ratio_rank"]))
    assert ranks == {"free": 1, "paid": 2, "none": 3}


def test_duplicate_offer_names_are_refused_in_both_languages():
    with pytest.raises(ServiceLabError) as info:
        value_rankings(_offers([["A", 1, 0, 0, 0, 1, 0, 0, 0], ["A", 2, 0, 0, 0, 1, 0, 0, 0]]))
    assert info.value.key == "vt.error.duplicate_offer"
    assert "A" in info.value.message("zh") and "A" in info.value.message("en")
