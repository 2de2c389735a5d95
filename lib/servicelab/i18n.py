"""One helper for every learner-facing string.

Strings live in ``data/i18n/*.json``; each file maps a key to its text in every language::

    {"servqual.dimension.tangibles": {"zh": "有形性", "en": "Tangibles"}}

Keys are unique across files. Placeholders use :py:meth:`str.format` syntax and must be the same in
both languages (a test checks this).
"""
from __future__ import annotations

import json
import string
from functools import lru_cache
from pathlib import Path
from typing import Any

from .paths import data_path

LANGUAGES: tuple[str, ...] = ("zh", "en")
DEFAULT_LANG = "zh"


def _check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        # Cannot use the catalogue to report a bad language code: say it in both languages.
        raise ValueError(
            f"未知语言代码 {lang!r}，可用：{', '.join(LANGUAGES)}\n"
            f"Unknown language code {lang!r}; use one of: {', '.join(LANGUAGES)}"
        )
    return lang


def _load_file(path: Path) -> dict[str, dict[str, str]]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:  # content bug: name the file and position
        raise ValueError(
            f"翻译文件 {path.name} 不是有效的 JSON（第 {exc.lineno} 行）\n"
            f"Translation file {path.name} is not valid JSON (line {exc.lineno}): {exc.msg}"
        ) from exc
    if not isinstance(raw, dict):
        raise ValueError(f"翻译文件 {path.name} 顶层必须是对象\nTranslation file {path.name}: top level must be an object")
    for key, entry in raw.items():
        if not isinstance(entry, dict) or not all(isinstance(v, str) for v in entry.values()):
            raise ValueError(
                f"翻译文件 {path.name} 的键 {key!r} 必须映射到 {{语言: 文本}}\n"
                f"Translation file {path.name}, key {key!r}: must map to {{language: text}}"
            )
    return raw


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """All strings, merged from ``data/i18n/*.json`` (cached)."""
    merged: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for path in sorted(data_path("i18n").glob("*.json")):
        for key, entry in _load_file(path).items():
            if key in merged:
                raise ValueError(
                    f"翻译键 {key!r} 在 {origin[key]} 和 {path.name} 中重复\n"
                    f"Translation key {key!r} is defined in both {origin[key]} and {path.name}"
                )
            merged[key] = entry
            origin[key] = path.name
    return merged


def placeholders(text: str) -> set[str]:
    """Names of the ``{placeholders}`` in a format string."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def t(key: str, lang: str = DEFAULT_LANG, /, **params: Any) -> str:
    """Return the string ``key`` in ``lang``, formatted with ``params``.

    Parameters
    ----------
    key : str
        Message key, e.g. ``"servqual.dimension.tangibles"``.
    lang : {"zh", "en"}
        Language; Chinese by default.
    **params
        Values for the string's placeholders.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        If the key or the language is missing from the catalogue (a content bug a test catches).

    Examples
    --------
    >>> t("servqual.dimension.empathy", "en")
    'Empathy'
    >>> t("servqual.dimension.empathy", "zh")
    '移情性'
    """
    _check_lang(lang)
    try:
        text = catalogue()[key][lang]
    except KeyError:
        raise KeyError(f"missing translation: {key!r} [{lang}]") from None
    return text.format(**params) if params else text


def has(key: str) -> bool:
    """Whether ``key`` is in the catalogue."""
    return key in catalogue()


def localize(frame, lang: str = DEFAULT_LANG, /, columns: dict | None = None, codes: dict | None = None):
    """A copy of a model's tidy DataFrame with headers and code values in ``lang``, for display.

    Parameters
    ----------
    frame : pandas.DataFrame
        Model output (column names and codes are stable English identifiers).
    lang : {"zh", "en"}
    columns : dict, optional
        Column → message key for its header; columns not listed are dropped.
    codes : dict, optional
        Column → key prefix; each value ``v`` is shown as ``t(prefix + v)``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"dimension": ["empathy"], "gap": [-1.2]})
    >>> localize(df, "en", columns={"dimension": "servqual.label.dimension", "gap": "servqual.label.gap"},
    ...          codes={"dimension": "servqual.dimension."}).to_dict("records")
    [{'Dimension': 'Empathy', 'Gap P − E': -1.2}]
    """
    out = frame.copy()
    for col, prefix in (codes or {}).items():
        out[col] = [t(f"{prefix}{v}", lang) for v in out[col]]
    if columns is not None:
        out = out.loc[:, list(columns)].rename(columns={c: t(k, lang) for c, k in columns.items()})
    return out
