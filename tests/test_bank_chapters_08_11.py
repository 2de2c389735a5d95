"""Bank items of chapters 08, 09, 10 and 11 (issues 11 and 12, checklist item 11).

What holds: each of these notebooks has a 名词解释 item for every term the issues and the course map
name for it, and at least three 案例分析 items; chapter 09 has all four delight scenarios of C5.21
as cases; every figure quoted in the new cases and term examples is the one its formula gives —
Kano categories and Berger's coefficients, NPS, simple-retention CLV, churn shares, call-centre
metrics and Erlang C staffing, p-chart limits (the lower clipped at 0), customer delivered value
ranked by difference and by ratio, E-S-QUAL dimension means, the ABC class of the course's
complaint table; the recovery-paradox items state what the meta-analysis found.

Oracles: the term lists of ../shared/COURSE_MAP.md (C3.8–C3.12, C5.3, C5.5–C5.7; C3.4,
C5.16–C5.21; C3.2, C3.3, C3.5–C3.7, C5.12, C5.13, C2.6; C2.2, C2.8, C2.9) and of the literature
the issues name (Kano et al. 1984; Berger et al. 1993; Dick & Basu 1994; Jones & Sasser 1995; Gupta
& Lehmann 2003; Fader, Hardie & Lee 2005; Day & Landon 1977; McCollough & Bharadwaj 1992; de Matos,
Henrique & Rossi 2007; Western Electric 1956; Parasuraman, Zeithaml & Malhotra 2005; Parasuraman
2000); every number is recomputed here from the inputs the item itself states (parsed from its
scenario), by the published formula written out in this file — Erlang C by the Erlang B recursion,
checked against the closed form on a hand example — and the complaint counts are the course
lecture's table (COURSE_MAP C5.18).
"""
from __future__ import annotations

import math
import re

import pytest

from servicelab.quiz import load_bank

CHAPTERS = ("08", "09", "10", "11")

#: The terms each notebook defines (course map concepts and the issues' published models).
TERMS = {
    "08_satisfaction_loyalty": (
        "客户满意度", "理念满意", "行为满意", "视觉满意", "物质满意", "精神满意", "社会满意",          # C3.8
        "美誉度", "知名度", "回头率", "抱怨率", "销售力",                                            # C3.10
        "直接报告满意度", "引申出来的不满意", "问题分析法", "重要性—绩效分析", "美国顾客满意度指数",  # C3.12
        "顾客感动", "卡诺模型", "必备质量", "一元质量", "魅力质量", "无差异质量", "反向质量",          # C5.3
        "满意系数", "不满意系数",
        "服务价值链", "内部服务质量",                                                                 # C5.6
        "顾客忠诚", "行为忠诚", "情感忠诚", "净推荐值", "真正忠诚", "潜在忠诚", "虚假忠诚", "无忠诚",   # C5.7
        "满意—忠诚曲线", "顾客终身价值", "顾客留存率", "同期群留存曲线", "BG/NBD 模型"),
    "09_complaints_recovery": (
        "客户流失", "因价值而流失", "因系统而流失", "因员工而流失",                                  # C3.4
        "公开行动", "私人行动",                                                                       # C5.16
        "帕累托分析", "ABC 分类法", "关键的少数",                                                     # C5.18
        "服务失误归因", "服务失败", "服务补救", "服务补救悖论", "授权"),                              # C5.19, C5.20
    "10_quality_management": (
        "全面质量管理", "质量过失弥补", "商业机会挖掘与创造", "客户服务内部质量管理",                # C3.2, C3.3, C3.5
        "管理者参与原则", "以人为本原则", "以客户为中心原则", "量化原则", "持续改进原则",              # C3.6
        "服务水平", "平均应答速度", "放弃率", "首次解决率", "Erlang C 模型",
        "PDCA 循环", "p 控制图", "判异准则", "5W1H",                                                  # C3.7
        "服务质量提升方案", "神秘顾客", "明查",                                                       # C5.12, C5.13
        "服务管理制度", "服务标准", "岗位考核"),                                                      # C2.6
    "11_value_technology": (
        "顾客让渡价值", "顾客总价值", "顾客总成本", "产品价值", "服务价值", "人员价值", "形象价值",
        "货币成本", "时间成本", "精神成本", "体力成本",                                               # C2.2
        "电子服务质量", "高效性", "履责性", "系统可用性", "隐私性", "E-RecS-QUAL",                   # C2.8
        "技术准备指数", "乐观性", "创新性", "不适感", "不安全感",                                     # C2.9
        "冒险型顾客", "前卫型顾客", "怀疑型顾客", "偏执型顾客", "滞后型顾客", "高科技与高接触"),
}

#: The course lecture's complaint-cause counts (COURSE_MAP C5.18), in the printed order.
COMPLAINT_COUNTS = (38, 17, 14, 10, 10, 9, 5, 5, 5, 4, 3, 3, 3, 2, 2, 2, 2, 2) + (1,) * 12


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def _terms(bank, notebook: str) -> list[str]:
    return [q.prompt.zh.removeprefix("名词解释：") for q in bank if q.type == "term" and q.notebook == notebook]


def _case_text(q) -> str:
    parts = [q.scenario.zh, q.scenario.en] + [p.prompt.zh + p.prompt.en + "".join(k.zh + k.en for k in p.key_points)
                                              for p in q.parts]
    return "\n".join(parts)


def _points(q, part: int) -> str:
    return "\n".join(k.zh for k in q.parts[part].key_points)


def _num(x: float, places: int) -> str:
    return f"{x:.{places}f}"


# --------------------------------------------------------------------------------- coverage
@pytest.mark.parametrize("notebook", sorted(TERMS))
def test_every_term_of_the_notebook_has_a_term_item(bank, notebook):
    asked = _terms(bank, notebook)
    tokens = {tok.strip() for a in asked for tok in re.split(r"[（），]", a) if tok}
    missing = [t for t in TERMS[notebook] if t not in tokens]
    assert not missing, missing


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_at_least_three_cases_per_chapter(bank, chapter):
    cases = [q.id for q in bank.by_type("case") if q.chapter == chapter]
    assert len(cases) >= 3, cases


def test_items_of_a_concept_share_its_section(bank):
    # the notebooks' headings are the bank's section strings: a new item may not invent one
    sections: dict[str, set[str]] = {}
    for q in bank:
        if q.chapter in CHAPTERS:
            sections.setdefault(q.concepts[0], set()).add(q.section)
    split = {c: s for c, s in sections.items() if len(s) > 1}
    assert not split, split


@pytest.mark.parametrize("scene, words", [
    ("bank queue", ("银行", "排队", "bank", "queue")),
    ("4S dealer's self-drive tour", ("4S", "自驾游", "self-drive")),
    ("community drive", ("社区", "和谐", "便民")),
    ("Spring Festival peak", ("春节", "高峰", "Spring Festival", "peak")),
])
def test_chapter_09_has_the_four_delight_scenarios_as_cases(bank, scene, words):
    hits = [q.id for q in bank.by_type("case") if q.chapter == "09" and "C5.21" in q.concepts
            and all(w in _case_text(q) for w in words)]
    assert hits, scene


# --------------------------------------------------------------------------------- chapter 08
def _kano_class(a: int, o: int, m: int, i: int) -> str:
    counts = {"魅力质量": a, "一元质量": o, "必备质量": m, "无差异质量": i}
    return max(counts, key=counts.get)


def test_kano_case_classes_and_berger_coefficients(bank):
    q = bank["Q-C5.3-case-61"]
    rows = re.findall(r"(\S+?)：魅力 (\d+)、一元 (\d+)、必备 (\d+)、无差异 (\d+)", q.scenario.zh)
    assert len(rows) == 3
    classes, coefficients = _points(q, 0), _points(q, 1)
    short = {"免费高速无线网络": "无线网络", "房间里的手写欢迎卡和当地水果": "欢迎卡和水果", "三分钟快速退房": "快速退房"}
    assert {name for name, *_ in rows} == set(short)
    for name, *counts in rows:
        a, o, m, i = map(int, counts)
        n = a + o + m + i
        assert n == 40                                           # the 40 guests of the scenario
        cs, ds = (a + o) / n, -(o + m) / n                       # Berger et al. (1993)
        line = next(k for k in classes.splitlines() if k.startswith(short[name] + "："))
        assert _kano_class(a, o, m, i) in line and f"（{max(a, o, m, i)} 人）" in line, line
        line = next(k for k in coefficients.splitlines() if k.startswith(short[name] + "："))
        assert f"CS = {cs:.2f}" in line and f"DS = −{-ds:.2f}" in line, line


def test_kano_term_examples_follow_berger(bank):
    cs = bank["Q-C5.3-term-67"].explanation.zh
    ds = bank["Q-C5.3-term-68"].explanation.zh
    assert f"{20 + 6}/{20 + 6 + 2 + 12} = {(20 + 6) / 40:.2f}" in cs                 # A 20, O 6, M 2, I 12
    assert f"−{10 + 22}/{4 + 10 + 22 + 4} = −{(10 + 22) / 40:.2f}" in ds             # A 4, O 10, M 22, I 4
    assert _kano_class(4, 10, 22, 4) == "必备质量" and "必备质量" in ds


def _clv(m: float, r: float, d: float) -> float:
    """Simple retention CLV (Gupta & Lehmann 2003)."""
    return m * r / (1 + d - r)


def test_clv_oracle_on_limits():
    assert _clv(100, 0.0, 0.1) == 0.0
    assert _clv(100, 0.5, 0.0) == pytest.approx(100.0)          # r/(1 − r) = 1 without discounting
    assert _clv(100, 1.09999, 0.1) > 1e6                        # r → 1 + d diverges


def test_loyalty_case_nps_and_clv(bank):
    q = bank["Q-C5.7-case-61"]
    s = q.scenario.zh
    promoters, passives, detractors = (int(x) for x in re.findall(r"(\d+) 人", s)[:3])
    total = int(re.search(r"收回 (\d+) 份", s).group(1))
    assert promoters + passives + detractors == total
    nps = 100 * promoters / total - 100 * detractors / total
    text = _points(q, 1)
    assert f"= {100 * promoters / total:.0f} %" in text and f"= {100 * detractors / total:.0f} %" in text
    assert f"NPS = {100 * promoters / total:.0f} − {100 * detractors / total:.0f} = +{nps:.0f}" in text
    assert "Keiningham" in text
    m = int(re.search(r"毛利约 (\d+) 元", s).group(1))
    r0, r1 = (int(x) / 100 for x in re.findall(r"留存率[^0-9]{0,8}(\d+) %", s))
    d = int(re.search(r"折现率按 (\d+) %", s).group(1)) / 100
    before, after = _clv(m, r0, d), _clv(m, r1, d)
    text = _points(q, 2)
    assert f"= {before:.0f} 元" in text and f"≈ {after:.1f} 元" in text, (before, after)
    assert f"约为原来的 {after / before:.1f} 倍" in text
    assert f"低于约 {after - before:.0f} 元" in text
    cells = _points(q, 0)
    for group, cell in zip("ABCD", ("真正忠诚", "潜在忠诚", "虚假忠诚", "无忠诚")):   # Dick & Basu (1994)
        assert f"{group} 组：{cell}" in cells


def test_clv_term_example(bank):
    text = bank["Q-C5.7-term-66"].explanation.zh
    assert f"约 {_clv(100, 0.8, 0.1):.1f}" in text and f"升到 {_clv(100, 0.9, 0.1):.0f}" in text


def test_bgnbd_term_quotes_the_published_cdnow_parameters(bank):
    text = bank["Q-C5.7-term-69"].explanation.zh
    for p in ("r = 0.243", "α = 4.414", "a = 0.793", "b = 2.426"):          # Fader, Hardie & Lee (2005)
        assert p in text


def test_nps_item_keeps_its_published_bands(bank):
    text = "".join(k.zh for k in bank["Q-C5.7-term-53"].key_points)
    assert "9–10 分为推荐者" in text and "0–6 分为贬损者" in text


QUADRANTS = {(True, False): "重点改进", (True, True): "继续保持", (False, False): "低优先", (False, True): "可能过度"}


def _quadrant(imp: float, perf: float, imp_line: float, perf_line: float) -> str:
    """Martilla & James (1977) quadrant; a point on a line counts as high (the case's stated rule)."""
    return QUADRANTS[(imp >= imp_line - 1e-12, perf >= perf_line - 1e-12)]


def test_ipa_case_quadrants_at_each_cross_line(bank):
    q = bank["Q-C3.12-case-61"]
    rows = re.findall(r"([^\n：]+)：重要性 (\d\.\d)，表现 (\d\.\d)", q.scenario.zh)
    assert len(rows) == 5
    attrs = {name: (float(i), float(p)) for name, i, p in rows}
    imps, perfs = [v[0] for v in attrs.values()], [v[1] for v in attrs.values()]
    mean_i, mean_p = sum(imps) / 5, sum(perfs) / 5
    med_i, med_p = sorted(imps)[2], sorted(perfs)[2]
    short = {"一次修好不返修": "一次修好", "等候时间短": "等候时间", "员工礼貌": "员工礼貌", "店面装修": "店面装修",
             "免费贴膜": "免费贴膜"}
    assert set(attrs) == set(short)
    by_mean = {short[n]: _quadrant(i, p, mean_i, mean_p) for n, (i, p) in attrs.items()}
    by_mid = {short[n]: _quadrant(i, p, 4, 4) for n, (i, p) in attrs.items()}        # 1–7 scale midpoint
    by_median = {short[n]: _quadrant(i, p, med_i, med_p) for n, (i, p) in attrs.items()}
    text = _points(q, 0)
    assert f"重要性均值 {mean_i:.2f}，表现均值 {mean_p:.2f}" in text
    for line in text.splitlines()[1:4]:
        names, quadrant = line.split("：")[0].split("、"), line.split("：")[1][:4].rstrip("（")
        assert all(by_mean[n] == quadrant for n in names), (line, by_mean)
        assert {n for n, v in by_mean.items() if v == quadrant} == set(names), line
    assert "继续保持" not in by_mean.values() and "没有要素落在“继续保持”" in text
    moved = {n for n in by_mid if by_mid[n] != by_mean[n]}
    assert moved == {"一次修好", "员工礼貌"} and all(by_mid[n] == "继续保持" for n in moved)
    text = _points(q, 1)
    values = {short[n]: v for n, v in attrs.items()}
    for n in moved:
        m = re.search(rf"{n}（(重要性|表现) (\d\.\d) ≥ 4）从{by_mean[n]}变为继续保持", text)
        assert m and float(m.group(2)) == values[n][0 if m.group(1) == "重要性" else 1], n
    # the medians put two attributes exactly on the lines: the stated rule classes them as high
    assert (med_i, med_p) == (4.6, 4.2) and by_median["员工礼貌"] == by_median["一次修好"] == "继续保持"
    assert f"中位数 {med_i:g} 和 {med_p:g}" in q.explanation.zh


# --------------------------------------------------------------------------------- chapter 09
def test_churn_case_shares(bank):
    q = bank["Q-C3.4-case-61"]
    total = int(re.search(r"访问了其中 (\d+) 位", q.scenario.zh).group(1))
    counts = [int(x) for x in re.findall(r"(\d+) 人", q.scenario.zh)]
    assert sum(counts) == total
    text = _points(q, 0)
    for kind, n in zip(("因价值而流失", "因系统而流失", "因员工而流失"), counts):
        assert re.search(rf"{kind}，{n} 人，占 {round(100 * n / total)} %", text), kind


@pytest.mark.parametrize("qid", ["Q-C5.20-term-62", "Q-C3.4-case-61"])
def test_recovery_paradox_items_state_the_meta_analysis(bank, qid):
    q = bank[qid]
    text = _case_text(q) if q.type == "case" else "".join(k.zh + k.en for k in q.key_points)
    assert "McCollough & Bharadwaj 1992" in text and "de Matos" in text and "2007" in text
    # de Matos, Henrique & Rossi (2007): positive on satisfaction, not significant on repurchase/WOM/image
    assert re.search(r"满意度\S*正效应\S*显著", text) and re.search(r"再购意愿\S*不显著|再购意愿\S*没有显著", text)


def test_abc_term_counts_class_a_of_the_course_table(bank):
    total = sum(COMPLAINT_COUNTS)
    assert total == 148
    cumulative, n_a = 0, 0
    for n in COMPLAINT_COUNTS:                    # class A: causes whose predecessors cover < 80 %
        if cumulative / total >= 0.8:
            break
        cumulative += n
        n_a += 1
    text = bank["Q-C5.18-term-61"].explanation.zh
    assert f"前 {n_a} 种（{cumulative} 次，约 {round(100 * cumulative / total)} %）" in text, (n_a, cumulative)


# --------------------------------------------------------------------------------- chapter 10
def _erlang_b(a: float, c: int) -> float:
    b = 1.0
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    return b


def _erlang_c(a: float, c: int) -> float:
    """P(wait) in M/M/c from Erlang B (DOMAIN_NOTES): c·B / (c − A·(1 − B))."""
    b = _erlang_b(a, c)
    return c * b / (c - a * (1 - b))


def _service_level(a: float, c: int, t: float, h: float) -> float:
    return 1 - _erlang_c(a, c) * math.exp(-(c - a) * t / h)


def test_erlang_oracle_on_a_hand_example():
    # 2 erlangs, 3 servers by the closed form: (2³/3! · 3/(3−2)) / (1 + 2 + 2 + 4) = 4/9
    assert _erlang_c(2, 3) == pytest.approx(4 / 9)
    assert _erlang_b(2, 1) == pytest.approx(2 / 3)


def test_hotline_case_metrics_and_staffing(bank):
    q = bank["Q-C3.6-case-61"]
    s = q.scenario.zh
    offered = int(re.search(r"进线 (\d+) 个", s).group(1))
    abandoned = int(re.search(r"其中 (\d+) 个在接通前挂断", s).group(1))
    answered = int(re.search(r"(\d+) 个被接听", s).group(1))
    fast = int(re.search(r"有 (\d+) 个在 20 秒内接通", s).group(1))
    wait = int(re.search(r"合计 ([\d ]+) 秒", s).group(1).replace(" ", ""))
    solved = int(re.search(r"其中 (\d+) 个在这一次通话里", s).group(1))
    assert offered == answered + abandoned
    text = _points(q, 0)
    assert f"{fast} ÷ {offered} = {round(100 * fast / offered)} %" in text
    assert f"{fast} ÷ {answered} = {round(100 * fast / answered)} %" in text
    assert f"÷ {answered} = {wait / answered:.0f} 秒" in text
    assert f"{abandoned} ÷ {offered} = {round(100 * abandoned / offered)} %" in text
    assert f"{solved} ÷ {answered} = {round(100 * solved / answered)} %" in text
    calls, minutes = (int(x) for x in re.search(r"每小时 (\d+) 个来电，平均处理时长 (\d+) 分钟", s).groups())
    load = calls * minutes / 60
    sl = {c: _service_level(load, c, 20, minutes * 60) for c in (15, 16)}
    need = next(c for c in range(math.floor(load) + 1, 100) if _service_level(load, c, 20, minutes * 60) >= 0.8)
    assert need == 16
    for c, v in sl.items():
        assert f"{c} 个坐席时服务水平约 {round(100 * v)} %" in s or f"{c} 个坐席时约 {round(100 * v)} %" in s, (c, v)
    staffing = _points(q, 1)
    assert f"= {load:.0f} 爱尔兰" in staffing and f"{need} 个坐席约 {round(100 * sl[need])} %" in staffing


def test_erlang_term_example(bank):
    text = bank["Q-C3.6-term-69"].explanation.zh
    load = 180 * 4 / 60
    need = next(c for c in range(13, 100) if _service_level(load, c, 20, 240) >= 0.8)
    assert f"话务量 {load:.0f} 爱尔兰" in text and f"需要 {need} 个坐席" in text


def _p_limits(p: float, n: int) -> tuple[float, float]:
    half = 3 * math.sqrt(p * (1 - p) / n)                       # Shewhart p-chart (Montgomery)
    return max(0.0, p - half), p + half


def test_p_chart_oracle_on_a_hand_example():
    # p̄ = 0.1, n = 100: 3·√(0.09/100) = 0.09 → (0.01, 0.19); n = 25: 0.18 → lower −0.08 clipped to 0
    assert _p_limits(0.1, 100) == pytest.approx((0.01, 0.19))
    assert _p_limits(0.1, 25) == pytest.approx((0.0, 0.28))


def test_p_chart_case_limits_and_signal(bank):
    q = bank["Q-C3.7-case-61"]
    s = q.scenario.zh
    n = int(re.search(r"随机抽查 (\d+) 张", s).group(1))
    total, bad = (int(x.replace(" ", "")) for x in re.search(r"共抽查 ([\d ]+) 张，引起投诉的有 (\d+) 张", s).groups())
    day14 = int(re.search(r"第 14 天有 (\d+) 张", s).group(1))
    lo, hi = (int(x) for x in re.search(r"都在 (\d+) 到 (\d+) 张之间", s).groups())
    sunday = int(re.search(r"只抽查 (\d+) 张", s).group(1))
    assert total == 20 * n
    p = bad / total
    lcl, ucl = _p_limits(p, n)
    text = _points(q, 0)
    assert f"= {p:g}" in text and f"≈ {3 * math.sqrt(p * (1 - p) / n):.4f}" in text
    assert f"上控制限约 {ucl:.4f}" in text and f"下控制限约 {lcl:.4f}" in text
    assert day14 / n > ucl and f"= {day14 / n:g}" in text
    assert lcl <= lo / n and hi / n <= ucl and f"{lo / n:g}–{hi / n:g}" in text
    lcl_s, ucl_s = _p_limits(p, sunday)
    assert lcl_s == 0.0 and p - 3 * math.sqrt(p * (1 - p) / sunday) < 0
    text = _points(q, 1)
    assert f"≈ {3 * math.sqrt(p * (1 - p) / sunday):.4f}" in text and f"上控制限约 {ucl_s:.3f}" in text
    assert "下限取 0" in text


def test_run_rules_item_names_the_western_electric_rules(bank):
    text = "".join(k.zh for k in bank["Q-C3.7-term-62"].key_points)
    for rule in ("1 点落在 3σ", "连续 3 点中有 2 点", "连续 5 点中有 4 点", "连续 8 点"):
        assert rule in text


# --------------------------------------------------------------------------------- chapter 11
def test_delivered_value_case_rankings_disagree(bank):
    q = bank["Q-C2.2-case-61"]
    rows = re.findall(r"(甲|乙)\S*?：产品价值 (\d+)、服务价值 (\d+)、人员价值 (\d+)、形象价值 (\d+)；"
                      r"货币成本 (\d+)、时间成本 (\d+)、精神成本 (\d+)、体力成本 (\d+)", q.scenario.zh)
    assert len(rows) == 2
    offers = {name: (sum(map(int, v[:4])), sum(map(int, v[4:]))) for name, *v in rows}
    text = _points(q, 0)
    for name, (tcv, tcc) in offers.items():
        assert f"{name}：顾客总价值 {tcv}，顾客总成本 {tcc}" in text
    cdv = {k: v - c for k, (v, c) in offers.items()}
    ratio = {k: v / c for k, (v, c) in offers.items()}
    assert f"甲 {cdv['甲']}，乙 {cdv['乙']}" in text and f"甲 {ratio['甲']:g}，乙 {ratio['乙']:g}" in text
    by_cdv, by_ratio = max(cdv, key=cdv.get), max(ratio, key=ratio.get)
    assert by_cdv != by_ratio                                   # the preset where the two disagree
    assert f"所以选{by_cdv}" in _points(q, 1)


def test_e_s_qual_case_dimension_means(bank):
    q = bank["Q-C2.8-case-61"]
    text = _points(q, 0)
    for dim in ("高效性", "履责性", "系统可用性", "隐私性"):
        line = re.search(rf"{dim}：([^\n]+)", q.scenario.zh).group(1)
        scores = [float(x) for x in re.findall(r"(\d\.\d)", line)]
        mean = sum(scores) / len(scores)
        assert f"{dim}：(" in text and f"÷ {len(scores)} = {mean:.1f}" in text.split(f"{dim}：")[1].split("\n")[0]
    low = sorted(("高效性", "履责性", "系统可用性", "隐私性"),
                 key=lambda d: text.split(f"{d}：")[1].split("= ")[-1])[:2]
    assert set(low) == {"高效性", "履责性"}                      # the two the course says weigh most
    assert "不是原量表的措辞" in q.scenario.zh


def test_technology_segments_follow_the_profiles(bank):
    text = {q.prompt.zh: "".join(k.zh for k in q.key_points) for q in bank if q.id.startswith("Q-C2.9-term-6")}
    assert "驱动因素（乐观性、创新性）高，抑制因素（不适感、不安全感）低" in text["名词解释：冒险型顾客（技术准备度）"]
    assert "驱动因素低，抑制因素高" in text["名词解释：滞后型顾客（技术准备度）"]
    assert "15 %–20 %" in text["名词解释：冒险型顾客（技术准备度）"] and "20 %–25 %" in text["名词解释：前卫型顾客（技术准备度）"]
