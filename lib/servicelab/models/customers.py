"""Who the customers are and which to pursue (COURSE_MAP C1.4, C1.5, C1.7, C1.8, C1.12).

* :func:`customer_natures`, :func:`identification_questions` — the course's classification of
  customers by nature (C1.4) and the three questions that identify customer groups (C1.5), as
  small bilingual tables;
* :func:`strategic_score` — the seven criteria for strategic customers as a weighted score and a
  ranking (C1.7);
* :func:`customer_strategy`, :func:`strategy_matrix` — the customer strategy matrix: existing/new
  customers × existing/new products → loyalty, expansion, acquisition, diversification, with a
  risk level (C1.8);
* :func:`value_price_map` — place offers by perceived value and price against a fair-value line and
  read off the strategic direction (C1.12).

Data carries stable codes; the ``*_label`` columns and :func:`servicelab.i18n.t` give the names.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ServiceLabError
from ._inputs import check_frame, check_lang, check_mapping, check_number, check_text

__all__ = [
    "CUSTOMER_NATURES",
    "IDENTIFICATION_QUESTIONS",
    "STRATEGIC_CRITERIA",
    "STRATEGIES",
    "CustomerStrategy",
    "customer_natures",
    "identification_questions",
    "normalised_weights",
    "strategic_score",
    "customer_strategy",
    "strategy_matrix",
    "value_price_map",
]

#: Customers by nature (C1.4): retail customers, businesses, channels, internal customers.
CUSTOMER_NATURES: tuple[str, ...] = ("retail", "business", "channel", "internal")
#: The three questions that identify customer groups (C1.5).
IDENTIFICATION_QUESTIONS: tuple[str, ...] = ("revenue_source", "decision_maker", "beneficiary")
#: The seven criteria for strategic customers (C1.7), in the course's order.
STRATEGIC_CRITERIA: tuple[str, ...] = (
    "transaction_scale",
    "influence",
    "stability",
    "competition",
    "value_adding",
    "cost_saving",
    "future_potential",
)
#: Strategy codes, from the lowest risk to the highest.
STRATEGIES: tuple[str, ...] = ("loyalty", "expansion", "acquisition", "diversification")
_MATRIX = {
    ("existing", "existing"): "loyalty",
    ("existing", "new"): "expansion",
    ("new", "existing"): "acquisition",
    ("new", "new"): "diversification",
}
_RISK = {"loyalty": 1, "expansion": 2, "acquisition": 2, "diversification": 3}


def _lookup_table(prefix: str, codes: Sequence[str], lang: str) -> pd.DataFrame:
    from ..i18n import t

    return pd.DataFrame(
        {
            "code": list(codes),
            "name": [t(f"{prefix}.{c}", lang) for c in codes],
            "description": [t(f"{prefix}.{c}.description", lang) for c in codes],
        }
    )


def customer_natures(lang: str = "zh") -> pd.DataFrame:
    """Customers classified by nature (C1.4), with a short description of each.

    Parameters
    ----------
    lang : {"zh", "en"}
        Language of the names and descriptions.

    Returns
    -------
    pandas.DataFrame
        One row per group of :data:`CUSTOMER_NATURES` (retail customers, businesses, channels,
        internal customers), columns ``code``, ``name``, ``description``.

    Examples
    --------
    >>> customer_natures("en")["name"].tolist()
    ['Retail customers', 'Businesses', 'Channels', 'Internal customers']
    """
    check_lang(lang)
    return _lookup_table("customers.nature", CUSTOMER_NATURES, lang)


def identification_questions(lang: str = "zh") -> pd.DataFrame:
    """The three questions that identify a firm's customer groups (C1.5).

    Parameters
    ----------
    lang : {"zh", "en"}
        Language of the questions and their explanations.

    Returns
    -------
    pandas.DataFrame
        One row per question of :data:`IDENTIFICATION_QUESTIONS` (where revenue comes from, who
        decides, who benefits), columns ``code``, ``name`` (the question), ``description``.

    Examples
    --------
    >>> identification_questions("zh")["name"].tolist()
    ['企业的收入来自哪里？', '谁决定购买？', '谁从产品或服务中受益？']
    """
    check_lang(lang)
    return _lookup_table("customers.question", IDENTIFICATION_QUESTIONS, lang)


# --------------------------------------------------------------------------- shared checks
def _check_scale(low: float, high: float) -> None:
    """A rating scale must run upwards (also used by :mod:`.service_types`)."""
    check_number(low, "low"), check_number(high, "high")
    if not high > low:
        raise ServiceLabError("customers.bad_scale", low=low, high=high)


def _check_in_scale(frame: pd.DataFrame, columns: Sequence[str], low: float, high: float) -> pd.DataFrame:
    """The ``columns`` of ``frame`` as numbers, every one in [low, high]; the first bad cell is named."""
    numbers = frame[list(columns)].apply(pd.to_numeric, errors="coerce")
    for column in columns:
        col = numbers[column]
        bad = col.isna() | (col < low) | (col > high)
        if bad.any():
            row = bad.idxmax()
            raise ServiceLabError(
                "customers.rating_range", row=row, column=column, value=frame.at[row, column], low=low, high=high
            )
    return numbers


# --------------------------------------------------------------------------- C1.7 strategic score
def normalised_weights(weights: Mapping[str, float] | None = None) -> pd.Series:
    """Importance points on the seven strategic criteria turned into weights that sum to 1.

    Parameters
    ----------
    weights : mapping of criterion code to float, optional
        Any non-negative numbers (points, 0–10 importance ratings …); criteria left out get 0.
        Without weights, all seven count equally.

    Returns
    -------
    pandas.Series
        Indexed by the criteria of :data:`STRATEGIC_CRITERIA` (in the course's order), summing
        to 1; named ``weight``.

    Notes
    -----
    :math:`w_j = v_j / \\sum_k v_k`; the weights used by :func:`strategic_score`.

    Examples
    --------
    >>> normalised_weights({"transaction_scale": 30, "future_potential": 10}).round(2).to_dict()
    ... # doctest: +NORMALIZE_WHITESPACE
    {'transaction_scale': 0.75, 'influence': 0.0, 'stability': 0.0, 'competition': 0.0,
     'value_adding': 0.0, 'cost_saving': 0.0, 'future_potential': 0.25}
    """
    if weights is None:
        return pd.Series(1 / len(STRATEGIC_CRITERIA), index=list(STRATEGIC_CRITERIA), name="weight")
    for k, v in check_mapping(weights, "weights").items():  # None: "missing", refused below
        if v is not None:
            check_number(v, f"weights[{k}]", low=0, key="customers.weight_negative", key_params={"name": k, "value": v})
    w = pd.Series(dict(weights), dtype=float)
    unknown = [c for c in w.index if c not in STRATEGIC_CRITERIA]
    if unknown:
        raise ServiceLabError(
            "customers.unknown_criterion", name=", ".join(map(str, unknown)), allowed=", ".join(STRATEGIC_CRITERIA)
        )
    for name, value in w.items():
        if not np.isfinite(value) or value < 0:
            raise ServiceLabError("customers.weight_negative", name=name, value=value)
    if w.sum() <= 0:
        raise ServiceLabError("customers.weights_zero")
    w = w.reindex(list(STRATEGIC_CRITERIA), fill_value=0.0)
    return (w / w.sum()).rename("weight")


def strategic_score(
    ratings: pd.DataFrame,
    weights: Mapping[str, float] | None = None,
    *,
    low: float = 1,
    high: float = 5,
) -> pd.DataFrame:
    """Weighted strategic-customer score on the seven criteria, and the ranking (C1.7).

    Parameters
    ----------
    ratings : pandas.DataFrame
        One row per customer (the index names the customer), one column per criterion code in
        :data:`STRATEGIC_CRITERIA` (only the criteria that carry weight are needed). Rate every
        criterion so that a *higher* rating means *more strategic* — for ``competition`` (rivals
        competing for the same customer), rate how much the customer is worth contesting.
    weights : mapping of criterion code to float, optional
        Relative importance of each criterion. Any non-negative numbers (e.g. 100 points spread
        over the criteria, or 1–10 importance ratings): they are normalised to sum to 1. Criteria
        left out get weight 0. Without weights, all seven count equally.
    low, high : float
        The rating scale (1–5 by default); every rating must lie in it.

    Returns
    -------
    pandas.DataFrame
        Indexed by customer, sorted from the most strategic: ``weighted_score`` (on the rating
        scale), ``score_100`` (0 = all ratings at ``low``, 100 = all at ``high``) and ``rank``
        (1 = most strategic; equal scores share the better rank).

    Notes
    -----
    With normalised weights :math:`w_j = v_j / \\sum_k v_k` and ratings :math:`r_{ij}`:

    .. math:: S_i = \\sum_j w_j r_{ij}, \\qquad S_i^{100} = 100\\,\\frac{S_i - \\text{low}}{\\text{high} - \\text{low}}

    The weights are those of :func:`normalised_weights`. The seven criteria are the course's
    (seed S4); scoring them as a weighted sum is the standard weighted-factor (multi-attribute)
    scoring model.

    References
    ----------
    Keeney, R. L., & Raiffa, H. (1976). *Decisions with Multiple Objectives: Preferences and
    Value Tradeoffs*. New York: Wiley.

    Examples
    --------
    >>> ratings = pd.DataFrame(
    ...     {"transaction_scale": [5, 2], "influence": [3, 4], "stability": [4, 3],
    ...      "competition": [2, 3], "value_adding": [3, 5], "cost_saving": [3, 2],
    ...      "future_potential": [5, 5]},
    ...     index=["Retail chain", "Start-up"])
    >>> w = {"transaction_scale": 30, "influence": 10, "stability": 20, "competition": 10,
    ...      "value_adding": 10, "cost_saving": 10, "future_potential": 10}
    >>> strategic_score(ratings, w).round(2)  # doctest: +NORMALIZE_WHITESPACE
                  weighted_score  score_100  rank
    Retail chain             3.9      72.5     1
    Start-up                 3.1      52.5     2
    """
    check_frame(ratings, "ratings")
    _check_scale(low, high)
    w = normalised_weights(weights)
    w = w[w > 0]
    missing = [c for c in w.index if c not in ratings.columns]
    if missing:
        raise ServiceLabError(
            "customers.missing_criteria", missing=", ".join(missing), found=", ".join(map(str, ratings.columns))
        )
    if ratings.empty:
        raise ServiceLabError("customers.no_customers")
    values = _check_in_scale(ratings, list(w.index), low, high)
    # A convex combination of ratings in [low, high]; clip only floating-point noise.
    score = np.clip(values.to_numpy(dtype=float) @ w.to_numpy(), low, high)
    out = pd.DataFrame({"weighted_score": score}, index=ratings.index)
    out["score_100"] = 100 * (out["weighted_score"] - low) / (high - low)
    out["rank"] = out["weighted_score"].round(12).rank(method="min", ascending=False).astype(int)
    return out.sort_values("rank", kind="stable")


# --------------------------------------------------------------------------- C1.8 strategy matrix
@dataclass(frozen=True)
class CustomerStrategy:
    """One cell of the customer strategy matrix.

    Attributes
    ----------
    code : str
        ``"loyalty"``, ``"expansion"``, ``"acquisition"`` or ``"diversification"``.
    customers, products : str
        ``"existing"`` or ``"new"``.
    risk : int
        1 (lowest) to 3 (highest).
    """

    code: str
    customers: str
    products: str
    risk: int

    def label(self, lang: str = "zh") -> str:
        """Name of the strategy in ``lang``."""
        from ..i18n import t

        return t(f"customers.strategy.{self.code}", lang)


def customer_strategy(customers: str, products: str) -> CustomerStrategy:
    """The strategy for a customer × product combination (C1.8).

    Parameters
    ----------
    customers : {"existing", "new"}
        Serve the firm's existing customers, or win new ones.
    products : {"existing", "new"}
        With the existing products/services, or with new ones.

    Returns
    -------
    CustomerStrategy

    Notes
    -----
    ======================  ======================  =====================
    \\                       existing products       new products
    ======================  ======================  =====================
    existing customers      loyalty 客户忠诚 (1)     expansion 客户扩充 (2)
    new customers           acquisition 客户获得 (2) diversification 客户多样化 (3)
    ======================  ======================  =====================

    Risk in brackets. The course fixes diversification — new products for new customers — as the
    riskiest; loyalty, where both customers and products are known, is the safest. Expansion and
    acquisition change one of the two and share the middle level, following the logic of
    Ansoff's product–market grid, of which this matrix is the customer-side reading.

    References
    ----------
    Ansoff, H. I. (1957). Strategies for diversification. *Harvard Business Review*, 35(5),
    113–124.

    Examples
    --------
    >>> s = customer_strategy("new", "new")
    >>> s.code, s.risk, s.label("zh")
    ('diversification', 3, '客户多样化战略')
    """
    key = (str(customers).strip().lower(), str(products).strip().lower())
    for name, value in zip(("customers", "products"), key):
        if value not in ("existing", "new"):
            raise ServiceLabError("customers.error.bad_option", parameter=name, value=value, allowed="existing, new")
    code = _MATRIX[key]
    return CustomerStrategy(code=code, customers=key[0], products=key[1], risk=_RISK[code])


def strategy_matrix(lang: str | None = None) -> pd.DataFrame:
    """The whole 2 × 2 matrix as a table, from the lowest risk to the highest.

    Parameters
    ----------
    lang : {"zh", "en"}, optional
        Add a ``strategy_name`` column in this language.

    Returns
    -------
    pandas.DataFrame
        Four rows (loyalty, expansion, acquisition, diversification), columns ``customers``,
        ``products`` (``"existing"``/``"new"``), ``strategy`` (code), ``risk`` (1–3) and
        optionally ``strategy_name``; built cell by cell with :func:`customer_strategy`.

    Examples
    --------
    >>> strategy_matrix("en")[["customers", "products", "strategy", "risk"]]
      customers  products         strategy  risk
    0  existing  existing          loyalty     1
    1  existing       new        expansion     2
    2       new  existing      acquisition     2
    3       new       new  diversification     3
    """
    check_lang(lang, allow_none=True)
    rows = [customer_strategy(c, p) for c, p in _MATRIX]
    out = pd.DataFrame(
        {
            "customers": [s.customers for s in rows],
            "products": [s.products for s in rows],
            "strategy": [s.code for s in rows],
            "risk": [s.risk for s in rows],
        }
    )
    if lang is not None:
        out["strategy_name"] = [s.label(lang) for s in rows]
    return out


# --------------------------------------------------------------------------- C1.12 value–price map
def value_price_map(
    offers: pd.DataFrame,
    *,
    value: str = "value",
    price: str = "price",
    fair_slope: float = 1.0,
    fair_intercept: float = 0.0,
    tolerance: float = 0.5,
    low: float = 1,
    high: float = 10,
    lang: str | None = None,
) -> pd.DataFrame:
    """Place offers on the customer value–price map and read the strategic direction (C1.12).

    Parameters
    ----------
    offers : pandas.DataFrame
        One row per offer (the firm's and its competitors'), index = offer name, with perceived
        value and price as customers see them, both rated on the same scale.
    value, price : str
        Column names.
    fair_slope, fair_intercept : float
        The fair-value line: value customers expect for a price,
        ``fair_value = fair_intercept + fair_slope × price`` (the diagonal by default).
    tolerance : float
        Half-width of the band around the line counted as "on the line" (in rating points).
        A gap exactly equal to ``tolerance`` counts as on the line.
    low, high : float
        The rating scale; every value and price must lie in it.
    lang : {"zh", "en"}, optional
        Add ``position_name`` and ``direction_name`` columns in this language.

    Returns
    -------
    pandas.DataFrame
        Columns ``value``, ``price``, ``fair_value``, ``value_gap`` (value − fair value),
        ``position`` and ``direction`` codes.

    Notes
    -----
    ``value_gap > tolerance`` → position ``above_line`` (better value than the price asks):
    direction ``gain_share`` — customers see a bargain; the firm can win share, or raise the
    price towards the line. ``value_gap < −tolerance`` → ``below_line``: direction
    ``raise_value_or_cut_price`` — the offer loses customers unless value rises or price falls.
    On the line the offer is fairly priced, and its direction is its market position along the
    line, by price: upper third of the scale ``premium``, middle ``mid_market``, lower third
    ``economy``.

    References
    ----------
    Gale, B. T. (1994). *Managing Customer Value: Creating Quality and Service That Customers Can
    See*. New York: Free Press.

    Examples
    --------
    >>> offers = pd.DataFrame({"value": [8, 5, 3, 9], "price": [5, 5, 6, 9]},
    ...                       index=["Us", "Rival A", "Rival B", "Rival C"])
    >>> value_price_map(offers)[["value_gap", "position", "direction"]]
    ... # doctest: +NORMALIZE_WHITESPACE
             value_gap    position                 direction
    Us             3.0  above_line                gain_share
    Rival A        0.0     on_line                mid_market
    Rival B       -3.0  below_line  raise_value_or_cut_price
    Rival C        0.0     on_line                   premium
    """
    check_frame(offers, "offers"), check_lang(lang, allow_none=True)
    _check_scale(low, high)
    tolerance = check_number(tolerance, "tolerance", low=0, key="customers.bad_tolerance", key_params={"value": tolerance})
    fair_slope, fair_intercept = check_number(fair_slope, "fair_slope"), check_number(fair_intercept, "fair_intercept")
    check_text(value, "value"), check_text(price, "price")
    missing = [c for c in (value, price) if c not in offers.columns]
    if missing:
        raise ServiceLabError(
            "customers.missing_criteria", missing=", ".join(missing), found=", ".join(map(str, offers.columns))
        )
    if offers.empty:
        raise ServiceLabError("customers.no_customers")
    numbers = _check_in_scale(offers, [value, price], low, high)
    out = pd.DataFrame({"value": numbers[value].astype(float), "price": numbers[price].astype(float)})
    out["fair_value"] = fair_intercept + fair_slope * out["price"]
    out["value_gap"] = out["value"] - out["fair_value"]
    gap = out["value_gap"].round(12)
    third = (high - low) / 3
    band = np.where(out["price"] > high - third, "premium", np.where(out["price"] < low + third, "economy", "mid_market"))
    out["position"] = np.where(gap > tolerance, "above_line", np.where(gap < -tolerance, "below_line", "on_line"))
    out["direction"] = np.where(
        out["position"] == "above_line",
        "gain_share",
        np.where(out["position"] == "below_line", "raise_value_or_cut_price", band),
    )
    if lang is not None:
        from ..i18n import t

        out["position_name"] = [t(f"customers.position.{p}", lang) for p in out["position"]]
        out["direction_name"] = [t(f"customers.direction.{d}", lang) for d in out["direction"]]
    return out
