"""SERVQUAL: expectation–perception gap scores on the five service-quality dimensions.

Course concepts C4.7 (the five dimensions), C2.7 (the SERVQUAL instrument) and C5.10 (measuring
the five dimensions).

Inputs are expectation ``E`` and perception ``P`` ratings for the 22 items, one row per
respondent: either DataFrames with columns ``E1``–``E22`` / ``P1``–``P22`` (as returned by
:func:`servicelab.io.survey.read_survey`) or arrays of shape ``(n, 22)``. Missing ratings are
``NaN``; the policy is stated in each function.

Rating scale: every function that takes ratings takes ``scale=(low, high)``. Without it, a
DataFrame's ``attrs["scale"]`` is used (``read_survey(scale=(1, 9))`` sets it, so a 9-point survey
is checked against 1–9 all the way through), otherwise the original 7-point scale
(:data:`SCALE_MIN`–:data:`SCALE_MAX`).
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

import warnings

import numpy as np
import pandas as pd

from ..errors import ContentError, ServiceLabError
from ..paths import data_path
from ._inputs import check_names, check_number, check_sequence

#: The five dimensions, in the instrument's order.
DIMENSIONS: tuple[str, ...] = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")

#: Item numbers of each dimension (Parasuraman, Zeithaml & Berry 1988): 4/5/4/4/5 items.
DIMENSION_ITEMS: dict[str, tuple[int, ...]] = {
    "tangibles": (1, 2, 3, 4),
    "reliability": (5, 6, 7, 8, 9),
    "responsiveness": (10, 11, 12, 13),
    "assurance": (14, 15, 16, 17),
    "empathy": (18, 19, 20, 21, 22),
}
N_ITEMS = 22
SCALE_MIN, SCALE_MAX = 1, 7

E_COLUMNS = tuple(f"E{i}" for i in range(1, N_ITEMS + 1))
P_COLUMNS = tuple(f"P{i}" for i in range(1, N_ITEMS + 1))

# column index ranges (0-based, contiguous) of each dimension
_SLICES = {d: slice(items[0] - 1, items[-1]) for d, items in DIMENSION_ITEMS.items()}


def item_dimension(item: int) -> str:
    """Dimension of a SERVQUAL item (1–22).

    Examples
    --------
    >>> item_dimension(5), item_dimension(22)
    ('reliability', 'empathy')
    """
    item = check_number(item, "item", low=1, high=N_ITEMS, integer=True, key="error.value_range",
                        key_params={"row": 1, "column": "item", "value": item, "low": 1, "high": N_ITEMS})
    for dim, items in DIMENSION_ITEMS.items():
        if item in items:
            return dim
    raise ServiceLabError("error.value_range", row=1, column="item", value=item, low=1, high=N_ITEMS)


@lru_cache(maxsize=1)
def load_items() -> pd.DataFrame:
    """The 22 items with their dimension and bilingual wording, from ``data/servqual/items.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``item`` (1–22), ``dimension``, ``zh``, ``en``; one row per item.

    Raises
    ------
    ContentError
        If the file does not list items 1–22 exactly once, a wording is empty, or an item's
        dimension differs from the published split.

    Examples
    --------
    >>> items = load_items()
    >>> items.groupby("dimension", sort=False).size().tolist()
    [4, 5, 4, 4, 5]
    """
    path = data_path("servqual", "items.csv")
    df = pd.read_csv(path, encoding="utf-8", dtype={"item": int})
    problems = []
    if sorted(df["item"].tolist()) != list(range(1, N_ITEMS + 1)):
        problems.append("items must be 1–22, each once")
    for row in df.itertuples(index=False):
        if row.item in range(1, N_ITEMS + 1) and row.dimension != item_dimension(row.item):
            problems.append(f"item {row.item}: dimension {row.dimension!r} ≠ {item_dimension(row.item)!r}")
        for lang in ("zh", "en"):
            if not isinstance(getattr(row, lang), str) or not getattr(row, lang).strip():
                problems.append(f"item {row.item}: empty {lang} wording")
    if problems:
        raise ContentError("content.invalid", file=path.name, detail="; ".join(problems))
    return df.sort_values("item").reset_index(drop=True)


def rating_scale(ratings=None, scale=None) -> tuple[float, float]:
    """The rating scale to check ``ratings`` against: ``scale``, else the DataFrame's ``attrs["scale"]``, else 1–7.

    Examples
    --------
    >>> df = pd.DataFrame([[9.0] * 22], columns=E_COLUMNS); df.attrs["scale"] = (1, 9)
    >>> rating_scale(df), rating_scale([[5] * 22]), rating_scale(df, scale=(0, 10))
    ((1, 9), (1, 7), (0, 10))
    """
    if scale is None:
        scale = getattr(ratings, "attrs", {}).get("scale") if isinstance(ratings, pd.DataFrame) else None
    if scale is None:
        return (SCALE_MIN, SCALE_MAX)
    try:
        low, high = scale
        ok = (all(isinstance(v, numbers.Real) and not isinstance(v, bool) and np.isfinite(v) for v in (low, high))
              and low < high)
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ServiceLabError("survey.error.scale", value=repr(scale))
    return (low, high)


def _as_matrix(ratings, columns: tuple[str, ...], name: str, scale=None) -> np.ndarray:
    """Ratings as a float ``(n, 22)`` array, from a DataFrame (by column name) or an array."""
    low, high = rating_scale(ratings, scale)
    if isinstance(ratings, pd.DataFrame):
        missing = [c for c in columns if c not in ratings.columns]
        if missing:
            raise ServiceLabError("survey.error.missing_columns", file=name, columns=", ".join(missing))
        arr = ratings.loc[:, list(columns)].to_numpy(dtype=float)
    else:
        arr = np.asarray(ratings, dtype=float)
        if arr.ndim == 1:
            arr = arr[None, :]
    if arr.ndim != 2 or arr.shape[1] != N_ITEMS:
        raise ServiceLabError("servqual.error.shape", name=name, shape=str(arr.shape), items=N_ITEMS)
    bad = (arr < low) | (arr > high)  # NaN (missing) compares False: allowed
    if bad.any():
        i, j = np.argwhere(bad)[0]
        row = ratings.index[i] if isinstance(ratings, pd.DataFrame) else int(i) + 1
        raise ServiceLabError("error.value_range", row=row, column=f"{name}{j + 1}", value=f"{arr[i, j]:g}",
                              low=f"{low:g}", high=f"{high:g}")
    return arr


def item_gaps(expectations, perceptions, *, scale=None) -> np.ndarray:
    """Item gap scores G = P − E for every respondent and item.

    Parameters
    ----------
    expectations, perceptions : DataFrame or array_like, shape (n, 22)
        Ratings on the survey's scale (DataFrames are read by column ``E1``…``E22`` /
        ``P1``…``P22``). A missing rating (NaN) gives a missing gap.
    scale : (low, high), optional
        Rating scale; default the DataFrame's ``attrs["scale"]`` (set by ``read_survey``), else 1–7.

    Returns
    -------
    numpy.ndarray, shape (n, 22)

    Notes
    -----
    :math:`G_{ij} = P_{ij} - E_{ij}`. A negative gap means the service fell short of what the
    respondent expected.

    Examples
    --------
    >>> e = np.full(22, 6.0); p = np.full(22, 5.0)
    >>> item_gaps(e, p)[0, :3]
    array([-1., -1., -1.])
    """
    e = _as_matrix(expectations, E_COLUMNS, "E", scale)
    p = _as_matrix(perceptions, P_COLUMNS, "P", scale)
    if e.shape != p.shape:
        raise ServiceLabError("servqual.error.shape_mismatch", e=str(e.shape), p=str(p.shape))
    return p - e


def _nanmean(x: np.ndarray, axis: int = 0) -> np.ndarray:
    """``np.nanmean`` that returns NaN for an all-missing column without a warning."""
    if x.shape[axis] == 0:
        return np.full(x.shape[1 - axis], np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmean(x, axis=axis)


def _dimension_means(matrix: np.ndarray) -> np.ndarray:
    """Per-respondent mean of each dimension's items (NaN-aware), shape (n, 5)."""
    out = np.empty((matrix.shape[0], len(DIMENSIONS)))
    has_nan = np.isnan(matrix).any()
    for j, dim in enumerate(DIMENSIONS):
        block = matrix[:, _SLICES[dim]]
        if not has_nan:  # fast path: complete data
            out[:, j] = block.mean(axis=1)
            continue
        with np.errstate(invalid="ignore", divide="ignore"):
            valid = ~np.isnan(block)
            count = valid.sum(axis=1)
            total = np.where(valid, block, 0.0).sum(axis=1)
            out[:, j] = np.where(count > 0, total / np.maximum(count, 1), np.nan)
    return out


def respondent_dimension_gaps(expectations, perceptions, *, scale=None) -> pd.DataFrame:
    """Each respondent's gap on each dimension (mean of that dimension's item gaps).

    Parameters
    ----------
    expectations, perceptions : DataFrame or array_like, shape (n, 22)
    scale : (low, high), optional
        Rating scale; default the DataFrame's ``attrs["scale"]`` (set by ``read_survey``), else 1–7.

    Returns
    -------
    pandas.DataFrame
        One row per respondent (the input's index when a DataFrame is given), one column per
        dimension.

    Notes
    -----
    Missing-value policy: an item gap is missing when either rating is missing; a dimension gap
    is the mean of the item gaps that are present; it is missing only when all of that
    dimension's item gaps are missing.

    Examples
    --------
    >>> e = np.array([[7] * 22]); p = np.array([[6] * 4 + [5] * 5 + [7] * 13])
    >>> respondent_dimension_gaps(e, p).round(2).iloc[0].tolist()
    [-1.0, -2.0, 0.0, 0.0, 0.0]
    """
    gaps = item_gaps(expectations, perceptions, scale=scale)
    index = expectations.index if isinstance(expectations, pd.DataFrame) else None
    return pd.DataFrame(_dimension_means(gaps), columns=list(DIMENSIONS), index=index)


@dataclass(frozen=True)
class ServqualResult:
    """Summary of a SERVQUAL survey.

    Attributes
    ----------
    dimensions : pandas.DataFrame
        One row per dimension: ``dimension``, ``n_items``, ``expectation``, ``perception``,
        ``gap`` (mean over respondents of the respondent's dimension gap) and ``n`` (respondents
        with that dimension present).
    unweighted : float
        Unweighted SERVQUAL score: the mean of the five dimension gaps.
    weighted : float or None
        Weighted SERVQUAL score, when weights were given.
    n_respondents : int
        Respondents with at least one gap.
    """

    dimensions: pd.DataFrame
    unweighted: float
    weighted: float | None
    n_respondents: int


def gap_scores(expectations, perceptions, weights=None, *, scale=None) -> ServqualResult:
    """Dimension gap scores and the overall SERVQUAL score of a survey.

    Parameters
    ----------
    expectations, perceptions : DataFrame or array_like, shape (n, 22)
        Ratings on the survey's scale.
    weights : Mapping or DataFrame or array_like, optional
        100-point allocation over the five dimensions, either one allocation for everyone (a
        mapping ``{dimension: points}`` or a length-5 sequence) or one per respondent (shape
        ``(n, 5)``, columns in :data:`DIMENSIONS` order). See :func:`weighted_servqual`.
    scale : (low, high), optional
        Rating scale; default the DataFrame's ``attrs["scale"]`` (set by ``read_survey``), else 1–7.

    Returns
    -------
    ServqualResult

    Notes
    -----
    Dimension gap :math:`\\bar G_d = \\frac{1}{n}\\sum_i \\frac{1}{|d|}\\sum_{j\\in d} (P_{ij}-E_{ij})`.
    Unweighted SERVQUAL :math:`= \\frac{1}{5}\\sum_d \\bar G_d` — the mean of the five dimension
    gaps, **not** the mean of the 22 item gaps (the dimensions have 4 or 5 items, so the item mean
    would overweight reliability and empathy).

    References
    ----------
    Parasuraman, A., Zeithaml, V. A. & Berry, L. L. (1988). SERVQUAL: A multiple-item scale for
    measuring consumer perceptions of service quality. *Journal of Retailing*, 64(1), 12–40.

    Examples
    --------
    One respondent who expects 7 everywhere and perceives 6 on tangibles, 5 on reliability and
    7 elsewhere: dimension gaps −1, −2, 0, 0, 0, so SERVQUAL = −3/5 = −0.6 (the mean of the 22
    item gaps would be −14/22 ≈ −0.636).

    >>> e = np.array([[7] * 22]); p = np.array([[6] * 4 + [5] * 5 + [7] * 13])
    >>> r = gap_scores(e, p)
    >>> r.dimensions["gap"].tolist(), round(r.unweighted, 3)
    ([-1.0, -2.0, 0.0, 0.0, 0.0], -0.6)
    """
    e = _as_matrix(expectations, E_COLUMNS, "E", scale)
    p = _as_matrix(perceptions, P_COLUMNS, "P", scale)
    if e.shape != p.shape:
        raise ServiceLabError("servqual.error.shape_mismatch", e=str(e.shape), p=str(p.shape))
    dim_gap = _dimension_means(p - e)
    dim_e, dim_p = _dimension_means(e), _dimension_means(p)
    table = pd.DataFrame(
        {
            "dimension": list(DIMENSIONS),
            "n_items": [len(DIMENSION_ITEMS[d]) for d in DIMENSIONS],
            "expectation": _nanmean(dim_e),
            "perception": _nanmean(dim_p),
            "gap": _nanmean(dim_gap),
            "n": (~np.isnan(dim_gap)).sum(axis=0),
        }
    )
    weighted = None
    if weights is not None:
        weighted = float(_nanmean(weighted_servqual(dim_gap, weights)[:, None])[0])
    n_resp = int((~np.isnan(dim_gap)).any(axis=1).sum())
    table.attrs["scale"] = rating_scale(expectations, scale)  # charts draw the survey's own scale
    return ServqualResult(table, unweighted_servqual(table["gap"].to_numpy()), weighted, n_resp)


def unweighted_servqual(dimension_gaps) -> float:
    """Unweighted SERVQUAL score: the mean of the five dimension gaps.

    Parameters
    ----------
    dimension_gaps : array_like, shape (5,)
        Mean gap of each dimension, in :data:`DIMENSIONS` order.

    Returns
    -------
    float
        The mean; NaN when any dimension's gap is missing (a mean of four dimensions would not
        be a SERVQUAL score).

    Notes
    -----
    :math:`SQ = \\frac{1}{5}\\sum_d \\bar G_d`.

    References
    ----------
    Parasuraman, A., Zeithaml, V. A. & Berry, L. L. (1988). *Journal of Retailing*, 64(1), 12–40.

    Examples
    --------
    >>> unweighted_servqual([-1.0, -2.0, 0.0, 0.0, 0.0])
    -0.6
    >>> unweighted_servqual([np.nan, -2.0, 0.0, 0.0, 0.0])
    nan
    """
    g = np.asarray(dimension_gaps, dtype=float).ravel()
    if g.shape != (len(DIMENSIONS),):
        raise ServiceLabError("servqual.error.shape", name="gap", shape=str(g.shape), items=len(DIMENSIONS))
    return float(g.mean()) if not np.isnan(g).any() else float("nan")


def item_mean_gap(expectations, perceptions, *, scale=None) -> float:
    """The plain mean of all item gaps — the **wrong** overall SERVQUAL score, kept for teaching.

    Averaging the 22 item gaps gives reliability and empathy (5 items each) more weight than
    tangibles, responsiveness and assurance (4 items each). Chapter 05 shows this number next to
    the correct :func:`unweighted_servqual` so learners see when the two differ.

    Parameters
    ----------
    expectations, perceptions : DataFrame or array_like, shape (n, 22)
    scale : (low, high), optional
        Rating scale; default the DataFrame's ``attrs["scale"]`` (set by ``read_survey``), else 1–7.

    Returns
    -------
    float
        Mean over respondents and items of the gaps present.

    Examples
    --------
    >>> round(item_mean_gap([[7] * 22], [[6] * 4 + [5] * 5 + [7] * 13]), 4)  # −14/22, not −0.6
    -0.6364
    """
    return float(_nanmean(item_gaps(expectations, perceptions, scale=scale).ravel()[:, None])[0])


def _weights_matrix(weights, n: int, *, total: float = 100.0, tol: float = 1e-6) -> np.ndarray:
    """Validate a 100-point allocation and return it as fractions, shape (n, 5)."""
    if isinstance(weights, Mapping):
        unknown = set(weights) - set(DIMENSIONS)
        if unknown:
            raise ServiceLabError("servqual.error.weight_dimension", name=", ".join(sorted(map(str, unknown))))
        w = np.array([[float(weights.get(d, 0.0)) for d in DIMENSIONS]])
    elif isinstance(weights, pd.DataFrame):
        w = weights.to_numpy(dtype=float)
    else:
        w = np.asarray(weights, dtype=float)
    if w.ndim == 1:
        w = w[None, :]
    if w.shape[1] != len(DIMENSIONS) or w.shape[0] not in (1, n):
        raise ServiceLabError("servqual.error.weights_shape", shape=str(w.shape), n=n)
    neg = np.argwhere(w < 0)
    if neg.size:
        i, j = neg[0]
        raise ServiceLabError("error.weights_negative", name=DIMENSIONS[j], value=f"{w[i, j]:g}")
    blank = np.isnan(w).all(axis=1)  # "no weights for this respondent": left out, not zero
    partial = np.flatnonzero(np.isnan(w).any(axis=1) & ~blank)
    if partial.size:
        raise ServiceLabError("error.weights_sum", expected=f"{total:g}", total="NaN")
    sums = np.where(blank, total, w.sum(axis=1))
    bad = np.flatnonzero(np.abs(sums - total) > tol)
    if bad.size:
        raise ServiceLabError("error.weights_sum", expected=f"{total:g}", total=f"{sums[bad[0]]:g}")
    return np.broadcast_to(w / total, (n, len(DIMENSIONS)))


def weighted_servqual(dimension_gaps, weights) -> np.ndarray:
    """Weighted SERVQUAL score of each respondent from a 100-point allocation.

    Parameters
    ----------
    dimension_gaps : DataFrame or array_like, shape (n, 5)
        Each respondent's five dimension gaps (see :func:`respondent_dimension_gaps`).
    weights : Mapping or array_like
        Points given to each dimension, summing to 100: one allocation for all respondents
        (``{"reliability": 30, ...}`` or a length-5 sequence) or one row per respondent.

    Returns
    -------
    numpy.ndarray, shape (n,)
        Missing where a weighted dimension's gap is missing, or where the respondent gave no
        weights (a row of NaN) — such respondents are left out of the survey's mean.

    Raises
    ------
    ServiceLabError
        If a weight is negative or an allocation does not sum to 100.

    Notes
    -----
    :math:`SQ_i = \\sum_d \\frac{w_{id}}{100}\\, G_{id}`; the survey score is the mean over
    respondents.

    References
    ----------
    Parasuraman, A., Berry, L. L. & Zeithaml, V. A. (1991). Refinement and reassessment of the
    SERVQUAL scale. *Journal of Retailing*, 67(4), 420–450.

    Examples
    --------
    >>> gaps = [[-1.0, -2.0, 0.0, 0.0, 0.0]]
    >>> weighted_servqual(gaps, {"tangibles": 10, "reliability": 40, "responsiveness": 20,
    ...                          "assurance": 15, "empathy": 15}).round(2).tolist()
    [-0.9]
    """
    g = dimension_gaps.to_numpy(dtype=float) if isinstance(dimension_gaps, pd.DataFrame) else np.asarray(dimension_gaps, dtype=float)
    if g.ndim == 1:
        g = g[None, :]
    w = _weights_matrix(weights, g.shape[0])
    contrib = np.where(w > 0, g * w, 0.0)
    missing = (np.isnan(g) & (w > 0)) | np.isnan(w)
    out = contrib.sum(axis=1)
    out[missing.any(axis=1)] = np.nan
    return out


def servperf(perceptions, *, scale=None) -> float:
    """SERVPERF score: the mean perception, ignoring expectations.

    Parameters
    ----------
    perceptions : DataFrame or array_like, shape (n, 22)
    scale : (low, high), optional
        Rating scale; default the DataFrame's ``attrs["scale"]`` (set by ``read_survey``), else 1–7.

    Returns
    -------
    float
        Mean over respondents of each respondent's mean perception across the items present.

    Notes
    -----
    :math:`SQ = \\frac{1}{n}\\sum_i \\frac{1}{22}\\sum_j P_{ij}`. Cronin & Taylor argued that
    perceptions alone predict overall quality better than the P − E difference.

    References
    ----------
    Cronin, J. J. & Taylor, S. A. (1992). Measuring service quality: A reexamination and
    extension. *Journal of Marketing*, 56(3), 55–68.

    Examples
    --------
    >>> servperf([[5] * 11 + [6] * 11])
    5.5
    """
    p = _as_matrix(perceptions, P_COLUMNS, "P", scale)
    return float(_nanmean(_nanmean(p, axis=1)[:, None])[0])


def zone_of_tolerance(perceived, adequate, desired) -> pd.DataFrame:
    """Measures of service adequacy (MSA) and superiority (MSS) against the zone of tolerance.

    Parameters
    ----------
    perceived, adequate, desired : array_like or Series
        Perceived service, the adequate (minimum acceptable) level and the desired level, one
        value per item or dimension (same length). Series keep their index as labels.

    Returns
    -------
    pandas.DataFrame
        Columns ``perceived``, ``adequate``, ``desired``, ``msa`` (= P − adequate), ``mss``
        (= P − desired) and ``position``: ``"below"`` (MSA < 0), ``"inside"`` (MSA ≥ 0 and
        MSS ≤ 0) or ``"above"`` (MSS > 0). A point exactly on a boundary is inside the zone;
        ``"missing"`` where any of the three levels is missing.

    Raises
    ------
    ServiceLabError
        If the adequate level is above the desired level.

    Notes
    -----
    The zone of tolerance is the band between adequate and desired service.

    References
    ----------
    Zeithaml, V. A., Berry, L. L. & Parasuraman, A. (1993). The nature and determinants of
    customer expectations of service. *Journal of the Academy of Marketing Science*, 21(1), 1–12.

    Examples
    --------
    >>> z = zone_of_tolerance([4.0, 6.0, 7.0], adequate=[5.0, 5.0, 5.0], desired=[6.5, 6.5, 6.5])
    >>> z["position"].tolist(), z["msa"].tolist()
    (['below', 'inside', 'above'], [-1.0, 1.0, 2.0])
    """
    index = perceived.index if isinstance(perceived, pd.Series) else None
    p, a, d = (np.asarray(x, dtype=float).ravel() for x in (perceived, adequate, desired))
    if not (p.shape == a.shape == d.shape):
        raise ServiceLabError("servqual.error.zot_shape", p=len(p), a=len(a), d=len(d))
    bad = np.flatnonzero(a > d)
    if bad.size:
        raise ServiceLabError("servqual.error.zot_order", position=int(bad[0]) + 1, adequate=f"{a[bad[0]]:g}", desired=f"{d[bad[0]]:g}")
    msa, mss = p - a, p - d
    position = np.where(msa < 0, "below", np.where(mss > 0, "above", "inside")).astype(object)
    position[np.isnan(msa) | np.isnan(mss)] = "missing"
    return pd.DataFrame(
        {"perceived": p, "adequate": a, "desired": d, "msa": msa, "mss": mss, "position": position},
        index=index,
    )


def item_summary(expectations, perceptions, *, scale=None) -> pd.DataFrame:
    """Mean expectation, perception and gap of each of the 22 items.

    Parameters
    ----------
    expectations, perceptions : DataFrame or array_like, shape (n, 22)
    scale : (low, high), optional
        Rating scale; default the DataFrame's ``attrs["scale"]`` (set by ``read_survey``), else 1–7.

    Returns
    -------
    pandas.DataFrame
        One row per item: ``item`` (1–22), ``dimension``, ``expectation``, ``perception``,
        ``gap`` (mean of the item gaps present) and ``n``.

    Notes
    -----
    Item gap :math:`\\bar G_j = \\frac{1}{n_j}\\sum_i (P_{ij} - E_{ij})` over the :math:`n_j`
    respondents who rated item *j* twice. Item gaps locate *where* inside a dimension the service
    falls short; they are not averaged into the overall score (see :func:`unweighted_servqual`).

    References
    ----------
    Parasuraman, A., Zeithaml, V. A. & Berry, L. L. (1988). *Journal of Retailing*, 64(1), 12–40.

    Examples
    --------
    >>> s = item_summary([[7] * 22, [5] * 22], [[6] * 22, [6] * 22])
    >>> s.loc[0, "dimension"], float(s.loc[0, "gap"]), int(s.loc[0, "n"])
    ('tangibles', 0.0, 2)
    """
    e = _as_matrix(expectations, E_COLUMNS, "E", scale)
    p = _as_matrix(perceptions, P_COLUMNS, "P", scale)
    g = p - e
    with np.errstate(invalid="ignore"):
        return pd.DataFrame(
            {
                "item": np.arange(1, N_ITEMS + 1),
                "dimension": [item_dimension(i) for i in range(1, N_ITEMS + 1)],
                "expectation": _nanmean(e),
                "perception": _nanmean(p),
                "gap": _nanmean(g),
                "n": (~np.isnan(g)).sum(axis=0),
            }
        )


def rescale_points(points, total: int = 100) -> list[int]:
    """Rescale a point allocation to whole numbers summing to ``total`` (largest remainder).

    Parameters
    ----------
    points : sequence of float
        Non-negative points (any sum > 0).
    total : int, default 100

    Returns
    -------
    list of int
        Proportional whole-number allocation summing exactly to ``total``; ties in the remainders
        go to the earlier dimension.

    Examples
    --------
    >>> rescale_points([10, 10, 10, 0, 0])
    [34, 33, 33, 0, 0]
    """
    p, total = check_sequence(points, "points", min_size=1), check_number(total, "total", low=1, high=10**9, integer=True)
    if (p < 0).any():
        j = int(np.flatnonzero(p < 0)[0])
        raise ServiceLabError("error.weights_negative", name=DIMENSIONS[j] if len(p) == len(DIMENSIONS) else str(j + 1), value=f"{p[j]:g}")
    if p.max() <= 0:
        raise ServiceLabError("error.weights_sum", expected=f"{total:g}", total="0")
    with np.errstate(over="ignore"):
        overflow = not np.isfinite(p.sum())
    if overflow:  # e.g. 1e308 + 1e308: the same shares from the points divided by the largest
        p = p / p.max()
    raw = p / p.sum() * total
    out = np.floor(raw).astype(int)
    remainder = raw - out
    order = sorted(range(len(p)), key=lambda j: (-round(remainder[j], 12), j))
    for j in order[: total - int(out.sum())]:
        out[j] += 1
    return out.tolist()


def dimension_scales(prefix: str) -> dict[str, list[str]]:
    """Item columns of each dimension for ratings ``prefix`` (``"E"`` or ``"P"``).

    Examples
    --------
    >>> dimension_scales("P")["tangibles"]
    ['P1', 'P2', 'P3', 'P4']
    """
    return {d: [f"{prefix}{i}" for i in items] for d, items in DIMENSION_ITEMS.items()}


def dimension_reliability(responses: pd.DataFrame, *, scale=None) -> pd.DataFrame:
    """Cronbach's alpha of each dimension, for expectations and for perceptions.

    Parameters
    ----------
    responses : pandas.DataFrame
        Columns ``E1``–``E22`` and ``P1``–``P22``.
    scale : (low, high), optional
        Rating scale; default the DataFrame's ``attrs["scale"]`` (set by ``read_survey``), else 1–7.

    Returns
    -------
    pandas.DataFrame
        One row per dimension and rating: ``dimension``, ``rating`` (``"E"``/``"P"``), ``k``,
        ``n``, ``alpha``, ``band`` (see :func:`servicelab.models.reliability.scale_reliability`).

    Notes
    -----
    Each dimension's items form one scale; α is computed with listwise deletion within the scale.
    Parasuraman et al. (1988) report α between 0.72 and 0.86 for the five SERVQUAL dimensions.

    References
    ----------
    Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
    *Psychometrika*, 16(3), 297–334.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> base = rng.integers(1, 8, (30, 1))
    >>> df = pd.DataFrame(np.clip(base + rng.integers(-1, 2, (30, 44)), 1, 7), columns=[*E_COLUMNS, *P_COLUMNS])
    >>> dimension_reliability(df).shape
    (10, 6)
    """
    from .reliability import alpha_band, cronbach_alpha

    rows = []
    for prefix, columns in (("E", E_COLUMNS), ("P", P_COLUMNS)):
        ratings = _as_matrix(responses, columns, prefix, scale)  # one conversion, then slices per dimension
        for dim in DIMENSIONS:
            block = ratings[:, _SLICES[dim]]
            n = int((~np.isnan(block).any(axis=1)).sum())  # complete rows: listwise within the scale
            alpha = cronbach_alpha(block)
            rows.append((dim, prefix, block.shape[1], n, alpha, alpha_band(alpha)))
    return pd.DataFrame(rows, columns=["dimension", "rating", "k", "n", "alpha", "band"])


def validate_dimension_choice(dimensions, *, where: str = "", size: int = 2) -> list[str]:
    """Check a choice of ``size`` distinct SERVQUAL dimensions; return it in instrument order.

    Examples
    --------
    >>> validate_dimension_choice(["empathy", "reliability"])
    ['reliability', 'empathy']
    """
    size, dims = check_number(size, "size", low=1, integer=True), check_names(dimensions, "dimensions", min_size=0)
    unknown = [d for d in dims if d not in DIMENSIONS]
    if unknown:
        raise ServiceLabError("servqual.error.weight_dimension", name=", ".join(map(str, unknown)))
    if len(set(dims)) != size:
        raise ServiceLabError("servqual.exercise.need_two", n=len(set(dims)), size=size, where=where)
    return [d for d in DIMENSIONS if d in dims]


def compare_choice(chosen, reference) -> dict[str, list[str]]:
    """Compare a learner's two dimensions with a reference pair (C5.9 exercise).

    Returns
    -------
    dict
        ``matched``, ``missed`` (in the reference, not chosen) and ``extra`` (chosen, not in the
        reference), each in instrument order.

    Examples
    --------
    >>> compare_choice(["reliability", "empathy"], ["reliability", "assurance"])
    {'matched': ['reliability'], 'missed': ['assurance'], 'extra': ['empathy']}
    """
    c = set(validate_dimension_choice(chosen))
    r = set(validate_dimension_choice(reference))
    order = lambda s: [d for d in DIMENSIONS if d in s]  # noqa: E731
    return {"matched": order(c & r), "missed": order(r - c), "extra": order(c - r)}


#: The published importance finding (Parasuraman, Zeithaml & Berry 1988; Parasuraman, Berry &
#: Zeithaml 1991, where customers spread 100 points over the five dimensions): in every industry
#: studied, reliability came out most important and tangibles least.
PUBLISHED_IMPORTANCE: dict[str, str] = {"most": "reliability", "least": "tangibles"}


def against_published_importance(pair) -> dict[str, bool]:
    """How a "two most important dimensions" pair departs from the published finding.

    Parameters
    ----------
    pair : sequence of str
        Two distinct dimension codes.

    Returns
    -------
    dict
        ``omits_most``: the pair leaves out reliability, which the studies found most important
        in every industry — this contradicts the finding; ``has_least``: the pair puts tangibles,
        found least important, in the top two (at odds with the finding as well).

    Notes
    -----
    With :math:`D` the pair, ``omits_most`` is :math:`\\text{reliability} \\notin D` and
    ``has_least`` is :math:`\\text{tangibles} \\in D`.

    References
    ----------
    Parasuraman, A., Zeithaml, V. A. & Berry, L. L. (1988). SERVQUAL. *Journal of Retailing*,
    64(1), 12–40. Parasuraman, A., Berry, L. L. & Zeithaml, V. A. (1991). Refinement and
    reassessment of the SERVQUAL scale. *Journal of Retailing*, 67(4), 420–450.

    Examples
    --------
    >>> against_published_importance(["tangibles", "empathy"])
    {'omits_most': True, 'has_least': True}
    >>> against_published_importance(["reliability", "assurance"])
    {'omits_most': False, 'has_least': False}
    """
    dims = validate_dimension_choice(pair)
    return {"omits_most": PUBLISHED_IMPORTANCE["most"] not in dims, "has_least": PUBLISHED_IMPORTANCE["least"] in dims}


def industries_against_published(lang: str = "zh") -> pd.DataFrame:
    """The C5.9 industry cases set against the published importance finding, one row per case.

    Parameters
    ----------
    lang : {"zh", "en"}
        Language of the industry names.

    Returns
    -------
    pandas.DataFrame
        Columns ``industry`` (name), ``project_view`` (the two dimensions, named in ``lang``),
        ``omits_most`` and ``has_least`` (see :func:`against_published_importance`).

    Examples
    --------
    >>> int(industries_against_published("en")["omits_most"].sum())
    5
    """
    from ..i18n import t

    rows = []
    for case in load_industries():
        flags = against_published_importance(case["project_view"])
        pair = t("core.list_sep", lang).join(t(f"servqual.dimension.{d}", lang) for d in case["project_view"])
        rows.append({"industry": case["name"][lang], "project_view": pair, **flags})
    return pd.DataFrame(rows, columns=["industry", "project_view", "omits_most", "has_least"])


@lru_cache(maxsize=1)
def load_industries() -> list[dict]:
    """The C5.9 industry cases from ``data/servqual/industries.json`` (validated).

    Each case: ``id``, ``name`` {zh, en}, ``project_view`` (the two dimensions this project
    argues for — its own judgement, not a survey result) and ``why`` {zh, en} (the argument).
    The published finding to set against them is :data:`PUBLISHED_IMPORTANCE`
    (see :func:`against_published_importance`).

    Examples
    --------
    >>> len(load_industries())
    12
    """
    import json

    path = data_path("servqual", "industries.json")
    cases = json.loads(path.read_text(encoding="utf-8"))
    for c in cases:
        validate_dimension_choice(c.get("project_view", []), where=f"{path.name}:{c.get('id')}")
        for field in ("name", "why"):
            if not all(c.get(field, {}).get(lang) for lang in ("zh", "en")):
                raise ContentError("content.invalid", file=path.name, detail=f"{c.get('id')}: {field} needs zh and en")
    return cases
