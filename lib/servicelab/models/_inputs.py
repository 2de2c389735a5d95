"""Input checks shared by every model: parameters (numbers, options, lists, mappings) and data.

One place decides what a *parameter* may be, so every public model function refuses a bad one the
same way: a :class:`~servicelab.errors.ServiceLabError` whose message names the parameter, the value
received and what is allowed, in Chinese and English (keys ``error.param.*`` in
``data/i18n/params.json``). Never a raw numpy/Python exception, never a silent guess:

* ``NaN`` and ``±inf`` are refused for a parameter (they would silently change a classification:
  every comparison with NaN is False);
* text, ``None``, ``True``/``False`` or a list where a number is expected are refused, as is a single
  number where a list or a mapping is expected;
* a function that already had its own message for a finite value out of range keeps it (``key=``).
"""
from __future__ import annotations

import math
import numbers
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from ..errors import ServiceLabError


def number_text(x: float):
    """``5`` rather than ``5.0`` in messages; other values unchanged."""
    return int(x) if float(x).is_integer() else x


# ------------------------------------------------------------------------------ parameters
def shown(value: Any, limit: int = 60) -> str:
    """A short, unambiguous text of a received value for a message (``nan``, ``1e+308``, ``'abc'``)."""
    if isinstance(value, (bool, np.bool_)) or value is None:
        text = repr(bool(value)) if value is not None else "None"
    elif isinstance(value, numbers.Real):
        text = f"{float(value):g}" if isinstance(value, (float, np.floating)) else str(int(value))
    elif isinstance(value, np.ndarray):
        text = np.array2string(value, threshold=8, separator=", ")
    elif isinstance(value, pd.Series):
        text = repr(value.tolist())
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def allowed_text(name: str, low=None, high=None, *, low_open: bool = False, high_open: bool = False) -> str:
    """The allowed range as a language-neutral condition: ``0 < a_cutoff ≤ 1``, ``bins ≥ 2`` …"""
    lo = None if low is None else f"{number_text(low)} {'<' if low_open else '≤'} "
    hi = None if high is None else f" {'<' if high_open else '≤'} {number_text(high)}"
    if lo is not None and hi is not None:
        return f"{lo}{name}{hi}"
    if lo is not None:
        return f"{name} {'>' if low_open else '≥'} {number_text(low)}"
    if hi is not None:
        return f"{name}{hi}"
    return f"−∞ < {name} < ∞"


def is_number(value: Any) -> bool:
    """A real number: int, float or numpy scalar (also 0-d arrays) — not bool, text or None."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def check_number(value: Any, name: str, *, low: float | None = None, high: float | None = None,
                 low_open: bool = False, high_open: bool = False, integer: bool = False,
                 allow_none: bool = False, allow_nan: bool = False, key: str | None = None,
                 key_params: Mapping[str, Any] | None = None):
    """A numeric parameter, checked: returned as ``float`` (or ``int`` with ``integer=True``).

    Parameters
    ----------
    value : Any
        What the caller passed.
    name : str
        The parameter's name, as the caller wrote it (shown in the message).
    low, high : float, optional
        Bounds (inclusive unless ``low_open`` / ``high_open``); ``None`` = unbounded.
    integer : bool
        Require a whole number (an integral float such as ``5.0`` is accepted and returned as 5).
    allow_none, allow_nan : bool
        Let ``None`` (returned as is) or NaN (returned as NaN) through.
    key, key_params : str and dict, optional
        The function's own message for a finite value outside the bounds (kept from before this
        helper existed); by default ``error.param.range``.

    Returns
    -------
    float or int or None

    Raises
    ------
    ServiceLabError
        ``error.param.not_number`` (text, None, bool, a list …), ``error.param.not_finite`` (NaN,
        ±inf), ``error.param.not_integer`` or ``error.param.range`` / ``key``; each names the
        parameter, the value and the allowed range.

    Examples
    --------
    >>> check_number(0.5, "tolerance", low=0)
    0.5
    >>> try:
    ...     check_number(float("nan"), "tolerance", low=0)
    ... except ServiceLabError as err:
    ...     print(err.message("en"))
    Parameter tolerance = nan is not a finite number; it must satisfy tolerance ≥ 0
    """
    if value is None and allow_none:
        return None
    allowed = allowed_text(name, low, high, low_open=low_open, high_open=high_open)
    if not is_number(value):
        raise ServiceLabError("error.param.not_integer" if integer else "error.param.not_number",
                              name=name, value=shown(value), allowed=allowed)
    x = float(value)
    if math.isnan(x) and allow_nan:
        return x
    if not math.isfinite(x):
        raise ServiceLabError("error.param.not_finite", name=name, value=shown(value), allowed=allowed)
    if integer and not x.is_integer():
        raise ServiceLabError("error.param.not_integer", name=name, value=shown(value), allowed=allowed)
    below = low is not None and (x <= low if low_open else x < low)
    above = high is not None and (x >= high if high_open else x > high)
    if below or above:
        if key is not None:
            raise ServiceLabError(key, **(key_params or {}))
        raise ServiceLabError("error.param.range", name=name, value=shown(value), allowed=allowed)
    return int(value) if integer else x


def check_probability(value: Any, name: str, **kwargs: Any) -> float:
    """A probability or share in [0, 1] (see :func:`check_number`).

    Examples
    --------
    >>> check_probability(1, "catch_share")
    1.0
    """
    return check_number(value, name, low=0.0, high=1.0, **kwargs)


def _same_kind(a: Any, b: Any) -> bool:
    """Text matches text, a number a number, a bool a bool (``True == 1`` is not a match)."""
    kinds = (str, (bool, np.bool_), numbers.Number)
    return all(isinstance(a, k) == isinstance(b, k) for k in kinds)


def check_choice(value: Any, name: str, allowed: Iterable[Any], *, key: str | None = None,
                 key_params: Mapping[str, Any] | None = None):
    """One of a fixed set of options (compared as given; a list or NaN is never an option).

    ``key`` (the function's own message) is used for a value of the options' kind (an unknown
    name); anything else (a list, a number for a name …) gets ``error.param.choice``.

    Examples
    --------
    >>> check_choice("mean", "centre", ("mean", "median"))
    'mean'
    """
    options = tuple(allowed)
    try:
        ok = any(_same_kind(value, o) and bool(value == o) for o in options)
    except (TypeError, ValueError):  # unhashable / uncomparable values are not options
        ok = False
    if not ok:
        if key is not None and any(_same_kind(value, o) for o in options):  # e.g. an unknown name
            raise ServiceLabError(key, **(key_params or {}))
        raise ServiceLabError("error.param.choice", name=name, value=shown(value),
                              allowed=", ".join(map(str, options)))
    return value


def check_flag(value: Any, name: str) -> bool:
    """``True`` or ``False`` (also numpy bools); text such as ``"no"`` would be silently true.

    Examples
    --------
    >>> check_flag(False, "standardized")
    False
    """
    if not isinstance(value, (bool, np.bool_)):
        raise ServiceLabError("error.param.not_flag", name=name, value=shown(value))
    return bool(value)


def check_text(value: Any, name: str) -> str:
    """A non-empty string parameter (a column name, a time stamp …)."""
    if not isinstance(value, str) or not value.strip():
        raise ServiceLabError("error.param.not_text", name=name, value=shown(value))
    return value


def is_sequence(value: Any) -> bool:
    if isinstance(value, (str, bytes, Mapping, pd.DataFrame)):
        return False
    if isinstance(value, np.ndarray):
        return value.ndim == 1
    return isinstance(value, (list, tuple, pd.Series, pd.Index, range))


def check_sequence(values: Any, name: str, *, size: int | None = None, min_size: int = 0,
                   low: float | None = None, high: float | None = None, low_open: bool = False,
                   high_open: bool = False, allow_nan: bool = False, integer: bool = False) -> np.ndarray:
    """A list (tuple, 1-d array, Series) of numbers, each checked like :func:`check_number`.

    An element is named ``name #i`` (counted from 1) in the message.

    Returns
    -------
    numpy.ndarray
        The numbers as floats (ints with ``integer=True``).

    Raises
    ------
    ServiceLabError
        ``error.param.not_sequence`` (a single number, text, a mapping …), ``error.param.length``
        (wrong number of elements), or an element's :func:`check_number` error.

    Examples
    --------
    >>> check_sequence((1, 5), "scale", size=2).tolist()
    [1.0, 5.0]
    """
    if not is_sequence(values):
        raise ServiceLabError("error.param.not_sequence", name=name, value=shown(values))
    items = list(values)
    if (size is not None and len(items) != size) or len(items) < min_size:
        raise ServiceLabError("error.param.length", name=name, value=shown(values), n=len(items),
                              size=size if size is not None else f"≥ {min_size}")
    out = [check_number(v, f"{name} #{i}", low=low, high=high, low_open=low_open, high_open=high_open,
                        allow_nan=allow_nan, integer=integer) for i, v in enumerate(items, start=1)]
    return np.array(out, dtype=int if integer else float)


def check_names(values: Any, name: str, *, min_size: int = 1) -> list[str]:
    """A list of names (column names, tier codes): a sequence of non-empty texts, not one text.

    Examples
    --------
    >>> check_names(("money", "time"), "cost_columns")
    ['money', 'time']
    """
    if isinstance(values, np.ndarray) and values.ndim == 1:
        values = values.tolist()
    if not isinstance(values, (list, tuple, set, frozenset, pd.Index)) or len(values) < min_size:
        raise ServiceLabError("error.param.not_names", name=name, value=shown(values), size=min_size)
    for i, v in enumerate(values, start=1):
        check_text(v, f"{name} #{i}")
    return list(values)


def check_mapping(value: Any, name: str, *, allow_none: bool = False, numbers_in: bool = False,
                  low: float | None = None, high: float | None = None, low_open: bool = False) -> Mapping | None:
    """A mapping (dict, Series) parameter; with ``numbers_in`` its values are finite numbers.

    Examples
    --------
    >>> check_mapping({"reliability": 30}, "weights", numbers_in=True, low=0)
    {'reliability': 30}
    """
    if value is None and allow_none:
        return None
    if isinstance(value, pd.Series):
        value = value.to_dict()
    if not isinstance(value, Mapping):
        raise ServiceLabError("error.param.not_mapping", name=name, value=shown(value))
    if numbers_in:
        for k, v in value.items():
            check_number(v, f"{name}[{k}]", low=low, high=high, low_open=low_open)
    return value


def check_pair(values: Any, name: str, *, key: str | None = None,
               key_params: Mapping[str, Any] | None = None) -> tuple[float, float]:
    """An increasing ``(low, high)`` pair (a rating scale, zone bounds); ``key`` for a wrong order.

    Examples
    --------
    >>> check_pair((1, 7), "scale")
    (1.0, 7.0)
    """
    low, high = check_sequence(values, name, size=2).tolist()
    if not low < high:
        if key is not None:
            raise ServiceLabError(key, **(key_params or {}))
        raise ServiceLabError("error.param.order", name=name, value=shown(values),
                              allowed=f"{name}[0] < {name}[1]")
    return low, high


def check_lang(lang: Any, name: str = "lang", *, allow_none: bool = False) -> str | None:
    """A language code of the catalogue (``"zh"``, ``"en"``), or ``None`` when allowed.

    Examples
    --------
    >>> check_lang("en")
    'en'
    """
    from ..i18n import LANGUAGES

    if lang is None and allow_none:
        return None
    return check_choice(lang, name, LANGUAGES)


def check_frame(value: Any, name: str) -> pd.DataFrame:
    """A table parameter must be a pandas DataFrame (not a list, a dict or a number).

    Examples
    --------
    >>> check_frame(pd.DataFrame({"a": [1]}), "ratings").shape
    (1, 1)
    """
    if not isinstance(value, pd.DataFrame):
        raise ServiceLabError("error.param.not_frame", name=name, value=shown(value))
    return value


# ------------------------------------------------------------------------------------ data
def labelled_values(values, what: str, *, reject_all_missing: bool = False) -> tuple[np.ndarray, list]:
    """Values as a 1-d float array plus their labels (mapping keys, Series index, or 1..n).

    Text, ``None`` or another non-number among the values is refused with ``error.param.data``
    naming ``what`` and the position (missing values are NaN).
    """
    if isinstance(values, Mapping):
        labels, data = list(values.keys()), list(values.values())
    elif isinstance(values, pd.Series):
        labels, data = list(values.index), values.to_numpy()
    elif isinstance(values, (str, bytes)) or values is None:
        raise ServiceLabError("error.param.not_sequence", name=what, value=shown(values))
    else:
        data = values
        labels = None
    arr = _float_values(data, what)
    if labels is None:
        labels = list(range(1, len(arr) + 1))
    if arr.size == 0 or (reject_all_missing and np.isnan(arr).all()):
        raise ServiceLabError("satisfaction.error.empty", what=what)
    return arr, labels


def as_float_array(data, what: str) -> np.ndarray:
    """``data`` as a float array of the same shape; the first element that is not a number is named.

    Examples
    --------
    >>> as_float_array([[1, 2], [3, None]], "ratings").tolist()
    [[1.0, 2.0], [3.0, nan]]
    """
    try:
        return np.asarray(data, dtype=float)
    except (TypeError, ValueError):
        flat = np.asarray(data, dtype=object).ravel()
        for i, v in enumerate(flat, start=1):
            try:
                float(v)
            except (TypeError, ValueError):
                raise ServiceLabError("error.param.data", name=what, position=i, value=shown(v)) from None
        raise ServiceLabError("error.param.data", name=what, position=1, value=shown(data)) from None


def _float_values(data, what: str) -> np.ndarray:
    """``data`` as a flat float array (see :func:`as_float_array`)."""
    return np.atleast_1d(as_float_array(data, what)).ravel()


def checked_scale(scale, name: str = "scale") -> tuple[float, float]:
    """``(low, high)`` of a rating scale, refusing ``low >= high`` and non-numbers."""
    low, high = check_sequence(scale, name, size=2).tolist()
    if not low < high:
        raise ServiceLabError("satisfaction.error.scale", low=scale[0], high=scale[1])
    return low, high


def check_range(arr: np.ndarray, column: str, low: float, high: float) -> None:
    """Refuse the first value outside ``[low, high]`` (missing values pass), naming row and column."""
    flat = _float_values(arr, column)
    bad = np.flatnonzero(~np.isnan(flat) & ((flat < low) | (flat > high)))
    if bad.size:
        i = int(bad[0])
        raise ServiceLabError("error.value_range", row=i + 1, column=column, value=flat[i],
                              low=number_text(low), high=number_text(high))
