"""Learner-facing text never shows the internal source codes S0–S4 (issue 8, defect 5.1).

The codes are the project's shorthand for the course documents (``../shared/COURSE_MAP.md``
key); a learner knows those documents by their names (课程讲义《用服务创造客户感动》…), which
``data/quiz/sources.json`` lists. Only the internal fields ``source`` (bank, cards) and ``seed``
(curriculum) may hold a code. Oracle: the regular expression of the issue, ``\\bS[0-4]\\b``, applied
to the raw files (not to anything the loader produces).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CODE = re.compile(r"\bS[0-4]\b")
INTERNAL_KEYS = {"id", "source", "seed"}
# data files that are not learner-facing text: the JSON schema, and the code → name table itself
NOT_TEXT = {DATA / "quiz" / "schema.json", DATA / "quiz" / "sources.json"}
JSON_FILES = sorted(p for p in DATA.rglob("*.json") if p not in NOT_TEXT)
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _strings(node, path=()):
    """Every string in a JSON document with its key path, skipping the internal fields."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in INTERNAL_KEYS:
                yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, (*path, i))
    elif isinstance(node, str):
        yield path, node


def _hits_in_json(path: Path) -> list[str]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [f"{'/'.join(map(str, p))}: {s[:80]}" for p, s in _strings(doc) if CODE.search(s)]


def test_the_scan_sees_the_bank_cards_and_i18n():
    names = {p.relative_to(DATA).as_posix() for p in JSON_FILES}
    assert "quiz/cards.json" in names and "curriculum.json" in names
    assert any(n.startswith("quiz/bank/") for n in names) and any(n.startswith("i18n/") for n in names)


def test_pattern_catches_a_code_and_spares_ordinary_text():
    assert CODE.search("S1 所说的三要素") and CODE.search("as S3 shows") and CODE.search("（S0）")
    assert not CODE.search("S5 SERVQUAL S10 BS1 S1x 2S1")


@pytest.mark.parametrize("path", JSON_FILES, ids=lambda p: p.relative_to(DATA).as_posix())
def test_no_source_code_in_learner_facing_data(path):
    hits = _hits_in_json(path)
    assert not hits, f"{path.relative_to(ROOT)} shows internal source codes: {hits[:5]} ({len(hits)} in all)"


def test_every_code_used_internally_has_a_learner_name():
    names = json.loads((DATA / "quiz" / "sources.json").read_text(encoding="utf-8"))
    used = set()
    for path in JSON_FILES:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'"(?:source|seed)": "(S[0-4])"', text))
    assert used and used <= set(names)
    for code in used:
        assert names[code]["zh"] and names[code]["en"] and not CODE.search(names[code]["zh"] + names[code]["en"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_source_code_in_notebook_markdown(path):
    cells = nbformat.read(path, as_version=4).cells
    hits = [f"cell {i}: {CODE.search(c.source).group(0)}" for i, c in enumerate(cells)
            if c.cell_type == "markdown" and CODE.search(c.source)]
    assert not hits, f"{path.name} markdown shows internal source codes: {hits}"
