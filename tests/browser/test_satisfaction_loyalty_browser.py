"""08_satisfaction_loyalty in a real browser: move the IPA cross-lines from the mean to the median
and switch the importance source, answer the Kano questionnaire, and sort examples in the
satisfaction-levels exercise.

Oracles: the class survey's weight and perception columns read here with pandas (median of the
five mean weights; assurance's mean weight equals that median, so it moves from "possible
overkill" to "keep up"); the Kano table of Berger et al. (1993) (like / neutral → attractive);
the exercise file read with json.
"""
from __future__ import annotations

import json
from pathlib import Path
from statistics import median

import pandas as pd
import pytest

from servicelab.testing.browser import chromium_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "08_satisfaction_loyalty.ipynb"
CATALOGUE = {k: v for f in (ROOT / "data" / "i18n").glob("*.json") for k, v in json.loads(f.read_text(encoding="utf-8")).items()}
EXERCISE = next(e for e in json.loads((ROOT / "data" / "exercises" / "08_satisfaction_loyalty.json").read_text(encoding="utf-8"))["exercises"]
                if e["id"] == "ex08-satisfaction-levels")
GROUPS = {g["id"]: g["label"]["zh"] for g in EXERCISE["groups"]}
ITEMS = {i["id"]: i for i in EXERCISE["items"]}
RAW = pd.read_csv(ROOT / "data" / "surveys" / "canteen_servqual.csv")


def test_ipa_cross_lines_kano_questionnaire_and_exercise(chromium_path, artifacts_dir):
    weights = [RAW[f"W{i}"].mean() for i in range(1, 6)]
    med = median(weights)
    with voila_server(NOTEBOOK) as url, chromium_page(chromium_path) as page:
        page.goto(url, timeout=180_000)
        page.wait_for_selector(".sl-ipa-chart svg .mark-symbol path", timeout=180_000)

        # -- IPA: mean lines first (the weights' mean is the equal share, 20 points)
        summary = ".sl-ipa-summary"
        before = page.inner_text(summary)
        assert "20.00" in before
        overkill, keep = CATALOGUE["ipa.quadrant.possible_overkill"]["zh"], CATALOGUE["ipa.quadrant.keep_up"]["zh"]
        assurance = CATALOGUE["servqual.dimension.assurance"]["zh"]
        row = page.locator(".sl-ipa-table tr", has_text=assurance)
        assert overkill in row.inner_text()
        chart_before = page.inner_html(".sl-ipa-chart svg")
        page.locator(".sl-ipa-centre button", has_text=CATALOGUE["ipa.centre.median"]["zh"]).click()
        page.wait_for_function("(b) => document.querySelector('.sl-ipa-summary').innerText !== b", arg=before, timeout=15_000)
        assert f"{med:.2f}" in page.inner_text(summary)
        assert keep in page.locator(".sl-ipa-table tr", has_text=assurance).inner_text()
        page.wait_for_function("(b) => document.querySelector('.sl-ipa-chart svg').innerHTML !== b",
                               arg=chart_before, timeout=15_000)
        page.locator(".sl-ipa-panel").screenshot(path=str(artifacts_dir / "satisfaction_ipa_median.png"))

        # -- importance ratings: one point per item, 22 rows (keyboard: focus the button, Enter)
        page.locator(".sl-ipa-source button", has_text=CATALOGUE["satnb.ipa.source.expectations"]["zh"]).focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelectorAll('.sl-ipa-table tbody tr').length === 22", timeout=15_000)

        # -- Kano: free soup, like / neutral -> attractive
        page.locator(".sl-kano-f-free_soup select").select_option(label=CATALOGUE["kano.answer.like"]["zh"])
        page.locator(".sl-kano-d-free_soup select").select_option(label=CATALOGUE["kano.answer.neutral"]["zh"])
        soup = CATALOGUE["kano.feature.free_soup"]["zh"]
        page.wait_for_function(
            "([f, c]) => [...document.querySelectorAll('.sl-kano-table tr')].some(r => r.innerText.includes(f) && r.innerText.split(c).length > 2)",
            arg=[soup, CATALOGUE["kano.category.A"]["zh"]], timeout=15_000)  # yours and the class's: both attractive
        assert CATALOGUE["satnb.kano.agree"]["zh"].format(answered=1, same=1) in page.inner_text(".sl-kano-result")

        # -- the satisfaction-levels exercise: one right, one wrong, then Check (mouse)
        panel = page.locator(".sl-ex-panel").first
        right, wrong = ITEMS["i1"], ITEMS["i3"]
        assert (right["group"], wrong["group"]) == ("visual", "mind")
        panel.locator(".sl-ex-choice-i1 select").select_option(label=GROUPS["visual"])
        panel.locator(".sl-ex-choice-i3 select").select_option(label=GROUPS["behaviour"])
        panel.locator(".sl-ex-check").click()
        page.wait_for_selector(".sl-ex-feedback-i1 .sl-ex-mark", timeout=15_000)
        ok = page.inner_text(".sl-ex-feedback-i1").strip()
        assert ok.startswith("✓") and right["reason"]["zh"] in ok, ok
        bad = page.inner_text(".sl-ex-feedback-i3").strip()
        assert bad.startswith("✗") and GROUPS["mind"] in bad, bad
        panel.screenshot(path=str(artifacts_dir / "satisfaction_levels_exercise_checked.png"))
        page.screenshot(path=str(artifacts_dir / "satisfaction_loyalty_page.png"), full_page=True)
        assert page.errors == [], f"console errors: {page.errors}"
