"""The service blueprint chart (course concept C5.1), drawn from ``data/process/blueprint_express.json``.

:data:`BLUEPRINT` is a :class:`~servicelab.charts._offline.ChartKind` whose output is a
:class:`~servicelab.models.blueprint.Blueprint`: lanes as bands with their names on the left, each
step a box in its lane and time column, the three lines (interaction, visibility, internal
interaction) as dashed rules with their names, fail points and waits as marks with a legend.
Vega marks used: rect, text, rule, point. Labels come from the data file and the i18n catalogue.
"""
from __future__ import annotations

import pandas as pd

from ..i18n import t
from ._offline import ChartKind, import_altair
from ._text import wrap_label

FAIL_COLOR, WAIT_COLOR = "#c0392b", "#8a5a00"
_MAX_COLUMN = 10
_OFFSET = 1.75  # step column k is centred at k + _OFFSET; the lane names fill the space on the left
_RIGHT = _MAX_COLUMN + _OFFSET + 0.5


def _data(bp, lang: str) -> dict[str, pd.DataFrame]:
    s = bp.steps
    label = s[f"label_{lang}"]
    width = 6 if lang == "zh" else 13
    yes, no = t("core.yes", lang), t("core.no", lang)
    lane_names = dict(zip(bp.lanes["lane"], bp.lanes[f"label_{lang}"]))
    steps = pd.DataFrame({
        "x0": s["order"] + _OFFSET - 0.45, "x1": s["order"] + _OFFSET + 0.45, "y0": s["row"] - 0.4, "y1": s["row"] + 0.4,
        "cx": s["order"] + _OFFSET, "cy": s["row"].astype(float),
        "text": [wrap_label(v, width) for v in label], "step": label,
        "lane": [lane_names[v] for v in s["lane"]],
        "process_step": [str(int(v)) if v else "–" for v in s["process_step"]],
        "fail_point": [yes if v else no for v in s["fail_point"]],
        "wait": [yes if v else no for v in s["wait"]],
        "order": s["order"],
    })
    marks = []
    for _, row in s.iterrows():
        if row["fail_point"]:
            marks.append({"mx": row["order"] + _OFFSET + 0.38, "my": row["row"] - 0.36, "kind": t("blueprint.chart.fail_point", lang)})
        if row["wait"]:
            marks.append({"mx": row["order"] + _OFFSET + 0.38, "my": row["row"] - 0.36, "kind": t("blueprint.chart.wait", lang)})
    lanes = pd.DataFrame({"lx": 0.05, "ly": bp.lanes["row"] - 0.12, "name": [wrap_label(v, 6 if lang == "zh" else 15) for v in bp.lanes[f"label_{lang}"]],
                          "band0": bp.lanes["row"] - 0.5, "bx0": 0.0, "bx1": _RIGHT, "band1": bp.lanes["row"] + 0.5,
                          "shade": ["#eef1f5" if i % 2 == 0 else "#ffffff" for i in range(len(bp.lanes))]})
    lines = pd.DataFrame({"y": bp.lines["y"], "x0": 0.05, "x1": _RIGHT, "name": bp.lines[f"label_{lang}"]})
    return {"bp_steps": steps, "bp_marks": pd.DataFrame(marks, columns=["mx", "my", "kind"]),
            "bp_lanes": lanes, "bp_lines": lines}


def _build(lang: str):
    alt = import_altair()
    xs = alt.Scale(domain=[0, _RIGHT], nice=False, zero=False)
    ys = alt.Scale(domain=[-0.5, 4.5], reverse=True, nice=False, zero=False)
    no_axis = None
    bands = alt.Chart(alt.NamedData("bp_lanes")).mark_rect(opacity=0.5).encode(
        x=alt.X("bx0:Q", scale=xs, axis=None), x2="bx1:Q",
        y=alt.Y("band0:Q", scale=ys, axis=no_axis), y2="band1:Q",
        fill=alt.Fill("shade:N", scale=None))
    names = alt.Chart(alt.NamedData("bp_lanes")).mark_text(align="left", fontSize=12, fontWeight="bold",
                                                           color="#333333", lineBreak="\n").encode(
        x=alt.X("lx:Q", scale=xs, axis=no_axis), y=alt.Y("ly:Q", scale=ys, axis=no_axis), text="name:N")
    lines = alt.Chart(alt.NamedData("bp_lines")).mark_rule(strokeDash=[6, 4], color="#555555", strokeWidth=1.5).encode(
        x=alt.X("x0:Q", scale=xs, axis=None), x2="x1:Q", y=alt.Y("y:Q", scale=ys, axis=None))
    line_names = alt.Chart(alt.NamedData("bp_lines")).mark_text(align="left", baseline="bottom", dy=-2, fontSize=11,
                                                                fontStyle="italic", color="#444444").encode(
        x=alt.X("x0:Q", scale=xs, axis=None), y=alt.Y("y:Q", scale=ys, axis=None), text="name:N")
    tooltip = [alt.Tooltip("step:N", title=t("blueprint.chart.step", lang)),
               alt.Tooltip("lane:N", title=t("blueprint.chart.lane", lang)),
               alt.Tooltip("order:Q", title=t("blueprint.chart.order", lang)),
               alt.Tooltip("process_step:N", title=t("blueprint.chart.process_step", lang)),
               alt.Tooltip("fail_point:N", title=t("blueprint.chart.fail_point", lang)),
               alt.Tooltip("wait:N", title=t("blueprint.chart.wait", lang))]
    boxes = alt.Chart(alt.NamedData("bp_steps")).mark_rect(fill="#dce6f2", stroke="#4e79a7", cornerRadius=4).encode(
        x=alt.X("x0:Q", scale=xs, axis=None), x2="x1:Q", y=alt.Y("y0:Q", scale=ys, axis=None), y2="y1:Q", tooltip=tooltip)
    texts = alt.Chart(alt.NamedData("bp_steps")).mark_text(fontSize=10, color="#1a1a1a", lineBreak="\n").encode(
        x=alt.X("cx:Q", scale=xs, axis=None), y=alt.Y("cy:Q", scale=ys, axis=None), text="text:N", tooltip=tooltip)
    kinds = [t("blueprint.chart.fail_point", lang), t("blueprint.chart.wait", lang)]
    marks = alt.Chart(alt.NamedData("bp_marks")).mark_point(filled=True, size=150, opacity=1).encode(
        x=alt.X("mx:Q", scale=xs, axis=None), y=alt.Y("my:Q", scale=ys, axis=None),
        color=alt.Color("kind:N", scale=alt.Scale(domain=kinds, range=[FAIL_COLOR, WAIT_COLOR]),
                        legend=alt.Legend(title=None, orient="bottom")),
        shape=alt.Shape("kind:N", scale=alt.Scale(domain=kinds, range=["circle", "triangle-up"]), legend=None),
        tooltip=[alt.Tooltip("kind:N", title=t("blueprint.chart.marker", lang))])
    return (bands + lines + line_names + names + boxes + texts + marks).properties(
        title=t("blueprint.chart.title", lang), width=1000, height=420).configure_view(stroke=None)


#: The express-delivery blueprint; output: a :class:`~servicelab.models.blueprint.Blueprint`.
BLUEPRINT = ChartKind(_build, _data, tables=("bp_steps",))


def blueprint_chart(blueprint=None, lang: str = "zh"):
    """Static form of :data:`BLUEPRINT` (default: the course's express-delivery blueprint).

    Parameters
    ----------
    blueprint : Blueprint, optional
        From :func:`servicelab.models.blueprint.load_blueprint`.
    lang : {"zh", "en"}

    Returns
    -------
    altair.LayerChart
    """
    from ..models.blueprint import load_blueprint

    return BLUEPRINT.chart(blueprint or load_blueprint(), lang)
