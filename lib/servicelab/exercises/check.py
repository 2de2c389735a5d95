"""Checking an answer to an exercise, the right answer, and the seeded order entries are shown in.

Pure functions of the :class:`~servicelab.exercises.data.Exercise` and the answer; the widget
(:mod:`servicelab.widgets.exercise`) only wires its controls to them.
"""
from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ServiceLabError
from ..quiz.bank import Text
from .data import Exercise


@dataclass(frozen=True)
class ItemResult:
    """The verdict on one answered entry.

    Attributes
    ----------
    id : str
        sort: the item; order: the step that belongs at :attr:`position`; match: the row.
    column : str or None
        match: the column of the row that was filled in; None for the other kinds.
    position : int or None
        order: the 1-based position; None for the other kinds.
    given : str or None
        The learner's choice (group id, step id, row id), None when unanswered.
    expected : str
        The right choice (group id, step id, row id).
    correct : bool
    reason : Text
        Why the right answer is right (the item's, the expected step's, the row's reason).
    """

    id: str
    given: str | None
    expected: str
    correct: bool
    reason: Text
    column: str | None = None
    position: int | None = None

    @property
    def answered(self) -> bool:
        return self.given is not None


@dataclass(frozen=True)
class ExerciseResult:
    """The verdict on a whole answer: one :class:`ItemResult` per entry (per cell for ``match``).

    Examples
    --------
    >>> r = ExerciseResult("ex03-x", "sort", (ItemResult("i1", "a", "a", True, Text("因", "why")),
    ...                                       ItemResult("i2", None, "b", False, Text("因", "why"))))
    >>> r.right, r.total, r.answered, r.score, r.all_correct
    (1, 2, 1, 0.5, False)
    """

    exercise_id: str
    kind: str
    items: tuple[ItemResult, ...]

    @property
    def right(self) -> int:
        """How many entries are right."""
        return sum(r.correct for r in self.items)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def answered(self) -> int:
        return sum(r.answered for r in self.items)

    @property
    def score(self) -> float:
        """right ÷ total (0 for an exercise with no entries, which validation never lets through)."""
        return self.right / self.total if self.total else 0.0

    @property
    def all_correct(self) -> bool:
        return self.right == self.total

    def get(self, entry_id: str, column: str | None = None) -> ItemResult:
        """The result of one entry (match: of one cell)."""
        return next(r for r in self.items if r.id == entry_id and r.column == column)


def _bad(exercise: Exercise, detail: str, value: Any, allowed: Sequence[str]) -> ServiceLabError:
    """``detail`` names what was expected (kept on the error for tests; the message shows value and allowed)."""
    err = ServiceLabError("exercises.error.bad_answer", eid=exercise.id, value=str(value), allowed=", ".join(allowed))
    err.detail = detail  # type: ignore[attr-defined]
    return err


def check_answer(exercise: Exercise, answer: Any) -> ExerciseResult:
    """Check ``answer`` against the exercise: each entry right or wrong, with the right answer and why.

    Parameters
    ----------
    exercise : Exercise
    answer
        sort: ``{item_id: group_id}``; order: ``[step_id, …]`` (position *i* is right when it holds
        the *i*-th step of the stored order); match: ``{row_id: {column_id: row_id_chosen}}`` (a
        cell is right when the chosen row is the row itself). Entries left out, or given as None,
        count as unanswered (and not right).

    Returns
    -------
    ExerciseResult
        sort: one result per item; order: one per position; match: one per row and answer column,
        in the exercise's order.

    Raises
    ------
    ServiceLabError
        ``exercises.error.bad_answer`` for an id the exercise does not have, a value of the wrong
        shape, or an order answer longer than the steps.

    Notes
    -----
    Score = right ÷ total, where total is the number of items, steps, or rows × (columns − 1).

    Examples
    --------
    >>> from servicelab.exercises.data import Step
    >>> ex = Exercise(id="ex03-demo", notebook="03_what_is_service", concepts=("C4.4",), kind="order",
    ...               source="S0", title=Text("顺序", "Order"), prompt=Text("排序", "Put in order"),
    ...               steps=tuple(Step(s, Text(s, s), Text("因为", "because")) for s in ("a", "b", "c")))
    >>> r = check_answer(ex, ["a", "c", "b"])
    >>> [(x.position, x.given, x.expected, x.correct) for x in r.items], r.right
    ([(1, 'a', 'a', True), (2, 'c', 'b', False), (3, 'b', 'c', False)], 1)
    """
    if exercise.kind == "sort":
        if not isinstance(answer, Mapping):
            raise _bad(exercise, "mapping", type(answer).__name__, ["{item_id: group_id}"])
        items, groups = exercise.entry_ids, [g.id for g in exercise.groups]
        for key, value in answer.items():
            if key not in items:
                raise _bad(exercise, "item", key, items)
            if value is not None and value not in groups:
                raise _bad(exercise, "group", value, groups)
        out = [ItemResult(it.id, answer.get(it.id), it.group, answer.get(it.id) == it.group, it.reason)
               for it in exercise.items]
    elif exercise.kind == "order":
        if isinstance(answer, (str, bytes, Mapping)) or not isinstance(answer, Sequence):
            raise _bad(exercise, "sequence", type(answer).__name__, ["[step_id, …]"])
        steps = exercise.entry_ids
        if len(answer) > len(steps):
            raise _bad(exercise, "length", len(answer), [str(len(steps))])
        for value in answer:
            if value is not None and value not in steps:
                raise _bad(exercise, "step", value, steps)
        given = list(answer) + [None] * (len(steps) - len(answer))
        out = [ItemResult(s.id, g, s.id, g == s.id, s.reason, position=i + 1)
               for i, (s, g) in enumerate(zip(exercise.steps, given))]
    else:
        if not isinstance(answer, Mapping):
            raise _bad(exercise, "mapping", type(answer).__name__, ["{row_id: {column_id: row_id}}"])
        rows, cols = exercise.entry_ids, [c.id for c in exercise.answer_columns]
        for key, cells in answer.items():
            if key not in rows:
                raise _bad(exercise, "row", key, rows)
            if not isinstance(cells, Mapping):
                raise _bad(exercise, "mapping", type(cells).__name__, ["{column_id: row_id}"])
            for col, value in cells.items():
                if col not in cols:
                    raise _bad(exercise, "column", col, cols)
                if value is not None and value not in rows:
                    raise _bad(exercise, "row", value, rows)
        out = []
        for row in exercise.rows:
            cells = answer.get(row.id) or {}
            for col in cols:
                g = cells.get(col)
                out.append(ItemResult(row.id, g, row.id, g == row.id, row.reason, column=col))
    return ExerciseResult(exercise.id, exercise.kind, tuple(out))


def expected_answer(exercise: Exercise) -> Any:
    """The right answer, in the format :func:`check_answer` takes.

    Examples
    --------
    >>> from servicelab.exercises.data import Step
    >>> ex = Exercise(id="ex03-demo", notebook="03_what_is_service", concepts=("C4.4",), kind="order",
    ...               source="S0", title=Text("顺序", "Order"), prompt=Text("排序", "Put in order"),
    ...               steps=tuple(Step(s, Text(s, s), Text("因为", "because")) for s in ("a", "b", "c")))
    >>> expected_answer(ex), check_answer(ex, expected_answer(ex)).all_correct
    (['a', 'b', 'c'], True)
    """
    if exercise.kind == "sort":
        return {it.id: it.group for it in exercise.items}
    if exercise.kind == "order":
        return list(exercise.entry_ids)
    return {row.id: {col.id: row.id for col in exercise.answer_columns} for row in exercise.rows}


def shuffled(exercise: Exercise, seed: int = 0) -> tuple[str, ...]:
    """The entry ids in the order the widget shows them, shuffled with ``seed`` (reproducible).

    For ``order`` the shuffle is never the correct order itself (a puzzle that starts solved
    teaches nothing); for ``sort`` and ``match`` it is the order of the items or rows.

    Examples
    --------
    >>> from servicelab.exercises.data import Step
    >>> ex = Exercise(id="ex03-demo", notebook="03_what_is_service", concepts=("C4.4",), kind="order",
    ...               source="S0", title=Text("顺序", "Order"), prompt=Text("排序", "Put in order"),
    ...               steps=tuple(Step(s, Text(s, s), Text("因为", "because")) for s in ("a", "b", "c")))
    >>> order = shuffled(ex, 0)
    >>> sorted(order), order != ("a", "b", "c"), shuffled(ex, 0) == order
    (['a', 'b', 'c'], True, True)
    """
    ids = list(exercise.entry_ids)
    rng = random.Random(f"{exercise.id}:{seed}")
    for _ in range(100):
        rng.shuffle(ids)
        if exercise.kind != "order" or ids != list(exercise.entry_ids):
            break
    return tuple(ids)


def shuffled_options(exercise: Exercise, column: str, seed: int = 0) -> tuple[str, ...]:
    """The row ids offered in the dropdowns of a ``match`` column, shuffled with ``seed``.

    Each column has its own order, drawn independently of the order the rows are shown in.
    """
    ids = list(exercise.entry_ids)
    random.Random(f"{exercise.id}:{column}:{seed}").shuffle(ids)
    return tuple(ids)
