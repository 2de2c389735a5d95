"""In-browser latency of the SERVQUAL widget against a no-op echo widget in the same Voilà page.

A copy of ``05_servqual`` with one extra cell (an IntSlider echoed into an HTML widget) is served
by Voilà; headless Chromium presses an arrow key on a slider handle and a MutationObserver on the
widget's *container* records when the score text and the chart SVG (SERVQUAL) or the echo text
changed. Latency = last change − keydown.
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


def run(n: int = 40) -> list[dict]:
    from servicelab.testing.browser import chromium_page, find_chromium, voila_server

    chromium = find_chromium()
    if chromium is None:
        return [{"name": "widget latency", "value": None, "target": None, "unit": "ms", "note": "skipped: no Chromium"}]
    nb = nbformat.read(ROOT / "notebooks" / "05_servqual.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(ECHO_CELL))
    tmp = Path(tempfile.mkdtemp(prefix="servicelab-latency-")) / "05_servqual_bench.ipynb"
    # the notebook reads data through the package, so it can run from a temp folder
    nbformat.write(nb, tmp)
    with voila_server(tmp) as url, chromium_page(chromium) as page:
        page.goto(url, timeout=180_000)
        page.wait_for_selector(".sl-echo-out", timeout=180_000)
        page.wait_for_selector(".sl-servqual-chart svg .mark-symbol path", timeout=60_000)
        echo = _measure(page, ".sl-echo-in .noUi-handle", [".sl-echo-out"], n)
        parts: list = []
        sq = _measure(page, ".sl-servqual-p1 .noUi-handle", [".sl-servqual-score", ".sl-servqual-chart"], n, parts)
    e50, e95 = statistics.median(echo), _percentile(echo, 0.95)
    s50, s95 = statistics.median(sq), _percentile(sq, 0.95)
    return [
        {"name": "echo widget latency p50", "value": e50, "target": None, "unit": "ms", "note": f"p95 {e95:.1f} ms, n={n}"},
        {"name": "SERVQUAL widget latency p50", "value": s50, "target": 1.3 * e50, "unit": "ms",
         "note": f"target = 1.3 × echo p50; score text alone p50 {statistics.median(p[0] for p in parts):.1f} ms, "
                 f"chart alone p50 {statistics.median(p[1] for p in parts):.1f} ms"},
        {"name": "SERVQUAL widget latency p95", "value": s95, "target": 100.0, "unit": "ms", "note": "score text and chart both updated"},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
