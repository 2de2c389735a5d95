"""Notebooks and exercise files agree: every ``ExercisePanel("…")`` id a notebook uses exists, and
every exercise of ``data/exercises/NB.json`` is used in notebook NB (files whose notebook is not
written yet are skipped).

The ids are read from the notebooks' code cells with a regular expression (not through the
widget), the exercises with the json module (not through the loader).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from servicelab.exercises import load_exercises
from servicelab.paths import REPO_ROOT

NOTEBOOKS = REPO_ROOT / "notebooks"
DATA = REPO_ROOT / "data" / "exercises"
PANEL_CALL = re.compile(r"""ExercisePanel\(\s*(?:exercise_id\s*=\s*)?(["'])([^"']+)\1""")


def panel_ids(notebook: Path) -> list[str]:
    """The exercise ids of every ``ExercisePanel("…")`` call in the code cells of a notebook."""
    nb = nbformat.read(notebook, as_version=4)
    return [m.group(2) for cell in nb.cells if cell.cell_type == "code" for m in PANEL_CALL.finditer(cell.source)]


def file_ids(path: Path) -> list[str]:
    return [e["id"] for e in json.loads(path.read_text(encoding="utf-8"))["exercises"]]


def _notebook(tmp: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell('ExercisePanel("ex01-not-code")'),
                                         *(nbformat.v4.new_code_cell(s) for s in sources)])
    path = tmp / "01_service_era.ipynb"
    nbformat.write(nb, path)
    return path


def test_the_scan_finds_the_calls_notebooks_write(tmp_path):
    path = _notebook(tmp_path, 'ExercisePanel("ex01-a", LANG)',
                     "from servicelab.widgets.exercise import ExercisePanel\nExercisePanel( 'ex01-b' , LANG, show_answer=True)\n"
                     'ExercisePanel(exercise_id="ex01-c")')
    assert panel_ids(path) == ["ex01-a", "ex01-b", "ex01-c"]  # the markdown cell's text is not a call


NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
EXERCISE_FILES = sorted(DATA.glob("*.json"))


@pytest.mark.parametrize("notebook", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_every_panel_id_in_a_notebook_exists(notebook):
    known = {e.id for e in load_exercises(folder=DATA)}
    missing = [eid for eid in panel_ids(notebook) if eid not in known]
    assert not missing, f"{notebook.name} shows exercises that no data/exercises file defines: {missing}"


@pytest.mark.parametrize("path", EXERCISE_FILES or [None], ids=lambda p: p.name if p else "none-yet")
def test_every_exercise_of_a_file_is_used_in_its_notebook(path):
    if path is None:
        pytest.skip("no exercise file in data/exercises yet")
    notebook = NOTEBOOKS / f"{path.stem}.ipynb"
    if not notebook.is_file():
        pytest.skip(f"{notebook.name} is not written yet")
    unused = sorted(set(file_ids(path)) - set(panel_ids(notebook)))
    assert not unused, f"{path.name} defines exercises that {notebook.name} never shows: {unused}"


def test_the_fixture_notebook_uses_only_fixture_exercises():
    fixtures = REPO_ROOT / "tests" / "fixtures"
    ids = set(file_ids(fixtures / "exercises" / "03_what_is_service.json"))
    used = panel_ids(fixtures / "exercise_widget.ipynb")
    assert used and set(used) <= ids
