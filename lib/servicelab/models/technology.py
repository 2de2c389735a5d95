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
from ._inputs import as_float_array, check_frame, check_mapping, check_number, check_range, checked_scale

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


# ----------------------------------------------------------------------------- segments by clustering
#: Sign pattern of each segment's profile (optimism, innovativeness, discomfort, insecurity)
#: relative to the sample mean, as Parasuraman & Colby (2001) describe them: explorers high drivers
#: and low inhibitors; pioneers high on both; skeptics low on both; paranoids optimistic but not
#: innovative, with high inhibitors; laggards low drivers and high inhibitors.
SEGMENT_PATTERNS: dict[str, tuple[int, int, int, int]] = {
    "explorers": (1, 1, -1, -1),
    "pioneers": (1, 1, 1, 1),
    "skeptics": (-1, -1, -1, -1),
    "paranoids": (1, -1, 1, 1),
    "laggards": (-1, -1, 1, 1),
}

#: The project's illustrative items (NOT the TRI 2.0 wording, which is licensed by its authors).
ILLUSTRATIVE_ITEMS_FILE = ("technology", "tri_items.json")
#: The shipped synthetic sample (made with :func:`synthetic_tri_sample` and its defaults).
SAMPLE_FILE = ("technology", "tri_sample.csv")

#: Dimension means (1–5) of the segments used to *generate* the synthetic sample, and its shares
#: (explorers and pioneers at the middle of the course's ranges; the other 60 % split evenly —
#: the course gives no shares for them). Generation only: segments are *found* by clustering.
SYNTHETIC_PROFILES: dict[str, tuple[float, float, float, float]] = {
    "explorers": (4.4, 4.2, 2.0, 2.3),
    "pioneers": (4.2, 3.9, 3.6, 3.7),
    "skeptics": (3.0, 2.8, 2.4, 2.6),
    "paranoids": (3.9, 2.4, 3.9, 4.2),
    "laggards": (2.4, 1.9, 4.1, 4.3),
}
SYNTHETIC_SHARES: dict[str, float] = {"explorers": 0.175, "pioneers": 0.225, "skeptics": 0.2, "paranoids": 0.2,
                                      "laggards": 0.2}


def illustrative_items() -> dict[str, list[dict]]:
    """The project's own illustrative TRI-style items, three per dimension (not TRI 2.0's wording).

    Returns
    -------
    dict
        Dimension → list of ``{"id", "text": {"zh", "en"}}``.

    Examples
    --------
    >>> items = illustrative_items()
    >>> [len(items[d]) for d in DIMENSIONS]
    [3, 3, 3, 3]
    """
    from ..paths import data_path
    import json

    raw = json.loads(data_path(*ILLUSTRATIVE_ITEMS_FILE).read_text(encoding="utf-8"))
    return {d: list(raw["items"][d]) for d in DIMENSIONS}


def illustrative_dimensions() -> dict[str, list[str]]:
    """Dimension → item columns of the illustrative items (for :func:`tri_scores`).

    Examples
    --------
    >>> illustrative_dimensions()["optimism"]
    ['opt1', 'opt2', 'opt3']
    """
    return {d: [it["id"] for it in its] for d, its in illustrative_items().items()}


def illustrative_items_frame(lang: str = "zh") -> pd.DataFrame:
    """The illustrative items as a table: ``dimension``, ``item`` and ``text`` in ``lang``.

    Examples
    --------
    >>> illustrative_items_frame("en").iloc[0]["item"], len(illustrative_items_frame("zh"))
    ('opt1', 12)
    """
    from ._inputs import check_lang

    lang = check_lang(lang)
    return pd.DataFrame([{"dimension": d, "item": it["id"], "text": it["text"][lang]}
                         for d, its in illustrative_items().items() for it in its])


def synthetic_tri_sample(n: int = 600, *, seed: int = 11, noise: float = 0.45, item_noise: float = 0.55) -> pd.DataFrame:
    """A seeded synthetic sample of respondents answering the illustrative items (1–5).

    Parameters
    ----------
    n : int, default 600
        Respondents (10 … 100 000).
    seed : int, default 11
        Seed of ``numpy.random.default_rng``: the same seed gives the same sample.
    noise : float, default 0.45
        Personal deviation (SD) of a respondent's dimension level from the segment's mean.
    item_noise : float, default 0.55
        Item-level noise (SD) before rounding to 1–5.

    Returns
    -------
    pandas.DataFrame
        ``respondent`` (1 … n), one integer column per illustrative item (``opt1`` … ``ins3``) and
        ``generated_as`` (the segment whose profile generated the row — kept to check the
        clustering, never used by it).

    Notes
    -----
    Each respondent is drawn from a segment with :data:`SYNTHETIC_SHARES`; per dimension a latent
    level = the segment's mean (:data:`SYNTHETIC_PROFILES`) + N(0, noise); per item the level +
    N(0, item_noise), rounded and clipped to 1–5. Nothing in it is real data.

    Examples
    --------
    >>> s = synthetic_tri_sample(50, seed=1)
    >>> s.shape, int(s["opt1"].min()) >= 1, int(s["opt1"].max()) <= 5
    ((50, 14), True, True)
    """
    n = check_number(n, "n", low=10, high=100_000, integer=True)
    seed = check_number(seed, "seed", low=0, integer=True)
    noise = check_number(noise, "noise", low=0, high=2)
    item_noise = check_number(item_noise, "item_noise", low=0, high=2)
    rng = np.random.default_rng(seed)
    segs = list(SYNTHETIC_SHARES)
    who = rng.choice(len(segs), size=n, p=np.array([SYNTHETIC_SHARES[s] for s in segs]))
    means = np.array([SYNTHETIC_PROFILES[s] for s in segs])[who]          # n × 4
    level = means + rng.normal(0.0, noise, size=means.shape)
    dims = illustrative_dimensions()
    out = {"respondent": np.arange(1, n + 1)}
    for j, dim in enumerate(DIMENSIONS):
        for col in dims[dim]:
            out[col] = np.clip(np.rint(level[:, j] + rng.normal(0.0, item_noise, size=n)), 1, 5).astype(int)
    out["generated_as"] = np.array(segs)[who]
    return pd.DataFrame(out)


def load_tri_sample() -> pd.DataFrame:
    """The shipped synthetic sample ``data/technology/tri_sample.csv`` (see :func:`synthetic_tri_sample`).

    Examples
    --------
    >>> len(load_tri_sample())
    600
    """
    from ..paths import data_path

    return pd.read_csv(data_path(*SAMPLE_FILE))


def kmeans(data, k: int, *, seed: int = 0, n_init: int = 10, max_iter: int = 300):
    """k-means clustering (Lloyd's algorithm) with k-means++ seeding and restarts.

    Parameters
    ----------
    data : array_like, shape (n, p)
        Finite numbers; one row per point.
    k : int
        Number of clusters, 1 ≤ k ≤ n.
    seed : int, default 0
        Seed of ``numpy.random.default_rng``; the same seed gives the same clusters.
    n_init : int, default 10
        Restarts; the run with the smallest within-cluster sum of squares is kept.
    max_iter : int, default 300
        Lloyd iterations per restart (it stops earlier when the assignment no longer changes).

    Returns
    -------
    (labels, centers, inertia)
        ``labels`` (n,) ints in 0 … k−1, ``centers`` (k, p) and ``inertia`` = the within-cluster
        sum of squared distances :math:`\\sum_i \\lVert x_i - c_{l(i)} \\rVert^2`.

    Notes
    -----
    k-means++ (Arthur & Vassilvitskii 2007): the first centre is a random point, each next one a
    point drawn with probability proportional to its squared distance to the nearest chosen
    centre. Lloyd's steps then alternate "assign each point to its nearest centre" and "move each
    centre to the mean of its points" (an empty cluster keeps its centre). Written in numpy for
    this project (scikit-learn is not a dependency).

    References
    ----------
    Lloyd, S. P. (1982). Least squares quantization in PCM. *IEEE Transactions on Information
    Theory*, 28(2), 129–137.

    Arthur, D. & Vassilvitskii, S. (2007). k-means++: the advantages of careful seeding.
    *Proceedings of the 18th ACM-SIAM Symposium on Discrete Algorithms*, 1027–1035.

    Examples
    --------
    >>> labels, centers, inertia = kmeans([[0, 0], [0, 1], [10, 10], [10, 11]], 2, seed=0)
    >>> sorted(centers.tolist()), inertia
    ([[0.0, 0.5], [10.0, 10.5]], 1.0)
    """
    x = np.asarray(as_float_array(data, "data"), dtype=float)
    if x.ndim != 2 or x.shape[0] == 0 or not np.isfinite(x).all():
        raise ServiceLabError("vt.error.points", shape=str(x.shape))
    n = x.shape[0]
    k = check_number(k, "k", low=1, high=n, integer=True)
    seed = check_number(seed, "seed", low=0, integer=True)
    n_init = check_number(n_init, "n_init", low=1, high=100, integer=True)
    max_iter = check_number(max_iter, "max_iter", low=1, high=10_000, integer=True)
    rng = np.random.default_rng(seed)
    best = None
    for _ in range(n_init):
        centers = x[[rng.integers(n)]]
        d2 = ((x - centers[0]) ** 2).sum(axis=1)
        for _c in range(1, k):
            total = d2.sum()
            nxt = rng.integers(n) if total == 0 else rng.choice(n, p=d2 / total)
            centers = np.vstack([centers, x[nxt]])
            d2 = np.minimum(d2, ((x - x[nxt]) ** 2).sum(axis=1))
        labels = None
        for _it in range(max_iter):
            dist = ((x[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
            new = dist.argmin(axis=1)
            if labels is not None and np.array_equal(new, labels):
                break
            labels = new
            for j in range(k):
                members = x[labels == j]
                if len(members):
                    centers[j] = members.mean(axis=0)
        inertia = float(((x - centers[labels]) ** 2).sum())
        if best is None or inertia < best[2] - 1e-12:
            best = (labels.copy(), centers.copy(), inertia)
    return best


def label_segments(centers, grand_mean) -> list[str]:
    """Name each cluster centre by the segment whose profile pattern it matches best.

    Parameters
    ----------
    centers : array_like, shape (5, 4)
        Cluster means of the four dimensions (order of :data:`DIMENSIONS`).
    grand_mean : array_like, shape (4,)
        The sample's mean of the four dimensions.

    Returns
    -------
    list of str
        One segment code per centre, each of :data:`SEGMENTS` used once.

    Notes
    -----
    Match of centre :math:`c` with segment :math:`s` = :math:`(c - \\bar x) \\cdot p_s`, with
    :math:`p_s` the sign pattern of :data:`SEGMENT_PATTERNS`; the one-to-one naming with the
    largest total match is chosen by trying all 120 orders. This is how the literature names
    clusters — by their profile — written as a rule for this project.

    Examples
    --------
    >>> label_segments([[4.4, 4.2, 2.0, 2.3], [4.2, 3.9, 3.6, 3.7], [3.0, 2.8, 2.4, 2.6],
    ...                 [3.9, 2.4, 3.9, 4.2], [2.4, 1.9, 4.1, 4.3]], [3.6, 3.1, 3.2, 3.4])
    ['explorers', 'pioneers', 'skeptics', 'paranoids', 'laggards']
    """
    from itertools import permutations

    c = np.asarray(as_float_array(centers, "centers"), dtype=float)
    g = np.asarray(as_float_array(grand_mean, "grand_mean"), dtype=float)
    if c.shape != (len(SEGMENTS), len(DIMENSIONS)) or g.shape != (len(DIMENSIONS),):
        raise ServiceLabError("vt.error.centers", shape=str(c.shape))
    patterns = np.array([SEGMENT_PATTERNS[s] for s in SEGMENTS], dtype=float)
    match = (c - g) @ patterns.T                                            # centre × segment
    best = max(permutations(range(len(SEGMENTS))), key=lambda p: (sum(match[i, p[i]] for i in range(len(p))), p))
    return [SEGMENTS[j] for j in best]


def tri_segments(scores: pd.DataFrame, *, seed: int = 0, n_init: int = 10):
    """Find the five readiness segments by k-means on the four dimension scores, named by profile.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`tri_scores` (the four dimension columns are used; rows with a missing
        dimension are left out).
    seed : int, default 0
        Seed of :func:`kmeans`; the same seed gives the same segments.
    n_init : int, default 10
        k-means restarts.

    Returns
    -------
    (segment, profile)
        ``segment``: a Series (index of ``scores``) of segment codes; ``profile``: one row per
        segment in the order of :data:`SEGMENTS` with ``segment``, ``n``, ``share``, the four
        dimension means, ``drivers`` (mean of optimism and innovativeness), ``inhibitors`` (mean of
        discomfort and insecurity), ``tri`` (:func:`tri_score` of the means), ``course_low`` and
        ``course_high`` (the course's share range, NaN where it gives none).

    Notes
    -----
    k = 5 clusters on the raw 1–5 dimension scores (one common scale, so no standardising);
    clusters are named with :func:`label_segments`.

    References
    ----------
    Parasuraman, A. & Colby, C. L. (2001). *Techno-ready marketing*. Free Press.

    Examples
    --------
    >>> seg, prof = tri_segments(tri_scores(load_tri_sample(), dimensions=illustrative_dimensions()))
    >>> list(prof["segment"]) == list(SEGMENTS), round(float(prof["share"].sum()), 6)
    (True, 1.0)
    """
    check_frame(scores, "scores")
    missing = [d for d in DIMENSIONS if d not in scores.columns]
    if missing:
        raise ServiceLabError("technology.error.missing_items", dimension=", ".join(missing), columns="-")
    block = scores[list(DIMENSIONS)].dropna()
    if len(block) < len(SEGMENTS):
        raise ServiceLabError("satisfaction.error.empty", what="scores")
    x = block.to_numpy(dtype=float)
    labels, centers, _ = kmeans(x, len(SEGMENTS), seed=seed, n_init=n_init)
    names = label_segments(centers, x.mean(axis=0))
    segment = pd.Series(np.array(names)[labels], index=block.index, name="segment")
    rows = []
    for s in SEGMENTS:
        j = names.index(s)
        m = centers[j]
        lo, hi = SEED_SEGMENT_SHARES.get(s, (np.nan, np.nan))
        rows.append({"segment": s, "n": int((labels == j).sum()), "share": float((labels == j).mean()),
                     **{d: float(v) for d, v in zip(DIMENSIONS, m)},
                     "drivers": float(m[:2].mean()), "inhibitors": float(m[2:].mean()),
                     "tri": tri_score(*np.clip(m, 1, 5)), "course_low": lo, "course_high": hi})
    return segment, pd.DataFrame(rows)


# ----------------------------------------------------------------------------- high-tech vs high-touch
#: Decisions of :func:`tech_touch_plan` (translate with ``t("vt.decision." + code)``).
DECISIONS: tuple[str, ...] = ("high_tech", "high_tech_with_touch", "high_touch")


def tech_touch_plan(mix: Mapping[str, float], touchpoints: pd.DataFrame, readiness: Mapping[str, float], *,
                    majority: float = 0.5, fallback: float = 0.2) -> pd.DataFrame:
    """Which touchpoints to make self-service (high-tech) for a customer mix: a teaching rule.

    Parameters
    ----------
    mix : mapping of segment to weight
        The firm's customers by segment (weights ≥ 0, not all 0; normalised to shares).
    touchpoints : pandas.DataFrame
        Columns ``touchpoint`` and ``demand`` — the readiness (1–5) a customer needs to handle
        that touchpoint alone (routine look-ups low; complex or emotional contacts high).
    readiness : mapping of segment to float
        Each segment's readiness score (1–5), e.g. the ``tri`` column of :func:`tri_segments`.
    majority : float, default 0.5
        Share of ready customers from which a touchpoint goes self-service.
    fallback : float, default 0.2
        Share of not-ready customers from which a self-service touchpoint keeps a human option.

    Returns
    -------
    pandas.DataFrame
        Per touchpoint (input order): ``touchpoint``, ``demand``, ``ready_share`` and ``decision``
        (one of :data:`DECISIONS`).

    Notes
    -----
    ``ready_share`` :math:`= \\sum_s w_s [TR_s \\ge d]`. Decision: high-touch if
    ``ready_share < majority``; else high-tech with a human option if
    ``1 − ready_share ≥ fallback``; else high-tech. **Teaching illustration**: the course asks for
    the high-tech / high-touch choice by readiness but gives no rule; this one is the project's.

    Examples
    --------
    >>> tp = pd.DataFrame({"touchpoint": ["tracking", "advice"], "demand": [2.2, 3.5]})
    >>> plan = tech_touch_plan({"explorers": 0.3, "laggards": 0.7}, tp, {"explorers": 4.1, "laggards": 2.0})
    >>> plan[["touchpoint", "ready_share", "decision"]].values.tolist()
    [['tracking', 0.3, 'high_touch'], ['advice', 0.3, 'high_touch']]
    >>> tech_touch_plan({"explorers": 0.9, "laggards": 0.1}, tp, {"explorers": 4.1, "laggards": 2.0})["decision"].tolist()
    ['high_tech', 'high_tech']
    """
    check_mapping(mix, "mix")
    check_mapping(readiness, "readiness")
    check_frame(touchpoints, "touchpoints")
    majority = check_number(majority, "majority", low=0, high=1)
    fallback = check_number(fallback, "fallback", low=0, high=1)
    weights = {}
    for s, w in mix.items():
        if s not in SEGMENTS:
            raise ServiceLabError("vt.error.segment", value=s, allowed=", ".join(SEGMENTS))
        weights[s] = check_number(w, f"mix[{s}]", low=0)
        if s not in readiness:
            raise ServiceLabError("vt.error.segment", value=s, allowed=", ".join(map(str, readiness)))
    total = sum(weights.values())
    if total <= 0:
        raise ServiceLabError("vt.error.mix_zero")
    tr = {s: check_number(readiness[s], f"readiness[{s}]", low=1, high=5) for s in weights}
    for col in ("touchpoint", "demand"):
        if col not in touchpoints.columns:
            raise ServiceLabError("value.error.columns", columns=col)
    rows = []
    for name, d in zip(touchpoints["touchpoint"], touchpoints["demand"]):
        d = check_number(d, f"demand[{name}]", low=1, high=5)
        share = sum(w for s, w in weights.items() if tr[s] >= d) / total
        share = round(share, 12)
        decision = ("high_touch" if share < majority else
                    "high_tech_with_touch" if 1 - share >= fallback - 1e-12 else "high_tech")
        rows.append({"touchpoint": name, "demand": d, "ready_share": share, "decision": decision})
    return pd.DataFrame(rows, columns=["touchpoint", "demand", "ready_share", "decision"])


def load_touchpoints(lang: str = "zh") -> pd.DataFrame:
    """The illustrative touchpoints of ``data/technology/touchpoints.json`` (see its README).

    Returns
    -------
    pandas.DataFrame
        ``touchpoint`` (id), ``label`` (in ``lang``) and ``demand`` (readiness 1–5 a customer needs
        to handle it alone; the project's judgement, a teaching illustration).

    Examples
    --------
    >>> load_touchpoints("en")[["touchpoint", "label"]].iloc[0].tolist()
    ['tracking', 'Checking order and installation status']
    """
    import json

    from ..paths import data_path
    from ._inputs import check_lang

    lang = check_lang(lang)
    raw = json.loads(data_path("technology", "touchpoints.json").read_text(encoding="utf-8"))
    return pd.DataFrame([{"touchpoint": tp["id"], "label": tp["label"][lang], "demand": float(tp["demand"])}
                         for tp in raw["touchpoints"]])


def main() -> None:  # pragma: no cover - writes the shipped sample
    """Write ``data/technology/tri_sample.csv`` from :func:`synthetic_tri_sample` (defaults)."""
    from ..paths import data_path

    synthetic_tri_sample().to_csv(data_path(*SAMPLE_FILE), index=False)


if __name__ == "__main__":  # pragma: no cover
    main()
