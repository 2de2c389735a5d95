"""Charts for chapter 03: the customer journey (mean vs peak–end), the heterogeneity distribution and
the goods–services continuum.

Each chart is a :class:`~servicelab.charts._offline.ChartKind` (look defined once per language on
named datasets; ``KIND.live(output, lang)`` a live widget, ``KIND.update(widget, output, lang)``
new data, ``KIND.chart(output, lang)`` a static altair chart). Everything that changes with the
inputs travels in the data. Labels come from the i18n catalogue.
"""
from __future__ import annotations

import pandas as pd

from ..i18n import t
from ..models.encounter import SCALE
from ._offline import ChartKind, import_altair
from ._text import wrap_expr

#: Colours (colour-blind-safe Tableau 10 subset): touchpoints, mean, peak–end memory.
LINE_COLOR, MEAN_COLOR, MEMORY_COLOR = "#4e79a7", "#7f7f7f", "#e15759"
SIDE_COLORS = {"tangible": "#4e79a7", "balanced": "#b07aa1", "intangible": "#f28e2b"}


# ============================================================================ journey (C4.8)
def _journey_data(output, lang: str) -> dict[str, pd.DataFrame]:
    """``output`` = (touchpoints frame with ``zh``/``en`` names, :class:`JourneySummary`)."""
    touchpoints, summary = output
    names = list(touchpoints[lang])
    roles = []
    last = len(names) - 1
    for i in range(len(names)):
        is_peak, is_end = i == summary.peak_index, i == last
        key = "peak_end" if is_peak and is_end else "peak" if is_peak else "end" if is_end else "other"
        roles.append(t(f"encounter.role.{key}", lang))
    points = pd.DataFrame({"order": range(1, len(names) + 1), "touchpoint": names,
                           "rating": [round(r, 2) for r in summary.ratings], "role": roles})
    marked = points[[i in (summary.peak_index, last) for i in range(len(names))]].copy()
    levels = pd.DataFrame({"level": [t("encounter.label.mean", lang), t("encounter.label.remembered", lang)],
                           "value": [round(summary.mean, 2), round(summary.remembered, 2)]})
    return {"journey_points": points, "journey_marks": marked, "journey_levels": levels}


def _journey_build(lang: str):
    alt = import_altair()
    mean_name, memory_name = t("encounter.label.mean", lang), t("encounter.label.remembered", lang)
    x = alt.X("touchpoint:N", sort=alt.EncodingSortField(field="order"), title=t("encounter.label.touchpoint", lang),
              axis=alt.Axis(labelAngle=0, labelLimit=0, labelExpr=wrap_expr(6, cjk=True) if lang == "zh" else wrap_expr(11)))
    y = alt.Y("rating:Q", scale=alt.Scale(domain=list(SCALE)), title=t("encounter.label.rating", lang))
    tooltip = [alt.Tooltip("order:O", title=t("encounter.label.order", lang)),
               alt.Tooltip("touchpoint:N", title=t("encounter.label.touchpoint", lang)),
               alt.Tooltip("rating:Q", title=t("encounter.label.rating", lang), format=".1f"),
               alt.Tooltip("role:N", title=t("encounter.label.role", lang))]
    line = alt.Chart(alt.NamedData("journey_points")).mark_line(color=LINE_COLOR, point=True, strokeWidth=2).encode(
        x=x, y=y, tooltip=tooltip)
    marks = alt.Chart(alt.NamedData("journey_marks")).mark_point(size=260, strokeWidth=3, color=MEMORY_COLOR).encode(
        x=x, y=y, tooltip=tooltip)
    mark_text = alt.Chart(alt.NamedData("journey_marks")).mark_text(dy=-22, color="#b23a3c", fontWeight="bold").encode(
        x=x, y=y, text="role:N")
    level_color = alt.Color("level:N", scale=alt.Scale(domain=[mean_name, memory_name], range=[MEAN_COLOR, MEMORY_COLOR]),
                            legend=alt.Legend(title=None, orient="bottom", labelLimit=0))
    levels = alt.Chart(alt.NamedData("journey_levels")).mark_rule(strokeDash=[6, 4], strokeWidth=2).encode(
        y=alt.Y("value:Q", scale=alt.Scale(domain=list(SCALE))), color=level_color,
        tooltip=[alt.Tooltip("level:N", title=t("encounter.label.level", lang)),
                 alt.Tooltip("value:Q", title=t("encounter.label.rating", lang), format=".2f")])
    return (levels + line + marks + mark_text).properties(title=t("encounter.chart.journey_title", lang), width=460, height=240)


JOURNEY = ChartKind(_journey_build, _journey_data, tables=("journey_points", "journey_levels"))


def journey_chart(touchpoints: pd.DataFrame, summary, lang: str = "zh"):
    """Line of the touchpoint ratings with the peak and the end marked, and two levels: the mean
    and the peak–end memory.

    Parameters
    ----------
    touchpoints : pandas.DataFrame
        Touchpoints in order, with their names in columns ``zh`` and ``en``
        (:func:`servicelab.models.encounter.load_journeys`).
    summary : JourneySummary
        :func:`servicelab.models.encounter.journey_summary` of the ratings.
    lang : {"zh", "en"}

    Returns
    -------
    altair.LayerChart
    """
    return JOURNEY.chart((touchpoints, summary), lang)


# ============================================================================ heterogeneity (C4.5)
def _het_data(output, lang: str) -> dict[str, pd.DataFrame]:
    """``output`` = (histogram frame of :func:`score_histogram`, summary dict of :func:`experience_summary`)."""
    hist, summary = output
    bars = pd.DataFrame({"low": hist["low"].round(2), "high": hist["high"].round(2),
                         "percent": (100 * hist["share"]).round(1)})
    lines = pd.DataFrame({"stat": [t("encounter.het.mean", lang), t("encounter.het.p10", lang), t("encounter.het.p90", lang)],
                          "value": [round(summary["mean"], 2), round(summary["p10"], 2), round(summary["p90"], 2)]})
    return {"het_bars": bars, "het_lines": lines}


def _het_build(lang: str):
    alt = import_altair()
    x_scale = alt.Scale(domain=list(SCALE))
    bars = alt.Chart(alt.NamedData("het_bars")).transform_calculate(zero="0").mark_rect(
        color=LINE_COLOR, opacity=0.85, stroke="white", strokeWidth=1).encode(
        x=alt.X("low:Q", scale=x_scale, title=t("encounter.het.score", lang)), x2="high:Q",
        y=alt.Y("percent:Q", title=t("encounter.het.percent", lang), scale=alt.Scale(domain=[0, 40], clamp=True)),
        y2="zero:Q",
        tooltip=[alt.Tooltip("low:Q", title=t("encounter.het.from", lang), format=".1f"),
                 alt.Tooltip("high:Q", title=t("encounter.het.to", lang), format=".1f"),
                 alt.Tooltip("percent:Q", title=t("encounter.het.percent", lang), format=".1f")])
    names = [t("encounter.het.mean", lang), t("encounter.het.p10", lang), t("encounter.het.p90", lang)]
    lines = alt.Chart(alt.NamedData("het_lines")).mark_rule(strokeWidth=2, strokeDash=[5, 3]).encode(
        x=alt.X("value:Q", scale=x_scale),
        color=alt.Color("stat:N", scale=alt.Scale(domain=names, range=[MEMORY_COLOR, MEAN_COLOR, MEAN_COLOR]),
                        legend=alt.Legend(title=None, orient="bottom")),
        tooltip=[alt.Tooltip("stat:N", title=t("encounter.het.stat", lang)),
                 alt.Tooltip("value:Q", title=t("encounter.het.score", lang), format=".2f")])
    return (bars + lines).properties(title=t("encounter.chart.het_title", lang), width=420, height=200)


HETEROGENEITY = ChartKind(_het_build, _het_data)


def heterogeneity_chart(histogram: pd.DataFrame, summary: dict, lang: str = "zh"):
    """Histogram of customer experience scores with the mean and the 10th and 90th percentiles.

    Parameters
    ----------
    histogram : pandas.DataFrame
        :func:`servicelab.models.heterogeneity.score_histogram`.
    summary : dict
        :func:`servicelab.models.heterogeneity.experience_summary`.
    lang : {"zh", "en"}

    Returns
    -------
    altair.LayerChart
    """
    return HETEROGENEITY.chart((histogram, summary), lang)


# ============================================================================ continuum (C5.4)
def _cont_data(frame: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    return {"continuum": pd.DataFrame({
        "position": frame["position"].astype(int), "example": frame[lang],
        "side": [t(f"encounter.side.{s}", lang) for s in frame["dominant"]],
        "row": [1.2 * (-1) ** int(p) for p in frame["position"]],  # labels alternate above and below the line
    })}


def _cont_build(lang: str):
    alt = import_altair()
    codes = list(SIDE_COLORS)
    names = [t(f"encounter.side.{c}", lang) for c in codes]
    x_scale, y_scale = alt.Scale(domain=[0, 11]), alt.Scale(domain=[-2, 2])
    x = alt.X("position:Q", scale=x_scale, axis=None)
    color = alt.Color("side:N", scale=alt.Scale(domain=names, range=[SIDE_COLORS[c] for c in codes]),
                      legend=alt.Legend(title=None, orient="bottom"))
    tooltip = [alt.Tooltip("position:Q", title=t("encounter.label.order", lang)),
               alt.Tooltip("example:N", title=t("encounter.label.example", lang)),
               alt.Tooltip("side:N", title=t("encounter.label.side", lang))]
    base = alt.Chart(alt.NamedData("continuum"))
    ends = alt.Chart(alt.Data(values=[{"x": 0.3, "y": 0, "text": t("encounter.side.tangible_end", lang), "a": "left"},
                                      {"x": 10.7, "y": 0, "text": t("encounter.side.intangible_end", lang), "a": "right"}]))
    axis_line = alt.Chart(alt.Data(values=[{"a": 0.7, "b": 10.3, "z": 0}])).mark_rule(color="#888", strokeWidth=2).encode(
        x=alt.X("a:Q", scale=x_scale, axis=None), x2="b:Q", y=alt.Y("z:Q", scale=y_scale, axis=None))
    left = ends.transform_filter("datum.a == 'left'").mark_text(align="left", dy=-14, fontWeight="bold", color="#2f5f8a").encode(
        x=alt.X("x:Q", scale=x_scale, axis=None), y=alt.Y("y:Q", scale=y_scale, axis=None), text="text:N")
    right = ends.transform_filter("datum.a == 'right'").mark_text(align="right", dy=-14, fontWeight="bold", color="#a4500f").encode(
        x=alt.X("x:Q", scale=x_scale, axis=None), y=alt.Y("y:Q", scale=y_scale, axis=None), text="text:N")
    stems = base.transform_calculate(z="0").mark_rule(color="#bbbbbb").encode(
        x=x, y=alt.Y("z:Q", scale=y_scale, axis=None), y2="row:Q")
    dots = base.transform_calculate(z="0").mark_circle(size=160, opacity=1).encode(
        x=x, y=alt.Y("z:Q", scale=y_scale, axis=None), color=color, tooltip=tooltip)
    labels = base.mark_text(fontSize=12).encode(x=x, y=alt.Y("row:Q", scale=y_scale, axis=None), text="example:N",
                                                color=alt.value("#333333"), tooltip=tooltip)
    return (axis_line + stems + dots + labels + left + right).properties(
        title=t("encounter.chart.continuum_title", lang), width=620, height=170)


CONTINUUM = ChartKind(_cont_build, _cont_data)


def continuum_chart(frame: pd.DataFrame, lang: str = "zh"):
    """The ten examples on one line from tangible-dominant (left) to intangible-dominant (right).

    Parameters
    ----------
    frame : pandas.DataFrame
        :func:`servicelab.models.continuum.load_continuum`.
    lang : {"zh", "en"}

    Returns
    -------
    altair.LayerChart
    """
    return CONTINUUM.chart(frame, lang)
