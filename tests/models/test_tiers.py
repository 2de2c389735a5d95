"""Tests for servicelab.models.tiers: customer value, concentration, tiers, RFM."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servicelab.errors import ServiceLabError
from servicelab.i18n import t
from servicelab.models.tiers import (
    COURSE_TIERS,
    PYRAMID_TIERS,
    SHARES_1_4_15_80,
    SHARES_1_19_30_50,
    SHARES_20_30_30_20,
    assign_tiers,
    customer_value,
    gini_coefficient,
    lorenz_curve,
    pareto_curve,
    pareto_share,
    rfm_matrix,
    rfm_scores,
    tier_label,
    tier_profile,
)
from servicelab.paths import data_path

values_strategy = st.lists(
    st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False), min_size=1, max_size=60
).filter(lambda xs: sum(xs) > 1e-6)


def log_frame(rows):
    return pd.DataFrame(
        {
            "customer": [r[0] for r in rows],
            "date": pd.to_datetime([r[1] for r in rows]),
            "amount": [float(r[2]) for r in rows],
        }
    )


# --------------------------------------------------------------------------- customer value
LOG = log_frame(
    [
        ("A", "2024-01-01", 100),
        ("A", "2024-01-10", 50),
        ("A", "2024-01-10", 0),  # zero-value purchase: counted
        ("B", "2024-01-05", 30),
        ("A", "2024-01-20", -20),  # refund: netted, not a purchase
        ("C", "2024-01-28", 10),
    ]
)


def test_customer_value_hand_worked():
    cv = customer_value(LOG, as_of="2024-01-31")
    assert cv.index.tolist() == ["A", "B", "C"]
    assert cv["revenue"].tolist() == [130.0, 30.0, 10.0]
    assert cv["frequency"].tolist() == [3, 1, 1]
    # A's last *purchase* is 10 Jan (the 20 Jan row is a refund): 21 days before 31 Jan
    assert cv["recency_days"].tolist() == [21, 26, 3]
    assert cv.loc["A", "first_purchase"] == pd.Timestamp("2024-01-01")


def test_customer_value_days_counts_distinct_purchase_days():
    cv = customer_value(LOG, as_of="2024-01-31", count="days")
    assert cv["frequency"].tolist() == [2, 1, 1]


def test_customer_value_default_as_of_is_last_date_in_log():
    cv = customer_value(LOG)
    assert cv["recency_days"].tolist() == [18, 23, 0]


def test_as_of_before_last_transaction_is_refused():
    with pytest.raises(ServiceLabError) as info:
        customer_value(LOG, as_of="2024-01-15")
    assert info.value.key == "tiers.as_of_early"
    assert "2024-01-28" in info.value.message("en")


def test_customer_value_missing_columns():
    with pytest.raises(ServiceLabError) as info:
        customer_value(LOG.rename(columns={"amount": "value"}))
    assert info.value.params["missing"] == "amount"


# --------------------------------------------------------------------------- Pareto and Lorenz
def test_pareto_curve_hand_worked():
    curve = pareto_curve([10, 40, 30, 20])
    assert curve["customer_share"].tolist() == [0, 0.25, 0.5, 0.75, 1]
    np.testing.assert_allclose(curve["revenue_share"], [0, 0.4, 0.7, 0.9, 1.0])


def test_pareto_curve_thins_to_max_points_with_exact_vertices():
    rng = np.random.default_rng(1)
    values = rng.lognormal(3, 1, 20_000)
    full = pareto_curve(values, max_points=None)
    thin = pareto_curve(values, max_points=5000)
    assert len(full) == 20_001 and len(thin) <= 5000
    assert thin.iloc[0].tolist() == [0.0, 0.0] and thin.iloc[-1].tolist() == [1.0, 1.0]
    merged = thin.merge(full, on="customer_share", suffixes=("", "_full"))
    assert len(merged) == len(thin)  # every thinned point is a vertex of the full curve
    np.testing.assert_allclose(merged["revenue_share"], merged["revenue_share_full"])


def test_pareto_share_whole_and_fractional_customers():
    values = [50, 20, 10, 10, 10]
    assert pareto_share(values, top=0.2) == pytest.approx(0.5)
    assert pareto_share(values, top=0.3) == pytest.approx((50 + 0.5 * 20) / 100)
    assert pareto_share(values, top=0) == 0
    assert pareto_share(values, top=1) == pytest.approx(1)


def test_pareto_share_refuses_fraction_outside_0_1():
    with pytest.raises(ServiceLabError) as info:
        pareto_share([1, 2], top=20)
    assert info.value.key == "tiers.bad_fraction"


def test_lorenz_curve_hand_worked():
    curve = lorenz_curve([10, 40, 30, 20])
    np.testing.assert_allclose(curve["value_share"], [0, 0.1, 0.3, 0.6, 1.0])


def test_negative_values_are_refused_for_concentration():
    with pytest.raises(ServiceLabError) as info:
        gini_coefficient(pd.Series([5.0, -1.0], index=["x", "y"]))
    assert info.value.key == "tiers.negative_value"
    assert info.value.params["position"] == "y"


def test_all_zero_values_are_refused():
    with pytest.raises(ServiceLabError) as info:
        lorenz_curve([0, 0, 0])
    assert info.value.key == "tiers.zero_total"


# --------------------------------------------------------------------------- Gini
def test_gini_all_equal_is_zero():
    assert gini_coefficient([7] * 9) == 0


@pytest.mark.parametrize("n", [1, 2, 3, 10, 250])
def test_gini_one_customer_holds_all(n):
    values = [0] * (n - 1) + [42]
    assert gini_coefficient(values) == pytest.approx((n - 1) / n)


def test_gini_hand_worked():
    # Σ_i Σ_j |x_i − x_j| = 40 for 1..5; mean 3 → 40 / (2 · 25 · 3) = 4/15
    assert gini_coefficient([3, 1, 5, 2, 4]) == pytest.approx(4 / 15)


def mean_absolute_difference_gini(xs) -> float:
    """Independent oracle: Gini = Σ Σ |x_i − x_j| / (2 n² mean)."""
    n = len(xs)
    total = 0.0
    for a in xs:
        for b in xs:
            total += abs(a - b)
    return total / (2 * n * n * (sum(xs) / n))


@settings(max_examples=150, deadline=None)
@given(values_strategy)
def test_gini_matches_mean_absolute_difference_and_lies_in_0_1(xs):
    g = gini_coefficient(xs)
    assert 0 <= g < 1
    assert g == pytest.approx(mean_absolute_difference_gini(xs), abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(values_strategy)
def test_lorenz_monotone_below_diagonal_and_gini_is_twice_the_gap(xs):
    curve = lorenz_curve(xs)
    p, l = curve["population_share"].to_numpy(), curve["value_share"].to_numpy()
    assert np.all(np.diff(p) > 0) and np.all(np.diff(l) >= -1e-12)
    assert l[0] == 0 and l[-1] == pytest.approx(1)
    assert np.all(l <= p + 1e-12)
    area = np.sum((p[1:] - p[:-1]) * (l[1:] + l[:-1]) / 2)
    assert gini_coefficient(xs) == pytest.approx(1 - 2 * area, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(values_strategy, st.floats(0, 1), st.floats(0, 1))
def test_pareto_share_monotone_and_at_least_proportional(xs, a, b):
    lo, hi = sorted((a, b))
    assert pareto_share(xs, lo) <= pareto_share(xs, hi) + 1e-12
    assert pareto_share(xs, hi) >= hi - 1e-9  # the biggest customers bring at least their share


# --------------------------------------------------------------------------- tiers
def test_course_default_makes_the_top_20_percent_super_heavyweight():
    # seed S4: "大约20%的客户给企业带来80%的赢利,他们是企业的超重量级客户"
    assert SHARES_20_30_30_20[0] == 0.20 and sum(SHARES_20_30_30_20) == pytest.approx(1)
    v = pd.Series(range(100, 0, -1))
    tiers = assign_tiers(v)  # default: the course's tiers with the course's top 20 %
    assert (tiers == "super_heavyweight").sum() == 20
    assert set(tiers.iloc[:20]) == {"super_heavyweight"}
    assert tiers.value_counts()[list(COURSE_TIERS)].tolist() == [20, 30, 30, 20]


def test_assign_tiers_hand_worked_ten_customers():
    v = pd.Series([5, 90, 10, 40, 1, 70, 20, 3, 8, 2], index=list("abcdefghij"))
    tiers = assign_tiers(v, SHARES_1_19_30_50)
    # cumulative 1/20/50/100 % of 10 → 0.1, 2, 5, 10 customers → round half up → 0, 2, 5, 10
    assert tiers[["b", "f"]].tolist() == ["heavyweight"] * 2
    assert tiers[["d", "g", "c"]].tolist() == ["sub_heavyweight"] * 3
    assert set(tiers[["i", "a", "h", "j", "e"]]) == {"lightweight"}
    assert (tiers == "super_heavyweight").sum() == 0
    assert list(tiers.cat.categories) == list(COURSE_TIERS)


def test_assign_tiers_percentages_and_pyramid_names():
    v = pd.Series(range(100, 0, -1))
    tiers = assign_tiers(v, shares=(1, 4, 15, 80), tiers=PYRAMID_TIERS)
    assert tiers.value_counts()[list(PYRAMID_TIERS)].tolist() == [1, 4, 15, 80]
    assert tiers.iloc[0] == "platinum" and tiers.iloc[-1] == "lead"


def test_assign_tiers_ties_follow_input_order():
    v = pd.Series([10, 10, 10, 10], index=["w", "x", "y", "z"])
    tiers = assign_tiers(v, shares=(0.5, 0.5), tiers=("top", "rest"))
    assert tiers.tolist() == ["top", "top", "rest", "rest"]


@pytest.mark.parametrize(
    "shares, key",
    [((0.5, 0.5), "tiers.shares_count"), ((0.5, 0.3, 0.1, 0.05), "tiers.shares_sum"), ((1.2, -0.2, 0, 0), "tiers.shares_negative")],
)
def test_assign_tiers_bad_shares(shares, key):
    with pytest.raises(ServiceLabError) as info:
        assign_tiers([1, 2, 3], shares=shares)
    assert info.value.key == key


def test_tier_labels_from_i18n():
    assert [tier_label(c) for c in COURSE_TIERS] == ["超重量级", "重量级", "次重量级", "轻量级"]
    assert tier_label("lead", "en") == "Lead"


def test_tier_profile_hand_worked():
    cv = pd.DataFrame(
        {"revenue": [90.0, 70, 40, 20, 10, 8, 5, 3, 2, 1], "frequency": [9, 6, 4, 2, 2, 1, 1, 1, 1, 1],
         "recency_days": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]},
        index=list("abcdefghij"),
    )
    prof = tier_profile(cv, shares=SHARES_1_19_30_50, lang="zh").set_index("tier")
    assert prof["customers"].tolist() == [0, 2, 3, 5]
    assert prof.loc["heavyweight", "revenue"] == 160
    assert prof.loc["heavyweight", "revenue_share"] == pytest.approx(160 / 249)
    assert prof.loc["sub_heavyweight", "mean_frequency"] == pytest.approx((4 + 2 + 2) / 3)
    assert prof.loc["lightweight", "mean_recency_days"] == pytest.approx(8)
    assert prof.loc["heavyweight", "mean_revenue"] == 80
    assert prof.loc["heavyweight", "tier_name"] == "重量级"
    assert math.isnan(prof.loc["super_heavyweight", "mean_revenue"])


@settings(max_examples=80, deadline=None)
@given(values_strategy, st.sampled_from([SHARES_1_19_30_50, SHARES_1_4_15_80, (0.2, 0.3, 0.3, 0.2)]))
def test_tier_profile_shares_sum_to_one_and_tiers_are_ordered(xs, shares):
    cv = pd.DataFrame({"revenue": xs})
    prof = tier_profile(cv, shares=shares)
    assert prof["customers"].sum() == len(xs)
    assert prof["customer_share"].sum() == pytest.approx(1)
    assert prof["revenue_share"].sum() == pytest.approx(1)
    tiers = assign_tiers(cv["revenue"], shares)
    codes = tiers.cat.codes.to_numpy()
    order = np.argsort(-np.asarray(xs), kind="stable")
    assert np.all(np.diff(codes[order]) >= 0)  # bigger value → same or higher tier


# --------------------------------------------------------------------------- RFM
def test_rfm_hand_worked_ten_customers():
    # 10 customers, distinct values: quintiles of two customers each.
    cv = pd.DataFrame(
        {"recency_days": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],  # 1 day ago = most recent = R 5
         "frequency": [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
         "revenue": [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10]},
        index=list("abcdefghij"),
    )
    r = rfm_scores(cv)
    assert r["R"].tolist() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    assert r["F"].tolist() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    assert r["M"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert r.loc["a", "rfm_code"] == "551" and r.loc["a", "rfm_total"] == 11


def test_rfm_ties_share_the_lowest_score_of_their_block():
    # six one-time buyers out of ten: none has anyone strictly below → all F = 1;
    # two-time buyers have 6 below → 1 + floor(5·6/10) = 4; the 5-time buyer 1 + floor(5·8/10) = 5.
    cv = pd.DataFrame(
        {"recency_days": range(10), "frequency": [1, 1, 1, 1, 1, 1, 2, 2, 5, 9], "revenue": range(1, 11)}
    )
    f = rfm_scores(cv)["F"].tolist()
    assert f == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]


def test_rfm_fewer_customers_than_levels():
    # n = 3 < 5 levels: positions 0, 1, 2 below → 1 + floor(5·m/3) = 1, 2, 4 — the best is 4, not 5
    cv = pd.DataFrame({"recency_days": [30, 20, 10], "frequency": [1, 2, 3], "revenue": [1.0, 2.0, 3.0]})
    r = rfm_scores(cv)
    assert r["R"].tolist() == [1, 2, 4] and r["F"].tolist() == [1, 2, 4] and r["M"].tolist() == [1, 2, 4]
    assert r["rfm_code"].tolist() == ["111", "222", "444"]


def test_rfm_missing_recency_is_na_everywhere():
    cv = pd.DataFrame({"recency_days": [1.0, 2.0, np.nan], "frequency": [3, 2, 0], "revenue": [9.0, 5.0, -1.0]})
    r = rfm_scores(cv)
    assert r["R"].isna().tolist() == [False, False, True]
    assert r["rfm_code"].isna().tolist() == [False, False, True]
    assert r["rfm_total"].isna().tolist() == [False, False, True]
    assert r.loc[0, "rfm_code"] == "344"  # R among 2 valid: 1 + floor(5·1/2) = 3


def _rf_cells_by_hand(r, f, revenue):
    cells = {}
    for ri, fi, x in zip(r, f, revenue):
        if ri is None or fi is None:
            continue
        cells.setdefault((ri, fi), []).append(x)
    return {k: (len(v), sum(v) / len(v)) for k, v in cells.items()}


def test_rfm_matrix_matches_hand_count():
    rfm = pd.DataFrame({"R": pd.array([5, 5, 1, 1, 1, None], dtype="Int64"), "F": pd.array([5, 5, 1, 1, 3, 1], dtype="Int64")},
                       index=list("abcdef"))
    cv = pd.DataFrame({"revenue": [100.0, 50.0, 10.0, 20.0, 7.0, 99.0]}, index=list("abcdef"))
    m = rfm_matrix(rfm, cv)
    assert list(m.columns) == ["R", "F", "customers", "customer_share", "mean_revenue"]
    assert list(zip(m["R"], m["F"])) == [(5, 5), (1, 1), (1, 3)]  # R descending, then F ascending
    oracle = _rf_cells_by_hand([5, 5, 1, 1, 1, None], [5, 5, 1, 1, 3, 1], [100.0, 50.0, 10.0, 20.0, 7.0, 99.0])
    for row in m.itertuples(index=False):
        n, mean = oracle[(row.R, row.F)]
        assert row.customers == n and row.mean_revenue == pytest.approx(mean)
        assert row.customer_share == pytest.approx(n / 5)  # f has no R: left out


def test_rfm_matrix_cdnow_counts_match_plain_crosstab(cdnow_values):
    rfm = rfm_scores(cdnow_values)
    m = rfm_matrix(rfm, cdnow_values)
    counts = {}
    for ri, fi in zip(rfm["R"].tolist(), rfm["F"].tolist()):
        counts[(ri, fi)] = counts.get((ri, fi), 0) + 1
    assert dict(zip(zip(m["R"], m["F"]), m["customers"])) == counts
    assert m["customers"].sum() == 23_570


def test_rfm_bad_bins():
    with pytest.raises(ServiceLabError):
        rfm_scores(pd.DataFrame({"recency_days": [1], "frequency": [1], "revenue": [1.0]}), bins=1)


# --------------------------------------------------------------------------- CDNOW figures
@pytest.fixture(scope="module")
def cdnow_plain():
    """Independent computation with plain pandas, written apart from the model."""
    raw = pd.read_csv(data_path("cdnow", "CDNOW_master.txt"), sep=r"\s+", dtype={"customer_id": str})
    per_customer = raw.groupby("customer_id")["dollar_value"].sum()
    ordered = per_customer.sort_values(ascending=False).reset_index(drop=True)
    n = len(ordered)
    top_n = n // 5  # 23,570 / 5 = 4,714 exactly
    top20 = ordered.iloc[:top_n].sum() / ordered.sum()
    # Gini by the trapezoid (Brown) formula on the ascending Lorenz curve
    lorenz = pd.concat([pd.Series([0.0]), ordered.iloc[::-1].cumsum() / ordered.sum()], ignore_index=True)
    x = pd.Series(range(n + 1)) / n
    gini = 1 - ((x.diff() * (lorenz + lorenz.shift())).iloc[1:]).sum()
    return {"rows": len(raw), "customers": n, "top20": top20, "gini": gini, "per_customer": per_customer}


@pytest.fixture(scope="module")
def cdnow_values():
    from servicelab.io.transactions import read_cdnow

    return customer_value(read_cdnow(), as_of="1998-06-30")


def test_cdnow_figures_match_independent_computation(cdnow_plain, cdnow_values):
    assert cdnow_plain["rows"] == 69_659
    assert len(cdnow_values) == cdnow_plain["customers"] == 23_570
    pd.testing.assert_series_equal(
        cdnow_values["revenue"], cdnow_plain["per_customer"], check_names=False, check_index=False
    )
    share = pareto_share(cdnow_values["revenue"], top=0.2)
    assert share == pytest.approx(cdnow_plain["top20"], abs=1e-12)
    assert abs(share - 0.8) > 0.1  # real data: not 80/20 (about 68 %)
    assert gini_coefficient(cdnow_values["revenue"]) == pytest.approx(cdnow_plain["gini"], abs=1e-9)


def test_cdnow_tier_sizes_follow_the_rounding_rule(cdnow_values):
    prof = tier_profile(cdnow_values, shares=SHARES_1_19_30_50)
    # cumulative 1 %, 20 %, 50 % of 23,570 = 235.7, 4,714, 11,785 → 236, 4,714, 11,785 customers
    assert prof["customers"].tolist() == [236, 4714 - 236, 11785 - 4714, 23570 - 11785]


def test_cdnow_course_tiers_default(cdnow_values, cdnow_plain):
    prof = tier_profile(cdnow_values)
    # cumulative 20 %, 50 %, 80 % of 23,570 = 4,714, 11,785, 18,856
    assert prof["customers"].tolist() == [4714, 11785 - 4714, 18856 - 11785, 23570 - 18856]
    # the super-heavyweights are exactly the top 20 %: their revenue share is the Pareto share
    assert prof["revenue_share"].iloc[0] == pytest.approx(cdnow_plain["top20"], abs=1e-12)


def test_i18n_keys_exist_for_all_tier_codes():
    for code in COURSE_TIERS + PYRAMID_TIERS:
        assert t(f"tiers.tier.{code}", "zh") and t(f"tiers.tier.{code}", "en")
