"""MathJax for the handouts tests: the pinned ``mathjax-full`` in ``.cache/`` (``make mathjax``)."""
from __future__ import annotations

import os
from pathlib import Path


def require_mathjax() -> tuple[str, Path]:
    """``(node, cache)`` of the pinned MathJax, or skip the test — fail with ``SERVICELAB_REQUIRE_BROWSER=1`` (CI).

    Examples
    --------
    >>> callable(require_mathjax)
    True
    """
    import pytest

    from ..handouts import maths

    found = maths.find_mathjax()
    if found is None:
        msg = maths.missing_message()
        if os.environ.get("SERVICELAB_REQUIRE_BROWSER") == "1":
            pytest.fail(msg + " — required here (SERVICELAB_REQUIRE_BROWSER=1)")
        pytest.skip(msg)
    return found
