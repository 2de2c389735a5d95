"""Real-browser fixtures: Voilà on 127.0.0.1 + Debian's headless Chromium through playwright.

Without Chromium these tests skip with a reason — unless SERVICELAB_REQUIRE_BROWSER=1 (as in CI),
where a missing browser is a failure.
"""
from __future__ import annotations

import os

import pytest

from servicelab.testing.browser import find_chromium


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        msg = "Chromium not found (install Debian's 'chromium' package, or set SERVICELAB_CHROMIUM)"
        if os.environ.get("SERVICELAB_REQUIRE_BROWSER") == "1":
            pytest.fail(msg + " — browser tests are required here (SERVICELAB_REQUIRE_BROWSER=1)")
        pytest.skip(msg)
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.fail("playwright is not installed: run `make test`, which installs the test extras")
    return path
