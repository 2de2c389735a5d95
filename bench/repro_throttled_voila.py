"""Throttled reproduction (not a ``make bench`` group: about a minute per run) of Voilà's "Error
displaying widget: model not found": a chapter page (08 by default) with Chromium's CPU throttled;
compares the model ids of the page's widget outputs, of the kernel's ``update_states`` answer
(decoded from the websocket frames) and of the outputs showing the error, and reads the widget
manager's state afterwards (``window.jupyterapp.widgetManager``).

    .venv/bin/python bench/repro_throttled_voila.py RATE RUNS [NOTEBOOK.ipynb]

Writes each run's details to a JSON file in the system's temporary folder.
"""
import json, struct, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))
from servicelab.testing.browser import chromium_page, voila_server, find_chromium

ROOT = Path(__file__).resolve().parents[1]
NB = ROOT / "notebooks" / (sys.argv[3] if len(sys.argv) > 3 else "08_satisfaction_loyalty.ipynb")
RATE = float(sys.argv[1]) if len(sys.argv) > 1 else 6
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 1

def decode(payload):
    if isinstance(payload, str):
        m = json.loads(payload); return m.get("channel"), m["header"], m.get("content", {})
    n = struct.unpack_from("<Q", payload, 0)[0]
    offs = [struct.unpack_from("<Q", payload, 8 * (i + 1))[0] for i in range(n)]
    parts = [payload[offs[i]:(offs[i + 1] if i + 1 < n else len(payload))] for i in range(n)]
    return parts[0].decode(), json.loads(parts[1]), json.loads(parts[4])

for run in range(RUNS):
    frames = []; wsev = []; t0 = time.monotonic()
    with voila_server(NB) as url, chromium_page(find_chromium()) as page:
        console = []
        page.on("console", lambda m: console.append((m.type, m.text[:300])))
        def on_ws(ws):
            ws.on("framereceived", lambda p: frames.append(("in", time.monotonic(), p)))
            ws.on("framesent", lambda p: frames.append(("out", time.monotonic(), p)))
            wsev.append(("open", round(time.monotonic() - t0, 1), ws.url[-60:]))
            ws.on("close", lambda _w: wsev.append(("close", round(time.monotonic() - t0, 1), ws.url[-60:])))
        page.on("websocket", on_ws)
        page.add_init_script("""
          new MutationObserver((muts) => { for (const m of muts) for (const n of m.removedNodes) {
            if (n.nodeName === 'SCRIPT' && n.type === 'application/vnd.voila.cell-output+json') {
              try { const d = JSON.parse(n.textContent).data || {}; const v = d['application/vnd.jupyter.widget-view+json'];
                    if (v) { (window.__views = window.__views || []).push(v.model_id); m.target.dataset.probeModel = v.model_id; } } catch (e) {}
            } } }).observe(document, {childList: true, subtree: true});""")
        page.add_init_script("""
          (function () {
            const ev = window.__ev = []; const T = () => Math.round(performance.now());
            new MutationObserver((muts) => { for (const m of muts) {
              const t = m.target.nodeType === 1 ? m.target : m.target.parentElement;
              if (t && t.textContent && t.textContent.includes('model not found') && !t.dataset.seen) {
                t.dataset.seen = 1; const host = t.closest('[data-probe-model]'); const id = host ? host.dataset.probeModel : '?';
                const wm = window.jupyterapp && window.jupyterapp.widgetManager;
                ev.push([T(), 'error-shown', id, wm ? wm._restoredStatus : 'nomgr', wm ? (id in wm._models) : 'nomgr', wm ? Object.keys(wm._models).length : -1]);
              } } }).observe(document, {childList: true, subtree: true, characterData: true});
          })();""")
        if RATE > 1:
            cdp = page.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": RATE})
        t0 = time.monotonic()
        page.goto(url, timeout=300_000)
        page.content()
        try:
            page.wait_for_selector(".sl-ipa-chart svg .mark-symbol path", timeout=300_000)
        except Exception as e:
            print("no chart", e)
        time.sleep(5)
        res = page.evaluate("""() => {
          const ids = window.__views || [];
          const bad = [...document.querySelectorAll('.jp-OutputArea-output')].filter(e => e.textContent.includes('model not found'))
             .map(e => { const p = e.closest('[data-probe-model]'); return p ? p.dataset.probeModel : 'noid:' + e.outerHTML.slice(0,150); });
          return {ids, bad, n_err: [...document.querySelectorAll('*')].filter(e => e.childElementCount===0 && e.textContent.includes('model not found')).length};
        }""")
        load_s = time.monotonic() - t0
        ev = page.evaluate("() => window.__ev || []")
        post = page.evaluate("""async (bad) => { const wm = window.jupyterapp.widgetManager; const out = {restored: wm._restoredStatus, n: Object.keys(wm._models).length, bad: {}};
            for (const id of bad) { const p = wm._models[id]; if (!p) { out.bad[id] = 'absent'; continue; }
              try { const m = await Promise.race([p, new Promise(r => setTimeout(() => r('pending'), 3000))]);
                    out.bad[id] = m === 'pending' ? 'pending' : ['resolved', m.name, m.comm_live, (m.get('children') || []).length]; } catch (e) { out.bad[id] = 'rejected ' + e; } }
            return out; }""", res['bad'])
    states, opened, closed, requested = None, [], [], None; fb = {}
    for d, ts, p in frames:
        try:
            ch, hdr, content = decode(p)
        except Exception as e:
            continue
        mt = hdr.get("msg_type")
        data = content.get("data", {}) if isinstance(content, dict) else {}
        if mt == "comm_msg" and isinstance(data, dict) and data.get("method") == "update_states":
            states = data["states"]; st_t = ts - t0
        if mt == "comm_msg" and isinstance(data, dict) and data.get("method") == "request_states":
            requested = ts - t0
        if mt == "comm_msg" and isinstance(data, dict) and data.get("method") in ("request_state", "update"):
            fb[(d, data.get("method"))] = fb.get((d, data.get("method")), 0) + 1
        if mt == "comm_close":
            closed.append((d, content.get("comm_id")))
        if mt == "comm_open":
            opened.append((d, content.get("comm_id"), content.get("target_name")))
    print(f"run {run} rate {RATE}: load {load_s:.1f}s, view ids {len(res['ids'])}, error nodes {res['n_err']}, bad outputs {len(res['bad'])}")
    print("  request_states sent at", requested, "answer:", None if states is None else (len(states), f"at {st_t:.1f}s"))
    if states is not None:
        missing_from_answer = [i for i in res["ids"] if i not in states]
        print("  view ids missing from answer:", missing_from_answer)
        for b in res["bad"]:
            print("  bad", b, "in answer" if b in states else "NOT in answer", states.get(b, {}).get("model_name") if b in states else "")
    regd = {e[2] for e in ev if e[1] == 'reg'}
    print("  events:", [e for e in ev if e[1] not in ('reg', 'get_model-miss')][:30])
    print("  post:", post, "ws:", wsev, "request_state/update msgs:", fb)
    print("  get_model misses:", [(e[0], e[2][:8], e[3], e[2] in regd) for e in ev if e[1] == 'get_model-miss'])
    print("  n reg", len(regd), "bad registered?", [b in regd for b in res['bad']])
    print("  comm_close:", closed[:10], "comm_open:", len(opened), opened[:3])
    errs = [c for c in console if c[0] in ("error", "warning")]
    print("  console err/warn:", errs[:15])
    Path(tempfile.gettempdir(), f"servicelab_voila_{int(time.time())}_run{run}.json").write_text(json.dumps({"res": res, "states_ids": list(states or {}), "console": console, "ev": ev}))
