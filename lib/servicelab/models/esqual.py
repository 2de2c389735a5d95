"""E-S-QUAL: the quality of an online shop's service, scored by dimension (concept C2.8).

Parasuraman, Zeithaml and Malhotra (2005) measure e-service quality with two scales: E-S-QUAL,
22 items on four dimensions (efficiency, fulfillment, system availability, privacy), answered by
every customer; and E-RecS-QUAL, 11 items on three dimensions (responsiveness, compensation,
contact), answered only by customers who had a problem or a return (a non-routine encounter).

The published item wording is not shipped. The project's short rating uses its **own paraphrased
items** (``data/technology/esqual_items.json``), a few per dimension; a dimension's score is the
mean of its answered items on the 1–5 agreement scale, as in the paper.
"""
from __future__ import annotations

import json
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ServiceLabError
from ..paths import data_path
from ._inputs import check_mapping, checked_scale, is_number

#: E-S-QUAL's four dimensions (translate with ``t("esqual.dimension." + code)``).
ESQUAL_DIMENSIONS: tuple[str, ...] = ("efficiency", "fulfillment", "system_availability", "privacy")
#: E-RecS-QUAL's three dimensions (recovery: customers with a problem or a return).
ERECSQUAL_DIMENSIONS: tuple[str, ...] = ("responsiveness", "compensation", "contact")

#: Items per dimension in the published scales. Totals 22 and 11 and efficiency's 8 items were
#: checked against the paper (abstract and appendix); the other per-dimension counts are as the
#: project's domain notes give them **(check)**.
ITEM_COUNTS: dict[str, int] = {"efficiency": 8, "fulfillment": 7, "system_availability": 4, "privacy": 3,
                               "responsiveness": 5, "compensation": 3, "contact": 3}
#: Which scale a dimension belongs to.
SCALE_OF: dict[str, str] = {**{d: "E-S-QUAL" for d in ESQUAL_DIMENSIONS},
                            **{d: "E-RecS-QUAL" for d in ERECSQUAL_DIMENSIONS}}

_ITEMS_FILE = ("technology", "esqual_items.json")


def load_esqual_items() -> pd.DataFrame:
    """The project's own short e-service rating (paraphrased, not the published wording).

    Returns
    -------
    pandas.DataFrame
        One row per item: ``item`` (id), ``dimension`` (a code of :data:`ESQUAL_DIMENSIONS` or
        :data:`ERECSQUAL_DIMENSIONS`), ``scale`` ("E-S-QUAL" or "E-RecS-QUAL"), ``text_zh``,
        ``text_en``.

    Examples
    --------
    >>> items = load_esqual_items()
    >>> sorted(set(items["dimension"])) == sorted(ITEM_COUNTS)
    True
    """
    path = data_path(*_ITEMS_FILE)
    raw = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for i, it in enumerate(raw["items"]):
        dim = it.get("dimension")
        if dim not in SCALE_OF:
            raise ServiceLabError("vt.error.items_file", file=path.name, where=f"items[{i}]", field="dimension",
                                  value=dim)
        rows.append({"item": it["id"], "dimension": dim, "scale": SCALE_OF[dim],
                     "text_zh": it["text"]["zh"], "text_en": it["text"]["en"]})
    return pd.DataFrame(rows)


def esqual_scores(ratings: Mapping[str, float], items: pd.DataFrame | None = None, *,
                  scale: Sequence[float] = (1, 5)) -> pd.DataFrame:
    """Score one customer's e-service rating by dimension.

    Parameters
    ----------
    ratings : mapping of item id to rating
        The customer's agreement with each item on ``scale``; an item left out (or None/NaN) is
        unanswered. E-RecS-QUAL items are left out by customers who had no problem or return.
    items : pandas.DataFrame, optional
        Columns ``item`` and ``dimension`` (default :func:`load_esqual_items`).
    scale : (low, high), default (1, 5)

    Returns
    -------
    pandas.DataFrame
        One row per dimension that has items, E-S-QUAL's four first: ``scale``, ``dimension``,
        ``items`` (number of items), ``answered`` and ``mean`` (mean of the answered items; NaN
        when none was answered).

    Raises
    ------
    ServiceLabError
        An unknown item id, or a rating that is not a number on the scale.

    Notes
    -----
    .. math:: \\bar x_d = \\frac{1}{n_d} \\sum_{i \\in d} x_i

    over the answered items of dimension :math:`d`. Use :func:`esqual_overall` for one number.

    References
    ----------
    Parasuraman, A., Zeithaml, V. A. & Malhotra, A. (2005). E-S-QUAL: a multiple-item scale for
    assessing electronic service quality. *Journal of Service Research*, 7(3), 213–233.

    Examples
    --------
    >>> items = pd.DataFrame({"item": ["e1", "e2", "f1", "p1"],
    ...                       "dimension": ["efficiency", "efficiency", "fulfillment", "privacy"]})
    >>> s = esqual_scores({"e1": 4, "e2": 5, "f1": 2}, items)
    >>> s[["dimension", "answered", "mean"]].values.tolist()
    [['efficiency', 2, 4.5], ['fulfillment', 1, 2.0], ['privacy', 0, nan]]
    """
    check_mapping(ratings, "ratings")
    low, high = checked_scale(scale)
    items = load_esqual_items() if items is None else items
    dim_of = dict(zip(items["item"], items["dimension"]))
    values: dict[str, float] = {}
    for item, x in ratings.items():
        if item not in dim_of:
            raise ServiceLabError("vt.error.unknown_item", item=item, allowed=", ".join(map(str, dim_of)))
        if x is None or (is_number(x) and np.isnan(float(x))):
            continue
        if not is_number(x) or not (low <= float(x) <= high):
            raise ServiceLabError("vt.error.rating", item=item, value=x, low=f"{low:g}", high=f"{high:g}")
        values[item] = float(x)
    rows = []
    for dim in (*ESQUAL_DIMENSIONS, *ERECSQUAL_DIMENSIONS):
        its = [i for i, d in dim_of.items() if d == dim]
        if not its:
            continue
        got = [values[i] for i in its if i in values]
        rows.append({"scale": SCALE_OF[dim], "dimension": dim, "items": len(its), "answered": len(got),
                     "mean": float(np.mean(got)) if got else float("nan")})
    return pd.DataFrame(rows, columns=["scale", "dimension", "items", "answered", "mean"])


def esqual_overall(scores: pd.DataFrame, scale: str = "E-S-QUAL") -> float:
    """Mean of one scale's answered dimension means (equal weights).

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`esqual_scores`.
    scale : {"E-S-QUAL", "E-RecS-QUAL"}

    Returns
    -------
    float
        NaN when no dimension of that scale was answered.

    Notes
    -----
    The paper reports dimension scores; weighting them equally here is the project's choice. The
    course adds that efficiency and fulfillment weigh most with customers, which is why the panel
    shows the dimensions, not only this mean.

    Examples
    --------
    >>> s = pd.DataFrame({"scale": ["E-S-QUAL"] * 3, "dimension": ["efficiency", "fulfillment", "privacy"],
    ...                   "mean": [4.5, 2.0, float("nan")]})
    >>> esqual_overall(s)
    3.25
    """
    if scale not in ("E-S-QUAL", "E-RecS-QUAL"):
        raise ServiceLabError("vt.error.scale_name", value=scale, allowed="E-S-QUAL, E-RecS-QUAL")
    means = scores.loc[scores["scale"] == scale, "mean"].dropna()
    return float(means.mean()) if len(means) else float("nan")
