"""Tests for servicelab.charts.customers: data sizes, content against independent computations,
translated titles (the expected strings are read from the JSON catalogue with the json module,
not through servicelab.i18n), and live charts whose spec does not depend on the data."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from servicelab.charts import customers as charts
from servicelab.models import customers as cm
from servicelab.models import service_types as st
from servicelab.models import tiers
from servicelab.paths import data_path

CATALOGUE = {k: v for f in ("customers_ui.json", "customers.json")
             for k, v in json.loads(data_path("i18n", f).read_text(encoding="utf-8")).items()}


def text(key: str, lang: str, **params) -> str:
    return CATALOGUE[key][lang].format(**params)


def datasets(chart) -> list[list[dict]]:
    spec = chart.to_dict()
    return list(spec.get("datasets", {}).values())


def title(chart) -> str:
    """The spec's title, or — when the title holds a number that changes with the data — the text
    row of the chart's ``*_title`` dataset (drawn as a text mark above the plot)."""
    spec = chart.to_dict()
    if "title" in spec:
        t = spec["title"]
        return t if isinstance(t, str) else t["text"]
    rows = [r for name, d in spec["datasets"].items() if name.endswith("_title") for r in d]
    assert len(rows) == 1
    return rows[0]["title"]


@pytest.fixture(scope="module")
def cdnow_revenue() -> pd.Series:
    raw = pd.read_csv(data_path("cdnow", "CDNOW_master.txt"), sep=r"\s+", dtype={"customer_id": str})
    return raw.groupby("customer_id")["dollar_value"].sum()


@pytest.fixture(scope="module")
def cdnow_values():
    from servicelab.io.transactions import read_cdnow

    return tiers.customer_value(read_cdnow(), as_of="1998-06-30")


# ----------------------------------------------------------------------------- titles
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_titles_are_translated(lang):
    scores = pd.DataFrame({"procedural": [4.5], "personal": [1.5]}, index=["A"])
    assert title(charts.service_type_chart(st.classify_services(scores, lang=lang), lang)) == text("custui.chart.st_title", lang)
    curve = tiers.pareto_curve([10, 40, 30, 20])
    assert title(charts.pareto_chart(curve, lang)) == text("custui.chart.pareto_title", lang)
    lor = tiers.lorenz_curve([10, 40, 30, 20])
    assert title(charts.lorenz_chart(lor, 0.25, lang)) == text("custui.chart.lorenz_title", lang, gini="0.2500")
    prof = tiers.tier_profile(pd.DataFrame({"revenue": [90.0, 70, 40, 20, 10, 8, 5, 3, 2, 1]}), lang=lang)
    assert title(charts.tier_pyramid_chart(prof, lang)) == text("custui.chart.pyramid_title", lang)
    ratings = pd.DataFrame({c: [3, 4] for c in cm.STRATEGIC_CRITERIA}, index=["x", "y"])
    assert title(charts.strategic_score_chart(cm.strategic_score(ratings), lang)) == text("custui.chart.strategic_title", lang)
    offers = pd.DataFrame({"value": [8, 5], "price": [5, 5]}, index=["Us", "Them"])
    assert title(charts.value_price_chart(cm.value_price_map(offers, lang=lang), lang)) == text("custui.chart.vp_title", lang)
    cv = pd.DataFrame({"recency_days": [5, 40, 10, 200, 90], "frequency": [8, 1, 3, 1, 2],
                       "revenue": [300.0, 20.0, 150.0, 15.0, 60.0]})
    assert title(charts.rfm_matrix_chart(tiers.rfm_scores(cv), cv, lang)) == text("custui.chart.rfm_title", lang)


def test_zh_and_en_axis_titles_differ():
    curve = tiers.pareto_curve([10, 40, 30, 20])
    zh, en = json.dumps(charts.pareto_chart(curve, "zh").to_dict(), ensure_ascii=False), json.dumps(charts.pareto_chart(curve, "en").to_dict())
    assert CATALOGUE["tiers.column.revenue_share"]["zh"] in zh and CATALOGUE["tiers.column.revenue_share"]["en"] not in zh
    assert CATALOGUE["tiers.column.revenue_share"]["en"] in en


# ----------------------------------------------------------------------------- sizes on the real base
def test_charts_of_the_real_base_stay_under_5000_rows(cdnow_values):
    rev = cdnow_values["revenue"]
    assert len(rev) == 23570  # far more customers than a chart may carry
    built = [
        charts.pareto_chart(tiers.pareto_curve(rev, max_points=charts.CURVE_POINTS), "en", top=0.2, share=0.68),
        charts.lorenz_chart(tiers.lorenz_curve(rev, max_points=charts.CURVE_POINTS), 0.63, "en"),
        charts.tier_pyramid_chart(tiers.tier_profile(cdnow_values, lang="en"), "en"),
        charts.rfm_matrix_chart(tiers.rfm_scores(cdnow_values), cdnow_values, "en"),
    ]
    for chart in built:
        sets = datasets(chart)
        assert sets and sum(len(d) for d in sets) <= charts.MAX_ROWS


def test_a_chart_refuses_more_than_5000_rows():
    curve = pd.DataFrame({"customer_share": np.linspace(0, 1, 5001), "revenue_share": np.linspace(0, 1, 5001)})
    with pytest.raises(ValueError, match="5001 rows"):
        charts.pareto_chart(curve, "en")


# ----------------------------------------------------------------------------- content
def test_pyramid_bars_are_the_tier_shares(cdnow_revenue, cdnow_values):
    prof = tiers.tier_profile(cdnow_values, lang="en")
    rows = max(datasets(charts.tier_pyramid_chart(prof, "en")), key=len)
    bars = {(r["tier_name"], r["measure"]): r["signed"] for r in rows}
    # independent: the course's top 20 % by revenue, rounded half up → 4 714 of 23 570 customers
    n = len(cdnow_revenue)
    top_k = int(np.floor(0.20 * n + 0.5))
    top_share = np.sort(cdnow_revenue.to_numpy())[::-1][:top_k].sum() / cdnow_revenue.sum()
    assert bars[("Super-heavyweight", "Share of revenue")] == pytest.approx(100 * top_share, abs=0.01)
    assert bars[("Super-heavyweight", "Share of customers")] == pytest.approx(-100 * top_k / n, abs=0.01)
    assert bars[("Lightweight", "Share of customers")] == pytest.approx(-20, abs=0.01)


def test_rfm_cells_count_every_customer_once(cdnow_values):
    rfm = tiers.rfm_scores(cdnow_values)
    cells = max(datasets(charts.rfm_matrix_chart(rfm, cdnow_values, "en")), key=len)
    assert len(cells) <= 25
    assert sum(c["customers"] for c in cells) == len(cdnow_values)
    # the most recent, most frequent cell buys more on average than the oldest one-off cell
    mean = {(c["R"], c["F"]): c["mean_revenue"] for c in cells}
    assert mean[(5, 5)] > mean[(1, 1)]


def test_pareto_marker_sits_where_asked():
    curve = tiers.pareto_curve([50, 20, 10, 10, 10])
    rows = [r for d in datasets(charts.pareto_chart(curve, "en", top=0.2, share=0.5)) for r in d]
    marks = [r for r in rows if r.get("label") == text("custui.chart.marker", "en")]
    assert marks and marks[0]["customer_share"] == 0.2 and marks[0]["revenue_share"] == 0.5
    refs = [r for r in rows if r.get("label") == text("custui.chart.rule_8020", "en")]
    assert refs[0]["customer_share"] == 0.2 and refs[0]["revenue_share"] == 0.8


def test_service_type_quadrant_labels_follow_the_grid():
    scores = pd.DataFrame({"procedural": [4.5], "personal": [1.5]}, index=["Bank"])
    rows = [r for d in datasets(charts.service_type_chart(st.classify_services(scores, lang="en"), "en")) for r in d]
    quads = {(r["procedural"] > 3, r["personal"] > 3): r["type_name"] for r in rows if "service" not in r and "type_name" in r}
    # C1.3: both weak indifferent; procedure strong only by-the-book; personal strong only friendly; both quality
    assert quads == {(False, False): "Indifferent", (True, False): "By-the-book", (False, True): "Friendly", (True, True): "Quality service"}
    point = [r for r in rows if r.get("service") == "Bank"][0]
    assert point["type_name"] == "By-the-book"


def test_value_price_band_is_the_tolerance():
    placed = cm.value_price_map(pd.DataFrame({"value": [8], "price": [5]}, index=["Us"]), tolerance=1.0, lang="en")
    rows = [r for d in datasets(charts.value_price_chart(placed, "en", tolerance=1.0)) for r in d if "lo" in r]
    assert {(r["price"], r["lo"], r["hi"]) for r in rows} == {(1.0, 0.0, 2.0), (10.0, 9.0, 11.0)}


# ----------------------------------------------------------------------------- live charts: the spec is fixed
def _without_data(chart) -> dict:
    spec = chart.to_dict()
    spec.pop("datasets")
    return spec


def test_spec_does_not_depend_on_the_data():
    """Built once per language: two different inputs give the same spec, only the rows differ."""
    pairs = []
    a = pd.DataFrame({"procedural": [4.5], "personal": [1.5]}, index=["A"])
    b = pd.DataFrame({"procedural": [2.0, 4.0], "personal": [4.5, 4.0]}, index=["B", "C"])
    pairs.append((charts.service_type_chart(st.classify_services(a, lang="en"), "en"),
                  charts.service_type_chart(st.classify_services(b, threshold=3.5, lang="en"), "en", threshold=3.5)))
    pairs.append((charts.pareto_chart(tiers.pareto_curve([10, 40, 30, 20]), "en"),
                   charts.pareto_chart(tiers.pareto_curve([5, 5, 90]), "en", top=0.3, share=0.7)))
    pairs.append((charts.lorenz_chart(tiers.lorenz_curve([10, 40, 30, 20]), 0.25, "en"),
                  charts.lorenz_chart(tiers.lorenz_curve([5, 5, 90]), 0.5667, "en")))
    base = pd.DataFrame({"revenue": [90.0, 70, 40, 20, 10, 8, 5, 3, 2, 1]})
    pairs.append((charts.tier_pyramid_chart(tiers.tier_profile(base, lang="en"), "en"),
                  charts.tier_pyramid_chart(tiers.tier_profile(base, shares=(0.1, 0.9), names=("platinum", "lead"), lang="en"), "en")))
    r2 = pd.DataFrame({c: [3, 4] for c in cm.STRATEGIC_CRITERIA}, index=["x", "y"])
    r3 = pd.DataFrame({c: [5, 1, 2] for c in cm.STRATEGIC_CRITERIA}, index=["p", "q", "r"])
    pairs.append((charts.strategic_score_chart(cm.strategic_score(r2), "en"), charts.strategic_score_chart(cm.strategic_score(r3), "en")))
    o1 = pd.DataFrame({"value": [8, 5], "price": [5, 5]}, index=["Us", "Them"])
    o2 = pd.DataFrame({"value": [2], "price": [9]}, index=["Other"])
    pairs.append((charts.value_price_chart(cm.value_price_map(o1, lang="en"), "en"),
                  charts.value_price_chart(cm.value_price_map(o2, tolerance=1.0, lang="en"), "en", tolerance=1.0)))
    cv1 = pd.DataFrame({"recency_days": [5, 40, 10, 200, 90], "frequency": [8, 1, 3, 1, 2], "revenue": [300.0, 20.0, 150.0, 15.0, 60.0]})
    cv2 = cv1.assign(revenue=[1.0, 2.0, 3.0, 4.0, 5.0], frequency=[1, 1, 1, 1, 9])
    pairs.append((charts.rfm_matrix_chart(tiers.rfm_scores(cv1), cv1, "en"), charts.rfm_matrix_chart(tiers.rfm_scores(cv2), cv2, "en")))
    for first, second in pairs:
        assert first.to_dict()["datasets"] != second.to_dict()["datasets"]
        assert _without_data(first) == _without_data(second)


def test_lorenz_title_changes_with_the_gini_through_the_data():
    lor = tiers.lorenz_curve([10, 40, 30, 20])
    # Gini of (10, 20, 30, 40): Σ|xi − xj| / (2 n² mean) = 200 / (2 · 16 · 25) = 0.25
    x = np.array([10, 20, 30, 40])
    gini = np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean())
    assert gini == 0.25
    assert title(charts.lorenz_chart(lor, gini, "zh")) == "洛伦兹曲线（基尼系数 0.2500）"
    assert "0.25" not in json.dumps(charts.LORENZ.template("zh"))


def test_pyramid_rows_carry_the_tier_order():
    base = pd.DataFrame({"revenue": [90.0, 70, 40, 20, 10, 8, 5, 3, 2, 1]})
    chart = charts.tier_pyramid_chart(tiers.tier_profile(base, shares=(0.1, 0.9), names=("platinum", "lead"), lang="en"), "en")
    rows = datasets(chart)[0]
    assert {(r["tier_name"], r["order"]) for r in rows} == {("Platinum", 0), ("Lead", 1)}
    # top 10 % of 10 customers = the 90: 90 / 249 of revenue
    assert {(r["tier_name"], r["signed"]) for r in rows if r["signed"] > 0} == {("Platinum", round(100 * 90 / 249, 2)), ("Lead", round(100 * 159 / 249, 2))}
    assert chart.to_dict()["layer"][0]["encoding"]["y"]["sort"] == {"field": "order", "op": "min"}


def test_rfm_text_contrast_comes_from_the_data():
    """White numbers on the darker part of the colour range (above 74 % of fewest…most), black below — drawn with vega."""
    import re

    vlc = pytest.importorskip("vl_convert")
    r = pd.DataFrame({"R": [5, 5, 5, 5, 1, 1], "F": [5, 5, 5, 5, 1, 2]})  # cells: (5,5) × 4, (1,1) × 1, (1,2) × 1
    cv = pd.DataFrame({"revenue": [1.0] * 6})
    svg = vlc.vegalite_to_svg(charts.rfm_matrix_chart(r, cv, "en").to_dict())
    marks = re.findall(r'<text[^>]*aria-roledescription="text mark"[^>]*fill="([^"]+)"[^>]*>(\d+)</text>', svg)
    assert sorted(marks) == [("black", "1"), ("black", "1"), ("white", "4")]  # (4 − 1) > 0.74 × (4 − 1); 1 is the least
