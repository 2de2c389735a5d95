"""The 错题本 (wrong-answer book) as HTML: a table for the panel, a standalone page to print.

:func:`wrong_book_table` renders the frame of :func:`servicelab.quiz.practice.wrong_book` as one
HTML table; :func:`wrong_book_html` wraps it in a complete, self-contained page — inline CSS
only (no stylesheet, script, font or image is fetched), a print style sheet (A4 margins, rows not
split across pages, the header row repeated on each page), every label from the translation
catalogue and every text from the bank or the learner escaped (:func:`html.escape`). Writing the
file is the caller's job, through :func:`servicelab.storage.progress.resolve_export_path`.
"""
from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from ..i18n import t

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["WRONG_BOOK_CSS", "wrong_book_html", "wrong_book_table"]

#: The page's own style sheet (also used by the panel's table). System fonts only.
WRONG_BOOK_CSS = """
.sl-wrongbook { border-collapse: collapse; width: 100%; font-size: 0.95em; }
.sl-wrongbook th, .sl-wrongbook td { border: 1px solid #999; padding: 4px 6px; vertical-align: top;
  text-align: left; overflow-wrap: anywhere; }
.sl-wrongbook th { background: #eee; }
.sl-wrongbook td.sl-wb-right { background: #f1f8f1; }
.sl-wrongbook .sl-wb-corrected { color: #2e7d32; font-weight: bold; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { font-size: 10.5pt; color: #000; }
  .sl-wrongbook thead { display: table-header-group; }
  .sl-wrongbook tr { break-inside: avoid; page-break-inside: avoid; }
  .sl-wrongbook th, .sl-wrongbook td.sl-wb-right { background: none; }
}
"""

_PAGE_CSS = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC",
  sans-serif; margin: 1.5em; line-height: 1.45; }
h1 { font-size: 1.5em; margin: 0 0 0.3em; }
.sl-wb-meta { color: #444; margin: 0.2em 0; }
"""


def _esc(text: object) -> str:
    """Escape for HTML text and attributes; line breaks become ``<br>``."""
    return html.escape("" if text is None else str(text), quote=True).replace("\n", "<br>")


def _type_label(qtype: str, lang: str) -> str:
    try:
        return t(f"quiz.type.{qtype}", lang)
    except KeyError:  # a type newer than the catalogue: show its id rather than fail the export
        return qtype


def wrong_book_table(frame: pd.DataFrame, lang: str = "zh") -> str:
    """The wrong-answer book as one HTML table (escaped), or a sentence when it is empty.

    Parameters
    ----------
    frame : DataFrame
        From :func:`servicelab.quiz.practice.wrong_book` (its columns).
    lang : {"zh", "en"}
        Language of the column headings and labels (the frame's texts are already in a language).

    Returns
    -------
    str
        ``<table class="sl-wrongbook">`` with one row per question: number, chapter, type, exam
        tags, question, your latest answer, right answer / key points, times wrong.

    Examples
    --------
    >>> import pandas as pd
    >>> from servicelab.quiz.practice import WRONG_BOOK_COLUMNS
    >>> row = dict.fromkeys(WRONG_BOOK_COLUMNS, "")
    >>> row.update(chapter="05", type="single", tags=(), prompt="<b>?</b>", times_wrong=1, corrected=False)
    >>> out = wrong_book_table(pd.DataFrame([row]), "en")
    >>> "&lt;b&gt;?&lt;/b&gt;" in out and "<b>?</b>" not in out
    True
    """
    if frame is None or len(frame) == 0:
        return f"<p class='sl-wb-empty'>{_esc(t('quiz.wrongbook.empty', lang))}</p>"
    cols = ("n", "chapter", "type", "tags", "prompt", "your", "right", "wrong")
    head = "".join(f"<th>{_esc(t(f'quiz.wrongbook.col.{c}', lang))}</th>" for c in cols)
    body = []
    for i, r in enumerate(frame.itertuples(index=False), 1):
        corrected = (f"<div class='sl-wb-corrected'>{_esc(t('quiz.wrongbook.corrected', lang))}</div>"
                     if bool(r.corrected) else "")
        chapter = t("quiz.wrongbook.chapter", lang, n=int(r.chapter)) if str(r.chapter).isdigit() else r.chapter
        body.append(
            f"<tr data-question-id='{_esc(r.question_id)}'><td>{i}</td><td>{_esc(chapter)}</td>"
            f"<td>{_esc(_type_label(r.type, lang))}</td><td>{_esc('、'.join(r.tags) if lang == 'zh' else '; '.join(r.tags))}</td>"
            f"<td class='sl-wb-prompt'>{_esc(r.prompt)}</td><td class='sl-wb-your'>{_esc(r.your_answer)}{corrected}</td>"
            f"<td class='sl-wb-right'>{_esc(r.right_answer)}</td><td>{int(r.times_wrong)}</td></tr>")
    return f"<table class='sl-wrongbook'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def wrong_book_html(frame: pd.DataFrame, lang: str = "zh", *, filters: Mapping[str, str] | None = None,
                    ever: bool = False, generated_at: datetime | None = None) -> str:
    """The wrong-answer book as a complete, offline, printable HTML page.

    Parameters
    ----------
    frame : DataFrame
        From :func:`servicelab.quiz.practice.wrong_book`.
    lang : {"zh", "en"}
    filters : mapping, optional
        Label → value of the filters used (e.g. ``{"章节": "第 5 章"}``), shown under the title.
    ever : bool
        Whether the frame holds every question ever answered wrong (says so on the page).
    generated_at : datetime, optional
        Shown on the page (UTC); now by default.

    Returns
    -------
    str
        ``<!DOCTYPE html>`` … a page with a ``<style>`` element and no ``<script>``, ``<link>``,
        ``src`` or remote URL.

    Notes
    -----
    Printing from the browser gives A4 pages with the header row repeated and no row split over
    two pages (``break-inside: avoid``); the coloured backgrounds are dropped in print.

    Examples
    --------
    >>> import pandas as pd
    >>> from servicelab.quiz.practice import WRONG_BOOK_COLUMNS
    >>> page = wrong_book_html(pd.DataFrame(columns=list(WRONG_BOOK_COLUMNS)), "en")
    >>> page.startswith("<!DOCTYPE html>") and "<script" not in page and "No wrong answers" in page
    True
    """
    when = (generated_at or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M")
    title = t("quiz.wrongbook.title", lang)
    sep = "；" if lang == "zh" else "; "
    chosen = sep.join(f"{k}: {v}" for k, v in (filters or {}).items()) or t("quiz.wrongbook.all", lang)
    meta = [t("quiz.wrongbook.count", lang, n=0 if frame is None else len(frame)),
            t("quiz.wrongbook.filters", lang, filters=chosen),
            t("quiz.wrongbook.scope.ever" if ever else "quiz.wrongbook.scope.latest", lang),
            t("quiz.wrongbook.self_marked", lang),
            t("quiz.wrongbook.generated", lang, when=when)]
    paras = "".join(f"<p class='sl-wb-meta'>{_esc(m)}</p>" for m in meta)
    return ("<!DOCTYPE html>\n"
            f"<html lang='{'zh-CN' if lang == 'zh' else 'en'}'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{_esc(title)}</title><style>{_PAGE_CSS}{WRONG_BOOK_CSS}</style></head>"
            f"<body><h1>{_esc(title)}</h1>{paras}{wrong_book_table(frame, lang)}</body></html>\n")
