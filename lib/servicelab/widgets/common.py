"""Shared widget plumbing: error display, safe callbacks, number formatting.

Panels are :class:`ipywidgets.VBox` subclasses. Elements a test or a browser needs to find carry a
CSS class ``sl-…`` (``add_class``). A callback never lets an exception reach the kernel: a
:class:`~servicelab.errors.ServiceLabError` is shown in the panel in the learner's language (with
the other language below), anything else as a short "unexpected error" notice — and the learner's
inputs are left untouched.
"""
from __future__ import annotations

import functools
import html
import logging
import math
from typing import Callable

from ..errors import ServiceLabError
from ..i18n import LANGUAGES, t

log = logging.getLogger("servicelab")


def other_language(lang: str) -> str:
    return next(code for code in LANGUAGES if code != lang)


def error_html(err: Exception, lang: str) -> str:
    """HTML for an error box: the learner's language first, the other language smaller."""
    if isinstance(err, ServiceLabError):
        main, other = err.message(lang), err.message(other_language(lang))
    else:
        detail = f"{type(err).__name__}: {err}"[:300]
        main = t("error.unknown", lang, detail=detail)
        other = t("error.unknown", other_language(lang), detail=detail)
    return (
        '<div class="sl-error-box" role="alert" style="border-left:4px solid #d62728;'
        'background:#fdecea;padding:6px 10px;margin:4px 0">'
        f"<b>{html.escape(t('error.title', lang))}</b><br>{html.escape(main)}"
        f'<br><span style="color:#666;font-size:90%">{html.escape(other)}</span></div>'
    )


def guarded(error_widget_attr: str = "error") -> Callable:
    """Decorate a panel method so errors are shown in ``self.<error_widget_attr>``, never raised.

    The error area is cleared when the call succeeds.
    """

    def decorate(method: Callable) -> Callable:
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            box = getattr(self, error_widget_attr)
            try:
                result = method(self, *args, **kwargs)
            except ServiceLabError as err:
                box.value = error_html(err, self.lang)
                return None
            except Exception as err:  # noqa: BLE001 - a learner must never see a traceback
                log.exception("unexpected error in %s", method.__qualname__)
                box.value = error_html(err, self.lang)
                return None
            box.value = ""
            return result

        return wrapper

    return decorate


def fmt(value: float | None, digits: int = 2, signed: bool = True) -> str:
    """Format a score for display (``+0.25``, ``−1.10``; an en dash for missing)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
    return text.replace("-", "−")


def table_html(header: list[str], rows: list[list[str]], css_class: str = "sl-table", align: list[str] | None = None) -> str:
    """A small HTML table (cells are escaped); ``align`` gives each column's ``text-align``."""
    align = align or ["left"] * len(header)
    head = "".join(f"<th style='text-align:{a};padding:2px 8px'>{html.escape(h)}</th>" for h, a in zip(header, align))
    body = "".join(
        "<tr>" + "".join(f"<td style='text-align:{a};padding:2px 8px'>{html.escape(str(c))}</td>" for c, a in zip(row, align))
        + "</tr>"
        for row in rows
    )
    return f"<table class='{css_class}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
