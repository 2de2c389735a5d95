"""Bank items of chapters 03, 04, 06 and 07 (issues 9 and 10, checklist item 11).

What holds: each of these notebooks has a 名词解释 item for every term the issues and the course map
name for it, and at least two 案例分析 items; chapter 03 has a case on perishability and queues,
chapter 04 one on over-promising and one on the zone of tolerance, chapter 07 the airline
turnaround with its figures and levers; the queueing figures quoted in the bank-branch case are
those of Erlang C.

Oracles: the term lists of ../shared/COURSE_MAP.md (C4.3–C4.8, C5.4, C2.1; C3.1, C4.6, C5.8; C5.11;
C5.1, C5.2, C5.14, C5.15, C2.5) and of Zeithaml, Berry & Parasuraman (1988, 1993); the case
figures of the course (loss of 20 M → profit of 80 M); Erlang C computed here from the textbook
formula (Erlang 1917; Gans, Koole & Mandelbaum 2003), checked on a hand example and, independently,
by a seeded simulation of the same M/M/c queue.
"""
from __future__ import annotations

import heapq
import math
import re

import numpy as np
import pytest

from servicelab.quiz import load_bank

CHAPTERS = ("03", "04", "06", "07")

#: The terms each notebook defines (course map concepts of issues 9 and 10).
TERMS = {
    "03_what_is_service": ("服务", "服务接触", "狭义的服务接触", "广义的服务接触", "关键时刻", "真实瞬间",
                           "无形性", "差异性", "不可分离性", "不可储存性", "易逝性", "产品—服务连续体",
                           "服务经济", "服务的载体", "服务标准化", "顾客定制化"),
    "04_perceived_quality": ("质量", "顾客感知服务质量", "技术质量", "功能质量", "期望服务", "体验的服务质量",
                             "企业形象", "理想服务", "适当服务", "容忍区域", "预期服务", "持久的服务强化因素",
                             "暂时的服务强化因素", "明确的服务承诺", "隐含的服务承诺", "感知的服务替代物",
                             "自我感知的服务角色"),
    "06_gap_model": ("服务质量差距模型", "差距1", "差距2", "差距3", "差距4", "差距5", "向上沟通", "过度承诺倾向"),
    "07_service_process": ("服务蓝图", "互动线", "可见线", "内部互动线", "失误点", "有形展示", "服务接触的三要素",
                           "角色模糊", "角色冲突", "角色过重", "角色匹配", "服务流程可靠性", "补救环节",
                           "链式服务体系", "一站式服务", "投诉升级"),
}


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def _terms(bank, notebook: str) -> list[str]:
    """The defined terms (prompt without 名词解释：) of a notebook's term items."""
    return [q.prompt.zh.removeprefix("名词解释：") for q in bank if q.type == "term" and q.notebook == notebook]


def _case_text(q) -> str:
    parts = [q.scenario.zh, q.scenario.en] + [p.prompt.zh + p.prompt.en + "".join(k.zh + k.en for k in p.key_points)
                                              for p in q.parts]
    return "\n".join(parts)


@pytest.mark.parametrize("notebook", sorted(TERMS))
def test_every_term_of_the_notebook_has_a_term_item(bank, notebook):
    asked = _terms(bank, notebook)
    tokens = {tok for a in asked for tok in re.split(r"[（）]", a) if tok}   # the term and its parenthesised names
    missing = [t for t in TERMS[notebook] if t not in tokens]
    assert not missing, missing


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_at_least_two_cases_per_chapter(bank, chapter):
    cases = [q.id for q in bank.by_type("case") if q.chapter == chapter]
    assert len(cases) >= 2, cases


def test_chapter_03_has_a_perishability_queue_case(bank):
    hits = [q.id for q in bank.by_type("case") if q.chapter == "03" and "C4.5" in q.concepts
            and "不可储存" in _case_text(q) and "排队" in _case_text(q) and "Erlang" in _case_text(q)]
    assert hits


def test_chapter_04_has_over_promising_and_zone_of_tolerance_cases(bank):
    texts = {q.id: _case_text(q) for q in bank.by_type("case") if q.chapter == "04"}
    assert any("过度承诺" in t and "技术质量" in t and "功能质量" in t for t in texts.values()), sorted(texts)
    assert any("容忍区域" in t and "适当服务" in t and "理想服务" in t for t in texts.values()), sorted(texts)


def test_chapter_07_has_the_airline_turnaround_with_its_levers(bank):
    airline = [q for q in bank.by_type("case") if q.chapter == "07" and "C5.15" in q.concepts]
    assert airline
    text = _case_text(airline[0])
    assert "2 千万" in text and "8 千万" in text and "20 million" in text and "80 million" in text
    for lever in ("成本", "精简服务", "营业额", "全价", "商务", "文化"):
        assert lever in text, lever


def _erlang_c(a: float, c: int) -> float:
    """P(wait > 0) in M/M/c with offered load a (textbook formula, computed here)."""
    top = a ** c / math.factorial(c) * c / (c - a)
    return top / (sum(a ** k / math.factorial(k) for k in range(c)) + top)


def _simulate(lam: float, mean_service: float, c: int, n: int, seed: int) -> tuple[float, float]:
    """FIFO M/M/c by events: (share of customers who wait, mean wait)."""
    rng = np.random.default_rng(seed)
    arrivals = np.cumsum(rng.exponential(1 / lam, n))
    service = rng.exponential(mean_service, n)
    free = [0.0] * c
    waits = np.empty(n)
    for i in range(n):
        start = max(arrivals[i], heapq.heappop(free))
        waits[i] = start - arrivals[i]
        heapq.heappush(free, start + service[i])
    burn = n // 10
    return float((waits[burn:] > 1e-12).mean()), float(waits[burn:].mean())


def test_bank_branch_case_quotes_the_erlang_c_figures(bank):
    q = next(q for q in bank.by_type("case") if q.id == "Q-C4.5-case-52")
    prompt = q.parts[1].prompt.zh
    # 60 customers an hour, 5 minutes each: offered load 5 erlangs.
    p6, p7 = _erlang_c(5, 6), _erlang_c(5, 7)
    w6, w7 = p6 * 5 / (6 - 5), p7 * 5 / (7 - 5)            # mean wait = P(wait) / (cμ − λ), minutes
    assert f"{round(100 * p6)} %" in prompt and f"{round(100 * p7)} %" in prompt   # 59 %, 32 %
    assert f"约 {round(w6)} 分钟" in prompt and f"约 {w7:.1f} 分钟" in prompt          # 3, 0.8
    assert "3 × 60 ÷ 5 = 36" in q.parts[0].key_points[2].zh


def test_erlang_c_formula_agrees_with_a_seeded_simulation():
    share, wait = _simulate(lam=1.0, mean_service=5.0, c=6, n=200_000, seed=7)
    p6 = _erlang_c(5, 6)
    assert abs(share - p6) < 0.02, (share, p6)
    assert abs(wait - p6 * 5) / (p6 * 5) < 0.10, (wait, p6 * 5)


def test_erlang_c_oracle_on_a_hand_example():
    # 2 erlangs on 3 servers by hand: top = 2³/3! · 3/(3 − 2) = 4, sum = 1 + 2 + 2 = 5, P = 4/9.
    assert _erlang_c(2, 3) == pytest.approx(4 / 9)
    assert _erlang_c(5, 6) > _erlang_c(5, 7) > _erlang_c(5, 8)   # fewer waits with more servers
