"""Benchmark: BG/NBD fits on CDNOW — the paper's 2,357-customer sample and the full 23,570-customer log.

Run on its own with ``python bench/bench_loyalty.py`` or as the ``loyalty`` group of ``bench/run.py``.
Times the summary (x, t_x, T from the log) plus the maximum-likelihood fit; the files are read first.
"""
from __future__ import annotations

import sys
from pathlib import Path

try:
    import servicelab  # noqa: F401
except ImportError:  # running from a checkout without an editable install
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))

from servicelab.io.transactions import read_cdnow, read_cdnow_sample  # noqa: E402
from servicelab.models.loyalty import bgnbd_summary, fit_bgnbd  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_tiers import _median_seconds  # noqa: E402  (one timing helper for the bench scripts)

REPEATS = 3


def run() -> list[dict]:
    """Median seconds of summary + fit, on the sample and on the full log."""
    rows = []
    for label, log, target in (("sample (2,357 customers)", read_cdnow_sample(), 2.0),
                               ("full log (23,570 customers)", read_cdnow().data, 5.0)):
        seconds = _median_seconds(lambda log=log: fit_bgnbd(bgnbd_summary(log, "1997-09-30")), REPEATS)
        rows.append({"name": f"loyalty: BG/NBD summary + fit, {label}", "value": seconds, "target": target, "unit": "s"})
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']}: {row['value']:.3f} {row['unit']} (target {row['target']})")
