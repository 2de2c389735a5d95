"""Tests for servicelab.models.esqual (E-S-QUAL, concept C2.8).

Oracles: the item counts of Parasuraman, Zeithaml & Malhotra (2005) (22 items on four dimensions,
11 on three for E-RecS-QUAL); dimension means worked out by hand.
"""
from __future__ import annotations

import math

import pytest

from servicelab.errors import ServiceLabError
from servicelab.i18n import t
from servicelab.models.esqual import (ERECSQUAL_DIMENSIONS, ESQUAL_DIMENSIONS, ITEM_COUNTS, esqual_overall,
                                      esqual_scores, load_esqual_items)


def test_published_item_counts():
    assert sum(ITEM_COUNTS[d] for d in ESQUAL_DIMENSIONS) == 22
    assert sum(ITEM_COUNTS[d] for d in ERECSQUAL_DIMENSIONS) == 11
    assert ITEM_COUNTS["efficiency"] == 8


def test_shipped_items_cover_every_dimension_in_both_languages():
    items = load_esqual_items()
    assert set(items["dimension"]) == set(ESQUAL_DIMENSIONS) | set(ERECSQUAL_DIMENSIONS)
    assert items["item"].is_unique and (items["text_zh"].str.len() > 4).all() and (items["text_en"].str.len() > 10).all()
    for d in (*ESQUAL_DIMENSIONS, *ERECSQUAL_DIMENSIONS):
        assert t("esqual.dimension." + d, "zh") and t("esqual.dimension." + d, "en")


def test_shipped_items_are_not_the_published_wording():
    # the first efficiency items of the paper's appendix, as published; our paraphrases must differ
    published = ("makes it easy to find what i need", "easy to get anywhere on the site", "loads its pages fast",
                 "simple to use", "well organized")
    text = " ".join(load_esqual_items()["text_en"]).lower()
    assert not any(p in text for p in published)


def test_dimension_scores_by_hand():
    ratings = {"eff1": 4, "eff2": 5, "eff3": 3, "ful1": 2, "ful2": 3, "sys1": 5, "sys2": 5, "pri1": 1}
    s = esqual_scores(ratings).set_index("dimension")
    assert s.loc["efficiency", "mean"] == pytest.approx(4.0)        # (4+5+3)/3
    assert s.loc["fulfillment", "mean"] == pytest.approx(2.5)       # (2+3)/2, ful3 unanswered
    assert s.loc["fulfillment", "answered"] == 2 and s.loc["fulfillment", "items"] == 3
    assert s.loc["system_availability", "mean"] == 5.0
    assert s.loc["privacy", "mean"] == 1.0                           # pri2 unanswered
    assert math.isnan(s.loc["responsiveness", "mean"])              # no problem, no recovery items
    assert esqual_overall(s.reset_index()) == pytest.approx((4.0 + 2.5 + 5.0 + 1.0) / 4)
    assert math.isnan(esqual_overall(s.reset_index(), "E-RecS-QUAL"))
    assert list(s.index[:4]) == list(ESQUAL_DIMENSIONS)


def test_recovery_items_score_their_own_scale():
    s = esqual_scores({"res1": 2, "res2": 4, "com1": 1, "con1": 5})
    assert esqual_overall(s, "E-RecS-QUAL") == pytest.approx((3.0 + 1.0 + 5.0) / 3)


@pytest.mark.parametrize("ratings, key", [
    ({"eff9": 3}, "vt.error.unknown_item"),
    ({"eff1": 6}, "vt.error.rating"),
    ({"eff1": "good"}, "vt.error.rating"),
    ({"eff1": 0.5}, "vt.error.rating"),
])
def test_bad_ratings_are_refused_naming_the_item(ratings, key):
    with pytest.raises(ServiceLabError) as info:
        esqual_scores(ratings)
    assert info.value.key == key
    item = next(iter(ratings))
    assert item in info.value.message("zh") and item in info.value.message("en")
