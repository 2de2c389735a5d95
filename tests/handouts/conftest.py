"""The handouts tests' MathJax: ``mathjax-full`` in ``.cache/`` (``make mathjax``; CI's .ci/run does it)."""
from __future__ import annotations

import pytest

from servicelab.testing.mathjax import require_mathjax


@pytest.fixture(scope="session")
def mathjax():
    """``(node, cache)``; skips without it — fails with SERVICELAB_REQUIRE_BROWSER=1 (CI)."""
    return require_mathjax()
