"""Exam-prep panels: one question card, the chapter "check yourself" box, and notebook 12's ExamPrep.

The widgets only wire: they read the learner's inputs, call :mod:`servicelab.models.quiz` /
:mod:`servicelab.quiz.schedule` for the scoring and the choice of questions, store the results
with :mod:`servicelab.storage.progress`, and show feedback. No scoring happens here.

Elements a test or a browser needs carry ``sl-quiz-…`` CSS classes: ``sl-quiz-question`` (the
prompt), ``sl-quiz-options`` (choices), ``sl-quiz-number`` / ``sl-quiz-text`` (typed answers),
``sl-quiz-reveal`` and ``sl-quiz-keypoints`` (self-assessment), ``sl-quiz-submit`` and
``sl-quiz-feedback``.
"""
from __future__ import annotations

import html
import json
import os
import random
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import ipywidgets as W

from ..errors import ServiceLabError
from ..i18n import t
from ..io.jupyterquiz import write_jupyterquiz
from ..models import quiz as qz
from ..quiz import schedule as sched
from ..storage.progress import (
    IN_MEMORY,
    RESET_TOKEN,
    ProgressFileError,
    ProgressStore,
    ProgressWriteError,
    default_db_path,
    open_progress,
    resolve_export_path,
)
from .common import error_html, guarded, layout_style, page_accessibility, table_html

Clock = Callable[[], datetime]
PRACTICE_ROUND = 10
#: Dropdown value for "all" (a None value would show as an empty selection in the browser).
ALL = ""
#: What opening the progress file can raise besides ProgressFileError: a read-only or missing home,
#: permission denied, a file where the folder should be (OSError); SQLite unable to open or locked.
UNAVAILABLE = (OSError, RuntimeError, sqlite3.Error, ProgressWriteError)


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _aware(when: datetime) -> datetime:
    return when.astimezone(timezone.utc) if when.tzinfo is not None else when.replace(tzinfo=timezone.utc)


def _entropy() -> int:
    """A fresh seed for a panel made without one: 64 bits from ``os.urandom`` (the time if the OS has none)."""
    try:
        return int.from_bytes(os.urandom(8), "big")
    except NotImplementedError:  # pragma: no cover - every supported OS has urandom
        return time.time_ns()


def _seed(seed: int | None) -> int:
    """``seed`` itself, or a fresh one from :func:`_entropy` for ``None`` (a new draw on every run)."""
    return _entropy() if seed is None else int(seed)


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _num(x: float) -> str:
    """A number without trailing zeros (3.85, 10, 0.5)."""
    return f"{x:.6g}"


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _local(when: datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def chapter_titles(lang: str = "zh") -> dict[str, str]:
    """Chapter number → notebook title (:func:`servicelab.models.quiz.load_curriculum`, cached)."""
    return qz.load_curriculum().chapter_titles(lang)


def _concepts(lang: str) -> list[tuple[str, str, str]]:
    """(concept id, chapter, title) in curriculum order."""
    return [(cid, nb[:2], title.get(lang)) for cid, nb, title in qz.load_curriculum().concepts]


def _saves(store: ProgressStore | None) -> bool:
    """Whether answers given to ``store`` reach a file (an in-memory store keeps them this session only)."""
    return store is not None and not getattr(store, "in_memory", False)


def _unavailable(exc: BaseException, path: Path | None) -> ServiceLabError:
    """The bilingual "progress cannot be saved" error for an OS / SQLite failure to open the file."""
    if isinstance(exc, ServiceLabError):  # ProgressWriteError: already says why
        return exc
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return ServiceLabError("quizui.error.no_store_os", path=str(path) if path is not None else "-", reason=reason)


def _store_note(store: ProgressStore, lang: str) -> str:
    """The message for a sound progress file that cannot be written and was opened as a copy ("" otherwise)."""
    why = getattr(store, "read_only_reason", None)
    if why is None:
        return ""
    return error_html(ServiceLabError("quizui.error.read_only", detail=why.message(lang)), lang)


def _box(css: str) -> W.HTML:
    w = W.HTML()
    w.add_class(css)
    return w


#: Background for white button text at >= 4.5 : 1 (WCAG AA), for the ipywidgets button styles whose
#: default colours are too light: success #388e3c is 4.1 : 1, warning #f57c00 2.7 : 1, info #0097a7 3.3 : 1.
BUTTON_COLOURS = {"success": "#2e7d32", "warning": "#a35200", "info": "#00707c"}


def _button(key: str, css: str, lang: str, **kwargs) -> W.Button:
    b = W.Button(description=t(key, lang), layout=W.Layout(width="auto", align_self="flex-start"), **kwargs)
    if b.button_style in BUTTON_COLOURS:
        b.style.button_color = BUTTON_COLOURS[b.button_style]
    b.add_class(css)
    return b


def _show(widget: W.DOMWidget, visible: bool) -> None:
    widget.layout.display = None if visible else "none"


# ============================================================================ feedback
def feedback_html(question: qz.Question, result: qz.Result | None, lang: str = "zh") -> str:
    """The feedback shown after a question is scored: verdict, the key, the explanation.

    ``result`` None means the question was left unanswered (mock exam).
    """
    q = question
    parts: list[str] = []
    if result is None:
        parts.append(f"<b>{_html(t('quizui.feedback.unanswered', lang))}</b>")
    elif q.type in qz.SELF_ASSESSED_TYPES:
        share = result.score / result.max_score if result.max_score else 0.0
        parts.append("<b>" + _html(t("quizui.feedback.self_score", lang, ticked=len(result.response["ticked"]),
                                     total=len(q.key_points), percent=_pct(share))) + "</b>")
    else:
        verdict = t("quiz.feedback.correct" if result.correct else "quiz.feedback.wrong", lang)
        color = "#2e7d32" if result.correct else "#c62828"
        parts.append(f"<b style='color:{color}'>{_html(verdict)}</b>")
    if q.type == "single":
        key = next(o for o in q.options if o.key == q.answer)
        parts.append(_html(t("quizui.feedback.key_single", lang, key=f"{key.key}. {key.text.get(lang)}")))
    elif q.type == "multiple":
        picked = "".join(result.response) if result is not None and result.response else "–"
        parts.append(_html(t("quizui.feedback.key_multiple", lang, keys="".join(q.answer), picked=picked)))
        if result is not None:
            parts.append(_html(t("quizui.feedback.exam_rule", lang, score=_num(result.score))))
            parts.append(_html(t("quizui.feedback.partial", lang, percent=_pct(result.partial_credit))))
    elif q.type == "true_false":
        parts.append(_html(t("quizui.feedback.key_single", lang,
                             key=t("quiz.answer.true" if q.answer else "quiz.answer.false", lang))))
    elif q.type == "numeric":
        value = result.response["value"] if result is not None and isinstance(result.response, dict) else None
        parts.append(_html(t("quizui.feedback.key_numeric", lang,
                             answer=_num(float(q.answer)) if q.decimals is None else f"{float(q.answer):.{q.decimals}f}",
                             unit=q.unit.get(lang) if q.unit else "", tolerance=_num(q.accepted_tolerance),
                             value="–" if value is None else _num(value))))
    else:
        ticked = set(result.response["ticked"]) if result is not None else set()
        items = "".join(f"<li>{'✓' if i in ticked else '✗'} {_html(k.get(lang))}</li>" for i, k in enumerate(q.key_points))
        parts.append(f"<ul style='margin:2px 0'>{items}</ul>")
    parts.append(f"<b>{_html(t('quizui.feedback.explanation', lang))}</b>: {_html(q.explanation.get(lang))}")
    return ("<div style='border-left:4px solid #4e79a7;background:#f4f7fb;padding:6px 10px;margin:4px 0'>"
            + "<br>".join(parts) + "</div>")


# ============================================================================ QuestionCard
class QuestionCard(W.VBox):
    """One question of any type, answered, scored, stored and explained.

    Parameters
    ----------
    question : Question
        From :func:`servicelab.models.quiz.load_bank`.
    lang : {"zh", "en"}
    store : ProgressStore, optional
        Where the scored answer is recorded (:meth:`ProgressStore.record_answer`); None = not saved.
    mode : {"practice", "mock", "review"}
        Recorded with the answer. In ``"mock"`` mode the card has no submit button: the mock
        paper scores every card at hand-in (:meth:`score` and :meth:`show_result`).
    number : int, optional
        Question number shown in the header.
    marks : float, optional
        Marks shown in the header (mock paper).
    clock : callable, optional
        Returns the answer time (UTC now by default; tests pass a fixed time).

    Attributes
    ----------
    result : Result or None
        Set once the answer is submitted.

    Notes
    -----
    Single choice and true/false use radio buttons, multiple choice check boxes, a calculation a
    text box read by :func:`servicelab.models.quiz.parse_number` (an unreadable number shows a
    bilingual error and keeps the text), and term / short / essay a text area: the learner writes,
    reveals the key points, ticks those covered and is scored ticked ÷ total.
    """

    def __init__(self, question: qz.Question, lang: str = "zh", store: ProgressStore | None = None,
                 mode: str = "practice", *, number: int | None = None, marks: float | None = None,
                 clock: Clock | None = None) -> None:
        self.question, self.lang, self.store, self.mode = question, lang, store, mode
        self.clock = clock or _utcnow
        self.result: qz.Result | None = None
        self._listeners: list[Callable[[qz.Result], None]] = []
        q = question
        head = t("quizui.question.header", lang, number=t("quizui.question.number", lang, n=number) if number else "",
                 qtype=t(f"quiz.type.{q.type}", lang), concepts=", ".join(q.concepts))
        if marks is not None:
            head += t("quizui.question.marks", lang, marks=_num(marks))
        self.prompt = W.HTML(f"<div style='color:#666;font-size:90%'>{_html(head)}</div>"
                             f"<div style='font-size:105%'>{_html(q.prompt.get(lang))}</div>")
        self.prompt.add_class("sl-quiz-question")
        self.error = _box("sl-error")
        self.feedback = _box("sl-quiz-feedback")
        self.feedback.add_class("sl-live")  # a polite live region: the verdict is read out (page_accessibility)
        self.submit_button = _button("quizui.submit_self" if q.type in qz.SELF_ASSESSED_TYPES else "quizui.submit",
                                     "sl-quiz-submit", lang, button_style="primary")
        self.submit_button.on_click(lambda _b: self.submit())
        self.choice: W.RadioButtons | None = None
        self.checks: list[W.Checkbox] = []
        self.number_input: W.Text | None = None
        self.text_input: W.Textarea | None = None
        self.point_checks: list[W.Checkbox] = []
        self.revealed = False
        body = self._inputs()
        children = [self.prompt, body, self.error]
        if mode != "mock":
            children.append(self.submit_button)
        children.append(self.feedback)
        super().__init__(children, layout=W.Layout(border="1px solid #ddd", padding="6px", margin="4px 0"))
        self.add_class("sl-quiz-card")

    def _inputs(self) -> W.Widget:
        q, lang = self.question, self.lang
        if q.type in ("single", "true_false"):
            if q.type == "single":
                options = [(f"{o.key}. {o.text.get(lang)}", o.key) for o in q.options]
            else:
                options = [(t("quiz.answer.true", lang), True), (t("quiz.answer.false", lang), False)]
            self.choice = W.RadioButtons(options=options, value=None, layout=W.Layout(width="auto"))
            self.choice.add_class("sl-quiz-options")
            return self.choice
        if q.type == "multiple":
            for o in q.options:
                cb = W.Checkbox(value=False, description=f"{o.key}. {o.text.get(lang)}", indent=False,
                                layout=W.Layout(width="auto"))
                cb.add_class(f"sl-quiz-option-{o.key}")
                self.checks.append(cb)
            box = W.VBox(self.checks)
            box.add_class("sl-quiz-options")
            return box
        if q.type == "numeric":
            self.number_input = W.Text(placeholder=t("quizui.number_placeholder", lang), tooltip=t("a11y.numeric_answer", lang))
            self.number_input.add_class("sl-quiz-number")
            unit = W.HTML(_html(t("quizui.unit", lang, unit=q.unit.get(lang))) if q.unit else "")
            return W.HBox([self.number_input, unit])
        self.text_input = W.Textarea(placeholder=t("quizui.your_answer", lang), tooltip=t("a11y.written_answer", lang),
                                     layout=W.Layout(width="95%", height="110px" if q.type == "essay" else "70px"))
        self.text_input.add_class("sl-quiz-text")
        self.reveal_button = _button("quizui.reveal_points", "sl-quiz-reveal", lang)
        self.reveal_button.on_click(lambda _b: self.reveal())
        self.point_checks = [W.Checkbox(value=False, description=k.get(lang), indent=False,
                                        layout=W.Layout(width="auto")) for k in q.key_points]
        self.points_box = W.VBox([W.HTML(_html(t("quizui.tick_points", lang))), *self.point_checks])
        self.points_box.add_class("sl-quiz-keypoints")
        _show(self.points_box, False)
        _show(self.submit_button, False)
        _show(self.reveal_button, self.mode != "mock")  # a mock paper shows the key points only after hand-in
        return W.VBox([self.text_input, self.reveal_button, self.points_box])

    # -- inputs -------------------------------------------------------------------------
    def reveal(self) -> None:
        """Show the key points to tick (term / short / essay)."""
        self.revealed = True
        _show(self.points_box, True)
        _show(self.submit_button, True)
        _show(self.reveal_button, False)

    def response(self) -> Any:
        """The learner's answer in the form :func:`servicelab.models.quiz.score_answer` takes."""
        q = self.question
        if self.choice is not None:
            return self.choice.value
        if q.type == "multiple":
            return [o.key for o, cb in zip(q.options, self.checks) if cb.value]
        if self.number_input is not None:
            return self.number_input.value
        return {"text": self.text_input.value, "ticked": [i for i, cb in enumerate(self.point_checks) if cb.value]}

    def is_answered(self) -> bool:
        """Whether the learner gave any answer (an empty card scores 0 in a mock paper)."""
        r = self.response()
        if isinstance(r, dict):
            return bool(r["text"].strip() or r["ticked"])
        if isinstance(r, list):
            return bool(r)
        if isinstance(r, str):
            return bool(r.strip())
        return r is not None

    def score(self) -> qz.Result:
        """Score the current answer (no storing, no display). Raises ServiceLabError for bad input."""
        return qz.score_answer(self.question, self.response())

    def on_answer(self, callback: Callable[[qz.Result], None]) -> None:
        """Call ``callback(result)`` after each successful submit."""
        self._listeners.append(callback)

    # -- outputs ------------------------------------------------------------------------
    @guarded()
    def submit(self) -> qz.Result | None:
        """Score → store → show feedback (errors are shown in the card, inputs kept)."""
        q = self.question
        if self.result is not None:
            return self.result
        if self.choice is not None and self.choice.value is None:
            raise ServiceLabError("quizui.error.no_choice", qid=q.id)
        if q.type in qz.SELF_ASSESSED_TYPES and not self.revealed:
            raise ServiceLabError("quizui.error.reveal_first", qid=q.id)
        result = self.score()
        if self.store is not None:
            self.store.record_answer(result, mode=self.mode, answered_at=self.clock())
        self.show_result(result, saved=_saves(self.store))
        for cb in self._listeners:
            cb(result)
        return result

    def lock(self, *, keep_points: bool = False) -> None:
        """Disable the answer inputs (the key-point ticks stay open with ``keep_points``)."""
        self.submit_button.disabled = True
        for w in (self.choice, self.number_input, self.text_input, *self.checks):
            if w is not None:
                w.disabled = True
        for w in self.point_checks:
            w.disabled = not keep_points

    def start_marking(self) -> None:
        """Mock paper after hand-in: lock the written answer, show the key points to tick."""
        self.lock(keep_points=True)
        self.revealed = True
        _show(self.points_box, True)
        _show(self.reveal_button, False)

    def show_result(self, result: qz.Result | None, *, saved: bool = False) -> None:
        """Show the feedback for ``result`` (None = unanswered) and lock the card."""
        self.result = result
        note = f"<div style='color:#666;font-size:85%'>{_html(t('quizui.feedback.saved', self.lang))}</div>" if saved else ""
        self.feedback.value = feedback_html(self.question, result, self.lang) + note
        self.lock()
        if self.question.type in qz.SELF_ASSESSED_TYPES:
            _show(self.points_box, True)
            _show(self.reveal_button, False)


# ============================================================================ CheckYourself
def _open_store_quietly(lang: str) -> tuple[ProgressStore | None, str]:
    """The default progress store, or None and an error box (answers are then scored, not saved)."""
    path: Path | None = None
    try:
        path = default_db_path()
        store = open_progress(path, read_only_ok=True)
        return store, _store_note(store, lang)
    except ProgressFileError as err:
        return None, error_html(ServiceLabError("quizui.error.no_store", detail=err.message(lang)), lang)
    except UNAVAILABLE as exc:
        return None, error_html(ServiceLabError("quizui.error.no_store", detail=_unavailable(exc, path).message(lang)), lang)


class CheckYourself(W.VBox):
    """One bank question at the end of a chapter notebook.

    Parameters
    ----------
    concept_or_question_ids : str or sequence of str
        Concept ids (``"C4.7"``: any question listing that concept) and/or question ids
        (``"Q-C4.7-single-01"``: exactly that question).
    lang : {"zh", "en"}
    seed : int, optional
        Seeds the choice among the matching questions (same seed, same question). None (the
        default) draws a fresh seed from the OS, so each run of the notebook shows another
        question; the seed used is kept in :attr:`seed`.
    store : ProgressStore, optional
        The default progress file when omitted; if it cannot be opened the question still works
        and a note says answers are not saved.
    bank : Bank, optional
        The shipped bank by default.

    Examples
    --------
    >>> box = CheckYourself("Q-C1.1-single-01", "en", store=False)
    >>> box.card.question.id
    'Q-C1.1-single-01'
    """

    def __init__(self, concept_or_question_ids: str | Iterable[str], lang: str = "zh", *, seed: int | None = None,
                 store: ProgressStore | None | bool = None, bank: qz.Bank | None = None) -> None:
        self.lang = lang
        self.bank = bank if bank is not None else qz.load_bank()
        ids = [concept_or_question_ids] if isinstance(concept_or_question_ids, str) else list(concept_or_question_ids)
        pool: dict[str, qz.Question] = {}
        for item in ids:
            for q in ([self.bank[item]] if item in self.bank else self.bank.by_concept(item)):
                pool.setdefault(q.id, q)
        if not pool:
            raise ServiceLabError("quiz.error.empty_selection", chapter="-", concept=", ".join(ids), qtype="-")
        self.pool = list(pool.values())
        self.seed = _seed(seed)
        self.rng = random.Random(self.seed)
        note = ""
        if store is None:
            store, note = _open_store_quietly(lang)
        self.store = store or None
        self.error = _box("sl-error")
        self.error.value = note
        self.another = _button("quizui.check.another", "sl-quiz-another", lang, icon="refresh")
        self.another.on_click(lambda _b: self.next_question())
        _show(self.another, len(self.pool) > 1)
        self.host = W.VBox()
        title = W.HTML(f"<b>{_html(t('quizui.check.title', lang))}</b>")
        super().__init__([title, self.error, self.host, self.another, page_accessibility()])
        self.add_class("sl-check-yourself")
        self.next_question()

    def next_question(self) -> None:
        """Show another question from the pool (seeded)."""
        current = getattr(self, "card", None)
        choices = [q for q in self.pool if current is None or q.id != current.question.id] or self.pool
        self.card = QuestionCard(self.rng.choice(choices), self.lang, self.store, "practice")
        self.host.children = [self.card]


# ============================================================================ ExamPrep
class ExamPrep(W.VBox):
    """Notebook 12's exam-prep panel: every mode in one set of tabs.

    Tabs: practice (by chapter / concept / type), mock exam (timed paper, hand-in, report by
    chapter and type), wrong-answer review, spaced repetition (FSRS, with the exam date), memory cards, progress
    dashboard, export / import / reset.

    Parameters
    ----------
    lang : {"zh", "en"}
    chapter : str, optional
        Chapter preselected for practice (``"05"``); all chapters by default.
    seed : int, optional
        Seeds the random choices (practice rounds, mock papers, new questions, card order): the
        same seed gives the same draws (tests, presets). None (the default) draws a fresh seed
        from the OS (:func:`os.urandom`), so practice starts with a different draw each time the
        notebook runs; the seed used is kept in :attr:`seed`.
    path : path, optional
        The progress file; ``$SERVICELAB_PROGRESS_DB`` or the per-user data folder by default.
    bank : Bank, optional
    cards : sequence of Card, optional
    clock : callable, optional
        Returns "now" (UTC now by default; tests pass a fixed time).

    Notes
    -----
    If the progress file is damaged (not SQLite, another program's, fails ``quick_check``) the
    panel shows the bilingual message and a "start fresh" button, which asks a second time before
    it renames the file aside (nothing is ever deleted). A sound file that cannot be written (full
    disk, read-only file or medium) is *not* called damaged: the panel says why, shows the earlier
    progress from a read-only copy and keeps new answers for the session only (no "saved" note).
    If no file can be opened at all (read-only home, permission denied, a file from a newer
    version) it says that progress cannot be saved and works on an in-memory store for the
    session (:data:`servicelab.storage.progress.IN_MEMORY`). A file deleted while the panel is
    open is noticed at the next answer or dashboard refresh. The export tab writes JSON exports
    (and the bank as jupyterquiz JSON, :mod:`servicelab.io.jupyterquiz`) only into the learner's
    data folder or another folder picked from its list, under a plain file name
    (:func:`servicelab.storage.progress.resolve_export_path`).
    """

    def __init__(self, lang: str = "zh", *, chapter: str | None = None, seed: int | None = None,
                 path: str | Path | None = None, bank: qz.Bank | None = None,
                 cards: Sequence[qz.Card] | None = None, clock: Clock | None = None) -> None:
        self.lang = lang
        self.chapter = None if chapter is None else str(chapter)[:2].zfill(2)
        self.seed = _seed(seed)
        self.rng = random.Random(self.seed)
        self._path_error: BaseException | None = None
        try:
            self.path: Path | None = Path(path) if path is not None else default_db_path()
        except UNAVAILABLE as exc:  # no home folder to find: progress is kept in memory (see _open)
            self.path, self._path_error = None, exc
        self.bank = bank if bank is not None else qz.load_bank()
        self.cards = tuple(cards) if cards is not None else qz.load_cards()
        self.clock = clock or _utcnow
        self.titles = chapter_titles(lang)
        self.store: ProgressStore | None = None
        self.tabs: W.Tab | None = None
        self.error = _box("sl-error")
        self.file_problem = _box("sl-quiz-file-problem")
        self.fresh_button = _button("quizui.file.start_fresh", "sl-quiz-start-fresh", lang, button_style="warning",
                                    icon="life-ring")
        self.fresh_button.on_click(lambda _b: self.ask_start_fresh())
        _show(self.fresh_button, False)
        self.fresh_confirm_text = _box("sl-quiz-start-fresh-warning")
        self.fresh_confirm = _button("quizui.file.start_fresh_confirm", "sl-quiz-start-fresh-confirm", lang,
                                     button_style="danger")
        self.fresh_confirm.on_click(lambda _b: self.start_fresh())
        self.fresh_cancel = _button("quizui.file.start_fresh_cancel", "sl-quiz-start-fresh-cancel", lang)
        self.fresh_cancel.on_click(lambda _b: self._ask_fresh(False))
        self.fresh_confirm_box = W.VBox([self.fresh_confirm_text, W.HBox([self.fresh_confirm, self.fresh_cancel])])
        _show(self.fresh_confirm_box, False)
        self._fresh_asked = False
        self.body = W.VBox()
        super().__init__([self.error, self.file_problem, self.fresh_button, self.fresh_confirm_box, self.body, page_accessibility()])
        self.add_class("sl-exam-prep")
        self._open(start_fresh=False)

    # -- the progress file --------------------------------------------------------------
    def _open(self, start_fresh: bool) -> None:
        unavailable: ServiceLabError | None = None
        try:
            if self.path is None:
                raise self._path_error or FileNotFoundError("-")
            self.store = open_progress(self.path, start_fresh=start_fresh, read_only_ok=True)
        except ProgressFileError as err:
            if err.damaged:  # only a damaged file may be moved aside (after a second confirmation)
                self.file_problem.value = error_html(err, self.lang) + _html(t("quizui.file.start_fresh_hint", self.lang))
                _show(self.fresh_button, True)
                return
            unavailable = err  # from a newer servicelab: never moved aside; this session in memory
            self.store = open_progress(IN_MEMORY)
        except UNAVAILABLE as exc:  # read-only home, permission denied …: keep the answers for this session only
            unavailable = _unavailable(exc, self.path)
            self.store = open_progress(IN_MEMORY)
        self.file_problem.value = ""
        _show(self.fresh_button, False)
        self._ask_fresh(False)
        if unavailable is not None:
            self.file_problem.value = error_html(
                ServiceLabError("quizui.error.no_store", detail=unavailable.message(self.lang)), self.lang)
        elif self.store.read_only_reason is not None:
            self.file_problem.value = _store_note(self.store, self.lang)
        elif self.store.moved_aside is not None:
            self.file_problem.value = _html(t("quizui.file.moved_aside", self.lang, path=str(self.store.moved_aside)))
        try:
            self._build()
        except ProgressFileError as err:  # damage quick_check missed, met while reading: the same damaged path
            self.store.close()
            self.store, self.tabs = None, None
            self.body.children = []
            self.file_problem.value = error_html(err, self.lang) + _html(t("quizui.file.start_fresh_hint", self.lang))
            self._ask_fresh(False)

    def _ask_fresh(self, asked: bool) -> None:
        self._fresh_asked = asked
        _show(self.fresh_confirm_box, asked)
        _show(self.fresh_button, not asked and self.tabs is None and self.store is None)

    def ask_start_fresh(self) -> None:
        """First step of "start fresh": say what will happen and ask for a second confirmation."""
        self.fresh_confirm_text.value = "<b>" + _html(t("quizui.file.start_fresh_ask", self.lang,
                                                        path=str(self.path))) + "</b>"
        self._ask_fresh(True)

    @guarded()
    def start_fresh(self) -> None:
        """Second step: move the damaged progress file aside (never deleted) and start an empty one.

        Does nothing unless :meth:`ask_start_fresh` asked first (the learner saw what will happen)."""
        if not self._fresh_asked or self.store is not None:
            return
        self._open(start_fresh=True)

    def _build(self) -> None:
        lang = self.lang
        panes = [
            ("quiz.mode.practice", self._practice_pane()),
            ("quiz.mode.mock", self._mock_pane()),
            ("quiz.mode.review", self._review_pane()),
            ("quizui.tab.spaced", self._spaced_pane()),
            ("quiz.mode.cards", self._cards_pane()),
            ("quizui.tab.dashboard", self._dashboard_pane()),
            ("quizui.tab.file", self._file_pane()),
        ]
        self.tabs = W.Tab(children=[p for _, p in panes])
        for i, (key, _) in enumerate(panes):
            self.tabs.set_title(i, t(key, lang))
        self.tabs.add_class("sl-quiz-tabs")
        self.tabs.add_class("sl-tabs")  # titles as wide as their text (common.LAYOUT_CSS)
        self.body.children = [self.tabs, layout_style()]

    def _card(self, question: qz.Question, mode: str, **kwargs) -> QuestionCard:
        card = QuestionCard(question, self.lang, self.store, mode, clock=self.clock, **kwargs)
        card.on_answer(lambda _r: self.refresh_dashboard())
        return card

    # -- practice -----------------------------------------------------------------------
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
        self.type_select = W.Dropdown(options=[(all_, ALL)] + [(t(f"quiz.type.{x}", lang), x) for x in qz.QUESTION_TYPES],
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

    # -- mock exam ----------------------------------------------------------------------
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
        """Draw a timed paper (:func:`servicelab.models.quiz.mock_exam`) and show it."""
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

    # -- wrong-answer review ------------------------------------------------------------
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
        return W.VBox([W.HTML(f"<p>{_html(t('quizui.spaced.explain', lang))}</p>"),
                       W.HBox([self.exam_picker, save, clear]), self.exam_status,
                       W.HTML(f"<small>{_html(t('quizui.exam.hint', lang))}</small>"), nxt,
                       self.spaced_status, self.spaced_host])

    def _today(self):
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
        marks = sched.marks_by_type(qz.DEFAULT_BLUEPRINT)
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

    # -- memory cards -------------------------------------------------------------------
    def _cards_pane(self) -> W.VBox:
        lang = self.lang
        start = _button("quizui.cards.start", "sl-quiz-cards-start", lang, button_style="primary", icon="clone")
        start.on_click(lambda _b: self.start_cards())
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
        return W.VBox([start, self.card_status, self.card_front, self.card_reveal, self.card_back,
                       W.HBox([self.card_yes, self.card_no])])

    def _card_buttons(self, *, reveal: bool, rate: bool) -> None:
        _show(self.card_reveal, reveal)
        _show(self.card_yes, rate)
        _show(self.card_no, rate)

    @guarded()
    def start_cards(self) -> None:
        """Due memory cards first, then new ones (:func:`servicelab.models.quiz.card_review`)."""
        self.card_queue = sched.card_review(self.cards, self.store.states("card"), self.clock(), self.rng,
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
        self.card_front.value = (f"<div style='font-size:150%;font-weight:bold'>{_html(card.mnemonic.get(lang))}</div>"
                                 f"<div style='color:#666'>{_html(', '.join(card.concepts))} · "
                                 f"{_html(t('quizui.cards.prompt', lang))}</div>")
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

    # -- dashboard ----------------------------------------------------------------------
    def _dashboard_pane(self) -> W.VBox:
        from ..charts import quiz as charts

        refresh = _button("quizui.dashboard.refresh", "sl-quiz-dashboard-refresh", self.lang, icon="refresh")
        refresh.on_click(lambda _b: self.refresh_dashboard())
        self.dashboard_stats = _box("sl-quiz-dashboard-stats")
        self.dashboard = self.store.dashboard(self.bank, self.clock())
        self.mastery_chart = charts.MASTERY.live((self.dashboard.by_chapter, self.titles), self.lang)
        self.mastery_chart.add_class("sl-quiz-mastery-chart")
        self.forecast_title = _box("sl-quiz-forecast-title")
        self.forecast_table = _box("sl-quiz-forecast")
        self._render_stats()
        return W.VBox([refresh, self.dashboard_stats, self.mastery_chart,
                       W.HTML(f"<small>{_html(t('quizui.dashboard.mastery_note', self.lang))}</small>"),
                       self.forecast_title, self.forecast_table,
                       W.HTML(f"<small>{_html(t('quizui.dashboard.forecast_note', self.lang))}</small>")])

    @guarded()
    def refresh_dashboard(self) -> None:
        """Recompute mastery, streak and due count from the progress file."""
        from ..charts import quiz as charts

        if self.store is None or not hasattr(self, "mastery_chart"):
            return
        self.store.check_file()  # a progress file deleted while the panel is open is said, not ignored
        self.dashboard = self.store.dashboard(self.bank, self.clock())
        self._render_stats()
        charts.MASTERY.update(self.mastery_chart, (self.dashboard.by_chapter, self.titles), self.lang)

    def _render_stats(self) -> None:
        d = self.dashboard
        self.dashboard_stats.value = "<b>" + _html(t("quizui.dashboard.stats", self.lang, streak=d.streak, due=d.due,
                                                     answers=d.total_answers)) + "</b>"
        self._render_forecast()

    def _render_forecast(self) -> None:
        """Predicted recall per chapter on exam day (a model's forecast, :attr:`Dashboard.forecast`)."""
        d, lang = self.dashboard, self.lang
        if d.exam_date is not None and d.forecast_at == sched.exam_start(d.exam_date):
            title = t("quizui.dashboard.forecast_title", lang, date=d.exam_date.isoformat())
        else:
            title = t("quizui.dashboard.forecast_title_now", lang)
        self.forecast_title.value = f"<b>{_html(title)}</b>"
        rows = [[f"{r.chapter} {self.titles.get(r.chapter, '')}".strip(),
                 _pct(r.recall) if r.n_reviewed else t("quizui.dashboard.forecast_none", lang),
                 f"{r.n_reviewed} / {r.n_questions}"] for r in d.forecast.itertuples()]
        self.forecast_table.value = table_html(
            [t(f"quizui.dashboard.forecast_{k}", lang) for k in ("chapter", "recall", "reviewed")], rows)

    # -- export / import / reset --------------------------------------------------------
    def export_folders(self) -> list[Path]:
        """The folders the export tab may write to: the learner's data folder (the progress file's
        folder, or ``platformdirs.user_data_dir("servicelab")``), then the user's Downloads and
        Documents folders when they exist. Nothing else — no typed path — is ever written."""
        import platformdirs

        folders: list[Path] = []
        candidates = [lambda: self.path.parent if self.path is not None else
                      Path(platformdirs.user_data_dir("servicelab", appauthor=False)),
                      platformdirs.user_downloads_dir, platformdirs.user_documents_dir]
        for i, find in enumerate(candidates):
            try:
                folder = Path(find()).expanduser()
                if (i == 0 or folder.is_dir()) and folder not in folders:
                    folders.append(folder)
            except (OSError, RuntimeError):  # no home folder: that choice is not offered
                continue
        return folders

    def _file_pane(self) -> W.VBox:
        lang = self.lang
        style = {"description_width": "initial"}
        where = W.HTML(_html(t("quizui.file.where", lang, path=str(self.store.path)) if _saves(self.store)
                             else t("quizui.file.not_saved", lang)))
        folders = self.export_folders()
        labels = ["quizui.file.folder_data", "quizui.file.folder_other"]
        self.export_folder = W.Dropdown(
            options=[(t(labels[min(i, 1)], lang, path=str(f)), str(f)) for i, f in enumerate(folders)],
            description=t("quizui.file.folder", lang), style=style, layout=W.Layout(width="95%"))
        self.export_folder.add_class("sl-quiz-export-folder")
        self.export_name = W.Text(value="progress-export.json", description=t("quizui.file.export_name", lang),
                                  style=style, layout=W.Layout(width="60%"))
        self.export_name.add_class("sl-quiz-export-name")
        export = _button("quizui.file.export", "sl-quiz-export", lang, icon="download")
        export.on_click(lambda _b: self.export_progress())
        self.upload = W.FileUpload(accept=".json", multiple=False, description=t("quizui.file.import", lang),
                                   layout=W.Layout(width="auto"))
        self.upload.add_class("sl-quiz-import")
        self.upload.observe(self._on_upload, names="value")
        self.reset_confirm = W.Text(placeholder="",
                                    description=t("quizui.file.reset_prompt", lang, token=RESET_TOKEN),
                                    style=style, layout=W.Layout(width="95%"))
        self.reset_confirm.add_class("sl-quiz-reset-confirm")
        reset = _button("quizui.file.reset", "sl-quiz-reset", lang, button_style="danger", icon="trash")
        reset.on_click(lambda _b: self.reset_progress())
        self.file_status = _box("sl-quiz-file-status")
        self.jq_name = W.Text(value=f"quiz-jupyterquiz-{lang}.json", description=t("quizui.file.jq_name", lang),
                              style=style, layout=W.Layout(width="60%"))
        self.jq_name.add_class("sl-quiz-jq-name")
        self.jq_lang = W.Dropdown(options=[(t("quizui.file.lang_zh", lang), "zh"), (t("quizui.file.lang_en", lang), "en")],
                                  value=lang, description=t("quizui.file.jq_lang", lang),
                                  style=style)
        self.jq_lang.add_class("sl-quiz-jq-lang")
        jq = _button("quizui.file.jq_export", "sl-quiz-jq-export", lang, icon="file-code-o")
        jq.on_click(lambda _b: self.export_jupyterquiz())
        return W.VBox([where, self.export_folder, self.export_name, export, self.upload, W.HTML("<hr>"),
                       W.HTML(_html(t("quizui.file.jq_explain", lang))), self.jq_name, self.jq_lang, jq,
                       W.HTML("<hr>"), self.reset_confirm, reset, self.file_status])

    def _export_target(self, name: str) -> Path:
        """``name`` inside the folder chosen in the list — refused (translated) if it is anything but a
        plain ``.json`` file name, or if the folder is not one of :meth:`export_folders`."""
        folders = {str(f) for f in self.export_folders()}
        folder = self.export_folder.value
        if folder is None or str(folder) not in folders:
            raise ServiceLabError("progress.error.outside_folder", name=name, folder=str(folder))
        return resolve_export_path(name, folder)

    @guarded()
    def export_progress(self) -> dict:
        """Write the progress export (JSON) under the typed file name into the chosen folder."""
        path = self._export_target(self.export_name.value)
        doc = self.store.export_json(path)
        self.file_status.value = _html(t("quizui.file.exported", self.lang, answers=len(doc["answers"]),
                                         cards=len(doc["card_reviews"]), path=str(path)))
        return doc

    @guarded()
    def export_jupyterquiz(self):
        """Write the bank's auto-marked questions as a jupyterquiz JSON file (:mod:`servicelab.io.jupyterquiz`).

        Uses the folder, the file name and the language in the export tab; term / short / essay
        questions are skipped (jupyterquiz cannot mark free text) and counted in the message.
        """
        path = self._export_target(self.jq_name.value)
        export = write_jupyterquiz(self.bank, path, self.jq_lang.value)
        self.file_status.value = _html(t("quizui.file.jq_exported", self.lang, n=len(export.questions),
                                         skipped=len(export.skipped), path=str(path)))
        return export

    def _on_upload(self, change) -> None:
        files = change["new"]
        if files:
            f = files[0]
            self.import_progress(f["name"], bytes(f["content"]))

    @guarded()
    def import_progress(self, name: str, content: bytes) -> int:
        """Merge an uploaded export into the progress file; returns the number of new records."""
        try:
            doc = json.loads(content.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ServiceLabError("progress.error.bad_export", file=name, detail=str(exc)) from exc
        if not isinstance(doc, dict):
            raise ServiceLabError("quizui.error.export_not_object", file=name)
        added = self.store.import_json(doc)
        self.file_status.value = _html(t("quizui.file.imported", self.lang, file=name, added=added))
        self.refresh_dashboard()
        return added

    @guarded()
    def reset_progress(self) -> None:
        """Delete all progress — only when the confirmation box holds the token (``RESET``)."""
        if self.reset_confirm.value.strip() != RESET_TOKEN:  # say it in the panel's words, not the API's
            raise ServiceLabError("quizui.file.reset_type_token", token=RESET_TOKEN)
        self.store.reset(confirm=RESET_TOKEN)
        self.reset_confirm.value = ""
        self.file_status.value = _html(t("quizui.file.reset_done", self.lang))
        self.refresh_dashboard()
