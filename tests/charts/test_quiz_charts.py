"""Tests for servicelab.charts.quiz: the mastery-by-chapter bar chart.

The input frame is written by hand in the shape of ``Dashboard.by_chapter``; the assertions read
the chart's Vega-Lite spec (``to_dict``), so they check what the learner will see, and the live
form (:data:`MASTERY`), whose spec must not depend on the data.
"""
from __future__ import annotations

import math

import pandas as pd
import pytest

from servicelab.charts.quiz import MASTERY, chapter_label, mastery_chart

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
    # the order travels with the rows (the spec is built once per language), the axis sorts by it
    assert spec["encoding"]["y"]["sort"] == {"field": "order", "op": "min"}
    assert [(r["order"], r["label"]) for r in rows] == [(0, "01 · 服务时代与服务类型"), (1, "02 · 客户与客户分层"), (2, "05 · SERVQUAL")]


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


def test_spec_does_not_depend_on_the_data():
    other = BY_CHAPTER.assign(mastery=[1.0, 0.5, 0.0]).iloc[:2]
    a = mastery_chart(BY_CHAPTER, "en", chapter_titles=TITLES).to_dict()
    b = mastery_chart(other, "en", chapter_titles=None).to_dict()
    assert a.pop("datasets") != b.pop("datasets")
    assert a == b  # only the rows differ: a live chart can update in place


def test_live_chart_sends_the_rows_and_updates_them():
    widget = MASTERY.live((BY_CHAPTER, TITLES), "en")
    assert list(widget.datasets) == ["quiz_mastery"]
    assert [r["mastery"] for r in widget.datasets["quiz_mastery"]] == [0.25, 0.0, 0.75]
    assert widget.datasets["quiz_mastery"][1]["accuracy"] is None  # NaN is sent as null
    spec = widget.spec
    MASTERY.update(widget, (BY_CHAPTER.assign(mastery=[1.0, 1.0, 1.0]), TITLES), "en")
    assert [r["mastery"] for r in widget.datasets["quiz_mastery"]] == [1.0, 1.0, 1.0]
    assert widget.spec == spec
