"""Perishability (C4.5): a day of hourly demand against a service's capacity, and the remedies.

A service cannot be produced ahead and stored: a teller's idle hour at 09:00 is lost, it cannot
serve the 12:00 rush. :func:`capacity_day` runs one day hour by hour — customers served, waiting
(carried to the next hour while their patience lasts), turned away, and idle capacity — and lets
the course's remedies act as levers (exact rules in :func:`capacity_day`):

* **creative (off-peak) pricing** (创造性定价) moves a share of the peak's excess demand to the
  off-peak hours that have room;
* a **reservation system** (预订系统) books a share of the excess into the nearest hours with free
  capacity;
* **part-time staff** (兼职员工) add capacity in the peak hours;
* **third parties** (第三方) take a share of the overflow.

The levers never create or destroy customers: the day's total demand is conserved.

The default days (``data/capacity/``, see its README) are illustrative, made up for teaching.
"""
from __future__ import annotations

import math
from collections import deque
from typing import Any, Sequence

import numpy as np
import pandas as pd

from ..errors import ContentError, ServiceLabError
from ..paths import data_path
from ._inputs import check_number, check_probability, check_sequence, is_number, is_sequence, shown

#: The default days shipped in ``data/capacity/`` (``load_day(name)``).
DAYS: tuple[str, ...] = ("bank_branch", "canteen")

#: Numerical slack when comparing customer counts (the levers make fractional, expected counts).
_EPS = 1e-9


# ------------------------------------------------------------------------------ data
def _read_csv(name: str, columns: Sequence[str]) -> pd.DataFrame:
    path = data_path("capacity", f"{name}.csv")
    try:
        df = pd.read_csv(path, encoding="utf-8", dtype=str, keep_default_na=False)
    except FileNotFoundError as exc:
        raise ContentError("content.error.missing_file", file=str(path)) from exc
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ContentError("content.error.columns", file=path.name, columns=", ".join(missing))
    out = {}
    for col in columns:
        values = []
        for i, text in enumerate(df[col], start=2):  # row 1 is the header
            try:
                x = float(text)
            except ValueError:
                x = math.nan
            ok = math.isfinite(x) and x >= 0 and x.is_integer()
            if col == "hour":
                ok = ok and x <= 23 and (i == 2 or x == values[-1] + 1)
            if not ok:
                raise ContentError("content.error.cell", file=path.name, row=i, column=col, value=text,
                                   allowed="0–23, +1 per row" if col == "hour" else "≥ 0, whole")
            values.append(x)
        out[col] = np.array(values, dtype=int if col == "hour" else float)
    if not len(df):
        raise ContentError("content.error.columns", file=path.name, columns=", ".join(columns))
    return pd.DataFrame(out).set_index("hour")


def load_day(name: str = "bank_branch") -> pd.DataFrame:
    """One of the default days: hourly demand and capacity (``data/capacity/<name>.csv``).

    Parameters
    ----------
    name : {"bank_branch", "canteen"}

    Returns
    -------
    pandas.DataFrame
        Indexed by ``hour`` (clock hour), columns ``demand`` and ``capacity`` (customers per hour).

    Raises
    ------
    ServiceLabError
        For an unknown name; :class:`ContentError` for a missing or malformed file.

    Examples
    --------
    >>> day = load_day("bank_branch")
    >>> day.index[0], int(day["demand"].sum()), int(day["capacity"].iloc[0])
    (9, 350, 48)
    >>> capacity_day(day["demand"], day["capacity"])["hour"].tolist()[:3]  # the index gives the hours
    [9, 10, 11]
    """
    if not isinstance(name, str) or name not in DAYS:
        raise ServiceLabError("error.param.choice", name="name", value=shown(name), allowed=", ".join(DAYS))
    return _read_csv(name, ("hour", "demand", "capacity"))


def load_call_day() -> pd.Series:
    """The illustrative call-centre day (``data/capacity/call_centre.csv``): calls per hour.

    Examples
    --------
    >>> calls = load_call_day()
    >>> calls.index[0], int(calls.sum())
    (8, 1920)
    """
    return _read_csv("call_centre", ("hour", "calls"))["calls"]


# ------------------------------------------------------------------------------ levers
def _shift_off_peak(d: np.ndarray, cap: np.ndarray, share: float) -> np.ndarray:
    """Creative pricing: move ``share`` of the peak excess to the off-peak spare capacity."""
    excess = np.maximum(d - cap, 0.0)
    spare = np.maximum(cap - d, 0.0)
    total_excess, total_spare = excess.sum(), spare.sum()
    moved = min(share * total_excess, total_spare)
    if moved <= 0:
        return d.copy()
    return d - moved * excess / total_excess + moved * spare / total_spare


def _reserve(d: np.ndarray, cap: np.ndarray, share: float) -> np.ndarray:
    """Reservations: ``share`` of each peak hour's excess booked into the nearest free hours."""
    d = d.copy()
    n = d.size
    for i in range(n):
        want = share * max(d[i] - cap[i], 0.0)
        if want <= _EPS:
            continue
        for dist in range(1, n):
            for j in (i + dist, i - dist):  # the later hour first on a tie
                if want <= _EPS:
                    break
                if 0 <= j < n and cap[j] - d[j] > _EPS:
                    take = min(want, cap[j] - d[j])
                    d[j] += take
                    d[i] -= take
                    want -= take
            if want <= _EPS:
                break
    return d


def _run_day(d: np.ndarray, cap: np.ndarray, third_share: float, patience: int) -> dict[str, np.ndarray]:
    """Serve the day hour by hour: FCFS, waiting customers first, patience in whole hours."""
    n = d.size
    served, third, waiting, away = (np.zeros(n) for _ in range(4))
    queue: deque[list] = deque()  # [arrival hour index, customers], oldest first
    for i in range(n):
        room = cap[i]
        while queue and room > _EPS:  # customers already waiting are served first
            take = min(queue[0][1], room)
            queue[0][1] -= take
            room -= take
            served[i] += take
            if queue[0][1] <= _EPS:
                queue.popleft()
        new = min(d[i], room)
        served[i] += new
        overflow = d[i] - new
        third[i] = third_share * overflow
        rest = overflow - third[i]
        if patience == 0:
            away[i] += rest
        elif rest > _EPS:
            queue.append([i, rest])
        while queue and queue[0][0] <= i - patience:  # waited their full patience: they leave
            away[i] += queue.popleft()[1]
        waiting[i] = sum(q[1] for q in queue)
    return {"served": served, "third_party": third, "waiting": waiting, "turned_away": away}


def _hour_labels(demand, hours, n: int) -> np.ndarray:
    if hours is None and isinstance(demand, pd.Series):
        hours = list(demand.index)
    if hours is None:
        return np.arange(n)
    return check_sequence(hours, "hours", size=n, low=0, integer=True)


def capacity_day(demand, capacity, *, off_peak_shift=0.0, reservation_share=0.0, part_time=0,
                 part_time_hours=None, third_party=0, patience_hours=0, hours=None) -> pd.DataFrame:
    """One day of a service, hour by hour: who is served, waits, is turned away; idle capacity.

    Parameters
    ----------
    demand : sequence of float or pandas.Series
        Customers arriving in each hour (≥ 0), in time order. A Series' index gives the clock hours.
    capacity : float or sequence of float
        Customers the service can serve in each hour (≥ 0): one value for every hour, or one per hour.
    off_peak_shift : float
        Creative (off-peak) pricing, a share in [0, 1]: this share of the demand above capacity in
        the peak hours moves to the off-peak hours (rule below).
    reservation_share : float
        Reservation system, a share in [0, 1] of the excess that is booked into free hours.
    part_time : float
        Part-time staff: extra capacity (customers per hour, ≥ 0) in each part-time hour.
    part_time_hours : sequence of int, optional
        Clock hours worked by the part-time staff; default: the peak hours (demand after pricing
        and reservations above the regular capacity).
    third_party : float
        Third parties, a share in [0, 1] of each hour's overflow served by a partner instead.
    patience_hours : int
        Whole hours (0–23) a customer not served in the arrival hour waits before leaving.
    hours : sequence of int, optional
        Clock hours of the rows (default: the Series' index, else 0, 1, …).

    Returns
    -------
    pandas.DataFrame
        One row per hour: ``hour``, ``original_demand`` (before the levers), ``demand`` (after
        pricing and reservations), ``base_capacity``, ``capacity`` (with part-time staff),
        ``served``, ``third_party`` (served by a partner), ``waiting`` (still waiting at the end
        of the hour, carried to the next), ``turned_away`` (left unserved in that hour) and
        ``idle`` (capacity − served). Counts are expected numbers and may be fractional.

    Raises
    ------
    ServiceLabError
        ``error.param.*`` naming the parameter (and the hour) that is wrong;
        ``capacity.error.hour`` for a part-time hour that is not in the day.

    Notes
    -----
    The levers act in this order, each with an exact rule (``d_i`` demand, ``k_i`` capacity of
    hour i; a *peak* hour has ``d_i > k_i``, an *off-peak* hour ``d_i < k_i``):

    1. **Off-peak pricing** with share s: the peak excess :math:`E = \\sum_i (d_i - k_i)^+` and the
       off-peak room :math:`R = \\sum_j (k_j - d_j)^+`; :math:`M = \\min(sE, R)` customers move,
       taken from each peak hour in proportion to its excess and given to each off-peak hour in
       proportion to its room (so no off-peak hour is pushed over capacity).
    2. **Reservations** with share r: in time order, r of each hour's remaining excess is booked
       into the nearest hours that still have room (the later hour first at equal distance),
       up to their capacity; bookings that find no room stay in their hour.
    3. **Part-time staff**: capacity :math:`k_i + p` in each part-time hour.
    4. **Serving** (first come, first served): each hour first serves customers already waiting
       (oldest first), then its new arrivals; of the new arrivals it cannot serve, the share q
       (``third_party``) goes to a partner; the rest wait up to ``patience_hours`` further hours
       and leave (``turned_away``, counted in the hour they leave) if still unserved. With
       patience 0 they leave at once.

    Conservation: :math:`\\sum d_i = \\sum(\\text{served} + \\text{third\\_party} +
    \\text{turned\\_away}) + \\text{waiting at close}`, and :math:`\\text{idle}_i = k_i -
    \\text{served}_i` in every hour.

    References
    ----------
    Sasser, W. E. (1976). Match supply and demand in service industries. *Harvard Business
    Review* 54(6), 133–140 (demand strategies: pricing, reservations; capacity strategies:
    part-time employees, sharing capacity). Zeithaml, V. A., Parasuraman, A. & Berry, L. L.
    (1985). Problems and strategies in services marketing. *Journal of Marketing* 49(2), 33–46.

    Examples
    --------
    >>> day = capacity_day([2, 6, 10, 4], 5)
    >>> day[["served", "turned_away", "idle"]].sum().tolist()
    [16.0, 6.0, 4.0]
    >>> priced = capacity_day([2, 6, 10, 4], 5, off_peak_shift=0.5)
    >>> priced["demand"].round(2).tolist(), float(priced["turned_away"].sum())
    ([4.25, 5.5, 7.5, 4.75], 3.0)
    """
    if isinstance(demand, pd.Series):
        d0 = check_sequence(list(demand.to_numpy()), "demand", min_size=1, low=0.0)
    else:
        d0 = check_sequence(demand, "demand", min_size=1, low=0.0)
    n = d0.size
    if is_number(capacity) or not is_sequence(capacity):
        cap0 = np.full(n, check_number(capacity, "capacity", low=0.0))
    else:
        values = capacity.to_numpy() if isinstance(capacity, pd.Series) else capacity
        cap0 = check_sequence(list(values), "capacity", size=n, low=0.0)
    s = check_probability(off_peak_shift, "off_peak_shift")
    r = check_probability(reservation_share, "reservation_share")
    p = check_number(part_time, "part_time", low=0.0)
    q = check_probability(third_party, "third_party")
    patience = check_number(patience_hours, "patience_hours", low=0, high=23, integer=True)
    labels = _hour_labels(demand, hours, n)

    d = _reserve(_shift_off_peak(d0, cap0, s), cap0, r)
    cap = cap0.copy()
    if part_time_hours is None:
        on = d > cap0 + _EPS
    else:
        wanted = check_sequence(part_time_hours, "part_time_hours", low=0, integer=True)
        unknown = [int(h) for h in wanted if h not in labels]
        if unknown:
            raise ServiceLabError("capacity.error.hour", hour=unknown[0],
                                  first=int(labels[0]), last=int(labels[-1]))
        on = np.isin(labels, wanted)
    cap[on] += p
    run = _run_day(d, cap, q, patience)
    out = pd.DataFrame({"hour": labels.astype(int), "original_demand": d0, "demand": d, "base_capacity": cap0,
                        "capacity": cap, **run})
    out["idle"] = out["capacity"] - out["served"]
    return out[["hour", "original_demand", "demand", "base_capacity", "capacity", "served", "third_party",
                "waiting", "turned_away", "idle"]]


def capacity_summary(day: pd.DataFrame) -> dict[str, float]:
    """The day's totals: customers served, lost, still waiting; capacity used and left idle.

    Parameters
    ----------
    day : pandas.DataFrame
        Output of :func:`capacity_day`.

    Returns
    -------
    dict
        ``demand``, ``served``, ``third_party``, ``turned_away``, ``waiting_at_close`` (waiting
        when the service closes), ``capacity``, ``idle`` (unused capacity, in customers),
        ``idle_hours`` (unused capacity in hours of that hour's capacity,
        :math:`\\sum_i \\text{idle}_i / k_i`), ``utilisation`` (served / capacity), ``lost_share``
        (turned away / demand), ``peak_hours`` (hours whose original demand exceeds the regular
        capacity) and ``extra_capacity`` (added by part-time staff).

    Notes
    -----
    .. math:: \\text{demand} = \\text{served} + \\text{third\\_party} + \\text{turned\\_away}
              + \\text{waiting\\_at\\_close}

    Examples
    --------
    >>> s = capacity_summary(capacity_day([2, 6, 10, 4], 5))
    >>> s["served"], s["turned_away"], s["idle_hours"], s["utilisation"]
    (16.0, 6.0, 0.8, 0.8)
    """
    needed = ("original_demand", "capacity", "base_capacity", "served", "third_party", "waiting",
              "turned_away", "idle")
    if not isinstance(day, pd.DataFrame) or any(c not in day.columns for c in needed):
        raise ServiceLabError("capacity.error.day", value=shown(day))
    cap = day["capacity"].to_numpy(float)
    idle = day["idle"].to_numpy(float)
    demand = float(day["original_demand"].sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        idle_hours = float(np.where(cap > 0, idle / np.where(cap > 0, cap, 1.0), 0.0).sum())
    total_cap = float(cap.sum())
    served = float(day["served"].sum())
    away = float(day["turned_away"].sum())

    def r(x: float) -> float:
        return round(x, 9)

    return {
        "demand": r(demand), "served": r(served), "third_party": r(float(day["third_party"].sum())),
        "turned_away": r(away), "waiting_at_close": r(float(day["waiting"].iloc[-1])),
        "capacity": r(total_cap), "idle": r(float(idle.sum())), "idle_hours": r(idle_hours),
        "utilisation": r(served / total_cap) if total_cap > 0 else 0.0,
        "lost_share": r(away / demand) if demand > 0 else 0.0,
        "peak_hours": int((day["original_demand"] > day["base_capacity"] + _EPS).sum()),
        "extra_capacity": r(float((day["capacity"] - day["base_capacity"]).sum())),
    }


__all__: list[Any] = ["DAYS", "load_day", "load_call_day", "capacity_day", "capacity_summary"]
