"""Panels of chapter 07 driven from Python: reliability in series, the parcel simulation, escalation.

Oracles: the seed's figures (0.7653, 0.8163, +0.0510, +6.67 %), products written out here, and the
models' conservation rules; the panels must show what the inputs give and refuse bad presets.
"""
from __future__ import annotations

import math
import re

import pytest

from servicelab.errors import ServiceLabError
from servicelab.widgets.process import EscalationPanel, ParcelSimulationPanel, ReliabilityPanel

SEED = [0.99, 0.98, 0.90, 0.98, 0.98, 0.99, 0.95, 0.99, 0.99, 0.99]


def _product(values):
    out = 1.0
    for v in values:
        out *= v
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_reliability_panel_starts_at_the_seed_table(lang):
    p = ReliabilityPanel(lang)
    assert p.reliabilities == SEED
    assert p.overall == pytest.approx(0.7653, abs=5e-5)
    assert "0.7653" in p.score.value
    assert len(p.sliders) == 10 and set(p.recovery) == {3, 7}


def test_slider_moves_the_overall_the_ranking_and_the_chart():
    p = ReliabilityPanel("en")
    before_chart = dict(p.chart.datasets)
    p.sliders[2].value = 0.96
    assert p.overall == pytest.approx(0.8163, abs=5e-5)
    assert "0.8163" in p.score.value and "+0.0510" in p.score.value and "+6.67 %" in p.score.value
    assert p.chart.datasets != before_chart
    # step 3 at 0.96: now step 7 (0.95) is the weakest and gains most
    top = [r for r in p.chart.datasets["proc_steps"] if r["rank"] == 1]
    assert [r["order"] for r in top] == [7]


def test_recovery_sliders_use_r_plus_one_minus_r_times_c():
    p = ReliabilityPanel("zh")
    p.recovery[3].value = 0.5
    p.recovery[7].value = 0.5
    expected = _product([0.99, 0.98, 0.90 + 0.10 * 0.5, 0.98, 0.98, 0.99, 0.95 + 0.05 * 0.5, 0.99, 0.99, 0.99])
    assert p.overall == pytest.approx(expected, rel=1e-9)
    assert p.without_recovery == pytest.approx(_product(SEED))
    assert f"{expected:.4f}" in p.score.value


@pytest.mark.parametrize("preset, expected", [
    ("seed", 0.7653), ("step3_096", 0.8163), ("recovery_half", 0.8291),
    ({"steps": {10: 1.0}}, 0.7653 / 0.99),
])
def test_reliability_presets(preset, expected):
    assert ReliabilityPanel("en", preset=preset).overall == pytest.approx(expected, abs=5e-5)


@pytest.mark.parametrize("preset", ["lecture", {"steps": {11: 0.9}}, {"steps": {3: 1.5}}, {"recovery": {4: 0.5}},
                                    {"recovery": {3: -0.1}}])
def test_bad_reliability_presets_are_refused_with_a_message(preset):
    with pytest.raises(ServiceLabError) as err:
        ReliabilityPanel("en", preset=preset)
    assert err.value.message("zh") and err.value.message("en")


def test_reset_button_restores_the_course_values():
    p = ReliabilityPanel("en", preset="recovery_half")
    p.sliders[0].value = 0.8
    p.reset.click()
    assert p.reliabilities == SEED and p.catch_shares == {3: 0.0, 7: 0.0}
    assert p.overall == pytest.approx(_product(SEED))


def test_parcel_panel_follows_the_reliability_panel_and_its_size():
    rel = ReliabilityPanel("en", preset="step3_096")
    sim = ParcelSimulationPanel("en", source=rel)
    assert sim.result.expected == pytest.approx(rel.overall)
    n_first = sim.result.n
    sim.n.value = 100_000
    assert sim.result.n == 100_000 != n_first
    r = sim.result
    assert abs(r.simulated - r.expected) < 3 * math.sqrt(r.expected * (1 - r.expected) / r.n)
    assert f"{r.successes:,}" in sim.score.value and "within 3 standard errors" in sim.score.value
    assert sim.rate_chart.datasets["proc_run"][-1]["parcels"] == 100_000


def test_parcel_panel_refuses_an_unknown_size():
    with pytest.raises(ServiceLabError):
        ParcelSimulationPanel("zh", preset={"n": 12345})


def _totals(panel) -> tuple[int, ...]:
    text = re.sub(r"<[^>]+>", "", panel.score.value)
    return tuple(int(x) for x in re.findall(r"\d+", text.split(".")[0])[1:])  # after "8-hour"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_escalation_panel_shows_conserved_totals(lang):
    p = EscalationPanel(lang)
    r = p.result
    assert r.count("done") + r.count("escalated") + r.count("open") == r.arrived
    for n in (r.arrived, r.count("done"), r.count("escalated"), r.count("open")):
        assert str(n) in p.score.value


def test_escalation_levers_more_staff_and_no_limits():
    p = EscalationPanel("en")
    base = p.result.count("escalated")
    p.staff[1].value = 4
    p.staff[2].value = 5
    assert p.result.count("escalated") < base
    p.no_limits.value = True
    assert p.result.count("escalated") == 0
    assert all(w.disabled for w in p.limits)
    assert _totals(p)[2] == 0  # arrived, done, escalated …


@pytest.mark.parametrize("preset", ["understaffed", "more_staff", "no_limits", "rush_hour",
                                    {"arrivals": 6, "staff": [1, 1, 1], "limits": [60, 60, 60]}])
def test_escalation_presets(preset):
    p = EscalationPanel("zh", preset=preset)
    default = EscalationPanel("zh").result.count("escalated")
    if preset == "understaffed":
        assert p.result.count("escalated") > default
    if preset in ("more_staff", "no_limits"):
        assert p.result.count("escalated") < default
    if preset == "rush_hour":
        assert p.arrivals.value == 20 and p.result.arrived > EscalationPanel("zh").result.arrived


@pytest.mark.parametrize("preset", ["panic", {"staff": [0, 1, 1]}, {"limits": [1, 10, 10]}, {"colour": "red"},
                                    {"arrivals": 500}])
def test_bad_escalation_presets_are_refused(preset):
    with pytest.raises(ServiceLabError):
        EscalationPanel("en", preset=preset)


def test_one_stop_progress_tells_each_tickets_state():
    p = EscalationPanel("en", preset="understaffed")
    t = p.result.tickets
    esc_id = int(t.loc[t["status"] == "escalated", "ticket"].iloc[0])
    p.ticket.value = esc_id
    assert f"Ticket {esc_id}" in p.progress.value and "escalated automatically" in p.progress.value
    done_id = int(t.loc[t["status"] == "done", "ticket"].iloc[0])
    p.ticket.value = done_id
    assert "done at minute" in p.progress.value
    assert p.ticket.max == p.result.arrived


def test_parcel_panel_follows_the_sliders_of_its_source():
    rel = ReliabilityPanel("en")
    sim = ParcelSimulationPanel("en", source=rel)
    assert sim.result.expected == pytest.approx(0.7653, abs=5e-5)
    rel.sliders[2].value = 0.96
    assert sim.result.expected == pytest.approx(0.8163, abs=5e-5)
    assert "0.8163" in sim.score.value
