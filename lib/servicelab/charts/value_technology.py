"""Charts of chapter 11 (C2.2, C2.8, C2.9): offers' value and cost, E-S-QUAL dimension scores,
technology-readiness segment profiles and the high-tech vs high-touch plan.

Each chart is a :class:`~servicelab.charts._offline.ChartKind` on named datasets (``KIND.live``,
``KIND.update``, ``KIND.chart``). Labels come from the i18n catalogue; no model work happens here.
"""
from __future__ import annotations

import pandas as pd

from ..i18n import t
from ._offline import ChartKind, import_altair
from ._text import share_axis

VALUE_COLOUR, COST_COLOUR, CDV_COLOUR = "#4e79a7", "#c0392b", "#2e7d32"
SEGMENT_COLOURS = ["#2e7d32", "#4e79a7", "#7f7f7f", "#8e44ad", "#c0392b"]
DECISION_COLOURS = ["#2e7d32", "#4e79a7", "#c0392b"]


# -- delivered value of the offers ------------------------------------------------------------------
def _offers_data(rankings: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    """``rankings`` = :func:`servicelab.models.value.value_rankings` output."""
    measures = [("total_value", "value.label.total_value"), ("total_cost", "value.label.total_cost"),
                ("delivered_value", "value.label.delivered_value")]
    rows = []
    for r in rankings.itertuples():
        for order, (col, key) in enumerate(measures):
            rows.append({"offer": str(r.offer), "measure": t(key, lang), "order": order,
                         "amount": round(float(getattr(r, col)), 4), "rank": int(r.rank),
                         "ratio_rank": int(r.ratio_rank)})
    return {"vt_offers": pd.DataFrame(rows)}


def _offers_build(lang: str):
    alt = import_altair()
    names = [t(k, lang) for k in ("value.label.total_value", "value.label.total_cost", "value.label.delivered_value")]
    measure = t("vt.chart.measure", lang)
    return alt.Chart(alt.NamedData("vt_offers")).mark_bar().encode(
        x=alt.X("offer:N", title=t("vt.chart.offer", lang), sort=None, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("measure:N", sort=names),
        y=alt.Y("amount:Q", title=t("vt.chart.amount", lang)),
        color=alt.Color("measure:N", title=measure, sort=names,
                        scale=alt.Scale(domain=names, range=[VALUE_COLOUR, COST_COLOUR, CDV_COLOUR]),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("offer:N", title=t("vt.chart.offer", lang)), alt.Tooltip("measure:N", title=measure),
                 alt.Tooltip("amount:Q", title=t("vt.chart.amount", lang), format=".1f"),
                 alt.Tooltip("rank:Q", title=t("vt.label.rank_difference", lang)),
                 alt.Tooltip("ratio_rank:Q", title=t("vt.label.rank_ratio", lang))],
    ).properties(title=t("vt.chart.offers_title", lang), width=360, height=220)


#: Total value, total cost and delivered value of each offer (output: ``value_rankings`` frame).
OFFER_VALUES = ChartKind(_offers_build, _offers_data)


# -- E-S-QUAL dimension scores -----------------------------------------------------------------------
def _esqual_data(scores: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    """``scores`` = :func:`servicelab.models.esqual.esqual_scores` output (unanswered rows left out)."""
    s = scores.dropna(subset=["mean"])
    df = pd.DataFrame({"dimension": [t("esqual.dimension." + d, lang) for d in s["dimension"]],
                       "order": range(len(s)), "scale": s["scale"].tolist(),
                       "mean": s["mean"].round(3).tolist(), "answered": s["answered"].astype(int).tolist()})
    return {"vt_esqual": df}


def _esqual_build(lang: str):
    alt = import_altair()
    return alt.Chart(alt.NamedData("vt_esqual")).mark_bar().encode(
        y=alt.Y("dimension:N", sort=alt.EncodingSortField(field="order", op="min"), title=t("vt.chart.dimension", lang)),
        x=alt.X("mean:Q", title=t("vt.chart.mean", lang), scale=alt.Scale(domain=[0, 5])),
        color=alt.Color("scale:N", title=t("vt.chart.scale", lang),
                        scale=alt.Scale(domain=["E-S-QUAL", "E-RecS-QUAL"], range=[VALUE_COLOUR, "#e67e22"]),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("dimension:N", title=t("vt.chart.dimension", lang)),
                 alt.Tooltip("mean:Q", title=t("vt.chart.mean", lang), format=".2f"),
                 alt.Tooltip("answered:Q", title=t("vt.chart.answered", lang))],
    ).properties(title=t("vt.chart.esqual_title", lang), width=340, height=alt.Step(22))


#: Mean rating of each answered dimension on 1–5 (E-S-QUAL and, when answered, E-RecS-QUAL).
ESQUAL_SCORES = ChartKind(_esqual_build, _esqual_data)


# -- technology-readiness segment profiles ------------------------------------------------------------
def _profiles_data(profile: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    """``profile`` = the profile frame of :func:`servicelab.models.technology.tri_segments`."""
    from ..models.technology import DIMENSIONS

    rows = []
    for r in profile.itertuples():
        for j, d in enumerate(DIMENSIONS):
            rows.append({"segment": t("technology.segment." + r.segment, lang), "dimension": t("technology.dimension." + d, lang),
                         "order": j, "mean": round(float(getattr(r, d)), 3), "share": round(float(r.share), 4)})
    return {"vt_profiles": pd.DataFrame(rows)}


def _profiles_build(lang: str):
    alt = import_altair()
    from ..models.technology import DIMENSIONS, SEGMENTS

    segs = [t("technology.segment." + s, lang) for s in SEGMENTS]
    dims = [t("technology.dimension." + d, lang) for d in DIMENSIONS]
    seg_title = t("vt.chart.segment", lang)
    base = alt.Chart(alt.NamedData("vt_profiles")).encode(
        x=alt.X("dimension:N", sort=dims, title=t("vt.chart.dimension", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("mean:Q", title=t("vt.chart.mean", lang), scale=alt.Scale(domain=[1, 5])),
        color=alt.Color("segment:N", title=seg_title, sort=segs, scale=alt.Scale(domain=segs, range=SEGMENT_COLOURS),
                        legend=alt.Legend(orient="right")),
        tooltip=[alt.Tooltip("segment:N", title=seg_title), alt.Tooltip("dimension:N", title=t("vt.chart.dimension", lang)),
                 alt.Tooltip("mean:Q", title=t("vt.chart.mean", lang), format=".2f"),
                 alt.Tooltip("share:Q", title=t("vt.chart.share", lang), format=".1%")])
    return (base.mark_line(strokeWidth=2) + base.mark_point(filled=True, size=50)).properties(
        title=t("vt.chart.profiles_title", lang), width=380, height=220)


#: Mean of each dimension per segment found by clustering (drivers left, inhibitors right).
SEGMENT_PROFILES = ChartKind(_profiles_build, _profiles_data)


# -- high-tech vs high-touch plan -------------------------------------------------------------------
def _plan_data(output, lang: str) -> dict[str, pd.DataFrame]:
    """``output`` = (plan from :func:`tech_touch_plan` with a ``label`` column, majority share)."""
    plan, majority = output
    df = pd.DataFrame({"touchpoint": plan["label"].tolist(), "order": range(len(plan)),
                       "ready_share": plan["ready_share"].round(4).tolist(), "demand": plan["demand"].tolist(),
                       "decision": [t("vt.decision." + d, lang) for d in plan["decision"]]})
    return {"vt_plan": df, "vt_majority": pd.DataFrame({"majority": [float(majority)]})}


def _plan_build(lang: str):
    alt = import_altair()
    from ..models.technology import DECISIONS

    names = [t("vt.decision." + d, lang) for d in DECISIONS]
    bars = alt.Chart(alt.NamedData("vt_plan")).mark_bar().encode(
        y=alt.Y("touchpoint:N", sort=alt.EncodingSortField(field="order", op="min"), title=t("vt.chart.touchpoint", lang),
                axis=alt.Axis(labelLimit=0)),
        x=alt.X("ready_share:Q", title=t("vt.chart.ready_share", lang), scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(**share_axis())),
        color=alt.Color("decision:N", title=t("vt.chart.decision", lang), sort=names,
                        scale=alt.Scale(domain=names, range=DECISION_COLOURS), legend=alt.Legend(orient="bottom", labelLimit=0)),
        tooltip=[alt.Tooltip("touchpoint:N", title=t("vt.chart.touchpoint", lang)),
                 alt.Tooltip("demand:Q", title=t("vt.chart.demand", lang), format=".1f"),
                 alt.Tooltip("ready_share:Q", title=t("vt.chart.ready_share", lang), format=".0%"),
                 alt.Tooltip("decision:N", title=t("vt.chart.decision", lang))])
    rule = alt.Chart(alt.NamedData("vt_majority")).mark_rule(color="#333333", strokeDash=[4, 3]).encode(x="majority:Q")
    return (bars + rule).properties(title=t("vt.chart.plan_title", lang), width=340, height=alt.Step(24))


#: Share of the customer mix ready to self-serve each touchpoint, coloured by the decision.
TECH_TOUCH = ChartKind(_plan_build, _plan_data, tables=("vt_plan",))
