"""Execute notebooks and keep only the outputs nbval checks; strip everything else.

    python tests/tools/store_checked_outputs.py [notebooks/NB.ipynb ...]   (default: all)

Cells whose source contains ``NBVAL_CHECK_OUTPUT`` keep their outputs and execution count (nbval
needs both);
every other code cell is stored with no outputs and no execution count, as git wants them.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
MARK = "NBVAL_CHECK_OUTPUT"


def strip(nb) -> None:
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if MARK not in cell.source:
            cell.outputs = []
            cell.execution_count = None
        # nbval needs an execution count on a cell whose stored output it checks
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)


def store(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    tmp = Path(tempfile.mkdtemp(prefix="servicelab-store-"))
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        os.environ.setdefault(var, str(tmp / var.lower()))
    os.environ.setdefault("SERVICELAB_PROGRESS_DB", str(tmp / "progress.db"))
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    strip(nb)
    nbformat.write(nb, path)
    print(f"stored checked outputs: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    paths = [Path(p).resolve() for p in sys.argv[1:]] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for p in paths:
        store(p)
