"""Notebook 12 says honestly which part of the 10421 syllabus the course documents cover (issue 8 §2).

Oracles: the names of the five documents come from ``data/quiz/sources.json`` (the names a student
knows them by), the topics the papers ask beyond them from ``data/quiz/README.md`` ("The 10421 paper
(what was confirmed)").
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
NB = ROOT / "notebooks" / "12_exam_prep.ipynb"


def _syllabus_cell() -> str:
    cells = [c.source for c in nbformat.read(NB, as_version=4).cells if c.cell_type == "markdown"]
    hits = [c for c in cells if "10421" in c and "一部分" in c and "part of the syllabus" in c]
    assert len(hits) == 1, "notebook 12 needs one markdown cell on what part of the 10421 syllabus is covered"
    return hits[0]


def test_names_every_course_document_in_both_languages():
    text = _syllabus_cell()
    sources = {k: v for k, v in json.loads((ROOT / "data" / "quiz" / "sources.json").read_text("utf-8")).items()
               if re.fullmatch(r"S[0-4]", k)}
    assert len(sources) == 5
    for code, name in sources.items():
        assert name["zh"] in text, f"{code}: {name['zh']} not named"
        title = re.search(r"“(.+)”", name["en"]).group(1)
        assert title in text, f"{code}: {title} not named"
    assert not re.search(r"\bS[0-4]\b", text)


def test_says_what_the_papers_ask_beyond_the_documents():
    readme = (ROOT / "data" / "quiz" / "README.md").read_text("utf-8")
    section = readme.split("## The 10421 paper (what was confirmed)", 1)[1]
    assert "健谈型" in section and "3A" in section  # the README lists them; the notebook must too
    text = _syllabus_cell()
    for topic in ("健谈型", "3A", "核心客户资料卡", "talkative", "3A rule", "core-customer record card"):
        assert topic in text, topic
