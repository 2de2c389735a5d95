"""Importance–performance analysis (IPA): which service attributes to fix, keep, or stop over-investing in.

Course concept C3.12 (the fourth satisfaction measurement method: ranking attributes by importance
and by performance). Quadrant codes translate with ``t("ipa.quadrant." + code)``.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from ..errors import ServiceLabError
from ._inputs import check_choice, checked_scale, labelled_values, number_text

#: Quadrant codes (Martilla & James 1977), in the order of the classic grid: A, B, C, D.
QUADRANTS: tuple[str, ...] = ("concentrate_here", "keep_up", "low_priority", "possible_overkill")

#: Ways to place the cross-lines.
CENTRES: tuple[str, ...] = ("mean", "median", "scale")






def ipa_quadrants(importance, performance, *, centre: str = "mean",
                  scale: Sequence[float] = (1, 7)) -> pd.DataFrame:
    """Place each attribute in an importance–performance quadrant.

    Parameters
    ----------
    importance, performance : array_like, pandas.Series or mapping
        Mean importance and mean performance rating of each attribute, same length and order
        (labels from the Series index or mapping keys, else 1..n). Missing values are not allowed.
    centre : {"mean", "median", "scale"}, default "mean"
        Where the cross-lines go: at the mean (or median) of the attributes' importance and of
        their performance (data-centred), or at the midpoint of ``scale`` (scale-centred). The
        choice is a judgement; data-centred lines always put some attributes in every half.
    scale : (low, high), default (1, 7)
        The rating scale; values outside it are rejected.

    Returns
    -------
    pandas.DataFrame
        One row per attribute: ``attribute``, ``importance``, ``performance``,
        ``importance_line`` and ``performance_line`` (the cross-lines used, the same on every
        row), ``high_importance``, ``high_performance`` (bool) and ``quadrant``:

        - ``"concentrate_here"`` — high importance, low performance;
        - ``"keep_up"`` — high importance, high performance ("keep up the good work");
        - ``"low_priority"`` — low importance, low performance;
        - ``"possible_overkill"`` — low importance, high performance.

    Notes
    -----
    An attribute is *high* on an axis when its value is greater than **or equal to** the line:
    a point exactly on a line is classed as high. So an attribute on the importance line with
    performance below the performance line is "concentrate here", and one at the crossing point is
    "keep up". (Martilla & James leave lines and ties to the analyst; this is the project's rule.)

    References
    ----------
    Martilla, J. A. & James, J. C. (1977). Importance-performance analysis. *Journal of
    Marketing*, 41(1), 77–79.

    Examples
    --------
    >>> imp = {"speed": 6.5, "price": 6.0, "decor": 3.0, "music": 2.5}
    >>> perf = {"speed": 3.0, "price": 6.0, "decor": 2.0, "music": 6.5}
    >>> ipa_quadrants(imp, perf, centre="scale")[["attribute", "quadrant"]].values.tolist()
    [['speed', 'concentrate_here'], ['price', 'keep_up'], ['decor', 'low_priority'], ['music', 'possible_overkill']]
    """
    check_choice(centre, "centre", CENTRES, key="ipa.error.centre",
                 key_params={"value": centre, "allowed": ", ".join(CENTRES)})
    low, high = checked_scale(scale)
    imp, labels = labelled_values(importance, "importance", reject_all_missing=True)
    perf, _ = labelled_values(performance, "performance", reject_all_missing=True)
    if imp.size != perf.size:
        raise ServiceLabError("satisfaction.error.length_mismatch", first="importance", n_first=imp.size,
                              second="performance", n_second=perf.size)
    for arr, column in ((imp, "importance"), (perf, "performance")):
        nan = np.flatnonzero(np.isnan(arr))
        if nan.size:
            raise ServiceLabError("error.not_a_number", row=int(nan[0]) + 1, column=column, value="",
                                  low=number_text(low), high=number_text(high))
        bad = np.flatnonzero((arr < low) | (arr > high))
        if bad.size:
            i = int(bad[0])
            raise ServiceLabError("error.value_range", row=i + 1, column=column, value=arr[i],
                                  low=number_text(low), high=number_text(high))
    if centre == "mean":
        i_line, p_line = float(imp.mean()), float(perf.mean())
    elif centre == "median":
        i_line, p_line = float(np.median(imp)), float(np.median(perf))
    else:
        i_line = p_line = (low + high) / 2
    hi_i, hi_p = imp >= i_line, perf >= p_line
    quadrant = np.where(hi_i, np.where(hi_p, "keep_up", "concentrate_here"),
                        np.where(hi_p, "possible_overkill", "low_priority"))
    return pd.DataFrame({
        "attribute": labels, "importance": imp, "performance": perf,
        "importance_line": i_line, "performance_line": p_line,
        "high_importance": hi_i, "high_performance": hi_p, "quadrant": quadrant,
    })
