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


def test_make_lab_in_chinese_uses_jupyterlabs_zh_cn_language_pack(chromium_path, tmp_path):
    """`make lab LAB_LANG=zh_CN`: JupyterLab's translation API lists the zh_CN pack and the menus are Chinese.

    The JupyterLab options are taken from the Makefile's own command (``make -n``); its settings file is
    copied to a temporary folder instead of ``.venv`` as the Makefile does.
    """
    import json
    import re
    import shutil
    import subprocess
    import urllib.request

    repo = NOTEBOOKS.parent
    dry = subprocess.run(["make", "-n", "lab", "LAB_LANG=zh_CN"], cwd=repo, capture_output=True, text=True, check=True).stdout
    source = re.search(r"cp (\S+overrides\.json) ", dry)[1]
    assert re.search(r"jupyter lab \S+ --LabApp\.app_settings_dir=\S+settings-zh_CN", dry), dry
    settings = tmp_path / "settings-zh_CN"
    settings.mkdir()
    shutil.copy(repo / source, settings / "overrides.json")
    with lab_server(NOTEBOOKS, args=[f"--LabApp.app_settings_dir={settings}"]) as (url, token), \
            chromium_page(chromium_path) as page:
        def get(path):
            req = urllib.request.Request(url + path, headers={"Authorization": f"token {token}"})
            with urllib.request.urlopen(req, timeout=60) as resp:
                return json.load(resp)

        packs = get("lab/api/translations")["data"]
        assert "zh_CN" in packs and packs["zh_CN"]["displayName"], packs
        plugin = get("lab/api/settings/@jupyterlab/translation-extension:plugin")
        assert plugin["schema"]["properties"]["locale"]["default"] == "zh_CN"  # the Makefile's default
        assert "locale" not in plugin["settings"]  # no user setting was written
        page.goto(f"{url}lab?token={token}", timeout=120_000)
        menus = page.locator(".lm-MenuBar-itemLabel")
        menus.first.wait_for(timeout=120_000)
        page.wait_for_function("() => [...document.querySelectorAll('.lm-MenuBar-itemLabel')]"
                               ".some(e => e.textContent.includes('文件'))", timeout=60_000)
        labels = menus.all_inner_texts()
        assert any("文件" in x for x in labels) and any("编辑" in x for x in labels), labels
        assert not any(x.strip() in ("File", "Edit") for x in labels), labels
