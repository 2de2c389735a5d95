"""Charts for perishability (chapter 03): a day of demand against capacity, and Erlang C staffing.

Each chart is a :class:`~servicelab.charts._offline.ChartKind` (see :mod:`servicelab.charts.servqual`):
``KIND.live(output, lang)`` gives a live widget with a text alternative, ``KIND.update(widget,
output, lang)`` sends only new rows, ``KIND.chart(output, lang)`` a static altair chart.

* :data:`CAPACITY_DAY` — per hour, stacked bars of customers served, capacity left idle, taken by
  a third party, still waiting and turned away, with the capacity as a line (served + idle =
  capacity, so the bars above the line are the customers the hour could not serve).
* :data:`QUEUE_CURVE` — service level and average wait against the number of agents, with the
  target service level as a rule and the current and the fewest sufficient staffing marked.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n import t
from ._offline import ChartKind, import_altair

#: Bar segments bottom to top, and their colours (colour-blind-safe Tableau 10 subset).
PARTS: tuple[str, ...] = ("served", "idle", "third_party", "waiting", "turned_away")
PART_COLORS = {"served": "#4e79a7", "idle": "#bab0ac", "third_party": "#f28e2b", "waiting": "#edc948",
               "turned_away": "#e15759"}


def _part(code: str, lang: str) -> str:
    return t(f"capacity.part.{code}", lang)


# -- a day of demand against capacity --------------------------------------------------------------
def _day_data(day: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    rows = []
    for order, code in enumerate(PARTS):
        rows.append(pd.DataFrame({"hour": day["hour"].astype(int), "part": _part(code, lang), "order": order,
                                  "customers": day[code].astype(float).round(2)}))
    bars = pd.concat(rows, ignore_index=True)
    line = pd.DataFrame({"hour": day["hour"].astype(int), "capacity": day["capacity"].astype(float).round(2),
                         "demand": day["demand"].astype(float).round(2)})
    return {"capacity_bars": bars, "capacity_line": line}


def _day_build(lang: str):
    alt = import_altair()
    names = [_part(c, lang) for c in PARTS]
    x = alt.X("hour:O", title=t("capacity.label.hour", lang), axis=alt.Axis(labelAngle=0))
    bars = alt.Chart(alt.NamedData("capacity_bars")).mark_bar().encode(
        x=x,
        y=alt.Y("sum(customers):Q", title=t("capacity.label.customers", lang), stack="zero"),
        color=alt.Color("part:N", scale=alt.Scale(domain=names, range=[PART_COLORS[c] for c in PARTS]),
                        legend=alt.Legend(title=None, orient="bottom")),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("hour:O", title=t("capacity.label.hour", lang)),
                 alt.Tooltip("part:N", title=t("capacity.label.part", lang)),
                 alt.Tooltip("customers:Q", title=t("capacity.label.customers", lang), format=".1f")],
    )
    line = alt.Chart(alt.NamedData("capacity_line")).mark_line(color="#222222", strokeWidth=2, point=True).encode(
        x=x, y=alt.Y("capacity:Q"),
        tooltip=[alt.Tooltip("hour:O", title=t("capacity.label.hour", lang)),
                 alt.Tooltip("capacity:Q", title=t("capacity.label.capacity", lang), format=".1f"),
                 alt.Tooltip("demand:Q", title=t("capacity.label.demand", lang), format=".1f")],
    )
    return (bars + line).properties(title=t("capacity.chart.day_title", lang), width=460, height=240)


CAPACITY_DAY = ChartKind(_day_build, _day_data)


def capacity_day_chart(day: pd.DataFrame, lang: str = "zh"):
    """Stacked bars per hour (served, idle, third party, waiting, turned away) and the capacity line.

    Parameters
    ----------
    day : pandas.DataFrame
        Output of :func:`servicelab.models.capacity.capacity_day`.
    lang : {"zh", "en"}

    Returns
    -------
    altair.LayerChart
    """
    return CAPACITY_DAY.chart(day, lang)


# -- service level and wait against agents ---------------------------------------------------------
def _queue_data(output: dict, lang: str) -> dict[str, pd.DataFrame]:
    """``output``: ``{"metrics": queue_metrics(...), "target": 0.8, "agents": c, "needed": n}``."""
    m = output["metrics"]
    stable = m["stable"].to_numpy(bool)
    curve = pd.DataFrame({
        "agents": m["agents"].astype(int),
        "service_level": (100 * m["service_level"]).round(2),
        "asa_seconds": np.where(stable, m["asa_seconds"], np.nan).round(2),
        "p_wait": (100 * m["p_wait"]).round(2),
    })
    marks = pd.DataFrame({
        "agents": [int(output["agents"]), int(output["needed"])],
        "what": [t("capacity.queue.current", lang), t("capacity.queue.fewest", lang)],
    })
    return {"queue_curve": curve, "queue_target": pd.DataFrame({"target": [round(100 * float(output["target"]), 2)]}),
            "queue_marks": marks}


def _queue_build(lang: str):
    alt = import_altair()
    x = alt.X("agents:Q", title=t("capacity.queue.agents", lang), axis=alt.Axis(tickMinStep=1, format="d"))
    tip = [alt.Tooltip("agents:Q", title=t("capacity.queue.agents", lang)),
           alt.Tooltip("service_level:Q", title=t("capacity.queue.service_level_pct", lang), format=".1f"),
           alt.Tooltip("asa_seconds:Q", title=t("capacity.queue.asa", lang), format=".1f"),
           alt.Tooltip("p_wait:Q", title=t("capacity.queue.p_wait_pct", lang), format=".1f")]
    sl = alt.Chart(alt.NamedData("queue_curve")).mark_line(point=True, color="#4e79a7").encode(
        x=x, y=alt.Y("service_level:Q", title=t("capacity.queue.service_level_pct", lang),
                     scale=alt.Scale(domain=[0, 100])), tooltip=tip)
    target = alt.Chart(alt.NamedData("queue_target")).mark_rule(color="#e15759", strokeDash=[5, 4]).encode(
        y=alt.Y("target:Q"), tooltip=[alt.Tooltip("target:Q", title=t("capacity.queue.target_pct", lang))])
    marks = alt.Chart(alt.NamedData("queue_marks")).mark_rule(strokeWidth=2).encode(
        x=alt.X("agents:Q"),
        color=alt.Color("what:N", scale=alt.Scale(domain=[t("capacity.queue.current", lang), t("capacity.queue.fewest", lang)],
                                                  range=["#222222", "#59a14f"]),
                        legend=alt.Legend(title=None, orient="bottom", labelLimit=0)),
        tooltip=[alt.Tooltip("what:N", title=t("capacity.queue.staffing", lang)),
                 alt.Tooltip("agents:Q", title=t("capacity.queue.agents", lang))])
    wait = alt.Chart(alt.NamedData("queue_curve")).mark_line(point=True, color="#f28e2b").encode(
        x=x, y=alt.Y("asa_seconds:Q", title=t("capacity.queue.asa", lang)), tooltip=tip)
    left = (sl + target + marks).properties(width=260, height=200, title=t("capacity.queue.sl_title", lang))
    right = (wait + marks).properties(width=260, height=200, title=t("capacity.queue.asa_title", lang))
    return alt.hconcat(left, right).properties(title=t("capacity.chart.queue_title", lang))


QUEUE_CURVE = ChartKind(_queue_build, _queue_data, tables=("queue_curve",))


def queue_curve_chart(output: dict, lang: str = "zh"):
    """Service level (with the target) and average wait against the number of agents.

    Parameters
    ----------
    output : dict
        ``metrics`` (:func:`servicelab.models.queueing.queue_metrics` over a range of agents),
        ``target`` (service-level target, 0–1), ``agents`` (current staffing), ``needed`` (the
        fewest agents meeting the target).
    lang : {"zh", "en"}

    Returns
    -------
    altair.HConcatChart
    """
    return QUEUE_CURVE.chart(output, lang)
