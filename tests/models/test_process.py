"""Tests for servicelab.models.process (series reliability of a service process, C5.14).

Oracles: the seed S1 / DOMAIN_NOTES figures and products written out by hand here.
"""
from __future__ import annotations

import math

import pytest

from servicelab.errors import ContentError, ServiceLabError
from servicelab.models import process
from servicelab.models.process import (improve_step, load_express_steps, recovered_reliability,
                                       series_reliability, step_sensitivity, with_recovery)

SEED = (0.99, 0.98, 0.90, 0.98, 0.98, 0.99, 0.95, 0.99, 0.99, 0.99)
FOUR = (0.99, 0.95, 0.98, 0.97)


def _product(values):
    out = 1.0
    for v in values:
        out *= v
    return out


def test_seed_process_reliability():
    # seed S1 prints 0.765; DOMAIN_NOTES gives 0.7653
    assert series_reliability(SEED) == pytest.approx(0.7653, abs=5e-5)
    # written-out product: 0.99^5 · 0.98^3 · 0.90 · 0.95
    assert series_reliability(SEED) == pytest.approx(0.99 ** 5 * 0.98 ** 3 * 0.90 * 0.95, rel=1e-12)


def test_four_step_oracle():
    assert series_reliability(FOUR) == pytest.approx(0.8940393, abs=5e-8)


def test_improving_step_three_matches_the_seed():
    res = improve_step(SEED, 3, 0.96)
    assert res.before == pytest.approx(0.7653, abs=5e-5)
    assert res.after == pytest.approx(0.8163, abs=5e-5)      # seed: 0.816
    assert res.absolute_gain == pytest.approx(0.0510, abs=5e-5)  # seed: 0.051
    assert res.relative_gain == pytest.approx(0.0667, abs=5e-5)  # seed: 6.67
    # the 6.67 % is both the step's own relative improvement and the process's relative gain
    assert res.relative_gain == pytest.approx((0.96 - 0.90) / 0.90, rel=1e-12)
    assert (res.step, res.old_value, res.new_value) == (3, 0.90, 0.96)


def test_worsening_a_step_gives_a_negative_gain():
    res = improve_step(FOUR, 1, 0.5)
    assert res.absolute_gain < 0
    assert res.after == pytest.approx(0.5 * 0.95 * 0.98 * 0.97)


def test_relative_gain_undefined_when_process_always_fails():
    res = improve_step([0.0, 0.9], 1, 0.5)
    assert res.before == 0 and res.after == pytest.approx(0.45)
    assert math.isnan(res.relative_gain)


def test_sensitivity_four_steps():
    df = step_sensitivity(FOUR)
    assert list(df.columns) == ["step", "reliability", "gradient", "rank"]
    assert list(df["step"]) == [1, 2, 3, 4]
    expected = [0.95 * 0.98 * 0.97, 0.99 * 0.98 * 0.97, 0.99 * 0.95 * 0.97, 0.99 * 0.95 * 0.98]
    assert list(df["gradient"]) == pytest.approx(expected, rel=1e-12)
    assert df.loc[df["step"] == 2, "gradient"].item() == pytest.approx(0.941094, abs=5e-7)
    # weakest step (0.95) ranks first, then 0.97, 0.98; strongest (0.99) last
    assert list(df["rank"]) == [4, 1, 3, 2]


def test_sensitivity_weakest_seed_step_first_and_ties_share_rank():
    df = step_sensitivity(SEED)
    assert df.loc[df["rank"] == 1, "step"].tolist() == [3]   # 0.90
    assert df.loc[df["rank"] == 2, "step"].tolist() == [7]   # 0.95
    assert df.loc[df["rank"] == 3, "step"].tolist() == [2, 4, 5]  # the three 0.98s tie
    assert df.loc[df["step"] == 3, "gradient"].item() == pytest.approx(0.7653 / 0.90, abs=1e-4)


def test_sensitivity_with_a_zero_step():
    df = step_sensitivity([0.0, 0.5, 0.8])
    assert list(df["gradient"]) == pytest.approx([0.4, 0.0, 0.0])


def test_recovery_model():
    assert recovered_reliability(0.90, 0.5) == pytest.approx(0.95)
    assert recovered_reliability(0.90, 0.0) == pytest.approx(0.90)
    assert recovered_reliability(0.90, 1.0) == pytest.approx(1.0)
    r = with_recovery(SEED, {3: 0.5, 7: 0.6})
    assert r[2] == pytest.approx(0.95) and r[6] == pytest.approx(0.95 + 0.05 * 0.6)
    assert [v for i, v in enumerate(r) if i not in (2, 6)] == [v for i, v in enumerate(SEED) if i not in (2, 6)]
    assert series_reliability(r) == pytest.approx(_product(SEED) / 0.90 / 0.95 * 0.95 * 0.98, rel=1e-12)


@pytest.mark.parametrize("bad", [[], [0.9, 1.2], [-0.1], [float("nan")], ["x"]])
def test_bad_reliabilities_raise(bad):
    with pytest.raises(ServiceLabError) as info:
        series_reliability(bad)
    assert info.value.key in {"process.error.empty", "process.error.probability"}
    assert info.value.message("en") and info.value.message("zh")


def test_out_of_range_message_names_the_step():
    with pytest.raises(ServiceLabError) as info:
        step_sensitivity([0.9, 1.5])
    assert "r2" in info.value.message("en") and "1.5" in info.value.message("zh")


@pytest.mark.parametrize("step", [0, 5, 2.0, True])
def test_bad_step_number(step):
    with pytest.raises(ServiceLabError) as info:
        improve_step(FOUR, step, 0.99)
    assert info.value.key == "process.error.step"


def test_bad_new_value_and_catch_share():
    with pytest.raises(ServiceLabError):
        improve_step(FOUR, 1, 1.01)
    with pytest.raises(ServiceLabError):
        recovered_reliability(0.9, -0.2)
    with pytest.raises(ServiceLabError):
        with_recovery(FOUR, {9: 0.5})


def test_express_steps_file():
    steps = load_express_steps()
    assert list(steps["step"]) == list(range(1, 11))
    assert tuple(steps["reliability"]) == SEED
    assert steps["name_zh"].str.len().min() > 0 and steps["name_en"].str.len().min() > 0
    assert steps["name_zh"].is_unique and steps["name_en"].is_unique


def test_express_steps_malformed_file_names_file_and_row(tmp_path, monkeypatch):
    (tmp_path / "process").mkdir()
    (tmp_path / "process" / "express_steps.csv").write_text(
        "step,name_zh,name_en,reliability\n1,甲,A,0.9\n2,乙,B,1.3\n", encoding="utf-8")
    monkeypatch.setattr(process, "data_path", lambda *parts: tmp_path.joinpath(*parts))
    with pytest.raises(ContentError) as info:
        load_express_steps()
    msg = info.value.message("en")
    assert "express_steps.csv" in msg and "row 3" in msg and "reliability" in msg


def test_express_steps_missing_file(tmp_path, monkeypatch):
    monkeypatch.setattr(process, "data_path", lambda *parts: tmp_path.joinpath(*parts))
    with pytest.raises(ContentError) as info:
        load_express_steps()
    assert info.value.key == "content.error.missing_file"


# ------------------------------------------------------------------ simulate_parcels (issue 10, 07)
from servicelab.models.process import simulate_parcels  # noqa: E402


def test_simulated_reliability_within_three_standard_errors_of_the_product():
    sim = simulate_parcels(SEED, n=10_000, seed=0)
    product = 0.99 ** 5 * 0.98 ** 3 * 0.90 * 0.95  # written out, not from the module
    se = math.sqrt(product * (1 - product) / 10_000)
    assert sim.expected == pytest.approx(product, rel=1e-12)
    assert abs(sim.simulated - product) < 3 * se
    assert sim.standard_error == pytest.approx(se)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_other_seeds_also_land_near_the_product(seed):
    sim = simulate_parcels(SEED, n=100_000, seed=seed)
    assert abs(sim.simulated - 0.7652799) < 4 * math.sqrt(0.7652799 * 0.2347201 / 100_000)


def test_failures_by_step_follow_the_step_reliabilities():
    # a parcel reaches step k with probability prod_{i<k} r_i and fails there with 1 - r_k
    n = 200_000
    sim = simulate_parcels(SEED, n=n, seed=5)
    by_step = sim.failures_by_step()
    assert by_step["step"].tolist() == list(range(1, 11))
    assert by_step["failures"].sum() + sim.successes == n
    reach = 1.0
    for k, r in enumerate(SEED):
        p = reach * (1 - r)
        got = by_step.loc[k, "failures"] / n
        assert abs(got - p) < 4 * math.sqrt(p * (1 - p) / n), k + 1
        reach *= r
    assert int(by_step["failures"].idxmax()) == 2  # step 3, the weakest, loses most parcels


def test_certain_and_impossible_steps():
    assert simulate_parcels([1.0, 1.0], n=1000).simulated == 1.0
    sim = simulate_parcels([1.0, 0.0, 0.5], n=1000)
    assert sim.simulated == 0.0 and (sim.failed_at == 2).all()


def test_same_seed_same_run_and_running_rate_ends_at_the_share():
    a, b = simulate_parcels(SEED, n=5000, seed=7), simulate_parcels(SEED, n=5000, seed=7)
    assert (a.failed_at == b.failed_at).all()
    run = a.running_rate(points=50)
    assert run["parcels"].iloc[0] == 1 and run["parcels"].iloc[-1] == 5000
    assert run["rate"].iloc[-1] == pytest.approx(a.simulated)
    assert (run["low"] <= a.expected).all() and (run["high"] >= a.expected).all()
    # the band narrows as parcels accumulate (law of large numbers)
    width = run["high"] - run["low"]
    assert width.iloc[-1] < width.iloc[len(width) // 2] < width.iloc[5]


@pytest.mark.parametrize("kwargs", [{"n": 0}, {"n": 2.5}, {"n": "many"}, {"n": 10 ** 9}, {"seed": -1}])
def test_simulate_parcels_rejects_bad_parameters(kwargs):
    with pytest.raises(ServiceLabError):
        simulate_parcels(SEED, **kwargs)


def test_simulate_parcels_rejects_a_bad_reliability():
    with pytest.raises(ServiceLabError) as err:
        simulate_parcels([0.9, 1.2])
    assert "r2" in err.value.message("en")
