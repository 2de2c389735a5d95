"""Charts of chapter 04: Grönroos's perceived quality diagram, the promise line, the zone of tolerance.

* :data:`GRONROOS` draws the model's diagram from a data layout (:data:`LAYOUT`, :data:`EDGES`):
  boxes for the four factors of expected quality, technical and functional quality, the image
  filter, expected and experienced quality and perceived quality, joined by arrows, each box
  showing its value. Box colours tell controllable / can only be influenced / uncontrollable.
* :data:`PROMISE_SWEEP` draws perceived quality against the promise with delivery fixed (the
  over-promising trap as a falling line) and marks the current promise.
* :data:`ZONE` draws the zone of tolerance (adequate to desired service) without and with the
  chosen determinants, and the perception as a point.

Each is a :class:`~servicelab.charts._offline.ChartKind` (offline live chart, text alternative).
"""
from __future__ import annotations

import math

import pandas as pd

from ..i18n import t
from ..models.perceived_quality import FACTOR_CONTROL, GronroosResult, SCALE
from ..models.servqual import SCALE_MAX, SCALE_MIN
from ._offline import ChartKind, import_altair

#: Drawing units: the diagram is 18 × 10 units at 40 px a unit (equal on both axes, so arrow
#: heads point along their arrows).
WIDTH_UNITS, HEIGHT_UNITS, PX = 18.0, 10.0, 40

#: Box id → (centre x, centre y, width, height) in drawing units (the layout of the course's figure:
#: factors under expected quality on the left, technical and functional quality under the image
#: filter on the right, perceived quality on top).
LAYOUT: dict[str, tuple[float, float, float, float]] = {
    "promise": (1.25, 2.6, 2.2, 1.3),
    "image": (3.55, 2.6, 2.2, 1.3),
    "word_of_mouth": (5.85, 2.6, 2.2, 1.3),
    "needs": (8.15, 2.6, 2.2, 1.3),
    "technical": (11.7, 0.9, 2.9, 1.3),
    "functional": (15.3, 0.9, 2.9, 1.3),
    "filter": (13.5, 3.35, 3.4, 1.3),
    "expected": (4.7, 5.9, 4.6, 1.3),
    "experienced": (13.5, 5.9, 4.6, 1.3),
    "perceived": (9.0, 8.7, 6.0, 1.3),
}
#: Arrows (from, to), in the direction of influence.
EDGES: tuple[tuple[str, str], ...] = (
    ("promise", "expected"), ("image", "expected"), ("word_of_mouth", "expected"), ("needs", "expected"),
    ("technical", "filter"), ("functional", "filter"), ("filter", "experienced"),
    ("expected", "perceived"), ("experienced", "perceived"),
)
#: Fill and outline of each kind of box (light fills under black text: contrast above 12 : 1).
KIND_FILL = {"controllable": "#cfe0f3", "influence": "#fde2c4", "uncontrollable": "#e3e3e3", "quality": "#d9ead3"}
KIND_STROKE = "#555555"


def _kind(box: str) -> str:
    return FACTOR_CONTROL.get(box, "quality")


def _value_text(box: str, r: GronroosResult, lang: str) -> str:
    if box in r.inputs:
        return f"{r.inputs[box]:g}"
    if box == "filter":
        return f"{r.filter:+.2f}".replace("-", "−")
    if box == "perceived":
        return f"{r.perceived:+.2f} · {t(f'perceived.verdict.{r.verdict}', lang)}".replace("-", "−")
    return f"{getattr(r, box):.2f}"


def _edge_points(src: str, dst: str) -> tuple[float, float, float, float]:
    sx, sy, _sw, sh = LAYOUT[src]
    dx, dy, dw, dh = LAYOUT[dst]
    x0, y0 = sx, sy + sh / 2
    # arrive on the target's bottom edge, spread towards the source side
    x1 = dx + max(-dw / 2 + 0.3, min(dw / 2 - 0.3, (sx - dx) * 0.45))
    y1 = dy - dh / 2 - 0.08
    return x0, y0, x1, y1


def _gronroos_data(r: GronroosResult, lang: str) -> dict[str, pd.DataFrame]:
    boxes = []
    for box, (x, y, w, h) in LAYOUT.items():
        boxes.append({"box": t(f"perceived.box.{box}", lang), "value": _value_text(box, r, lang),
                      "kind": t(f"perceived.control.{_kind(box)}", lang),
                      "x": x, "y": y, "x0": x - w / 2, "x1": x + w / 2, "y0": y - h / 2, "y1": y + h / 2,
                      "label_y": y + 0.22, "value_y": y - 0.3})
    return {"gronroos_boxes": pd.DataFrame(boxes)}


def arrows() -> pd.DataFrame:
    """The diagram's arrows from :data:`LAYOUT` and :data:`EDGES` (fixed: drawn into the spec, so
    an update sends only the boxes).

    Returns
    -------
    pandas.DataFrame
        ``src``, ``dst``, start ``x0, y0``, end ``x1, y1`` and ``angle`` of the head (degrees
        clockwise from up; the drawing has equal pixels per unit on both axes).
    """
    rows = []
    for src, dst in EDGES:
        x0, y0, x1, y1 = _edge_points(src, dst)
        angle = math.degrees(math.atan2(x1 - x0, y1 - y0)) % 360
        rows.append({"src": src, "dst": dst, "x0": round(x0, 3), "y0": round(y0, 3), "x1": round(x1, 3),
                     "y1": round(y1, 3), "angle": round(angle, 2)})
    return pd.DataFrame(rows)


def _gronroos_build(lang: str):
    alt = import_altair()
    x_scale = alt.Scale(domain=[0, WIDTH_UNITS], nice=False, zero=False)
    y_scale = alt.Scale(domain=[0, HEIGHT_UNITS], nice=False, zero=False)
    kinds = ["controllable", "influence", "uncontrollable", "quality"]
    color = alt.Color("kind:N", scale=alt.Scale(domain=[t(f"perceived.control.{k}", lang) for k in kinds],
                                                range=[KIND_FILL[k] for k in kinds]),
                      legend=alt.Legend(title=t("perceived.chart.kind", lang), orient="bottom"))
    boxes = alt.Chart(alt.NamedData("gronroos_boxes"))
    rects = boxes.mark_rect(stroke=KIND_STROKE, strokeWidth=1.2, cornerRadius=6).encode(
        x=alt.X("x0:Q", scale=x_scale, axis=None), x2="x1:Q",
        y=alt.Y("y0:Q", scale=y_scale, axis=None), y2="y1:Q",
        color=color,
        tooltip=[alt.Tooltip("box:N", title=t("perceived.chart.box", lang)),
                 alt.Tooltip("value:N", title=t("perceived.label.value", lang)),
                 alt.Tooltip("kind:N", title=t("perceived.chart.kind", lang))])
    labels = boxes.mark_text(fontSize=12, fontWeight="bold", color="#000000").encode(
        x=alt.X("x:Q", scale=x_scale, axis=None), y=alt.Y("label_y:Q", scale=y_scale, axis=None), text="box:N")
    values = boxes.mark_text(fontSize=12, color="#000000").encode(
        x=alt.X("x:Q", scale=x_scale, axis=None), y=alt.Y("value_y:Q", scale=y_scale, axis=None), text="value:N")
    edges = alt.Chart(alt.Data(values=arrows().to_dict("records")))
    lines = edges.mark_rule(color="#444444", strokeWidth=1.6).encode(
        x=alt.X("x0:Q", scale=x_scale, axis=None), y=alt.Y("y0:Q", scale=y_scale, axis=None), x2="x1:Q", y2="y1:Q")
    heads = edges.mark_point(shape="triangle", filled=True, size=70, color="#444444", opacity=1).encode(
        x=alt.X("x1:Q", scale=x_scale, axis=None), y=alt.Y("y1:Q", scale=y_scale, axis=None), angle=alt.Angle("angle:Q", scale=None))
    return (lines + heads + rects + labels + values).properties(
        title=t("perceived.chart.diagram_title", lang), width=int(WIDTH_UNITS * PX), height=int(HEIGHT_UNITS * PX)
    ).configure_view(stroke=None)


#: The Grönroos diagram; data: a :class:`~servicelab.models.perceived_quality.GronroosResult`.
GRONROOS = ChartKind(_gronroos_build, _gronroos_data)


def gronroos_chart(result: GronroosResult, lang: str = "zh"):
    """The Grönroos diagram with the values of ``result`` in its boxes.

    Parameters
    ----------
    result : GronroosResult
        From :func:`servicelab.models.perceived_quality.perceived_quality`.
    lang : {"zh", "en"}

    Returns
    -------
    altair.LayerChart
    """
    return GRONROOS.chart(result, lang)


# -- perceived quality against the promise --------------------------------------------------------
def _sweep_data(output: tuple[list[dict], float], lang: str) -> dict[str, pd.DataFrame]:
    rows, current = output
    line = pd.DataFrame(rows)[["promise", "perceived"]]
    now = line[line["promise"] == current]
    if now.empty:
        now = pd.DataFrame({"promise": [current], "perceived": [float("nan")]})
    return {"promise_line": line, "promise_now": now.assign(label=t("perceived.chart.current", lang))}


def _sweep_build(lang: str):
    alt = import_altair()
    x = alt.X("promise:Q", scale=alt.Scale(domain=list(SCALE)), title=t("perceived.chart.promise", lang))
    y = alt.Y("perceived:Q", title=t("perceived.chart.perceived", lang))
    zero = alt.Chart(alt.Data(values=[{"z": 0}])).mark_rule(color="#999999", strokeDash=[4, 3]).encode(y="z:Q")
    line = alt.Chart(alt.NamedData("promise_line")).mark_line(color="#4e79a7", strokeWidth=2).encode(
        x=x, y=y, tooltip=[alt.Tooltip("promise:Q", title=t("perceived.chart.promise", lang)),
                           alt.Tooltip("perceived:Q", title=t("perceived.chart.perceived", lang), format="+.2f")])
    now = alt.Chart(alt.NamedData("promise_now")).mark_point(filled=True, size=160, color="#d62728").encode(
        x=x, y=y, tooltip=[alt.Tooltip("label:N", title=t("perceived.chart.kind", lang)),
                           alt.Tooltip("perceived:Q", title=t("perceived.chart.perceived", lang), format="+.2f")])
    return (zero + line + now).properties(title=t("perceived.chart.sweep_title", lang), width=300, height=180)


#: Perceived quality against the promise; data: ``(promise_sweep rows, current promise)``.
PROMISE_SWEEP = ChartKind(_sweep_build, _sweep_data)


# -- the zone of tolerance ------------------------------------------------------------------------
def _zone_data(output: dict, lang: str) -> dict[str, pd.DataFrame]:
    """``output``: ``{"base": ExpectationLevels, "now": ExpectationLevels, "placed": dict}``."""
    base, now, placed = output["base"], output["now"], output["placed"]
    rows = [(t("perceived.zone.row_base", lang), base), (t("perceived.zone.row_now", lang), now)]
    band = pd.DataFrame([{"row": name, "adequate": lv.adequate, "desired": lv.desired, "width": lv.width}
                         for name, lv in rows])
    point = pd.DataFrame([{"row": t("perceived.zone.row_now", lang), "perception": placed["perceived"],
                           "position": t(f"perceived.zone.position.{placed['position']}", lang)}])
    return {"zone_band": band, "zone_point": point}


def _zone_build(lang: str):
    alt = import_altair()
    order = [t("perceived.zone.row_base", lang), t("perceived.zone.row_now", lang)]
    y = alt.Y("row:N", sort=order, title=t("perceived.zone.row", lang))
    x_scale = alt.Scale(domain=[SCALE_MIN, SCALE_MAX], nice=False)
    band = alt.Chart(alt.NamedData("zone_band")).mark_bar(height=26, color="#9ecae9", stroke="#2b6a99").encode(
        y=y, x=alt.X("adequate:Q", scale=x_scale, title=t("perceived.zone.level", lang)), x2="desired:Q",
        tooltip=[alt.Tooltip("row:N", title=t("perceived.zone.row", lang)),
                 alt.Tooltip("adequate:Q", title=t("perceived.zone.adequate", lang), format=".2f"),
                 alt.Tooltip("desired:Q", title=t("perceived.zone.desired", lang), format=".2f"),
                 alt.Tooltip("width:Q", title=t("perceived.zone.width", lang), format=".2f")])
    point = alt.Chart(alt.NamedData("zone_point")).mark_point(shape="diamond", filled=True, size=220,
                                                              color="#d62728").encode(
        y=y, x=alt.X("perception:Q", scale=x_scale),
        tooltip=[alt.Tooltip("perception:Q", title=t("perceived.zone.perception", lang), format=".2f"),
                 alt.Tooltip("position:N", title=t("servqual.zone.position", lang))])
    return (band + point).properties(title=t("perceived.zone.title", lang), width=420, height=110)


#: The zone of tolerance without and with the determinants, and the perception.
ZONE = ChartKind(_zone_build, _zone_data)
