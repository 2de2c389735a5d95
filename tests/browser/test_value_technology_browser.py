"""11_value_technology in a real browser: lower offer A's money cost with the keyboard and see its
delivered value, the ranking table and the chart change; then operate one exercise.

Oracles: the default ("level") offers written out here — offer A: value 60 + 10 + 5 + 5 = 80, cost
50 + 10 + 5 + 10 = 75, delivered value 5; each step down of its money cost adds one point.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from servicelab.testing.browser import chromium_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "11_value_technology.ipynb"


def _cdv_of_a(page) -> int:
    row = page.locator(".sl-cdv-table tbody tr", has_text="方案 A")
    return int(row.locator("td").nth(3).inner_text().replace("−", "-"))


def test_money_cost_slider_updates_delivered_value_and_chart_and_an_exercise_checks(chromium_path, artifacts_dir):
    with voila_server(NOTEBOOK) as url, chromium_page(chromium_path) as page:
        page.goto(url, timeout=180_000)
        page.wait_for_selector(".sl-cdv-chart svg .mark-rect path", timeout=180_000)
        assert _cdv_of_a(page) == 80 - 75
        assert "sl-cdv-agree" in page.inner_html(".sl-cdv-score")
        svg_before = page.inner_html(".sl-cdv-chart svg")

        handle = page.locator(".sl-cdv-a-money .noUi-handle")
        for k in range(1, 6):
            before = page.inner_text(".sl-cdv-score")
            handle.focus()
            page.keyboard.press("ArrowLeft")
            page.wait_for_function("(b) => document.querySelector('.sl-cdv-score').innerText !== b",
                                   arg=before, timeout=15_000)
            assert _cdv_of_a(page) == 5 + k
        # A (10) is now above none of the others: B 45, C 17 still lead; the choice line names B
        assert "方案 B" in page.inner_text(".sl-cdv-choice")
        page.wait_for_function("(b) => document.querySelector('.sl-cdv-chart svg').innerHTML !== b",
                               arg=svg_before, timeout=15_000)
        page.locator(".sl-cdv-panel").screenshot(path=str(artifacts_dir / "value_technology_cdv_after_change.png"))

        # one exercise: drivers or inhibitors (sort), every item answered right, then checked
        panel = page.locator(".sl-ex-panel", has=page.locator(".sl-ex-title", has_text="驱动因素还是抑制因素"))
        panel.scroll_into_view_if_needed()
        right = {"i1": "驱动因素", "i2": "驱动因素", "i3": "抑制因素", "i4": "抑制因素", "i5": "驱动因素", "i6": "抑制因素"}
        for item, group in right.items():
            panel.locator(f".sl-ex-choice-{item} select").select_option(label=group)
        panel.locator(".sl-ex-check").click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('.sl-ex-score')].some(e => /6\\s*\\/\\s*6/.test(e.innerText))",
            timeout=15_000)
        panel.screenshot(path=str(artifacts_dir / "value_technology_exercise.png"))
        page.screenshot(path=str(artifacts_dir / "value_technology_page.png"), full_page=True)
        assert page.errors == [], f"console errors: {page.errors}"
