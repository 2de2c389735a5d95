"""Notebook 11's text says what issue 12 asks: illustrations labelled next to their panels, the
E-S-QUAL items the project's own, the clustering's algorithm and library named, the C2.3 link.

Oracles: issue 12's wording and the bank's section strings; the notebook is read as JSON.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
NB = nbformat.read(ROOT / "notebooks" / "11_value_technology.ipynb", as_version=4)


def _markdown_before(call: str) -> str:
    i = next(k for k, c in enumerate(NB.cells) if c.cell_type == "code" and call in c.source)
    return next(NB.cells[k].source for k in range(i - 1, -1, -1) if NB.cells[k].cell_type == "markdown")


def _section(heading_part: str) -> str:
    text = "\n\n".join(c.source for c in NB.cells if c.cell_type == "markdown")
    start = next(m.start() for m in re.finditer(r"^## .*$", text, re.M) if heading_part in m.group(0))
    nxt = re.search(r"^## ", text[start + 3:], re.M)
    return text[start:start + 3 + nxt.start()] if nxt else text[start:]


def test_the_three_concept_sections_are_the_banks_strings():
    heads = [line for c in NB.cells if c.cell_type == "markdown" for line in c.source.splitlines() if line.startswith("## ")]
    for h in ("## 顾客让渡价值 · Customer delivered value (C2.2)",
              "## 电子服务质量（E-S-QUAL） · E-service quality (E-S-QUAL) (C2.8)",
              "## 技术准备度 · Technology readiness (C2.9)"):
        assert h in heads


def test_teaching_illustrations_are_labelled_next_to_their_panels_in_both_languages():
    for call in ("DeliveredValuePanel(", "TechTouchPanel("):
        text = _markdown_before(call)
        assert "示意" in text and re.search(r"[Ii]llustration|teaching rule", text), call


def test_esqual_items_are_said_to_be_the_projects_own_and_the_counts_keep_their_check():
    text = _markdown_before("EsqualPanel(")
    assert "不是论文发表的原题" in text and "not the published wording" in text
    sec = _section("(C2.8)")
    for n in ("| 8 |", "| 7 |", "| 4 |", "| 3 |"):
        assert n in sec
    assert "待核对" in sec and "to be checked" in sec
    assert "22" in sec and "11" in sec and "E-RecS-QUAL" in sec
    assert "高效性与履责性" in sec and "efficiency and fulfilment" in sec


def test_tri_wording_is_not_shipped_and_clustering_names_algorithm_and_library():
    sec = _section("(C2.9)")
    assert "不收录" in sec and "does **not** ship their wording" in sec
    assert "k-means++" in sec and "numpy" in sec and "scikit-learn" in sec
    assert "15 % 到 20 %" in sec and "20 % 到 25 %" in sec


def test_the_course_point_on_service_competition_links_to_chapter_one():
    sec = _section("(C2.2)")
    assert "(01_service_era.ipynb)" in sec and "C2.3" in sec
    assert "服务价值、人员价值和形象价值" in sec and "时间成本、精神成本和体力成本" in sec


def test_parameter_cell_presets_exist():
    from servicelab.widgets.value_technology import ESQUAL_PRESETS, MIX_PRESETS, VALUE_PRESETS

    params = next(c.source for c in NB.cells if "parameters" in c.metadata.get("tags", []))
    for name, presets in (("VALUE_PRESET", VALUE_PRESETS), ("ESQUAL_PRESET", ESQUAL_PRESETS),
                          ("TECHTOUCH_PRESET", MIX_PRESETS)):
        line = next(x for x in params.splitlines() if x.startswith(name))
        named = re.findall(r'"([a-z_]+)"', line.split("#", 1)[1])
        assert named and set(named) <= set(presets), (name, named)
