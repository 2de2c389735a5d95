"""Past-paper tags (issue 8 section 3): the tag rule, siblings, the practice filter, preview scope."""
from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path

import pytest

from servicelab.quiz import ExamTag, load_bank, matches_exam_tag, practice_set, written_notebooks
from servicelab.quiz import exam_tag_label as tag_label

BANK_DIR = Path(__file__).resolve().parents[2] / "data" / "quiz" / "bank"


def test_tags_are_structured_in_the_files():
    """Every stored tag names a sitting and the type asked (no display strings to drift)."""
    n = 0
    for path in BANK_DIR.glob("*.json"):
        for item in json.loads(path.read_text(encoding="utf-8")):
            for tag in item.get("exam_tags", ()):
                assert set(tag) == {"sitting", "type"}, (item["id"], tag)
                n += 1
    assert n >= 40


def test_tag_rule_real_paper_label_only_on_its_type():
    bank = load_bank()
    tagged = [q for q in bank if q.exam_tags]
    assert tagged
    for q in tagged:
        for tag in q.exam_tags:
            label = tag_label(q, tag, "zh")
            if tag.type == q.type:
                assert not label.startswith("考点："), (q.id, label)
            else:
                assert label.startswith("考点："), (q.id, label)
    # the review's example: the 2015.1 essay on the five satisfaction indicators (C3.10)
    essay = bank["Q-C3.10-essay-01"]
    single = bank["Q-C3.10-single-01"]
    assert tag_label(essay, ExamTag("2015.1", "essay")) == "2015.1 论述"
    assert ExamTag("2015.1", "essay") in single.exam_tags
    assert tag_label(single, ExamTag("2015.1", "essay")) == "考点：2015.1 论述"


def test_siblings_of_a_point_carry_the_same_tags():
    bank = load_bank()
    by_point = defaultdict(set)
    for q in bank:
        by_point[q.concept].add(frozenset(q.exam_tags))
    uneven = {c: s for c, s in by_point.items() if len(s) > 1}
    assert not uneven, uneven


def test_practice_filter_by_past_paper():
    bank = load_bank()
    anyp = practice_set(bank, random.Random(0), exam_tag="any", n=None)
    assert anyp and all(q.exam_tags for q in anyp)
    assert {q.id for q in anyp} == {q.id for q in bank if q.exam_tags}
    exact = practice_set(bank, random.Random(0), exam_tag="exact", n=None)
    assert exact and all(any(t.type == q.type for t in q.exam_tags) for q in exact)
    assert len(exact) < len(anyp)
    y2013 = practice_set(bank, random.Random(0), exam_tag="2013", n=None)
    assert y2013 and all(any(t.sitting.startswith("2013.") for t in q.exam_tags) for q in y2013)
    assert not any(q.id in {x.id for x in y2013} for q in bank if not q.exam_tags)
    with pytest.raises(Exception):
        practice_set(bank, random.Random(0), exam_tag="1999", n=None)


def test_matches_exam_tag_by_sitting():
    bank = load_bank()
    q = bank["Q-C3.7-single-01"]
    assert matches_exam_tag(q, "2015.1") and matches_exam_tag(q, "2017") and not matches_exam_tag(q, "2013")


def test_preview_questions_are_not_in_the_taught_bank():
    bank = load_bank()
    # every chapter is written now: leave one out, as if it were still planned
    planned = "08_satisfaction_loyalty"
    written = frozenset(written_notebooks()) - {planned}
    taught, preview = bank.taught(written), bank.preview(written)
    assert len(taught) + len(preview) == len(bank)
    assert taught and preview
    assert all(q.notebook in written for q in taught)
    assert all(q.notebook not in written for q in preview)
    assert planned not in {q.notebook for q in taught} and planned in {q.notebook for q in preview}
