"""Complaint and recovery charts (C5.16–C5.18, C5.20).

* :data:`PARETO` — ``PARETO.live(table, lang)`` with ``table`` from
  :func:`servicelab.models.complaints.cause_pareto`: bars of the complaint causes (largest first; the vital few in red), the
  cumulative share as a line on a second axis and the learner's threshold as a rule.
* :data:`CHANNELS` — ``CHANNELS.live(channels, lang)``: the seed's complaint-channel survey.
* :data:`RESPONSE_TREE` — ``RESPONSE_TREE.live(tree, lang)``: Day & Landon's (1977) taxonomy drawn
  from ``data/complaints/responses.json``.
* :data:`RECOVERY` — ``RECOVERY.live(outcome, lang)``: satisfaction before the failure, right
  after it, after the recovery, and repurchase intention (:func:`servicelab.models.recovery.recovery_outcome`).
"""
from __future__ import annotations

import pandas as pd

from ..i18n import t
from ._offline import ChartKind, import_altair
from ._text import wrapped_labels_expr

VITAL, OTHER, LINE, RULE = "#d62728", "#9bbbd9", "#1f4e79", "#8b1a1a"


def _pareto_data(frame: dict, lang: str) -> dict[str, pd.DataFrame]:
    tab = frame["table"]
    return {
        "cp_bars": pd.DataFrame({
            "rank": tab["rank"].astype(int),
            "name": tab[f"name_{lang}"],
            "count": tab["count"].astype(int),
            "share": (100 * tab["share"]).round(2),
            "cumulative": (100 * tab["cumulative_share"]).round(2),
            "vital": tab["vital"].astype(bool),
            "vital_text": [t("core.yes" if v else "core.no", lang) for v in tab["vital"]],
            "category": [t(f"complaints.category.{int(c)}", lang) for c in tab["category"]],
        }),
        "cp_line": pd.DataFrame({"threshold": [round(100 * frame["threshold"], 2)],
                                 "label": [t("complaints_nb.chart.threshold_label", lang,
                                             value=f"{100 * frame['threshold']:g}")]}),
    }


def _pareto_build(lang: str):
    alt = import_altair()
    x = alt.X("rank:O", title=t("complaints_nb.chart.rank", lang), axis=alt.Axis(labelAngle=0))
    tips = [alt.Tooltip("rank:O", title=t("complaints_nb.chart.rank", lang)),
            alt.Tooltip("name:N", title=t("complaints.label.cause", lang)),
            alt.Tooltip("count:Q", title=t("complaints.label.count", lang)),
            alt.Tooltip("share:Q", title=t("complaints_nb.chart.share_pct", lang), format=".2f"),
            alt.Tooltip("cumulative:Q", title=t("complaints_nb.chart.cumulative_pct", lang), format=".2f"),
            alt.Tooltip("category:N", title=t("complaints_nb.chart.category", lang)),
            alt.Tooltip("vital_text:N", title=t("complaints_nb.chart.vital", lang))]
    bars = alt.Chart(alt.NamedData("cp_bars")).mark_bar().encode(
        x=x, y=alt.Y("count:Q", title=t("complaints.label.count", lang)),
        color=alt.condition("datum.vital", alt.value(VITAL), alt.value(OTHER)), tooltip=tips)
    pct = alt.Scale(domain=[0, 100])
    cum_title = t("complaints_nb.chart.cumulative_pct", lang)
    line = alt.Chart(alt.NamedData("cp_bars")).mark_line(color=LINE, point=alt.OverlayMarkDef(color=LINE, size=25)).encode(
        x=x, y=alt.Y("cumulative:Q", scale=pct, title=cum_title, axis=alt.Axis(orient="right")), tooltip=tips)
    rule = alt.Chart(alt.NamedData("cp_line")).mark_rule(color=RULE, strokeDash=[6, 3], strokeWidth=2).encode(
        y=alt.Y("threshold:Q", scale=pct, title=cum_title))
    label = alt.Chart(alt.NamedData("cp_line")).mark_text(color=RULE, align="left", dx=4, dy=-7, fontWeight="bold").encode(
        y=alt.Y("threshold:Q", scale=pct, title=cum_title), x=alt.value(0), text="label:N")
    right = alt.layer(line, rule, label)
    return alt.layer(bars, right).resolve_scale(y="independent").properties(
        title=t("complaints_nb.chart.pareto_title", lang), width=620, height=300)


PARETO = ChartKind(_pareto_build, _pareto_data, tables=("cp_bars",))


# -- complaint channels ----------------------------------------------------------------------
def _channels_data(channels: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    total = channels["people"].sum()
    printed = [t("complaints_nb.chart.not_printed", lang) if pd.isna(p) else f"{p:g} %" for p in channels["printed_percent"]]
    return {"cc_bars": pd.DataFrame({
        "channel": channels[f"name_{lang}"], "people": channels["people"].astype(int),
        "printed": printed, "listed_share": (100 * channels["people"] / total).round(1)})}


def _channels_build(lang: str):
    alt = import_altair()
    return alt.Chart(alt.NamedData("cc_bars")).mark_bar(color="#4e79a7").encode(
        y=alt.Y("channel:N", sort="-x", title=None, axis=alt.Axis(labelLimit=0)),
        x=alt.X("people:Q", title=t("complaints_nb.chart.people", lang)),
        tooltip=[alt.Tooltip("channel:N", title=t("complaints_nb.chart.channel", lang)),
                 alt.Tooltip("people:Q", title=t("complaints_nb.chart.people", lang)),
                 alt.Tooltip("printed:N", title=t("complaints_nb.chart.printed", lang)),
                 alt.Tooltip("listed_share:Q", title=t("complaints_nb.chart.listed_share", lang), format=".1f")],
    ).properties(title=t("complaints_nb.chart.channels_title", lang), width=420, height=180)


CHANNELS = ChartKind(_channels_build, _channels_data)


# -- Day & Landon's taxonomy ------------------------------------------------------------------
TREE_WIDTH, TREE_HEIGHT, BOX_W, BOX_H = 760, 330, 0.42, 0.36


def _tree_data(tree: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    children = {n: list(tree.loc[tree["parent"] == n, "node"]) for n in tree["node"]}
    y: dict[str, float] = {}
    leaves = iter(range(len(tree)))

    def place(node: str) -> float:
        kids = children[node]
        y[node] = float(next(leaves)) if not kids else sum(place(k) for k in kids) / len(kids)
        return y[node]

    root = tree.loc[tree["parent"] == "", "node"].iloc[0]
    place(root)
    level = dict(zip(tree["node"], tree["level"]))
    label = dict(zip(tree["node"], tree[f"label_{lang}"]))
    nodes = pd.DataFrame([{"node": n, "x": float(level[n]), "y": y[n], "label": label[n],
                           "text": label[n].replace(" (", "\n(") if len(label[n]) > 22 else label[n],
                           "x0": level[n] - BOX_W, "x1": level[n] + BOX_W, "y0": y[n] - BOX_H, "y1": y[n] + BOX_H,
                           "parent": label.get(p, "—")} for n, p in zip(tree["node"], tree["parent"])])
    edges = pd.DataFrame([{"x": level[p] + BOX_W, "y": y[p], "x2": level[n] - BOX_W, "y2": y[n]}
                          for n, p in zip(tree["node"], tree["parent"]) if p])
    return {"ct_nodes": nodes, "ct_edges": edges}


def _tree_build(lang: str):
    alt = import_altair()
    xs = alt.Scale(domain=[-0.5, 3.5], nice=False)
    ys = alt.Scale(domain=[-0.6, 5.6], nice=False, reverse=True)
    edges = alt.Chart(alt.NamedData("ct_edges")).mark_rule(color="#555555", strokeWidth=1.4).encode(
        x=alt.X("x:Q", scale=xs, axis=None), y=alt.Y("y:Q", scale=ys, axis=None), x2="x2:Q", y2="y2:Q")
    boxes = alt.Chart(alt.NamedData("ct_nodes")).mark_rect(fill="#f4f6fb", stroke="#4e79a7", cornerRadius=3).encode(
        x=alt.X("x0:Q", scale=xs, axis=None), x2="x1:Q", y=alt.Y("y0:Q", scale=ys, axis=None), y2="y1:Q",
        tooltip=[alt.Tooltip("label:N", title=t("complaints_nb.chart.response", lang)),
                 alt.Tooltip("parent:N", title=t("complaints_nb.chart.parent", lang))])
    texts = alt.Chart(alt.NamedData("ct_nodes")).mark_text(fontSize=11 if lang == "en" else 12, color="#1f1f1f",
                                                          lineBreak="\n").encode(
        x=alt.X("x:Q", scale=xs, axis=None), y=alt.Y("y:Q", scale=ys, axis=None), text="text:N")
    return (edges + boxes + texts).properties(title=t("complaints_nb.chart.tree_title", lang),
                                              width=TREE_WIDTH, height=TREE_HEIGHT)


RESPONSE_TREE = ChartKind(_tree_build, _tree_data, tables=("ct_nodes",))


# -- recovery ---------------------------------------------------------------------------------
STAGE_COLOURS = {"before": "#7f7f7f", "failure": "#d62728", "satisfaction": "#1f77b4", "repurchase": "#e377c2"}


def _recovery_data(outcome: dict, lang: str) -> dict[str, pd.DataFrame]:
    tab = outcome["table"]
    return {
        "cr_bars": pd.DataFrame({
            "stage": [t(f"recovery.stage.{s}", lang) for s in tab["stage"]],
            "code": list(tab["stage"]), "value": tab["value"].round(1),
            "colour": [STAGE_COLOURS[s] for s in tab["stage"]]}),
        "cr_base": pd.DataFrame({"value": [float(outcome["before"])]}),
    }


def _recovery_build(lang: str):
    alt = import_altair()
    order = [t(f"recovery.stage.{s}", lang) for s in STAGE_COLOURS]
    ys = alt.Scale(domain=[0, 100])
    bars = alt.Chart(alt.NamedData("cr_bars")).mark_bar().encode(
        x=alt.X("stage:N", sort=order, title=None,
                axis=alt.Axis(labelAngle=0, labelLimit=0, labelExpr=wrapped_labels_expr(order, 8 if lang == "zh" else 16))),
        y=alt.Y("value:Q", scale=ys, title=t("recovery.chart.scale", lang)),
        color=alt.Color("colour:N", scale=None),
        tooltip=[alt.Tooltip("stage:N", title=t("recovery.chart.stage", lang)),
                 alt.Tooltip("value:Q", title=t("recovery.chart.value", lang), format=".1f")])
    labels = alt.Chart(alt.NamedData("cr_bars")).mark_text(dy=-8, color="#1f1f1f", fontWeight="bold").encode(
        x=alt.X("stage:N", sort=order), y=alt.Y("value:Q", scale=ys), text=alt.Text("value:Q", format=".1f"))
    base = alt.Chart(alt.NamedData("cr_base")).mark_rule(color="#333333", strokeDash=[6, 3]).encode(
        y=alt.Y("value:Q", scale=ys))
    return (bars + labels + base).properties(title=t("recovery.chart.title", lang), width=420, height=260)


RECOVERY = ChartKind(_recovery_build, _recovery_data, tables=("cr_bars",))
