"""Spaced repetition with Leitner boxes: what to review next, and when.

Imports :mod:`servicelab.quiz.bank` only (:mod:`servicelab.quiz.scoring` would be allowed too).

The Leitner system (Leitner 1972) keeps each item (a question or a memory card) in one of five
boxes. A correct answer moves the item up one box (at most box 5), a wrong answer sends it back
to box 1. An item in box :math:`b` is due again :math:`I_b` days after its last review, with the
intervals doubling from box to box:

.. math:: I = (1, 2, 4, 8, 16)\\ \\text{days}

A new item starts in box 1 before its first review, so its first correct answer puts it in box 2
(due in 2 days) and a first wrong answer keeps it in box 1 (due in 1 day). Doubling intervals
follow the expanding-interval idea that Wozniak (1990) later fitted with SM-2; Leitner is chosen
here because its state is a single small integer a learner can understand (“box 3 of 5”).

References
----------
Leitner, S. (1972). *So lernt man lernen*. Freiburg: Herder.

Wozniak, P. A. (1990). *Optimization of learning* (Master's thesis). University of Technology in
Poznań. (SuperMemo SM-2 algorithm.)
"""
from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from .bank import Card

if TYPE_CHECKING:  # pragma: no cover
    from .bank import Bank, Question

#: Review interval in days for boxes 1–5.
INTERVALS_DAYS: tuple[int, ...] = (1, 2, 4, 8, 16)
N_BOXES = len(INTERVALS_DAYS)


def _aware(now: datetime) -> datetime:
    return now if now.tzinfo is not None else now.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class ItemState:
    """Where one item stands: its box (1–5), when it is due, and its answer counts."""

    item_id: str
    box: int
    due: datetime
    last_reviewed: datetime
    n_correct: int = 0
    n_wrong: int = 0


def interval(box: int) -> timedelta:
    """Review interval of a box (1–5).

    Examples
    --------
    >>> [interval(b).days for b in range(1, 6)]
    [1, 2, 4, 8, 16]
    """
    if not 1 <= box <= N_BOXES:
        raise ValueError(f"box must be 1..{N_BOXES}, got {box}")
    return timedelta(days=INTERVALS_DAYS[box - 1])


def review(state: ItemState | None, item_id: str, correct: bool, now: datetime) -> ItemState:
    """The new state of an item after one review.

    Parameters
    ----------
    state : ItemState or None
        Current state; None for an item never reviewed (treated as box 1).
    item_id : str
    correct : bool
    now : datetime
        Review time (naive means UTC).

    Returns
    -------
    ItemState

    Notes
    -----
    Leitner's rule with five boxes: :math:`b' = \\min(b + 1, 5)` if correct, else :math:`b' = 1`;
    :math:`\\text{due} = \\text{now} + I_{b'}` with :math:`I = (1, 2, 4, 8, 16)` days
    (:data:`INTERVALS_DAYS`). Leitner's boxes were physical card-file compartments reviewed when full;
    the doubling day intervals are this project's convention for a self-study app, in the
    expanding-interval spirit of Leitner (1972) and Wozniak (1990). A review earlier than ``due``
    still counts (the learner chose to practise) and restarts the interval from ``now``.

    References
    ----------
    Leitner, S. (1972). *So lernt man lernen*. Freiburg: Herder.

    Wozniak, P. A. (1990). *Optimization of learning* (Master's thesis). University of Technology in
    Poznań.

    Examples
    --------
    >>> t0 = datetime(2025, 6, 1, tzinfo=timezone.utc)
    >>> s = review(None, "Q-a", True, t0)
    >>> s.box, (s.due - t0).days
    (2, 2)
    >>> s = review(s, "Q-a", False, t0 + timedelta(days=2))
    >>> s.box, s.n_correct, s.n_wrong
    (1, 1, 1)
    """
    now = _aware(now)
    box = state.box if state is not None else 1
    new_box = min(box + 1, N_BOXES) if correct else 1
    return ItemState(
        item_id=item_id,
        box=new_box,
        due=now + interval(new_box),
        last_reviewed=now,
        n_correct=(state.n_correct if state else 0) + (1 if correct else 0),
        n_wrong=(state.n_wrong if state else 0) + (0 if correct else 1),
    )


def replay(events: Iterable[tuple[str, bool, datetime]]) -> dict[str, ItemState]:
    """Rebuild every item's state from its answer history (item id, correct, time).

    Events are applied in time order (ties keep their input order), so the result does not depend
    on the order the history was merged in.

    Examples
    --------
    >>> t0 = datetime(2025, 6, 1, tzinfo=timezone.utc)
    >>> st = replay([("a", True, t0 + timedelta(days=2)), ("a", True, t0)])
    >>> st["a"].box
    3
    """
    out: dict[str, ItemState] = {}
    for item_id, correct, when in sorted(events, key=lambda e: _aware(e[2])):
        out[item_id] = review(out.get(item_id), item_id, bool(correct), when)
    return out


def due_items(progress: Mapping[str, ItemState], now: datetime) -> list[str]:
    """Ids of items due at ``now``, most overdue first (ties: lower box first, then id).

    Examples
    --------
    >>> t0 = datetime(2025, 6, 1, tzinfo=timezone.utc)
    >>> st = {"a": review(None, "a", True, t0), "b": review(None, "b", False, t0)}
    >>> due_items(st, t0 + timedelta(days=1)), due_items(st, t0 + timedelta(days=2))
    (['b'], ['b', 'a'])
    """
    now = _aware(now)
    due = [s for s in progress.values() if s.due <= now]
    due.sort(key=lambda s: (s.due, s.box, s.item_id))
    return [s.item_id for s in due]


def next_question(
    bank: Bank,
    progress: Mapping[str, ItemState],
    now: datetime,
    rng: random.Random,
    *,
    pool: Iterable[Question] | None = None,
) -> Question | None:
    """The next question to ask: a due review first, otherwise a new question.

    Parameters
    ----------
    bank : Bank
    progress : mapping question id → ItemState
    now : datetime
    rng : random.Random
        Picks among new questions (uniformly) and breaks ties between equally overdue reviews.
    pool : iterable of Question, optional
        Restrict to these questions (a chapter, a concept …); the whole bank by default.

    Returns
    -------
    Question or None
        None when nothing is due and every question in the pool has been seen (“all done for
        now”: the widget can say when the next review falls due).

    Examples
    --------
    >>> from servicelab.quiz.bank import Bank, Question, Text
    >>> mk = lambda i: Question(id=i, type="true_false", concepts=("C1.1",), chapter="01",
    ...     difficulty=1, prompt=Text("题", "Q"), explanation=Text("解", "E"),
    ...     notebook="01_service_era", answer=True)
    >>> bank = Bank([mk("Q-a"), mk("Q-b")])
    >>> t0 = datetime(2025, 6, 1, tzinfo=timezone.utc)
    >>> st = {"Q-a": review(None, "Q-a", False, t0)}
    >>> next_question(bank, st, t0, random.Random(0)).id          # a is not due: new b
    'Q-b'
    >>> next_question(bank, st, t0 + timedelta(days=1), random.Random(0)).id   # a is due
    'Q-a'
    """
    now = _aware(now)
    questions = list(pool) if pool is not None else list(bank.questions)
    due = [(progress[q.id].due, progress[q.id].box, rng.random(), q) for q in questions
           if q.id in progress and progress[q.id].due <= now]
    if due:
        return min(due, key=lambda x: x[:3])[3]
    new = [q for q in questions if q.id not in progress]
    if new:
        return rng.choice(new)
    return None



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
    >>> from servicelab.quiz.bank import Text
    >>> c = Card(id="K-1", concepts=("C3.5",), mnemonic=Text("主难成", "S-H-C"),
    ...          parts=(Text("主观", "subjective"),), notebook="10_quality_management",
    ...          explanation=Text("解", "E"))
    >>> [x.id for x in card_review([c], {}, datetime(2025, 6, 1), random.Random(0))]
    ['K-1']
    """
    pool = [c for c in cards if concept is None or concept in c.concepts]
    ids = {c.id for c in pool}
    by_id = {c.id: c for c in pool}
    due = [by_id[i] for i in due_items({k: v for k, v in progress.items() if k in ids}, now)]
    new = [c for c in pool if c.id not in progress]
    rng.shuffle(new)
    return (due + new)[:n]


__all__ = [
    "INTERVALS_DAYS", "N_BOXES", "ItemState", "card_review", "due_items", "interval", "next_question",
    "replay", "review",
]

