"""Tests for servicelab.charts.quiz: the mastery-by-chapter bar chart.

The input frame is written by hand in the shape of ``Dashboard.by_chapter``; the assertions read
the chart's Vega-Lite spec (``to_dict``), so they check what the learner will see.
"""
from __future__ import annotations

import math

import pandas as pd
import pytest

from servicelab.charts.quiz import chapter_label, mastery_chart

BY_CHAPTER = pd.DataFrame({
    "chapter": ["01", "02", "05"],
    "n_questions": [4, 10, 8],
    "n_answered": [2, 0, 8],
    "accuracy": [0.5, math.nan, 0.75],
    "mastery": [0.25, 0.0, 0.75],  # (0.5 · 2) / 4, nothing answered, (0.75 · 8) / 8
    "coverage": [0.5, 0.0, 1.0],
})
TITLES = {"01": "服务时代与服务类型", "02": "客户与客户分层", "05": "SERVQUAL"}


def _spec(lang="zh", titles=TITLES):
    spec = mastery_chart(BY_CHAPTER, lang, chapter_titles=titles).to_dict()
    rows = next(iter(spec["datasets"].values()))
    return spec, rows


def test_one_bar_per_chapter_with_its_mastery():
    spec, rows = _spec()
    assert [r["chapter"] for r in rows] == ["01", "02", "05"]
    assert [r["mastery"] for r in rows] == [0.25, 0.0, 0.75]
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["field"] == "mastery"


def test_axis_is_fixed_to_zero_one_and_chapters_keep_their_order():
    spec, rows = _spec()
    assert spec["encoding"]["x"]["scale"]["domain"] == [0, 1]
    assert spec["encoding"]["y"]["sort"] == ["01 · 服务时代与服务类型", "02 · 客户与客户分层", "05 · SERVQUAL"]
    assert rows[0]["label"] == "01 · 服务时代与服务类型"


def test_unanswered_chapter_accuracy_is_missing_not_zero():
    _, rows = _spec()
    acc = rows[1]["accuracy"]
    assert acc is None or (isinstance(acc, float) and math.isnan(acc))


@pytest.mark.parametrize("lang, title, axis", [("zh", "各章掌握度", "掌握度"), ("en", "Mastery by chapter", "Mastery")])
def test_titles_follow_the_language(lang, title, axis):
    spec, _ = _spec(lang)
    assert spec["title"] == title
    assert spec["encoding"]["x"]["title"] == axis
    tips = [tip["title"] for tip in spec["encoding"]["tooltip"]]
    assert len(tips) == 6 and axis in tips


def test_labels_without_titles_are_chapter_numbers():
    _, rows = _spec(titles=None)
    assert [r["label"] for r in rows] == ["01", "02", "05"]
    assert chapter_label("03", {"05": "x"}) == "03"
