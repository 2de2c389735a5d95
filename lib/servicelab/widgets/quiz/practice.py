"""The practice tab of the exam-prep panel: rounds of up to ten questions by chapter, concept and type."""
from __future__ import annotations

import ipywidgets as W

from ... import quiz as qz
from ...i18n import t
from ..common import guarded
from .card import QuestionCard, _box, _button, _concepts, _html, _show

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
        self.chapter_select = W.Dropdown(
            options=[(all_, ALL)] + [(f"{ch} · {title}", ch) for ch, title in sorted(self.titles.items())
                                     if self.bank.by_chapter(ch)],
            value=self.chapter if self.chapter in self.titles and self.bank.by_chapter(self.chapter) else ALL, description=t("quizui.chapter", lang), style=style)
        self.chapter_select.add_class("sl-quiz-chapter")
        self.concept_select = W.Dropdown(description=t("quizui.concept", lang), style=style)
        self.concept_select.add_class("sl-quiz-concept")
        self.type_select = W.Dropdown(options=[(all_, ALL)] + [(type_label(x, lang), x) for x in qz.QUESTION_TYPES],
                                      value=ALL, description=t("quizui.qtype", lang), style=style)
        self.type_select.add_class("sl-quiz-type")
        self._fill_concepts()
        self.chapter_select.observe(lambda _c: self._fill_concepts(), names="value")
        new_round = _button("quizui.practice.new_round", "sl-quiz-new-round", lang, button_style="primary", icon="play")
        new_round.on_click(lambda _b: self.new_round())
        self.practice_next = _button("quizui.next", "sl-quiz-next", lang, icon="arrow-right")
        self.practice_next.on_click(lambda _b: self.next_practice())
        self.practice_status = _box("sl-quiz-practice-status")
        self.practice_error = _box("sl-error")
        self.practice_host = W.VBox()
        self.practice_queue: list[qz.Question] = []
        self.practice_cards: list[QuestionCard] = []
        self.new_round()
        return W.VBox([W.HBox([self.chapter_select, self.concept_select]), W.HBox([self.type_select, new_round]),
                       self.practice_error, self.practice_status, self.practice_host, self.practice_next])

    def _fill_concepts(self) -> None:
        ch = self.chapter_select.value
        options = [(t("quizui.all", self.lang), ALL)] + [
            (f"{cid} · {title}", cid) for cid, c_ch, title in _concepts(self.lang)
            if (ch == ALL or c_ch == ch) and self.bank.by_concept(cid)]
        self.concept_select.options = options
        self.concept_select.value = ALL

    @guarded("practice_error")
    def new_round(self) -> None:
        """Draw a practice round (up to 10 questions) for the chosen chapter / concept / type."""
        self.practice_queue = qz.practice_set(self.bank, self.rng, chapter=self.chapter_select.value or None,
                                              concept=self.concept_select.value or None,
                                              qtype=self.type_select.value or None, n=PRACTICE_ROUND)
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
            _show(self.practice_next, False)
            return
        card = self._card(self.practice_queue[i], "practice", number=i + 1)
        self.practice_cards.append(card)
        self.practice_host.children = [card]
        self.practice_status.value = _html(t("quizui.practice.status", self.lang, i=i + 1, n=n))
        _show(self.practice_next, True)
