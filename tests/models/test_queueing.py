"""Erlang B / C, staffing and the M/M/c simulation (servicelab.models.queueing; issue 9).

Oracles: a published worked example (two independent publications of the same numbers), an exact
rational computation of the textbook formulas with :mod:`fractions` (independent of the vectorised
log-sum-exp code), the classic Erlang B table value, and a seeded simulation whose tolerance is
derived from its own standard error.
"""
from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from servicelab.errors import ServiceLabError
from servicelab.models import queueing as q


# ------------------------------------------------------------------------------ exact oracle
def exact_erlang_c(c: int, load: Fraction) -> Fraction:
    """Erlang C by its textbook sum, in exact rational arithmetic (A < c)."""
    terms = [load ** k / math.factorial(k) for k in range(c)]
    top = load ** c / math.factorial(c) * Fraction(c) / (c - load)
    return top / (sum(terms) + top)


def exact_erlang_b(c: int, load: Fraction) -> Fraction:
    terms = [load ** k / math.factorial(k) for k in range(c + 1)]
    return terms[-1] / sum(terms)


def exact_sl(c: int, load: Fraction, h: float, t: float) -> float:
    p = float(exact_erlang_c(c, load))
    return 1.0 - p * math.exp(-(c - float(load)) * t / h)


# ------------------------------------------------------------------------------ published example
def test_erlang_c_matches_published_call_centre_example():
    """The call-centre worked example: 100 calls in 30 minutes, 180 s handling, 20 s target, 14 agents.

    Published numbers (two independent implementations print the same values):

    * R package ErlangC 0.1.0 (Damonsoul, CRAN 2024), README example
      ``erlang_c(100, 30 min, 180 s, 20 s, 14)``: traffic_intensity 10, wait_probability 0.1741319,
      service_level 0.88835, average_speed_of_answer 7.83593701177724 s, occupancy 0.7142857;
      ``calculate_agents(..., require_service_level = 0.8)`` → 14 agents, and its search table
      starts at 11 agents with wait_probability 0.6821182.
      https://rdocumentation.org/packages/ErlangC/versions/0.1.0
    * Python package pyworkforce 0.1.0 (R. Arenas), PyPI README: ``ErlangC(transactions=100,
      aht=3, asa=20/60, interval=30)``, ``required_positions(service_level=0.8)`` → raw_positions
      14, service_level 0.8883500191794669, occupancy 0.7142857142857143, waiting_probability
      0.1741319335950498. https://pypi.org/project/pyworkforce/0.1.0/

    (The example is the one of Call Centre Helper's "Erlang C formula – made simple"; the numbers
    quoted are those printed by the two packages.) 100 calls per 30 min = 200 calls per hour.
    """
    m = q.queue_metrics(200, 180, 14, target_seconds=20).iloc[0]
    assert m["offered_load"] == pytest.approx(10.0)
    assert m["p_wait"] == pytest.approx(0.1741319335950498, abs=1e-12)
    assert m["service_level"] == pytest.approx(0.8883500191794669, abs=1e-12)
    assert m["asa_seconds"] == pytest.approx(7.83593701177724, abs=1e-9)
    assert m["occupancy"] == pytest.approx(0.7142857142857143, abs=1e-12)
    assert 1 - m["p_wait"] == pytest.approx(0.8258681, abs=5e-8)  # immediate_answer_probability
    assert q.erlang_c(11, 10.0) == pytest.approx(0.6821182, abs=5e-8)
    assert q.agents_needed(200, 180, target_seconds=20, service_level=0.8) == 14


def test_erlang_b_classic_table_value():
    """Erlang B table: 5 Erlangs offered to 10 trunks block 1.84 % of calls (any Erlang B table,
    e.g. Cooper 1981, Table I); one trunk and 1 Erlang block exactly half."""
    assert q.erlang_b(10, 5.0) == pytest.approx(0.018385, abs=5e-6)
    assert q.erlang_b(1, 1.0) == pytest.approx(0.5, abs=1e-15)
    assert q.erlang_b(0, 3.0) == 1.0 and q.erlang_b(4, 0.0) == 0.0


@pytest.mark.parametrize("c, load", [(1, Fraction(1, 2)), (2, Fraction(3, 2)), (14, Fraction(10)),
                                     (55, Fraction(48)), (30, Fraction(299, 10)), (520, Fraction(500))])
def test_erlang_b_and_c_equal_exact_rational_sums(c, load):
    assert q.erlang_c(c, float(load)) == pytest.approx(float(exact_erlang_c(c, load)), rel=1e-10)
    assert q.erlang_b(c, float(load)) == pytest.approx(float(exact_erlang_b(c, load)), rel=1e-10)


def test_both_erlang_b_tables_agree(monkeypatch):
    """The recursion (default) and the loop-free log-sum-exp table give the same Erlang B."""
    loads = np.array([0.0, 0.3, 10.0, 48.0, 499.5])
    rec = q._erlang_b_table(loads, 560)
    lse = q._log_erlang_b_grid(loads, 560)
    assert np.allclose(rec, lse, rtol=1e-9, atol=1e-300)
    monkeypatch.setattr(q, "ERLANG_B_METHOD", "logsumexp")
    assert q.staffing_table([50, 400, 2000], 200)["agents"].tolist() == [q.agents_needed(x, 200) for x in (50, 400, 2000)]


def test_arrays_broadcast_and_match_scalars():
    agents = np.array([[5], [8], [12]])
    loads = np.array([1.0, 4.5, 7.9])
    grid = q.erlang_c(agents, loads)
    assert grid.shape == (3, 3)
    for i, c in enumerate(agents[:, 0]):
        for j, a in enumerate(loads):
            want = 1.0 if a >= c else float(exact_erlang_c(int(c), Fraction(a)))
            assert grid[i, j] == pytest.approx(want, rel=1e-10)
    assert isinstance(q.erlang_c(5, 1.0), float)


def test_overload_is_one_for_scalars_and_arrays():
    assert q.erlang_c(10, 10.0) == 1.0 and q.erlang_c(3, 7.5) == 1.0
    assert q.erlang_c([9, 10, 11], 10.0)[:2].tolist() == [1.0, 1.0]
    m = q.queue_metrics(200, 180, [9, 10, 11]).set_index("agents")
    assert m.loc[10, "asa_seconds"] == math.inf and m.loc[10, "service_level"] == 0.0
    assert not m.loc[10, "stable"] and m.loc[11, "stable"] and m.loc[9, "occupancy"] == 1.0


# ------------------------------------------------------------------------------ monotone, staffing
@pytest.mark.parametrize("calls, handle", [(200, 180), (720, 240), (30, 300), (1500, 95)])
def test_wait_and_asa_decrease_and_service_level_rises_with_agents(calls, handle):
    load = calls * handle / 3600
    agents = list(range(math.floor(load) + 1, math.floor(load) + 25))
    m = q.queue_metrics(calls, handle, agents)
    assert (np.diff(m["p_wait"]) < 0).all()
    assert (np.diff(m["asa_seconds"]) < 0).all()
    sl = m["service_level"].to_numpy()
    assert (np.diff(sl) >= 0).all()
    assert (np.diff(sl)[sl[:-1] < 1 - 1e-9] > 0).all()  # strictly rising until it rounds to 1


CASES = [(200, 180, 20, 0.8), (720, 240, 15, 0.8), (30, 300, 20, 0.9), (1, 600, 20, 0.8), (5000, 300, 30, 0.95),
         (240, 200, 0, 0.5), (90, 420, 60, 0.7)]


@pytest.mark.parametrize("calls, handle, target, level", CASES)
def test_agents_needed_meets_target_and_one_fewer_misses(calls, handle, target, level):
    c = q.agents_needed(calls, handle, target_seconds=target, service_level=level)
    load = Fraction(calls * handle, 3600)
    assert exact_sl(c, load, handle, target) >= level
    if c - 1 > load:
        assert exact_sl(c - 1, load, handle, target) < level
    else:  # one agent fewer is not even a stable queue
        assert c - 1 <= load


def test_agents_needed_with_no_calls_is_zero():
    assert q.agents_needed(0, 180) == 0


def test_staffing_table_equals_agents_needed_row_by_row():
    rng = np.random.default_rng(7)
    calls = np.concatenate([[0.0, 1.0], rng.uniform(0, 900, 46)])
    for handle, target, level in ((180, 20, 0.8), (300, 30, 0.9)):
        table = q.staffing_table(calls, handle, target_seconds=target, service_level=level, start_hour=22)
        expected = [q.agents_needed(x, handle, target_seconds=target, service_level=level) for x in calls]
        assert table["agents"].tolist() == expected
        assert table["hour"].tolist()[:3] == [22, 23, 0]
        metrics = [q.queue_metrics(x, handle, c, target_seconds=target).iloc[0] for x, c in zip(calls, expected) if c > 0]
        busy = table[table["agents"] > 0]
        assert busy["service_level"].to_numpy() == pytest.approx([m["service_level"] for m in metrics], abs=1e-12)
        assert busy["asa_seconds"].to_numpy() == pytest.approx([m["asa_seconds"] for m in metrics], abs=1e-9)
    assert list(table.columns) == ["hour", "calls", "offered_load", "agents", "service_level", "asa_seconds", "occupancy"]


def test_staffing_table_per_hour_handle_times():
    table = q.staffing_table([200, 200], [180, 360])
    assert table["agents"].tolist() == [q.agents_needed(200, 180), q.agents_needed(200, 360)]


# ------------------------------------------------------------------------------ simulation
#: (calls per hour, handling seconds, agents): light to heavy load, one to 55 agents.
SIM_CASES = [(200, 180, 14), (720, 240, 55), (30, 300, 4), (50, 120, 3), (20, 150, 1)]


@pytest.mark.parametrize("seed, calls, handle, agents", [(i, *case) for i, case in enumerate(SIM_CASES)])
def test_simulation_agrees_with_erlang_c(seed, calls, handle, agents):
    """simulate_mmc (100 000 callers; seed = the case's position, so the cases use independent
    random streams) agrees with the formulas within 4 standard errors.

    The tolerance: each estimate's standard error comes from batch means (20 batches of 5 000
    successive callers; successive waits are correlated, so the binomial SE would be too small).
    For an approximately normal estimate a deviation beyond 4 SE has probability 6·10⁻⁵; with
    100 000 callers the measured p_wait SEs are 0.003–0.02, so the tolerance is 0.013–0.08. The test
    also checks the SE is not inflated: below 0.03 for the probabilities, below 25 % of the ASA
    (the 55-agent case at 87 % occupancy mixes slowly: its ASA SE is about 20 %).
    """
    exact = q.queue_metrics(calls, handle, agents, target_seconds=20).iloc[0]
    sim = q.simulate_mmc(calls, handle, agents, customers=100_000, seed=seed, target_seconds=20).iloc[0]
    assert sim["customers"] == 100_000
    for col, se in (("p_wait", "p_wait_se"), ("asa_seconds", "asa_se"), ("service_level", "service_level_se")):
        assert abs(sim[col] - exact[col]) <= 4 * sim[se], (col, sim[col], exact[col], sim[se])
    assert sim["p_wait_se"] < 0.03 and sim["service_level_se"] < 0.03
    assert sim["asa_se"] < 0.25 * exact["asa_seconds"]


def test_simulation_replications_agree_and_the_tolerance_has_power():
    """Eight independent replications (seeds 1–8): their mean lies within 4 replication SEs of the
    exact values, the batch-means SE matches the spread between replications (ratio 0.5–2), and the
    same tolerance rejects plausible wrong formulas (Erlang B as the waiting probability, the
    M/M/1-style ASA h/(c − A) without P_w)."""
    calls, handle, agents = 200, 180, 14
    exact = q.queue_metrics(calls, handle, agents).iloc[0]
    runs = pd.concat([q.simulate_mmc(calls, handle, agents, customers=50_000, seed=s) for s in range(1, 9)])
    rep_se = runs.std(ddof=1) / math.sqrt(len(runs))
    mean = runs.mean()
    for col in ("p_wait", "asa_seconds", "service_level"):
        assert abs(mean[col] - exact[col]) <= 4 * rep_se[col]
    ratio = runs["p_wait_se"].mean() / runs["p_wait"].std(ddof=1)
    assert 0.5 < ratio < 2.0
    wrong_p = q.erlang_b(agents, 10.0)
    wrong_asa = handle / (agents - 10.0)
    assert abs(mean["p_wait"] - wrong_p) > 4 * rep_se["p_wait"]
    assert abs(mean["asa_seconds"] - wrong_asa) > 4 * rep_se["asa_seconds"]


def test_simulation_is_seeded():
    a = q.simulate_mmc(200, 180, 14, customers=5_000, seed=3)
    b = q.simulate_mmc(200, 180, 14, customers=5_000, seed=3)
    c = q.simulate_mmc(200, 180, 14, customers=5_000, seed=4)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)


def test_simulation_refuses_an_overloaded_queue():
    with pytest.raises(ServiceLabError) as err:
        q.simulate_mmc(200, 180, 10)
    assert err.value.key == "capacity.error.unstable"
    assert "10" in err.value.message("en") and "坐席" in err.value.message("zh")


# ------------------------------------------------------------------------------ bad inputs
@pytest.mark.parametrize("call, key", [
    (lambda: q.erlang_c(0, 1.0), "error.param.range"),
    (lambda: q.erlang_c(2.5, 1.0), "error.param.not_integer"),
    (lambda: q.erlang_c([3, 4.5], 1.0), "error.param.not_integer"),
    (lambda: q.erlang_c(3, -1.0), "error.param.range"),
    (lambda: q.erlang_c(3, float("nan")), "error.param.not_finite"),
    (lambda: q.erlang_c(3, [1.0, float("inf")]), "error.param.not_finite"),
    (lambda: q.erlang_b("3", 1.0), "error.param.not_integer"),
    (lambda: q.erlang_c(3, ["a"]), "error.param.data"),
    (lambda: q.queue_metrics(-5, 180, 3), "error.param.range"),
    (lambda: q.queue_metrics(100, 0, 3), "error.param.range"),
    (lambda: q.queue_metrics(100, 180, [3, 0]), "error.param.range"),
    (lambda: q.queue_metrics(100, 180, 3, target_seconds=-1), "error.param.range"),
    (lambda: q.agents_needed(100, 180, service_level=1.0), "error.param.range"),
    (lambda: q.agents_needed(100, 180, service_level=0), "error.param.range"),
    (lambda: q.agents_needed(None, 180), "error.param.not_number"),
    (lambda: q.staffing_table(100, 180), "error.param.not_sequence"),
    (lambda: q.staffing_table([100, -1], 180), "error.param.range"),
    (lambda: q.staffing_table([100], [180, 200]), "error.param.length"),
    (lambda: q.staffing_table([100], 180, start_hour=24), "error.param.range"),
    (lambda: q.simulate_mmc(200, 180, 14, customers=10), "error.param.range"),
    (lambda: q.simulate_mmc(200, 180, 14, seed=-1), "error.param.range"),
])
def test_bad_inputs_raise_translated_errors(call, key):
    with pytest.raises(ServiceLabError) as err:
        call()
    assert err.value.key == key
    assert err.value.message("zh") != err.value.message("en")


def test_huge_staffing_questions_are_refused_not_left_running():
    with pytest.raises(ServiceLabError) as err:
        q.agents_needed(1e9, 180)
    assert err.value.key == "capacity.error.too_many" and "10000" in err.value.message("en")
    with pytest.raises(ServiceLabError) as err:
        q.staffing_table([100, 3_600_000], 36)  # A = 36 000 Erlangs in the second hour
    assert err.value.key == "capacity.error.too_many"
    assert q.agents_needed(3_500_000, 10) > 9_700  # A = 9 722 Erlangs still fits under the limit
    for call in (lambda: q.erlang_c(10**7, 1.0), lambda: q.erlang_b([5, 10**6], 1.0),
                 lambda: q.queue_metrics(100, 180, 20_000), lambda: q.simulate_mmc(100, 180, 10**6)):
        with pytest.raises(ServiceLabError) as err:
            call()
        assert err.value.key == "error.param.range"


def test_error_names_the_bad_array_element():
    with pytest.raises(ServiceLabError) as err:
        q.erlang_c([3, 4, 5.5], 1.0)
    assert "agents #3" in err.value.message("en")


def test_simulation_check_sets_the_published_figures_beside_the_simulation():
    """The formula column is the published worked example (pyworkforce 0.1.0 / ErlangC 0.1.0:
    100 calls per 30 min, 180 s, 14 agents, 20 s); z is recomputed here from the two columns."""
    from servicelab.models.queueing import SIM_TOLERANCE_SE, simulate_mmc, simulation_check

    check = simulation_check(200, 180, 14, customers=200_000, seed=3).set_index("measure")
    assert check.loc["p_wait", "erlang"] == pytest.approx(0.1741319335950498, abs=1e-12)
    assert check.loc["service_level", "erlang"] == pytest.approx(0.8883500191794669, abs=1e-12)
    assert check.loc["asa_seconds", "erlang"] == pytest.approx(7.83593701177724, abs=1e-9)
    sim = simulate_mmc(200, 180, 14, customers=200_000, seed=3).iloc[0]
    assert check.loc["p_wait", "simulated"] == sim["p_wait"]
    z = (sim["asa_seconds"] - 7.83593701177724) / sim["asa_se"]
    assert check.loc["asa_seconds", "z"] == pytest.approx(z)
    assert bool(check.loc["asa_seconds", "agrees"]) == (abs(z) <= SIM_TOLERANCE_SE)
    assert check["agrees"].all()


def test_a_second_published_example_600_calls_of_120_seconds():
    """Second published worked example, from the documentation of an online Erlang C calculator
    (Villar, "Erlang C calculator", http://personal.telefonica.terra.es/web/vr/erlang/eng/mcerlc.htm):
    600 calls an hour of 120 s = 20 Erlangs; a 15 % delay-probability target needs 26 circuits, with an
    average delay of about 3 s per call; 30 circuits cut the delay probability to 2.5 %."""
    from servicelab.models.queueing import erlang_c, queue_metrics

    assert erlang_c(26, 20.0) <= 0.15 < erlang_c(25, 20.0)
    assert queue_metrics(600, 120, 26).iloc[0]["asa_seconds"] == pytest.approx(3.0, abs=0.15)
    assert round(erlang_c(30, 20.0), 3) == 0.025
