"""Chapter 03 panels driven from Python (setting a widget's value fires its observers as a browser
would). Expected numbers are worked by hand with the peak–end rule or recomputed from the model's
documented formula, not read back from the panel's own model call."""
from __future__ import annotations

import html
import re

import pytest

from servicelab.errors import ServiceLabError
from servicelab.widgets.encounter import HETEROGENEITY_PRESETS, JOURNEY_PRESETS, HeterogeneityPanel, JourneyPanel


def cells(html_text: str) -> list[str]:
    return [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", html_text)]


def test_journey_defaults_and_a_slider_move():
    p = JourneyPanel("en")
    # hotel defaults 7, 6, 2, 8, 7, 6, 3: mean 39/7, peak check-in (2), end 3 → (2 + 3)/2 = 2.5
    assert p.summary.mean == pytest.approx(39 / 7) and p.summary.remembered == 2.5
    assert "2.50" in cells(p.score.value) and "5.57" in cells(p.score.value)
    before = dict(p.chart.datasets)
    p.sliders[-1].value = 9  # a strong finish: peak 2 and 9 tie on intensity? |2−5| = 3 < |9−5| = 4 → peak 9, end 9
    assert p.summary.remembered == 9.0
    assert p.chart.datasets != before
    assert p.error.value == ""


def test_effort_table_names_the_touchpoints_that_matter():
    p = JourneyPanel("en", preset="hotel")
    # by hand: +2 on check-in (2 → 4) makes room (8) the most intense: (8 + 3)/2 = 5.5, +3.0;
    # +2 on check-out (3 → 5): peak check-in 2, end 5 → 3.5, +1.0; room 8 → 10: peak 10, end 3 → 6.5, +4.0
    rows = [c for c in re.findall(r"<tr>(.*?)</tr>", p.effort.value)][1:]
    gains = {html.unescape(re.findall(r"<td[^>]*>(.*?)</td>", r)[0]): html.unescape(re.findall(r"<td[^>]*>(.*?)</td>", r)[2]) for r in rows}
    assert gains["Check-in at the front desk"] == "+3.00"
    assert gains["Check-out and the bill"] == "+1.00"
    assert gains["The room"] == "+4.00"
    assert "The room" in p.effort.value.split("</table>")[1]


def test_switching_journey_rebuilds_the_sliders():
    p = JourneyPanel("zh")
    p.journey.value = "courier"
    assert len(p.sliders) == 6 and p.ratings == [7, 8, 5, 2, 7, 6]
    assert p.summary.remembered == (2 + 6) / 2


@pytest.mark.parametrize("name", list(JOURNEY_PRESETS))
def test_every_journey_preset_opens_without_error(name):
    p = JourneyPanel("en", preset=name)
    assert p.journey.value == JOURNEY_PRESETS[name]["journey"] and p.error.value == ""
    if "ratings" in JOURNEY_PRESETS[name]:
        assert p.ratings == JOURNEY_PRESETS[name]["ratings"]


def test_unknown_preset_is_refused_in_the_learners_language():
    with pytest.raises(ServiceLabError) as err:
        JourneyPanel("en", preset="train")
    assert "train" in err.value.message("en") and "hotel" in err.value.message("zh")


def test_heterogeneity_standardising_narrows_the_spread():
    p = HeterogeneityPanel("en")
    sd0 = p.summary["sd"]
    before = dict(p.chart.datasets)
    p.standardisation.value = 100
    assert p.summary["sd"] < sd0 and p.chart.datasets != before
    assert f"{p.summary['sd']:.2f}" in cells(p.score.value)
    assert "illustration" in p.children[0].value.lower()


@pytest.mark.parametrize("name", list(HETEROGENEITY_PRESETS))
def test_every_heterogeneity_preset_opens(name):
    p = HeterogeneityPanel("zh", preset=name)
    assert p.standardisation.value == HETEROGENEITY_PRESETS[name]["standardisation"] and p.error.value == ""
    assert "教学示意" in p.children[0].value
