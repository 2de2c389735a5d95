"""Widgets for the start notebook: the chapter map and a first slider to try."""
from __future__ import annotations

import html

import ipywidgets as W

from ..i18n import t
from ..quiz.bank import load_curriculum
from ..paths import REPO_ROOT


def chapter_map(lang: str = "zh") -> W.HTML:
    """The course's notebooks in order, with their concepts; links to the ones that exist.

    Read from ``data/curriculum.json`` through the cached, validated
    :func:`servicelab.quiz.bank.load_curriculum`; a notebook not yet written is marked as planned.

    Examples
    --------
    >>> m = chapter_map("en")
    >>> "01 · The service era and service types" in m.value, m.value.count("<tr>") > 10
    (True, True)
    """
    cur = load_curriculum()
    by_nb: dict[str, list[str]] = {}
    for cid, nb_id, _title in cur.concepts:
        by_nb.setdefault(nb_id, []).append(cid)
    rows = []
    for nb_id, nb_title in cur.notebooks:
        title = html.escape(nb_title.get(lang))
        exists = (REPO_ROOT / "notebooks" / f"{nb_id}.ipynb").exists()
        name = f"<a href='{nb_id}.ipynb'>{nb_id[:2]} · {title}</a>" if exists else f"{nb_id[:2]} · {title}"
        status = t("start.available", lang) if exists else t("start.planned", lang)
        concepts = ", ".join(by_nb.get(nb_id, [])) or t("start.all_concepts", lang)
        rows.append(f"<tr><td style='padding:2px 8px'>{name}</td><td style='padding:2px 8px'>{html.escape(concepts)}</td>"
                    f"<td style='padding:2px 8px'>{html.escape(status)}</td></tr>")
    head = "".join(f"<th style='text-align:left;padding:2px 8px'>{html.escape(t(k, lang))}</th>"
                   for k in ("start.notebook", "start.concepts", "start.status"))
    out = W.HTML(f"<table class='sl-chapter-map'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    out.add_class("sl-chapter-map")
    return out


def first_slider(lang: str = "zh") -> W.VBox:
    """A slider and a read-out: the smallest example of a live widget."""
    slider = W.IntSlider(value=4, min=1, max=7, description=t("start.try_slider", lang), style={"description_width": "initial"})
    out = W.HTML()

    def show(_change=None):
        out.value = html.escape(t("start.slider_echo", lang, value=slider.value))

    slider.observe(show, names="value")
    show()
    box = W.VBox([slider, out])
    box.add_class("sl-first-slider")
    return box
