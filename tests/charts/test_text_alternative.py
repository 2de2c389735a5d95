"""Every live chart carries a text alternative: a summary (its accessible name) and its data as a table.

Expected strings are read from the JSON catalogues with the json module (not through
servicelab.i18n); expected numbers from the panel's own model output, recomputed here where simple.
"""
from __future__ import annotations

import html
import json
import re

import pandas as pd
import pytest

from servicelab.charts import blueprint as bc
from servicelab.charts import customers as cc
from servicelab.charts import process as pc
from servicelab.charts import quiz as qc
from servicelab.charts import servqual as sc
from servicelab.charts._offline import ChartKind
from servicelab.paths import data_path

CATALOGUE = {k: v for f in data_path("i18n").glob("*.json") for k, v in json.loads(f.read_text(encoding="utf-8")).items()}
KINDS = {n: k for m in (cc, sc, qc, bc, pc) for n, k in vars(m).items() if isinstance(k, ChartKind)}


def headers(table_html: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r"<th scope='col'>(.*?)</th>", table_html)]


def cells(table_html: str) -> list[str]:
    return [html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", table_html)]


def test_strategic_scores_chart_tabulates_its_data_with_translated_headers():
    from servicelab.models import customers as cm
    from servicelab.widgets.customers import StrategicCustomerPanel

    ratings = pd.DataFrame([[5] * 7, [1] * 7], index=["甲 <b>", "乙"], columns=list(cm.STRATEGIC_CRITERIA))
    chart = StrategicCustomerPanel("zh", ratings=ratings).chart
    assert chart.alt_text == CATALOGUE["chart.a11y.summary"]["zh"].format(
        title=CATALOGUE["custui.chart.strategic_title"]["zh"], rows=2)
    assert headers(chart.table_html)[0] == CATALOGUE["custui.col.customer"]["zh"]
    # the 1–5 ratings mapped to 0–100, (x − 1) / 4 × 100: all fives 100, all ones 0, whatever the weights
    rows = [cells(chart.table_html)[i:i + 3] for i in (0, 3)]
    assert sorted(rows) == sorted([["甲 <b>", "100", "1"], ["乙", "0", "2"]]), rows
    assert "<b>" not in chart.table_html  # escaped
    assert chart.table_labels == {"show": CATALOGUE["chart.a11y.show_table"]["zh"],
                                  "hide": CATALOGUE["chart.a11y.hide_table"]["zh"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_servqual_panel_chart_table_follows_the_sliders(lang):
    from servicelab.widgets.servqual import ServqualPanel

    p = ServqualPanel(lang)
    before = p.chart.table_html
    dims = [CATALOGUE[f"servqual.dimension.{d}"][lang] for d in
            ("tangibles", "reliability", "responsiveness", "assurance", "empathy")]
    assert all(d in cells(before) for d in dims), cells(before)[:20]
    p.p_sliders[0].value = 7  # P1, a tangibles item
    assert p.chart.table_html != before
    assert p.chart.alt_text.startswith(CATALOGUE["chart.a11y.summary"][lang].split("{")[0])


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_chart_kind_has_a_title_for_its_summary(name):
    kind = KINDS[name]
    assert kind.template("en").get("title") or kind._title_field, f"{name}: the summary would say only 'Chart'"


def test_lorenz_summary_names_the_gini_title():
    from servicelab.models import tiers

    revenue = pd.Series([1.0, 1.0, 2.0, 6.0])
    curve, gini = tiers.lorenz_curve(revenue), 0.375  # the title shows whatever Gini it is given
    chart = cc.LORENZ.live((curve, gini), "en")
    assert CATALOGUE["custui.chart.lorenz_title"]["en"].format(gini=f"{gini:.4f}") in chart.alt_text
