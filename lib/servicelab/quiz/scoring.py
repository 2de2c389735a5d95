"""Scoring every question type: the :class:`Result` of one answer.

Imports only :mod:`servicelab.quiz.bank`. Pure functions of the question and the response.

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
* ``case`` — self-marked per part after hand-in: for each part the learner ticks the key points
  (得分点) the answer covers, and the part earns its marks **pro rata to the key points ticked**,
  ``marks_p × ticked_p / key_points_p``. The case's score is the sum over the parts divided by the
  case's total marks (so it is a share in [0, 1] like every other type, and a mock paper scales it
  to the section's marks); correct, as for the written types, at ``score ≥ pass_mark``. Pro rata
  is this project's rule: a real marker gives each 得分点 its own marks, which the bank does not
  record, so every key point of a part weighs the same.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ServiceLabError
from .bank import SELF_ASSESSED_TYPES, Question

__all__ = ["SELF_ASSESSED_PASS", "SELF_ASSESSED_TYPES", "Result", "case_part_marks", "parse_number", "score_answer"]

#: Share of key points a self-assessed answer (term, short, essay) must cover to count as correct.
#: This project's convention (the 60 % pass mark of Chinese university exams), not a published rule.
SELF_ASSESSED_PASS = 0.6
_FLOAT_ALLOWANCE = 1e-9


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
        "ticked": [key-point indices, 0-based]}``; ``case``: ``{"parts": [{"text": str,
        "ticked": [...]}, …]}``, one entry per part in order (missing parts score 0). ``None`` or an empty selection scores 0.
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
    >>> from servicelab.quiz.bank import Option, Text
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
    if q.type == "case":
        return _score_case(q, response, pass_mark)
    # self-assessed
    if response is None:
        response = {"text": "", "ticked": []}
    if not isinstance(response, Mapping) or "ticked" not in response:
        raise ServiceLabError("quiz.error.bad_self_assessment", qid=q.id)
    n = len(q.key_points)
    ticked = _ticked(response.get("ticked"), n, q.id)
    s = len(ticked) / n if n else 0.0  # the schema requires ≥ 1 key point; guard a hand-built Question
    text = response.get("text", "")
    text = "" if text is None else str(text)
    return Result(q.id, q.type, {"text": text, "ticked": sorted(ticked)}, s, 1.0, s >= pass_mark, s)



def case_part_marks(question: Question, response: Any) -> list[float]:
    """The marks earned by each part of a case item (see :func:`score_answer`).

    Parameters
    ----------
    question : Question
        A ``case`` item.
    response : mapping or None
        ``{"parts": [{"text": str, "ticked": [key-point indices]}, …]}``.

    Returns
    -------
    list of float
        ``marks_p × ticked_p / key_points_p`` per part, in the case's order.

    Raises
    ------
    ServiceLabError
        ``quiz.error.bad_case_part`` for more answered parts than the case has,
        ``quiz.error.bad_key_point`` for a key-point index out of range.

    Notes
    -----
    Part :math:`p` with :math:`m_p` marks and :math:`k_p` key points of which :math:`t_p` are
    ticked earns :math:`m_p t_p / k_p` (this project's pro-rata rule).

    Examples
    --------
    >>> from servicelab.quiz.bank import CasePart, Text
    >>> kp = lambda n: tuple(Text(str(i), str(i)) for i in range(n))
    >>> q = Question(id="Q-c", type="case", concepts=("C5.3",), chapter="08", difficulty=2,
    ...              prompt=Text("题", "Q"), explanation=Text("解", "E"), notebook="08_satisfaction_loyalty",
    ...              scenario=Text("案例", "Case"), parts=(CasePart(Text("一", "1"), 6, kp(4)),
    ...                                                  CasePart(Text("二", "2"), 4, kp(2))))
    >>> case_part_marks(q, {"parts": [{"text": "…", "ticked": [0, 1, 2]}, {"text": "", "ticked": [1]}]})
    [4.5, 2.0]
    """
    return [m for m, _ in _case_parts(question, response)]


def _ticked(raw: Any, n: int, qid: str) -> set[int]:
    """The ticked key-point indices, each checked to be an int in ``[0, n)``."""
    ticked: set[int] = set()
    for x in raw or ():
        if isinstance(x, bool) or not isinstance(x, int) or not 0 <= x < n:
            raise ServiceLabError("quiz.error.bad_key_point", qid=qid, value=x, high=n - 1)
        ticked.add(x)
    return ticked


def _case_parts(q: Question, response: Any) -> list[tuple[float, dict]]:
    if response is None:
        response = {"parts": []}
    if not isinstance(response, Mapping) or not isinstance(response.get("parts"), (list, tuple)):
        raise ServiceLabError("quiz.error.bad_self_assessment", qid=q.id)
    given = list(response.get("parts") or [])
    if len(given) > len(q.parts):
        raise ServiceLabError("quiz.error.bad_case_part", qid=q.id, value=len(given), n=len(q.parts))
    out = []
    for i, part in enumerate(q.parts):
        r = given[i] if i < len(given) else None
        if r is None:
            r = {"text": "", "ticked": []}
        if not isinstance(r, Mapping):
            raise ServiceLabError("quiz.error.bad_self_assessment", qid=q.id)
        n = len(part.key_points)
        ticked = _ticked(r.get("ticked"), n, q.id)
        text = r.get("text", "")
        out.append((part.marks * len(ticked) / n if n else 0.0,
                    {"text": "" if text is None else str(text), "ticked": sorted(ticked)}))
    return out


def _score_case(q: Question, response: Any, pass_mark: float) -> Result:
    parts = _case_parts(q, response)
    total = q.total_marks
    s = sum(m for m, _ in parts) / total if total else 0.0
    return Result(q.id, q.type, {"parts": [r for _, r in parts]}, s, 1.0, s >= pass_mark, s)
