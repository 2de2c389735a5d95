"""Heterogeneity (C4.5): the teaching illustration of standardisation vs customisation.

Oracles: the illustration's own documented formula recomputed here independently from the seeded
draws (numpy's generator with the same seed, in the documented order), the variance formula of a
sum of independent terms, and hand-computed summaries.
"""
from __future__ import annotations

import numpy as np
import pytest

from servicelab.errors import ServiceLabError
from servicelab.models.heterogeneity import experience_scores, experience_summary, score_histogram


def test_scores_follow_the_documented_formula():
    s, c = 0.3, 0.6
    df = experience_scores(s, c, staff=4, customers_per_staff=5, seed=11)
    rng = np.random.default_rng(11)
    a = rng.normal(0, 1.2, 4)
    e = rng.normal(0, 0.8, 20)
    n = np.abs(rng.normal(0, 1, 20))
    expected = np.clip(7 + (1 - s) * np.repeat(a, 5) + (1 - s / 2) * e - (1 - c * (1 - s)) * n, 0, 10)
    assert df["score"].to_numpy() == pytest.approx(expected)


def test_spread_narrows_as_standardisation_rises_without_customisation():
    sds = [experience_summary(experience_scores(s, 0.0))["sd"] for s in np.linspace(0, 1, 11)]
    assert all(b < a for a, b in zip(sds, sds[1:])), sds
    ranges = [experience_summary(experience_scores(s, 0.0))["staff_range"] for s in (0, 0.5, 1)]
    assert ranges[0] > ranges[1] > ranges[2]


def test_sd_agrees_with_the_variance_of_the_sum_on_a_large_sample():
    """Before clipping (rare with these constants), Var = (1−s)²·1.2² + (1−s/2)²·0.8² + Var|N(0,1)|
    for many staff; Var|N(0,1)| = 1 − 2/π."""
    s = 0.4
    df = experience_scores(s, 0.0, staff=50, customers_per_staff=1000, seed=3)
    var = (1 - s) ** 2 * 1.2 ** 2 + (1 - s / 2) ** 2 * 0.8 ** 2 + (1 - 2 / np.pi)
    assert df["score"].std() == pytest.approx(np.sqrt(var), rel=0.08)  # 50 staff: the offsets' own sample error


def test_customisation_helps_only_where_standardisation_leaves_room():
    loose = [experience_summary(experience_scores(0.0, c))["fit_loss"] for c in (0, 0.5, 1)]
    assert loose[0] > loose[1] > loose[2] == pytest.approx(0)
    full = [experience_summary(experience_scores(1.0, c))["fit_loss"] for c in (0, 1)]
    assert full[0] == pytest.approx(full[1])  # one script for all: no room to adapt
    # with full customisation, standardising costs fit
    assert experience_summary(experience_scores(0.8, 1.0))["fit_loss"] > experience_summary(experience_scores(0.2, 1.0))["fit_loss"]


def test_same_seed_same_customers():
    assert experience_scores(0.5, 0.5, seed=4).equals(experience_scores(0.5, 0.5, seed=4))
    assert not experience_scores(0.5, 0.5, seed=4).equals(experience_scores(0.5, 0.5, seed=5))


@pytest.mark.parametrize("kwargs", [{"standardisation": 1.5}, {"customisation": -0.1}, {"staff": 0},
                                    {"customers_per_staff": 2.5}, {"seed": -1}, {"standardisation": "high"}])
def test_bad_parameters_are_refused(kwargs):
    with pytest.raises(ServiceLabError):
        experience_scores(**kwargs)


def test_summary_and_histogram_by_hand():
    import pandas as pd

    df = pd.DataFrame({"staff": [0, 0, 1, 1, 1], "score": [2.0, 5.9, 6.0, 8.0, 10.0], "fit_loss": [0, 0, 1, 1, 3]})
    out = experience_summary(df)
    assert out["mean"] == pytest.approx(6.38)
    assert out["share_poor"] == pytest.approx(2 / 5)  # 2.0 and 5.9 are below 6; 6.0 is not
    assert out["staff_range"] == pytest.approx(8.0 - 3.95)
    assert out["fit_loss"] == pytest.approx(1.0)
    h = score_histogram(df, bins=5)  # bins of 2 points: [0,2) [2,4) [4,6) [6,8) [8,10]
    assert h["count"].tolist() == [0, 1, 1, 1, 2]
    assert h["share"].sum() == pytest.approx(1)


def test_remedy_table_rows_equal_single_summaries():
    from servicelab.models.heterogeneity import remedy_table

    tab = remedy_table([(0.2, 0.4), (1.0, 1.0)])
    one = experience_summary(experience_scores(0.2, 0.4))
    assert tab.loc[0, "sd"] == pytest.approx(one["sd"]) and tab.loc[0, "fit_loss"] == pytest.approx(one["fit_loss"])
    assert tab["standardisation"].tolist() == [0.2, 1.0]
