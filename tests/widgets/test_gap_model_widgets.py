"""The gap model panels, driven from Python.

Oracles: ``data/gap_model/*.json`` and the factor names of ``data/i18n/gap_model.json`` read with the json module; risks worked by hand
((5 − x)/4 for a factor whose high level narrows its gap, (x − 1)/4 for one that widens it).
"""
from __future__ import annotations

import html
import json

import pytest

from servicelab.errors import ServiceLabError
from servicelab.paths import data_path
from servicelab.widgets.gap_model import GapFactorsPanel, GapModelPanel

GAPS = json.loads(data_path("gap_model", "gaps.json").read_text(encoding="utf-8"))["gaps"]
FACTORS = json.loads(data_path("gap_model", "factors.json").read_text(encoding="utf-8"))
CATALOGUE = {k: v for f in data_path("i18n").glob("*.json") for k, v in json.loads(f.read_text(encoding="utf-8")).items()}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_selecting_a_gap_shows_its_text_and_highlights_its_arrow(lang):
    p = GapModelPanel(lang)
    assert p.gap is None and CATALOGUE["gap_model.panel.none"][lang] in p.text.value
    for g in GAPS:
        p.selector.value = g["gap"]
        for field in ("name", "what", "why", "close"):
            assert html.escape(g[field][lang]) in p.text.value, (g["gap"], field)
        shown = [row["name"] for row in p.chart.datasets["gm_gaps"] if row["selected"]]
        assert shown == [g["name"][lang]]
    assert p.error.value == ""


def test_preset_opens_on_that_gap_and_a_bad_one_is_refused():
    p = GapModelPanel("en", preset=4)
    assert p.selector.value == 4 and GAPS[3]["name"]["en"] in p.text.value
    with pytest.raises(ServiceLabError):
        GapModelPanel("en", preset=6)


def _ratings_of(panel):
    return {f: s.value for f, s in panel.sliders.items()}


def test_factor_panel_has_a_slider_per_factor_grouped_by_gap():
    p = GapFactorsPanel("zh")
    assert list(p.sliders) == [f["id"] for f in FACTORS["factors"]]
    assert set(_ratings_of(p).values()) == {3}
    for f in FACTORS["factors"]:
        group = next(c for c in p.children[0].children if f"sl-gapf-group{f['gap']}" in c._dom_classes)
        assert p.sliders[f["id"]] in group.children, f["id"]
        assert p.sliders[f["id"]].description == CATALOGUE[f"gap_model.factor.{f['id']}"]["zh"]


def test_moving_a_slider_updates_profile_start_and_chart():
    p = GapFactorsPanel("en")
    before = p.chart.datasets["gm_risk"]
    p.sliders["propensity_to_overpromise"].value = 5  # widens gap 4: risk (0.5 + 1) / 2 = 0.75
    risk = {row["gap"]: row["risk"] for row in p.chart.datasets["gm_risk"]}
    assert risk == {"Gap 1": 0.5, "Gap 2": 0.5, "Gap 3": 0.5, "Gap 4": 0.75}
    assert p.chart.datasets["gm_risk"] != before
    assert "Gap 4" in p.start_html.value and "Propensity to over-promise" in p.start_html.value
    assert "0.75" in p.profile_html.value


def test_presets_load_an_example_firm_and_bad_presets_are_named():
    p = GapFactorsPanel("en", preset="front_line_strain")
    assert _ratings_of(p) == FACTORS["presets"]["front_line_strain"]["ratings"]
    assert "Gap 3" in p.start_html.value
    with pytest.raises(ServiceLabError, match="no_such_firm"):
        GapFactorsPanel("en", preset="no_such_firm")
    with pytest.raises(ServiceLabError, match="teamwork"):
        GapFactorsPanel("en", preset={**_ratings_of(p), "teamwork": 9})


def test_set_ratings_refuses_bad_values_without_touching_the_sliders():
    p = GapFactorsPanel("en")
    with pytest.raises(ServiceLabError):
        p.set_ratings({"teamwork": 1, "role_conflict": 0})
    assert set(_ratings_of(p).values()) == {3}
    p.set_ratings({"teamwork": 1})
    assert p.sliders["teamwork"].value == 1 and "Gap 3" in p.start_html.value
