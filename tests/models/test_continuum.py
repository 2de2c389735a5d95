"""The goods–services continuum (C5.4): the data file carries the course's ten examples in its order.
Oracle: COURSE_MAP C5.4 (drinks, detergent, cars, cosmetics, fast-food outlets, airlines, consulting,
advertising agencies, investment firms, teaching), typed here."""
from __future__ import annotations

from servicelab.models.continuum import load_continuum

COURSE_ORDER = ["软饮料", "洗涤剂", "汽车", "化妆品", "快餐店", "航空公司", "咨询", "广告代理", "投资管理", "教学"]


def test_ten_examples_in_the_course_order():
    df = load_continuum()
    assert df["zh"].tolist() == COURSE_ORDER
    assert df["position"].tolist() == list(range(1, 11))
    assert df["en"].iloc[0] == "Soft drinks" and df["en"].iloc[-1] == "Teaching"


def test_tangible_side_comes_before_the_intangible_side():
    sides = load_continuum()["dominant"].tolist()
    assert sides == sorted(sides, key=["tangible", "balanced", "intangible"].index)
    assert sides[0] == "tangible" and sides[-1] == "intangible"
