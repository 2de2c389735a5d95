"""Benchmarks of chapter 07's simulations: parcels through the express process, one escalation shift.

``simulate_parcels`` is vectorised (one array operation per step); the rows compare it with the
least numpy work that gives the same answer (a uniform draw per parcel and step, then the first
failing step) so a regression to a Python loop shows at once.
"""
from __future__ import annotations

import gc
import statistics
import time

import numpy as np

SEED = [0.99, 0.98, 0.90, 0.98, 0.98, 0.99, 0.95, 0.99, 0.99, 0.99]


def _median_time(func, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        t = time.perf_counter()
        func()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _floor(n: int) -> None:
    u = np.random.default_rng(0).random((n, len(SEED)))
    ok = u < np.asarray(SEED)
    np.where(ok.all(axis=1), 0, np.argmin(ok, axis=1) + 1)


def run() -> list[dict]:
    from servicelab.models.escalation import simulate_escalation
    from servicelab.models.process import simulate_parcels

    rows = []
    for n, target, repeats in ((10_000, 0.01, 21), (1_000_000, 0.5, 5)):
        t = _median_time(lambda: simulate_parcels(SEED, n=n, seed=0), repeats)
        floor = _median_time(lambda: _floor(n), repeats)
        sim = simulate_parcels(SEED, n=n, seed=0)
        z = (sim.simulated - sim.expected) / sim.standard_error
        rows.append({"name": f"simulate_parcels, {n:,} parcels", "value": t * 1000, "target": target * 1000, "unit": "ms",
                     "note": f"median of {repeats}; numpy floor {floor * 1000:.1f} ms; simulated {sim.simulated:.4f} vs "
                             f"product {sim.expected:.4f} ({z:+.2f} SE)"})
    t = _median_time(lambda: simulate_escalation(seed=0), 21)
    rows.append({"name": "simulate_escalation, one 8-hour shift", "value": t * 1000, "target": 50.0, "unit": "ms",
                 "note": "median of 21; default levers (12 tickets/h, 3 departments)"})
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
