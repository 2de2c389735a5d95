"""Peer instruction: the class's votes on a choice question, and how they shift between two rounds.

Class mode (issue 13). The instructor asks a single- or multiple-choice question, the students vote
on their phones (round 1), discuss with their neighbours, and vote again (round 2). These functions
turn the answers of a round into counts per option, and two rounds of the same question into a
transitions table (from-answer → to-answer, devices matched by their anonymous device id) and a
summary (share correct before and after, moved to / away from the correct answer).

Inputs are the answers of a round, one row per device: a DataFrame with a ``device`` column and
either a ``choice`` column (a list of option keys) or a ``payload`` column holding
``{"choice": [...]}`` (as :meth:`servicelab.classroom.store.ClassStore.answers` returns them), or
a mapping ``device → list of option keys``. For a multiple-choice item an answer is *correct* when
its set of options is exactly the right set.

References
----------
Crouch, C. H. & Mazur, E. (2001). Peer Instruction: Ten years of experience and results.
*American Journal of Physics*, 69(9), 970–977.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from ..errors import ServiceLabError
from ._inputs import check_number

#: Separator between the option keys of a multiple-choice answer in its label (``"A+C"``).
JOIN = "+"


def _options(options) -> tuple[str, ...]:
    if isinstance(options, str) or not isinstance(options, Iterable):
        raise ServiceLabError("classpanel.error.options", value=repr(options)[:60])
    keys = tuple(str(o) for o in options)
    if not keys or len(set(keys)) != len(keys):
        raise ServiceLabError("classpanel.error.options", value=", ".join(keys))
    return keys


def answer_label(keys: Iterable[str], options: Iterable[str] | None = None) -> str:
    """The label of an answer: its option keys in the options' order, joined by ``+``.

    Examples
    --------
    >>> answer_label(["C", "A"], ["A", "B", "C"])
    'A+C'
    >>> answer_label(["B"])
    'B'
    """
    keys = list(dict.fromkeys(str(k) for k in keys))
    order = {k: i for i, k in enumerate(options)} if options is not None else {}
    return JOIN.join(sorted(keys, key=lambda k: (order.get(k, len(order)), k)))


def round_choices(answers, options) -> pd.Series:
    """One round's answers as a Series ``device → frozenset of option keys``.

    Parameters
    ----------
    answers : pandas.DataFrame or mapping
        ``device`` and ``choice`` (list of keys) or ``payload`` (``{"choice": [...]}``) columns,
        one row per device; or a mapping ``device → list of keys``.
    options : sequence of str
        The round's option keys.

    Returns
    -------
    pandas.Series
        Index ``device`` (str), values frozensets; devices in the order given.

    Raises
    ------
    ServiceLabError
        ``classroom.error.duplicate_device`` if a device appears twice;
        ``classroom.error.unknown_option`` (device, option, allowed) for a key not in ``options``;
        ``classroom.error.empty_choice`` for an answer without any option.

    Examples
    --------
    >>> round_choices({"d1": ["B"], "d2": ["A", "C"]}, ["A", "B", "C"]).map(sorted).to_dict()
    {'d1': ['B'], 'd2': ['A', 'C']}
    """
    opts = _options(options)
    if isinstance(answers, Mapping):
        devices, raw = [str(d) for d in answers], list(answers.values())
    else:
        frame = pd.DataFrame(answers)
        if "device" not in frame.columns or not ({"choice", "payload"} & set(frame.columns)):
            raise ServiceLabError("classpanel.error.answers_columns", columns=", ".join(map(str, frame.columns)))
        devices = [str(d) for d in frame["device"]]
        raw = (list(frame["choice"]) if "choice" in frame.columns
               else [p.get("choice") if isinstance(p, Mapping) else None for p in frame["payload"]])
    seen: set[str] = set()
    out = []
    for device, keys in zip(devices, raw):
        if device in seen:
            raise ServiceLabError("classpanel.error.duplicate_device", device=device)
        seen.add(device)
        if isinstance(keys, str):
            keys = [keys]
        keys = [str(k) for k in (keys or ())]
        if not keys:
            raise ServiceLabError("classpanel.error.empty_choice", device=device)
        for k in keys:
            if k not in opts:
                raise ServiceLabError("classpanel.error.unknown_option", device=device, option=k, allowed=", ".join(opts))
        out.append(frozenset(keys))
    return pd.Series(out, index=pd.Index(devices, name="device"), dtype=object, name="choice")


def vote_counts(answers, options, correct=None) -> pd.DataFrame:
    """Votes for each option of a round: count and share of the devices that answered.

    Parameters
    ----------
    answers : pandas.DataFrame or mapping
        A round's answers (see :func:`round_choices`).
    options : sequence of str
        The round's option keys, in display order.
    correct : str or sequence of str, optional
        The right option(s); marks the ``correct`` column.

    Returns
    -------
    pandas.DataFrame
        One row per option, in ``options`` order: ``option``, ``count`` (devices that chose it),
        ``share`` (count / n, 0 when nobody answered), ``correct`` (bool). ``attrs["n"]`` holds the
        number of devices that answered.

    Notes
    -----
    .. math:: \\text{share}_k = \\frac{\\#\\{d : k \\in \\text{choice}_d\\}}{n}

    For a multiple-choice item a device counts once for every option it chose, so the shares may
    sum to more than 1.

    References
    ----------
    Crouch, C. H. & Mazur, E. (2001). Peer Instruction: Ten years of experience and results.
    *American Journal of Physics*, 69(9), 970–977.

    Examples
    --------
    >>> v = vote_counts({"a": ["A"], "b": ["B"], "c": ["B"], "d": ["D"]}, ["A", "B", "C", "D"], correct="B")
    >>> v[["option", "count", "share", "correct"]].values.tolist()
    [['A', 1, 0.25, False], ['B', 2, 0.5, True], ['C', 0, 0.0, False], ['D', 1, 0.25, False]]
    """
    opts = _options(options)
    right = _correct_set(correct, opts) if correct is not None else frozenset()
    choices = round_choices(answers, opts)
    n = len(choices)
    counts = [int(sum(k in c for c in choices)) for k in opts]
    out = pd.DataFrame({"option": list(opts), "count": counts,
                        "share": [c / n if n else 0.0 for c in counts],
                        "correct": [k in right for k in opts]})
    out.attrs["n"] = n
    return out


def _correct_set(correct, opts: tuple[str, ...]) -> frozenset[str]:
    keys = [correct] if isinstance(correct, str) else list(correct)
    keys = [str(k) for k in keys]
    bad = [k for k in keys if k not in opts]
    if not keys or bad:
        raise ServiceLabError("classpanel.error.correct", value=", ".join(keys), allowed=", ".join(opts))
    return frozenset(keys)


@dataclass(frozen=True)
class ShiftSummary:
    """Summary of a vote shift (:func:`vote_shift`).

    Attributes
    ----------
    n_round1, n_round2 : int
        Devices that answered in round 1 / round 2.
    n_both : int
        Devices that answered in both rounds (the transitions table counts these).
    correct_before, correct_after : float
        Share of round 1's / round 2's answers that are exactly correct (NaN for an empty round).
    correct_before_both, correct_after_both : float
        The same shares among the devices that answered in both rounds (NaN when none did).
    moved_to_correct : int
        Devices (in both rounds) wrong in round 1 and correct in round 2.
    moved_away_from_correct : int
        Devices correct in round 1 and wrong in round 2.
    changed : int
        Devices whose answer in round 2 differs from round 1.
    """

    n_round1: int
    n_round2: int
    n_both: int
    correct_before: float
    correct_after: float
    correct_before_both: float
    correct_after_both: float
    moved_to_correct: int
    moved_away_from_correct: int
    changed: int


@dataclass(frozen=True)
class VoteShift:
    """Result of :func:`vote_shift`: the tidy transitions table and the summary."""

    transitions: pd.DataFrame
    summary: ShiftSummary
    answers: tuple[str, ...]


def vote_shift(round1, round2, options, correct) -> VoteShift:
    """How the votes moved between round 1 and round 2 of the same question.

    Parameters
    ----------
    round1, round2 : pandas.DataFrame or mapping
        The answers of each round (see :func:`round_choices`); devices are matched by id.
    options : sequence of str
        The question's option keys.
    correct : str or sequence of str
        The right option(s). A multiple-choice answer is correct when its set of options is
        exactly this set.

    Returns
    -------
    VoteShift
        ``transitions``: one row per (from, to) pair of answer labels (:func:`answer_label`):
        ``from``, ``to``, ``count`` (devices in both rounds that moved so), ``from_correct``,
        ``to_correct`` (bool). For a single-choice question every pair of options is listed
        (zeros included), for a multiple-choice question every pair of answers given in either
        round. ``summary``: a :class:`ShiftSummary`. ``answers``: the answer labels in order.

    Notes
    -----
    With :math:`D_1, D_2` the devices of each round and :math:`c_d^{(r)}` the answer of device
    :math:`d` in round :math:`r`,

    .. math:: \\text{count}(a \\to b) = \\#\\{d \\in D_1 \\cap D_2 : c_d^{(1)} = a,\\ c_d^{(2)} = b\\}

    and the share correct of a round is :math:`\\#\\{d : c_d = K\\} / |D_r|` for the key set
    :math:`K`. Crouch & Mazur (2001) report this before/after comparison as the typical outcome
    of peer instruction: the share correct rises after discussion, and far more students move
    from a wrong answer to the right one than the other way.

    References
    ----------
    Crouch, C. H. & Mazur, E. (2001). Peer Instruction: Ten years of experience and results.
    *American Journal of Physics*, 69(9), 970–977.

    Examples
    --------
    >>> r1 = {"a": ["A"], "b": ["B"], "c": ["C"], "d": ["B"]}
    >>> r2 = {"a": ["B"], "b": ["B"], "c": ["C"], "e": ["B"]}
    >>> s = vote_shift(r1, r2, ["A", "B", "C"], "B")
    >>> s.summary.n_both, s.summary.moved_to_correct, s.summary.correct_before, s.summary.correct_after
    (3, 1, 0.5, 0.75)
    >>> s.transitions.query("count > 0")[["from", "to", "count"]].values.tolist()
    [['A', 'B', 1], ['B', 'B', 1], ['C', 'C', 1]]
    """
    opts = _options(options)
    right = _correct_set(correct, opts)
    c1, c2 = round_choices(round1, opts), round_choices(round2, opts)
    both = [d for d in c1.index if d in c2.index]
    multiple = len(right) > 1 or any(len(c) > 1 for c in (*c1, *c2))
    label = lambda c: answer_label(c, opts)  # noqa: E731
    right_label = label(right)
    if multiple:
        order = {k: i for i, k in enumerate(opts)}
        given = {label(c) for c in (*c1, *c2)}
        answers = tuple(sorted(given, key=lambda s: (len(s.split(JOIN)), [order[k] for k in s.split(JOIN)])))
    else:
        answers = opts
    counts: dict[tuple[str, str], int] = {}
    for d in both:
        key = (label(c1[d]), label(c2[d]))
        counts[key] = counts.get(key, 0) + 1
    rows = [(a, b, counts.get((a, b), 0), a == right_label, b == right_label) for a in answers for b in answers]
    transitions = pd.DataFrame(rows, columns=["from", "to", "count", "from_correct", "to_correct"])

    def share(ok: list[bool]) -> float:
        return float(np.mean(ok)) if ok else float("nan")

    ok1 = {d: c == right for d, c in c1.items()}
    ok2 = {d: c == right for d, c in c2.items()}
    summary = ShiftSummary(
        n_round1=len(c1), n_round2=len(c2), n_both=len(both),
        correct_before=share(list(ok1.values())), correct_after=share(list(ok2.values())),
        correct_before_both=share([ok1[d] for d in both]), correct_after_both=share([ok2[d] for d in both]),
        moved_to_correct=sum(1 for d in both if not ok1[d] and ok2[d]),
        moved_away_from_correct=sum(1 for d in both if ok1[d] and not ok2[d]),
        changed=sum(1 for d in both if c1[d] != c2[d]),
    )
    return VoteShift(transitions=transitions, summary=summary, answers=tuple(answers))


def choice_round_spec(question, phase: int = 1, languages: Iterable[str] = ("zh", "en")) -> dict:
    """The class-mode round spec that puts a bank question to the phones (no answer key in it).

    Parameters
    ----------
    question : servicelab.quiz.bank.Question
        A single- or multiple-choice question (``id``, ``type``, ``option_keys``, ``prompt``,
        ``options``; read by attribute, so this module needs nothing from the quiz package).
    phase : {1, 2}, default 1
        Round 1 (alone) or round 2 (after the discussion) of peer instruction.
    languages : iterable of str
        Languages of the phone page's text.

    Returns
    -------
    dict
        ``{"kind": "choice", "question_id", "phase", "options", "multiple", "display"}`` as
        :func:`servicelab.classroom.rounds.validate_spec` takes it. The correct options are left
        out: the phones receive the spec.

    Notes
    -----
    Peer instruction asks the same question twice, before and after the neighbours discuss it
    (Crouch & Mazur 2001); the two rounds are told apart by ``phase`` and paired by
    :func:`peer_rounds`.

    References
    ----------
    Crouch, C. H. & Mazur, E. (2001). Peer Instruction: Ten years of experience and results.
    *American Journal of Physics* 69(9), 970–977.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> text = lambda s: NS(get=lambda lang: s)
    >>> q = NS(id="Q-1", type="single", option_keys=("A", "B"), prompt=text("Which?"),
    ...        options=[NS(key="A", text=text("yes")), NS(key="B", text=text("no"))])
    >>> spec = choice_round_spec(q, 1, ["en"])
    >>> spec["options"], spec["multiple"], spec["display"]["en"]["options"]
    (['A', 'B'], False, {'A': 'yes', 'B': 'no'})
    """
    phase = check_number(phase, "phase", low=1, high=2, integer=True)
    return {"kind": "choice", "question_id": question.id, "phase": phase,
            "options": list(question.option_keys), "multiple": question.type == "multiple",
            "display": {lang: {"prompt": question.prompt.get(lang),
                               "options": {o.key: o.text.get(lang) for o in question.options}}
                        for lang in languages}}


def peer_rounds(rounds, question_id: str):
    """The latest round 2 of a question and the round 1 before it, for :func:`vote_shift`.

    Parameters
    ----------
    rounds : iterable of Round
        The class store's rounds (``id``, ``kind``, ``spec``; :meth:`ClassStore.rounds`).
    question_id : str
        The bank question whose two rounds are wanted.

    Returns
    -------
    (Round, Round)
        Round 1 and round 2.

    Raises
    ------
    ServiceLabError
        ``classpanel.error.no_round2`` when the question has no round 2 yet,
        ``classpanel.error.no_round1`` when no round 1 came before it.

    Notes
    -----
    Round ids grow with time, so "before" is ``r1.id < r2.id``; asking a question again later pairs
    its new rounds, not the old ones.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> r = [NS(id=i, kind="choice", spec={"question_id": "Q", "phase": p}) for i, p in [(1, 1), (2, 2), (3, 1), (4, 2)]]
    >>> [x.id for x in peer_rounds(r, "Q")]
    [3, 4]
    """
    mine = [r for r in rounds if r.kind == "choice" and r.spec.get("question_id") == question_id]
    second = [r for r in mine if r.spec.get("phase") == 2]
    if not second:
        raise ServiceLabError("classpanel.error.no_round2")
    r2 = max(second, key=lambda r: r.id)
    first = [r for r in mine if r.spec.get("phase") == 1 and r.id < r2.id]
    if not first:
        raise ServiceLabError("classpanel.error.no_round1")
    return max(first, key=lambda r: r.id), r2
