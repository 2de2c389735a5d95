"""Tests for servicelab.models.ipa (Martilla & James 1977 quadrants).

Cross-lines are computed here independently (statistics.mean / statistics.median / midpoint by hand)
and quadrants are written out by hand from the definitions.
"""
from __future__ import annotations

import statistics

import pandas as pd
import pytest

from servicelab.errors import ServiceLabError
from servicelab.models.ipa import QUADRANTS, ipa_quadrants

IMP = {"speed": 6.5, "price": 6.0, "decor": 3.0, "music": 2.5}
PERF = {"speed": 3.0, "price": 6.0, "decor": 2.0, "music": 6.5}


@pytest.mark.parametrize("centre", ["mean", "median", "scale"])
def test_each_quadrant_under_each_centring(centre):
    df = ipa_quadrants(IMP, PERF, centre=centre).set_index("attribute")
    # the data are spread so all three centrings agree on the quadrants
    assert df.loc["speed", "quadrant"] == "concentrate_here"
    assert df.loc["price", "quadrant"] == "keep_up"
    assert df.loc["decor", "quadrant"] == "low_priority"
    assert df.loc["music", "quadrant"] == "possible_overkill"
    assert set(df["quadrant"]) == set(QUADRANTS)


def test_lines_used_are_reported():
    imp, perf = list(IMP.values()), list(PERF.values())
    m = ipa_quadrants(IMP, PERF, centre="mean")
    assert m["importance_line"].iloc[0] == pytest.approx(statistics.mean(imp))  # 4.5
    assert m["performance_line"].iloc[0] == pytest.approx(statistics.mean(perf))  # 4.375
    md = ipa_quadrants(IMP, PERF, centre="median")
    assert md["importance_line"].iloc[0] == pytest.approx(statistics.median(imp))  # 4.5
    assert md["performance_line"].iloc[0] == pytest.approx(statistics.median(perf))  # 4.5
    s = ipa_quadrants(IMP, PERF, centre="scale", scale=(0, 10))
    assert s["importance_line"].iloc[0] == 5.0 and s["performance_line"].iloc[0] == 5.0


def test_centring_changes_the_answer():
    # all attributes above the 1-7 midpoint 4: scale-centred -> all keep_up;
    # mean-centred splits them
    imp, perf = [6, 5], [6, 5]
    assert ipa_quadrants(imp, perf, centre="scale")["quadrant"].tolist() == ["keep_up", "keep_up"]
    assert ipa_quadrants(imp, perf, centre="mean")["quadrant"].tolist() == ["keep_up", "low_priority"]


def test_median_differs_from_mean_with_outlier():
    imp = [1, 2, 3, 7]  # mean 3.25, median 2.5
    perf = [4, 4, 4, 4]  # on the line -> high performance everywhere
    assert ipa_quadrants(imp, perf, centre="mean")["quadrant"].tolist() == [
        "possible_overkill", "possible_overkill", "possible_overkill", "keep_up"]
    assert ipa_quadrants(imp, perf, centre="median")["quadrant"].tolist() == [
        "possible_overkill", "possible_overkill", "keep_up", "keep_up"]


def test_points_on_a_line_count_as_high():
    # scale (1, 7): both lines at 4
    df = ipa_quadrants([4, 4, 2, 4], [2, 4, 4, 6], centre="scale")
    assert df["quadrant"].tolist() == ["concentrate_here", "keep_up", "possible_overkill", "keep_up"]
    assert df["high_importance"].tolist() == [True, True, False, True]


def test_labels_from_series_else_numbers():
    s = ipa_quadrants(pd.Series([5, 3], index=["a", "b"]), pd.Series([5, 3], index=["a", "b"]))
    assert s["attribute"].tolist() == ["a", "b"]
    assert ipa_quadrants([5, 3], [5, 3])["attribute"].tolist() == [1, 2]


@pytest.mark.parametrize("imp,perf,kwargs,key", [
    ([5], [5], {"centre": "middle"}, "ipa.error.centre"),
    ([5, 4], [5], {}, "satisfaction.error.length_mismatch"),
    ([], [], {}, "satisfaction.error.empty"),
    ([8], [5], {}, "error.value_range"),
    ([5], [0], {}, "error.value_range"),
    ([5, float("nan")], [5, 4], {}, "error.not_a_number"),
    ([5], [5], {"scale": (7, 1)}, "satisfaction.error.scale"),
])
def test_input_errors(imp, perf, kwargs, key):
    with pytest.raises(ServiceLabError) as err:
        ipa_quadrants(imp, perf, **kwargs)
    assert err.value.key == key
