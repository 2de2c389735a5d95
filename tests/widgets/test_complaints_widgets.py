"""The complaint and recovery panels, driven from Python.

Oracles: the seed's counts typed here (38, 17, 14, 10, 10, 9, 5, 5, 5, 4, 3, … of 148), cumulative
counts worked by hand, the documented recovery formula worked by hand, and the i18n catalogue read
with the json module.
"""
from __future__ import annotations

import html
import json

import pytest

from servicelab.errors import ServiceLabError
from servicelab.paths import data_path
from servicelab.widgets.complaints import ParetoPanel, RecoveryPanel, complaint_channels_chart, response_tree_chart

CATALOGUE = {k: v for f in data_path("i18n").glob("*.json") for k, v in json.loads(f.read_text(encoding="utf-8")).items()}
COUNTS = [38, 17, 14, 10, 10, 9, 5, 5, 5, 4, 3, 3, 3, 2, 2, 2, 2, 2] + [1] * 12


def _vital_by_hand(threshold: float) -> int:
    running, n = 0, 0
    for c in COUNTS:
        if running >= threshold * 148 - 1e-9:
            break
        running += c
        n += 1
    return n


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_moving_the_line_changes_the_vital_few_table_and_chart(lang):
    p = ParetoPanel(lang)
    assert p.threshold.value == 80
    assert "11" in p.summary.value and "120" in p.summary.value and "81.08 %" in p.summary.value
    assert p.table.value.count("<tr>") == 1 + 11
    assert p.chart.datasets["cp_line"][0]["threshold"] == 80
    before = p.chart.datasets
    p.threshold.value = 60  # 38+17+14+10 = 79 < 88.8 ≤ 89 → five causes, 89/148 = 60.14 %
    assert _vital_by_hand(0.6) == 5
    assert p.table.value.count("<tr>") == 1 + 5 and "60.14 %" in p.summary.value
    assert sum(row["vital"] for row in p.chart.datasets["cp_bars"]) == 5
    assert p.chart.datasets != before and p.chart.datasets["cp_line"][0]["threshold"] == 60
    assert p.error.value == ""


@pytest.mark.parametrize("percent", [50, 65, 80, 90, 95])
def test_vital_few_count_matches_a_hand_count(percent):
    p = ParetoPanel("en", preset=percent)
    assert sum(row["vital"] for row in p.chart.datasets["cp_bars"]) == _vital_by_hand(percent / 100)


def test_pareto_preset_is_bounded():
    for bad in (49, 96, "80"):
        with pytest.raises(ServiceLabError):
            ParetoPanel("zh", preset=bad)
    with pytest.raises(ServiceLabError):
        ParetoPanel("zh").set_threshold(20)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_recovery_levers_move_the_readout_and_chart(lang):
    p = RecoveryPanel(lang)
    # severity 5, keys 5: s = 0.5, R = 0.5 → 70 − 25 · 0.5 = 57.5, no paradox
    assert "57.5" in p.readout.value
    assert html.escape(CATALOGUE["recovery.panel.why.severe"][lang]) in p.paradox.value
    assert CATALOGUE["recovery.panel.teaching"][lang][:12] in p.children[0].value
    chart = p.chart.datasets
    p.set_levers({"severity": 2, "timeliness": 10, "empowerment": 10, "compensation": 10})
    assert "76.0" in p.readout.value and html.escape(CATALOGUE["recovery.panel.paradox"][lang]) in p.paradox.value
    assert p.chart.datasets != chart
    p.prior.value = True  # a second failure: no paradox
    assert html.escape(CATALOGUE["recovery.panel.why.prior"][lang]) in p.paradox.value and "70.0" in p.readout.value
    p.sliders["compensation"].value = 0  # R = 2/3: 70 − 10 · (1/3) = 66.7
    assert "66.7" in p.readout.value


def test_recovery_presets_and_bad_input():
    assert RecoveryPanel("en", preset="paradox").outcome["paradox"]
    assert RecoveryPanel("en", preset="severe").sliders["severity"].value == 9
    with pytest.raises(ServiceLabError):
        RecoveryPanel("en", preset="nope")
    p = RecoveryPanel("en")
    with pytest.raises(ServiceLabError):
        p.set_levers({"severity": 0})
    assert p.sliders["severity"].value == 5  # nothing moved


def test_static_charts_draw_their_data_files():
    tree = response_tree_chart("zh")
    labels = {row["label"] for row in tree.datasets["ct_nodes"]}
    assert {"直接向企业抱怨", "采取法律行动", "向公众机构投诉", "抵制销售商或制造商", "告诫亲友"} <= labels
    assert len(tree.datasets["ct_edges"]) == len(tree.datasets["ct_nodes"]) - 1
    ch = complaint_channels_chart("en")
    assert [row["people"] for row in ch.datasets["cc_bars"]] == [1582, 1325, 916, 416, 310]
