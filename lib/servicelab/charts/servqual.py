"""SERVQUAL charts: expectation vs perception per dimension, item gaps, weighted vs unweighted.

Each chart is a :class:`~servicelab.charts._offline.ChartKind`: its look is defined once in altair
on named datasets; ``KIND.live(output, lang)`` gives a live widget, ``KIND.update(widget, output,
lang)`` sends new data, ``KIND.chart(output, lang)`` a static altair chart. The ``*_chart``
functions are shortcuts for the static form. Labels come from the i18n catalogue.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n import t
from ..models.servqual import DIMENSIONS, SCALE_MAX, SCALE_MIN
from ._offline import ChartKind, import_altair

#: One colour per dimension (colour-blind-safe Tableau 10 subset), shared by every chart.
DIMENSION_COLORS = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#e15759")


def _dim_label(dim: str, lang: str) -> str:
    return t(f"servqual.dimension.{dim}", lang)


def _dim_order(lang: str) -> list[str]:
    return [_dim_label(d, lang) for d in DIMENSIONS]


# -- expectation vs perception (dumbbell) -------------------------------------------------------
def _ep_data(dimensions: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    df = pd.DataFrame({
        "label": [_dim_label(d, lang) for d in dimensions["dimension"]],
        "expectation": dimensions["expectation"].round(3),
        "perception": dimensions["perception"].round(3),
        "gap": dimensions["gap"].round(3),
    })
    e_name, p_name = t("servqual.label.expectation", lang), t("servqual.label.perception", lang)
    points = pd.concat([
        pd.DataFrame({"label": df["label"], "kind": e_name, "value": df["expectation"], "gap": df["gap"]}),
        pd.DataFrame({"label": df["label"], "kind": p_name, "value": df["perception"], "gap": df["gap"]}),
    ], ignore_index=True)
    low, high = _scale_of(dimensions)
    return {"servqual_dims": df, "servqual_points": points,
            "servqual_scale": pd.DataFrame({"low": [low], "high": [high]})}


def _scale_of(dimensions: pd.DataFrame) -> tuple[float, float]:
    """The rating scale the dimension means are on (``attrs["scale"]`` set by the model, else 1–7)."""
    low, high = dimensions.attrs.get("scale", (SCALE_MIN, SCALE_MAX))
    return float(low), float(high)


def _ep_build(lang: str):
    alt = import_altair()
    e_name, p_name = t("servqual.label.expectation", lang), t("servqual.label.perception", lang)
    y = alt.Y("label:N", sort=_dim_order(lang), title=t("servqual.label.dimension", lang))
    # the axis spans the survey's own scale: an invisible rule from its low to its high end sets it
    x_scale = alt.Scale(zero=False, nice=False)
    span = alt.Chart(alt.NamedData("servqual_scale")).mark_rule(opacity=0).encode(
        x=alt.X("low:Q", scale=x_scale, title=t("servqual.chart.mean_rating", lang)), x2="high:Q")
    rule = alt.Chart(alt.NamedData("servqual_dims")).mark_rule(strokeWidth=3, color="#bbbbbb").encode(
        y=y, x=alt.X("expectation:Q", scale=x_scale, title=t("servqual.chart.mean_rating", lang)), x2="perception:Q")
    points = alt.Chart(alt.NamedData("servqual_points")).mark_point(filled=True, size=140).encode(
        y=y,
        x=alt.X("value:Q", scale=x_scale),
        color=alt.Color("kind:N", scale=alt.Scale(domain=[e_name, p_name], range=["#9c9c9c", "#d62728"]),
                        legend=alt.Legend(title=None, orient="bottom")),
        tooltip=[alt.Tooltip("label:N", title=t("servqual.label.dimension", lang)),
                 alt.Tooltip("kind:N", title=t("servqual.label.kind", lang)),
                 alt.Tooltip("value:Q", title=t("servqual.chart.rating", lang), format=".2f"),
                 alt.Tooltip("gap:Q", title=t("servqual.label.gap", lang), format="+.2f")],
    )
    return (span + rule + points).properties(title=t("servqual.chart.ep_title", lang), width=420, height=200)


EXPECTATION_PERCEPTION = ChartKind(_ep_build, _ep_data)


def expectation_perception_chart(dimensions: pd.DataFrame, lang: str = "zh"):
    """Dumbbell chart: mean expectation and perception of each dimension, joined by the gap.

    Parameters
    ----------
    dimensions : pandas.DataFrame
        ``ServqualResult.dimensions`` (columns ``dimension``, ``expectation``, ``perception``, ``gap``).
    lang : {"zh", "en"}

    Returns
    -------
    altair.LayerChart
    """
    return EXPECTATION_PERCEPTION.chart(dimensions, lang)


# -- item gaps (bars) ----------------------------------------------------------------------------
def _gap_data(items: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    return {"servqual_items": pd.DataFrame({
        "item": items["item"].astype(int),
        "label": [_dim_label(d, lang) for d in items["dimension"]],
        "gap": items["gap"].round(3),
    })}


def _gap_build(lang: str):
    alt = import_altair()
    return (
        alt.Chart(alt.NamedData("servqual_items"))
        .mark_bar()
        .encode(
            x=alt.X("item:O", title=t("servqual.label.item", lang), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("gap:Q", title=t("servqual.label.gap", lang)),
            color=alt.Color("label:N", scale=alt.Scale(domain=_dim_order(lang), range=list(DIMENSION_COLORS)),
                            legend=alt.Legend(title=t("servqual.label.dimension", lang), orient="bottom")),
            tooltip=[alt.Tooltip("item:O", title=t("servqual.label.item", lang)),
                     alt.Tooltip("label:N", title=t("servqual.label.dimension", lang)),
                     alt.Tooltip("gap:Q", title=t("servqual.label.gap", lang), format="+.2f")],
        )
        .properties(title=t("servqual.chart.gap_title", lang), width=520, height=200)
    )


ITEM_GAPS = ChartKind(_gap_build, _gap_data)


def item_gap_chart(items: pd.DataFrame, lang: str = "zh"):
    """Bar chart of the 22 item gaps (P − E), coloured by dimension.

    Parameters
    ----------
    items : pandas.DataFrame
        Output of :func:`servicelab.models.servqual.item_summary`.
    lang : {"zh", "en"}

    Returns
    -------
    altair.Chart
    """
    return ITEM_GAPS.chart(items, lang)


# -- weighted vs unweighted (bars) ---------------------------------------------------------------
def _score_data(scores: dict[str, float | None], lang: str) -> dict[str, pd.DataFrame]:
    rows = [{"label": t(f"servqual.label.{k}", lang), "score": round(float(v), 3)}
            for k, v in scores.items() if v is not None and not np.isnan(v)]
    return {"servqual_scores": pd.DataFrame(rows, columns=["label", "score"])}


def _score_build(lang: str):
    alt = import_altair()
    return (
        alt.Chart(alt.NamedData("servqual_scores"))
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort=None),
            x=alt.X("score:Q", title=t("servqual.label.gap", lang)),
            color=alt.condition("datum.score < 0", alt.value("#e15759"), alt.value("#59a14f")),
            tooltip=[alt.Tooltip("label:N", title=t("servqual.label.kind", lang)),
                     alt.Tooltip("score:Q", title=t("servqual.label.score", lang), format="+.3f")],
        )
        .properties(title=t("servqual.chart.weighted_title", lang), width=360, height=80)
    )


SCORES = ChartKind(_score_build, _score_data)


def score_comparison_chart(scores: dict[str, float | None], lang: str = "zh"):
    """Horizontal bars comparing overall scores, e.g. unweighted vs weighted SERVQUAL.

    Parameters
    ----------
    scores : dict
        Score code → value; codes are i18n keys under ``servqual.label.`` (``"unweighted"``,
        ``"weighted"``). Missing (None/NaN) scores are left out.
    lang : {"zh", "en"}

    Returns
    -------
    altair.Chart
    """
    return SCORES.chart(scores, lang)


# -- radar (C5.10) --------------------------------------------------------------------------------
def _radar_xy(radius: float, k: int) -> tuple[float, float]:
    angle = 2 * np.pi * k / len(DIMENSIONS)
    return float(radius * np.sin(angle)), float(radius * np.cos(angle))


def _radar_data(dimensions: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    e_name, p_name = t("servqual.label.expectation", lang), t("servqual.label.perception", lang)
    rows = []
    by_dim = dimensions.set_index("dimension")
    low, high = _scale_of(dimensions)
    radius = _radar_radius(low, high)
    for kind, column in ((e_name, "expectation"), (p_name, "perception")):
        for k, dim in enumerate([*DIMENSIONS, DIMENSIONS[0]]):  # close the polygon
            value = float(by_dim.loc[dim, column])
            x, y = _radar_xy(radius(value) if value == value else 0.0, k)
            rows.append({"kind": kind, "order": k, "x": round(x, 4), "y": round(y, 4),
                         "label": _dim_label(dim, lang), "value": round(value, 3)})
    rings = [{"ring": r, "order": k, **dict(zip(("x", "y"), (round(c, 4) for c in _radar_xy(radius(r), k))))}
             for r in _ring_points(low, high) for k in range(len(DIMENSIONS) + 1)]
    return {"servqual_radar": pd.DataFrame(rows), "servqual_radar_rings": pd.DataFrame(rings)}


def _radar_radius(low: float, high: float):
    """Drawing radius of a rating: the survey's scale mapped onto radii 1…7 (identity on 1–7)."""
    return lambda v: SCALE_MIN + (float(v) - low) / (high - low) * (SCALE_MAX - SCALE_MIN)


def _ring_points(low: float, high: float) -> list[float]:
    """One ring per whole scale point (at most 11; else eleven evenly spaced rings)."""
    whole = np.arange(np.ceil(low), np.floor(high) + 1)
    return [float(r) for r in (whole if len(whole) <= 11 else np.linspace(low, high, 11))]


def _radar_grid(lang: str) -> list[dict]:
    return [{"label": _dim_label(d, lang), **dict(zip(("x", "y"), _radar_xy(SCALE_MAX + 0.9, k)))}
            for k, d in enumerate(DIMENSIONS)]


def _radar_build(lang: str):
    alt = import_altair()
    e_name, p_name = t("servqual.label.expectation", lang), t("servqual.label.perception", lang)
    lim = SCALE_MAX + 1.6
    x = alt.X("x:Q", scale=alt.Scale(domain=[-lim, lim]), axis=None)
    y = alt.Y("y:Q", scale=alt.Scale(domain=[-lim, lim]), axis=None)
    labels = _radar_grid(lang)
    grid = alt.Chart(alt.NamedData("servqual_radar_rings")).mark_line(color="#dddddd", strokeWidth=1).encode(
        x=x, y=y, detail="ring:N", order="order:Q")
    names = alt.Chart(alt.Data(values=labels)).mark_text(fontSize=12).encode(x=x, y=y, text="label:N")
    polygons = alt.Chart(alt.NamedData("servqual_radar")).mark_line(point=True, strokeWidth=2).encode(
        x=x, y=y, order="order:Q",
        color=alt.Color("kind:N", scale=alt.Scale(domain=[e_name, p_name], range=["#9c9c9c", "#d62728"]),
                        legend=alt.Legend(title=None, orient="bottom")),
        tooltip=[alt.Tooltip("label:N", title=t("servqual.label.dimension", lang)),
                 alt.Tooltip("kind:N", title=t("servqual.label.kind", lang)),
                 alt.Tooltip("value:Q", title=t("servqual.chart.rating", lang), format=".2f")],
    )
    return (grid + names + polygons).properties(title=t("servqual.chart.radar_title", lang), width=300, height=300)


RADAR = ChartKind(_radar_build, _radar_data)


def radar_chart(dimensions: pd.DataFrame, lang: str = "zh"):
    """Radar chart of mean expectation and perception on the five dimensions (C5.10).

    Parameters
    ----------
    dimensions : pandas.DataFrame
        ``ServqualResult.dimensions``.
    lang : {"zh", "en"}

    Returns
    -------
    altair.LayerChart
        Rings at every scale point; the two polygons are the expectation and perception profiles.
    """
    return RADAR.chart(dimensions, lang)
