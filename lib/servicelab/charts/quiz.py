"""Exam-prep charts: mastery by chapter.

The chart is a :class:`~servicelab.charts._offline.ChartKind` (:data:`MASTERY`): defined once per
language in altair on the named dataset ``quiz_mastery``; ``MASTERY.live(output, lang)`` gives a
live widget and ``MASTERY.update(widget, output, lang)`` sends only the new rows. The output is
``(by_chapter, chapter_titles)`` with ``by_chapter`` = :attr:`servicelab.storage.progress.Dashboard.by_chapter`.
:func:`mastery_chart` is the static shortcut. Labels come from the i18n catalogue.
"""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..i18n import t
from ._offline import ChartKind, import_altair


def chapter_label(chapter: str, titles: Mapping[str, str] | None = None) -> str:
    """``"05 · SERVQUAL …"`` when a title is known, else the bare chapter number.

    Examples
    --------
    >>> chapter_label("05", {"05": "SERVQUAL"}), chapter_label("07")
    ('05 · SERVQUAL', '07')
    """
    title = (titles or {}).get(chapter)
    return f"{chapter} · {title}" if title else str(chapter)


def _mastery_data(output, lang: str) -> dict[str, pd.DataFrame]:
    by_chapter, chapter_titles = output
    df = by_chapter[["chapter", "n_questions", "n_answered", "accuracy", "mastery", "coverage"]].copy()
    df["label"] = [chapter_label(c, chapter_titles) for c in df["chapter"]]
    df["order"] = range(len(df))  # chapter order, whatever the labels
    return {"quiz_mastery": df.astype({"accuracy": float}).round(4)}


def _mastery_build(lang: str):
    alt = import_altair()
    pct = alt.Axis(format=".0%")
    return (
        alt.Chart(alt.NamedData("quiz_mastery"))
        .mark_bar(color="#4e79a7")
        .encode(
            y=alt.Y("label:N", sort=alt.EncodingSortField(field="order", op="min"), title=t("quizui.chart.chapter", lang)),
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
        .properties(title=t("quizui.chart.mastery_title", lang), width=360, height=alt.Step(18))
    )


#: Mastery of each chapter, 0–100 %; output ``(by_chapter, chapter_titles)``.
MASTERY = ChartKind(_mastery_build, _mastery_data)


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
        One bar per chapter in chapter order (rows carry their ``order``); the x scale is fixed
        to [0, 1] so an empty progress file shows empty bars rather than a rescaled axis.

    Notes
    -----
    Mastery is computed by the store (:meth:`servicelab.storage.progress.ProgressStore.dashboard`):
    the latest scores of the chapter's questions summed and divided by the number of questions.
    """
    return MASTERY.chart((by_chapter, chapter_titles), lang).properties(width=width)
