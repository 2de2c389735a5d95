"""Errors a learner may see, carrying a translatable message.

Every error raised because of the learner's input (a bad file, a value out of range, weights that do
not sum to 100) is a :class:`ServiceLabError`. It stores a message *key* and its parameters, so a
widget can show it in the learner's language; ``str(err)`` gives both languages, Chinese first.
"""
from __future__ import annotations

from typing import Any


class ServiceLabError(ValueError):
    """An input problem described by an i18n key plus parameters.

    Parameters
    ----------
    key : str
        A message key in ``data/i18n/*.json``.
    **params
        Values for the message's ``{placeholders}`` (file, row, column, allowed range …).

    Examples
    --------
    >>> err = ServiceLabError("error.value_range", column="P3", row=2, value=9, low=1, high=7)
    >>> "P3" in err.message("en") and "P3" in err.message("zh")
    True
    """

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(self.bilingual())

    def message(self, lang: str = "zh") -> str:
        """The message in one language (``"zh"`` or ``"en"``)."""
        from .i18n import t

        return t(self.key, lang, **self.params)

    def bilingual(self) -> str:
        """Chinese message, then English message, on two lines."""
        return f"{self.message('zh')}\n{self.message('en')}"


class ContentError(ServiceLabError):
    """A project content file (``data/``) is malformed."""
