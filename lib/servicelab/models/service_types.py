"""The two characteristics of customer service and the four service types (COURSE_MAP C1.2, C1.3).

A firm's customer service shows two characteristics (C1.2):

* **procedural** (程序特性) — the service process the firm designs: timing, flow, flexibility,
  anticipating needs, communication, feedback, supervision;
* **personal** (个人特性) — how staff behave with the customer: appearance, attitude, attentiveness,
  tact, guidance, selling skill, handling problems graciously.

Strong or weak on each gives four service types (C1.3):

=================  =====================  =====================
\\                  personal weak          personal strong
=================  =====================  =====================
procedural weak    indifferent 漠不关心型   friendly 热情友好型
procedural strong  by-the-book 按部就班型   quality 优质服务型
=================  =====================  =====================

The grid and the item lists follow Martin (1989), who called the four types the freezer, the
factory, the friendly zoo and quality customer service.

References
----------
Martin, W. B. (1989). *Managing Quality Customer Service*. Menlo Park, CA: Crisp Publications.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ServiceLabError
from ._inputs import check_frame, check_lang, check_mapping, check_number
from .customers import _check_in_scale, _check_scale as _check_range

__all__ = [
    "CHARACTERISTICS",
    "PROCEDURAL_ITEMS",
    "PERSONAL_ITEMS",
    "SERVICE_TYPES",
    "IMPROVE",
    "characteristic_scores",
    "service_type",
    "classify_services",
    "service_type_grid",
]

#: The two characteristics (C1.2).
CHARACTERISTICS: tuple[str, ...] = ("procedural", "personal")
#: Items of the procedural characteristic (after Martin 1989).
PROCEDURAL_ITEMS: tuple[str, ...] = (
    "timeliness",
    "flow",
    "flexibility",
    "anticipation",
    "communication",
    "feedback",
    "supervision",
)
#: Items of the personal characteristic (after Martin 1989).
PERSONAL_ITEMS: tuple[str, ...] = (
    "appearance",
    "attitude",
    "attentiveness",
    "tact",
    "guidance",
    "selling_skill",
    "problem_solving",
)
#: The four service types (C1.3).
SERVICE_TYPES: tuple[str, ...] = ("indifferent", "by_the_book", "friendly", "quality")
#: What each type needs to improve, as characteristic codes (quality: keep both up).
IMPROVE: dict[str, tuple[str, ...]] = {
    "indifferent": ("procedural", "personal"),
    "by_the_book": ("personal",),
    "friendly": ("procedural",),
    "quality": (),
}
_TYPE = {(False, False): "indifferent", (True, False): "by_the_book", (False, True): "friendly", (True, True): "quality"}


def _check_scale(low: float, high: float, threshold: float | None) -> float:
    _check_range(low, high)
    threshold = (low + high) / 2 if threshold is None else check_number(threshold, "threshold")
    if not low <= threshold <= high:
        raise ServiceLabError("service_types.bad_threshold", value=threshold, low=low, high=high)
    return threshold


def _check_score(value: Any, name: str, row: Any, low: float, high: float) -> float:
    number = check_number(value, name)  # text, None, a list, NaN, inf: the shared message
    if not np.isfinite(number) or not low <= number <= high:
        raise ServiceLabError("customers.rating_range", row=row, column=name, value=value, low=low, high=high)
    return number


def characteristic_scores(
    ratings: pd.DataFrame,
    *,
    items: Mapping[str, Sequence[str]] | None = None,
    low: float = 1,
    high: float = 5,
) -> pd.DataFrame:
    """Procedural and personal scores as the mean of their item ratings (C1.2).

    Parameters
    ----------
    ratings : pandas.DataFrame
        One row per rated service (or respondent), one column per item code.
    items : mapping, optional
        ``{"procedural": [...], "personal": [...]}``; by default :data:`PROCEDURAL_ITEMS` and
        :data:`PERSONAL_ITEMS`, of which the columns present are used (at least one of each).
    low, high : float
        The rating scale; every rating used must lie in it.

    Returns
    -------
    pandas.DataFrame
        Same index, columns ``procedural`` and ``personal``.

    Notes
    -----
    For a row with ratings :math:`r_i` on the items :math:`I_c` of characteristic :math:`c`:
    :math:`\\text{score}_c = \\frac{1}{|I_c|} \\sum_{i \\in I_c} r_i`, an unweighted mean. The seven
    items of each characteristic follow Martin (1989), whose checklists the course condenses.

    References
    ----------
    Martin, W. B. (1989). *Managing Quality Customer Service*. Menlo Park, CA: Crisp Publications.

    Examples
    --------
    >>> r = pd.DataFrame({"timeliness": [5, 2], "flow": [4, 2], "attitude": [2, 5], "tact": [1, 4]},
    ...                  index=["Bank A", "Cafe B"])
    >>> characteristic_scores(r)
            procedural  personal
    Bank A         4.5       1.5
    Cafe B         2.0       4.5
    """
    check_frame(ratings, "ratings")
    check_mapping(items, "items", allow_none=True)
    groups = dict(items) if items is not None else {"procedural": PROCEDURAL_ITEMS, "personal": PERSONAL_ITEMS}
    out = pd.DataFrame(index=ratings.index)
    for characteristic in CHARACTERISTICS:
        wanted = list(groups.get(characteristic, ()))
        present = [c for c in wanted if c in ratings.columns]
        if items is not None:
            missing = [c for c in wanted if c not in ratings.columns]
        else:
            missing = [] if present else wanted
        if missing or not present:
            raise ServiceLabError(
                "service_types.missing_items",
                characteristic=characteristic,
                missing=", ".join(missing or wanted),
                found=", ".join(map(str, ratings.columns)),
            )
        _check_range(low, high)
        out[characteristic] = _check_in_scale(ratings, present, low, high).astype(float).mean(axis=1)
    return out


def service_type(
    procedural: float,
    personal: float,
    *,
    threshold: float | None = None,
    low: float = 1,
    high: float = 5,
) -> str:
    """The service type for one pair of characteristic scores (C1.3).

    Parameters
    ----------
    procedural, personal : float
        Scores on the scale ``low``–``high``.
    threshold : float, optional
        A characteristic is *strong* when its score is **above** the threshold; a score exactly on
        the threshold counts as *weak* (meeting the middle of the scale is not yet strength).
        Default: the scale midpoint, 3 on 1–5.
    low, high : float
        The scale.

    Returns
    -------
    str
        ``"indifferent"``, ``"by_the_book"``, ``"friendly"`` or ``"quality"``.

    Notes
    -----
    Strong means :math:`\\text{score} > \\text{threshold}`. (weak, weak) → indifferent,
    (strong, weak) → by the book, (weak, strong) → friendly, (strong, strong) → quality, where
    the pair is (procedural, personal). Martin (1989) names them the freezer, the factory, the
    friendly zoo and quality customer service; the threshold is a modelling choice, not Martin's.

    References
    ----------
    Martin, W. B. (1989). *Managing Quality Customer Service*. Menlo Park, CA: Crisp Publications.

    Examples
    --------
    >>> service_type(4.5, 1.5), service_type(2.0, 4.5), service_type(4, 4), service_type(3, 3)
    ('by_the_book', 'friendly', 'quality', 'indifferent')
    >>> service_type(3.5, 3.5, threshold=3.5)  # on the threshold: weak
    'indifferent'
    """
    threshold = _check_scale(low, high, threshold)
    p = _check_score(procedural, "procedural", 1, low, high)
    q = _check_score(personal, "personal", 1, low, high)
    return _TYPE[(p > threshold, q > threshold)]


def classify_services(
    scores: pd.DataFrame,
    *,
    threshold: float | None = None,
    low: float = 1,
    high: float = 5,
    lang: str | None = None,
) -> pd.DataFrame:
    """Service type and what to improve, for each row of procedural/personal scores.

    Parameters
    ----------
    scores : pandas.DataFrame
        Columns ``procedural`` and ``personal`` (e.g. from :func:`characteristic_scores`).
    threshold, low, high
        As in :func:`service_type`.
    lang : {"zh", "en"}, optional
        Add ``type_name`` and ``advice`` columns in this language.

    Returns
    -------
    pandas.DataFrame
        Same index: ``procedural``, ``personal``, ``procedural_strong``, ``personal_strong``,
        ``service_type`` and ``improve`` (the characteristics to work on, ``"+"``-joined, empty
        for the quality type).

    Notes
    -----
    Row by row as :func:`service_type`; ``improve`` lists the weak characteristics
    (:data:`IMPROVE`): indifferent needs both, by-the-book the personal side, friendly the
    procedural side, quality keeps both up.

    References
    ----------
    Martin, W. B. (1989). *Managing Quality Customer Service*. Menlo Park, CA: Crisp Publications.

    Examples
    --------
    >>> s = pd.DataFrame({"procedural": [4.5, 2.0, 3.0], "personal": [1.5, 4.5, 3.2]},
    ...                  index=["Bank A", "Cafe B", "Shop C"])
    >>> classify_services(s)[["service_type", "improve"]]  # doctest: +NORMALIZE_WHITESPACE
           service_type        improve
    Bank A  by_the_book       personal
    Cafe B     friendly     procedural
    Shop C     friendly     procedural
    """
    check_frame(scores, "scores"), check_lang(lang, allow_none=True)
    threshold = _check_scale(low, high, threshold)
    missing = [c for c in CHARACTERISTICS if c not in scores.columns]
    if missing:
        raise ServiceLabError(
            "service_types.missing_items", characteristic=", ".join(missing), missing=", ".join(missing),
            found=", ".join(map(str, scores.columns)),
        )
    out = _check_in_scale(scores, CHARACTERISTICS, low, high).astype(float)
    out["procedural_strong"] = out["procedural"] > threshold
    out["personal_strong"] = out["personal"] > threshold
    out["service_type"] = [_TYPE[(a, b)] for a, b in zip(out["procedural_strong"], out["personal_strong"])]
    out["improve"] = ["+".join(IMPROVE[code]) for code in out["service_type"]]
    if lang is not None:
        from ..i18n import t

        out["type_name"] = [t(f"service_types.type.{c}", lang) for c in out["service_type"]]
        out["advice"] = [t(f"service_types.advice.{c}", lang) for c in out["service_type"]]
    return out


def service_type_grid(lang: str = "zh") -> pd.DataFrame:
    """The 2 × 2 grid as a table: strength of each characteristic → type, advice.

    Parameters
    ----------
    lang : {"zh", "en"}
        Language of ``type_name`` and ``advice``.

    Returns
    -------
    pandas.DataFrame
        Four rows: ``procedural_strong``, ``personal_strong``, ``service_type``, ``type_name``,
        ``advice``.

    Notes
    -----
    The grid of Martin (1989) as summarised in the module docstring.

    References
    ----------
    Martin, W. B. (1989). *Managing Quality Customer Service*. Menlo Park, CA: Crisp Publications.

    Examples
    --------
    >>> service_type_grid("en")[["procedural_strong", "personal_strong", "service_type"]]
       procedural_strong  personal_strong service_type
    0              False            False  indifferent
    1               True            False  by_the_book
    2              False             True     friendly
    3               True             True      quality
    """
    check_lang(lang)
    from ..i18n import t

    rows = list(_TYPE.items())
    return pd.DataFrame(
        {
            "procedural_strong": [k[0] for k, _ in rows],
            "personal_strong": [k[1] for k, _ in rows],
            "service_type": [v for _, v in rows],
            "type_name": [t(f"service_types.type.{v}", lang) for _, v in rows],
            "advice": [t(f"service_types.advice.{v}", lang) for _, v in rows],
        }
    )
