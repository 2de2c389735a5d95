"""Grönroos's perceived quality (C4.6) as a teaching illustration: every arrow of the model points
the way Grönroos (1984) says, and the over-promising trap holds."""
import itertools

import pytest

from servicelab.errors import ServiceLabError
from servicelab.models import perceived_quality as pq

BASE = dict(promise=6, word_of_mouth=6, needs=6, image=6, technical=6, functional=6)


def test_the_over_promising_trap_raising_the_promise_lowers_perceived_quality():
    rows = [pq.perceived_quality(**{**BASE, "promise": p}) for p in range(0, 11)]
    expected = [r.expected for r in rows]
    perceived = [r.perceived for r in rows]
    experienced = {r.experienced for r in rows}
    assert all(b > a for a, b in zip(expected, expected[1:])), "a bigger promise must raise expectations"
    assert all(b < a for a, b in zip(perceived, perceived[1:])), "…and lower perceived quality"
    assert len(experienced) == 1, "delivery is unchanged"
    # promise what you deliver: meets or above; over-promise: below
    assert pq.perceived_quality(**BASE).verdict in ("meets", "above")
    assert pq.perceived_quality(**{**BASE, "promise": 10}).verdict == "below"


def test_hand_computed_values():
    # E = (10 + 6 + 6 + 6) / 4 = 7; D = 6; filter = 0.3 × (6 − 5) = 0.3; X = 6.3; PQ = −0.7
    r = pq.perceived_quality(**{**BASE, "promise": 10})
    assert (r.expected, r.delivered, r.filter, r.experienced, r.perceived) == (7.0, 6.0, 0.3, 6.3, -0.7)
    # technical 9, functional 3: D = 6 as well — what and how both count
    assert pq.perceived_quality(**{**BASE, "technical": 9, "functional": 3}).delivered == 6.0


@pytest.mark.parametrize("name, sign", [
    ("word_of_mouth", -1), ("needs", -1), ("technical", +1), ("functional", +1),
])
def test_each_other_input_moves_perceived_quality_the_way_the_model_says(name, sign):
    low = pq.perceived_quality(**{**BASE, name: 3}).perceived
    high = pq.perceived_quality(**{**BASE, name: 8}).perceived
    assert (high - low) * sign > 0


def test_image_filters_experience_a_bad_image_makes_the_same_delivery_look_worse():
    good = pq.perceived_quality(**{**BASE, "image": 9})
    bad = pq.perceived_quality(**{**BASE, "image": 1})
    assert good.delivered == bad.delivered
    assert good.experienced > good.delivered > bad.experienced
    assert good.expected > bad.expected  # image also shapes expectations


def test_experienced_quality_stays_on_the_scale():
    for t, f, i in itertools.product((0, 10), (0, 10), (0, 10)):
        r = pq.perceived_quality(**{**BASE, "technical": t, "functional": f, "image": i})
        assert 0 <= r.experienced <= 10


def test_the_factor_classification_is_groenroos():
    assert pq.FACTOR_CONTROL == {"promise": "controllable", "image": "influence",
                                 "word_of_mouth": "influence", "needs": "uncontrollable"}


def test_promise_sweep_is_the_trap_as_a_line():
    rows = pq.promise_sweep(BASE)
    assert [r["promise"] for r in rows] == list(range(0, 11))
    slopes = {round(b["perceived"] - a["perceived"], 6) for a, b in zip(rows, rows[1:])}
    assert slopes == {-0.25}


@pytest.mark.parametrize("field, value", [("promise", 11), ("technical", -1), ("image", "high"), ("needs", float("nan"))])
def test_bad_inputs_are_refused_with_a_translated_message_naming_them(field, value):
    with pytest.raises(ServiceLabError) as err:
        pq.perceived_quality(**{**BASE, field: value})
    assert field in err.value.message("en") and field in err.value.message("zh")


def test_presets():
    assert pq.preset_inputs(None) == pq.PRESETS["balanced"]
    over = pq.preset_inputs("over_promise")
    assert pq.perceived_quality(**over).perceived < 0 < pq.perceived_quality(**pq.preset_inputs("balanced")).perceived
    with pytest.raises(ServiceLabError):
        pq.preset_inputs("nope")


def test_preset_table_hand_computed():
    tab = pq.preset_table(["balanced", "over_promise", "rude_but_right"]).set_index("preset")
    assert tab.loc["over_promise", ["expected", "experienced", "perceived", "verdict"]].tolist() == [7.0, 6.3, -0.7, "below"]
    # technical 9, functional 3: delivered 6, + 0.3 filter → 6.3 against E = 6 → +0.3, as balanced
    assert tab.loc["rude_but_right", "perceived"] == tab.loc["balanced", "perceived"] == 0.3
