"""Widgets for the start notebook: the chapter map and a first slider to try."""
from __future__ import annotations

import html
import json

import ipywidgets as W

from ..i18n import t
from ..paths import REPO_ROOT, data_path


def chapter_map(lang: str = "zh") -> W.HTML:
    """The course's notebooks in order, with their concepts; links to the ones that exist.

    Read from ``data/curriculum.json``; a notebook not yet written is marked as planned.
    """
    cur = json.loads(data_path("curriculum.json").read_text(encoding="utf-8"))
    by_nb: dict[str, list[str]] = {}
    for c in cur["concepts"]:
        by_nb.setdefault(c["notebook"], []).append(c["id"])
    rows = []
    for nb in cur["notebooks"]:
        title = html.escape(nb["title"][lang])
        exists = (REPO_ROOT / "notebooks" / f"{nb['id']}.ipynb").exists()
        name = f"<a href='{nb['id']}.ipynb'>{nb['id'][:2]} · {title}</a>" if exists else f"{nb['id'][:2]} · {title}"
        status = t("start.available", lang) if exists else t("start.planned", lang)
        concepts = ", ".join(by_nb.get(nb["id"], [])) or t("start.all_concepts", lang)
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
