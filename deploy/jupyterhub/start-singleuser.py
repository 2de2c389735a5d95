"""Start a student's JupyterLab for JupyterHub: copy the course notebooks in on first start, then exec
``jupyterhub-singleuser`` with the arguments JupyterHub gave.

Runs as the student (the spawner's user), so the copies belong to them; only the standard library.
``$SERVICELAB_NOTEBOOKS`` is the course's notebooks folder (the repository's ``notebooks/``); they
go to ``~/notebooks``. A file already there is never overwritten (the student's work stays; a new
chapter of a course update is added). The progress file and the chart cache are not here: the hub
config gives each student ``SERVICELAB_PROGRESS_DB`` and ``SERVICELAB_CACHE``.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path


def copy_missing(src: Path, dst: Path) -> list[Path]:
    """Copy every ``*.ipynb`` (and other file) of ``src`` that ``dst`` lacks; return those copied."""
    copied = []
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if path.is_dir() or any(p.startswith(".") or p == "__pycache__" for p in rel.parts):
            continue
        target = dst / rel
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            copied.append(target)
    return copied


def main(argv: list[str]) -> None:
    src = os.environ.get("SERVICELAB_NOTEBOOKS")
    if src and Path(src).is_dir():
        copy_missing(Path(src), Path.home() / "notebooks")
    for var in ("SERVICELAB_PROGRESS_DB", "SERVICELAB_CACHE"):
        if os.environ.get(var):
            Path(os.environ[var]).parent.mkdir(parents=True, exist_ok=True)
    exe = shutil.which("jupyterhub-singleuser")
    if exe is None:
        sys.exit("start-singleuser: jupyterhub-singleuser not found on PATH (pip install jupyterhub)")
    os.execv(exe, [exe, *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
