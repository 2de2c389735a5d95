"""The in-lesson exercise widget: sort into groups, put in order, match (one panel, three forms).

Wiring only: the exercise, the checking and the shuffles come from :mod:`servicelab.exercises`.
Notebooks use exactly::

    ExercisePanel("ex03-four-characteristics", LANG)

Every control is a native button or dropdown (keyboard operable) with an accessible name from
its tooltip (:func:`~servicelab.widgets.common.page_accessibility`); feedback is a live region
and shows a symbol as well as a colour (✓ right, ✗ wrong, ○ not answered). What the learner has
done is kept for the kernel session in a module-level registry, so a second panel of the same
exercise starts where the first one was.

CSS classes for tests: ``sl-ex-panel`` (and ``sl-ex-<kind>``), ``sl-ex-title``, ``sl-ex-prompt``,
``sl-ex-choice-<item>`` (sort), ``sl-ex-slot-<n>``, ``sl-ex-up-<n>``, ``sl-ex-down-<n>`` (order, 1-based),
``sl-ex-choice-<row>-<column>`` (match), ``sl-ex-feedback-<entry or n>`` and ``sl-ex-feedback``,
``sl-ex-check``, ``sl-ex-show``, ``sl-ex-retry``, ``sl-ex-score``, ``sl-ex-status``, ``sl-ex-error``.
"""
from __future__ import annotations

import copy
import html
import threading
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as W

from ..exercises import Exercise, ExerciseResult, check_answer, expected_answer, get_exercise, shuffled, shuffled_options
from ..errors import ServiceLabError
from ..i18n import t
from .common import error_html, guarded, html_widget, label_width, log, page_accessibility, shared_layout

#: Colours of the feedback (each ≥ 4.5 : 1 on white) — always with a symbol, never colour alone.
COLOURS = {"right": "#2e7d32", "wrong": "#c62828", "unanswered": "#595959"}


@dataclass
class ExerciseState:
    """What a learner has done with one exercise: the shuffle seed, the answer, checked or shown."""

    seed: int
    answer: Any
    checked: bool = False
    revealed: bool = False
    layout: tuple[str, ...] = field(default_factory=tuple)


_REGISTRY: dict[str, ExerciseState] = {}
_LOCK = threading.Lock()


def saved_state(exercise_id: str) -> ExerciseState | None:
    """A copy of the saved state of an exercise in this kernel session (None if never shown).

    Examples
    --------
    >>> saved_state("ex99-never-shown") is None
    True
    """
    with _LOCK:
        state = _REGISTRY.get(exercise_id)
        return copy.deepcopy(state) if state is not None else None


def forget_states() -> None:
    """Forget every saved state (tests)."""
    with _LOCK:
        _REGISTRY.clear()


def _empty_answer(ex: Exercise, layout: tuple[str, ...]) -> Any:
    """Nothing chosen (sort, match); for order the shuffled order shown is the answer."""
    return list(layout) if ex.kind == "order" else {}


def _fits(ex: Exercise, state: ExerciseState) -> bool:
    """Whether a saved state still fits the exercise: the same entries, and an answer it accepts."""
    if sorted(state.layout) != sorted(ex.entry_ids):
        return False
    if ex.kind == "order" and sorted(state.answer) != sorted(ex.entry_ids):
        return False
    try:
        check_answer(ex, state.answer)
    except Exception:  # noqa: BLE001 - an answer to another version of the exercise
        return False
    return True


def _span(kind: str, text: str) -> str:
    return (f"<span class='sl-ex-mark sl-ex-{kind}' style='color:{COLOURS[kind]}'>"
            f"{html.escape(text)}</span>")


class ExercisePanel(W.VBox):
    """One exercise of ``data/exercises/``: the learner answers, checks, sees why, tries again.

    Parameters
    ----------
    exercise_id : str
        An id of ``data/exercises/*.json`` (``"ex03-four-characteristics"``).
    lang : {"zh", "en"}
    show_answer : bool
        Open with the answer shown (a preset; "Try again" hides it).
    seed : int
        Seed of the shuffle the first time the exercise is shown in this kernel session; "Try
        again" reshuffles with the next seed. A saved state (an earlier panel of the same
        exercise) keeps its own seed.

    Attributes
    ----------
    exercise : Exercise or None
        None when the id is unknown or the exercise files are broken.
    choices : dict
        The dropdowns: item id → Dropdown (sort), (row id, column id) → Dropdown (match).
    up, down, slots : list
        order: the ↑ and ↓ buttons and the step label of each position.
    feedback : dict
        Entry id (sort, match) or 1-based position as a string (order) → its feedback HTML.
    check_button, show_button, retry_button, score, status, error : widgets
    result : ExerciseResult or None
        The last verdict (after Check or Show answer).

    Notes
    -----
    An unknown id or a broken exercise file shows the translated error in the panel (no
    controls), never a traceback. Score line: right ÷ total (:func:`~servicelab.exercises.check_answer`).

    Examples
    --------
    >>> panel = ExercisePanel("ex99-no-such-exercise", "en")
    >>> panel.exercise is None, "No exercise has the id ex99-no-such-exercise" in panel.error.value
    (True, True)
    """

    def __init__(self, exercise_id: str, lang: str = "zh", *, show_answer: bool = False, seed: int = 0) -> None:
        t("exercises.check", lang)  # an unknown language fails here, in both languages
        self.lang = lang
        self.exercise_id = exercise_id
        self.error = html_widget()
        self.error.add_class("sl-ex-error")
        self.result: ExerciseResult | None = None
        try:
            self.exercise: Exercise | None = get_exercise(exercise_id)
        except Exception as err:  # noqa: BLE001 - a learner sees the reason, never a traceback
            if not isinstance(err, ServiceLabError):
                log.exception("unexpected error loading exercise %r", exercise_id)
            self.exercise = None
            self.error.value = error_html(err, lang)
            super().__init__([self.error])
            self.add_class("sl-ex-panel")
            self.add_class("sl-ex-broken")
            return
        ex = self.exercise
        saved = saved_state(ex.id)
        if saved is not None and not _fits(ex, saved):
            saved = None  # saved for an earlier version of the exercise (its file was edited): start afresh
        if saved is None:
            layout = shuffled(ex, seed)
            saved = ExerciseState(seed=seed, answer=_empty_answer(ex, layout), layout=layout)
        self.state = saved
        self._hold = False
        self.feedback: dict[str, W.HTML] = {}
        self.choices: dict[Any, W.Dropdown] = {}
        self.up: list[W.Button] = []
        self.down: list[W.Button] = []
        self.slots: list[W.HTML] = []
        self.body = W.VBox()
        self.body.add_class("sl-ex-body")
        {"sort": self._build_sort, "order": self._build_order, "match": self._build_match}[ex.kind]()
        self.check_button = self._button("exercises.check", "sl-ex-check", self.check, style="primary")
        self.show_button = self._button("exercises.show", "sl-ex-show", self.reveal)
        self.retry_button = self._button("exercises.retry", "sl-ex-retry", self.retry)
        self.score = html_widget()
        self.score.add_class("sl-ex-score")
        self.score.add_class("sl-live")
        self.status = html_widget()
        self.status.add_class("sl-ex-status")
        self.status.add_class("sl-live")
        title = html_widget(f"<h4 style='margin:4px 0'>{html.escape(ex.title.get(lang))}</h4>")
        title.add_class("sl-ex-title")
        prompt = html_widget(f"{html.escape(ex.prompt.get(lang))}<br><small>{html.escape(t(f'exercises.kind.{ex.kind}', lang))}</small>")
        prompt.add_class("sl-ex-prompt")
        buttons = W.HBox([self.check_button, self.show_button, self.retry_button],
                         layout=shared_layout(flex_flow="row wrap", grid_gap="8px"))
        super().__init__([title, prompt, self.body, buttons, self.error, self.score, self.status, page_accessibility()],
                         layout=shared_layout(border="1px solid #ccc", padding="6px 10px", margin="6px 0"))
        self.add_class("sl-ex-panel")
        self.add_class(f"sl-ex-{ex.kind}")
        self._restore()
        if show_answer and not self.state.revealed:
            self.reveal()

    # ------------------------------------------------------------------ building
    def _button(self, key: str, css: str, action, style: str = "") -> W.Button:
        b = W.Button(description=t(key, self.lang), button_style=style, layout=shared_layout(width="auto"))
        if style == "primary":
            b.style.button_color = "#1565c0"  # 5.7 : 1 with white text (ipywidgets' default blue is lighter)
        b.add_class(css)
        b.on_click(lambda _b: action())
        return b

    def _choose(self) -> tuple[str, str]:
        return (t("exercises.choose", self.lang), "")

    def _feedback(self, key: str) -> W.HTML:
        fb = html_widget()
        fb.add_class(f"sl-ex-feedback-{key}")
        fb.add_class("sl-ex-feedback")
        fb.add_class("sl-live")
        self.feedback[key] = fb
        return fb

    def _build_sort(self) -> None:
        ex, lang = self.exercise, self.lang
        options = [self._choose()] + [(g.label.get(lang), g.id) for g in ex.groups]
        self._rows: dict[str, W.Widget] = {}
        for it in ex.items:
            label = it.label.get(lang)
            dd = W.Dropdown(options=options, value="", layout=shared_layout(width="auto", min_width="160px"),
                            tooltip=t("exercises.a11y.group_of", lang, label=label))
            dd.add_class(f"sl-ex-choice-{it.id}")
            dd.add_class("sl-ex-choice")
            dd.observe(lambda ch, key=it.id: self._changed(key), names="value")
            self.choices[it.id] = dd
            text = html_widget(f"<span class='sl-ex-label'>{html.escape(label)}</span>",
                               layout=shared_layout(width="320px"))
            self._rows[it.id] = W.VBox([W.HBox([text, dd], layout=shared_layout(flex_flow="row wrap", align_items="center")),
                                        self._feedback(it.id)], layout=shared_layout(margin="2px 0"))

    def _build_order(self) -> None:
        n = len(self.exercise.steps)
        rows = []
        for i in range(n):
            pos = html_widget(f"<b>{html.escape(t('exercises.position', self.lang, n=i + 1))}</b>",
                              layout=shared_layout(width="36px"))
            slot = html_widget(layout=shared_layout(width="340px"))
            slot.add_class(f"sl-ex-slot-{i + 1}")
            slot.add_class("sl-ex-slot")
            up = W.Button(description=t("exercises.up", self.lang), layout=shared_layout(width="auto"), disabled=i == 0)
            down = W.Button(description=t("exercises.down", self.lang), layout=shared_layout(width="auto"),
                            disabled=i == n - 1)
            up.add_class(f"sl-ex-up-{i + 1}")
            down.add_class(f"sl-ex-down-{i + 1}")
            up.on_click(lambda _b, i=i: self.move(i, -1))
            down.on_click(lambda _b, i=i: self.move(i, +1))
            self.up.append(up)
            self.down.append(down)
            self.slots.append(slot)
            rows.append(W.VBox([W.HBox([pos, slot, up, down], layout=shared_layout(flex_flow="row wrap", align_items="center")),
                                self._feedback(str(i + 1))], layout=shared_layout(margin="2px 0")))
        self.body.children = rows

    def _build_match(self) -> None:
        """One block per row: its fixed first cell, then a labelled dropdown per other column.

        (A side-by-side table would cut the long consequence and remedy texts of a real exercise
        short, or wrap out of line on a narrow screen.)"""
        ex, lang = self.exercise, self.lang
        first, rest = ex.columns[0], ex.answer_columns
        name_width = f"{label_width([c.label.get(lang) for c in rest], minimum=80)}px"
        self._rows = {}
        for row in ex.rows:
            head = html_widget(f"<b class='sl-ex-label'>{html.escape(first.label.get(lang))}：{html.escape(row.cells[first.id].get(lang))}</b>"
                               if lang == "zh" else
                               f"<b class='sl-ex-label'>{html.escape(first.label.get(lang))}: {html.escape(row.cells[first.id].get(lang))}</b>")
            lines: list[W.Widget] = [head]
            for col in rest:
                texts = [r.cells[col.id].get(lang) for r in ex.rows] + [self._choose()[0]]
                width = min(label_width(texts) + 40, 560)  # the longest option, plus the arrow
                dd = W.Dropdown(options=[self._choose()], value="", layout=shared_layout(width=f"{width}px", max_width="100%"),
                                tooltip=t("exercises.a11y.cell_of", lang, row=row.cells[first.id].get(lang),
                                          column=col.label.get(lang)))
                dd.add_class(f"sl-ex-choice-{row.id}-{col.id}")
                dd.add_class("sl-ex-choice")
                dd.observe(lambda ch, key=row.id: self._changed(key), names="value")
                self.choices[(row.id, col.id)] = dd
                name = html_widget(html.escape(col.label.get(lang)), layout=shared_layout(width=name_width))
                lines.append(W.HBox([name, dd], layout=shared_layout(flex_flow="row wrap", align_items="center",
                                                                 margin="0 0 0 16px")))
            self._rows[row.id] = W.VBox([*lines, self._feedback(row.id)], layout=shared_layout(margin="4px 0"))

    def _set_match_options(self) -> None:
        ex, lang = self.exercise, self.lang
        for col in ex.answer_columns:
            opts = [self._choose()] + [(ex.row(r).cells[col.id].get(lang), r)
                                       for r in shuffled_options(ex, col.id, self.state.seed)]
            for row in ex.rows:
                dd = self.choices[(row.id, col.id)]
                dd.options = opts
                dd.value = ""

    # ------------------------------------------------------------------ state
    def _restore(self) -> None:
        """Show the state (fresh or saved): layout, answer, then feedback if it was checked or shown."""
        ex, st = self.exercise, self.state
        self._hold = True
        try:
            if ex.kind == "order":
                self._show_order()
            else:
                if ex.kind == "match":
                    self.body.children = [self._rows[r] for r in st.layout]
                    self._set_match_options()
                    for rid, cells in st.answer.items():
                        for cid, value in cells.items():
                            self.choices[(rid, cid)].value = value or ""
                else:
                    self.body.children = [self._rows[i] for i in st.layout]
                    for dd in self.choices.values():
                        dd.value = ""
                    for iid, value in st.answer.items():
                        self.choices[iid].value = value or ""
        finally:
            self._hold = False
        for fb in self.feedback.values():
            fb.value = ""
        self.score.value = ""
        if st.checked or st.revealed:
            self._evaluate()

    def _save(self) -> None:
        with _LOCK:
            _REGISTRY[self.exercise.id] = copy.deepcopy(self.state)

    def answer(self) -> Any:
        """The learner's answer as the controls hold it, in :func:`~servicelab.exercises.check_answer`'s format."""
        ex = self.exercise
        if ex is None:
            return None
        if ex.kind == "sort":
            return {k: dd.value for k, dd in self.choices.items() if dd.value}
        if ex.kind == "order":
            return list(self.state.answer)
        out: dict[str, dict[str, str]] = {}
        for (rid, cid), dd in self.choices.items():
            if dd.value:
                out.setdefault(rid, {})[cid] = dd.value
        return out

    def _changed(self, key: str) -> None:
        if self._hold:
            return
        self.state.answer = self.answer()
        self.state.checked = self.state.revealed = False
        self.feedback[key].value = ""
        self.score.value = ""
        self._save()

    def _show_order(self) -> None:
        for slot, sid in zip(self.slots, self.state.answer):
            slot.value = html.escape(self.exercise.step(sid).label.get(self.lang))
        for i, sid in enumerate(self.state.answer):
            label = self.exercise.step(sid).label.get(self.lang)
            self.up[i].tooltip = t("exercises.a11y.up", self.lang, label=label)
            self.down[i].tooltip = t("exercises.a11y.down", self.lang, label=label)

    # ------------------------------------------------------------------ actions
    @guarded()
    def move(self, index: int, delta: int) -> None:
        """Order: move the step at 0-based ``index`` one place up (−1) or down (+1); focus follows it."""
        order = self.state.answer
        j = index + delta
        if not 0 <= j < len(order) or not 0 <= index < len(order):
            return
        order[index], order[j] = order[j], order[index]
        self.state.checked = self.state.revealed = False
        self._show_order()
        for fb in self.feedback.values():
            fb.value = ""
        self.score.value = ""
        label = self.exercise.step(order[j]).label.get(self.lang)
        self.status.value = html.escape(t("exercises.moved", self.lang, label=label, n=j + 1))
        self._save()
        target = self.up[j] if delta < 0 else self.down[j]
        if target.disabled:  # moved to the top (bottom): keep the focus on this step's other button
            target = self.down[j] if delta < 0 else self.up[j]
        target.focus()

    @guarded()
    def check(self) -> ExerciseResult:
        """Check the answer: ✓/✗ and the reason on every entry, and the score line."""
        self.state.answer = self.answer()
        self.state.checked = True
        self._save()
        self.status.value = ""  # the score line (a live region too) is what is read out now
        return self._evaluate()

    @guarded()
    def reveal(self) -> ExerciseResult:
        """Show the answer: every control set to the right value, with every reason."""
        ex = self.exercise
        right = expected_answer(ex)
        self._hold = True
        try:
            if ex.kind == "order":
                self.state.answer = list(right)
                self._show_order()
            elif ex.kind == "sort":
                for iid, gid in right.items():
                    self.choices[iid].value = gid
            else:
                for rid, cells in right.items():
                    for cid, value in cells.items():
                        self.choices[(rid, cid)].value = value
        finally:
            self._hold = False
        self.state.answer = self.answer()
        self.state.revealed = True
        self._save()
        self.status.value = ""
        return self._evaluate()

    @guarded()
    def retry(self) -> None:
        """Try again: a new shuffle (the next seed), every answer and all feedback cleared."""
        seed = self.state.seed + 1
        layout = shuffled(self.exercise, seed)
        self.state = ExerciseState(seed=seed, answer=_empty_answer(self.exercise, layout), layout=layout)
        self._restore()
        self.status.value = ""
        self._save()

    # ------------------------------------------------------------------ feedback
    def _label(self, entry: str, column: str | None = None) -> str:
        ex, lang = self.exercise, self.lang
        if ex.kind == "sort":
            return ex.group(entry).label.get(lang)
        if ex.kind == "order":
            return ex.step(entry).label.get(lang)
        return ex.row(entry).cells[column].get(lang)

    def _evaluate(self) -> ExerciseResult:
        ex, lang = self.exercise, self.lang
        result = check_answer(ex, self.state.answer)
        self.result = result
        if ex.kind == "match":
            for row in ex.rows:
                lines = []
                for col in ex.answer_columns:
                    r = result.get(row.id, col.id)
                    name = col.label.get(lang)
                    if r.correct:
                        lines.append(_span("right", t("exercises.match.cell_right", lang, column=name)))
                    elif not r.answered:
                        lines.append(_span("unanswered", t("exercises.match.cell_unanswered", lang, column=name)))
                    else:
                        lines.append(_span("wrong", t("exercises.match.cell_wrong", lang, column=name,
                                                      answer=self._label(r.expected, col.id))))
                mine = [result.get(row.id, c.id) for c in ex.answer_columns]
                why = html.escape(row.reason.get(lang)) if any(r.answered for r in mine) else ""
                self.feedback[row.id].value = " · ".join(lines) + (f"<br><small>{why}</small>" if why else "")
        else:
            for r in result.items:
                key = str(r.position) if ex.kind == "order" else r.id
                reason = r.reason.get(lang)
                if r.correct:
                    self.feedback[key].value = _span("right", t("exercises.right", lang, reason=reason))
                elif not r.answered:
                    self.feedback[key].value = _span("unanswered", t("exercises.unanswered", lang))
                elif ex.kind == "order":
                    self.feedback[key].value = _span("wrong", t("exercises.order.wrong", lang, n=r.position,
                                                                answer=self._label(r.expected), reason=reason))
                else:
                    self.feedback[key].value = _span("wrong", t("exercises.wrong", lang, answer=self._label(r.expected),
                                                                reason=reason))
        line = t("exercises.score", lang, right=result.right, total=result.total)
        if result.answered < result.total:
            line += t("exercises.score_unanswered", lang, n=result.total - result.answered)
        if self.state.revealed:
            line = t("exercises.answer_shown", lang)
        elif result.all_correct:
            line += " " + t("exercises.all_right", lang)
        self.score.value = f"<b>{html.escape(line)}</b>"
        return result
