"""In-browser latency of live widgets against a no-op echo widget in the same Voilà page.

For each case (the SERVQUAL panel of 05, the tier cut-offs of 02), a copy of the notebook with one
extra cell (an IntSlider echoed into an HTML widget) is served by Voilà; headless Chromium presses
an arrow key on a slider handle, and a MutationObserver on each widget's *container* records when
its text and its chart SVG (or the echo text) changed. Latency = last change − keydown.
"""
from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]

ECHO_CELL = '''import ipywidgets as W
_echo_in = W.IntSlider(value=3, min=1, max=7, continuous_update=False)
_echo_in.add_class("sl-echo-in")
_echo_out = W.HTML("3")
_echo_out.add_class("sl-echo-out")
_echo_in.observe(lambda c: setattr(_echo_out, "value", str(c["new"])), names="value")
W.VBox([_echo_in, _echo_out])'''

ARM_JS = """([targets]) => {
  window.__lat = null;
  const els = targets.map(s => document.querySelector(s));
  const before = els.map(e => e.innerHTML);
  const done = els.map(() => null);
  window.__t0 = null;
  document.addEventListener('keydown', () => { window.__t0 = performance.now(); }, {capture: true, once: true});
  const obs = new MutationObserver(() => {
    const now = performance.now();
    els.forEach((e, i) => { if (done[i] === null && e.innerHTML !== before[i]) done[i] = now; });
    if (done.every(x => x !== null) && window.__t0 !== null) { window.__parts = done.map(x => x - window.__t0); window.__lat = Math.max(...done) - window.__t0; obs.disconnect(); }
  });
  els.forEach(e => obs.observe(e, {subtree: true, childList: true, characterData: true, attributes: true}));
}"""


def _percentile(xs, q):
    xs = sorted(xs)
    k = (len(xs) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def _measure(page, handle_sel: str, targets: list[str], n: int, parts: list | None = None) -> list[float]:
    out = []
    handle = page.locator(handle_sel)
    for i in range(n + 3):
        page.evaluate(ARM_JS, [targets])
        handle.focus()
        page.keyboard.press("ArrowLeft" if i % 2 else "ArrowRight")
        page.wait_for_function("() => window.__lat !== null", timeout=15_000)
        if i >= 3:  # first presses warm up
            out.append(page.evaluate("() => window.__lat"))
            if parts is not None:
                parts.append(page.evaluate("() => window.__parts"))
        page.wait_for_timeout(50)
    return out


#: (notebook, handle of the slider to press, containers that must change, what to wait for at load)
CASES = {
    "SERVQUAL": ("05_servqual", ".sl-servqual-p1 .noUi-handle", [".sl-servqual-score", ".sl-servqual-chart"],
                 ".sl-servqual-chart svg .mark-symbol path"),
    "tier cut-off": ("02_customers_tiers", ".sl-tier-cut1 .noUi-handle", [".sl-tier-table", ".sl-tier-chart"],
                     ".sl-tier-chart svg .mark-rect path"),
    "journey": ("03_what_is_service", ".sl-journey-tp7 .noUi-handle", [".sl-journey-score", ".sl-journey-chart"],
                ".sl-journey-chart svg .mark-line path"),
    "reliability": ("07_service_process", ".sl-rel-step3 .noUi-handle", [".sl-rel-score", ".sl-rel-chart"],
                    ".sl-rel-chart svg .mark-rect path"),
    "capacity levers": ("03_what_is_service", ".sl-capacity-pricing .noUi-handle", [".sl-capacity-totals", ".sl-capacity-chart"],
                        ".sl-capacity-chart svg .mark-rect path"),
    "Erlang C agents": ("03_what_is_service", ".sl-queue-agents .noUi-handle", [".sl-queue-metrics", ".sl-queue-chart"],
                        ".sl-queue-chart svg .mark-line path"),
    "Grönroos promise": ("04_perceived_quality", ".sl-gronroos-promise .noUi-handle", [".sl-gronroos-score", ".sl-gronroos-chart"],
                         ".sl-gronroos-chart svg .mark-rect path"),
    "delivered value": ("11_value_technology", ".sl-cdv-a-money .noUi-handle", [".sl-cdv-score", ".sl-cdv-chart"],
                        ".sl-cdv-chart svg .mark-rect path"),
    "gap factors": ("06_gap_model", ".sl-gapf-role_conflict .noUi-handle", [".sl-gapf-start", ".sl-gapf-chart"],
                    ".sl-gapf-chart svg .mark-rect path"),
    "loyalty zones": ("08_satisfaction_loyalty", ".sl-loy-bounds .noUi-handle-lower", [".sl-loy-readout", ".sl-loy-chart"],
                      ".sl-loy-chart svg .mark-line path"),
    "Pareto line": ("09_complaints_recovery", ".sl-pareto-threshold .noUi-handle", [".sl-pareto-summary", ".sl-pareto-chart"],
                    ".sl-pareto-chart svg .mark-rect path"),
    "service level": ("10_quality_management", ".sl-slp-calls .noUi-handle", [".sl-slp-readout", ".sl-slp-chart"],
                      ".sl-slp-chart svg .mark-rect path"),
}


def _run_case(label: str, chromium: str, n: int) -> list[dict]:
    from servicelab.testing.browser import chromium_page, voila_server

    name, handle, targets, ready = CASES[label]
    nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(ECHO_CELL))
    path = Path(tempfile.mkdtemp(prefix="servicelab-latency-")) / f"{name}_bench.ipynb"
    nbformat.write(nb, path)  # the notebook reads data through the package, so it runs from a temp folder
    with voila_server(path) as url, chromium_page(chromium) as page:
        page.goto(url, timeout=180_000)
        page.wait_for_selector(".sl-echo-out", timeout=180_000)
        page.wait_for_selector(ready, timeout=60_000)
        echo = _measure(page, ".sl-echo-in .noUi-handle", [".sl-echo-out"], n)
        parts: list = []
        lat = _measure(page, handle, targets, n, parts)
    e50, e95 = statistics.median(echo), _percentile(echo, 0.95)
    s50, s95 = statistics.median(lat), _percentile(lat, 0.95)
    return [
        {"name": f"{label}: echo widget latency p50", "value": e50, "target": None, "unit": "ms", "note": f"p95 {e95:.1f} ms, n={n}, same page"},
        {"name": f"{label} widget latency p50", "value": s50, "target": 1.3 * e50, "unit": "ms",
         "note": f"target = 1.3 × echo p50; table/score alone p50 {statistics.median(p[0] for p in parts):.1f} ms, "
                 f"chart alone p50 {statistics.median(p[1] for p in parts):.1f} ms"},
        {"name": f"{label} widget latency p95", "value": s95, "target": 100.0, "unit": "ms", "note": "text and chart both updated"},
    ]


def run(n: int = 40) -> list[dict]:
    from servicelab.testing.browser import find_chromium

    chromium = find_chromium()
    if chromium is None:
        return [{"name": "widget latency", "value": None, "target": None, "unit": "ms", "note": "skipped: no Chromium"}]
    rows = []
    for label in CASES:
        rows.extend(_run_case(label, chromium, n))
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
