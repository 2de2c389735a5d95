"""Run JupyterLab on 127.0.0.1 for real-browser tests (``make lab``'s path for learners)."""
from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from .browser import _serve_process, free_port


@contextlib.contextmanager
def lab_server(root: Path, *, token: str = "servicelab-test", timeout: float = 90.0, env: dict | None = None,
               args: Sequence[str] = (), log: bool = False):
    """Start JupyterLab serving a copy of ``root``; yield ``(base_url, token)``; stop it afterwards.

    With ``log=True`` it yields ``(base_url, token, log_path)``: the server's output, kernels'
    stderr included (a widget callback's traceback lands there), for a test to report on failure.

    JupyterLab autosaves an open notebook (every 120 s by default) with its outputs: serving a
    temporary copy keeps the repository's notebooks stripped whatever a long browser test does.
    Each server also gets a fresh workspace, so no test reopens another test's notebooks.
    ``args`` are extra JupyterLab options (e.g. ``--LabApp.app_settings_dir=…``).
    """
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="servicelab-lab-") as tmp:
        copy = Path(tmp) / Path(root).name
        shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={copy}", "--allow-root",
               # a workspace of its own: a shared one would reopen the previous test's notebooks, and
               # "Run All Cells" would then run whichever of them JupyterLab made current
               f"--LabApp.workspaces_dir={Path(tmp) / 'workspaces'}", *args]
        with _serve_process(cmd, port, name="jupyterlab", env=env, timeout=timeout) as (url, _proc, log_path):
            yield (url, token, log_path) if log else (url, token)
