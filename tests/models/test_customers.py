"""Tests for servicelab.models.customers: strategic score, strategy matrix, value–price map."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servicelab.errors import ServiceLabError
from servicelab.models.customers import (
    STRATEGIC_CRITERIA,
    customer_natures,
    customer_strategy,
    identification_questions,
    normalised_weights,
    strategic_score,
    strategy_matrix,
    value_price_map,
)

RATINGS = pd.DataFrame(
    {
        "transaction_scale": [5, 2, 3],
        "influence": [3, 4, 3],
        "stability": [4, 3, 3],
        "competition": [2, 3, 3],
        "value_adding": [3, 5, 3],
        "cost_saving": [3, 2, 3],
        "future_potential": [5, 5, 3],
    },
    index=["Retail chain", "Start-up", "Average Co"],
)
WEIGHTS = {
    "transaction_scale": 30, "influence": 10, "stability": 20, "competition": 10,
    "value_adding": 10, "cost_saving": 10, "future_potential": 10,
}


# --------------------------------------------------------------------------- C1.7
def test_strategic_score_hand_worked():
    out = strategic_score(RATINGS, WEIGHTS)
    # Retail chain: .3·5 + .1·3 + .2·4 + .1·2 + .1·3 + .1·3 + .1·5 = 3.9
    # Start-up:     .3·2 + .1·4 + .2·3 + .1·3 + .1·5 + .1·2 + .1·5 = 3.1
    # Average Co:   all 3 → 3.0
    assert out.index.tolist() == ["Retail chain", "Start-up", "Average Co"]
    assert out["weighted_score"].tolist() == pytest.approx([3.9, 3.1, 3.0])
    assert out["score_100"].tolist() == pytest.approx([72.5, 52.5, 50.0])
    assert out["rank"].tolist() == [1, 2, 3]


def test_weights_are_normalised_so_scale_does_not_matter():
    scaled = {k: v / 100 for k, v in WEIGHTS.items()}
    pd.testing.assert_frame_equal(strategic_score(RATINGS, WEIGHTS), strategic_score(RATINGS, scaled))


def test_equal_weights_by_default_give_the_plain_mean():
    out = strategic_score(RATINGS)
    assert out.loc["Start-up", "weighted_score"] == pytest.approx((2 + 4 + 3 + 3 + 5 + 2 + 5) / 7)
    assert out.loc["Retail chain", "weighted_score"] == pytest.approx(25 / 7)


def test_zero_weight_criteria_are_not_required():
    only_scale = strategic_score(RATINGS[["transaction_scale"]], {"transaction_scale": 1})
    assert only_scale["weighted_score"].tolist() == [5, 3, 2]  # sorted by rank
    assert only_scale.index.tolist() == ["Retail chain", "Average Co", "Start-up"]


def test_ties_share_the_better_rank():
    r = pd.DataFrame({c: [4, 4, 1] for c in STRATEGIC_CRITERIA}, index=["x", "y", "z"])
    assert strategic_score(r)["rank"].tolist() == [1, 1, 3]


@pytest.mark.parametrize(
    "weights, key",
    [
        ({**WEIGHTS, "stability": -5}, "customers.weight_negative"),
        ({k: 0 for k in WEIGHTS}, "customers.weights_zero"),
        ({"size": 10}, "customers.unknown_criterion"),
    ],
)
def test_bad_weights(weights, key):
    with pytest.raises(ServiceLabError) as info:
        strategic_score(RATINGS, weights)
    assert info.value.key == key


def test_rating_outside_scale_names_row_and_column():
    bad = RATINGS.copy()
    bad.loc["Start-up", "stability"] = 7
    with pytest.raises(ServiceLabError) as info:
        strategic_score(bad, WEIGHTS)
    err = info.value
    assert (err.params["row"], err.params["column"], err.params["value"]) == ("Start-up", "stability", 7)
    assert "Start-up" in err.message("zh") and "1–5" in err.message("en")


def test_missing_criterion_column():
    with pytest.raises(ServiceLabError) as info:
        strategic_score(RATINGS.drop(columns="cost_saving"), WEIGHTS)
    assert info.value.params["missing"] == "cost_saving"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=7, max_size=7), st.lists(st.integers(0, 50), min_size=7, max_size=7))
def test_score_stays_within_the_rating_range(row, weights):
    if sum(weights) == 0:
        return
    r = pd.DataFrame([row], columns=list(STRATEGIC_CRITERIA))
    out = strategic_score(r, dict(zip(STRATEGIC_CRITERIA, weights)))
    assert min(row) - 1e-9 <= out["weighted_score"].iloc[0] <= max(row) + 1e-9
    assert 0 <= out["score_100"].iloc[0] <= 100


# --------------------------------------------------------------------------- C1.8
def test_strategy_matrix_cells_follow_the_course():
    assert customer_strategy("existing", "existing").label() == "客户忠诚战略"
    assert customer_strategy("existing", "new").label() == "客户扩充战略"
    assert customer_strategy("new", "existing").label() == "客户获得战略"
    assert customer_strategy("new", "new").label() == "客户多样化战略"


def test_diversification_is_riskiest_and_loyalty_safest():
    m = strategy_matrix().set_index("strategy")["risk"]
    assert m["diversification"] > max(m["expansion"], m["acquisition"], m["loyalty"])
    assert m["loyalty"] < min(m["expansion"], m["acquisition"])


def test_strategy_matrix_table_in_english():
    table = strategy_matrix("en")
    assert len(table) == 4 and table["strategy_name"].str.endswith("strategy").all()


def test_unknown_segment_is_refused():
    with pytest.raises(ServiceLabError) as info:
        customer_strategy("old", "new")
    assert info.value.params["value"] == "old"
    assert info.value.key == "customers.error.bad_option"


def test_normalised_weights_by_hand():
    w = normalised_weights({"transaction_scale": 30, "influence": 10, "future_potential": 20})
    assert list(w.index) == list(STRATEGIC_CRITERIA)
    assert w["transaction_scale"] == pytest.approx(0.5)
    assert w["influence"] == pytest.approx(10 / 60) and w["future_potential"] == pytest.approx(20 / 60)
    assert w["stability"] == 0 and w.sum() == pytest.approx(1)
    assert normalised_weights().tolist() == pytest.approx([1 / 7] * 7)
    with pytest.raises(ServiceLabError) as info:
        normalised_weights({"stability": -1})
    assert info.value.key == "customers.weight_negative"


# --------------------------------------------------------------------------- C1.4, C1.5
def test_lookups_have_four_natures_and_three_questions_in_both_languages():
    for lang in ("zh", "en"):
        natures = customer_natures(lang)
        questions = identification_questions(lang)
        assert natures["code"].tolist() == ["retail", "business", "channel", "internal"]
        assert len(questions) == 3
        assert (natures["name"].str.len() > 0).all() and (questions["description"].str.len() > 0).all()
    assert customer_natures("zh")["name"].tolist() == ["零售客户", "商家", "渠道", "内部客户"]


# --------------------------------------------------------------------------- C1.12
def test_value_price_map_hand_worked():
    offers = pd.DataFrame(
        {"value": [8, 5, 3, 9, 2.5, 6.5], "price": [5, 5, 6, 9, 2, 6]},
        index=["Us", "A", "B", "C", "D", "E"],
    )
    out = value_price_map(offers, lang="en")
    assert out["value_gap"].tolist() == [3, 0, -3, 0, 0.5, 0.5]
    # gap exactly equal to the tolerance (0.5) counts as on the line
    assert out["position"].tolist() == ["above_line", "on_line", "below_line", "on_line", "on_line", "on_line"]
    assert out["direction"].tolist() == [
        "gain_share", "mid_market", "raise_value_or_cut_price", "premium", "economy", "mid_market",
    ]
    assert out.loc["B", "direction_name"].startswith("Losing customers")


def test_value_price_map_custom_fair_line():
    offers = pd.DataFrame({"value": [6.0], "price": [4.0]})
    # fair line value = 1 + 1.5·price = 7 → value 6 is 1 below: poorer value
    out = value_price_map(offers, fair_slope=1.5, fair_intercept=1.0)
    assert out["fair_value"].iloc[0] == 7 and out["position"].iloc[0] == "below_line"


def test_value_price_map_refuses_out_of_scale():
    with pytest.raises(ServiceLabError) as info:
        value_price_map(pd.DataFrame({"value": [11], "price": [3]}, index=["Us"]))
    assert (info.value.params["row"], info.value.params["column"]) == ("Us", "value")
