"""Serve a notebook with Voilà and drive it in headless Chromium (playwright, no downloads).

Used by the real-browser tests and the latency benchmark. Chromium is Debian's package
(``/usr/bin/chromium``), driven through playwright's ``executable_path``; ``playwright install``
is never run.
"""
from __future__ import annotations

import contextlib
import dataclasses
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence
from urllib.parse import urlsplit

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
]
#: Console messages that are known, harmless noise in an offline Voilà page. (No CDN entries: the
#: demo template fetches nothing from the internet, and ``page.external_requests`` checks it.)
HARMLESS_CONSOLE = (
    "shared singleton", "unsatisfied version", "favicon",
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


@contextlib.contextmanager
def _serve_process(cmd: list[str], port: int, *, name: str, cwd: Path | None = None, env: dict | None = None,
                   timeout: float = 90.0):
    """As :func:`serve`, yielding ``(base_url, process, log_path)``."""
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
        yield f"http://127.0.0.1:{port}/", proc, log_path
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def serve(cmd: list[str], port: int, *, name: str, cwd: Path | None = None, env: dict | None = None,
          timeout: float = 90.0):
    """Run a local server command until its port accepts connections; stop it afterwards.

    Jupyter's config, data and runtime folders and IPython's go to a temporary folder (unless the
    caller's environment sets them), so nothing is written into the home directory.
    """
    with _serve_process(cmd, port, name=name, cwd=cwd, env=env, timeout=timeout) as (url, _proc, _log):
        yield url


@dataclasses.dataclass(frozen=True)
class DemoServer:
    """A running ``python -m servicelab.demo`` (see :func:`demo_server`)."""

    base_url: str   #: ``http://127.0.0.1:PORT/`` (no token: pages redirect to the login form)
    token: str
    pid: int        #: the server process (its children are the kernels)
    log_path: Path

    @property
    def url(self) -> str:
        """The tokenised URL the instructor gets."""
        return f"{self.base_url}?token={self.token}"

    @property
    def start_url(self) -> str:
        """The instructor's start page with the token (what ``make demo`` opens for the notebooks folder)."""
        return f"{self.base_url}voila/render/instructor_demos.ipynb?token={self.token}"

    def kernel_pids(self) -> list[int]:
        """Process ids of the server's running kernels (``ipykernel`` children)."""
        import psutil

        try:
            children = psutil.Process(self.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        pids = []
        for child in children:
            try:
                if any("ipykernel" in part for part in child.cmdline()):
                    pids.append(child.pid)
            except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
                continue
        return pids


@contextlib.contextmanager
def demo_server(path: Path, *, args: Sequence[str] = (), env: dict | None = None, timeout: float = 90.0,
                open_browser: bool = False):
    """Run the instructor's demo server (``make demo``'s) on a notebook or a folder; yield a :class:`DemoServer`.

    ``args`` are extra Voilà options, e.g. ``["--MappingKernelManager.cull_idle_timeout=5"]``. With
    ``open_browser`` the server opens the tokenised URL in ``$BROWSER`` as ``make demo`` does.
    """
    path = Path(path).resolve()
    port = free_port()
    token = secrets.token_urlsafe(16)
    cmd = [sys.executable, "-m", "servicelab.demo", str(path), *([] if open_browser else ["--no-browser"]),
           f"--port={port}", "--Voila.port_retries=0", "--show_tracebacks=True", *args]
    child_env = {**(env or {}), "SERVICELAB_DEMO_TOKEN": token}
    cwd = path if path.is_dir() else path.parent
    with _serve_process(cmd, port, name="voila", cwd=cwd, env=child_env, timeout=timeout) as (url, proc, log):
        yield DemoServer(base_url=url, token=token, pid=proc.pid, log_path=log)


@contextlib.contextmanager
def voila_server(notebook: Path, *, timeout: float = 90.0, env: dict | None = None):
    """Serve ``notebook`` as ``make demo`` does (token, local host names, kernel culling, no CDN).

    Yields the tokenised URL (``http://127.0.0.1:PORT/?token=…``); the first page load sets the
    login cookie, so later requests of that browser need no token. Stops the server afterwards.
    """
    with demo_server(notebook, env=env, timeout=timeout) as server:
        yield server.url


def with_parameters(notebook: Path, folder: Path, suffix: str, **values) -> Path:
    """A copy of ``notebook`` in ``folder`` (``STEM.SUFFIX.ipynb``) whose parameters cell sets ``values``.

    Voilà takes no parameters, so a browser test serves such a copy (e.g. ``LANG="en"``). Each
    ``NAME = <value>`` line of the cell tagged ``parameters`` gets ``repr(value)`` in place of its
    value; the rest of the line (a comment) stays. A name the cell does not set is an error, not a
    silent no-op.

    Examples
    --------
    >>> import nbformat, tempfile
    >>> d = Path(tempfile.mkdtemp()); nb = nbformat.v4.new_notebook()
    >>> nb.cells = [nbformat.v4.new_code_cell('LANG = "zh"  # language\\nQ = None', metadata={"tags": ["parameters"]})]
    >>> nbformat.write(nb, d / "n.ipynb")
    >>> copy = with_parameters(d / "n.ipynb", d, "en", LANG="en", Q={"a": 1})
    >>> copy.name, nbformat.read(copy, as_version=4).cells[0].source
    ('n.en.ipynb', "LANG = 'en'  # language\\nQ = {'a': 1}")
    """
    import re

    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    for name, value in values.items():
        cell.source, n = re.subn(rf'^{re.escape(name)}\s*=\s*("[^"\n]*"|\S+)', lambda _m: f"{name} = {value!r}",
                                 cell.source, count=1, flags=re.M)
        if n != 1:
            raise ValueError(f"{notebook.name}: its parameters cell sets no {name}")
    path = folder / f"{notebook.stem}.{suffix}.ipynb"
    nbformat.write(nb, path)
    return path


def is_local_url(url: str) -> bool:
    """True for a URL that does not leave this computer (127.0.0.1, localhost, data:, blob:, about:)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome", "chrome-extension", "devtools"):
        return True
    return parts.hostname in ("127.0.0.1", "localhost", "::1")


def is_harmless(text: str) -> bool:
    low = text.lower()
    return any(marker in low for marker in HARMLESS_CONSOLE)


def visit_tabs(page, take, *, pause: float = 0.3) -> None:
    """Call ``take()`` now and after opening each tab of every ipywidgets ``Tab`` on ``page``.

    Hidden tabs are not laid out, so a measurement of a page (label overlap, cut text) must look at
    each tab in turn; every tab bar is put back on its first tab afterwards.
    """
    take()
    bars = page.locator(".jupyter-widget-tab > .lm-TabBar, .widget-tab > .p-TabBar")
    for b in range(bars.count()):
        tabs = bars.nth(b).locator(".lm-TabBar-tab, .p-TabBar-tab")
        for i in range(tabs.count()):
            tabs.nth(i).click()
            time.sleep(pause)
            take()
        tabs.first.click()


@contextlib.contextmanager
def chromium_page(executable: str, *, viewport=(1280, 1600)):
    """A fresh headless Chromium page (new profile).

    Console errors are collected in ``page.errors``; the URL of every request the page makes
    (websockets included) in ``page.requests``, and those to any host other than 127.0.0.1 /
    localhost in ``page.external_requests``.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
        try:
            context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
            page = context.new_page()
            page.errors = []  # type: ignore[attr-defined]
            page.requests = []  # type: ignore[attr-defined]
            page.external_requests = []  # type: ignore[attr-defined]

            def record(url: str) -> None:
                page.requests.append(url)
                if not is_local_url(url):
                    page.external_requests.append(url)

            context.on("request", lambda r: record(r.url))
            page.on("websocket", lambda ws: record(ws.url))
            page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" and not is_harmless(m.text) else None)
            page.on("pageerror", lambda e: page.errors.append(str(e)) if not is_harmless(str(e)) else None)
            yield page
        finally:
            browser.close()


def chromium_or_skip() -> str:
    """Chromium's path for a browser test (with playwright importable); else skip with a reason.

    With ``SERVICELAB_REQUIRE_BROWSER=1`` (CI) a missing browser fails instead of skipping.
    """
    import pytest

    path = find_chromium()
    if path is None:
        msg = "Chromium not found (install Debian's 'chromium' package, or set SERVICELAB_CHROMIUM)"
        if os.environ.get("SERVICELAB_REQUIRE_BROWSER") == "1":
            pytest.fail(msg + " — browser tests are required here (SERVICELAB_REQUIRE_BROWSER=1)")
        pytest.skip(msg)
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.fail("playwright is not installed: run `make test`, which installs the test extras")
    return path
