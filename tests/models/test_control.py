"""p-chart and run rules (chapter 10). Oracles: hand computation of the binomial limits, the
published limits of Montgomery's Example 7.1 (30 samples of n = 50, 347 non-conforming:
p̄ = 0.2313, UCL = 0.4102, LCL = 0.0524), and series constructed so that each Western Electric
rule fires at a known sample."""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from servicelab.errors import ServiceLabError
from servicelab.models import control as C

ROOT = Path(__file__).resolve().parents[2]


def test_p_chart_limits_by_hand_and_lower_limit_clipped_at_zero():
    ch = C.p_chart([2, 5, 3], [100, 100, 100])
    p_bar = 10 / 300
    se = math.sqrt(p_bar * (1 - p_bar) / 100)
    assert ch["center"].tolist() == pytest.approx([p_bar] * 3)
    assert ch["ucl"].tolist() == pytest.approx([p_bar + 3 * se] * 3)
    assert round(float(ch["ucl"][0]), 6) == 0.087185
    assert p_bar - 3 * se < 0 and ch["lcl"].tolist() == [0.0, 0.0, 0.0]  # clipped, not negative
    assert not ch["beyond"].any()


def test_p_chart_limits_vary_with_each_sample_size():
    ch = C.p_chart([10, 4], [200, 50])
    assert ch["center"][0] == pytest.approx(0.056)
    assert ch["lcl"][0] == pytest.approx(0.056 - 3 * math.sqrt(0.056 * 0.944 / 200))  # 0.007226
    assert round(float(ch["lcl"][0]), 6) == 0.007226
    assert ch["lcl"][1] == 0.0  # 0.056 − 0.0975 < 0
    assert round(float(ch["ucl"][1]), 6) == 0.153548
    assert ch["z"][0] == pytest.approx((0.05 - 0.056) / math.sqrt(0.056 * 0.944 / 200))


def test_p_chart_matches_montgomery_example_7_1():
    d = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6]
    assert sum(d) == 347
    ch = C.p_chart(d, [50] * 30)
    assert round(float(ch["center"][0]), 4) == 0.2313
    assert round(float(ch["ucl"][0]), 4) == 0.4102 and round(float(ch["lcl"][0]), 4) == 0.0524
    assert ch.loc[ch["beyond"], "sample"].tolist() == [15, 23]  # 22/50 and 24/50 above 0.4102 (Montgomery)


def test_standard_given_center_is_used():
    ch = C.p_chart([1, 1], [100, 100], p_bar=0.05)
    assert ch["center"].tolist() == [0.05, 0.05]
    assert ch["z"][0] == pytest.approx((0.01 - 0.05) / math.sqrt(0.05 * 0.95 / 100))


@pytest.mark.parametrize("defects, sizes", [([5], [4]), ([1, 2], [10]), ([1.5], [10]), ([1], [0]), ([-1], [10])])
def test_bad_counts_are_refused_with_a_translated_error(defects, sizes):
    with pytest.raises(ServiceLabError) as err:
        C.p_chart(defects, sizes)
    assert err.value.message("zh") and err.value.message("en") and err.value.message("zh") != err.value.message("en")


def test_defects_above_sample_size_names_the_sample():
    with pytest.raises(ServiceLabError) as err:
        C.p_chart([1, 7], [10, 5])
    assert err.value.key == "control.error.defects_above_n" and "2" in err.value.message("en")


def test_rule_1_point_beyond_three_sigma_but_not_on_it():
    r = C.run_rules([0, 0, 3.01, -3.2, 3.0])
    assert r["rule1"].tolist() == [False, False, True, True, False]


def test_rule_2_two_of_three_beyond_two_sigma_same_side():
    assert C.run_rules([2.5, 0, 2.1])["rule2"].tolist() == [False, False, True]
    assert not C.run_rules([2.5, -2.5, 0.0])["rule2"].any()  # opposite sides
    assert not C.run_rules([2.5, 0, 0, 2.1])["rule2"].any()  # not within three


def test_rule_3_four_of_five_beyond_one_sigma_same_side():
    assert C.run_rules([1.5, 1.2, 0, 1.1, 1.3])["rule3"].tolist() == [False] * 4 + [True]
    assert not C.run_rules([1.5, 1.2, 0, 1.1, -1.3])["rule3"].any()


def test_rule_4_eight_in_a_row_on_one_side():
    r = C.run_rules([-0.1] * 8 + [0.2])
    assert r["rule4"].tolist() == [False] * 7 + [True, False]
    assert not C.run_rules([0.1] * 7 + [0.0] + [0.1] * 7)["rule4"].any()  # a point on the line breaks the run
    assert C.run_rules([0.1] * 10)["rule4"].tolist() == [False] * 7 + [True] * 3


def test_only_chosen_rules_are_applied():
    r = C.run_rules([4.0], rules=[4])
    assert "rule1" not in r.columns and not r["any"].any()


def test_revised_center_drops_the_special_cause_day():
    assert C.revised_center([2] * 9 + [20], [100] * 10) == pytest.approx(0.02)
    month = C.load_complaint_month()
    ch = C.p_chart(month["complaints"], month["calls"])
    assert ch.loc[ch["beyond"], "sample"].tolist() == [17]  # the made-up outage of the README
    keep = month["day"] != 17
    assert C.revised_center(month["complaints"], month["calls"]) == pytest.approx(
        month.loc[keep, "complaints"].sum() / month.loc[keep, "calls"].sum())


def test_shipped_month_is_the_generator_output():
    shipped = pd.read_csv(ROOT / "data" / "quality" / "complaint_month.csv")
    pd.testing.assert_frame_equal(shipped, C.synthetic_month(seed=10), check_dtype=False)


def test_fixing_the_main_cause_shows_on_the_next_chart_and_a_minor_cause_does_not():
    month = C.load_complaint_month()
    center = C.revised_center(month["complaints"], month["calls"])
    main = C.next_month(month, cause_share=38 / 148, effect=0.8)
    minor = C.next_month(month, cause_share=1 / 148, effect=0.8)
    assert C.run_rules(C.p_chart(main["complaints"], main["calls"], p_bar=center)["z"])["rule4"].any()
    assert not C.run_rules(C.p_chart(minor["complaints"], minor["calls"], p_bar=center)["z"])["any"].any()
    again = C.next_month(month, cause_share=38 / 148, effect=0.8)
    pd.testing.assert_frame_equal(main, again)  # seeded


def test_fix_rate_factor():
    assert C.Fix(0.25, 0.8).new_rate_factor == pytest.approx(0.8)


def test_a_malformed_month_file_names_file_row_and_column(tmp_path, monkeypatch):
    from servicelab.errors import ContentError

    (tmp_path / "complaint_month.csv").write_text("day,calls,complaints\n1,100,3\n2,50,70\n", encoding="utf-8")
    monkeypatch.setattr(C, "data_path", lambda *parts: tmp_path / parts[-1])
    with pytest.raises(ContentError) as err:
        C.load_complaint_month()
    msg = err.value.message("en")
    assert "complaint_month.csv" in msg and "3" in msg and "complaints" in msg and "0–50" in msg


def test_check_fix_puts_both_months_on_one_chart_against_the_revised_centre():
    month = C.load_complaint_month()
    main = C.check_fix(month, cause_share=38 / 148, effect=0.8)
    assert main.chart["day"].tolist() == list(range(1, 61))
    assert main.center == pytest.approx(C.revised_center(month["complaints"], month["calls"]))
    assert (main.chart["center"] == main.center).all()
    pd.testing.assert_frame_equal(main.after, C.next_month(month, cause_share=38 / 148, effect=0.8))
    assert main.after_share == pytest.approx(main.after["complaints"].sum() / main.after["calls"].sum())
    assert main.shifted and main.below["rule4"] > 0
    minor = C.check_fix(month, cause_share=1 / 148, effect=0.8)
    assert not minor.shifted and minor.below == {"rule1": 0, "rule2": 0, "rule3": 0, "rule4": 0}
