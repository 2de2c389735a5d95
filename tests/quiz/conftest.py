"""Fixtures for the tests of servicelab.quiz: a small hand-written bank in tmp_path."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from servicelab.quiz.bank import Bank, load_bank

_spec = importlib.util.spec_from_file_location("quiz_items", Path(__file__).parents[1] / "fixtures" / "quiz_items.py")
_items = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_items)


@pytest.fixture()
def mixed_bank(tmp_path) -> Bank:
    """Every question type in chapters 01, 03, 05 and 09, loaded through :func:`load_bank`."""
    return load_bank(_items.write_bank(tmp_path / "bank", {"all.json": _items.mixed_bank_items()}))
