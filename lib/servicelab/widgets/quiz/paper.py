"""The mock-exam tab: a timed paper, hand-in in one or two steps (written answers are self-marked),
the report by type and chapter.

The running paper is saved in the progress file as it is answered (question ids, answers so far,
deadline: :meth:`~servicelab.storage.progress.ProgressStore.save_running_paper`), so a reloaded
page or a restarted kernel resumes the same paper with its answers and its clock. A live
countdown (:class:`~servicelab.widgets.countdown.Countdown`, timed in the browser) warns at 15 and
5 minutes and hands the paper in by itself at the deadline; the kernel also hands in a paper whose
deadline has passed when it is resumed or answered. Handing in, and starting a new paper while
one runs, each ask first.
"""
from __future__ import annotations

import logging
import uuid
from datetime import datetime
from typing import Any

import ipywidgets as W

from ... import quiz as qz
from ...errors import ServiceLabError
from ...i18n import t
from ..common import close_tree, error_html, guarded, html_widget, table_html
from ..countdown import Countdown
from .card import UNAVAILABLE, QuestionCard, _box, _button, _html, _local, _num, _saves, _show, _unavailable

log = logging.getLogger(__name__)


def _inputs_of(card: QuestionCard) -> list[W.ValueWidget]:
    """Every input widget of a card whose value is part of the answer."""
    return [w for w in (card.choice, card.number_input, card.text_input, *card.checks, *card.part_inputs,
                        *card.point_checks) if w is not None]


def apply_response(card: QuestionCard, response: Any) -> None:
    """Put a saved raw response (:meth:`QuestionCard.response`) back into the card's inputs
    (None empties the card)."""
    q = card.question
    if response is None:
        for w in _inputs_of(card):
            w.value = None if w is card.choice else (False if isinstance(w.value, bool) else "")
        return
    if card.choice is not None:
        card.choice.value = response
    elif q.type == "multiple":
        for o, cb in zip(q.options, card.checks):
            cb.value = o.key in response
    elif card.number_input is not None:
        card.number_input.value = str(response)
    elif q.type == "case":
        for part, text, checks in zip(response.get("parts", ()), card.part_inputs, card.part_checks):
            text.value = part.get("text", "")
            for i, cb in enumerate(checks):
                cb.value = i in part.get("ticked", ())
    else:
        card.text_input.value = response.get("text", "")
        for i, cb in enumerate(card.point_checks):
            cb.value = i in response.get("ticked", ())


class PaperTab:
    """Mock-exam tab (:mod:`servicelab.quiz.paper`).

    Part of :class:`~servicelab.widgets.quiz.panel.ExamPrep`, which supplies ``lang``, ``bank``,
    ``store``, ``rng``, ``clock``, ``blueprint``, ``titles``, ``_card`` and ``refresh_dashboard``.
    """

    def _mock_pane(self) -> W.VBox:
        lang = self.lang
        self.minutes = W.BoundedIntText(value=qz.DEFAULT_MINUTES, min=5, max=300, step=5, description=t("quizui.mock.minutes", lang),
                                        style={"description_width": "initial"}, layout=W.Layout(width="260px"))
        self.minutes.add_class("sl-quiz-mock-minutes")
        start = _button("quizui.mock.start", "sl-quiz-mock-start", lang, button_style="primary", icon="clock-o")
        start.on_click(lambda _b: self.ask_start_mock())
        self.mock_submit = _button("quizui.mock.submit", "sl-quiz-mock-submit", lang, button_style="success", icon="check")
        self.mock_submit.on_click(lambda _b: self.ask_submit_mock())
        _show(self.mock_submit, False)
        self.countdown = self._new_countdown()
        self.countdown_slot = W.Box([self.countdown])
        # the confirm steps: before handing in, and before a new paper replaces a running one
        self.mock_confirm_text = _box("sl-quiz-mock-confirm-text")
        self.mock_confirm_yes = _button("quizui.mock.confirm_yes", "sl-quiz-mock-confirm-yes", lang, button_style="success")
        self.mock_confirm_yes.on_click(lambda _b: self._confirmed())
        self.mock_confirm_no = _button("quizui.mock.confirm_no", "sl-quiz-mock-confirm-no", lang)
        self.mock_confirm_no.on_click(lambda _b: self._ask(None))
        self.mock_confirm = W.VBox([self.mock_confirm_text, W.HBox([self.mock_confirm_yes, self.mock_confirm_no])])
        self.mock_confirm.add_class("sl-quiz-mock-confirm")
        _show(self.mock_confirm, False)
        self._asking: str | None = None
        self._restoring = False
        self._save_failed = False
        self.mock_deadline = _box("sl-quiz-deadline")
        self.mock_report_box = _box("sl-quiz-mock-report")
        self.mock_error = _box("sl-error")
        self.mock_paper = W.VBox()
        self.mock_exam: qz.MockExam | None = None
        self.mock_cards: list[QuestionCard] = []
        self.mock_result: qz.MockReport | None = None
        self.mock_handed_in: datetime | None = None
        self.mock_paper_id = ""
        self.mock_resumed = _box("sl-quiz-mock-resumed")
        pane = W.VBox([W.HBox([self.minutes, start]), self.mock_confirm, self.mock_deadline, self.countdown_slot,
                       self.mock_resumed, self.mock_paper, self.mock_error, self.mock_submit, self.mock_report_box])
        self._resume_mock()
        return pane

    # -- the live countdown ------------------------------------------------------------------
    def _new_countdown(self, deadline: datetime | None = None, now: datetime | None = None) -> Countdown:
        """A countdown running to ``deadline`` (``now`` on the same clock), or a stopped one."""
        lang = self.lang
        return Countdown(self._time_up, deadline=deadline, now=now, template=t("quizui.mock.countdown", lang, time="{time}"),
                         warn15=t("quizui.mock.warn15", lang), warn5=t("quizui.mock.warn5", lang),
                         time_up=t("quizui.mock.time_up", lang), leave_warning=t("quizui.mock.leave_warning", lang))

    def _show_countdown(self, deadline: datetime | None = None, *, now: datetime | None = None) -> None:
        """Start (``deadline`` given) or stop the countdown by showing a new one in its place.

        The new countdown's state travels with its model (the comm's open message), never as an
        update: anywidget 0.11 rejects a model's ``ready`` when its module has not initialised
        within 2 s, and from then on drops every update the kernel sends to that model. On a
        loaded page that happened to the countdown made with the tab, so a started paper's
        countdown stayed hidden (found with Chromium's CPU throttling at 20x).
        """
        if deadline is None and not self.countdown.running:
            return
        old, self.countdown = self.countdown, self._new_countdown(deadline, now)
        self.countdown_slot.children = (self.countdown,)
        close_tree(old)  # with its own Layout

    # -- asking first ------------------------------------------------------------------------
    def mock_running(self) -> bool:
        """Whether a paper is on the desk and not yet marked (being written or being self-marked)."""
        return self.mock_exam is not None and self.mock_result is None

    def _ask(self, what: str | None, text: str = "") -> None:
        self._asking = what
        self.mock_confirm_text.value = f"<b>{_html(text)}</b>" if text else ""
        self.mock_confirm_yes.description = t("quizui.mock.confirm_new_yes" if what == "new" else "quizui.mock.confirm_yes",
                                              self.lang)
        _show(self.mock_confirm, what is not None)

    def ask_start_mock(self) -> None:
        """The start button: a new paper at once, or — while a paper runs — ask first."""
        if self.mock_running():
            self._ask("new", t("quizui.mock.confirm_new", self.lang))
        else:
            self.start_mock()

    def ask_submit_mock(self) -> None:
        """The hand-in button: ask first (how many questions are unanswered); the marking step does not ask."""
        if self.mock_exam is None or self.mock_result is not None:
            return
        if self.mock_handed_in is not None:
            self.submit_mock()
            return
        unanswered = sum(1 for c in self.mock_cards if not c.is_answered())
        self._ask("submit", t("quizui.mock.confirm_submit", self.lang, n=unanswered))

    def _confirmed(self) -> None:
        what = self._asking
        self._ask(None)
        if what == "new":
            self.start_mock()
        elif what == "submit":
            self.submit_mock()

    # -- the running paper: saved, resumed, timed --------------------------------------------
    def _watch(self, cards: list[QuestionCard]) -> None:
        for c in cards:
            for w in _inputs_of(c):
                w.observe(self._answer_changed, names="value")

    def _answer_changed(self, _change=None) -> None:
        if self._restoring or not self.mock_running():
            return
        if self.mock_handed_in is None and self.clock() >= self.mock_exam.deadline:
            self._revert_to_saved()  # an answer given after the time is up does not count
            self._time_up()
            return
        self._save_running()

    def _save_running(self) -> None:
        """Save the running paper (ids, answers so far, clock); a failure is shown, not raised."""
        exam = self.mock_exam
        if exam is None or self.store is None:
            return
        answers = {c.question.id: c.response() for c in self.mock_cards if c.is_answered()}
        try:
            self.store.save_running_paper(
                self.mock_paper_id, [(s.qtype, s.marks_each, s.question_ids) for s in exam.sections],
                started_at=exam.started_at, deadline=exam.deadline, answers=answers, handed_in_at=self.mock_handed_in)
        except (ServiceLabError, *UNAVAILABLE) as exc:  # read-only or vanished file: the paper goes on, unsaved
            err = exc if isinstance(exc, ServiceLabError) else _unavailable(exc, getattr(self, "path", None))
            if not self._save_failed:
                self.mock_error.value = error_html(err, self.lang)
            self._save_failed = True
        else:
            if self._save_failed:
                self.mock_error.value = ""
            self._save_failed = False

    def _revert_to_saved(self) -> None:
        """Put the cards back to the answers last saved (before the deadline)."""
        try:
            saved = self.store.running_paper() if self.store is not None else None
        except Exception:  # noqa: BLE001 - nothing to go back to: the answers stay as they are
            return
        if saved is None or saved["paper_id"] != self.mock_paper_id:
            return
        self._restoring = True
        try:
            for c in self.mock_cards:
                apply_response(c, saved["answers"].get(c.question.id))
        finally:
            self._restoring = False

    def _time_up(self) -> None:
        """The deadline has passed: hand the paper in by itself, at the deadline (written answers
        are then self-marked, without a time limit)."""
        if self.mock_exam is None or self.mock_handed_in is not None or self.mock_result is not None:
            return
        self._ask(None)
        self.submit_mock(at=min(self.clock(), self.mock_exam.deadline))
        if self.mock_handed_in is not None:
            note = f"<p style='color:#c62828'><b>{_html(t('quizui.mock.time_up', self.lang))}</b></p>"
            self.mock_report_box.value = note + self.mock_report_box.value

    def _show_paper(self, exam: qz.MockExam) -> None:
        lang = self.lang
        rows: list[W.Widget] = []
        cards: list[QuestionCard] = []
        for sec in exam.sections:
            rows.append(html_widget("<h4>" + _html(t("quizui.mock.section", lang, qtype=t(f"quiz.type.{sec.qtype}", lang),
                                                 n=len(sec.question_ids), each=_num(sec.marks_each),
                                                 marks=_num(sec.marks))) + "</h4>"))
            for qid in sec.question_ids:
                card = self._card(self.bank[qid], "mock", number=len(cards) + 1, marks=sec.marks_each)
                cards.append(card)
                rows.append(card)
        self.mock_exam, self.mock_cards, self.mock_result, self.mock_handed_in = exam, cards, None, None
        self.mock_submit.description = t("quizui.mock.submit", lang)
        replaced, self.mock_paper.children = self.mock_paper.children, rows
        for w in replaced:  # the paper it replaces: its widgets would otherwise live on in kernel and page
            close_tree(w)
        minutes = round((exam.deadline - exam.started_at).total_seconds() / 60)
        self.mock_deadline.value = "<b>" + _html(t(
            "quizui.mock.deadline", lang, n=len(cards), marks=_num(exam.total_marks), start=_local(exam.started_at),
            deadline=_local(exam.deadline), minutes=minutes)) + "</b>"
        self.mock_report_box.value = ""
        self.mock_resumed.value = ""
        self.mock_error.value = ""
        self.mock_submit.disabled = False
        _show(self.mock_submit, True)
        self._watch(cards)

    @guarded("mock_error")
    def start_mock(self) -> None:
        """Draw a timed paper (:func:`servicelab.quiz.paper.mock_exam`), show it, start its clock.

        A paper still running is abandoned (its answers are not recorded): the start button asks
        first (:meth:`ask_start_mock`)."""
        self._ask(None)
        start = self.clock()
        exam = qz.mock_exam(self.bank, self.rng, start, blueprint=self.blueprint, minutes=self.minutes.value)
        if self.store is not None and self.mock_paper_id:
            try:
                self.store.clear_running_paper(self.mock_paper_id)
            except (ServiceLabError, *UNAVAILABLE):
                pass  # an unwritable file: the new paper replaces it when it is saved, or stays unsaved
        self.mock_paper_id = str(uuid.uuid4())  # answers of this paper are stored once, however often it is handed in
        self._show_paper(exam)
        self._show_countdown(exam.deadline, now=start)
        self._save_running()

    def _resume_mock(self) -> None:
        """Resume the paper saved in the progress file, if any: same questions, answers and clock.

        A paper whose deadline passed while the page or kernel was away is handed in at once; one
        that was handed in and is being self-marked comes back to its marking step."""
        if self.store is None:
            return
        try:
            saved = self.store.running_paper()
        except Exception:  # noqa: BLE001 - an unreadable saved paper must not stop the panel; it is not resumed
            log.exception("the running mock paper could not be read")
            return
        if saved is None:
            return
        if not all(qid in self.bank for _q, _m, ids in saved["sections"] for qid in ids):
            try:  # the bank changed under it: it cannot come back
                self.store.clear_running_paper(saved["paper_id"])
            except (ServiceLabError, *UNAVAILABLE):
                pass
            return
        exam = qz.MockExam(tuple(qz.ExamSection(q, m, ids) for q, m, ids in saved["sections"]),
                           saved["started_at"], saved["deadline"])
        self.mock_paper_id = saved["paper_id"]
        self._show_paper(exam)
        self._restoring = True
        try:
            for c in self.mock_cards:
                if c.question.id in saved["answers"]:
                    try:
                        apply_response(c, saved["answers"][c.question.id])
                    except Exception:  # noqa: BLE001 - an answer that no longer fits its card is left out
                        pass
        finally:
            self._restoring = False
        n = len(saved["answers"])
        self.mock_resumed.value = _html(t("quizui.mock.resumed", self.lang, n=n))
        if saved["handed_in_at"] is not None:
            self.mock_handed_in = saved["handed_in_at"]
            self._to_marking()
            return
        now = self.clock()
        if now >= exam.deadline:
            self._time_up()
        else:
            self._show_countdown(exam.deadline, now=now)

    def _to_marking(self) -> int:
        """Lock every answer; open the key points of the answered written questions. Returns their number."""
        to_mark = [c for c in self.mock_cards if c.question.type in qz.SELF_ASSESSED_TYPES and c.is_answered()]
        self._show_countdown(None)
        for c in self.mock_cards:
            c.lock()
        for c in to_mark:
            c.start_marking()
        if to_mark:
            self.mock_submit.description = t("quizui.mock.finish_marking", self.lang)
            self.mock_report_box.value = f"<p><b>{_html(t('quizui.mock.marking', self.lang, n=len(to_mark)))}</b></p>"
        return len(to_mark)

    @guarded("mock_error")
    def submit_mock(self, at: datetime | None = None) -> qz.MockReport | None:
        """Hand in the paper: score every answered card, store them (mode "mock"), show the report.

        When written answers (term, short, essay, case) are on the paper, hand-in has two steps: the
        first press locks every answer and shows those questions' key points to tick (per part for
        a case); the second press ("finish marking") scores and stores everything. Returns the
        report, or None in between. The button asks first (:meth:`ask_submit_mock`); this method
        is the hand-in itself (also called when the time is up).
        """
        if self.mock_exam is None or self.mock_result is not None:
            return self.mock_result
        results: dict[str, qz.Result] = {}
        unreadable: list[str] = []
        for c in self.mock_cards:  # score everything first: nothing is stored while an answer is unreadable
            c.error.value = ""
            if c.is_answered():
                try:
                    results[c.question.id] = c.score()
                except ServiceLabError as err:
                    c.error.value = error_html(err, self.lang)
                    unreadable.append(str(self.mock_cards.index(c) + 1))
        if unreadable:
            raise ServiceLabError("quizui.error.mock_unreadable", numbers=", ".join(unreadable))
        if self.mock_handed_in is None:
            self.mock_handed_in = at if at is not None else self.clock()
            if self._to_marking():
                self._save_running()  # a reload now comes back to the marking step
                return None
        now = self.mock_handed_in
        # the answers, and forgetting the running paper, in one transaction
        self.store.finish_running_paper(self.mock_paper_id, results.values(), answered_at=now)
        self._show_countdown(None)
        report = qz.mock_report(self.mock_exam, results, self.bank, submitted_at=now)
        for c in self.mock_cards:
            c.show_result(results.get(c.question.id), saved=c.question.id in results and _saves(self.store))
        self.mock_result = report
        self.mock_submit.disabled = True
        self.mock_report_box.value = self._report_html(report, len(results))
        self.refresh_dashboard()
        return report

    def _report_html(self, report: qz.MockReport, n_recorded: int) -> str:
        lang = self.lang
        cols = ["n_questions", "n_correct", "marks", "possible", "percent"]
        header = [t(f"quizui.mock.col.{c}", lang) for c in cols]

        def rows(frame, label):
            return [[label(r.key), r.n_questions, r.n_correct, _num(round(r.marks, 2)), _num(r.possible),
                     f"{r.percent:.0f}%"] for r in frame.itertuples(index=False)]

        by_type = table_html([t("quizui.qtype", lang), *header],
                             rows(report.by_type, lambda k: t(f"quiz.type.{k}", lang)), "sl-quiz-report-type")
        by_chapter = table_html([t("quizui.chapter", lang), *header],
                                rows(report.by_chapter, lambda k: f"{k} · {self.titles.get(k, '')}"), "sl-quiz-report-chapter")
        total = t("quizui.mock.total", lang, total=_num(round(report.total, 2)), possible=_num(report.possible),
                  percent=f"{report.percent:.0f}%")
        over = f"<p style='color:#c62828'>{_html(t('quizui.mock.overtime', lang))}</p>" if report.overtime else ""
        return (f"<h3 class='sl-quiz-mock-total'>{_html(total)}</h3>{over}"
                f"<p>{_html(t('quizui.mock.recorded', lang, n=n_recorded))}</p>"
                f"<h4>{_html(t('quizui.mock.by_type', lang))}</h4>{by_type}"
                f"<h4>{_html(t('quizui.mock.by_chapter', lang))}</h4>{by_chapter}")
