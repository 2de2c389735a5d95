"""The class survey round: its spec, its answers as read_survey's wide format, the chapters' models on it.

Oracles: the answers are generated here, and every expected number is computed from them with
plain pandas (never with the SERVQUAL/NPS/IPA code under test).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from servicelab.errors import ServiceLabError
from servicelab.io import class_survey as cs
from servicelab.io.survey import read_survey

DIMS = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]
FIRST = {"tangibles": 1, "reliability": 5, "responsiveness": 10, "assurance": 14, "empathy": 18}


def short_answers(n: int, seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        r = {**{f"E_{d}": int(rng.integers(4, 8)) for d in DIMS}, **{f"P_{d}": int(rng.integers(1, 8)) for d in DIMS},
             **{f"I_{d}": int(rng.integers(1, 11)) for d in DIMS}, "recommend": int(rng.integers(0, 11))}
        rows.append({"device": f"dev{i:02d}", "payload": {"ratings": r}, "received_at": 100.0 + i})
    return pd.DataFrame(rows)


def full_answers(n: int, seed: int = 6) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        base_e, base_p = rng.integers(4, 7), rng.integers(2, 6)
        r = {**{f"E{j}": int(np.clip(base_e + rng.integers(-1, 2), 1, 7)) for j in range(1, 23)},
             **{f"P{j}": int(np.clip(base_p + rng.integers(-1, 2), 1, 7)) for j in range(1, 23)},
             **{f"I_{d}": int(rng.integers(1, 11)) for d in DIMS}, "recommend": int(rng.integers(0, 11))}
        rows.append({"device": f"d{i}", "payload": {"ratings": r}, "received_at": float(i)})
    return pd.DataFrame(rows)


def test_spec_items_cover_every_dimension_with_the_scales():
    spec = cs.survey_spec({"zh": "学校食堂", "en": "the campus canteen"})
    items = {i["key"]: (i["min"], i["max"]) for i in spec["items"]}
    assert {f"E_{d}" for d in DIMS} | {f"P_{d}" for d in DIMS} <= set(items)
    assert all(items[f"E_{d}"] == (1, 7) and items[f"I_{d}"] == (1, 10) for d in DIMS)
    assert items["recommend"] == (0, 10)
    for lang in ("zh", "en"):
        d = spec["display"][lang]
        assert set(d["items"]) == set(items)                       # every item has a text
        assert sorted(k for g in d["groups"] for k in g["keys"]) == sorted(items)
    assert "学校食堂" in spec["display"]["zh"]["title"] and "canteen" in spec["display"]["en"]["title"]
    full = cs.survey_spec(form="full")
    assert len(full["items"]) == 44 + 5 + 1
    assert "Its equipment is up to date and modern" in full["display"]["en"]["items"]["P1"]


def test_spec_is_accepted_by_the_server_side_validator():
    rounds = pytest.importorskip("servicelab.classroom.rounds")
    spec = cs.survey_spec()
    rounds.validate_spec(spec)
    rounds.validate_spec(cs.survey_spec(form="full"))


def test_short_form_frame_and_csv_round_trip_through_read_survey(tmp_path):
    answers = short_answers(12)
    spec = cs.survey_spec()
    frame = cs.survey_frame(answers, spec)
    assert list(frame.columns) == list(cs.WIDE_COLUMNS) and len(frame) == 12
    # the dimension rating sits in the dimension's first item, the other items empty
    ratings = answers["payload"].map(lambda p: p["ratings"])
    assert frame["E5"].tolist() == [r["E_reliability"] for r in ratings]
    assert frame["P18"].tolist() == [r["P_empathy"] for r in ratings]
    assert frame["E2"].isna().all()
    assert (frame[["W1", "W2", "W3", "W4", "W5"]].sum(axis=1) == 100).all()
    path = tmp_path / "class.csv"
    cs.survey_csv(answers, spec, path)
    back = read_survey(path)
    assert back.report.n_respondents == 12 and back.report.ignored_columns == ["recommend"]
    assert back.responses.index.tolist() == [f"r{i}" for i in range(1, 13)]
    pd.testing.assert_frame_equal(back.responses.reset_index(drop=True),
                                  frame[back.responses.columns].reset_index(drop=True), check_dtype=False)
    assert (back.weights.to_numpy() == frame[["W1", "W2", "W3", "W4", "W5"]].to_numpy()).all()
    assert "dev00" not in path.read_text(encoding="utf-8")       # device ids are not written


def test_importance_ratings_become_proportional_points():
    answers = short_answers(1)
    answers.at[0, "payload"] = {"ratings": {**answers.at[0, "payload"]["ratings"],
                                            **dict(zip([f"I_{d}" for d in DIMS], [10, 5, 5, 0 + 1, 9]))}}
    frame = cs.survey_frame(answers, cs.survey_spec())
    # 10/30, 5/30, 5/30, 1/30, 9/30 of 100 = 33.3, 16.7, 16.7, 3.3, 30 → largest remainder 33, 17, 17, 3, 30
    assert frame.loc[0, ["W1", "W2", "W3", "W4", "W5"]].tolist() == [33, 17, 17, 3, 30]


def test_class_results_gap_scores_nps_and_ipa_equal_plain_pandas():
    answers = short_answers(20)
    ratings = pd.DataFrame(list(answers["payload"].map(lambda p: p["ratings"])))
    res = cs.class_results(answers, cs.survey_spec())
    gaps = res.servqual.dimensions.set_index("dimension")["gap"]
    for d in DIMS:
        assert gaps[d] == pytest.approx((ratings[f"P_{d}"] - ratings[f"E_{d}"]).mean())
    rec = ratings["recommend"]
    assert res.nps.nps == pytest.approx(100 * ((rec >= 9).mean() - (rec <= 6).mean()))
    assert res.alpha is None and res.alpha_note == "short_form"
    ipa = res.ipa.set_index("attribute")
    perf = {d: ratings[f"P_{d}"].mean() for d in DIMS}
    assert ipa["performance"].to_dict() == pytest.approx(perf)
    assert ipa["importance"].sum() == pytest.approx(100)        # mean points of the five dimensions


def test_alpha_waits_for_enough_answers_on_the_full_form():
    spec = cs.survey_spec(form="full")
    few = cs.class_results(full_answers(cs.MIN_ALPHA_N - 1), spec)
    assert few.alpha is None and few.alpha_note == "too_few"
    enough = cs.class_results(full_answers(cs.MIN_ALPHA_N + 5), spec)
    assert enough.alpha_note == "" and len(enough.alpha) == 10
    # Cronbach's alpha of tangibles' perception items, by its formula, from the answers
    ratings = pd.DataFrame(list(full_answers(cs.MIN_ALPHA_N + 5)["payload"].map(lambda p: p["ratings"])))
    x = ratings[["P1", "P2", "P3", "P4"]]
    k = 4
    alpha = k / (k - 1) * (1 - x.var(ddof=1).sum() / x.sum(axis=1).var(ddof=1))
    got = enough.alpha.set_index(["dimension", "rating"]).loc[("tangibles", "P"), "alpha"]
    assert got == pytest.approx(alpha)


def test_no_answers_yet_is_a_clear_message():
    with pytest.raises(ServiceLabError) as err:
        cs.class_results(pd.DataFrame(columns=["device", "payload", "received_at"]), cs.survey_spec())
    assert err.value.key == "classpanel.error.no_answers"


def test_a_choice_round_is_not_a_survey():
    with pytest.raises(ServiceLabError) as err:
        cs.survey_frame(short_answers(1), {"kind": "choice", "items": [{"key": "x"}]})
    assert err.value.key == "classpanel.error.not_servqual"
