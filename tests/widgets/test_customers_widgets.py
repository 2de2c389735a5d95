"""Tests for servicelab.widgets.customers, driven from Python without a browser.

Setting a widget's ``value`` fires its observers as a browser would. Expected numbers come from the
course's rules (C1.3 grid, C1.8 matrix) or are computed here independently — the CDNOW figures
with plain pandas on the raw file, not through servicelab.models.tiers.
"""
from __future__ import annotations

import copy
import html
import re

import numpy as np
import pandas as pd
import pytest

from servicelab.errors import ServiceLabError
from servicelab.paths import data_path
from servicelab.widgets.customers import (
    ParetoPanel,
    ServiceTypePanel,
    ServiceTypeQuiz,
    StrategicCustomerPanel,
    StrategyMatrixPanel,
    TierPanel,
    ValuePricePanel,
)

PROCEDURAL = ("timeliness", "flow", "flexibility", "anticipation", "communication", "feedback", "supervision")
PERSONAL = ("appearance", "attitude", "attentiveness", "tact", "guidance", "selling_skill", "problem_solving")
CRITERIA = ("transaction_scale", "influence", "stability", "competition", "value_adding", "cost_saving", "future_potential")


def rows_of(html_text: str) -> list[list[str]]:
    out = []
    for tr in re.findall(r"<tr>(.*?)</tr>", html_text):
        cells = [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
        if cells:
            out.append(cells)
    return out


def plain(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", html_text))


@pytest.fixture(scope="module")
def raw_revenue() -> pd.Series:
    """Net revenue per CDNOW customer, straight from the file with pandas."""
    raw = pd.read_csv(data_path("cdnow", "CDNOW_master.txt"), sep=r"\s+", dtype={"customer_id": str})
    return raw.groupby("customer_id")["dollar_value"].sum()


@pytest.fixture(scope="module")
def customer_values():
    from servicelab.io.transactions import read_cdnow
    from servicelab.models.tiers import customer_value

    return customer_value(read_cdnow(), as_of="1998-06-30")


def top_share(revenue: pd.Series, k: int) -> float:
    return float(np.sort(revenue.to_numpy())[::-1][:k].sum() / revenue.sum())


# ================================================================== service types
class TestServiceTypePanel:
    def test_default_threes_are_weak_on_both_sides(self):
        panel = ServiceTypePanel("en")
        assert panel.service_type == "indifferent"  # 3 is the threshold itself: weak
        assert "Indifferent" in plain(panel.readout.value)

    def test_sliders_drive_the_type_and_advice(self):
        panel = ServiceTypePanel("en")
        before = copy.deepcopy(panel.chart.datasets)  # the rows sent to the live chart
        for item in PROCEDURAL:
            panel.sliders[item].value = 5
        # procedure 5 > 3 strong, personal 3 weak → by-the-book: improve the personal side
        assert panel.service_type == "by_the_book"
        text = plain(panel.readout.value)
        assert "By-the-book" in text and "5.00 (strong)" in text and "3.00 (weak)" in text
        assert "personal" in text.lower()
        assert panel.chart.datasets != before
        assert panel.chart.datasets["st_points"][0]["procedural"] == 5.0
        for item in PERSONAL:
            panel.sliders[item].value = 4
        assert panel.service_type == "quality" and "Quality service" in plain(panel.readout.value)

    def test_mean_of_seven_items(self):
        panel = ServiceTypePanel("en")
        proc, pers = [5, 4, 2, 4, 4, 3, 5], [3, 1, 2, 2, 2, 1, 4]
        panel.set_ratings(proc, pers)
        text = plain(panel.readout.value)
        assert f"{sum(proc) / 7:.2f} (strong)" in text  # 27/7 = 3.86
        assert f"{sum(pers) / 7:.2f} (weak)" in text  # 15/7 = 2.14

    def test_picking_a_case_sets_the_sliders(self):
        panel = ServiceTypePanel("zh")
        panel.case.value = "noodle"  # warm owner, chaotic ordering
        assert panel.service_type == "friendly"
        assert "热情友好型" in plain(panel.readout.value)
        assert panel.sliders["attitude"].value >= 4 and panel.sliders["flow"].value <= 2

    def test_wrong_number_of_ratings_is_refused(self):
        with pytest.raises(ServiceLabError) as info:
            ServiceTypePanel("en").set_ratings([3] * 7, [3] * 6)
        assert info.value.key == "custui.error.ratings_count"
        assert info.value.params == {"expected": 14, "got": 13}

    def test_moving_a_slider_after_a_case_returns_the_dropdown_to_own(self):
        panel = ServiceTypePanel("en", case="bank")
        assert panel.case.value == "bank"  # loading the case does not reset the dropdown
        assert panel.sliders["timeliness"].value == 5
        panel.sliders["attitude"].value = 5
        assert panel.case.value == "own"
        assert panel.sliders["timeliness"].value == 5 and panel.sliders["attitude"].value == 5  # ratings kept


class TestServiceTypeQuiz:
    # answers from the case texts and the C1.3 grid
    ANSWERS = {"airline": "by_the_book", "bakery": "friendly", "repair": "indifferent", "clinic": "quality"}

    def test_all_right(self):
        quiz = ServiceTypeQuiz("en")
        for case, answer in self.ANSWERS.items():
            quiz.answers[case].value = answer
        assert quiz.evaluate() == 4
        assert "4 of 4" in plain(quiz.score.value)
        assert all("✔" in quiz.feedback[c].value for c in self.ANSWERS)

    def test_wrong_and_missing_answers_get_feedback(self):
        quiz = ServiceTypeQuiz("zh")
        quiz.answers["airline"].value = "friendly"
        quiz.check.click()
        assert "✘" in quiz.feedback["airline"].value and "按部就班型" in quiz.feedback["airline"].value
        assert "还没有选择" in quiz.feedback["clinic"].value
        assert "0 / 4" in plain(quiz.score.value)


# ================================================================== strategic customers
class TestStrategicCustomerPanel:
    def test_weight_shares_shown_are_points_over_their_sum(self):
        panel = StrategicCustomerPanel("en")
        panel.set_weights({c: {"transaction_scale": 6, "future_potential": 2}.get(c, 0) for c in CRITERIA})
        text = plain(panel.summary.value)
        assert "Weights as shares:" in text and "75 %" in text and "25 %" in text  # 6/8, 2/8
        assert text.count("%") == 2  # criteria with weight 0 are not listed

    def test_equal_weights_rank_by_mean_rating(self):
        panel = StrategicCustomerPanel("en")
        ratings = panel.ratings
        expected = ratings.mean(axis=1).sort_values(ascending=False)  # equal weights: the plain mean
        rows = rows_of(panel.table.value)
        assert [r[1] for r in rows] == list(expected.index)
        for r in rows:
            assert r[2] == f"{expected[r[1]]:.2f}"
            assert r[3] == f"{100 * (expected[r[1]] - 1) / 4:.1f}"

    def test_weights_change_the_ranking_live(self):
        panel = StrategicCustomerPanel("en")
        first_before = rows_of(panel.table.value)[0][1]
        panel.set_weights({c: (10 if c == "transaction_scale" else 0) for c in CRITERIA})
        ratings = panel.ratings
        best = ratings["transaction_scale"].idxmax()
        assert rows_of(panel.table.value)[0][1] == best != first_before
        assert best in plain(panel.summary.value)
        # one more slider: scale and future potential equally weighted
        panel.weight_sliders["future_potential"].value = 10
        mix = (ratings["transaction_scale"] + ratings["future_potential"]) / 2
        assert rows_of(panel.table.value)[0][1] == mix.idxmax()
        assert rows_of(panel.table.value)[0][2] == f"{mix.max():.2f}"

    def test_a_rating_change_moves_a_candidate(self):
        panel = StrategicCustomerPanel("en")
        last = rows_of(panel.table.value)[-1][1]
        for crit in CRITERIA:
            panel.rating_inputs[(last, crit)].value = 5
        assert rows_of(panel.table.value)[0][1] == last
        assert rows_of(panel.table.value)[0][3] == "100.0"

    def test_all_weights_zero_shows_an_error_and_hides_the_stale_ranking(self):
        panel = StrategicCustomerPanel("zh")
        table = panel.table.value
        panel.set_weights({c: 0 for c in CRITERIA})
        assert "sl-error-box" in panel.error.value and "权重" in panel.error.value
        assert panel.table.layout.display == "none" and panel.chart.layout.display == "none"  # no ranking of old weights
        panel.set_weights({c: 5 for c in CRITERIA})
        assert panel.error.value == "" and panel.table.layout.display != "none" and panel.table.value == table


class TestStrategyMatrixPanel:
    @pytest.mark.parametrize("customers, products, name, risk", [
        ("existing", "existing", "Loyalty strategy", "low risk"),
        ("existing", "new", "Expansion strategy", "medium risk"),
        ("new", "existing", "Acquisition strategy", "medium risk"),
        ("new", "new", "Diversification strategy", "highest risk"),
    ])
    def test_cells(self, customers, products, name, risk):
        panel = StrategyMatrixPanel("en")
        panel.customers.value, panel.products.value = customers, products
        assert plain(panel.result.value).strip() == f"{name}: {risk}"

    def test_order_table_goes_from_loyalty_to_diversification(self):
        rows = rows_of(StrategyMatrixPanel("zh").table.value)
        assert rows[0][2] == "客户忠诚战略" and rows[-1][2] == "客户多样化战略" and rows[-1][3] == "风险最高"


# ================================================================== tiers on CDNOW
class TestTierPanel:
    def test_course_default_is_the_top_20_percent(self, customer_values, raw_revenue):
        # seed S4: about 20 % of customers bring 80 % of profit — they are the super-heavyweights
        panel = TierPanel(customer_values, "en")
        assert panel.shares == [20, 30, 30, 20]
        rows = rows_of(panel.table.value)
        n = len(raw_revenue)
        k = int(np.floor(0.20 * n + 0.5))
        assert rows[0][0] == "Super-heavyweight" and rows[0][1] == f"{k:,}"
        assert rows[0][4] == f"{100 * top_share(raw_revenue, k):.2f}"

    def test_pyramid_default_is_a_pyramid_convention(self, customer_values):
        assert TierPanel(customer_values, "en", scheme="pyramid").shares == [1, 19, 30, 50]
        with pytest.raises(ServiceLabError) as info:
            TierPanel(customer_values, "en", scheme="onion")
        assert info.value.key == "tiers.error.bad_option"

    def test_presets_come_from_the_model(self):
        from servicelab.widgets.customers import TIER_PRESETS

        assert set(TIER_PRESETS) == {(20, 30, 30, 20), (1, 19, 30, 50), (1, 4, 15, 80)}

    def test_1_19_30_50_split_on_the_real_base(self, customer_values, raw_revenue):
        panel = TierPanel(customer_values, "en", shares=(1, 19, 30, 50))
        rows = rows_of(panel.table.value)
        n = len(raw_revenue)
        assert n == 23570
        k1 = int(np.floor(0.01 * n + 0.5))  # 236: the top 1 %, rounded half up
        assert rows[0][0] == "Super-heavyweight" and rows[0][1] == f"{k1:,}"
        assert rows[0][4] == f"{100 * top_share(raw_revenue, k1):.2f}"
        k2 = int(np.floor(0.20 * n + 0.5))  # top two tiers = top 20 %
        assert float(rows[0][4]) + float(rows[1][4]) == pytest.approx(100 * top_share(raw_revenue, k2), abs=0.011)
        assert sum(int(r[1].replace(",", "")) for r in rows) == n

    def test_moving_the_first_cut_off_retiers(self, customer_values, raw_revenue):
        panel = TierPanel(customer_values, "en", shares=(1, 19, 30, 50))
        before, chart_before = panel.table.value, copy.deepcopy(panel.chart.datasets)
        panel.cuts[0].value = 2  # top tier 1 % → 2 %; the second tier keeps its 19 %
        n = len(raw_revenue)
        k1 = int(np.floor(0.02 * n + 0.5))
        rows = rows_of(panel.table.value)
        assert panel.table.value != before
        assert rows[0][1] == f"{k1:,}" and rows[0][4] == f"{100 * top_share(raw_revenue, k1):.2f}"
        # 2 + 19 + 30 = 51 %: lightweight is the bottom 49 %
        assert rows[3][1] == f"{n - int(np.floor(0.51 * n + 0.5)):,}"
        assert "49 %" in panel.remainder.value
        assert panel.chart.datasets != chart_before
        bars = {(r["tier_name"], r["measure"]): r["signed"] for r in panel.chart.datasets["tiers_pyramid"]}
        assert bars[("Super-heavyweight", "Share of customers")] == pytest.approx(-100 * k1 / n, abs=0.01)
        assert bars[("Super-heavyweight", "Share of revenue")] == pytest.approx(100 * top_share(raw_revenue, k1), abs=0.01)

    def test_over_100_percent_shows_an_error_and_hides_the_stale_table(self, customer_values):
        panel = TierPanel(customer_values, "zh", shares=(1, 19, 30, 50))
        table = panel.table.value
        panel.cuts[2].value = 90  # 1 + 19 + 90 = 110
        assert "110" in panel.error.value and "100" in panel.error.value
        assert panel.table.layout.display == "none"  # the tiers of the old cut-offs are not shown under the error
        panel.cuts[2].value = 30
        assert panel.error.value == "" and panel.table.layout.display != "none" and panel.table.value == table

    def test_preset_and_pyramid_names(self, customer_values, raw_revenue):
        panel = TierPanel(customer_values, "en")
        panel.preset.value = (1, 4, 15, 80)
        assert [s.value for s in panel.cuts] == [1, 4, 15] and panel.shares == [1, 4, 15, 80]
        panel.scheme.value = "pyramid"
        rows = rows_of(panel.table.value)
        assert [r[0] for r in rows] == ["Platinum", "Gold", "Iron", "Lead"]
        n = len(raw_revenue)
        assert rows[3][1] == f"{n - int(np.floor(0.20 * n + 0.5)):,}"
        assert panel.cuts[0].description == "Platinum"

    def test_moving_a_slider_after_a_preset_clears_the_preset(self, customer_values):
        panel = TierPanel(customer_values, "en")
        panel.preset.value = (20, 30, 30, 20)
        assert panel.shares == [20, 30, 30, 20]
        panel.cuts[1].value = 25
        assert panel.preset.value == "" and panel.shares == [20, 25, 30, 25]
        assert rows_of(panel.table.value)[3][1] == f"{23570 - int(np.floor(0.75 * 23570 + 0.5)):,}"

    def test_bad_starting_shares(self, customer_values):
        with pytest.raises(ServiceLabError):
            TierPanel(customer_values, "en", shares=(10, 20, 30, 30))
        with pytest.raises(ServiceLabError):
            TierPanel(customer_values, "en", shares=(10, 20, 70))


class TestParetoPanel:
    def test_top_20_percent_and_reality_check(self, customer_values, raw_revenue):
        panel = ParetoPanel(customer_values, "en")
        n = len(raw_revenue)
        share = top_share(raw_revenue, n // 5) + (0.2 * n - n // 5) * np.sort(raw_revenue.to_numpy())[::-1][n // 5] / raw_revenue.sum()
        assert f"bring {100 * share:.2f} %" in plain(panel.readout.value)
        assert f"{100 * share:.2f}" == "67.78"
        # Gini as the mean absolute difference over twice the mean (independent formula, sorted form)
        x = np.sort(raw_revenue.to_numpy())
        i = np.arange(1, n + 1)
        gini = 1 - 2 * np.sum((n + 1 - i) * x) / (n * x.sum()) + 1 / n  # = Σ(2i − n − 1)x / (n Σx)
        assert f"{gini:.4f}" == "0.6346"
        assert "0.6346" in panel.children[1].value and "67.78" in panel.children[1].value

    def test_slider_updates_readout_and_marker(self, customer_values, raw_revenue):
        panel = ParetoPanel(customer_values, "en")
        panel.slider.value = 50
        n = len(raw_revenue)
        k = n // 2  # 11 785 exactly
        assert f"top 50 % of customers by revenue bring {100 * top_share(raw_revenue, k):.2f} %" in plain(panel.readout.value)
        marker = panel.chart.datasets["pareto_marker"]  # only the rows travel; the spec stays
        assert len(marker) == 1 and marker[0]["customer_share"] == 0.5
        assert marker[0]["revenue_share"] == pytest.approx(top_share(raw_revenue, k), abs=1e-4)


class TestValuePricePanel:
    def test_fair_line_is_given_to_model_and_chart_alike(self):
        panel = ValuePricePanel("en", fair_slope=0.5, fair_intercept=2.0)
        us = {r[0]: r for r in rows_of(panel.table.value)}["Us"]
        assert us[3] == "+2.5"  # value 7 − (2 + 0.5 × price 5) = 2.5 (the diagonal would give +2.0)
        fair = panel.chart.datasets["vp_fair"]
        for row in fair:
            assert row["fair"] == pytest.approx(2.0 + 0.5 * row["price"])

    def test_default_positions(self):
        panel = ValuePricePanel("en")
        rows = {r[0]: r for r in rows_of(panel.table.value)}
        # value − price against the diagonal, band ± 0.5
        assert rows["Us"][4].startswith("Above") and rows["Rival A"][4].startswith("On")
        assert rows["Rival B"][4].startswith("Below") and "premium" in rows["Rival C"][5]

    def test_moving_our_price_up_drops_below_the_line(self):
        panel = ValuePricePanel("en")
        panel.price_sliders["us"].value = 9  # value 7, price 9: gap −2 < −0.5
        us = {r[0]: r for r in rows_of(panel.table.value)}["Us"]
        assert us[3] == "−2.0" and us[4].startswith("Below") and "lower the price" in us[5]
        point = {r["offer"]: r for r in panel.chart.datasets["vp_offers"]}["Us"]
        assert (point["value"], point["price"], point["position"]) == (7, 9, "below_line")


# ================================================================== live charts
def test_panels_send_rows_to_a_fixed_spec(customer_values):
    """Every chapter-1 chart is a LiveChart (not a re-embedded JupyterChart): a change sends only data."""
    from servicelab.charts._offline import _live_chart_class

    panel = StrategicCustomerPanel("en")
    assert isinstance(panel.chart, _live_chart_class())
    spec = copy.deepcopy(panel.chart.spec)
    panel.set_weights({c: (10 if c == "transaction_scale" else 0) for c in CRITERIA})
    assert panel.chart.spec == spec
    ratings = panel.ratings
    bars = panel.chart.datasets["strategic_scores"]
    # bars in rank order, best first; the score out of 100 is (rating − 1) / 4 on the only weighted criterion
    assert bars[0]["customer"] == ratings["transaction_scale"].idxmax() and bars[0]["order"] == 0
    assert {b["customer"]: b["score_100"] for b in bars} == pytest.approx(
        {c: 100 * (v - 1) / 4 for c, v in ratings["transaction_scale"].items()})
    tiers = TierPanel(customer_values, "en")
    pareto = ParetoPanel(customer_values, "en")
    for chart in (tiers.chart, pareto.chart, pareto.lorenz, ServiceTypePanel("en").chart, ValuePricePanel("en").chart):
        assert isinstance(chart, _live_chart_class()) and chart.datasets


def test_lorenz_title_carries_the_gini_as_data(customer_values, raw_revenue):
    panel = ParetoPanel(customer_values, "en")
    x = np.sort(raw_revenue.to_numpy())
    n = len(x)
    gini = np.sum((2 * np.arange(1, n + 1) - n - 1) * x) / (n * x.sum())
    assert panel.lorenz.datasets["lorenz_title"][0]["title"] == f"Lorenz curve (Gini coefficient {gini:.4f})"
    assert f"{gini:.4f}" not in str(panel.lorenz.spec)  # the spec is shared by every revenue base
