"""Real-browser fixtures: Voilà on 127.0.0.1 + Debian's headless Chromium through playwright.

Without Chromium these tests skip with a reason — unless SERVICELAB_REQUIRE_BROWSER=1 (as in CI),
where a missing browser is a failure.
"""
from __future__ import annotations

import pytest

from servicelab.testing.browser import chromium_or_skip


@pytest.fixture(scope="session")
def chromium_path() -> str:
    return chromium_or_skip()
