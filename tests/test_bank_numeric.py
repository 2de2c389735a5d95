"""Numeric questions of the REAL bank state their rounding, and every prompt can be shown alone.

Oracles: the prompt text itself (the rounding phrase fixed by data/quiz/README.md for each
``decimals``), an independent recomputation of each key from the numbers printed in its prompt,
and a list of words that point at another question.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from servicelab.quiz import load_bank, score_answer

DATA = Path(__file__).resolve().parents[1] / "data"

# The phrase each prompt must contain for its ``decimals`` (data/quiz/README.md).
ROUNDING_ZH = {0: ("保留整数", "答案为整数"), 1: ("保留一位小数",), 2: ("保留两位小数",), 3: ("保留三位小数",),
               4: ("保留四位小数",)}
ROUNDING_EN = {0: ("to the nearest whole number", "a whole number"), 1: ("to one decimal place",),
               2: ("to two decimal places",), 3: ("to three decimal places",), 4: ("to four decimal places",)}

# Words that make a prompt depend on the question before it.
DEPENDS_ZH = ("上题", "上一题", "前一题", "前题", "沿用上", "沿用前", "仍用原", "同上", "同一张", "原来的")
DEPENDS_EN = re.compile(r"previous question|preceding question|question above|same data|^same |^continuing"
                        r"|back to the original|as above", re.IGNORECASE)


def _raw() -> list[dict]:
    out = []
    for path in sorted((DATA / "quiz" / "bank").glob("*.json")):
        out.extend(json.loads(path.read_text(encoding="utf-8")))
    return out


NUMERIC = [q for q in _raw() if q["type"] == "numeric"]


def test_there_are_numeric_questions():
    assert len(NUMERIC) >= 20


@pytest.mark.parametrize("q", NUMERIC, ids=[q["id"] for q in NUMERIC])
def test_numeric_prompt_states_its_rounding_in_both_languages(q):
    d = q["decimals"]
    assert any(p in q["prompt"]["zh"] for p in ROUNDING_ZH[d]), (q["id"], q["prompt"]["zh"])
    assert any(p in q["prompt"]["en"] for p in ROUNDING_EN[d]), (q["id"], q["prompt"]["en"])
    # and no other precision is asked for in the same prompt
    others_zh = [p for k, ps in ROUNDING_ZH.items() if k != d for p in ps if p not in ROUNDING_ZH[d]]
    assert not any(p in q["prompt"]["zh"] for p in others_zh), q["id"]


@pytest.mark.parametrize("q", _raw(), ids=[q["id"] for q in _raw()])
def test_prompt_can_be_shown_alone(q):
    zh, en = q["prompt"]["zh"], q["prompt"]["en"]
    assert not any(w in zh for w in DEPENDS_ZH), (q["id"], zh)
    assert not DEPENDS_EN.search(en), (q["id"], en)


# Independent recomputation of keys from the data printed in the prompts.
_STEPS = [0.99, 0.98, 0.90, 0.98, 0.98, 0.99, 0.95, 0.99, 0.99, 0.99]
_COMPLAINTS = 148
EXACT = {
    "Q-C1.11-numeric-01": (120 + 85) / (120 + 85 + 40 + 30 + 25 + 20 + 15 + 10 + 8 + 7) * 100,
    "Q-C2.7-numeric-02": 0.10 * -0.50 + 0.35 * -1.40 + 0.25 * -0.75 + 0.15 * -0.25 + 0.15 * -0.60,
    "Q-C3.8-numeric-03": sum((m - 1) / 9 for m in (8, 7.5, 7)) / 3 * 100,
    "Q-C5.14-numeric-01": math.prod(_STEPS),
    "Q-C5.14-numeric-02": math.prod(_STEPS) / 0.90 * 0.96,
    "Q-C5.14-numeric-03": (0.96 / 0.90 - 1) * 100,
    "Q-C5.14-numeric-04": math.prod(_STEPS) / 0.95 * 0.99,
    "Q-C5.17-numeric-02": 1582 / (1582 + 1325 + 916 + 416 + 310) * 100,
    "Q-C5.18-numeric-01": 38 / _COMPLAINTS * 100,
    "Q-C5.18-numeric-03": (38 + 14 + 10 + 4 + 3 + 2 + 1 + 1 + 1 + 1) / _COMPLAINTS * 100,
    "Q-C5.18-numeric-05": (_COMPLAINTS - 5 - 5) / _COMPLAINTS * 100,
}


@pytest.fixture(scope="module")
def bank():
    return load_bank()


@pytest.mark.parametrize("qid", sorted(EXACT))
def test_key_is_the_exact_value_and_its_rounding_is_right(bank, qid):
    q = bank[qid]
    exact = EXACT[qid]
    assert q.answer == pytest.approx(exact, abs=1e-9)
    for rounded in (round(exact, q.decimals), float(f"{exact:.{q.decimals}f}")):
        assert score_answer(q, str(rounded)).correct, (qid, rounded)
    # one unit of the last asked decimal off is wrong
    unit = 10.0 ** -q.decimals
    assert not score_answer(q, str(round(exact, q.decimals) + 2 * unit)).correct


def test_weighted_servqual_accepts_both_neighbours_of_the_boundary(bank):
    """−0.855 asked to two decimals: −0.86 (half-up) and −0.85 (half-even / binary) are both right."""
    q = bank["Q-C2.7-numeric-02"]
    assert q.decimals == 2
    for text in ("-0.86", "−0.86", "-0.85", "-0.855", "-0.8550"):
        assert score_answer(q, text.replace("−", "-")).correct, text
    for text in ("-0.84", "-0.87", "-0.9", "0.86"):
        assert not score_answer(q, text).correct, text
