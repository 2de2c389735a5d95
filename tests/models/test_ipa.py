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


# ---------------------------------------------------------------- chapter 08: the class survey
def _survey():
    from servicelab.io.survey import read_survey
    from servicelab.paths import data_path
    return read_survey(data_path("surveys", "canteen_servqual.csv"))


def _independent_dimension_points():
    """Mean weight and mean P per dimension straight from the CSV with pandas (not the reader)."""
    from servicelab.paths import data_path
    raw = pd.read_csv(data_path("surveys", "canteen_servqual.csv"))
    items = {"tangibles": range(1, 5), "reliability": range(5, 10), "responsiveness": range(10, 14),
             "assurance": range(14, 18), "empathy": range(18, 23)}
    imp = {d: raw[f"W{i}"].mean() for i, d in enumerate(items, start=1)}
    perf = {d: raw[[f"P{j}" for j in r]].stack().mean() for d, r in items.items()}
    return imp, perf


def _quadrant(i, p, il, pl):
    return {(True, True): "keep_up", (True, False): "concentrate_here",
            (False, True): "possible_overkill", (False, False): "low_priority"}[(i >= il, p >= pl)]


@pytest.mark.parametrize("centre", ["mean", "median", "scale"])
def test_survey_ipa_weights_at_each_cross_line(centre):
    from servicelab.models.ipa import survey_ipa
    imp, perf = _independent_dimension_points()
    if centre == "mean":
        il, pl = statistics.mean(imp.values()), statistics.mean(perf.values())
    elif centre == "median":
        il, pl = statistics.median(imp.values()), statistics.median(perf.values())
    else:
        il, pl = 20.0, 4.0  # equal share of 100 points over 5 dimensions; midpoint of 1-7
    df = survey_ipa(_survey(), importance="weights", centre=centre).set_index("attribute")
    assert df["importance_line"].iloc[0] == pytest.approx(il)
    assert df["performance_line"].iloc[0] == pytest.approx(pl)
    for d in imp:
        assert df.loc[d, "importance"] == pytest.approx(imp[d])
        assert df.loc[d, "performance"] == pytest.approx(perf[d])
        assert df.loc[d, "quadrant"] == _quadrant(imp[d], perf[d], il, pl), d


@pytest.mark.parametrize("centre", ["mean", "median", "scale"])
def test_survey_ipa_expectation_ratings_at_each_cross_line(centre):
    from servicelab.models.ipa import survey_ipa
    from servicelab.paths import data_path
    raw = pd.read_csv(data_path("surveys", "canteen_servqual.csv"))
    imp = [raw[f"E{j}"].mean() for j in range(1, 23)]
    perf = [raw[f"P{j}"].mean() for j in range(1, 23)]
    il, pl = {"mean": (statistics.mean(imp), statistics.mean(perf)),
              "median": (statistics.median(imp), statistics.median(perf)), "scale": (4.0, 4.0)}[centre]
    df = survey_ipa(_survey(), importance="expectations", centre=centre)
    assert df["attribute"].tolist() == list(range(1, 23))
    assert df["quadrant"].tolist() == [_quadrant(i, p, il, pl) for i, p in zip(imp, perf)]


def test_survey_ipa_refuses_unknown_source_and_missing_weights():
    import dataclasses
    from servicelab.models.ipa import survey_ipa
    s = _survey()
    with pytest.raises(ServiceLabError):
        survey_ipa(s, importance="ranking")
    with pytest.raises(ServiceLabError) as e:
        survey_ipa(dataclasses.replace(s, weights=None))
    assert e.value.key == "ipa.error.no_weights"


def test_importance_scale_moves_only_the_importance_midpoint():
    df = ipa_quadrants({"a": 30, "b": 10}, {"a": 2, "b": 6}, centre="scale", importance_scale=(0, 40))
    assert df["importance_line"].iloc[0] == 20 and df["performance_line"].iloc[0] == 4
    assert df["quadrant"].tolist() == ["concentrate_here", "possible_overkill"]
    with pytest.raises(ServiceLabError):
        ipa_quadrants({"a": 50}, {"a": 2}, importance_scale=(0, 40))
