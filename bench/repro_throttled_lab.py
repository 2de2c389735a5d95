"""Throttled reproduction (not a ``make bench`` group: minutes per run): notebook 12's mock paper in
JupyterLab with Chromium's CPU throttled (``Emulation.setCPUThrottlingRate``) and optionally a
GIL-busy thread in the kernel; prints the time to the paper's first card and to the countdown, the
kernel messages after the click (decoded from the page's websocket frames) and the page errors.

    .venv/bin/python bench/repro_throttled_lab.py RATE [busy|no] [early]

``early`` throttles from the page load (anywidget modules then miss their 2 s initialisation:
"[anywidget] Failed to initialize model."); otherwise only from the click on "开始模拟考试".
"""
import json, struct, sys, time, tempfile
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))
from servicelab.testing.browser import chromium_page, find_chromium
from servicelab.testing.lab import lab_server
NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"; PANEL = ".sl-exam-prep"
RATE = float(sys.argv[1]); BUSY = sys.argv[2] == "busy"

def decode(payload):
    if isinstance(payload, str):
        m = json.loads(payload); return m.get("channel"), m["header"], m.get("parent_header", {}), m.get("content", {})
    n = struct.unpack_from("<Q", payload, 0)[0]
    offs = [struct.unpack_from("<Q", payload, 8 * (i + 1))[0] for i in range(n)]
    parts = [payload[offs[i]:(offs[i + 1] if i + 1 < n else len(payload))] for i in range(n)]
    return parts[0].decode(), json.loads(parts[1]), json.loads(parts[2]), json.loads(parts[4])

rt = tempfile.mkdtemp(prefix="flk-rt-")
db = Path(tempfile.mkdtemp()) / "p.db"
frames = []
with lab_server(NOTEBOOKS, env={"SERVICELAB_PROGRESS_DB": str(db), "JUPYTER_RUNTIME_DIR": rt}, log=True) as (url, token, log_path), \
        chromium_page(find_chromium(), viewport=(1280, 1400)) as page:
    page.on("websocket", lambda ws: (ws.on("framereceived", lambda p: frames.append(("in", time.monotonic(), p))),
                                     ws.on("framesent", lambda p: frames.append(("out", time.monotonic(), p)))))
    if len(sys.argv) > 3 and sys.argv[3] == "early":
        cdp = page.context.new_cdp_session(page); cdp.send("Emulation.setCPUThrottlingRate", {"rate": RATE})
    allcon = []
    page.on("console", lambda m: allcon.append(m.text[:150]) if "anywidget" in m.text.lower() or m.type == "error" else None)
    page.on("pageerror", lambda e: allcon.append("PAGEERROR " + str(e)[:150]))
    page.goto(f"{url}lab/tree/12_exam_prep.ipynb?token={token}", timeout=120_000)
    page.wait_for_selector("text=Python 3 (ipykernel) | Idle", timeout=120_000)
    page.click("li.lm-MenuBar-item:has-text('Run')"); page.click("li.lm-Menu-item:has-text('Run All Cells')")
    page.wait_for_selector(f"{PANEL} .sl-quiz-tabs .lm-TabBar-tab", state="attached", timeout=240_000)
    page.locator(PANEL).scroll_into_view_if_needed()
    page.wait_for_selector(f"{PANEL} .sl-quiz-card .sl-quiz-question", timeout=60_000)
    page.wait_for_selector("text=Python 3 (ipykernel) | Idle", timeout=120_000)
    page.locator(f"{PANEL} .sl-quiz-tabs .lm-TabBar-tab", has_text="模拟考试").click()
    kc = None
    if BUSY:
        from jupyter_client import BlockingKernelClient
        cf = sorted(Path(rt).glob("kernel-*.json"))[0]
        kc = BlockingKernelClient(connection_file=str(cf)); kc.load_connection_file(); kc.start_channels()
        # a busy pure-python thread holding the GIL in the kernel (not a cell: the main shell stays idle)
        kc.execute("import threading, sys\nsys.setswitchinterval(0.05)\n_stop=False\ndef _spin():\n    x=0\n    while not _stop: x+=1\nthreading.Thread(target=_spin, daemon=True).start()", silent=True)
        time.sleep(1)
    if RATE > 1:
        cdp = page.context.new_cdp_session(page); cdp.send("Emulation.setCPUThrottlingRate", {"rate": RATE})
    n0 = len(frames); t0 = time.monotonic()
    page.locator(f"{PANEL} .sl-quiz-mock-start").click()
    try:
        page.locator(f"{PANEL} .sl-quiz-card:visible").first.locator(".sl-quiz-question").wait_for(timeout=180_000)
        print("paper at", round(time.monotonic() - t0, 1))
    except Exception: print("NO PAPER")
    ok = True
    try:
        page.locator(f"{PANEL} .sl-quiz-card:visible").first.locator(".sl-quiz-question").wait_for(timeout=180_000)
        page.locator(f"{PANEL} .sl-quiz-countdown-time").wait_for(timeout=60_000)
    except Exception as e:
        ok = False; print("TIMEOUT", str(e)[:200])
    dt = time.monotonic() - t0
    cards = page.locator(f"{PANEL} .sl-quiz-mock-start").locator("xpath=ancestor::div[contains(@class,'widget-vbox')][1]").first.inner_text()[:300]
    errs = page.evaluate("() => [...document.querySelectorAll('.sl-error, .jp-OutputArea-output[data-mime-type*=stderr]')].map(e => e.innerText.slice(0,200)).filter(Boolean)")
    log = log_path.read_text(errors="replace")
    if kc: kc.execute("_stop=True", silent=True); kc.stop_channels()
    # analyse frames after click
    kinds = {}; sub_ids = set(); click_sub = None; last_t = None; statuses = []
    for d, ts, p in frames[n0:]:
        try: ch, h, ph, c = decode(p)
        except Exception: continue
        k = (d, h.get("msg_type")); kinds[k] = kinds.get(k, 0) + 1
        if d == "out" and h.get("msg_type") == "comm_msg": click_sub = h.get("subshell_id")
        if d == "in" and h.get("msg_type") == "comm_open": last_t = ts - t0
        if d == "in" and h.get("msg_type") == "status": statuses.append((round(ts - t0, 1), c.get("execution_state"), ph.get("msg_type"), h.get("subshell_id")))
    print(f"rate {RATE} busy {BUSY}: ok={ok} first card+countdown {dt:.1f}s; last comm_open at {last_t}; click subshell {click_sub}")
    print("  msgs:", sorted(kinds.items(), key=lambda x: -x[1])[:12])
    print("  statuses:", statuses[:8])
    print("  page errors:", errs[:5], "console:", page.errors[:5])
    print("  anywidget/console:", allcon[:10])
    print("  log tail:", [l for l in log.splitlines() if "Traceback" in l or "Error" in l or "rror" in l][-8:])
