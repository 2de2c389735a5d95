"""PDCA on data: the Shewhart p-chart, the Western Electric run rules, and a month of complaints.

Course concept C3.7 (the PDCA / Shewhart–Deming cycle). A service centre counts, every day, the
calls it handled (``n``) and the calls that ended in a complaint (the "defects"). The share of
complaints is watched on a **p-chart** (Shewhart 1931; Montgomery 2019, §7.2): a centre line at the
overall share and 3-sigma limits from the binomial formula, one pair per day because ``n`` varies.
A point outside the limits, or a run the Western Electric rules call unlikely, is a signal of a
special cause: something to find (plan), fix (do), and check on the next month's chart (check).

* :func:`p_chart` — centre line, per-sample limits and standardized distance of each sample;
* :func:`run_rules` — Western Electric rules 1–4 on the standardized distances;
* :func:`load_complaint_month` — the shipped month of daily complaints (``data/quality/``);
* :func:`next_month` — a seeded *illustration* of the next month after one complaint cause is fixed.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ContentError, ServiceLabError
from ..paths import data_path
from ._inputs import check_number, check_sequence

#: The Western Electric rules this module implements (Western Electric 1956; Montgomery 2019, §5.3.6).
RULES: tuple[int, ...] = (1, 2, 3, 4)
#: Columns of the shipped month.
MONTH_COLUMNS = ("day", "calls", "complaints")


def _counts(defects, sizes) -> tuple[np.ndarray, np.ndarray]:
    n = check_sequence(sizes, "sizes", min_size=1, low=1, integer=True)
    d = check_sequence(defects, "defects", size=n.size, min_size=1, low=0, integer=True)
    over = np.flatnonzero(d > n)
    if over.size:
        i = int(over[0])
        raise ServiceLabError("control.error.defects_above_n", sample=i + 1, defects=int(d[i]), n=int(n[i]))
    return d.astype(float), n.astype(float)


def p_chart(defects, sizes, *, p_bar=None, sigma: float = 3.0) -> pd.DataFrame:
    """Shewhart p-chart: centre line, 3-sigma limits per sample, and each sample's position.

    Parameters
    ----------
    defects : sequence of int
        Non-conforming units per sample (complaints per day), ``0 ≤ d_i ≤ n_i``.
    sizes : sequence of int
        Sample sizes ``n_i ≥ 1`` (calls handled per day), same length.
    p_bar : float, optional
        A given centre line (a standard, e.g. last month's ``p̄`` when checking a new month —
        Montgomery's "standard given" chart), in [0, 1]. Default: estimated from these samples.
    sigma : float, default 3
        Width of the limits in standard errors (> 0).

    Returns
    -------
    pandas.DataFrame
        One row per sample: ``sample`` (1, 2, …), ``n``, ``defects``, ``p`` (= d/n), ``center``,
        ``se`` (binomial standard error at the centre), ``lcl``, ``ucl``, ``z`` (standardized
        distance ``(p − p̄)/se``; 0 where se = 0) and ``beyond`` (outside the limits).

    Raises
    ------
    ServiceLabError
        For lengths that differ, a size below 1, a count that is not a whole number or exceeds its
        sample, or a ``p_bar`` outside [0, 1].

    Notes
    -----
    .. math::

        \\bar p = \\frac{\\sum_i d_i}{\\sum_i n_i}, \\qquad
        \\mathrm{UCL}_i, \\mathrm{LCL}_i = \\bar p \\pm 3 \\sqrt{\\frac{\\bar p (1 - \\bar p)}{n_i}},

    with the lower limit clipped at 0 (a share cannot be negative) and the upper at 1. With
    varying ``n_i`` the limits differ per sample; ``z_i = (p_i - \\bar p)/\\sqrt{\\bar p(1-\\bar p)/n_i}``
    is the standardized chart on which the run rules are read.

    References
    ----------
    Shewhart, W. A. (1931). *Economic Control of Quality of Manufactured Product*. Van Nostrand.
    Montgomery, D. C. (2019). *Introduction to Statistical Quality Control* (8th ed.), §7.2. Wiley.

    Examples
    --------
    >>> ch = p_chart([2, 5, 3], [100, 100, 100])
    >>> round(float(ch["center"][0]), 4), round(float(ch["ucl"][0]), 4), float(ch["lcl"][0])
    (0.0333, 0.0872, 0.0)
    """
    d, n = _counts(defects, sizes)
    width = check_number(sigma, "sigma", low=0.0, low_open=True)
    if p_bar is None:
        center = float(d.sum() / n.sum())
    else:
        center = check_number(p_bar, "p_bar", low=0.0, high=1.0)
    p = d / n
    se = np.sqrt(center * (1.0 - center) / n)
    lcl = np.maximum(center - width * se, 0.0)
    ucl = np.minimum(center + width * se, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(se > 0, (p - center) / np.where(se > 0, se, 1.0), 0.0)
    beyond = (p > ucl) | (p < lcl)
    return pd.DataFrame({"sample": np.arange(1, n.size + 1), "n": n.astype(int), "defects": d.astype(int), "p": p,
                         "center": np.full(n.size, center), "se": se, "lcl": lcl, "ucl": ucl, "z": z,
                         "beyond": beyond})


def revised_center(defects, sizes, *, sigma: float = 3.0) -> float:
    """The centre line after dropping the samples outside the trial limits (repeated until none).

    Parameters
    ----------
    defects, sizes, sigma :
        As in :func:`p_chart`.

    Returns
    -------
    float
        :math:`\\bar p` of the samples left once every sample beyond its limits has been set
        aside (those days have a special cause that was found and explained).

    Notes
    -----
    Montgomery (2019, §7.2.1): trial control limits from the first samples; points outside them
    that have an assignable cause are discarded and the limits recomputed, until all remaining
    points are inside. Here every point outside is treated as explained.

    Examples
    --------
    >>> round(revised_center([2, 2, 2, 2, 2, 2, 2, 2, 2, 20], [100] * 10), 4)
    0.02
    """
    d, n = _counts(defects, sizes)
    keep = np.ones(d.size, dtype=bool)
    while keep.any():
        chart = p_chart(d[keep].astype(int), n[keep].astype(int), sigma=sigma)
        out = chart["beyond"].to_numpy()
        if not out.any():
            return float(chart["center"].iloc[0])
        idx = np.flatnonzero(keep)
        keep[idx[out]] = False
    return float(d.sum() / n.sum())


def _windows(flags: np.ndarray, width: int, need: int) -> np.ndarray:
    """True at i when at least ``need`` of the ``width`` samples ending at i are flagged."""
    out = np.zeros(flags.size, dtype=bool)
    if flags.size < width:
        return out
    csum = np.concatenate([[0], np.cumsum(flags.astype(int))])
    counts = csum[width:] - csum[:-width]
    out[width - 1:] = counts >= need
    return out


def run_rules(z, *, rules=RULES) -> pd.DataFrame:
    """Western Electric rules on standardized distances from the centre line.

    Parameters
    ----------
    z : sequence of float
        Standardized distances ``(x_i − centre)/σ_i`` in time order (the ``z`` of :func:`p_chart`).
    rules : sequence of int, default (1, 2, 3, 4)
        Which rules to apply.

    Returns
    -------
    pandas.DataFrame
        One row per sample: ``sample``, ``z``, a bool column ``rule1`` … ``rule4`` for each rule
        applied (True at the sample that completes the pattern), and ``any`` (some rule signals).

    Notes
    -----
    The rules, for points on the **same side** of the centre line:

    1. one point beyond 3σ (``|z| > 3``);
    2. two of three consecutive points beyond 2σ (``z > 2`` or ``z < −2``);
    3. four of five consecutive points beyond 1σ;
    4. eight consecutive points on one side of the centre line (a point exactly on it breaks
       the run).

    A rule is flagged at the last point of its window, the day the signal appears. A point on
    a limit (``|z| = 3`` exactly) is not beyond it.

    References
    ----------
    Western Electric Company (1956). *Statistical Quality Control Handbook*. Montgomery, D. C.
    (2019). *Introduction to Statistical Quality Control* (8th ed.), §5.3.6. Wiley.

    Examples
    --------
    >>> r = run_rules([0.5] * 7 + [0.2, 3.5])
    >>> r["rule4"].tolist()[-2:], r["rule1"].tolist()[-1]
    ([True, True], True)
    """
    zz = check_sequence(z, "z", min_size=1)
    chosen = check_sequence(rules, "rules", min_size=1, low=1, high=4, integer=True).astype(int)
    out = {"sample": np.arange(1, zz.size + 1), "z": zz}
    up, down = zz > 0, zz < 0
    for rule in RULES:
        if rule not in chosen:
            continue
        if rule == 1:
            flag = np.abs(zz) > 3
        elif rule == 2:
            flag = _windows(zz > 2, 3, 2) | _windows(zz < -2, 3, 2)
        elif rule == 3:
            flag = _windows(zz > 1, 5, 4) | _windows(zz < -1, 5, 4)
        else:
            flag = _windows(up, 8, 8) | _windows(down, 8, 8)
        out[f"rule{rule}"] = flag
    frame = pd.DataFrame(out)
    frame["any"] = frame[[c for c in frame.columns if c.startswith("rule")]].any(axis=1)
    return frame


# ------------------------------------------------------------------------------ the month
def read_quality_csv(name: str, columns) -> tuple[pd.DataFrame, Path]:
    """A CSV of ``data/quality/`` as text cells, with its path; ContentError if missing or a column lacks.

    Examples
    --------
    >>> raw, path = read_quality_csv("complaint_month.csv", MONTH_COLUMNS)
    >>> path.name, list(raw.columns)
    ('complaint_month.csv', ['day', 'calls', 'complaints'])
    """
    path = data_path("quality", name)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError as exc:
        raise ContentError("content.error.missing_file", file=str(path)) from exc
    missing = [c for c in columns if c not in raw.columns]
    if missing:
        raise ContentError("content.error.columns", file=path.name, columns=", ".join(missing))
    return raw, path


def load_complaint_month() -> pd.DataFrame:
    """The shipped month of daily complaints of a service centre (seeded synthetic; ``data/quality/``).

    Returns
    -------
    pandas.DataFrame
        30 rows: ``day`` (1–30), ``calls`` (calls handled that day) and ``complaints`` (calls that
        ended in a complaint).

    Raises
    ------
    ContentError
        If the file is missing or a cell is malformed (file, row and column named).

    Examples
    --------
    >>> m = load_complaint_month()
    >>> len(m), int(m["calls"].sum()) > 0
    (30, True)
    """
    raw, path = read_quality_csv("complaint_month.csv", MONTH_COLUMNS)
    rows = []
    for i, rec in enumerate(raw.to_dict("records"), start=2):
        values = {}
        for col in MONTH_COLUMNS:
            text = rec[col].strip()
            low = 1 if col != "complaints" else 0
            if not text.isdigit() or int(text) < low:
                raise ContentError("content.error.cell", file=path.name, row=i, column=col, value=rec[col],
                                   allowed=f"{low}, {low + 1}, …")
            values[col] = int(text)
        if values["complaints"] > values["calls"]:
            raise ContentError("content.error.cell", file=path.name, row=i, column="complaints",
                               value=rec["complaints"], allowed=f"0–{values['calls']}")
        rows.append(values)
    return pd.DataFrame(rows, columns=list(MONTH_COLUMNS))


#: Parameters of the shipped month (``data/quality/generate.py`` and :func:`next_month`).
BASE_CALLS, BASE_RATE, OUTAGE_DAY, OUTAGE_FACTOR = 1200, 0.025, 17, 2.2


def synthetic_month(*, seed: int = 10, days: int = 30, calls: int = BASE_CALLS, rate: float = BASE_RATE,
                    outage_day: int | None = OUTAGE_DAY, outage_factor: float = OUTAGE_FACTOR) -> pd.DataFrame:
    """A seeded synthetic month: calls ~ Poisson(calls), complaints ~ Binomial(calls, rate).

    Parameters
    ----------
    seed : int
        Seed of numpy's ``default_rng``.
    days : int
        Days in the month (1–366).
    calls : int
        Mean calls per day (Poisson; 1 to 10 million).
    rate : float
        Complaint share on a normal day, in (0, 1).
    outage_day : int or None
        A day with a special cause (the complaint share times ``outage_factor``), or None.
    outage_factor : float
        How much the special cause raises the share that day (≥ 1; the share is capped at 1).

    Returns
    -------
    pandas.DataFrame
        ``day``, ``calls``, ``complaints`` (the columns of :func:`load_complaint_month`).

    Notes
    -----
    The shipped file is ``synthetic_month(seed=10)``; a test regenerates it. A teaching
    illustration, not a measurement.

    Examples
    --------
    >>> [int(d) for d in synthetic_month(seed=1, days=3, outage_day=None)["day"]]
    [1, 2, 3]
    """
    s = check_number(seed, "seed", low=0, integer=True)
    k = check_number(days, "days", low=1, high=366, integer=True)
    lam = check_number(calls, "calls", low=1, high=1e7)
    p = check_number(rate, "rate", low=0, high=1, low_open=True, high_open=True)
    factor = check_number(outage_factor, "outage_factor", low=1)
    rng = np.random.default_rng(s)
    n = np.maximum(rng.poisson(lam, size=k), 1)
    share = np.full(k, p)
    if outage_day is not None:
        od = check_number(outage_day, "outage_day", low=1, high=k, integer=True)
        share[od - 1] = min(1.0, p * factor)
    d = rng.binomial(n, share)
    return pd.DataFrame({"day": np.arange(1, k + 1), "calls": n, "complaints": d})


@dataclass(frozen=True)
class Fix:
    """The "do" of one PDCA cycle: which cause was fixed and how much of it went away."""

    cause_share: float  #: the fixed cause's share of all complaints (from the Pareto table)
    effect: float  #: share of that cause's complaints the fix removes (0–1)

    @property
    def new_rate_factor(self) -> float:
        """The complaint share after the fix relative to before: ``1 − share × effect``."""
        return 1.0 - self.cause_share * self.effect


def next_month(month: pd.DataFrame, *, cause_share: float, effect: float, seed: int = 11) -> pd.DataFrame:
    """A seeded **illustration** of the month after a fix: same call volumes, fewer complaints.

    Parameters
    ----------
    month : pandas.DataFrame
        This month (``day``, ``calls``, ``complaints``), e.g. :func:`load_complaint_month`.
    cause_share : float
        The fixed cause's share of all complaints, in [0, 1] (a ``share`` of the Pareto table).
    effect : float
        The share of that cause's complaints the fix removes, in [0, 1].
    seed : int
        Seed of the random draws.

    Returns
    -------
    pandas.DataFrame
        ``day`` (continuing after this month), ``calls`` (a fresh Poisson draw around this month's
        mean), ``complaints`` ~ Binomial(calls, p̂ · (1 − cause_share · effect)), where p̂ is this
        month's :func:`revised_center` (its share without the special-cause days).

    Notes
    -----
    Not a law of how much a fix helps: the effect is the learner's assumption and the draws are
    random. Its point is the Check step — whether the next month's chart shows the shift.

    Examples
    --------
    >>> m = load_complaint_month()
    >>> nm = next_month(m, cause_share=0.26, effect=0.8)
    >>> int(nm["day"].iloc[0]), len(nm) == len(m)
    (31, True)
    """
    share = check_number(cause_share, "cause_share", low=0, high=1)
    eff = check_number(effect, "effect", low=0, high=1)
    s = check_number(seed, "seed", low=0, integer=True)
    base = revised_center(month["complaints"].to_numpy(), month["calls"].to_numpy())
    rate = base * Fix(share, eff).new_rate_factor
    rng = np.random.default_rng(s)
    n = np.maximum(rng.poisson(float(month["calls"].mean()), size=len(month)), 1)
    d = rng.binomial(n, rate)
    start = int(month["day"].max()) + 1
    return pd.DataFrame({"day": np.arange(start, start + len(month)), "calls": n, "complaints": d})


@dataclass(frozen=True)
class PdcaCheck:
    """The Check of one PDCA cycle: both months on one chart against this month's revised centre."""

    center: float  #: this month's revised centre line (the standard the next month is checked against)
    after: pd.DataFrame  #: the next month (:func:`next_month`)
    chart: pd.DataFrame  #: :func:`p_chart` of both months with a ``day`` column
    rules: pd.DataFrame  #: :func:`run_rules` on the chart's ``z``
    after_share: float  #: the next month's complaint share
    below: dict  #: rule → signals in the next month on the low side of the centre line

    @property
    def shifted(self) -> bool:
        """True when a run rule (2–4) signals a drop in the next month."""
        return any(v > 0 for k, v in self.below.items() if k != "rule1")


def check_fix(month: pd.DataFrame, *, cause_share: float, effect: float, seed: int = 11) -> PdcaCheck:
    """Do and Check of one PDCA cycle: draw the next month after a fix and read both months' chart.

    Parameters
    ----------
    month : pandas.DataFrame
        This month (``day``, ``calls``, ``complaints``).
    cause_share, effect, seed :
        As in :func:`next_month`.

    Returns
    -------
    PdcaCheck

    Notes
    -----
    The next month is checked against this month's :func:`revised_center` (Montgomery's chart
    with a standard given): a real drop shows as points below the centre line and run-rule
    signals on the low side, counted in ``below``.

    Examples
    --------
    >>> m = load_complaint_month()
    >>> check_fix(m, cause_share=38 / 148, effect=0.8).shifted, check_fix(m, cause_share=1 / 148, effect=0.8).shifted
    (True, False)
    """
    d, n = month["complaints"].to_numpy(), month["calls"].to_numpy()
    center = revised_center(d, n)
    after = next_month(month, cause_share=cause_share, effect=effect, seed=seed)
    chart = p_chart(np.concatenate([d, after["complaints"].to_numpy()]), np.concatenate([n, after["calls"].to_numpy()]),
                    p_bar=center).assign(day=np.concatenate([month["day"].to_numpy(), after["day"].to_numpy()]))
    rules = run_rules(chart["z"].to_numpy())
    k = len(month)
    low = chart["z"].to_numpy()[k:] < 0
    below = {c: int((rules[c].to_numpy()[k:] & low).sum()) for c in rules.columns if c.startswith("rule")}
    share = float(after["complaints"].sum() / after["calls"].sum())
    return PdcaCheck(center=center, after=after, chart=chart, rules=rules, after_share=share, below=below)


__all__ = ["RULES", "Fix", "PdcaCheck", "check_fix", "load_complaint_month", "next_month", "p_chart", "read_quality_csv", "revised_center", "run_rules", "synthetic_month"]
