"""Moments of truth and the peak–end rule (course concept C4.8).

Oracles: Carlzon's SAS figures as the course and issue 9 quote them (10 million customers × about 5
contacts × 15 s = 50 million moments a year; the total time 750 million s is multiplied out here by
hand), and journeys worked by hand with the peak–end rule of Kahneman, Fredrickson, Schreiber &
Redelmeier (1993): remembered = (peak + end) / 2, with the peak defined as the most intense
touchpoint (distance from the neutral 5; a tie goes to the bad moment, then to the earlier one).
"""
from __future__ import annotations

import pytest

from servicelab.errors import ServiceLabError
from servicelab.models.encounter import (effort_effect, journey_ids, journey_summary, load_journeys,
                                          moments_of_truth, peak_index)


def test_carlzon_sas_count_and_contact_time():
    m = moments_of_truth()
    assert m.moments == 50_000_000
    assert m.contact_seconds == 750_000_000  # 50 000 000 × 15
    assert m.contact_hours == pytest.approx(750_000_000 / 3600)  # ≈ 208 333 h
    assert m.seconds_per_customer == 75


def test_moments_scale_with_each_factor():
    assert moments_of_truth(1000, 3, 20).moments == 3000
    assert moments_of_truth(1000, 3, 20).contact_seconds == 60_000
    assert moments_of_truth(0, 5, 15).contact_seconds == 0


@pytest.mark.parametrize("bad", [-1, float("nan"), "10", None])
def test_moments_refuse_bad_input(bad):
    with pytest.raises(ServiceLabError):
        moments_of_truth(bad)


# -------------------------------------------------------------------------- peak–end, by hand
@pytest.mark.parametrize("ratings, peak_at, remembered, mean", [
    # all below neutral (Kahneman et al.'s pain trials): the peak is the worst moment
    ([2, 1, 3], 1, (1 + 3) / 2, 2.0),
    # a bad moment in a good stay, weak end: remembered well below the mean
    ([8, 8, 2, 8, 4], 2, (2 + 4) / 2, 6.0),
    # a great moment and a good end: remembered above the mean
    ([5, 6, 10, 5, 8], 2, (10 + 8) / 2, 6.8),
    # the end is also the peak
    ([6, 6, 6, 0], 3, 0.0, 4.5),
    # a tie of intensity (9 and 1 are both 4 from neutral) goes to the bad moment
    ([6, 9, 5, 1, 7], 3, (1 + 7) / 2, 5.6),
    # a tie between two equal moments goes to the earlier one
    ([9, 5, 9, 6], 0, (9 + 6) / 2, 7.25),
    # one touchpoint: it is peak and end
    ([7], 0, 7.0, 7.0),
])
def test_hand_examples(ratings, peak_at, remembered, mean):
    s = journey_summary(ratings)
    assert s.peak_index == peak_at == peak_index(ratings)
    assert s.remembered == pytest.approx(remembered)
    assert s.mean == pytest.approx(mean)
    assert s.gap == pytest.approx(remembered - mean)
    assert s.end == ratings[-1]


def test_the_cold_water_finding_adding_a_milder_end_is_remembered_better():
    """Kahneman et al. 1993: the long trial (the short one plus a milder end) was remembered as less bad.
    Discomfort on a 0–10 scale read as experience (lower = worse): short 60 s at 2, long adds 30 s at 4."""
    short = journey_summary([2, 2, 2, 2])
    long = journey_summary([2, 2, 2, 2, 4, 4])
    assert long.remembered > short.remembered   # 3 > 2
    assert long.mean > short.mean and len(long.ratings) > len(short.ratings)  # more discomfort overall, yet preferred


def test_another_scale_moves_the_neutral_point():
    # on 1–7, neutral is 4: intensities of 6, 3, 4 are 2, 1, 0
    assert journey_summary([6, 3, 4], scale=(1, 7)).peak_index == 0


@pytest.mark.parametrize("bad", [[], [5, 11], [5, -1], [5, float("nan")], "5", 5])
def test_bad_ratings_are_refused(bad):
    with pytest.raises(ServiceLabError):
        journey_summary(bad)


# -------------------------------------------------------------------------- where to spend effort
def test_effort_on_the_worst_moment_or_the_end_helps_memory_middle_does_not():
    e = effort_effect([6, 6, 2, 6, 4], step=2)
    assert e["mean_gain"].tolist() == pytest.approx([0.4] * 5)  # 2 / 5 wherever it goes
    # by hand: peak 2 → (2+4)/2 = 3. Raise #3 to 4: all intensities 1, lowest rating 4 first (#3): (4+4)/2 = 4.
    # Raise the end to 6: (2+6)/2 = 4. A middle 6 → 8 ties the bad peak (3 = 3), the bad one stays: 0.
    assert e["remembered_gain"].tolist() == pytest.approx([0, 0, 1, 0, 1])
    assert e.loc[e["rank"] == 1, "touchpoint"].tolist() == [2, 4]


def test_effort_is_capped_at_the_top_of_the_scale():
    e = effort_effect([9, 5, 5], step=3)
    assert e["new_rating"].tolist() == [10, 8, 8]
    assert e["mean_gain"].tolist() == pytest.approx([1 / 3, 1, 1])


# -------------------------------------------------------------------------- shipped journeys
def test_shipped_journeys_have_a_gap_between_mean_and_memory():
    assert journey_ids() == ["hotel", "courier"]
    for jid in journey_ids():
        tps = load_journeys(jid)
        assert len(tps) >= 5 and tps["zh"].str.len().min() > 0 and tps["en"].str.len().min() > 0
        s = journey_summary(tps["default"])
        assert abs(s.gap) >= 0.5, jid  # the defaults are chosen to show the difference


def test_unknown_journey_is_refused_with_the_choices():
    with pytest.raises(ServiceLabError) as err:
        load_journeys("train")
    assert "hotel" in err.value.message("en") and "train" in err.value.message("zh")


def test_effort_names_are_attached_in_order():
    e = effort_effect([6, 6, 2, 6, 4], names=list("ABCDE"))
    assert e["name"].tolist() == list("ABCDE")
    with pytest.raises(ServiceLabError):
        effort_effect([6, 6, 2], names=["A"])
