"""The wrong-answer review tab and the spaced-repetition tab (FSRS with the exam date, :mod:`servicelab.quiz.schedule`)."""
from __future__ import annotations

import ipywidgets as W

from datetime import date, datetime, timezone
from typing import Any

from ... import quiz as qz
from ...errors import ServiceLabError
from ...i18n import t
from ...quiz import schedule as sched
from ..common import guarded, html_widget
from .card import _box, _button, _html, _local, _num, _pct, _show


def _aware(when: datetime) -> datetime:
    return when.astimezone(timezone.utc) if when.tzinfo is not None else when.replace(tzinfo=timezone.utc)


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
        lang = self.lang
        nxt = _button("quizui.spaced.next", "sl-quiz-spaced-next", lang, button_style="primary", icon="forward")
        nxt.on_click(lambda _b: self.next_spaced())
        self.spaced_status = _box("sl-quiz-spaced-status")
        self.spaced_host = W.VBox()
        self.exam_picker = W.DatePicker(description=t("quizui.exam.label", lang), value=self.store.exam_date())
        self.exam_picker.add_class("sl-quiz-exam-date")
        save = _button("quizui.exam.set", "sl-quiz-exam-save", lang, icon="calendar")
        save.on_click(lambda _b: self.save_exam_date())
        clear = _button("quizui.exam.clear", "sl-quiz-exam-clear", lang, icon="times")
        clear.on_click(lambda _b: self.clear_exam_date())
        self.exam_status = _box("sl-quiz-exam-status")
        self._render_exam()
        return W.VBox([html_widget(f"<p>{_html(t('quizui.spaced.explain', lang))}</p>"),
                       W.HBox([self.exam_picker, save, clear]), self.exam_status,
                       html_widget(f"<small>{_html(t('quizui.exam.hint', lang))}</small>"), nxt,
                       self.spaced_status, self.spaced_host])

    def _today(self) -> date:
        """The learner's today (local calendar day of the panel's clock)."""
        return _aware(self.clock()).astimezone().date()

    def _render_exam(self, saved: str = "") -> None:
        exam, lang = self.store.exam_date(), self.lang
        if exam is None:
            text = t("quizui.exam.none", lang)
        elif exam < (today := self._today()):
            text = t("quizui.exam.passed", lang, date=exam.isoformat())
        else:
            text = t("quizui.exam.current", lang, date=exam.isoformat(), days=(exam - today).days)
        self.exam_status.value = _html(f"{saved} {text}".strip())

    @guarded()
    def save_exam_date(self, value: Any = None):
        """Store the exam date (the picker's, or ``value``): checked, translated errors, reviews re-capped
        (:meth:`servicelab.storage.progress.ProgressStore.set_exam_date`)."""
        value = self.exam_picker.value if value is None else value
        if value is None:
            raise ServiceLabError("schedule.error.bad_exam_date", value="")
        exam = self.store.set_exam_date(value, today=self._today())
        self.exam_picker.value = exam
        self._render_exam(t("quizui.exam.saved", self.lang, date=exam.isoformat()))
        self.refresh_dashboard()
        return exam

    @guarded()
    def clear_exam_date(self) -> None:
        """Remove the exam date: FSRS's own intervals again."""
        self.store.set_exam_date(None, today=self._today())
        self.exam_picker.value = None
        self._render_exam(t("quizui.exam.cleared", self.lang))
        self.refresh_dashboard()

    @guarded()
    def next_spaced(self) -> qz.Question | None:
        """The next question by the FSRS schedule, most marks at stake on exam day first
        (:func:`servicelab.quiz.schedule.next_question`)."""
        lang, now = self.lang, self.clock()
        states, exam = self.store.states(), self.store.exam_date()
        marks = sched.marks_by_type(self.blueprint)
        q = sched.next_question(self.bank.questions, states, now, self.rng, marks=marks, exam_date=exam)
        due = t("quizui.spaced.due", lang, n=self.store.due_count(now))
        if q is None:
            when = sched.next_due(states, exam_date=exam) or now
            self.spaced_status.value = _html(t("quizui.spaced.all_done", lang, when=_local(when)))
            self.spaced_host.children = []
            return None
        m = _num(marks.get(q.type, 0.0))
        if q.id not in states:
            note = t("quizui.spaced.new_marks", lang, marks=m)
        else:
            when = sched.horizon(now, exam)
            p = _pct(sched.recall(states[q.id], when))
            note = (t("quizui.spaced.recall_exam", lang, p=p, date=exam.isoformat(), marks=m) if when != _aware(now)
                    else t("quizui.spaced.recall_now", lang, p=p, marks=m))
        self.spaced_status.value = _html(f"{due} {note}")
        self.spaced_host.children = [self._card(q, "review")]
        return q
