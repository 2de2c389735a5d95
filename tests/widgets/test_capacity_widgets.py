"""Tests for servicelab.widgets.capacity (CapacityPanel, QueuePanel), driven from Python.

Setting a slider's ``value`` fires the observers as a browser would. Expected numbers come from the
default day file read here with the csv module and worked by hand, or from the published Erlang C
worked example (200 calls an hour, 180 s, 80 % within 20 s: 14 agents; see
tests/models/test_queueing.py for the citation).
"""
from __future__ import annotations

import csv
import html
import json
import re

import pytest

from servicelab.errors import ServiceLabError
from servicelab.paths import data_path
from servicelab.widgets.capacity import CAPACITY_PRESETS, QUEUE_PRESETS, CapacityPanel, QueuePanel


def table_row(html_text: str, label: str) -> list[str]:
    for tr in re.findall(r"<tr>(.*?)</tr>", html_text):
        cells = [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
        if cells and cells[0] == label:
            return cells
    raise AssertionError(f"no row {label!r} in {html_text[:300]}")


def bank_day() -> tuple[list[float], list[float]]:
    with open(data_path("capacity", "bank_branch.csv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [float(r["demand"]) for r in rows], [float(r["capacity"]) for r in rows]


class TestCapacityPanel:
    def test_default_totals_match_the_day_file(self):
        demand, capacity = bank_day()
        lost = sum(max(d - c, 0) for d, c in zip(demand, capacity))      # 7 + 22 + 12 = 41
        idle = sum(max(c - d, 0) for d, c in zip(demand, capacity))      # 28 + 13 + 13 + 18 + 3 = 75
        panel = CapacityPanel("en")
        assert table_row(panel.totals.value, "Turned away (lost)")[1:] == [f"{lost:.1f}", f"{lost:.1f}"]
        assert table_row(panel.totals.value, "Idle capacity (customers that could have been served)")[2] == f"{idle:.1f}"
        assert table_row(panel.totals.value, "Demand (customers)")[1] == f"{sum(demand):.0f}"

    def test_pricing_slider_moves_lost_customers_and_the_chart(self):
        panel = CapacityPanel("en")
        before = json.loads(json.dumps(panel.chart.datasets))
        panel.sliders["off_peak_shift"].value = 100
        # all 41 excess customers fit into the 75 idle places: none lost, 34 places still idle
        assert table_row(panel.totals.value, "Turned away (lost)")[1:] == ["41.0", "0.0"]
        assert table_row(panel.totals.value, "Idle capacity (customers that could have been served)")[2] == "34.0"
        assert "41.0 fewer customers lost" in panel.totals.value
        assert panel.chart.datasets != before
        assert panel.error.value == ""
        assert "sl-capacity-pricing" in panel.sliders["off_peak_shift"]._dom_classes

    def test_each_lever_reaches_the_model(self):
        panel = CapacityPanel("en")
        panel.sliders["part_time"].value = 10
        assert panel.day["capacity"].max() == 58 and panel.levers["part_time"] == 10
        panel.sliders["third_party"].value = 50
        assert panel.summary["third_party"] > 0 and panel.levers["third_party"] == 0.5
        panel.sliders["patience_hours"].value = 1
        panel.sliders["reservation_share"].value = 20
        assert panel.levers == {"off_peak_shift": 0.0, "reservation_share": 0.2, "part_time": 10, "third_party": 0.5,
                                "patience_hours": 1}
        s = panel.summary
        assert s["served"] + s["third_party"] + s["turned_away"] + s["waiting_at_close"] == pytest.approx(350)

    def test_presets(self):
        lunch = CapacityPanel("zh", preset="lunch_peak")
        assert lunch.inputs["capacity"].max() == 300 and "食堂" in lunch.children[0].value
        remedies = CapacityPanel("en", preset="bank_remedies")
        assert remedies.sliders["off_peak_shift"].value == 30 and remedies.summary["turned_away"] < remedies.baseline["turned_away"]
        with pytest.raises(ServiceLabError) as err:
            CapacityPanel("en", preset="zoo")
        assert err.value.key == "capacity.error.preset" and "lunch_peak" in err.value.message("en")
        assert set(CAPACITY_PRESETS) >= {"lunch_peak", "bank_branch"}

    def test_chinese_panel_uses_the_exam_terms(self):
        panel = CapacityPanel("zh")
        labels = " ".join(s.description for s in panel.sliders.values())
        for term in ("创造性定价", "预订系统", "兼职员工", "第三方"):
            assert term in labels
        assert "不可储存性" in panel.chart.alt_text


class TestQueuePanel:
    def test_published_example_is_the_default(self):
        panel = QueuePanel("en")
        v = panel.readout.value
        assert table_row(v, "Probability of waiting")[1] == "17.4 %"   # 0.1741319
        assert table_row(v, "Service level (answered within 20 s)")[1] == "88.8 %"  # 0.88835
        assert table_row(v, "Average wait (s)")[1] == "7.8"            # 7.8359 s
        assert "The fewest agents answering 80% of calls within 20 s: 14." in v
        assert "Target met" in v

    def test_agents_slider_updates_metrics_and_chart(self):
        panel = QueuePanel("en")
        before = json.loads(json.dumps(panel.chart.datasets))
        panel.sliders["agents"].value = 13
        v = panel.readout.value
        assert table_row(v, "Service level (answered within 20 s)")[1] == "79.6 %"  # 13 agents miss 80/20
        assert "Target missed" in v and panel.needed == 14
        assert panel.chart.datasets != before
        assert "sl-queue-agents" in panel.sliders["agents"]._dom_classes

    def test_overload_is_explained_not_an_error(self):
        panel = QueuePanel("en")
        panel.sliders["agents"].value = 10
        assert "Overloaded" in panel.readout.value and "∞" in panel.readout.value
        assert panel.error.value == ""

    def test_target_sliders_change_the_fewest_agents_and_the_day_table(self):
        panel = QueuePanel("en")
        first = panel.day_table.value
        panel.sliders["service_level"].value = 90
        assert panel.needed == 15  # SL(14) = 0.888 < 0.9 ≤ SL(15) = 0.941
        assert panel.day_table.value != first
        assert (panel.staffing["service_level"] >= 0.9).all()

    def test_day_table_lists_every_hour_of_the_call_file(self):
        with open(data_path("capacity", "call_centre.csv"), encoding="utf-8") as fh:
            hours = [int(r["hour"]) for r in csv.DictReader(fh)]
        panel = QueuePanel("en")
        for h in hours:
            assert f"<td style='text-align:left;padding:2px 8px'>{h:02d}:00</td>" in panel.day_table.value
        assert panel.staffing["agents"].sum() > 0

    def test_presets(self):
        for name, p in QUEUE_PRESETS.items():
            panel = QueuePanel("zh", preset=name)
            assert panel.sliders["agents"].value == p["agents"]
        with pytest.raises(ServiceLabError):
            QueuePanel("en", preset="nope")
