"""The wrong-answer review tab and the spaced-repetition tab (Leitner, :mod:`servicelab.quiz.schedule`)."""
from __future__ import annotations

import ipywidgets as W

from ... import quiz as qz
from ...i18n import t
from ...quiz.schedule import next_question
from ..common import guarded
from .card import _box, _button, _html, _local, _show


class ReviewTab:
    """Wrong-answer review (:func:`servicelab.quiz.practice.wrong_answer_review`) and spaced repetition.

    Part of :class:`~servicelab.widgets.quiz.panel.ExamPrep`, which supplies ``lang``, ``bank``,
    ``store``, ``rng``, ``clock``, ``titles``, ``_card`` and ``refresh_dashboard``.
    """

    def _review_pane(self) -> W.VBox:
        refresh = _button("quizui.review.refresh", "sl-quiz-review-refresh", self.lang, icon="refresh")
        refresh.on_click(lambda _b: self.refresh_review())
        self.review_next = _button("quizui.next", "sl-quiz-review-next", self.lang, icon="arrow-right")
        self.review_next.on_click(lambda _b: self.next_review())
        self.review_status = _box("sl-quiz-review-status")
        self.review_host = W.VBox()
        self.review_queue: list[qz.Question] = []
        self.refresh_review()
        return W.VBox([refresh, self.review_status, self.review_host, self.review_next])

    @guarded()
    def refresh_review(self) -> None:
        """Rebuild the wrong-answer list (latest attempt wrong) and show its first question."""
        self.review_queue = qz.wrong_answer_review(self.bank, self.store.answers())
        n = len(self.review_queue)
        self.review_status.value = _html(t("quizui.review.count" if n else "quizui.review.empty", self.lang, n=n))
        self.review_host.children = []
        self.next_review()

    @guarded()
    def next_review(self) -> None:
        if not self.review_queue:
            self.review_host.children = []
            _show(self.review_next, False)
            return
        q = self.review_queue.pop(0)
        self.review_host.children = [self._card(q, "review")]
        _show(self.review_next, bool(self.review_queue))

    # -- spaced repetition --------------------------------------------------------------
    def _spaced_pane(self) -> W.VBox:
        nxt = _button("quizui.spaced.next", "sl-quiz-spaced-next", self.lang, button_style="primary", icon="forward")
        nxt.on_click(lambda _b: self.next_spaced())
        self.spaced_status = _box("sl-quiz-spaced-status")
        self.spaced_host = W.VBox()
        return W.VBox([W.HTML(f"<p>{_html(t('quizui.spaced.explain', self.lang))}</p>"), nxt,
                       self.spaced_status, self.spaced_host])

    @guarded()
    def next_spaced(self) -> qz.Question | None:
        """The next question by the Leitner schedule (:func:`servicelab.quiz.schedule.next_question`)."""
        lang, now = self.lang, self.clock()
        states = self.store.states()
        q = next_question(self.bank, states, now, self.rng)
        due = t("quizui.spaced.due", lang, n=self.store.due_count(now))
        if q is None:
            when = min(s.due for s in states.values()) if states else now
            self.spaced_status.value = _html(t("quizui.spaced.all_done", lang, when=_local(when)))
            self.spaced_host.children = []
            return None
        box = t("quizui.spaced.box", lang, box=states[q.id].box) if q.id in states else t("quizui.spaced.new", lang)
        self.spaced_status.value = _html(f"{due} {box}")
        self.spaced_host.children = [self._card(q, "review")]
        return q
