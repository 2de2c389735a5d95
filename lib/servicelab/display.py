"""Show a model's table or a key sentence in a notebook as part of the lesson.

A model returns tidy DataFrames with stable English column names and codes (``procedural_strong``,
``True``, ``by_the_book``). Shown raw, a learner in the Chinese UI sees code names, index numbers
and True/False in a monospace dump. :func:`table` turns such a frame into a formatted table:
headers and codes translated through :func:`servicelab.i18n.localize`, no index, booleans as 是/否
(or any pair of keys such as 强/弱), numbers with thousands separators, a fixed number of decimals
and a true minus sign. :func:`sentence` shows a line of text as a paragraph, and :func:`group`
shows several of them as one output.

Each object has an HTML form (what JupyterLab and Voilà show) and a plain-text form (``text/plain``,
what nbval compares besides the HTML and what a console prints): both carry the same numbers.
"""
from __future__ import annotations

import html
import math
import numbers
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from .i18n import localize, t
from .widgets.common import table_html

__all__ = ["Shown", "format_number", "table", "sentence", "group"]

#: Message keys of the default yes/no for boolean cells.
YES_NO = ("core.yes", "core.no")


class Shown:
    """A piece of notebook output with an HTML and a plain-text form (see :func:`table`)."""

    def __init__(self, html_text: str, plain: str) -> None:
        self.html, self.plain = html_text, plain

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html, "text/plain": self.plain}

    def __repr__(self) -> str:
        return self.plain

    def __str__(self) -> str:
        return self.plain


def format_number(value, digits: int | None = None) -> str:
    """A number as a learner reads it: ``12,345``, ``0.678``, ``−1.128``; an en dash for missing.

    Parameters
    ----------
    value : int, float or None
    digits : int, optional
        Decimals for a non-integer value (an ``int`` is always shown whole); default: as many as
        needed, at most 3.

    Returns
    -------
    str

    Examples
    --------
    >>> format_number(2500315.634, 2), format_number(-1.1284, 3), format_number(4714), format_number(float("nan"))
    ('2,500,315.63', '−1.128', '4,714', '–')
    >>> format_number(0.5), format_number(3.0), format_number(3.0, 3), format_number(7, 3)
    ('0.5', '3', '3.000', '7')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, numbers.Integral):
        text = f"{int(value):,}"
    elif digits is None:
        text = f"{float(value):,.3f}".rstrip("0").rstrip(".")
    else:
        text = f"{float(value):,.{digits}f}"
    if text in ("-0", "-0." + "0" * (digits or 0)):
        text = text[1:]
    return text.replace("-", "−")


def _cell(value, lang: str, yes_no: tuple[str, str], digits: int | None) -> str:
    if value is None or value is pd.NA:
        return "–"
    if isinstance(value, (bool, np.bool_)):
        return t(yes_no[0] if bool(value) else yes_no[1], lang)
    if isinstance(value, numbers.Number):
        return format_number(value, digits)
    return str(value)


def table(frame: pd.DataFrame, lang: str, /, columns: Mapping[str, str] | None = None, *, codes: Mapping[str, str] | None = None,
          labels: Mapping[str, str] | None = None, index: str | None = None, digits: int | Mapping[str, int] | None = None,
          booleans: Mapping[str, tuple[str, str]] | None = None, caption: str | None = None) -> Shown:
    """A model's DataFrame as a translated, formatted table (no index, 是/否 for booleans).

    Parameters
    ----------
    frame : pandas.DataFrame
        Model output with code column names.
    lang : {"zh", "en"}
    columns : dict, optional
        Column → message key of its header, in display order; columns not listed are dropped.
        Default: every column, headers from ``labels`` or the column name.
    codes : dict, optional
        Column → key prefix; a value ``v`` is shown as ``t(prefix + v)`` (as in ``localize``).
    labels : dict, optional
        Column → an already translated header (for headers built with ``t`` and a placeholder).
    index : str, optional
        Message key of a header for the index, to show the index as the first column (row
        labels such as a firm's name); default: the index is not shown.
    digits : int or dict, optional
        Decimals for every number, or per column; default: up to 3 as needed.
    booleans : dict, optional
        Column → (key if true, key if false), e.g. ``("custui.st.strong", "custui.st.weak")``;
        other boolean columns show 是/否 (:data:`YES_NO`).
    caption : str, optional
        A translated line shown above the table.

    Returns
    -------
    Shown
        Displays as an HTML table in JupyterLab and Voilà, as aligned text elsewhere.

    Examples
    --------
    >>> df = pd.DataFrame({"dimension": ["empathy"], "gap": [-1.2], "ok": [False]})
    >>> print(table(df, "zh", {"dimension": "servqual.label.dimension", "gap": "servqual.label.gap", "ok": "core.yes"},
    ...             codes={"dimension": "servqual.dimension."}, digits=2).plain)
     维度 差距 P − E 是
    移情性    −1.20 否
    """
    out = frame.copy()
    if index is not None:
        out.insert(0, "__index__", list(out.index))
        columns = {"__index__": index, **dict(columns if columns is not None else {c: None for c in frame.columns})}
    elif columns is None:
        columns = {c: None for c in out.columns}
    out = localize(out, lang, codes=codes)  # the one place that maps codes to text
    headers = [(labels or {}).get(c) or (t(key, lang) if key else str(c)) for c, key in columns.items()]
    rows, numeric = [], []
    for col in columns:
        d = digits.get(col) if isinstance(digits, Mapping) else digits
        yes_no = (booleans or {}).get(col, YES_NO)
        rows.append([_cell(v, lang, yes_no, d) for v in out[col]])
        numeric.append(pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]))
    body = [list(r) for r in zip(*rows)] if rows else []
    html_text = table_html(headers, body, "sl-nb-table", align=["right" if n else "left" for n in numeric])
    plain = pd.DataFrame(body, columns=headers).to_string(index=False) if body else " ".join(headers)
    if caption:
        html_text = f"<p>{html.escape(caption)}</p>{html_text}"
        plain = f"{caption}\n{plain}"
    return Shown(html_text, plain)


def sentence(text: str, *, strong: bool = False) -> Shown:
    """One translated line as a paragraph.

    Parameters
    ----------
    text : str
        Already translated (from ``t``), numbers formatted with :func:`format_number`.
    strong : bool
        Bold.

    Returns
    -------
    Shown
        ``<p class="sl-nb-text">`` (escaped) in HTML, the text itself as plain text.

    Examples
    --------
    >>> sentence("基尼系数：0.6346").html
    '<p class="sl-nb-text">基尼系数：0.6346</p>'
    """
    body = html.escape(text)
    if strong:
        body = f"<b>{body}</b>"
    return Shown(f'<p class="sl-nb-text">{body}</p>', text)


def group(*items: Shown | str) -> Shown:
    """Several tables and sentences as one output.

    Parameters
    ----------
    *items : Shown or str
        In display order; a plain string becomes a :func:`sentence`.

    Returns
    -------
    Shown
        The parts' HTML in one ``<div class="sl-nb-output">``; their plain texts one per line.

    Examples
    --------
    >>> print(group("a", sentence("b")).plain)
    a
    b
    """
    parts = [sentence(i) if isinstance(i, str) else i for i in items]
    return Shown('<div class="sl-nb-output">' + "".join(p.html for p in parts) + "</div>", "\n".join(p.plain for p in parts))
