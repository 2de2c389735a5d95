"""What notebook 03 teaches (issue 9, 03_what_is_service; CHAPTER_CHECKLIST items 1–7).

Oracles: the course map (C4.3 … C5.4, typed here: the ten continuum examples in the course's order,
Dunning's third stage, the four characteristics and their remedies), Carlzon's SAS figures as
issue 9 states them, and the exercise file read with the json module (not through the loader).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
NB = nbformat.read(ROOT / "notebooks" / "03_what_is_service.ipynb", as_version=4)
MD = [c.source for c in NB.cells if c.cell_type == "markdown"]
TEXT = "\n\n".join(MD)
CODE = [c for c in NB.cells if c.cell_type == "code"]
HEADINGS = [line for s in MD for line in s.splitlines() if line.startswith("## ")]

# the question bank's section strings (data/quiz/bank, notebook 03), in the course's order
SECTIONS = ["服务的定义 · Definition of service (C4.3)", "产品是传递服务的载体 · A product is a vehicle for service (C2.1)",
            "服务的产生 · The emergence of service (C4.4)", "服务的四个特性 · The four characteristics of services (C4.5)",
            "服务接触 · The service encounter (C4.8)", "产品—服务连续体 · The goods–services continuum (C5.4)"]


def test_concept_headings_in_course_order_then_the_closing_sections():
    at = [next(i for i, h in enumerate(HEADINGS) if h == f"## {s}") for s in SECTIONS]
    assert at == sorted(at)
    tail = [next(i for i, h in enumerate(HEADINGS) if k in h) for k in ("易错点", "检查一下", "要点回顾", "参考文献")]
    assert at[-1] < tail[0] < tail[1] < tail[2] < tail[3]


def test_every_exercise_of_the_file_is_used_with_the_contract_call():
    data = json.loads((ROOT / "data" / "exercises" / "03_what_is_service.json").read_text(encoding="utf-8"))
    ids = [e["id"] for e in data["exercises"]]
    calls = re.findall(r'ExercisePanel\("([^"]+)", LANG\)', "\n".join(c.source for c in CODE))
    assert sorted(calls) == sorted(ids) and len(ids) == 5
    kinds = {e["id"]: (e["kind"], len(e.get("columns", []))) for e in data["exercises"]}
    assert kinds["ex03-four-characteristics"] == ("match", 3)  # characteristic → consequence → remedy
    assert kinds["ex03-continuum"][0] == kinds["ex03-dunning-stages"][0] == "order"


def test_continuum_order_in_the_text_and_the_exercise_is_the_courses():
    zh = ["软饮料", "洗涤剂", "汽车", "化妆品", "快餐店", "航空公司", "咨询", "广告代理", "投资管理", "教学"]
    section = TEXT[TEXT.index("## " + SECTIONS[-1]):]
    line = next(p for p in section.split("\n\n") if "软饮料、洗涤剂" in p)
    assert [line.index(x) for x in zh] == sorted(line.index(x) for x in zh)
    data = json.loads((ROOT / "data" / "exercises" / "03_what_is_service.json").read_text(encoding="utf-8"))
    steps = next(e for e in data["exercises"] if e["id"] == "ex03-continuum")["steps"]
    assert [s["label"]["zh"] for s in steps] == zh


def test_course_facts_are_taught():
    for fact in ("以知识或金融为基础的服务经济时代", "哪里有交换，哪里就有客户服务", "生产 → 分配 → 交换 → 消费",
                 "利用有形线索", "顾客定制化；标准化", "公共接触人员的甄选和培训；顾客管理",
                 "创新定价；预订系统；开发非高峰需求；利用兼职员工；利用第三方", "**狭义**", "**广义**",
                 "1 000 万", "5 000 万", "10 million", "50 million", "service economy built on **knowledge or finance**"):
        assert fact in TEXT, fact


def test_carlzon_numbers_are_a_checked_cell():
    cell = next(c for c in CODE if "moments_of_truth(" in c.source)
    assert "NBVAL_CHECK_OUTPUT" in cell.source and "10_000_000" in cell.source
    plain = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
    assert "50,000,000" in plain and "750,000,000" in plain


def test_the_illustration_is_labelled_next_to_its_panel_in_both_languages():
    i = next(k for k, c in enumerate(NB.cells) if c.cell_type == "code" and "HeterogeneityPanel(LANG" in c.source)
    before = NB.cells[i - 1].source
    assert "教学示意" in before and "Teaching illustration" in before


def test_a_try_this_follows_every_panel():
    for i, c in enumerate(NB.cells):
        if c.cell_type == "code" and re.search(r"\b(Journey|Heterogeneity|Capacity|Queue)Panel\(LANG", c.source):
            md = next(x.source for x in NB.cells[i + 1:] if x.cell_type == "markdown")
            assert "**试一试 · Try this**" in md, c.source


def test_presets_in_the_parameters_cell_reach_the_panels():
    params = next(c.source for c in CODE if "parameters" in c.metadata.get("tags", []))
    every = "\n".join(c.source for c in CODE)
    for name, call in (("JOURNEY_PRESET", "JourneyPanel"), ("HETEROGENEITY_PRESET", "HeterogeneityPanel"),
                       ("CAPACITY_PRESET", "CapacityPanel"), ("QUEUE_PRESET", "QueuePanel")):
        assert re.search(rf"^{name} = None", params, re.M), name
        assert f"{call}(LANG, preset={name})" in every


def test_perishability_panels_sit_in_the_characteristics_section_tagged_q03():
    start = next(i for i, c in enumerate(NB.cells) if c.cell_type == "markdown" and SECTIONS[3] in c.source)
    end = next(i for i, c in enumerate(NB.cells) if c.cell_type == "markdown" and SECTIONS[4] in c.source)
    sub = next(i for i, c in enumerate(NB.cells) if c.cell_type == "markdown"
               and "### 不可储存性：让能力匹配需求 · Perishability: matching capacity to demand" in c.source)
    assert start < sub < end
    tagged = [i for i, c in enumerate(NB.cells) if "q03" in c.metadata.get("tags", [])]
    assert all(sub < i < end for i in tagged)
    assert {"CapacityPanel", "QueuePanel"} <= {m for i in tagged for m in re.findall(r"(\w+Panel)\(LANG", NB.cells[i].source)}


def test_listed_references_are_cited_in_the_text():
    body, refs = TEXT.split("## 参考文献 · References", 1)
    listed = re.findall(r"^- ([A-Z][A-Za-z]+)\b.*?\((\d{4})\)", refs, re.M)
    assert len(listed) >= 8
    paragraphs = body.split("\n\n")
    for surname, year in listed:
        assert any(surname in p and year in p for p in paragraphs), (surname, year)
