"""The instructor's panel of class mode (issue 13): join details, peer instruction, the class survey.

Wiring only. The rounds are opened and closed through the session's
:class:`servicelab.classroom.store.ClassStore`; the numbers come from
:mod:`servicelab.models.peer_instruction` and :mod:`servicelab.io.class_survey` (which runs
chapter 05's and 08's own models), the charts from :mod:`servicelab.charts.classroom`,
:mod:`servicelab.charts.servqual` and :mod:`servicelab.charts.satisfaction`.

Live refresh: a daemon thread polls ``store.version()`` every :attr:`ClassPanel.poll` seconds
(0.25 s by default) and, when it changed, reads the store and updates the live charts' datasets in
place. Nothing it touches is bound to the thread that made it (the store's connection is shared
across threads under its lock, the widgets are plain traitlets), so it works the same in Voilà and
in JupyterLab, whose widget callbacks run on a kernel subshell thread.
"""
from __future__ import annotations

import base64
import html
import threading
from pathlib import Path

import ipywidgets as W

from ..charts import classroom as cc
from ..charts import satisfaction as satcharts
from ..charts import servqual as sqcharts
from ..errors import ServiceLabError
from ..i18n import t
from ..io import class_survey as cs
from ..models import peer_instruction as pi
from .common import fmt, guarded, html_widget, layout_style, own_layout, page_accessibility, table_html

#: Seconds between two looks at ``store.version()``.
POLL_SECONDS = 0.25
#: Smallest side of the QR code on the page (px): readable from the back of a lecture room.
QR_PX = 360


def _button(label: str, css: str, style: str = "") -> W.Button:
    b = W.Button(description=label, button_style=style, layout=W.Layout(width="auto", min_width="150px"))
    b.add_class(css)
    return b


class ClassPanel(W.VBox):
    """The instructor's panel for a running :class:`servicelab.classroom.session.ClassSession`.

    Parameters
    ----------
    session : ClassSession
        Its ``store``, ``code``, ``join_url`` and ``warning`` are used.
    lang : {"zh", "en"}
    chapter : str, optional
        Preselect the bank's chapter (``"05"``).
    question_id : str, optional
        Preselect a single- or multiple-choice question of the bank.
    service : dict, optional
        ``{"zh": …, "en": …}``: the service the class rates in the survey.
    form : {"short", "full"}
        The survey form (:func:`servicelab.io.class_survey.survey_spec`).
    poll : float
        Seconds between looks at the store; ``0`` starts no thread (call :meth:`refresh`).
    bank : servicelab.quiz.Bank, optional
        Default the project's bank (:func:`servicelab.quiz.load_bank`).
    """

    def __init__(self, session, lang: str = "zh", *, chapter: str | None = None, question_id: str | None = None,
                 service: dict | None = None, form: str = "short", poll: float = POLL_SECONDS, bank=None) -> None:
        from ..quiz import CHOICE_TYPES, load_bank

        self.session, self.store, self.lang, self.poll = session, session.store, lang, float(poll)
        self.service, self.form = dict(service or {}), cs._check_form(form)
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._version = None
        self.reveal = False
        self.bank = bank if bank is not None else load_bank()
        self.questions = [q for q in self.bank if q.type in CHOICE_TYPES]
        self.error = html_widget()
        self.error.add_class("sl-error")

        # -- joining ------------------------------------------------------------------------
        self.join = html_widget(self._join_html())
        self.join.add_class("sl-class-join")
        self.count = html_widget()
        self.count.add_class("sl-class-count")
        self.count.add_class("sl-live")
        self.status = html_widget()
        self.status.add_class("sl-class-status")
        self.status.add_class("sl-live")

        # -- peer instruction ---------------------------------------------------------------
        chapters = sorted({q.chapter for q in self.questions})
        if question_id is not None:
            chapter = self.bank.get(question_id).chapter
        self.chapter = W.Dropdown(options=chapters, value=chapter if chapter in chapters else chapters[0],
                                  description=t("classpanel.ui.chapter", lang), style={"description_width": "initial"})
        self.chapter.add_class("sl-class-chapter")
        self.concept = W.Dropdown(description=t("classpanel.ui.concept", lang), style={"description_width": "initial"})
        self.concept.add_class("sl-class-concept")
        self.question = W.Dropdown(description=t("classpanel.ui.question", lang), style={"description_width": "initial"},
                                   layout=W.Layout(width="min(100%, 640px)"))
        self.question.add_class("sl-class-question")
        self._fill_concepts()
        if question_id is not None:
            self.concept.value = ""
            self.question.value = question_id
        self.preview = html_widget()
        self.preview.add_class("sl-class-preview")
        self.start1 = _button(t("classpanel.ui.start1", lang), "sl-class-start1", "primary")
        self.toggle = _button(t("classpanel.ui.show", lang), "sl-class-toggle")
        self.reveal_button = _button(t("classpanel.ui.reveal", lang), "sl-class-reveal")
        self.close_button = _button(t("classpanel.ui.close", lang), "sl-class-close", "warning")
        self.start2 = _button(t("classpanel.ui.start2", lang), "sl-class-start2", "primary")
        self.shift_button = _button(t("classpanel.ui.shift", lang), "sl-class-shift")
        self.hidden = True
        q = self._question()
        self.votes_chart = cc.VOTES.live(cc.VoteView(pi.vote_counts({}, q.option_keys, sorted(q.answer_keys)), hidden=True),
                                         lang)
        self.votes_chart.add_class("sl-class-votes")
        self.shift_box = W.VBox()
        self.shift_box.add_class("sl-class-shift-box")
        self.shift_chart = None
        self.shift_summary = html_widget()
        self.shift_summary.add_class("sl-class-shift-summary")

        # -- survey -------------------------------------------------------------------------
        self.service_name = W.Text(value=self.service.get(lang, ""), placeholder=t("servqual.label.service_placeholder", lang),
                                   description=t("servqual.label.service_name", lang), style={"description_width": "initial"})
        self.service_name.add_class("sl-class-service")
        self.form_choice = W.ToggleButtons(options=[(t(f"classpanel.ui.form.{f}", lang), f) for f in cs.FORMS],
                                           value=self.form, style={"button_width": "auto"})
        self.form_choice.add_class("sl-class-form")
        self.start_survey = _button(t("classpanel.ui.start_survey", lang), "sl-class-start-survey", "primary")
        self.close_survey = _button(t("classpanel.ui.close", lang), "sl-class-close-survey", "warning")
        self.csv_path = W.Text(value="class_survey.csv", description=t("classpanel.ui.csv_path", lang),
                               style={"description_width": "initial"})
        self.csv_path.add_class("sl-class-csv-path")
        self.save_button = _button(t("classpanel.ui.save", lang), "sl-class-save")
        self.saved = html_widget()
        self.saved.add_class("sl-class-saved")
        self.gaps = html_widget()
        self.gaps.add_class("sl-class-gaps")
        self.gaps.add_class("sl-live")
        self.alpha = html_widget()
        self.alpha.add_class("sl-class-alpha")
        self.nps = html_widget()
        self.nps.add_class("sl-class-nps")
        self.survey_charts = W.Box(layout=W.Layout(flex_flow="row wrap"))
        self.survey_charts.add_class("sl-class-survey-charts")
        self.radar_chart = self.ep_chart = self.ipa_chart = None
        self.results = None

        # -- reset (asks first) ---------------------------------------------------------------
        self.reset_button = _button(t("classpanel.ui.reset", lang), "sl-class-reset", "danger")
        self.confirm_text = html_widget(t("classpanel.ui.reset_confirm", lang))
        self.confirm_yes = _button(t("classpanel.ui.reset_yes", lang), "sl-class-reset-yes", "danger")
        self.confirm_no = _button(t("classpanel.ui.reset_no", lang), "sl-class-reset-no")
        self.confirm = W.HBox([self.confirm_text, self.confirm_yes, self.confirm_no], layout=W.Layout(display="none"))
        self.confirm.add_class("sl-class-confirm")
        self.stop_button = _button(t("classpanel.ui.stop", lang), "sl-class-stop")

        # -- wiring ---------------------------------------------------------------------------
        self.chapter.observe(lambda _c: self._fill_concepts(), names="value")
        self.concept.observe(lambda _c: self._fill_questions(), names="value")
        self.question.observe(lambda _c: self._show_question(), names="value")
        self.start1.on_click(lambda _b: self.start_round(1))
        self.start2.on_click(lambda _b: self.start_round(2))
        self.toggle.on_click(lambda _b: self.show_distribution(self.hidden))
        self.reveal_button.on_click(lambda _b: self.reveal_answer(not self.reveal))
        self.close_button.on_click(lambda _b: self.close_round())
        self.close_survey.on_click(lambda _b: self.close_round())
        self.shift_button.on_click(lambda _b: self.show_shift())
        self.start_survey.on_click(lambda _b: self.start_survey_round())
        self.save_button.on_click(lambda _b: self.save_csv())
        self.reset_button.on_click(lambda _b: self.ask_reset())
        self.confirm_yes.on_click(lambda _b: self.confirm_reset(True))
        self.confirm_no.on_click(lambda _b: self.confirm_reset(False))
        self.stop_button.on_click(lambda _b: self.stop(session=True))

        pi_box = W.VBox([W.HBox([self.chapter, self.concept], layout=W.Layout(flex_flow="row wrap")), self.question,
                         self.preview,
                         W.HBox([self.start1, self.toggle, self.reveal_button, self.close_button, self.start2, self.shift_button],
                                layout=W.Layout(flex_flow="row wrap")),
                         self.votes_chart, self.shift_box])
        survey_box = W.VBox([W.HBox([self.service_name, self.form_choice], layout=W.Layout(flex_flow="row wrap")),
                             W.HBox([self.start_survey, self.close_survey]),
                             self.gaps, self.survey_charts, self.alpha, self.nps,
                             W.HBox([self.csv_path, self.save_button], layout=W.Layout(flex_flow="row wrap")), self.saved])
        self.tabs = W.Tab(children=[pi_box, survey_box])
        self.tabs.add_class("sl-tabs")
        for i, key in enumerate(("classpanel.ui.tab_pi", "classpanel.ui.tab_survey")):
            self.tabs.set_title(i, t(key, lang))
        super().__init__([layout_style(), self.join, self.count, self.status, self.error, self.tabs,
                          W.HBox([self.reset_button, self.stop_button]), self.confirm,
                          page_accessibility()])
        self.add_class("sl-class-panel")
        self._show_question()
        self.refresh()
        if self.poll > 0:
            self.start()

    # -- live refresh ---------------------------------------------------------------------------
    def start(self) -> None:
        """Start the polling thread (once)."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="servicelab-class-panel", daemon=True)
        self._thread.start()

    def stop(self, *, session: bool = False) -> None:
        """Stop the polling thread; with ``session=True`` also stop the class server."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2)
        if session:
            self.session.stop()
            self.status.value = html.escape(t("classpanel.ui.stopped", self.lang))

    def _run(self) -> None:
        while not self._stop.wait(self.poll):
            try:
                version = self.store.version()
            except Exception:  # noqa: BLE001 - the store was closed: stop quietly
                return
            if version != self._version:
                self.refresh()

    @guarded()
    def refresh(self) -> None:
        """Read the store and update the count and the charts of the current round."""
        with self._lock:
            self._version = self.store.version()
            current = self.store.current_round()
            if current is None:
                self.count.value = html.escape(t("classpanel.ui.no_round", self.lang))
                return
            n = self.store.count(current.id)
            state = t("classpanel.ui.open" if current.open else "classpanel.ui.closed", self.lang)
            self.count.value = (f"<span style='font-size:28px;font-weight:bold'>"
                                f"{html.escape(t('classpanel.ui.count', self.lang, n=n))}</span> · {html.escape(state)}")
            if current.kind == "choice":
                self._refresh_votes(current)
            else:
                self._refresh_survey(current)

    def _refresh_votes(self, rnd) -> None:
        spec = rnd.spec
        q = self.bank.get(spec["question_id"]) if spec.get("question_id") in self.bank else None
        correct = sorted(q.answer_keys) if q is not None else None
        counts = pi.vote_counts(self.store.answers(rnd.id), spec["options"], correct)
        self.last_counts = counts
        cc.VOTES.update(self.votes_chart, cc.VoteView(counts, hidden=self.hidden, reveal=self.reveal), self.lang)
        if self.shift_chart is not None and spec.get("phase") == 2:
            self.show_shift()

    def _refresh_survey(self, rnd) -> None:
        answers = self.store.answers(rnd.id)
        if answers.empty:
            self.gaps.value = html.escape(t("classpanel.error.no_answers", self.lang))
            return
        res = self.results = cs.class_results(answers, rnd.spec, self.lang)
        lang, dims = self.lang, res.servqual.dimensions
        rows = [[t(f"servqual.dimension.{d}", lang), fmt(e, 2, False), fmt(p, 2, False), fmt(g)]
                for d, e, p, g in zip(dims["dimension"], dims["expectation"], dims["perception"], dims["gap"])]
        rows.append([t("servqual.label.unweighted", lang), "", "", fmt(res.servqual.unweighted)])
        if res.servqual.weighted is not None:
            rows.append([t("servqual.label.weighted", lang), "", "", fmt(res.servqual.weighted)])
        self.gaps.value = (f"<p><b>{html.escape(t('classpanel.ui.gaps_title', lang, n=res.n))}</b></p>"
                           + table_html([t("servqual.label.dimension", lang), t("servqual.label.expectation", lang),
                                         t("servqual.label.perception", lang), t("servqual.label.gap", lang)],
                                        rows, "sl-class-gap-table", ["left", "right", "right", "right"]))
        if self.radar_chart is None:
            self.ep_chart = sqcharts.EXPECTATION_PERCEPTION.live(dims, lang)
            self.radar_chart = sqcharts.RADAR.live(dims, lang)
            self.radar_chart.add_class("sl-class-radar")
            self.ipa_chart = satcharts.IPA_GRID.live(res.ipa, lang) if res.ipa is not None else None
            self.survey_charts.children = [c for c in (self.radar_chart, self.ep_chart, self.ipa_chart) if c is not None]
        else:
            sqcharts.EXPECTATION_PERCEPTION.update(self.ep_chart, dims, lang)
            sqcharts.RADAR.update(self.radar_chart, dims, lang)
            if self.ipa_chart is not None and res.ipa is not None:
                satcharts.IPA_GRID.update(self.ipa_chart, res.ipa, lang)
        if res.alpha is not None:
            a = res.alpha
            arows = [[t(f"servqual.dimension.{d}", lang), r, str(k), str(n), fmt(x, 2, False)]
                     for d, r, k, n, x in zip(a["dimension"], a["rating"], a["k"], a["n"], a["alpha"])]
            self.alpha.value = table_html([t("servqual.label.dimension", lang), t("servqual.label.kind", lang),
                                           t("classpanel.ui.alpha_k", lang), t("classpanel.ui.alpha_n", lang), "α"],
                                          arows, "sl-class-alpha-table")
        else:
            key = "classpanel.ui.alpha_short" if res.alpha_note == "short_form" else "classpanel.ui.alpha_wait"
            self.alpha.value = html.escape(t(key, lang, n=cs.MIN_ALPHA_N, have=res.n))
        if res.nps is not None:
            r = res.nps
            self.nps.value = html.escape(t("classpanel.ui.nps", lang, nps=fmt(r.nps, 0), promoters=r.promoters,
                                           passives=r.passives, detractors=r.detractors))

    # -- peer instruction -------------------------------------------------------------------------
    def _fill_concepts(self) -> None:
        ch = self.chapter.value
        concepts = sorted({c for q in self.questions if q.chapter == ch for c in q.concepts})
        self.concept.options = [(t("classpanel.ui.all_concepts", self.lang), ""), *[(c, c) for c in concepts]]
        self.concept.value = ""
        self._fill_questions()

    def _fill_questions(self) -> None:
        ch, concept = self.chapter.value, self.concept.value
        qs = [q for q in self.questions if q.chapter == ch and (not concept or concept in q.concepts)]
        self.question.options = [(f"{q.id} · {q.prompt.get(self.lang)[:60]}", q.id) for q in qs]
        if qs:
            self.question.value = qs[0].id

    def _question(self):
        return self.bank.get(self.question.value)

    def _show_question(self) -> None:
        q = self._question()
        kind = t(f"classpanel.ui.type.{q.type}", self.lang)
        opts = "".join(f"<li><b>{html.escape(o.key)}</b>. {html.escape(o.text.get(self.lang))}</li>" for o in q.options)
        self.preview.value = (f"<div style='font-size:20px'><p>{html.escape(q.prompt.get(self.lang))} "
                              f"<i>({html.escape(kind)})</i></p><ol style='list-style:none'>{opts}</ol></div>")

    def choice_spec(self, phase: int) -> dict:
        """The round spec of the selected question (no answer key in it: the phones see it)."""
        return pi.choice_round_spec(self._question(), phase)

    @guarded()
    def start_round(self, phase: int) -> None:
        """Open round ``phase`` (1 or 2) of the selected question; the distribution starts hidden."""
        with self._lock:
            self.store.open_round(self.choice_spec(phase))
            self.hidden, self.reveal = True, False
            self.toggle.description = t("classpanel.ui.show", self.lang)
            self.status.value = html.escape(t(f"classpanel.ui.started{phase}", self.lang))
        self.refresh()

    def show_distribution(self, show: bool = True) -> None:
        """Show (or hide) the vote distribution on the projector."""
        self.hidden = not show
        self.toggle.description = t("classpanel.ui.hide" if show else "classpanel.ui.show", self.lang)
        self.refresh()

    def reveal_answer(self, reveal: bool = True) -> None:
        """Mark (or unmark) the correct option on the chart."""
        self.reveal = bool(reveal)
        self.refresh()

    @guarded()
    def close_round(self) -> None:
        """Close the open round (phones can no longer answer or change their answer)."""
        with self._lock:
            self.store.close_round()
            self.status.value = html.escape(t("classpanel.ui.closed_now", self.lang))
        self.refresh()

    def _shift_question(self):
        """The question of the open (or last) choice round, else the one selected in the picker."""
        current = self.store.current_round()
        if current is not None and current.kind == "choice" and current.spec.get("question_id") in self.bank:
            return self.bank.get(current.spec["question_id"])
        return self._question()

    @guarded()
    def show_shift(self) -> None:
        """Draw the vote shift between round 1 and round 2 of the selected question."""
        with self._lock:
            q = self._shift_question()
            r1, r2 = pi.peer_rounds(self.store.rounds(), q.id)
            shift = self.last_shift = pi.vote_shift(self.store.answers(r1.id), self.store.answers(r2.id),
                                                    r2.spec["options"], sorted(q.answer_keys))
            if self.shift_chart is None:
                self.shift_chart = cc.SHIFT.live(shift, self.lang)
                self.shift_chart.add_class("sl-class-shift-chart")
                self.shift_box.children = [self.shift_chart, self.shift_summary]
            else:
                cc.SHIFT.update(self.shift_chart, shift, self.lang)
            s = shift.summary
            self.shift_summary.value = html.escape(t(
                "classpanel.ui.shift_summary", self.lang, before=fmt(100 * s.correct_before, 0, False),
                after=fmt(100 * s.correct_after, 0, False), to=s.moved_to_correct, away=s.moved_away_from_correct,
                both=s.n_both))

    # -- survey -----------------------------------------------------------------------------------
    def survey_spec(self) -> dict:
        name = self.service_name.value.strip()
        service = {**self.service, **({"zh": name, "en": name} if name else {})}
        return cs.survey_spec(service or None, form=self.form_choice.value)

    @guarded()
    def start_survey_round(self) -> None:
        """Open the class survey round."""
        with self._lock:
            self.store.open_round(self.survey_spec())
            self.status.value = html.escape(t("classpanel.ui.survey_started", self.lang))
            self.tabs.selected_index = 1
        self.refresh()

    def _survey_round(self):
        rounds = [r for r in self.store.rounds() if r.kind == "survey"]
        if not rounds:
            raise ServiceLabError("classpanel.error.no_survey")
        return max(rounds, key=lambda r: r.id)

    @guarded()
    def save_csv(self) -> str:
        """Write the latest survey round's answers as a CSV that ``read_survey`` reads back; offer a download."""
        rnd = self._survey_round()
        answers = self.store.answers(rnd.id)
        path = Path(self.csv_path.value.strip() or "class_survey.csv")
        text = cs.survey_csv(answers, rnd.spec, path)
        data = base64.b64encode(text.encode("utf-8")).decode("ascii")
        self.saved.value = (html.escape(t("classpanel.ui.saved", self.lang, n=len(answers), file=str(path))) +
                            f" <a download='{html.escape(path.name)}' href='data:text/csv;base64,{data}'>"
                            f"{html.escape(t('classpanel.ui.download', self.lang))}</a>")
        return text

    # -- reset --------------------------------------------------------------------------------------
    def ask_reset(self) -> None:
        """Show the confirm step; nothing is deleted yet."""
        own_layout(self.confirm).display = None

    @guarded()
    def confirm_reset(self, yes: bool) -> None:
        """Delete every round and answer when ``yes``; hide the confirm step either way."""
        own_layout(self.confirm).display = "none"
        if not yes:
            return
        with self._lock:
            self.store.reset()
            self.shift_chart, self.shift_box.children = None, []
            self.radar_chart = self.ep_chart = self.ipa_chart = None
            self.survey_charts.children = []
            self.gaps.value = self.alpha.value = self.nps.value = self.saved.value = ""
            self.status.value = html.escape(t("classpanel.ui.reset_done", self.lang))
        self.refresh()

    def _join_html(self) -> str:
        from ..classroom.join import qr_svg

        s, lang = self.session, self.lang
        svg = qr_svg(s.join_url, fill=True)
        warning = (f"<p class='sl-class-warning' role='alert' style='color:#8a1c1c'><b>{html.escape(s.warning)}</b></p>"
                   if getattr(s, "warning", None) else "")
        return (f"<div style='display:flex;flex-wrap:wrap;gap:24px;align-items:center'>"
                f"<div class='sl-class-qr' role='img' aria-label='{html.escape(t('classpanel.ui.qr_label', lang))}' "
                f"style='width:{QR_PX}px;height:{QR_PX}px;min-width:{QR_PX}px'>"
                f"{svg}</div>"
                f"<div><p style='font-size:20px'>{html.escape(t('classpanel.ui.join', lang))}</p>"
                f"<p class='sl-class-url' style='font-size:22px;font-family:monospace'>{html.escape(s.join_url)}</p>"
                f"<p style='font-size:20px'>{html.escape(t('classpanel.ui.code', lang))} "
                f"<b class='sl-class-code' style='font-size:44px;letter-spacing:6px;font-family:monospace'>"
                f"{html.escape(s.code)}</b></p>{warning}</div></div>")

