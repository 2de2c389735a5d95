"""Heterogeneity 差异性 (course concept C4.5): why services vary, and standardisation vs customisation.

The course says a service depends on the staff who deliver it and on factors nobody controls, so
quality is hard to guarantee; its remedies are **standardisation** (one way of doing the job) and
**customisation** (fitting the service to each customer's needs).

This module is a **teaching illustration**, not a measured law: a small, seeded simulation that
shows the *direction* of each remedy. Customers are served by staff who differ; each encounter
also has uncontrollable noise, and each customer has needs that differ from the standard offer.

* Standardisation shrinks the differences between staff and part of the noise, so the
  distribution of experiences narrows — but a standard script leaves less room to adapt.
* Customisation lets staff fit the service to the customer's needs, so customers with unusual
  needs are served better — as far as standardisation leaves room for it.

All the arithmetic is in :func:`experience_scores`; the numbers are invented for teaching.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._inputs import check_number

#: Constants of the illustration (documented in :func:`experience_scores`).
BASE = 7.0
STAFF_SD = 1.2
NOISE_SD = 0.8
NEED_WEIGHT = 1.0
SCALE = (0.0, 10.0)
#: An experience below this score counts as a poor one (the summary's ``share_poor``).
POOR_BELOW = 6.0


def _draws(staff: int, customers_per_staff: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Staff offsets, encounter noise and needs: drawn once per seed, whatever the remedies
    (common random numbers, so moving a slider changes the remedy, not the customers)."""
    rng = np.random.default_rng(seed)
    n = staff * customers_per_staff
    who = np.repeat(np.arange(staff), customers_per_staff)
    offset = rng.normal(0.0, STAFF_SD, staff)
    noise = rng.normal(0.0, NOISE_SD, n)
    need = np.abs(rng.normal(0.0, 1.0, n))
    return who, offset, noise, need


def experience_scores(standardisation: float = 0.0, customisation: float = 0.0, *, staff: int = 8,
                      customers_per_staff: int = 60, seed: int = 0) -> pd.DataFrame:
    """Simulated customer experience scores (0–10) of one service delivered by different staff.

    Parameters
    ----------
    standardisation : float
        How far the service is standardised, 0 (every employee works their own way) to 1 (one
        script for everyone).
    customisation : float
        How far staff adapt the service to each customer's needs, 0 to 1.
    staff : int
        Number of employees (1–50).
    customers_per_staff : int
        Customers each employee serves (1–1000).
    seed : int
        Random seed (≥ 0); the same seed gives the same staff and customers.

    Returns
    -------
    pandas.DataFrame
        One row per customer: ``staff`` (0-based), ``need`` (how far the customer's needs are from
        the standard offer, ≥ 0), ``fit_loss`` (points lost to needs not met) and ``score``.

    Raises
    ------
    ServiceLabError
        A parameter out of its range.

    Notes
    -----
    A **teaching illustration** (made-up constants, not estimated from data). For customer i of
    employee j, with s = standardisation and c = customisation:

    .. math:: x_{ij} = 7 + (1 - s)\\,a_j + (1 - s/2)\\,e_{ij} - (1 - c\\,(1 - s))\\,|n_i|

    clipped to [0, 10], where :math:`a_j \\sim N(0, 1.2^2)` is the employee's skill and manner,
    :math:`e_{ij} \\sim N(0, 0.8^2)` uncontrollable factors (half of them removable by standard
    procedures), and :math:`|n_i|`, :math:`n_i \\sim N(0, 1)`, how unusual the customer's needs are.
    Customisation works only in the room standardisation leaves: effective fit c(1 − s). With
    c = 0 the standard deviation of the scores falls as s rises (before clipping, the variance is
    :math:`(1-s)^2 1.2^2 + (1-s/2)^2 0.8^2 + \\mathrm{Var}|n|`); with c > 0 standardising also costs
    fit (the mean loss grows with s).

    Examples
    --------
    >>> loose = experience_scores(0.0, 0.0)
    >>> tight = experience_scores(1.0, 0.0)
    >>> bool(tight["score"].std() < loose["score"].std()), len(tight)
    (True, 480)
    """
    s = check_number(standardisation, "standardisation", low=0, high=1)
    c = check_number(customisation, "customisation", low=0, high=1)
    m = check_number(staff, "staff", low=1, high=50, integer=True)
    k = check_number(customers_per_staff, "customers_per_staff", low=1, high=1000, integer=True)
    sd = check_number(seed, "seed", low=0, integer=True)
    who, offset, noise, need = _draws(m, k, sd)
    fit_loss = NEED_WEIGHT * (1.0 - c * (1.0 - s)) * need
    score = BASE + (1.0 - s) * offset[who] + (1.0 - s / 2.0) * noise - fit_loss
    return pd.DataFrame({"staff": who, "need": need, "fit_loss": fit_loss, "score": np.clip(score, *SCALE)})


def experience_summary(scores: pd.DataFrame) -> dict[str, float]:
    """Key numbers of a distribution of experience scores (see :func:`experience_scores`).

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`experience_scores`.

    Returns
    -------
    dict
        ``mean``, ``sd`` (sample standard deviation, ddof = 1), ``p10`` and ``p90`` (10th and 90th
        percentiles), ``share_poor`` (fraction of scores below :data:`POOR_BELOW` = 6),
        ``staff_range`` (best minus worst employee's mean score) and ``fit_loss`` (mean points lost
        to needs not met).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"staff": [0, 0, 1, 1], "score": [4.0, 6.0, 8.0, 10.0], "fit_loss": [0, 1, 0, 1]})
    >>> out = experience_summary(df)
    >>> out["mean"], out["share_poor"], out["staff_range"], out["fit_loss"]
    (7.0, 0.25, 4.0, 0.5)
    """
    x = scores["score"].to_numpy(dtype=float)
    by_staff = scores.groupby("staff")["score"].mean()
    return {"mean": float(x.mean()), "sd": float(x.std(ddof=1)) if x.size > 1 else 0.0,
            "p10": float(np.percentile(x, 10)), "p90": float(np.percentile(x, 90)),
            "share_poor": float(np.mean(x < POOR_BELOW)),
            "staff_range": float(by_staff.max() - by_staff.min()),
            "fit_loss": float(scores["fit_loss"].mean())}


def score_histogram(scores: pd.DataFrame, bins: int = 20) -> pd.DataFrame:
    """Counts of the scores in equal bins over the 0–10 scale (for the chart).

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`experience_scores`.
    bins : int
        Number of bins (2–100).

    Returns
    -------
    pandas.DataFrame
        ``low``, ``high`` (bin edges), ``count`` and ``share`` (count / total); the last bin
        includes 10.

    Examples
    --------
    >>> import pandas as pd
    >>> h = score_histogram(pd.DataFrame({"score": [0.2, 9.9, 10.0]}), bins=2)
    >>> h["count"].tolist()
    [1, 2]
    """
    b = check_number(bins, "bins", low=2, high=100, integer=True)
    counts, edges = np.histogram(scores["score"].to_numpy(dtype=float), bins=b, range=SCALE)
    total = max(int(counts.sum()), 1)
    return pd.DataFrame({"low": edges[:-1], "high": edges[1:], "count": counts, "share": counts / total})


def remedy_table(settings=((0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (0.6, 0.6)), **kwargs) -> pd.DataFrame:
    """The key numbers of :func:`experience_summary` for several (standardisation, customisation) settings.

    Parameters
    ----------
    settings : sequence of (float, float)
        Pairs (standardisation, customisation), each in [0, 1]. Default: each employee their own
        way, fully standardised, fully customised, and a mix.
    **kwargs
        Passed to :func:`experience_scores` (``staff``, ``customers_per_staff``, ``seed``); the
        same customers are used for every row.

    Returns
    -------
    pandas.DataFrame
        One row per setting: ``standardisation``, ``customisation`` and the summary's ``mean``,
        ``sd``, ``share_poor``, ``staff_range`` and ``fit_loss``.

    Examples
    --------
    >>> tab = remedy_table()
    >>> bool(tab["sd"].iloc[1] < tab["sd"].iloc[0]), bool(tab["fit_loss"].iloc[2] < tab["fit_loss"].iloc[1])
    (True, True)
    """
    rows = []
    for s, c in settings:
        summary = experience_summary(experience_scores(s, c, **kwargs))
        rows.append({"standardisation": float(s), "customisation": float(c),
                     **{k: summary[k] for k in ("mean", "sd", "share_poor", "staff_range", "fit_loss")}})
    return pd.DataFrame(rows)
