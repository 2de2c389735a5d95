"""The bank's choice items have the shape of the 10421 paper (issue 8, section 1).

Single choice has four options, one right (confirmed on the 2017.1 and 2023.1 papers, see
data/quiz/README.md); multiple choice has five options with two to five right (the 自考
convention). 判断题 is not in the paper, so true-false stays a small practice share of the bank.
Oracles: those counts, read from the raw bank files (not from the loader).
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

BANK_DIR = Path(__file__).resolve().parents[1] / "data" / "quiz" / "bank"
QUESTIONS = [q for p in sorted(BANK_DIR.glob("*.json")) for q in json.loads(p.read_text(encoding="utf-8"))]
SINGLE = [q for q in QUESTIONS if q["type"] == "single"]
MULTIPLE = [q for q in QUESTIONS if q["type"] == "multiple"]
TRUE_FALSE_SHARE = 0.10  # "a small share": at most one question in ten


def test_the_bank_has_choice_items():
    assert len(SINGLE) >= 50 and len(MULTIPLE) >= 30


@pytest.mark.parametrize("q", SINGLE, ids=lambda q: q["id"])
def test_single_choice_has_four_options_one_key(q):
    keys = [o["key"] for o in q["options"]]
    assert keys == ["A", "B", "C", "D"], keys
    assert q["answer"] in keys
    for lang in ("zh", "en"):
        texts = [o[lang].strip() for o in q["options"]]
        assert len(set(texts)) == 4, f"{q['id']}: repeated {lang} option"


@pytest.mark.parametrize("q", MULTIPLE, ids=lambda q: q["id"])
def test_multiple_choice_has_five_options_two_to_five_keys(q):
    keys = [o["key"] for o in q["options"]]
    assert keys == ["A", "B", "C", "D", "E"], keys
    assert 2 <= len(q["answer"]) <= 5 and len(set(q["answer"])) == len(q["answer"])
    assert set(q["answer"]) <= set(keys)
    for lang in ("zh", "en"):
        texts = [o[lang].strip() for o in q["options"]]
        assert len(set(texts)) == 5, f"{q['id']}: repeated {lang} option"


def test_true_false_is_a_small_share_of_the_bank():
    counts = Counter(q["type"] for q in QUESTIONS)
    share = counts["true_false"] / len(QUESTIONS)
    assert share <= TRUE_FALSE_SHARE, f"true-false is {share:.0%} of the bank ({dict(counts)})"


def test_retired_ids_are_gone_and_point_to_a_live_item_on_the_same_concepts():
    retired = json.loads((BANK_DIR.parent / "retired_ids.json").read_text(encoding="utf-8"))
    retired.pop("_about")
    live = {q["id"]: q for q in QUESTIONS}
    assert retired
    for old, new in retired.items():
        assert old not in live, f"{old} is retired but still in the bank"
        assert new in live, f"{old} points to {new}, which is not in the bank"
        assert old.split("-")[1] in live[new]["concepts"], (old, new)
