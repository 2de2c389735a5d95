"""Technology readiness (TRI): how ready customers are to embrace technology-based service.

Course concept C2.9: five customer types — explorers, pioneers, skeptics, paranoids, laggards —
and a technology readiness index to choose between high-tech and high-touch service.

Segments are **not** cut-offs on the index. In the literature they come from cluster analysis of
the four dimension scores, so this module computes scores and profiles only; it does not assign
segments. The course's seed gives the segments' *population shares* (explorers 15–20 %, pioneers
20–25 %), kept in :data:`SEED_SEGMENT_SHARES` for display, never as thresholds.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ServiceLabError
from ._inputs import as_float_array, check_frame, check_mapping, check_range, checked_scale

#: The four dimensions: two drivers, then two inhibitors.
DIMENSIONS: tuple[str, ...] = ("optimism", "innovativeness", "discomfort", "insecurity")
DRIVERS: tuple[str, ...] = ("optimism", "innovativeness")
INHIBITORS: tuple[str, ...] = ("discomfort", "insecurity")

#: Segment codes (Parasuraman & Colby 2001/2015); translate with ``t("technology.segment." + code)``.
SEGMENTS: tuple[str, ...] = ("explorers", "pioneers", "skeptics", "paranoids", "laggards")

#: Population shares (min, max) the course's seed (S2) gives; the other three are "the rest".
SEED_SEGMENT_SHARES: dict[str, tuple[float, float]] = {"explorers": (0.15, 0.20), "pioneers": (0.20, 0.25)}

#: Default item columns: TRI 2.0, 16 items, 4 per dimension **(check)**.
TRI2_ITEMS: dict[str, tuple[str, ...]] = {
    "optimism": ("OPT1", "OPT2", "OPT3", "OPT4"),
    "innovativeness": ("INN1", "INN2", "INN3", "INN4"),
    "discomfort": ("DIS1", "DIS2", "DIS3", "DIS4"),
    "insecurity": ("INS1", "INS2", "INS3", "INS4"),
}








def tri_score(optimism, innovativeness, discomfort, insecurity, *, scale: Sequence[float] = (1, 5)):
    """Overall technology readiness from the four dimension scores.

    Parameters
    ----------
    optimism, innovativeness, discomfort, insecurity : float or array_like
        Dimension scores (means of each dimension's items) on ``scale``; arrays give one score per
        respondent and must broadcast together.
    scale : (low, high), default (1, 5)
        The rating scale (TRI uses 5 points).

    Returns
    -------
    float or numpy.ndarray
        The readiness score on ``scale``: higher means more ready. A float for scalar input.

    Notes
    -----
    The inhibitors are reverse-scored, then the four are averaged:

    .. math:: TR = \\tfrac14\\big(OPT + INN + (l + h - DIS) + (l + h - INS)\\big)

    with scale ends :math:`l, h`; on 1–5 this is mean(OPT, INN, 6 − DIS, 6 − INS).
    **(check)** This equal-weight formula is how TRI is commonly scored, but it was not confirmed
    against the original papers; treat it as the project's scoring rule.

    References
    ----------
    Parasuraman, A. (2000). Technology Readiness Index (TRI): a multiple-item scale to measure
    readiness to embrace new technologies. *Journal of Service Research*, 2(4), 307–320.

    Parasuraman, A. & Colby, C. L. (2015). An updated and streamlined technology readiness index:
    TRI 2.0. *Journal of Service Research*, 18(1), 59–74.

    Examples
    --------
    >>> tri_score(4, 3.5, 2, 2.5)
    3.75
    >>> tri_score(5, 5, 1, 1), tri_score(1, 1, 5, 5)
    (5.0, 1.0)
    """
    low, high = checked_scale(scale)
    parts = []
    for name, v in zip(DIMENSIONS, (optimism, innovativeness, discomfort, insecurity)):
        arr = as_float_array(v, name)
        check_range(arr, name, low, high)
        parts.append(arr)
    opt, inn, dis, ins = np.broadcast_arrays(*parts)
    tr = (opt + inn + (low + high - dis) + (low + high - ins)) / 4.0
    return float(tr) if tr.ndim == 0 else tr


def tri_scores(items: pd.DataFrame, *, dimensions: Mapping[str, Sequence[str]] | None = None,
               scale: Sequence[float] = (1, 5)) -> pd.DataFrame:
    """Per-respondent dimension scores and readiness from an item matrix.

    Parameters
    ----------
    items : pandas.DataFrame
        One row per respondent, one column per item, ratings on ``scale``.
    dimensions : mapping, optional
        Each of the four dimensions → its item columns. Defaults to :data:`TRI2_ITEMS`
        (``OPT1``–``OPT4``, ``INN1``–``INN4``, ``DIS1``–``DIS4``, ``INS1``–``INS4``: TRI 2.0's
        16 items, 4 per dimension **(check)**). Inhibitor items are given as answered (agreement
        with discomfort/insecurity); reversal happens in the readiness score only.
    scale : (low, high), default (1, 5)

    Returns
    -------
    pandas.DataFrame
        Same index as ``items``; columns ``optimism``, ``innovativeness``, ``discomfort``,
        ``insecurity`` (mean of the answered items of that dimension; NaN if none answered) and
        ``tri`` (:func:`tri_score` of the four; NaN if any dimension is NaN).

    Raises
    ------
    ServiceLabError
        If the mapping does not name exactly the four dimensions, an item column is missing, a
        rating is outside the scale, or there are no rows.

    References
    ----------
    Parasuraman, A. & Colby, C. L. (2015). An updated and streamlined technology readiness index:
    TRI 2.0. *Journal of Service Research*, 18(1), 59–74.

    Examples
    --------
    >>> df = pd.DataFrame({"o1": [5, 3], "o2": [4, 3], "i1": [4, 3], "d1": [2, 3], "s1": [1, 3]})
    >>> dims = {"optimism": ["o1", "o2"], "innovativeness": ["i1"], "discomfort": ["d1"], "insecurity": ["s1"]}
    >>> tri_scores(df, dimensions=dims)["tri"].tolist()
    [4.375, 3.0]
    """
    check_frame(items, "items")
    low, high = checked_scale(scale)
    check_mapping(dimensions, "dimensions", allow_none=True)
    dims = TRI2_ITEMS if dimensions is None else dimensions
    if set(dims) != set(DIMENSIONS):
        raise ServiceLabError("technology.error.dimensions", allowed=", ".join(DIMENSIONS),
                              given=", ".join(map(str, dims)))
    if len(items) == 0:
        raise ServiceLabError("satisfaction.error.empty", what="items")
    out = pd.DataFrame(index=items.index)
    for dim in DIMENSIONS:
        cols = list(dims[dim])
        missing = [c for c in cols if c not in items.columns]
        if missing or not cols:
            raise ServiceLabError("technology.error.missing_items", dimension=dim, columns=", ".join(missing))
        block = np.column_stack([as_float_array(items[c], c) for c in cols])
        for j, c in enumerate(cols):
            check_range(block[:, j], c, low, high)
        with np.errstate(all="ignore"):
            answered = (~np.isnan(block)).sum(axis=1)
            out[dim] = np.where(answered > 0, np.nansum(block, axis=1) / np.maximum(answered, 1), np.nan)
    out["tri"] = (out["optimism"] + out["innovativeness"] + (low + high - out["discomfort"])
                  + (low + high - out["insecurity"])) / 4.0
    return out


def tri_profile(scores: pd.DataFrame, *, scale: Sequence[float] = (1, 5)) -> pd.DataFrame:
    """Summary of dimension and readiness scores: the profile a segment (or sample) shows.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`tri_scores` (any subset of its columns), e.g. one cluster's rows.
    scale : (low, high), default (1, 5)
        Used for the midpoint in ``share_above_mid``.

    Returns
    -------
    pandas.DataFrame
        One row per score column present (dimensions in order, then ``tri``): ``measure``, ``n``
        (non-missing), ``mean``, ``sd`` (sample, ddof=1), ``min``, ``max`` and
        ``share_above_mid`` (share strictly above the scale midpoint). For the inhibitors a
        *high* mean means *more* discomfort/insecurity, i.e. less ready.

    Notes
    -----
    Segments (explorers, pioneers, skeptics, paranoids, laggards) are found in the literature by
    clustering respondents on the four dimensions; comparing the profiles of clusters is how they
    are named (explorers: high drivers, low inhibitors; laggards: the reverse). No fixed cut-offs.

    References
    ----------
    Parasuraman, A. & Colby, C. L. (2001). *Techno-ready marketing: how and why your customers
    adopt technology*. Free Press.

    Examples
    --------
    >>> s = pd.DataFrame({"optimism": [4, 2], "tri": [3.5, 2.5]})
    >>> tri_profile(s)[["measure", "mean", "share_above_mid"]].values.tolist()
    [['optimism', 3.0, 0.5], ['tri', 3.0, 0.5]]
    """
    check_frame(scores, "scores")
    low, high = checked_scale(scale)
    mid = (low + high) / 2
    rows = []
    for col in (*DIMENSIONS, "tri"):
        if col not in scores:
            continue
        x = scores[col].dropna().to_numpy(dtype=float)
        if x.size == 0:
            raise ServiceLabError("satisfaction.error.empty", what=col)
        rows.append({"measure": col, "n": int(x.size), "mean": float(x.mean()),
                     "sd": float(x.std(ddof=1)) if x.size > 1 else float("nan"),
                     "min": float(x.min()), "max": float(x.max()),
                     "share_above_mid": float((x > mid).mean())})
    if not rows:
        raise ServiceLabError("satisfaction.error.empty", what="scores")
    return pd.DataFrame(rows)
