"""Seeded generator of a realistic synthetic SERVQUAL class survey.

The shipped sample ``data/surveys/canteen_servqual.csv`` was made with
``python -m servicelab.models.synthetic`` (defaults below). Nothing in it is real data.

How a respondent is simulated
-----------------------------
* a personal *expectation level* (some people expect more of everything) and a personal
  *leniency* (some people rate everything higher);
* per dimension, a latent expectation and a latent perception = the service's profile
  (:data:`CANTEEN_PROFILE`) + the personal terms + a dimension-specific personal deviation;
* per item, the latent value + item noise, rounded and clipped to 1–7.

The shared latent terms make items of one dimension correlate, so Cronbach's alpha per dimension
comes out in the 0.7–0.9 range that published SERVQUAL studies report. A small share of cells is
left blank (missing) and each respondent splits 100 points over the five dimensions.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._inputs import check_choice, check_mapping, check_number, check_probability, check_sequence, check_text
from .servqual import DIMENSION_ITEMS, DIMENSIONS, E_COLUMNS, P_COLUMNS

#: A campus canteen at noon: (mean expectation, mean perception) per dimension on the 1–7 scale.
#: Long queues make responsiveness and empathy the weak spots; food safety keeps assurance high.
CANTEEN_PROFILE: dict[str, tuple[float, float]] = {
    "tangibles": (5.4, 4.7),
    "reliability": (6.2, 5.0),
    "responsiveness": (5.9, 4.1),
    "assurance": (6.0, 5.3),
    "empathy": (5.3, 4.0),
}
#: Mean share of the 100 points given to each dimension (reliability first, as in the literature).
CANTEEN_WEIGHTS: dict[str, float] = {
    "tangibles": 12, "reliability": 30, "responsiveness": 24, "assurance": 18, "empathy": 16,
}


def _allocate_points(rng: np.random.Generator, mean_points: np.ndarray, n: int, concentration: float = 25.0) -> np.ndarray:
    """Integer 100-point allocations, Dirichlet around ``mean_points``; each row sums to 100."""
    shares = rng.dirichlet(mean_points / mean_points.sum() * concentration, size=n)
    raw = shares * 100
    points = np.floor(raw).astype(int)
    # largest-remainder rounding so every row sums to exactly 100
    short = 100 - points.sum(axis=1)
    order = np.argsort(-(raw - points), axis=1)
    for i in range(n):
        points[i, order[i, : short[i]]] += 1
    # people allocate in round numbers: snap to multiples of 5 while keeping the sum
    snapped = (np.round(points / 5) * 5).astype(int)
    diff = 100 - snapped.sum(axis=1)
    for i in np.flatnonzero(diff):
        j = int(np.argmax(snapped[i])) if diff[i] < 0 else int(np.argmin(snapped[i]))
        snapped[i, j] += diff[i]
    return snapped


def synthetic_servqual_survey(
    n: int = 120,
    *,
    seed: int = 2026,
    profile: dict[str, tuple[float, float]] | None = None,
    weights: dict[str, float] | None = None,
    missing_rate: float = 0.004,
    start: str = "2026-09-14 11:30",
) -> pd.DataFrame:
    """Simulate a class SERVQUAL survey in the wide format of :func:`servicelab.io.survey.read_survey`.

    Parameters
    ----------
    n : int, default 120
        Respondents, 1–100 000.
    seed : int, default 2026
        Seed of the random generator (same seed → same file).
    profile : dict, optional
        Dimension → (mean expectation, mean perception), each in 1–7; a dimension left out keeps
        its value in :data:`CANTEEN_PROFILE`.
    weights : dict, optional
        Dimension → mean points of 100 (> 0); a dimension left out keeps its value in
        :data:`CANTEEN_WEIGHTS`.
    missing_rate : float, default 0.004
        Share of rating cells left blank.
    start : str
        Time stamp of the first submission (a column the reader ignores, as in real exports).

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``submitted`` (提交时间), ``E1``–``E22``, ``P1``–``P22``, ``W1``–``W5``;
        ratings are nullable integers.

    Examples
    --------
    >>> df = synthetic_servqual_survey(50, seed=1)
    >>> df.shape, int(df[["W1", "W2", "W3", "W4", "W5"]].sum(axis=1).eq(100).all())
    ((50, 51), 1)
    """
    n, seed = check_number(n, "n", low=1, high=100_000, integer=True), check_number(seed, "seed", low=0, integer=True)
    missing_rate = check_probability(missing_rate, "missing_rate")
    for dim, pair in (check_mapping(profile, "profile", allow_none=True) or {}).items():
        check_choice(dim, "profile", DIMENSIONS), check_sequence(pair, f"profile[{dim}]", size=2, low=1, high=7)
    for dim in check_mapping(weights, "weights", allow_none=True, numbers_in=True, low=0, low_open=True) or {}:
        check_choice(dim, "weights", DIMENSIONS)
    check_text(start, "start")
    rng = np.random.default_rng(seed)
    profile = {**CANTEEN_PROFILE, **(profile or {})}
    weights = {**CANTEEN_WEIGHTS, **(weights or {})}

    level = rng.normal(0.0, 0.45, n)      # expects more of everything
    leniency = rng.normal(0.0, 0.45, n)   # rates everything higher
    e_cols, p_cols = [], []
    for dim in DIMENSIONS:
        mean_e, mean_p = profile[dim]
        latent_e = mean_e + level + rng.normal(0.0, 0.45, n)
        latent_p = mean_p + leniency + rng.normal(0.0, 0.75, n)
        k = len(DIMENSION_ITEMS[dim])
        e_cols.append(latent_e[:, None] + rng.normal(0.0, 0.6, (n, k)))
        p_cols.append(latent_p[:, None] + rng.normal(0.0, 0.7, (n, k)))
    ratings = np.clip(np.rint(np.hstack(e_cols + p_cols)), 1, 7)
    ratings[rng.random(ratings.shape) < missing_rate] = np.nan

    df = pd.DataFrame(ratings, columns=[*E_COLUMNS, *P_COLUMNS]).astype("Int64")
    points = _allocate_points(rng, np.array([weights[d] for d in DIMENSIONS], dtype=float), n)
    for j in range(len(DIMENSIONS)):
        df[f"W{j + 1}"] = points[:, j]
    minutes = np.sort(rng.integers(0, 60 * 24 * 3, n))
    stamps = pd.Timestamp(start) + pd.to_timedelta(minutes, unit="min")
    df.insert(0, "submitted", stamps.strftime("%Y-%m-%d %H:%M"))
    df.insert(0, "id", [f"S{i + 1:03d}" for i in range(n)])
    return df


def main() -> None:  # pragma: no cover - writes the shipped sample
    from ..paths import data_path

    out = data_path("surveys", "canteen_servqual.csv")
    out.parent.mkdir(parents=True, exist_ok=True)
    synthetic_servqual_survey().to_csv(out, index=False, encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":  # pragma: no cover
    main()
