"""One question card, the chapter "check yourself" box, and the helpers every exam-prep tab shares.

The widgets only wire: they read the learner's inputs, call :mod:`servicelab.quiz` for the scoring
and the choice of questions, store the results with :mod:`servicelab.storage.progress`, and show
feedback. No scoring happens here.

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
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, quote
from typing import Any

import ipywidgets as W

from ... import quiz as qz
from ...errors import ServiceLabError
from ...i18n import t
from ...storage.progress import ProgressFileError, ProgressStore, ProgressWriteError, default_db_path, open_progress
from ..common import error_html, guarded, html_widget, own_layout, page_accessibility, shared_layout, shared_style

Clock = Callable[[], datetime]
#: What opening the progress file can raise besides ProgressFileError: a read-only or missing home,
#: permission denied, a file where the folder should be (OSError); SQLite unable to open or locked.
UNAVAILABLE = (OSError, RuntimeError, sqlite3.Error, ProgressWriteError)


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


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
    """Chapter number → notebook title (:func:`servicelab.quiz.bank.load_curriculum`, cached)."""
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
    w = html_widget()
    w.add_class(css)
    return w


#: Background for white button text at >= 4.5 : 1 (WCAG AA), for the ipywidgets button styles whose
#: default colours are too light: success #388e3c is 4.1 : 1, warning #f57c00 2.7 : 1, info #0097a7 3.3 : 1.
BUTTON_COLOURS = {"success": "#2e7d32", "warning": "#a35200", "info": "#00707c"}


def _button(key: str, css: str, lang: str, **kwargs) -> W.Button:
    """A button labelled ``t(key)`` with the CSS class ``css``; its Layout and ButtonStyle are shared
    (read-only: :func:`_show` gives it its own layout before hiding it)."""
    colour = BUTTON_COLOURS.get(kwargs.get("button_style", ""))
    style = shared_style(W.Button, button_color=colour) if colour else shared_style(W.Button)
    b = W.Button(description=t(key, lang), layout=shared_layout(width="auto", align_self="flex-start"), style=style,
                 **kwargs)
    b.add_class(css)
    return b


def _checkbox(description: str) -> W.Checkbox:
    """An unticked, unindented check box as wide as its text (shared Layout and CheckboxStyle)."""
    return W.Checkbox(value=False, description=description, indent=False, layout=shared_layout(width="auto"),
                      style=shared_style(W.Checkbox))


def _textarea(lang: str, height: str) -> W.Textarea:
    """The text area of a written answer (shared Layout and TextStyle)."""
    return W.Textarea(placeholder=t("quizui.your_answer", lang), tooltip=t("a11y.written_answer", lang),
                      layout=shared_layout(width="95%", height=height), style=shared_style(W.Textarea))


def _column(children, *, hidden: bool = False) -> W.VBox:
    """A VBox with a shared layout: the default, or hidden (``display: none``; :func:`_show` shows it)."""
    return W.VBox(list(children), layout=shared_layout(display="none") if hidden else shared_layout())


def _show(widget: W.DOMWidget | None, visible: bool) -> None:
    """Show or hide ``widget`` (None: nothing to do) on a layout of its own (a shared one is never changed)."""
    if widget is None:
        return
    display = None if visible else "none"
    if widget.layout.display != display:
        own_layout(widget).display = display


# ============================================================================ review link
def section_label(section: str, lang: str = "zh") -> str:
    """The learner's-language part of a bilingual heading ("中文 · English (C1.8)").

    Examples
    --------
    >>> section_label("客户战略矩阵 · The customer strategy matrix (C1.8)", "en")
    'The customer strategy matrix'
    >>> section_label("客户战略矩阵 · The customer strategy matrix (C1.8)", "zh")
    '客户战略矩阵'
    """
    zh, sep, en = section.partition(" · ")
    text = (en if lang == "en" else zh) if sep else section
    text = text.rsplit(" (C", 1)[0] if text.rstrip().endswith(")") and " (C" in text else text
    return text.strip() or section


def _voila_token(env: dict) -> str:
    """The ``token`` of the page Voilà started this kernel for (its ``QUERY_STRING``), or ""."""
    values = parse_qs(env.get("QUERY_STRING", "")).get("token")
    return values[0] if values else ""


def in_voila(env: dict | None = None) -> bool:
    """Whether this kernel serves a Voilà page (Voilà passes the request as ``VOILA_REQUEST_URL``)."""
    env = os.environ if env is None else env
    return bool(env.get("VOILA_REQUEST_URL") or env.get("VOILA_KERNEL_ID"))


def _server_root(env: dict) -> Path | None:
    """JupyterLab's root folder, from its runtime file ``jpserver-<pid>.json`` (pid: ``JPY_PARENT_PID``)."""
    pid = env.get("JPY_PARENT_PID", "")
    if not pid.isdigit():
        return None
    try:
        from jupyter_core.paths import jupyter_runtime_dir

        info = json.loads((Path(jupyter_runtime_dir()) / f"jpserver-{pid}.json").read_text(encoding="utf-8"))
        return Path(info["root_dir"]).resolve()
    except (ImportError, OSError, ValueError, KeyError, TypeError):
        return None


def lab_path(name: str, env: dict | None = None) -> str:
    """The JupyterLab path (relative to its root folder) of the notebook ``name`` beside this one.

    The kernel knows its notebook as ``JPY_SESSION_NAME`` (an absolute path in jupyter_server 2)
    and the server's root from the server's runtime file; without them, ``name`` itself (right
    when JupyterLab serves the notebooks folder, as ``make lab`` does).
    """
    env = os.environ if env is None else env
    session = env.get("JPY_SESSION_NAME", "")
    if not session:
        return name
    here = Path(session).parent
    if not here.is_absolute():
        return (PurePosixPath(here.as_posix()) / name).as_posix().lstrip("./") if str(here) != "." else name
    root = _server_root(env)
    if root is not None:
        try:
            return (here.resolve().relative_to(root) / name).as_posix()
        except ValueError:
            pass
    return name


def _heading_cell(q: qz.Question) -> str:
    """The id of the markdown cell that holds ``q``'s section heading ("" if not found)."""
    path = qz.notebooks_dir() / f"{q.notebook}.ipynb"
    try:
        cells = qz.heading_cells(path)
    except ServiceLabError:
        return ""
    return next((cell for text, cell in cells if text == q.section), "")


def review_link_html(question: qz.Question, lang: str = "zh", *, env: dict | None = None,
                     written: frozenset[str] | None = None) -> str:
    """「复习：第 N 章 · 小节」: a link that opens the question's notebook at its section's heading.

    Parameters
    ----------
    question : Question
    lang : {"zh", "en"}
    env : dict, optional
        The kernel's environment (``os.environ``); tells Voilà from JupyterLab.
    written : frozenset of str, optional
        Notebooks that exist (:func:`servicelab.quiz.bank.written_notebooks` by default); for a
        notebook not written yet the text says so and is not a link.

    Returns
    -------
    str
        HTML (empty when the question has no section).

    Notes
    -----
    *Voilà* renders each notebook at ``/voila/render/NN_name.ipynb``: the link is relative
    (``NN_name.ipynb?token=…#id``), keeps the page's token, and ``id`` is the percent-encoded
    heading id nbconvert writes (:func:`servicelab.quiz.bank.voila_anchor`), which the browser
    finds as written. *JupyterLab* does not follow a link inside a widget; the link carries
    JupyterLab's own command (``rendermime:handle-local-link``, the one its rendered Markdown
    uses) with the path of the notebook beside this one (:func:`lab_path`) and the fragment
    ``#cell-id=…`` of the markdown cell that holds the heading: JupyterLab opens the notebook (or
    its tab) and scrolls to that cell. (A heading fragment ``#<heading id>`` finds nothing when the
    notebook is opened by the click, as its markdown is not rendered yet; it is the fallback for a
    cell without an id.)
    """
    q = question
    if not q.section:
        return ""
    env = os.environ if env is None else env
    written = qz.written_notebooks() if written is None else written
    n = int(q.chapter)
    label = section_label(q.section, lang)
    if q.notebook not in written:
        return f"<div class='sl-quiz-review'>{_html(t('quizui.review.not_written', lang, n=n, section=label))}</div>"
    name = f"{q.notebook}.ipynb"
    text = _html(t("quizui.review.link", lang, n=n, section=label))
    title = html.escape(t("quizui.review.link_title", lang, n=n), quote=True)
    if in_voila(env):
        token = _voila_token(env)
        href = name + (f"?token={quote(token, safe='')}" if token else "") + "#" + qz.voila_anchor(q.section)
        attrs = f"href='{html.escape(href, quote=True)}'"
    else:
        cell = _heading_cell(q)
        fragment = f"#cell-id={cell}" if cell else "#" + qz.heading_anchor(q.section)
        args = json.dumps({"path": lab_path(name, env), "id": fragment}, ensure_ascii=False)
        attrs = (f"href='{html.escape(name + '#' + qz.voila_anchor(q.section), quote=True)}' "
                 f"data-commandlinker-command='rendermime:handle-local-link' "
                 f"data-commandlinker-args='{html.escape(args, quote=True)}'")
    return (f"<div class='sl-quiz-review'>📖 <a class='sl-quiz-review-link' {attrs} title='{title}' "
            f"style='color:#1565c0;text-decoration:underline'>{text}</a></div>")


# ============================================================================ feedback
def feedback_html(question: qz.Question, result: qz.Result | None, lang: str = "zh") -> str:
    """The feedback shown after a question is scored: verdict, the key, the explanation.

    ``result`` None means the question was left unanswered (mock exam).
    """
    q = question
    parts: list[str] = []
    if result is None:
        parts.append(f"<b>{_html(t('quizui.feedback.unanswered', lang))}</b>")
    elif q.type == "case":
        got = sum(qz.case_part_marks(q, result.response))
        parts.append("<b>" + _html(t("quizui.feedback.case_score", lang, got=_num(round(got, 2)),
                                     marks=q.total_marks, percent=_pct(result.score))) + "</b>")
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
    elif q.type == "case":
        answered = result.response["parts"] if result is not None else [{"ticked": []} for _ in q.parts]
        marks = qz.case_part_marks(q, result.response) if result is not None else [0.0] * len(q.parts)
        for n, (part, r, got) in enumerate(zip(q.parts, answered, marks), start=1):
            ticked = set(r["ticked"])
            items = "".join(f"<li>{'✓' if i in ticked else '✗'} {_html(k.get(lang))}</li>"
                            for i, k in enumerate(part.key_points))
            parts.append(_html(t("quizui.feedback.case_part", lang, n=n, ticked=len(ticked), total=len(part.key_points),
                                 got=_num(round(got, 2)), marks=part.marks))
                         + f"<ul style='margin:2px 0'>{items}</ul>")
    else:
        ticked = set(result.response["ticked"]) if result is not None else set()
        items = "".join(f"<li>{'✓' if i in ticked else '✗'} {_html(k.get(lang))}</li>" for i, k in enumerate(q.key_points))
        parts.append(f"<ul style='margin:2px 0'>{items}</ul>")
    parts.append(f"<b>{_html(t('quizui.feedback.explanation', lang))}</b>: {_html(q.explanation.get(lang))}")
    return ("<div style='border-left:4px solid #4e79a7;background:#f4f7fb;padding:6px 10px;margin:4px 0'>"
            + "<br>".join(parts) + review_link_html(q, lang) + "</div>")


# ============================================================================ QuestionCard
class QuestionCard(W.VBox):
    """One question of any type, answered, scored, stored and explained.

    Parameters
    ----------
    question : Question
        From :func:`servicelab.quiz.bank.load_bank`.
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
    text box read by :func:`servicelab.quiz.scoring.parse_number` (an unreadable number shows a
    bilingual error and keeps the text), and term / short / essay a text area: the learner writes,
    reveals the key points, ticks those covered and is scored ticked ÷ total. A case shows its
    scenario (``sl-quiz-scenario``) and, per part, the part's prompt and marks, a text area
    (``sl-quiz-case-text-N``) and its key points (``sl-quiz-case-point-N-K``), marked per part
    pro rata to the points ticked (:func:`servicelab.quiz.scoring.case_part_marks`).
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
        scenario = ""
        if q.scenario is not None:  # a case: the scenario, paragraph by paragraph
            paras = "".join(f"<p style='margin:4px 0'>{_html(p)}</p>" for p in q.scenario.get(lang).split("\n\n"))
            scenario = (f"<div class='sl-quiz-scenario' style='background:#fafafa;border:1px solid #eee;"
                        f"padding:4px 8px;margin:4px 0'><b>{_html(t('quizui.case.scenario', lang))}</b>{paras}</div>")
        self.prompt = html_widget(f"<div style='color:#666;font-size:90%'>{_html(head)}</div>"
                                  f"<div style='font-size:105%'>{_html(q.prompt.get(lang))}</div>{scenario}")
        self.prompt.add_class("sl-quiz-question")
        self.error = _box("sl-error")
        self.feedback = _box("sl-quiz-feedback")
        self.feedback.add_class("sl-live")  # a polite live region: the verdict is read out (page_accessibility)
        #: None in a mock paper, which is scored at hand-in (no submit button, no reveal button)
        self.submit_button: W.Button | None = None
        if mode != "mock":
            self.submit_button = _button("quizui.submit_self" if q.type in qz.SELF_ASSESSED_TYPES else "quizui.submit",
                                         "sl-quiz-submit", lang, button_style="primary")
            self.submit_button.on_click(lambda _b: self.submit())
        self.reveal_button: W.Button | None = None
        self.choice: W.RadioButtons | None = None
        self.checks: list[W.Checkbox] = []
        self.number_input: W.Text | None = None
        self.text_input: W.Textarea | None = None
        self.point_checks: list[W.Checkbox] = []
        self.part_inputs: list[W.Textarea] = []          # case: one text area per part
        self.part_checks: list[list[W.Checkbox]] = []    # case: the key points of each part
        self._points_boxes: list[W.Widget] = []
        self.revealed = False
        body = self._inputs()
        children = [self.prompt, body, self.error]
        if self.submit_button is not None:
            children.append(self.submit_button)
        children.append(self.feedback)
        super().__init__(children, layout=shared_layout(border="1px solid #ddd", padding="6px", margin="4px 0"))
        self.add_class("sl-quiz-card")

    def _inputs(self) -> W.Widget:
        q, lang = self.question, self.lang
        if q.type in ("single", "true_false"):
            if q.type == "single":
                options = [(f"{o.key}. {o.text.get(lang)}", o.key) for o in q.options]
            else:
                options = [(t("quiz.answer.true", lang), True), (t("quiz.answer.false", lang), False)]
            self.choice = W.RadioButtons(options=options, value=None, layout=shared_layout(width="auto"),
                                         style=shared_style(W.RadioButtons))
            self.choice.add_class("sl-quiz-options")
            return self.choice
        if q.type == "multiple":
            for o in q.options:
                cb = _checkbox(f"{o.key}. {o.text.get(lang)}")
                cb.add_class(f"sl-quiz-option-{o.key}")
                self.checks.append(cb)
            box = _column(self.checks)
            box.add_class("sl-quiz-options")
            return box
        if q.type == "numeric":
            self.number_input = W.Text(placeholder=t("quizui.number_placeholder", lang), tooltip=t("a11y.numeric_answer", lang),
                                       layout=shared_layout(), style=shared_style(W.Text))
            self.number_input.add_class("sl-quiz-number")
            unit = html_widget(_html(t("quizui.unit", lang, unit=q.unit.get(lang))) if q.unit else "")
            return W.HBox([self.number_input, unit], layout=shared_layout())
        if q.type == "case":
            return self._case_inputs()
        self.text_input = _textarea(lang, "110px" if q.type == "essay" else "70px")
        self.text_input.add_class("sl-quiz-text")
        self.point_checks = [_checkbox(k.get(lang)) for k in q.key_points]
        self.points_box = _column([html_widget(_html(t("quizui.tick_points", lang))), *self.point_checks], hidden=True)
        self.points_box.add_class("sl-quiz-keypoints")
        self._points_boxes = [self.points_box]
        return _column([self.text_input, *self._reveal_row(), self.points_box])

    def _reveal_row(self) -> list[W.Widget]:
        """The reveal button (the key points, made hidden, stay so until revealed); none in a mock paper,
        which shows the key points only after hand-in."""
        if self.mode == "mock":
            return []
        self.reveal_button = _button("quizui.reveal_points", "sl-quiz-reveal", self.lang)
        self.reveal_button.on_click(lambda _b: self.reveal())
        _show(self.submit_button, False)
        return [self.reveal_button]

    def _case_inputs(self) -> W.Widget:
        """A case item: per part its prompt and marks, a text area, and its key points to tick."""
        q, lang = self.question, self.lang
        rows: list[W.Widget] = []
        for n, part in enumerate(q.parts, start=1):
            head = html_widget("<div style='margin-top:6px'><b>" + _html(t("quizui.case.part", lang, n=n,
                               prompt=part.prompt.get(lang), marks=part.marks)) + "</b></div>")
            head.add_class("sl-quiz-case-part")
            text = _textarea(lang, "80px")
            text.add_class("sl-quiz-text")
            text.add_class(f"sl-quiz-case-text-{n}")
            checks = [_checkbox(k.get(lang)) for k in part.key_points]
            for i, cb in enumerate(checks):
                cb.add_class(f"sl-quiz-case-point-{n}-{i + 1}")
            box = _column([html_widget(_html(t("quizui.tick_points", lang))), *checks], hidden=True)
            box.add_class("sl-quiz-keypoints")
            self.part_inputs.append(text)
            self.part_checks.append(checks)
            self.point_checks.extend(checks)
            self._points_boxes.append(box)
            rows += [head, text, box]
        self.points_box = self._points_boxes[0]
        return _column([*rows, *self._reveal_row()])

    def _show_points(self, visible: bool) -> None:
        for box in self._points_boxes:
            _show(box, visible)

    # -- inputs -------------------------------------------------------------------------
    def reveal(self) -> None:
        """Show the key points to tick (term / short / essay / each part of a case)."""
        self.revealed = True
        self._show_points(True)
        _show(self.submit_button, True)
        _show(self.reveal_button, False)

    def response(self) -> Any:
        """The learner's answer in the form :func:`servicelab.quiz.scoring.score_answer` takes."""
        q = self.question
        if self.choice is not None:
            return self.choice.value
        if q.type == "multiple":
            return [o.key for o, cb in zip(q.options, self.checks) if cb.value]
        if self.number_input is not None:
            return self.number_input.value
        if q.type == "case":
            return {"parts": [{"text": text.value, "ticked": [i for i, cb in enumerate(checks) if cb.value]}
                              for text, checks in zip(self.part_inputs, self.part_checks)]}
        return {"text": self.text_input.value, "ticked": [i for i, cb in enumerate(self.point_checks) if cb.value]}

    def is_answered(self) -> bool:
        """Whether the learner gave any answer (an empty card scores 0 in a mock paper)."""
        r = self.response()
        if isinstance(r, dict) and "parts" in r:
            return any(p["text"].strip() or p["ticked"] for p in r["parts"])
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
        for w in (self.submit_button, self.choice, self.number_input, self.text_input, *self.checks, *self.part_inputs):
            if w is not None:
                w.disabled = True
        for w in self.point_checks:
            w.disabled = not keep_points

    def start_marking(self) -> None:
        """Mock paper after hand-in: lock the written answer, show the key points to tick."""
        self.lock(keep_points=True)
        self.revealed = True
        self._show_points(True)
        _show(self.reveal_button, False)

    def show_result(self, result: qz.Result | None, *, saved: bool = False) -> None:
        """Show the feedback for ``result`` (None = unanswered) and lock the card."""
        self.result = result
        note = f"<div style='color:#666;font-size:85%'>{_html(t('quizui.feedback.saved', self.lang))}</div>" if saved else ""
        self.feedback.value = feedback_html(self.question, result, self.lang) + note
        self.lock()
        if self.question.type in qz.SELF_ASSESSED_TYPES:
            self._show_points(True)
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
        title = html_widget(f"<b>{_html(t('quizui.check.title', lang))}</b>")
        super().__init__([title, self.error, self.host, self.another, page_accessibility()])
        self.add_class("sl-check-yourself")
        self.next_question()

    def next_question(self) -> None:
        """Show another question from the pool (seeded)."""
        current = getattr(self, "card", None)
        choices = [q for q in self.pool if current is None or q.id != current.question.id] or self.pool
        self.card = QuestionCard(self.rng.choice(choices), self.lang, self.store, "practice")
        self.host.children = [self.card]
