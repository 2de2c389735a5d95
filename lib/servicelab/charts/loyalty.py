"""Charts of behavioural loyalty (chapter 08): cohort retention, the BG/NBD holdout check, CLV.

Each chart is a :class:`~servicelab.charts._offline.ChartKind` (see :mod:`servicelab.charts.customers`):
``KIND.live(output, lang)`` gives a live widget with a text alternative, ``KIND.update(widget,
output, lang)`` sends only new rows, ``KIND.chart(output, lang)`` a static altair chart.

* :data:`COHORT_RETENTION` — share of each first-purchase-month cohort buying in each later month,
  with the pooled curve; output :func:`servicelab.models.loyalty.cohort_retention`'s table;
* :data:`BGNBD_CHECK` — customers by calibration frequency, actual and expected by the model (bars,
  as FHL 2005's Figure 1) and, by frequency, the mean holdout purchases actually made beside those
  BG/NBD predicts (Figure 4); output
  :func:`servicelab.models.loyalty.bgnbd_holdout_check`'s table;
* :data:`CLV_CURVE` — CLV against the retention rate with the learner's point; output
  ``(curve, retention, clv)`` (:func:`servicelab.models.loyalty.clv_curve`).
"""
from __future__ import annotations

import pandas as pd

from ..i18n import t
from ._offline import ChartKind, import_altair

#: Actual and model colours (Tableau 10, colour-blind-safe pair).
ACTUAL_COLOR, MODEL_COLOR = "#4e79a7", "#e15759"


# ============================================================================ cohort retention
def _cohort_data(table: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    from ..models.loyalty import retention_curve

    periods = [c for c in table.columns if c != "customers"]
    long = table[periods].rename_axis(index="cohort").reset_index().melt(id_vars="cohort", var_name="period", value_name="share")
    long = long.dropna().assign(period=lambda d: d["period"].astype(int), share=lambda d: d["share"].astype(float).round(4))
    pooled = retention_curve(table).dropna(subset=["share"])
    pooled = pd.DataFrame({"cohort": t("loyalty.chart.all_cohorts", lang), "period": pooled["period"].astype(int),
                           "share": pooled["share"].round(4)})
    return {"cohort_lines": pd.concat([long, pooled], ignore_index=True)}


def _cohort_build(lang: str):
    alt = import_altair()
    line = alt.Chart(alt.NamedData("cohort_lines")).mark_line(point=True).encode(
        x=alt.X("period:Q", title=t("loyalty.chart.period", lang), axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("share:Q", title=t("loyalty.chart.share", lang), axis=alt.Axis(format="%")),
        color=alt.Color("cohort:N", title=t("loyalty.chart.cohort", lang), legend=alt.Legend(orient="bottom", titleLimit=400)),
        tooltip=[alt.Tooltip("cohort:N", title=t("loyalty.chart.cohort", lang)),
                 alt.Tooltip("period:Q", title=t("loyalty.chart.period", lang)),
                 alt.Tooltip("share:Q", title=t("loyalty.chart.share", lang), format=".1%")],
    )
    return line.properties(title=t("loyalty.chart.cohort_title", lang), width=460, height=260)


COHORT_RETENTION = ChartKind(_cohort_build, _cohort_data)


def cohort_retention_chart(table: pd.DataFrame, lang: str = "zh"):
    """Retention curves: one line per first-purchase-month cohort and one for all customers.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`servicelab.models.loyalty.cohort_retention`.
    lang : {"zh", "en"}

    Returns
    -------
    altair.Chart
    """
    return COHORT_RETENTION.chart(table, lang)


# ============================================================================ BG/NBD holdout check
def _check_data(table: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    freq = table.index.astype(str)
    actual, model = t("loyalty.chart.actual", lang), t("loyalty.chart.model", lang)
    counts = pd.concat([
        pd.DataFrame({"frequency": freq, "series": actual, "customers": table["customers"].astype(float).round(1).to_numpy()}),
        pd.DataFrame({"frequency": freq, "series": model,
                      "customers": table["expected_customers"].astype(float).round(1).to_numpy()}),
    ], ignore_index=True)
    means = pd.concat([
        pd.DataFrame({"frequency": freq, "series": actual, "purchases": table["actual"].astype(float).round(3).to_numpy()}),
        pd.DataFrame({"frequency": freq, "series": model, "purchases": table["predicted"].astype(float).round(3).to_numpy()}),
    ], ignore_index=True)
    return {"bgnbd_counts": counts, "bgnbd_means": means}


def _check_build(lang: str):
    alt = import_altair()
    actual, model = t("loyalty.chart.actual", lang), t("loyalty.chart.model", lang)
    x = alt.X("frequency:O", title=t("loyalty.chart.frequency", lang), sort=None, axis=alt.Axis(labelAngle=0))
    colour = alt.Color("series:N", scale=alt.Scale(domain=[actual, model], range=[ACTUAL_COLOR, MODEL_COLOR]),
                       legend=alt.Legend(title=None, orient="bottom"))
    bars = alt.Chart(alt.NamedData("bgnbd_counts")).mark_bar().encode(
        x=x, xOffset=alt.XOffset("series:N", sort=[actual, model]), color=colour,
        y=alt.Y("customers:Q", title=t("loyalty.chart.customers", lang)),
        tooltip=[alt.Tooltip("frequency:O", title=t("loyalty.chart.frequency", lang)),
                 alt.Tooltip("series:N", title=t("loyalty.chart.series", lang)),
                 alt.Tooltip("customers:Q", title=t("loyalty.chart.customers", lang), format=",.1f")],
    ).properties(title=t("loyalty.chart.histogram_title", lang), width=260, height=220)
    lines = alt.Chart(alt.NamedData("bgnbd_means")).mark_line(point=True).encode(
        x=x, y=alt.Y("purchases:Q", title=t("loyalty.chart.holdout_mean", lang)),
        color=colour,
        strokeDash=alt.StrokeDash("series:N", scale=alt.Scale(domain=[actual, model], range=[[1, 0], [5, 3]]), legend=None),
        tooltip=[alt.Tooltip("frequency:O", title=t("loyalty.chart.frequency", lang)),
                 alt.Tooltip("series:N", title=t("loyalty.chart.series", lang)),
                 alt.Tooltip("purchases:Q", title=t("loyalty.chart.holdout_mean", lang), format=".2f")],
    ).properties(title=t("loyalty.chart.conditional_title", lang), width=260, height=220)
    return alt.hconcat(bars, lines).properties(title=t("loyalty.chart.bgnbd_title", lang))


BGNBD_CHECK = ChartKind(_check_build, _check_data)


def bgnbd_check_chart(table: pd.DataFrame, lang: str = "zh"):
    """Customers by calibration frequency and mean holdout purchases by frequency, actual vs BG/NBD.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`servicelab.models.loyalty.bgnbd_holdout_check`.
    lang : {"zh", "en"}

    Returns
    -------
    altair.HConcatChart
    """
    return BGNBD_CHECK.chart(table, lang)


# ============================================================================ CLV vs retention
def _clv_data(output, lang: str) -> dict[str, pd.DataFrame]:
    curve, retention, clv = output
    point = pd.DataFrame({"retention": [round(float(retention), 4)], "clv": [round(float(clv), 2)]})
    return {"clv_curve": curve[["retention", "clv"]].round(4), "clv_point": point}


def _clv_build(lang: str):
    alt = import_altair()
    x = alt.X("retention:Q", title=t("loyalty.chart.retention", lang), axis=alt.Axis(format="%", tickCount=5), scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("clv:Q", title=t("loyalty.chart.clv", lang))
    tip = [alt.Tooltip("retention:Q", title=t("loyalty.chart.retention", lang), format=".0%"),
           alt.Tooltip("clv:Q", title=t("loyalty.chart.clv", lang), format=",.2f")]
    line = alt.Chart(alt.NamedData("clv_curve")).mark_line(color=ACTUAL_COLOR, strokeWidth=2.5).encode(x=x, y=y, tooltip=tip)
    point = alt.Chart(alt.NamedData("clv_point")).mark_point(color="#d62728", size=120, filled=True).encode(x=x, y=y, tooltip=tip)
    return (line + point).properties(title=t("loyalty.chart.clv_title", lang), width=380, height=240)


CLV_CURVE = ChartKind(_clv_build, _clv_data, tables=("clv_curve", "clv_point"))


def clv_chart(curve: pd.DataFrame, retention: float, clv: float, lang: str = "zh"):
    """CLV against the retention rate, with one point marked.

    Parameters
    ----------
    curve : pandas.DataFrame
        Output of :func:`servicelab.models.loyalty.clv_curve`.
    retention, clv : float
        The point to mark (e.g. the slider's retention and :func:`~servicelab.models.loyalty.simple_clv`).
    lang : {"zh", "en"}

    Returns
    -------
    altair.LayerChart
    """
    return CLV_CURVE.chart((curve, retention, clv), lang)
