"""The 错题本 tab: every wrong answer in one table, filtered, exported as a printable HTML page."""
from __future__ import annotations

from pathlib import Path

import ipywidgets as W

from ... import quiz as qz
from ...i18n import t
from ...io.wrongbook_html import WRONG_BOOK_CSS, wrong_book_html, wrong_book_table
from ...storage.progress import resolve_export_path
from ..common import guarded, html_widget
from .card import _box, _button, _html

#: Dropdown value for "all" (a None value would show as an empty selection in the browser).
ALL = ""


class WrongBookTab:
    """The wrong-answer book (:func:`servicelab.quiz.practice.wrong_book`,
    :mod:`servicelab.io.wrongbook_html`).

    Part of :class:`~servicelab.widgets.quiz.panel.ExamPrep`, which supplies ``lang``, ``bank``,
    ``store``, ``clock``, ``titles`` and ``export_folders`` (the learner's data folder first).
    """

    def _wrongbook_pane(self) -> W.VBox:
        lang = self.lang
        style = {"description_width": "initial"}
        all_ = t("quizui.all", lang)
        chapters = sorted({q.chapter for q in self.bank})
        self.wb_chapter = W.Dropdown(
            options=[(all_, ALL)] + [(f"{ch} · {self.titles.get(ch, '')}".rstrip(" ·"), ch) for ch in chapters],
            value=ALL, description=t("quiz.wrongbook.filter.chapter", lang), style=style)
        self.wb_chapter.add_class("sl-quiz-wb-chapter")
        types = [x for x in qz.QUESTION_TYPES if self.bank.by_type(x)]
        self.wb_type = W.Dropdown(options=[(all_, ALL)] + [(t(f"quiz.type.{x}", lang), x) for x in types],
                                  value=ALL, description=t("quiz.wrongbook.filter.type", lang), style=style)
        self.wb_type.add_class("sl-quiz-wb-type")
        tags = sorted({tag for q in self.bank for tag in qz.question_tags(q, lang)})
        self.wb_tag = W.Dropdown(options=[(all_, ALL)] + [(tag, tag) for tag in tags], value=ALL,
                                 description=t("quiz.wrongbook.filter.tag", lang), style=style)
        self.wb_tag.add_class("sl-quiz-wb-tag")
        self.wb_ever = W.Checkbox(value=False, description=t("quiz.wrongbook.ever", lang), indent=False)
        self.wb_ever.add_class("sl-quiz-wb-ever")
        for w in (self.wb_chapter, self.wb_type, self.wb_tag, self.wb_ever):
            w.observe(lambda _c: self.refresh_wrongbook(), names="value")
        refresh = _button("quizui.wrongbook.refresh", "sl-quiz-wb-refresh", lang, icon="refresh")
        refresh.on_click(lambda _b: self.refresh_wrongbook())
        self.wb_name = W.Text(value=f"wrong-answers-{lang}.html", description=t("quizui.wrongbook.export_name", lang),
                              style=style, layout=W.Layout(width="60%"))
        self.wb_name.add_class("sl-quiz-wb-name")
        export = _button("quizui.wrongbook.export", "sl-quiz-wb-export", lang, icon="print")
        export.on_click(lambda _b: self.export_wrongbook())
        self.wb_status = _box("sl-quiz-wb-status")
        self.wb_table = _box("sl-quiz-wb-table")
        self.wrongbook = None
        self.refresh_wrongbook()
        return W.VBox([html_widget(f"<p>{_html(t('quizui.wrongbook.explain', lang))}</p>"),
                       W.HBox([self.wb_chapter, self.wb_type, self.wb_tag]), W.HBox([self.wb_ever, refresh]),
                       self.wb_status, self.wb_table, self.wb_name, export])

    def _wrongbook_filters(self) -> dict:
        return {"chapter": self.wb_chapter.value or None, "qtype": self.wb_type.value or None,
                "tag": self.wb_tag.value or None, "ever": bool(self.wb_ever.value)}

    @guarded()
    def refresh_wrongbook(self):
        """Rebuild the table from the answer log with the chosen filters; returns the frame."""
        self.wrongbook = qz.wrong_book(self.bank, self.store.answers(), self.lang, **self._wrongbook_filters())
        self.wb_status.value = _html(t("quiz.wrongbook.count", self.lang, n=len(self.wrongbook)))
        self.wb_table.value = f"<style>{WRONG_BOOK_CSS}</style>{wrong_book_table(self.wrongbook, self.lang)}"
        return self.wrongbook

    @guarded()
    def export_wrongbook(self) -> Path:
        """Write the filtered book as a standalone HTML page into the learner's data folder, under
        the typed plain file name (:func:`servicelab.storage.progress.resolve_export_path`)."""
        lang = self.lang
        path = resolve_export_path(self.wb_name.value, self.export_folders()[0], suffix=".html")
        frame = qz.wrong_book(self.bank, self.store.answers(), lang, **self._wrongbook_filters())
        shown = {t("quiz.wrongbook.filter.chapter", lang): self.wb_chapter.label,
                 t("quiz.wrongbook.filter.type", lang): self.wb_type.label,
                 t("quiz.wrongbook.filter.tag", lang): self.wb_tag.label}
        page = wrong_book_html(frame, lang, filters=shown, ever=bool(self.wb_ever.value), generated_at=self.clock())
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
        self.wb_status.value = _html(t("quizui.wrongbook.exported", lang, n=len(frame), path=str(path)))
        return path
