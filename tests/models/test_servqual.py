"""Tests for servicelab.models.servqual: gaps, scores, weights, SERVPERF, zone of tolerance.

Oracles are worked by hand in the comments (DOMAIN_NOTES: item gap G = P − E; dimension gap =
mean of the dimension's item gaps per respondent, then mean over respondents; unweighted
SERVQUAL = mean of the five dimension gaps; weighted = Σ points/100 × dimension gap per
respondent, then mean), or computed independently in the test with plain Python.
"""
from __future__ import annotations

import csv
import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from servicelab.errors import ServiceLabError
from servicelab.models import servqual as sq
from servicelab.paths import data_path

DIMS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
# DOMAIN_NOTES: tangibles 1–4, reliability 5–9, responsiveness 10–13, assurance 14–17, empathy 18–22
SPLIT = {"tangibles": range(1, 5), "reliability": range(5, 10), "responsiveness": range(10, 14),
         "assurance": range(14, 18), "empathy": range(18, 23)}


def by_dimension(values: dict[str, list[float]]) -> list[float]:
    """22 ratings from per-dimension lists (4/5/4/4/5 values)."""
    out: list[float] = []
    for d in DIMS:
        assert len(values[d]) == len(SPLIT[d])
        out.extend(values[d])
    return out


# --------------------------------------------------------------------------------------------
# A three-respondent survey worked by hand.
#
# R1: E = 7 everywhere. P: tangibles 6 6 6 6, reliability 5 5 5 5 5, the rest 7.
#     item gaps: T −1 ×4, Rel −2 ×5, others 0  → dimension gaps T −1, Rel −2, Resp 0, A 0, Emp 0
# R2: E = 6 everywhere. P: T 6 6 6 6, Rel 4 5 6 4 6, Resp 3 4 5 4, A 6 6 6 6, Emp 7 ×5
#     Rel gaps −2 −1 0 −2 0 → −1; Resp gaps −3 −2 −1 −2 → −2; Emp +1
#     → T 0, Rel −1, Resp −2, A 0, Emp +1
# R3: E = 5 everywhere. P: T 5, Rel 5, Resp 5, A 4 4 4 4, Emp 3 4 5 4 4
#     A −1; Emp gaps −2 −1 0 −1 −1 → −1  → T 0, Rel 0, Resp 0, A −1, Emp −1
# Survey dimension gaps (mean of the three):
#     T −1/3, Rel −1, Resp −2/3, A −1/3, Emp 0
# Unweighted SERVQUAL = (−1/3 − 1 − 2/3 − 1/3 + 0)/5 = (−7/3)/5 = −7/15 ≈ −0.4667
# Mean of the 66 item gaps: R1 −4 −10 = −14; R2 −5 −8 +5 = −8; R3 −4 −5 = −9 → −31/66 ≈ −0.4697
# Expectation per dimension: (7 + 6 + 5)/3 = 6 everywhere.
# Perception: T (6+6+5)/3 = 17/3; Rel (5+5+5)/3 = 5; Resp (7+4+5)/3 = 16/3; A (7+6+4)/3 = 17/3;
#             Emp (7+7+4)/3 = 6.
# --------------------------------------------------------------------------------------------
E3 = np.array([[7.0] * 22, [6.0] * 22, [5.0] * 22])
P3 = np.array([
    by_dimension({"tangibles": [6] * 4, "reliability": [5] * 5, "responsiveness": [7] * 4,
                  "assurance": [7] * 4, "empathy": [7] * 5}),
    by_dimension({"tangibles": [6] * 4, "reliability": [4, 5, 6, 4, 6], "responsiveness": [3, 4, 5, 4],
                  "assurance": [6] * 4, "empathy": [7] * 5}),
    by_dimension({"tangibles": [5] * 4, "reliability": [5] * 5, "responsiveness": [5] * 4,
                  "assurance": [4] * 4, "empathy": [3, 4, 5, 4, 4]}),
], dtype=float)
HAND_GAPS = [-1 / 3, -1.0, -2 / 3, -1 / 3, 0.0]
HAND_RESPONDENT_GAPS = [[-1, -2, 0, 0, 0], [0, -1, -2, 0, 1], [0, 0, 0, -1, -1]]
HAND_PERCEPTION = [17 / 3, 5.0, 16 / 3, 17 / 3, 6.0]


def frames(e: np.ndarray, p: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    idx = pd.Index([f"r{i}" for i in range(len(e))], name="respondent")
    return (pd.DataFrame(e, columns=[f"E{i}" for i in range(1, 23)], index=idx),
            pd.DataFrame(p, columns=[f"P{i}" for i in range(1, 23)], index=idx))


class TestHandWorkedSurvey:
    def test_dimension_gaps_and_score(self):
        r = sq.gap_scores(E3, P3)
        assert r.dimensions["dimension"].tolist() == list(DIMS)
        assert r.dimensions["gap"].tolist() == pytest.approx(HAND_GAPS, abs=1e-12)
        assert r.dimensions["expectation"].tolist() == pytest.approx([6.0] * 5, abs=1e-12)
        assert r.dimensions["perception"].tolist() == pytest.approx(HAND_PERCEPTION, abs=1e-12)
        assert r.dimensions["n_items"].tolist() == [4, 5, 4, 4, 5]
        assert r.dimensions["n"].tolist() == [3] * 5
        assert r.unweighted == pytest.approx(-7 / 15, abs=1e-12)
        assert r.weighted is None
        assert r.n_respondents == 3

    def test_score_is_not_the_item_mean(self):
        r = sq.gap_scores(E3, P3)
        item_mean = -31 / 66
        assert float(np.mean(P3 - E3)) == pytest.approx(item_mean)  # the hand count above
        assert r.unweighted != pytest.approx(item_mean, abs=1e-4)

    def test_dataframe_input_gives_the_same_and_keeps_the_index(self):
        e, p = frames(E3, P3)
        # columns in a shuffled order: read by name, not by position
        e = e[e.columns[::-1]]
        r = sq.gap_scores(e, p)
        assert r.dimensions["gap"].tolist() == pytest.approx(HAND_GAPS, abs=1e-12)
        per = sq.respondent_dimension_gaps(e, p)
        assert per.index.tolist() == ["r0", "r1", "r2"]
        assert per.columns.tolist() == list(DIMS)
        assert np.allclose(per.to_numpy(), HAND_RESPONDENT_GAPS)

    def test_item_gaps(self):
        g = sq.item_gaps(E3, P3)
        assert g.shape == (3, 22)
        assert g[1, 4:9].tolist() == [-2, -1, 0, -2, 0]  # R2 reliability items 5–9
        assert g[2, 17:22].tolist() == [-2, -1, 0, -1, -1]  # R3 empathy items 18–22

    def test_missing_columns_in_a_frame_are_named(self):
        e, p = frames(E3, P3)
        with pytest.raises(ServiceLabError) as info:
            sq.gap_scores(e.drop(columns=["E7"]), p)
        assert "E7" in info.value.message("en") and "E7" in info.value.message("zh")

    def test_wrong_shapes_raise(self):
        with pytest.raises(ServiceLabError):
            sq.gap_scores(np.ones((2, 21)), np.ones((2, 21)))
        with pytest.raises(ServiceLabError):
            sq.gap_scores(np.ones((2, 22)), np.ones((3, 22)))


class TestDimensionAveragePitfall:
    def test_empathy_only_shortfall(self):
        # One respondent, E = 7 everywhere, P = 4 on the five empathy items, 7 elsewhere.
        # Dimension gaps 0, 0, 0, 0, −3 → SERVQUAL = −3/5 = −0.6.
        # Mean of the 22 item gaps = 5 × (−3)/22 = −15/22 ≈ −0.682 (overweights 5-item empathy).
        e = np.full((1, 22), 7.0)
        p = np.array([by_dimension({"tangibles": [7] * 4, "reliability": [7] * 5, "responsiveness": [7] * 4,
                                    "assurance": [7] * 4, "empathy": [4] * 5})])
        r = sq.gap_scores(e, p)
        assert r.unweighted == pytest.approx(-0.6, abs=1e-12)
        assert float(np.mean(sq.item_gaps(e, p))) == pytest.approx(-15 / 22, abs=1e-12)

    def test_equal_when_all_gaps_equal(self):
        # Every item gap −1.5: both averages are −1.5 (the pitfall only shows with unequal gaps).
        r = sq.gap_scores(np.full((2, 22), 6.5), np.full((2, 22), 5.0))
        assert r.unweighted == pytest.approx(-1.5)


class TestWeighted:
    W_PER = [[10, 40, 20, 15, 15], [20, 20, 20, 20, 20], [0, 0, 0, 50, 50]]

    def test_per_respondent_weights(self):
        # R1: .1(−1) + .4(−2) = −0.9; R2: .2(0 −1 −2 +0 +1) = −0.4; R3: .5(−1) + .5(−1) = −1.0
        # survey score: (−0.9 − 0.4 − 1.0)/3 = −2.3/3
        per = sq.weighted_servqual(HAND_RESPONDENT_GAPS, self.W_PER)
        assert per.tolist() == pytest.approx([-0.9, -0.4, -1.0], abs=1e-12)
        r = sq.gap_scores(E3, P3, weights=self.W_PER)
        assert r.weighted == pytest.approx(-2.3 / 3, abs=1e-12)
        # the unweighted score does not depend on the weights
        assert r.unweighted == pytest.approx(-7 / 15, abs=1e-12)

    def test_per_respondent_weights_as_frame(self):
        w = pd.DataFrame(self.W_PER, columns=list(DIMS))
        assert sq.gap_scores(E3, P3, weights=w).weighted == pytest.approx(-2.3 / 3, abs=1e-12)

    def test_single_allocation(self):
        # {T 10, Rel 40, Resp 20, A 15, Emp 15} for everyone:
        # R1 −0.9; R2 .4(−1) + .2(−2) + .15(+1) = −0.65; R3 .15(−1) + .15(−1) = −0.3
        # mean −1.85/3 (= the same weights applied to the survey's dimension gaps)
        alloc = {"tangibles": 10, "reliability": 40, "responsiveness": 20, "assurance": 15, "empathy": 15}
        assert sq.weighted_servqual(HAND_RESPONDENT_GAPS, alloc).tolist() == pytest.approx([-0.9, -0.65, -0.3])
        assert sq.gap_scores(E3, P3, weights=alloc).weighted == pytest.approx(-1.85 / 3, abs=1e-12)
        assert sq.gap_scores(E3, P3, weights=[10, 40, 20, 15, 15]).weighted == pytest.approx(-1.85 / 3, abs=1e-12)

    def test_mapping_may_omit_zero_dimensions(self):
        # points only on reliability: score = reliability gap
        assert sq.gap_scores(E3, P3, weights={"reliability": 100}).weighted == pytest.approx(-1.0)

    @pytest.mark.parametrize("points,total", [([20, 20, 20, 20, 10], "90"), ([30, 30, 30, 30, 30], "150"),
                                              ([0, 0, 0, 0, 0], "0")])
    def test_not_summing_to_100_names_the_sum(self, points, total):
        with pytest.raises(ServiceLabError) as info:
            sq.weighted_servqual([[0.0] * 5], points)
        assert info.value.params["total"] == total
        for lang in ("zh", "en"):
            msg = info.value.message(lang)
            assert total in msg.replace("100", "") and "100" in msg

    def test_per_respondent_row_not_summing_names_its_sum(self):
        w = [[20] * 5, [20, 20, 20, 20, 19]]
        with pytest.raises(ServiceLabError) as info:
            sq.gap_scores(E3[:2], P3[:2], weights=w)
        assert "99" in info.value.message("en") and "99" in info.value.message("zh")

    def test_negative_weight_is_named(self):
        with pytest.raises(ServiceLabError) as info:
            sq.weighted_servqual([[0.0] * 5], [-10, 50, 20, 20, 20])  # sums to 100 but negative
        for lang in ("zh", "en"):
            assert "-10" in info.value.message(lang)
            assert "tangibles" in info.value.message(lang)

    def test_unknown_dimension_in_mapping(self):
        with pytest.raises(ServiceLabError) as info:
            sq.weighted_servqual([[0.0] * 5], {"speed": 50, "reliability": 50})
        assert "speed" in info.value.message("en")

    def test_wrong_number_of_rows(self):
        with pytest.raises(ServiceLabError):
            sq.gap_scores(E3, P3, weights=[[20] * 5, [20] * 5])  # 2 rows for 3 respondents

    def test_missing_weighted_gap_gives_missing_score(self):
        gaps = [[np.nan, -1.0, -1.0, -1.0, -1.0]]
        assert math.isnan(sq.weighted_servqual(gaps, [20] * 5)[0])
        # ... but a dimension with zero points does not matter
        assert sq.weighted_servqual(gaps, [0, 25, 25, 25, 25])[0] == pytest.approx(-1.0)
    def test_respondent_without_weights_is_left_out(self):
        # R1 gaps −1 everywhere with 20 each → −1; R2 gaps −3 with no weights → not counted.
        e = np.full((2, 22), 6.0)
        p = np.vstack([np.full(22, 5.0), np.full(22, 3.0)])
        w = np.array([[20.0] * 5, [np.nan] * 5])
        r = sq.gap_scores(e, p, weights=w)
        assert r.weighted == pytest.approx(-1.0)


class TestServperf:
    def test_hand_worked(self):
        # P sums: R1 24 + 25 + 28 + 28 + 35 = 140; R2 24 + 25 + 16 + 24 + 35 = 124;
        # R3 20 + 25 + 20 + 16 + 20 = 101 → (140 + 124 + 101)/(3 × 22) = 365/66
        assert sq.servperf(P3) == pytest.approx(365 / 66, abs=1e-12)

    def test_ignores_expectations_and_reads_frames(self):
        _, p = frames(E3, P3)
        assert sq.servperf(p) == pytest.approx(365 / 66, abs=1e-12)

    def test_missing_item_uses_the_items_present(self):
        p = np.array([[4.0] * 21 + [np.nan], [6.0] * 22])
        assert sq.servperf(p) == pytest.approx(5.0)


class TestZoneOfTolerance:
    def test_below_inside_above_and_boundaries(self):
        # adequate 5, desired 6.5: P 4 below; 6 inside; 7 above; 5 and 6.5 on the lines → inside
        z = sq.zone_of_tolerance([4.0, 6.0, 7.0, 5.0, 6.5], adequate=[5.0] * 5, desired=[6.5] * 5)
        assert z["position"].tolist() == ["below", "inside", "above", "inside", "inside"]
        assert z["msa"].tolist() == pytest.approx([-1.0, 1.0, 2.0, 0.0, 1.5])
        assert z["mss"].tolist() == pytest.approx([-2.5, -0.5, 0.5, -1.5, 0.0])

    def test_zero_width_zone(self):
        z = sq.zone_of_tolerance([5.0, 4.9, 5.1], adequate=[5.0] * 3, desired=[5.0] * 3)
        assert z["position"].tolist() == ["inside", "below", "above"]

    def test_series_keep_labels(self):
        p = pd.Series([6.0, 4.0], index=["reliability", "empathy"])
        z = sq.zone_of_tolerance(p, adequate=[5.0, 5.0], desired=[6.5, 6.5])
        assert z.index.tolist() == ["reliability", "empathy"]

    def test_adequate_above_desired_raises(self):
        with pytest.raises(ServiceLabError) as info:
            sq.zone_of_tolerance([5.0, 5.0], adequate=[4.0, 6.0], desired=[6.0, 5.5])
        for lang in ("zh", "en"):
            msg = info.value.message(lang)
            assert "2" in msg and "6" in msg and "5.5" in msg

    def test_length_mismatch_raises(self):
        with pytest.raises(ServiceLabError):
            sq.zone_of_tolerance([5.0, 5.0], adequate=[4.0], desired=[6.0, 6.0])
    def test_missing_level_is_not_inside(self):
        try:
            z = sq.zone_of_tolerance([np.nan, 6.0], adequate=[5.0, np.nan], desired=[6.5, 6.5])
        except ServiceLabError:
            return  # refusing missing values would also be a policy
        assert z["position"].iloc[0] != "inside"
        assert z["position"].iloc[1] != "inside"


class TestMissingValues:
    def test_nan_drops_only_that_item(self):
        # R1 of the hand survey with P2 missing: tangibles gap = mean of items 1, 3, 4 = −1 (same);
        # make item 1's perception 3 so the difference shows: gaps −4, (missing), −1, −1 → −2.
        p = P3.copy()
        p[0, 0] = 3.0
        p[0, 1] = np.nan
        per = sq.respondent_dimension_gaps(E3, p)
        assert per.iloc[0].tolist() == pytest.approx([-2.0, -2.0, 0.0, 0.0, 0.0])
        # other respondents untouched
        assert np.allclose(per.iloc[1:].to_numpy(), HAND_RESPONDENT_GAPS[1:])
        r = sq.gap_scores(E3, p)
        assert r.dimensions["n"].tolist() == [3] * 5
        assert r.dimensions.loc[0, "gap"] == pytest.approx((-2 + 0 + 0) / 3)

    def test_missing_expectation_also_drops_the_item(self):
        e = E3.copy()
        e[1, 9] = np.nan  # R2 item 10 (responsiveness) gap −3 removed → gaps −2 −1 −2 → −5/3
        per = sq.respondent_dimension_gaps(e, P3)
        assert per.loc[1, "responsiveness"] == pytest.approx(-5 / 3)

    def test_all_missing_dimension_is_excluded_and_n_drops(self):
        p = P3.copy()
        p[0, 0:4] = np.nan  # R1 has no tangibles ratings
        per = sq.respondent_dimension_gaps(E3, p)
        assert math.isnan(per.loc[0, "tangibles"])
        r = sq.gap_scores(E3, p)
        assert r.dimensions["n"].tolist() == [2, 3, 3, 3, 3]
        # tangibles over R2, R3 only: (0 + 0)/2 = 0
        assert r.dimensions.loc[0, "gap"] == pytest.approx(0.0)
        assert r.dimensions.loc[0, "perception"] == pytest.approx((6 + 5) / 2)
        assert r.unweighted == pytest.approx((0 - 1 - 2 / 3 - 1 / 3 + 0) / 5)
        assert r.n_respondents == 3

    def test_respondent_with_nothing_is_not_counted(self):
        p = P3.copy()
        p[2, :] = np.nan
        r = sq.gap_scores(E3, p)
        assert r.n_respondents == 2
        assert r.dimensions["n"].tolist() == [2] * 5
        # R1, R2 only: T −1/2, Rel −3/2, Resp −1, A 0, Emp 1/2
        assert r.dimensions["gap"].tolist() == pytest.approx([-0.5, -1.5, -1.0, 0.0, 0.5])


class TestItemSummary:
    def test_columns_and_values(self):
        p = P3.copy()
        p[0, 4] = np.nan  # item 5 has two gaps left: R2 −2, R3 0 → −1
        s = sq.item_summary(E3, p)
        assert s["item"].tolist() == list(range(1, 23))
        expected_dims = [d for d in DIMS for _ in SPLIT[d]]
        assert s["dimension"].tolist() == expected_dims
        assert s.loc[4, "gap"] == pytest.approx(-1.0)
        assert s.loc[4, "n"] == 2
        assert s.loc[4, "perception"] == pytest.approx((4 + 5) / 2)
        assert s.loc[4, "expectation"] == pytest.approx(6.0)  # E is complete: (7+6+5)/3
        # item 10: gaps R1 0, R2 −3, R3 0 → −1
        assert s.loc[9, "gap"] == pytest.approx(-1.0)
        assert s.loc[9, "n"] == 3


class TestRescalePoints:
    @pytest.mark.parametrize("points", [[10, 10, 10, 0, 0], [1, 2, 3, 4, 5], [7, 7, 7, 7, 7],
                                        [33, 33, 33, 0, 1], [0.5, 0, 0, 0, 0], [250, 10, 3, 1, 1]])
    def test_sums_to_100(self, points):
        out = sq.rescale_points(points)
        assert sum(out) == 100
        assert all(isinstance(v, int) for v in out)
        # proportional: each within 1 of its exact share
        exact = [100 * p / sum(points) for p in points]
        assert all(abs(o - x) < 1 for o, x in zip(out, exact))
        # zero stays zero
        assert all(o == 0 for o, p in zip(out, points) if p == 0)

    def test_exact_proportions(self):
        assert sq.rescale_points([1, 1, 2, 0, 0]) == [25, 25, 50, 0, 0]
        assert sq.rescale_points([40, 40, 40, 40, 40]) == [20] * 5

    def test_largest_remainder(self):
        # shares 100 × (1, 2, 4)/7 = 14.29, 28.57, 57.14 → floors 14, 28, 57 (99); the largest
        # remainder (.57, item 2) gets the spare point → 14, 29, 57
        assert sq.rescale_points([1, 2, 4]) == [14, 29, 57]
        # equal remainders: earlier entries first. 100/7 = 14.2857 each, 98 from floors, 2 spare.
        assert sq.rescale_points([1] * 7) == [15, 15, 14, 14, 14, 14, 14]

    def test_other_total(self):
        assert sq.rescale_points([1, 1, 1], total=10) == [4, 3, 3]

    def test_bad_points(self):
        with pytest.raises(ServiceLabError):
            sq.rescale_points([0, 0, 0, 0, 0])
        with pytest.raises(ServiceLabError) as info:
            sq.rescale_points([10, -5, 10, 10, 10])
        assert "reliability" in info.value.message("en") and "-5" in info.value.message("en")


class TestDimensionChoice:
    def test_validate_orders_by_instrument(self):
        assert sq.validate_dimension_choice(["empathy", "tangibles"]) == ["tangibles", "empathy"]

    @pytest.mark.parametrize("choice,n", [(["reliability"], 1), (["reliability", "reliability"], 1),
                                          (["tangibles", "reliability", "empathy"], 3), ([], 0)])
    def test_need_exactly_two(self, choice, n):
        with pytest.raises(ServiceLabError) as info:
            sq.validate_dimension_choice(choice)
        assert info.value.key == "servqual.exercise.need_two"
        assert str(n) in info.value.message("en") and "2" in info.value.message("zh")

    def test_unknown_dimension(self):
        with pytest.raises(ServiceLabError) as info:
            sq.validate_dimension_choice(["reliability", "price"])
        assert "price" in info.value.message("zh")

    def test_compare(self):
        assert sq.compare_choice(["assurance", "tangibles"], ["empathy", "tangibles"]) == {
            "matched": ["tangibles"], "missed": ["empathy"], "extra": ["assurance"]}
        assert sq.compare_choice(["empathy", "reliability"], ["reliability", "empathy"]) == {
            "matched": ["reliability", "empathy"], "missed": [], "extra": []}
        assert sq.compare_choice(["tangibles", "assurance"], ["reliability", "empathy"]) == {
            "matched": [], "missed": ["reliability", "empathy"], "extra": ["tangibles", "assurance"]}

    def test_compare_rejects_one_dimension(self):
        with pytest.raises(ServiceLabError):
            sq.compare_choice(["reliability"], ["reliability", "empathy"])


class TestContent:
    def test_items_split_and_wording(self):
        items = sq.load_items()
        assert len(items) == 22
        assert items["item"].tolist() == list(range(1, 23))
        for d in DIMS:
            assert items.loc[items["dimension"] == d, "item"].tolist() == list(SPLIT[d])
        assert items.groupby("dimension", sort=False).size().tolist() == [4, 5, 4, 4, 5]
        for lang in ("zh", "en"):
            assert items[lang].map(lambda s: isinstance(s, str) and s.strip() != "").all()
        # Chinese wording really is Chinese, English really ASCII-ish
        assert items["zh"].map(lambda s: any("\u4e00" <= ch <= "\u9fff" for ch in s)).all()
        assert not items["en"].map(lambda s: any("\u4e00" <= ch <= "\u9fff" for ch in s)).any()

    def test_items_match_the_file_read_independently(self):
        with open(data_path("servqual", "items.csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        items = sq.load_items()
        assert [int(r["item"]) for r in rows] == items["item"].tolist()
        assert [r["en"] for r in rows] == items["en"].tolist()

    def test_item_dimension(self):
        for d in DIMS:
            for i in SPLIT[d]:
                assert sq.item_dimension(i) == d
        with pytest.raises(ValueError):
            sq.item_dimension(23)

    def test_dimension_scales(self):
        assert sq.dimension_scales("E") == {d: [f"E{i}" for i in SPLIT[d]] for d in DIMS}

    def test_industries_of_c59(self):
        # COURSE_MAP C5.9: hotels, finance, manufacturing, catering, property management,
        # insurance, public safety, education, FMCG, healthcare, real estate, durable goods
        cases = sq.load_industries()
        assert len(cases) == 12
        names = [c["name"]["en"].lower() for c in cases]
        for word in ("hotel", "finance", "manufactur", "catering", "property", "insurance", "public safety",
                     "education", "fast-moving", "health", "real estate", "durable"):
            assert sum(word in n for n in names) == 1, word
        assert len({c["id"] for c in cases}) == 12
        for c in cases:
            assert len(set(c["project_view"])) == 2 and set(c["project_view"]) <= set(DIMS)
            for lang in ("zh", "en"):
                assert c["name"][lang].strip() and c["why"][lang].strip()

    def test_industries_match_the_json(self):
        raw = json.loads(data_path("servqual", "industries.json").read_text(encoding="utf-8"))
        assert [c["id"] for c in raw] == [c["id"] for c in sq.load_industries()]


class TestDimensionReliability:
    def test_shape_and_alpha_of_one_scale(self):
        rng = np.random.default_rng(3)
        data = rng.integers(1, 8, size=(25, 44)).astype(float)
        df = pd.DataFrame(data, columns=[*[f"E{i}" for i in range(1, 23)], *[f"P{i}" for i in range(1, 23)]])
        rel = sq.dimension_reliability(df)
        assert len(rel) == 10
        assert rel[["dimension", "rating"]].values.tolist()[:2] == [["tangibles", "E"], ["reliability", "E"]]
        # independent alpha of P-empathy (P18–P22)
        x = df[[f"P{i}" for i in range(18, 23)]].to_numpy()
        k = x.shape[1]
        alpha = k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))
        row = rel[(rel["dimension"] == "empathy") & (rel["rating"] == "P")].iloc[0]
        assert row["alpha"] == pytest.approx(alpha, abs=1e-12)
        assert row["k"] == 5


# --------------------------------------------------------------------------------------------
# Properties
ratings = hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.just(22)), elements=st.integers(1, 7).map(float))


@settings(max_examples=60, deadline=None)
@given(e=ratings, data=st.data())
def test_swapping_e_and_p_negates_every_gap(e, data):
    p = data.draw(hnp.arrays(np.float64, e.shape, elements=st.integers(1, 7).map(float)))
    a, b = sq.gap_scores(e, p), sq.gap_scores(p, e)
    assert np.allclose(a.dimensions["gap"], -b.dimensions["gap"])
    assert a.unweighted == pytest.approx(-b.unweighted, abs=1e-12)
    assert np.allclose(sq.respondent_dimension_gaps(e, p), -sq.respondent_dimension_gaps(p, e))


@settings(max_examples=60, deadline=None)
@given(e=ratings, data=st.data(), c=st.integers(-12, 12).map(lambda k: k / 4))
def test_shifting_every_perception_shifts_every_gap(e, data, c):
    # perceptions and the shift on a quarter-point grid, so P + c is exact in binary and stays on the
    # 1–7 scale (ratings outside it are refused); arbitrary floats could round P + c to 0.999…
    lo, hi = int(4 * max(1.0, 1 - c)), int(4 * min(7.0, 7 - c))
    p = data.draw(hnp.arrays(np.float64, e.shape, elements=st.integers(lo, hi).map(lambda k: k / 4)))
    a, b = sq.gap_scores(e, p), sq.gap_scores(e, p + c)
    assert np.allclose(b.dimensions["gap"] - a.dimensions["gap"], c)
    assert b.unweighted - a.unweighted == pytest.approx(c, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(e=ratings, data=st.data())
def test_equal_weights_equal_unweighted_and_score_bounded(e, data):
    p = data.draw(hnp.arrays(np.float64, e.shape, elements=st.integers(1, 7).map(float)))
    r = sq.gap_scores(e, p, weights=[20] * 5)
    assert r.weighted == pytest.approx(r.unweighted, abs=1e-9)
    assert -6 <= r.unweighted <= 6
    # independent computation of the score with plain Python
    per_dim = []
    for d in DIMS:
        cols = [i - 1 for i in SPLIT[d]]
        per_resp = [sum(p[i, j] - e[i, j] for j in cols) / len(cols) for i in range(len(e))]
        per_dim.append(sum(per_resp) / len(per_resp))
    assert r.unweighted == pytest.approx(sum(per_dim) / 5, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(points=st.lists(st.integers(0, 100), min_size=5, max_size=5).filter(lambda x: sum(x) > 0))
def test_rescaled_points_sum_to_100_and_stay_close(points):
    out = sq.rescale_points(points)
    assert sum(out) == 100
    assert all(abs(o - 100 * p / sum(points)) < 1 for o, p in zip(out, points))


def test_ratings_outside_the_scale_are_refused_with_row_and_column():
    e = np.full((2, 22), 6.0)
    p = np.full((2, 22), 5.0)
    p[1, 6] = 9  # second respondent, item P7
    with pytest.raises(ServiceLabError) as info:
        sq.gap_scores(e, p)
    assert "P7" in info.value.message("en") and "9" in info.value.message("en") and "2" in info.value.message("en")
    assert "P7" in info.value.message("zh")


def test_a_dimension_missing_for_everyone_leaves_no_overall_score():
    e = np.full((3, 22), 6.0)
    p = np.full((3, 22), 5.0)
    p[:, 0:4] = np.nan  # nobody rated tangibles
    r = sq.gap_scores(e, p)
    assert np.isnan(r.dimensions.loc[0, "gap"]) and r.dimensions.loc[1:, "gap"].tolist() == [-1.0] * 4
    assert np.isnan(r.unweighted)  # a mean of four dimensions is not a SERVQUAL score


# ------------------------------------------------------------------------------ the survey's scale (issue 7, item 23)
def _nine_point_survey():
    """A 1–9 survey (the course's radar chart scale) read by read_survey, values chosen by hand."""
    from servicelab.io.survey import read_survey

    e = [9] * 4 + [8] * 5 + [7] * 4 + [9] * 4 + [8] * 5
    p = [6] * 4 + [8] * 5 + [9] * 4 + [5] * 4 + [2] * 5
    header = ["id", *sq.E_COLUMNS, *sq.P_COLUMNS]
    rows = [["a", *map(str, e), *map(str, p)], ["b", *["9"] * 22, *["9"] * 22]]
    text = "\n".join(",".join(r) for r in [header, *rows]) + "\n"
    return read_survey(text.encode("utf-8"), scale=(1, 9))


def test_every_model_takes_the_survey_scale():
    s = _nine_point_survey()
    # hand oracle, respondent a: gaps -3, 0, +2, -4, -6 ; respondent b: all 0 → means halve
    r = sq.gap_scores(s.expectations, s.perceptions)
    assert r.dimensions["gap"].tolist() == pytest.approx([-1.5, 0.0, 1.0, -2.0, -3.0])
    assert r.unweighted == pytest.approx(-5.5 / 5)
    items = sq.item_summary(s.expectations, s.perceptions)
    assert items.loc[0, "expectation"] == 9 and items.loc[21, "gap"] == pytest.approx(-3.0)
    assert sq.servperf(s.perceptions) == pytest.approx((sum([6] * 4 + [8] * 5 + [9] * 4 + [5] * 4 + [2] * 5) / 22 + 9) / 2)
    rel = sq.dimension_reliability(s.responses)
    assert rel.shape == (10, 6) and (rel["n"] == 2).all()
    assert sq.item_mean_gap(s.expectations, s.perceptions) == pytest.approx((-3 * 4 + 2 * 4 - 4 * 4 - 6 * 5) / 22 / 2)
    assert sq.respondent_dimension_gaps(s.expectations, s.perceptions).loc["a"].tolist() == [-3.0, 0.0, 2.0, -4.0, -6.0]


def test_scale_parameter_for_arrays_and_still_refused_outside():
    e, p = np.full((1, 22), 9.0), np.full((1, 22), 8.0)
    assert sq.gap_scores(e, p, scale=(1, 9)).unweighted == pytest.approx(-1.0)
    assert sq.servperf(p, scale=(1, 9)) == 8.0
    with pytest.raises(ServiceLabError) as info:
        sq.gap_scores(e, p)  # arrays carry no scale: the 7-point default refuses a 9
    assert info.value.key == "error.value_range" and info.value.params["high"] in (7, "7")
    with pytest.raises(ServiceLabError) as info:
        sq.item_summary(np.full((1, 22), 10.0), p, scale=(1, 9))
    assert info.value.key == "error.value_range" and info.value.params["high"] == "9" and info.value.params["value"] == "10"
    for bad in [(9, 1), (1, float("nan")), "1-9", (True, 9)]:
        with pytest.raises(ServiceLabError) as info:
            sq.servperf(p, scale=bad)
        assert info.value.key == "survey.error.scale"
