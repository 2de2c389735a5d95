"""Run JupyterLab on 127.0.0.1 for real-browser tests (``make lab``'s path for learners)."""
from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from .browser import free_port, serve


@contextlib.contextmanager
def lab_server(root: Path, *, token: str = "servicelab-test", timeout: float = 90.0, env: dict | None = None):
    """Start JupyterLab serving ``root``; yield ``(base_url, token)``; stop it afterwards."""
    port = free_port()
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", "--allow-root"]
    with serve(cmd, port, name="jupyterlab", env=env, timeout=timeout) as url:
        yield url, token
