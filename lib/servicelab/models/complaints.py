"""Complaint analysis: Pareto (ABC) tables of complaint causes and attribution categories.

Course concepts C5.17 (the channels customers use to complain) and C5.18 (the table of 30
complaint causes, 148 complaints, and the four attribution categories). The seed's data ship in
``data/complaints/`` (:func:`load_complaint_causes`, :func:`load_complaint_channels`).
"""
from __future__ import annotations

import math
from typing import Mapping

import numpy as np
import pandas as pd

from ..errors import ContentError, ServiceLabError
from ..paths import data_path
from ._inputs import check_frame, check_number, check_text, shown

#: Attribution categories of a complaint cause (seed S1): 1 quality, function or price;
#: 2 service and customer-handling skill; 3 the customer's own reasons; 4 force majeure or unknown.
#: Labels: ``t("complaints.category.1")`` … ``t("complaints.category.4")``.
CATEGORIES: tuple[int, ...] = (1, 2, 3, 4)

#: Default ABC cut-offs on the cumulative share: class A up to 80 %, B up to 95 %, C the rest.
A_CUTOFF, B_CUTOFF = 0.80, 0.95


def _check_threshold(value, what: str) -> float:
    return check_number(value, what, low=0, high=1, low_open=True, key="complaints.error.threshold",
                        key_params={"what": what, "value": value})


def _counts_series(counts) -> pd.Series:
    if isinstance(counts, pd.Series):
        s = counts
    elif isinstance(counts, Mapping):
        s = pd.Series(dict(counts), dtype=object)
    else:
        values = list(counts)
        s = pd.Series(values, index=range(1, len(values) + 1), dtype=object)
    if s.empty:
        raise ServiceLabError("complaints.error.empty")
    out = []
    for cause, value in s.items():
        try:
            x = float(value)
        except (TypeError, ValueError):
            x = math.nan
        if not (x >= 0 and math.isfinite(x)):
            raise ServiceLabError("complaints.error.count", cause=cause, value=value)
        out.append(x)
    return pd.Series(out, index=s.index, dtype=float)


def pareto_table(counts, *, a_cutoff: float = A_CUTOFF, b_cutoff: float = B_CUTOFF) -> pd.DataFrame:
    """Pareto (ABC) table of complaint causes: sorted counts, shares and cumulative shares.

    Parameters
    ----------
    counts : mapping, pandas.Series or sequence of numbers
        Number of complaints per cause (cause → count). A plain sequence is numbered 1, 2, …
    a_cutoff, b_cutoff : float, default 0.80 and 0.95
        Cumulative-share cut-offs of classes A and B, with ``0 < a_cutoff <= b_cutoff <= 1``.

    Returns
    -------
    pandas.DataFrame
        One row per cause, largest count first (ties keep the input order): ``rank`` (1, 2, …),
        ``cause``, ``count``, ``share``, ``cumulative_share`` (fractions of the total) and
        ``pareto_class`` (``"A"``, ``"B"`` or ``"C"``).

    Raises
    ------
    ServiceLabError
        If there are no causes, a count is negative or not a number, all counts are 0, or a cut-off
        is outside (0, 1].

    Notes
    -----
    With :math:`n_i` the sorted counts and :math:`N = \\sum n_i`, share :math:`s_i = n_i / N` and
    cumulative share :math:`S_i = \\sum_{j \\le i} s_j`. A cause is in class A when the causes
    *before* it cover less than ``a_cutoff`` (:math:`S_{i-1} < 0.8`): the cause that crosses the
    80 % line still counts among the "vital few". Likewise B for :math:`S_{i-1} <` ``b_cutoff``;
    the rest is C.

    References
    ----------
    Juran, J. M. (1951). *Quality control handbook*. McGraw-Hill (the Pareto principle, "vital few
    and trivial many").

    Examples
    --------
    >>> tab = pareto_table({"late": 6, "rude": 3, "broken": 1})
    >>> tab[["cause", "cumulative_share", "pareto_class"]].values.tolist()
    [['late', 0.6, 'A'], ['rude', 0.9, 'A'], ['broken', 1.0, 'B']]
    """
    a = _check_threshold(a_cutoff, "a_cutoff")
    b = _check_threshold(b_cutoff, "b_cutoff")
    if b < a:
        raise ServiceLabError("complaints.error.threshold", what="b_cutoff", value=b_cutoff)
    s = _counts_series(counts)
    total = s.sum()
    if total <= 0:
        raise ServiceLabError("complaints.error.zero_total")
    s = s.sort_values(ascending=False, kind="mergesort")  # stable: ties keep input order
    share = s.to_numpy() / total
    cumulative = np.cumsum(s.to_numpy()) / total  # sum counts first: 9/10 is 0.9, not 0.8999…
    before = np.concatenate([[0.0], cumulative[:-1]])
    tol = 1e-12  # a cumulative share that is 0.8 up to rounding counts as reaching 0.8
    pareto_class = np.where(before < a - tol, "A", np.where(before < b - tol, "B", "C"))
    return pd.DataFrame({
        "rank": np.arange(1, len(s) + 1),
        "cause": s.index.to_list(),
        "count": s.to_numpy(),
        "share": share,
        "cumulative_share": cumulative,
        "pareto_class": pareto_class,
    })


def vital_few(table: pd.DataFrame, threshold: float = 0.8) -> pd.DataFrame:
    """The fewest top causes that together account for at least ``threshold`` of complaints.

    Parameters
    ----------
    table : pandas.DataFrame
        A table from :func:`pareto_table` (needs ``cumulative_share``, sorted largest first).
    threshold : float, default 0.8
        Share of all complaints to cover, in (0, 1].

    Returns
    -------
    pandas.DataFrame
        The leading rows of ``table`` up to and including the first whose ``cumulative_share``
        reaches ``threshold``.

    Notes
    -----
    Row *i* is kept when :math:`S_{i-1} < \\text{threshold}` — the same rule as class A of
    :func:`pareto_table` when ``threshold`` equals ``a_cutoff``.

    Examples
    --------
    >>> tab = pareto_table({"late": 6, "rude": 3, "broken": 1})
    >>> vital_few(tab, 0.6)["cause"].tolist(), vital_few(tab, 0.61)["cause"].tolist()
    (['late'], ['late', 'rude'])
    """
    check_frame(table, "table")
    thr = _check_threshold(threshold, "threshold")
    if "cumulative_share" not in table.columns:
        raise ServiceLabError("complaints.error.columns", columns="cumulative_share")
    cumulative = table["cumulative_share"].to_numpy(dtype=float)
    before = np.concatenate([[0.0], cumulative[:-1]])
    keep = before < thr - 1e-12
    keep[:1] = True  # nothing comes before the first cause: S_0 = 0 < threshold, however small
    return table.loc[keep].copy()


def category_shares(causes: pd.DataFrame, *, count_column: str = "count",
                    category_column: str = "category") -> pd.DataFrame:
    """Complaints per attribution category (1–4) and their shares.

    Parameters
    ----------
    causes : pandas.DataFrame
        One row per cause with a count and a category (as :func:`load_complaint_causes` returns).
    count_column, category_column : str
        Names of those two columns.

    Returns
    -------
    pandas.DataFrame
        Four rows, categories 1–4 (a category with no cause gets 0): ``category``, ``causes``
        (number of causes), ``count`` and ``share`` (fraction of all complaints).

    Notes
    -----
    :math:`p_k = \\sum_{i: c_i = k} n_i / \\sum_i n_i`. For the seed's 148 complaints: category 1
    75 (50.68 %), 2 63 (42.57 %), 3 5 (3.38 %), 4 5 (3.38 %); the seed rounds these to 50 %, 43 %
    and 7 % for categories 3 and 4 together (exactly 6.76 %).

    Examples
    --------
    >>> df = pd.DataFrame({"count": [6, 3, 1], "category": [1, 2, 1]})
    >>> shares = category_shares(df)
    >>> shares["count"].tolist(), shares["share"].tolist()
    ([7, 3, 0, 0], [0.7, 0.3, 0.0, 0.0])
    """
    check_frame(causes, "causes")
    check_text(count_column, "count_column"), check_text(category_column, "category_column")
    missing = [c for c in (count_column, category_column) if c not in causes.columns]
    if missing:
        raise ServiceLabError("complaints.error.columns", columns=", ".join(missing))
    counts = _counts_series(causes[count_column])
    categories = []
    for i, value in causes[category_column].items():
        if isinstance(value, (bool, np.bool_)) or value not in CATEGORIES:
            raise ServiceLabError("complaints.error.category", cause=i, value=value)
        categories.append(int(value))
    total = counts.sum()
    if total <= 0:
        raise ServiceLabError("complaints.error.zero_total")
    grouped = pd.DataFrame({"category": categories, "count": counts.to_numpy()}).groupby("category")["count"]
    n_causes = grouped.size().reindex(CATEGORIES, fill_value=0)
    sums = grouped.sum().reindex(CATEGORIES, fill_value=0.0)
    as_int = bool(np.all(np.mod(sums.to_numpy(), 1) == 0))
    return pd.DataFrame({
        "category": list(CATEGORIES),
        "causes": n_causes.to_numpy().astype(int),
        "count": sums.to_numpy().astype(int) if as_int else sums.to_numpy(),
        "share": sums.to_numpy() / total,
    })


# --------------------------------------------------------------------------------- loaders
def _read_csv(*parts: str, needed: list[str]) -> tuple[pd.DataFrame, str]:
    path = data_path(*parts)
    try:
        df = pd.read_csv(path, encoding="utf-8", dtype=str, keep_default_na=False)
    except FileNotFoundError as exc:
        raise ContentError("content.error.missing_file", file=str(path)) from exc
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ContentError("content.error.columns", file=path.name, columns=", ".join(missing))
    for i, row in enumerate(df.to_dict("records"), start=2):  # row 1 is the header
        for col in ("name_zh", "name_en"):
            if not row[col].strip():
                raise ContentError("content.error.cell", file=path.name, row=i, column=col,
                                   value="''", allowed="text")
    return df, path.name


def _whole(text: str, *, file: str, row: int, column: str, allowed: str, low: int = 0,
           high: int | None = None) -> int:
    ok = text.strip().isdigit() and int(text) >= low and (high is None or int(text) <= high)
    if not ok:
        raise ContentError("content.error.cell", file=file, row=row, column=column, value=text,
                           allowed=allowed)
    return int(text)


def load_complaint_causes() -> pd.DataFrame:
    """The seed's table of 30 complaint causes (148 complaints), validated on load.

    Returns
    -------
    pandas.DataFrame
        ``cause`` (1–30, the seed's order), ``name_zh``, ``name_en``, ``count`` and ``category``
        (attribution category 1–4, see :data:`CATEGORIES`).

    Raises
    ------
    ContentError
        If ``data/complaints/causes.csv`` is missing or a row is malformed (file, row, column named).

    Examples
    --------
    >>> causes = load_complaint_causes()
    >>> len(causes), int(causes["count"].sum())
    (30, 148)
    """
    df, name = _read_csv("complaints", "causes.csv", needed=["cause", "name_zh", "name_en", "count", "category"])
    rows = []
    for i, row in enumerate(df.to_dict("records"), start=2):
        rows.append({
            "cause": _whole(row["cause"], file=name, row=i, column="cause", allowed=str(i - 1), low=i - 1, high=i - 1),
            "name_zh": row["name_zh"],
            "name_en": row["name_en"],
            "count": _whole(row["count"], file=name, row=i, column="count", allowed="0, 1, 2, …"),
            "category": _whole(row["category"], file=name, row=i, column="category", allowed="1–4", low=1, high=4),
        })
    return pd.DataFrame(rows, columns=["cause", "name_zh", "name_en", "count", "category"])


def load_complaint_channels() -> pd.DataFrame:
    """The seed's survey of channels dissatisfied consumers used (C5.17), validated on load.

    Returns
    -------
    pandas.DataFrame
        ``channel`` (a code), ``name_zh``, ``name_en``, ``people`` and ``printed_percent`` (the
        percentage the seed prints; NaN where it prints none).

    Notes
    -----
    The seed lists five channels (4 549 people) but its percentages imply a total near 4 650
    (1582 / 0.34 ≈ 4 653, 1325 / 0.285 ≈ 4 649): about 100 answers belong to channels the seed does
    not show. Shares of the listed five, ``people / people.sum()``, are therefore *not* the seed's
    percentages.

    Raises
    ------
    ContentError
        If ``data/complaints/channels.csv`` is missing or a row is malformed.

    Examples
    --------
    >>> ch = load_complaint_channels()
    >>> ch["channel"].tolist()[:2], int(ch["people"].sum())
    (['consumer_association', 'mass_media'], 4549)
    """
    df, name = _read_csv("complaints", "channels.csv",
                         needed=["channel", "name_zh", "name_en", "people", "printed_percent"])
    rows = []
    for i, row in enumerate(df.to_dict("records"), start=2):
        if not row["channel"].strip():
            raise ContentError("content.error.cell", file=name, row=i, column="channel", value="''", allowed="text")
        people = _whole(row["people"], file=name, row=i, column="people", allowed="0, 1, 2, …")
        percent = math.nan
        if row["printed_percent"].strip():
            try:
                percent = float(row["printed_percent"])
            except ValueError:
                percent = math.nan
            if not 0 <= percent <= 100:
                raise ContentError("content.error.cell", file=name, row=i, column="printed_percent",
                                   value=row["printed_percent"], allowed="0–100")
        rows.append({"channel": row["channel"], "name_zh": row["name_zh"], "name_en": row["name_en"],
                     "people": people, "printed_percent": percent})
    return pd.DataFrame(rows, columns=["channel", "name_zh", "name_en", "people", "printed_percent"])


def _half_unit(percent: float) -> float:
    """Half a unit of the last digit a printed percentage shows (34 → 0.5, 28.5 → 0.05)."""
    text = f"{percent:.6f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10.0 ** (-decimals)


def channel_survey_check(channels: pd.DataFrame | None = None) -> dict:
    """What the seed's channel survey adds up to, and the total its printed percentages imply (C5.17).

    Parameters
    ----------
    channels : pandas.DataFrame, optional
        Columns ``channel``, ``people`` and ``printed_percent`` (NaN where none is printed), as
        :func:`load_complaint_channels` returns; default: that table.

    Returns
    -------
    dict
        ``listed_total`` (people over the listed channels); ``implied`` (a DataFrame, one row per
        channel with a printed percentage: ``channel``, ``people``, ``printed_percent``,
        ``name_zh`` and ``name_en`` when ``channels`` has them,
        ``implied_total`` = people / percent, and ``low``, ``high``: the totals the percentage
        allows once its rounding is taken into account); ``implied_low``, ``implied_high`` (the
        totals every printed percentage allows at once), ``implied_mid`` (their midpoint) and
        ``unlisted_low``, ``unlisted_high`` (answers the listed channels leave out).

    Raises
    ------
    ServiceLabError
        If a column is missing, a count is not a number of at least 0, no percentage is printed,
        or the printed percentages allow no common total.

    Notes
    -----
    A channel with :math:`n` people printed as :math:`p` % implies a total :math:`N = n / (p/100)`.
    A percentage printed with :math:`d` decimals stands for any value within
    :math:`\\pm\\tfrac12 10^{-d}` of it, so :math:`N \\in [n / (p + h), n / (p - h)] \\cdot 100`.
    The seed: 1 582 at 34 % → 4 585–4 722; 1 325 at 28.5 % → 4 641–4 657; both hold for
    4 641–4 657 people, while the five listed channels add up to 4 549: about 92 to 108 answers
    belong to channels the seed does not list.

    Examples
    --------
    >>> check = channel_survey_check()
    >>> check["listed_total"], round(check["implied_low"]), round(check["implied_high"])
    (4549, 4641, 4657)
    >>> [round(x) for x in check["implied"]["implied_total"]]
    [4653, 4649]
    """
    if channels is None:
        channels = load_complaint_channels()
    check_frame(channels, "channels")
    missing = [c for c in ("channel", "people", "printed_percent") if c not in channels.columns]
    if missing:
        raise ServiceLabError("complaints.error.columns", columns=", ".join(missing))
    people = _counts_series(channels.set_index("channel")["people"])
    listed = people.sum()
    rows = []
    for channel, p in zip(channels["channel"], channels["printed_percent"]):
        try:
            p = float(p)
        except (TypeError, ValueError):
            p = math.nan
        if math.isnan(p):
            continue
        if not 0 < p <= 100:
            raise ServiceLabError("complaints.error.percent", channel=channel, value=p)
        n, h = float(people[channel]), _half_unit(p)
        rows.append({"channel": channel, "people": n, "printed_percent": p, "implied_total": 100 * n / p,
                     "low": 100 * n / (p + h), "high": 100 * n / (p - h)})
        for col in ("name_zh", "name_en"):
            if col in channels.columns:
                rows[-1][col] = channels.loc[channels["channel"] == channel, col].iloc[0]
    if not rows:
        raise ServiceLabError("complaints.error.no_percent")
    implied = pd.DataFrame(rows)
    low, high = float(implied["low"].max()), float(implied["high"].min())
    if low > high:
        raise ServiceLabError("complaints.error.percent_conflict")
    as_int = bool(np.all(np.mod(people.to_numpy(), 1) == 0))
    return {"listed_total": int(listed) if as_int else float(listed), "implied": implied,
            "implied_low": low, "implied_high": high, "implied_mid": (low + high) / 2,
            "unlisted_low": max(0.0, float(low - listed)), "unlisted_high": max(0.0, float(high - listed))}


def load_response_taxonomy() -> pd.DataFrame:
    """Day and Landon's (1977) taxonomy of how dissatisfied customers respond (C5.16), as a tree.

    Returns
    -------
    pandas.DataFrame
        One row per node, parents before children: ``node``, ``parent`` ("" for the root),
        ``level`` (0 root, 1 action / no action, 2 public / private, 3 the five responses),
        ``label_zh``, ``label_en``.

    Raises
    ------
    ContentError
        If ``data/complaints/responses.json`` is missing, malformed, or a node's parent is unknown.

    Notes
    -----
    The course's figure: a dissatisfied customer takes action (行为反应) or none (非行为反应);
    action is public (complain to the firm, take legal action, complain to public bodies) or
    private (boycott the seller or maker, warn friends and family).

    References
    ----------
    Day, R. L. & Landon, E. L. (1977). Toward a theory of consumer complaining behavior. In
    A. G. Woodside, J. N. Sheth & P. D. Bennett (Eds.), *Consumer and industrial buying behavior*
    (pp. 425–437). North-Holland.

    Examples
    --------
    >>> tree = load_response_taxonomy()
    >>> tree.loc[tree["level"] == 3, "parent"].value_counts().to_dict()
    {'public': 3, 'private': 2}
    """
    import json

    path = data_path("complaints", "responses.json")
    try:
        nodes = json.loads(path.read_text(encoding="utf-8"))["nodes"]
    except FileNotFoundError as exc:
        raise ContentError("content.error.missing_file", file=str(path)) from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise ContentError("content.error.columns", file=path.name, columns="nodes") from exc
    rows, seen = [], {}
    for i, n in enumerate(nodes, start=1):
        try:
            node, parent, zh, en = n["node"], n["parent"], n["label"]["zh"], n["label"]["en"]
        except (KeyError, TypeError) as exc:
            raise ContentError("content.error.cell", file=path.name, row=i, column="node", value=shown(n),
                               allowed="node, parent, label{zh, en}") from exc
        if parent and parent not in seen:
            raise ContentError("content.error.cell", file=path.name, row=i, column="parent", value=parent,
                               allowed=", ".join(seen) or "''")
        if node in seen or not (str(zh).strip() and str(en).strip()):
            raise ContentError("content.error.cell", file=path.name, row=i, column="node", value=node,
                               allowed="a new id with zh and en labels")
        seen[node] = 0 if not parent else seen[parent] + 1
        rows.append({"node": node, "parent": parent, "level": seen[node], "label_zh": zh, "label_en": en})
    return pd.DataFrame(rows, columns=["node", "parent", "level", "label_zh", "label_en"])


def cause_pareto(causes: pd.DataFrame | None = None, threshold: float = A_CUTOFF) -> dict:
    """The Pareto table of the complaint causes with their names, categories and the vital few marked.

    Parameters
    ----------
    causes : pandas.DataFrame, optional
        Columns ``cause``, ``name_zh``, ``name_en``, ``count``, ``category`` (as
        :func:`load_complaint_causes` returns; the default).
    threshold : float, default 0.8
        The share of complaints the vital few must cover, in (0, 1]; also the class-A cut-off
        (class B runs to 95 %, or to the threshold if that is higher).

    Returns
    -------
    dict
        ``table`` (:func:`pareto_table` joined with ``name_zh``, ``name_en``, ``category`` and a
        boolean ``vital``: in :func:`vital_few` for ``threshold``), ``threshold``, ``vital_count``
        (how many causes), ``vital_complaints`` (how many complaints they cover) and
        ``vital_share`` (which share).

    Examples
    --------
    >>> p = cause_pareto(threshold=0.8)
    >>> p["vital_count"], p["vital_complaints"], round(p["vital_share"], 4)
    (11, 120, 0.8108)
    """
    if causes is None:
        causes = load_complaint_causes()
    check_frame(causes, "causes")
    missing = [c for c in ("cause", "name_zh", "name_en", "count", "category") if c not in causes.columns]
    if missing:
        raise ServiceLabError("complaints.error.columns", columns=", ".join(missing))
    thr = _check_threshold(threshold, "threshold")
    tab = pareto_table(causes.set_index("cause")["count"], a_cutoff=thr, b_cutoff=max(thr, B_CUTOFF))
    few = vital_few(tab, thr)
    tab = tab.join(causes.set_index("cause")[["name_zh", "name_en", "category"]], on="cause")
    tab["vital"] = tab["cause"].isin(set(few["cause"]))
    covered = few["count"].sum()
    return {"table": tab, "threshold": thr, "vital_count": int(len(few)),
            "vital_complaints": int(covered) if float(covered).is_integer() else float(covered),
            "vital_share": float(few["cumulative_share"].iloc[-1])}
