"""The mock-exam tab: a timed paper, hand-in in one or two steps (written answers are self-marked),
the report by type and chapter.
"""
from __future__ import annotations

import uuid
from datetime import datetime

import ipywidgets as W

from ... import quiz as qz
from ...errors import ServiceLabError
from ...i18n import t
from ..common import error_html, guarded, table_html
from .card import QuestionCard, _box, _button, _html, _local, _num, _saves, _show


class PaperTab:
    """Mock-exam tab (:mod:`servicelab.quiz.paper`).

    Part of :class:`~servicelab.widgets.quiz.panel.ExamPrep`, which supplies ``lang``, ``bank``,
    ``store``, ``rng``, ``clock``, ``titles``, ``_card`` and ``refresh_dashboard``.
    """

    def _mock_pane(self) -> W.VBox:
        lang = self.lang
        self.minutes = W.BoundedIntText(value=120, min=5, max=300, step=5, description=t("quizui.mock.minutes", lang),
                                        style={"description_width": "initial"}, layout=W.Layout(width="260px"))
        self.minutes.add_class("sl-quiz-mock-minutes")
        start = _button("quizui.mock.start", "sl-quiz-mock-start", lang, button_style="primary", icon="clock-o")
        start.on_click(lambda _b: self.start_mock())
        self.mock_submit = _button("quizui.mock.submit", "sl-quiz-mock-submit", lang, button_style="success", icon="check")
        self.mock_submit.on_click(lambda _b: self.submit_mock())
        _show(self.mock_submit, False)
        self.mock_deadline = _box("sl-quiz-deadline")
        self.mock_report_box = _box("sl-quiz-mock-report")
        self.mock_error = _box("sl-error")
        self.mock_paper = W.VBox()
        self.mock_exam: qz.MockExam | None = None
        self.mock_cards: list[QuestionCard] = []
        self.mock_result: qz.MockReport | None = None
        self.mock_handed_in: datetime | None = None
        self.mock_paper_id = ""
        return W.VBox([W.HBox([self.minutes, start]), self.mock_deadline, self.mock_paper, self.mock_error,
                       self.mock_submit, self.mock_report_box])

    @guarded("mock_error")
    def start_mock(self) -> None:
        """Draw a timed paper (:func:`servicelab.quiz.paper.mock_exam`) and show it."""
        lang = self.lang
        exam = qz.mock_exam(self.bank, self.rng, self.clock(), minutes=self.minutes.value)
        rows: list[W.Widget] = []
        cards: list[QuestionCard] = []
        for sec in exam.sections:
            rows.append(W.HTML("<h4>" + _html(t("quizui.mock.section", lang, qtype=t(f"quiz.type.{sec.qtype}", lang),
                                                 n=len(sec.question_ids), each=_num(sec.marks_each),
                                                 marks=_num(sec.marks))) + "</h4>"))
            for qid in sec.question_ids:
                card = self._card(self.bank[qid], "mock", number=len(cards) + 1, marks=sec.marks_each)
                cards.append(card)
                rows.append(card)
        self.mock_exam, self.mock_cards, self.mock_result, self.mock_handed_in = exam, cards, None, None
        self.mock_paper_id = str(uuid.uuid4())  # answers of this paper are stored once, however often it is handed in
        self.mock_submit.description = t("quizui.mock.submit", lang)
        self.mock_paper.children = rows
        self.mock_deadline.value = "<b>" + _html(t(
            "quizui.mock.deadline", lang, n=len(cards), marks=_num(exam.total_marks), start=_local(exam.started_at),
            deadline=_local(exam.deadline), minutes=self.minutes.value)) + "</b>"
        self.mock_report_box.value = ""
        self.mock_submit.disabled = False
        _show(self.mock_submit, True)

    @guarded("mock_error")
    def submit_mock(self) -> qz.MockReport | None:
        """Hand in the paper: score every answered card, store them (mode "mock"), show the report.

        When written answers (term, short, essay) are on the paper, hand-in has two steps: the first
        press locks every answer and shows those questions' key points to tick; the second press
        ("finish marking") scores and stores everything. Returns the report, or None in between.
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
            self.mock_handed_in = self.clock()
            to_mark = [c for c in self.mock_cards if c.question.type in qz.SELF_ASSESSED_TYPES and c.is_answered()]
            for c in self.mock_cards:
                c.lock()
            if to_mark:
                for c in to_mark:
                    c.start_marking()
                self.mock_submit.description = t("quizui.mock.finish_marking", self.lang)
                self.mock_report_box.value = f"<p><b>{_html(t('quizui.mock.marking', self.lang, n=len(to_mark)))}</b></p>"
                return None
        now = self.mock_handed_in
        self.store.record_paper(self.mock_paper_id, results.values(), answered_at=now)  # one transaction
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
