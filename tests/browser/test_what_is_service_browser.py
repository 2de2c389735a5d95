"""03_what_is_service in a real browser (Voilà + Chromium): move a touchpoint slider of the journey
panel with the keyboard and see the mean, the peak–end memory and the chart change; operate one
exercise.

Oracle (worked by hand, peak–end rule of Kahneman et al. 1993 as documented in
servicelab.models.encounter): the hotel stay's default ratings 7, 6, 2, 8, 7, 6, 3 have mean
39/7 = 5.57; the peak is check-in's 2 (as far from 5 as the room's 8: the bad one counts), the end 3:
remembered (2 + 3)/2 = 2.50. One step right on check-out (3 → 4): mean 40/7 = 5.71, remembered
(2 + 4)/2 = 3.00.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from servicelab.testing.browser import chromium_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "03_what_is_service.ipynb"


def test_journey_slider_updates_mean_memory_and_chart(chromium_path, artifacts_dir):
    with voila_server(NOTEBOOK) as url, chromium_page(chromium_path) as page:
        page.goto(url, timeout=120_000)
        page.wait_for_selector(".sl-journey-chart svg .mark-line path", timeout=120_000)
        score = ".sl-journey-score"
        before = page.inner_text(score)
        assert "5.57" in before and "2.50" in before
        svg_before = page.inner_html(".sl-journey-chart svg")

        page.locator(".sl-journey-tp7 .noUi-handle").focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("(b) => document.querySelector('.sl-journey-score').innerText !== b",
                               arg=before, timeout=15_000)
        after = page.inner_text(score)
        assert "5.71" in after and "3.00" in after, after
        page.wait_for_function("(b) => document.querySelector('.sl-journey-chart svg').innerHTML !== b",
                               arg=svg_before, timeout=15_000)
        page.locator(".sl-journey-panel").screenshot(path=str(artifacts_dir / "journey_after_change.png"))
        assert page.errors == [], f"console errors: {page.errors}"
        assert page.external_requests == [], page.external_requests


EXERCISES = Path(__file__).resolve().parents[2] / "data" / "exercises" / "03_what_is_service.json"


def test_dunning_exercise_by_keyboard_and_mouse(chromium_path, artifacts_dir):
    """The order exercise on Dunning's three stages: check the shuffled order, move every stage into
    its place with Enter on its ↑ button, press Check with the mouse: all right. The oracle is the
    data file's stored order (the contract lists steps in the correct order), read with json."""
    import json

    ex = next(e for e in json.loads(EXERCISES.read_text(encoding="utf-8"))["exercises"] if e["id"] == "ex03-dunning-stages")
    correct = [s["label"]["zh"] for s in ex["steps"]]
    with voila_server(NOTEBOOK) as url, chromium_page(chromium_path) as page:
        page.goto(url, timeout=120_000)
        page.wait_for_selector(".sl-journey-chart svg .mark-line path", timeout=120_000)  # the page is drawn
        panel = page.locator(".sl-ex-panel", has_text=ex["title"]["zh"])
        panel.scroll_into_view_if_needed()

        def order() -> list[str]:
            return [panel.locator(f".sl-ex-slot-{i}").inner_text().strip() for i in range(1, len(correct) + 1)]

        start = order()
        assert sorted(start) == sorted(correct) and start != correct  # shuffled, never solved
        for target, label in enumerate(correct):
            k = order().index(label)
            if k == target:
                continue
            for pos in range(k, target, -1):
                # focus the ↑ of the step's current slot each time: the widget moves the focus with the
                # step too, but that message may arrive after the slot's new text on a loaded machine
                # (that the focus follows is tested in test_exercise_browser.py)
                panel.locator(f".sl-ex-up-{pos + 1}").focus()
                page.keyboard.press("Enter")
                panel.locator(f".sl-ex-slot-{pos}", has_text=label).wait_for(timeout=15_000)
        assert order() == correct
        panel.locator(".sl-ex-check").click()
        panel.locator(".sl-ex-score", has_text="全部正确").wait_for(timeout=15_000)
        for i, step in enumerate(ex["steps"], start=1):
            text = panel.locator(f".sl-ex-feedback-{i}").inner_text()
            assert text.startswith("✓") and step["reason"]["zh"] in text, text
        panel.screenshot(path=str(artifacts_dir / "what_is_service_dunning_exercise.png"))
        assert page.errors == [], f"console errors: {page.errors}"
