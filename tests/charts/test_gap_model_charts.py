"""The gap model diagram is drawn from its data file; the selected gap is the one highlighted.

Oracles: ``data/gap_model/gaps.json`` read here with the json module; arrow-head angles worked by
hand for vertical and horizontal arrows (a ``triangle-up`` symbol turned clockwise).
"""
from __future__ import annotations

import html
import json

import pandas as pd
import pytest

from servicelab.charts import gap_model as gc
from servicelab.models import gaps
from servicelab.paths import data_path

RAW = json.loads(data_path("gap_model", "gaps.json").read_text(encoding="utf-8"))
CATALOGUE = {k: v for f in data_path("i18n").glob("*.json") for k, v in json.loads(f.read_text(encoding="utf-8")).items()}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("selected", [None, 1, 5])
def test_diagram_draws_every_box_arrow_and_gap(selected, lang):
    data = gc.GAP_DIAGRAM.data(selected, lang)
    assert sorted(data["gm_nodes"]["label"]) == sorted(n["label"][lang] for n in RAW["nodes"])
    seg = data["gm_segments"]
    n_edge = sum(len(e["path"]) - 1 for e in RAW["edges"])
    n_gap = sum(len(g["path"]) - 1 for g in RAW["gaps"])
    assert (seg["kind"] == "edge").sum() == n_edge and (seg["kind"] == "gap").sum() == n_gap
    on = data["gm_gaps"].loc[data["gm_gaps"]["selected"], "name"].tolist()
    assert on == ([] if selected is None else [RAW["gaps"][selected - 1]["name"][lang]])
    selected_segments = seg[seg["selected"]]
    expected = 0 if selected is None else len(RAW["gaps"][selected - 1]["path"]) - 1
    assert len(selected_segments) == expected and (selected_segments["kind"] == "gap").all()
    assert data["gm_line"]["y"].tolist() == [RAW["line_y"]]


def test_arrow_heads_point_along_the_last_segment():
    heads = gc.GAP_DIAGRAM.data(None, "en")["gm_heads"]
    edges = heads[heads["kind"] == "edge"].reset_index(drop=True)
    by_end = {(r.x, r.y): r.angle for r in edges.itertuples()}
    # personal needs → expected service points straight down; delivery → perceived straight up;
    # delivery → external communications points right (clockwise 90°)
    assert by_end[(50, 19)] == pytest.approx(180)
    assert by_end[(50, 46)] == pytest.approx(0)
    assert by_end[(70, 61)] == pytest.approx(90)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_live_diagram_has_a_title_and_a_table_of_the_gaps(lang):
    chart = gc.GAP_DIAGRAM.live(3, lang)
    title = CATALOGUE["gap_model.chart.diagram_title"][lang]
    assert chart.spec["title"] == title
    assert chart.alt_text == CATALOGUE["chart.a11y.summary"][lang].format(title=title, rows=5)
    for g in RAW["gaps"]:
        assert html.escape(g["name"][lang]) in chart.table_html
    marks = json.dumps(chart.spec)
    for mark in ('"rect"', '"text"', '"rule"'):
        assert mark in marks


def test_risk_chart_data_follow_the_profile():
    ratings = {f: 3 for f in gaps.load_factors()["factor"]}
    ratings["role_conflict"] = 5
    data = gc.GAP_RISK.data(gaps.gap_risk_profile(ratings), "en")["gm_risk"]
    # gap 3: six factors at 0.5 and role conflict at 1 → (3 + 1) / 7
    assert data["risk"].tolist() == pytest.approx([0.5, 0.5, round(4 / 7, 3), 0.5])
    assert data["start"].tolist() == [False, False, True, False]
    assert data.loc[2, "weakest"] == "Role conflict"
    assert isinstance(gc.gap_risk_chart(gaps.gap_risk_profile(ratings)).to_dict(), dict)
