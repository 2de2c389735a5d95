"""Panels of chapter 11 driven from Python: delivered value, the e-service rating, tech vs touch.

Oracles: sums, differences and ratios of the preset numbers worked out here by hand; dimension
means by hand; the share of ready customers added up here from the mix.
"""
from __future__ import annotations

import pytest

from servicelab.widgets.value_technology import (DeliveredValuePanel, EsqualPanel, TechTouchPanel, VALUE_PRESETS)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_disagree_preset_ranks_the_offers_in_opposite_orders(lang):
    p = DeliveredValuePanel(lang, preset="disagree")
    # A: 200 − 150 = 50, ratio 1.333; C: 120 − 80 = 40, ratio 1.5; B: 60 − 30 = 30, ratio 2.0
    r = p.rankings.set_index("offer")
    a, b, c = (p.offer_name(o) for o in "abc")
    assert [r.loc[x, "delivered_value"] for x in (a, c, b)] == [50, 40, 30]
    assert [r.loc[x, "rank"] for x in (a, c, b)] == [1, 2, 3]
    assert [r.loc[x, "ratio_rank"] for x in (a, c, b)] == [3, 2, 1]
    assert "sl-cdv-disagree" in p.score.value and "sl-cdv-agree" not in p.score.value
    assert a in p.score.value.split("sl-cdv-choice")[1].split("</p>")[0]


def test_level_preset_agrees_and_the_service_side_decides():
    p = DeliveredValuePanel("en")
    r = p.rankings.set_index("offer")
    # product value 60 for all; money 50 / 55 / 58: the core differs by at most 8 points
    assert r["core"].max() - r["core"].min() <= 8
    best = r["delivered_value"].idxmax()
    assert best == "Offer B" and r.loc["Offer B", "delivered_value"] == 110 - 65
    assert r.loc["Offer B", "service_side"] == 25 + 15 + 10 - 5 - 3 - 2
    assert "sl-cdv-agree" in p.score.value


def test_slider_changes_the_ranking_table_and_the_chart():
    p = DeliveredValuePanel("en", preset="disagree")
    before = [dict(d) for d in p.chart.datasets["vt_offers"]]
    p.sliders["a"]["product"].value = 10      # A: TCV 90, TCC 150 -> −60
    r = p.rankings.set_index("offer")
    assert r.loc["Offer A", "delivered_value"] == -60 and r.loc["Offer A", "rank"] == 3
    assert p.chart.datasets["vt_offers"] != before
    assert "−60" in p.score.value


def test_two_offers_preset_hides_the_third():
    p = DeliveredValuePanel("zh", preset="two_offers")
    assert len(p.rankings) == 2 and p.columns[2].layout.display == "none"
    p.third.value = True
    assert len(p.rankings) == 3


def test_bad_preset_is_a_translated_error():
    from servicelab.errors import ServiceLabError

    with pytest.raises(ServiceLabError) as info:
        DeliveredValuePanel("en", preset="cheapest")
    assert "cheapest" in info.value.message("en") and "disagree" in info.value.message("zh")
    assert set(VALUE_PRESETS) == {"level", "disagree", "two_offers"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_esqual_panel_scores_by_dimension_by_hand(lang):
    p = EsqualPanel(lang, preset="slow_delivery")
    s = p.scores.set_index("dimension")
    assert s.loc["efficiency", "mean"] == pytest.approx(5.0)
    assert s.loc["fulfillment", "mean"] == pytest.approx((1 + 3 + 2) / 3)
    assert s.loc["responsiveness", "answered"] == 0            # no problem, no recovery items
    assert p.overall == pytest.approx((5 + 2 + 5 + 4) / 4)
    assert "4.00" in p.score.value                              # the overall, 2 decimals
    assert p.rows["res1"].layout.display == "none"


def test_esqual_recovery_checkbox_adds_the_recovery_scale():
    p = EsqualPanel("en")
    assert "E-RecS-QUAL" not in set(p.scores.dropna(subset=["mean"])["scale"])
    p.recovery.value = True
    assert p.recovery_overall == pytest.approx((4 + 4 + 4) / 3)  # all recovery sliders start at 4
    p.sliders["com1"].value = 1
    assert p.recovery_overall == pytest.approx((4 + 1 + 4) / 3)
    assert p.rows["res1"].layout.display is None


def test_tech_touch_panel_shares_follow_the_mix():
    p = TechTouchPanel("en", preset="young_online")
    ready = p.readiness
    plan = p.plan.set_index("touchpoint")
    mix = {"explorers": 40, "pioneers": 30, "skeptics": 20, "paranoids": 5, "laggards": 5}
    expected = sum(w for s, w in mix.items() if ready[s] >= 2.2) / 100
    assert plan.loc["tracking", "ready_share"] == pytest.approx(expected)
    assert plan.loc["complaint", "decision"] == "high_touch"
    before = p.chart.datasets["vt_plan"]
    p.apply_preset("older_branch")
    assert p.chart.datasets["vt_plan"] != before
    assert (p.plan["decision"] == "high_touch").sum() >= (plan["decision"] == "high_touch").sum()


def test_tech_touch_all_zero_mix_shows_a_message_not_a_traceback():
    p = TechTouchPanel("zh")
    for sl in p.sliders.values():
        sl.value = 0
    assert "sl-error-box" in p.error.value and "0" in p.error.value
    assert p.score.layout.display == "none"
