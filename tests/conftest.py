"""Test-wide setup: keep Jupyter, IPython, caches and progress files out of the home directory.

Set at import time (before any kernel starts), so papermill and nbval kernels inherit them.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"

_TMP = Path(tempfile.mkdtemp(prefix="servicelab-tests-"))
for var, sub in {
    "JUPYTER_CONFIG_DIR": "jupyter-config",
    "JUPYTER_DATA_DIR": "jupyter-data",
    "JUPYTER_RUNTIME_DIR": "jupyter-runtime",
    "IPYTHONDIR": "ipython",
}.items():
    os.environ[var] = str(_TMP / sub)
    (_TMP / sub).mkdir(parents=True, exist_ok=True)
os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
# the offline chart bundle is built once per test session and shared by every kernel
os.environ.setdefault("SERVICELAB_CACHE", str(_TMP / "cache"))
os.environ["SERVICELAB_PROGRESS_DB"] = str(_TMP / "progress" / "progress.db")
os.environ.setdefault("SERVICELAB_CLASS_DB", str(_TMP / "classroom" / "classroom.db"))  # class mode's store
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_TMP, ignore_errors=True)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Git-ignored folder for screenshots and other test artifacts."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
