"""Tests for servicelab.models.technology (technology readiness).

Oracle: DOMAIN_NOTES' scoring TR = mean(OPT, INN, 6 − DIS, 6 − INS) on a 1–5 scale, computed
here by hand or with plain Python per respondent.
"""
from __future__ import annotations

import statistics

import numpy as np
import pandas as pd
import pytest

from servicelab.errors import ServiceLabError
from servicelab.models.technology import (
    DIMENSIONS,
    SEED_SEGMENT_SHARES,
    SEGMENTS,
    TRI2_ITEMS,
    tri_profile,
    tri_score,
    tri_scores,
)


def test_tri_score_domain_notes_formula():
    # (4 + 3 + (6 - 2) + (6 - 1)) / 4 = 16 / 4
    assert tri_score(4, 3, 2, 1) == pytest.approx(4.0)
    assert tri_score(3, 3, 3, 3) == pytest.approx(3.0)
    assert tri_score(5, 5, 1, 1) == 5.0 and tri_score(1, 1, 5, 5) == 1.0


def test_tri_score_general_scale_reverses_with_low_plus_high():
    # 1-7 scale: inhibitor reversed as 8 - x: (7 + 6 + (8 - 2) + (8 - 3)) / 4 = 24 / 4
    assert tri_score(7, 6, 2, 3, scale=(1, 7)) == pytest.approx(6.0)


def test_tri_score_vectorised():
    out = tri_score([4, 2], [3, 2], [2, 4], [1, 5])
    assert out.tolist() == pytest.approx([4.0, (2 + 2 + 2 + 1) / 4])


@pytest.mark.parametrize("args,kwargs,key", [
    ((6, 3, 3, 3), {}, "error.value_range"),
    ((3, 3, 0, 3), {}, "error.value_range"),
    ((3, 3, 3, 3), {"scale": (5, 1)}, "satisfaction.error.scale"),
])
def test_tri_score_errors(args, kwargs, key):
    with pytest.raises(ServiceLabError) as err:
        tri_score(*args, **kwargs)
    assert err.value.key == key


def _tri2_frame():
    rng = np.random.default_rng(7)
    cols = [c for dim in DIMENSIONS for c in TRI2_ITEMS[dim]]
    return pd.DataFrame(rng.integers(1, 6, size=(6, 16)), columns=cols)


def test_tri2_default_items_are_16_four_per_dimension():
    assert [len(TRI2_ITEMS[d]) for d in DIMENSIONS] == [4, 4, 4, 4]
    assert len({c for d in DIMENSIONS for c in TRI2_ITEMS[d]}) == 16


def test_tri_scores_per_respondent_matches_plain_python():
    df = _tri2_frame()
    got = tri_scores(df)
    for i, row in df.iterrows():
        means = {d: statistics.mean(float(row[c]) for c in TRI2_ITEMS[d]) for d in DIMENSIONS}
        for d in DIMENSIONS:
            assert got.loc[i, d] == pytest.approx(means[d])
        tr = (means["optimism"] + means["innovativeness"] + 6 - means["discomfort"] + 6 - means["insecurity"]) / 4
        assert got.loc[i, "tri"] == pytest.approx(tr)


def test_tri_scores_missing_items_averaged_over_answered():
    dims = {"optimism": ["o1", "o2"], "innovativeness": ["i1"], "discomfort": ["d1"], "insecurity": ["s1"]}
    df = pd.DataFrame({"o1": [5, np.nan], "o2": [np.nan, np.nan], "i1": [3, 3], "d1": [1, 1], "s1": [1, 1]})
    got = tri_scores(df, dimensions=dims)
    assert got.loc[0, "optimism"] == 5.0
    assert got.loc[0, "tri"] == pytest.approx((5 + 3 + 5 + 5) / 4)
    assert np.isnan(got.loc[1, "optimism"]) and np.isnan(got.loc[1, "tri"])


@pytest.mark.parametrize("mutate,dims,key", [
    (lambda d: d.drop(columns=["INS4"]), None, "technology.error.missing_items"),
    (lambda d: d.assign(OPT1=9), None, "error.value_range"),
    (lambda d: d.iloc[0:0], None, "satisfaction.error.empty"),
    (lambda d: d, {"optimism": ["OPT1"]}, "technology.error.dimensions"),
])
def test_tri_scores_errors(mutate, dims, key):
    with pytest.raises(ServiceLabError) as err:
        tri_scores(mutate(_tri2_frame()), dimensions=dims)
    assert err.value.key == key


def test_profile_summary_by_hand():
    s = pd.DataFrame({"optimism": [4.0, 2.0, 3.0], "discomfort": [1.0, 5.0, np.nan], "tri": [3.5, 2.5, 4.0]})
    p = tri_profile(s).set_index("measure")
    assert list(p.index) == ["optimism", "discomfort", "tri"]
    assert p.loc["optimism", "mean"] == pytest.approx(3.0)
    assert p.loc["optimism", "sd"] == pytest.approx(1.0)
    assert p.loc["discomfort", "n"] == 2
    # midpoint 3 on 1-5: strictly above -> 3.5 and 4.0
    assert p.loc["tri", "share_above_mid"] == pytest.approx(2 / 3)
    assert p.loc["optimism", "share_above_mid"] == pytest.approx(1 / 3)


def test_profile_errors():
    with pytest.raises(ServiceLabError):
        tri_profile(pd.DataFrame({"other": [1]}))
    with pytest.raises(ServiceLabError):
        tri_profile(pd.DataFrame({"tri": [np.nan]}))


def test_seed_shares_are_shares_not_cutoffs():
    assert SEGMENTS[:2] == ("explorers", "pioneers") and len(SEGMENTS) == 5
    assert SEED_SEGMENT_SHARES == {"explorers": (0.15, 0.20), "pioneers": (0.20, 0.25)}
