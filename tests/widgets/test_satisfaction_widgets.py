"""Chapter 08 panels, driven from Python.

Oracles: hand arithmetic on the counts, the Kano table typed in tests/models/test_kano.py
(Berger et al. 1993), the class survey's columns read with pandas, and the chain file read with json.
"""
from __future__ import annotations

import json

import pandas as pd
import pytest

from servicelab.errors import ServiceLabError
from servicelab.io.survey import read_survey
from servicelab.paths import data_path
from servicelab.widgets import satisfaction as ws

CATALOGUE = {k: v for f in data_path("i18n").glob("*.json") for k, v in json.loads(f.read_text(encoding="utf-8")).items()}
SURVEY = read_survey(data_path("surveys", "canteen_servqual.csv"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_indicator_panel_computes_rates_from_counts_and_updates_the_chart(lang):
    p = ws.IndicatorsPanel(lang)
    bars = {r["indicator"]: r["percent"] for r in p.chart.datasets["si_bars"]}
    assert bars[CATALOGUE["satisfaction.indicator.repeat_rate"][lang]] == pytest.approx(35.0)  # 140 / 400
    p.inputs["complaining"].value = 60  # 60 / 400 = 15 %
    bars = {r["indicator"]: r["percent"] for r in p.chart.datasets["si_bars"]}
    assert bars[CATALOGUE["satisfaction.indicator.complaint_rate"][lang]] == pytest.approx(15.0)
    assert "15.0 %" in p.table.value and p.error.value == ""
    p.inputs["customers"].value = 50  # fewer customers than praising (120): refused, translated, named
    assert p.error.value and "sl-error-box" in p.error.value and p.table.layout.display == "none"
    p.inputs["customers"].value = 500
    assert p.error.value == "" and "12.0 %" in p.table.value  # 60 / 500


def test_indicator_preset_and_unknown_field():
    p = ws.IndicatorsPanel("en", preset={"customers": 200, "repeat_or_referring": 50})
    assert p.frame.set_index("indicator").loc["repeat_rate", "rate"] == pytest.approx(0.25)
    with pytest.raises(ServiceLabError):
        ws.IndicatorsPanel("en", preset={"visitors": 3})


def test_index_panel_acsi_and_nps():
    p = ws.IndexPanel("en")
    assert p.index == pytest.approx((7 + 6.5 + 6) / 3 / 9 * 100)  # (8-1, 7.5-1, 7-1) / 9, equal weights: 72.222
    assert p.nps.nps == pytest.approx(45 - 25)
    p.counts[2].value = 45  # 45 promoters, 30 passives, 45 detractors of 120 -> 0
    assert p.nps.nps == pytest.approx(0.0) and "NPS = 0.0" in p.out.value.replace("+", "")
    p.sliders[0].value = 10
    assert p.index == pytest.approx((9 + 6.5 + 6) / 27 * 100)


@pytest.mark.parametrize("centre", ["mean", "median", "scale"])
def test_ipa_panel_follows_the_cross_line_choice(centre):
    p = ws.IPAPanel(SURVEY, "en")
    p.centre.value = centre
    raw = pd.read_csv(data_path("surveys", "canteen_servqual.csv"))
    w = [raw[f"W{i}"].mean() for i in range(1, 6)]
    expected_line = {"mean": sum(w) / 5, "median": sorted(w)[2], "scale": 20.0}[centre]
    line = p.chart.datasets["ipa_lines"][0]["il"]
    assert line == pytest.approx(expected_line, abs=1e-3)
    p.source.value = "expectations"
    assert len(p.chart.datasets["ipa_points"]) == 22 and p.error.value == ""


def test_kano_panel_classifies_the_learners_answers_with_the_table():
    p = ws.KanoPanel("en")
    assert set(p.mine.values()) == {None}
    p.answer("clean_tableware", "neutral", "dislike")   # must-be
    p.answer("free_soup", "like", "live_with")          # attractive
    p.answer("background_music", "dislike", "like")     # reverse
    assert p.mine["clean_tableware"] == "M" and p.mine["free_soup"] == "A" and p.mine["background_music"] == "R"
    # the class sample's majority: must-be, attractive, indifferent -> two of three agree
    assert CATALOGUE["satnb.kano.agree"]["en"].format(same=2, answered=3).replace("'", "&#x27;") in p.result.value
    assert len(p.chart.datasets["kano_points"]) == 6


def test_kano_preset_answers_and_bad_answer():
    p = ws.KanoPanel("zh", answers={"short_queue": ("like", "dislike")})
    assert p.mine["short_queue"] == "O"
    with pytest.raises(ServiceLabError):
        ws.KanoPanel("zh", answers={"short_queue": ("love", "dislike")})


def test_loyalty_panel_factors_lift_the_curve_and_bounds_move_the_zones():
    p = ws.LoyaltyCurvePanel("en")
    def mid():
        rows = [r for r in p.chart.datasets["lc_lines"] if r["market"] == CATALOGUE["satnb.loyalty.current"]["en"]]
        return next(r["loyalty"] for r in rows if r["satisfaction"] == 3.0)
    assert mid() == pytest.approx(6.25)  # 100 * 0.5^4
    p.boxes["switching_costs"].value = True
    p.boxes["restrictive_laws"].value = True
    b = 1 - 0.8 ** 2
    assert mid() == pytest.approx(100 * (b + (1 - b) * 0.0625), abs=0.01)
    p.bounds.value = (2.5, 4.5)
    zones = p.chart.datasets["lc_zones"]
    assert [(z["x0"], z["x1"]) for z in zones] == [(1, 2.5), (2.5, 4.5), (4.5, 5)]


def test_chain_panel_switches_between_the_course_and_heskett():
    chain = json.loads(data_path("satisfaction", "profit_chain.json").read_text(encoding="utf-8"))
    p = ws.ProfitChainPanel("zh")
    assert [r["label"] for r in p.chart.datasets["pc_nodes"]] == [n["label"]["zh"] for n in chain["course"]["nodes"]]
    assert len(p.chart.datasets["pc_heads"]) == 8  # a cycle: eight arrows for eight links
    p.version.value = "heskett"
    assert [r["label"] for r in p.chart.datasets["pc_nodes"]] == [n["label"]["zh"] for n in chain["heskett"]["nodes"]]
    assert len(p.chart.datasets["pc_heads"]) == len(chain["heskett"]["edges"]) == 9
    assert CATALOGUE["satnb.chain.text.heskett"]["zh"][:10] in p.text.value


def test_loyalty_readout_names_the_zone_bounds():
    p = ws.LoyaltyCurvePanel("en", zone_bounds=(2.0, 4.0))
    assert "below 2.0" in p.readout.value and "from 4.0 up" in p.readout.value
    p.bounds.value = (2.2, 4.0)
    assert "below 2.2" in p.readout.value
