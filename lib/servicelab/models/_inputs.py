"""Input checks shared by the survey-style models (satisfaction, IPA, technology readiness)."""
from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from ..errors import ServiceLabError


def number_text(x: float):
    """``5`` rather than ``5.0`` in messages; other values unchanged."""
    return int(x) if float(x).is_integer() else x


def labelled_values(values, what: str, *, reject_all_missing: bool = False) -> tuple[np.ndarray, list]:
    """Values as a 1-d float array plus their labels (mapping keys, Series index, or 1..n)."""
    if isinstance(values, Mapping):
        labels, data = list(values.keys()), list(values.values())
    elif isinstance(values, pd.Series):
        labels, data = list(values.index), values.to_numpy()
    else:
        data = np.atleast_1d(np.asarray(values, dtype=float))
        labels = list(range(1, len(data) + 1))
    arr = np.asarray(data, dtype=float).ravel()
    if arr.size == 0 or (reject_all_missing and np.isnan(arr).all()):
        raise ServiceLabError("satisfaction.error.empty", what=what)
    return arr, labels


def checked_scale(scale) -> tuple[float, float]:
    """``(low, high)`` of a rating scale, refusing ``low >= high``."""
    low, high = float(scale[0]), float(scale[1])
    if not low < high:
        raise ServiceLabError("satisfaction.error.scale", low=scale[0], high=scale[1])
    return low, high


def check_range(arr: np.ndarray, column: str, low: float, high: float) -> None:
    """Refuse the first value outside ``[low, high]`` (missing values pass), naming row and column."""
    flat = np.asarray(arr, dtype=float).ravel()
    bad = np.flatnonzero(~np.isnan(flat) & ((flat < low) | (flat > high)))
    if bad.size:
        i = int(bad[0])
        raise ServiceLabError("error.value_range", row=i + 1, column=column, value=flat[i],
                              low=number_text(low), high=number_text(high))
