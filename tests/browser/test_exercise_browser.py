"""The exercise widget in a real browser (Voilà + headless Chromium), operated by keyboard only.

The fixture notebook tests/fixtures/exercise_widget.ipynb shows the order exercise of
tests/fixtures/exercises/03_what_is_service.json (the server is given ``SERVICELAB_EXERCISES``).
A learner checks the shuffled order (some ✗), reorders the steps with Enter on the ↑ buttons —
the keyboard focus following the step it moves — checks again (all ✓), and tries again.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from servicelab.testing.browser import chromium_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NOTEBOOK = FIXTURES / "exercise_widget.ipynb"
STEPS = next(e for e in json.loads((FIXTURES / "exercises" / "03_what_is_service.json").read_text(encoding="utf-8"))
             ["exercises"] if e["id"] == "ex03-fixture-order")["steps"]
CORRECT = [s["label"]["en"] for s in STEPS]  # stored in the correct order


def _order(page) -> list[str]:
    return [page.inner_text(f".sl-ex-slot-{i}").strip() for i in range(1, len(CORRECT) + 1)]


def _focused_has(page, css_class: str) -> bool:
    return page.evaluate("(c) => !!document.activeElement && document.activeElement.classList.contains(c)", css_class)


def _tab_to(page, css_class: str, limit: int = 30) -> None:
    """Press Tab until the control with ``css_class`` has the focus."""
    for _ in range(limit):
        if _focused_has(page, css_class):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached .{css_class}")


def test_order_exercise_by_keyboard(chromium_path, artifacts_dir):
    env = {"SERVICELAB_EXERCISES": str(FIXTURES / "exercises")}
    with voila_server(NOTEBOOK, env=env) as url, chromium_page(chromium_path) as page:
        page.goto(url, timeout=120_000)
        page.wait_for_selector(".sl-ex-panel .sl-ex-down-1", timeout=120_000)
        start = _order(page)
        assert sorted(start) == sorted(CORRECT) and start != CORRECT  # shuffled, never solved

        # Check the shuffled order: the Check button is reached with Tab and pressed with Enter
        page.locator(".sl-ex-down-1").focus()
        _tab_to(page, "sl-ex-check")
        page.keyboard.press("Enter")
        page.wait_for_selector(".sl-ex-feedback-1 .sl-ex-mark", timeout=15_000)
        feedback = [page.inner_text(f".sl-ex-feedback-{i}") for i in range(1, len(CORRECT) + 1)]
        wrong = [i for i, (a, b) in enumerate(zip(start, CORRECT)) if a != b]
        for i, text in enumerate(feedback):  # the oracle: the fixture's stored order
            if i in wrong:
                assert text.startswith(f"✗ Not right: position {i + 1} is “{CORRECT[i]}”."), text
            else:
                assert text.startswith("✓ Right."), text
        assert page.inner_text(".sl-ex-score").strip() == f"Right: {len(CORRECT) - len(wrong)} of {len(CORRECT)}"
        page.locator(".sl-ex-panel").screenshot(path=str(artifacts_dir / "exercise_checked_shuffled.png"))

        # put each step in its place with Enter on its ↑ button; the focus follows the step
        for target, label in enumerate(CORRECT):
            k = _order(page).index(label)
            if k == target:
                continue
            page.locator(f".sl-ex-up-{k + 1}").focus()
            for pos in range(k, target, -1):  # 0-based: the step moves from pos to pos − 1
                before = _order(page)
                page.keyboard.press("Enter")
                page.wait_for_function("(b) => document.querySelector('.sl-ex-slot-' + b.n).innerText.trim() === b.label",
                                       arg={"n": pos, "label": label}, timeout=15_000)
                assert _order(page)[pos - 1] == label and _order(page)[pos] == before[pos - 1]
                follow = f"sl-ex-up-{pos}" if pos > 1 else "sl-ex-down-1"  # ↑ is disabled at the top
                page.wait_for_function("(c) => document.activeElement && document.activeElement.classList.contains(c)",
                                       arg=follow, timeout=15_000)
        assert _order(page) == CORRECT
        assert "is now in position" in page.inner_text(".sl-ex-status")

        _tab_to(page, "sl-ex-check")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('.sl-ex-score').innerText.includes('All right!')",
                               timeout=15_000)
        for i in range(1, len(CORRECT) + 1):
            text = page.inner_text(f".sl-ex-feedback-{i}")
            assert text.startswith("✓ Right.") and STEPS[i - 1]["reason"]["en"] in text
        page.locator(".sl-ex-panel").screenshot(path=str(artifacts_dir / "exercise_all_right.png"))

        # Try again (Tab, Enter): a new shuffle, the feedback cleared
        _tab_to(page, "sl-ex-retry")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('.sl-ex-score').innerText.trim() === ''", timeout=15_000)
        assert _order(page) != CORRECT and sorted(_order(page)) == sorted(CORRECT)
        assert page.inner_text(".sl-ex-feedback-1").strip() == ""
        page.screenshot(path=str(artifacts_dir / "exercise_page.png"), full_page=True)
        assert page.errors == [], f"console errors: {page.errors}"
        assert page.external_requests == []
