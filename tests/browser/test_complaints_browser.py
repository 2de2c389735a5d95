"""09_complaints_recovery in a real browser: move the Pareto line by keyboard and see the vital few,
the table and the chart change; move a recovery lever; sort scenes in the churn exercise.

Oracles: the seed's counts worked by hand (10 causes cover 117 / 148 = 79.05 %, 11 cover 120 / 148 =
81.08 %: at 80 % the vital few are 11, at 79 % they are 10); the documented recovery formula worked by
hand (severity 5, keys 5 → 70 − 25 · 0.5 = 57.5; severity 4 → 70 − 20 · 0.5 = 60.0); the exercise
file read with the json module.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from servicelab.testing.browser import chromium_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "09_complaints_recovery.ipynb"
EXERCISE = json.loads((ROOT / "data" / "exercises" / "09_complaints_recovery.json").read_text(encoding="utf-8"))["exercises"][0]
GROUPS = {g["id"]: g["label"]["zh"] for g in EXERCISE["groups"]}
SCENES = {i["id"]: i for i in EXERCISE["items"]}


def test_pareto_line_recovery_lever_and_exercise(chromium_path, artifacts_dir):
    with voila_server(NOTEBOOK) as url, chromium_page(chromium_path) as page:
        page.goto(url, timeout=180_000)
        page.wait_for_selector(".sl-pareto-chart svg .mark-rect path", timeout=180_000)
        page.wait_for_selector(".sl-recovery-chart svg .mark-rect path", timeout=60_000)

        # -- the Pareto panel: 80 % → 79 % by keyboard
        summary = page.inner_text(".sl-pareto-summary")
        assert "前 11 个原因" in summary and "81.08 %" in summary, summary
        assert page.locator(".sl-pareto-rows tbody tr").count() == 11
        chart_before = page.inner_html(".sl-pareto-chart svg")
        page.locator(".sl-pareto-threshold .noUi-handle").focus()
        page.keyboard.press("ArrowLeft")
        page.wait_for_function("(b) => document.querySelector('.sl-pareto-summary').innerText !== b",
                               arg=summary, timeout=15_000)
        after = page.inner_text(".sl-pareto-summary")
        assert "前 10 个原因" in after and "117" in after and "79.05 %" in after, after
        assert page.locator(".sl-pareto-rows tbody tr").count() == 10
        page.wait_for_function("(b) => document.querySelector('.sl-pareto-chart svg').innerHTML !== b",
                               arg=chart_before, timeout=15_000)
        page.locator(".sl-pareto-panel").screenshot(path=str(artifacts_dir / "complaints_pareto_79.png"))

        # -- the recovery panel: severity 5 → 4
        readout = page.inner_text(".sl-recovery-readout")
        assert "57.5" in readout, readout
        chart_before = page.inner_html(".sl-recovery-chart svg")
        page.locator(".sl-recovery-severity .noUi-handle").focus()
        page.keyboard.press("ArrowLeft")
        page.wait_for_function("(b) => document.querySelector('.sl-recovery-readout').innerText !== b",
                               arg=readout, timeout=15_000)
        assert "60.0" in page.inner_text(".sl-recovery-readout")
        page.wait_for_function("(b) => document.querySelector('.sl-recovery-chart svg').innerHTML !== b",
                               arg=chart_before, timeout=15_000)
        assert "教学示意" in page.inner_text(".sl-recovery-panel")
        page.locator(".sl-recovery-panel").screenshot(path=str(artifacts_dir / "complaints_recovery.png"))

        # -- the churn exercise: one scene right, one wrong, then Check (mouse)
        panel = page.locator(".sl-ex-panel").first
        right, wrong = SCENES["rude-clerk"], SCENES["parcel-three-depots"]
        assert (right["group"], wrong["group"]) == ("employees", "system")
        panel.locator(".sl-ex-choice-rude-clerk select").select_option(label=GROUPS["employees"])
        panel.locator(".sl-ex-choice-parcel-three-depots select").select_option(label=GROUPS["value"])
        panel.locator(".sl-ex-check").click()
        page.wait_for_selector(".sl-ex-feedback-rude-clerk .sl-ex-mark", timeout=15_000)
        ok = page.inner_text(".sl-ex-feedback-rude-clerk").strip()
        assert ok.startswith("✓") and right["reason"]["zh"] in ok, ok
        bad = page.inner_text(".sl-ex-feedback-parcel-three-depots").strip()
        assert bad.startswith("✗") and GROUPS["system"] in bad, bad
        score = panel.locator(".sl-ex-score").inner_text()
        assert "1" in score and str(len(SCENES)) in score, score
        panel.screenshot(path=str(artifacts_dir / "complaints_exercise_checked.png"))
        page.screenshot(path=str(artifacts_dir / "complaints_page.png"), full_page=True)
        assert page.errors == [], f"console errors: {page.errors}"
