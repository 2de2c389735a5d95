"""Tests for servicelab.models.satisfaction.

Oracles: DOMAIN_NOTES (ACSI 72.222 for means 8, 7.5, 7), the course's rules (S3: 满意度 = 感知 − 期望;
C = P/E levels), NPS counts worked out by hand, and rates computed here by plain arithmetic.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from servicelab.errors import ServiceLabError
from servicelab.models.satisfaction import (
    INDICATORS,
    acsi_index,
    loyalty_zone,
    net_promoter_score,
    satisfaction_difference,
    satisfaction_indicators,
    satisfaction_ratio,
)


# ------------------------------------------------------------------ difference and ratio
def test_difference_is_perceived_minus_expected_with_levels():
    df = satisfaction_difference([5, 3, 4], [4, 4, 4])
    assert df["difference"].tolist() == [1.0, -1.0, 0.0]
    assert df["level"].tolist() == ["very_satisfied", "dissatisfied", "satisfied"]
    assert df["item"].tolist() == [1, 2, 3]


def test_difference_keeps_series_labels_and_tolerance_band():
    p = pd.Series({"wait": 4.1, "food": 4.5, "room": 3.5})
    e = pd.Series({"wait": 4.0, "food": 4.0, "room": 4.0})
    df = satisfaction_difference(p, e, tolerance=0.2)
    assert df["item"].tolist() == ["wait", "food", "room"]
    assert df["level"].tolist() == ["satisfied", "very_satisfied", "dissatisfied"]
    # the band edge is inclusive: |0.25| <= 0.25
    assert satisfaction_difference([4.25], [4.0], tolerance=0.25)["level"].tolist() == ["satisfied"]


def test_ratio_levels_match_the_course_rule():
    df = satisfaction_ratio([6, 5, 4], [5, 5, 5])
    assert df["ratio"].tolist() == pytest.approx([1.2, 1.0, 0.8])
    assert df["level"].tolist() == ["very_satisfied", "satisfied", "dissatisfied"]


def test_ratio_tolerance_widens_satisfied():
    assert satisfaction_ratio([5.1], [5])["level"].item() == "very_satisfied"
    assert satisfaction_ratio([5.1], [5], tolerance=0.05)["level"].item() == "satisfied"
    assert satisfaction_ratio([4.9], [5], tolerance=0.01)["level"].item() == "dissatisfied"


def test_missing_value_gives_missing_level():
    df = satisfaction_difference([5, np.nan], [4, 4])
    assert df["level"].iloc[0] == "very_satisfied"
    assert pd.isna(df["level"].iloc[1])


@pytest.mark.parametrize("p,e,key", [
    ([], [], "satisfaction.error.empty"),
    ([1, 2], [1], "satisfaction.error.length_mismatch"),
])
def test_difference_input_errors(p, e, key):
    with pytest.raises(ServiceLabError) as err:
        satisfaction_difference(p, e)
    assert err.value.key == key


def test_ratio_rejects_zero_expectation_and_names_the_item():
    with pytest.raises(ServiceLabError) as err:
        satisfaction_ratio([3, 4], [2, 0])
    assert err.value.key == "satisfaction.error.expectation_not_positive"
    assert err.value.params["row"] == 2


def test_negative_tolerance_rejected():
    with pytest.raises(ServiceLabError):
        satisfaction_ratio([3], [3], tolerance=-0.1)


# ------------------------------------------------------------------------------------ ACSI
def test_acsi_domain_notes_oracle():
    # DOMAIN_NOTES: means 8, 7.5, 7 with equal weights -> 72.222
    assert acsi_index([8, 7.5, 7]) == pytest.approx(72.222, abs=5e-4)
    expected = ((8 - 1) / 9 + (7.5 - 1) / 9 + (7 - 1) / 9) / 3 * 100
    assert acsi_index([8, 7.5, 7], weights=[1 / 3] * 3) == pytest.approx(expected)


def test_acsi_weights_and_ends_of_scale():
    assert acsi_index([1, 1, 1]) == 0.0
    assert acsi_index([10, 10]) == pytest.approx(100.0)
    # 0.5*(10-1)/9 + 0.25*(4-1)/9 + 0.25*(1-1)/9 = 0.5 + 1/12
    assert acsi_index([10, 4, 1], weights=[0.5, 0.25, 0.25]) == pytest.approx((0.5 + 1 / 12) * 100)


def test_acsi_general_scale():
    # 7-point: (x - 1)/6
    assert acsi_index([4], scale=(1, 7)) == pytest.approx(50.0)
    assert acsi_index([0.25, 0.75], scale=(0, 1)) == pytest.approx(50.0)


@pytest.mark.parametrize("kwargs,key", [
    ({"means": [8, 7], "weights": [0.6, 0.6]}, "error.weights_sum"),
    ({"means": [8, 7], "weights": [1.5, -0.5]}, "error.weights_negative"),
    ({"means": [8, 7], "weights": [1.0]}, "satisfaction.error.length_mismatch"),
    ({"means": [8, 11]}, "error.value_range"),
    ({"means": [0.5]}, "error.value_range"),
    ({"means": []}, "satisfaction.error.empty"),
    ({"means": [5], "scale": (10, 1)}, "satisfaction.error.scale"),
])
def test_acsi_input_errors(kwargs, key):
    means = kwargs.pop("means")
    with pytest.raises(ServiceLabError) as err:
        acsi_index(means, **kwargs)
    assert err.value.key == key


# ------------------------------------------------------------------------------------- NPS
def test_nps_hand_counted():
    # promoters: 10, 9, 9 (3); passives: 8, 7 (2); detractors: 6, 0, 5, 3, 2 (5); n = 10
    r = net_promoter_score([10, 9, 8, 7, 6, 0, 9, 5, 3, 2])
    assert (r.n, r.promoters, r.passives, r.detractors) == (10, 3, 2, 5)
    assert r.nps == pytest.approx(30 - 50)
    assert r.pct_passives == pytest.approx(20.0)
    assert r.to_frame()["count"].tolist() == [3, 2, 5]


def test_nps_boundaries_of_groups():
    assert net_promoter_score([9]).nps == 100.0
    assert net_promoter_score([8, 7]).nps == 0.0
    assert net_promoter_score([6]).nps == -100.0
    # missing values are left out of n
    r = net_promoter_score([10, np.nan, 0, 10])
    assert r.n == 3 and r.nps == pytest.approx(100 * (2 - 1) / 3)


@pytest.mark.parametrize("scores,key", [
    ([11], "error.value_range"),
    ([-1], "error.value_range"),
    ([7.5], "satisfaction.error.not_whole"),
    ([], "satisfaction.error.empty"),
    ([np.nan], "satisfaction.error.empty"),
])
def test_nps_input_errors(scores, key):
    with pytest.raises(ServiceLabError) as err:
        net_promoter_score(scores)
    assert err.value.key == key


# ------------------------------------------------------------------------------ indicators
def test_indicators_rates_in_course_order():
    df = satisfaction_indicators(400, praising=120, asking_by_name=50, repeat_or_referring=180,
                                 complaining=20, sales=1_100_000, sales_reference=1_000_000)
    assert df["indicator"].tolist() == list(INDICATORS)
    assert df["rate"].tolist() == pytest.approx([0.3, 0.125, 0.45, 0.05, 1.1])


def test_indicators_missing_counts_give_nan():
    df = satisfaction_indicators(10, complaining=1).set_index("indicator")
    assert df.loc["complaint_rate", "rate"] == pytest.approx(0.1)
    assert np.isnan(df.loc["reputation", "rate"]) and np.isnan(df.loc["sales_power", "rate"])


@pytest.mark.parametrize("kwargs", [
    {"customers": 0},
    {"customers": 10, "complaining": 11},
    {"customers": 10, "praising": -1},
    {"customers": 10, "sales": 5, "sales_reference": 0},
])
def test_indicators_input_errors(kwargs):
    with pytest.raises(ServiceLabError):
        satisfaction_indicators(**kwargs)


# --------------------------------------------------------------------------- loyalty zones
def test_zones_with_default_bounds_and_inclusive_upper_edges():
    df = loyalty_zone([1, 1.99, 2, 3.99, 4, 5])
    assert df["zone"].tolist() == ["defection", "defection", "indifference", "indifference",
                                   "affection", "affection"]
    assert "customer_type" not in df


def test_zone_bounds_are_parameters():
    df = loyalty_zone([2.5, 3.5, 4.5], zone_bounds=(3, 4.5))
    assert df["zone"].tolist() == ["defection", "indifference", "affection"]


def test_customer_types_from_satisfaction_and_loyalty():
    df = loyalty_zone({"a": 5, "b": 5, "c": 2, "d": 2, "e": 4}, {"a": 5, "b": 1, "c": 5, "d": 1, "e": 3})
    assert df["customer"].tolist() == list("abcde")
    # e: satisfaction 4 = default satisfied_from (upper bound); loyalty 3 = midpoint of 1-5 -> high
    assert df["customer_type"].tolist() == ["apostle", "mercenary", "hostage", "defector", "apostle"]
    df2 = loyalty_zone([4], [3], satisfied_from=4.5, loyal_from=3.5)
    assert df2["customer_type"].item() == "defector"


@pytest.mark.parametrize("args,kwargs,key", [
    (([6],), {}, "error.value_range"),
    (([3],), {"zone_bounds": (4, 2)}, "satisfaction.error.zone_bounds"),
    (([3],), {"zone_bounds": (0, 4)}, "satisfaction.error.zone_bounds"),
    (([3, 4], [3]), {}, "satisfaction.error.length_mismatch"),
    (([3], [0]), {}, "error.value_range"),
])
def test_loyalty_zone_input_errors(args, kwargs, key):
    with pytest.raises(ServiceLabError) as err:
        loyalty_zone(*args, **kwargs)
    assert err.value.key == key


def test_nps_error_row_counts_missing_values():
    # the bad rating is the 3rd entry of the input, even though a NaN precedes it
    with pytest.raises(ServiceLabError) as err:
        net_promoter_score([10, np.nan, 12])
    assert err.value.params["row"] == 3


# ------------------------------------------------------------------------ property checks
from hypothesis import given, strategies as st  # noqa: E402


@given(st.floats(1, 10), st.lists(st.floats(0.01, 1), min_size=1, max_size=6))
def test_acsi_of_equal_means_ignores_weights(m, raw):
    w = np.array(raw) / sum(raw)
    w[-1] = 1 - w[:-1].sum()
    assert acsi_index([m] * len(w), weights=w) == pytest.approx((m - 1) / 9 * 100, abs=1e-6)


@given(st.lists(st.integers(0, 10), min_size=1, max_size=60))
def test_nps_counts_partition_and_bounds(scores):
    r = net_promoter_score(scores)
    assert r.promoters == sum(s >= 9 for s in scores)
    assert r.detractors == sum(s <= 6 for s in scores)
    assert r.promoters + r.passives + r.detractors == len(scores)
    assert -100 <= r.nps <= 100
    assert r.nps == pytest.approx(100 * (r.promoters - r.detractors) / len(scores))


# ------------------------------------------------------------- chapter 08 additions
def test_indicators_from_raw_counts_by_hand():
    # 400 customers: 120 praised, 90 asked by name, 140 bought again or referred, 18 complained;
    # sales 550 000 against a target of 500 000.
    from servicelab.models.satisfaction import satisfaction_indicators
    df = satisfaction_indicators(400, praising=120, asking_by_name=90, repeat_or_referring=140, complaining=18,
                                 sales=550_000, sales_reference=500_000).set_index("indicator")["rate"]
    assert df.to_dict() == pytest.approx({"reputation": 0.30, "awareness": 0.225, "repeat_rate": 0.35,
                                          "complaint_rate": 0.045, "sales_power": 1.1})


def test_nps_from_counts_matches_the_ratings_version():
    from servicelab.models.satisfaction import net_promoter_score, nps_from_counts
    ratings = [10] * 7 + [9] * 5 + [8] * 4 + [7] * 2 + [6] * 3 + [2] * 4  # 12 promoters, 6 passives, 7 detractors
    by_counts = nps_from_counts(12, 6, 7)
    assert by_counts == net_promoter_score(ratings)
    assert by_counts.nps == pytest.approx(100 * (12 - 7) / 25)  # 20
    assert nps_from_counts(0, 0, 3).nps == -100.0
    for bad in ((-1, 2, 3), (1.5, 2, 3), (0, 0, 0)):
        with pytest.raises(ServiceLabError):
            nps_from_counts(*bad)


def test_loyalty_curve_competitive_and_bent():
    from servicelab.models.satisfaction import LOYALTY_FACTORS, loyalty_curve
    comp = loyalty_curve([1, 2, 3, 4, 5])
    # x = (s-1)/4, loyalty = 100 x^4: 0, 100/256, 100/16, 8100/256, 100
    assert comp["loyalty"].tolist() == pytest.approx([0, 100 / 256, 6.25, 8100 / 256, 100])
    assert comp["zone"].tolist() == ["defection", "indifference", "indifference", "affection", "affection"]
    bent = loyalty_curve([1, 3, 5], factors=list(LOYALTY_FACTORS))
    b = 1 - 0.8 ** 4
    assert bent["loyalty"].tolist() == pytest.approx([100 * b, 100 * (b + (1 - b) / 16), 100])
    # every factor lifts the curve below complete satisfaction, never lowers it
    one = loyalty_curve(factors=["switching_costs"])["loyalty"]
    assert (one.iloc[:-1] > loyalty_curve()["loyalty"].iloc[:-1]).all()
    # the zone bounds are parameters
    assert loyalty_curve([3.5], zone_bounds=(1.5, 3.0))["zone"].tolist() == ["affection"]


@pytest.mark.parametrize("kwargs", [{"factors": ["price_war"]}, {"factors": "switching_costs"},
                                    {"factors": ["switching_costs", "switching_costs"]},
                                    {"factor_strength": 1.5}, {"steepness": 0.5}, {"zone_bounds": (4, 2)}])
def test_loyalty_curve_refuses_bad_parameters(kwargs):
    from servicelab.models.satisfaction import loyalty_curve
    with pytest.raises(ServiceLabError):
        loyalty_curve(**kwargs)
