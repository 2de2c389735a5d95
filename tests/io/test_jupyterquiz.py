"""Tests for servicelab.io.jupyterquiz: the bank in jupyterquiz's JSON question format.

The expected shape follows jupyterquiz's own schema files (mc_schema.json: "question", "type"
multiple_choice|many_choice, "answers" with "correct" required; num_schema.json: numeric answers
with "range" or "value", and a "default" entry), re-stated here as small checks.
"""
from __future__ import annotations

import json

import pytest

from servicelab.io.jupyterquiz import question_to_jupyterquiz, to_jupyterquiz, write_jupyterquiz
from servicelab.quiz import Bank, CasePart, Option, Question, Text


def _q(qid, qtype, **kw) -> Question:
    base = dict(id=qid, type=qtype, concepts=("C4.7",), chapter="05", difficulty=1,
                prompt=Text(f"中文题干 {qid}", f"English prompt {qid}"),
                explanation=Text("五个维度：有形性、可靠性、响应性、保证性、移情性。", "Five dimensions."),
                notebook="05_servqual")
    base.update(kw)
    return Question(**base)


OPTS = tuple(Option(k, Text(f"选项{k}", f"option {k}")) for k in "ABCD")
BANK = Bank([
    _q("Q-s", "single", options=OPTS, answer="C"),
    _q("Q-m", "multiple", options=OPTS, answer=("A", "D")),
    _q("Q-tf", "true_false", answer=False),
    _q("Q-n", "numeric", answer=0.765, tolerance=0.001, unit=Text("（小数）", "decimal")),
    _q("Q-e", "essay", key_points=(Text("要点", "point"),)),
    _q("Q-t", "term", key_points=(Text("要点", "point"),)),
])


def _valid_choice(d):
    assert set(d) == {"question", "type", "answers"}
    assert d["type"] in ("multiple_choice", "many_choice")
    for a in d["answers"]:
        assert isinstance(a["correct"], bool) and isinstance(a["answer"], str) and isinstance(a["feedback"], str)


def test_types_map_and_self_assessed_are_skipped():
    export = to_jupyterquiz(BANK, "en")
    assert export.skipped == ("Q-e", "Q-t")
    assert [d["type"] for d in export.questions] == ["multiple_choice", "many_choice", "multiple_choice", "numeric"]


def test_single_and_multiple_mark_the_right_options():
    single, multiple = to_jupyterquiz(BANK, "zh").questions[:2]
    _valid_choice(single)
    _valid_choice(multiple)
    assert [a["correct"] for a in single["answers"]] == [False, False, True, False]
    assert [a["correct"] for a in multiple["answers"]] == [True, False, False, True]
    assert single["answers"][2]["answer"] == "C. 选项C"
    assert single["question"] == "中文题干 Q-s"
    assert single["answers"][2]["feedback"].startswith("正确")
    assert "移情性" in single["answers"][0]["feedback"]


def test_true_false_has_two_answers_in_the_language():
    zh = question_to_jupyterquiz(BANK["Q-tf"], "zh")
    en = question_to_jupyterquiz(BANK["Q-tf"], "en")
    assert [(a["answer"], a["correct"]) for a in zh["answers"]] == [("对", False), ("错", True)]
    assert [(a["answer"], a["correct"]) for a in en["answers"]] == [("True", False), ("False", True)]


def test_numeric_range_is_answer_plus_minus_tolerance():
    d = question_to_jupyterquiz(BANK["Q-n"], "en")
    rng = d["answers"][0]
    assert rng["type"] == "range" and rng["correct"] is True
    assert rng["range"] == pytest.approx([0.764, 0.766])
    assert d["answers"][-1]["type"] == "default" and "feedback" in d["answers"][-1]
    assert "decimal" in d["question"]


def test_write_file_is_utf8_json(tmp_path):
    path = tmp_path / "quiz_zh.json"
    export = write_jupyterquiz(BANK, path, "zh")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == export.questions and len(data) == 4
    assert "中文题干" in path.read_text(encoding="utf-8")  # not \\u-escaped


def test_unknown_language_is_refused():
    with pytest.raises((KeyError, ValueError)):
        to_jupyterquiz(BANK, "fr")


def test_case_items_are_skipped_listed_and_named_in_the_note():
    case = _q("Q-c", "case", scenario=Text("案例。\n\n第二段。", "Case.\n\nTwo."),
              parts=(CasePart(Text("问", "Q"), 10, (Text("甲", "a"), Text("乙", "b"))),
                     CasePart(Text("问二", "Q2"), 5, (Text("丙", "c"), Text("丁", "d")))))
    export = to_jupyterquiz(Bank([*BANK, case]), "zh")
    assert export.skipped == ("Q-e", "Q-t", "Q-c") and len(export.questions) == 4
    assert question_to_jupyterquiz(case, "en") is None
    assert export.note("zh") == "未导出（jupyterquiz 不能评阅文字答案，请在笔记本 12 中练习）：论述题 1、名词解释 1、案例分析题 1。"
    assert "Case analysis 1" in to_jupyterquiz([case], "en").note("en")
    assert to_jupyterquiz(BANK.questions[:1], "en").note("en") == ""
