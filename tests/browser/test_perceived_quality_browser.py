"""04_perceived_quality in a real browser: move the promise on the Grönroos panel with the keyboard,
see perceived quality fall and the diagram redraw (the over-promising trap); then sort one item of
an exercise and check it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from servicelab.testing.browser import chromium_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "04_perceived_quality.ipynb"


def _perceived(text: str) -> float:
    m = re.search(r"=\s*([−+-]?\d+\.\d+)", text)
    assert m, f"no perceived quality in {text!r}"
    return float(m.group(1).replace("−", "-"))


def _raise_promise(page, presses: int) -> None:
    handle = page.locator(".sl-gronroos-promise .noUi-handle")
    for _ in range(presses):
        before = page.inner_text(".sl-gronroos-perceived")
        handle.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("(b) => document.querySelector('.sl-gronroos-perceived').innerText !== b",
                               arg=before, timeout=15_000)


def test_raising_the_promise_lowers_perceived_quality_and_redraws_the_diagram(chromium_path, artifacts_dir):
    with voila_server(NOTEBOOK) as url, chromium_page(chromium_path) as page:
        page.goto(url, timeout=120_000)
        page.wait_for_selector(".sl-gronroos-chart svg .mark-rect path", timeout=120_000)
        # the preset "balanced": all six inputs 6 → E = 6, X = 6 + 0.3 × (6 − 5) = 6.3, PQ = +0.30
        assert _perceived(page.inner_text(".sl-gronroos-perceived")) == pytest.approx(0.3)
        assert "教学示意" in page.inner_text(".sl-gronroos-illustration")
        svg_before = page.inner_html(".sl-gronroos-chart svg")
        # promise 6 → 10 in steps of 0.5 (8 key presses): E = (10 + 18) / 4 = 7, PQ = 6.3 − 7 = −0.70
        _raise_promise(page, 8)
        score = page.inner_text(".sl-gronroos-score")
        assert _perceived(page.inner_text(".sl-gronroos-perceived")) == pytest.approx(-0.7)
        assert "低于期望" in score and "过度承诺的陷阱" in score
        assert "7.00" in page.inner_text(".sl-gronroos-table")
        page.wait_for_function("(b) => document.querySelector('.sl-gronroos-chart svg').innerHTML !== b",
                               arg=svg_before, timeout=15_000)
        chart_text = page.text_content(".sl-gronroos-chart svg")
        assert "−0.70" in chart_text and "10" in chart_text
        page.locator(".sl-gronroos-panel").screenshot(path=str(artifacts_dir / "gronroos_over_promise.png"))

        # an exercise (shared widget): "a TV advert" → controllable (right), "the customer's urgent
        # business" → controllable too (wrong: customer needs are uncontrollable), then Check
        panel = page.locator(".sl-ex-panel", has=page.locator(".sl-ex-choice-ads"))
        panel.scroll_into_view_if_needed()
        panel.locator(".sl-ex-choice-ads select").select_option(label="可控因素")
        panel.locator(".sl-ex-choice-needs select").select_option(label="可控因素")
        panel.locator(".sl-ex-check").focus()
        page.keyboard.press("Enter")
        panel.locator(".sl-ex-feedback-ads .sl-ex-mark").wait_for(timeout=15_000)
        feedback = panel.locator(".sl-ex-feedback-ads").inner_text()
        # the oracle: the course slide — advertising is market communication, controllable
        assert feedback.startswith("✓"), feedback
        wrong = panel.locator(".sl-ex-feedback-needs").inner_text()
        assert wrong.startswith("✗") and "不可控因素" in wrong, wrong
        panel.screenshot(path=str(artifacts_dir / "exercise_expectation_factors.png"))
        page.screenshot(path=str(artifacts_dir / "perceived_quality_page.png"), full_page=True)
        assert page.errors == [], f"console errors: {page.errors}"
