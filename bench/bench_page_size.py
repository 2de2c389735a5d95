"""What a chapter weighs: executed notebook size, bytes a Voilà page receives, first render (issue 14).

* **Executed notebook size**, every chapter: papermill (nbclient, widget state stored in the
  notebook's metadata, as an executed notebook is saved), zh, warm caches. Target ≤ 2 MB each.
* **Bytes a Voilà page receives**, chapter 02: one Voilà server as ``make demo`` runs it; each load is
  a fresh headless Chromium profile (nothing cached); Chrome DevTools Protocol counts every HTTP
  response as received on the wire (``Network.loadingFinished.encodedDataLength``, headers
  included) and every websocket frame the server sends (``Network.webSocketFrameReceived``).
  Split into the page's HTML, Voilà's own static files (its JavaScript, CSS, fonts and the widget
  extensions it serves) and the kernel's websocket messages (widget state and outputs). Target ≤ 1.5 MB.
* **First render**, chapter 02: from navigation start until the last chart has drawn: every
  chart's ``.sl-chart-figure`` gets its ``svg`` (a MutationObserver records when each did); the
  page counts as done when no new chart has drawn for 4 s after the kernel's last output. Most of
  it is the kernel running the notebook (Voilà streams the HTML meanwhile), so the browser's own
  part is reported too: last chart drawn − the HTML's ``DOMContentLoaded``.

    python bench/bench_page_size.py          # all rows
    python bench/bench_page_size.py voila 5  # only the Voilà rows, 5 page loads; one JSON line per load

Measured (2 cores shared, load 8–24; before = main 861d270, after = branch vega-once; chapter 02):
executed 6.19 → 1.12 MB (08, the largest: 10.1 → 2.27 MB, of which ipywidgets' own layout/style
models 0.76 MB); Voilà page 11.56 → 6.49 MB, of which Voilà's static files are 5.49 MB either way
(2.2 MB even gzip-compressed) and the notebook's own part 6.07 → 0.99 MB; first render, 6 loads each
interleaved, median 7.7 → 6.6 s, its browser part 3.7 → 2.3 s.

Branch page-weight (before = main 7cb8db9, same bench file run on both; load 5–8 on 2 cores): executed
08 2.28 → 1.52 MB and 10 2.05 → 1.26 MB (widgets laid out alike share one Layout/Style model; 08 holds
805 models instead of 1436); every chapter ≤ 1.27 MB. Chapter 02's Voilà page with gzip and websocket
deflate, bytes on the wire (median of 8 loads each): **cold 6.50 → 2.03 MB** (Voilà's static files
5.49 → 1.63 MB, websocket 0.89 → ~0.36 MB deflated, HTML 0.10 → 0.03 MB) — above the 1.5 MB target;
**warm (reload) 1.01 → 0.40 MB**, under it (the static files come from the browser's cache). First
render, cold, median 4.9 → 6.1 s (before 4.3–6.3 s, after 4.0–7.0 s), warm 4.0 → 5.0 s; the
machine's load varied between the runs, but the browser's part of a cold load was higher after in
both series (median 1.9 → 2.5 s, warm 1.2 → 1.6 s). Cause not isolated: on loopback gzip saves no
transfer time and costs the server's CPU (5.5 MB compressed per cold load, not cached), deflate costs
a little per kernel message; "no slower than today" is NOT shown — rerun interleaved on a quiet machine.

The ``voila`` form prints one JSON line per load (``load`` = ``cold`` / ``warm``), so two checkouts (before/after a change) can be
compared load by load with their own Python (``/path/to/other/.venv/bin/python bench/bench_page_size.py voila 1``).
"""
from __future__ import annotations

import base64
import json
import statistics
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VOILA_NOTEBOOK = "02_customers_tiers"
MB = 1_000_000

#: Records when each chart figure first holds an SVG (ms since navigation start).
DRAWN_JS = """(() => {
  if (window.__chartsDrawn) return;  // installed once per document (a reload in the same page adds it again)
  window.__chartsDrawn = [];
  const seen = new WeakSet();
  const check = () => {
    for (const fig of document.querySelectorAll('.sl-chart-figure')) {
      if (!seen.has(fig) && fig.querySelector('svg')) { seen.add(fig); window.__chartsDrawn.push(performance.now()); }
    }
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true});
})();"""


def _executed(path: Path) -> tuple[int, dict]:
    """(file size, widget models by id) of ``path`` executed by papermill and saved."""
    import papermill as pm

    out = Path(tempfile.mkdtemp(prefix="servicelab-pagesize-")) / path.name
    pm.execute_notebook(str(path), str(out), kernel_name="python3", cwd=str(path.parent), progress_bar=False,
                        log_output=False, request_save_on_cell_execute=False)
    meta = json.loads(out.read_text(encoding="utf-8"))["metadata"]
    state = meta.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    return out.stat().st_size, state


def notebook_sizes() -> list[dict]:
    rows = []
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        size, state = _executed(nb)
        sizes = {k: len(json.dumps(m)) for k, m in state.items()}
        vega = [k for k, m in state.items() if len(m["state"].get("_esm", "")) > 100_000]
        charts = [m for m in state.values() if "spec" in m["state"]]
        dangling = [m for m in charts if "runtime" in m["state"] and m["state"]["runtime"].split(":")[-1] not in state]
        layout = sum(v for k, v in sizes.items() if state[k]["model_name"] in ("LayoutModel",) or
                     state[k]["model_name"].endswith("StyleModel"))
        rows.append({"name": f"executed notebook size {nb.stem}", "value": size / MB, "target": 2.0, "unit": "MB",
                     "note": f"papermill, widget state stored, zh; {len(charts)} charts, vega copies {len(vega)} "
                             f"({sum(sizes[k] for k in vega) / MB:.2f} MB), ipywidgets layout/style models "
                             f"{layout / MB:.2f} MB of {len(state)} models"
                             + (f"; {len(dangling)} charts refer to a missing runtime!" if dangling else "")})
    return rows


def _category(url: str, document: str) -> str:
    if url.startswith("ws"):
        return "websocket"
    if url.split("?")[0] == document.split("?")[0]:
        return "page"
    return "static"


def voila_load(page, url: str) -> dict:
    """Load ``url`` in ``page`` once; bytes received by category and the first-render time."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    urls: dict[str, str] = {}
    received = {"page": 0, "static": 0, "websocket": 0}
    static_by_kind: dict[str, int] = {}
    last_output = [0.0]
    # CDP reports websocket payloads decompressed; permessage-deflate (the demo server's, with context
    # takeover) sends about what one deflate stream flushed after every message would: that is the estimate
    deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
    ws_deflated = [0]
    requests = [0, 0]  # HTTP responses, of which 304 Not Modified

    def on_response(e):
        urls[e["requestId"]] = e["response"]["url"]
        requests[0] += 1
        requests[1] += e["response"].get("status") == 304

    def on_finished(e):
        u = urls.get(e["requestId"], "")
        cat = _category(u, url)
        received[cat] += int(e["encodedDataLength"])
        if cat == "static":
            kind = "widget extensions" if "/labextensions/" in u else "Voilà"
            static_by_kind[kind] = static_by_kind.get(kind, 0) + int(e["encodedDataLength"])

    def on_frame(e):
        r = e["response"]
        data = r.get("payloadData", "")
        raw = base64.b64decode(data) if r.get("opcode") == 2 else data.encode("utf-8")
        received["websocket"] += len(raw)
        ws_deflated[0] += len(deflate.compress(raw)) + len(deflate.flush(zlib.Z_SYNC_FLUSH)) - 4
        last_output[0] = time.monotonic()

    cdp.on("Network.responseReceived", on_response)
    cdp.on("Network.loadingFinished", on_finished)
    cdp.on("Network.webSocketFrameReceived", on_frame)
    extensions: list[str] = []
    cdp.on("Network.webSocketHandshakeResponseReceived", lambda e: extensions.append(
        {k.lower(): v for k, v in e["response"].get("headers", {}).items()}.get("sec-websocket-extensions", "")))
    page.add_init_script(DRAWN_JS)
    page.goto(url, timeout=180_000)
    page.wait_for_selector(".sl-chart-figure svg", timeout=180_000)
    quiet = 4.0
    while True:  # until no chart drew and no kernel message came for `quiet` seconds
        drawn = page.evaluate("() => window.__chartsDrawn.length")
        page.wait_for_timeout(int(quiet * 1000))
        if page.evaluate("() => window.__chartsDrawn.length") == drawn and time.monotonic() - last_output[0] >= quiet:
            break
    times = page.evaluate("() => window.__chartsDrawn")
    # Voilà streams the page while the kernel runs the notebook: the HTML is complete when it has run
    html_done = page.evaluate("() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    figures = page.evaluate("() => document.querySelectorAll('.sl-chart-figure').length")
    cdp.detach()
    http = received["page"] + received["static"]
    ws_deflate = bool(extensions) and all("permessage-deflate" in x for x in extensions)
    return {"bytes": sum(received.values()), **{f"bytes_{k}": v for k, v in received.items()},
            "bytes_websocket_deflated": ws_deflated[0] if ws_deflate else received["websocket"],
            "bytes_wire": http + (ws_deflated[0] if ws_deflate else received["websocket"]),
            "responses": requests[0], "not_modified": requests[1], "ws_deflate": ws_deflate,
            **{f"static_{k}": v for k, v in static_by_kind.items()},
            "charts_drawn": len(times), "charts": figures, "first_render_ms": max(times),
            "html_done_ms": html_done, "charts_after_html_ms": max(times) - html_done,
            "errors": list(page.errors)}


def voila_loads(n: int) -> list[dict]:
    """``n`` pairs of loads: ``cold`` in a fresh browser profile, then ``warm``, a reload in that profile."""
    from servicelab.testing.browser import chromium_page, find_chromium, voila_server

    chromium = find_chromium()
    if chromium is None:
        return []
    out = []
    with voila_server(ROOT / "notebooks" / f"{VOILA_NOTEBOOK}.ipynb") as url:
        with chromium_page(chromium) as page:  # the first load sets the login cookie and warms the caches
            page.goto(url, timeout=180_000)
            page.wait_for_selector(".sl-chart-figure svg", timeout=180_000)
        for _ in range(n):
            with chromium_page(chromium) as page:
                out.append({"load": "cold", **voila_load(page, url)})
                out.append({"load": "warm", **voila_load(page, url)})
    return out


def voila_rows(n: int = 5) -> list[dict]:
    loads = voila_loads(n)
    if not loads:
        return [{"name": "Voilà page bytes", "value": None, "target": None, "unit": "MB", "note": "skipped: no Chromium"}]
    rows = []
    for kind in ("cold", "warm"):
        these = [x for x in loads if x["load"] == kind]
        med = lambda key: statistics.median(x.get(key, 0) for x in these)  # noqa: E731
        render = [x["first_render_ms"] for x in these]
        charts = {x["charts_drawn"] for x in these}
        what = "fresh profile" if kind == "cold" else "reload in the same profile"
        rows += [
            {"name": f"{VOILA_NOTEBOOK} Voilà page, {kind}: bytes on the wire", "value": med("bytes_wire") / MB,
             "target": 1.5, "unit": "MB",
             "note": f"{what}, gzip on, median of {n}; HTML {med('bytes_page') / MB:.2f}, Voilà's static files "
                     f"{med('bytes_static') / MB:.2f} (widget extensions {med('static_widget extensions') / MB:.2f}; "
                     f"{med('responses'):.0f} responses, {med('not_modified'):.0f} of them 304), websocket "
                     f"{med('bytes_websocket_deflated') / MB:.2f} deflated (estimate; {med('bytes_websocket') / MB:.2f} MB as "
                     f"sent by the kernel)"},
            {"name": f"{VOILA_NOTEBOOK} Voilà page, {kind}: bytes, websocket uncompressed", "value": med("bytes") / MB,
             "target": 1.5, "unit": "MB", "note": "HTTP as on the wire + the kernel's messages uncompressed (an upper bound)"},
            {"name": f"{VOILA_NOTEBOOK} Voilà first render, {kind} (last chart drawn)", "value": statistics.median(render),
             "target": None, "unit": "ms", "note": f"n={n}, min {min(render):.0f}, max {max(render):.0f} ms; charts {sorted(charts)}"},
            {"name": f"{VOILA_NOTEBOOK} Voilà charts drawn after the page's HTML, {kind} (the browser's part)",
             "value": med("charts_after_html_ms"), "target": None, "unit": "ms",
             "note": f"median of {n}; the HTML is complete when the kernel has run the notebook (median {med('html_done_ms'):.0f} ms)"},
        ]
    return rows


def run() -> list[dict]:
    return [*notebook_sizes(), *voila_rows()]


if __name__ == "__main__":
    if sys.argv[1:2] == ["voila"]:
        for load in voila_loads(int(sys.argv[2]) if len(sys.argv) > 2 else 5):
            print(json.dumps(load), flush=True)
    elif sys.argv[1:2] == ["sizes"]:
        for row in notebook_sizes():
            print(json.dumps(row), flush=True)
    else:
        for row in run():
            print(row)
