"""SERVQUAL charts: expectation vs perception per dimension, item gaps, weighted vs unweighted.

Every function takes model output (see :mod:`servicelab.models.servqual`) and a language, and
returns an :class:`altair.Chart`. Labels come from the i18n catalogue.
"""
from __future__ import annotations

import pandas as pd

from ..i18n import t
from ..models.servqual import DIMENSIONS, SCALE_MAX, SCALE_MIN

#: One colour per dimension (colour-blind-safe Tableau 10 subset), shared by every chart.
DIMENSION_COLORS = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#e15759")


def _dim_label(dim: str, lang: str) -> str:
    return t(f"servqual.dimension.{dim}", lang)


def _dimension_scale(lang: str):
    import altair as alt

    return alt.Scale(domain=[_dim_label(d, lang) for d in DIMENSIONS], range=list(DIMENSION_COLORS))


def expectation_perception_chart(dimensions: pd.DataFrame, lang: str = "zh", *, width: int = 420):
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
    import altair as alt

    df = dimensions.assign(label=[_dim_label(d, lang) for d in dimensions["dimension"]])
    e_name, p_name = t("servqual.label.expectation", lang), t("servqual.label.perception", lang)
    long = pd.concat(
        [
            df[["label", "expectation", "gap"]].rename(columns={"expectation": "value"}).assign(kind=e_name),
            df[["label", "perception", "gap"]].rename(columns={"perception": "value"}).assign(kind=p_name),
        ]
    ).round(3)
    order = [_dim_label(d, lang) for d in DIMENSIONS]
    y = alt.Y("label:N", sort=order, title=t("servqual.label.dimension", lang))
    x_scale = alt.Scale(domain=[SCALE_MIN, SCALE_MAX])
    rule = alt.Chart(df.round(3)).mark_rule(strokeWidth=3, color="#bbbbbb").encode(
        y=y, x=alt.X("expectation:Q", scale=x_scale, title=t("servqual.chart.mean_rating", lang)), x2="perception:Q"
    )
    points = alt.Chart(long).mark_point(filled=True, size=140).encode(
        y=y,
        x=alt.X("value:Q", scale=x_scale),
        color=alt.Color("kind:N", scale=alt.Scale(domain=[e_name, p_name], range=["#9c9c9c", "#d62728"]),
                        legend=alt.Legend(title=None, orient="bottom")),
        tooltip=[alt.Tooltip("label:N", title=t("servqual.label.dimension", lang)),
                 alt.Tooltip("kind:N", title=t("servqual.label.kind", lang)),
                 alt.Tooltip("value:Q", title=t("servqual.chart.rating", lang), format=".2f"),
                 alt.Tooltip("gap:Q", title=t("servqual.label.gap", lang), format="+.2f")],
    )
    return (rule + points).properties(title=t("servqual.chart.ep_title", lang), width=width, height=200)


def item_gap_chart(items: pd.DataFrame, lang: str = "zh", *, width: int = 520):
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
    import altair as alt

    df = items.assign(label=[_dim_label(d, lang) for d in items["dimension"]]).round(3)
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X("item:O", title=t("servqual.label.item", lang), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("gap:Q", title=t("servqual.label.gap", lang)),
            color=alt.Color("label:N", scale=_dimension_scale(lang), legend=alt.Legend(title=t("servqual.label.dimension", lang), orient="bottom")),
            tooltip=[alt.Tooltip("item:O", title=t("servqual.label.item", lang)),
                     alt.Tooltip("label:N", title=t("servqual.label.dimension", lang)),
                     alt.Tooltip("gap:Q", title=t("servqual.label.gap", lang), format="+.2f")],
        )
        .properties(title=t("servqual.chart.gap_title", lang), width=width, height=200)
    )


def score_comparison_chart(scores: dict[str, float], lang: str = "zh", *, width: int = 360):
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
    import altair as alt

    rows = [{"label": t(f"servqual.label.{k}", lang), "score": round(float(v), 3)} for k, v in scores.items() if v is not None and v == v]
    df = pd.DataFrame(rows, columns=["label", "score"])
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort=None),
            x=alt.X("score:Q", title=t("servqual.label.gap", lang)),
            color=alt.condition("datum.score < 0", alt.value("#e15759"), alt.value("#59a14f")),
            tooltip=[alt.Tooltip("label:N", title=t("servqual.label.kind", lang)),
                     alt.Tooltip("score:Q", title=t("servqual.label.score", lang), format="+.3f")],
        )
        .properties(title=t("servqual.chart.weighted_title", lang), width=width, height=80)
    )
