"""Exercises of notebook 04: the right answers are the paper's and the course's.

Oracles written here: the levels of Zeithaml, Berry & Parasuraman (1993) and the course slide's
classification of Grönroos's factors (market communication controllable; image and word of mouth
only influenced; customer needs uncontrollable). The file is read directly, and through the shared
loader when it is there (it validates the file against the exercise contract)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

FILE = Path(__file__).resolve().parents[1] / "data" / "exercises" / "04_perceived_quality.json"
PAPER_LEVEL = {
    "enduring_intensifiers": "desired", "personal_needs": "desired",
    "transitory_intensifiers": "adequate", "perceived_alternatives": "adequate",
    "self_perceived_role": "adequate", "situational_factors": "adequate",
    "explicit_promises": "both", "implicit_promises": "both", "word_of_mouth": "both", "past_experience": "both",
}


def _exercises() -> dict[str, dict]:
    return {e["id"]: e for e in json.loads(FILE.read_text(encoding="utf-8"))["exercises"]}


def test_the_three_sorting_exercises_the_brief_names():
    ex = _exercises()
    assert set(ex) == {"ex04-determinant-levels", "ex04-expectation-factors", "ex04-technical-functional"}
    assert all(e["kind"] == "sort" and e["notebook"] == "04_perceived_quality" for e in ex.values())


def test_determinant_sort_answers_are_the_papers_levels():
    items = _exercises()["ex04-determinant-levels"]["items"]
    assert {i["id"]: i["group"] for i in items} == PAPER_LEVEL


def test_expectation_factor_answers_follow_groenroos():
    items = {i["id"]: i["group"] for i in _exercises()["ex04-expectation-factors"]["items"]}
    assert items["ads"] == items["sales_promise"] == "controllable"          # market communication
    assert items["image"] == items["friend"] == items["reviews"] == "influence"
    assert items["needs"] == items["needs_budget"] == "uncontrollable"


def test_technical_functional_examples_split_outcome_from_process():
    items = {i["id"]: i["group"] for i in _exercises()["ex04-technical-functional"]["items"]}
    outcomes = {"car_fixed", "parcel_intact", "diagnosis", "dish_taste"}
    assert {k for k, g in items.items() if g == "technical"} == outcomes
    assert {k for k, g in items.items() if g == "functional"} == set(items) - outcomes


def test_every_text_in_both_languages_and_every_item_has_a_reason():
    for e in _exercises().values():
        for field in ("title", "prompt"):
            assert e[field]["zh"].strip() and e[field]["en"].strip()
        for item in e["items"]:
            for field in ("label", "reason"):
                assert item[field]["zh"].strip() and item[field]["en"].strip(), (e["id"], item["id"], field)


def test_the_shared_loader_accepts_the_file():
    exercises = pytest.importorskip("servicelab.exercises")
    loaded = exercises.load_exercises("04_perceived_quality")
    assert {e.id for e in loaded} == set(_exercises())
