"""A chained service system with response-time limits and automatic escalation (course concept C2.5).

The course (seed S2) describes a service chain: the front office takes a customer's complaint and
hands it to the next department; when a department lets the ticket wait longer than its
response-time limit, the system escalates the ticket automatically to a higher authority; and the
front office, seeing every department's progress in the system, can tell the customer where the
ticket is (one-stop service).

This module simulates that chain with seeded random arrivals and handling times: tickets pass the
departments in order, each department serves its queue first come, first served with its staff;
a ticket that has waited its department's limit without being picked up leaves the chain as
*escalated*. At the end of the shift every ticket is *done*, *escalated* or *open* (still waiting
or being handled at a department) — its progress, as the front office would see it.
"""
from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd

from ..errors import ServiceLabError
from ._inputs import check_number, check_sequence, is_number, is_sequence, shown

#: The chain of the lesson: department code → default staff, mean handling time (minutes), limit (minutes).
#: Teaching figures of this project, not from the course.
DEPARTMENTS: tuple[str, ...] = ("front", "technical", "field")
DEFAULT_ARRIVALS_PER_HOUR = 12.0
DEFAULT_STAFF: tuple[int, ...] = (2, 3, 4)
DEFAULT_SERVICE_MINUTES: tuple[float, ...] = (5.0, 12.0, 18.0)
DEFAULT_LIMITS: tuple[float, ...] = (10.0, 20.0, 30.0)
#: Most staff one department may have in :func:`run_chain` (a bound, so a typo cannot exhaust memory).
MAX_STAFF = 1000
#: Status codes of a ticket at the end of the shift (translate with ``t("escalation.status."+code)``).
STATUSES: tuple[str, ...] = ("done", "escalated", "open")


@dataclass(frozen=True)
class ChainResult:
    """Outcome of :func:`run_chain` / :func:`simulate_escalation`.

    Attributes
    ----------
    tickets : pandas.DataFrame
        One row per ticket in order of arrival: ``ticket`` (1-based), ``arrival`` (minute),
        ``status`` (``done`` / ``escalated`` / ``open`` at the end of the shift), ``department``
        (index of the department where an open ticket is, or where it escalated; −1 for a done
        ticket), ``stage`` (``waiting``, ``in_service``, ``escalated`` or ``done``), ``finish``
        (minute the ticket left the chain, NaN if open) and ``wait`` (total minutes spent waiting
        so far, up to the end of the shift).
    departments : pandas.DataFrame
        One row per department: ``department`` (index), ``arrived`` (tickets that reached it by
        the end), ``served`` (picked up by its staff), ``escalated``, ``waiting`` and
        ``in_service`` at the end, ``mean_wait`` and ``max_wait`` (minutes, of tickets picked up or
        escalated there).
    horizon : float
        Length of the shift in minutes.
    """

    tickets: pd.DataFrame
    departments: pd.DataFrame
    horizon: float

    def count(self, status: str) -> int:
        """Tickets with ``status`` (``done``, ``escalated`` or ``open``) at the end of the shift."""
        return int((self.tickets["status"] == status).sum())

    @property
    def arrived(self) -> int:
        return len(self.tickets)

    @property
    def mean_wait(self) -> float:
        """Mean total waiting time of all tickets (minutes, up to the end of the shift); NaN if none."""
        return float(self.tickets["wait"].mean()) if len(self.tickets) else math.nan


def _department_values(values, name: str, d: int | None, *, low: float, low_open: bool = False,
                       high: float | None = None, integer: bool = False, allow_inf: bool = False) -> list:
    """One number per department, checked (``math.inf`` allowed for limits); ``d=None``: any length ≥ 1."""
    if not is_sequence(values):
        raise ServiceLabError("error.param.not_sequence", name=name, value=shown(values))
    items = list(values)
    if (d is not None and len(items) != d) or not items:
        raise ServiceLabError("error.param.length", name=name, value=shown(values), n=len(items),
                              size=d if d is not None else "≥ 1")
    out = []
    for i, v in enumerate(items, start=1):
        if allow_inf and is_number(v) and float(v) == math.inf:
            out.append(math.inf)
        else:
            out.append(check_number(v, f"{name} #{i}", low=low, low_open=low_open, high=high, integer=integer))
    return out


def run_chain(arrivals: Sequence[float], service_minutes, staff: Sequence[int], limits: Sequence[float],
              horizon: float) -> ChainResult:
    """Tickets through a chain of departments with given arrival and handling times (deterministic core).

    Parameters
    ----------
    arrivals : sequence of float
        Minute each ticket arrives at the first department (any order; at least 0, before ``horizon``).
    service_minutes : array-like, shape (tickets, departments)
        Handling time of each ticket at each department (minutes, > 0).
    staff : sequence of int
        Staff of each department (1 to 1000): how many tickets it handles at once.
    limits : sequence of float
        Each department's response-time limit in minutes (> 0, ``math.inf`` for none): a ticket
        not picked up within the limit of reaching the department escalates.
    horizon : float
        End of the shift (minutes): the state of every ticket is read at this moment.

    Returns
    -------
    ChainResult

    Notes
    -----
    Each department is a first-come-first-served queue with ``staff`` servers. Tickets are taken
    in order of arrival at the department; ticket *j* would start at
    :math:`s_j = \\max(a_j, \\min_i f_i)` (the earliest free server). If :math:`s_j - a_j` exceeds
    the limit *L*, the ticket escalates at :math:`a_j + L` and takes no server (so later tickets
    are not held up by it); otherwise it is handled from :math:`s_j` to :math:`s_j + h_j` and then
    arrives at the next department. Every ticket ends as exactly one of done, escalated or open,
    so done + escalated + open = arrived.

    Examples
    --------
    One desk, one clerk, 10 minutes a ticket, tickets at minutes 0, 1 and 2, limit 15 minutes:
    the third would wait 18 minutes, so it escalates.

    >>> res = run_chain([0, 1, 2], [[10], [10], [10]], [1], [15], horizon=60)
    >>> res.tickets["status"].tolist(), res.tickets["wait"].tolist()
    (['done', 'done', 'escalated'], [0.0, 9.0, 15.0])
    """
    horizon = check_number(horizon, "horizon", low=0, low_open=True)
    a = check_sequence(arrivals, "arrivals", low=0, high=horizon, high_open=True)
    staff = _department_values(staff, "staff", None, low=1, high=MAX_STAFF, integer=True)
    d = len(staff)
    limits = _department_values(limits, "limits", d, low=0, low_open=True, allow_inf=True)
    n = a.size
    h = np.asarray(service_minutes, dtype=float)
    if h.shape != (n, d):
        raise ServiceLabError("escalation.error.shape", shape=str(h.shape), tickets=n, departments=d)
    if n and not (np.isfinite(h).all() and (h > 0).all()):
        raise ServiceLabError("escalation.error.service")

    order = np.argsort(a, kind="stable")
    a, h = a[order], h[order]
    status = np.array(["open"] * n, dtype=object)
    stage = np.array(["waiting"] * n, dtype=object)
    where = np.zeros(n, dtype=int)
    finish = np.full(n, np.nan)
    wait = np.zeros(n)
    rows = []
    at = a.copy()  # arrival time at the current department; NaN once a ticket left the chain
    for k in range(d):
        free = [0.0] * staff[k]
        heapq.heapify(free)
        nxt = np.full(n, np.nan)
        stats = {"arrived": 0, "served": 0, "escalated": 0, "waiting": 0, "in_service": 0, "waits": []}
        for j in np.argsort(at, kind="stable"):
            t = at[j]
            if not np.isfinite(t):
                continue  # left the chain already (done, escalated or still at an earlier department)
            stats["arrived"] += 1
            where[j] = k
            start = max(t, free[0])
            if start - t > limits[k]:
                esc = t + limits[k]
                if esc <= horizon:
                    status[j], stage[j], finish[j] = "escalated", "escalated", esc
                    wait[j] += limits[k]
                    stats["escalated"] += 1
                    stats["waits"].append(limits[k])
                else:
                    stage[j] = "waiting"
                    wait[j] += horizon - t
                    stats["waiting"] += 1
                continue
            if start >= horizon:
                stage[j] = "waiting"
                wait[j] += horizon - t
                stats["waiting"] += 1
                heapq.heapreplace(free, start + h[j, k])  # it will be picked up after the shift
                continue
            heapq.heapreplace(free, start + h[j, k])
            wait[j] += start - t
            stats["served"] += 1
            stats["waits"].append(start - t)
            end = start + h[j, k]
            if end > horizon:
                stage[j] = "in_service"
                stats["in_service"] += 1
            elif k == d - 1:
                status[j], stage[j], finish[j], where[j] = "done", "done", end, -1
            else:
                nxt[j] = end
        waits = stats.pop("waits")
        rows.append({"department": k, **stats,
                     "mean_wait": float(np.mean(waits)) if waits else math.nan,
                     "max_wait": float(np.max(waits)) if waits else math.nan})
        at = nxt
    tickets = pd.DataFrame({"ticket": np.arange(1, n + 1), "arrival": a, "status": status.astype(str),
                            "department": where, "stage": stage.astype(str), "finish": finish, "wait": wait})
    return ChainResult(tickets=tickets, departments=pd.DataFrame(rows), horizon=float(horizon))


def simulate_escalation(arrivals_per_hour: float = DEFAULT_ARRIVALS_PER_HOUR, staff: Sequence[int] = DEFAULT_STAFF,
                        limits: Sequence[float] = DEFAULT_LIMITS, *,
                        service_minutes: Sequence[float] = DEFAULT_SERVICE_MINUTES, hours: float = 8.0,
                        seed: int = 0) -> ChainResult:
    """A seeded shift of the chained service system: how many tickets escalate, how long customers wait.

    Parameters
    ----------
    arrivals_per_hour : float
        Mean number of tickets per hour (0 to 200), arriving at random (a Poisson process).
    staff : sequence of int
        Staff of each department (1 to 50), in chain order (default: front office, technical
        support, field service).
    limits : sequence of float
        Response-time limit of each department in minutes (> 0; ``math.inf`` = no limit).
    service_minutes : sequence of float
        Mean handling time at each department (minutes, > 0); handling times are exponential.
    hours : float
        Length of the shift (0 to 24 hours).
    seed : int
        Seed of the random generator: the same seed and the same arrivals rate give the same
        tickets and handling times whatever the staff and limits, so levers can be compared.

    Returns
    -------
    ChainResult
        Per ticket and per department; see :func:`run_chain`.

    Notes
    -----
    Arrival gaps are exponential with mean :math:`60/\\lambda` minutes; handling times exponential
    with the department's mean. The waiting and escalation rules are those of :func:`run_chain`.
    The chain, its staffing and its times are a teaching illustration of the course's description
    (seed S2), not data from a real firm. With no limits and one department this is the M/M/c
    queue of Erlang C.

    References
    ----------
    Cooper, R. B. (1981). *Introduction to queueing theory* (2nd ed.). North Holland (M/M/c queues).

    Examples
    --------
    >>> res = simulate_escalation(20, seed=0)
    >>> res.count("done") + res.count("escalated") + res.count("open") == res.arrived
    True
    >>> simulate_escalation(20, limits=[float("inf")] * 3, seed=0).count("escalated")
    0
    """
    lam = check_number(arrivals_per_hour, "arrivals_per_hour", low=0, high=200)
    hours = check_number(hours, "hours", low=0, high=24, low_open=True)
    seed = int(check_number(seed, "seed", low=0, integer=True))
    means = _department_values(service_minutes, "service_minutes", None, low=0, low_open=True, high=600)
    d = len(means)
    staff = _department_values(staff, "staff", d, low=1, high=50, integer=True)
    limits = _department_values(limits, "limits", d, low=0, low_open=True, allow_inf=True)
    horizon = 60.0 * hours
    rng = np.random.default_rng(seed)
    # enough gaps to cover the shift almost surely, drawn at once (mean + 10 sd + 10)
    expected = lam * hours
    m = int(expected + 10 * math.sqrt(expected) + 10)
    if lam > 0:
        times = np.cumsum(rng.exponential(60.0 / lam, size=m))
        while times[-1] < horizon:  # pragma: no cover - practically never
            times = np.concatenate([times, times[-1] + np.cumsum(rng.exponential(60.0 / lam, size=m))])
        times = times[times < horizon]
    else:
        times = np.zeros(0)
    unit = rng.exponential(1.0, size=(times.size, d))
    return run_chain(times, unit * np.asarray(means, dtype=float), staff, limits, horizon)
