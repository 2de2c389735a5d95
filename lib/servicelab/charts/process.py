"""Charts of the service-process chapter (C5.14, C5.15, C2.5): step failure chances, the parcel
simulation, the turnaround bridge and the escalation chain.

Each chart is a :class:`~servicelab.charts._offline.ChartKind` on named datasets (``KIND.live``,
``KIND.update``, ``KIND.chart``). Labels come from the i18n catalogue; no model work happens here.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n import t
from ._offline import ChartKind, import_altair

HIGHLIGHT, BASE = "#c0392b", "#4e79a7"


def step_name(row, lang: str) -> str:
    """``"3 客户填写运单"``: a step's number and its name in ``lang`` (a row of the steps table).

    Examples
    --------
    >>> step_name({"step": 3, "name_en": "Customer fills in the waybill"}, "en")
    '3 Customer fills in the waybill'
    """
    return f"{int(row['step'])} {row[f'name_{lang}']}"


# -- failure chance per step (the reliability panel) ---------------------------------------------
def _steps_data(output, lang: str) -> dict[str, pd.DataFrame]:
    """``output`` = (steps with ``name_zh``/``name_en``, effective reliabilities, sensitivity frame)."""
    steps, effective, sens = output
    eff = np.asarray(effective, dtype=float)
    top = t("process_nb.chart.top_gain", lang)
    other = t("process_nb.chart.other_step", lang)
    df = pd.DataFrame({
        "label": [step_name(r, lang) for _, r in steps.iterrows()],
        "order": steps["step"].astype(int),
        "failure": (1 - eff).round(4),
        "reliability": eff.round(4),
        "gradient": sens["gradient"].round(4).to_numpy(),
        "rank": sens["rank"].astype(int).to_numpy(),
    })
    df["group"] = np.where(df["rank"] == 1, top, other)
    return {"proc_steps": df}


def _steps_build(lang: str):
    alt = import_altair()
    top, other = t("process_nb.chart.top_gain", lang), t("process_nb.chart.other_step", lang)
    return alt.Chart(alt.NamedData("proc_steps")).mark_bar().encode(
        y=alt.Y("label:N", sort=alt.EncodingSortField(field="order", op="min"), title=t("process.label.step", lang),
                axis=alt.Axis(labelLimit=0)),
        x=alt.X("failure:Q", title=t("process_nb.chart.failure", lang), scale=alt.Scale(domainMin=0),
                axis=alt.Axis(format=".0%")),
        color=alt.Color("group:N", scale=alt.Scale(domain=[top, other], range=[HIGHLIGHT, BASE]),
                        legend=alt.Legend(title=None, orient="bottom")),
        tooltip=[alt.Tooltip("label:N", title=t("process.label.step", lang)),
                 alt.Tooltip("reliability:Q", title=t("process.label.reliability", lang), format=".3f"),
                 alt.Tooltip("failure:Q", title=t("process_nb.chart.failure", lang), format=".1%"),
                 alt.Tooltip("gradient:Q", title=t("process.label.gradient", lang), format=".3f"),
                 alt.Tooltip("rank:Q", title=t("process_nb.chart.rank", lang))],
    ).properties(title=t("process_nb.chart.steps_title", lang), width=380, height=alt.Step(20))


#: Failure chance of each step (after recovery), the step that gains most highlighted.
STEP_FAILURES = ChartKind(_steps_build, _steps_data)


# -- the parcel simulation: running success rate ----------------------------------------------------
def _run_data(sim, lang: str) -> dict[str, pd.DataFrame]:
    run = sim.running_rate()
    return {"proc_run": run.round(5),
            "proc_expected": pd.DataFrame({"expected": [round(sim.expected, 5)],
                                           "label": [t("process_nb.chart.product", lang)]})}


def _run_build(lang: str):
    alt = import_altair()
    x = alt.X("parcels:Q", scale=alt.Scale(type="log"), title=t("process_nb.chart.parcels", lang))
    band = alt.Chart(alt.NamedData("proc_run")).mark_area(opacity=0.25, color="#9c9c9c").encode(
        x=x, y=alt.Y("low:Q", scale=alt.Scale(domain=[0.5, 1.0], clamp=True)), y2="high:Q")
    line = alt.Chart(alt.NamedData("proc_run")).mark_line(color=BASE, strokeWidth=2).encode(
        x=x, y=alt.Y("rate:Q", title=t("process_nb.chart.rate", lang), scale=alt.Scale(domain=[0.5, 1.0], clamp=True),
                     axis=alt.Axis(format=".0%")),
        tooltip=[alt.Tooltip("parcels:Q", title=t("process_nb.chart.parcels", lang), format=","),
                 alt.Tooltip("rate:Q", title=t("process_nb.chart.rate", lang), format=".2%")])
    rule = alt.Chart(alt.NamedData("proc_expected")).mark_rule(color=HIGHLIGHT, strokeDash=[5, 3]).encode(
        y=alt.Y("expected:Q"), tooltip=[alt.Tooltip("expected:Q", title=t("process_nb.chart.product", lang), format=".2%")])
    label = alt.Chart(alt.NamedData("proc_expected")).mark_text(align="right", dy=-7, x="width", color="#a93226").encode(
        y=alt.Y("expected:Q"), text="label:N")
    return (band + line + rule + label).properties(title=t("process_nb.chart.run_title", lang), width=420, height=220)


#: Running success rate of the simulated parcels converging to the product (band: ± 3 standard errors).
RUNNING_RATE = ChartKind(_run_build, _run_data, tables=("proc_run",))


# -- where the simulated parcels fail ---------------------------------------------------------------
def _lost_data(output, lang: str) -> dict[str, pd.DataFrame]:
    sim, steps = output
    f = sim.failures_by_step()
    df = pd.DataFrame({"label": [step_name(r, lang) for _, r in steps.iterrows()], "order": f["step"],
                       "failures": f["failures"], "share": f["share"].round(5)})
    return {"proc_lost": df}


def _lost_build(lang: str):
    alt = import_altair()
    return alt.Chart(alt.NamedData("proc_lost")).mark_bar(color=BASE).encode(
        y=alt.Y("label:N", sort=alt.EncodingSortField(field="order", op="min"), title=t("process.label.step", lang),
                axis=alt.Axis(labelLimit=0)),
        x=alt.X("failures:Q", title=t("process_nb.chart.failures", lang)),
        tooltip=[alt.Tooltip("label:N", title=t("process.label.step", lang)),
                 alt.Tooltip("failures:Q", title=t("process_nb.chart.failures", lang), format=","),
                 alt.Tooltip("share:Q", title=t("process_nb.chart.share", lang), format=".2%")],
    ).properties(title=t("process_nb.chart.lost_title", lang), width=380, height=alt.Step(20))


#: Simulated parcels lost at each step; output ``(ParcelSimulation, steps frame)``.
PARCELS_LOST = ChartKind(_lost_build, _lost_data)


# -- the airline turnaround bridge --------------------------------------------------------------------
def _bridge_data(df: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    kinds = {k: t(f"turnaround.kind.{k}", lang) for k in ("start", "up", "down", "end")}
    yes, no = t("core.yes", lang), t("core.no", lang)
    from ._text import wrap_label

    width = 6 if lang == "zh" else 14
    out = pd.DataFrame({"label": [wrap_label(v, width) for v in df["label"]], "order": df["order"], "low": df["low"], "high": df["high"],
                        "amount": df["amount"], "kind": [kinds[k] for k in df["kind"]],
                        "illustrative": [yes if v else no for v in df.get("illustrative", [False] * len(df))],
                        "text": [f"{a:+g}" if k in ("up", "down") else f"{a:g}" for a, k in zip(df["amount"], df["kind"])]})
    out["mid"] = (out["low"] + out["high"]) / 2
    return {"bridge": out}


def _bridge_build(lang: str):
    alt = import_altair()
    kinds = [t(f"turnaround.kind.{k}", lang) for k in ("start", "up", "down", "end")]
    x = alt.X("label:N", sort=alt.EncodingSortField(field="order", op="min"), title=None,
              axis=alt.Axis(labelAngle=0, labelLimit=120, labelExpr="split(datum.label, '\\n')"))
    base = alt.Chart(alt.NamedData("bridge"))
    bars = base.mark_bar(size=46).encode(
        x=x, y=alt.Y("low:Q", title=t("turnaround.chart.amount", lang)), y2="high:Q",
        color=alt.Color("kind:N", scale=alt.Scale(domain=kinds, range=["#c0392b", "#59a14f", "#e15759", "#4e79a7"]),
                        legend=alt.Legend(title=None, orient="bottom", labelLimit=0, columns=2)),
        tooltip=[alt.Tooltip("label:N", title=t("turnaround.chart.lever", lang)),
                 alt.Tooltip("amount:Q", title=t("turnaround.chart.amount", lang)),
                 alt.Tooltip("illustrative:N", title=t("turnaround.chart.illustrative", lang))])
    text = base.mark_text(dy=-8, baseline="bottom", fontSize=12, color="#1a1a1a").encode(
        x=x, y=alt.Y("high:Q"), text="text:N")
    zero = alt.Chart(alt.Data(values=[{"y": 0}])).mark_rule(color="#555555").encode(y="y:Q")
    return (bars + text + zero).properties(title=t("turnaround.chart.title", lang), width=560, height=260)


#: Bridge from the loss to the profit; output :func:`servicelab.models.turnaround.turnaround_bridge`.
TURNAROUND_BRIDGE = ChartKind(_bridge_build, _bridge_data)


# -- the escalation chain ------------------------------------------------------------------------------
def department_name(k: int, lang: str) -> str:
    """The translated name of department ``k`` of :data:`servicelab.models.escalation.DEPARTMENTS`.

    Examples
    --------
    >>> department_name(0, "zh"), department_name(2, "en")
    ('前台受理', 'Field service')
    """
    from ..models.escalation import DEPARTMENTS

    return t(f"escalation.department.{DEPARTMENTS[k]}", lang)


def _esc_data(res, lang: str) -> dict[str, pd.DataFrame]:
    rows = []
    outcomes = [("served", "escalation.outcome.served"), ("escalated", "escalation.outcome.escalated"),
                ("waiting", "escalation.outcome.waiting")]
    for _, d in res.departments.iterrows():
        name = department_name(int(d["department"]), lang)
        for i, (col, key) in enumerate(outcomes):
            rows.append({"department": name, "order": int(d["department"]), "outcome": t(key, lang), "o": i,
                         "tickets": int(d[col])})
    return {"esc_outcomes": pd.DataFrame(rows, columns=["department", "order", "outcome", "o", "tickets"])}


def _esc_build(lang: str):
    alt = import_altair()
    outcomes = [t(k, lang) for k in ("escalation.outcome.served", "escalation.outcome.escalated",
                                     "escalation.outcome.waiting")]
    return alt.Chart(alt.NamedData("esc_outcomes")).mark_bar().encode(
        y=alt.Y("department:N", sort=alt.EncodingSortField(field="order", op="min"), title=t("escalation.label.department", lang)),
        x=alt.X("tickets:Q", title=t("escalation.label.tickets", lang), stack="zero"),
        color=alt.Color("outcome:N", scale=alt.Scale(domain=outcomes, range=["#59a14f", "#c0392b", "#f2b447"]),
                        legend=alt.Legend(title=None, orient="bottom")),
        order=alt.Order("o:Q"),
        tooltip=[alt.Tooltip("department:N", title=t("escalation.label.department", lang)),
                 alt.Tooltip("outcome:N", title=t("escalation.label.outcome", lang)),
                 alt.Tooltip("tickets:Q", title=t("escalation.label.tickets", lang))],
    ).properties(title=t("escalation.chart.title", lang), width=380, height=alt.Step(34))


#: Tickets per department by outcome; output :class:`servicelab.models.escalation.ChainResult`.
ESCALATION = ChartKind(_esc_build, _esc_data)
