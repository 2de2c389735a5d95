"""Widget tests for servicelab.widgets.loyalty, driven from Python.

Oracles: CLV = m·r/(1+d−r) worked by hand; the published BG/NBD parameters (FHL 2005); the holdout
total counted here with pandas from the shipped sample.
"""
from __future__ import annotations

import pandas as pd
import pytest

from servicelab.charts import loyalty as charts
from servicelab.errors import ServiceLabError
from servicelab.paths import data_path
from servicelab.widgets.loyalty import BgnbdPanel, ClvPanel


@pytest.mark.parametrize("lang,word", [("zh", "客户终身价值"), ("en", "customer lifetime value")])
def test_clv_panel_follows_the_sliders(lang, word):
    panel = ClvPanel(lang)
    assert panel.value == pytest.approx(100 * 0.8 / 0.3)
    assert word in panel.readout.value and "266.67" in panel.readout.value
    panel.margin.value, panel.retention.value, panel.discount.value = 200, 50, 0
    assert panel.value == pytest.approx(200.0)  # 200·0.5/(1+0−0.5)
    point = panel.chart.datasets["clv_point"][0]
    assert point == {"retention": 0.5, "clv": 200.0}


def test_clv_panel_explains_the_divergence_instead_of_a_number():
    panel = ClvPanel("en", preset="high_retention")
    assert panel.retention.value == 95
    panel.discount.value = 0
    panel.retention.value = 100
    assert panel.value is None
    assert "unbounded" in panel.error.value and panel.readout.layout.display == "none"
    panel.retention.value = 90
    assert panel.error.value == "" and panel.value == pytest.approx(900.0)  # 100·0.9/0.1


def test_clv_panel_refuses_an_unknown_preset():
    with pytest.raises(ServiceLabError) as info:
        ClvPanel("en", preset="nope")
    assert "course" in info.value.message("en")


def test_bgnbd_panel_shows_fitted_and_published_parameters():
    panel = BgnbdPanel("en")
    for name, value in {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}.items():
        assert abs(panel.fit.params[name] - value) < 0.001
    assert "0.243" in panel.params.value and "Published" in panel.params.value and "-9,582.4" in panel.params.value
    rows = [line.split() for line in data_path("cdnow", "CDNOW_sample.txt").read_text("ascii").splitlines() if line.strip()]
    d = pd.DataFrame({"c": [r[1] for r in rows], "d": [r[2] for r in rows]}).drop_duplicates()
    holdout = int(((d["d"] > "19970930") & (d["d"] <= "19980630")).sum())
    assert f"{holdout:,} repeat purchases" in panel.totals.value
    assert len(panel.chart.datasets["bgnbd_counts"]) == 16  # 8 frequencies × (actual, model)
    assert panel.customer.value and panel.expected > 0


def test_bgnbd_panel_switches_to_the_full_log_and_forecasts_a_customer():
    panel = BgnbdPanel("zh", preset="full")
    assert panel.fit.customers == 23570 and "论文发表值" not in panel.params.value
    before = panel.expected
    panel.x.value = 6
    assert panel.expected > before  # more past purchases, more expected
    panel.T.value, panel.t_x.value = 20, 30  # t_x after T: impossible
    assert "不可能" in panel.error.value and "t_x = 30" in panel.error.value and panel.customer.layout.display == "none"
    panel.source.value = "sample"
    assert panel.fit.customers == 2357 and "论文发表值" in panel.params.value


def test_charts_live_in_both_languages():
    panel = BgnbdPanel("zh")
    for lang, title in (("zh", "同期群留存曲线"), ("en", "Cohort retention")):
        from servicelab.io.transactions import read_cdnow
        from servicelab.models.loyalty import cohort_retention

        widget = charts.COHORT_RETENTION.live(cohort_retention(read_cdnow().data), lang)
        assert title in widget.alt_text and "<table" in widget.table_html
    assert "BG/NBD" in panel.chart.alt_text
