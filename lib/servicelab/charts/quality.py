"""Charts for quality management (chapter 10): the p-chart of a PDCA cycle, staffing to a service
level, and the points a mystery-shopping visit lost.

Each chart is a :class:`~servicelab.charts._offline.ChartKind` (see :mod:`servicelab.charts.servqual`):
``KIND.live(output, lang)`` gives a live widget with a text alternative, ``KIND.update(widget,
output, lang)`` sends only new rows, ``KIND.chart(output, lang)`` a static altair chart.

* :data:`P_CHART` — daily complaint share with its centre line and 3-sigma limits (one pair per
  day), points coloured by signal (inside the limits, beyond a limit, a run rule);
* :data:`STAFFING` — Erlang C service level for each number of agents, the target as a rule;
* :data:`CHECKLIST_LOSS` — points lost per checklist item, largest first.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n import t
from ._offline import ChartKind, import_altair

#: Point status on the p-chart, and colours (colour-blind-safe Tableau 10 subset).
STATUS: tuple[str, ...] = ("in_control", "beyond", "run")
STATUS_COLORS = {"in_control": "#4e79a7", "beyond": "#e15759", "run": "#f28e2b"}


def _status(code: str, lang: str) -> str:
    return t(f"quality.chart.status.{code}", lang)


# -- the p-chart --------------------------------------------------------------------------------
def _p_data(output: dict, lang: str) -> dict[str, pd.DataFrame]:
    """``output``: ``{"chart": p_chart(...) with a "day" column, "rules": run_rules(...), "split": day or None}``."""
    ch, rules = output["chart"], output["rules"]
    runs = [c for c in ("rule2", "rule3", "rule4") if c in rules.columns]
    run = rules[runs].any(axis=1).to_numpy() if runs else np.zeros(len(ch), bool)
    beyond = ch["beyond"].to_numpy(bool)
    code = np.where(beyond, "beyond", np.where(run, "run", "in_control"))
    points = pd.DataFrame({
        "day": ch["day"].astype(int),
        "share": (100 * ch["p"]).round(3),
        "center": (100 * ch["center"]).round(3),
        "lcl": (100 * ch["lcl"]).round(3),
        "ucl": (100 * ch["ucl"]).round(3),
        "complaints": ch["defects"].astype(int),
        "calls": ch["n"].astype(int),
        "status": [_status(c, lang) for c in code],
    })
    split = output.get("split")
    marks = pd.DataFrame({"day": [float(split) + 0.5] if split else [],
                          "label": [t("quality.chart.fix_line", lang)] if split else []})
    return {"pchart_points": points, "pchart_split": marks}


def _p_build(lang: str):
    alt = import_altair()
    x = alt.X("day:Q", title=t("quality.chart.day", lang), axis=alt.Axis(tickMinStep=1, format="d"))
    y_title = t("quality.chart.share", lang)
    tip = [alt.Tooltip("day:Q", title=t("quality.chart.day", lang)),
           alt.Tooltip("complaints:Q", title=t("quality.chart.complaints", lang)),
           alt.Tooltip("calls:Q", title=t("quality.chart.calls", lang)),
           alt.Tooltip("share:Q", title=y_title, format=".2f"),
           alt.Tooltip("lcl:Q", title=t("quality.chart.lcl", lang), format=".2f"),
           alt.Tooltip("ucl:Q", title=t("quality.chart.ucl", lang), format=".2f"),
           alt.Tooltip("status:N", title=t("quality.chart.status", lang))]
    base = alt.Chart(alt.NamedData("pchart_points"))
    line = base.mark_line(color="#9d9d9d").encode(x=x, y=alt.Y("share:Q", title=y_title))
    names = [_status(c, lang) for c in STATUS]
    pts = base.mark_point(filled=True, size=60).encode(
        x=x, y=alt.Y("share:Q"), tooltip=tip,
        color=alt.Color("status:N", scale=alt.Scale(domain=names, range=[STATUS_COLORS[c] for c in STATUS]),
                        legend=alt.Legend(title=None, orient="bottom")),
        shape=alt.Shape("status:N", scale=alt.Scale(domain=names, range=["circle", "diamond", "square"]),
                        legend=None))
    ucl = base.mark_line(color="#e15759", strokeDash=[5, 3], interpolate="step").encode(x=x, y="ucl:Q")
    lcl = base.mark_line(color="#e15759", strokeDash=[5, 3], interpolate="step").encode(x=x, y="lcl:Q")
    center = base.mark_line(color="#222222", interpolate="step").encode(x=x, y="center:Q")
    split = alt.Chart(alt.NamedData("pchart_split")).mark_rule(color="#59a14f", strokeWidth=2, aria=False).encode(
        x="day:Q", tooltip=[alt.Tooltip("label:N", title=t("quality.chart.fix", lang))])
    return (ucl + lcl + center + line + pts + split).properties(
        title=t("quality.chart.p_title", lang), width=520, height=240)


P_CHART = ChartKind(_p_build, _p_data, tables=("pchart_points",))


def p_chart_chart(output: dict, lang: str = "zh"):
    """The p-chart of one or two months, the fix marked between them.

    Parameters
    ----------
    output : dict
        ``chart`` (:func:`servicelab.models.control.p_chart` with a ``day`` column), ``rules``
        (:func:`servicelab.models.control.run_rules` on its ``z``), ``split`` (the last day
        before the fix, or None).
    lang : {"zh", "en"}

    Returns
    -------
    altair.LayerChart
    """
    return P_CHART.chart(output, lang)


# -- staffing to a service level ----------------------------------------------------------------
def _staff_data(output: dict, lang: str) -> dict[str, pd.DataFrame]:
    """``output``: ``{"options": staffing_options(...), "target": 0.8}``."""
    o = output["options"]
    stable = o["stable"].to_numpy(bool)
    bars = pd.DataFrame({
        "agents": o["agents"].astype(int),
        "service_level": (100 * o["service_level"]).round(2),
        "asa_seconds": np.where(stable, o["asa_seconds"], np.nan).round(1),
        "verdict": [t("quality.chart.meets" if m else "quality.chart.misses", lang) for m in o["meets"]],
    })
    return {"staff_bars": bars, "staff_target": pd.DataFrame({"target": [round(100 * float(output["target"]), 2)]})}


def _staff_build(lang: str):
    alt = import_altair()
    names = [t("quality.chart.meets", lang), t("quality.chart.misses", lang)]
    bars = alt.Chart(alt.NamedData("staff_bars")).mark_bar().encode(
        x=alt.X("agents:O", title=t("quality.chart.agents", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("service_level:Q", title=t("quality.chart.service_level", lang), scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("verdict:N", scale=alt.Scale(domain=names, range=["#59a14f", "#bab0ac"]),
                        legend=alt.Legend(title=None, orient="bottom")),
        tooltip=[alt.Tooltip("agents:O", title=t("quality.chart.agents", lang)),
                 alt.Tooltip("service_level:Q", title=t("quality.chart.service_level", lang), format=".1f"),
                 alt.Tooltip("asa_seconds:Q", title=t("quality.chart.asa", lang), format=".1f"),
                 alt.Tooltip("verdict:N", title=t("quality.chart.verdict", lang))])
    target = alt.Chart(alt.NamedData("staff_target")).mark_rule(color="#e15759", strokeDash=[5, 4]).encode(
        y="target:Q", tooltip=[alt.Tooltip("target:Q", title=t("quality.chart.target", lang))])
    return (bars + target).properties(title=t("quality.chart.staff_title", lang), width=340, height=220)


STAFFING = ChartKind(_staff_build, _staff_data, tables=("staff_bars",))


def staffing_chart(output: dict, lang: str = "zh"):
    """Service level against the number of agents, the target as a dashed rule.

    Parameters
    ----------
    output : dict
        ``options`` (:func:`servicelab.models.quality.staffing_options`) and ``target`` (0–1).
    lang : {"zh", "en"}

    Returns
    -------
    altair.LayerChart
    """
    return STAFFING.chart(output, lang)


# -- points lost on a mystery-shopping visit ------------------------------------------------------
def _loss_data(result, lang: str) -> dict[str, pd.DataFrame]:
    """``result``: a :class:`servicelab.models.quality.ChecklistResult`."""
    items = result.items
    return {"checklist_loss": pd.DataFrame({
        "item": [t(f"quality.mystery.item.{i}", lang) for i in items["item"]],
        "order": np.arange(len(items)),
        "lost": items["lost"].astype(float).round(2),
        "earned": items["earned"].astype(float).round(2),
        "weight": items["weight"].astype(float).round(2),
    })}


def _loss_build(lang: str):
    alt = import_altair()
    return alt.Chart(alt.NamedData("checklist_loss")).mark_bar(color="#e15759").encode(
        y=alt.Y("item:N", title=t("quality.chart.item", lang), sort=alt.EncodingSortField("order", order="ascending")),
        x=alt.X("lost:Q", title=t("quality.chart.lost", lang), scale=alt.Scale(domainMin=0)),
        tooltip=[alt.Tooltip("item:N", title=t("quality.chart.item", lang)),
                 alt.Tooltip("weight:Q", title=t("quality.chart.weight", lang), format=".0f"),
                 alt.Tooltip("earned:Q", title=t("quality.chart.earned", lang), format=".1f"),
                 alt.Tooltip("lost:Q", title=t("quality.chart.lost", lang), format=".1f")],
    ).properties(title=t("quality.chart.loss_title", lang), width=300, height=200)


CHECKLIST_LOSS = ChartKind(_loss_build, _loss_data)


def checklist_loss_chart(result, lang: str = "zh"):
    """Horizontal bars of the points each checklist item lost, largest first.

    Parameters
    ----------
    result : servicelab.models.quality.ChecklistResult
    lang : {"zh", "en"}

    Returns
    -------
    altair.Chart
    """
    return CHECKLIST_LOSS.chart(result, lang)
