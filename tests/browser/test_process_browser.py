"""07_service_process in a real browser: move a step's reliability with the keyboard, see the overall
reliability, the ranking and the chart change; then operate one exercise.

Oracles: the seed's figures (0.7653 → 0.8163 when step 3 goes from 0.90 to 0.96) and the product
0.7653 × r₃ / 0.90 written out here for each intermediate value.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from servicelab.testing.browser import chromium_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "07_service_process.ipynb"
SEED_R = 0.99 ** 5 * 0.98 ** 3 * 0.90 * 0.95


def _overall(text: str) -> float:
    m = re.search(r"R = (\d\.\d{4})", text)
    assert m, f"no overall reliability in {text!r}"
    return float(m.group(1))


def test_step_slider_updates_reliability_and_chart_and_an_exercise_checks(chromium_path, artifacts_dir):
    with voila_server(NOTEBOOK) as url, chromium_page(chromium_path) as page:
        page.goto(url, timeout=180_000)
        page.wait_for_selector(".sl-rel-chart svg .mark-rect path", timeout=180_000)
        overall = ".sl-rel-overall"
        text = page.inner_text(overall)
        assert _overall(text) == pytest.approx(SEED_R, abs=5e-5)  # 0.7653
        svg_before = page.inner_html(".sl-rel-chart svg")

        # step 3 from 0.90 to 0.96: six presses of the right arrow on its handle
        handle = page.locator(".sl-rel-step3 .noUi-handle")
        for k in range(1, 7):
            before = page.inner_text(overall)
            handle.focus()
            page.keyboard.press("ArrowRight")
            page.wait_for_function("(b) => document.querySelector('.sl-rel-overall').innerText !== b",
                                   arg=before, timeout=15_000)
            r3 = round(0.90 + 0.01 * k, 2)
            assert _overall(page.inner_text(overall)) == pytest.approx(SEED_R * r3 / 0.90, abs=5e-5)
        score = page.inner_text(".sl-rel-score")
        assert "0.8163" in score and "+0.0510" in score and "6.67 %" in score
        # step 3 at 0.96 is no longer the weakest: step 7 (0.95) tops the ranking
        first_row = page.locator(".sl-rel-ranking tbody tr").first.inner_text()
        assert re.match(r"\s*1\s+7\b", first_row), first_row
        page.wait_for_function("(b) => document.querySelector('.sl-rel-chart svg').innerHTML !== b",
                               arg=svg_before, timeout=15_000)
        page.locator(".sl-rel-panel").screenshot(path=str(artifacts_dir / "process_reliability_after_change.png"))

        # one exercise: the three parties (sort) — answer every item right with the keyboard-free
        # select boxes and check
        panel = page.locator(".sl-ex-panel", has=page.locator(".sl-ex-choice-p1"))
        panel.scroll_into_view_if_needed()
        right = {"p1": "企业", "p2": "企业", "p3": "企业", "p4": "服务人员", "p5": "服务人员", "p6": "顾客", "p7": "顾客"}
        for item, group in right.items():
            panel.locator(f".sl-ex-choice-{item} select").select_option(label=group)
        panel.locator(".sl-ex-check").click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('.sl-ex-score')].some(e => /7\\s*\\/\\s*7/.test(e.innerText))",
            timeout=15_000)
        panel.screenshot(path=str(artifacts_dir / "process_exercise_three_parties.png"))
        page.screenshot(path=str(artifacts_dir / "process_page.png"), full_page=True)
        assert page.errors == [], f"console errors: {page.errors}"
