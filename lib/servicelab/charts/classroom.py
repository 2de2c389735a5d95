"""Class-mode charts (issue 13): the live vote distribution and the vote shift of peer instruction.

Each chart is a :class:`~servicelab.charts._offline.ChartKind` defined once per language on named
datasets, so the instructor's panel refreshes it in place while the phones vote:

* :data:`VOTES` — one bar per option with its count; once the instructor reveals the answer the
  correct option is marked by a symbol (✓ in its axis label and above its bar) as well as by its
  colour. In hidden mode the bars are left out and only the number of answers is shown.
  Output: a :class:`VoteView`.
* :data:`SHIFT` — round 1 → round 2: a from × to matrix of the devices that answered in both
  rounds (the count in every cell, darker for more), beside the share correct in each round.
  Output: :class:`servicelab.models.peer_instruction.VoteShift`.

The survey round uses chapter 05's and 08's own charts (:mod:`servicelab.charts.servqual`,
:mod:`servicelab.charts.satisfaction`).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..i18n import t
from ._offline import ChartKind, import_altair

#: The correct option / every other option (the mark is the ✓, the colour a second cue).
CORRECT_COLOR, OTHER_COLOR = "#2e7d32", "#4e79a7"
#: Matrix cells: one light hue, darker for more devices (black counts stay readable on it).
CELL_COLOR = "#9ecae1"
MARK = "✓"
TEXT = "#222222"


@dataclass(frozen=True)
class VoteView:
    """What :data:`VOTES` draws.

    Attributes
    ----------
    counts : pandas.DataFrame
        :func:`servicelab.models.peer_instruction.vote_counts` of the round.
    hidden : bool
        Show only the number of answers, not the distribution.
    reveal : bool
        Mark the correct option(s).
    """

    counts: pd.DataFrame
    hidden: bool = False
    reveal: bool = False


def _option_label(option: str, correct: bool) -> str:
    return f"{option} {MARK}" if correct else str(option)


def _votes_data(view: VoteView, lang: str) -> dict[str, pd.DataFrame]:
    counts = view.counts
    n = int(counts.attrs.get("n", 0))
    marked = [bool(c) and view.reveal for c in counts["correct"]]
    bars = pd.DataFrame({
        "label": [_option_label(o, m) for o, m in zip(counts["option"], marked)],
        "option": counts["option"].astype(str),
        "count": counts["count"].astype(int),
        "share": counts["share"].astype(float).round(4),
        "kind": [t("classpanel.chart.correct" if m else "classpanel.chart.option", lang) for m in marked],
        "order": range(len(counts)),
    })
    note = (t("classpanel.chart.hidden", lang, n=n) if view.hidden else t("classpanel.chart.answers", lang, n=n))
    return {"cls_votes": bars.iloc[0:0] if view.hidden else bars,
            "cls_votes_axis": pd.DataFrame({"label": bars["label"], "order": bars["order"]}),
            "cls_votes_note": pd.DataFrame({"note": [note], "n": [n]})}


def _votes_build(lang: str):
    alt = import_altair()
    x = alt.X("label:N", sort=alt.EncodingSortField(field="order", op="min"), title=t("classpanel.chart.option_axis", lang),
              axis=alt.Axis(labelAngle=0, labelFontSize=18, titleFontSize=14))
    whole = alt.Axis(tickMinStep=1, format="d", labelExpr="floor(datum.value) === datum.value ? datum.label : ''")  # counts: whole numbers
    y = alt.Y("count:Q", title=t("classpanel.chart.count", lang), axis=whole, scale=alt.Scale(domainMin=0))
    kinds = [t("classpanel.chart.option", lang), t("classpanel.chart.correct", lang)]
    # an invisible layer keeps every option on the axis even while the bars are hidden; the bar
    # layers are aria-hidden (empty while hidden, an unnamed mark group): the chart's figure carries
    # the summary and the data table for assistive technology
    axis = alt.Chart(alt.NamedData("cls_votes_axis")).mark_point(opacity=0, aria=False).encode(
        x=x, y=alt.Y("zero:Q", scale=alt.Scale(domainMin=0), axis=whole, title=t("classpanel.chart.count", lang))
    ).transform_calculate(zero="0")
    bars = alt.Chart(alt.NamedData("cls_votes")).mark_bar(aria=False).encode(
        x=x, y=y,
        color=alt.Color("kind:N", scale=alt.Scale(domain=kinds, range=[OTHER_COLOR, CORRECT_COLOR]),
                        legend=alt.Legend(title=None, orient="bottom")),
        tooltip=[alt.Tooltip("label:N", title=t("classpanel.chart.option_axis", lang)),
                 alt.Tooltip("count:Q", title=t("classpanel.chart.count", lang)),
                 alt.Tooltip("share:Q", title=t("classpanel.chart.share", lang), format=".0%"),
                 alt.Tooltip("kind:N", title=t("classpanel.chart.kind", lang))])
    labels = alt.Chart(alt.NamedData("cls_votes")).mark_text(dy=-12, fontSize=18, fontWeight="bold", color=TEXT,
                                                             aria=False).encode(
        x=x, y=y, text="count:Q")
    note = alt.Chart(alt.NamedData("cls_votes_note")).mark_text(
        fontSize=20, fontWeight="bold", color=TEXT, align="left", x=4, y=-12).encode(text="note:N")
    return alt.layer(axis, bars, labels, note).properties(
        title=alt.TitleParams(t("classpanel.chart.votes_title", lang), offset=24), width=460, height=280)


VOTES = ChartKind(_votes_build, _votes_data, tables=("cls_votes", "cls_votes_note"))


def votes_chart(view: VoteView, lang: str = "zh"):
    """The vote distribution as a static altair chart (see :data:`VOTES`).

    Parameters
    ----------
    view : VoteView
    lang : {"zh", "en"}

    Returns
    -------
    altair.LayerChart
    """
    return VOTES.chart(view, lang)


# -- vote shift ---------------------------------------------------------------------------------
def _shift_data(shift, lang: str) -> dict[str, pd.DataFrame]:
    tr = shift.transitions
    order = {a: i for i, a in enumerate(shift.answers)}
    cells = pd.DataFrame({
        "from": [_option_label(a, c) for a, c in zip(tr["from"], tr["from_correct"])],
        "to": [_option_label(b, c) for b, c in zip(tr["to"], tr["to_correct"])],
        "count": tr["count"].astype(int),
        "from_order": [order[a] for a in tr["from"]],
        "to_order": [order[b] for b in tr["to"]],
    })
    s = shift.summary
    r1, r2 = t("classpanel.chart.round1", lang), t("classpanel.chart.round2", lang)
    share = pd.DataFrame({
        "round": [r1, r2],
        "share": [round(float(x), 4) if x == x else None for x in (s.correct_before, s.correct_after)],
        "n": [s.n_round1, s.n_round2],
    })
    return {"cls_shift": cells, "cls_shift_share": share}


def _shift_build(lang: str):
    alt = import_altair()
    ft, tt = t("classpanel.chart.from", lang), t("classpanel.chart.to", lang)
    x = alt.X("to:N", sort=alt.EncodingSortField(field="to_order", op="min"), title=tt,
              axis=alt.Axis(labelAngle=0, labelFontSize=15, orient="top"))
    y = alt.Y("from:N", sort=alt.EncodingSortField(field="from_order", op="min"), title=ft,
              axis=alt.Axis(labelFontSize=15))
    base = alt.Chart(alt.NamedData("cls_shift"))
    cells = base.mark_rect(color=CELL_COLOR, stroke="#ffffff", strokeWidth=2).encode(
        x=x, y=y, opacity=alt.Opacity("count:Q", scale=alt.Scale(range=[0.08, 1]), legend=None),
        tooltip=[alt.Tooltip("from:N", title=ft), alt.Tooltip("to:N", title=tt),
                 alt.Tooltip("count:Q", title=t("classpanel.chart.devices", lang))])
    counts = base.mark_text(fontSize=18, fontWeight="bold", color=TEXT).encode(x=x, y=y, text="count:Q")
    matrix = alt.layer(cells, counts).properties(width=300, height=300,
                                                 title=t("classpanel.chart.matrix_title", lang))
    rt, st = t("classpanel.chart.round", lang), t("classpanel.chart.share_correct", lang)
    sb = alt.Chart(alt.NamedData("cls_shift_share"))
    bx = alt.X("round:N", title=None, sort=None, axis=alt.Axis(labelAngle=0, labelFontSize=14))
    by = alt.Y("share:Q", title=st, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%"))
    bars = sb.mark_bar(color=CORRECT_COLOR, width=48).encode(
        x=bx, y=by, tooltip=[alt.Tooltip("round:N", title=rt), alt.Tooltip("share:Q", title=st, format=".0%"),
                             alt.Tooltip("n:Q", title=t("classpanel.chart.answers_col", lang))])
    text = sb.mark_text(dy=-12, fontSize=18, fontWeight="bold", color=TEXT).encode(x=bx, y=by, text=alt.Text("share:Q", format=".0%"))
    share = alt.layer(bars, text).properties(width=160, height=300, title=t("classpanel.chart.share_title", lang))
    return alt.hconcat(matrix, share, spacing=40).properties(title=t("classpanel.chart.shift_title", lang))


SHIFT = ChartKind(_shift_build, _shift_data)


def shift_chart(shift, lang: str = "zh"):
    """The vote shift as a static altair chart (see :data:`SHIFT`).

    Parameters
    ----------
    shift : servicelab.models.peer_instruction.VoteShift
    lang : {"zh", "en"}

    Returns
    -------
    altair.HConcatChart
    """
    return SHIFT.chart(shift, lang)
