"""The "diagnose the gap" scenes of chapter 06 (issue 10): at least 20 scenes, each with exactly one
correct gap and a reason that names that gap, in both languages.

Oracle: the data file read with the json module, against the five gaps of Parasuraman, Zeithaml &
Berry (1985) (groups gap1 … gap5) and the exercise contract (sort: groups, items with one group and
a reason each). The shared loader validates the schema as well when it is present.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILE = ROOT / "data" / "exercises" / "06_gap_model.json"
GROUPS = {f"gap{g}" for g in range(1, 6)}


def _exercises() -> list[dict]:
    return json.loads(FILE.read_text(encoding="utf-8"))["exercises"]


def _scenes() -> list[dict]:
    return [item for ex in _exercises() for item in ex["items"]]


def test_at_least_twenty_scenes_over_the_five_gaps():
    scenes = _scenes()
    assert len(scenes) >= 20
    count = Counter(s["group"] for s in scenes)
    assert set(count) == GROUPS
    assert all(count[f"gap{g}"] >= 3 for g in (1, 2, 3, 4)), count
    for ex in _exercises():
        assert ex["kind"] == "sort" and ex["notebook"] == "06_gap_model" and ex["concepts"] == ["C5.11"]
        assert {g["id"] for g in ex["groups"]} == GROUPS
        assert 10 <= len(ex["items"]) <= 14


def test_each_scene_has_exactly_one_gap_and_a_bilingual_reason_naming_it():
    for s in _scenes():
        assert isinstance(s["group"], str) and s["group"] in GROUPS, s["id"]  # one group, not a list
        n = s["group"][-1]
        for lang, pattern in (("zh", r"差距\s*([1-5])"), ("en", r"[Gg]ap\s*([1-5])")):
            assert s["label"][lang].strip() and s["reason"][lang].strip(), (s["id"], lang)
            first = re.search(pattern, s["reason"][lang])
            assert first and first.group(1) == n, (s["id"], lang, s["reason"][lang])
        # the scene itself must not give the answer away
        assert not re.search(r"差距\s*[1-5]|[Gg]ap\s*[1-5]", s["label"]["zh"] + s["label"]["en"]), s["id"]


def test_scene_ids_and_texts_are_unique():
    scenes = _scenes()
    ids = [s["id"] for s in scenes]
    assert len(ids) == len(set(ids))
    for lang in ("zh", "en"):
        texts = [s["label"][lang] for s in scenes]
        assert len(texts) == len(set(texts)), lang


def test_the_shared_loader_accepts_the_file_and_checks_a_perfect_answer():
    ex_pkg = pytest.importorskip("servicelab.exercises")
    loaded = ex_pkg.load_exercises("06_gap_model")
    assert [e.id for e in loaded] == [e["id"] for e in _exercises()]
    raw = {e["id"]: e for e in _exercises()}
    for e in loaded:
        answer = {i["id"]: i["group"] for i in raw[e.id]["items"]}
        result = ex_pkg.check_answer(e, answer)
        assert result.all_correct and result.total == len(answer) == len(raw[e.id]["items"])
        wrong = {i: "gap5" if g != "gap5" else "gap1" for i, g in answer.items()}
        assert ex_pkg.check_answer(e, wrong).right == 0
