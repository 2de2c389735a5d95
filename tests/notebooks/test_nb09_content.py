"""What notebook 09 teaches (issue 11, 09_complaints_recovery; CHAPTER_CHECKLIST items 1–7).

Oracles: the question bank's section strings for notebook 09 (typed here), the course map's facts
(C3.4 … C5.21: the five employee examples, the channel counts, 4 549 vs about 4 650, the 3.48 %
misprint, 50 / 43 / 7 %, the three keys), de Matos et al. (2007)'s findings, and the exercise file
read with the json module.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
NB = nbformat.read(ROOT / "notebooks" / "09_complaints_recovery.ipynb", as_version=4)
MD = [c.source for c in NB.cells if c.cell_type == "markdown"]
TEXT = "\n\n".join(MD)
CODE = [c for c in NB.cells if c.cell_type == "code"]
HEADINGS = [line for s in MD for line in s.splitlines() if line.startswith("## ")]
SECTIONS = ["客户流失的三个原因 · Three causes of customer churn (C3.4)",
            "不满意顾客的反应 · How dissatisfied customers respond (C5.16)",
            "投诉渠道调查 · Complaint channels survey (C5.17)",
            "投诉原因分析（帕累托） · Complaint causes: a Pareto analysis (C5.18)",
            "服务失误的归因 · Attributing service failure (C5.19)",
            "服务补救 · Service recovery (C5.20)",
            "创造感动的情景讨论 · Delight scenarios for discussion (C5.21)"]


def _plain(cell) -> str:
    return "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)


def test_concept_headings_in_course_order_then_the_closing_sections():
    at = [HEADINGS.index(f"## {s}") for s in SECTIONS]
    assert at == sorted(at)
    tail = [next(i for i, h in enumerate(HEADINGS) if k in h) for k in ("易错点", "检查一下", "要点回顾", "参考文献")]
    assert at[-1] < tail[0] < tail[1] < tail[2] < tail[3]


def test_every_exercise_of_the_file_is_used_and_sorts_as_the_brief_asks():
    data = json.loads((ROOT / "data" / "exercises" / "09_complaints_recovery.json").read_text(encoding="utf-8"))
    ids = [e["id"] for e in data["exercises"]]
    calls = re.findall(r'ExercisePanel\("([^"]+)", LANG, show_answer=SHOW_ANSWERS\)', "\n".join(c.source for c in CODE))
    assert sorted(calls) == sorted(ids)
    kinds = {e["id"]: e for e in data["exercises"]}
    assert kinds["ex09-churn-causes"]["kind"] == kinds["ex09-dissatisfied-responses"]["kind"] == "sort"
    assert [g["id"] for g in kinds["ex09-churn-causes"]["groups"]] == ["value", "system", "employees"]
    assert sum(i["group"] == "employees" for i in kinds["ex09-churn-causes"]["items"]) == 5  # the five examples
    responses = kinds["ex09-dissatisfied-responses"]
    assert {g["id"] for g in responses["groups"]} == {"no_action", "public", "private"}


def test_attribution_exercise_agrees_with_the_seed_categories():
    # seed S1's category row, typed here: cause 1 … 30
    seed = [1, 2, 1, 1, 2, 2, 2, 2, 3, 1, 2, 4, 1, 2, 2, 2, 2, 1, 2, 4, 2, 1, 4, 1, 2, 2, 1, 2, 2, 1]
    data = json.loads((ROOT / "data" / "exercises" / "09_complaints_recovery.json").read_text(encoding="utf-8"))
    ex = next(e for e in data["exercises"] if e["id"] == "ex09-attribution-categories")
    for item in ex["items"]:
        cause = int(item["id"].removeprefix("cause"))
        assert item["group"] == f"category{seed[cause - 1]}", item["id"]


def test_course_facts_are_taught():
    for fact in ("因价值而流失", "因系统而流失", "因员工而流失", "粗鲁的服务态度", "忽略客户的存在", "没有问候或微笑",
                 "公开行动", "私人行动", "抵制销售商或制造商", "告诫亲友", "采取法律行动", "向公众机构投诉",
                 "1 582", "1 325", "916", "416", "310", "4 549", "4 650", "3.48 %", "3.38 %",
                 "50 %、43 %、7 %", "及时", "授权", "补偿", "补救系统的建立", "员工的应对技能",
                 "尽快如实告知", "减少客户的损失", "培训与解释",
                 "银行", "4S 店", "和谐社区", "春节", "Day 和 Landon（1977）"):
        assert fact in TEXT, fact


def test_the_meta_analysis_is_reported_as_published():
    section = TEXT[TEXT.index("### 服务补救悖论"):]
    para = next(p for p in section.split("\n\n") if "de Matos, Henrique and Rossi (2007)" in p)
    assert "significantly positive on **satisfaction**" in para and "**not significant** on **repurchase intention**" in para
    assert "de Matos、Henrique 和 Rossi（2007）" in section and "不显著" in section


def test_checked_cells_carry_the_key_numbers():
    channels = next(c for c in CODE if "channel_survey_check(" in c.source)
    assert "NBVAL_CHECK_OUTPUT" in channels.source
    out = _plain(channels)
    assert "4,549" in out and "4,641" in out and "4,657" in out and "4,652.9" in out and "4,649.1" in out
    pareto = next(c for c in CODE if "cause_pareto(" in c.source)
    out = _plain(pareto)
    assert "NBVAL_CHECK_OUTPUT" in pareto.source and "0.8108" in out and "3.48 %" in out and "3.38 %" in out
    shares = next(c for c in CODE if "category_shares(" in c.source)
    out = _plain(shares)
    assert "0.5068" in out and "0.4257" in out and "6.76 %" in out
    rec = next(c for c in CODE if "compare_recoveries(" in c.source)
    assert "76.0" in _plain(rec) and "NBVAL_CHECK_OUTPUT" in rec.source


def test_the_recovery_illustration_is_labelled_next_to_its_panel_in_both_languages():
    i = next(k for k, c in enumerate(NB.cells) if c.cell_type == "code" and "RecoveryPanel(LANG" in c.source)
    before = NB.cells[i - 1].source
    assert "教学示意" in before and "A teaching illustration" in before and "本项目为教学设计" in before


def test_a_try_this_follows_every_panel():
    for i, c in enumerate(NB.cells):
        if c.cell_type == "code" and re.search(r"\b(Pareto|Recovery)Panel\(LANG", c.source):
            md = next(x.source for x in NB.cells[i + 1:] if x.cell_type == "markdown")
            assert "**试一试 · Try this**" in md, c.source


def test_presets_in_the_parameters_cell_reach_the_panels():
    params = next(c.source for c in CODE if "parameters" in c.metadata.get("tags", []))
    every = "\n".join(c.source for c in CODE)
    for name, call in (("PARETO_PRESET", "ParetoPanel"), ("RECOVERY_PRESET", "RecoveryPanel")):
        assert re.search(rf"^{name} = None", params, re.M), name
        assert f"{call}(LANG, preset={name})" in every
    assert re.search(r"^SHOW_ANSWERS = False", params, re.M)


def test_check_yourself_covers_every_concept_of_the_chapter():
    cur = json.loads((ROOT / "data" / "curriculum.json").read_text(encoding="utf-8"))
    mine = {c["id"] for c in cur["concepts"] if c.get("notebook") == "09_complaints_recovery"}
    call = next(c.source for c in CODE if "CheckYourself(" in c.source)
    assert set(re.findall(r'"(C\d\.\d+)"', call)) == mine
