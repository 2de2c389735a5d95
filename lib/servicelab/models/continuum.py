"""The goods–services continuum (course concept C5.4): from tangible-dominant to intangible-dominant.

Few offers are pure goods or pure services. Shostack (1977) drew market entities on one scale, from
those whose core is a physical good (salt, soft drinks) to those whose core is an intangible
activity (consulting, teaching). The course lists ten examples in this order; they ship in
``data/encounter/continuum.csv`` (:func:`load_continuum`).
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ..errors import ContentError
from ..paths import data_path

#: Sides of the scale an example can sit on.
SIDES = ("tangible", "balanced", "intangible")


@lru_cache(maxsize=1)
def _read() -> pd.DataFrame:
    path = data_path("encounter", "continuum.csv")
    frame = pd.read_csv(path, dtype={"id": str, "zh": str, "en": str, "dominant": str})
    expected = ["position", "id", "zh", "en", "dominant"]
    if list(frame.columns) != expected:
        raise ContentError("encounter.error.content", file=path.name, where=",".join(map(str, frame.columns)))
    for row, rec in enumerate(frame.to_dict("records"), start=2):  # row 1 is the header
        if rec["position"] != row - 1:
            raise ContentError("encounter.error.content", file=path.name, where=f"row {row}, position")
        if rec["dominant"] not in SIDES:
            raise ContentError("encounter.error.content", file=path.name, where=f"row {row}, dominant")
        for col in ("id", "zh", "en"):
            if not isinstance(rec[col], str) or not rec[col].strip():
                raise ContentError("encounter.error.content", file=path.name, where=f"row {row}, {col}")
    if frame["id"].duplicated().any():
        raise ContentError("encounter.error.content", file=path.name, where="id (duplicate)")
    return frame


def load_continuum() -> pd.DataFrame:
    """The course's ten examples of the goods–services continuum, most tangible first.

    Returns
    -------
    pandas.DataFrame
        Columns ``position`` (1–10), ``id``, ``zh``, ``en`` and ``dominant`` (``"tangible"``,
        ``"balanced"`` or ``"intangible"``).

    Notes
    -----
    The order is the course's (COURSE_MAP C5.4): soft drinks, detergent, cars, cosmetics,
    fast-food outlets, airlines, consulting, advertising agencies, investment management,
    teaching. Shostack's original figure also starts with salt and orders the intangible-dominant
    examples a little differently; the exercise follows the course.

    References
    ----------
    Shostack, G. L. (1977). Breaking free from product marketing. *Journal of Marketing*, 41(2), 73–80.

    Examples
    --------
    >>> df = load_continuum()
    >>> df["id"].iloc[0], df["id"].iloc[-1], len(df)
    ('soft_drinks', 'teaching', 10)
    """
    return _read().copy()
