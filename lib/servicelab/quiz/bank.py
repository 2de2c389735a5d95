"""The question bank: question dataclasses, bank and curriculum loading, schema validation.

The bottom of the exam-prep package (:mod:`servicelab.quiz`): it imports no other module of the
package. Bank files are ``data/quiz/bank/*.json`` checked against ``data/quiz/schema.json``, memory
cards ``data/quiz/cards.json``, and the course outline ``data/curriculum.json``.

Question types (``data/quiz/README.md``)::

    single 单选 · multiple 多选 · true_false 判断 · term 名词解释 · short 简答 · essay 论述 · numeric 计算
    case 案例分析 (a scenario and 2–4 parts, each with its marks and key points)

``true_false`` is a practice type only (练习题型，考试不考): the 10421 paper has no 判断题, so the
default mock paper never draws it (:data:`PRACTICE_ONLY_TYPES`).
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ContentError, ServiceLabError
from ..paths import REPO_ROOT, data_path

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "true_false", "term", "short", "essay", "numeric", "case")
CHOICE_TYPES = frozenset({"single", "multiple"})
#: Types the learner marks herself by ticking key points (a case: per part).
SELF_ASSESSED_TYPES = frozenset({"term", "short", "essay", "case"})
#: Types kept for practice that the 10421 paper does not set (shown as 练习题型，考试不考).
PRACTICE_ONLY_TYPES = frozenset({"true_false"})
#: Allowed totals of a case item (the 10421 case section carries 10–15 marks per case).
CASE_TOTALS: tuple[int, ...] = (10, 15)
LANGS = ("zh", "en")
#: Exam-paper sections a past-paper tag can name (``exam_tags[].type``): the bank's written and
#: choice types plus the paper's 案例分析 (``case``).
EXAM_TAG_TYPES: tuple[str, ...] = ("single", "multiple", "true_false", "term", "short", "essay", "numeric", "case")

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
class ExamTag:
    """A past-paper tag: the point was asked at ``sitting`` (``"2015.1"``) as a question of ``type``.

    On a question of that same type the tag is a 真题 tag (「2015.1 论述」); on a question of another
    type about the same point it reads 「考点：2015.1 论述」 (:func:`servicelab.quiz.practice.exam_tag_label`).
    """

    sitting: str
    type: str

    @property
    def year(self) -> str:
        """The year of the sitting (``"2015"``)."""
        return self.sitting.split(".")[0]


@dataclass(frozen=True)
class CasePart:
    """One sub-question of a case item: its prompt, its integer marks and its key points (得分点)."""

    prompt: Text
    marks: int
    key_points: tuple[Text, ...]


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
    exam_tags: tuple[ExamTag, ...] = ()
    source: str = ""
    scenario: Text | None = None
    parts: tuple[CasePart, ...] = ()

    @property
    def anchor(self) -> str:
        """The id JupyterLab gives the heading :attr:`section` (:func:`heading_anchor`); "" without one."""
        return heading_anchor(self.section) if self.section else ""

    def exact_tags(self) -> tuple[ExamTag, ...]:
        """Past-paper tags of this question's own type (真题考点 asked as this type)."""
        return tuple(tag for tag in self.exam_tags if tag.type == self.type)

    @property
    def concept(self) -> str:
        """The first (main) concept."""
        return self.concepts[0]

    @property
    def total_marks(self) -> int:
        """A case item's marks (sum of its parts' marks); 0 for the other types."""
        return sum(p.marks for p in self.parts)

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
    """A memory card: its front (``mnemonic``) and the parts on its back.

    Two kinds: ``"mnemonic"`` — a mnemonic of ``data/quiz/cards.json`` and what each part stands
    for; ``"term"`` — a 名词解释 term of the bank and the key points of its definition
    (:func:`term_cards`).
    """

    id: str
    concepts: tuple[str, ...]
    mnemonic: Text
    parts: tuple[Text, ...]
    notebook: str
    explanation: Text
    source: str = ""
    kind: str = "mnemonic"

    @property
    def front(self) -> Text:
        """What the card shows first: the mnemonic, or the term."""
        return self.mnemonic


#: The kinds of memory card (:attr:`Card.kind`).
CARD_KINDS = ("mnemonic", "term")
#: The prompt prefix of a 名词解释 item, per language; the term is what follows it.
_TERM_PREFIX = {"zh": re.compile(r"^\s*名词解释\s*[:：]\s*"), "en": re.compile(r"^\s*Define\s*:\s*", re.I)}


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

    def taught(self, written: Iterable[str]) -> Bank:
        """The questions whose notebook is in ``written`` (see :func:`written_notebooks`).

        Examples
        --------
        >>> q = Question(id="Q-a", type="true_false", concepts=("C1.1",), chapter="01", difficulty=1,
        ...              prompt=Text("题", "Q"), explanation=Text("解", "E"), notebook="01_service_era",
        ...              answer=True)
        >>> len(Bank([q]).taught({"01_service_era"})), len(Bank([q]).taught(set()))
        (1, 0)
        """
        keep = frozenset(written)
        return Bank(q for q in self.questions if q.notebook in keep)

    def preview(self, written: Iterable[str]) -> Bank:
        """The preview (预习) questions: those whose notebook is *not* in ``written``."""
        keep = frozenset(written)
        return Bank(q for q in self.questions if q.notebook not in keep)

    @property
    def sittings(self) -> tuple[str, ...]:
        """The exam sittings named by any question's tags, in order (``("2013.1", "2015.1", …)``)."""
        return tuple(sorted({t.sitting for q in self.questions for t in q.exam_tags},
                            key=lambda s: tuple(int(x) for x in s.split("."))))

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
# Sections: headings of the notebooks and their anchors
# ---------------------------------------------------------------------------------------------

#: Characters nbconvert (and so Voilà) leaves unencoded in a heading id (``_convert_header_id``).
_VOILA_SAFE = "?/:@!$&'()*+,;="
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^\s{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")


def heading_anchor(heading: str) -> str:
    """The anchor (element id) JupyterLab 4 gives a markdown heading: its text, spaces as ``-``.

    Parameters
    ----------
    heading : str
        The heading's text as rendered (the question's :attr:`Question.section`).

    Returns
    -------
    str

    Notes
    -----
    JupyterLab 4.6 (``@jupyterlab/rendermime``, ``createHeaderId``) sets
    ``id = header.textContent.replace(/ /g, "-")``; every other character is kept as is, Chinese
    included. Voilà 0.5 renders with nbconvert, whose ``add_anchor`` takes the same text and then
    percent-encodes it (:func:`voila_anchor`). A browser looking for the fragment ``#%E5…`` tries
    the id as written first, so the encoded form finds Voilà's heading, and JupyterLab's own link
    handling is given the plain form.

    References
    ----------
    JupyterLab ``packages/rendermime/src/renderers.ts`` (``headerAnchors``); nbconvert
    ``nbconvert/filters/strings.py`` (``add_anchor``, ``_convert_header_id``).

    Examples
    --------
    >>> heading_anchor("客户战略矩阵 · The customer strategy matrix (C1.8)")
    '客户战略矩阵-·-The-customer-strategy-matrix-(C1.8)'
    """
    return heading.replace(" ", "-")


def voila_anchor(heading: str) -> str:
    """The id Voilà 0.5 (nbconvert 7) gives a heading: :func:`heading_anchor`, percent-encoded.

    Examples
    --------
    >>> voila_anchor("优质客户 · Quality customers (C1.6)")
    '%E4%BC%98%E8%B4%A8%E5%AE%A2%E6%88%B7-%C2%B7-Quality-customers-(C1.6)'
    """
    from urllib.parse import quote

    return quote(heading_anchor(heading), safe=_VOILA_SAFE)


def _inline_text(markdown: str) -> str:
    """The text a plain heading renders to (markup the notebooks' headings use: none but escapes)."""
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!$])", r"\1", markdown)
    return text.strip()


def notebook_headings(path: str | os.PathLike) -> tuple[str, ...]:
    """The texts of every markdown heading (``#`` … ``######``) of a notebook, in order.

    Parameters
    ----------
    path : path
        An ``.ipynb`` file.

    Returns
    -------
    tuple of str
        Heading texts as rendered (ATX headings outside fenced code; backslash escapes removed).

    Examples
    --------
    >>> heads = notebook_headings(REPO_ROOT / "notebooks" / "12_exam_prep.ipynb")
    >>> heads[0]
    '第 12 章 备考练习 · Chapter 12 Exam preparation'
    """
    return tuple(text for text, _cell in heading_cells(path))


def heading_cells(path: str | os.PathLike) -> tuple[tuple[str, str], ...]:
    """(heading text, id of the markdown cell holding it) for every heading of a notebook, in order.

    The cell id (nbformat 4.5) lets JupyterLab open a notebook at a heading before its markdown is
    rendered (fragment ``#cell-id=…``). Cells without an id give ``""``.

    Examples
    --------
    >>> heading_cells(REPO_ROOT / "notebooks" / "12_exam_prep.ipynb")[0][1] != ""
    True
    """
    nb = _read_json(Path(path))
    out: list[tuple[str, str]] = []
    for cell in nb.get("cells", ()):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        fence: str | None = None
        for line in source.splitlines():
            m = _FENCE.match(line)
            if m:
                mark = m.group(1)[0]
                fence = None if fence == mark else (fence or mark)
                continue
            if fence:
                continue
            h = _ATX.match(line)
            if h:
                out.append((_inline_text(h.group(2)), str(cell.get("id", ""))))
    return tuple(out)


def notebooks_dir() -> Path:
    """The folder of the lesson notebooks (``$SERVICELAB_NOTEBOOKS`` or ``<repo>/notebooks``)."""
    override = os.environ.get("SERVICELAB_NOTEBOOKS")
    return Path(override) if override else REPO_ROOT / "notebooks"


def written_notebooks(folder: str | os.PathLike | None = None) -> frozenset[str]:
    """Ids of the notebooks that are written (``NN_name.ipynb`` present in the notebooks folder).

    Questions whose notebook is not written yet are *preview* (预习) questions: practice, the mock
    paper and the reviews leave them out unless the learner picks the preview filter.

    Examples
    --------
    >>> "12_exam_prep" in written_notebooks()
    True
    """
    d = Path(folder) if folder is not None else notebooks_dir()
    return frozenset(p.stem for p in d.glob("[0-9][0-9]_*.ipynb") if p.is_file())


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
    for name in ("prompt", "explanation", "unit", "mnemonic", "scenario"):
        if name in item:
            yield name, item[name]
    for name in ("options", "key_points", "parts"):
        value = item.get(name)
        if isinstance(value, list):
            for i, entry in enumerate(value):
                label = f"{name}[{entry.get('key', i + 1) if isinstance(entry, dict) else i + 1}]"
                if name == "parts" and isinstance(entry, dict) and ("prompt" in entry or "key_points" in entry):  # a case part: its prompt and key points
                    if "prompt" in entry:
                        yield f"{label}.prompt", entry["prompt"]
                    for j, kp in enumerate(entry.get("key_points") or ()):
                        yield f"{label}.key_points[{j + 1}]", kp
                    continue
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
        exam_tags=tuple(ExamTag(x["sitting"], x["type"]) for x in item.get("exam_tags", ())),
        source=item.get("source", ""),
        scenario=_text(item["scenario"]) if "scenario" in item else None,
        parts=tuple(CasePart(_text(p["prompt"]), int(p["marks"]), tuple(_text(k) for k in p["key_points"]))
                    for p in item.get("parts", ())),
    )


@lru_cache(maxsize=32)
def _headings_cached(path: str, stamp: tuple) -> frozenset[str]:
    return frozenset(notebook_headings(path))


def section_problem(q: Question, folder: str | os.PathLike | None = None) -> str | None:
    """Why ``q.section`` names no heading of its notebook, or None when it does (or cannot be checked).

    A question's :attr:`Question.section` must be the text of a heading of its notebook (so that
    :attr:`Question.anchor` is that heading's id). Questions of a notebook that is not written yet
    cannot be checked and give None.

    Returns
    -------
    str or None
        ``"missing"`` (no section) or ``"no_heading"``.
    """
    path = (Path(folder) if folder is not None else notebooks_dir()) / f"{q.notebook}.ipynb"
    if not path.is_file():
        return None
    if not q.section:
        return "missing"
    if q.section not in _headings_cached(str(path), _stamp(path)):
        return "no_heading"
    return None


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
    if q.type == "case" and q.total_marks not in CASE_TOTALS:
        raise ContentError("quiz.error.case_marks", file=file, qid=q.id, total=q.total_marks,
                           allowed=", ".join(str(m) for m in CASE_TOTALS))


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


def term_of(question: Question) -> Text:
    """The term a 名词解释 item asks for: its prompt without the "名词解释：" / "Define:" prefix.

    Examples
    --------
    >>> q = Question(id="Q-a", type="term", concepts=("C3.2",), chapter="10", difficulty=1,
    ...              prompt=Text("名词解释：全面质量管理", "Define: total quality management (TQM)"),
    ...              explanation=Text("解", "E"), notebook="10_quality_management",
    ...              key_points=(Text("以顾客为中心", "customer-oriented"),))
    >>> term_of(q)
    Text(zh='全面质量管理', en='total quality management (TQM)')
    """
    return Text(*(_TERM_PREFIX[lang].sub("", question.prompt.get(lang), count=1).strip() for lang in LANGS))


def term_cards(bank: Bank) -> tuple[Card, ...]:
    """One memory card per distinct 名词解释 term of the bank (kind ``"term"``), in bank order.

    The front is the term (:func:`term_of`), the back the item's key points (得分点) and its
    explanation; the card id is ``"T-"`` + the question id. Built from the bank at load time, so
    a term added to the bank has its card with no further data. Two term items on the same term
    (same Chinese term) give one card, from the first.

    Parameters
    ----------
    bank : Bank

    Returns
    -------
    tuple of Card

    Examples
    --------
    >>> q = Question(id="Q-C3.2-term-01", type="term", concepts=("C3.2",), chapter="10", difficulty=1,
    ...              prompt=Text("名词解释：全面质量管理", "Define: TQM"), explanation=Text("解", "E"),
    ...              notebook="10_quality_management", key_points=(Text("以顾客为中心", "customer-oriented"),))
    >>> [(c.id, c.kind, c.front.zh, c.parts[0].en) for c in term_cards(Bank([q, q]))]
    [('T-Q-C3.2-term-01', 'term', '全面质量管理', 'customer-oriented')]
    """
    cards: list[Card] = []
    seen: set[str] = set()
    for q in bank.by_type("term"):
        term = term_of(q)
        key = re.sub(r"\s+", "", term.zh)
        if key in seen:
            continue
        seen.add(key)
        cards.append(Card(id=f"T-{q.id}", concepts=q.concepts, mnemonic=term, parts=q.key_points,
                          notebook=q.notebook, explanation=q.explanation, source=q.source, kind="term"))
    return tuple(cards)
