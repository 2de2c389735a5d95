"""Exam-prep charts: mastery by chapter.

Every function takes model output (here :attr:`servicelab.storage.progress.Dashboard.by_chapter`)
and a language, and returns an :class:`altair.Chart`. Labels come from the i18n catalogue.
"""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..i18n import t


def chapter_label(chapter: str, titles: Mapping[str, str] | None = None) -> str:
    """``"05 · SERVQUAL …"`` when a title is known, else the bare chapter number.

    Examples
    --------
    >>> chapter_label("05", {"05": "SERVQUAL"}), chapter_label("07")
    ('05 · SERVQUAL', '07')
    """
    title = (titles or {}).get(chapter)
    return f"{chapter} · {title}" if title else str(chapter)


def mastery_chart(
    by_chapter: pd.DataFrame,
    lang: str = "zh",
    *,
    chapter_titles: Mapping[str, str] | None = None,
    width: int = 360,
):
    """Horizontal bars: mastery of each chapter, from 0 to 100 %.

    Parameters
    ----------
    by_chapter : pandas.DataFrame
        ``Dashboard.by_chapter`` — columns ``chapter``, ``n_questions``, ``n_answered``,
        ``accuracy`` (NaN when nothing is answered), ``mastery``, ``coverage`` (fractions 0–1).
    lang : {"zh", "en"}
    chapter_titles : mapping chapter → title, optional
        Shown after the chapter number on the axis.
    width : int

    Returns
    -------
    altair.Chart
        One bar per chapter in chapter order; the x scale is fixed to [0, 1] so an empty
        progress file shows empty bars rather than a rescaled axis.

    Notes
    -----
    Mastery is computed by the store (:meth:`servicelab.storage.progress.ProgressStore.dashboard`):
    the latest scores of the chapter's questions summed and divided by the number of questions.
    """
    import altair as alt

    df = by_chapter[["chapter", "n_questions", "n_answered", "accuracy", "mastery", "coverage"]].copy()
    df["label"] = [chapter_label(c, chapter_titles) for c in df["chapter"]]
    df = df.astype({"accuracy": float}).round(4)
    order = list(df["label"])
    pct = alt.Axis(format="%")
    return (
        alt.Chart(df)
        .mark_bar(color="#4e79a7")
        .encode(
            y=alt.Y("label:N", sort=order, title=t("quizui.chart.chapter", lang)),
            x=alt.X("mastery:Q", scale=alt.Scale(domain=[0, 1]), axis=pct, title=t("quizui.chart.mastery", lang)),
            tooltip=[
                alt.Tooltip("label:N", title=t("quizui.chart.chapter", lang)),
                alt.Tooltip("mastery:Q", title=t("quizui.chart.mastery", lang), format=".0%"),
                alt.Tooltip("coverage:Q", title=t("quizui.chart.coverage", lang), format=".0%"),
                alt.Tooltip("accuracy:Q", title=t("quizui.chart.accuracy", lang), format=".0%"),
                alt.Tooltip("n_answered:Q", title=t("quizui.chart.answered", lang)),
                alt.Tooltip("n_questions:Q", title=t("quizui.chart.questions", lang)),
            ],
        )
        .properties(title=t("quizui.chart.mastery_title", lang), width=width, height=alt.Step(18))
    )
