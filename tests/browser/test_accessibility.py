"""Accessibility of the Voilà pages of 01, 02, 05 and 12 in a real browser, checked with axe-core.

axe-core (Deque's open-source rule engine, from the npm registry) is installed at test time into
``.cache/axe-core/`` (git-ignored) at the exact version in ``tests/browser/axe-core.version``,
with ``npm install --no-save --no-package-lock`` — no lock file is committed — and injected by
playwright into each page once its widgets have rendered.

The test fails on a *serious* or *critical* violation of the rules fixed in issue 7 item 21
(:data:`CHECKED_RULES`: names of sliders, inputs, selects, buttons and toggles; text contrast;
chart images). Every other violation axe finds is written to ``artifacts/axe-<page>.json`` and
listed in the test output — reported, not hidden. Excluded from the checked rules, with reasons:
:data:`EXCLUDE` (empty today).

Besides axe, the test checks what the fixes put in the DOM: each slider handle is named by its
widget's description (or tooltip), each chart is a figure with a summary and a button that shows
its data as a table, and quiz feedback is a polite live region.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from servicelab.testing.browser import chromium_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
AXE_VERSION = (Path(__file__).with_name("axe-core.version")).read_text(encoding="utf-8").strip()
AXE_DIR = REPO / ".cache" / "axe-core"
TIMEOUT = 120_000

#: The rules issue 7 item 21 fixes; a serious / critical violation of any of them fails the test.
CHECKED_RULES = [
    "aria-input-field-name",   # sliders (role=slider) without a name
    "aria-toggle-field-name",
    "aria-command-name",
    "label",                   # inputs without a label
    "select-name",
    "button-name",
    "input-button-name",
    "color-contrast",          # text at least 4.5 : 1 (3 : 1 large)
    "role-img-alt",
    "svg-img-alt",
    "image-alt",
    "aria-valid-attr-value",
    "aria-allowed-attr",
    "target-size",             # WCAG 2.2 AA 2.5.8 (radio options of the quiz cards)
]
#: Parts of the page left out of the checked rules: third-party widget internals we cannot change.
#: None is needed at present: the one piece of ipywidgets chrome that failed (inactive tab titles,
#: 4.45 : 1) is recoloured by widgets.common.page_accessibility instead of being excluded.
EXCLUDE: list[str] = []
#: Pages, what to wait for once the widgets are drawn, and an optional action before the check.
PAGES = {
    "01_service_era": ".sl-st-chart svg",
    "02_customers_tiers": ".sl-tier-chart svg",
    "03_what_is_service": ".sl-journey-chart svg .mark-line path",
    "04_perceived_quality": ".sl-gronroos-chart svg .mark-rect path",
    "05_servqual": ".sl-servqual-chart svg .mark-symbol path",
    "06_gap_model": ".sl-gapf-chart svg .mark-rect path",
    "07_service_process": ".sl-esc-chart svg .mark-rect path",
    "08_satisfaction_loyalty": ".sl-loy-chart svg .mark-line path",
    "09_complaints_recovery": ".sl-pareto-chart svg .mark-rect path",
    "10_quality_management": ".sl-mystery-chart svg .mark-rect path",
    "11_value_technology": ".sl-tt-chart svg .mark-rect path",
    "12_exam_prep": ".sl-exam-prep .sl-quiz-tabs .lm-TabBar-tab",
    "class_mode": ".sl-class-votes svg",
}


def _installed_version() -> str | None:
    pkg = AXE_DIR / "node_modules" / "axe-core" / "package.json"
    try:
        return json.loads(pkg.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe.min.js at the pinned version, installed into the git-ignored cache on first use."""
    if _installed_version() != AXE_VERSION:
        npm = shutil.which("npm")
        if npm is None:
            msg = "npm not found: axe-core cannot be installed (Debian package 'npm')"
            if os.environ.get("SERVICELAB_REQUIRE_BROWSER") == "1":
                pytest.fail(msg)
            pytest.skip(msg)
        AXE_DIR.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run([npm, "install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund",
                               "--prefix", str(AXE_DIR), f"axe-core@{AXE_VERSION}"],
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, f"npm install axe-core@{AXE_VERSION} failed:\n{proc.stderr[-2000:]}"
        assert _installed_version() == AXE_VERSION
    return (AXE_DIR / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def _axe(page, axe_source: str, rules: list[str] | None) -> list[dict]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    options = ({"runOnly": {"type": "rule", "values": rules}} if rules else
               {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                                      "best-practice"]}})
    options["resultTypes"] = ["violations"]
    return page.evaluate("async ([exclude, options]) => (await axe.run({exclude: exclude.map(s => [s])}, options)).violations",
                         [EXCLUDE, options])


def _summary(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): {v['help']}")
        for n in v["nodes"][:3]:
            lines.append(f"    {' '.join(n['target'])[-110:]} :: {n['html'][:110]}")
    return "\n".join(lines)


def _wait_for_names(page) -> None:
    """The page script names the controls a moment after they are drawn (no failure here: axe judges)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            "() => [...document.querySelectorAll('.jupyter-widgets [role=slider]')]"
            ".every(h => (h.getAttribute('aria-label') || '').trim())", timeout=10_000)
    except PlaywrightTimeout:
        pass


def _prepare_12(page) -> None:
    """Show what the check must see: quiz feedback, and the mock paper with its 交卷 button."""
    page.locator(".sl-exam-prep .sl-quiz-card").first.wait_for(timeout=TIMEOUT)
    page.locator(".sl-exam-prep .sl-quiz-tabs .lm-TabBar-tab", has_text="模拟考试").click()
    page.locator(".sl-exam-prep .sl-quiz-mock-start").click()
    page.locator(".sl-exam-prep .sl-quiz-mock-submit").wait_for(state="visible", timeout=TIMEOUT)  # 37 cards: slow when loaded


@pytest.mark.parametrize("notebook", sorted(PAGES))
def test_page_has_no_serious_violations_of_the_fixed_rules(notebook, chromium_path, artifacts_dir, axe_source,
                                                           tmp_path):
    env = {"SERVICELAB_PROGRESS_DB": str(tmp_path / "progress.db")}
    with voila_server(NOTEBOOKS / f"{notebook}.ipynb", env=env) as url, \
            chromium_page(chromium_path, viewport=(1366, 900)) as page:
        page.goto(url, timeout=TIMEOUT)
        page.wait_for_selector(PAGES[notebook], timeout=TIMEOUT)
        _wait_for_names(page)
        if notebook == "12_exam_prep":
            _prepare_12(page)
            _wait_for_names(page)
        everything = _axe(page, axe_source, None)
        (artifacts_dir / f"axe-{notebook}.json").write_text(json.dumps(everything, ensure_ascii=False, indent=1),
                                                          encoding="utf-8")
        print(f"\naxe-core {AXE_VERSION}, {notebook}: every violation found (reported, not all fixed):\n"
              + (_summary(everything) or "none"))
        checked = [v for v in _axe(page, axe_source, CHECKED_RULES) if v["impact"] in ("serious", "critical")]
        assert not checked, f"{notebook}: serious/critical violations of the fixed rules:\n{_summary(checked)}"
        if notebook == "12_exam_prep":  # every question card's feedback is a polite live region
            live = page.evaluate("() => [...document.querySelectorAll('.sl-exam-prep .sl-quiz-feedback')]"
                                 ".map(e => [e.getAttribute('role'), e.getAttribute('aria-live')])")
            assert live and all(x == ["status", "polite"] for x in live), live


def test_presenter_style_has_no_serious_violations(chromium_path, axe_source, tmp_path):
    """Chapter 05 in presenter style (``?presenter=1``, servicelab.presenter) at projector size: the
    larger type, black-on-white text and page-wide charts keep the fixed rules clean, and the switch
    bar's links are named."""
    env = {"SERVICELAB_PROGRESS_DB": str(tmp_path / "progress.db")}
    with voila_server(NOTEBOOKS / "05_servqual.ipynb", env=env) as url, \
            chromium_page(chromium_path, viewport=(1920, 1080)) as page:
        page.goto(url + "&lang=en&preset=class-survey&presenter=1", timeout=TIMEOUT)
        page.wait_for_selector(PAGES["05_servqual"], timeout=TIMEOUT)
        assert "Presenter style: on" in page.inner_text(".sl-presenter-bar")
        _wait_for_names(page)
        checked = [v for v in _axe(page, axe_source, CHECKED_RULES) if v["impact"] in ("serious", "critical")]
        assert not checked, f"presenter style: serious/critical violations of the fixed rules:\n{_summary(checked)}"


def test_sliders_are_named_by_their_description(chromium_path, tmp_path):
    """Chapter 01: each rating slider's handle reads as the item it rates (its visible description)."""
    with voila_server(NOTEBOOKS / "01_service_era.ipynb") as url, chromium_page(chromium_path) as page:
        page.goto(url, timeout=TIMEOUT)
        page.wait_for_selector(".sl-st-chart svg", timeout=TIMEOUT)
        _wait_for_names(page)
        pairs = page.evaluate(
            "() => [...document.querySelectorAll('.sl-st-timeliness, .sl-st-flow')].map(w => ["
            " w.querySelector('label.widget-label').textContent.trim(),"
            " w.querySelector('[role=slider]').getAttribute('aria-label')])")
        assert len(pairs) == 2 and all(label and label == name for label, name in pairs), pairs


def test_chart_has_a_summary_and_a_data_table_on_demand(chromium_path):
    """Chapter 05's expectation/perception chart: a named figure; the button shows its data as a table."""
    with voila_server(NOTEBOOKS / "05_servqual.ipynb") as url, chromium_page(chromium_path) as page:
        page.goto(url, timeout=TIMEOUT)
        chart = page.locator(".sl-servqual-chart")
        page.wait_for_selector(".sl-servqual-chart svg .mark-symbol path", timeout=TIMEOUT)
        figure = chart.locator("[role=figure]")
        assert figure.get_attribute("aria-label").startswith("图表：")
        toggle = chart.locator(".sl-chart-table-toggle")
        assert toggle.inner_text() == "显示数据表" and toggle.get_attribute("aria-expanded") == "false"
        assert not chart.locator(".sl-chart-table table").count()
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true" and toggle.inner_text() == "隐藏数据表"
        table = chart.locator(".sl-chart-table table").first
        headers = table.locator("th").all_inner_texts()
        assert "维度" in " ".join(headers), headers
        # five dimensions, each with its default ratings E = 6 / P = 5 as the panel starts
        text = table.inner_text()
        for dim in ("有形性", "可靠性", "响应性", "保证性", "移情性"):
            assert dim in text, text
