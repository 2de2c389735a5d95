"""SERVQUAL charts: data sent to the browser, translated titles, the radar geometry."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from servicelab.charts import servqual as charts
from servicelab.models import servqual as sq


@pytest.fixture
def dims() -> pd.DataFrame:
    # E = 7 everywhere; P = 6 tangibles, 5 reliability, 7 elsewhere (the chapter's worked example)
    return sq.gap_scores([[7] * 22], [[6] * 4 + [5] * 5 + [7] * 13]).dimensions


def test_dumbbell_data_has_two_points_per_dimension(dims):
    data = charts.EXPECTATION_PERCEPTION.data(dims, "en")
    points = data["servqual_points"]
    assert len(points) == 10
    rel = points[(points["label"] == "Reliability")].set_index("kind")["value"]
    assert rel["Expectation E"] == 7 and rel["Perception P"] == 5


def test_titles_follow_the_language(dims):
    assert charts.expectation_perception_chart(dims, "zh").to_dict()["title"] == "各维度的期望与感知"
    assert charts.expectation_perception_chart(dims, "en").to_dict()["title"] == "Expectation and perception by dimension"


def test_template_carries_no_data_and_static_chart_inlines_it(dims):
    template = charts.EXPECTATION_PERCEPTION.template("en")
    assert "datasets" not in template  # data travel separately, so an update sends rows only
    static = charts.expectation_perception_chart(dims, "en").to_dict()
    assert set(static["datasets"]) == {"servqual_dims", "servqual_points", "servqual_scale"}


def test_radar_vertices_sit_at_the_rating_on_each_axis(dims):
    radar = charts.RADAR.data(dims, "en")["servqual_radar"]
    p = radar[radar["kind"] == "Perception P"].sort_values("order")
    assert len(p) == 6  # five vertices and the closing point
    # vertex k lies at distance = rating, at angle 2πk/5 from the top, clockwise
    for k, rating in enumerate([6, 5, 7, 7, 7, 6]):
        row = p.iloc[k]
        assert math.hypot(row["x"], row["y"]) == pytest.approx(rating, abs=1e-3)
        assert math.atan2(row["x"], row["y"]) % (2 * math.pi) == pytest.approx((2 * math.pi * k / 5) % (2 * math.pi), abs=1e-3)


def test_item_gap_chart_has_22_bars_and_score_chart_drops_missing():
    items = sq.item_summary(np.full((2, 22), 6.0), np.full((2, 22), 5.0))
    assert len(charts.ITEM_GAPS.data(items, "en")["servqual_items"]) == 22
    scores = charts.SCORES.data({"unweighted": -0.5, "weighted": None}, "en")["servqual_scores"]
    assert scores["label"].tolist() == ["Unweighted SERVQUAL"]


def test_nine_point_survey_is_drawn_on_its_own_scale():
    # a 1–9 survey (the course's radar chart uses 1–9): E = 9 and P = 5 everywhere
    from servicelab.models import servqual as sq
    e, p = np.full((1, 22), 9.0), np.full((1, 22), 5.0)
    dims = sq.gap_scores(e, p, scale=(1, 9)).dimensions
    scale = charts.EXPECTATION_PERCEPTION.data(dims, "en")["servqual_scale"]
    assert (scale["low"].item(), scale["high"].item()) == (1.0, 9.0)  # the axis spans 1–9, not 1–7
    data = charts.RADAR.data(dims, "en")
    rings = data["servqual_radar_rings"]
    assert sorted(rings["ring"].unique()) == list(range(1, 10))  # one ring per scale point
    # the outer ring (9) is drawn where 7 is on a 7-point survey; 5 of 1–9 at radius 1 + 4/8·6 = 4
    top = data["servqual_radar"].query("order == 0")
    radius = dict(zip(top["kind"], np.hypot(top["x"], top["y"])))
    assert radius["Expectation E"] == pytest.approx(7.0, abs=1e-3)
    assert radius["Perception P"] == pytest.approx(4.0, abs=1e-3)


def test_seven_point_radar_radius_is_the_rating(dims):
    rings = charts.RADAR.data(dims, "en")["servqual_radar_rings"]
    outer = rings[(rings["ring"] == 7) & (rings["order"] == 0)]
    assert np.hypot(outer["x"], outer["y"]).item() == pytest.approx(7.0)
