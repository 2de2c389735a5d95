"""Spaced repetition with FSRS, aimed at the exam day: when to review, and what first.

Each item (a question or a memory card) carries an FSRS memory state (Ye, Su & Cao 2022; Ye 2024):
its *stability* :math:`S` (days until predicted recall falls to 90 %) and *difficulty*
:math:`D \\in [1, 10]`. The predicted probability of recalling it :math:`t` days after its last
review (its *retrievability*) is FSRS-6's power forgetting curve

.. math:: R(t, S) = \\left(1 + f\\,\\frac{t}{S}\\right)^{-w_{20}},
          \\qquad f = 0.9^{-1/w_{20}} - 1,

so that :math:`R(S, S) = 0.9`. After each review the state is updated by FSRS's rules (a right
answer raises :math:`S`, the more so the lower :math:`R` was; a wrong answer lowers it) and the
next review falls due when :math:`R` is predicted to reach the desired retention, 0.9. The `fsrs`
package (MIT, :data:`SCHEDULER`) does the arithmetic with its published default parameters
:math:`w_0 … w_{20}`; nothing is fitted to one learner.

What this module adds for an exam candidate:

* **Right / wrong as ratings.** A right answer (or "I remembered it") is rated *Good*, a wrong one
  *Again*. No learning steps: a bank question is answered once a session, not drilled within
  minutes, so the first answer already sets a day-scale interval.
* **The exam date caps every interval.** With an exam date set, no review falls due after the
  start of the exam day (00:00 UTC of that date): :math:`\\text{due} = \\min(\\text{due}_{FSRS},
  \\text{exam})` for reviews made before it (:func:`capped_due`).
* **What to review first** is ranked by the marks at stake on exam day,

  .. math:: \\text{priority}(q) = \\bigl(1 - R(t_{\\text{exam}} - t_{\\text{last}}, S_q)\\bigr)
            \\times m_{\\text{type}(q)},

  where :math:`m_{\\text{type}}` is the marks the question's type carries in the paper
  (:func:`marks_by_type`). An item never reviewed has :math:`R = 0`.
* **A forecast per chapter**: mean predicted recall on exam day (:func:`forecast_by_chapter`). It
  is a model's forecast, calibrated in the tests on simulated learners, not a measurement.

References
----------
Ye, J., Su, J., & Cao, Y. (2022). A stochastic shortest path algorithm for optimizing spaced
repetition scheduling. *Proceedings of the 28th ACM SIGKDD Conference on Knowledge Discovery and
Data Mining*, 4381–4390. https://doi.org/10.1145/3534678.3539081

Ye, J. (2024). *The Algorithm — FSRS-6* and the open spaced-repetition benchmark.
open-spaced-repetition/fsrs4anki wiki and srs-benchmark; py-fsrs 6.3 (MIT).
"""
from __future__ import annotations

import random
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Any

import fsrs

from ..errors import ServiceLabError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: The scheduler: FSRS-6 default parameters, desired retention 0.9, no learning or relearning
#: steps, no fuzz (the same history always gives the same schedule).
SCHEDULER = fsrs.Scheduler(desired_retention=0.9, learning_steps=(), relearning_steps=(), enable_fuzzing=False)
DESIRED_RETENTION: float = SCHEDULER.desired_retention
#: How far ahead an exam date may be set (years).
MAX_YEARS_AHEAD = 3
#: Months in which this course's papers have been sat (January and July; some provinces also
#: hold April and October sittings). Informational: any date is accepted.
USUAL_EXAM_MONTHS: tuple[int, ...] = (1, 4, 7, 10)


def _utc(when: datetime) -> datetime:
    """Aware UTC (naive means UTC): FSRS refuses anything else."""
    if when.tzinfo is None:
        return when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc)


def _card_id(item_id: str) -> int:
    """A stable integer id for FSRS's card (``fsrs.Card()`` would use the clock)."""
    return zlib.crc32(item_id.encode("utf-8"))


@dataclass(frozen=True)
class ItemState:
    """One item's FSRS card (memory state and due time) and its answer counts.

    Attributes
    ----------
    item_id : str
    card : fsrs.Card
        State, stability (days), difficulty (1–10), due and last review (UTC).
    n_correct, n_wrong : int
    """

    item_id: str
    card: fsrs.Card
    n_correct: int = 0
    n_wrong: int = 0

    @property
    def due(self) -> datetime:
        return self.card.due

    @property
    def last_reviewed(self) -> datetime:
        return self.card.last_review

    @property
    def stability(self) -> float:
        return float(self.card.stability)

    @property
    def difficulty(self) -> float:
        return float(self.card.difficulty)


def exam_start(exam_date: date) -> datetime:
    """The moment intervals are capped at: 00:00 UTC of the exam date.

    Examples
    --------
    >>> exam_start(date(2027, 1, 9)).isoformat()
    '2027-01-09T00:00:00+00:00'
    """
    return datetime.combine(exam_date, time(0), tzinfo=timezone.utc)


def parse_exam_date(value: Any, *, today: date) -> date:
    """Check an exam date entered by the learner.

    Parameters
    ----------
    value : date or str
        A :class:`datetime.date` (a date picker) or ISO text ``"YYYY-MM-DD"``.
    today : date
        The learner's today; the exam may be today but not earlier.

    Returns
    -------
    date

    Raises
    ------
    ServiceLabError
        ``schedule.error.bad_exam_date`` (not a date), ``schedule.error.exam_date_past`` (before
        ``today``), ``schedule.error.exam_date_far`` (more than :data:`MAX_YEARS_AHEAD` years
        ahead) — translated, naming the value and the allowed range.

    Notes
    -----
    Any day is accepted: sittings differ by province (this course's papers are dated January and
    July; April and October sittings exist), so the month is not checked.

    Examples
    --------
    >>> parse_exam_date("2027-01-09", today=date(2026, 12, 1))
    datetime.date(2027, 1, 9)
    >>> try:
    ...     parse_exam_date("2027-13-01", today=date(2026, 12, 1))
    ... except ServiceLabError as err:
    ...     print(err.key)
    schedule.error.bad_exam_date
    """
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        text = value.strip()
        try:
            value = date.fromisoformat(text) if len(text) == 10 else None
        except ValueError:
            value = None
        if value is None:
            raise ServiceLabError("schedule.error.bad_exam_date", value=text)
    if not isinstance(value, date):
        raise ServiceLabError("schedule.error.bad_exam_date", value=repr(value))
    latest = today.replace(year=today.year + MAX_YEARS_AHEAD) if not (today.month == 2 and today.day == 29) \
        else date(today.year + MAX_YEARS_AHEAD, 2, 28)
    if value < today:
        raise ServiceLabError("schedule.error.exam_date_past", value=value.isoformat(), today=today.isoformat())
    if value > latest:
        raise ServiceLabError("schedule.error.exam_date_far", value=value.isoformat(), latest=latest.isoformat(),
                              years=MAX_YEARS_AHEAD)
    return value


def rating(correct: bool) -> fsrs.Rating:
    """FSRS rating of an answer: right → ``Good``, wrong → ``Again``.

    Examples
    --------
    >>> rating(True).name, rating(False).name
    ('Good', 'Again')
    """
    return fsrs.Rating.Good if correct else fsrs.Rating.Again


def capped_due(due: datetime, last_reviewed: datetime, exam_date: date | None) -> datetime:
    """A due time capped at the exam day: :math:`\\min(\\text{due}, \\text{exam})` when the review
    was made before the exam starts; unchanged without an exam date or after the exam.

    Examples
    --------
    >>> t = datetime(2026, 12, 1, tzinfo=timezone.utc)
    >>> capped_due(t + timedelta(days=30), t, date(2026, 12, 10)).day
    10
    >>> capped_due(t + timedelta(days=3), t, date(2026, 12, 10)).day
    4
    """
    if exam_date is None:
        return due
    cap = exam_start(exam_date)
    return min(due, cap) if _utc(last_reviewed) < cap else due


def review(state: ItemState | None, item_id: str, correct: bool, now: datetime, *,
           exam_date: date | None = None) -> ItemState:
    """The new state of an item after one answer.

    Parameters
    ----------
    state : ItemState or None
        Current state; None for an item never reviewed.
    item_id : str
    correct : bool
        Right answer (rated *Good*) or wrong (*Again*).
    now : datetime
        Review time (naive means UTC; stored in UTC).
    exam_date : date, optional
        Caps the next due time at the exam day (:func:`capped_due`).

    Returns
    -------
    ItemState

    Notes
    -----
    FSRS-6 with the package's default parameters (:data:`SCHEDULER`). A first answer sets
    :math:`S_0 = w_0` (*Again*, 0.21 d) or :math:`w_2` (*Good*, 2.31 d). Later, with
    :math:`R` the retrievability at the review, a right answer multiplies :math:`S` by
    :math:`1 + e^{w_8}(11 - D)S^{-w_9}(e^{w_{10}(1-R)} - 1)` and a wrong one sets
    :math:`S' = \\min\\bigl(S, w_{11}D^{-w_{12}}((S+1)^{w_{13}} - 1)e^{w_{14}(1-R)}\\bigr)`; a review
    on the same day uses FSRS's short-term rule. The interval is :math:`S` scaled to retention 0.9
    (so about :math:`S` days), at least one day, rounded to whole days.

    References
    ----------
    Ye, J., Su, J., & Cao, Y. (2022). *KDD '22*, 4381–4390.

    Examples
    --------
    >>> t0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
    >>> s = review(None, "Q-a", True, t0)
    >>> round(s.stability, 4), (s.due - t0).days
    (2.3065, 2)
    >>> s = review(s, "Q-a", False, t0 + timedelta(days=2))
    >>> s.n_correct, s.n_wrong, s.stability < 2.3065
    (1, 1, True)
    >>> review(None, "Q-b", True, t0, exam_date=date(2026, 12, 2)).due.isoformat()
    '2026-12-02T00:00:00+00:00'
    """
    now = _utc(now)
    card = state.card if state is not None else fsrs.Card(card_id=_card_id(item_id), due=now)
    card, _log = SCHEDULER.review_card(card, rating(correct), now)
    card.due = capped_due(card.due, now, exam_date)
    return ItemState(
        item_id=item_id,
        card=card,
        n_correct=(state.n_correct if state else 0) + (1 if correct else 0),
        n_wrong=(state.n_wrong if state else 0) + (0 if correct else 1),
    )


def replay(events: Iterable[tuple[str, bool, datetime]], *, exam_date: date | None = None) -> dict[str, ItemState]:
    """Rebuild every item's FSRS state from its answer history (item id, correct, time).

    Events are applied in time order (ties keep their input order), so the result does not depend
    on the order the history was merged in. This is also how a Leitner-era progress file is
    migrated: its answers are replayed through FSRS.

    Examples
    --------
    >>> t0 = datetime(2026, 12, 1, tzinfo=timezone.utc)
    >>> st = replay([("a", True, t0 + timedelta(days=2)), ("a", True, t0)])
    >>> st["a"].n_correct, st["a"].stability > 2.3065
    (2, True)
    """
    out: dict[str, ItemState] = {}
    for item_id, correct, when in sorted(events, key=lambda e: _utc(e[2])):
        out[item_id] = review(out.get(item_id), item_id, bool(correct), when, exam_date=exam_date)
    return out


def recall(state: ItemState | None, when: datetime) -> float:
    """Predicted probability of recalling an item at ``when`` (FSRS retrievability; 0 if never reviewed).

    Notes
    -----
    :math:`R = (1 + f\\,t/S)^{-w_{20}}` with :math:`t` the whole days since the last review.

    Examples
    --------
    >>> t0 = datetime(2026, 12, 1, tzinfo=timezone.utc)
    >>> s = review(None, "a", True, t0)
    >>> recall(s, t0), round(recall(s, t0 + timedelta(days=2)), 3), recall(None, t0)
    (1.0, 0.909, 0.0)
    """
    if state is None:
        return 0.0
    return float(SCHEDULER.get_card_retrievability(state.card, _utc(when)))


def horizon(now: datetime, exam_date: date | None) -> datetime:
    """When recall matters: the exam day's start if it is still ahead, else ``now``.

    Parameters
    ----------
    now : datetime
        Naive means UTC.
    exam_date : date or None

    Returns
    -------
    datetime
        :func:`exam_start` of ``exam_date`` when that is after ``now``; otherwise ``now`` in UTC
        (no exam date, or the exam has begun or passed).

    Examples
    --------
    >>> horizon(datetime(2026, 12, 1), date(2027, 1, 9)).date(), horizon(datetime(2027, 2, 1), date(2027, 1, 9)).date()
    (datetime.date(2027, 1, 9), datetime.date(2027, 2, 1))
    """
    now = _utc(now)
    if exam_date is None or exam_start(exam_date) <= now:
        return now
    return exam_start(exam_date)


def marks_by_type(blueprint: Iterable[Sequence[Any]]) -> dict[str, float]:
    """Marks each question type carries in a paper: :math:`m_{\\text{type}} = \\sum n \\times
    \\text{marks each}` over the blueprint's sections of that type.

    Parameters
    ----------
    blueprint : iterable of (type, count, marks each, ...)
        The mock paper's blueprint (the paper module's default blueprint); extra fields are
        ignored.

    Returns
    -------
    dict
        type → marks. A type not in the paper (a practice-only type) is absent and counts 0.

    Examples
    --------
    >>> marks_by_type([("single", 20, 1.0), ("multiple", 5, 2.0), ("single", 5, 1.0)])
    {'single': 25.0, 'multiple': 10.0}
    """
    out: dict[str, float] = {}
    for section in blueprint:
        qtype, count, each = section[0], section[1], section[2]
        out[str(qtype)] = out.get(str(qtype), 0.0) + float(count) * float(each)
    return out


def priority(state: ItemState | None, qtype: str, marks: Mapping[str, float], when: datetime) -> float:
    """Marks at stake: :math:`(1 - R(\\text{when})) \\times m_{\\text{type}}`.

    Examples
    --------
    >>> priority(None, "essay", {"essay": 10.0}, datetime(2026, 12, 1))
    10.0
    >>> priority(None, "true_false", {"essay": 10.0}, datetime(2026, 12, 1))
    0.0
    """
    return (1.0 - recall(state, when)) * float(marks.get(qtype, 0.0))


def is_due(state: ItemState, now: datetime, exam_date: date | None = None) -> bool:
    """Whether an item's (capped) review time has come: :math:`\\min(\\text{due}, \\text{exam}) \\le \\text{now}`.

    Examples
    --------
    >>> t0 = datetime(2026, 12, 1, tzinfo=timezone.utc)
    >>> s = review(None, "a", True, t0)                      # due in 2 days
    >>> is_due(s, t0 + timedelta(days=1)), is_due(s, t0 + timedelta(days=2))
    (False, True)
    """
    return capped_due(state.due, state.last_reviewed, exam_date) <= _utc(now)


def due_items(progress: Mapping[str, ItemState], now: datetime, *, exam_date: date | None = None) -> list[str]:
    """Ids of items due at ``now``, most overdue first (ties: lower predicted recall, then id).

    Examples
    --------
    >>> t0 = datetime(2026, 12, 1, tzinfo=timezone.utc)
    >>> st = {"a": review(None, "a", True, t0), "b": review(None, "b", False, t0)}
    >>> due_items(st, t0 + timedelta(days=1)), due_items(st, t0 + timedelta(days=2))
    (['b'], ['b', 'a'])
    """
    now = _utc(now)
    due = [s for s in progress.values() if is_due(s, now, exam_date)]
    due.sort(key=lambda s: (capped_due(s.due, s.last_reviewed, exam_date), recall(s, now), s.item_id))
    return [s.item_id for s in due]


def review_order(questions: Iterable[Any], progress: Mapping[str, ItemState], now: datetime, *,
                 marks: Mapping[str, float], exam_date: date | None = None) -> list[Any]:
    """The due questions, most marks at stake on exam day first.

    Parameters
    ----------
    questions : iterable of Question
        Anything with ``id`` and ``type``.
    progress : mapping question id → ItemState
    now : datetime
    marks : mapping type → marks
        From :func:`marks_by_type`.
    exam_date : date, optional
        Without one (or once it has passed), recall is taken at ``now``.

    Returns
    -------
    list of Question
        Reviewed questions whose (capped) review time has come, by :func:`priority` at
        :func:`horizon` descending; ties by lower recall at the horizon, then id.
    """
    when = horizon(now, exam_date)
    due = [q for q in questions if q.id in progress and is_due(progress[q.id], now, exam_date)]
    return sorted(due, key=lambda q: (-priority(progress[q.id], q.type, marks, when),
                                      recall(progress[q.id], when), q.id))


def next_question(
    questions: Iterable[Any],
    progress: Mapping[str, ItemState],
    now: datetime,
    rng: random.Random,
    *,
    marks: Mapping[str, float],
    exam_date: date | None = None,
) -> Any | None:
    """The next question to ask: the due review with most marks at stake, otherwise a new question.

    Parameters
    ----------
    questions : iterable of Question
        The pool (the bank's questions, a chapter …).
    progress : mapping question id → ItemState
    now : datetime
    rng : random.Random
        Picks among the new questions of the type carrying most marks.
    marks : mapping type → marks
    exam_date : date, optional

    Returns
    -------
    Question or None
        The first of :func:`review_order`; else a new question (priority :math:`= m_{\\text{type}}`
        since :math:`R = 0`: of the type with most marks, at random among those); None when nothing
        is due and every question has been seen.

    Examples
    --------
    >>> from types import SimpleNamespace as Q
    >>> qs = [Q(id="Q-a", type="single"), Q(id="Q-b", type="essay")]
    >>> t0 = datetime(2026, 12, 1, tzinfo=timezone.utc)
    >>> m = {"single": 20.0, "essay": 10.0}
    >>> next_question(qs, {}, t0, random.Random(0), marks=m).id       # new: single carries more
    'Q-a'
    >>> st = {"Q-a": review(None, "Q-a", True, t0)}
    >>> next_question(qs, st, t0, random.Random(0), marks=m).id       # a not due yet: new b
    'Q-b'
    """
    pool = list(questions)
    ranked = review_order(pool, progress, now, marks=marks, exam_date=exam_date)
    if ranked:
        return ranked[0]
    new = [q for q in pool if q.id not in progress]
    if not new:
        return None
    top = max(float(marks.get(q.type, 0.0)) for q in new)
    return rng.choice([q for q in new if float(marks.get(q.type, 0.0)) == top])


def card_review(
    cards: Sequence[Any],
    progress: Mapping[str, ItemState],
    now: datetime,
    rng: random.Random,
    *,
    n: int = 10,
    concept: str | None = None,
    exam_date: date | None = None,
) -> list[Any]:
    """Memory cards to review now: due cards first (most overdue first), then unseen cards.

    Parameters
    ----------
    cards : sequence of Card
        Anything with ``id`` and ``concepts``.
    progress : mapping card id → ItemState
    now : datetime
    rng : random.Random
        Orders the unseen cards.
    n : int
        At most this many cards.
    concept : str, optional
        Only cards for this concept.
    exam_date : date, optional
        Caps the due times (:func:`capped_due`).

    Examples
    --------
    >>> from types import SimpleNamespace as K
    >>> t0 = datetime(2026, 12, 1, tzinfo=timezone.utc)
    >>> cards = [K(id="K-1", concepts=("C3.5",)), K(id="K-2", concepts=("C3.5",))]
    >>> st = {"K-1": review(None, "K-1", False, t0)}
    >>> [c.id for c in card_review(cards, st, t0, random.Random(0))]                      # K-1 not due
    ['K-2']
    >>> [c.id for c in card_review(cards, st, t0 + timedelta(days=1), random.Random(0))]  # due first
    ['K-1', 'K-2']
    """
    pool = [c for c in cards if concept is None or concept in c.concepts]
    by_id = {c.id: c for c in pool}
    due = [by_id[i] for i in due_items({k: v for k, v in progress.items() if k in by_id}, now, exam_date=exam_date)]
    new = [c for c in pool if c.id not in progress]
    rng.shuffle(new)
    return (due + new)[:n]


def next_due(progress: Mapping[str, ItemState], *, exam_date: date | None = None) -> datetime | None:
    """The earliest (capped) due time, or None when nothing has been reviewed.

    Examples
    --------
    >>> t0 = datetime(2026, 12, 1, tzinfo=timezone.utc)
    >>> next_due({"a": review(None, "a", False, t0)}).isoformat(), next_due({})
    ('2026-12-02T00:00:00+00:00', None)
    """
    dues = [capped_due(s.due, s.last_reviewed, exam_date) for s in progress.values()]
    return min(dues) if dues else None


def forecast_by_chapter(questions: Iterable[Any], progress: Mapping[str, ItemState], when: datetime) -> pd.DataFrame:
    """Predicted recall per chapter at ``when`` (the exam day): a model's forecast.

    Parameters
    ----------
    questions : iterable of Question
        Anything with ``id`` and ``chapter``.
    progress : mapping question id → ItemState
    when : datetime
        Usually :func:`horizon` (the exam day's start).

    Returns
    -------
    DataFrame
        chapter, n_questions, n_reviewed, recall (mean predicted recall of the reviewed questions,
        NaN when none), expected (sum of predicted recall over *all* the chapter's questions /
        n_questions: a question never reviewed counts 0).

    Notes
    -----
    :math:`\\bar R_c = \\frac{1}{|A_c|}\\sum_{q \\in A_c} R_q(\\text{when})` over the reviewed
    questions :math:`A_c` of chapter :math:`c`. The forecast assumes the learner stops reviewing
    now; more reviews raise it.

    Examples
    --------
    >>> from types import SimpleNamespace as Q
    >>> t0 = datetime(2026, 12, 1, tzinfo=timezone.utc)
    >>> st = {"a": review(None, "a", True, t0)}
    >>> f = forecast_by_chapter([Q(id="a", chapter="01"), Q(id="b", chapter="01")], st, t0 + timedelta(days=2))
    >>> f[["n_questions", "n_reviewed"]].values.tolist(), round(float(f["recall"][0]), 3), round(float(f["expected"][0]), 3)
    ([[2, 1]], 0.909, 0.455)
    """
    import pandas as pd

    rows = [(q.chapter, q.id in progress, recall(progress.get(q.id), when)) for q in questions]
    frame = pd.DataFrame(rows, columns=["chapter", "reviewed", "r"])
    frame["r_reviewed"] = frame["r"].where(frame["reviewed"])
    g = frame.groupby("chapter", sort=True).agg(
        n_questions=("r", "size"), n_reviewed=("reviewed", "sum"), recall=("r_reviewed", "mean"),
        total=("r", "sum"),
    ).reset_index()
    g["n_reviewed"] = g["n_reviewed"].astype(int)
    g["expected"] = g["total"] / g["n_questions"]
    return g.drop(columns="total")


__all__ = [
    "DESIRED_RETENTION", "MAX_YEARS_AHEAD", "SCHEDULER", "USUAL_EXAM_MONTHS", "ItemState", "capped_due", "card_review",
    "due_items", "exam_start", "forecast_by_chapter", "horizon", "is_due", "marks_by_type", "next_due",
    "next_question", "parse_exam_date", "priority", "rating", "recall", "replay", "review", "review_order",
]
