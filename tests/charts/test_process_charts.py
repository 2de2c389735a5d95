"""Charts of chapter 07: the blueprint, step failures, the parcel simulation, the bridge, escalation.

Oracles: the blueprint file and the course's reliability table read directly; the bridge's running
totals by hand; Vega-Lite itself (vl-convert) compiles and draws each chart.
"""
from __future__ import annotations

import json
import re

import pytest

from servicelab.charts import process as pc
from servicelab.charts.blueprint import BLUEPRINT, wrap_label
from servicelab.models import escalation as esc
from servicelab.models import process as proc
from servicelab.models.blueprint import load_blueprint
from servicelab.models.turnaround import turnaround_bridge
from servicelab.paths import data_path

SEED = [0.99, 0.98, 0.90, 0.98, 0.98, 0.99, 0.95, 0.99, 0.99, 0.99]


def _outputs():
    steps = proc.load_express_steps()
    sim = proc.simulate_parcels(SEED, n=2000)
    return {
        "BLUEPRINT": (BLUEPRINT, load_blueprint()),
        "STEP_FAILURES": (pc.STEP_FAILURES, (steps, SEED, proc.step_sensitivity(SEED))),
        "RUNNING_RATE": (pc.RUNNING_RATE, sim),
        "PARCELS_LOST": (pc.PARCELS_LOST, (sim, steps)),
        "TURNAROUND_BRIDGE": (pc.TURNAROUND_BRIDGE, None),
        "ESCALATION": (pc.ESCALATION, esc.simulate_escalation()),
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(_outputs()))
def test_every_chart_compiles_and_draws(name, lang):
    vlc = pytest.importorskip("vl_convert")
    kind, output = _outputs()[name]
    if name == "TURNAROUND_BRIDGE":
        output = turnaround_bridge(lang)
    svg = vlc.vegalite_to_svg(kind.chart(output, lang).to_dict())
    assert "<svg" in svg and kind.template(lang).get("title")


def test_blueprint_draws_a_box_per_step_and_marks_fail_points_and_waits():
    raw = json.loads(data_path("process", "blueprint_express.json").read_text(encoding="utf-8"))
    data = BLUEPRINT.data(load_blueprint(), "en")
    assert len(data["bp_steps"]) == len(raw["steps"])
    kinds = data["bp_marks"]["kind"].value_counts().to_dict()
    assert kinds == {"Fail point": sum(s["fail_point"] for s in raw["steps"]),
                     "Wait": sum(s["wait"] for s in raw["steps"])} == {"Fail point": 2, "Wait": 2}
    assert len(data["bp_lines"]) == 3 and len(data["bp_lanes"]) == 5
    # boxes do not overlap: one box per lane and time column
    cells = list(zip(data["bp_steps"]["lane"], data["bp_steps"]["order"]))
    assert len(cells) == len(set(cells))


def test_blueprint_svg_has_the_marks_the_brief_names():
    vlc = pytest.importorskip("vl_convert")
    svg = vlc.vegalite_to_svg(BLUEPRINT.chart(load_blueprint(), "zh").to_dict())
    for role in ("rect mark", "text mark", "rule mark", "point"):
        assert f'aria-roledescription="{role}"' in svg, role
    assert "可视线" in svg and "失误点" in svg


def test_wrap_label_keeps_every_character():
    for text, width in (("查验货物、确定承运方式", 6), ("Handover check and arrival processing", 13)):
        out = wrap_label(text, width)
        assert out.replace("\n", "").replace(" ", "") == text.replace(" ", "")
        assert all(not line.startswith("、") for line in out.split("\n"))


def test_step_failures_highlight_the_weakest_step():
    steps = proc.load_express_steps()
    data = pc.STEP_FAILURES.data((steps, SEED, proc.step_sensitivity(SEED)), "en")["proc_steps"]
    top = data[data["group"] == "Step that gains most"]
    assert top["order"].tolist() == [3]
    assert data["failure"].round(2).tolist() == [round(1 - r, 2) for r in SEED]


def test_bridge_bars_follow_the_running_total():
    data = pc.TURNAROUND_BRIDGE.data(turnaround_bridge("en"), "en")["bridge"]
    amounts = data["amount"].tolist()
    total = amounts[0]
    for i in range(1, len(data) - 1):
        assert data["low"].iloc[i] == min(total, total + amounts[i])
        total += amounts[i]
    assert total == 80 == data["high"].iloc[-1]
    assert re.fullmatch(r"\+\d+", data["text"].iloc[1])


def test_escalation_chart_counts_add_up_per_department():
    res = esc.simulate_escalation(seed=1)
    data = pc.ESCALATION.data(res, "zh")["esc_outcomes"]
    per_dep = data.groupby("order")["tickets"].sum().to_dict()
    assert per_dep == dict(zip(res.departments["department"], res.departments["arrived"]))
