"""In-lesson exercises: sort into groups, put in order, match — data, validation and checking.

A content layer beside :mod:`servicelab.quiz` (``tests/test_layers.py`` checks the imports):
nothing here imports widgets, charts or storage; from the quiz package only
:mod:`servicelab.quiz.bank` (its bilingual :class:`~servicelab.quiz.bank.Text` and curriculum).

* :mod:`~servicelab.exercises.data` — dataclasses, loading and validation of
  ``data/exercises/<notebook_id>.json`` (schema in ``data/exercises/README.md``).
* :mod:`~servicelab.exercises.check` — :func:`check_answer`, the right answer, seeded shuffles.

The widget is :class:`servicelab.widgets.exercise.ExercisePanel`.
"""
from __future__ import annotations

from .check import ExerciseResult, ItemResult, check_answer, expected_answer, shuffled, shuffled_options
from .data import (
    FOLDER_ENV,
    KINDS,
    Column,
    Exercise,
    Group,
    Item,
    Row,
    Step,
    exercises_dir,
    get_exercise,
    load_exercises,
    parse_file,
)

__all__ = [
    "FOLDER_ENV", "KINDS", "Column", "Exercise", "ExerciseResult", "Group", "Item", "ItemResult", "Row", "Step",
    "check_answer", "exercises_dir", "expected_answer", "get_exercise", "load_exercises", "parse_file", "shuffled",
    "shuffled_options",
]
