"""Chapter 04 charts: the Grönroos diagram drawn from its layout, the promise line, the zone."""
from __future__ import annotations

import itertools
import math

import pytest

from servicelab.charts import perceived_quality as pc
from servicelab.models import expectations as ex
from servicelab.models import perceived_quality as pq


def _result(**kw):
    return pq.perceived_quality(**{**pq.PRESETS["balanced"], **kw})


def test_layout_boxes_do_not_overlap_and_fit_the_canvas():
    for (a, (ax, ay, aw, ah)), (b, (bx, by, bw, bh)) in itertools.combinations(pc.LAYOUT.items(), 2):
        apart = abs(ax - bx) * 2 >= aw + bw or abs(ay - by) * 2 >= ah + bh
        assert apart, f"boxes {a} and {b} overlap"
    for box, (x, y, w, h) in pc.LAYOUT.items():
        assert 0 <= x - w / 2 and x + w / 2 <= pc.WIDTH_UNITS and 0 <= y - h / 2 and y + h / 2 <= pc.HEIGHT_UNITS, box


def test_every_arrow_follows_the_model_and_its_head_points_at_the_target():
    # Grönroos: the four factors → expected; technical, functional → image filter → experienced;
    # expected and experienced → perceived
    targets = {src: dst for src, dst in pc.EDGES if dst != "expected"}
    assert {s for s, d in pc.EDGES if d == "expected"} == set(pq.EXPECTATION_FACTORS)
    assert targets["technical"] == targets["functional"] == "filter" and targets["filter"] == "experienced"
    assert targets["expected"] == targets["experienced"] == "perceived"
    edges = pc.arrows()
    assert list(zip(edges["src"], edges["dst"])) == list(pc.EDGES)
    for (src, dst), row in zip(pc.EDGES, edges.itertuples()):
        # an arrow head of angle a (clockwise from up) points along (sin a, cos a)
        ux, uy = math.sin(math.radians(row.angle)), math.cos(math.radians(row.angle))
        dx, dy = row.x1 - row.x0, row.y1 - row.y0
        assert (ux * dx + uy * dy) / math.hypot(dx, dy) == pytest.approx(1.0, abs=1e-3), (src, dst)
        # the arrow ends just under the target box, inside its width
        x, y, w, h = pc.LAYOUT[dst]
        assert abs(row.x1 - x) <= w / 2 and row.y1 < y - h / 2


def test_arrows_are_in_the_spec_and_an_update_sends_only_the_boxes():
    widget = pc.GRONROOS.live(_result(), "en")
    assert set(widget.datasets) == {"gronroos_boxes"}
    inline = [part["data"]["values"] for part in (widget.spec, *widget.spec["layer"]) if "values" in (part.get("data") or {})]
    assert [len(v) for v in inline] == [len(pc.EDGES)]


def test_boxes_show_the_values_and_the_input_kinds():
    boxes = pc.GRONROOS.data(_result(promise=10), "en")["gronroos_boxes"].set_index("box")
    assert boxes.loc["Market comm.", "value"] == "10"
    assert boxes.loc["Expected quality", "value"] == "7.00"
    assert boxes.loc["Image (filter)", "value"] == "+0.30"
    assert boxes.loc["Perceived quality", "value"] == "\u22120.70 · below expectations"
    assert boxes.loc["Market comm.", "kind"] == "Controllable"
    assert boxes.loc["Word of mouth", "kind"] == boxes.loc["Image", "kind"] == "Can only be influenced"
    assert boxes.loc["Needs", "kind"] == "Uncontrollable"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_live_charts_carry_a_title_and_a_text_alternative(lang):
    r = _result()
    lv = ex.expectation_levels(["word_of_mouth"])
    for kind, output in ((pc.GRONROOS, r), (pc.PROMISE_SWEEP, (pq.promise_sweep(r.inputs), 6.0)),
                         (pc.ZONE, {"base": ex.expectation_levels(), "now": lv, "placed": ex.place_perception(5, lv)})):
        widget = kind.live(output, lang)
        assert widget.spec.get("title") and widget.alt_text and "<table" in widget.table_html


def test_zone_chart_data_are_the_model_levels():
    lv = ex.expectation_levels(["transitory_intensifiers"])
    data = pc.ZONE.data({"base": ex.expectation_levels(), "now": lv, "placed": ex.place_perception(4.8, lv)}, "en")
    assert data["zone_band"][["adequate", "desired"]].values.tolist() == [[4.5, 6.0], [5.0, 6.0]]
    assert data["zone_point"]["position"].tolist() == ["below the zone (the customer is dissatisfied)"]
