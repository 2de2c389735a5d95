"""Panels of chapter 10 driven from Python: staffing to a service level, one PDCA cycle on the
p-chart, the mystery-shopping checklist.

Oracles: chapter 03's published Erlang C example (200 calls an hour, 180 s, 80 % within 20 s
needs 14 agents; 90 % needs 15), the seed's complaint table (cause 1: 38 of 148 = 25.7 %), the
shipped month's outage on day 17 (its README), and checklist sums done by hand.
"""
from __future__ import annotations

import pytest

from servicelab.errors import ServiceLabError
from servicelab.widgets.quality import MysteryShopPanel, PdcaPanel, ServiceLevelPanel


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_service_level_panel_starts_at_80_20(lang):
    p = ServiceLevelPanel(lang)
    assert p.needed == 14
    assert "14" in p.readout.value and p.error.value == ""
    assert p.chart.datasets["staff_target"] == [{"target": 80.0}]


def test_service_level_slider_changes_staffing_readout_and_chart():
    p = ServiceLevelPanel("en")
    before = list(p.chart.datasets["staff_bars"])
    p.sliders["service_level"].value = 90
    assert p.needed == 15  # the published example at 90 %
    assert "at least 15 agents" in p.readout.value
    p.sliders["calls_per_hour"].value = 400
    assert p.needed > 15 and p.chart.datasets["staff_bars"] != before


@pytest.mark.parametrize("preset", ["strict_90_10", "promotion_day"])
def test_service_level_presets(preset):
    assert ServiceLevelPanel("zh", preset=preset).needed > 14


def test_bad_preset_is_refused_with_a_translated_error():
    with pytest.raises(ServiceLabError) as err:
        ServiceLevelPanel("zh", preset="nope")
    assert err.value.key == "quality.error.preset" and "nope" in err.value.message("en")
    with pytest.raises(ServiceLabError):
        PdcaPanel("zh", preset="nope")
    with pytest.raises(ServiceLabError):
        MysteryShopPanel("zh", preset="nope")


def test_pdca_panel_plans_from_the_chart_and_the_pareto_table():
    p = PdcaPanel("en")
    assert not p.done and p.after is None
    assert len(p.chart.datasets["pchart_points"]) == 30
    beyond = [r["day"] for r in p.chart.datasets["pchart_points"] if r["status"] == "Beyond a limit (rule 1)"]
    assert beyond == [17]  # the made-up outage
    assert "Poor product quality (25.7 % of all complaints)" in p.readout.value
    assert p.steps.value.count("sl-pdca-step-on") == 4  # plan reached


def test_pdca_do_runs_next_month_and_the_check_shows_the_shift():
    p = PdcaPanel("en")
    p.do.click()
    assert p.done and len(p.after) == 30
    points = p.chart.datasets["pchart_points"]
    assert len(points) == 60 and p.chart.datasets["pchart_split"] == [{"day": 30.5, "label": "The fix is carried out"}]
    assert "Act: the chart shows a real drop" in p.readout.value
    assert p.steps.value.count("sl-pdca-step-on") == 8
    runs = [r for r in points[30:] if r["status"] == "Run signal (rules 2–4)"]
    assert runs and all(r["share"] < r["center"] for r in runs)


def test_pdca_minor_cause_shows_no_change_and_reset_goes_back():
    p = PdcaPanel("zh", preset="minor_cause")
    assert p.done and "看不出变化" in p.readout.value
    p.cause.value = 1
    assert "确实下降" in p.readout.value
    p.reset.click()
    assert not p.done and len(p.chart.datasets["pchart_points"]) == 30


def test_pdca_effect_slider_changes_next_month():
    p = PdcaPanel("en", preset="main_cause")
    before = [r["complaints"] for r in p.chart.datasets["pchart_points"][30:]]
    p.effect.value = 0
    after = [r["complaints"] for r in p.chart.datasets["pchart_points"][30:]]
    assert before != after and sum(after) > sum(before)


def test_mystery_panel_scores_and_names_the_costliest_items():
    p = MysteryShopPanel("en")
    # typical visit: wait partly (−7.5), knowledge partly (−10), farewell missed (−5)
    assert p.result.score == pytest.approx(77.5)
    assert "77.5 / 100" in p.readout.value
    assert "Accurate knowledge, Waiting time, Farewell and thanks" in p.readout.value
    p.ratings["wait"].value = "met"
    assert p.result.score == pytest.approx(85.0)
    assert p.chart.datasets["checklist_loss"][0]["lost"] == 10.0


def test_mystery_panel_refuses_weights_that_do_not_sum_to_100():
    p = MysteryShopPanel("zh")
    p.weights["farewell"].value = 15
    assert p.result is None
    assert "110" in p.error.value and "100" in p.error.value and "sl-error-input" in p.error.value
    assert p.readout.layout.display == "none"
    assert "110 / 100" in p.total.value
    p.weights["knowledge"].value = 10
    assert p.error.value == "" and p.result.score == pytest.approx(100 - 7.5 - 5.0 - 15)


def test_mystery_bad_weights_preset_opens_with_the_error():
    p = MysteryShopPanel("en", preset="bad_weights")
    assert p.result is None and "add up to 110" in p.error.value
