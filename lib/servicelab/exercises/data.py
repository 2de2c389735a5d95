"""In-lesson exercises: dataclasses, loading and validation of ``data/exercises/*.json``.

One file per notebook, ``data/exercises/<notebook_id>.json``, holding ``{"exercises": [...]}``.
Three kinds of exercise (the schema is in ``data/exercises/README.md``)::

    sort   put each item into one of the groups          answer {item_id: group_id}
    order  put the steps in order (stored in order)      answer [step_id, ...]
    match  pick, for each row, the cell of every column  answer {row_id: {column_id: row_id}}
           after the first (shown fixed)

Everything is checked at load, like the question bank (:mod:`servicelab.quiz.bank`, whose
:class:`~servicelab.quiz.bank.Text` and curriculum reader are reused): a problem raises a
:class:`~servicelab.errors.ContentError` naming the file, the exercise id and the field, in the
learner's language.
"""
from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ContentError, ServiceLabError
from ..paths import data_path
from ..quiz.bank import LANGS, Text, curriculum

#: The kinds of exercise, in the order the README describes them.
KINDS: tuple[str, ...] = ("sort", "order", "match")
#: Fields every exercise has, whatever its kind.
COMMON_FIELDS: tuple[str, ...] = ("id", "notebook", "concepts", "kind", "source", "title", "prompt")
#: The fields of each kind beyond :data:`COMMON_FIELDS`.
KIND_FIELDS: dict[str, tuple[str, ...]] = {"sort": ("groups", "items"), "order": ("steps",),
                                           "match": ("columns", "rows")}
#: Fewest entries of each list field.
MINIMUM: dict[str, int] = {"groups": 2, "items": 2, "steps": 3, "columns": 2, "rows": 2}
#: Keys of one entry of each list field.
ENTRY_FIELDS: dict[str, tuple[str, ...]] = {
    "groups": ("id", "label"), "items": ("id", "label", "group", "reason"), "steps": ("id", "label", "reason"),
    "columns": ("id", "label"), "rows": ("id", "cells", "reason"),
}
#: An exercise id: ``ex`` + the notebook's two-digit number + ``-`` + a slug.
ID_PATTERN = re.compile(r"^ex(\d{2})-[a-z0-9][a-z0-9_-]*$")
#: An entry id (group, item, step, column, row): letters, digits, "_" and "-" (it names CSS classes).
ENTRY_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
#: Environment variable naming another folder of exercise files (tests, a class's own exercises).
FOLDER_ENV = "SERVICELAB_EXERCISES"


# ---------------------------------------------------------------------------------------------
# Data classes
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """A group of a ``sort`` exercise."""

    id: str
    label: Text


@dataclass(frozen=True)
class Item:
    """An item of a ``sort`` exercise: its label, the group it belongs to, and why."""

    id: str
    label: Text
    group: str
    reason: Text


@dataclass(frozen=True)
class Step:
    """A step of an ``order`` exercise (the steps are stored in the correct order)."""

    id: str
    label: Text
    reason: Text


@dataclass(frozen=True)
class Column:
    """A column of a ``match`` exercise (column 0 is shown fixed)."""

    id: str
    label: Text


@dataclass(frozen=True)
class Row:
    """A row of a ``match`` exercise: one cell per column, and why they belong together."""

    id: str
    cells: Mapping[str, Text]
    reason: Text


@dataclass(frozen=True)
class Exercise:
    """One exercise (immutable). Fields mirror the data file; unused kinds' tuples are empty.

    Examples
    --------
    >>> ex = Exercise(id="ex03-demo", notebook="03_what_is_service", concepts=("C4.4",), kind="order",
    ...               source="S0", title=Text("顺序", "Order"), prompt=Text("排序", "Put in order"),
    ...               steps=tuple(Step(s, Text(s, s), Text("因为", "because")) for s in ("a", "b", "c")))
    >>> ex.entry_ids, ex.chapter
    (('a', 'b', 'c'), '03')
    """

    id: str
    notebook: str
    concepts: tuple[str, ...]
    kind: str
    source: str
    title: Text
    prompt: Text
    groups: tuple[Group, ...] = ()
    items: tuple[Item, ...] = ()
    steps: tuple[Step, ...] = ()
    columns: tuple[Column, ...] = ()
    rows: tuple[Row, ...] = ()
    file: str = ""

    @property
    def chapter(self) -> str:
        """The two-digit notebook number (``"03"``)."""
        return self.notebook[:2]

    @property
    def entry_ids(self) -> tuple[str, ...]:
        """The ids the learner answers: items (sort), steps in the correct order (order), rows (match)."""
        entries = {"sort": self.items, "order": self.steps, "match": self.rows}[self.kind]
        return tuple(e.id for e in entries)

    @property
    def answer_columns(self) -> tuple[Column, ...]:
        """The columns the learner fills in (every column after the first; ``match`` only)."""
        return self.columns[1:]

    def group(self, group_id: str) -> Group:
        return next(g for g in self.groups if g.id == group_id)

    def item(self, item_id: str) -> Item:
        return next(i for i in self.items if i.id == item_id)

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def row(self, row_id: str) -> Row:
        return next(r for r in self.rows if r.id == row_id)


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------


def exercises_dir() -> Path:
    """The folder of exercise files: ``$SERVICELAB_EXERCISES`` or ``data/exercises``.

    Examples
    --------
    >>> exercises_dir().name
    'exercises'
    """
    override = os.environ.get(FOLDER_ENV)
    return Path(override) if override else data_path("exercises")


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ContentError("exercises.error.missing_file", file=str(path)) from None
    return (st.st_mtime_ns, st.st_size)


def _read(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError("exercises.error.missing_file", file=str(path)) from None
    except UnicodeDecodeError as exc:
        raise ContentError("exercises.error.encoding", file=path.name, position=exc.start) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContentError("exercises.error.json", file=path.name, line=exc.lineno, column=exc.colno,
                           detail=exc.msg) from None


class _Checker:
    """Checks one exercise entry of one file; every error names the file, the exercise and the field."""

    def __init__(self, file: str, eid: str) -> None:
        self.file, self.eid = file, eid

    def fail(self, key: str, **params: Any) -> None:
        raise ContentError(key, file=self.file, eid=self.eid, **params)

    def keys(self, obj: Any, field: str, allowed: tuple[str, ...], *, required: tuple[str, ...] | None = None) -> dict:
        if not isinstance(obj, dict):
            self.fail("exercises.error.not_object", field=field)
        for k in obj:
            if k not in allowed:
                self.fail("exercises.error.unknown_key", field=f"{field}.{k}" if field else k,
                          allowed=", ".join(allowed))
        for k in allowed if required is None else required:
            if k not in obj:
                self.fail("exercises.error.missing_field", field=f"{field}.{k}" if field else k)
        return obj

    def text(self, value: Any, field: str) -> Text:
        if not isinstance(value, dict):
            self.fail("exercises.error.not_text", field=field)
        for k in value:
            if k not in LANGS:
                self.fail("exercises.error.unknown_key", field=f"{field}.{k}", allowed=", ".join(LANGS))
        for lang in LANGS:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                self.fail("exercises.error.missing_language", field=field, language=lang)
        return Text(zh=value["zh"], en=value["en"])

    def string(self, value: Any, field: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail("exercises.error.not_string", field=field)
        return value

    def entry_id(self, value: Any, field: str) -> str:
        self.string(value, field)
        if not ENTRY_ID_PATTERN.match(value):
            self.fail("exercises.error.bad_entry_id", field=field, value=value)
        return value

    def entries(self, value: Any, field: str) -> list[dict]:
        if not isinstance(value, list):
            self.fail("exercises.error.not_list", field=field)
        if len(value) < MINIMUM[field]:
            self.fail("exercises.error.too_few", field=field, minimum=MINIMUM[field], count=len(value))
        out, seen = [], set()
        for i, entry in enumerate(value):
            where = f"{field}[{i + 1}]"
            self.keys(entry, where, ENTRY_FIELDS[field])
            eid = self.entry_id(entry["id"], f"{where}.id")
            if eid in seen:
                self.fail("exercises.error.duplicate_entry", field=f"{where}.id", value=eid)
            seen.add(eid)
            out.append(entry)
        return out

    def distinct_labels(self, labels: list[tuple[str, Text]]) -> None:
        """No two labels the learner must tell apart read the same (in either language)."""
        for lang in LANGS:
            seen: dict[str, str] = {}
            for field, text in labels:
                norm = " ".join(text.get(lang).split()).casefold()
                if norm in seen:
                    self.fail("exercises.error.duplicate_label", field=field, other=seen[norm], language=lang,
                              label=text.get(lang))
                seen[norm] = field


def _parse(raw: Any, file: str, index: int, notebook: str, concepts: Mapping[str, str]) -> Exercise:
    eid = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else f"#{index + 1}"
    c = _Checker(file, eid)
    if not isinstance(raw, dict):
        c.fail("exercises.error.not_object", field="-")
    if "kind" not in raw:
        c.fail("exercises.error.missing_field", field="kind")
    kind = raw["kind"]
    if kind not in KINDS:
        c.fail("exercises.error.bad_kind", field="kind", value=str(kind), allowed=", ".join(KINDS))
    c.keys(raw, "", COMMON_FIELDS + KIND_FIELDS[kind])
    m = ID_PATTERN.match(c.string(raw["id"], "id"))
    if not m:
        c.fail("exercises.error.bad_id", field="id", value=raw["id"], chapter=notebook[:2])
    if raw["notebook"] != notebook:
        c.fail("exercises.error.notebook_mismatch", field="notebook", value=str(raw["notebook"]), expected=notebook)
    if m.group(1) != notebook[:2]:
        c.fail("exercises.error.bad_id", field="id", value=raw["id"], chapter=notebook[:2])
    if not isinstance(raw["concepts"], list) or not raw["concepts"]:
        c.fail("exercises.error.not_concepts", field="concepts")
    for i, concept in enumerate(raw["concepts"]):
        if concept not in concepts:
            c.fail("exercises.error.unknown_concept", field=f"concepts[{i + 1}]", value=str(concept))
    source = c.string(raw["source"], "source")
    title, prompt = c.text(raw["title"], "title"), c.text(raw["prompt"], "prompt")
    common = dict(id=raw["id"], notebook=notebook, concepts=tuple(raw["concepts"]), kind=kind, source=source,
                  title=title, prompt=prompt, file=file)
    if kind == "sort":
        groups = tuple(Group(g["id"], c.text(g["label"], f"groups[{i + 1}].label"))
                       for i, g in enumerate(c.entries(raw["groups"], "groups")))
        group_ids = [g.id for g in groups]
        items = []
        for i, it in enumerate(c.entries(raw["items"], "items")):
            if it["group"] not in group_ids:
                c.fail("exercises.error.unknown_group", field=f"items[{i + 1}].group", value=str(it["group"]),
                       allowed=", ".join(group_ids))
            items.append(Item(it["id"], c.text(it["label"], f"items[{i + 1}].label"), it["group"],
                              c.text(it["reason"], f"items[{i + 1}].reason")))
        c.distinct_labels([(f"groups[{i + 1}].label", g.label) for i, g in enumerate(groups)])
        c.distinct_labels([(f"items[{i + 1}].label", x.label) for i, x in enumerate(items)])
        return Exercise(**common, groups=groups, items=tuple(items))
    if kind == "order":
        steps = tuple(Step(s["id"], c.text(s["label"], f"steps[{i + 1}].label"),
                           c.text(s["reason"], f"steps[{i + 1}].reason"))
                      for i, s in enumerate(c.entries(raw["steps"], "steps")))
        c.distinct_labels([(f"steps[{i + 1}].label", s.label) for i, s in enumerate(steps)])
        return Exercise(**common, steps=steps)
    columns = tuple(Column(col["id"], c.text(col["label"], f"columns[{i + 1}].label"))
                    for i, col in enumerate(c.entries(raw["columns"], "columns")))
    col_ids = tuple(col.id for col in columns)
    rows = []
    for i, r in enumerate(c.entries(raw["rows"], "rows")):
        where = f"rows[{i + 1}].cells"
        cells = c.keys(r["cells"], where, col_ids)
        rows.append(Row(r["id"], {cid: c.text(cells[cid], f"{where}.{cid}") for cid in col_ids},
                        c.text(r["reason"], f"rows[{i + 1}].reason")))
    c.distinct_labels([(f"columns[{i + 1}].label", col.label) for i, col in enumerate(columns)])
    for cid in col_ids:  # the options of one column's dropdowns (and the fixed first column) must differ
        c.distinct_labels([(f"rows[{i + 1}].cells.{cid}", r.cells[cid]) for i, r in enumerate(rows)])
    return Exercise(**common, columns=columns, rows=tuple(rows))


def parse_file(path: str | os.PathLike, concepts: Mapping[str, str], notebooks: frozenset[str]) -> list[Exercise]:
    """Read and check one exercise file (``<notebook_id>.json``); ids are checked per file only.

    Parameters
    ----------
    path : path
    concepts : mapping
        Concept id → notebook id (:func:`servicelab.quiz.bank.curriculum`).
    notebooks : set of str
        The notebook ids of the curriculum.

    Returns
    -------
    list of Exercise

    Raises
    ------
    ContentError
        See :func:`load_exercises`.
    """
    p = Path(path)
    notebook = p.stem
    if notebook not in notebooks:
        raise ContentError("exercises.error.file_name", file=p.name, notebook=notebook)
    raw = _read(p)
    if not isinstance(raw, dict) or set(raw) != {"exercises"} or not isinstance(raw["exercises"], list):
        raise ContentError("exercises.error.top_level", file=p.name)
    out: list[Exercise] = []
    seen: set[str] = set()
    for i, entry in enumerate(raw["exercises"]):
        ex = _parse(entry, p.name, i, notebook, concepts)
        if ex.id in seen:
            raise ContentError("exercises.error.duplicate_id", file=p.name, eid=ex.id, field="id", other=p.name)
        seen.add(ex.id)
        out.append(ex)
    return out


_CACHE: dict[tuple, tuple[Exercise, ...]] = {}
_LOCK = threading.Lock()


def _load_all(folder: Path, curriculum_path: str | os.PathLike | None) -> tuple[Exercise, ...]:
    files = sorted(p for p in folder.glob("*.json") if p.is_file()) if folder.is_dir() else []
    key = (str(folder.resolve()), tuple((p.name, *_stamp(p)) for p in files), str(curriculum_path))
    with _LOCK:
        cached = _CACHE.get(key)
    if cached is not None:
        return cached
    concepts, notebooks = curriculum(curriculum_path)
    everything: list[Exercise] = []
    origin: dict[str, str] = {}
    for path in files:
        for ex in parse_file(path, concepts, notebooks):
            if ex.id in origin:
                raise ContentError("exercises.error.duplicate_id", file=path.name, eid=ex.id, field="id",
                                   other=origin[ex.id])
            origin[ex.id] = path.name
            everything.append(ex)
    result = tuple(everything)
    with _LOCK:
        if len(_CACHE) > 8:
            _CACHE.clear()
        _CACHE[key] = result
    return result


def load_exercises(notebook: str | None = None, *, folder: str | os.PathLike | None = None,
                   curriculum_path: str | os.PathLike | None = None) -> list[Exercise]:
    """Load and check every exercise file; return the exercises (of one notebook, if given).

    Parameters
    ----------
    notebook : str, optional
        A notebook id (``"03_what_is_service"``): only its exercises, in file order.
    folder : path, optional
        The folder of exercise files (default :func:`exercises_dir`).
    curriculum_path : path, optional
        Overrides ``data/curriculum.json`` (tests).

    Returns
    -------
    list of Exercise
        Empty when the folder holds no exercise file. Files are read again only when one changes
        (name, size or modification time).

    Raises
    ------
    ContentError
        Naming file, exercise id and field, for: a file that is not UTF-8 JSON, a file name that is
        not a notebook of the curriculum, a top level other than ``{"exercises": [...]}``, an
        unknown or missing key, a text without both ``zh`` and ``en``, an unknown ``kind``, an id not
        of the form ``exNN-slug`` with NN the notebook's number, a ``notebook`` other than the file
        name's, an unknown concept id, too few groups/items/steps/columns/rows, an entry id used
        twice within an exercise, an item's group not among the groups, a row without a cell for
        every column, two labels of one exercise that read the same, and an exercise id used twice
        (across all files).

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> t2 = lambda zh, en: {"zh": zh, "en": en}
    >>> ex = {"id": "ex03-stages", "notebook": "03_what_is_service", "concepts": ["C4.4"], "kind": "order",
    ...       "source": "S0", "title": t2("三个阶段", "Three stages"), "prompt": t2("排序", "Put in order"),
    ...       "steps": [{"id": s, "label": t2(zh, s), "reason": t2("原因", "why")}
    ...                 for s, zh in (("land", "土地"), ("machine", "机器"), ("knowledge", "知识"))]}
    >>> _ = (d / "03_what_is_service.json").write_text(json.dumps({"exercises": [ex]}), encoding="utf-8")
    >>> [(e.id, e.kind, e.entry_ids) for e in load_exercises(folder=d)]
    [('ex03-stages', 'order', ('land', 'machine', 'knowledge'))]
    >>> load_exercises("04_perceived_quality", folder=d)
    []
    """
    folder_p = Path(folder) if folder is not None else exercises_dir()
    everything = _load_all(folder_p, curriculum_path)
    return [ex for ex in everything if notebook is None or ex.notebook == notebook]


def get_exercise(exercise_id: str, *, folder: str | os.PathLike | None = None,
                 curriculum_path: str | os.PathLike | None = None) -> Exercise:
    """The exercise with id ``exercise_id``.

    Raises
    ------
    ServiceLabError
        ``exercises.error.unknown_exercise`` (naming the id and the folder) when there is none;
        :class:`ContentError` when a file is broken (see :func:`load_exercises`).

    Examples
    --------
    >>> import tempfile
    >>> try:
    ...     get_exercise("ex03-nothing", folder=tempfile.mkdtemp())
    ... except ServiceLabError as err:
    ...     print(err.message("en").split(" (")[0])
    No exercise has the id ex03-nothing
    """
    folder_p = Path(folder) if folder is not None else exercises_dir()
    for ex in _load_all(folder_p, curriculum_path):
        if ex.id == exercise_id:
            return ex
    raise ServiceLabError("exercises.error.unknown_exercise", eid=str(exercise_id), folder=folder_p.name)
