"""The learner's path (`make lab`): 05_servqual in JupyterLab — run all cells, the live chart draws
(offline), and moving a perception slider updates the score and the chart."""
from __future__ import annotations

from pathlib import Path

import pytest

from servicelab.testing.browser import chromium_page
from servicelab.testing.lab import lab_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def test_servqual_runs_and_updates_in_jupyterlab(chromium_path, artifacts_dir, tmp_path):
    with lab_server(NOTEBOOKS, env={"SERVICELAB_PROGRESS_DB": str(tmp_path / "p.db")}) as (url, token), \
            chromium_page(chromium_path) as page:
        page.goto(f"{url}lab/tree/05_servqual.ipynb?token={token}", timeout=120_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
        page.wait_for_selector("text=Python 3 (ipykernel) | Idle", timeout=120_000)
        page.click("li.lm-MenuBar-item:has-text('Run')")
        page.click("li.lm-Menu-item:has-text('Run All Cells')")
        page.wait_for_selector(".sl-servqual-chart svg .mark-symbol path", timeout=120_000)
        overall = page.locator(".sl-servqual-overall")
        overall.scroll_into_view_if_needed()  # JupyterLab renders only the cells in view
        before = overall.text_content()
        assert before.strip().endswith("−1.00")
        svg_before = page.inner_html(".sl-servqual-chart svg")
        handle = page.locator(".sl-servqual-p1 .noUi-handle")
        handle.scroll_into_view_if_needed()
        handle.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("(b) => document.querySelector('.sl-servqual-overall').textContent !== b", arg=before,
                               timeout=20_000)
        assert overall.text_content().strip().endswith("−0.95")  # tangibles −0.75, overall (−0.75 − 4)/5
        page.wait_for_function("(b) => document.querySelector('.sl-servqual-chart svg').innerHTML !== b",
                               arg=svg_before, timeout=20_000)
        page.locator(".sl-servqual-panel").screenshot(path=str(artifacts_dir / "jupyterlab_servqual.png"))
        assert page.errors == [], f"console errors: {page.errors}"
