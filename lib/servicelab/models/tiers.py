"""Customer value, concentration and tiers (COURSE_MAP C1.4, C1.11).

From a transaction log to the course's customer-tier picture:

* :func:`customer_value` — per customer: net revenue, purchase frequency, first and last purchase,
  recency against an explicit as-of date;
* :func:`pareto_curve`, :func:`pareto_share` — how much revenue the top x % of customers bring
  (the 80/20 principle is a heuristic; real data rarely gives exactly 80 %);
* :func:`lorenz_curve`, :func:`gini_coefficient` — the classic measures of concentration;
* :func:`assign_tiers`, :func:`tier_profile` — the course's four tiers (超重量级, 重量级, 次重量级,
  轻量级) or the customer pyramid (platinum, gold, iron, lead), cut-offs as parameters;
* :func:`rfm_scores`, :func:`rfm_matrix` — recency, frequency, monetary value scored 1–5 by
  quintile, and the R × F customer matrix (customers and mean revenue per cell).

Data carries stable codes (``"super_heavyweight"``, ``"platinum"`` …); :func:`tier_label` gives
the name in the learner's language.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pandas as pd

from ..errors import ServiceLabError
from ._inputs import check_choice, check_frame, check_lang, check_names, check_number, check_sequence

__all__ = [
    "COURSE_TIERS",
    "PYRAMID_TIERS",
    "SHARES_20_30_30_20",
    "SHARES_1_19_30_50",
    "SHARES_1_4_15_80",
    "tier_label",
    "customer_value",
    "pareto_curve",
    "pareto_share",
    "lorenz_curve",
    "gini_coefficient",
    "assign_tiers",
    "tier_profile",
    "rfm_scores",
    "rfm_matrix",
]

#: The course's four tiers, top first (超重量级, 重量级, 次重量级, 轻量级).
COURSE_TIERS: tuple[str, ...] = ("super_heavyweight", "heavyweight", "sub_heavyweight", "lightweight")
#: The customer pyramid of Zeithaml, Rust & Lemon (2001), top first.
PYRAMID_TIERS: tuple[str, ...] = ("platinum", "gold", "iron", "lead")
#: The course's split (the default for :data:`COURSE_TIERS`): the top 20 % are the
#: super-heavyweights, as in the course's 80/20 wording; the course fixes only that 20 %, the
#: 30 / 30 / 20 below it is one choice among many.
SHARES_20_30_30_20: tuple[float, ...] = (0.20, 0.30, 0.30, 0.20)
#: Shares of customers per tier, from the top: 1 % / 19 % / 30 % / 50 % (a customer-pyramid
#: convention for platinum/gold/iron/lead; Zeithaml, Rust & Lemon 2001 fix no percentages).
SHARES_1_19_30_50: tuple[float, ...] = (0.01, 0.19, 0.30, 0.50)
#: Shares of customers per tier, from the top: 1 % / 4 % / 15 % / 80 % (another pyramid convention).
SHARES_1_4_15_80: tuple[float, ...] = (0.01, 0.04, 0.15, 0.80)


def tier_label(code: str, lang: str = "zh") -> str:
    """Name of a tier code in ``lang``.

    Examples
    --------
    >>> tier_label("super_heavyweight"), tier_label("platinum", "en")
    ('超重量级', 'Platinum')
    """
    check_lang(lang), check_choice(code, "code", COURSE_TIERS + PYRAMID_TIERS)
    from ..i18n import t

    return t(f"tiers.tier.{code}", lang)


# --------------------------------------------------------------------------- helpers
def _as_values(values: Any, *, allow_negative: bool = False) -> np.ndarray:
    """A 1-D float array of customer values, checked."""
    if isinstance(values, pd.DataFrame):
        if "revenue" not in values.columns:
            raise ServiceLabError("tiers.need_values", found=", ".join(map(str, values.columns)))
        values = values["revenue"]
    arr = np.asarray(values, dtype=float).ravel()
    if arr.size == 0:
        raise ServiceLabError("tiers.no_values")
    bad = ~np.isfinite(arr)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ServiceLabError("tiers.bad_value", position=_label(values, i), value=arr[i])
    if not allow_negative and (arr < 0).any():
        i = int(np.flatnonzero(arr < 0)[0])
        raise ServiceLabError("tiers.negative_value", position=_label(values, i), value=arr[i])
    return arr


def _label(values: Any, i: int) -> str:
    if isinstance(values, pd.Series):
        return str(values.index[i])
    return str(i + 1)


def _total(arr: np.ndarray) -> float:
    total = float(arr.sum())
    if total <= 0:
        raise ServiceLabError("tiers.zero_total", n=arr.size)
    return total


def _check_max_points(max_points) -> int | None:
    return check_number(max_points, "max_points", low=2, integer=True, allow_none=True, key="tiers.max_points",
                        key_params={"value": max_points})


def _thin(n: int, max_points: int | None) -> np.ndarray:
    """Indices 0..n of the curve's vertices, at most ``max_points`` of them, ends included."""
    if max_points is None or n + 1 <= max_points:
        return np.arange(n + 1)
    if max_points < 2:
        raise ServiceLabError("tiers.max_points", value=max_points)
    return np.unique(np.round(np.linspace(0, n, max_points)).astype(int))


# --------------------------------------------------------------------------- customer value
def _naive_utc(values: pd.Series) -> pd.Series:
    """Datetimes without a time zone: aware values (even mixed offsets) converted to UTC first."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values.dt.tz_convert("UTC").dt.tz_localize(None)
    if values.dtype == object and any(getattr(v, "tzinfo", None) is not None for v in values):
        return pd.to_datetime(values, utc=True).dt.tz_localize(None)
    return pd.to_datetime(values)


def customer_value(
    transactions: Any,
    *,
    as_of: Any = None,
    count: str = "transactions",
) -> pd.DataFrame:
    """Per-customer value from a transaction log.

    Parameters
    ----------
    transactions : TransactionLog or pandas.DataFrame
        From :func:`servicelab.io.transactions.read_transactions`, or any frame with columns
        ``customer``, ``date`` (datetime) and ``amount``.
    as_of : date-like, optional
        The date recency is measured from. Give it explicitly (e.g. the end of the observation
        period); without it, the latest date in the log is used — never today's date, so results
        do not change from day to day. It may not be earlier than the latest purchase. Dates and
        ``as_of`` with a time zone are compared in UTC (converted, then the zone dropped), so a
        log with offsets and an ``as_of`` without one (or the other way round) work together.
    count : {"transactions", "days"}
        What frequency counts: purchase rows, or distinct days with a purchase.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``customer`` (sorted), columns ``revenue`` (net: refunds subtracted),
        ``frequency``, ``first_purchase``, ``last_purchase``, ``recency_days``.

    Notes
    -----
    A *purchase* is a row with amount ≥ 0 (zero-value rows included); negative rows are refunds,
    counted in revenue only. For customer :math:`c` with rows :math:`r`:
    :math:`\\text{revenue}_c = \\sum_r a_r`, :math:`\\text{frequency}_c = \\#\\{r: a_r \\ge 0\\}`,
    :math:`\\text{recency}_c = \\text{as\\_of} - \\max\\{d_r: a_r \\ge 0\\}` in days. A customer with
    refunds only has frequency 0 and no purchase dates.

    Examples
    --------
    >>> log = pd.DataFrame({
    ...     "customer": ["A", "A", "B", "A"],
    ...     "date": pd.to_datetime(["2024-01-01", "2024-01-10", "2024-01-05", "2024-01-20"]),
    ...     "amount": [100.0, 50.0, 30.0, -20.0],
    ... })
    >>> customer_value(log, as_of="2024-01-31")[["revenue", "frequency", "recency_days"]]
    ... # doctest: +NORMALIZE_WHITESPACE
              revenue  frequency  recency_days
    customer
    A           130.0          2            21
    B            30.0          1            26
    """
    check_frame(getattr(transactions, "data", transactions), "transactions")
    data = getattr(transactions, "data", transactions)
    missing = [c for c in ("customer", "date", "amount") if c not in data.columns]
    if missing:
        raise ServiceLabError(
            "tiers.missing_columns", missing=", ".join(missing), found=", ".join(map(str, data.columns))
        )
    check_choice(count, "count", ("transactions", "days"), key="tiers.error.bad_option",
                 key_params={"parameter": "count", "value": count, "allowed": "transactions, days"})
    if data.empty:
        raise ServiceLabError("tiers.no_values")
    dates = _naive_utc(data["date"])
    last_date = dates.max()
    as_of_ts = last_date if as_of is None else _naive_utc(pd.Series([pd.Timestamp(as_of)])).iloc[0]
    if as_of_ts < last_date:
        raise ServiceLabError("tiers.as_of_early", as_of=as_of_ts.date(), last=last_date.date())

    amount = data["amount"].astype(float)
    purchase = amount >= 0
    purchase_dates = dates.where(purchase)
    frame = pd.DataFrame(
        {"customer": data["customer"].to_numpy(), "amount": amount.to_numpy(),
         "purchase": purchase.to_numpy(), "pdate": purchase_dates.to_numpy()}
    )
    grouped = frame.groupby("customer", sort=True)
    out = pd.DataFrame({"revenue": grouped["amount"].sum()})
    if count == "transactions":
        out["frequency"] = grouped["purchase"].sum().astype(int)
    else:
        out["frequency"] = grouped["pdate"].nunique().astype(int)
    out["first_purchase"] = grouped["pdate"].min()
    out["last_purchase"] = grouped["pdate"].max()
    out["recency_days"] = (as_of_ts - out["last_purchase"]).dt.days
    out.index.name = "customer"
    return out


# --------------------------------------------------------------------------- concentration
def _cumulative_shares(values: Any, *, descending: bool, max_points: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Vertices (k/n, cumulative share of the k first values) of a concentration curve.

    Values sorted ``descending`` (Pareto curve) or ascending (Lorenz curve); at most
    ``max_points`` exact vertices, (0, 0) and (1, 1) included.
    """
    arr = _as_values(values)
    _total(arr)
    n = arr.size
    ordered = np.sort(arr)[::-1] if descending else np.sort(arr)
    cum = np.concatenate(([0.0], np.cumsum(ordered)))
    cum /= cum[-1]  # exactly 1 at the end (total > 0 checked above)
    idx = _thin(n, max_points)
    return idx / n, cum[idx]


def pareto_curve(values: Any, *, max_points: int | None = 5000) -> pd.DataFrame:
    """Cumulative share of customers against cumulative share of revenue, biggest first.

    Parameters
    ----------
    values : array-like or Series
        One non-negative value per customer (e.g. ``customer_value(...)["revenue"]``).
    max_points : int or None
        At most this many points are returned (for charts); they are exact vertices of the curve,
        evenly spaced in customer share, always including (0, 0) and (1, 1). ``None`` keeps all
        n + 1 vertices.

    Returns
    -------
    pandas.DataFrame
        Columns ``customer_share`` and ``revenue_share``, from (0, 0) to (1, 1).

    Notes
    -----
    With values sorted descending :math:`x_{(1)} \\ge \\dots \\ge x_{(n)}`, the vertices are
    :math:`(k/n, \\sum_{i \\le k} x_{(i)} / \\sum_i x_i)` for :math:`k = 0..n`; the curve is
    concave, and a point at 20 % read off it is :func:`pareto_share` with ``top=0.2``.

    References
    ----------
    Lorenz, M. O. (1905). Methods of measuring the concentration of wealth. *Publications of the
    American Statistical Association*, 9(70), 209–219. (The Pareto curve is the Lorenz curve
    read from the top: :math:`P(p) = 1 - L(1 - p)`.)
    Juran, J. M. (1951). *Quality Control Handbook*. New York: McGraw-Hill (the "vital few"
    reading of Pareto's observation, the origin of the 80/20 principle).

    Examples
    --------
    >>> pareto_curve([10, 40, 30, 20])
       customer_share  revenue_share
    0            0.00            0.0
    1            0.25            0.4
    2            0.50            0.7
    3            0.75            0.9
    4            1.00            1.0
    """
    max_points = _check_max_points(max_points)
    customer_share, revenue_share = _cumulative_shares(values, descending=True, max_points=max_points)
    return pd.DataFrame({"customer_share": customer_share, "revenue_share": revenue_share})


def pareto_share(values: Any, top: float = 0.2) -> float:
    """Share of revenue brought by the top ``top`` fraction of customers.

    Parameters
    ----------
    values : array-like or Series
        One non-negative value per customer.
    top : float
        Fraction of customers counted from the biggest, between 0 and 1 (0.2 = top 20 %).

    Returns
    -------
    float
        Between 0 and 1.

    Notes
    -----
    When ``top × n`` is not a whole number, the top ⌊top·n⌋ customers count fully and the next
    customer counts with the fractional part: share = (Σ_{i≤j} x_(i) + f·x_(j+1)) / Σ x, with
    j = ⌊top·n⌋, f = top·n − j and values sorted descending. This is linear interpolation on
    :func:`pareto_curve`, so the share never jumps as ``top`` moves.

    The course's 80/20 principle says this share is about 0.8 at ``top=0.2``; it is a rule of
    thumb to be checked on the data, not a law.

    References
    ----------
    Pareto, V. (1896). *Cours d'économie politique*. Lausanne: Rouge.
    Juran, J. M. (1951). *Quality Control Handbook*. New York: McGraw-Hill.

    Examples
    --------
    Five customers, top 20 % is exactly one customer:

    >>> pareto_share([50, 20, 10, 10, 10], top=0.2)
    0.5

    Top 30 % of five customers is 1.5 customers: 50 + half of 20.

    >>> round(pareto_share([50, 20, 10, 10, 10], top=0.3), 10)
    0.6
    """
    top = check_number(top, "top", low=0, high=1, key="tiers.bad_fraction", key_params={"name": "top", "value": top})
    arr = _as_values(values)
    total = _total(arr)
    desc = np.sort(arr)[::-1]
    k = top * arr.size
    j = min(int(np.floor(k + 1e-9)), arr.size)
    frac = max(k - j, 0.0)
    share = desc[:j].sum() + (frac * desc[j] if j < arr.size else 0.0)
    return float(share / total)


def lorenz_curve(values: Any, *, max_points: int | None = None) -> pd.DataFrame:
    """Lorenz curve: cumulative share of customers (smallest first) against share of value.

    Parameters
    ----------
    values : array-like or Series
        One non-negative value per customer.
    max_points : int or None
        Return at most this many exact vertices, ends included (as in :func:`pareto_curve`).

    Returns
    -------
    pandas.DataFrame
        Columns ``population_share`` and ``value_share`` from (0, 0) to (1, 1).

    Notes
    -----
    Values sorted ascending, vertices :math:`(k/n, L_k)` with
    :math:`L_k = \\sum_{i\\le k} x_{(i)} / \\sum_i x_i`. The curve lies on or below the diagonal;
    it is the diagonal when everyone has the same value.

    References
    ----------
    Lorenz, M. O. (1905). Methods of measuring the concentration of wealth. *Publications of the
    American Statistical Association*, 9(70), 209–219.

    Examples
    --------
    >>> lorenz_curve([10, 40, 30, 20])
       population_share  value_share
    0              0.00          0.0
    1              0.25          0.1
    2              0.50          0.3
    3              0.75          0.6
    4              1.00          1.0
    """
    max_points = _check_max_points(max_points)
    population_share, value_share = _cumulative_shares(values, descending=False, max_points=max_points)
    return pd.DataFrame({"population_share": population_share, "value_share": value_share})


def gini_coefficient(values: Any) -> float:
    """Gini coefficient of customer values: 0 when all are equal, (n − 1)/n when one has all.

    Parameters
    ----------
    values : array-like or Series
        One non-negative value per customer; not all zero.

    Returns
    -------
    float
        In [0, 1).

    Notes
    -----
    With values sorted ascending :math:`x_{(1)} \\le \\dots \\le x_{(n)}`:

    .. math:: G = \\frac{\\sum_{i=1}^{n} (2i - n - 1)\\, x_{(i)}}{n \\sum_{i=1}^{n} x_i}

    which equals the mean absolute difference over twice the mean,
    :math:`\\sum_i \\sum_j |x_i - x_j| / (2 n^2 \\bar x)`, and one minus twice the area under the
    (piecewise linear) Lorenz curve.

    References
    ----------
    Gini, C. (1912). *Variabilità e mutabilità*. Bologna: Cuppini.
    Damgaard, C., & Weiner, J. (2000). Describing inequality in plant size or fecundity.
    *Ecology*, 81(4), 1139–1142.

    Examples
    --------
    >>> gini_coefficient([5, 5, 5, 5])
    0.0
    >>> gini_coefficient([0, 0, 0, 100])  # one customer holds everything: (n - 1)/n
    0.75
    """
    arr = _as_values(values)
    total = _total(arr)
    n = arr.size
    x = np.sort(arr)
    weights = 2 * np.arange(1, n + 1) - n - 1
    g = float(np.dot(weights, x) / (n * total))
    return max(g, 0.0)


# --------------------------------------------------------------------------- tiers
def _check_shares(shares: Sequence[float], tiers: Sequence[str]) -> np.ndarray:
    arr = check_sequence(shares, "shares")  # negatives: tiers.shares_negative below
    if arr.size != len(tiers):
        raise ServiceLabError("tiers.shares_count", shares=arr.size, tiers=len(tiers))
    if not np.isfinite(arr).all() or (arr < 0).any():
        raise ServiceLabError("tiers.shares_negative", shares=", ".join(f"{s:g}" for s in arr))
    total = arr.sum()
    if abs(total - 100) < 1e-6:
        arr = arr / 100
    elif abs(total - 1) > 1e-6:
        raise ServiceLabError("tiers.shares_sum", total=f"{total:g}")
    return arr


def assign_tiers(
    values: Any,
    shares: Sequence[float] = SHARES_20_30_30_20,
    tiers: Sequence[str] = COURSE_TIERS,
) -> pd.Series:
    """Put each customer in a tier by rank of value, top tier first.

    Parameters
    ----------
    values : Series or array-like
        One value per customer (e.g. ``customer_value(...)["revenue"]``); negative net values are
        allowed (they rank last).
    shares : sequence of float
        Share of *customers* in each tier, from the top, e.g. ``(0.20, 0.30, 0.30, 0.20)``; must
        sum to 1 (or to 100, read as percentages). Presets: :data:`SHARES_20_30_30_20` (the
        default: the course's top 20 %), and the pyramid conventions :data:`SHARES_1_19_30_50`
        and :data:`SHARES_1_4_15_80`.
    tiers : sequence of str
        Tier codes, top first: :data:`COURSE_TIERS` or :data:`PYRAMID_TIERS` (or your own).

    Returns
    -------
    pandas.Series
        Ordered categorical of tier codes (top tier first), same index as ``values``, named
        ``tier``.

    Notes
    -----
    Customers are ranked by value, biggest first; equal values keep their input order, so tier
    sizes follow the shares exactly even when values tie across a boundary. With cumulative
    shares :math:`c_k`, the top k tiers hold the first :math:`b_k = \\lfloor c_k n + 0.5 \\rfloor`
    customers (rounded half up), so with few customers a tier can be empty.

    The course's 80/20 wording makes the top ≈20 % of customers the super-heavyweights, hence the
    default; it fixes no cut-off below that, so 30/30/20 is the learner's choice. The paper behind
    the pyramid (Zeithaml, Rust & Lemon 2001) fixes no percentages either; 1/19/30/50 and
    1/4/15/80 are conventions used with platinum/gold/iron/lead.

    References
    ----------
    Zeithaml, V. A., Rust, R. T., & Lemon, K. N. (2001). The customer pyramid: creating and
    serving profitable customers. *California Management Review*, 43(4), 118–142.

    Examples
    --------
    Ten customers, the course's 20/30/30/20 %: the top two are super-heavyweights.

    >>> v = pd.Series([5, 90, 10, 40, 1, 70, 20, 3, 8, 2], index=list("abcdefghij"))
    >>> assign_tiers(v).astype(str).to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'a': 'sub_heavyweight', 'b': 'super_heavyweight', 'c': 'heavyweight', 'd': 'heavyweight',
     'e': 'lightweight', 'f': 'super_heavyweight', 'g': 'heavyweight', 'h': 'sub_heavyweight',
     'i': 'sub_heavyweight', 'j': 'lightweight'}

    The pyramid with 1/19/30/50 %: the top 1 % is 0.1 customer, which rounds to none.

    >>> assign_tiers(v, SHARES_1_19_30_50, PYRAMID_TIERS).value_counts(sort=False).to_dict()
    {'platinum': 0, 'gold': 2, 'iron': 3, 'lead': 5}
    """
    tiers = tuple(check_names(tiers, "tiers"))
    share_arr = _check_shares(shares, tiers)
    index = values.index if isinstance(values, pd.Series) else pd.RangeIndex(len(np.ravel(values)))
    arr = _as_values(values, allow_negative=True)
    n = arr.size
    order = np.argsort(-arr, kind="stable")
    bounds = np.floor(np.round(np.cumsum(share_arr), 12) * n + 0.5).astype(int)
    bounds[-1] = n
    rank = np.empty(n, dtype=int)
    rank[order] = np.arange(1, n + 1)
    codes = np.searchsorted(bounds, rank, side="left")
    return pd.Series(
        pd.Categorical.from_codes(codes, categories=list(tiers), ordered=True), index=index, name="tier"
    )


def tier_profile(
    customer_values: pd.DataFrame,
    tiers: pd.Series | None = None,
    *,
    shares: Sequence[float] = SHARES_20_30_30_20,
    names: Sequence[str] = COURSE_TIERS,
    lang: str | None = None,
) -> pd.DataFrame:
    """One row per tier: how many customers, how much revenue, how they buy.

    Parameters
    ----------
    customer_values : pandas.DataFrame
        From :func:`customer_value` (needs ``revenue``; ``frequency`` and ``recency_days`` are
        averaged when present).
    tiers : Series, optional
        Tier of each customer (same index), e.g. from :func:`assign_tiers`. Without it the tiers
        are assigned here from ``revenue`` with ``shares`` and ``names``.
    shares, names : sequence
        Passed to :func:`assign_tiers` when ``tiers`` is not given.
    lang : {"zh", "en"}, optional
        Add a ``tier_name`` column in this language.

    Returns
    -------
    pandas.DataFrame
        Columns ``tier``, ``customers``, ``customer_share``, ``revenue``, ``revenue_share``,
        ``mean_revenue``, ``mean_frequency``, ``mean_recency_days`` (and ``tier_name``), top tier
        first; empty tiers are listed with 0 customers.

    Notes
    -----
    For tier :math:`k` with customer set :math:`C_k` among :math:`n` customers of total revenue
    :math:`R`: ``customers`` :math:`= |C_k|`, ``customer_share`` :math:`= |C_k|/n`,
    ``revenue_share`` :math:`= \\sum_{c \\in C_k} r_c / R`, and the ``mean_*`` columns are plain
    means over :math:`C_k` (NaN for an empty tier). Comparing ``customer_share`` with
    ``revenue_share`` is the 80/20 check tier by tier.

    Examples
    --------
    >>> cv = pd.DataFrame({"revenue": [90, 70, 40, 20, 10, 8, 5, 3, 2, 1],
    ...                    "frequency": [9, 6, 4, 2, 2, 1, 1, 1, 1, 1]})
    >>> tier_profile(cv, lang="en")[["tier_name", "customers", "revenue", "revenue_share"]].round(4)
    ... # doctest: +NORMALIZE_WHITESPACE
               tier_name  customers  revenue  revenue_share
    0  Super-heavyweight          2      160         0.6426
    1        Heavyweight          3       70         0.2811
    2    Sub-heavyweight          3       16         0.0643
    3        Lightweight          2        3         0.0120
    """
    check_frame(customer_values, "customer_values"), check_lang(lang, allow_none=True)
    if "revenue" not in customer_values.columns:
        raise ServiceLabError("tiers.need_values", found=", ".join(map(str, customer_values.columns)))
    if tiers is None:
        tiers = assign_tiers(customer_values["revenue"], shares, names)
    tiers = pd.Series(tiers, index=customer_values.index) if not isinstance(tiers, pd.Series) else tiers
    if not isinstance(tiers.dtype, pd.CategoricalDtype):
        tiers = tiers.astype(pd.CategoricalDtype(list(dict.fromkeys(tiers)), ordered=True))
    frame = customer_values.assign(tier=tiers.reindex(customer_values.index))
    grouped = frame.groupby("tier", observed=False, sort=True)
    out = pd.DataFrame({"customers": grouped.size()})
    out["customer_share"] = out["customers"] / out["customers"].sum()
    out["revenue"] = grouped["revenue"].sum()
    total = out["revenue"].sum()
    out["revenue_share"] = out["revenue"] / total if total else np.nan
    out["mean_revenue"] = grouped["revenue"].mean()
    for col in ("frequency", "recency_days"):
        if col in frame.columns:
            out[f"mean_{col}"] = grouped[col].mean()
    out = out.reset_index()
    out["tier"] = out["tier"].astype(str)
    if lang is not None:
        out.insert(1, "tier_name", [tier_label(code, lang) for code in out["tier"]])
    return out


def rfm_scores(customer_values: pd.DataFrame, *, bins: int = 5) -> pd.DataFrame:
    """Recency, frequency and monetary scores, 1 (worst) to ``bins`` (best), by quantile.

    Parameters
    ----------
    customer_values : pandas.DataFrame
        From :func:`customer_value`: columns ``recency_days``, ``frequency``, ``revenue``.
    bins : int
        Number of score levels, 2–100; 5 gives quintile scores 1–5.

    Returns
    -------
    pandas.DataFrame
        Same index, columns ``R``, ``F``, ``M`` (nullable integers), ``rfm_code`` (string, e.g.
        ``"545"``) and ``rfm_total`` (R + F + M, nullable integer). A higher R means a *more
        recent* purchase. A customer with a missing measure has ``<NA>`` in that score, in
        ``rfm_code`` and in ``rfm_total`` alike.

    Notes
    -----
    For each measure, with :math:`m` the number of customers scoring strictly worse (larger
    recency; smaller frequency or revenue) and :math:`n` the number of customers:

    .. math:: \\text{score} = 1 + \\lfloor \\text{bins} \\cdot m / n \\rfloor

    Ties get the same score — the score of the lowest position in the tied block — so quintile
    groups are only equal in size when there are no ties. In a typical log half the customers buy
    once: they all get F = 1 and F = 2 may stay empty. Customers without a purchase date (refunds
    only) get no R score, and :math:`n` counts the customers with a value for that measure.

    With fewer customers than levels (:math:`n <` ``bins``) not every level can be used: the best
    customer has :math:`m = n - 1` and scores :math:`1 + \\lfloor \\text{bins}(n-1)/n \\rfloor`,
    below ``bins`` (4 of 5 with three customers). Scores are positions in the group, not grades.

    References
    ----------
    Hughes, A. M. (1994). *Strategic Database Marketing*. Chicago: Probus.

    Examples
    --------
    >>> cv = pd.DataFrame({"recency_days": [5, 40, 10, 200, 90],
    ...                    "frequency": [8, 1, 3, 1, 2],
    ...                    "revenue": [300.0, 20.0, 150.0, 15.0, 60.0]}, index=list("abcde"))
    >>> rfm_scores(cv)
       R  F  M rfm_code  rfm_total
    a  5  5  5      555         15
    b  3  1  2      312          6
    c  4  4  4      444         12
    d  1  1  1      111          3
    e  2  3  3      233          8

    Three customers on five levels: the best F and M are 4, not 5. The third has no purchase
    date, so no R; R is scored among the two others (the better gets 3):

    >>> rfm_scores(pd.DataFrame({"recency_days": [1.0, 2.0, None], "frequency": [3, 2, 0],
    ...                          "revenue": [9.0, 5.0, -1.0]}))
          R  F  M rfm_code  rfm_total
    0     3  4  4      344         11
    1     1  2  2      122          5
    2  <NA>  1  1     <NA>       <NA>
    """
    check_frame(customer_values, "customer_values")
    bins = check_number(bins, "bins", low=2, integer=True, key="tiers.bad_bins", key_params={"value": bins})
    check_number(bins, "bins", low=2, high=100)  # percentiles at most: a huge count overflows the scores
    missing = [c for c in ("recency_days", "frequency", "revenue") if c not in customer_values.columns]
    if missing:
        raise ServiceLabError(
            "tiers.missing_columns", missing=", ".join(missing), found=", ".join(map(str, customer_values.columns))
        )
    n = len(customer_values)
    if n == 0:
        raise ServiceLabError("tiers.no_values")

    def score(better_is_larger: pd.Series) -> pd.Series:
        worse = better_is_larger.rank(method="min", na_option="keep") - 1
        valid = int(better_is_larger.notna().sum())
        return (1 + np.floor(bins * worse / valid)).astype("Int64")

    out = pd.DataFrame(index=customer_values.index)
    out["R"] = score(-customer_values["recency_days"].astype(float))
    out["F"] = score(customer_values["frequency"].astype(float))
    out["M"] = score(customer_values["revenue"].astype(float))
    parts = out[["R", "F", "M"]].astype("string")
    out["rfm_code"] = parts["R"] + parts["F"] + parts["M"]  # <NA> if any part is missing
    out["rfm_total"] = (out["R"] + out["F"] + out["M"]).astype("Int64")
    return out


def rfm_matrix(rfm: pd.DataFrame, customer_values: pd.DataFrame) -> pd.DataFrame:
    """The R × F customer matrix as a tidy frame: customers and mean revenue in each cell.

    Parameters
    ----------
    rfm : pandas.DataFrame
        From :func:`rfm_scores` (columns ``R`` and ``F``).
    customer_values : pandas.DataFrame
        The frame ``rfm`` was computed from (column ``revenue``, same index).

    Returns
    -------
    pandas.DataFrame
        One row per non-empty cell, R from the highest (most recent) down, F ascending: ``R``,
        ``F`` (int), ``customers``, ``customer_share`` (of the customers scored on both) and
        ``mean_revenue``. Customers without an R or F score are left out.

    Notes
    -----
    For the cell :math:`(r, f)` with customers :math:`C_{rf} = \\{c: R_c = r, F_c = f\\}`:
    ``customers`` :math:`= |C_{rf}|` and ``mean_revenue`` :math:`= \\sum_{c \\in C_{rf}} x_c / |C_{rf}|`.
    Drawn with R down the rows (5 at the top) and F across (1 on the left), recent frequent
    buyers sit top-right and lapsed one-time buyers bottom-left.

    References
    ----------
    Hughes, A. M. (1994). *Strategic Database Marketing*. Chicago: Probus.

    Examples
    --------
    >>> cv = pd.DataFrame({"recency_days": [5, 40, 10, 200, 90],
    ...                    "frequency": [8, 1, 3, 1, 2],
    ...                    "revenue": [300.0, 20.0, 150.0, 15.0, 60.0]}, index=list("abcde"))
    >>> rfm_matrix(rfm_scores(cv, bins=2), cv).round(2)
       R  F  customers  customer_share  mean_revenue
    0  2  2          2             0.4        225.00
    1  1  1          3             0.6         31.67
    """
    check_frame(rfm, "rfm"), check_frame(customer_values, "customer_values")
    missing = [c for c in ("R", "F") if c not in rfm.columns]
    if missing:
        raise ServiceLabError("tiers.missing_columns", missing=", ".join(missing), found=", ".join(map(str, rfm.columns)))
    if "revenue" not in customer_values.columns:
        raise ServiceLabError("tiers.need_values", found=", ".join(map(str, customer_values.columns)))
    frame = pd.DataFrame({"R": rfm["R"], "F": rfm["F"],
                          "revenue": customer_values["revenue"].reindex(rfm.index).astype(float)}).dropna(subset=["R", "F"])
    if frame.empty:
        raise ServiceLabError("tiers.no_values")
    frame = frame.astype({"R": int, "F": int})
    cells = frame.groupby(["R", "F"], sort=True).agg(customers=("revenue", "size"), mean_revenue=("revenue", "mean"))
    cells = cells.reset_index().sort_values(["R", "F"], ascending=[False, True], kind="stable").reset_index(drop=True)
    cells.insert(3, "customer_share", cells["customers"] / cells["customers"].sum())
    return cells
