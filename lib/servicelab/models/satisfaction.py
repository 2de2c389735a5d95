"""Customer satisfaction: disconfirmation scores, ACSI-style index, NPS, indicators, loyalty zones.

Course concepts C3.8 (satisfaction = perceived performance − expectation), C3.10 (the five
satisfaction indicators) and C5.7 (satisfaction versus loyalty).

Every function takes plain numbers (lists, arrays, pandas Series or dicts) and returns a tidy
DataFrame, a float or a small dataclass. Level, zone and type columns hold *codes*; translate them
with ``t("satisfaction.level." + code)``, ``t("satisfaction.zone." + code)`` and so on.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd

from ..errors import ServiceLabError
from ._inputs import (check_choice, check_number, check_range, check_sequence, checked_scale, is_sequence,
                      labelled_values, number_text, shown)

#: Satisfaction level codes, best first (the course's three levels).
LEVELS: tuple[str, ...] = ("very_satisfied", "satisfied", "dissatisfied")

#: The five satisfaction indicators of the course (S3, C3.10), in the course's order.
INDICATORS: tuple[str, ...] = ("reputation", "awareness", "repeat_rate", "complaint_rate", "sales_power")

#: Jones & Sasser (1995) zones along the satisfaction axis, lowest first.
ZONES: tuple[str, ...] = ("defection", "indifference", "affection")

#: Jones & Sasser (1995) customer types from satisfaction × loyalty.
CUSTOMER_TYPES: tuple[str, ...] = ("apostle", "mercenary", "hostage", "defector")


# ----------------------------------------------------------------------------------- helpers








def _pair(perceived, expected) -> tuple[np.ndarray, np.ndarray, list]:
    p, labels = labelled_values(perceived, "perceived")
    e, _ = labelled_values(expected, "expected")
    if p.size != e.size:
        raise ServiceLabError("satisfaction.error.length_mismatch", first="perceived", n_first=p.size,
                              second="expected", n_second=e.size)
    return p, e, labels


def _check_tolerance(tolerance: float) -> float:
    return check_number(tolerance, "tolerance", low=0, key="satisfaction.error.tolerance",
                        key_params={"value": tolerance})


# ------------------------------------------------------------------------ disconfirmation
def satisfaction_difference(perceived, expected, *, tolerance: float = 0.0) -> pd.DataFrame:
    """Satisfaction as the gap between perceived performance and expectation (满意度 = 感知 − 期望).

    Parameters
    ----------
    perceived, expected : array_like, pandas.Series or mapping
        Perceived performance and expectation of the same items (or customers), on the same scale.
        Labels are taken from the Series index or the mapping's keys, else 1..n.
    tolerance : float, default 0
        Half-width of the band counted as "equal": a difference with ``|P − E| ≤ tolerance`` is
        ``"satisfied"``. The course says only "= 0"; with averaged ratings a small band is
        usually more sensible.

    Returns
    -------
    pandas.DataFrame
        One row per item: ``item``, ``perceived``, ``expected``, ``difference`` (P − E) and
        ``level`` (``"very_satisfied"`` above the band, ``"satisfied"`` inside it,
        ``"dissatisfied"`` below it; missing values give a missing level).

    Notes
    -----
    .. math:: S = P - E

    The expectancy–disconfirmation view: expectations exceeded (S > 0) satisfy, expectations
    not met (S < 0) dissatisfy.

    References
    ----------
    Oliver, R. L. (1980). A cognitive model of the antecedents and consequences of satisfaction
    decisions. *Journal of Marketing Research*, 17(4), 460–469.

    Examples
    --------
    >>> df = satisfaction_difference({"speed": 6, "price": 4, "staff": 5}, {"speed": 5, "price": 5, "staff": 5})
    >>> df[["item", "difference", "level"]].values.tolist()
    [['speed', 1.0, 'very_satisfied'], ['price', -1.0, 'dissatisfied'], ['staff', 0.0, 'satisfied']]
    """
    tolerance = _check_tolerance(tolerance)
    p, e, labels = _pair(perceived, expected)
    diff = p - e
    level = np.where(diff > tolerance, "very_satisfied", np.where(diff < -tolerance, "dissatisfied", "satisfied"))
    out = pd.DataFrame({"item": labels, "perceived": p, "expected": e, "difference": diff, "level": level})
    out.loc[np.isnan(diff), "level"] = None
    return out


def satisfaction_ratio(perceived, expected, *, tolerance: float = 0.0) -> pd.DataFrame:
    """Satisfaction as the ratio of perceived performance to expectation (C = 感知 / 期望).

    Parameters
    ----------
    perceived, expected : array_like, pandas.Series or mapping
        Perceived performance and expectation; expectations must be above 0.
    tolerance : float, default 0
        ``|C − 1| ≤ tolerance`` counts as ``C = 1`` ("satisfied"). The course states the rule for
        an exact 1; the band is this project's parameter.

    Returns
    -------
    pandas.DataFrame
        One row per item: ``item``, ``perceived``, ``expected``, ``ratio`` (P / E) and ``level``
        (C > 1 ``"very_satisfied"``, C = 1 ``"satisfied"``, C < 1 ``"dissatisfied"``).

    Raises
    ------
    ServiceLabError
        If an expectation is 0 or negative (the ratio is then meaningless).

    Notes
    -----
    .. math:: C = P / E

    References
    ----------
    Oliver, R. L. (1980). A cognitive model of the antecedents and consequences of satisfaction
    decisions. *Journal of Marketing Research*, 17(4), 460–469.

    Examples
    --------
    >>> satisfaction_ratio([6, 4, 5.1], [5, 5, 5], tolerance=0.05)[["ratio", "level"]].values.tolist()
    [[1.2, 'very_satisfied'], [0.8, 'dissatisfied'], [1.02, 'satisfied']]
    """
    tolerance = _check_tolerance(tolerance)
    p, e, labels = _pair(perceived, expected)
    bad = np.flatnonzero(~np.isnan(e) & (e <= 0))
    if bad.size:
        raise ServiceLabError("satisfaction.error.expectation_not_positive", row=int(bad[0]) + 1, value=e[bad[0]])
    ratio = p / e
    dev = ratio - 1.0
    level = np.where(dev > tolerance, "very_satisfied", np.where(dev < -tolerance, "dissatisfied", "satisfied"))
    out = pd.DataFrame({"item": labels, "perceived": p, "expected": e, "ratio": ratio, "level": level})
    out.loc[np.isnan(ratio), "level"] = None
    return out


# ------------------------------------------------------------------------------ ACSI index
def acsi_index(means, weights=None, *, scale: Sequence[float] = (1, 10)) -> float:
    """A 0–100 satisfaction index from the mean ratings of its questions (ACSI style).

    Parameters
    ----------
    means : array_like, pandas.Series or mapping
        Mean rating of each question (in the ACSI: overall satisfaction, confirmation of
        expectations, closeness to the ideal), on ``scale``.
    weights : array_like, pandas.Series or mapping, optional
        Weight of each question, non-negative and summing to 1 (within 1e-6); equal weights when
        omitted. In the ACSI the weights come from the estimated structural model; here they are
        the learner's input.
    scale : (low, high), default (1, 10)
        The rating scale; the ACSI uses 1–10.

    Returns
    -------
    float
        The index, 0 (every mean at ``low``) to 100 (every mean at ``high``).

    Notes
    -----
    .. math:: I = \\sum_i w_i \\, \\frac{\\bar x_i - \\text{low}}{\\text{high} - \\text{low}} \\times 100,
              \\qquad \\sum_i w_i = 1

    On the 1–10 scale this is :math:`\\sum_i w_i (\\bar x_i - 1)/9 \\times 100`.

    References
    ----------
    Fornell, C., Johnson, M. D., Anderson, E. W., Cha, J. & Bryant, B. E. (1996). The American
    Customer Satisfaction Index: nature, purpose, and findings. *Journal of Marketing*, 60(4), 7–18.

    Examples
    --------
    >>> round(acsi_index([8, 7.5, 7]), 3)
    72.222
    >>> acsi_index([4, 2], weights=[0.5, 0.5], scale=(1, 5))
    50.0
    """
    low, high = checked_scale(scale)
    x, _ = labelled_values(means, "means")
    check_range(x, "means", low, high)
    if np.isnan(x).any():
        raise ServiceLabError("satisfaction.error.empty", what="means")
    if weights is None:
        w = np.full(x.size, 1.0 / x.size)
    else:
        w, _ = labelled_values(weights, "weights")
        check_sequence(w, "weights")  # NaN, inf: named, not summed
        if w.size != x.size:
            raise ServiceLabError("satisfaction.error.length_mismatch", first="means", n_first=x.size,
                                  second="weights", n_second=w.size)
        neg = np.flatnonzero(w < 0)
        if neg.size:
            raise ServiceLabError("error.weights_negative", name=f"w{int(neg[0]) + 1}", value=w[neg[0]])
        if not abs(w.sum() - 1.0) <= 1e-6:
            raise ServiceLabError("error.weights_sum", expected=1, total=round(float(w.sum()), 6))
    return float(np.sum(w * (x - low) / (high - low)) * 100.0)


# -------------------------------------------------------------------------------------- NPS
@dataclass(frozen=True)
class NetPromoterScore:
    """Result of :func:`net_promoter_score`: counts, shares (percent) and the score."""

    n: int
    promoters: int
    passives: int
    detractors: int
    pct_promoters: float
    pct_passives: float
    pct_detractors: float
    nps: float

    def to_frame(self) -> pd.DataFrame:
        """Tidy frame: one row per group (``promoters``, ``passives``, ``detractors``)."""
        return pd.DataFrame({
            "group": ["promoters", "passives", "detractors"],
            "count": [self.promoters, self.passives, self.detractors],
            "percent": [self.pct_promoters, self.pct_passives, self.pct_detractors],
        })


def net_promoter_score(scores) -> NetPromoterScore:
    """Net Promoter Score from 0–10 "would you recommend us?" ratings.

    Parameters
    ----------
    scores : array_like or pandas.Series
        Whole-number ratings 0–10; missing values (NaN) are left out.

    Returns
    -------
    NetPromoterScore
        Counts and percentages of promoters (9–10), passives (7–8) and detractors (0–6), and
        ``nps`` = % promoters − % detractors, from −100 to +100.

    Raises
    ------
    ServiceLabError
        If a rating is outside 0–10 or not a whole number, or no rating is left.

    Notes
    -----
    .. math:: \\text{NPS} = 100\\,\\frac{n_{9\\text{–}10}}{n} - 100\\,\\frac{n_{0\\text{–}6}}{n}

    References
    ----------
    Reichheld, F. F. (2003). The one number you need to grow. *Harvard Business Review*, 81(12),
    46–54.

    Examples
    --------
    >>> r = net_promoter_score([10, 9, 8, 7, 6, 0, 10, 9, 3, 5])
    >>> r.promoters, r.passives, r.detractors, r.nps
    (4, 2, 4, 0.0)
    """
    x, _ = labelled_values(scores, "scores")
    check_range(x, "score", 0, 10)  # row numbers refer to the input, before missing values go
    frac = np.flatnonzero(~np.isnan(x) & (x != np.round(x)))
    if frac.size:
        raise ServiceLabError("satisfaction.error.not_whole", row=int(frac[0]) + 1, value=x[frac[0]], low=0, high=10)
    x = x[~np.isnan(x)]
    if x.size == 0:
        raise ServiceLabError("satisfaction.error.empty", what="scores")
    pro, det = int((x >= 9).sum()), int((x <= 6).sum())
    return nps_from_counts(pro, int(x.size) - pro - det, det)


# ------------------------------------------------------------------------------ indicators
def satisfaction_indicators(customers: int, *, praising: int | None = None, asking_by_name: int | None = None,
                            repeat_or_referring: int | None = None, complaining: int | None = None,
                            sales: float | None = None, sales_reference: float | None = None) -> pd.DataFrame:
    """The course's five satisfaction indicators as simple rates (this project's operationalisation).

    The course (S3, C3.10) *defines* the five indicators in words and gives no formulas:
    reputation 美誉度 (how far customers praise the company), awareness 知名度 (how far customers
    ask for its product or service by name), repeat-purchase rate 回头率 (the share who buy again
    or bring others after a purchase), complaint rate 抱怨率 (the share who complain after a
    purchase) and sales power 销售力 (the selling power of the product or service). Here each is
    turned into a rate; the first two and the last are this project's choices, not the textbook's.

    Parameters
    ----------
    customers : int
        Customers who bought in the period (the base of every rate), at least 1.
    praising, asking_by_name, repeat_or_referring, complaining : int, optional
        How many of those customers praised the company, asked for it by name, bought again or
        referred someone, complained. Each between 0 and ``customers``; an omitted count gives a
        missing rate.
    sales, sales_reference : float, optional
        Sales in the period and a reference (a target, or the previous period's sales, > 0);
        both are needed for the sales-power rate, else it is missing.

    Returns
    -------
    pandas.DataFrame
        One row per indicator in the course's order: ``indicator`` (code; translate with
        ``t("satisfaction.indicator." + code)`` and ``"satisfaction.indicator_definition."``),
        ``count``, ``base`` and ``rate`` (count / base; for sales power, sales / reference).

    Notes
    -----
    reputation = praising / customers; awareness = asking_by_name / customers;
    repeat_rate = repeat_or_referring / customers; complaint_rate = complaining / customers;
    sales_power = sales / sales_reference. A higher rate is better for all but the complaint rate.

    References
    ----------
    The course's textbook (客户服务管理), section on measuring satisfaction (seed S3).

    Examples
    --------
    >>> df = satisfaction_indicators(200, repeat_or_referring=70, complaining=10)
    >>> df.set_index("indicator").loc[["repeat_rate", "complaint_rate"], "rate"].tolist()
    [0.35, 0.05]
    """
    customers = check_number(customers, "customers", low=1, integer=True, key="satisfaction.error.empty",
                             key_params={"what": "customers"})
    praising, asking_by_name, repeat_or_referring, complaining = (
        check_number(v, k, low=0, high=customers, integer=True, allow_none=True, key="satisfaction.error.count_range",
                     key_params={"what": k, "value": v, "high": customers})
        for k, v in (("praising", praising), ("asking_by_name", asking_by_name),
                     ("repeat_or_referring", repeat_or_referring), ("complaining", complaining)))
    sales = check_number(sales, "sales", low=0, allow_none=True)
    sales_reference = check_number(sales_reference, "sales_reference", allow_none=True)
    counts = {"reputation": praising, "awareness": asking_by_name,
              "repeat_rate": repeat_or_referring, "complaint_rate": complaining}
    rows = []
    for code, c in counts.items():
        if c is not None and not 0 <= c <= customers:
            raise ServiceLabError("satisfaction.error.count_range", what=code, value=c, high=customers)
        rows.append({"indicator": code, "count": c, "base": customers,
                     "rate": np.nan if c is None else c / customers})
    if sales is not None and sales_reference is not None:
        if sales_reference <= 0:
            raise ServiceLabError("satisfaction.error.expectation_not_positive", row=1, value=sales_reference)
        rate = sales / sales_reference
    else:
        rate = np.nan
    rows.append({"indicator": "sales_power", "count": sales, "base": sales_reference, "rate": rate})
    return pd.DataFrame(rows, columns=["indicator", "count", "base", "rate"])


# ---------------------------------------------------------------------- satisfaction–loyalty
def loyalty_zone(satisfaction, loyalty=None, *, scale: Sequence[float] = (1, 5),
                 zone_bounds: Sequence[float] = (2.0, 4.0), satisfied_from: float | None = None,
                 loyal_from: float | None = None) -> pd.DataFrame:
    """Jones & Sasser satisfaction–loyalty zone, and customer type when loyalty is given.

    Parameters
    ----------
    satisfaction : array_like, pandas.Series or mapping
        Satisfaction per customer (or segment) on ``scale``.
    loyalty : array_like, pandas.Series or mapping, optional
        Loyalty (e.g. intention to repurchase) on the same ``scale``.
    scale : (low, high), default (1, 5)
        Jones & Sasser plot satisfaction on a 1–5 scale.
    zone_bounds : (lower, upper), default (2, 4)
        Satisfaction below ``lower`` is the zone of defection, from ``lower`` up to (not
        including) ``upper`` the zone of indifference, from ``upper`` on the zone of affection.
        **(check)** Jones & Sasser draw the zones on a figure and give no exact bounds; 2 and 4
        are read off that figure and are parameters, not published values.
    satisfied_from, loyal_from : float, optional
        Thresholds for the customer type (a value equal to a threshold counts as high):
        satisfied_from defaults to ``zone_bounds[1]`` (only "totally satisfied" customers count
        as satisfied, as the paper stresses) and loyal_from to the scale midpoint. Both are this
        project's illustrative choices.

    Returns
    -------
    pandas.DataFrame
        ``customer``, ``satisfaction``, ``zone`` (``"defection"``, ``"indifference"``,
        ``"affection"``) and, with loyalty, ``loyalty`` and ``customer_type``: ``"apostle"``
        (satisfied, loyal), ``"mercenary"`` (satisfied, not loyal), ``"hostage"`` (not
        satisfied, loyal — often because switching is hard), ``"defector"`` (neither).

    Notes
    -----
    zone = defection if s < lower; indifference if lower ≤ s < upper; affection if s ≥ upper.

    References
    ----------
    Jones, T. O. & Sasser, W. E. (1995). Why satisfied customers defect. *Harvard Business
    Review*, 73(6), 88–99.

    Examples
    --------
    >>> df = loyalty_zone([1.5, 3, 4.5, 5], [4, 2, 5, 2])
    >>> df[["zone", "customer_type"]].values.tolist()
    [['defection', 'hostage'], ['indifference', 'defector'], ['affection', 'apostle'], ['affection', 'mercenary']]
    """
    low, high = checked_scale(scale)
    lower, upper = check_sequence(zone_bounds, "zone_bounds", size=2).tolist()
    satisfied_from = check_number(satisfied_from, "satisfied_from", low=low, high=high, allow_none=True)
    loyal_from = check_number(loyal_from, "loyal_from", low=low, high=high, allow_none=True)
    if not (low <= lower < upper <= high):
        raise ServiceLabError("satisfaction.error.zone_bounds", lower=zone_bounds[0], upper=zone_bounds[1],
                              low=number_text(low), high=number_text(high))
    s, labels = labelled_values(satisfaction, "satisfaction")
    check_range(s, "satisfaction", low, high)
    zone = np.where(s < lower, "defection", np.where(s < upper, "indifference", "affection"))
    out = pd.DataFrame({"customer": labels, "satisfaction": s, "zone": zone})
    out.loc[np.isnan(s), "zone"] = None
    if loyalty is None:
        return out
    l, _ = labelled_values(loyalty, "loyalty")
    if l.size != s.size:
        raise ServiceLabError("satisfaction.error.length_mismatch", first="satisfaction", n_first=s.size,
                              second="loyalty", n_second=l.size)
    check_range(l, "loyalty", low, high)
    s_hi = s >= (upper if satisfied_from is None else satisfied_from)
    l_hi = l >= ((low + high) / 2 if loyal_from is None else loyal_from)
    ctype = np.where(s_hi, np.where(l_hi, "apostle", "mercenary"), np.where(l_hi, "hostage", "defector"))
    out["loyalty"] = l
    out["customer_type"] = ctype
    out.loc[np.isnan(s) | np.isnan(l), "customer_type"] = None
    return out


def nps_from_counts(promoters: int, passives: int, detractors: int) -> NetPromoterScore:
    """Net Promoter Score from the three group counts (as a survey summary reports them).

    Parameters
    ----------
    promoters, passives, detractors : int
        How many answered 9–10, 7–8 and 0–6; whole numbers ≥ 0, at least one answer in all.

    Returns
    -------
    NetPromoterScore
        The same result :func:`net_promoter_score` gives for the ratings behind the counts.

    Notes
    -----
    .. math:: \\text{NPS} = 100\\,\\frac{n_P - n_D}{n_P + n_{Pa} + n_D}

    "Net Promoter" is a registered trademark of Bain & Company, Satmetrix Systems and
    Fred Reichheld.

    References
    ----------
    Reichheld, F. F. (2003). The one number you need to grow. *Harvard Business Review*, 81(12),
    46–54.

    Examples
    --------
    >>> nps_from_counts(50, 30, 20).nps
    30.0
    """
    counts = [check_number(v, k, low=0, integer=True) for k, v in
              (("promoters", promoters), ("passives", passives), ("detractors", detractors))]
    n = sum(counts)
    if n == 0:
        raise ServiceLabError("satisfaction.error.empty", what="promoters + passives + detractors")
    pro, pas, det = counts
    pp, pa, pd_ = 100.0 * pro / n, 100.0 * pas / n, 100.0 * det / n
    return NetPromoterScore(n, pro, pas, det, pp, pa, pd_, pp - pd_)


#: The factors that, in Jones & Sasser (1995), keep dissatisfied customers from leaving in an
#: uncompetitive market (course C5.7), in the course's order.
LOYALTY_FACTORS: tuple[str, ...] = ("restrictive_laws", "switching_costs", "proprietary_technology",
                                    "frequent_customer_programme")


def loyalty_curve(satisfaction=None, *, factors: Sequence[str] = (), factor_strength: float = 0.2,
                  steepness: float = 4.0, scale: Sequence[float] = (1, 5),
                  zone_bounds: Sequence[float] = (2.0, 4.0)) -> pd.DataFrame:
    """A Jones & Sasser satisfaction–loyalty curve (teaching illustration): competitive market by
    default, bent upwards by the factors of an uncompetitive market.

    Parameters
    ----------
    satisfaction : array_like, optional
        Satisfaction values on ``scale`` to evaluate; default 41 points from low to high.
    factors : sequence of str
        The factors present, from :data:`LOYALTY_FACTORS` (restrictive laws, high switching
        costs, proprietary technology, an effective frequent-customer programme). None present =
        a competitive market.
    factor_strength : float, default 0.2
        Share of would-be defectors each factor holds back (0–1). An illustrative parameter.
    steepness : float, default 4
        Exponent of the competitive curve (≥ 1); larger = loyalty stays low for longer and
        rises only near "completely satisfied".
    scale, zone_bounds
        The satisfaction scale and the zone bounds, as in :func:`loyalty_zone`.

    Returns
    -------
    pandas.DataFrame
        ``satisfaction``, ``loyalty`` (0–100, a retention / repurchase-intention percentage) and
        ``zone`` (``"defection"``, ``"indifference"``, ``"affection"``).

    Notes
    -----
    **Teaching illustration, not a fitted law.** With :math:`x = (s - low)/(high - low)` and the
    held-back share :math:`b = 1 - (1 - f)^{k}` for k factors of strength f:

    .. math:: L(s) = 100\\,\\bigl(b + (1 - b)\\,x^{\\gamma}\\bigr)

    b = 0 gives Jones & Sasser's competitive-market shape (loyalty low until customers are
    completely satisfied, then steep); b > 0 lifts the low-satisfaction end, the flat high
    curve of their uncompetitive markets (local telephone, hospitals, airlines of the time). Only
    the shapes come from the paper (read off its figure); the numbers are this project's.

    References
    ----------
    Jones, T. O. & Sasser, W. E. (1995). Why satisfied customers defect. *Harvard Business
    Review*, 73(6), 88–99.

    Examples
    --------
    >>> loyalty_curve([1, 3, 5])["loyalty"].round(2).tolist()
    [0.0, 6.25, 100.0]
    >>> loyalty_curve([1, 5], factors=["switching_costs"])["loyalty"].round(2).tolist()
    [20.0, 100.0]
    """
    low, high = checked_scale(scale)
    f = check_number(factor_strength, "factor_strength", low=0, high=1)
    gamma = check_number(steepness, "steepness", low=1, high=20)
    if isinstance(factors, str) or not is_sequence(factors):
        raise ServiceLabError("error.param.not_sequence", name="factors", value=shown(factors))
    chosen = list(factors)
    for c in chosen:
        check_choice(c, "factors", LOYALTY_FACTORS, key="satisfaction.error.loyalty_factor",
                     key_params={"value": c, "allowed": ", ".join(LOYALTY_FACTORS)})
    if len(set(chosen)) != len(chosen):
        raise ServiceLabError("satisfaction.error.loyalty_factor_twice", value=", ".join(chosen))
    s = np.linspace(low, high, 41) if satisfaction is None else labelled_values(satisfaction, "satisfaction")[0]
    zones = loyalty_zone(s, scale=(low, high), zone_bounds=zone_bounds)  # checks range and bounds
    x = (s - low) / (high - low)
    b = 1.0 - (1.0 - f) ** len(chosen)
    return pd.DataFrame({"satisfaction": s, "loyalty": 100.0 * (b + (1.0 - b) * x ** gamma),
                         "zone": zones["zone"].to_numpy()})


# ---------------------------------------------------------------- the service–profit chain
#: The two versions of the chain in ``data/satisfaction/profit_chain.json``.
CHAIN_VERSIONS: tuple[str, ...] = ("course", "heskett")
_BOX_HALF_W, _BOX_HALF_H = 5.6, 11.0  # the chart's box size, in the file's 0–100 grid


def _edge_path(a: dict, b: dict) -> list[list[float]]:
    """From the border of box a to the border of box b (a straight arrow between the two boxes)."""
    if a["x"] == b["x"]:
        sign = 1 if b["y"] > a["y"] else -1
        return [[a["x"], a["y"] + sign * _BOX_HALF_H], [b["x"], b["y"] - sign * _BOX_HALF_H]]
    sign = 1 if b["x"] > a["x"] else -1
    return [[a["x"] + sign * _BOX_HALF_W, a["y"]], [b["x"] - sign * _BOX_HALF_W, b["y"]]]


def load_profit_chain() -> dict[str, dict]:
    """The service–profit chain in the course's version and in Heskett et al.'s (1994).

    Returns
    -------
    dict
        ``{"course": chain, "heskett": chain}``; a chain has ``title`` ({zh, en}), ``nodes``
        (``id``, ``label`` {zh, en}, ``x``, ``y`` on a 0–100 grid) and ``edges`` (``from``,
        ``to``, ``path``: the arrow's points).

    Raises
    ------
    ServiceLabError
        ``satisfaction.error.chain_file`` naming the version and the edge whose box is unknown.

    References
    ----------
    Heskett, J. L., Jones, T. O., Loveman, G. W., Sasser, W. E. & Schlesinger, L. A. (1994).
    Putting the service-profit chain to work. *Harvard Business Review*, 72(2), 164–174.

    Examples
    --------
    >>> [n["id"] for n in load_profit_chain()["course"]["nodes"]][:3]
    ['isq', 'es', 'el']
    """
    import json

    from ..paths import data_path

    raw = json.loads(data_path("satisfaction", "profit_chain.json").read_text(encoding="utf-8"))
    out = {}
    for version in CHAIN_VERSIONS:
        chain = raw[version]
        nodes = {n["id"]: n for n in chain["nodes"]}
        edges = []
        for a, b in chain["edges"]:
            if a not in nodes or b not in nodes:
                raise ServiceLabError("satisfaction.error.chain_file", version=version, edge=f"{a} → {b}")
            edges.append({"from": a, "to": b, "path": _edge_path(nodes[a], nodes[b])})
        out[version] = {"title": chain["title"], "nodes": list(chain["nodes"]), "edges": edges}
    return out
