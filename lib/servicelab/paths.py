"""Where the project's content lives.

The package is installed editable from ``lib/``; content (curriculum, quiz bank, item wording,
data sets, translations) lives in the repository's ``data/`` folder. Set the environment variable
``SERVICELAB_DATA`` to point elsewhere (for example a copy of ``data/`` next to a wheel install).
"""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """Return the content folder (``$SERVICELAB_DATA`` or ``<repo>/data``)."""
    override = os.environ.get("SERVICELAB_DATA")
    return Path(override) if override else REPO_ROOT / "data"


def data_path(*parts: str) -> Path:
    """Return a path inside the content folder, e.g. ``data_path("servqual", "items.csv")``."""
    return data_dir().joinpath(*parts)
