"""Chapter 03 charts: the data they draw (checked against hand values) and their translated titles."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from servicelab.charts import encounter as charts
from servicelab.models.continuum import load_continuum
from servicelab.models.encounter import journey_summary
from servicelab.models.heterogeneity import experience_scores, experience_summary, score_histogram
from servicelab.paths import data_path

CATALOGUE = {k: v for f in data_path("i18n").glob("*.json") for k, v in json.loads(f.read_text(encoding="utf-8")).items()}
TPS = pd.DataFrame({"zh": ["甲", "乙", "丙", "丁", "戊"], "en": ["A", "B", "C", "D", "E"]})


def test_journey_marks_the_peak_and_the_end_and_draws_both_levels():
    s = journey_summary([8, 8, 2, 8, 4])  # by hand: peak C (2), end E (4), mean 6, remembered 3
    data = charts.JOURNEY.data((TPS, s), "en")
    assert data["journey_points"]["rating"].tolist() == [8, 8, 2, 8, 4]
    marks = data["journey_marks"].set_index("touchpoint")["role"].to_dict()
    assert marks == {"C": CATALOGUE["encounter.role.peak"]["en"], "E": CATALOGUE["encounter.role.end"]["en"]}
    assert data["journey_levels"]["value"].tolist() == [6.0, 3.0]


def test_journey_peak_at_the_end_is_one_mark():
    data = charts.JOURNEY.data((TPS, journey_summary([6, 6, 6, 6, 0])), "zh")
    assert data["journey_marks"]["role"].tolist() == [CATALOGUE["encounter.role.peak_end"]["zh"]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_titles_follow_the_language(lang):
    s = journey_summary([8, 8, 2, 8, 4])
    assert charts.journey_chart(TPS, s, lang).to_dict()["title"] == CATALOGUE["encounter.chart.journey_title"][lang]
    assert charts.continuum_chart(load_continuum(), lang).to_dict()["title"] == CATALOGUE["encounter.chart.continuum_title"][lang]
    sc = experience_scores(0.5, 0.5)
    het = charts.heterogeneity_chart(score_histogram(sc), experience_summary(sc), lang).to_dict()
    assert het["title"] == CATALOGUE["encounter.chart.het_title"][lang]


def test_heterogeneity_bars_are_percentages_of_all_customers():
    sc = experience_scores(0.0, 0.0)
    data = charts.HETEROGENEITY.data((score_histogram(sc), experience_summary(sc)), "en")
    assert data["het_bars"]["percent"].sum() == pytest.approx(100, abs=0.2)  # rounded to 0.1 per bin
    assert data["het_lines"]["value"].iloc[0] == pytest.approx(sc["score"].mean(), abs=0.005)


def test_continuum_keeps_the_course_order():
    data = charts.CONTINUUM.data(load_continuum(), "zh")["continuum"]
    assert data["example"].iloc[0] == "软饮料" and data["example"].iloc[-1] == "教学"
    assert data["position"].tolist() == list(range(1, 11))


def test_live_charts_carry_a_text_alternative():
    live = charts.CONTINUUM.live(load_continuum(), "en")
    assert "10" in live.alt_text and "Teaching" in live.table_html
