"""In-browser time to start a mock paper in notebook 12's exam-prep panel (37 cards).

Notebook 12 is served by Voilà (as ``make demo`` does, progress file in a temporary folder) and
opened in headless Chromium ``n + 1`` times (each load its own kernel; the first is a warm-up); each
time the bench opens the 模拟考试 tab and starts a paper, as a learner does once per sitting. A
capture-phase click listener in the page takes the time of the click on the start button, and a
``requestAnimationFrame`` loop records when the new paper's first card is visible (laid out, with its
prompt) and when all its cards are. The running paper is cleared from the progress file after each
start (a new page would resume it instead of starting one).

Rows: ``mock start: click → first card visible`` p50 / max and ``… → all cards visible`` p50,
plus the number of widget models one ``start_mock()`` creates (counted in this process, as
``tests/widgets/test_light_cards.py`` does).

    python bench/bench_mock_start.py        # n = 6 starts after the warm-up
    python bench/bench_mock_start.py 10

Measured on branch light-cards (2 cores shared with other engineers' test runs, load 11–14; before =
main 8f4c62a's lib/ first on ``PYTHONPATH`` (``git archive``), after = this branch; two rounds each,
interleaved before/after/before/after, 6 starts per round after the warm-up): widget models per paper
**768 → 325**; click → first card visible (all 37 cards appear in the same frame) median of 12
**3.02 → 1.53 s** (before 1.32–4.79 s, after 0.62–2.55 s; per round 3.02 / 3.29 s → 1.02 / 2.26 s).
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "12_exam_prep.ipynb"
PANEL = ".sl-exam-prep"

#: Arms the timing of the next paper: old cards are marked, t0 is the click, then rAF polling.
ARM_JS = """([panel, n, confirm]) => {
  document.querySelectorAll(panel + ' .sl-quiz-card').forEach(e => e.setAttribute('data-sl-old', '1'));
  window.__mock = {t0: null, first: null, all: null};
  // the click that starts the paper: the start button, or (a paper runs, the start button asked) the confirm button
  const starts = panel + (confirm ? ' .sl-quiz-mock-confirm-yes' : ' .sl-quiz-mock-start');
  const onClick = (ev) => {
    if (!ev.target.closest(starts)) return;
    window.__mock.t0 = performance.now();
    document.removeEventListener('click', onClick, true);
  };
  document.addEventListener('click', onClick, true);
  const shown = (e) => e.offsetParent !== null && e.getBoundingClientRect().height > 0 && e.querySelector('.sl-quiz-question');
  const poll = () => {
    const m = window.__mock;
    if (m.t0 !== null) {
      const fresh = [...document.querySelectorAll(panel + ' .sl-quiz-card:not([data-sl-old])')];
      const now = performance.now();
      if (m.first === null && fresh.length && shown(fresh[0])) m.first = now - m.t0;
      if (m.first !== null && fresh.length >= n && fresh.every(shown)) { m.all = now - m.t0; return; }
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}"""


#: What the page shows when a paper does not appear: the timing state, new cards (all / laid out), the mock tab's text.
STATE_JS = """(panel) => {
  const fresh = [...document.querySelectorAll(panel + ' .sl-quiz-card:not([data-sl-old])')];
  const start = document.querySelector(panel + ' .sl-quiz-mock-start');
  const pane = start && start.closest('.widget-vbox');
  return {mock: window.__mock, fresh: fresh.length, laidOut: fresh.filter(e => e.offsetParent !== null).length,
          old: document.querySelectorAll(panel + ' .sl-quiz-card[data-sl-old]').length,
          text: pane ? pane.innerText.slice(0, 400) : ''};
}"""


def count_models() -> int:
    """Widget models one ``ExamPrep("zh", seed=1).start_mock()`` creates (progress file in a temp folder)."""
    from ipywidgets.widgets.widget import _instances

    from servicelab.widgets.quiz import ExamPrep

    p = ExamPrep("zh", seed=1, path=Path(tempfile.mkdtemp(prefix="servicelab-bench-mock-")) / "progress.db")
    before = set(_instances)
    p.start_mock()
    return sum(1 for k in list(_instances) if k not in before)


def measure(chromium: str, n: int = 6) -> list[dict]:
    """``n + 1`` first mock starts, each in a freshly loaded page (its own kernel); one dict per start
    (``first_ms``, ``all_ms``; the first is the warm-up)."""
    from servicelab.i18n import t
    from servicelab.quiz import DEFAULT_BLUEPRINT
    from servicelab.storage.progress import ProgressStore
    from servicelab.testing.browser import chromium_page, voila_server

    n_cards = sum(count for _qtype, count, _marks in DEFAULT_BLUEPRINT)
    db = Path(tempfile.mkdtemp(prefix="servicelab-bench-mock-")) / "progress.db"
    out = []
    with voila_server(NOTEBOOK, env={"SERVICELAB_PROGRESS_DB": str(db)}, timeout=180) as url, \
            chromium_page(chromium, viewport=(1280, 1400)) as page:
        for i in range(n + 1):
            page.goto(url, timeout=240_000)  # a new kernel: the learner opens notebook 12 and starts a paper
            page.wait_for_selector(f"{PANEL} .sl-quiz-tabs .lm-TabBar-tab", timeout=240_000)
            page.locator(f"{PANEL} .sl-quiz-tabs .lm-TabBar-tab", has_text=t("quiz.mode.mock", "zh")).click()
            start = page.locator(f"{PANEL} .sl-quiz-mock-start")
            start.wait_for(timeout=60_000)
            page.wait_for_timeout(1000)  # let the page settle after loading
            page.evaluate(ARM_JS, [PANEL, n_cards, False])
            start.click()
            try:
                page.wait_for_function("() => window.__mock.all !== null", timeout=240_000)
            except Exception as exc:  # say what the page shows instead of a bare timeout
                state = page.evaluate(STATE_JS, PANEL)
                raise RuntimeError(f"start {i}: the new paper never showed: {state}; console: {page.errors}") from exc
            m = page.evaluate("() => window.__mock")
            out.append({"start": i, "warmup": i == 0, "first_ms": m["first"], "all_ms": m["all"]})
            with ProgressStore(db) as store:  # the next page load must not resume this paper
                running = store.running_paper()
                if running is not None:
                    store.clear_running_paper(running["paper_id"])
        # leaving a page makes Voilà refuse a request or two (403) as the old kernel goes: not a paper's error
        errors = [e for e in page.errors if "403" not in e]
        assert errors == [], errors
    return out


def run(n: int = 6) -> list[dict]:
    from servicelab.testing.browser import find_chromium

    models = count_models()
    rows = [{"name": "mock start: widget models per paper", "value": float(models), "target": 450.0, "unit": "",
             "note": "ExamPrep('zh', seed=1).start_mock(); 768 on main 8f4c62a"}]
    chromium = find_chromium()
    if chromium is None:
        return rows + [{"name": "mock start in the browser", "value": None, "target": None, "unit": "ms",
                        "note": "skipped: no Chromium"}]
    starts = [s for s in measure(chromium, n) if not s["warmup"]]
    first = [s["first_ms"] for s in starts]
    every = [s["all_ms"] for s in starts]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    note = f"n={len(starts)} after 1 warm-up, Voilà + headless Chromium, load {load:.1f}"
    return rows + [
        {"name": "mock start: click → first card visible p50", "value": statistics.median(first), "target": None,
         "unit": "ms", "note": f"{note}; all: {', '.join(f'{x:.0f}' for x in first)}"},
        {"name": "mock start: click → first card visible max", "value": max(first), "target": None, "unit": "ms", "note": note},
        {"name": "mock start: click → all 37 cards visible p50", "value": statistics.median(every), "target": None,
         "unit": "ms", "note": f"all: {', '.join(f'{x:.0f}' for x in every)}"},
    ]


if __name__ == "__main__":
    for row in run(int(sys.argv[1]) if len(sys.argv) > 1 else 6):
        print(row, flush=True)
