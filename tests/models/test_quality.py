"""Service measures from a call log, staffing options and the mystery-shopping checklist (chapter 10).
Oracles: hand counts of small logs; chapter 03's published Erlang C example (200 calls an hour,
180 s, 80 % within 20 s needs 14 agents); checklist sums done by hand."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from servicelab.errors import ServiceLabError
from servicelab.models import quality as Q

ROOT = Path(__file__).resolve().parents[2]


def _log(waits, outcomes, resolved):
    return pd.DataFrame({"wait_seconds": waits, "outcome": outcomes, "resolved_first": resolved})


def test_measures_by_hand():
    log = _log([0, 10, 30, 40, 5], ["answered", "answered", "answered", "abandoned", "abandoned"], [1, 0, 1, 0, 0])
    m = Q.call_log_measures(log, target_seconds=20)
    assert (m["offered"], m["answered"], m["abandoned"]) == (5, 3, 2)
    assert m["service_level"] == pytest.approx(2 / 5)  # answered within 20 s over all offered
    assert m["asa_seconds"] == pytest.approx(40 / 3)
    assert m["abandonment_rate"] == pytest.approx(2 / 5)
    assert m["fcr"] == pytest.approx(2 / 3)
    short = Q.call_log_measures(log, target_seconds=20, short_abandon_seconds=5)
    assert short["offered"] == 4 and short["service_level"] == pytest.approx(2 / 4)


def test_bad_outcome_is_named():
    with pytest.raises(ServiceLabError) as err:
        Q.call_log_measures(_log([0, 1], ["answered", "lost"], [1, 0]))
    assert err.value.key == "quality.error.outcome" and "lost" in err.value.message("zh")


def test_shipped_log_is_the_generator_output_and_loads():
    shipped = Q.load_call_log()
    fresh = Q.synthetic_call_log(seed=10)
    assert len(shipped) == len(fresh)
    assert np.allclose(shipped["wait_seconds"], fresh["wait_seconds"])
    assert shipped["outcome"].tolist() == fresh["outcome"].tolist()
    m = Q.call_log_measures(shipped)
    counted = ((shipped["outcome"] == "answered") & (shipped["wait_seconds"] <= 20)).sum() / len(shipped)
    assert m["service_level"] == pytest.approx(counted)


def test_staffing_options_call_erlang_c():
    opt = Q.staffing_options(200, 180, target_seconds=20, service_level=0.8, around=2)
    assert opt["agents"].tolist() == [12, 13, 14, 15, 16]
    assert opt.loc[opt["needed"], "agents"].tolist() == [14]
    assert opt["meets"].tolist() == [False, False, True, True, True]
    assert round(float(opt.loc[opt["agents"] == 13, "service_level"].iloc[0]), 4) == 0.7956


def test_checklist_score_0_to_100_and_costliest_items():
    r = Q.checklist_score(Q.CHECKLIST, {k: 1.0 for k in Q.CHECKLIST})
    assert r.score == 100 and r.costliest() == []
    r = Q.checklist_score(Q.CHECKLIST, {k: 0.0 for k in Q.CHECKLIST})
    assert r.score == 0
    ratings = {k: 1.0 for k in Q.CHECKLIST} | {"knowledge": 0.5, "wait": 0.0, "farewell": 0.0}
    r = Q.checklist_score(Q.CHECKLIST, ratings)
    assert r.score == pytest.approx(100 - 10 - 15 - 5)  # 20·0.5 + 15 + 5 points lost
    assert r.costliest(3) == ["wait", "knowledge", "farewell"]
    assert r.items["lost"].sum() == pytest.approx(100 - r.score)


@pytest.mark.parametrize("weights, key", [
    ({"a": 50, "b": 40}, "quality.error.weights_sum"),
    ({"a": 110, "b": -10}, "quality.error.weight"),
    ({"a": "50", "b": 50}, "quality.error.weight"),
    ({}, "quality.error.weights_missing"),
])
def test_bad_weights_are_refused_with_a_translated_error(weights, key):
    with pytest.raises(ServiceLabError) as err:
        Q.checklist_score(weights, {k: 1 for k in weights})
    assert err.value.key == key
    zh, en = err.value.message("zh"), err.value.message("en")
    assert zh and en and zh != en


def test_ratings_must_match_the_items_and_lie_in_0_1():
    with pytest.raises(ServiceLabError) as err:
        Q.checklist_score({"a": 100}, {"a": 1.5})
    assert err.value.key == "quality.error.rating"
    with pytest.raises(ServiceLabError) as err:
        Q.checklist_score({"a": 100}, {})
    assert err.value.key == "quality.error.unrated"
    with pytest.raises(ServiceLabError) as err:
        Q.checklist_score({"a": 100}, {"a": 1, "b": 1})
    assert err.value.key == "quality.error.unknown_item"


def test_a_malformed_call_log_names_file_row_and_column(tmp_path, monkeypatch):
    from servicelab.errors import ContentError
    from servicelab.models import control

    (tmp_path / "call_log.csv").write_text("call,arrival_seconds,wait_seconds,outcome,resolved_first\n"
                                           "1,0.5,2.0,answered,1\n2,3.0,x,answered,0\n", encoding="utf-8")
    monkeypatch.setattr(control, "data_path", lambda *parts: tmp_path / parts[-1])
    with pytest.raises(ContentError) as err:
        Q.load_call_log()
    assert err.value.params == {"file": "call_log.csv", "row": 3, "column": "wait_seconds", "value": "x", "allowed": "≥ 0"}
