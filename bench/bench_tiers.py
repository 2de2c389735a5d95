"""Benchmark: CDNOW customer values, tiers, Lorenz curve and Gini.

``run()`` returns rows ``{"name", "value", "target", "unit"}``; ``value`` is the median of several
runs in seconds. The main row times the analysis *after* the file is read (target 0.2 s); a second
row times reading and checking the file itself.

Run on its own with ``python bench/bench_tiers.py``.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

try:
    import servicelab  # noqa: F401
except ImportError:  # running from a checkout without an editable install
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))

from servicelab.io.transactions import read_cdnow  # noqa: E402
from servicelab.models.tiers import (  # noqa: E402
    assign_tiers,
    customer_value,
    gini_coefficient,
    lorenz_curve,
    pareto_curve,
    pareto_share,
    tier_profile,
)

REPEATS = 7


def _median_seconds(func, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _analysis(log) -> None:
    values = customer_value(log, as_of="1998-06-30")
    tiers = assign_tiers(values["revenue"])
    tier_profile(values, tiers)
    lorenz_curve(values["revenue"], max_points=5000)
    pareto_curve(values["revenue"], max_points=5000)
    pareto_share(values["revenue"], top=0.2)
    gini_coefficient(values["revenue"])


def run() -> list[dict]:
    """Time CDNOW → customer values + tiers + profile + Lorenz/Pareto + Gini (file already read)."""
    log = read_cdnow()
    _analysis(log)  # warm-up
    analysis = _median_seconds(lambda: _analysis(log))
    reading = _median_seconds(read_cdnow, repeats=3)
    return [
        {"name": "tiers: CDNOW customer values + tiers + Lorenz + Gini (after read)",
         "value": analysis, "target": 0.2, "unit": "s"},
        {"name": "tiers: read and check CDNOW (69,659 rows)", "value": reading, "target": 1.0, "unit": "s"},
    ]


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']}: {row['value']:.4f} {row['unit']} (target {row['target']} {row['unit']})")
