"""Scale reliability: Cronbach's alpha for any questionnaire's scales.

Serves SERVQUAL's five dimensions (expectation or perception items) and any other multi-item
scale (technology readiness, satisfaction surveys …).
"""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ServiceLabError
from ._inputs import check_flag, check_frame, check_mapping, check_number

#: George & Mallery (2003) rule-of-thumb bands, highest first: (lower bound, band code).
ALPHA_BANDS: tuple[tuple[float, str], ...] = (
    (0.9, "excellent"),
    (0.8, "good"),
    (0.7, "acceptable"),
    (0.6, "questionable"),
    (0.5, "poor"),
    (-np.inf, "unacceptable"),
)


def alpha_band(alpha: float) -> str:
    """George & Mallery band of an alpha value (a code; translate with ``t("reliability.band."+code)``).

    Notes
    -----
    ≥ 0.9 excellent, ≥ 0.8 good, ≥ 0.7 acceptable, ≥ 0.6 questionable, ≥ 0.5 poor, below that
    unacceptable; a missing alpha is ``"undefined"``. The bands are a rule of thumb, not a test.

    References
    ----------
    George, D. & Mallery, P. (2003). *SPSS for Windows step by step* (4th ed.). Allyn & Bacon.

    Examples
    --------
    >>> alpha_band(0.93), alpha_band(0.7), alpha_band(0.2)
    ('excellent', 'acceptable', 'unacceptable')
    """
    alpha = check_number(alpha, "alpha", allow_none=True, allow_nan=True)
    if alpha is None or np.isnan(alpha):
        return "undefined"
    for lower, code in ALPHA_BANDS:
        if alpha >= lower:
            return code
    return "unacceptable"  # pragma: no cover


def _alpha_from_matrix(x: np.ndarray, standardized: bool) -> float:
    n, k = x.shape
    if k < 2 or n < 2:
        return float("nan")
    if standardized:
        r = np.corrcoef(x, rowvar=False)
        rbar = (r.sum() - k) / (k * (k - 1))
        return float(k * rbar / (1 + (k - 1) * rbar))
    # variances from sums of squares: one pass over the data instead of var()'s two
    mean = x.mean(axis=0)
    item_var = ((x * x).sum(axis=0) - n * mean * mean).sum() / (n - 1)
    total = x.sum(axis=1)
    total_var = total.var(ddof=1)
    if total_var == 0:
        return float("nan")
    return float(k / (k - 1) * (1 - item_var / total_var))


def cronbach_alpha(items, *, standardized: bool = False) -> float:
    """Cronbach's alpha of a set of items measuring one construct.

    Parameters
    ----------
    items : DataFrame or array_like, shape (n_respondents, k_items)
        Item scores; rows with any missing value are dropped (listwise deletion).
    standardized : bool, default False
        Return the standardized alpha (from the mean inter-item correlation) instead.

    Returns
    -------
    float
        Alpha; NaN when fewer than two items or two complete rows, or when the total score has
        no variance.

    Notes
    -----
    .. math:: \\alpha = \\frac{k}{k-1}\\left(1 - \\frac{\\sum_i \\sigma^2_i}{\\sigma^2_X}\\right)

    with :math:`\\sigma^2_i` the (sample) variance of item *i* and :math:`\\sigma^2_X` that of the
    total score. Standardized: :math:`\\alpha_s = k\\bar r / (1 + (k-1)\\bar r)`.

    References
    ----------
    Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
    *Psychometrika*, 16(3), 297–334.

    Examples
    --------
    The public example with three items (α = 99/128 ≈ 0.7734):

    >>> q1 = [1, 2, 2, 3, 2, 2, 3, 3, 2, 3]
    >>> q2 = [1, 1, 1, 2, 3, 3, 2, 3, 3, 3]
    >>> q3 = [1, 1, 2, 1, 2, 3, 3, 3, 2, 3]
    >>> round(cronbach_alpha(np.column_stack([q1, q2, q3])), 4)
    0.7734
    """
    standardized = check_flag(standardized, "standardized")
    x = items.to_numpy(dtype=float) if isinstance(items, pd.DataFrame) else np.asarray(items, dtype=float)
    if x.ndim != 2:
        raise ServiceLabError("reliability.error.shape", shape=str(x.shape))
    incomplete = np.isnan(x).any(axis=1)
    if incomplete.any():  # listwise deletion (no copy when nothing is missing)
        x = x[~incomplete]
    return _alpha_from_matrix(x, standardized)


def scale_reliability(data: pd.DataFrame, scales: Mapping[str, Sequence[str]], *, standardized: bool = False) -> pd.DataFrame:
    """Cronbach's alpha of several scales of one questionnaire.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent, one column per item.
    scales : mapping of str to list of str
        Scale name → its item columns, e.g. ``{"tangibles": ["P1", "P2", "P3", "P4"], ...}``.
    standardized : bool, default False
        Report standardized alpha.

    Returns
    -------
    pandas.DataFrame
        One row per scale: ``scale``, ``k`` (items), ``n`` (complete rows used for that scale —
        listwise deletion within the scale), ``alpha`` and ``band`` (George & Mallery code).

    Raises
    ------
    ServiceLabError
        If a scale names a column that is not in ``data``.

    References
    ----------
    George, D. & Mallery, P. (2003). *SPSS for Windows step by step* (4th ed.). Allyn & Bacon.

    Examples
    --------
    >>> df = pd.DataFrame({"a": [1, 2, 3, 4], "b": [1, 2, 3, 5], "c": [2, 2, 3, 4]})
    >>> scale_reliability(df, {"s": ["a", "b", "c"]})[["scale", "k", "n", "band"]].values.tolist()
    [['s', 3, 4, 'excellent']]
    """
    check_frame(data, "data")
    check_mapping(scales, "scales"), check_flag(standardized, "standardized")
    rows = []
    for name, cols in scales.items():
        missing = [c for c in cols if c not in data.columns]
        if missing:
            raise ServiceLabError("reliability.error.missing_items", scale=name, columns=", ".join(missing))
        x = data.loc[:, list(cols)].to_numpy(dtype=float)
        incomplete = np.isnan(x).any(axis=1)
        if incomplete.any():
            x = x[~incomplete]
        a = _alpha_from_matrix(x, standardized)
        rows.append({"scale": name, "k": len(cols), "n": int(x.shape[0]), "alpha": a, "band": alpha_band(a)})
    return pd.DataFrame(rows, columns=["scale", "k", "n", "alpha", "band"])
