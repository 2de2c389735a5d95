"""02_customers_tiers in a real browser: move a tier cut-off slider, see the tier table re-tier."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from servicelab.testing.browser import chromium_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "02_customers_tiers.ipynb"
N_CUSTOMERS = 23570  # CDNOW customers (data/cdnow/README.md)


def _top_tier_count(page) -> int:
    first_row = page.locator(".sl-tier-profile tbody tr").first
    return int(first_row.locator("td").nth(1).inner_text().replace(",", ""))


def test_cut_off_slider_retiers_the_table(chromium_path, artifacts_dir):
    with voila_server(NOTEBOOK) as url, chromium_page(chromium_path) as page:
        page.goto(url, timeout=120_000)
        page.wait_for_selector(".sl-tier-profile", timeout=120_000)
        page.wait_for_selector(".sl-tier-chart svg .mark-rect path", timeout=60_000)
        table = ".sl-tier-table"
        before = page.inner_text(table)
        # the course's default 20 / 30 / 30 / 20 %: the super-heavyweights are the top 20 % (seed S4)
        assert _top_tier_count(page) == math.floor(0.20 * N_CUSTOMERS + 0.5) == 4714
        svg_before = page.inner_html(".sl-tier-chart svg")

        # the learner moves the first cut-off from 20 % to 21 % with the keyboard
        page.locator(".sl-tier-cut1 .noUi-handle").focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("(b) => document.querySelector('.sl-tier-table').innerText !== b", arg=before, timeout=20_000)
        after = page.inner_text(table)
        assert after != before
        assert _top_tier_count(page) == math.floor(0.21 * N_CUSTOMERS + 0.5) == 4950
        assert "19" in page.inner_text(".sl-tier-remainder")  # the last tier now holds the remaining 19 %
        page.wait_for_function("(b) => document.querySelector('.sl-tier-chart svg').innerHTML !== b",
                               arg=svg_before, timeout=20_000)
        page.locator(".sl-tier-panel").screenshot(path=str(artifacts_dir / "tiers_after_cutoff.png"))

        # and back: the original tiers return
        page.keyboard.press("ArrowLeft")
        page.wait_for_function("(b) => document.querySelector('.sl-tier-table').innerText !== b", arg=after, timeout=20_000)
        assert page.inner_text(table) == before
        page.screenshot(path=str(artifacts_dir / "tiers_page.png"), full_page=True)
        assert page.errors == [], f"console errors: {page.errors}"
