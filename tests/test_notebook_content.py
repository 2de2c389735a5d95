"""What the lesson notebooks teach: content defects of issue 8 (§2 and 5.4–5.6, 5.9–5.11, 5.14).

Oracles: the course map and seeds (Dunning's third stage, the four steps for choosing target
customers, the exam aliases of the five dimensions), the literature (PZB 1988/1991: reliability
most important, tangibles least; Ansoff 1957), the data file ``data/servqual/industries.json`` read
here directly (the pairs that contradict the published finding are counted in this file, not taken
from the library), and the chapter order of ``../shared/STYLE.md`` (traps → check yourself →
summary).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Every chapter notebook that is written (00 and 12 are not lessons).
LESSONS = sorted(p.stem for p in (ROOT / "notebooks").glob("[01][0-9]_*.ipynb")
                 if p.stem not in ("00_start_here", "12_exam_prep"))
NB = ROOT / "notebooks"


def _nb(name: str):
    return nbformat.read(NB / f"{name}.ipynb", as_version=4)


def _markdown(name: str) -> str:
    return "\n\n".join(c.source for c in _nb(name).cells if c.cell_type == "markdown")


def _section(name: str, heading_part: str) -> str:
    """The markdown of the ``##`` section whose heading contains ``heading_part`` (up to the next ``##``)."""
    text = _markdown(name)
    start = next(m.start() for m in re.finditer(r"^## .*$", text, re.M) if heading_part in m.group(0))
    nxt = re.search(r"^## ", text[start + 3:], re.M)
    return text[start:start + 3 + nxt.start()] if nxt else text[start:]


def _headings(name: str) -> list[str]:
    return [line for c in _nb(name).cells if c.cell_type == "markdown"
            for line in c.source.splitlines() if line.startswith("#")]


def _messages() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for p in sorted((ROOT / "data" / "i18n").glob("*.json")):
        out.update(json.loads(p.read_text(encoding="utf-8")))
    return out


# ------------------------------------------------------------------ 5.4 Dunning's third stage
def test_01_gives_dunnings_third_stage_as_the_course_does():
    text = _markdown("01_service_era")
    assert "以知识或金融为基础的服务经济" in text  # COURSE_MAP C4.4; the bank keys it
    assert "知识和服务" not in text.replace("不是“知识和服务经济”", "")  # only as the named trap
    assert "service economy built on knowledge or finance" in text


# ------------------------------------------------------------------ 5.14 (notebook part)
def test_01_english_says_a_few_dozen_yuan():
    text = _markdown("01_service_era")
    assert "价格只差几十元" in text and "a few dozen yuan" in text
    assert "a few yuan apart" not in text


def _references(text: str) -> list[tuple[str, str]]:
    refs = text.split("## 参考文献 · References", 1)[1]
    return [(m.group(1), m.group(2)) for m in re.finditer(r"^- ([A-Z][^\W\d_]+)\b.*?\((\d{4}|n\.d\.)\)", refs, re.M)]


@pytest.mark.parametrize("name", LESSONS)
def test_listed_references_are_cited_in_the_text(name):
    text = _markdown(name)
    body = text.split("## 参考文献 · References", 1)[0]
    refs = _references(text)
    assert len(refs) >= 3
    cells = body.split("\n\n")
    for surname, year in refs:
        year_forms = [year] if year != "n.d." else ["n.d.", "无日期"]
        assert any(surname in cell and any(y in cell for y in year_forms) for cell in cells), (surname, year)


# ------------------------------------------------------------------ 5.5 the α example is a published one
def test_05_calls_the_alpha_example_published_and_names_it():
    nb = _nb("05_servqual")
    every = "\n".join(c.source for c in nb.cells)
    assert "教材例题" not in every and "textbook example" not in every.lower()
    keys = re.findall(r't\("(reliability\.nb\.[a-z_]+alpha)"', every)
    assert keys, "the α example's line is a translated message"
    msgs = _messages()
    for key in keys:
        assert "已发表" in msgs[key]["zh"] and "published" in msgs[key]["en"]
        assert "教材" not in msgs[key]["zh"] and "textbook" not in msgs[key]["en"]
    section = _section("05_servqual", "Cronbach")
    assert "Statology" in section and "99/128" in section
    assert "Statology" in every.split("## 参考文献 · References", 1)[1]


# ------------------------------------------------------------------ 5.6 the industries are the project's view
INDUSTRIES = ROOT / "data" / "servqual" / "industries.json"


def _cases() -> list[dict]:
    return json.loads(INDUSTRIES.read_text(encoding="utf-8"))


def test_industry_pairs_are_labelled_the_projects_own_judgement():
    cases = _cases()
    assert all("project_view" in c and "common" not in c for c in cases)
    readme = (ROOT / "data" / "servqual" / "README.md").read_text(encoding="utf-8")
    assert "this project's own judgement" in readme and "not a survey result" in readme
    msgs = _messages()
    assert not any("常见的看法" in v.get("zh", "") or "common view" in v.get("en", "").lower() for v in msgs.values())
    assert "本项目" in msgs["servqual.exercise.project_view"]["zh"]
    assert "this project's" in msgs["servqual.exercise.project_view"]["en"].lower()
    section = _section("05_servqual", "(C5.9)")
    assert "本项目的看法" in section and "this project's view" in section
    assert "常见的看法" not in section and "common view" not in section


def test_05_teaches_the_published_finding_and_names_the_pairs_that_contradict_it():
    cases = _cases()
    omit = [c for c in cases if "reliability" not in c["project_view"]]
    tangible = [c for c in cases if "tangibles" in c["project_view"]]
    assert len(cases) == 12 and len(omit) == 5  # issue 8: five of the twelve pairs
    section = _section("05_servqual", "(C5.9)")
    for who in ("Parasuraman、Zeithaml 和 Berry（1988）", "Parasuraman、Berry 和 Zeithaml（1991）",
                "Parasuraman, Zeithaml and Berry (1988)", "Parasuraman, Berry and Zeithaml (1991)"):
        assert who in section
    assert "可靠性**都被评为最重要" in section and "**有形性**最不重要" in section
    assert "**reliability** came out most important and **tangibles** least" in section
    zh, en = section.split("A course discussion question", 1)
    sentence_zh = zh[zh.index("五个**行业"):]
    sentence_en = en[en.index("**five** leave reliability out"):]
    names_zh = {"hotel": "酒店", "catering": "餐饮", "public_safety": "公共安全", "education": "教育", "healthcare": "医疗",
                "fmcg": "快速消费品"}
    listed_zh = sentence_zh.split("；", 1)[0]
    assert [c["id"] for c in omit if names_zh[c["id"]] in listed_zh] == [c["id"] for c in omit]
    assert "五" in listed_zh and "**five**" in sentence_en
    listed_en = sentence_en.split(";", 1)[0].lower()
    for c in omit:
        assert c["name"]["en"].lower() in listed_en, c["id"]
    tangible_zh = sentence_zh.split("；", 1)[1].split("。", 1)[0]
    assert [c["id"] for c in tangible if names_zh[c["id"]] in tangible_zh] == [c["id"] for c in tangible]
    assert "三个" in tangible_zh


def test_05_table_of_pairs_against_the_finding_is_checked_output():
    cell = next(c for c in _nb("05_servqual").cells if "industries_against_published" in c.source)
    assert "NBVAL_CHECK_OUTPUT" in cell.source and cell.outputs  # nbval compares it with a fresh run


# ------------------------------------------------------------------ 5.9 strategy matrix, four steps, §2 pyramid
def test_02_says_the_matrix_layout_and_loyalty_safest_are_a_reconstruction():
    section = _section("02_customers_tiers", "(C1.8)")
    assert "Ansoff，1957" in section and "Ansoff, 1957" in section
    assert "重构" in section and "reconstruction" in section
    assert "多样化战略风险最高" in section
    traps = _section("02_customers_tiers", "易错点")
    safest = next(line for line in traps.splitlines() if "safest" in line)
    assert "重构" in safest and "reconstructed" in safest


def test_02_names_the_four_steps_for_choosing_target_customers_in_order():
    text = _markdown("02_customers_tiers")
    cell = next(c.source for c in _nb("02_customers_tiers").cells if "识别客户群体" in c.source and "选择客户战略" in c.source)
    steps = ["识别客户群体", "选择优质客户", "确定战略客户", "选择客户战略"]
    assert [cell.index(s) for s in steps] == sorted(cell.index(s) for s in steps)
    en = ["identify the customer groups", "select the quality customers", "determine the strategic customers",
          "choose the customer strategy"]
    assert [cell.index(s) for s in en] == sorted(cell.index(s) for s in en)
    assert "识别客户群体 → 选择优质客户 → 确定战略客户 → 选择客户战略" in text  # the trap line


def test_02_teaches_the_pyramid_tier_names_with_the_top_one_percent():
    section = _section("02_customers_tiers", "(C1.11)")
    for zh, en in (("铂金层", "Platinum"), ("黄金层", "Gold"), ("钢铁层", "Iron"), ("重铅层", "Lead")):
        assert f"| {zh} | {en} |" in section
    row = next(line for line in section.splitlines() if line.startswith("| 铂金层"))
    assert "1 %" in row
    assert "**铂金层**，即前 1 %" in section and "**platinum**, the top 1 %" in section


# ------------------------------------------------------------------ 5.10 course wording and aliases, C5.10 section
def test_05_gives_the_course_wording_beside_pzbs_with_the_exam_aliases():
    section = _section("05_servqual", "The five dimensions of service quality")
    for alias in ("同理性", "同理度", "专业性", "专业度", "可靠度", "响应度"):
        assert alias in section
    rows = {line.split("|")[1].strip(): line for line in section.splitlines() if line.startswith("| ") and "PZB" not in line}
    assert "同理度" in rows["移情性"] and "专业度" in rows["保证性"]
    assert "可靠度" in rows["可靠性"] and "响应度" in rows["响应性"]
    # the course's wording (seeds) and PZB's (1988), side by side
    assert "履行所承诺服务的能力" in rows["可靠性"] and "perform the promised service dependably and accurately" in rows["可靠性"]
    assert "个性化关怀" in rows["移情性"] and "individualized attention" in rows["移情性"]
    assert "赢得顾客信任与信心" in rows["保证性"] and "inspire trust and confidence" in rows["保证性"]
    assert "帮助顾客" in rows["响应性"] and "prompt service" in rows["响应性"]
    assert "有形部分" in rows["有形性"] and "appearance of personnel" in rows["有形性"]


def test_05_radar_chart_has_a_section_of_its_own():
    heads = [h for h in _headings("05_servqual") if h.startswith("## ") and "(C5.10)" in h]
    assert len(heads) == 1 and "雷达图" in heads[0] and "radar chart" in heads[0]
    cells = _nb("05_servqual").cells
    at = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and heads[0] in c.source)
    nxt = next(i for i in range(at + 1, len(cells)) if cells[i].cell_type == "markdown" and cells[i].source.startswith("## "))
    assert any(c.cell_type == "code" and "RADAR.live" in c.source for c in cells[at:nxt])
    assert "1–9" in cells[at].source


# ------------------------------------------------------------------ 5.11 STYLE order and try-this after every panel


@pytest.mark.parametrize("name", LESSONS)
def test_exam_traps_come_before_check_yourself_and_summary_after(name):
    heads = [h for h in _headings(name) if h.startswith("## ")]
    at = {key: next(i for i, h in enumerate(heads) if key in h) for key in ("易错点", "检查一下", "要点回顾", "参考文献")}
    assert at["易错点"] < at["检查一下"] < at["要点回顾"] < at["参考文献"]


#: A panel call; the in-lesson exercises (ExercisePanel) give their own feedback and need no "try this".
PANEL = re.compile(r"\b(?!CheckYourself|ExercisePanel)[A-Z]\w*(?:Panel|Exercise|Quiz)\(")


@pytest.mark.parametrize("name", LESSONS)
def test_a_try_this_follows_every_panel(name):
    cells = _nb(name).cells
    panels = [i for i, c in enumerate(cells) if c.cell_type == "code"
              and any(PANEL.search(line) and "import" not in line for line in c.source.splitlines())]
    assert len(panels) >= 2
    for i in panels:
        md = next(c.source for c in cells[i + 1:] if c.cell_type == "markdown")
        assert "**试一试 · Try this**" in md, cells[i].source


def test_panels_are_counted_as_the_brief_lists_them():
    calls = {name: [PANEL.search(line).group(0) for c in _nb(name).cells if c.cell_type == "code"
                    for line in c.source.splitlines() if PANEL.search(line) and "import" not in line]
             for name in LESSONS}
    assert {"StrategyMatrixPanel(", "TierPanel("} <= set(calls["02_customers_tiers"])
    assert {"WeightsPanel(", "SurveyPanel(", "IndustryExercise("} <= set(calls["05_servqual"])
    assert {"ServiceTypePanel(", "ServiceTypeQuiz("} <= set(calls["01_service_era"])


# ------------------------------------------------------------------ §2 notebook 00 says what the documents cover
def test_00_says_the_documents_cover_part_of_the_syllabus():
    text = _markdown("00_start_here")
    assert "10421" in text and "**一部分**" in text and "**part** of the syllabus" in text
    for topic in ("健谈型", "沉默型", "3A 法则", "核心客户资料卡"):
        assert topic in text
    assert not re.search(r"\bS[0-4]\b", text)
