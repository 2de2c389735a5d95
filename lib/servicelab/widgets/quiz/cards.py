"""The memory-cards tab: a mnemonic or a 名词解释 term, turn it over, say whether you remembered it."""
from __future__ import annotations

import ipywidgets as W

from ... import quiz as qz
from ...i18n import t
from ..common import guarded
from .card import _box, _button, _html, _show


class CardsTab:
    """Memory cards (:func:`servicelab.quiz.schedule.card_review`): mnemonic cards and term cards
    (:func:`servicelab.quiz.bank.term_cards`), with a filter by kind.

    Part of :class:`~servicelab.widgets.quiz.panel.ExamPrep`, which supplies ``lang``, ``bank``,
    ``store``, ``rng``, ``clock``, ``titles``, ``_card`` and ``refresh_dashboard``.
    """

    def _cards_pane(self) -> W.VBox:
        lang = self.lang
        start = _button("quizui.cards.start", "sl-quiz-cards-start", lang, button_style="primary", icon="clone")
        start.on_click(lambda _b: self.start_cards())
        kinds = [k for k in qz.CARD_KINDS if any(c.kind == k for c in self.cards)]
        self.card_kind = W.Dropdown(options=[(t("card.kind.all", lang), "")] + [(t(f"card.kind.{k}", lang), k) for k in kinds],
                                    value="", description=t("quizui.cards.kind", lang), style={"description_width": "initial"})
        self.card_kind.add_class("sl-quiz-card-kind")
        self.card_reveal = _button("quizui.cards.reveal", "sl-quiz-card-reveal", lang, icon="eye")
        self.card_reveal.on_click(lambda _b: self.reveal_card())
        self.card_yes = _button("quizui.cards.yes", "sl-quiz-card-yes", lang, button_style="success", icon="check")
        self.card_no = _button("quizui.cards.no", "sl-quiz-card-no", lang, button_style="danger", icon="times")
        self.card_yes.on_click(lambda _b: self.rate_card(True))
        self.card_no.on_click(lambda _b: self.rate_card(False))
        self.card_front = _box("sl-quiz-mnemonic")
        self.card_back = _box("sl-quiz-card-parts")
        self.card_status = _box("sl-quiz-cards-status")
        self.card_queue: list[qz.Card] = []
        self.card_index = 0
        self.cards_recorded = 0
        self._card_buttons(reveal=False, rate=False)
        return W.VBox([W.HBox([self.card_kind, start]), self.card_status, self.card_front, self.card_reveal, self.card_back,
                       W.HBox([self.card_yes, self.card_no])])

    def _card_buttons(self, *, reveal: bool, rate: bool) -> None:
        _show(self.card_reveal, reveal)
        _show(self.card_yes, rate)
        _show(self.card_no, rate)

    @guarded()
    def start_cards(self) -> None:
        """Due memory cards of the chosen kind first, then new ones (:func:`servicelab.quiz.schedule.card_review`)."""
        kind = self.card_kind.value
        cards = [c for c in self.cards if not kind or c.kind == kind]
        self.card_queue = qz.card_review(cards, self.store.states("card"), self.clock(), self.rng,
                                         exam_date=self.store.exam_date())
        self.card_index = 0
        self.cards_recorded = 0
        self._show_card()

    def _show_card(self) -> None:
        lang = self.lang
        self.card_back.value = ""
        if self.card_index >= len(self.card_queue):
            key = "quizui.cards.done" if self.card_queue else "quizui.cards.none"
            self.card_status.value = _html(t(key, lang, n=self.cards_recorded))
            self.card_front.value = ""
            self._card_buttons(reveal=False, rate=False)
            return
        card = self.card_queue[self.card_index]
        self.card_status.value = _html(t("quizui.cards.status", lang, i=self.card_index + 1, n=len(self.card_queue)))
        prompt = "quizui.cards.term_prompt" if card.kind == "term" else "quizui.cards.prompt"
        self.card_front.value = (f"<div class='sl-quiz-card-front' style='font-size:150%;font-weight:bold'>{_html(card.front.get(lang))}</div>"
                                 f"<div style='color:#666'>{_html(t(f'card.kind.{card.kind}', lang))} · "
                                 f"{_html(', '.join(card.concepts))} · {_html(t(prompt, lang))}</div>")
        self._card_buttons(reveal=True, rate=False)

    def reveal_card(self) -> None:
        """Turn the current card over: its parts and explanation."""
        if self.card_index >= len(self.card_queue):
            return
        card, lang = self.card_queue[self.card_index], self.lang
        parts = "".join(f"<li>{_html(p.get(lang))}</li>" for p in card.parts)
        self.card_back.value = f"<ol>{parts}</ol><p>{_html(card.explanation.get(lang))}</p>"
        self._card_buttons(reveal=False, rate=True)

    @guarded()
    def rate_card(self, remembered: bool) -> None:
        """Record "remembered" or not (:meth:`ProgressStore.record_card_review`) and show the next card."""
        if self.card_index >= len(self.card_queue):
            return
        card = self.card_queue[self.card_index]
        self.store.record_card_review(card.id, remembered, reviewed_at=self.clock())
        self.cards_recorded += 1
        self.card_index += 1
        self._show_card()
