"""Charts of perishability (servicelab.charts.capacity): the data they draw and their text alternative.

Oracles: the capacity-day identities (served + idle = capacity in every hour, so the bars up to
the line are the capacity) and the queue metrics, computed here from the models' outputs.
"""
from __future__ import annotations

import math

import pytest

from servicelab.charts import capacity as charts
from servicelab.models.capacity import capacity_day
from servicelab.models.queueing import queue_metrics


def test_day_chart_stacks_served_and_idle_up_to_the_capacity_line():
    day = capacity_day([2, 6, 10, 4], 5, third_party=0.5)
    data = charts.CAPACITY_DAY.data(day, "en")
    bars, line = data["capacity_bars"], data["capacity_line"]
    assert len(bars) == 4 * len(charts.PARTS)
    below = bars[bars["part"].isin(["Served", "Idle capacity"])].groupby("hour")["customers"].sum()
    assert below.tolist() == line.set_index("hour")["capacity"].tolist() == [5, 5, 5, 5]
    above = bars[bars["part"].isin(["Served by a third party", "Turned away (lost)"])].groupby("hour")["customers"].sum()
    assert above.tolist() == [0, 1, 5, 0]  # the customers each hour could not serve
    spec = charts.capacity_day_chart(day, "en").to_dict()
    assert spec["title"] == "Perishability: hourly demand against capacity"


def test_day_chart_live_has_a_text_alternative_in_both_languages():
    day = capacity_day([2, 6, 10, 4], 5)
    for lang, title in (("zh", "不可储存性"), ("en", "Perishability")):
        widget = charts.CAPACITY_DAY.live(day, lang)
        assert title in widget.alt_text and "<table" in widget.table_html


def test_queue_chart_data_marks_target_current_and_fewest():
    metrics = queue_metrics(200, 180, list(range(9, 18)))
    out = {"metrics": metrics, "target": 0.8, "agents": 13, "needed": 14}
    data = charts.QUEUE_CURVE.data(out, "en")
    curve = data["queue_curve"].set_index("agents")
    assert curve.loc[14, "service_level"] == pytest.approx(88.84, abs=0.01)
    assert math.isnan(curve.loc[10, "asa_seconds"])  # overloaded: no finite wait to draw
    assert data["queue_target"]["target"].tolist() == [80.0]
    assert data["queue_marks"]["agents"].tolist() == [13, 14]
    widget = charts.QUEUE_CURVE.live(out, "en")
    assert "Erlang C" in widget.alt_text and widget.datasets["queue_curve"][1]["asa_seconds"] is None
    assert charts.queue_curve_chart(out, "zh").to_dict()["title"].startswith("排队模型")
