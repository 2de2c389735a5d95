"""Behavioural loyalty in a real purchase log (COURSE_MAP C5.7, C1.10).

Loyalty as behaviour — buying again — measured on a transaction log (one row per purchase, columns
``customer`` and ``date`` as :func:`servicelab.io.transactions.read_transactions` returns them):

* :func:`repeat_rate` — the repeat-purchase rate (回头率): customers who bought again ÷ customers;
* :func:`cohort_retention`, :func:`retention_curve` — first-purchase-month cohorts and the share
  of each that buys again in each later month;
* :func:`simple_clv` — customer lifetime value with a constant retention rate (Gupta & Lehmann 2003);
* BG/NBD (Fader, Hardie & Lee 2005): :func:`bgnbd_summary` (x, t_x, T per customer from a log),
  :func:`bgnbd_log_likelihood`, :func:`fit_bgnbd`, :func:`bgnbd_expected` (expected purchases in
  (0, t]) and :func:`bgnbd_conditional_expected` (expected purchases in (T, T + t] of a customer
  with history (x, t_x, T): the paper's eq. 10), :func:`bgnbd_holdout_check`.

Purchases on the same day count as one purchase everywhere here (as in the paper): a customer who
buys two CDs in two orders on one day made one purchase that day.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ServiceLabError
from ._inputs import check_frame, check_number, check_sequence

__all__ = [
    "bgnbd_holdout_totals",
    "BgnbdFit",
    "repeat_rate",
    "cohort_retention",
    "retention_curve",
    "simple_clv",
    "clv_curve",
    "bgnbd_summary",
    "bgnbd_log_likelihood",
    "fit_bgnbd",
    "bgnbd_expected",
    "bgnbd_pmf",
    "bgnbd_conditional_expected",
    "bgnbd_holdout_check",
    "PUBLISHED_CDNOW",
    "MAX_PERIODS",
]

#: FHL (2005) on the CDNOW 1/10 sample (2 357 customers, 39 + 39 weeks): parameters and log-likelihood.
PUBLISHED_CDNOW = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426, "log_likelihood": -9582.4}
_DAYS_PER_WEEK = 7.0
#: Most months a cohort table may show (100 years; the table has one column per month).
MAX_PERIODS = 1200


# ------------------------------------------------------------------------------ helpers
def _purchase_days(log: pd.DataFrame) -> pd.DataFrame:
    """One row per customer and purchase day (``customer``, ``date`` normalised to the day)."""
    frame = check_frame(log, "log")
    missing = [c for c in ("customer", "date") if c not in frame.columns]
    if missing:
        raise ServiceLabError("loyalty.error.columns", missing=", ".join(missing), found=", ".join(map(str, frame.columns)))
    dates = pd.to_datetime(frame["date"], errors="coerce")
    if dates.isna().any():
        row = int(np.flatnonzero(dates.isna().to_numpy())[0])
        raise ServiceLabError("loyalty.error.date", row=row, value=str(frame["date"].iloc[row]))
    if not len(frame):
        raise ServiceLabError("loyalty.error.empty")
    days = pd.DataFrame({"customer": frame["customer"].astype(str).to_numpy(), "date": dates.dt.normalize().to_numpy()})
    return days.drop_duplicates().reset_index(drop=True)


def _timestamp(value, name: str) -> pd.Timestamp:
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        stamp = pd.NaT
    if pd.isna(stamp):
        raise ServiceLabError("loyalty.error.bad_date_param", parameter=name, value=str(value))
    return stamp.normalize()


# ------------------------------------------------------------------------------ repeat rate
def repeat_rate(log: pd.DataFrame, *, until=None) -> dict:
    """Repeat-purchase rate (回头率): the share of customers who bought again on a later day.

    Parameters
    ----------
    log : pandas.DataFrame
        Purchases, columns ``customer`` and ``date`` (other columns ignored).
    until : date-like, optional
        Count only purchases up to and including this day (default: the whole log).

    Returns
    -------
    dict
        ``customers`` (with a purchase up to ``until``), ``repeaters`` (with purchases on at least two
        different days), ``rate`` = repeaters / customers.

    Notes
    -----
    rate = #{customers with ≥ 2 purchase days} / #{customers}. Several purchases on one day count
    as one, so a customer who placed two orders on their first day has not (yet) come back.

    References
    ----------
    Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005). "Counting your customers" the easy way.
    *Marketing Science*, 24(2), 275–284 (same-day purchases as one).

    Examples
    --------
    >>> log = pd.DataFrame({"customer": ["A", "A", "B", "B", "C"],
    ...                     "date": ["2024-01-01", "2024-02-01", "2024-01-03", "2024-01-03", "2024-01-09"]})
    >>> repeat_rate(log)
    {'customers': 3, 'repeaters': 1, 'rate': 0.3333333333333333}
    """
    days = _purchase_days(log)
    if until is not None:
        days = days[days["date"] <= _timestamp(until, "until")]
        if days.empty:
            raise ServiceLabError("loyalty.error.empty")
    counts = days.groupby("customer").size()
    customers, repeaters = int(len(counts)), int((counts >= 2).sum())
    return {"customers": customers, "repeaters": repeaters, "rate": repeaters / customers}


# ------------------------------------------------------------------------------ cohorts
def cohort_retention(log: pd.DataFrame, *, periods: int | None = None) -> pd.DataFrame:
    """Cohort retention table: for each first-purchase month, the share buying in each later month.

    Parameters
    ----------
    log : pandas.DataFrame
        Purchases, columns ``customer`` and ``date``.
    periods : int, optional
        Months after the first to show, 0 ≤ periods ≤ :data:`MAX_PERIODS` (default: up to the
        log's last month).

    Returns
    -------
    pandas.DataFrame
        Index ``cohort`` (first-purchase month, ``"YYYY-MM"``); column ``customers`` (cohort size)
        and columns ``0, 1, …, periods``: the share of the cohort with a purchase in month k after
        its first month (month 0 is 1 by definition). Months after the end of the log are NaN.

    Notes
    -----
    retention(c, k) = #{customers of cohort c with a purchase in month c + k} / #{customers of c}.
    This is *not* cumulative: a customer may be absent in month 3 and back in month 4.

    Examples
    --------
    >>> log = pd.DataFrame({"customer": ["A", "A", "B", "C", "C"],
    ...                     "date": ["2024-01-05", "2024-02-01", "2024-01-20", "2024-02-03", "2024-03-01"]})
    >>> cohort_retention(log)  # doctest: +NORMALIZE_WHITESPACE
             customers    0    1    2
    cohort
    2024-01          2  1.0  0.5  0.0
    2024-02          1  1.0  1.0  NaN
    """
    days = _purchase_days(log)
    month = days["date"].dt.to_period("M")
    first = month.groupby(days["customer"]).transform("min")
    age = (month - first).apply(lambda d: d.n).astype(int)
    last = month.max()
    horizon = int((last - first.min()).n) if periods is None else check_number(periods, "periods", low=0, high=MAX_PERIODS, integer=True)
    active = pd.DataFrame({"cohort": first.astype(str), "age": age, "customer": days["customer"]}).drop_duplicates()
    sizes = active[active["age"] == 0].groupby("cohort")["customer"].nunique()
    counts = active[active["age"] <= horizon].groupby(["cohort", "age"])["customer"].nunique().unstack(fill_value=0)
    counts = counts.reindex(columns=range(horizon + 1), fill_value=0)
    shares = counts.div(sizes, axis=0).astype(float)
    for cohort in shares.index:
        observable = int((last - pd.Period(cohort, "M")).n)
        shares.loc[cohort, [k for k in shares.columns if k > observable]] = np.nan
    shares.columns = list(shares.columns)
    table = pd.concat([sizes.rename("customers"), shares], axis=1)
    table.index.name = "cohort"
    return table


def retention_curve(table: pd.DataFrame) -> pd.DataFrame:
    """The cohorts of :func:`cohort_retention` pooled: share buying in month k, weighted by size.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`cohort_retention`.

    Returns
    -------
    pandas.DataFrame
        Columns ``period`` (k), ``share`` (customers of the observable cohorts buying in month k ÷
        their size) and ``customers`` (the size of the cohorts observable at k).

    Notes
    -----
    share(k) = Σ_c n_c · retention(c, k) / Σ_c n_c over the cohorts c observed k months after their
    first.

    Examples
    --------
    >>> log = pd.DataFrame({"customer": ["A", "A", "B", "C", "C"],
    ...                     "date": ["2024-01-05", "2024-02-01", "2024-01-20", "2024-02-03", "2024-03-01"]})
    >>> retention_curve(cohort_retention(log))["share"].round(4).tolist()
    [1.0, 0.6667, 0.0]
    """
    table = check_frame(table, "table")
    sizes = table["customers"].astype(float)
    rows = []
    for k in [c for c in table.columns if c != "customers"]:
        seen = table[k].notna()
        n = float(sizes[seen].sum())
        rows.append({"period": int(k), "share": float((table.loc[seen, k] * sizes[seen]).sum() / n) if n else np.nan,
                     "customers": int(n)})
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------------ simple CLV
def simple_clv(margin: float, retention: float, discount: float) -> float:
    """Customer lifetime value with a constant retention rate (Gupta & Lehmann 2003).

    Parameters
    ----------
    margin : float
        Margin m a retained customer brings per period (e.g. yuan per year), m ≥ 0.
    retention : float
        Retention rate r per period, 0 ≤ r ≤ 1.
    discount : float
        Discount rate d per period, d ≥ 0.

    Returns
    -------
    float
        CLV = m · r / (1 + d − r).

    Raises
    ------
    ServiceLabError
        ``loyalty.error.clv_diverges`` when r = 1 and d = 0 (1 + d − r = 0: a customer kept for ever
        with no discounting is worth an unbounded amount); out-of-range parameters.

    Notes
    -----
    CLV = Σ_{t≥1} m · r^t / (1 + d)^t = m · r / (1 + d − r): the margin of period t is earned if the
    customer is still there (probability r^t) and discounted t periods. The value grows without
    bound as r → 1 + d; r = 0 gives 0.

    References
    ----------
    Gupta, S., & Lehmann, D. R. (2003). Customers as assets. *Journal of Interactive Marketing*,
    17(1), 9–24.

    Examples
    --------
    >>> simple_clv(100, 0.8, 0.1)
    266.66666666666663
    >>> simple_clv(100, 0.0, 0.1)
    0.0
    """
    m = check_number(margin, "margin", low=0.0)
    r = check_number(retention, "retention", low=0.0, high=1.0)
    d = check_number(discount, "discount", low=0.0)
    denominator = 1.0 + d - r
    if denominator <= 0.0:
        raise ServiceLabError("loyalty.error.clv_diverges", retention=r, discount=d)
    return m * r / denominator


def clv_curve(margin: float, discount: float, *, points: int = 101, max_retention: float = 0.99) -> pd.DataFrame:
    """CLV against the retention rate, for a fixed margin and discount rate.

    Parameters
    ----------
    margin, discount : float
        As in :func:`simple_clv`.
    points : int
        Number of retention rates, evenly spaced from 0 to ``max_retention``.
    max_retention : float
        Last retention rate (below 1 when the discount rate is 0, where CLV diverges at 1).

    Returns
    -------
    pandas.DataFrame
        Columns ``retention`` and ``clv``.

    Examples
    --------
    >>> clv_curve(100, 0.1, points=3, max_retention=0.9)["clv"].round(2).tolist()
    [0.0, 69.23, 450.0]
    """
    n = check_number(points, "points", low=2, high=10_000, integer=True)
    top = check_number(max_retention, "max_retention", low=0.0, high=1.0, high_open=check_number(discount, "discount", low=0.0) == 0)
    retention = np.linspace(0.0, top, n)
    return pd.DataFrame({"retention": retention, "clv": [simple_clv(margin, r, discount) for r in retention]})


# ------------------------------------------------------------------------------ BG/NBD
def bgnbd_summary(log: pd.DataFrame, calibration_end, *, holdout_end=None, start=None) -> pd.DataFrame:
    """Per-customer (x, t_x, T) for BG/NBD from a log, and the holdout purchases.

    Parameters
    ----------
    log : pandas.DataFrame
        Purchases, columns ``customer`` and ``date``.
    calibration_end : date-like
        Last day of the calibration period (CDNOW: ``"1997-09-30"``).
    holdout_end : date-like, optional
        Last day of the holdout period (CDNOW: ``"1998-06-30"``); adds the column ``holdout``.
    start : date-like, optional
        Keep only customers whose first purchase is on or after this day.

    Returns
    -------
    pandas.DataFrame
        Index ``customer``; columns ``x`` (repeat purchases in the calibration period), ``t_x``
        (time of the last of them), ``T`` (end of calibration), both in weeks from the customer's
        first purchase, and ``holdout`` (purchases after ``calibration_end`` up to ``holdout_end``).
        Only customers whose first purchase is in the calibration period are included.

    Notes
    -----
    Purchases on the same day count as one. x = purchase days − 1 up to ``calibration_end``;
    t_x = (last purchase day − first) / 7; T = (``calibration_end`` − first) / 7, in days / 7
    (the rules of FHL 2005 and Fader & Hardie's CDNOW files: a customer first buying on 1 January
    1997 has T = 272 / 7 = 38.86 weeks).

    Examples
    --------
    >>> log = pd.DataFrame({"customer": ["A", "A", "A", "B"],
    ...                     "date": ["1997-01-01", "1997-01-15", "1997-11-01", "1997-01-08"]})
    >>> bgnbd_summary(log, "1997-01-29", holdout_end="1997-12-31")  # doctest: +NORMALIZE_WHITESPACE
              x  t_x    T  holdout
    customer
    A         1  2.0  4.0        1
    B         0  0.0  3.0        0
    """
    days = _purchase_days(log)
    end = _timestamp(calibration_end, "calibration_end")
    first = days.groupby("customer")["date"].min()
    if start is not None:
        first = first[first >= _timestamp(start, "start")]
    first = first[first <= end]
    if first.empty:
        raise ServiceLabError("loyalty.error.no_customers", end=str(end.date()))
    days = days[days["customer"].isin(first.index)]
    cal = days[days["date"] <= end].groupby("customer")["date"]
    summary = pd.DataFrame({
        "x": (cal.size() - 1).astype(int),
        "t_x": (cal.max() - first).dt.days / _DAYS_PER_WEEK,
        "T": (end - first).dt.days / _DAYS_PER_WEEK,
    })
    if holdout_end is not None:
        hold_end = _timestamp(holdout_end, "holdout_end")
        if hold_end <= end:
            raise ServiceLabError("loyalty.error.holdout_order", calibration_end=str(end.date()), holdout_end=str(hold_end.date()))
        later = days[(days["date"] > end) & (days["date"] <= hold_end)].groupby("customer").size()
        summary["holdout"] = later.reindex(summary.index, fill_value=0).astype(int)
    summary.index.name = "customer"
    return summary


def _params(params, name: str = "params", high: float | None = None) -> tuple[float, float, float, float]:
    if isinstance(params, BgnbdFit):
        params = params.params
    if isinstance(params, dict):
        return tuple(check_number(params.get(k), k, low=0.0, low_open=True, high=high) for k in ("r", "alpha", "a", "b"))
    return tuple(float(v) for v in check_sequence(params, name, size=4, low=0.0, low_open=True, high=high))


def _history(x, t_x, T) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
    x, t_x, T = np.broadcast_arrays(x, t_x, T)
    bad = ~(np.isfinite(x) & np.isfinite(t_x) & np.isfinite(T)) | (x < 0) | (x != np.round(x)) | (t_x < 0) | (t_x > T + 1e-12) | ((x == 0) & (t_x > 0))
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        shown = {"x": f"{x.ravel()[i]:g}", "t_x": f"{t_x.ravel()[i]:g}", "T": f"{T.ravel()[i]:g}"}
        if x.size == 1:  # one customer (a panel's inputs): no row to name
            raise ServiceLabError("loyalty.error.history_one", **shown)
        raise ServiceLabError("loyalty.error.history", row=i, **shown)
    return x, t_x, T


def _log_likelihood(r: float, alpha: float, a: float, b: float, x, t_x, T) -> np.ndarray:
    from scipy.special import betaln, gammaln

    common = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    alive = betaln(a, b + x) - betaln(a, b) - (r + x) * np.log(alpha + T)
    repeat = x > 0
    dropped = np.full_like(alive, -np.inf)
    xr = x[repeat]
    dropped[repeat] = betaln(a + 1.0, b + xr - 1.0) - betaln(a, b) - (r + xr) * np.log(alpha + t_x[repeat])
    return common + np.logaddexp(alive, dropped)


def bgnbd_log_likelihood(params, x, t_x, T) -> np.ndarray:
    """BG/NBD log-likelihood of each customer's history (x, t_x, T).

    Parameters
    ----------
    params : dict, sequence or BgnbdFit
        ``r``, ``alpha`` (gamma heterogeneity of the purchase rate λ), ``a``, ``b`` (beta
        heterogeneity of the drop-out probability p); all > 0.
    x, t_x, T : array-like
        Repeat purchases, time of the last one, end of the observation (same time unit as α).

    Returns
    -------
    numpy.ndarray
        ln L_i for each customer (sum it for the sample's log-likelihood).

    Notes
    -----
    FHL (2005) eq. 6, on the log scale with :func:`scipy.special.gammaln` and
    :func:`~scipy.special.betaln` (no overflow for large x)::

        L = Γ(r+x) α^r / Γ(r) · [ B(a, b+x)/B(a, b) · (α+T)^−(r+x)
                                   + δ(x>0) · B(a+1, b+x−1)/B(a, b) · (α+t_x)^−(r+x) ]

    the two terms combined with ``logaddexp``. B(a+1, b+x−1)/B(a, b) = a/(b+x−1) · B(a, b+x)/B(a, b)
    is the paper's A4 term.

    References
    ----------
    Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005). "Counting your customers" the easy way:
    An alternative to the Pareto/NBD model. *Marketing Science*, 24(2), 275–284.

    Examples
    --------
    >>> p = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    >>> bgnbd_log_likelihood(p, [0, 2], [0.0, 30.43], [38.86, 38.86]).round(4).tolist()
    [-0.5547, -9.4586]
    """
    r, alpha, a, b = _params(params)
    return _log_likelihood(r, alpha, a, b, *_history(x, t_x, T))


@dataclass(frozen=True)
class BgnbdFit:
    """A fitted BG/NBD model.

    Attributes
    ----------
    params : dict
        ``r``, ``alpha``, ``a``, ``b``.
    log_likelihood : float
        Σ ln L_i at ``params``.
    customers : int
        Customers fitted.
    converged : bool
        The optimiser's success flag.
    iterations : int
        Function evaluations used.
    """

    params: dict
    log_likelihood: float
    customers: int
    converged: bool
    iterations: int


def fit_bgnbd(summary: pd.DataFrame, *, start=(1.0, 1.0, 1.0, 1.0)) -> BgnbdFit:
    """Fit BG/NBD by maximum likelihood (scipy.optimize), deterministically.

    Parameters
    ----------
    summary : pandas.DataFrame
        Columns ``x``, ``t_x``, ``T`` (e.g. from :func:`bgnbd_summary`).
    start : 4 floats
        Starting (r, α, a, b), each in (0, 10⁶].

    Returns
    -------
    BgnbdFit

    Notes
    -----
    Maximises Σ ln L_i (:func:`bgnbd_log_likelihood`) over the log-parameters
    θ = ln(r, α, a, b), so every parameter stays positive: Nelder–Mead from ``start`` (tight
    tolerances), then L-BFGS-B from its result to polish. Customers with the same (x, t_x, T) are
    counted once with a weight (the CDNOW log has many identical histories), which is exact. No
    randomness: the same data give the same fit.

    References
    ----------
    Fader, Hardie & Lee (2005), *Marketing Science* 24(2), 275–284: on the CDNOW 1/10 sample
    r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9 582.4.

    Examples
    --------
    >>> s = pd.DataFrame({"x": [0, 1, 3, 0, 2, 5], "t_x": [0, 10, 30, 0, 5, 35], "T": [39, 39, 38, 37, 36, 39]})
    >>> fit = fit_bgnbd(s)
    >>> fit.converged, fit.log_likelihood < 0
    (True, True)
    """
    from scipy.optimize import minimize

    frame = check_frame(summary, "summary")
    missing = [c for c in ("x", "t_x", "T") if c not in frame.columns]
    if missing:
        raise ServiceLabError("loyalty.error.columns", missing=", ".join(missing), found=", ".join(map(str, frame.columns)))
    x, t_x, T = _history(frame["x"], frame["t_x"], frame["T"])
    if not len(x):
        raise ServiceLabError("loyalty.error.empty")
    grouped = pd.DataFrame({"x": x, "t_x": np.round(t_x, 9), "T": np.round(T, 9)}).value_counts().reset_index()
    gx, gt, gT, w = (grouped[c].to_numpy(dtype=float) for c in ("x", "t_x", "T", "count"))
    theta0 = np.log(np.asarray(_params(start, "start", high=1e6)))

    def objective(theta: np.ndarray) -> float:
        with np.errstate(over="ignore", invalid="ignore"):
            value = -float(np.dot(w, _log_likelihood(*np.exp(theta), gx, gt, gT)))
        return value if np.isfinite(value) else 1e300

    first = minimize(objective, theta0, method="Nelder-Mead",
                     options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 20_000, "maxfev": 20_000})
    polish = minimize(objective, first.x, method="L-BFGS-B", options={"ftol": 1e-15, "gtol": 1e-9})
    best = polish if polish.fun <= first.fun else first
    r, alpha, a, b = np.exp(best.x)
    return BgnbdFit(params={"r": float(r), "alpha": float(alpha), "a": float(a), "b": float(b)},
                    log_likelihood=-float(best.fun), customers=int(len(x)),
                    converged=bool(first.success), iterations=int(first.nfev + polish.nfev))


def _hyp2f1(a, b, c, z):
    from scipy.special import hyp2f1

    z = np.asarray(z, dtype=float)
    if np.any((z < 0) | (z >= 1)):
        raise ServiceLabError("loyalty.error.hyp2f1", z=f"{float(np.max(z)):g}")
    return hyp2f1(a, b, c, z)


def bgnbd_expected(params, t) -> np.ndarray:
    """Expected purchases in (0, t] of a customer just acquired (FHL 2005 eq. 7).

    Parameters
    ----------
    params : dict, sequence or BgnbdFit
    t : float or array-like
        Length of the period (same unit as α), t ≥ 0.

    Returns
    -------
    numpy.ndarray
        E[X(t)].

    Notes
    -----
    E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b; a+b−1; t/(α+t))] (for a ≠ 1); the
    argument z = t/(α+t) lies in [0, 1), where the Gaussian hypergeometric series converges.

    Examples
    --------
    >>> float(bgnbd_expected({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}, 39.0).round(4))
    1.1967
    """
    r, alpha, a, b = _params(params)
    _check_a(a)
    t = np.asarray(t, dtype=float)
    if np.any(~np.isfinite(t) | (t < 0)):
        raise ServiceLabError("loyalty.error.period", value=str(t))
    z = t / (alpha + t)
    return (a + b - 1.0) / (a - 1.0) * (1.0 - (alpha / (alpha + t)) ** r * _hyp2f1(r, b, a + b - 1.0, z))


def bgnbd_pmf(params, t, x) -> np.ndarray:
    """Probability of exactly x purchases in (0, t] for a customer just acquired (FHL 2005 eq. 8).

    Parameters
    ----------
    params : dict, sequence or BgnbdFit
    t : float or array-like
        Length of the period, t ≥ 0 (broadcast against ``x``).
    x : int or array-like
        Numbers of purchases, x ≥ 0.

    Returns
    -------
    numpy.ndarray
        P(X(t) = x).

    Notes
    -----
    With q = α/(α+t) and NB(j) = Γ(r+j)/(Γ(r) j!) · q^r (1−q)^j (the negative binomial pmf)::

        P(X(t)=x) = B(a, b+x)/B(a, b) · NB(x)
                    + δ(x>0) · B(a+1, b+x−1)/B(a, b) · [1 − Σ_{j<x} NB(j)]

    computed with :func:`scipy.special.betaln` and :func:`scipy.stats.nbinom` (its cdf for the sum).

    Examples
    --------
    >>> p = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    >>> bgnbd_pmf(p, 38.86, [0, 1, 2]).round(4).tolist()
    [0.5742, 0.1993, 0.0854]
    """
    from scipy.special import betaln
    from scipy.stats import nbinom

    r, alpha, a, b = _params(params)
    t, x = np.broadcast_arrays(np.asarray(t, dtype=float), np.asarray(x, dtype=float))
    if np.any(~np.isfinite(t) | (t < 0)):
        raise ServiceLabError("loyalty.error.period", value=str(t))
    if np.any(~np.isfinite(x) | (x < 0) | (x != np.round(x))):
        raise ServiceLabError("loyalty.error.count", value=str(x))
    q = alpha / (alpha + t)
    alive = np.exp(betaln(a, b + x) - betaln(a, b)) * nbinom.pmf(x, r, q)
    with np.errstate(invalid="ignore"):
        weight = np.where(x > 0, np.exp(betaln(a + 1.0, np.maximum(b + x - 1.0, 1e-300)) - betaln(a, b)), 0.0)
    dropped = weight * np.where(x > 0, nbinom.sf(x - 1.0, r, q), 0.0)
    return alive + dropped


def _check_a(a: float) -> None:
    if abs(a - 1.0) < 1e-9:
        raise ServiceLabError("loyalty.error.a_one", a=a)


def bgnbd_conditional_expected(params, t, x, t_x, T) -> np.ndarray:
    """Expected purchases in (T, T + t] of a customer with history (x, t_x, T) (FHL 2005 eq. 10).

    Parameters
    ----------
    params : dict, sequence or BgnbdFit
    t : float
        Length of the future period (CDNOW: 39 weeks).
    x, t_x, T : array-like
        The customer's calibration history, as in :func:`bgnbd_summary`.

    Returns
    -------
    numpy.ndarray
        E[Y(t) | x, t_x, T] per customer.

    Notes
    -----
    E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; z)]
    / [1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)], with z = t/(α+T+t) ∈ [0, 1): the series of
    ₂F₁ converges there (the paper's appendix; scipy.special.hyp2f1 evaluates it; z = 1 would need
    c − a − b = a − 1 − r > 0, which fails for CDNOW, so z < 1 is required and checked).
    Valid for a ≠ 1.

    Examples
    --------
    >>> p = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    >>> bgnbd_conditional_expected(p, 39, [0, 2], [0.0, 30.43], [38.86, 38.86]).round(4).tolist()
    [0.1951, 1.226]
    """
    r, alpha, a, b = _params(params)
    _check_a(a)
    x, t_x, T = _history(x, t_x, T)
    t = check_number(t, "t", low=0.0)
    z = t / (alpha + T + t)
    hyp = _hyp2f1(r + x, b + x, a + b + x - 1.0, z)
    num = (a + b + x - 1.0) / (a - 1.0) * (1.0 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp)
    with np.errstate(divide="ignore", invalid="ignore"):
        odds = np.where(x > 0, a / np.maximum(b + x - 1.0, 1e-300) * np.exp((r + x) * (np.log(alpha + T) - np.log(alpha + t_x))), 0.0)
    return num / (1.0 + odds)


def bgnbd_holdout_totals(params, summary: pd.DataFrame, t: float) -> dict:
    """Total holdout purchases: what the customers really bought against what the model predicts.

    Parameters
    ----------
    params : dict, sequence or BgnbdFit
    summary : pandas.DataFrame
        From :func:`bgnbd_summary` with ``holdout_end`` (column ``holdout``).
    t : float
        Length of the holdout period (weeks).

    Returns
    -------
    dict
        ``customers``, ``actual`` (Σ holdout purchases), ``predicted`` (Σ of
        :func:`bgnbd_conditional_expected`) and ``gap`` ((predicted − actual) / actual).

    Notes
    -----
    :math:`\\hat{Y} = \\sum_i E[Y(t) \\mid x_i, t_{x,i}, T_i]` against :math:`Y = \\sum_i y_i`
    (Fader, Hardie & Lee 2005, eq. 10 summed over customers).

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the easy way.
    *Marketing Science* 24(2), 275–284.

    Examples
    --------
    >>> s = pd.DataFrame({"x": [0, 1, 8], "t_x": [0.0, 10.0, 35.0], "T": [39.0, 39.0, 39.0], "holdout": [0, 1, 5]})
    >>> tot = bgnbd_holdout_totals({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}, s, 39)
    >>> tot["customers"], tot["actual"]
    (3, 6)
    """
    frame = check_frame(summary, "summary")
    if "holdout" not in frame.columns:
        raise ServiceLabError("loyalty.error.columns", missing="holdout", found=", ".join(map(str, frame.columns)))
    predicted = float(bgnbd_conditional_expected(params, t, frame["x"], frame["t_x"], frame["T"]).sum())
    actual = int(frame["holdout"].sum())
    return {"customers": len(frame), "actual": actual, "predicted": predicted,
            "gap": (predicted - actual) / actual if actual else float("nan")}


def bgnbd_holdout_check(params, summary: pd.DataFrame, t: float, *, max_frequency: int = 7) -> pd.DataFrame:
    """Holdout check by calibration frequency: actual vs predicted purchases per customer.

    Parameters
    ----------
    params : dict, sequence or BgnbdFit
    summary : pandas.DataFrame
        From :func:`bgnbd_summary` with ``holdout_end`` (column ``holdout``).
    t : float
        Length of the holdout period (weeks).
    max_frequency : int
        Frequencies at or above it are pooled into one ``"7+"`` row (as in FHL 2005, Figure 4);
        1 ≤ max_frequency ≤ 100.

    Returns
    -------
    pandas.DataFrame
        Index ``frequency`` (``"0"``, ``"1"``, …, ``"7+"``); columns ``customers`` (with that many
        calibration repeat purchases), ``expected_customers`` (how many the model expects:
        Σ_i P(X(T_i) = x), :func:`bgnbd_pmf`, FHL 2005 Figure 1), ``actual`` (their mean holdout
        purchases; NaN for an empty group) and ``predicted`` (mean of :func:`bgnbd_conditional_expected`,
        Figure 4).

    Examples
    --------
    >>> s = pd.DataFrame({"x": [0, 1, 8], "t_x": [0.0, 10.0, 35.0], "T": [39.0, 39.0, 39.0], "holdout": [0, 1, 5]})
    >>> bgnbd_holdout_check({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}, s, 39, max_frequency=2)["actual"].tolist()
    [0.0, 1.0, 5.0]
    """
    frame = check_frame(summary, "summary")
    if "holdout" not in frame.columns:
        raise ServiceLabError("loyalty.error.columns", missing="holdout", found=", ".join(map(str, frame.columns)))
    top = check_number(max_frequency, "max_frequency", low=1, high=100, integer=True)
    predicted = bgnbd_conditional_expected(params, t, frame["x"], frame["t_x"], frame["T"])
    labels = [str(k) for k in range(top)] + [f"{top}+"]
    group = np.minimum(frame["x"].to_numpy(dtype=int), top)
    out = pd.DataFrame({"frequency": np.asarray(labels, dtype=object)[group], "actual": frame["holdout"].to_numpy(dtype=float),
                        "predicted": predicted})
    table = out.groupby("frequency", sort=False).agg(customers=("actual", "size"), actual=("actual", "mean"), predicted=("predicted", "mean"))
    T = frame["T"].to_numpy(dtype=float)
    probs = bgnbd_pmf(params, T[:, None], np.arange(top)[None, :]).sum(axis=0)
    expected = pd.Series(list(probs) + [len(T) - float(probs.sum())], index=labels)
    table = table.reindex(labels)
    table["customers"] = table["customers"].fillna(0).astype(int)
    table.insert(1, "expected_customers", expected)
    return table
