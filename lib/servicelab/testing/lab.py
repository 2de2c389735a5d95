"""Run JupyterLab on 127.0.0.1 for real-browser tests (``make lab``'s path for learners)."""
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

from .browser import free_port


@contextlib.contextmanager
def lab_server(root: Path, *, token: str = "servicelab-test", timeout: float = 90.0, env: dict | None = None):
    """Start JupyterLab serving ``root``; yield ``(base_url, token)``; stop it afterwards."""
    port = free_port()
    tmp = Path(tempfile.mkdtemp(prefix="servicelab-lab-"))
    child_env = dict(os.environ)
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        child_env.setdefault(var, str(tmp / var.lower()))
    child_env.update(env or {})
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", "--allow-root"]
    log = open(tmp / "lab.log", "wb")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=child_env)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited early:\n{(tmp / 'lab.log').read_text(errors='replace')[-3000:]}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("jupyter lab did not start in time") from None
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}/", token
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)
