"""The gap model (C5.11) and its organisational factors.

Oracles: the diagram and the gap definitions of Parasuraman, Zeithaml & Berry (1985) as
../shared/COURSE_MAP.md (C5.11) and ../shared/DOMAIN_NOTES.md state them; the factor list and the
direction of each factor from Zeithaml, Berry & Parasuraman (1988) (DOMAIN_NOTES, written out
here by hand); risks computed by hand from the documented formula.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from servicelab.errors import ContentError, ServiceLabError
from servicelab.models import gaps

ROOT = Path(__file__).resolve().parents[2]
GAPS_JSON = ROOT / "data" / "gap_model" / "gaps.json"

#: PZB (1985): each gap lies between these two boxes of the diagram.
BETWEEN = {1: {"expected_service", "management_perceptions"},
           2: {"management_perceptions", "service_quality_specifications"},
           3: {"service_quality_specifications", "service_delivery"},
           4: {"service_delivery", "external_communications"},
           5: {"expected_service", "perceived_service"}}
CONSUMER = {"word_of_mouth", "personal_needs", "past_experience", "expected_service", "perceived_service"}
#: ZBP (1988), by gap; the factors whose high level widens the gap are marked.
PAPER = {1: ["marketing_research", "upward_communication", "levels_of_management"],
         2: ["management_commitment", "goal_setting", "task_standardisation", "perception_of_feasibility"],
         3: ["teamwork", "employee_job_fit", "technology_job_fit", "perceived_control", "supervisory_control",
             "role_conflict", "role_ambiguity"],
         4: ["horizontal_communication", "propensity_to_overpromise"]}
WIDENS = {"levels_of_management", "role_conflict", "role_ambiguity", "propensity_to_overpromise"}


def _mid() -> dict[str, int]:
    return {f: 3 for fs in PAPER.values() for f in fs}


# ------------------------------------------------------------------ the diagram
def test_diagram_data_covers_the_five_gaps_in_both_languages():
    raw = json.loads(GAPS_JSON.read_text(encoding="utf-8"))
    assert [g["gap"] for g in raw["gaps"]] == [1, 2, 3, 4, 5]
    for g in raw["gaps"]:
        assert set(g["between"]) == BETWEEN[g["gap"]], g["gap"]
        for field in ("name", "alias", "what", "why", "close"):
            assert g[field]["zh"].strip() and g[field]["en"].strip(), (g["gap"], field)
        assert g["name"]["zh"].startswith(f"差距{g['gap']}") and g["name"]["en"].startswith(f"Gap {g['gap']}")
    assert "f(" in raw["gaps"][4]["alias"]["en"]  # gap 5 = f(gaps 1–4), the course's formula
    assert "Journal of Marketing, 49(4), 41–50" in raw["reference"]


def test_consumer_boxes_sit_above_the_line_and_expectations_have_three_sources():
    model = gaps.load_gap_model()
    for node in model["nodes"]:
        assert (node["y"] < model["line_y"]) == (node["id"] in CONSUMER), node["id"]
    sources = {e["from"] for e in model["edges"] if e["to"] == "expected_service"}
    assert {"word_of_mouth", "personal_needs", "past_experience", "external_communications"} == sources
    assert ("service_delivery", "perceived_service") in {(e["from"], e["to"]) for e in model["edges"]}


def test_gap_text_is_the_course_wording():
    assert gaps.gap_text(1, "zh")["name"] == "差距1：顾客期望与管理层对顾客期望的感知之间的差距"
    assert gaps.gap_text(4, "zh")["name"] == "差距4：服务传递与对顾客的外部沟通之间的差距"
    with pytest.raises(ServiceLabError):
        gaps.gap_text(6)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("SERVICELAB_DATA", str(tmp_path / "data"))
    for fn in (gaps.load_gap_model, gaps.load_factors, gaps.factor_presets):
        fn.cache_clear()
    yield tmp_path / "data" / "gap_model"
    for fn in (gaps.load_gap_model, gaps.load_factors, gaps.factor_presets):
        fn.cache_clear()


def test_a_gap_without_english_is_refused_naming_file_and_gap(data_copy):
    raw = json.loads((data_copy / "gaps.json").read_text(encoding="utf-8"))
    raw["gaps"][2]["why"]["en"] = ""
    (data_copy / "gaps.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        gaps.load_gap_model()
    assert "gaps.json" in err.value.message("en") and "gap 3" in err.value.message("en")


def test_a_factor_on_gap_5_is_refused(data_copy):
    raw = json.loads((data_copy / "factors.json").read_text(encoding="utf-8"))
    raw["factors"][0]["gap"] = 5
    (data_copy / "factors.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ContentError, match="marketing_research"):
        gaps.load_factors()


# ------------------------------------------------------------------ the factors
def test_factor_list_is_the_papers():
    f = gaps.load_factors()
    assert {g: f.loc[f["gap"] == g, "factor"].tolist() for g in (1, 2, 3, 4)} == PAPER
    assert set(f.loc[f["high_is"] == "bad", "factor"]) == WIDENS


@pytest.mark.parametrize("factor", [f for fs in PAPER.values() for f in fs])
def test_each_factor_moves_only_its_gap(factor):
    own = next(g for g, fs in PAPER.items() if factor in fs)
    base = gaps.gap_risk_profile(_mid()).set_index("gap")["risk"]
    for rating in (1, 5):
        moved = gaps.gap_risk_profile({**_mid(), factor: rating}).set_index("gap")["risk"]
        for gap in (1, 2, 3, 4):
            if gap == own:
                assert moved[gap] != pytest.approx(base[gap]), (factor, rating)
            else:
                assert moved[gap] == pytest.approx(base[gap]), (factor, rating, gap)
        # the paper's direction: a high level of a widening factor raises the risk
        worse = (rating == 5) == (factor in WIDENS)
        assert (moved[own] > base[own]) == worse


def test_profile_of_the_hotel_preset_by_hand():
    ratings = gaps.factor_presets()["hotel_chain"]["ratings"]
    # by hand: good factor risk (5 − x)/4, bad factor (x − 1)/4
    g1 = ((5 - 1) / 4 + (5 - 2) / 4 + (4 - 1) / 4) / 3            # 0.8333
    g2 = ((5 - 3) + (5 - 2) + (5 - 3) + (5 - 4)) / 4 / 4          # 0.5
    g3 = ((5 - 3) + (5 - 4) + (5 - 3) + (5 - 3) + (5 - 3) + (3 - 1) + (2 - 1)) / 4 / 7  # 0.4286
    g4 = ((5 - 2) / 4 + (4 - 1) / 4) / 2                           # 0.75
    p = gaps.gap_risk_profile(ratings)
    assert p["risk"].tolist() == pytest.approx([g1, g2, g3, g4])
    assert p["rank"].tolist() == [1, 3, 4, 2]
    assert p.loc[p["start"], "gap"].tolist() == [1]
    assert p.loc[0, "weakest_factor"] == "marketing_research"


def test_ties_start_with_the_earlier_gap():
    p = gaps.gap_risk_profile(_mid())
    assert p["risk"].tolist() == pytest.approx([0.5] * 4)
    assert p["rank"].tolist() == [1, 2, 3, 4] and p["start"].sum() == 1


@pytest.mark.parametrize("bad, needle", [
    ({"teamwork": 6}, "teamwork"), ({"teamwork": 0}, "teamwork"), ({"teamwork": 2.5}, "teamwork"),
    ({"teamwork": float("nan")}, "teamwork"), ({"teamwork": "4"}, "teamwork"), ({"team_work": 3}, "team_work"),
])
def test_bad_ratings_are_refused_naming_the_factor(bad, needle):
    ratings = {**_mid(), **bad}
    with pytest.raises(ServiceLabError) as err:
        gaps.gap_risk_profile(ratings)
    assert needle in err.value.message("zh") and needle in err.value.message("en")


def test_a_missing_rating_is_named():
    ratings = _mid()
    del ratings["role_ambiguity"]
    with pytest.raises(ServiceLabError, match="role_ambiguity"):
        gaps.factor_risks(ratings)
    with pytest.raises(ServiceLabError):
        gaps.factor_risks([3] * 16)


def test_a_factor_without_a_translated_name_is_refused(data_copy):
    raw = json.loads((data_copy / "factors.json").read_text(encoding="utf-8"))
    raw["factors"].append({"id": "new_factor", "gap": 2, "high_is": "good"})
    (data_copy / "factors.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ContentError, match="gap_model.factor.new_factor"):
        gaps.load_factors()
