"""06_gap_model in a real browser: pick a gap in the diagram, move a factor slider and see the
risk profile and its chart change, sort scenes in the diagnosis exercise.

Oracles: the gap texts of ``data/gap_model/gaps.json``; risks worked by hand from the documented
scoring (every factor at 3 → every gap 0.5; role conflict 3 → 4 makes gap 3 (6 × 0.5 + 0.75) / 7).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from servicelab.testing.browser import chromium_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "06_gap_model.ipynb"
GAPS = json.loads((ROOT / "data" / "gap_model" / "gaps.json").read_text(encoding="utf-8"))["gaps"]
EXERCISE = json.loads((ROOT / "data" / "exercises" / "06_gap_model.json").read_text(encoding="utf-8"))["exercises"][0]
GROUPS = {g["id"]: g["label"]["zh"] for g in EXERCISE["groups"]}
SCENES = {i["id"]: i for i in EXERCISE["items"]}


def test_gap_selector_factor_slider_and_exercise(chromium_path, artifacts_dir):
    with voila_server(NOTEBOOK) as url, chromium_page(chromium_path) as page:
        page.goto(url, timeout=180_000)
        page.wait_for_selector(".sl-gapf-chart svg .mark-rect path", timeout=180_000)
        page.wait_for_selector(".sl-gapmodel-chart svg", timeout=60_000)

        # -- the diagram: click the button of gap 3
        diagram_before = page.inner_html(".sl-gapmodel-chart svg")
        page.locator(".sl-gapmodel-selector button", has_text="差距3").click()
        page.wait_for_function("(t) => document.querySelector('.sl-gapmodel-text').innerText.includes(t)",
                               arg=GAPS[2]["name"]["zh"], timeout=15_000)
        assert GAPS[2]["close"]["zh"][:10] in page.inner_text(".sl-gapmodel-text")
        page.wait_for_function("(b) => document.querySelector('.sl-gapmodel-chart svg').innerHTML !== b",
                               arg=diagram_before, timeout=15_000)
        page.locator(".sl-gapmodel-panel").screenshot(path=str(artifacts_dir / "gap_model_diagram_gap3.png"))

        # -- the factor panel: every factor at 3, so every gap 0.50 and the tie starts at gap 1
        start = ".sl-gapf-start"
        before = page.inner_text(start)
        assert "差距1" in before and "0.50" in before
        chart_before = page.inner_html(".sl-gapf-chart svg")
        page.locator(".sl-gapf-role_conflict .noUi-handle").focus()
        page.keyboard.press("ArrowRight")  # role conflict 3 → 4
        page.wait_for_function("(b) => document.querySelector('.sl-gapf-start').innerText !== b",
                               arg=before, timeout=15_000)
        after = page.inner_text(start)
        assert "差距3" in after and "0.54" in after and "角色冲突" in after  # (3 + 0.75) / 7 = 0.536
        assert "0.54" in page.inner_text(".sl-gapf-profile")
        page.wait_for_function("(b) => document.querySelector('.sl-gapf-chart svg').innerHTML !== b",
                               arg=chart_before, timeout=15_000)
        page.locator(".sl-gapf-panel").screenshot(path=str(artifacts_dir / "gap_model_factors_after_change.png"))

        # -- the first diagnosis exercise: one scene put right, one wrong, then Check (mouse)
        panel = page.locator(".sl-ex-panel").first
        right, wrong = SCENES["bank-no-survey"], SCENES["sea-view-photos"]  # gap 1 and gap 4 by the data
        assert (right["group"], wrong["group"]) == ("gap1", "gap4")
        panel.locator(".sl-ex-choice-bank-no-survey select").select_option(label=GROUPS["gap1"])
        panel.locator(".sl-ex-choice-sea-view-photos select").select_option(label=GROUPS["gap3"])
        panel.locator(".sl-ex-check").click()
        page.wait_for_selector(".sl-ex-feedback-bank-no-survey .sl-ex-mark", timeout=15_000)
        ok = page.inner_text(".sl-ex-feedback-bank-no-survey").strip()
        assert ok.startswith("✓") and right["reason"]["zh"] in ok, ok
        bad = page.inner_text(".sl-ex-feedback-sea-view-photos").strip()
        assert bad.startswith("✗") and GROUPS["gap4"] in bad, bad
        unanswered = page.inner_text(".sl-ex-feedback-phone-elderly").strip()
        assert not unanswered.startswith("✓"), unanswered
        assert "1" in panel.locator(".sl-ex-score").inner_text() and str(len(SCENES)) in panel.locator(".sl-ex-score").inner_text()
        panel.screenshot(path=str(artifacts_dir / "gap_model_exercise_checked.png"))
        page.screenshot(path=str(artifacts_dir / "gap_model_page.png"), full_page=True)
        assert page.errors == [], f"console errors: {page.errors}"
