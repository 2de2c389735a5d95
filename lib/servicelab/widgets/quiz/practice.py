"""The practice tab of the exam-prep panel: rounds of up to ten questions by chapter, concept, type and past paper.

A scope switch offers the questions of notebooks not written yet under a labelled 预习 (preview)
scope (they are never mixed into a round of taught questions); a past-paper filter keeps 真题考点
(any year, one year, or only questions of the type the paper asked); every card is shown with its
tags: 「2015.1 论述」 on a question of the type asked, 「考点：2015.1 论述」 on another type.
"""
from __future__ import annotations

import html

import ipywidgets as W

from ... import quiz as qz
from ...i18n import t
from ..common import guarded
from .card import QuestionCard, _box, _button, _concepts, _html, _show

TAUGHT, PREVIEW = "taught", "preview"


def tags_html(question: qz.Question, lang: str = "zh") -> str:
    """The question's past-paper tags as labelled chips (真题 tags first, filled; 考点 tags outlined)."""
    chips = []
    for tag in sorted(question.exam_tags, key=lambda x: (x.type != question.type, x.sitting)):
        exact = tag.type == question.type
        hint = t("quizui.tag.exact_hint" if exact else "quizui.tag.point_hint", lang, sitting=tag.sitting,
                 qtype=t(f"quiz.tag_type.{tag.type}", lang))
        style = ("background:#c62828;color:white;border:1px solid #c62828" if exact
                 else "background:white;color:#c62828;border:1px solid #c62828")
        css = "sl-quiz-tag sl-quiz-tag-exact" if exact else "sl-quiz-tag sl-quiz-tag-point"
        chips.append(f"<span class='{css}' title='{html.escape(hint, quote=True)}' style='{style};border-radius:3px;"
                     f"padding:0 4px;margin-right:4px;font-size:85%'>{_html(qz.exam_tag_label(question, tag, lang))}</span>")
    return "".join(chips)

PRACTICE_ROUND = 10
#: Dropdown value for "all" (a None value would show as an empty selection in the browser).
ALL = ""


def type_label(qtype: str, lang: str = "zh") -> str:
    """The type's name for the practice filter; a practice-only type says so (判断题（练习题型，考试不考）)."""
    name = t(f"quiz.type.{qtype}", lang)
    if qtype in qz.PRACTICE_ONLY_TYPES:
        return f"{name}（{t('quiz.practice_only', lang)}）" if lang == "zh" else f"{name} ({t('quiz.practice_only', lang)})"
    return name


class PracticeTab:
    """Practice tab (:func:`servicelab.quiz.practice.practice_set`).

    Part of :class:`~servicelab.widgets.quiz.panel.ExamPrep`, which supplies ``lang``, ``bank``,
    ``store``, ``rng``, ``clock``, ``titles``, ``_card`` and ``refresh_dashboard``.
    """

    def _practice_pane(self) -> W.VBox:
        lang = self.lang
        style = {"description_width": "initial"}
        all_ = t("quizui.all", lang)
        self.scope_select = W.Dropdown(
            options=[(t("quizui.scope.taught", lang, n=len(self.bank)), TAUGHT),
                     (t("quizui.scope.preview", lang, n=len(self.preview_bank)), PREVIEW)],
            value=TAUGHT, description=t("quizui.scope", lang), style=style)
        self.scope_select.add_class("sl-quiz-scope")
        _show(self.scope_select, len(self.preview_bank) > 0)
        self.chapter_select = W.Dropdown(description=t("quizui.chapter", lang), style=style)
        self.chapter_select.add_class("sl-quiz-chapter")
        self._fill_chapters(initial=True)
        self.tag_select = W.Dropdown(description=t("quizui.tag.filter", lang), style=style)
        self.tag_select.add_class("sl-quiz-tag-filter")
        self._fill_tags()
        self.concept_select = W.Dropdown(description=t("quizui.concept", lang), style=style)
        self.concept_select.add_class("sl-quiz-concept")
        self.type_select = W.Dropdown(options=[(all_, ALL)] + [(type_label(x, lang), x) for x in qz.QUESTION_TYPES],
                                      value=ALL, description=t("quizui.qtype", lang), style=style)
        self.type_select.add_class("sl-quiz-type")
        self._fill_concepts()
        self.chapter_select.observe(lambda _c: self._fill_concepts(), names="value")
        self.scope_select.observe(lambda _c: self._scope_changed(), names="value")
        new_round = _button("quizui.practice.new_round", "sl-quiz-new-round", lang, button_style="primary", icon="play")
        new_round.on_click(lambda _b: self.new_round())
        self.practice_next = _button("quizui.next", "sl-quiz-next", lang, icon="arrow-right")
        self.practice_next.on_click(lambda _b: self.next_practice())
        self.practice_status = _box("sl-quiz-practice-status")
        self.practice_error = _box("sl-error")
        self.practice_tags = _box("sl-quiz-tags")
        self.practice_host = W.VBox()
        self.practice_queue: list[qz.Question] = []
        self.practice_cards: list[QuestionCard] = []
        self.new_round()
        return W.VBox([W.HBox([self.scope_select, self.chapter_select, self.concept_select]),
                       W.HBox([self.type_select, self.tag_select, new_round]),
                       self.practice_error, self.practice_status, self.practice_tags, self.practice_host,
                       self.practice_next])

    def _practice_bank(self) -> qz.Bank:
        """The questions of the chosen scope: written chapters, or 预习 (not written yet)."""
        return self.preview_bank if self.scope_select.value == PREVIEW else self.bank

    def _fill_chapters(self, initial: bool = False) -> None:
        bank = self._practice_bank()
        options = [(t("quizui.all", self.lang), ALL)] + [
            (f"{ch} · {title}", ch) for ch, title in sorted(self.titles.items()) if bank.by_chapter(ch)]
        keep = self.chapter if initial else self.chapter_select.value
        self.chapter_select.options = options
        self.chapter_select.value = keep if keep in {v for _l, v in options} else ALL

    def _fill_tags(self) -> None:
        lang = self.lang
        years = sorted({s.split(".")[0] for s in self._practice_bank().sittings})
        self.tag_select.options = ([(t("quizui.all", lang), ALL), (t("quizui.tag.any", lang), "any"),
                                    (t("quizui.tag.exact_only", lang), "exact")]
                                   + [(t("quizui.tag.year", lang, year=y), y) for y in years])
        self.tag_select.value = ALL

    def _scope_changed(self) -> None:
        self._fill_chapters()
        self._fill_concepts()
        self._fill_tags()
        self.new_round()

    def _fill_concepts(self) -> None:
        ch = self.chapter_select.value
        options = [(t("quizui.all", self.lang), ALL)] + [
            (f"{cid} · {title}", cid) for cid, c_ch, title in _concepts(self.lang)
            if (ch == ALL or c_ch == ch) and self._practice_bank().by_concept(cid)]
        self.concept_select.options = options
        self.concept_select.value = ALL

    @guarded("practice_error")
    def new_round(self) -> None:
        """Draw a practice round (up to 10 questions) for the chosen chapter / concept / type."""
        self.practice_queue = qz.practice_set(self._practice_bank(), self.rng, chapter=self.chapter_select.value or None,
                                              concept=self.concept_select.value or None,
                                              qtype=self.type_select.value or None, n=PRACTICE_ROUND,
                                              exam_tag=self.tag_select.value or None)
        self.practice_cards = []
        self.next_practice()

    @guarded("practice_error")
    def next_practice(self) -> None:
        """Show the round's next question, or the round's summary."""
        i = len(self.practice_cards)
        n = len(self.practice_queue)
        if i >= n:
            correct = sum(1 for c in self.practice_cards if c.result is not None and c.result.correct)
            self.practice_status.value = _html(t("quizui.practice.round_done", self.lang, correct=correct, n=n))
            self.practice_host.children = []
            self.practice_tags.value = ""
            _show(self.practice_next, False)
            return
        card = self._card(self.practice_queue[i], "practice", number=i + 1)
        self.practice_cards.append(card)
        self.practice_host.children = [card]
        q = self.practice_queue[i]
        badge = (f"<div class='sl-quiz-preview-badge' style='color:#8d6e00'>{_html(t('quizui.preview.badge', self.lang))}</div>"
                 if q.notebook not in self.written else "")
        self.practice_tags.value = badge + tags_html(q, self.lang)
        self.practice_status.value = _html(t("quizui.practice.status", self.lang, i=i + 1, n=n))
        _show(self.practice_next, True)
