"""The exam-prep question bank: loading, validation, scoring and practice modes.

Everything here is a pure function of its inputs (the bank, the learner's responses, a
:class:`random.Random` and the time ``now``), so the widgets of notebook 12 only wire inputs to
these calls and persist the results with :mod:`servicelab.storage.progress`.

Question types (``data/quiz/README.md``)::

    single 单选 · multiple 多选 · true_false 判断 · term 名词解释 · short 简答 · essay 论述 · numeric 计算

Scoring rules (every question is worth 1 point before the mock exam's marks are applied):

* ``single`` — 1 if the chosen letter is the key, else 0.
* ``multiple`` — exam rule, all-or-nothing: 1 only if the chosen set equals the key set.
  Practice partial credit (shown separately in :attr:`Result.partial_credit`):
  ``max(0, (right picks − wrong picks) / number of right options)``, and 0 as soon as one wrong
  option is picked *in exam mode* (that is what :attr:`Result.score` holds).
* ``true_false`` — 1 if the judgement matches.
* ``numeric`` — the prompt asks for ``decimals`` decimal places and ``answer`` is the exact
  (unrounded) key. Any value within half a unit of the last asked decimal of the exact key,
  inclusive, is right: ``|x − answer| ≤ max(0.5 · 10^−decimals, tolerance)`` (plus a float
  rounding allowance of 1e-9 · max(1, |answer|)). So a key that lies exactly on a rounding
  boundary accepts both neighbours (−0.855 at two decimals: −0.85 and −0.86, half-up and
  half-even alike, whatever the binary representation of −0.855). ``tolerance`` (optional) only
  widens the window, for a key whose input data are themselves rounded. The learner's text is
  read by :func:`parse_number`.
* ``term`` / ``short`` / ``essay`` — self-assessed: the learner writes free text, then ticks the
  key points the text covers; score = ticked / number of key points. The answer counts as
  *correct* (for the wrong-answer review and the scheduler) when the score is at least
  :data:`SELF_ASSESSED_PASS` (0.6) — this project's convention, borrowed from the 60 % pass mark
  of Chinese university exams; :func:`score_answer` takes another ``pass_mark`` if wanted.
"""
from __future__ import annotations

import json
import math
import os
import random
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ContentError, ServiceLabError
from ..paths import data_path

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "true_false", "term", "short", "essay", "numeric")
CHOICE_TYPES = frozenset({"single", "multiple"})
SELF_ASSESSED_TYPES = frozenset({"term", "short", "essay"})
#: Share of key points a self-assessed answer (term, short, essay) must cover to count as correct.
#: This project's convention (the 60 % pass mark of Chinese university exams), not a published rule.
SELF_ASSESSED_PASS = 0.6
LANGS = ("zh", "en")
_FLOAT_ALLOWANCE = 1e-9

# ---------------------------------------------------------------------------------------------
# Data classes
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A bilingual string. ``text["en"]`` or ``text.get("en")``."""

    zh: str
    en: str

    def get(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def __getitem__(self, lang: str) -> str:
        if lang not in LANGS:
            raise KeyError(lang)
        return self.get(lang)

    def to_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


@dataclass(frozen=True)
class Option:
    """One lettered option of a choice question."""

    key: str
    text: Text


@dataclass(frozen=True)
class Question:
    """One question of the bank (immutable). Fields mirror ``data/quiz/schema.json``."""

    id: str
    type: str
    concepts: tuple[str, ...]
    chapter: str
    difficulty: int
    prompt: Text
    explanation: Text
    notebook: str
    file: str = ""
    options: tuple[Option, ...] = ()
    answer: Any = None
    tolerance: float | None = None
    unit: Text | None = None
    decimals: int | None = None
    key_points: tuple[Text, ...] = ()
    section: str = ""
    exam_tags: tuple[str, ...] = ()
    source: str = ""

    @property
    def concept(self) -> str:
        """The first (main) concept."""
        return self.concepts[0]

    @property
    def accepted_tolerance(self) -> float:
        """Half-width of the accepted window of a ``numeric`` question.

        ``max(0.5 · 10^−decimals, tolerance)``: half a unit of the last decimal the prompt asks
        for, or the explicit ``tolerance`` when that is wider (0 when neither is set).

        Examples
        --------
        >>> q = Question(id="Q-n", type="numeric", concepts=("C2.7",), chapter="05", difficulty=1,
        ...              prompt=Text("题", "Q"), explanation=Text("解", "E"), notebook="05_servqual",
        ...              answer=-0.855, decimals=2)
        >>> q.accepted_tolerance
        0.005
        """
        half = 0.5 * 10.0 ** -self.decimals if self.decimals is not None else 0.0
        return max(half, self.tolerance or 0.0)

    @property
    def option_keys(self) -> tuple[str, ...]:
        return tuple(o.key for o in self.options)

    @property
    def answer_keys(self) -> frozenset[str]:
        """The key letters of a choice question (empty for other types)."""
        if self.type == "single":
            return frozenset({self.answer})
        if self.type == "multiple":
            return frozenset(self.answer)
        return frozenset()


@dataclass(frozen=True)
class Card:
    """A memory card: a mnemonic and its parts (``data/quiz/cards.json``)."""

    id: str
    concepts: tuple[str, ...]
    mnemonic: Text
    parts: tuple[Text, ...]
    notebook: str
    explanation: Text
    source: str = ""


class Bank:
    """The loaded question bank: immutable questions plus lookups and a tidy DataFrame view.

    Parameters
    ----------
    questions : sequence of Question

    Examples
    --------
    >>> q = Question(id="Q-C1.1-single-01", type="single", concepts=("C1.1",), chapter="01",
    ...              difficulty=1, prompt=Text("题", "Q"), explanation=Text("解", "E"),
    ...              notebook="01_service_era", options=(Option("A", Text("甲", "a")),
    ...              Option("B", Text("乙", "b"))), answer="A")
    >>> bank = Bank([q])
    >>> len(bank), bank["Q-C1.1-single-01"].answer, [x.id for x in bank.by_concept("C1.1")]
    (1, 'A', ['Q-C1.1-single-01'])
    """

    def __init__(self, questions: Iterable[Question]) -> None:
        self.questions: tuple[Question, ...] = tuple(questions)
        self._by_id = {q.id: q for q in self.questions}
        self._by_concept: dict[str, list[Question]] = {}
        self._by_chapter: dict[str, list[Question]] = {}
        self._by_type: dict[str, list[Question]] = {}
        for q in self.questions:
            for c in dict.fromkeys(q.concepts):
                self._by_concept.setdefault(c, []).append(q)
            self._by_chapter.setdefault(q.chapter, []).append(q)
            self._by_type.setdefault(q.type, []).append(q)
        self._frame: pd.DataFrame | None = None

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self):
        return iter(self.questions)

    def __contains__(self, qid: object) -> bool:
        return qid in self._by_id

    def __getitem__(self, qid: str) -> Question:
        return self.get(qid)

    def get(self, qid: str) -> Question:
        """The question with id ``qid`` (bilingual :class:`ServiceLabError` if absent)."""
        try:
            return self._by_id[qid]
        except KeyError:
            raise ServiceLabError("quiz.error.unknown_question", qid=qid) from None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._by_id)

    def by_concept(self, concept: str) -> list[Question]:
        """Questions that list ``concept`` among their concepts."""
        return list(self._by_concept.get(concept, ()))

    def by_chapter(self, chapter: str) -> list[Question]:
        """Questions of a chapter (``"01"``–``"11"``; a notebook id such as ``"05_servqual"`` works too)."""
        return list(self._by_chapter.get(str(chapter)[:2].zfill(2), ()))

    def by_type(self, qtype: str) -> list[Question]:
        return list(self._by_type.get(qtype, ()))

    @property
    def frame(self) -> pd.DataFrame:
        """One row per question: id, type, chapter, concept (first), concepts, difficulty, notebook, file."""
        if self._frame is None:
            import pandas as pd

            self._frame = pd.DataFrame(
                {
                    "id": [q.id for q in self.questions],
                    "type": [q.type for q in self.questions],
                    "chapter": [q.chapter for q in self.questions],
                    "concept": [q.concept for q in self.questions],
                    "concepts": [",".join(q.concepts) for q in self.questions],
                    "difficulty": [q.difficulty for q in self.questions],
                    "notebook": [q.notebook for q in self.questions],
                    "file": [q.file for q in self.questions],
                }
            )
        return self._frame

    def concept_frame(self) -> pd.DataFrame:
        """One row per (question, concept) pair: id, concept, chapter, type."""
        import pandas as pd

        rows = [(q.id, c, q.chapter, q.type) for q in self.questions for c in dict.fromkeys(q.concepts)]
        return pd.DataFrame(rows, columns=["id", "concept", "chapter", "type"])


# ---------------------------------------------------------------------------------------------
# Loading and validation
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Curriculum:
    """The course outline from ``data/curriculum.json``: notebooks and concepts in course order.

    Attributes
    ----------
    notebooks : tuple of (notebook id, title)
    concepts : tuple of (concept id, notebook id, title)
    """

    notebooks: tuple[tuple[str, Text], ...]
    concepts: tuple[tuple[str, str, Text], ...]

    @property
    def concept_notebook(self) -> dict[str, str]:
        """Concept id → notebook id."""
        return {cid: nb for cid, nb, _ in self.concepts}

    @property
    def notebook_ids(self) -> frozenset[str]:
        return frozenset(nb for nb, _ in self.notebooks)

    def chapter_titles(self, lang: str = "zh") -> dict[str, str]:
        """Chapter number (``"05"``) → notebook title in ``lang``."""
        return {nb[:2]: title.get(lang) for nb, title in self.notebooks}


def _curriculum_text(value: Any, file: str, entry: str, field: str) -> Text:
    for lang in LANGS:
        if not isinstance(value, dict) or not isinstance(value.get(lang), str) or not value[lang].strip():
            raise ContentError("quiz.error.curriculum_field", file=file, entry=entry, field=f"{field}.{lang}")
    return Text(value["zh"], value["en"])


def _curriculum_id(item: Any, file: str, index: int) -> str:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
        raise ContentError("quiz.error.curriculum_field", file=file, entry=f"#{index + 1}", field="id")
    return item["id"]


@lru_cache(maxsize=4)
def _curriculum_cached(path: str, stamp: tuple) -> Curriculum:
    p = Path(path)
    raw = _read_json(p)
    file = p.name
    for section in ("notebooks", "concepts"):
        if not isinstance(raw, dict) or not isinstance(raw.get(section), list):
            raise ContentError("quiz.error.curriculum_field", file=file, entry="-", field=section)
    notebooks = []
    for i, nb in enumerate(raw["notebooks"]):
        nid = _curriculum_id(nb, file, i)
        notebooks.append((nid, _curriculum_text(nb.get("title"), file, nid, "title")))
    known = {nid for nid, _ in notebooks}
    concepts = []
    for i, c in enumerate(raw["concepts"]):
        cid = _curriculum_id(c, file, i)
        nb = c.get("notebook")
        if nb not in known:
            raise ContentError("quiz.error.curriculum_notebook", file=file, entry=cid, notebook=nb)
        concepts.append((cid, nb, _curriculum_text(c.get("title"), file, cid, "title")))
    return Curriculum(tuple(notebooks), tuple(concepts))


def _stamp(path: Path) -> tuple:
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        raise ContentError("quiz.error.missing_file", file=str(path)) from exc
    return (st.st_mtime_ns, st.st_size)


def load_curriculum(path: str | os.PathLike | None = None) -> Curriculum:
    """The validated course outline, read once and cached until the file changes.

    Parameters
    ----------
    path : path, optional
        ``data/curriculum.json`` by default.

    Returns
    -------
    Curriculum

    Raises
    ------
    ContentError
        Naming the file and the entry, when a notebook or concept lacks its id or a title in
        either language, or a concept points to a notebook that is not listed.

    Examples
    --------
    >>> cur = load_curriculum()
    >>> cur.concept_notebook["C1.1"], cur.chapter_titles("en")["01"]
    ('01_service_era', 'The service era and service types')
    """
    p = Path(path) if path is not None else data_path("curriculum.json")
    return _curriculum_cached(str(p.resolve()), _stamp(p))


def curriculum(path: str | os.PathLike | None = None) -> tuple[dict[str, str], frozenset[str]]:
    """Concept id → notebook id, and the set of notebook ids, from ``data/curriculum.json``."""
    cur = load_curriculum(path)
    return cur.concept_notebook, cur.notebook_ids


@lru_cache(maxsize=2)
def _fast_validator(schema_path: str, stamp: tuple):
    """fastjsonschema's compiled validator (~30 ms), or None if that package is missing."""
    try:
        import fastjsonschema
    except ImportError:  # pragma: no cover - jsonschema alone still validates
        return None
    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    try:
        return fastjsonschema.compile(schema)
    except Exception:  # pragma: no cover - a schema feature it lacks: fall back to jsonschema
        return None


def _check_schema(schema_path: Path, data: Any, file: str) -> None:
    """Validate one file against schema.json.

    The fast path uses fastjsonschema; any failure it reports is re-checked with jsonschema (the
    reference implementation, whose import alone takes over a second), which names the question
    and the field in the error.
    """
    key = (str(schema_path.resolve()), _stamp(schema_path))
    fast = _fast_validator(*key)
    if fast is not None:
        import fastjsonschema

        try:
            fast(data)
            return
        except fastjsonschema.JsonSchemaException:
            pass
    _schema_error(_validator(*key), data, file)


@lru_cache(maxsize=2)
def _validator(schema_path: str, stamp: tuple):
    import jsonschema

    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ContentError("quiz.error.missing_file", file=str(path)) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContentError("quiz.error.json", file=path.name, line=exc.lineno, detail=exc.msg) from exc


def _item_id(item: Any, index: int) -> str:
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return item["id"]
    return f"#{index + 1}"


def _text_fields(item: dict) -> Iterable[tuple[str, Any]]:
    for name in ("prompt", "explanation", "unit", "mnemonic"):
        if name in item:
            yield name, item[name]
    for name in ("options", "key_points", "parts"):
        value = item.get(name)
        if isinstance(value, list):
            for i, entry in enumerate(value):
                label = f"{name}[{entry.get('key', i + 1) if isinstance(entry, dict) else i + 1}]"
                yield label, entry


def _check_languages(item: Any, file: str, qid: str) -> None:
    """Every bilingual field must carry non-empty zh and en text."""
    if not isinstance(item, dict):
        return
    for name, value in _text_fields(item):
        if not isinstance(value, dict):
            continue  # the schema reports the wrong shape
        for lang in LANGS:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                raise ContentError("quiz.error.missing_language", file=file, qid=qid, field=name, language=lang)


def _schema_error(validator, data: Any, file: str) -> None:
    import jsonschema

    errors = list(validator.iter_errors(data))
    if not errors:
        return
    err = jsonschema.exceptions.best_match(errors)
    path = list(err.absolute_path)
    qid = _item_id(data[path[0]], path[0]) if path and isinstance(path[0], int) and isinstance(data, list) else "-"
    where = "/".join(str(p) for p in path[1:]) or "-"
    raise ContentError("quiz.error.schema", file=file, qid=qid, where=where, detail=err.message)


def _text(d: Mapping[str, str]) -> Text:
    return Text(zh=d["zh"], en=d["en"])


def _question_from(item: dict, file: str) -> Question:
    qtype = item["type"]
    answer = item.get("answer")
    if qtype == "multiple":
        answer = tuple(sorted(answer))
    return Question(
        id=item["id"],
        type=qtype,
        concepts=tuple(item["concepts"]),
        chapter=item["chapter"],
        difficulty=int(item["difficulty"]),
        prompt=_text(item["prompt"]),
        explanation=_text(item["explanation"]),
        notebook=item["notebook"],
        file=file,
        options=tuple(Option(o["key"], _text(o)) for o in item.get("options", ())),
        answer=answer,
        tolerance=float(item["tolerance"]) if "tolerance" in item else None,
        unit=_text(item["unit"]) if "unit" in item else None,
        decimals=int(item["decimals"]) if "decimals" in item else None,
        key_points=tuple(_text(k) for k in item.get("key_points", ())),
        section=item.get("section", ""),
        exam_tags=tuple(item.get("exam_tags", ())),
        source=item.get("source", ""),
    )


def _check_semantics(q: Question, file: str, concepts: Mapping[str, str], notebooks: frozenset[str]) -> None:
    for c in q.concepts:
        if c not in concepts:
            raise ContentError("quiz.error.unknown_concept", file=file, qid=q.id, concept=c)
    if q.notebook not in notebooks:
        raise ContentError("quiz.error.unknown_notebook", file=file, qid=q.id, notebook=q.notebook)
    first_nb = concepts[q.concept]
    if q.chapter != first_nb[:2]:
        raise ContentError(
            "quiz.error.chapter_mismatch", file=file, qid=q.id, chapter=q.chapter, concept=q.concept,
            notebook=first_nb, expected=first_nb[:2],
        )
    if q.options:
        seen: set[str] = set()
        for key in q.option_keys:
            if key in seen:
                raise ContentError("quiz.error.duplicate_option", file=file, qid=q.id, key=key)
            seen.add(key)
    if q.type in CHOICE_TYPES:
        for key in sorted(q.answer_keys):
            if key not in q.option_keys:
                raise ContentError(
                    "quiz.error.answer_not_option", file=file, qid=q.id, answer=key,
                    options=",".join(q.option_keys),
                )


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.json") if p.is_file())


_BANK_CACHE: dict[tuple, Bank] = {}


def load_bank(
    folder: str | os.PathLike | None = None,
    *,
    curriculum_path: str | os.PathLike | None = None,
    schema_path: str | os.PathLike | None = None,
) -> Bank:
    """Load and validate every ``*.json`` file of the question bank.

    Parameters
    ----------
    folder : path, optional
        Folder of bank files; ``data/quiz/bank`` by default.
    curriculum_path, schema_path : path, optional
        Override ``data/curriculum.json`` and ``data/quiz/schema.json`` (tests).

    Returns
    -------
    Bank
        Cached: a second call with unchanged files (same names, sizes, modification times)
        returns the same object without reading anything but the folder listing.

    Raises
    ------
    ContentError
        Naming the file and the question id, for: invalid JSON, a missing language, a schema
        violation, an unknown concept or notebook, a chapter that is not the first concept's
        notebook number, an answer key not among the options, a repeated option letter, and an id
        used twice (across all files).

    Notes
    -----
    Checks run per question in this order: languages, JSON schema, semantics; the first failure
    is raised, so a content author fixes one problem at a time with a precise message.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> q = {"id": "Q-C1.1-tf-01", "type": "true_false", "concepts": ["C1.1"], "chapter": "01",
    ...      "difficulty": 1, "notebook": "01_service_era", "answer": True,
    ...      "prompt": {"zh": "价格是传统竞争领域之一。", "en": "Price is a traditional arena."},
    ...      "explanation": {"zh": "四大领域含价格。", "en": "Price is one of the four."}}
    >>> _ = (d / "a.json").write_text(json.dumps([q]), encoding="utf-8")
    >>> bank = load_bank(d)
    >>> bank["Q-C1.1-tf-01"].answer, load_bank(d) is bank
    (True, True)
    """
    folder_p = Path(folder) if folder is not None else data_path("quiz", "bank")
    cur_p = Path(curriculum_path) if curriculum_path is not None else data_path("curriculum.json")
    schema_p = Path(schema_path) if schema_path is not None else data_path("quiz", "schema.json")
    files = _files(folder_p)
    key = (
        str(folder_p.resolve()),
        tuple((p.name, *_stamp(p)) for p in files),
        str(cur_p.resolve()), _stamp(cur_p), str(schema_p.resolve()), _stamp(schema_p),
    )
    cached = _BANK_CACHE.get(key)
    if cached is not None:
        return cached
    if not files:
        raise ContentError("quiz.error.no_bank_files", folder=str(folder_p))
    concepts, notebooks = curriculum(cur_p)
    questions: list[Question] = []
    origin: dict[str, str] = {}
    for path in files:
        data = _read_json(path)
        if isinstance(data, list):
            for i, item in enumerate(data):
                _check_languages(item, path.name, _item_id(item, i))
        _check_schema(schema_p, data, path.name)
        for item in data:
            q = _question_from(item, path.name)
            if q.id in origin:
                raise ContentError("quiz.error.duplicate_id", file=path.name, qid=q.id, other=origin[q.id])
            _check_semantics(q, path.name, concepts, notebooks)
            origin[q.id] = path.name
            questions.append(q)
    bank = Bank(questions)
    if len(_BANK_CACHE) > 8:
        _BANK_CACHE.clear()
    _BANK_CACHE[key] = bank
    return bank


def load_cards(
    path: str | os.PathLike | None = None, *, curriculum_path: str | os.PathLike | None = None
) -> tuple[Card, ...]:
    """Load and validate the memory cards (``data/quiz/cards.json``).

    Each entry: ``{"id", "concepts", "mnemonic": {zh, en}, "parts": [{zh, en}, …], "notebook",
    "explanation": {zh, en}, "source"}``. Raises :class:`ContentError` naming the file and card id
    for a missing field or language, an unknown concept or notebook, or a duplicate id.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "cards.json"
    >>> card = {"id": "K-C3.5", "concepts": ["C3.5"], "mnemonic": {"zh": "主难成", "en": "S-H-C"},
    ...         "parts": [{"zh": "主观", "en": "subjective"}], "notebook": "10_quality_management",
    ...         "explanation": {"zh": "三个特点", "en": "three features"}, "source": "S3"}
    >>> _ = p.write_text(json.dumps([card]), encoding="utf-8")
    >>> [c.mnemonic.zh for c in load_cards(p)]
    ['主难成']
    """
    p = Path(path) if path is not None else data_path("quiz", "cards.json")
    concepts, notebooks = curriculum(curriculum_path)
    data = _read_json(p)
    if not isinstance(data, list):
        raise ContentError("quiz.error.cards_schema", file=p.name, qid="-", detail="top level must be a list")
    cards: list[Card] = []
    seen: set[str] = set()
    required = ("id", "concepts", "mnemonic", "parts", "notebook", "explanation")
    for i, item in enumerate(data):
        cid = _item_id(item, i)
        if not isinstance(item, dict):
            raise ContentError("quiz.error.cards_schema", file=p.name, qid=cid, detail="entry must be an object")
        missing = [k for k in required if k not in item]
        if missing:
            raise ContentError("quiz.error.cards_schema", file=p.name, qid=cid, detail="missing " + ", ".join(missing))
        if not isinstance(item["concepts"], list) or not item["concepts"]:
            raise ContentError("quiz.error.cards_schema", file=p.name, qid=cid, detail="concepts must be a non-empty list")
        if not isinstance(item["parts"], list) or not item["parts"]:
            raise ContentError("quiz.error.cards_schema", file=p.name, qid=cid, detail="parts must be a non-empty list")
        for name in ("mnemonic", "explanation"):
            if not isinstance(item[name], dict):
                raise ContentError("quiz.error.cards_schema", file=p.name, qid=cid, detail=f"{name} must be an object")
        if not all(isinstance(x, dict) for x in item["parts"]):
            raise ContentError("quiz.error.cards_schema", file=p.name, qid=cid, detail="parts must be objects")
        _check_languages(item, p.name, cid)
        if cid in seen:
            raise ContentError("quiz.error.duplicate_id", file=p.name, qid=cid, other=p.name)
        seen.add(cid)
        for c in item["concepts"]:
            if c not in concepts:
                raise ContentError("quiz.error.unknown_concept", file=p.name, qid=cid, concept=c)
        if item["notebook"] not in notebooks:
            raise ContentError("quiz.error.unknown_notebook", file=p.name, qid=cid, notebook=item["notebook"])
        cards.append(
            Card(
                id=cid, concepts=tuple(item["concepts"]), mnemonic=_text(item["mnemonic"]),
                parts=tuple(_text(x) for x in item["parts"]), notebook=item["notebook"],
                explanation=_text(item["explanation"]), source=str(item.get("source", "")),
            )
        )
    return tuple(cards)


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """The outcome of answering one question.

    Attributes
    ----------
    question_id, qtype : str
    response : JSON-able
        The learner's response, normalised (letters sorted, parsed number, free text kept exactly).
    score : float
        Exam score in [0, max_score] (all-or-nothing for ``multiple``).
    max_score : float
        1.0 per question (mock-exam marks are applied in :func:`mock_report`).
    correct : bool
    partial_credit : float
        Practice credit in [0, 1]; equals ``score`` except for ``multiple``.
    """

    question_id: str
    qtype: str
    response: Any
    score: float
    max_score: float
    correct: bool
    partial_credit: float


_PCT_WORDS = ("%", "percent", "百分比", "百分点")


def parse_number(text: Any, *, percent_unit: bool = False, qid: str = "-") -> float:
    """Read a learner's typed number.

    Parameters
    ----------
    text : str or number
    percent_unit : bool
        True when the question's answer is itself expressed in percent (its unit is ``%``): then a
        trailing ``%`` is just the unit and ``"6.67%"`` reads 6.67. Otherwise ``"77%"`` reads 0.77.
    qid : str
        Question id, for the error message.

    Returns
    -------
    float

    Raises
    ------
    ServiceLabError
        ``quiz.error.not_a_number`` (bilingual) for empty, non-finite or unreadable text.

    Notes
    -----
    Text is NFKC-normalised first (full-width digits ``０．７７`` → ``0.77``, ``％`` → ``%``,
    ``，`` → ``,``), ``。`` is read as a decimal point, spaces are dropped. A comma is a decimal
    comma when it is the only separator and the text is not a thousands pattern
    (``1,234`` and ``12,345,678`` are thousands; ``0,77``, ``0,765`` and ``3,5`` are decimals).
    When both ``,`` and ``.`` appear, commas are thousands separators.

    Examples
    --------
    >>> parse_number("０.７７"), parse_number("0,77"), parse_number("77%"), parse_number("1,234.5")
    (0.77, 0.77, 0.77, 1234.5)
    >>> parse_number("6.67%", percent_unit=True)
    6.67
    """
    if isinstance(text, bool):
        raise ServiceLabError("quiz.error.not_a_number", qid=qid, value=str(text))
    if isinstance(text, (int, float)):
        value = float(text)
        if not math.isfinite(value):
            raise ServiceLabError("quiz.error.not_a_number", qid=qid, value=str(text))
        return value
    raw = "" if text is None else str(text)
    s = unicodedata.normalize("NFKC", raw).replace("。", ".").replace("−", "-")
    s = re.sub(r"\s+", "", s)
    percent = False
    if s.endswith("%"):
        percent, s = True, s[:-1]
    if "," in s:
        if "." in s:
            s = s.replace(",", "")
        elif re.fullmatch(r"[+-]?[1-9]\d{0,2}(,\d{3})+", s):
            s = s.replace(",", "")
        elif s.count(",") == 1:
            s = s.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", s):
        raise ServiceLabError("quiz.error.not_a_number", qid=qid, value=raw)
    value = float(s)
    if not math.isfinite(value):
        raise ServiceLabError("quiz.error.not_a_number", qid=qid, value=raw)
    if percent and not percent_unit:
        value /= 100.0
    return value


_TRUE_WORDS = {"true", "t", "yes", "y", "1", "对", "正确", "是", "√", "✓", "✔"}
_FALSE_WORDS = {"false", "f", "no", "n", "0", "错", "错误", "否", "×", "✗", "✘", "x"}


def _parse_bool(response: Any, qid: str) -> bool:
    if isinstance(response, bool):
        return response
    s = unicodedata.normalize("NFKC", str(response)).strip().lower()
    if s in _TRUE_WORDS:
        return True
    if s in _FALSE_WORDS:
        return False
    raise ServiceLabError("quiz.error.bad_true_false", qid=qid, value=str(response))


def _parse_keys(response: Any, q: Question) -> list[str]:
    if response is None:
        return []
    if isinstance(response, str):
        items = re.findall(r"[A-Za-z]", unicodedata.normalize("NFKC", response))
    else:
        items = [unicodedata.normalize("NFKC", str(x)).strip() for x in response]
    keys = []
    for k in items:
        k = k.upper()
        if k not in q.option_keys:
            raise ServiceLabError("quiz.error.bad_option", qid=q.id, value=k, allowed=",".join(q.option_keys))
        if k not in keys:
            keys.append(k)
    return sorted(keys)


def _unit_is_percent(q: Question) -> bool:
    return q.unit is not None and any(w in (q.unit.zh + q.unit.en).lower() for w in _PCT_WORDS)


def _strip_unit(response: Any, q: Question) -> Any:
    """Drop the question's own unit typed after the number (``"800元"``, ``"800 yuan"``)."""
    if not isinstance(response, str) or q.unit is None:
        return response
    text = unicodedata.normalize("NFKC", response).strip()
    for unit in sorted({q.unit.zh, q.unit.en}, key=len, reverse=True):
        u = unicodedata.normalize("NFKC", unit).strip()
        if u and u != "%" and text.lower().endswith(u.lower()):
            return text[: len(text) - len(u)]
    return response


def score_answer(question: Question, response: Any, *, pass_mark: float = SELF_ASSESSED_PASS) -> Result:
    """Score one response.

    Parameters
    ----------
    question : Question
    response
        ``single``: a letter (``"B"``); ``multiple``: letters (``["A", "C"]`` or ``"AC"``);
        ``true_false``: bool or ``"对"``/``"错"``/``"true"``/``"false"``; ``numeric``: number or
        text (see :func:`parse_number`; the question's own unit typed after the number, e.g.
        ``"800元"``, is ignored); ``term``/``short``/``essay``: ``{"text": str,
        "ticked": [key-point indices, 0-based]}``. ``None`` or an empty selection scores 0.
    pass_mark : float, default :data:`SELF_ASSESSED_PASS` (0.6)
        Self-assessed types only: the share of key points at which the answer counts as correct
        (in ``[0, 1]``). It does not change the score, only :attr:`Result.correct`, which drives the
        wrong-answer review and the FSRS scheduler.

    Returns
    -------
    Result

    Raises
    ------
    ServiceLabError
        Bilingual, for an option letter that does not exist, an unreadable number or judgement,
        or a key-point index out of range. Never another exception for learner input.

    Notes
    -----
    Multiple choice, with :math:`K` the key set, :math:`S` the picked set:
    exam score :math:`= 1` if :math:`S = K` else 0;
    practice credit :math:`= \\max(0, (|S \\cap K| - |S \\setminus K|) / |K|)`.
    Numeric, with :math:`a` the exact key and :math:`d` the decimals the prompt asks for:
    right when :math:`|x - a| \\le \\max(\\tfrac12 10^{-d}, \\text{tolerance}) + 10^{-9}\\max(1, |a|)`
    — every correctly rounded answer (half-up or half-even) is inside that window.
    Self-assessed: score :math:`= |\\text{ticked}| / |\\text{key points}|`, correct when
    score :math:`\\ge` ``pass_mark``. The default 0.6 is this project's convention — the 60 % pass
    mark of Chinese university exams applied to one answer — not a rule from the literature; the
    schema guarantees at least one key point (and two keys for a multiple choice), so the
    divisions are defined.

    Examples
    --------
    >>> q = Question(id="Q-x", type="multiple", concepts=("C4.7",), chapter="05", difficulty=1,
    ...              prompt=Text("题", "Q"), explanation=Text("解", "E"), notebook="05_servqual",
    ...              options=tuple(Option(k, Text(k, k)) for k in "ABCD"), answer=("A", "B", "C"))
    >>> r = score_answer(q, ["A", "B"])
    >>> r.score, round(r.partial_credit, 4), r.correct
    (0.0, 0.6667, False)
    >>> score_answer(q, "CBA").score
    1.0
    >>> n = Question(id="Q-n", type="numeric", concepts=("C2.7",), chapter="05", difficulty=1,
    ...              prompt=Text("题（保留两位小数）", "Q (to two decimal places)"), explanation=Text("解", "E"),
    ...              notebook="05_servqual", answer=-0.855, decimals=2)
    >>> [score_answer(n, x).correct for x in ("-0.86", "-0.85", "-0.855", "-0.87")]
    [True, True, True, False]
    >>> e = Question(id="Q-e", type="essay", concepts=("C4.7",), chapter="05", difficulty=2,
    ...              prompt=Text("题", "Q"), explanation=Text("解", "E"), notebook="05_servqual",
    ...              key_points=tuple(Text(k, k) for k in "abcde"))
    >>> r = score_answer(e, {"text": "…", "ticked": [0, 1, 2]})
    >>> r.score, r.correct, score_answer(e, {"text": "…", "ticked": [0, 1, 2]}, pass_mark=0.8).correct
    (0.6, True, False)
    """
    if not 0.0 <= pass_mark <= 1.0:
        raise ValueError(f"pass_mark must be in [0, 1], got {pass_mark}")
    q = question
    if q.type == "single":
        keys = _parse_keys(response, q)
        if len(keys) > 1:
            raise ServiceLabError("quiz.error.bad_option", qid=q.id, value="".join(keys), allowed=",".join(q.option_keys))
        ok = keys == [q.answer]
        s = 1.0 if ok else 0.0
        return Result(q.id, q.type, keys[0] if keys else None, s, 1.0, ok, s)
    if q.type == "multiple":
        picked = set(_parse_keys(response, q))
        right = set(q.answer)
        ok = picked == right
        partial = max(0.0, (len(picked & right) - len(picked - right)) / len(right)) if right else 0.0
        return Result(q.id, q.type, sorted(picked), 1.0 if ok else 0.0, 1.0, ok, partial)
    if q.type == "true_false":
        if response is None or (isinstance(response, str) and not response.strip()):
            return Result(q.id, q.type, None, 0.0, 1.0, False, 0.0)
        value = _parse_bool(response, q.id)
        ok = value == q.answer
        s = 1.0 if ok else 0.0
        return Result(q.id, q.type, value, s, 1.0, ok, s)
    if q.type == "numeric":
        if response is None or (isinstance(response, str) and not response.strip()):
            return Result(q.id, q.type, None, 0.0, 1.0, False, 0.0)
        value = parse_number(_strip_unit(response, q), percent_unit=_unit_is_percent(q), qid=q.id)
        tol = q.accepted_tolerance
        ok = abs(value - float(q.answer)) <= tol + _FLOAT_ALLOWANCE * max(1.0, abs(float(q.answer)))
        s = 1.0 if ok else 0.0
        return Result(q.id, q.type, {"text": response if isinstance(response, str) else None, "value": value}, s, 1.0, ok, s)
    # self-assessed
    if response is None:
        response = {"text": "", "ticked": []}
    if not isinstance(response, Mapping) or "ticked" not in response:
        raise ServiceLabError("quiz.error.bad_self_assessment", qid=q.id)
    n = len(q.key_points)
    ticked: set[int] = set()
    for x in response.get("ticked") or ():
        if isinstance(x, bool) or not isinstance(x, int) or not 0 <= x < n:
            raise ServiceLabError("quiz.error.bad_key_point", qid=q.id, value=x, high=n - 1)
        ticked.add(x)
    s = len(ticked) / n if n else 0.0  # the schema requires ≥ 1 key point; guard a hand-built Question
    text = response.get("text", "")
    text = "" if text is None else str(text)
    return Result(q.id, q.type, {"text": text, "ticked": sorted(ticked)}, s, 1.0, s >= pass_mark, s)


# ---------------------------------------------------------------------------------------------
# Practice, mock exam, review
# ---------------------------------------------------------------------------------------------


def practice_set(
    bank: Bank,
    rng: random.Random,
    *,
    chapter: str | None = None,
    concept: str | None = None,
    qtype: str | None = None,
    n: int | None = 10,
) -> list[Question]:
    """Questions for a practice round, filtered by chapter, concept and/or type, in random order.

    Returns at most ``n`` questions (all matching ones when ``n`` is None), drawn without
    replacement. Raises :class:`ServiceLabError` when nothing matches.

    Parameters
    ----------
    bank : Bank
    rng : random.Random
        The only source of randomness: the same seed gives the same round.
    chapter : str, optional
        Chapter number (``"05"``, ``"5"`` or a notebook id such as ``"05_servqual"``).
    concept : str, optional
        Concept id (``"C4.7"``): questions listing that concept among theirs.
    qtype : str, optional
        One of :data:`QUESTION_TYPES`.
    n : int or None
        Round length (10 by default).

    Returns
    -------
    list of Question

    Notes
    -----
    The filters combine with AND. The draw is uniform without replacement
    (:meth:`random.Random.sample`): every question of the pool is equally likely, with no
    weighting by difficulty or past answers — weighting by past answers is the job of the
    wrong-answer review and the FSRS scheduler (:mod:`servicelab.quiz.schedule`).

    References
    ----------
    Roediger, H. L., & Karpicke, J. D. (2006). Test-enhanced learning: taking memory tests improves
    long-term retention. *Psychological Science*, 17(3), 249–255. (Why practice by retrieval.)

    Examples
    --------
    >>> q = Question(id="Q-a", type="true_false", concepts=("C1.1",), chapter="01", difficulty=1,
    ...              prompt=Text("题", "Q"), explanation=Text("解", "E"), notebook="01_service_era",
    ...              answer=True)
    >>> [x.id for x in practice_set(Bank([q]), random.Random(0), chapter="01")]
    ['Q-a']
    """
    pool = list(bank.questions)
    if chapter is not None:
        ch = str(chapter)[:2].zfill(2)
        pool = [q for q in pool if q.chapter == ch]
    if concept is not None:
        pool = [q for q in pool if concept in q.concepts]
    if qtype is not None:
        pool = [q for q in pool if q.type == qtype]
    if not pool:
        raise ServiceLabError("quiz.error.empty_selection", chapter=chapter or "-", concept=concept or "-", qtype=qtype or "-")
    k = len(pool) if n is None else min(n, len(pool))
    return rng.sample(pool, k)


@dataclass(frozen=True)
class ExamSection:
    """One section of a mock paper: a question type, marks per question, the questions."""

    qtype: str
    marks_each: float
    question_ids: tuple[str, ...]

    @property
    def marks(self) -> float:
        return self.marks_each * len(self.question_ids)


@dataclass(frozen=True)
class MockExam:
    """A mock paper: sections in exam order, start time and deadline."""

    sections: tuple[ExamSection, ...]
    started_at: datetime
    deadline: datetime

    @property
    def total_marks(self) -> float:
        return sum(s.marks for s in self.sections)

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(i for s in self.sections for i in s.question_ids)

    def marks_for(self, qid: str) -> float:
        for s in self.sections:
            if qid in s.question_ids:
                return s.marks_each
        raise KeyError(qid)


#: The default paper, modelled on the course's past papers (单选, 多选, 判断, 名词解释, 简答, 论述)
#: plus one calculation section: (type, number of questions, marks each) — 100 marks in all.
DEFAULT_BLUEPRINT: tuple[tuple[str, int, float], ...] = (
    ("single", 10, 1.0),
    ("multiple", 5, 2.0),
    ("true_false", 10, 1.0),
    ("term", 4, 5.0),
    ("short", 2, 10.0),
    ("numeric", 2, 5.0),
    ("essay", 1, 20.0),
)


def _aware(now: datetime) -> datetime:
    return now if now.tzinfo is not None else now.replace(tzinfo=timezone.utc)


def mock_exam(
    bank: Bank,
    rng: random.Random,
    now: datetime,
    *,
    blueprint: Sequence[tuple[str, int, float]] = DEFAULT_BLUEPRINT,
    minutes: float = 120,
) -> MockExam:
    """Draw a timed mock paper.

    Each section draws its questions from the bank's questions of that type, spread over the
    chapters (round-robin over chapters in random order, random question within a chapter), so a
    paper covers as many chapters as it can. A section with too few questions in the bank gets
    what there is (an empty section is dropped).

    Parameters
    ----------
    bank : Bank
    rng : random.Random
    now : datetime
        Start time (naive means UTC).
    blueprint : sequence of (type, count, marks each)
    minutes : float
        Time allowed; ``deadline = now + minutes``.

    Returns
    -------
    MockExam

    Notes
    -----
    The default blueprint (:data:`DEFAULT_BLUEPRINT`) follows the sections of the course's past
    papers — 单选 10 × 1, 多选 5 × 2, 判断 10 × 1, 名词解释 4 × 5, 简答 2 × 10, 论述 1 × 20 — plus a
    calculation section of 2 × 5 for the formulas of the notebooks: 100 marks in 120 minutes.
    The section weights are this project's reading of those papers, not an official marking
    scheme. Sections keep the blueprint's order; the paper's total is
    :math:`\\sum_s n_s \\cdot m_s` over the sections actually drawn.

    Examples
    --------
    >>> q = Question(id="Q-a", type="true_false", concepts=("C1.1",), chapter="01", difficulty=1,
    ...              prompt=Text("题", "Q"), explanation=Text("解", "E"), notebook="01_service_era",
    ...              answer=True)
    >>> exam = mock_exam(Bank([q]), random.Random(1), datetime(2025, 6, 1, 9, 0), minutes=90)
    >>> exam.question_ids, exam.total_marks, exam.deadline.hour, exam.deadline.minute
    (('Q-a',), 1.0, 10, 30)
    """
    start = _aware(now)
    sections = []
    for qtype, count, marks in blueprint:
        by_ch: dict[str, list[Question]] = {}
        for q in bank.by_type(qtype):
            by_ch.setdefault(q.chapter, []).append(q)
        for lst in by_ch.values():
            rng.shuffle(lst)
        chapters = sorted(by_ch)
        rng.shuffle(chapters)
        picked: list[str] = []
        while len(picked) < count and any(by_ch.values()):
            for ch in chapters:
                if by_ch[ch] and len(picked) < count:
                    picked.append(by_ch[ch].pop().id)
        if picked:
            sections.append(ExamSection(qtype, float(marks), tuple(picked)))
    return MockExam(tuple(sections), start, start + timedelta(minutes=minutes))


@dataclass(frozen=True)
class MockReport:
    """Marks of a mock paper: total, per question, by chapter and by type (tidy DataFrames)."""

    total: float
    possible: float
    overtime: bool
    by_question: pd.DataFrame
    by_chapter: pd.DataFrame
    by_type: pd.DataFrame

    @property
    def percent(self) -> float:
        return 100.0 * self.total / self.possible if self.possible else 0.0


def mock_report(
    exam: MockExam, results: Mapping[str, Result], bank: Bank, *, submitted_at: datetime | None = None
) -> MockReport:
    """Mark a mock paper.

    Parameters
    ----------
    exam : MockExam
    results : mapping question id → Result
        Unanswered questions score 0. Results for ids not on the paper are ignored.
    bank : Bank
        Supplies each question's chapter.
    submitted_at : datetime, optional
        When given and later than the deadline, ``overtime`` is True (marks are not deducted:
        the learner sees that the time ran out).

    Returns
    -------
    MockReport
        ``marks = marks_each × score / max_score`` per question; ``by_chapter`` (chapter order)
        and ``by_type`` (paper order) have columns key, n_questions, n_correct, marks, possible,
        percent.

    Notes
    -----
    Question :math:`i` of a section with :math:`m` marks each earns
    :math:`m \\cdot s_i / s_i^{\\max}` (:math:`s_i` the :class:`Result` score, 0 if unanswered):
    a multiple choice is all-or-nothing as in the real exam, a self-assessed answer earns its
    ticked share of the marks. Totals and the by-chapter / by-type tables are sums of these;
    ``percent = 100 × marks / possible``. Late hand-in is flagged, never penalised.

    Examples
    --------
    >>> q = Question(id="Q-a", type="true_false", concepts=("C1.1",), chapter="01", difficulty=1,
    ...              prompt=Text("题", "Q"), explanation=Text("解", "E"), notebook="01_service_era",
    ...              answer=True)
    >>> bank = Bank([q])
    >>> exam = mock_exam(bank, random.Random(1), datetime(2025, 6, 1, 9, 0))
    >>> rep = mock_report(exam, {"Q-a": score_answer(q, "对")}, bank)
    >>> rep.total, rep.possible, rep.by_type["percent"].tolist()
    (1.0, 1.0, [100.0])
    """
    import pandas as pd

    rows = []
    for sec in exam.sections:
        for qid in sec.question_ids:
            q = bank.get(qid)
            r = results.get(qid)
            frac = (r.score / r.max_score) if (r is not None and r.max_score) else 0.0
            rows.append(
                {
                    "question_id": qid, "type": sec.qtype, "chapter": q.chapter,
                    "answered": r is not None, "correct": bool(r.correct) if r is not None else False,
                    "marks": sec.marks_each * frac, "possible": sec.marks_each,
                }
            )
    by_q = pd.DataFrame(rows, columns=["question_id", "type", "chapter", "answered", "correct", "marks", "possible"])

    def _group(col: str) -> pd.DataFrame:
        g = by_q.groupby(col, sort=True).agg(
            n_questions=("question_id", "size"), n_correct=("correct", "sum"),
            marks=("marks", "sum"), possible=("possible", "sum"),
        ).reset_index().rename(columns={col: "key"})
        g["percent"] = 100.0 * g["marks"] / g["possible"]
        g["n_correct"] = g["n_correct"].astype(int)
        return g

    overtime = submitted_at is not None and _aware(submitted_at) > exam.deadline
    return MockReport(
        total=float(by_q["marks"].sum()), possible=float(by_q["possible"].sum()), overtime=overtime,
        by_question=by_q, by_chapter=_group("chapter"), by_type=_in_paper_order(_group("type"), exam),
    )


def _in_paper_order(frame: pd.DataFrame, exam: MockExam) -> pd.DataFrame:
    order = {s.qtype: i for i, s in enumerate(exam.sections)}
    return frame.sort_values("key", key=lambda k: k.map(order), kind="mergesort").reset_index(drop=True)


def wrong_answer_review(bank: Bank, answers: pd.DataFrame) -> list[Question]:
    """Questions whose *latest* answer was wrong, most recently missed first.

    Parameters
    ----------
    bank : Bank
    answers : DataFrame
        Columns ``question_id``, ``correct`` (bool), ``answered_at`` (sortable: datetime or ISO
        text), e.g. :meth:`servicelab.storage.progress.ProgressStore.answers`. Ids no longer in the
        bank are ignored.

    Examples
    --------
    >>> import pandas as pd
    >>> q = Question(id="Q-a", type="true_false", concepts=("C1.1",), chapter="01", difficulty=1,
    ...              prompt=Text("题", "Q"), explanation=Text("解", "E"), notebook="01_service_era",
    ...              answer=True)
    >>> log = pd.DataFrame({"question_id": ["Q-a", "Q-a"], "correct": [True, False],
    ...                     "answered_at": ["2025-06-01T09:00", "2025-06-02T09:00"]})
    >>> [x.id for x in wrong_answer_review(Bank([q]), log)]
    ['Q-a']
    """
    if answers is None or len(answers) == 0:
        return []
    latest = answers.sort_values("answered_at", kind="mergesort").groupby("question_id", sort=False).tail(1)
    latest = latest[~latest["correct"].astype(bool)].sort_values("answered_at", ascending=False, kind="mergesort")
    return [bank.get(qid) for qid in latest["question_id"] if qid in bank]


def streak_days(days: Iterable[date], today: date) -> int:
    """Consecutive days with at least one answer, ending today (or yesterday if none yet today).

    Examples
    --------
    >>> from datetime import date
    >>> streak_days([date(2025, 6, 1), date(2025, 6, 2), date(2025, 6, 3)], date(2025, 6, 3))
    3
    >>> streak_days([date(2025, 6, 1), date(2025, 6, 2)], date(2025, 6, 3))
    2
    >>> streak_days([date(2025, 6, 1)], date(2025, 6, 3))
    0
    """
    have = set(days)
    day = today if today in have else today - timedelta(days=1)
    n = 0
    while day in have:
        n += 1
        day -= timedelta(days=1)
    return n


def card_review(
    cards: Sequence[Card],
    progress: Mapping[str, Any],
    now: datetime,
    rng: random.Random,
    *,
    n: int = 10,
    concept: str | None = None,
) -> list[Card]:
    """Memory cards to review now: due cards first (most overdue first), then unseen cards.

    Parameters
    ----------
    cards : sequence of Card
    progress : mapping card id → :class:`servicelab.quiz.schedule.ItemState`
    now : datetime
    rng : random.Random
        Orders the unseen cards.
    n : int
        At most this many cards.
    concept : str, optional
        Only cards for this concept.

    Examples
    --------
    >>> c = Card(id="K-1", concepts=("C3.5",), mnemonic=Text("主难成", "S-H-C"),
    ...          parts=(Text("主观", "subjective"),), notebook="10_quality_management",
    ...          explanation=Text("解", "E"))
    >>> [x.id for x in card_review([c], {}, datetime(2025, 6, 1), random.Random(0))]
    ['K-1']
    """
    from ..quiz.schedule import due_items

    pool = [c for c in cards if concept is None or concept in c.concepts]
    ids = {c.id for c in pool}
    by_id = {c.id: c for c in pool}
    due = [by_id[i] for i in due_items({k: v for k, v in progress.items() if k in ids}, now)]
    new = [c for c in pool if c.id not in progress]
    rng.shuffle(new)
    return (due + new)[:n]
