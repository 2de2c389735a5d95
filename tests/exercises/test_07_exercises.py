"""Chapter 07's exercises (data/exercises/07_service_process.json) load, check and cover the chapter.

Oracles: the right answers read from the JSON file itself with the json module (not through the
loader), the course map (C5.1 lanes, C5.2 parties and roles, C5.14 the ten steps of
data/process/express_steps.csv, C2.5 the escalation sequence of seed S2).
"""
from __future__ import annotations

import csv
import json

import pytest

from servicelab.exercises import check_answer, get_exercise, load_exercises
from servicelab.paths import data_path

RAW = {e["id"]: e for e in json.loads(data_path("exercises", "07_service_process.json").read_text(encoding="utf-8"))["exercises"]}


def _right(raw):
    if raw["kind"] == "sort":
        return {i["id"]: i["group"] for i in raw["items"]}
    if raw["kind"] == "order":
        return [s["id"] for s in raw["steps"]]
    other = [c["id"] for c in raw["columns"][1:]]
    return {r["id"]: {c: r["id"] for c in other} for r in raw["rows"]}


def test_the_chapter_has_its_exercises_and_concepts():
    ids = [e.id for e in load_exercises("07_service_process")]
    assert ids == list(RAW)
    concepts = {c for e in RAW.values() for c in e["concepts"]}
    assert {"C5.1", "C5.2", "C5.14", "C2.5"} <= concepts


@pytest.mark.parametrize("exercise_id", list(RAW))
def test_right_answers_score_full_and_a_swap_is_caught(exercise_id):
    ex = get_exercise(exercise_id)
    raw = RAW[exercise_id]
    right = _right(raw)
    result = check_answer(ex, right)
    assert result.all_correct and result.right == result.total
    if raw["kind"] == "order":
        wrong = right[:]
        wrong[0], wrong[1] = wrong[1], wrong[0]
        assert check_answer(ex, wrong).right == result.total - 2
    elif raw["kind"] == "sort":
        first = raw["items"][0]
        other_group = next(g["id"] for g in raw["groups"] if g["id"] != first["group"])
        assert check_answer(ex, {**right, first["id"]: other_group}).right == result.total - 1
    else:
        r1, r2 = raw["rows"][0]["id"], raw["rows"][1]["id"]
        col = raw["columns"][1]["id"]
        wrong = {k: dict(v) for k, v in right.items()}
        wrong[r1][col], wrong[r2][col] = r2, r1
        assert check_answer(ex, wrong).right == result.total - 2


def test_order_of_the_express_steps_is_the_course_table():
    with open(data_path("process", "express_steps.csv"), encoding="utf-8") as fh:
        names = [r["name_zh"] for r in csv.DictReader(fh)]
    assert [s["label"]["zh"] for s in RAW["ex07-express-steps"]["steps"]] == names


def test_three_parties_follow_the_course():
    items = {i["label"]["zh"]: i["group"] for i in RAW["ex07-three-parties"]["items"]}
    assert items["提高效率"] == items["规范的服务流程"] == items["统一的服务标准"] == "firm"  # 效率、流程、标准
    assert items["让顾客按流程办事"] == "staff" and items["解决自己的问题"] == "customer"


def test_roles_are_the_four_of_the_course():
    roles = [r["cells"]["role"]["zh"] for r in RAW["ex07-employee-roles"]["rows"]]
    assert roles == ["角色清晰", "角色冲突", "角色匹配", "角色过重"]


def test_escalation_flow_escalates_before_the_front_office_reports_progress():
    steps = [s["label"]["zh"] for s in RAW["ex07-escalation-flow"]["steps"]]
    assert "超出规定的响应时限" in steps[2] and "自动升级" in steps[3] and "一站式" not in steps[4]
    assert steps[0].startswith("前台") and "主动告诉客户" in steps[4]
