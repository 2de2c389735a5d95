"""A day of demand against capacity and the course's remedies (servicelab.models.capacity; issue 9).

Oracles: a hand-worked four-hour day (demand 2, 6, 10, 4 against a capacity of 5 an hour) whose
every lever was worked out on paper from the rules in ``capacity_day``'s docstring, and the
conservation identities (customers are neither created nor lost by a lever).
"""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from servicelab.errors import ContentError, ServiceLabError
from servicelab.models import capacity as cap
from servicelab.paths import data_path

HAND = [2, 6, 10, 4]
K = 5


def totals(**levers):
    return cap.capacity_summary(cap.capacity_day(HAND, K, **levers))


def check_identities(day: pd.DataFrame) -> None:
    lhs = day["served"].sum() + day["third_party"].sum() + day["turned_away"].sum() + day["waiting"].iloc[-1]
    assert lhs == pytest.approx(day["original_demand"].sum(), abs=1e-9)
    assert day["demand"].sum() == pytest.approx(day["original_demand"].sum(), abs=1e-9)
    assert np.allclose(day["idle"], day["capacity"] - day["served"])
    assert (day[["served", "third_party", "waiting", "turned_away", "idle", "demand"]] >= -1e-9).all().all()
    assert (day["served"] <= day["capacity"] + 1e-9).all()


def test_hand_example_without_levers():
    day = cap.capacity_day(HAND, K)
    assert day["served"].tolist() == [2, 5, 5, 4]
    assert day["turned_away"].tolist() == [0, 1, 5, 0]
    assert day["idle"].tolist() == [3, 0, 0, 1]
    s = cap.capacity_summary(day)
    assert (s["served"], s["turned_away"], s["idle"], s["peak_hours"]) == (16, 6, 4, 2)
    assert s["idle_hours"] == pytest.approx(0.8) and s["utilisation"] == pytest.approx(16 / 20)


def test_hand_example_off_peak_pricing():
    """Half of the peak excess (1 + 5 = 6) would move, 3 customers, fitting the 4 free places:
    hour 1 gives 3·1/6, hour 2 gives 3·5/6; hour 0 takes 3·3/4, hour 3 takes 3·1/4."""
    day = cap.capacity_day(HAND, K, off_peak_shift=0.5)
    assert day["demand"].tolist() == pytest.approx([4.25, 5.5, 7.5, 4.75])
    s = cap.capacity_summary(day)
    assert s["turned_away"] == pytest.approx(3) and s["idle"] == pytest.approx(1)


def test_hand_example_reservations():
    """All of the excess books the nearest free hours: hour 1's extra customer goes to hour 0
    (hour 2 is full); of hour 2's five, one goes to hour 3 and two to hour 0; two find no room."""
    day = cap.capacity_day(HAND, K, reservation_share=1.0)
    assert day["demand"].tolist() == pytest.approx([5, 5, 7, 5])
    s = cap.capacity_summary(day)
    assert s["turned_away"] == pytest.approx(2) and s["idle"] == pytest.approx(0)


def test_reservations_prefer_the_later_hour_at_equal_distance_then_go_further():
    assert cap.capacity_day([0, 8, 0], 5, reservation_share=1.0)["demand"].tolist() == [0, 5, 3]
    # hour 1's excess of 7: hour 2 (next, full), hour 0 (room 2), then hour 3 (two away, room 3)
    assert cap.capacity_day([3, 12, 5, 2], 5, reservation_share=1.0)["demand"].tolist() == [5, 7, 5, 5]
    assert cap.capacity_day([3, 12, 5, 2], 5, reservation_share=0.5)["demand"].tolist() == [5, 8.5, 5, 3.5]


def test_hand_example_part_time_staff_in_the_peak():
    day = cap.capacity_day(HAND, K, part_time=3)
    assert day["capacity"].tolist() == [5, 8, 8, 5]  # the peak hours by default
    s = cap.capacity_summary(day)
    assert s["turned_away"] == pytest.approx(2) and s["idle"] == pytest.approx(6) and s["extra_capacity"] == 6
    chosen = cap.capacity_day(HAND, K, part_time=3, part_time_hours=[2], hours=[0, 1, 2, 3])
    assert chosen["capacity"].tolist() == [5, 5, 8, 5]


def test_hand_example_third_party():
    day = cap.capacity_day(HAND, K, third_party=0.5)
    assert day["third_party"].tolist() == pytest.approx([0, 0.5, 2.5, 0])
    s = cap.capacity_summary(day)
    assert s["turned_away"] == pytest.approx(3) and s["idle"] == pytest.approx(4)


def test_hand_example_patience():
    """Waiting one hour: hour 1's extra customer is served in hour 2 (first), hour 2's six waiting
    get five places in hour 3 and one leaves; hour 3's four arrivals are still waiting at close."""
    day = cap.capacity_day(HAND, K, patience_hours=1)
    assert day["waiting"].tolist() == [0, 1, 6, 4]
    assert day["turned_away"].tolist() == [0, 0, 0, 1]
    assert day["served"].tolist() == [2, 5, 5, 5]
    s = cap.capacity_summary(day)
    assert s["waiting_at_close"] == 4 and s["idle"] == 3


@pytest.mark.parametrize("lever, value", [("off_peak_shift", 0.6), ("reservation_share", 0.7),
                                          ("third_party", 0.4), ("patience_hours", 2)])
def test_each_demand_lever_cuts_lost_customers_and_never_adds_idle(lever, value):
    base, after = totals(), totals(**{lever: value})
    assert after["turned_away"] < base["turned_away"]
    assert after["idle"] <= base["idle"] + 1e-12


def test_pricing_and_reservations_fill_idle_hours():
    base = totals()
    for lever in ("off_peak_shift", "reservation_share"):
        assert totals(**{lever: 0.5})["idle_hours"] < base["idle_hours"]


def test_part_time_cuts_lost_customers_but_adds_capacity_that_may_idle():
    base, after = totals(), totals(part_time=3)
    assert after["turned_away"] < base["turned_away"]
    assert after["capacity"] > base["capacity"] and after["idle"] >= base["idle"]


def test_levers_are_monotone_on_the_default_day():
    day = cap.load_day("bank_branch")
    for lever in ("off_peak_shift", "reservation_share", "third_party"):
        lost = [cap.capacity_summary(cap.capacity_day(day["demand"], day["capacity"], **{lever: x}))["turned_away"]
                for x in np.linspace(0, 1, 6)]
        assert all(b <= a + 1e-9 for a, b in zip(lost, lost[1:])), lever
        assert lost[-1] < lost[0]


@pytest.mark.parametrize("combo", list(itertools.product([0, 0.4, 1], [0, 0.5, 1], [0, 7], [0, 0.3], [0, 1, 3])))
def test_levers_conserve_demand_and_idle_is_capacity_minus_served(combo):
    s, r, p, q, w = combo
    for name in cap.DAYS:
        day = cap.load_day(name)
        out = cap.capacity_day(day["demand"], day["capacity"], off_peak_shift=s, reservation_share=r,
                               part_time=p, third_party=q, patience_hours=w)
        check_identities(out)
        assert out["hour"].tolist() == list(day.index)


def test_random_days_conserve_demand():
    rng = np.random.default_rng(11)
    for _ in range(40):
        n = int(rng.integers(1, 24))
        demand = rng.uniform(0, 100, n)
        capacity = rng.uniform(0, 80, n)
        out = cap.capacity_day(demand, capacity, off_peak_shift=rng.uniform(), reservation_share=rng.uniform(),
                               part_time=rng.uniform(0, 20), third_party=rng.uniform(),
                               patience_hours=int(rng.integers(0, 4)))
        check_identities(out)


def test_default_days_are_as_documented():
    bank = cap.load_day("bank_branch")
    assert bank.index.tolist() == list(range(9, 17)) and (bank["capacity"] == 48).all()
    canteen = cap.load_day("canteen")
    assert canteen.index.tolist() == list(range(7, 20))
    assert (canteen["demand"] > canteen["capacity"]).sum() == 3  # lunch 11, 12 and dinner 18
    calls = cap.load_call_day()
    assert calls.index.tolist() == list(range(8, 20)) and (calls > 0).all()
    readme = data_path("capacity", "README.md").read_text(encoding="utf-8")
    assert "made up for teaching" in readme


def test_malformed_day_file_names_file_row_and_column(tmp_path, monkeypatch):
    folder = tmp_path / "capacity"
    folder.mkdir()
    (folder / "bank_branch.csv").write_text("hour,demand,capacity\n9,20,48\n10,-3,48\n", encoding="utf-8")
    monkeypatch.setattr(cap, "data_path", lambda *parts: tmp_path.joinpath(*parts))  # translations stay
    with pytest.raises(ContentError) as err:
        cap.load_day("bank_branch")
    msg = err.value.message("en")
    assert "bank_branch.csv" in msg and "3" in msg and "demand" in msg


@pytest.mark.parametrize("call, key", [
    (lambda: cap.capacity_day([1, -2], 5), "error.param.range"),
    (lambda: cap.capacity_day(5, 5), "error.param.not_sequence"),
    (lambda: cap.capacity_day([1, 2], [5]), "error.param.length"),
    (lambda: cap.capacity_day([1, 2], float("nan")), "error.param.not_finite"),
    (lambda: cap.capacity_day([1, 2], 5, off_peak_shift=1.5), "error.param.range"),
    (lambda: cap.capacity_day([1, 2], 5, reservation_share=-0.1), "error.param.range"),
    (lambda: cap.capacity_day([1, 2], 5, third_party="half"), "error.param.not_number"),
    (lambda: cap.capacity_day([1, 2], 5, part_time=-1), "error.param.range"),
    (lambda: cap.capacity_day([1, 2], 5, patience_hours=1.5), "error.param.not_integer"),
    (lambda: cap.capacity_day([1, 2], 5, part_time=2, part_time_hours=[7]), "capacity.error.hour"),
    (lambda: cap.capacity_summary([1, 2]), "capacity.error.day"),
    (lambda: cap.load_day("zoo"), "error.param.choice"),
])
def test_bad_inputs_raise_translated_errors(call, key):
    with pytest.raises(ServiceLabError) as err:
        call()
    assert err.value.key == key
    assert err.value.message("zh") != err.value.message("en")
