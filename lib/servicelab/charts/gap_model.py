"""Gap model charts (C5.11): the PZB diagram drawn from its data file, and the gap-risk profile.

* :data:`GAP_DIAGRAM` — ``GAP_DIAGRAM.live(selected_gap, lang)``: the boxes (rect + text), the
  arrows between them and the dashed gap markers (rule + a triangle point as arrow head), the
  line between consumer and marketer (rule); the selected gap (1–5, or None) is drawn thick and
  red. Everything is placed by ``data/gap_model/gaps.json``.
* :data:`GAP_RISK` — ``GAP_RISK.live(profile, lang)``: bars of the risk of gaps 1–4 from
  :func:`servicelab.models.gaps.gap_risk_profile`, the gap to start with highlighted.
"""
from __future__ import annotations

import math

import pandas as pd

from ..i18n import t
from ..models.gaps import load_factors, load_gap_model
from ._offline import ChartKind, import_altair
from ._text import wrap_label

#: Drawing grid of the diagram (data units) and its size in pixels.
X_DOMAIN, Y_DOMAIN = (-4.0, 104.0), (0.0, 100.0)
WIDTH, HEIGHT = 620, 540
#: Half-size of a box in data units.
BOX_HALF_W, BOX_HALF_H = 14.0, 5.0
SELECTED, PLAIN, GAP_PLAIN = "#d62728", "#555555", "#8c8c8c"
_WRAP = {"zh": 12, "en": 24}


def _wrap(text: str, lang: str) -> str:
    """Break a box label into lines that fit the box (:func:`~servicelab.charts._text.wrap_label`)."""
    return wrap_label(text, _WRAP[lang])


def _head_angle(p, q) -> float:
    """Rotation (degrees, clockwise) of a ``triangle-up`` symbol pointing from p to q on screen."""
    sx = WIDTH / (X_DOMAIN[1] - X_DOMAIN[0])
    sy = HEIGHT / (Y_DOMAIN[1] - Y_DOMAIN[0])
    dx, dy = (q[0] - p[0]) * sx, (q[1] - p[1]) * sy  # y grows downwards on the grid and the screen
    return round(math.degrees(math.atan2(dx, -dy)), 2)


def gap_label(gap: int, lang: str) -> str:
    return t("gap_model.label.gap_n", lang, gap=gap)


def _diagram_data(selected, lang: str) -> dict[str, pd.DataFrame]:
    model = load_gap_model()
    nodes = pd.DataFrame([{
        "x0": n["x"] - BOX_HALF_W, "x1": n["x"] + BOX_HALF_W, "y0": n["y"] - BOX_HALF_H, "y1": n["y"] + BOX_HALF_H,
        "x": n["x"], "y": n["y"], "text": _wrap(n["label"][lang], lang), "label": n["label"][lang],
        "side": t(f"gap_model.side.{n['side']}", lang),
    } for n in model["nodes"]])
    segments, heads = [], []
    for e in model["edges"]:
        pts = e["path"]
        segments += [{"x": a[0], "y": a[1], "x2": b[0], "y2": b[1], "kind": "edge", "selected": False}
                     for a, b in zip(pts, pts[1:])]
        heads.append({"x": pts[-1][0], "y": pts[-1][1], "angle": _head_angle(pts[-2], pts[-1]), "kind": "edge",
                      "selected": False})
    labels = []
    for g in model["gaps"]:
        on = g["gap"] == selected
        pts = g["path"]
        segments += [{"x": a[0], "y": a[1], "x2": b[0], "y2": b[1], "kind": "gap", "selected": on}
                     for a, b in zip(pts, pts[1:])]
        for end, before in ((pts[0], pts[1]), (pts[-1], pts[-2])):  # a gap points at both boxes
            heads.append({"x": end[0], "y": end[1], "angle": _head_angle(before, end), "kind": "gap", "selected": on})
        labels.append({"x": g["label_at"][0], "y": g["label_at"][1], "gap": gap_label(g["gap"], lang),
                       "name": g["name"][lang], "selected": on,
                       "shown": t("core.yes" if on else "core.no", lang)})
    sides = pd.DataFrame([{"x": s["x"], "y": s["y"], "text": s["label"][lang]} for s in model["sides"]])
    return {"gm_nodes": nodes, "gm_segments": pd.DataFrame(segments), "gm_heads": pd.DataFrame(heads),
            "gm_gaps": pd.DataFrame(labels), "gm_sides": sides,
            "gm_line": pd.DataFrame({"x": [X_DOMAIN[0]], "x2": [X_DOMAIN[1]], "y": [model["line_y"]]})}


def _diagram_build(lang: str):
    alt = import_altair()
    x = alt.X("x:Q", scale=alt.Scale(domain=list(X_DOMAIN), nice=False), axis=None)
    y = alt.Y("y:Q", scale=alt.Scale(domain=list(Y_DOMAIN), reverse=True, nice=False), axis=None)
    is_on = "datum.selected"
    line = alt.Chart(alt.NamedData("gm_line")).mark_rule(color="#333333", strokeWidth=1.5, strokeDash=[8, 4]).encode(
        x=x, x2="x2:Q", y=y)
    sides = alt.Chart(alt.NamedData("gm_sides")).mark_text(align="right", fontSize=12, fontWeight="bold",
                                                          color="#333333").encode(x=x, y=y, text="text:N")
    boxes = alt.Chart(alt.NamedData("gm_nodes")).mark_rect(fill="#f4f6fb", stroke="#4e79a7", strokeWidth=1.2,
                                                           cornerRadius=3).encode(
        x=alt.X("x0:Q", scale=alt.Scale(domain=list(X_DOMAIN), nice=False), axis=None), x2="x1:Q",
        y=alt.Y("y0:Q", scale=alt.Scale(domain=list(Y_DOMAIN), reverse=True, nice=False), axis=None), y2="y1:Q",
        tooltip=[alt.Tooltip("label:N", title=t("gap_model.chart.box", lang)),
                 alt.Tooltip("side:N", title=t("gap_model.chart.side", lang))])
    texts = alt.Chart(alt.NamedData("gm_nodes")).mark_text(fontSize=11, lineBreak="\n", color="#1f1f1f").encode(
        x=x, y=y, text="text:N")
    segments = alt.Chart(alt.NamedData("gm_segments")).mark_rule().encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        color=alt.condition(is_on, alt.value(SELECTED), alt.value(PLAIN)),
        strokeWidth=alt.condition(is_on, alt.value(4), alt.value(1.4)),
        strokeDash=alt.condition("datum.kind === 'gap'", alt.value([5, 3]), alt.value([1, 0])),
        opacity=alt.condition("datum.kind === 'gap' && !datum.selected", alt.value(0.75), alt.value(1)))
    heads = alt.Chart(alt.NamedData("gm_heads")).mark_point(shape="triangle-up", filled=True).encode(
        x=x, y=y, angle=alt.Angle("angle:Q", scale=None),
        color=alt.condition(is_on, alt.value(SELECTED), alt.value(PLAIN)),
        size=alt.condition(is_on, alt.value(130), alt.value(45)))
    gap_names = alt.Chart(alt.NamedData("gm_gaps")).mark_text(fontWeight="bold").encode(
        x=x, y=y, text="gap:N",
        color=alt.condition(is_on, alt.value(SELECTED), alt.value("#444444")),
        size=alt.condition(is_on, alt.value(16), alt.value(12)),
        tooltip=[alt.Tooltip("gap:N", title=t("gap_model.chart.gap", lang)),
                 alt.Tooltip("name:N", title=t("gap_model.chart.meaning", lang)),
                 alt.Tooltip("shown:N", title=t("gap_model.chart.selected", lang))])
    return (line + sides + boxes + texts + segments + heads + gap_names).properties(
        title=t("gap_model.chart.diagram_title", lang), width=WIDTH, height=HEIGHT)


GAP_DIAGRAM = ChartKind(_diagram_build, _diagram_data, tables=("gm_gaps",))


def gap_diagram_chart(selected: int | None = None, lang: str = "zh"):
    """The gap model diagram (Parasuraman, Zeithaml & Berry 1985) with one gap highlighted.

    Parameters
    ----------
    selected : int or None
        Gap 1–5 to draw thick and red; None highlights none.
    lang : {"zh", "en"}

    Returns
    -------
    altair.LayerChart
    """
    return GAP_DIAGRAM.chart(selected, lang)


# -- gap-risk profile ------------------------------------------------------------------------
def _risk_data(profile: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    labels = load_factors().set_index("factor")[f"label_{lang}"]
    return {"gm_risk": pd.DataFrame({
        "gap": [gap_label(int(g), lang) for g in profile["gap"]],
        "risk": profile["risk"].round(3),
        "weakest": [labels[f] for f in profile["weakest_factor"]],
        "start": profile["start"].astype(bool),
        "first": [t("core.yes" if s else "core.no", lang) for s in profile["start"]],
    })}


def _risk_build(lang: str):
    alt = import_altair()
    order = [gap_label(g, lang) for g in (1, 2, 3, 4)]
    return (
        alt.Chart(alt.NamedData("gm_risk")).mark_bar()
        .encode(
            y=alt.Y("gap:N", sort=order, title=None),
            x=alt.X("risk:Q", scale=alt.Scale(domain=[0, 1]), title=t("gap_model.chart.risk", lang)),
            color=alt.condition("datum.start", alt.value(SELECTED), alt.value("#4e79a7")),
            tooltip=[alt.Tooltip("gap:N", title=t("gap_model.chart.gap", lang)),
                     alt.Tooltip("risk:Q", title=t("gap_model.chart.risk", lang), format=".2f"),
                     alt.Tooltip("weakest:N", title=t("gap_model.chart.weakest", lang)),
                     alt.Tooltip("first:N", title=t("gap_model.chart.start", lang))],
        )
        .properties(title=t("gap_model.chart.risk_title", lang), width=320, height=150)
    )


GAP_RISK = ChartKind(_risk_build, _risk_data)


def gap_risk_chart(profile: pd.DataFrame, lang: str = "zh"):
    """Bars of the gap-risk profile (:func:`~servicelab.models.gaps.gap_risk_profile`).

    Parameters
    ----------
    profile : pandas.DataFrame
    lang : {"zh", "en"}

    Returns
    -------
    altair.Chart
    """
    return GAP_RISK.chart(profile, lang)
