"""Notebook 07 teaches what issue 10 (section 07) and the course map ask.

Oracles: COURSE_MAP C5.1/C5.14/C5.15/C2.5 and seed S1 (0.765, 0.816, +0.051, +6.67 %, the lesson
that a flawed system cannot be fixed by details, staffing or skills, 2千万 → 8千万), read as text.
"""
from __future__ import annotations

from pathlib import Path

import nbformat

NB = Path(__file__).resolve().parents[2] / "notebooks" / "07_service_process.ipynb"


def _cells():
    return nbformat.read(NB, as_version=4).cells


def test_headings_in_the_style_order_with_every_concept():
    heads = [line for c in _cells() if c.cell_type == "markdown" for line in c.source.splitlines() if line.startswith("## ")]
    order = ["(C5.1)", "(C5.14)", "(C5.2)", "(C5.15)", "(C2.5)", "易错点", "检查一下", "要点回顾", "参考文献"]
    idx = [next(i for i, h in enumerate(heads) if key in h) for key in order]
    assert idx == sorted(idx), heads
    assert heads[0].startswith("## 场景")


def test_the_course_lesson_of_the_blueprint_is_stated_in_both_languages():
    text = "\n".join(c.source for c in _cells() if c.cell_type == "markdown")
    assert "修改流程的某些细节、调整人事安排、提高员工的服务技能，都无法改进最终的服务结果" in text
    assert "changing some details of the process, reshuffling staff or raising their skills cannot improve the final result" in text


def test_seed_numbers_of_the_reliability_example():
    text = "\n".join(c.source for c in _cells() if c.cell_type == "markdown")
    for number in ("0.7653", "0.765", "0.8163", "0.816", "0.0510", "6.67 %"):
        assert number in text, number


def test_the_bridge_is_marked_illustrative_next_to_the_chart_in_both_languages():
    cells = _cells()
    i = next(k for k, c in enumerate(cells) if c.cell_type == "code" and "TURNAROUND_BRIDGE.live" in c.source)
    before = cells[i - 1].source
    assert cells[i - 1].cell_type == "markdown"
    assert "ILLUSTRATIVE" in before and "示意" in before
    assert "2 千万" in before or "−2 千万" in before
    assert "not data from the case" in before and "不是案例的数据" in before


def test_escalation_panel_is_labelled_an_illustration():
    cells = _cells()
    i = next(k for k, c in enumerate(cells) if c.cell_type == "code" and "EscalationPanel(" in c.source)
    assert "示意" in cells[i - 1].source and "Illustration" in cells[i - 1].source


def test_panels_take_their_preset_from_the_parameters_cell():
    cells = _cells()
    params = next(c for c in cells if "parameters" in c.metadata.get("tags", []))
    code = "\n".join(c.source for c in cells if c.cell_type == "code")
    for name, call in (("RELIABILITY_PRESET", "ReliabilityPanel(LANG, preset=RELIABILITY_PRESET)"),
                       ("SIMULATION_PRESET", "preset=SIMULATION_PRESET"),
                       ("ESCALATION_PRESET", "EscalationPanel(LANG, preset=ESCALATION_PRESET)")):
        assert f"{name} = None" in params.source and call in code


def test_every_exercise_of_the_chapter_is_in_the_notebook():
    import json

    data = json.loads((NB.parents[1] / "data" / "exercises" / "07_service_process.json").read_text(encoding="utf-8"))
    code = "\n".join(c.source for c in _cells() if c.cell_type == "code")
    for ex in data["exercises"]:
        assert f'ExercisePanel("{ex["id"]}", LANG)' in code, ex["id"]


def test_listed_references_are_cited_in_the_text():
    import re

    text = "\n\n".join(c.source for c in _cells() if c.cell_type == "markdown")
    body, refs = text.split("## 参考文献 · References", 1)
    listed = re.findall(r"^- ([A-Z][A-Za-z]+)\b.*?\((\d{4})\)", refs, re.M)
    assert len(listed) >= 4
    paragraphs = body.split("\n\n")
    for surname, year in listed:
        assert any(surname in p and year in p for p in paragraphs), (surname, year)
