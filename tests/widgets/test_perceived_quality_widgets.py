"""Chapter 04 panels driven from Python: GronroosPanel (C4.6) and ZonePanel (C5.8).

Expected numbers are worked by hand in the comments (the Grönroos arithmetic is documented in
servicelab.models.perceived_quality; the zone levels are 6.0 / 4.5 ± 0.5 a determinant)."""
from __future__ import annotations

import pytest

from servicelab.errors import ServiceLabError
from servicelab.widgets.perceived_quality import GronroosPanel, ZonePanel

MINUS = "\u2212"


def data_rows(chart, name):
    return chart.datasets[name]


def test_gronroos_panel_shows_the_over_promising_trap_when_the_promise_goes_up():
    panel = GronroosPanel("en")
    assert panel.result.perceived == pytest.approx(0.3)        # all six at 6: X = 6.3, E = 6
    assert "no over-promising trap" in panel.score.value
    panel.sliders["promise"].value = 10                          # E = 7, X unchanged → −0.7
    assert panel.result.expected == pytest.approx(7.0) and panel.result.perceived == pytest.approx(-0.7)
    assert f"{MINUS}0.70" in panel.score.value and "over-promising trap" in panel.score.value
    assert "below expectations" in panel.score.value
    # promising only the 6 delivered would give +0.30
    assert "would give perceived quality +0.30" in panel.score.value
    # the diagram's perceived box and the sweep's current point follow
    boxes = {row["box"]: row["value"] for row in data_rows(panel.chart, "gronroos_boxes")}
    assert boxes["Perceived quality"].startswith(f"{MINUS}0.70") and boxes["Market comm."] == "10"
    assert data_rows(panel.sweep, "promise_now")[0]["promise"] == 10
    assert panel.preset.value == ""  # moved by hand


def test_gronroos_presets_put_the_panel_in_a_lecture_state():
    panel = GronroosPanel("zh", preset="over_promise")
    assert panel.sliders["promise"].value == 10 and panel.result.verdict == "below"
    assert "过度承诺的陷阱" in panel.score.value
    panel.preset.value = "rude_but_right"
    assert (panel.sliders["technical"].value, panel.sliders["functional"].value) == (9, 3)
    assert panel.result.delivered == pytest.approx(6.0)
    assert panel.preset.value == "rude_but_right"


def test_gronroos_panel_says_it_is_a_teaching_illustration_next_to_it():
    for lang, word in (("zh", "教学示意"), ("en", "Teaching illustration")):
        panel = GronroosPanel(lang)
        assert word in panel.children[0].value


def test_unknown_preset_is_refused_with_a_translated_message():
    with pytest.raises(ServiceLabError) as err:
        GronroosPanel("en", preset="nope")
    assert "preset" in err.value.message("en")
    with pytest.raises(ServiceLabError):
        ZonePanel("en", preset="nope")


def test_zone_panel_each_determinant_moves_its_level_and_places_the_perception():
    panel = ZonePanel("en")
    assert (panel.levels.desired, panel.levels.adequate) == (6.0, 4.5)
    assert panel.placed["position"] == "inside"                 # 5.0 in [4.5, 6.0]
    panel.boxes["explicit_promises"].value = True                # desired 6.5, adequate 5.0
    panel.boxes["word_of_mouth"].value = True                    # desired 7.0, adequate 5.5
    assert (panel.levels.desired, panel.levels.adequate) == (7.0, 5.5)
    assert panel.placed["position"] == "below" and "below the zone" in panel.readout.value
    band = {row["row"]: (row["adequate"], row["desired"]) for row in data_rows(panel.chart, "zone_band")}
    assert band == {"Without the factors": (4.5, 6.0), "With the factors ticked": (5.5, 7.0)}
    panel.perception.value = 7.0
    assert panel.placed["position"] == "inside"
    panel.set_active(["situational_factors"], perception=4.2)  # adequate 4.0: 4.2 is inside
    assert panel.levels.adequate == 4.0 and panel.placed["position"] == "inside"


def test_zone_presets():
    panel = ZonePanel("zh", preset="emergency")
    assert panel.active == ["transitory_intensifiers"] and panel.levels.width == 1.0
    panel.preset.value = "storm"
    assert panel.active == ["situational_factors"] and panel.perception.value == pytest.approx(4.2)
    assert "在容忍区间内" in panel.readout.value
