"""Deployment tests: the real-browser ones use the same Chromium fixture as tests/browser."""
from __future__ import annotations

import pytest

from servicelab.testing.browser import chromium_or_skip


@pytest.fixture(scope="session")
def chromium_path() -> str:
    return chromium_or_skip()
