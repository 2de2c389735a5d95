"""Tests for servicelab.models.synthetic: the seeded synthetic canteen survey."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from servicelab.models.synthetic import CANTEEN_PROFILE, synthetic_servqual_survey
from servicelab.paths import data_path

E = [f"E{i}" for i in range(1, 23)]
P = [f"P{i}" for i in range(1, 23)]
W = [f"W{i}" for i in range(1, 6)]
SPLIT = {"tangibles": range(1, 5), "reliability": range(5, 10), "responsiveness": range(10, 14),
         "assurance": range(14, 18), "empathy": range(18, 23)}


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    return synthetic_servqual_survey()


def alpha(x: np.ndarray) -> float:
    """Cronbach's alpha written independently: covariance-matrix form, listwise deletion."""
    x = x[~np.isnan(x).any(axis=1)]
    c = np.cov(x, rowvar=False)
    k = x.shape[1]
    return k / (k - 1) * (1 - np.trace(c) / c.sum())


def test_same_seed_same_frame():
    a = synthetic_servqual_survey(40, seed=11)
    b = synthetic_servqual_survey(40, seed=11)
    pd.testing.assert_frame_equal(a, b)


def test_other_seed_other_frame():
    a = synthetic_servqual_survey(40, seed=11)
    b = synthetic_servqual_survey(40, seed=12)
    assert not a[P].equals(b[P])


def test_shipped_file_is_the_generator_output_byte_for_byte():
    # data/surveys/README.md promises the file is reproduced byte for byte
    shipped = data_path("surveys", "canteen_servqual.csv").read_bytes()
    assert synthetic_servqual_survey().to_csv(index=False).encode("utf-8") == shipped


def test_shape_and_columns(survey):
    assert len(survey) == 120
    assert survey.columns.tolist() == ["id", "submitted", *E, *P, *W]
    assert survey["id"].is_unique
    assert survey["id"].iloc[0] == "S001" and survey["id"].iloc[-1] == "S120"
    stamps = pd.to_datetime(survey["submitted"])
    assert stamps.is_monotonic_increasing


def test_every_weight_row_sums_to_100(survey):
    w = survey[W].to_numpy()
    assert (w.sum(axis=1) == 100).all()
    assert (w >= 0).all() and (w <= 100).all()
    assert (w % 5 == 0).all()  # people allocate in round numbers (module docs)


def test_ratings_are_whole_numbers_1_to_7(survey):
    r = survey[E + P].to_numpy(dtype=float, na_value=np.nan)
    present = r[~np.isnan(r)]
    assert present.min() >= 1 and present.max() <= 7
    assert (present == np.round(present)).all()
    # about 0.4 % blank on purpose (README): some, but not many
    share = np.isnan(r).mean()
    assert 0 < share < 0.015


def test_perception_alpha_is_realistic(survey):
    for dim, items in SPLIT.items():
        x = survey[[f"P{i}" for i in items]].to_numpy(dtype=float, na_value=np.nan)
        a = alpha(x)
        assert 0.6 <= a <= 0.95, (dim, a)


def test_expectation_alpha_is_realistic(survey):
    for dim, items in SPLIT.items():
        x = survey[[f"E{i}" for i in items]].to_numpy(dtype=float, na_value=np.nan)
        assert 0.6 <= alpha(x) <= 0.95, dim


def test_gaps_follow_the_canteen_profile(survey):
    # profile gaps (P − E): T −0.7, Rel −1.2, Resp −1.8, A −0.7, Emp −1.3
    gaps = {}
    for dim, items in SPLIT.items():
        e = survey[[f"E{i}" for i in items]].to_numpy(dtype=float, na_value=np.nan)
        p = survey[[f"P{i}" for i in items]].to_numpy(dtype=float, na_value=np.nan)
        gaps[dim] = float(np.nanmean(np.nanmean(p - e, axis=1)))
    for dim, (me, mp) in CANTEEN_PROFILE.items():
        assert gaps[dim] < 0
        assert abs(gaps[dim] - (mp - me)) < 0.5, (dim, gaps[dim])
    assert min(gaps, key=gaps.get) == "responsiveness"


def test_custom_profile_and_size():
    flat = {d: (5.0, 5.0) for d in SPLIT}
    df = synthetic_servqual_survey(300, seed=5, profile=flat, missing_rate=0.0)
    assert len(df) == 300
    assert not df[E + P].isna().any().any()
    diff = df[P].to_numpy(float).mean() - df[E].to_numpy(float).mean()
    assert abs(diff) < 0.2  # no gap built in
