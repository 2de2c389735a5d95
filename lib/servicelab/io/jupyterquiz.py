"""Export the question bank to jupyterquiz's JSON format (one language at a time).

jupyterquiz (J. M. Shea, https://github.com/jmshea/jupyterquiz) shows self-checking quizzes in
Jupyter and Jupyter Book from a JSON list of questions::

    {"question": str, "type": "multiple_choice" | "many_choice",
     "answers": [{"answer": str, "correct": bool, "feedback": str}, ...]}
    {"question": str, "type": "numeric",
     "answers": [{"type": "range", "range": [lo, hi], "correct": true, "feedback": str},
                 {"type": "default", "feedback": str}]}

Mapping from our types:

* ``single`` → ``multiple_choice``; ``multiple`` → ``many_choice``;
* ``true_false`` → ``multiple_choice`` with two answers, 对/错 (True/False);
* ``numeric`` → ``numeric`` with the accepted range ``[answer − t, answer + t]``, ``t`` = :attr:`Question.accepted_tolerance`
  (the unit, if any, is appended to the question text) and a default feedback for anything else;
* ``term``, ``short``, ``essay`` and ``case`` (案例分析) are **skipped**: jupyterquiz can only
  compare typed strings exactly, and a definition, an essay or a case analysis (a scenario with
  parts marked by key points) cannot be marked that way — they stay in the self-assessed flow of
  notebook 12. :func:`to_jupyterquiz` lists the skipped ids, and :meth:`JupyterQuizExport.note`
  says in the learner's language how many of each type were left out and why.

Every feedback carries the question's explanation, prefixed by “正确。”/“Correct.” or
“不对。”/“Not quite.”.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import t
from ..quiz.bank import Question

EXPORTED_TYPES = frozenset({"single", "multiple", "true_false", "numeric"})


@dataclass(frozen=True)
class JupyterQuizExport:
    """Questions in jupyterquiz format plus the ids that were skipped (self-assessed types)."""

    questions: list[dict[str, Any]]
    skipped: tuple[str, ...]
    skipped_types: tuple[str, ...] = ()

    def note(self, lang: str = "zh") -> str:
        """What was left out, by type, and why ("" when nothing was skipped).

        Examples
        --------
        >>> JupyterQuizExport([], ("Q-a", "Q-b", "Q-c"), ("case", "term", "case")).note("en")
        'Not exported (jupyterquiz cannot mark written answers; practise them in notebook 12): Case analysis 2, Define the term 1.'
        """
        if not self.skipped:
            return ""
        counts: dict[str, int] = {}
        for qtype in self.skipped_types:
            counts[qtype] = counts.get(qtype, 0) + 1
        sep = "、" if lang == "zh" else ", "
        types = sep.join(f"{t(f'quiz.type.{k}', lang)} {n}" for k, n in counts.items())
        return t("quiz.jupyterquiz.skipped_note", lang, types=types)


def _feedback(q: Question, correct: bool, lang: str) -> str:
    head = t("quiz.feedback.correct" if correct else "quiz.feedback.wrong", lang)
    sep = "" if lang == "zh" else " "
    return f"{head}{sep}{q.explanation.get(lang)}"


def question_to_jupyterquiz(q: Question, lang: str = "zh") -> dict[str, Any] | None:
    """One question in jupyterquiz format, or None for a self-assessed type.

    Examples
    --------
    >>> from servicelab.quiz.bank import Text
    >>> q = Question(id="Q-x", type="true_false", concepts=("C1.1",), chapter="01", difficulty=1,
    ...              prompt=Text("价格是四大竞争领域之一。", "Price is one of the four arenas."),
    ...              explanation=Text("四大领域：产品质量、售后服务、品牌、价格。", "Quality, after-sales, brand, price."),
    ...              notebook="01_service_era", answer=True)
    >>> d = question_to_jupyterquiz(q, "en")
    >>> d["type"], [(a["answer"], a["correct"]) for a in d["answers"]]
    ('multiple_choice', [('True', True), ('False', False)])
    """
    t(  # validates lang early with the catalogue's own error
        "quiz.feedback.correct", lang
    )
    prompt = q.prompt.get(lang)
    if q.type in ("single", "multiple"):
        keys = q.answer_keys
        answers = [
            {"answer": f"{o.key}. {o.text.get(lang)}", "correct": o.key in keys,
             "feedback": _feedback(q, o.key in keys, lang)}
            for o in q.options
        ]
        return {"question": prompt, "type": "multiple_choice" if q.type == "single" else "many_choice",
                "answers": answers}
    if q.type == "true_false":
        answers = [
            {"answer": t("quiz.answer.true", lang), "correct": q.answer is True, "feedback": _feedback(q, q.answer is True, lang)},
            {"answer": t("quiz.answer.false", lang), "correct": q.answer is False, "feedback": _feedback(q, q.answer is False, lang)},
        ]
        return {"question": prompt, "type": "multiple_choice", "answers": answers}
    if q.type == "numeric":
        tol = q.accepted_tolerance
        value = float(q.answer)
        if q.unit is not None:
            prompt = f"{prompt} ({q.unit.get(lang)})"
        return {
            "question": prompt,
            "type": "numeric",
            "answers": [
                {"type": "range", "range": [value - tol, value + tol], "correct": True, "feedback": _feedback(q, True, lang)},
                {"type": "default", "feedback": _feedback(q, False, lang)},
            ],
        }
    return None


def to_jupyterquiz(questions: Iterable[Question], lang: str = "zh") -> JupyterQuizExport:
    """Convert questions (a :class:`~servicelab.quiz.bank.Bank` or any iterable) to jupyterquiz.

    Parameters
    ----------
    questions : iterable of Question
    lang : {"zh", "en"}

    Returns
    -------
    JupyterQuizExport
        ``questions`` in input order; ``skipped`` the ids of term/short/essay/case questions
        (``skipped_types`` their types, :meth:`JupyterQuizExport.note` the message).
    """
    out: list[dict[str, Any]] = []
    skipped: list[Question] = []
    for q in questions:
        d = question_to_jupyterquiz(q, lang)
        if d is None:
            skipped.append(q)
        else:
            out.append(d)
    return JupyterQuizExport(out, tuple(q.id for q in skipped), tuple(q.type for q in skipped))


def write_jupyterquiz(questions: Iterable[Question], path: str | os.PathLike, lang: str = "zh") -> JupyterQuizExport:
    """Write the jupyterquiz JSON file (UTF-8, Chinese kept readable) and return the export."""
    export = to_jupyterquiz(questions, lang)
    Path(path).write_text(json.dumps(export.questions, ensure_ascii=False, indent=1), encoding="utf-8")
    return export
