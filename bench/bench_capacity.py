"""Benchmarks of chapter 03's perishability models: Erlang C staffing tables and the M/M/c simulation.

Each row is ``{"name", "value", "target", "unit", "note"}`` (see bench/run.py). The staffing table is
timed for a day of 24 hours under 5 scenarios (one vectorised call each) and for 1 000 days at once,
against a per-hour loop over :func:`agents_needed` and a scalar reference (the Erlang B recursion
run agent by agent in plain Python, the usual spreadsheet way) on the same hours.
"""
from __future__ import annotations

import math
import statistics
import time

import numpy as np

#: (calls per hour at the peak, handling seconds, target seconds, service level)
SCENARIOS = [(200, 180, 20, 0.8), (720, 240, 15, 0.8), (60, 300, 60, 0.9), (1500, 120, 20, 0.8), (400, 420, 30, 0.95)]


def _day(peak: float, rng=None) -> np.ndarray:
    hours = np.arange(24)
    shape = 0.15 + np.exp(-0.5 * ((hours - 11) / 2.2) ** 2) + 0.7 * np.exp(-0.5 * ((hours - 16) / 2.0) ** 2)
    day = peak * shape / shape.max()
    return day if rng is None else day * rng.uniform(0.8, 1.2, 24)


def _time(func, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        func()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _scalar_agents(calls: float, handle: float, target: float, level: float) -> int:
    """Reference: Erlang B by recursion, one agent at a time, in plain Python."""
    a = calls * handle / 3600
    if a == 0:
        return 0
    b, c = 1.0, 0
    while True:
        c += 1
        b = a * b / (c + a * b)
        if c > a:
            p = c * b / (c - a * (1 - b))
            if 1 - p * math.exp(-(c - a) * target / handle) >= level:
                return c


def run() -> list[dict]:
    from servicelab.models.queueing import agents_needed, simulate_mmc, staffing_table

    days = [(_day(peak), h, t, sl) for peak, h, t, sl in SCENARIOS]
    t_vec = _time(lambda: [staffing_table(d, h, target_seconds=t, service_level=sl, start_hour=0) for d, h, t, sl in days], 7)
    t_loop = _time(lambda: [[agents_needed(x, h, target_seconds=t, service_level=sl) for x in d] for d, h, t, sl in days], 3)
    t_ref = _time(lambda: [[_scalar_agents(x, h, t, sl) for x in d] for d, h, t, sl in days], 3)
    same = all(staffing_table(d, h, target_seconds=t, service_level=sl)["agents"].tolist()
               == [_scalar_agents(x, h, t, sl) for x in d] for d, h, t, sl in days)
    rng = np.random.default_rng(0)
    year = np.concatenate([_day(720, rng) for _ in range(1000)])
    t_year = _time(lambda: staffing_table(year, 240, target_seconds=15, service_level=0.8, start_hour=0), 3)
    t_year_ref = _time(lambda: [_scalar_agents(x, 240, 15, 0.8) for x in year], 1)
    import servicelab.models.queueing as queueing

    queueing.ERLANG_B_METHOD = "logsumexp"  # the loop-free alternative, for comparison
    try:
        t_year_lse = _time(lambda: staffing_table(year, 240, target_seconds=15, service_level=0.8, start_hour=0), 3)
    finally:
        queueing.ERLANG_B_METHOD = "recursion"
    t_sim = _time(lambda: simulate_mmc(200, 180, 14, customers=100_000, seed=0), 5)
    t_sim55 = _time(lambda: simulate_mmc(720, 240, 55, customers=100_000, seed=0), 3)
    from servicelab.widgets.capacity import CapacityPanel, QueuePanel

    queue, capacity = QueuePanel("zh"), CapacityPanel("zh")
    agents, pricing = queue.sliders["agents"], capacity.sliders["off_peak_shift"]
    t_queue = _time(lambda: setattr(agents, "value", 13 if agents.value == 14 else 14), 21)
    t_capacity = _time(lambda: setattr(pricing, "value", 50 if pricing.value == 0 else 0), 21)
    return [
        {"name": "QueuePanel refresh (agents slider, Python side)", "value": 1000 * t_queue, "target": 30.0, "unit": "ms",
         "note": "metrics, fewest agents, curve, day staffing table and chart data; median of 21"},
        {"name": "CapacityPanel refresh (pricing slider, Python side)", "value": 1000 * t_capacity, "target": 30.0,
         "unit": "ms", "note": "capacity_day, totals and chart data; median of 21"},
        {"name": "staffing table 24 h × 5 scenarios", "value": 1000 * t_vec, "target": 50.0, "unit": "ms",
         "note": f"5 vectorised calls; per-hour agents_needed loop {1000 * t_loop:.1f} ms; plain-Python recursion "
                 f"{1000 * t_ref:.1f} ms; same agents as the recursion: {same}"},
        {"name": "staffing table 1 000 days (24 000 h)", "value": t_year, "target": 2.0, "unit": "s",
         "note": f"one call, peak 720 calls/h × 240 s; loop-free log-sum-exp table {t_year_lse:.2f} s; "
                 f"plain-Python recursion {t_year_ref:.2f} s"},
        {"name": "simulate_mmc 100 000 callers (14 agents)", "value": t_sim, "target": 0.5, "unit": "s",
         "note": "A = 10 Erlangs; + 10 000 warm-up callers; heap of agents' free times"},
        {"name": "simulate_mmc 100 000 callers (55 agents)", "value": t_sim55, "target": 0.5, "unit": "s",
         "note": "A = 48 Erlangs"},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
