"""Quantified service quality: a service centre's measures, and a mystery-shopping checklist.

Course concepts C3.6 (the quantification principle: metrics that are simple, measurable,
instructive and cost-controlled) and C5.13 (mystery shopping). What a service centre really
measures, computed from a call log (:func:`call_log_measures`): the **service level** (share of
calls answered within a target time), the **average speed of answer** (ASA), the **abandonment
rate** and **first-contact resolution** (FCR). Staffing to a service-level target is chapter 03's
Erlang C (:mod:`servicelab.models.queueing`), called by :func:`staffing_options`, not written again.

A mystery shopper scores one visit on a weighted checklist (:func:`checklist_score`): weights
that sum to 100, each item met, partly met or missed, a score from 0 to 100 and the items that
cost the most points.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd

from ..errors import ContentError, ServiceLabError
from . import queueing as q
from ._inputs import check_frame, check_number, check_sequence
from .control import read_quality_csv

#: Columns of a call log (``data/quality/call_log.csv``).
LOG_COLUMNS = ("call", "arrival_seconds", "wait_seconds", "outcome", "resolved_first")
#: The most calls per hour :func:`synthetic_call_log` draws (a log is one hour of one hotline).
MAX_LOG_CALLS = 10_000
#: Values of the ``outcome`` column.
OUTCOMES = ("answered", "abandoned")


def call_log_measures(log: pd.DataFrame, *, target_seconds: float = q.DEFAULT_TARGET_SECONDS,
                      short_abandon_seconds: float = 0.0) -> dict[str, float]:
    """Service level, ASA, abandonment and first-contact resolution of a call log.

    Parameters
    ----------
    log : pandas.DataFrame
        One row per offered call: ``wait_seconds`` (time in the queue until answered or until the
        caller hung up, ≥ 0), ``outcome`` (``"answered"`` or ``"abandoned"``) and
        ``resolved_first`` (1 when an answered call solved the problem with no repeat contact,
        0 otherwise; ignored for abandoned calls).
    target_seconds : float, default 20
        Answer-time target t of the service level (≥ 0).
    short_abandon_seconds : float, default 0
        Callers who hang up within this time are left out of the service level and the
        abandonment rate (a common convention: they may have dialled by mistake); 0 keeps all.

    Returns
    -------
    dict
        ``offered``, ``answered``, ``abandoned`` (counts), ``service_level``, ``asa_seconds``,
        ``abandonment_rate``, ``fcr`` (shares as fractions; ``nan`` when undefined).

    Notes
    -----
    With O the offered calls (after leaving out short abandons), A the answered and B the
    abandoned ones:

    .. math::

        \\mathrm{SL}(t) = \\frac{\\#\\{\\text{answered with wait} \\le t\\}}{O}, \\quad
        \\mathrm{ASA} = \\frac{1}{|A|} \\sum_{i \\in A} w_i, \\quad
        \\text{abandonment} = \\frac{|B|}{O}, \\quad
        \\mathrm{FCR} = \\frac{\\#\\{i \\in A: \\text{resolved first}\\}}{|A|}.

    This service level counts an abandoned call as not answered in time (the strict form);
    some centres divide by answered calls only, which gives a higher number: say which one a
    report uses.

    References
    ----------
    Gans, N., Koole, G., & Mandelbaum, A. (2003). Telephone call centers: Tutorial, review, and
    research prospects. *Manufacturing & Service Operations Management*, 5(2), 79–141.

    Examples
    --------
    >>> log = pd.DataFrame({"wait_seconds": [0, 10, 30, 40], "outcome": ["answered"] * 3 + ["abandoned"],
    ...                     "resolved_first": [1, 0, 1, 0]})
    >>> m = call_log_measures(log, target_seconds=20)
    >>> m["service_level"], round(m["asa_seconds"], 2), m["abandonment_rate"], round(m["fcr"], 4)
    (0.5, 13.33, 0.25, 0.6667)
    """
    check_frame(log, "log")
    missing = [c for c in ("wait_seconds", "outcome", "resolved_first") if c not in log.columns]
    if missing:
        raise ServiceLabError("quality.error.log_columns", columns=", ".join(missing))
    t = check_number(target_seconds, "target_seconds", low=0)
    short = check_number(short_abandon_seconds, "short_abandon_seconds", low=0)
    wait = check_sequence(log["wait_seconds"].to_numpy(), "wait_seconds", low=0) if len(log) else np.array([])
    outcome = log["outcome"].astype(str).to_numpy()
    bad = ~np.isin(outcome, OUTCOMES)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ServiceLabError("quality.error.outcome", row=i + 1, value=outcome[i], allowed=", ".join(OUTCOMES))
    answered = outcome == "answered"
    abandoned = (outcome == "abandoned") & (wait > short if short > 0 else True)
    offered = answered | abandoned
    resolved = log["resolved_first"].to_numpy()
    n_off, n_ans, n_ab = int(offered.sum()), int(answered.sum()), int(abandoned.sum())
    nan = float("nan")
    in_time = int((answered & (wait <= t)).sum())
    fcr = float(np.sum(resolved[answered].astype(float) == 1) / n_ans) if n_ans else nan
    return {"offered": n_off, "answered": n_ans, "abandoned": n_ab,
            "service_level": in_time / n_off if n_off else nan,
            "asa_seconds": float(wait[answered].mean()) if n_ans else nan,
            "abandonment_rate": n_ab / n_off if n_off else nan, "fcr": fcr}


def load_call_log() -> pd.DataFrame:
    """The shipped call log of one busy hour of a service hotline (seeded synthetic; ``data/quality/``).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LOG_COLUMNS`: ``call`` (1, 2, …), ``arrival_seconds``, ``wait_seconds``
        (floats ≥ 0), ``outcome`` (``answered``/``abandoned``), ``resolved_first`` (0/1).

    Raises
    ------
    ContentError
        If the file is missing or a cell is malformed (file, row, column named).

    Examples
    --------
    >>> log = load_call_log()
    >>> list(log.columns) == list(LOG_COLUMNS), set(log["outcome"]) <= set(OUTCOMES)
    (True, True)
    """
    raw, path = read_quality_csv("call_log.csv", LOG_COLUMNS)
    out = {c: [] for c in LOG_COLUMNS}
    for i, rec in enumerate(raw.to_dict("records"), start=2):
        for col in ("arrival_seconds", "wait_seconds"):
            try:
                x = float(rec[col])
            except ValueError:
                x = -1.0
            if not (x >= 0 and np.isfinite(x)):
                raise ContentError("content.error.cell", file=path.name, row=i, column=col, value=rec[col], allowed="≥ 0")
            out[col].append(x)
        if rec["outcome"] not in OUTCOMES:
            raise ContentError("content.error.cell", file=path.name, row=i, column="outcome", value=rec["outcome"],
                               allowed=", ".join(OUTCOMES))
        if rec["resolved_first"] not in ("0", "1"):
            raise ContentError("content.error.cell", file=path.name, row=i, column="resolved_first",
                               value=rec["resolved_first"], allowed="0, 1")
        if rec["call"] != str(i - 1):
            raise ContentError("content.error.cell", file=path.name, row=i, column="call", value=rec["call"],
                               allowed=str(i - 1))
        out["call"].append(i - 1)
        out["outcome"].append(rec["outcome"])
        out["resolved_first"].append(int(rec["resolved_first"]))
    return pd.DataFrame(out, columns=list(LOG_COLUMNS))


def synthetic_call_log(*, calls_per_hour: float = 200, handle_seconds: float = 180, agents: int = 14,
                       patience_seconds: float = 120, fcr: float = 0.72,
                       seed: int = 10) -> pd.DataFrame:
    """A seeded synthetic hour of calls whose waits follow chapter 03's Erlang C.

    Parameters
    ----------
    calls_per_hour, handle_seconds, agents :
        The hotline (as in :func:`servicelab.models.queueing.queue_metrics`); calls per hour in
        (0, :data:`MAX_LOG_CALLS`], ``agents`` above the offered load.
    patience_seconds : float
        Mean patience of a caller (exponential); a caller whose wait exceeds it hangs up.
    fcr : float
        Chance that an answered call is resolved at first contact, in [0, 1].
    seed : int
        Seed of numpy's ``default_rng``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LOG_COLUMNS`, one row per call.

    Notes
    -----
    Arrivals are a Poisson stream; a caller waits with probability Erlang C ``P_w``
    (:func:`servicelab.models.queueing.queue_metrics`), and then for an exponential time with
    mean ``h/(c − A)``. Abandonment is drawn on top of these waits, so the log is a teaching
    illustration of the measures, not an exact queue with abandonment (Erlang A). The shipped
    file is ``synthetic_call_log()``; a test regenerates it.

    Examples
    --------
    >>> log = synthetic_call_log(seed=1)
    >>> bool((log["wait_seconds"] >= 0).all())
    True
    """
    lam = check_number(calls_per_hour, "calls_per_hour", low=0, low_open=True, high=MAX_LOG_CALLS)
    c = check_number(agents, "agents", low=1, high=q.MAX_AGENTS, integer=True)
    m = q.queue_metrics(lam, handle_seconds, c).iloc[0]
    if not bool(m["stable"]):
        raise ServiceLabError("quality.error.overloaded", load=round(float(m["offered_load"]), 2), agents=c)
    patience = check_number(patience_seconds, "patience_seconds", low=0, low_open=True)
    share = check_number(fcr, "fcr", low=0, high=1)
    s = check_number(seed, "seed", low=0, integer=True)
    rng = np.random.default_rng(s)
    gaps = rng.exponential(3600.0 / lam, size=int(lam * 2) + 50)
    arrivals = np.cumsum(gaps)
    arrivals = arrivals[arrivals < 3600.0]
    k = arrivals.size
    waits_if = rng.exponential(float(handle_seconds) / (c - float(m["offered_load"])), size=k)
    waits = np.where(rng.random(k) < float(m["p_wait"]), waits_if, 0.0)
    give_up = rng.exponential(patience, size=k)
    abandoned = waits > give_up
    waits = np.where(abandoned, give_up, waits)
    resolved = (~abandoned) & (rng.random(k) < share)
    return pd.DataFrame({"call": np.arange(1, k + 1), "arrival_seconds": arrivals.round(1),
                         "wait_seconds": waits.round(1),
                         "outcome": np.where(abandoned, "abandoned", "answered"),
                         "resolved_first": resolved.astype(int)})


def staffing_options(calls_per_hour, handle_seconds, *, target_seconds=q.DEFAULT_TARGET_SECONDS,
                     service_level=q.DEFAULT_SERVICE_LEVEL, around: int = 3) -> pd.DataFrame:
    """The fewest agents meeting a service-level target, with the staffing levels around it.

    Parameters
    ----------
    calls_per_hour, handle_seconds, target_seconds, service_level :
        As in :func:`servicelab.models.queueing.agents_needed`.
    around : int, default 3
        How many staffing levels below and above the fewest sufficient one to list (0–20).

    Returns
    -------
    pandas.DataFrame
        :func:`servicelab.models.queueing.queue_metrics` rows for ``needed − around … needed +
        around`` agents (at least one agent), with ``meets`` (service level ≥ target) and
        ``needed`` (the row of the fewest sufficient staffing).

    Notes
    -----
    Both numbers come from chapter 03's Erlang C: ``agents_needed`` for the answer and
    ``queue_metrics`` for the table (see :mod:`servicelab.models.queueing`).

    Examples
    --------
    >>> opt = staffing_options(200, 180, target_seconds=20, service_level=0.8, around=1)
    >>> opt[["agents", "meets", "needed"]].values.tolist()
    [[13, False, False], [14, True, True], [15, True, False]]
    """
    width = check_number(around, "around", low=0, high=20, integer=True)
    need = q.agents_needed(calls_per_hour, handle_seconds, target_seconds=target_seconds, service_level=service_level)
    lo = max(1, need - width)
    table = q.queue_metrics(calls_per_hour, handle_seconds, list(range(lo, max(need, 1) + width + 1)),
                            target_seconds=target_seconds)
    table["meets"] = table["service_level"] >= float(service_level)
    table["needed"] = table["agents"] == need
    return table


# ------------------------------------------------------------------------------ mystery shopping
#: The project's illustrative checklist for one visit to a service counter: item → weight
#: (points out of 100). Labels: ``t("quality.mystery.item.<id>")``.
CHECKLIST: dict[str, int] = {"greeting": 10, "wait": 15, "needs": 15, "knowledge": 20, "courtesy": 15,
                             "resolution": 20, "farewell": 5}
#: Ratings an item can get: met, partly met, missed (share of its points earned).
RATINGS: dict[str, float] = {"met": 1.0, "partly": 0.5, "missed": 0.0}


@dataclass(frozen=True)
class ChecklistResult:
    """A scored visit: the score (0–100) and one row per item, most points lost first."""

    score: float
    items: pd.DataFrame

    def costliest(self, k: int = 3) -> list[str]:
        """The (up to) ``k`` items that cost the most points (none with 0 lost)."""
        lost = self.items[self.items["lost"] > 0]
        return lost["item"].head(k).tolist()


def _is_real(value) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_)) \
        and bool(np.isfinite(value))


def checklist_score(weights: Mapping[str, float], ratings: Mapping[str, float]) -> ChecklistResult:
    """Score one mystery-shopping visit on a weighted checklist, 0–100.

    Parameters
    ----------
    weights : mapping
        Item → weight in points (each ≥ 0), summing to 100.
    ratings : mapping
        Item → share of its points earned, in [0, 1] (:data:`RATINGS`: met 1, partly 0.5,
        missed 0); every weighted item must be rated, and no other item.

    Returns
    -------
    ChecklistResult
        ``score`` = Σ wᵢ rᵢ (0–100) and ``items`` with columns ``item``, ``weight``, ``rating``,
        ``earned``, ``lost`` (= wᵢ (1 − rᵢ)), sorted by ``lost`` (largest first; ties keep the
        order of ``weights``).

    Raises
    ------
    ServiceLabError
        ``quality.error.weights_sum`` when the weights do not sum to 100,
        ``quality.error.weight`` for a negative or non-numeric weight, ``quality.error.rating``
        for a rating outside [0, 1], ``quality.error.unrated`` / ``quality.error.unknown_item``
        when the two mappings name different items.

    Notes
    -----
    .. math:: S = \\sum_i w_i r_i, \\quad \\sum_i w_i = 100, \\; 0 \\le r_i \\le 1,

    so ``S`` is between 0 and 100, and the points lost, ``100 − S = Σ wᵢ(1 − rᵢ)``, split by item
    show where the visit fell short. A weighted-checklist score of the kind mystery-shopping
    programmes use (Wilson 1998); the items and weights here are this project's illustration.

    References
    ----------
    Wilson, A. M. (1998). The use of mystery shopping in the measurement of service delivery.
    *The Service Industries Journal*, 18(3), 148–163.

    Examples
    --------
    >>> r = checklist_score({"greeting": 30, "wait": 70}, {"greeting": 1, "wait": 0.5})
    >>> r.score, r.costliest()
    (65.0, ['wait'])
    """
    if not isinstance(weights, Mapping) or not weights:
        raise ServiceLabError("quality.error.weights_missing")
    if not isinstance(ratings, Mapping):
        raise ServiceLabError("quality.error.ratings_missing")
    items, w, r = [], [], []
    for item, value in weights.items():
        if not _is_real(value) or value < 0:
            raise ServiceLabError("quality.error.weight", item=item, value=value)
        items.append(item)
        w.append(float(value))
    total = float(np.sum(w))
    if abs(total - 100.0) > 1e-9:
        raise ServiceLabError("quality.error.weights_sum", total=f"{total:g}")
    extra = [k for k in ratings if k not in weights]
    if extra:
        raise ServiceLabError("quality.error.unknown_item", item=extra[0], allowed=", ".join(items))
    for item in items:
        if item not in ratings:
            raise ServiceLabError("quality.error.unrated", item=item)
        value = ratings[item]
        if not _is_real(value) or not 0 <= value <= 1:
            raise ServiceLabError("quality.error.rating", item=item, value=value)
        r.append(float(value))
    wa, ra = np.asarray(w), np.asarray(r)
    table = pd.DataFrame({"item": items, "weight": wa, "rating": ra, "earned": wa * ra, "lost": wa * (1 - ra)})
    table = table.sort_values("lost", ascending=False, kind="mergesort").reset_index(drop=True)
    return ChecklistResult(score=float(np.sum(wa * ra)), items=table)


__all__ = ["CHECKLIST", "ChecklistResult", "LOG_COLUMNS", "OUTCOMES", "RATINGS", "call_log_measures",
           "checklist_score", "load_call_log", "staffing_options", "synthetic_call_log"]
