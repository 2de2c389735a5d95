"""Practice: drawing a practice round, the wrong-answer review list, and the study streak.

Imports :mod:`servicelab.quiz.bank` only (see the package's one-way layers). Pure functions of the
bank, the learner's answer log, a :class:`random.Random` and the date.
"""
from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..errors import ServiceLabError
from .bank import Bank, Question

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["matches_exam_tag", "practice_set", "streak_days", "wrong_answer_review"]


def practice_set(
    bank: Bank,
    rng: random.Random,
    *,
    chapter: str | None = None,
    concept: str | None = None,
    qtype: str | None = None,
    n: int | None = 10,
    exam_tag: str | None = None,
) -> list[Question]:
    """Questions for a practice round, filtered by chapter, concept, type and/or past papers, in random order.

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
    exam_tag : str, optional
        Past papers (:func:`matches_exam_tag`): ``"any"`` — 真题考点, questions about a point a
        past paper asked (any sitting, any type); a year (``"2015"``) or a sitting
        (``"2015.1"``) — points asked in that year or sitting; ``"exact"`` — only questions of the
        very type a past paper asked about their point.

    To leave out the questions of notebooks not written yet (or practise only those, 预习), pass
    ``bank.taught(written)`` or ``bank.preview(written)`` (:meth:`Bank.taught`).

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
    >>> from servicelab.quiz.bank import Text
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
    if exam_tag is not None:
        pool = [q for q in pool if matches_exam_tag(q, exam_tag)]
    if not pool:
        raise ServiceLabError("quiz.error.empty_selection", chapter=chapter or "-", concept=concept or "-",
                              qtype="/".join(x for x in (qtype, exam_tag) if x) or "-")
    k = len(pool) if n is None else min(n, len(pool))
    return rng.sample(pool, k)


def matches_exam_tag(question: Question, selector: str) -> bool:
    """Whether ``question`` passes the past-paper filter ``selector``.

    Parameters
    ----------
    question : Question
    selector : str
        ``"any"`` (any past-paper tag: 真题考点), ``"exact"`` (a tag of the question's own type),
        a year ``"2015"`` or a sitting ``"2015.1"``.

    Returns
    -------
    bool

    Examples
    --------
    >>> from servicelab.quiz.bank import ExamTag, Text
    >>> q = Question(id="Q-a", type="single", concepts=("C3.7",), chapter="10", difficulty=1,
    ...              prompt=Text("题", "Q"), explanation=Text("解", "E"), notebook="10_quality_management",
    ...              options=(), answer="A", exam_tags=(ExamTag("2015.1", "essay"),))
    >>> [matches_exam_tag(q, s) for s in ("any", "exact", "2015", "2015.1", "2017", "2015.7")]
    [True, False, True, True, False, False]
    """
    if selector == "any":
        return bool(question.exam_tags)
    if selector == "exact":
        return bool(question.exact_tags())
    if "." in selector:
        return any(tag.sitting == selector for tag in question.exam_tags)
    return any(tag.year == selector for tag in question.exam_tags)


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
    >>> from servicelab.quiz.bank import Text
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

