"""Serve a notebook with Voilà and drive it in headless Chromium (playwright, no downloads).

Used by the real-browser tests and the latency benchmark. Chromium is Debian's package
(``/usr/bin/chromium``), driven through playwright's ``executable_path``; ``playwright install``
is never run.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
]
#: Console messages that are known, harmless noise in an offline Voilà page.
HARMLESS_CONSOLE = (
    "fontawesome", "font awesome", "fonts.googleapis", "cdn.jsdelivr", "unpkg.com",
    "shared singleton", "unsatisfied version", "favicon", "err_name_not_resolved", "err_internet_disconnected",
    "websocket", "[violation]", "devtools", "net::err_",
)


def find_chromium() -> str | None:
    """Path of a Chromium binary, or None."""
    env = os.environ.get("SERVICELAB_CHROMIUM")
    if env and Path(env).exists():
        return env
    for name in CHROMIUM_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _jupytext_installed() -> bool:
    try:
        import jupytext  # noqa: F401
    except ImportError:
        return False
    return True


@contextlib.contextmanager
def serve(cmd: list[str], port: int, *, name: str, cwd: Path | None = None, env: dict | None = None,
          timeout: float = 90.0):
    """Run a local server command until its port accepts connections; stop it afterwards.

    Jupyter's config, data and runtime folders and IPython's go to a temporary folder (unless the
    caller's environment sets them), so nothing is written into the home directory.
    """
    tmp = Path(tempfile.mkdtemp(prefix=f"servicelab-{name}-"))
    child_env = dict(os.environ)
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        child_env.setdefault(var, str(tmp / var.lower()))
    child_env.update(env or {})
    log_path = tmp / f"{name}.log"
    log = open(log_path, "wb")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=child_env, cwd=str(cwd) if cwd else None)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited early:\n{log_path.read_text(errors='replace')[-3000:]}")
            try:  # a bare TCP connect: a GET of a notebook page would start a kernel
                with socket.create_connection(("127.0.0.1", port), timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{name} did not start in time") from None
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def voila_server(notebook: Path, *, timeout: float = 90.0, env: dict | None = None):
    """Run ``voila NOTEBOOK`` on 127.0.0.1 and yield its base URL; stop it afterwards."""
    port = free_port()
    cmd = [sys.executable, "-m", "voila", str(notebook), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
           "--show_tracebacks=True"]
    if _jupytext_installed():
        cmd.append("--VoilaConfiguration.extension_denylist=jupyterlab-jupytext")
    with serve(cmd, port, name="voila", cwd=notebook.parent, env=env, timeout=timeout) as url:
        yield url


def is_harmless(text: str) -> bool:
    low = text.lower()
    return any(marker in low for marker in HARMLESS_CONSOLE)


@contextlib.contextmanager
def chromium_page(executable: str, *, viewport=(1280, 1600)):
    """A fresh headless Chromium page (new profile), with console errors collected in ``page.errors``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
        try:
            context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
            page = context.new_page()
            page.errors = []  # type: ignore[attr-defined]
            page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" and not is_harmless(m.text) else None)
            page.on("pageerror", lambda e: page.errors.append(str(e)) if not is_harmless(str(e)) else None)
            yield page
        finally:
            browser.close()
