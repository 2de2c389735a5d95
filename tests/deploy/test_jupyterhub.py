"""JupyterHub for a class, run for real: two students log in, each answers a question in chapter 12,
and each one's progress file holds only that student's answer.

What runs: JupyterHub (``jupyterhub`` from PyPI, pinned in constraints.txt) with its proxy
(``configurable-http-proxy`` from the npm registry, installed by ``make configurable-http-proxy``
into the git-ignored ``.cache/``), loading the shipped ``deploy/jupyterhub/jupyterhub_config.py``
unchanged — its per-student environment, its ``start-singleuser.py`` (which copies the notebooks
into each home), its default URL and its idle-culler service — and overriding only what a test
machine needs: JupyterHub's built-in ``DummyAuthenticator`` (the login form, two allowed users)
and ``SimpleLocalProcessSpawner`` (CI runs as root with no Unix users for the students; each
student gets a temporary home, where its Jupyter and IPython folders go), everything on
127.0.0.1 on free ports, the hub database, cookie secret and proxy pid file in a temporary folder. Headless Chromium logs each student in (two
browser contexts, so two sets of cookies), opens ``notebooks/12_exam_prep.ipynb`` in JupyterLab,
runs it and answers a single-choice practice question (one right, one wrong). The oracle is the
question bank (looked up by the prompt shown) and the SQLite files themselves, opened read-only.

Without the proxy the test skips with a reason — unless ``SERVICELAB_REQUIRE_BROWSER=1`` (CI,
``.ci/run`` installs it first), where it fails.
"""
from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from servicelab.testing.browser import chromium_page, free_port, is_harmless, serve
from servicelab.testing.quiz import PANEL, answer, new_card

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "deploy" / "jupyterhub" / "jupyterhub_config.py"
CHP_VERSION = (REPO / "deploy" / "jupyterhub" / "configurable-http-proxy.version").read_text(encoding="utf-8").strip()
CHP = REPO / ".cache" / "configurable-http-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
STUDENTS = ("alice", "bob")

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def proxy() -> Path:
    package = CHP.parents[1] / "configurable-http-proxy" / "package.json"
    installed = json.loads(package.read_text(encoding="utf-8"))["version"] if package.exists() else None
    if not CHP.exists() or installed != CHP_VERSION:
        msg = (f"configurable-http-proxy {CHP_VERSION} is not installed (found: {installed}): run "
               "`make configurable-http-proxy` (needs npm; Debian package 'npm')")
        if os.environ.get("SERVICELAB_REQUIRE_BROWSER") == "1":
            pytest.fail(msg + " — required here (SERVICELAB_REQUIRE_BROWSER=1)")
        pytest.skip(msg)
    return CHP


def _test_config(tmp: Path, *, public_port: int, hub_port: int, api_port: int) -> Path:
    """A config file that loads the shipped one, then sets only the test machine's parts."""
    homes = tmp / "home"
    root = os.geteuid() == 0
    text = f"""
c = get_config()
load_subconfig({str(CONFIG)!r})
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = {set(STUDENTS)!r}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(homes / "{username}")!r}
c.Spawner.ip = "127.0.0.1"
c.Spawner.args = {["--allow-root"] if root else []!r}
c.JupyterHub.bind_url = "http://127.0.0.1:{public_port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{str(CHP)!r}]
c.ConfigurableHTTPProxy.pid_file = {str(tmp / "proxy.pid")!r}
c.JupyterHub.db_url = "sqlite:///{tmp / 'hub.sqlite'}"
c.JupyterHub.cookie_secret_file = {str(tmp / "cookie_secret")!r}
"""
    path = tmp / "test_config.py"
    path.write_text(text, encoding="utf-8")
    return path


def _wait_for_hub(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}hub/api/", timeout=5) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("JupyterHub did not answer on hub/api/ in time")
        time.sleep(0.5)


def _server_memory() -> dict[str, list[float]]:
    """Per student, MB resident of their ``jupyterhub-singleuser`` then of each of its children (kernels)."""
    import psutil

    out: dict[str, list[float]] = {}
    for proc in psutil.Process().children(recursive=True):
        try:
            if not any("jupyterhub-singleuser" in part for part in proc.cmdline()):
                continue
            user = proc.environ().get("JUPYTERHUB_USER", "?")
            out[user] = [p.memory_info().rss / 2**20 for p in [proc, *proc.children(recursive=True)]]
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return out


def _answers(db: Path) -> list[tuple[str, str, bool]]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT question_id, mode, correct FROM answers ORDER BY answered_at, rowid").fetchall()
    finally:
        con.close()
    return [(qid, mode, bool(ok)) for qid, mode, ok in rows]


def test_each_student_has_their_own_progress_file(chromium_path, proxy, tmp_path, artifacts_dir):
    public_port, hub_port, api_port = free_port(), free_port(), free_port()
    config = _test_config(tmp_path, public_port=public_port, hub_port=hub_port, api_port=api_port)
    bin_dir = str(Path(sys.executable).parent)  # jupyterhub-singleuser and python3 of this venv
    env = {"PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""), "SERVICELAB_PROGRESS_DB": ""}
    cmd = [sys.executable, "-m", "jupyterhub", "-f", str(config), "--no-ssl"]
    t0 = time.monotonic()
    done: dict[str, tuple[str, str, bool]] = {}
    with serve(cmd, public_port, name="jupyterhub", cwd=tmp_path, env=env, timeout=90) as url, \
            chromium_page(chromium_path, viewport=(1280, 1400)) as first:
        _wait_for_hub(url)
        browser = first.context.browser
        pages = {STUDENTS[0]: first}
        for name in STUDENTS[1:]:  # a context of its own: separate cookies, separate login
            ctx = browser.new_context(viewport={"width": 1280, "height": 1400})
            page = pages[name] = ctx.new_page()
            page.errors = []
            page.on("console", lambda m, p=page: p.errors.append(m.text)
                    if m.type == "error" and not is_harmless(m.text) else None)
            page.on("pageerror", lambda e, p=page: p.errors.append(str(e)) if not is_harmless(str(e)) else None)
        for name, page in pages.items():  # both log in (their servers start) before either waits
            page.goto(f"{url}hub/login", timeout=60_000)
            page.fill("#username_input", name)
            page.fill("#password_input", "any password")
            page.click("#login_submit")
        for name, page in pages.items():
            # the hub spawns the server, which sends the student to the shipped default URL
            page.wait_for_url(f"**/user/{name}/lab/tree/notebooks/00_start_here.ipynb", timeout=120_000)
            page.goto(f"{url}user/{name}/lab/tree/notebooks/12_exam_prep.ipynb?reset", timeout=60_000)
            try:
                page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
                page.wait_for_selector("text=Python 3 (ipykernel) | Idle", timeout=120_000)
            except Exception:
                page.screenshot(path=str(artifacts_dir / f"jupyterhub_{name}_fail.png"))
                raise
            page.click("li.lm-MenuBar-item:has-text('Run')")
            page.click("li.lm-Menu-item:has-text('Run All Cells')")
        for (name, page), correct in zip(pages.items(), (True, False)):
            page.wait_for_selector(f"{PANEL} .sl-quiz-tabs .lm-TabBar-tab", state="attached", timeout=180_000)
            page.locator(PANEL).scroll_into_view_if_needed()
            page.locator(f"{PANEL} .sl-quiz-type select").select_option(label="单项选择题")
            card = new_card(page, ".sl-quiz-new-round")
            q = answer(page, card, correct=correct)
            done[name] = (q.id, "practice", correct)
            page.locator(PANEL).screenshot(path=str(artifacts_dir / f"jupyterhub_{name}.png"))
        memory = _server_memory()
        for page in pages.values():
            assert page.errors == [], f"console errors: {page.errors}"
    elapsed = time.monotonic() - t0

    for name in STUDENTS:
        home = tmp_path / "home" / name
        db = home / ".servicelab" / "progress.db"  # the shipped config's per-student file
        assert db.is_file(), f"no progress file for {name} at {db}"
        assert _answers(db) == [done[name]], f"{name}'s progress file holds other answers"
        assert (home / ".servicelab" / "cache").is_dir(), f"{name}'s chart cache is not in their folder"
        assert (home / "notebooks" / "00_start_here.ipynb").is_file()
        # and nothing went to the default per-user data folder that every student would share here
        assert not (home / ".local" / "share" / "servicelab" / "progress.db").exists()
    assert set(memory) == set(STUDENTS), f"one single-user server per student expected: {memory}"
    print(f"\njupyterhub: two students logged in, ran chapter 12 and answered in {elapsed:.0f} s; "
          "memory per student (RSS, MB: total = server + kernels): "
          + "; ".join(f"{n} {sum(mb):.0f} = {' + '.join(f'{x:.0f}' for x in mb)}" for n, mb in sorted(memory.items())))
