"""10_quality_management in a real browser: run one PDCA cycle (press Do, see next month on the
chart and the Act verdict, move the fix's effect with the keyboard), move the staffing panel's
target, and operate one exercise.

Oracles: the seed's complaint table (the top cause, poor product quality, is 25.7 % of 148), the
shipped month's outage on day 17 (its README), chapter 03's published Erlang C example (200 calls
an hour, 180 s: 80 % within 20 s needs 14 agents, 85 % also 14, 90 % needs 15).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from servicelab.testing.browser import chromium_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "10_quality_management.ipynb"


def _changed(page, selector: str, before: str, what: str = "innerText") -> None:
    page.wait_for_function(f"([s, b]) => document.querySelector(s).{what} !== b", arg=[selector, before], timeout=20_000)


def _shares(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"(\d+\.\d+) %", text)]


def test_pdca_cycle_staffing_slider_and_an_exercise(chromium_path, artifacts_dir):
    with voila_server(NOTEBOOK) as url, chromium_page(chromium_path) as page:
        page.goto(url, timeout=180_000)
        page.wait_for_selector(".sl-pdca-chart svg .mark-symbol path", timeout=180_000)
        readout = ".sl-pdca-readout"
        text = page.inner_text(readout)
        assert "第 17 日" in text and "产品质量差（占全部投诉 25.7 %）" in text
        points_before = page.locator(".sl-pdca-chart svg .mark-symbol path").count()
        svg_before = page.inner_html(".sl-pdca-chart svg")

        # Do: next month appears on the chart, with the Check and Act lines
        page.locator(".sl-pdca-do button, button.sl-pdca-do").first.click()
        _changed(page, readout, text)
        text = page.inner_text(readout)
        assert "检查（C）" in text and "处理（A）：控制图显示投诉率确实下降了" in text
        after_share = _shares(text.split("检查（C）", 1)[1])[1]
        assert after_share < 2.34  # below the revised centre line
        _changed(page, ".sl-pdca-chart svg", svg_before, "innerHTML")
        page.wait_for_function("(n) => document.querySelectorAll('.sl-pdca-chart svg .mark-symbol path').length > n",
                               arg=points_before, timeout=20_000)
        assert page.locator(".sl-pdca-steps .sl-pdca-step-on").count() == 8

        # the fix's effect from 80 % to 60 % with the keyboard: next month has more complaints
        handle = page.locator(".sl-pdca-effect .noUi-handle")
        for _ in range(4):
            before = page.inner_text(readout)
            handle.focus()
            page.keyboard.press("ArrowLeft")
            _changed(page, readout, before)
        text = page.inner_text(readout)
        assert "消除其中 60 %" in text
        assert _shares(text.split("检查（C）", 1)[1])[1] > after_share
        page.locator(".sl-pdca-panel").screenshot(path=str(artifacts_dir / "quality_pdca_after_do.png"))

        # staffing: target 80 % → 90 % needs 15 agents instead of 14
        slp = ".sl-slp-readout"
        assert "至少需要 14 名坐席" in page.inner_text(slp)
        chart_before = page.inner_html(".sl-slp-chart svg")
        level = page.locator(".sl-slp-level .noUi-handle")
        for _ in range(2):
            before = page.inner_text(slp)
            level.focus()
            page.keyboard.press("ArrowRight")
            _changed(page, slp, before)
        assert "接通 90 % 的来电，至少需要 15 名坐席" in page.inner_text(slp)
        _changed(page, ".sl-slp-chart svg", chart_before, "innerHTML")

        # one exercise: the hard and the soft side (sort), all six right
        panel = page.locator(".sl-ex-panel", has=page.locator(".sl-ex-title", has_text="硬的一面与软的一面"))
        panel.scroll_into_view_if_needed()
        right = {"i1": "硬的一面", "i2": "硬的一面", "i3": "硬的一面", "i4": "软的一面", "i5": "软的一面", "i6": "软的一面"}
        for item, group in right.items():
            panel.locator(f".sl-ex-choice-{item} select").select_option(label=group)
        panel.locator(".sl-ex-check").click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('.sl-ex-score')].some(e => /6\\s*\\/\\s*6/.test(e.innerText))",
            timeout=15_000)
        panel.screenshot(path=str(artifacts_dir / "quality_exercise_hard_soft.png"))
        page.screenshot(path=str(artifacts_dir / "quality_page.png"), full_page=True)
        assert page.errors == [], f"console errors: {page.errors}"
