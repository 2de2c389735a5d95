"""Practice: drawing a practice round, the wrong-answer review list, the 错题本, and the study streak.

Imports :mod:`servicelab.quiz.bank` only (see the package's one-way layers). Pure functions of the
bank, the learner's answer log, a :class:`random.Random` and the date.
"""
from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..errors import ServiceLabError
from ..i18n import t
from .bank import Bank, Question

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["WRONG_BOOK_COLUMNS", "exam_tag_label", "matches_exam_tag", "practice_set", "question_tags", "streak_days",
           "wrong_answer_review", "wrong_book"]

#: The columns of :func:`wrong_book`, in order.
WRONG_BOOK_COLUMNS = ("question_id", "chapter", "type", "concept", "tags", "prompt", "your_answer", "right_answer",
                      "explanation", "times_wrong", "attempts", "last_answered_at", "corrected", "notebook", "section")


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


def exam_tag_label(question: Question, tag, lang: str = "zh") -> str:
    """「2015.1 论述」 when ``question`` is of the tag's type (真题), else 「考点：2015.1 论述」.

    Examples
    --------
    >>> from servicelab.quiz.bank import ExamTag, Text
    >>> q = Question(id="Q-a", type="single", concepts=("C3.10",), chapter="08", difficulty=1,
    ...              prompt=Text("题", "Q"), explanation=Text("解", "E"), notebook="08_satisfaction_loyalty",
    ...              answer="A", exam_tags=(ExamTag("2015.1", "essay"), ExamTag("2017.7", "single")))
    >>> [exam_tag_label(q, x) for x in q.exam_tags]
    ['考点：2015.1 论述', '2017.7 单选']
    >>> exam_tag_label(q, q.exam_tags[0], "en")
    'Exam point: 2015.1 essay'
    """
    key = "quizui.tag.exact" if tag.type == question.type else "quizui.tag.point"
    return t(key, lang, sitting=tag.sitting, qtype=t(f"quiz.tag_type.{tag.type}", lang))


def question_tags(question: Question, lang: str = "zh") -> tuple[str, ...]:
    """The past-paper tags of a question as the learner reads them (:func:`exam_tag_label`).

    The one place the 错题本 reads tags, so that a change of the bank's tag field is made here only.

    Examples
    --------
    >>> from servicelab.quiz.bank import ExamTag, Text
    >>> q = Question(id="Q-a", type="essay", concepts=("C1.1",), chapter="01", difficulty=1,
    ...              prompt=Text("题", "Q"), explanation=Text("解", "E"), notebook="01_service_era",
    ...              exam_tags=(ExamTag("2015.1", "essay"),))
    >>> question_tags(q), question_tags(q, "en")
    (('2015.1 论述',), ('2015.1 essay',))
    """
    return tuple(exam_tag_label(question, tag, lang) for tag in question.exam_tags)


def _number(x: float) -> str:
    return f"{float(x):.10g}"


def _option_lines(q: Question, keys, lang: str) -> str:
    texts = {o.key: o.text.get(lang) for o in q.options}
    return "\n".join(f"{k}. {texts.get(k, '')}".rstrip() for k in keys)


def _right_answer(q: Question, lang: str) -> str:
    """The key of a question as text: options with their wording, 对/错, the number (to the
    decimals the prompt asks) with its unit and the tolerance the scoring accepts, or the numbered
    key points of a self-marked type."""
    if q.type == "single":
        return _option_lines(q, [q.answer], lang)
    if q.type == "multiple":
        return _option_lines(q, sorted(q.answer), lang)
    if q.type == "true_false":
        return t("quiz.answer.true" if q.answer else "quiz.answer.false", lang)
    if q.type == "numeric":
        unit = f" {q.unit.get(lang)}" if q.unit else ""
        value = _number(q.answer) if q.decimals is None else f"{float(q.answer):.{q.decimals}f}"
        accepted = q.accepted_tolerance  # what the scoring accepts: max(tolerance, half a unit of the asked decimal)
        tol = f" (± {_number(accepted)})" if accepted else ""
        return f"{value}{unit}{tol}"
    if q.key_points:  # term, short, essay (and any later self-marked type): what the answer is marked against
        return "\n".join(f"{i}. {k.get(lang)}" for i, k in enumerate(q.key_points, 1))
    return "" if q.answer is None else str(q.answer)


def _your_answer(q: Question, response, lang: str) -> str:
    """The learner's stored response (:attr:`servicelab.quiz.scoring.Result.response`) as text."""
    none = t("quiz.wrongbook.no_answer", lang)
    if response is None or (isinstance(response, (str, list, tuple)) and len(response) == 0):
        return none
    if q.type in ("single", "multiple"):
        keys = [response] if isinstance(response, str) else list(response)
        return _option_lines(q, keys, lang) if keys else none
    if q.type == "true_false":
        return t("quiz.answer.true" if bool(response) else "quiz.answer.false", lang)
    if isinstance(response, dict) and "ticked" in response:
        text = str(response.get("text") or "").strip()
        ticked = t("quiz.wrongbook.ticked", lang, k=len(response.get("ticked") or ()), n=len(q.key_points))
        return f"{text}\n{ticked}" if text else ticked
    if isinstance(response, dict):  # numeric: {"text", "value"}
        text, value = response.get("text"), response.get("value")
        if text not in (None, ""):
            return str(text).strip()
        return none if value is None else _number(value)
    return str(response)


def wrong_book(
    bank: Bank,
    answers: pd.DataFrame,
    lang: str = "zh",
    *,
    chapter: str | None = None,
    qtype: str | None = None,
    tag: str | None = None,
    ever: bool = False,
) -> pd.DataFrame:
    """The 错题本 (wrong-answer book): one row per missed question, with the learner's last answer
    and the right one, most recently answered first.

    Parameters
    ----------
    bank : Bank
    answers : DataFrame
        The answer log: columns ``question_id``, ``response`` (as stored, see
        :attr:`servicelab.quiz.scoring.Result.response`), ``correct`` (bool), ``answered_at``
        (sortable), e.g. :meth:`servicelab.storage.progress.ProgressStore.answers`. Ids no longer in
        the bank are ignored.
    lang : {"zh", "en"}
        Language of the texts (prompt, options, key points, 对/错).
    chapter : str, optional
        ``"05"``, ``"5"`` or a notebook id; all chapters by default.
    qtype : str, optional
        One of :data:`servicelab.quiz.bank.QUESTION_TYPES`.
    tag : str, optional
        An exam tag (:func:`question_tags`); only questions carrying it.
    ever : bool, default False
        False: questions whose **latest** answer is wrong (the book the learner works through:
        answer a question right and it leaves, as in :func:`wrong_answer_review`). True: every
        question answered wrong at least once, also those answered right since
        (``corrected`` is True for them).

    Returns
    -------
    DataFrame
        Columns :data:`WRONG_BOOK_COLUMNS`: ``question_id``, ``chapter``, ``type``, ``concept``
        (the main one), ``tags`` (tuple of str), ``prompt``, ``your_answer`` (the latest answer as
        text; options with their wording), ``right_answer`` (the key; for self-marked types the
        numbered key points, one per line), ``explanation``, ``times_wrong``, ``attempts``,
        ``last_answered_at``, ``corrected``, ``notebook``, ``section``. Empty (with these columns)
        when nothing is wrong.

    Notes
    -----
    "Latest" is the answer with the greatest ``answered_at`` (ties keep log order). A
    self-marked answer counts as wrong when its ticked share of key points is below the pass
    mark (:data:`servicelab.quiz.scoring.SELF_ASSESSED_PASS`), as stored in ``correct``.
    Filters combine with AND.

    Examples
    --------
    >>> import pandas as pd
    >>> from servicelab.quiz.bank import Option, Text
    >>> q = Question(id="Q-a", type="single", concepts=("C1.1",), chapter="01", difficulty=1,
    ...              prompt=Text("题", "Q"), explanation=Text("解", "E"), notebook="01_service_era",
    ...              options=(Option("A", Text("甲", "a")), Option("B", Text("乙", "b"))), answer="A")
    >>> log = pd.DataFrame({"question_id": ["Q-a"], "response": ["B"], "correct": [False],
    ...                     "answered_at": ["2025-06-02T09:00"]})
    >>> row = wrong_book(Bank([q]), log, "en").iloc[0]
    >>> row["your_answer"], row["right_answer"], int(row["times_wrong"])
    ('B. b', 'A. a', 1)
    """
    import pandas as pd

    if chapter is not None:
        chapter = str(chapter)[:2].zfill(2)
    rows = []
    if answers is not None and len(answers):
        log = answers[answers["question_id"].isin(set(bank.ids))]
        log = log.sort_values("answered_at", kind="mergesort")
        for qid, group in log.groupby("question_id", sort=False):
            q = bank.get(qid)
            wrong = ~group["correct"].astype(bool)
            last = group.iloc[-1]
            latest_wrong = not bool(last["correct"])
            if not (latest_wrong or (ever and wrong.any())):
                continue
            if (chapter is not None and q.chapter != chapter) or (qtype is not None and q.type != qtype):
                continue
            tags = question_tags(q, lang)
            if tag is not None and tag not in tags:
                continue
            rows.append({
                "question_id": q.id, "chapter": q.chapter, "type": q.type, "concept": q.concept, "tags": tags,
                "prompt": q.prompt.get(lang),
                "your_answer": _your_answer(q, last["response"] if "response" in group else None, lang),
                "right_answer": _right_answer(q, lang), "explanation": q.explanation.get(lang),
                "times_wrong": int(wrong.sum()), "attempts": len(group), "last_answered_at": last["answered_at"],
                "corrected": not latest_wrong, "notebook": q.notebook, "section": q.section,
            })
    frame = pd.DataFrame(rows, columns=list(WRONG_BOOK_COLUMNS))
    if len(frame):
        frame = frame.sort_values("last_answered_at", ascending=False, kind="mergesort").reset_index(drop=True)
    return frame


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

