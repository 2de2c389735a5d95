"""The airline turnaround case (C5.15): the bridge arithmetic and the case file.

Oracles: the course's end figures (a loss of 20 M, a profit of 80 M; seed S1) and running totals
written out by hand.
"""
from __future__ import annotations

import pytest

from servicelab.errors import ServiceLabError
from servicelab.models.turnaround import bridge, load_turnaround, turnaround_bridge


def test_bridge_spans_by_hand():
    df = bridge(-20, 80, [("a", 30), ("b", -10), ("c", 80)])
    # running totals: -20 → 10 → 0 → 80
    assert df["kind"].tolist() == ["start", "up", "down", "up", "end"]
    assert df[["low", "high"]].values.tolist() == [[-20, 0], [-20, 10], [0, 10], [0, 80], [0, 80]]


def test_bridge_refuses_levers_that_do_not_add_up():
    with pytest.raises(ServiceLabError) as err:
        bridge(-20, 80, [("a", 30), ("b", 60)])
    assert "90" in err.value.message("en") and "100" in err.value.message("en")


def test_case_file_has_the_course_figures_and_every_split_is_marked_illustrative():
    case = load_turnaround()
    assert (case["start"], case["end"]) == (-20.0, 80.0)  # 亏损2千万 → 赢利8千万
    assert sum(lv["amount"] for lv in case["levers"]) == 100
    assert all(lv["illustrative"] for lv in case["levers"])  # the course gives no split
    zh = " ".join(lv["label"]["zh"] for lv in case["levers"])
    for measure in ("降低成本", "精简服务项目", "商务乘客", "全价", "企业文化再造"):  # the seed's measures
        assert measure in zh


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_turnaround_bridge_translates_and_flags(lang):
    df = turnaround_bridge(lang)
    assert df["illustrative"].tolist() == [False] + [True] * 5 + [False]
    assert df["high"].iloc[-1] == 80 and df["low"].iloc[0] == -20
    assert df["label"].str.strip().all()
