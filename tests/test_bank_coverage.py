"""The REAL question bank (data/quiz/bank/*.json) and memory cards cover the curriculum.

These tests fail while the bank is still being written; that is expected and honest.
Oracles: data/curriculum.json read directly (63 concepts, notebook ids) and the type list of
data/quiz/schema.json.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from servicelab.quiz import load_bank, load_cards

DATA = Path(__file__).resolve().parents[1] / "data"
CURRICULUM = json.loads((DATA / "curriculum.json").read_text(encoding="utf-8"))
CONCEPTS = [c["id"] for c in CURRICULUM["concepts"]]
NOTEBOOKS = {n["id"] for n in CURRICULUM["notebooks"]}
SCHEMA = json.loads((DATA / "quiz" / "schema.json").read_text(encoding="utf-8"))
TYPES = SCHEMA["$defs"]["question"]["properties"]["type"]["enum"]


def _raw_questions() -> list[dict]:
    out = []
    for path in sorted((DATA / "quiz" / "bank").glob("*.json")):
        out.extend(json.loads(path.read_text(encoding="utf-8")))
    return out


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def test_curriculum_has_63_concepts():
    assert len(CONCEPTS) == 63 == len(set(CONCEPTS))


def test_real_bank_loads(bank):
    assert len(bank) == len(_raw_questions())


def test_at_least_200_questions(bank):
    assert len(bank) >= 200


def test_every_concept_has_two_questions(bank):
    counts = Counter(c for q in bank for c in set(q.concepts))
    thin = {c: counts.get(c, 0) for c in CONCEPTS if counts.get(c, 0) < 2}
    assert not thin, f"concepts with fewer than 2 questions: {thin}"


def test_every_type_present(bank):
    assert set(TYPES) <= {q.type for q in bank}, Counter(q.type for q in bank)


def test_every_referenced_notebook_exists():
    refs = {q.get("notebook") for q in _raw_questions()}
    cards_path = DATA / "quiz" / "cards.json"
    if cards_path.exists():
        refs |= {c.get("notebook") for c in json.loads(cards_path.read_text(encoding="utf-8"))}
    assert refs <= NOTEBOOKS, sorted(refs - NOTEBOOKS, key=str)


def test_memory_cards_load():
    cards = load_cards()
    assert len(cards) >= 1
    assert all(c.notebook in NOTEBOOKS for c in cards)
