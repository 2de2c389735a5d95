"""Customer delivered value (Kotler): what a customer gets minus what it costs them (concept C2.2).

Total customer value (TCV) adds product, service, personnel and image value; total customer cost
(TCC) adds monetary, time, energy (physical) and psychic costs. Customers are assumed to choose the
offer with the largest delivered value. All amounts are in one common unit chosen by the user
(e.g. yuan-equivalents or points).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ServiceLabError
from ._inputs import check_frame, check_mapping, check_names, check_text

#: Kotler's value components (labels: ``t("value.component.product")`` …).
VALUE_COMPONENTS: tuple[str, ...] = ("product", "service", "personnel", "image")
#: Kotler's cost components: money, time, energy (physical effort), psychic (mental strain).
COST_COMPONENTS: tuple[str, ...] = ("money", "time", "energy", "psychic")


def _components(parts: Mapping[str, float], side: str) -> dict[str, float]:
    check_mapping(parts, {"TCV": "total_value", "TCC": "total_cost"}.get(side, side))
    if not parts:
        raise ServiceLabError("value.error.empty", side=side)
    out = {}
    for name, amount in parts.items():
        try:
            x = float(amount)
        except (TypeError, ValueError):
            x = math.nan
        if not (math.isfinite(x) and x >= 0):
            raise ServiceLabError("value.error.negative", side=side, component=name, value=amount)
        out[str(name)] = x
    return out


@dataclass(frozen=True)
class DeliveredValue:
    """Customer delivered value of one offer (see :func:`customer_delivered_value`)."""

    values: dict = field(repr=False)
    costs: dict = field(repr=False)
    total_value: float
    total_cost: float

    @property
    def delivered_value(self) -> float:
        """CDV = TCV − TCC."""
        return self.total_value - self.total_cost

    @property
    def value_cost_ratio(self) -> float:
        """TCV / TCC (``inf`` when the offer costs nothing but gives value, NaN when both are 0)."""
        if self.total_cost == 0:
            return math.inf if self.total_value > 0 else math.nan
        return self.total_value / self.total_cost


def customer_delivered_value(total_value: Mapping[str, float], total_cost: Mapping[str, float]) -> DeliveredValue:
    """Customer delivered value: total customer value minus total customer cost.

    Parameters
    ----------
    total_value : mapping of str to float
        Value components, e.g. ``{"product": 60, "service": 20, "personnel": 10, "image": 10}``
        (Kotler's four: :data:`VALUE_COMPONENTS`); each a finite number ≥ 0.
    total_cost : mapping of str to float
        Cost components, e.g. ``{"money": 50, "time": 10, "energy": 5, "psychic": 5}``
        (:data:`COST_COMPONENTS`); each a finite number ≥ 0.

    Returns
    -------
    DeliveredValue
        ``total_value`` (TCV), ``total_cost`` (TCC), and the properties ``delivered_value`` (CDV)
        and ``value_cost_ratio`` (TCV/TCC); the components are kept in ``values`` and ``costs``.

    Raises
    ------
    ServiceLabError
        If a side has no components, or a component is negative or not a finite number.

    Notes
    -----
    .. math:: TCV = V_{product} + V_{service} + V_{personnel} + V_{image}
    .. math:: TCC = C_{money} + C_{time} + C_{energy} + C_{psychic}
    .. math:: CDV = TCV - TCC, \\qquad \\text{ratio} = TCV / TCC

    Some texts express delivered value as the ratio instead of the difference; both rank offers by
    "more value per cost" but may disagree between a large, expensive offer and a small, cheap one.

    References
    ----------
    Kotler, P. (1994). *Marketing management: analysis, planning, implementation, and control*
    (8th ed.). Prentice Hall (customer delivered value).

    Examples
    --------
    >>> cdv = customer_delivered_value(
    ...     {"product": 60, "service": 20, "personnel": 10, "image": 10},
    ...     {"money": 50, "time": 10, "energy": 5, "psychic": 5})
    >>> cdv.total_value, cdv.total_cost, cdv.delivered_value, round(cdv.value_cost_ratio, 4)
    (100.0, 70.0, 30.0, 1.4286)
    """
    values = _components(total_value, "TCV")
    costs = _components(total_cost, "TCC")
    return DeliveredValue(values=values, costs=costs, total_value=float(sum(values.values())),
                          total_cost=float(sum(costs.values())))


def compare_offers(offers: pd.DataFrame, *, offer_column: str = "offer",
                   value_columns: Sequence[str] = VALUE_COMPONENTS,
                   cost_columns: Sequence[str] = COST_COMPONENTS) -> pd.DataFrame:
    """Rank competing offers by customer delivered value.

    Parameters
    ----------
    offers : pandas.DataFrame
        One row per offer: a name column and one column per value and cost component.
    offer_column : str, default "offer"
        Column naming the offer.
    value_columns, cost_columns : sequence of str
        The value and cost component columns (default Kotler's four of each).

    Returns
    -------
    pandas.DataFrame
        One row per offer, largest delivered value first (ties keep the input order): ``rank``
        (1 = best; equal CDV share the rank), ``offer``, ``total_value``, ``total_cost``,
        ``delivered_value``, ``value_cost_ratio`` and ``chosen`` (True for the offer(s) with the
        largest delivered value — the one a customer is expected to pick).

    Raises
    ------
    ServiceLabError
        If a column is missing or a component is negative or not a finite number.

    Notes
    -----
    Per offer, :math:`CDV = \\sum \\text{value columns} - \\sum \\text{cost columns}`
    (see :func:`customer_delivered_value`).

    References
    ----------
    Kotler, P. (1994). *Marketing management* (8th ed.). Prentice Hall.

    Examples
    --------
    >>> offers = pd.DataFrame({"offer": ["A", "B"], "product": [60, 50], "service": [10, 30],
    ...                        "money": [40, 45], "time": [10, 5]})
    >>> res = compare_offers(offers, value_columns=["product", "service"], cost_columns=["money", "time"])
    >>> res[["offer", "delivered_value", "chosen"]].values.tolist()
    [['B', 30.0, True], ['A', 20.0, False]]
    """
    check_frame(offers, "offers")
    check_text(offer_column, "offer_column")
    value_columns, cost_columns = check_names(value_columns, "value_columns", min_size=0), check_names(cost_columns, "cost_columns", min_size=0)
    needed = [offer_column, *value_columns, *cost_columns]
    missing = [c for c in needed if c not in offers.columns]
    if missing or not value_columns or not cost_columns:
        raise ServiceLabError("value.error.columns", columns=", ".join(missing) or "-")
    rows = []
    for _, row in offers.iterrows():
        name = row[offer_column]
        try:
            res = customer_delivered_value({c: row[c] for c in value_columns},
                                           {c: row[c] for c in cost_columns})
        except ServiceLabError as exc:  # name the offer too, not only the component
            raise ServiceLabError("value.error.offer_cell", offer=name, column=exc.params.get("component", "-"),
                                  value=exc.params.get("value", "-")) from None
        rows.append({"offer": name, "total_value": res.total_value, "total_cost": res.total_cost,
                     "delivered_value": res.delivered_value, "value_cost_ratio": res.value_cost_ratio})
    out = pd.DataFrame(rows, columns=["offer", "total_value", "total_cost", "delivered_value", "value_cost_ratio"])
    out = out.sort_values("delivered_value", ascending=False, kind="mergesort").reset_index(drop=True)
    cdv = out["delivered_value"].round(12)
    out.insert(0, "rank", cdv.rank(ascending=False, method="min").astype(int).to_numpy())
    out["chosen"] = np.asarray(cdv == cdv.max()) if len(out) else np.array([], dtype=bool)
    return out


#: The "service side" of delivered value (seed: 服务价值、人员价值和形象价值 … 时间成本、精神成本和体力成本),
#: where firms compete once product value and price are level (C2.3); the rest is the "core side".
SERVICE_VALUE: tuple[str, ...] = ("service", "personnel", "image")
SERVICE_COST: tuple[str, ...] = ("time", "energy", "psychic")


def value_rankings(offers: pd.DataFrame, *, offer_column: str = "offer") -> pd.DataFrame:
    """Rank offers by delivered value (TCV − TCC) and by the ratio TCV / TCC, side by side.

    Parameters
    ----------
    offers : pandas.DataFrame
        One row per offer: ``offer_column`` and Kotler's eight component columns
        (:data:`VALUE_COMPONENTS`, :data:`COST_COMPONENTS`), each a finite number ≥ 0.
    offer_column : str, default "offer"

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`compare_offers` (largest delivered value first; ``rank`` is the rank by
        the difference) plus ``ratio_rank`` (1 = largest TCV/TCC; equal ratios share the rank; an
        offer with no cost and some value has an infinite ratio and ranks first; value 0 and cost 0
        ranks last), ``core`` (product value − money cost) and ``service_side`` (service +
        personnel + image value − time − energy − psychic cost); ``core + service_side`` is the
        delivered value.

    Raises
    ------
    ServiceLabError
        As :func:`compare_offers`; also when two offers have the same name.

    Notes
    -----
    .. math:: CDV = TCV - TCC = \\underbrace{(V_{product} - C_{money})}_{core}
              + \\underbrace{(V_{service} + V_{personnel} + V_{image} - C_{time} - C_{energy} - C_{psychic})}_{service\\ side}

    The course defines delivered value as the difference and says customers pick the offer with
    the largest one. The ratio favours a small, cheap offer: it says how much value each unit of
    cost buys, not how much the customer is left with, so the two rankings can disagree.

    References
    ----------
    Kotler, P. (1994). *Marketing management* (8th ed.). Prentice Hall.

    Examples
    --------
    >>> offers = pd.DataFrame({"offer": ["Big", "Small"], "product": [120, 40], "service": [40, 10],
    ...     "personnel": [20, 5], "image": [20, 5], "money": [100, 20], "time": [20, 5],
    ...     "energy": [15, 3], "psychic": [15, 2]})
    >>> r = value_rankings(offers)
    >>> r[["offer", "delivered_value", "rank", "value_cost_ratio", "ratio_rank"]].values.tolist()
    [['Big', 50.0, 1, 1.3333333333333333, 2], ['Small', 30.0, 2, 2.0, 1]]
    >>> r[["core", "service_side"]].values.tolist()
    [[20.0, 30.0], [20.0, 10.0]]
    """
    out = compare_offers(offers, offer_column=offer_column)
    dup = offers[offer_column][offers[offer_column].duplicated()]
    if len(dup):
        raise ServiceLabError("vt.error.duplicate_offer", offer=dup.iloc[0])
    ratio = out["value_cost_ratio"].to_numpy(dtype=float)
    key = np.where(np.isnan(ratio), -np.inf, np.round(ratio, 12))
    out["ratio_rank"] = 1 + (key[None, :] > key[:, None]).sum(axis=1)      # rank "min": 1 + number above
    parts = offers[[*VALUE_COMPONENTS, *COST_COMPONENTS]].to_numpy(dtype=float)  # validated by compare_offers
    core = dict(zip(offers[offer_column], parts[:, 0] - parts[:, 4]))
    service = dict(zip(offers[offer_column], parts[:, 1:4].sum(axis=1) - parts[:, 5:8].sum(axis=1)))
    out["core"] = [float(core[name]) for name in out["offer"]]
    out["service_side"] = [float(service[name]) for name in out["offer"]]
    return out


def rankings_agree(rankings: pd.DataFrame) -> bool:
    """True when the difference and the ratio rank every offer the same (see :func:`value_rankings`).

    Parameters
    ----------
    rankings : pandas.DataFrame
        Output of :func:`value_rankings` (columns ``rank`` and ``ratio_rank``).

    Returns
    -------
    bool

    Examples
    --------
    >>> rankings_agree(pd.DataFrame({"rank": [1, 2], "ratio_rank": [2, 1]}))
    False
    """
    check_frame(rankings, "rankings")
    missing = [c for c in ("rank", "ratio_rank") if c not in rankings.columns]
    if missing:
        raise ServiceLabError("value.error.columns", columns=", ".join(missing))
    return bool((rankings["rank"].to_numpy() == rankings["ratio_rank"].to_numpy()).all())
