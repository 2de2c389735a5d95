"""Notebook 10 teaches what issue 12 (section 10) and the course map ask.

Oracles: the question bank's ``section`` strings for notebook 10 (read from data/quiz/bank here),
COURSE_MAP C3.2–C3.7, C5.12, C5.13, C2.6 and DOMAIN_NOTES (the eight PDCA steps in the textbook
form, the p-chart formula), read as text; the brief's rule that illustrations are labelled next to
their panel in both languages.
"""
from __future__ import annotations

import json
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
NB = ROOT / "notebooks" / "10_quality_management.ipynb"


def _cells():
    return nbformat.read(NB, as_version=4).cells


def _markdown() -> str:
    return "\n".join(c.source for c in _cells() if c.cell_type == "markdown")


def test_concept_headings_are_exactly_the_banks_sections_in_the_course_order():
    sections = set()
    for path in (ROOT / "data" / "quiz" / "bank").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for q in data if isinstance(data, list) else data.get("questions", []):
            if q.get("notebook") == "10_quality_management":
                sections.add(q["section"])
    heads = [line[3:] for c in _cells() if c.cell_type == "markdown" for line in c.source.splitlines()
             if line.startswith("## ")]
    assert sections and sections <= set(heads), sections - set(heads)
    order = ["(C3.2)", "(C3.3)", "(C3.5)", "(C3.6)", "(C3.7)", "(C5.12)", "(C5.13)", "(C2.6)", "易错点", "检查一下",
             "要点回顾", "参考文献"]
    idx = [next(i for i, h in enumerate(heads) if key in h) for key in order]
    assert idx == sorted(idx), heads


def test_exam_point_both_roles_rest_on_participation_and_continuous_improvement():
    text = _markdown()
    assert "都是在全员参与及服务过程持续改进的基础上实施的" in text
    assert "both roles **rest on everyone's participation and the continuous improvement of the service process**" in text


def test_mnemonics_and_lists_of_the_course():
    text = _markdown()
    for s in ("主难成", "管人为客户、量化改进", "简单、可测量、有指导意义、控制成本", "1 个循环、4 个阶段、8 个步骤",
              "simple, measurable, instructive and cost-controlled"):
        assert s in text, s


def test_pdca_eight_steps_in_the_textbook_order():
    text = _markdown()
    steps = ["分析现状，找出问题", "分析产生问题的原因", "找出主要原因", "制订措施计划", "执行计划", "检查效果",
             "标准化", "遗留问题转入下一个循环"]
    section = text[text.index("## PDCA 循环"):]
    at = [section.index(s) for s in steps]
    assert at == sorted(at)


def test_p_chart_formula_and_the_rules_used_are_named():
    text = _markdown()
    assert "p̄ ± 3 √(p̄(1 − p̄)/nᵢ)" in text and "下控制限小于 0 时取 0" in text and "the lower clipped at 0" in text
    for rule in ("**规则 1** 一点超出 3σ", "**规则 4** 连续 8 点落在中心线同一侧", "**rule 1** a point beyond the 3σ limits",
                 "**rule 4** eight in a row on one side"):
        assert rule in text, rule


def test_illustrations_are_labelled_next_to_their_panels_in_both_languages():
    cells = _cells()
    for panel in ("PdcaPanel(", "MysteryShopPanel("):
        i = next(k for k, c in enumerate(cells) if c.cell_type == "code" and panel in c.source and "import" in c.source)
        before = cells[i - 1].source
        assert "**示意 · ILLUSTRATIVE**" in before, panel
        assert "illustration" in before.lower() or "teaching example" in before, panel


def test_the_mystery_shopping_table_has_the_five_aspects():
    text = _markdown()
    for row in ("| 方式 | 神秘顾客监测 | 服务监督员现场督导 |", "| 用途 | 发现问题 | 指导解决问题 |",
                "| 特点 | 神秘性、全面性 | 针对性、指导性 |", "| 优点 | 客观全面 | 反应迅速，系统性强 |",
                "| 缺点 | 持续时间短，偶然性大 | 部分失真 |"):
        assert row in text, row
