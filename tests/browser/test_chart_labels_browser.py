"""Chapter charts in a real browser at 1366 px: no two texts of one chart overlap, and no label is cut
short with "…" (vega's labelLimit), in zh and en.

Oracle: the browser's own layout — the bounding box of every SVG ``text`` the chart draws
(``getBoundingClientRect``), compared pairwise with a 1 px tolerance; nothing from the chart code.
A label vega hides because it would collide (``labelOverlap``: opacity 0) still counts: an axis must
not rely on vega dropping labels (it estimates text widths, the browser measures them), so share axes
get explicit ticks. Every chart of every tab is measured (a tab is opened before its charts are
measured). One server per chapter, both languages from it (the two pages load side by side).
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from servicelab.testing.browser import chromium_page, demo_server, visit_tabs, with_parameters

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"

#: chapter notebook -> charts (class names) that must be drawn, each with ≥ 10 texts. In every chart of the
#: chapter no two texts overlap and no label is cut with "…".
CHAPTERS = {
    "08_satisfaction_loyalty": ("sl-loy-chart", "sl-ipa-chart", "sl-kano-chart"),
    "02_customers_tiers": ("sl-pareto-chart", "sl-lorenz-chart", "sl-tier-chart"),
    "09_complaints_recovery": ("sl-recovery-chart", "sl-channels-chart"),
    "11_value_technology": ("sl-tt-chart", "sl-esq-chart"),
    "01_service_era": ("sl-st-chart",),
    "03_what_is_service": ("sl-journey-chart", "sl-queue-chart"),
    "04_perceived_quality": ("sl-gronroos-chart", "sl-zone-chart"),
    "05_servqual": ("sl-servqual-chart", "sl-weights-chart"),
    "06_gap_model": ("sl-gapmodel-chart", "sl-gapf-chart"),
    "07_service_process": ("sl-rel-chart", "sl-sim-lost-chart", "sl-esc-chart"),
    "10_quality_management": ("sl-slp-chart", "sl-pdca-chart"),
}
#: Marks that show a chart has its data (not only its axes); others: any text in its SVG.
READY = {"sl-loy-chart": "svg .mark-line path", "sl-ipa-chart": "svg .mark-symbol path",
         "sl-kano-chart": "svg .mark-symbol path", "sl-pareto-chart": "svg .mark-line path",
         "sl-lorenz-chart": "svg .mark-line path", "sl-recovery-chart": "svg .mark-rect path",
         "sl-channels-chart": "svg .mark-rect path", "sl-tt-chart": "svg .mark-rect path"}

MEASURE = """() => {
  const out = [];
  for (const [i, fig] of [...document.querySelectorAll('.sl-chart-figure')].entries()) {
    const svg = fig.querySelector('svg');
    if (!svg || fig.offsetParent === null) continue;
    let name = `chart ${i}`;
    for (let e = fig.parentElement; e; e = e.parentElement) {
      const c = [...e.classList].find(c => c.startsWith('sl-') && c.endsWith('-chart'));
      if (c) { name = c; break; }
    }
    const texts = [];
    for (const t of svg.querySelectorAll('text')) {
      const s = (t.textContent || '').trim(), r = t.getBoundingClientRect();
      if (!s || r.width === 0 || r.height === 0) continue;
      const g = t.closest('g[class*="role-"]');
      texts.push({s, role: g ? [...g.classList].find(c => c.startsWith('role-')) : '?', r});
    }
    const overlaps = [];
    for (let a = 0; a < texts.length; a++) for (let b = a + 1; b < texts.length; b++) {
      const p = texts[a].r, q = texts[b].r;
      const w = Math.min(p.right, q.right) - Math.max(p.left, q.left), h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (w > 1 && h > 1) overlaps.push(`${texts[a].role} "${texts[a].s}" × ${texts[b].role} "${texts[b].s}" (${w.toFixed(1)}×${h.toFixed(1)} px)`);
    }
    out.push({name, n: texts.length, overlaps, cut: texts.filter(t => t.s.endsWith('…')).map(t => `${t.role} "${t.s}"`)});
  }
  return out;
}"""


def _measure_every_tab(page) -> dict[str, dict]:
    """Measure with each tab of each tab bar selected in turn (charts in hidden tabs count too)."""
    charts: dict[str, dict] = {}

    def take():
        for c in page.evaluate(MEASURE):
            charts.setdefault(c["name"], c)

    visit_tabs(page, take, pause=0.2)
    return charts


def _settled(page, timeout: float = 60.0) -> None:
    """Wait until the page's charts stop adding texts (0.25 s polls, 3 equal counts in a row)."""
    last, same, end = -1, 0, time.monotonic() + timeout
    while same < 3 and time.monotonic() < end:
        n = page.evaluate("() => document.querySelectorAll('.sl-chart-figure svg text').length")
        same, last = (same + 1 if n == last else 0), n
        time.sleep(0.25)


@pytest.mark.parametrize("stem", CHAPTERS)
def test_chart_texts_do_not_overlap_and_are_whole(stem, chromium_path, artifacts_dir, tmp_path):
    """Both languages from one server, the two pages loading at once (the kernels run side by side)."""
    whole = CHAPTERS[stem]
    for lang in ("zh", "en"):
        with_parameters(NOTEBOOKS / f"{stem}.ipynb", tmp_path, lang, LANG=lang)
    env = {"SERVICELAB_PROGRESS_DB": str(tmp_path / "progress.db")}
    problems, measured = [], {}
    with demo_server(tmp_path, env=env) as server, chromium_page(chromium_path, viewport=(1366, 900)) as first:
        first.goto(server.url, timeout=180_000)               # sets the login cookie for both pages
        pages = {"zh": first, "en": first.context.new_page()}
        for lang, page in pages.items():
            page.goto(f"{server.base_url}voila/render/{stem}.{lang}.ipynb", timeout=180_000)
        for lang, page in pages.items():
            for name in whole:
                page.wait_for_selector(f".{name} {READY.get(name, 'svg text')}", timeout=180_000)
            page.wait_for_load_state("networkidle", timeout=180_000)
            _settled(page)
            charts = measured[lang] = _measure_every_tab(page)
            for name in whole:
                page.locator(f".{name}").first.screenshot(path=str(artifacts_dir / f"chart_labels_{stem[:2]}_{name}_{lang}.png"))
            assert set(whole) <= set(charts) and all(charts[n]["n"] >= 10 for n in whole), (lang, sorted(charts))
            problems += [f"[{lang}] {n}: overlap {o}" for n, c in sorted(charts.items()) for o in c["overlaps"]]
            problems += [f"[{lang}] {n}: cut {x}" for n, c in sorted(charts.items()) for x in c["cut"]]
    assert not problems, f"{ {k: len(v) for k, v in measured.items()} } charts measured:\n" + "\n".join(problems)
