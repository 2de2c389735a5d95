"""Tests for servicelab.models.recovery (C5.20), a teaching illustration.

Oracles: the directions of the literature — a worse failure lowers satisfaction and a better
recovery raises it; the recovery paradox only after an excellent recovery of a mild first failure
(McCollough & Bharadwaj 1992; Magnini et al. 2007); no paradox on repurchase intention (de Matos,
Henrique & Rossi 2007) — and values worked by hand from the documented formula.
"""
from __future__ import annotations

import itertools

import pytest

from servicelab.errors import ServiceLabError
from servicelab.models import recovery
from servicelab.models.recovery import recovery_outcome, recovery_quality

GRID = list(itertools.product(range(1, 11), (0, 3, 5, 8, 10), (0, 5, 10), (0, 7, 10), (False, True)))


def test_hand_worked_values():
    # severity 2 → s = 0.2, R = 1: loss 10 fully recovered, bonus 10 · 1 · (1 − 0.2/0.5) = 6
    out = recovery_outcome(2, 10, 10, 10)
    assert (out["before"], out["failure"], out["satisfaction"], out["repurchase"]) == (70, 60, 76, 70)
    assert out["paradox"] and out["why_not"] == ()
    # severity 5, keys 1, 3, 8 → R = 0.4: 70 − 25 · 0.6 = 55, no bonus
    out = recovery_outcome(5, 1, 3, 8)
    assert out["failure"] == 45 and out["satisfaction"] == pytest.approx(55) and out["repurchase"] == pytest.approx(55)
    assert set(out["why_not"]) == {"severe", "quality"}
    # severity 1, keys 9, 9, 9 → R = 0.9: 70 − 5 · 0.1 + 10 · 0.5 · 0.8 = 73.5
    assert recovery_outcome(1, 9, 9, 9)["satisfaction"] == pytest.approx(73.5)
    assert list(recovery_outcome(2, 10, 10, 10)["table"]["stage"]) == ["before", "failure", "satisfaction", "repurchase"]


def test_recovery_quality_is_the_mean_of_the_three_keys():
    assert recovery_quality(10, 10, 10) == 1 and recovery_quality(0, 0, 0) == 0
    assert recovery_quality(3, 6, 0) == pytest.approx(0.3)


@pytest.mark.parametrize("key", recovery.KEYS)
def test_each_key_never_lowers_satisfaction_or_repurchase_and_raises_them_somewhere(key):
    rose = False
    for sev, t, e, c, prior in GRID:
        levers = dict(timeliness=t, empowerment=e, compensation=c)
        low = recovery_outcome(sev, **levers, prior_failure=prior)
        higher = {**levers, key: min(10, levers[key] + 1)}
        high = recovery_outcome(sev, **higher, prior_failure=prior)
        assert high["satisfaction"] >= low["satisfaction"] - 1e-9
        assert high["repurchase"] >= low["repurchase"] - 1e-9
        rose |= high["satisfaction"] > low["satisfaction"] + 1e-9
    assert rose


def test_severity_never_raises_satisfaction_and_lowers_it_without_a_perfect_recovery():
    for sev, t, e, c, prior in GRID:
        if sev == 10:
            continue
        a, b = recovery_outcome(sev, t, e, c, prior_failure=prior), recovery_outcome(sev + 1, t, e, c, prior_failure=prior)
        assert b["satisfaction"] <= a["satisfaction"] + 1e-9 and b["failure"] < a["failure"]
        if recovery_quality(t, e, c) < 1:
            assert b["satisfaction"] < a["satisfaction"]


def test_the_paradox_appears_only_under_the_documented_conditions():
    seen = 0
    for sev, t, e, c, prior in GRID:
        out = recovery_outcome(sev, t, e, c, prior_failure=prior)
        mild, excellent = sev / 10 < 0.5, recovery_quality(t, e, c) > 0.8
        if out["paradox"]:
            seen += 1
            assert mild and excellent and not prior, (sev, t, e, c, prior)
        assert out["paradox"] == (out["satisfaction"] > out["before"])
    assert seen > 0
    # each condition alone removes the paradox: a severe failure, a good-but-not-excellent recovery, a second failure
    assert recovery_outcome(2, 10, 10, 10)["paradox"]
    assert not recovery_outcome(5, 10, 10, 10)["paradox"]
    assert not recovery_outcome(2, 8, 8, 8)["paradox"]
    assert not recovery_outcome(2, 10, 10, 10, prior_failure=True)["paradox"]
    assert recovery_outcome(2, 10, 10, 10, prior_failure=True)["why_not"] == ("prior",)


def test_no_paradox_on_repurchase_intention():
    # de Matos et al. (2007): the paradox is significant for satisfaction, not for repurchase intention
    for sev, t, e, c, prior in GRID:
        out = recovery_outcome(sev, t, e, c, prior_failure=prior)
        assert out["repurchase"] <= out["before"] + 1e-9
        assert out["repurchase"] <= out["satisfaction"] + 1e-9


def test_baseline_moves_every_stage_equally():
    a, b = recovery_outcome(3, 6, 7, 8), recovery_outcome(3, 6, 7, 8, baseline=80)
    for k in ("before", "failure", "satisfaction", "repurchase"):
        assert b[k] - a[k] == pytest.approx(10)


@pytest.mark.parametrize("kwargs, name", [
    ({"severity": 0}, "severity"), ({"severity": 11}, "severity"), ({"timeliness": -1}, "timeliness"),
    ({"compensation": "lots"}, "compensation"), ({"empowerment": float("nan")}, "empowerment"),
    ({"baseline": 95}, "baseline"), ({"prior_failure": "yes"}, "prior_failure"),
])
def test_bad_levers_are_refused_by_name(kwargs, name):
    levers = {"severity": 5, "timeliness": 5, "empowerment": 5, "compensation": 5, **kwargs}
    with pytest.raises(ServiceLabError) as err:
        recovery_outcome(**levers)
    assert name in str(err.value.params) or name in str(err.value)


def test_presets():
    assert recovery_outcome(**recovery.preset_levers("paradox"))["paradox"]
    for name in ("severe", "slow", "second_failure"):
        assert not recovery_outcome(**recovery.preset_levers(name))["paradox"], name
    with pytest.raises(ServiceLabError) as err:
        recovery.preset_levers("nope")
    assert err.value.key == "recovery.error.preset"
    with pytest.raises(ServiceLabError):
        recovery.preset_levers({"severity": 99})
    with pytest.raises(ServiceLabError):
        recovery.preset_levers({"speed": 3})
