"""Benchmarks of the SERVQUAL foundation: cold import, survey scoring at scale, notebook suite.

Each ``run_*`` returns rows ``{"name", "value", "target", "unit", "note"}``.
"""
from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def run_import(repeats: int = 5) -> list[dict]:
    """Cold ``import servicelab`` in a fresh interpreter (median of ``repeats``)."""
    code = "import time; t=time.perf_counter(); import servicelab; print(time.perf_counter()-t)"
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
             for _ in range(repeats)]
    return [{"name": "import servicelab (cold)", "value": statistics.median(times), "target": 1.0, "unit": "s", "note": f"median of {repeats}"}]


def _ratings(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.integers(1, 8, (n, 22)).astype(float), rng.integers(1, 8, (n, 22)).astype(float)


def _numpy_floor(e: np.ndarray, p: np.ndarray) -> None:
    """The least work: P − E, five dimension means, five alphas for E and for P (no NaN handling)."""
    g = p - e
    bounds = [(0, 4), (4, 9), (9, 13), (13, 17), (17, 22)]
    dims = np.column_stack([g[:, a:b].mean(axis=1) for a, b in bounds])
    dims.mean(axis=0)
    for x in (e, p):
        for a, b in bounds:
            blk = x[:, a:b]
            k = b - a
            k / (k - 1) * (1 - blk.var(axis=0, ddof=1).sum() / blk.sum(axis=1).var(ddof=1))


def _model(e: np.ndarray, p: np.ndarray, frame: pd.DataFrame) -> None:
    from servicelab.models import servqual as sq

    sq.gap_scores(e, p)
    sq.dimension_reliability(frame)


def _measure(func, *args, repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        gc.collect()
        t = time.perf_counter()
        func(*args)
        times.append(time.perf_counter() - t)
    gc.collect()
    tracemalloc.start()
    func(*args)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20


def run_scoring(sizes=(1_000, 100_000, 1_000_000)) -> list[dict]:
    """Gaps + α per dimension at several survey sizes, against the pure-numpy floor."""
    from servicelab.models.servqual import E_COLUMNS, P_COLUMNS

    rows, per_resp = [], []
    for n in sizes:
        e, p = _ratings(n)
        frame = pd.DataFrame(np.hstack([e, p]), columns=[*E_COLUMNS, *P_COLUMNS])
        repeats = 7 if n <= 100_000 else 3
        t_model, mem_model = _measure(_model, e, p, frame, repeats=repeats)
        t_floor, mem_floor = _measure(_numpy_floor, e, p, repeats=repeats)
        ratio = t_model / t_floor
        target = 2.0 if n == 1_000_000 else None
        rows.append({"name": f"survey scoring n={n:,}", "value": t_model, "target": target, "unit": "s",
                     "note": f"floor {t_floor:.4f} s, ratio {ratio:.2f} (target ≤ 5), peak {mem_model:.0f} MiB vs floor {mem_floor:.0f} MiB"})
        rows.append({"name": f"survey scoring n={n:,} / numpy floor", "value": ratio, "target": 5.0, "unit": "×", "note": ""})
        per_resp.append(t_model / n)
        del e, p, frame
    if len(sizes) >= 2:
        growth = (per_resp[-1] / per_resp[-2])
        rows.append({"name": "scoring time per respondent, largest / second-largest size", "value": growth, "target": 1.5,
                     "unit": "×", "note": "≈ 1 means linear growth"})
    return rows


def _run_notebook(path: Path, cwd: Path) -> float:
    import papermill as pm

    out = Path(tempfile.mkdtemp()) / "out.ipynb"
    t = time.perf_counter()
    pm.execute_notebook(str(path), str(out), kernel_name="python3", cwd=str(cwd), progress_bar=False, log_output=False,
                        request_save_on_cell_execute=False)
    return time.perf_counter() - t


def run_notebooks() -> list[dict]:
    """Time of the whole notebook suite against notebooks × the bare-kernel floor + import time."""
    import nbformat

    tmp = Path(tempfile.mkdtemp(prefix="servicelab-bench-"))
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        os.environ.setdefault(var, str(tmp / var.lower()))
    os.environ.setdefault("SERVICELAB_PROGRESS_DB", str(tmp / "progress.db"))
    empty = nbformat.v4.new_notebook()
    empty.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    empty.cells = [nbformat.v4.new_code_cell("LANG = 'zh'", metadata={"tags": ["parameters"]})]
    empty_path = tmp / "empty.ipynb"
    nbformat.write(empty, empty_path)
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    for nb in notebooks:  # warm the one-time caches (chart bundle and templates, pyc files) first
        _run_notebook(nb, ROOT / "notebooks")
    floor = statistics.median(_run_notebook(empty_path, tmp) for _ in range(3))
    imp = run_import(3)[0]["value"]
    suite = sum(_run_notebook(nb, ROOT / "notebooks") for nb in notebooks)
    budget = 1.5 * len(notebooks) * floor + imp
    return [
        {"name": "bare-kernel floor (empty notebook)", "value": floor, "target": None, "unit": "s", "note": "median of 3"},
        {"name": f"notebook suite ({len(notebooks)} notebooks, zh)", "value": suite, "target": budget, "unit": "s",
         "note": f"target = 1.5 × {len(notebooks)} × floor + import ({imp:.2f} s); warm caches, papermill, no save per cell"},
        {"name": "notebook suite / (notebooks × floor)", "value": suite / (len(notebooks) * floor), "target": None, "unit": "×",
         "note": "how many bare-kernel runs the suite costs"},
    ]
