"""The grown question bank (issue 8, section 2) and the case items (section 1).

What holds on this branch: the whole bank (``data/quiz/bank``, loaded by the real loader, the
案例分析 items of ``data/quiz/bank/cases.json`` included since the engine loads the ``case`` type)
reaches 500 questions; every curriculum concept has at least 6 questions in at least 3 types; at least 60
名词解释 items; ids unique across bank and cases; both languages non-empty in every case field.
The new files (``terms.json``, ``applied.json``, ``cases.json``) also keep the paper's option
counts (single 4, multiple 5), show no internal source code S0–S4 to the learner, and copy no
20-character run from the course documents in ``../shared/seeds`` (compared on letters and digits
only, so punctuation and spacing do not hide a copy; a run of digits alone — a table of figures
such as the seed's step reliabilities — is data, not a sentence; the check is skipped when the
shared folder is absent).

Oracles: ``data/curriculum.json`` and the seed texts read directly; the counts of the issue.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from servicelab.quiz import load_bank

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
BANK_DIR = DATA / "quiz" / "bank"
CASES_FILE = BANK_DIR / "cases.json"
SEEDS = ROOT.parent / "shared" / "seeds"
NEW_FILES = [BANK_DIR / "terms.json", BANK_DIR / "applied.json", CASES_FILE]
CURRICULUM = json.loads((DATA / "curriculum.json").read_text(encoding="utf-8"))
CONCEPTS = {c["id"]: c["notebook"] for c in CURRICULUM["concepts"]}
CODE = re.compile(r"\bS[0-4]\b")
RUN = 20
INTERNAL = {"id", "source", "type", "concepts", "chapter", "notebook", "section", "answer", "key",
            "difficulty", "marks", "exam_tags"}


def _read(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def _cases() -> list[dict]:
    return _read(CASES_FILE)


def _learner_strings(node, path=()):
    """Every learner-facing string of an item with its key path (internal fields skipped)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in INTERNAL:
                yield from _learner_strings(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _learner_strings(value, (*path, i))
    elif isinstance(node, str):
        yield path, node


def _letters(text: str) -> str:
    """Letters and digits only: whitespace and punctuation (half- or full-width) dropped."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


@pytest.fixture(scope="module")
def bank():
    return load_bank()


@pytest.fixture(scope="module")
def cases():
    return _cases()


def test_new_files_exist_and_are_the_ones_checked():
    names = {p.name for p in NEW_FILES}
    assert {"terms.json", "applied.json", "cases.json"} <= names
    assert all(p.exists() for p in NEW_FILES)


def test_at_least_500_questions_with_cases(bank, cases):
    assert len(cases) >= 20, len(cases)
    assert {q.id for q in bank.by_type("case")} == {c["id"] for c in cases}  # every case is loaded
    assert len(bank) >= 500, len(bank)


def test_every_concept_has_six_questions_in_three_types(bank):
    types = defaultdict(list)
    for q in bank:
        for c in set(q.concepts):
            types[c].append(q.type)
    thin = {c: dict(Counter(types[c])) for c in CONCEPTS if len(types[c]) < 6 or len(set(types[c])) < 3}
    assert not thin, f"concepts below 6 questions or 3 types: {thin}"


def test_at_least_60_term_items_with_distinct_terms(bank):
    terms = [q for q in bank if q.type == "term"]
    assert len(terms) >= 60, len(terms)
    prompts = Counter(q.prompt.zh for q in terms)
    assert not [p for p, n in prompts.items() if n > 1], "the same 名词解释 asked twice"


def test_terms_the_issue_names_are_asked(bank):
    asked = " ".join(q.prompt.zh for q in bank if q.type == "term")
    for word in ("客户满意度", "PDCA 循环", "服务补救", "服务蓝图", "服务价值链", "差距模型", "战略客户",
                 "超重量级客户", "内部客户", "神秘顾客", "技术准备指数", "SERVQUAL", "期望服务", "功能质量",
                 "技术质量"):
        assert word in asked, word


def test_ids_unique_across_bank_files():
    ids = [q["id"] for p in sorted(BANK_DIR.glob("*.json")) for q in _read(p)]
    dup = [i for i, n in Counter(ids).items() if n > 1]
    assert not dup, dup


@pytest.mark.parametrize("path", NEW_FILES[:2], ids=lambda p: p.name)
def test_new_choice_items_have_four_or_five_options(path):
    bad = []
    for q in _read(path):
        n = len(q.get("options", ()))
        if (q["type"] == "single" and n != 4) or (q["type"] == "multiple" and n != 5):
            bad.append((q["id"], q["type"], n))
        assert q["type"] not in {"true_false", "numeric"}, q["id"]
    assert not bad, bad


@pytest.mark.parametrize("path", NEW_FILES[:2], ids=lambda p: p.name)
def test_new_chinese_options_carry_no_english_gloss(path):
    glossed = [(q["id"], o["zh"]) for q in _read(path) for o in q.get("options", ())
               if re.search(r"[（(][A-Za-zÀ-ÿ][A-Za-zÀ-ÿ .'-]*[）)]", o["zh"])]
    assert not glossed, glossed


def test_case_items_follow_the_agreed_format(cases):
    for c in cases:
        assert c["type"] == "case" and c["id"].startswith(f"Q-{c['concepts'][0]}-case-"), c["id"]
        assert all(k in CONCEPTS for k in c["concepts"]), c["id"]
        assert c["notebook"] == CONCEPTS[c["concepts"][0]] and c["chapter"] == c["notebook"][:2], c["id"]
        assert c["section"] and c["source"] and c["difficulty"] in (1, 2, 3), c["id"]
        assert len(c["scenario"]["zh"].split("\n\n")) >= 2, c["id"]
        assert 2 <= len(c["parts"]) <= 4, c["id"]
        for part in c["parts"]:
            assert isinstance(part["marks"], int) and part["marks"] > 0, c["id"]
            assert 2 <= len(part["key_points"]) <= 6, c["id"]
        assert sum(p["marks"] for p in c["parts"]) in (10, 15), c["id"]


@pytest.mark.parametrize("path", NEW_FILES, ids=lambda p: p.name)
def test_both_languages_in_every_field(path):
    for item in _read(path):
        texts = [item["prompt"], item["explanation"], *item.get("options", ()), *item.get("key_points", ())]
        if item["type"] == "case":
            texts.append(item["scenario"])
            for part in item["parts"]:
                texts += [part["prompt"], *part["key_points"]]
        for t in texts:
            assert t["zh"].strip() and t["en"].strip(), item["id"]


@pytest.mark.parametrize("path", NEW_FILES, ids=lambda p: p.name)
def test_no_source_code_shown_to_learners(path):
    hits = [(item["id"], "/".join(map(str, p))) for item in _read(path)
            for p, s in _learner_strings(item) if CODE.search(s)]
    assert not hits, hits[:10]


def test_run_check_catches_a_copied_seed_sentence():
    seed = "客户服务特性是通过以下两方面体现的：程序特性"
    grams = {_letters(seed)[i:i + RUN] for i in range(len(_letters(seed)) - RUN + 1)}
    copied = "按课程：" + seed.replace("：", "，") + "。"
    assert any(_letters(copied)[i:i + RUN] in grams for i in range(len(_letters(copied)) - RUN + 1))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
@pytest.mark.parametrize("path", NEW_FILES, ids=lambda p: p.name)
def test_no_twenty_character_run_copied_from_the_seeds(path):
    seed_text = _letters("".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))))
    grams = {seed_text[i:i + RUN] for i in range(len(seed_text) - RUN + 1)}
    hits = []
    for item in _read(path):
        for p, s in _learner_strings(item):
            flat = _letters(s)
            for i in range(len(flat) - RUN + 1):
                if flat[i:i + RUN] in grams and not flat[i:i + RUN].isdigit():
                    hits.append((item["id"], "/".join(map(str, p)), flat[i:i + RUN]))
                    break
    assert not hits, hits[:10]
