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
                  scale: Sequence[float] = (1, 7), importance_scale: Sequence[float] | None = None) -> pd.DataFrame:
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
    importance_scale : (low, high), optional
        The scale of ``importance`` when it differs from the performance scale (for example
        importance as points out of 100); default ``scale``. With ``centre="scale"`` the
        importance line is its midpoint.

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
    p_low, p_high = low, high
    i_low, i_high = (low, high) if importance_scale is None else checked_scale(importance_scale, "importance_scale")
    imp, labels = labelled_values(importance, "importance", reject_all_missing=True)
    perf, _ = labelled_values(performance, "performance", reject_all_missing=True)
    if imp.size != perf.size:
        raise ServiceLabError("satisfaction.error.length_mismatch", first="importance", n_first=imp.size,
                              second="performance", n_second=perf.size)
    for arr, column, low, high in ((imp, "importance", i_low, i_high), (perf, "performance", p_low, p_high)):
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
        i_line, p_line = (i_low + i_high) / 2, (p_low + p_high) / 2
    hi_i, hi_p = imp >= i_line, perf >= p_line
    quadrant = np.where(hi_i, np.where(hi_p, "keep_up", "concentrate_here"),
                        np.where(hi_p, "possible_overkill", "low_priority"))
    return pd.DataFrame({
        "attribute": labels, "importance": imp, "performance": perf,
        "importance_line": i_line, "performance_line": p_line,
        "high_importance": hi_i, "high_performance": hi_p, "quadrant": quadrant,
    })


#: Where the importance of :func:`survey_ipa` comes from.
IMPORTANCE_SOURCES: tuple[str, ...] = ("weights", "expectations")


def survey_ipa(survey, *, importance: str = "weights", centre: str = "mean") -> pd.DataFrame:
    """Importance–performance analysis of a SERVQUAL class survey (chapter 05's format).

    Parameters
    ----------
    survey : servicelab.io.survey.Survey
        A survey read by :func:`servicelab.io.survey.read_survey`.
    importance : {"weights", "expectations"}, default "weights"
        ``"weights"``: one point per SERVQUAL dimension, importance = the mean of the
        respondents' 100-point weights of the dimension, performance = the mean P rating of its
        items. ``"expectations"``: one point per item (1–22), importance = the item's mean
        importance rating — the survey asks none separately, so its expectation rating E stands
        in (a common practice, and a judgement) — performance = the item's mean P.
    centre : {"mean", "median", "scale"}, default "mean"
        Cross-lines, as in :func:`ipa_quadrants`. With weights the importance scale is taken as
        0 to 2·100/k for k dimensions, so its midpoint is the equal share 100/k (20 points).

    Returns
    -------
    pandas.DataFrame
        :func:`ipa_quadrants`'s frame; ``attribute`` holds dimension codes (``"tangibles"`` …)
        or item numbers 1–22.

    Raises
    ------
    ServiceLabError
        ``ipa.error.no_weights`` if weights are asked for and the survey has none.

    Notes
    -----
    Performance :math:`\\bar P_j` is averaged over the respondents who answered (missing cells
    left out), importance likewise.

    References
    ----------
    Martilla, J. A. & James, J. C. (1977). Importance-performance analysis. *Journal of
    Marketing*, 41(1), 77–79.

    Examples
    --------
    >>> from servicelab.io.survey import read_survey
    >>> from servicelab.paths import data_path
    >>> s = read_survey(data_path("surveys", "canteen_servqual.csv"))
    >>> survey_ipa(s, centre="mean").set_index("attribute").loc["responsiveness", "quadrant"]
    'concentrate_here'
    """
    from .servqual import DIMENSION_ITEMS, DIMENSIONS, E_COLUMNS, P_COLUMNS

    check_choice(importance, "importance", IMPORTANCE_SOURCES, key="ipa.error.importance",
                 key_params={"value": importance, "allowed": ", ".join(IMPORTANCE_SOURCES)})
    scale = tuple(survey.scale)
    perf_items = survey.responses.loc[:, list(P_COLUMNS)].mean(axis=0, skipna=True).to_numpy()
    if importance == "expectations":
        imp = survey.responses.loc[:, list(E_COLUMNS)].mean(axis=0, skipna=True).to_numpy()
        labels = list(range(1, len(P_COLUMNS) + 1))
        return ipa_quadrants(dict(zip(labels, imp)), dict(zip(labels, perf_items)), centre=centre, scale=scale)
    if survey.weights is None:
        raise ServiceLabError("ipa.error.no_weights")
    w = survey.weights.loc[:, list(DIMENSIONS)].mean(axis=0, skipna=True)
    perf = {d: float(np.nanmean(survey.responses.loc[:, [f"P{i}" for i in DIMENSION_ITEMS[d]]].to_numpy()))
            for d in DIMENSIONS}
    k = len(DIMENSIONS)
    return ipa_quadrants({d: float(w[d]) for d in DIMENSIONS}, perf, centre=centre, scale=scale,
                         importance_scale=(0.0, 200.0 / k))
