"""Zone of tolerance determinants (C5.8): each moves the level Zeithaml, Berry & Parasuraman (1993)
say, in the direction they say. The oracle is written here from the paper, not read from the
data file."""
import json

import pytest

from servicelab.errors import ContentError, ServiceLabError
from servicelab.models import expectations as ex
from servicelab.models import servqual as sq

# Zeithaml, Berry & Parasuraman (1993), the model's determinants: level moved, direction.
# "both" = desired and predicted service (predicted service raises adequate service).
PAPER = {
    "enduring_intensifiers": ("desired", +1),
    "personal_needs": ("desired", +1),
    "transitory_intensifiers": ("adequate", +1),
    "perceived_alternatives": ("adequate", +1),
    "self_perceived_role": ("adequate", +1),
    "situational_factors": ("adequate", -1),
    "explicit_promises": ("both", +1),
    "implicit_promises": ("both", +1),
    "word_of_mouth": ("both", +1),
    "past_experience": ("both", +1),
}
# the course's ten factors (COURSE_MAP C5.8 / the course's slide), in its order
COURSE_ORDER = ["enduring_intensifiers", "explicit_promises", "implicit_promises", "word_of_mouth",
                "past_experience", "personal_needs", "transitory_intensifiers", "perceived_alternatives",
                "self_perceived_role", "situational_factors"]


def test_the_file_lists_the_courses_ten_factors():
    assert sorted(ex.determinant_ids()) == sorted(COURSE_ORDER)


@pytest.mark.parametrize("did", sorted(PAPER))
def test_each_determinant_moves_the_level_the_paper_says_in_its_direction(did):
    level, sign = PAPER[did]
    base = ex.expectation_levels()
    lv = ex.expectation_levels([did])
    d_shift, a_shift = lv.desired - base.desired, lv.adequate - base.adequate
    if level in ("desired", "both"):
        assert d_shift * sign > 0, f"{did} should move desired service {'up' if sign > 0 else 'down'}"
    else:
        assert d_shift == 0, f"{did} should leave desired service alone"
    if level in ("adequate", "both"):
        assert a_shift * sign > 0, f"{did} should move adequate service {'up' if sign > 0 else 'down'}"
    else:
        assert a_shift == 0, f"{did} should leave adequate service alone"


def test_data_file_records_the_papers_level_and_direction():
    by_id = {d.id: d for d in ex.load_determinants()}
    assert {k: (d.moves, d.direction) for k, d in by_id.items()} == PAPER


def test_zone_narrows_with_an_emergency_and_widens_with_situational_factors():
    base = ex.expectation_levels().width
    assert ex.expectation_levels(["transitory_intensifiers"]).width < base
    assert ex.expectation_levels(["situational_factors"]).width > base


def test_levels_add_up_with_the_step_and_stay_ordered_and_on_the_scale():
    every = ex.expectation_levels(COURSE_ORDER, step=0.5)
    # desired: 2 desired-only + 4 both, all +1 → 6 + 3 = 9 → kept at 7
    assert every.desired == 7.0
    # adequate: +3 (transitory, alternatives, role) −1 (situational) +4 (both) = +6 → 7.5 → at most desired
    assert every.adequate == 7.0 and every.width == 0.0
    two = ex.expectation_levels(["personal_needs", "situational_factors"], step=0.25)
    assert (two.desired, two.adequate) == (6.25, 4.25)


def test_placing_a_perception_reuses_the_servqual_zone_model(monkeypatch):
    calls = []
    real = sq.zone_of_tolerance

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(ex, "zone_of_tolerance", spy)
    lv = ex.expectation_levels()
    assert [ex.place_perception(p, lv)["position"] for p in (4.0, 4.5, 6.0, 6.5)] == ["below", "inside", "inside", "above"]
    assert len(calls) == 4
    placed = ex.place_perception(5.0, lv)
    assert placed["msa"] == pytest.approx(0.5) and placed["mss"] == pytest.approx(-1.0)


def test_the_same_service_falls_below_the_zone_after_big_promises():
    state = ex.preset_state("big_promises")
    assert ex.place_perception(state["perception"], ex.expectation_levels())["position"] == "inside"
    assert ex.place_perception(state["perception"], ex.expectation_levels(state["active"]))["position"] == "below"


@pytest.mark.parametrize("bad, key", [
    (["no_such_factor"], "error.param.choice"),
    ("word_of_mouth", "error.param.not_names"),
])
def test_bad_active_lists_get_a_translated_message(bad, key):
    with pytest.raises(ServiceLabError) as err:
        ex.expectation_levels(bad)
    assert err.value.key == key and "active" in err.value.message("en")


def test_bad_levels_are_refused():
    with pytest.raises(ServiceLabError):
        ex.expectation_levels(desired=8)
    with pytest.raises(ServiceLabError):
        ex.expectation_levels(desired=5, adequate=6)
    with pytest.raises(ServiceLabError):
        ex.place_perception(0, ex.expectation_levels())


def test_a_malformed_file_names_file_determinant_and_field(tmp_path, monkeypatch):
    from servicelab.paths import data_path

    raw = json.loads(data_path("expectations", "determinants.json").read_text(encoding="utf-8"))
    raw["determinants"][2]["moves"] = "predicted"
    (tmp_path / "expectations").mkdir()
    (tmp_path / "expectations" / "determinants.json").write_text(json.dumps(raw), encoding="utf-8")
    monkeypatch.setenv("SERVICELAB_DATA", str(tmp_path))
    ex.load_determinants.cache_clear()
    try:
        with pytest.raises(ContentError) as err:
            ex.load_determinants()
        text = err.value.message("en")
        assert "determinants.json" in text and "transitory_intensifiers" in text and "moves" in text
    finally:
        monkeypatch.delenv("SERVICELAB_DATA")
        ex.load_determinants.cache_clear()


def test_preset_table_hand_computed():
    tab = ex.preset_table().set_index("preset")
    # emergency: adequate 4.5 + 0.5 = 5.0, perception 5.0 on the edge → inside
    assert tab.loc["emergency", ["adequate", "desired", "position"]].tolist() == [5.0, 6.0, "inside"]
    # storm: adequate 4.0, perception 4.2 → inside (it would be below at the baseline 4.5)
    assert tab.loc["storm", ["adequate", "width", "position"]].tolist() == [4.0, 2.0, "inside"]
    assert tab.loc["big_promises", "position"] == "below"
