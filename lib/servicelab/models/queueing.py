"""Queues and service levels: Erlang B and C (M/M/c), staffing to a target, and a simulation check.

Perishability (concept C4.5) means an idle agent-hour cannot be stored for the rush: a service
centre must staff each hour for that hour's calls. The queueing model service centres use for this
is Erlang C: calls arrive at random (Poisson, λ per hour), each takes an exponentially distributed
handling time with mean ``h`` seconds, ``c`` agents answer in order of arrival and nobody hangs
up. Its results are the probability that a caller waits, the average speed of answer (ASA) and the
service level "X % of calls answered within t seconds" (the industry's 80/20).

* :func:`erlang_b`, :func:`erlang_c` — vectorised over arrays (numpy broadcasting);
* :func:`queue_metrics` — the key numbers for one or several staffing levels;
* :func:`agents_needed` / :func:`staffing_table` — the fewest agents meeting a target, for one
  hour or for every hour of a day at once (a 2-D grid of agent counts, no loop per agent count);
* :func:`simulate_mmc` — a seeded discrete-event simulation of the same queue, an independent
  check of the formulas.

An overloaded queue (offered load ``A ≥ c``) has no steady state: the queue grows without bound.
:func:`erlang_c` then returns 1.0 (every caller waits; the limit of the formula as ``A → c``),
:func:`queue_metrics` reports an infinite ASA and a service level of 0, and :func:`simulate_mmc`
refuses such a queue with a translated error.
"""
from __future__ import annotations

import heapq
import math
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ServiceLabError
from ._inputs import as_float_array, check_number, check_sequence, is_number, is_sequence

#: Seconds in an hour: calls per hour × handling seconds / 3600 = offered load in Erlangs.
SECONDS_PER_HOUR = 3600.0

#: The call-centre industry's usual target: 80 % of calls answered within 20 seconds.
DEFAULT_TARGET_SECONDS = 20.0
DEFAULT_SERVICE_LEVEL = 0.8

#: The most agents any function here considers (an Erlang table costs one step per agent); a
#: staffing question that needs more is refused with ``capacity.error.too_many``.
MAX_AGENTS = 10_000

#: Batches used by :func:`simulate_mmc` for its standard errors (batch means).
SIM_BATCHES = 20


# ------------------------------------------------------------------------------ inputs
def _array(value: Any, name: str, *, low: float, integer: bool = False, low_open: bool = False,
           high: float | None = None):
    """A number or an array of numbers, checked element by element; ``(array, was_scalar)``."""
    kw = {"low": low, "high": high, "integer": integer, "low_open": low_open}
    if is_number(value):
        x = check_number(value, name, **kw)
        return np.asarray(x, dtype=float), True
    if isinstance(value, (str, bytes)) or value is None or isinstance(value, (dict, bool)):
        check_number(value, name, **kw)  # raises
    arr = as_float_array(value, name)
    flat = arr.ravel()
    bad = ~np.isfinite(flat) | ((flat <= low) if low_open else (flat < low))
    if high is not None:
        bad |= flat > high
    if integer:
        bad |= np.isfinite(flat) & (flat != np.round(flat))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        check_number(flat[i], f"{name} #{i + 1}", **kw)  # raises
    return arr, False


def _numbers(value: Any, name: str, *, low: float, low_open: bool = False, size: int | None = None) -> np.ndarray:
    """A list of numbers like :func:`check_sequence` (same errors); numeric numpy arrays and
    Series are checked in one vectorised pass, the element-by-element check runs only to name
    the first bad element."""
    if isinstance(value, (np.ndarray, pd.Series)) and value.ndim == 1 and value.dtype.kind in "fiu" and value.size:
        arr = np.asarray(value, dtype=float)
        bad = ~np.isfinite(arr) | ((arr <= low) if low_open else (arr < low))
        if not bad.any() and (size is None or arr.size == size):
            return arr
    return check_sequence(value, name, size=size, min_size=1, low=low, low_open=low_open)


def _out(x: np.ndarray, scalar: bool):
    return float(x) if scalar else x


def offered_load(calls_per_hour, handle_seconds):
    """Offered load in Erlangs: ``A = λ · h`` with λ in calls per hour and h in seconds.

    Parameters
    ----------
    calls_per_hour : float or array_like
        Mean arrival rate λ (calls per hour), ≥ 0.
    handle_seconds : float or array_like
        Mean handling time h (seconds), > 0.

    Returns
    -------
    float or numpy.ndarray

    Notes
    -----
    .. math:: A = \\lambda \\, h / 3600

    (the busy agents needed on average: the work arriving per hour, in hours).

    Examples
    --------
    >>> offered_load(200, 180)
    10.0
    """
    lam, s1 = _array(calls_per_hour, "calls_per_hour", low=0.0)
    h, s2 = _array(handle_seconds, "handle_seconds", low=0.0, low_open=True)
    return _out(lam * h / SECONDS_PER_HOUR, s1 and s2)


# ------------------------------------------------------------------------------ Erlang B / C
def _log_erlang_b_grid(load: np.ndarray, kmax: int) -> np.ndarray:
    """``B(k, A)`` for k = 0 … kmax (columns) and every load (rows), without a loop over k.

    ``B(k) = t_k / Σ_{j≤k} t_j`` with ``t_j = A^j / j!``, the sums as running log-sum-exps
    (``np.logaddexp.accumulate``). Kept as the loop-free alternative to :func:`_erlang_b_table`;
    measured slower (``bench/bench_capacity.py``), so not used by default.
    """
    k = np.arange(kmax + 1, dtype=float)
    log_fact = np.concatenate(([0.0], np.cumsum(np.log(np.arange(1, kmax + 1, dtype=float)))))
    a = load.reshape(-1, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_t = k * np.log(a) - log_fact                      # log A^k / k!
    log_t[:, 0] = 0.0                                         # A^0 / 0! = 1, also for A = 0
    zero = (a[:, 0] == 0.0)
    if zero.any():
        log_t[zero, 1:] = -np.inf
    return np.exp(log_t - np.logaddexp.accumulate(log_t, axis=1))


def _erlang_b_table(load: np.ndarray, kmax: int) -> np.ndarray:
    """``B(k, A)`` for k = 0 … kmax (columns) and every load (rows) by Erlang's recursion.

    :math:`B(0) = 1`, :math:`B(k) = A B(k-1) / (k + A B(k-1))`: numerically stable for any load
    (every step stays in [0, 1]); one vectorised step per k for all loads at once.
    """
    a = np.asarray(load, dtype=float).ravel()
    table = np.empty((kmax + 1, a.size))  # one contiguous row per k, returned transposed
    table[0] = 1.0
    ab = np.empty(a.size)
    for k in range(1, kmax + 1):
        np.multiply(a, table[k - 1], out=ab)
        np.divide(ab, ab + k, out=table[k])
    return table.T


#: How the Erlang B table is built: ``"recursion"`` (default, faster) or ``"logsumexp"``.
ERLANG_B_METHOD = "recursion"


def _b_table(load: np.ndarray, kmax: int) -> np.ndarray:
    return (_log_erlang_b_grid if ERLANG_B_METHOD == "logsumexp" else _erlang_b_table)(load, kmax)


def _erlang_b(c: np.ndarray, a: np.ndarray) -> np.ndarray:
    """Erlang B for broadcast arrays of whole agent counts ``c`` and loads ``a`` (checked)."""
    c = np.asarray(c)
    a = np.asarray(a, dtype=float)
    shape = np.broadcast_shapes(c.shape, a.shape)
    if math.prod(shape) == 0:
        return np.zeros(shape)
    loads, inverse = np.unique(a.ravel(), return_inverse=True)  # one row of the table per distinct load
    rows = np.broadcast_to(inverse.reshape(a.shape), shape)
    cols = np.broadcast_to(c.astype(np.int64), shape)
    return _b_table(loads, int(cols.max()))[rows, cols]


def _erlang_c_from_b(c: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        p = c * b / (c - a * (1.0 - b))
    return np.where(a >= c, 1.0, np.where(a == 0.0, 0.0, np.clip(p, 0.0, 1.0)))


def _erlang_c(c: np.ndarray, a: np.ndarray) -> np.ndarray:
    b = _erlang_b(c, a)
    c, a = np.broadcast_arrays(np.asarray(c, dtype=float), np.asarray(a, dtype=float))
    return _erlang_c_from_b(c, a, b)


def erlang_b(agents, offered_load):
    """Erlang B: the probability that a call finds all ``c`` agents busy when nobody can queue.

    Parameters
    ----------
    agents : int or array_like of int
        Number of agents (servers) ``c``, whole numbers ≥ 0.
    offered_load : float or array_like
        Offered load ``A`` in Erlangs (≥ 0). Arrays broadcast against ``agents``.

    Returns
    -------
    float or numpy.ndarray
        ``B(c, A)`` — a float when both inputs are numbers.

    Raises
    ------
    ServiceLabError
        ``error.param.*`` naming the parameter (and the element) that is not a whole number of
        agents or not a finite load ≥ 0.

    Notes
    -----
    .. math:: B(c, A) = \\frac{A^c / c!}{\\sum_{k=0}^{c} A^k / k!}

    computed by Erlang's recursion :math:`B(0) = 1`, :math:`B(k) = A B(k-1) / (k + A B(k-1))`, which
    stays in [0, 1] at every step (no overflow for large loads). The recursion runs once for all
    elements of the arrays together, one vectorised step per agent up to ``max(c)``; a loop-free
    running log-sum-exp of the sum was measured slower (``bench/bench_capacity.py``).

    References
    ----------
    Erlang, A. K. (1917). Solution of some problems in the theory of probabilities of significance
    in automatic telephone exchanges. *Elektroteknikeren* 13. Cooper, R. B. (1981). *Introduction
    to Queueing Theory*, 2nd ed., North Holland, §3.

    Examples
    --------
    >>> round(erlang_b(1, 1.0), 6)
    0.5
    >>> erlang_b([10, 11, 12], 10.0).round(4).tolist()
    [0.2146, 0.1632, 0.1197]
    """
    c, s1 = _array(agents, "agents", low=0.0, integer=True, high=MAX_AGENTS)
    a, s2 = _array(offered_load, "offered_load", low=0.0)
    return _out(_erlang_b(c, a), s1 and s2)


def erlang_c(agents, offered_load):
    """Erlang C: the probability that a caller has to wait (all ``c`` agents busy, calls queue).

    Parameters
    ----------
    agents : int or array_like of int
        Number of agents ``c``, whole numbers ≥ 1.
    offered_load : float or array_like
        Offered load ``A`` in Erlangs (≥ 0); arrays broadcast against ``agents``.

    Returns
    -------
    float or numpy.ndarray
        ``P_w = C(c, A)``; **1.0 wherever A ≥ c** (an overloaded queue: it grows without bound and
        every caller waits — the limit of the formula as A → c), 0.0 for A = 0. Scalars and arrays
        are treated alike (no error for an overload; :func:`queue_metrics` flags it).

    Raises
    ------
    ServiceLabError
        ``error.param.*`` for agents that are not whole numbers ≥ 1 or a load that is not a finite
        number ≥ 0 (the message names the element of an array).

    Notes
    -----
    With Erlang B, :math:`B = B(c, A)`:

    .. math:: P_w = C(c, A) = \\frac{c\\,B}{c - A\\,(1 - B)}, \\qquad A < c,

    the same as :math:`\\frac{A^c}{c!}\\frac{c}{c-A} \\big/ \\left(\\sum_{k<c} \\frac{A^k}{k!}
    + \\frac{A^c}{c!}\\frac{c}{c-A}\\right)`.

    References
    ----------
    Erlang (1917); Cooper (1981), §3; Gans, N., Koole, G. & Mandelbaum, A. (2003). Telephone call
    centers: tutorial, review, and research prospects. *Manufacturing & Service Operations
    Management* 5(2), 79–141.

    Examples
    --------
    The call-centre worked example (200 calls per hour, 180 s each, so A = 10 Erlangs, 14 agents):

    >>> round(erlang_c(14, 10.0), 4)
    0.1741
    >>> erlang_c([9, 10, 11], 10.0).round(4).tolist()
    [1.0, 1.0, 0.6821]
    """
    c, s1 = _array(agents, "agents", low=1.0, integer=True, high=MAX_AGENTS)
    a, s2 = _array(offered_load, "offered_load", low=0.0)
    return _out(_erlang_c(c, a), s1 and s2)


# ------------------------------------------------------------------------------ metrics
def _metrics(c: np.ndarray, a: np.ndarray, h: float | np.ndarray, t: float,
             p: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Erlang C's key numbers for broadcast ``c`` (agents) and ``a`` (Erlangs); h, t in seconds."""
    p = _erlang_c(c, a) if p is None else p
    c, a = np.broadcast_arrays(np.asarray(c, dtype=float), np.asarray(a, dtype=float))
    stable = a < c
    gap = np.where(stable, c - a, 1.0)
    asa = np.where(stable, p * h / gap, np.inf)
    with np.errstate(over="ignore"):  # a huge target: e^(−∞) = 0, every caller answered within it
        sl = np.where(stable, 1.0 - p * np.exp(-gap * t / h), 0.0)
    occupancy = np.minimum(a / c, 1.0)
    return {"p_wait": p, "asa_seconds": asa, "service_level": sl, "occupancy": occupancy, "stable": stable}


def _check_common(handle_seconds, target_seconds) -> tuple[float, float]:
    h = check_number(handle_seconds, "handle_seconds", low=0.0, low_open=True)
    t = check_number(target_seconds, "target_seconds", low=0.0)
    return h, t


def queue_metrics(calls_per_hour, handle_seconds, agents, *, target_seconds=DEFAULT_TARGET_SECONDS) -> pd.DataFrame:
    """Waiting probability, average wait, service level and occupancy for given staffing levels.

    Parameters
    ----------
    calls_per_hour : float
        Mean arrival rate λ (calls per hour), ≥ 0.
    handle_seconds : float
        Mean handling time h (seconds; talk + wrap-up), > 0.
    agents : int or sequence of int
        Number(s) of agents ``c`` (≥ 1); one row per value, in the order given.
    target_seconds : float
        The answer-time target t of the service level (≥ 0), default 20 s.

    Returns
    -------
    pandas.DataFrame
        Columns ``agents``, ``offered_load`` (A, Erlangs), ``occupancy`` (A / c, at most 1),
        ``p_wait`` (Erlang C), ``asa_seconds`` (mean wait over all callers), ``service_level``
        (share answered within t) and ``stable`` (A < c). An overloaded row (A ≥ c) has
        ``p_wait`` 1, ``asa_seconds`` inf and ``service_level`` 0.

    Notes
    -----
    .. math::

        A = \\lambda h / 3600, \\quad \\rho = A / c, \\quad P_w = C(c, A), \\\\
        \\mathrm{ASA} = W_q = \\frac{P_w\\, h}{c - A}, \\quad
        \\mathrm{SL}(t) = 1 - P_w\\, e^{-(c - A)\\, t / h}.

    For FCFS M/M/c the wait of a caller who must wait is exponential with rate (c − A)/h, which
    gives both the ASA and the service level.

    References
    ----------
    Gans, Koole & Mandelbaum (2003), §4.1; Cooper (1981), §3.

    Examples
    --------
    >>> m = queue_metrics(200, 180, [13, 14], target_seconds=20)
    >>> m[["agents", "p_wait", "asa_seconds", "service_level"]].round(4).to_dict("list")
    {'agents': [13, 14], 'p_wait': [0.2853, 0.1741], 'asa_seconds': [17.1162, 7.8359], 'service_level': [0.7956, 0.8884]}
    """
    lam = check_number(calls_per_hour, "calls_per_hour", low=0.0)
    h, t = _check_common(handle_seconds, target_seconds)
    if is_sequence(agents):
        c = check_sequence(agents, "agents", min_size=1, low=1, high=MAX_AGENTS, integer=True)
    else:
        c = np.array([check_number(agents, "agents", low=1, high=MAX_AGENTS, integer=True)])
    a = lam * h / SECONDS_PER_HOUR
    m = _metrics(c, np.asarray(a), h, t)
    return pd.DataFrame({"agents": c.astype(int), "offered_load": np.full(c.size, a), "occupancy": m["occupancy"],
                         "p_wait": m["p_wait"], "asa_seconds": m["asa_seconds"],
                         "service_level": m["service_level"], "stable": m["stable"]})


def _check_target(service_level) -> float:
    return check_number(service_level, "service_level", low=0.0, high=1.0, low_open=True, high_open=True)


def _fewest_agents(a: np.ndarray, h: np.ndarray, t: float, target: float) -> tuple[np.ndarray, dict]:
    """The fewest agents with SL ≥ target for every load of ``a`` at once, and their metrics.

    One Erlang B table per call (rows: loads, columns: 0 … k_max agents, :func:`_erlang_b_table`)
    gives P_w and the service level of the candidates ``⌊A⌋ + 1 … ⌊A⌋ + w`` of every load (width
    ``w = 4√A_max + 12`` from the square-root staffing rule, doubled for the rare load whose target
    is not met inside it); the first candidate meeting the target is taken. A load of 0 needs 0.
    """
    a = np.asarray(a, dtype=float).ravel()
    h = np.broadcast_to(np.asarray(h, dtype=float), a.shape)
    need = np.zeros(a.size, dtype=np.int64)
    todo = a > 0
    base = np.floor(a).astype(np.int64) + 1
    width = int(math.ceil(4.0 * math.sqrt(float(a.max(initial=0.0))) + 12))
    while todo.any():
        idx = np.flatnonzero(todo)
        if base[idx].max() > MAX_AGENTS:
            worst = idx[np.argmax(base[idx])]
            raise ServiceLabError("capacity.error.too_many", load=round(float(a[worst]), 1), most=MAX_AGENTS)
        width = min(width, MAX_AGENTS + 1 - int(base[idx].min()))
        cand = base[idx, None] + np.arange(width)[None, :]
        table = _b_table(a[idx], int(cand.max()))
        b = np.take_along_axis(table, cand, axis=1)
        ai, ci = a[idx, None], cand.astype(float)
        p = _erlang_c_from_b(ci, ai, b)
        sl = _metrics(ci, ai, h[idx, None], t, p)["service_level"]
        ok = sl >= target
        hit = ok.any(axis=1)
        first = ok[hit].argmax(axis=1)
        need[idx[hit]] = cand[hit, first]
        base[idx[~hit]] += width
        todo[idx[hit]] = False
        width *= 2
    c = np.maximum(need, 1).astype(float)
    m = _metrics(c, a, h, t)
    zero = need == 0  # no calls: nobody waits
    fill = {"p_wait": 0.0, "asa_seconds": 0.0, "service_level": 1.0, "occupancy": 0.0, "stable": True}
    return need, {k: np.where(zero, fill[k], v) for k, v in m.items()}


def agents_needed(calls_per_hour, handle_seconds, *, target_seconds=DEFAULT_TARGET_SECONDS,
                  service_level=DEFAULT_SERVICE_LEVEL) -> int:
    """The fewest agents whose Erlang C service level meets the target (e.g. 80 % within 20 s).

    Parameters
    ----------
    calls_per_hour : float
        Mean arrival rate (calls per hour), ≥ 0.
    handle_seconds : float
        Mean handling time (seconds), > 0.
    target_seconds : float
        Answer-time target t (seconds, ≥ 0).
    service_level : float
        Required share answered within t, strictly between 0 and 1 (1 is never reached: a
        caller may always have to wait longer than t).

    Returns
    -------
    int
        The smallest ``c`` with :math:`\\mathrm{SL}(c) \\ge` ``service_level`` (0 when there are
        no calls). With one agent fewer the target is missed (the service level increases with c).

    Raises
    ------
    ServiceLabError
        ``error.param.*`` for a bad input; ``capacity.error.too_many`` when more than
        :data:`MAX_AGENTS` agents would be needed.

    Notes
    -----
    Only ``c > A`` can meet a target, so the search starts at ⌊A⌋ + 1 and evaluates a block of
    candidates at once (see :func:`staffing_table`).

    References
    ----------
    Gans, Koole & Mandelbaum (2003), §4; Koole, G. (2013). *Call Center Optimization*. MG books.

    Examples
    --------
    >>> agents_needed(200, 180, target_seconds=20, service_level=0.8)
    14
    >>> agents_needed(200, 180, target_seconds=20, service_level=0.9)
    15
    """
    lam = check_number(calls_per_hour, "calls_per_hour", low=0.0)
    h, t = _check_common(handle_seconds, target_seconds)
    target = _check_target(service_level)
    need, _ = _fewest_agents(np.array([lam * h / SECONDS_PER_HOUR]), np.array([h]), t, target)
    return int(need[0])


def staffing_table(calls_per_hour, handle_seconds, *, target_seconds=DEFAULT_TARGET_SECONDS,
                   service_level=DEFAULT_SERVICE_LEVEL, start_hour=8) -> pd.DataFrame:
    """Agents needed in every hour of a day, computed for all hours at once.

    Parameters
    ----------
    calls_per_hour : sequence of float
        Forecast calls in each hour (≥ 0), in time order.
    handle_seconds : float or sequence of float
        Mean handling time (seconds, > 0): one value, or one per hour.
    target_seconds, service_level : float
        The target, as in :func:`agents_needed`.
    start_hour : int
        Clock hour of the first value (0–23); the ``hour`` column counts on from it (modulo 24, so
        several days can be given one after another).

    Returns
    -------
    pandas.DataFrame
        One row per hour: ``hour``, ``calls``, ``offered_load``, ``agents`` (the fewest meeting the
        target), ``service_level``, ``asa_seconds`` and ``occupancy`` at that staffing.

    Raises
    ------
    ServiceLabError
        ``error.param.*`` naming the bad input (and the hour); ``capacity.error.too_many`` when an
        hour would need more than :data:`MAX_AGENTS` agents.

    Notes
    -----
    Row by row equal to :func:`agents_needed`. For all hours together, candidate staffing levels
    ``⌊A⌋+1 … ⌊A⌋+w`` form a 2-D grid (hours × candidates, :math:`w = \\lceil 4\\sqrt{A_{max}}\\rceil
    + 12`, doubled for the rare hour whose target is not met inside it). Erlang B for every cell
    comes from one table built by Erlang's recursion for all hours at once (one vectorised step
    per agent count, none per hour), so 24 000 hours take a fraction of a second.

    References
    ----------
    Gans, Koole & Mandelbaum (2003), §4 (staffing by interval).

    Examples
    --------
    >>> staffing_table([100, 200, 0], 180, start_hour=9)[["hour", "agents"]].to_dict("list")
    {'hour': [9, 10, 11], 'agents': [8, 14, 0]}
    """
    lam = _numbers(calls_per_hour, "calls_per_hour", low=0.0)
    if is_sequence(handle_seconds):
        h = _numbers(handle_seconds, "handle_seconds", size=lam.size, low=0.0, low_open=True)
    else:
        h = np.full(lam.size, check_number(handle_seconds, "handle_seconds", low=0.0, low_open=True))
    t = check_number(target_seconds, "target_seconds", low=0.0)
    target = _check_target(service_level)
    start = check_number(start_hour, "start_hour", low=0, high=23, integer=True)
    a = lam * h / SECONDS_PER_HOUR
    need, m = _fewest_agents(a, h, t, target)
    return pd.DataFrame({"hour": (start + np.arange(lam.size)) % 24, "calls": lam, "offered_load": a,
                         "agents": need.astype(int), "service_level": m["service_level"],
                         "asa_seconds": m["asa_seconds"], "occupancy": m["occupancy"]})


# ------------------------------------------------------------------------------ simulation
def _fcfs_waits(arrivals: list[float], services: list[float], agents: int) -> list[float]:
    """Waiting times of FCFS M/M/c: a heap of the times each agent next becomes free."""
    free = [0.0] * agents
    replace = heapq.heapreplace
    waits = []
    append = waits.append
    for a, s in zip(arrivals, services):
        f = free[0]
        if f > a:
            append(f - a)
            replace(free, f + s)
        else:
            append(0.0)
            replace(free, a + s)
    return waits


def simulate_mmc(calls_per_hour, handle_seconds, agents, *, customers=100_000, seed=0,
                 target_seconds=DEFAULT_TARGET_SECONDS) -> pd.DataFrame:
    """A seeded discrete-event simulation of the FCFS M/M/c queue (to check Erlang C).

    Parameters
    ----------
    calls_per_hour : float
        Mean arrival rate λ (calls per hour), > 0.
    handle_seconds : float
        Mean handling time (seconds), > 0.
    agents : int
        Number of agents (≥ 1); the offered load must be below it (a stable queue).
    customers : int
        Callers counted (≥ 1 000), after a warm-up of ``customers // 10`` callers that starts
        from an empty centre and is not counted.
    seed : int
        Seed of numpy's default generator (PCG64): the same seed gives the same result.
    target_seconds : float
        Answer-time target of the service level.

    Returns
    -------
    pandas.DataFrame
        One row: ``customers``, ``p_wait`` (share who waited), ``asa_seconds`` (mean wait),
        ``service_level`` (share waiting at most t), and their standard errors ``p_wait_se``,
        ``asa_se``, ``service_level_se`` by batch means (20 consecutive batches).

    Raises
    ------
    ServiceLabError
        ``capacity.error.unstable`` when the offered load is not below the number of agents (the
        queue would grow without bound: no steady state to estimate); ``error.param.*`` for
        other bad inputs.

    Notes
    -----
    Inter-arrival times are exponential with mean 3600/λ s, handling times exponential with
    mean h. Each caller starts service at :math:`\\max(a_n, f_{min})`, where :math:`f_{min}` is the
    earliest time an agent is free (a binary heap of the c agents' free times, the
    Kiefer–Wolfowitz workload vector in another form); the wait is that start minus the arrival.
    Waits of successive callers are correlated, so the standard errors come from batch means
    rather than from the binomial formula.

    References
    ----------
    Kiefer, J. & Wolfowitz, J. (1955). On the theory of queues with many servers. *Trans. AMS* 78,
    1–18. Law, A. M. (2015). *Simulation Modeling and Analysis*, 5th ed., McGraw-Hill, §9.5.3
    (batch means).

    Examples
    --------
    >>> sim = simulate_mmc(200, 180, 14, customers=20_000, seed=1)
    >>> abs(float(sim["p_wait"].iloc[0]) - 0.1741) < 4 * float(sim["p_wait_se"].iloc[0])
    True
    """
    lam = check_number(calls_per_hour, "calls_per_hour", low=0.0, low_open=True)
    h, t = _check_common(handle_seconds, target_seconds)
    c = check_number(agents, "agents", low=1, high=MAX_AGENTS, integer=True)
    n = check_number(customers, "customers", low=1000, high=10_000_000, integer=True)
    seed = check_number(seed, "seed", low=0, integer=True)
    a = lam * h / SECONDS_PER_HOUR
    if a >= c:
        raise ServiceLabError("capacity.error.unstable", load=round(a, 3), agents=c)
    warm = n // 10
    rng = np.random.default_rng(seed)
    arrivals = np.cumsum(rng.exponential(SECONDS_PER_HOUR / lam, n + warm))
    services = rng.exponential(h, n + warm)
    waits = np.asarray(_fcfs_waits(arrivals.tolist(), services.tolist(), c)[warm:])
    per = n // SIM_BATCHES
    batches = waits[: per * SIM_BATCHES].reshape(SIM_BATCHES, per)
    root = math.sqrt(SIM_BATCHES)

    def est(values: np.ndarray, batch: np.ndarray) -> tuple[float, float]:
        return float(values.mean()), float(batch.mean(axis=1).std(ddof=1) / root)

    p, p_se = est(waits > 0, batches > 0)
    w, w_se = est(waits, batches)
    sl, sl_se = est(waits <= t, batches <= t)
    return pd.DataFrame({"customers": [n], "p_wait": [p], "asa_seconds": [w], "service_level": [sl],
                         "p_wait_se": [p_se], "asa_se": [w_se], "service_level_se": [sl_se]})


#: How many standard errors a simulated figure may sit from Erlang C and still count as agreeing.
SIM_TOLERANCE_SE = 4.0


def simulation_check(calls_per_hour, handle_seconds, agents, *, customers=1_000_000, seed=0,
                     target_seconds=DEFAULT_TARGET_SECONDS) -> pd.DataFrame:
    """Erlang C against the seeded simulation of the same queue, measure by measure.

    Parameters
    ----------
    calls_per_hour, handle_seconds, agents, customers, seed, target_seconds
        As for :func:`simulate_mmc` (the formula side uses the same λ, h, c and t).

    Returns
    -------
    pandas.DataFrame
        One row per measure (``p_wait``, ``service_level``, ``asa_seconds``): ``measure``,
        ``erlang`` (the formula), ``simulated``, ``se`` (batch-means standard error), ``z`` and
        ``agrees`` (``|z| <= SIM_TOLERANCE_SE``).

    Notes
    -----
    :math:`z = (\\hat{x} - x) / \\widehat{SE}(\\hat{x})`, with :math:`x` from :func:`queue_metrics`
    and :math:`\\hat{x}` from :func:`simulate_mmc`. With a correct formula and a correct standard
    error, z is roughly standard normal, so four standard errors are exceeded by chance about
    once in 16 000 checks.

    References
    ----------
    Law, A. M. (2015). *Simulation Modeling and Analysis*, 5th ed., McGraw-Hill, §9.5.3.

    Examples
    --------
    >>> check = simulation_check(200, 180, 14, customers=20_000, seed=1)
    >>> list(check["measure"]), bool(check["agrees"].all())
    (['p_wait', 'service_level', 'asa_seconds'], True)
    """
    formula = queue_metrics(calls_per_hour, handle_seconds, agents, target_seconds=target_seconds).iloc[0]
    sim = simulate_mmc(calls_per_hour, handle_seconds, agents, customers=customers, seed=seed,
                       target_seconds=target_seconds).iloc[0]
    measures = [("p_wait", "p_wait_se"), ("service_level", "service_level_se"), ("asa_seconds", "asa_se")]
    out = pd.DataFrame({"measure": [m for m, _ in measures],
                        "erlang": [float(formula[m]) for m, _ in measures],
                        "simulated": [float(sim[m]) for m, _ in measures],
                        "se": [float(sim[se]) for _, se in measures]})
    out["z"] = (out["simulated"] - out["erlang"]) / out["se"]
    out["agrees"] = out["z"].abs() <= SIM_TOLERANCE_SE
    return out


__all__ = ["erlang_b", "erlang_c", "offered_load", "queue_metrics", "agents_needed", "staffing_table",
           "simulate_mmc", "simulation_check"]
