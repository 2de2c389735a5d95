"""Tests for servicelab.models.escalation (the chained service system with escalation, C2.5).

Oracles: hand-worked queues (first come, first served, written out below), the conservation of
tickets, and the Erlang C mean wait of an M/M/c queue (DOMAIN_NOTES) computed here independently.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from servicelab.errors import ServiceLabError
from servicelab.models.escalation import run_chain, simulate_escalation

INF = float("inf")


def test_hand_worked_single_desk():
    # one clerk, 10 minutes each, tickets at 0, 1, 2, limit 15: waits 0, 9; the third would wait 18
    res = run_chain([0, 1, 2], [[10], [10], [10]], [1], [15], horizon=60)
    assert res.tickets["status"].tolist() == ["done", "done", "escalated"]
    assert res.tickets["finish"].tolist() == [10, 20, 17]
    dep = res.departments.iloc[0]
    assert (dep["arrived"], dep["served"], dep["escalated"]) == (3, 2, 1)


def test_escalated_ticket_does_not_hold_up_the_next():
    # limit 5: ticket 2 (arrives 1, would start 10) escalates at 6; ticket 3 (arrives 12) starts at 12
    res = run_chain([0, 1, 12], [[10], [10], [10]], [1], [5], horizon=60)
    assert res.tickets["status"].tolist() == ["done", "escalated", "done"]
    assert res.tickets["wait"].tolist() == [0, 5, 0]
    assert res.tickets["finish"].tolist() == [10, 6, 22]


def test_two_departments_and_the_state_at_the_end_of_the_shift():
    # dept 1: 1 clerk, 5 min; dept 2: 1 clerk, 20 min, limit 10. Arrivals 0, 1.
    # t1: d1 0–5, d2 5–25 → done at 25. t2: d1 5–10 (wait 4), d2 arrives 10, free at 25 → wait 15 > 10
    # → escalates at 20. Horizon 22: ticket 1 is still in service at dept 2 → open.
    res = run_chain([0, 1], [[5, 20], [5, 20]], [1, 1], [INF, 10], horizon=22)
    t = res.tickets
    assert t["status"].tolist() == ["open", "escalated"]
    assert t["stage"].tolist() == ["in_service", "escalated"]
    assert t["department"].tolist() == [1, 1]
    assert t["wait"].tolist() == [0, 4 + 10]
    assert res.departments["escalated"].tolist() == [0, 1]


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("rate", [5, 12, 30, 80])
def test_tickets_are_conserved(seed, rate):
    res = simulate_escalation(rate, seed=seed)
    assert res.count("done") + res.count("escalated") + res.count("open") == res.arrived
    assert set(res.tickets["status"]) <= {"done", "escalated", "open"}
    # every department passes on what it served and finished; nothing appears from nowhere
    d = res.departments
    assert d["arrived"].iloc[0] == res.arrived
    assert (d["arrived"] == d["served"] + d["escalated"] + d["waiting"]).all()
    assert d["escalated"].sum() == res.count("escalated")
    assert (d["arrived"].iloc[1:].to_numpy() <= (d["served"] - d["in_service"]).iloc[:-1].to_numpy()).all()


@pytest.mark.parametrize("rate", [12, 60, 150])
def test_no_escalation_with_infinite_limits(rate):
    res = simulate_escalation(rate, limits=[INF, INF, INF], seed=3)
    assert res.count("escalated") == 0
    assert res.arrived > 0


def test_more_staff_fewer_escalations_seeded():
    base = simulate_escalation(12, staff=[2, 3, 4], seed=0)
    more = simulate_escalation(12, staff=[2, 4, 5], seed=0)
    assert more.count("escalated") < base.count("escalated")
    assert more.mean_wait < base.mean_wait
    assert len(more.tickets) == len(base.tickets)  # the same tickets: only the staffing changed


def test_tighter_limits_escalate_more():
    loose = simulate_escalation(12, limits=[30, 60, 90], seed=0)
    tight = simulate_escalation(12, limits=[5, 10, 15], seed=0)
    assert tight.count("escalated") > loose.count("escalated")


def test_single_department_mean_wait_matches_erlang_c():
    # M/M/c, λ = 20/h, h = 9 min, c = 4 → A = 3 Erlang; long shift, no limit
    lam, h, c = 20.0, 9.0, 4
    A = lam * h / 60
    b = 1.0
    for k in range(1, c + 1):
        b = A * b / (k + A * b)
    pw = c * b / (c - A * (1 - b))
    wq = pw * h / (c - A)
    waits = []
    for seed in range(4):
        res = simulate_escalation(lam, staff=[c], limits=[INF], service_minutes=[h], hours=24, seed=seed)
        served = res.tickets[res.tickets["stage"] != "waiting"]
        waits.append(served["wait"].mean())
    assert np.mean(waits) == pytest.approx(wq, rel=0.25)


@pytest.mark.parametrize("kwargs", [
    {"arrivals_per_hour": -1}, {"arrivals_per_hour": 1000}, {"staff": [0, 1, 1]}, {"staff": [1, 1]},
    {"staff": [1.5, 1, 1]}, {"limits": [0, 10, 10]}, {"limits": "ten"}, {"hours": 0}, {"seed": -2},
    {"service_minutes": [0, 5, 5]},
])
def test_bad_levers_get_a_clear_error(kwargs):
    with pytest.raises(ServiceLabError) as err:
        simulate_escalation(**kwargs)
    assert err.value.message("en") and err.value.message("zh")


def test_no_arrivals():
    res = simulate_escalation(0)
    assert res.arrived == 0 and math.isnan(res.mean_wait)
