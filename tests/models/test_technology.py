"""Tests for servicelab.models.technology (technology readiness).

Oracle: DOMAIN_NOTES' scoring TR = mean(OPT, INN, 6 − DIS, 6 − INS) on a 1–5 scale, computed
here by hand or with plain Python per respondent.
"""
from __future__ import annotations

import statistics

import numpy as np
import pandas as pd
import pytest

from servicelab.errors import ServiceLabError
from servicelab.models.technology import (
    DIMENSIONS,
    SEED_SEGMENT_SHARES,
    SEGMENTS,
    TRI2_ITEMS,
    tri_profile,
    tri_score,
    tri_scores,
)


def test_tri_score_domain_notes_formula():
    # (4 + 3 + (6 - 2) + (6 - 1)) / 4 = 16 / 4
    assert tri_score(4, 3, 2, 1) == pytest.approx(4.0)
    assert tri_score(3, 3, 3, 3) == pytest.approx(3.0)
    assert tri_score(5, 5, 1, 1) == 5.0 and tri_score(1, 1, 5, 5) == 1.0


def test_tri_score_general_scale_reverses_with_low_plus_high():
    # 1-7 scale: inhibitor reversed as 8 - x: (7 + 6 + (8 - 2) + (8 - 3)) / 4 = 24 / 4
    assert tri_score(7, 6, 2, 3, scale=(1, 7)) == pytest.approx(6.0)


def test_tri_score_vectorised():
    out = tri_score([4, 2], [3, 2], [2, 4], [1, 5])
    assert out.tolist() == pytest.approx([4.0, (2 + 2 + 2 + 1) / 4])


@pytest.mark.parametrize("args,kwargs,key", [
    ((6, 3, 3, 3), {}, "error.value_range"),
    ((3, 3, 0, 3), {}, "error.value_range"),
    ((3, 3, 3, 3), {"scale": (5, 1)}, "satisfaction.error.scale"),
])
def test_tri_score_errors(args, kwargs, key):
    with pytest.raises(ServiceLabError) as err:
        tri_score(*args, **kwargs)
    assert err.value.key == key


def _tri2_frame():
    rng = np.random.default_rng(7)
    cols = [c for dim in DIMENSIONS for c in TRI2_ITEMS[dim]]
    return pd.DataFrame(rng.integers(1, 6, size=(6, 16)), columns=cols)


def test_tri2_default_items_are_16_four_per_dimension():
    assert [len(TRI2_ITEMS[d]) for d in DIMENSIONS] == [4, 4, 4, 4]
    assert len({c for d in DIMENSIONS for c in TRI2_ITEMS[d]}) == 16


def test_tri_scores_per_respondent_matches_plain_python():
    df = _tri2_frame()
    got = tri_scores(df)
    for i, row in df.iterrows():
        means = {d: statistics.mean(float(row[c]) for c in TRI2_ITEMS[d]) for d in DIMENSIONS}
        for d in DIMENSIONS:
            assert got.loc[i, d] == pytest.approx(means[d])
        tr = (means["optimism"] + means["innovativeness"] + 6 - means["discomfort"] + 6 - means["insecurity"]) / 4
        assert got.loc[i, "tri"] == pytest.approx(tr)


def test_tri_scores_missing_items_averaged_over_answered():
    dims = {"optimism": ["o1", "o2"], "innovativeness": ["i1"], "discomfort": ["d1"], "insecurity": ["s1"]}
    df = pd.DataFrame({"o1": [5, np.nan], "o2": [np.nan, np.nan], "i1": [3, 3], "d1": [1, 1], "s1": [1, 1]})
    got = tri_scores(df, dimensions=dims)
    assert got.loc[0, "optimism"] == 5.0
    assert got.loc[0, "tri"] == pytest.approx((5 + 3 + 5 + 5) / 4)
    assert np.isnan(got.loc[1, "optimism"]) and np.isnan(got.loc[1, "tri"])


@pytest.mark.parametrize("mutate,dims,key", [
    (lambda d: d.drop(columns=["INS4"]), None, "technology.error.missing_items"),
    (lambda d: d.assign(OPT1=9), None, "error.value_range"),
    (lambda d: d.iloc[0:0], None, "satisfaction.error.empty"),
    (lambda d: d, {"optimism": ["OPT1"]}, "technology.error.dimensions"),
])
def test_tri_scores_errors(mutate, dims, key):
    with pytest.raises(ServiceLabError) as err:
        tri_scores(mutate(_tri2_frame()), dimensions=dims)
    assert err.value.key == key


def test_profile_summary_by_hand():
    s = pd.DataFrame({"optimism": [4.0, 2.0, 3.0], "discomfort": [1.0, 5.0, np.nan], "tri": [3.5, 2.5, 4.0]})
    p = tri_profile(s).set_index("measure")
    assert list(p.index) == ["optimism", "discomfort", "tri"]
    assert p.loc["optimism", "mean"] == pytest.approx(3.0)
    assert p.loc["optimism", "sd"] == pytest.approx(1.0)
    assert p.loc["discomfort", "n"] == 2
    # midpoint 3 on 1-5: strictly above -> 3.5 and 4.0
    assert p.loc["tri", "share_above_mid"] == pytest.approx(2 / 3)
    assert p.loc["optimism", "share_above_mid"] == pytest.approx(1 / 3)


def test_profile_errors():
    with pytest.raises(ServiceLabError):
        tri_profile(pd.DataFrame({"other": [1]}))
    with pytest.raises(ServiceLabError):
        tri_profile(pd.DataFrame({"tri": [np.nan]}))


def test_seed_shares_are_shares_not_cutoffs():
    assert SEGMENTS[:2] == ("explorers", "pioneers") and len(SEGMENTS) == 5
    assert SEED_SEGMENT_SHARES == {"explorers": (0.15, 0.20), "pioneers": (0.20, 0.25)}


# ---------------------------------------------------------------- segments by clustering (issue 12)
import itertools  # noqa: E402
import math  # noqa: E402
import json  # noqa: E402

from servicelab.models import technology as tech  # noqa: E402
from servicelab.paths import data_path  # noqa: E402


def _brute_force_inertia(x, k):
    best = math.inf
    for labels in itertools.product(range(k), repeat=len(x)):
        lab = np.array(labels)
        if len(set(labels)) < k:
            continue
        total = sum(((x[lab == j] - x[lab == j].mean(axis=0)) ** 2).sum() for j in range(k))
        best = min(best, total)
    return best


def test_kmeans_reaches_the_optimum_of_a_small_problem_found_by_brute_force():
    rng = np.random.default_rng(3)
    x = np.vstack([rng.normal(c, 0.6, size=(3, 2)) for c in ((0, 0), (3, 0), (0, 3))])  # 9 points
    _, _, inertia = tech.kmeans(x, 3, seed=0)
    assert inertia == pytest.approx(_brute_force_inertia(x, 3))


def test_kmeans_same_seed_same_labels():
    x = np.random.default_rng(0).normal(size=(200, 4))
    a, b = tech.kmeans(x, 5, seed=7), tech.kmeans(x, 5, seed=7)
    assert np.array_equal(a[0], b[0]) and np.allclose(a[1], b[1])


def _sample_scores():
    return tech.tri_scores(tech.load_tri_sample(), dimensions=tech.illustrative_dimensions())


def test_shipped_sample_is_the_seeded_generator_output():
    pd.testing.assert_frame_equal(tech.load_tri_sample(), tech.synthetic_tri_sample(), check_dtype=False)


def test_segments_are_seeded_and_stable():
    scores = _sample_scores()
    seg1, prof1 = tech.tri_segments(scores, seed=0)
    seg2, prof2 = tech.tri_segments(scores, seed=0)
    assert seg1.equals(seg2)
    pd.testing.assert_frame_equal(prof1, prof2)


def test_segment_profiles_are_ordered_as_the_literature_describes():
    # Parasuraman & Colby (2001): explorers highest drivers, lowest inhibitors; laggards the reverse
    _, prof = tech.tri_segments(_sample_scores())
    p = prof.set_index("segment")
    assert p["drivers"].idxmax() == "explorers" and p["inhibitors"].idxmin() == "explorers"
    assert p["drivers"].idxmin() == "laggards" and p["inhibitors"].idxmax() == "laggards"
    assert p.loc["pioneers", "drivers"] > p.loc["skeptics", "drivers"]          # pioneers: high on both
    assert p.loc["pioneers", "inhibitors"] > p.loc["skeptics", "inhibitors"]     # skeptics: low on both
    assert p.loc["paranoids", "optimism"] > p.loc["paranoids", "innovativeness"]


def test_clusters_recover_the_generating_profiles_for_most_respondents():
    sample = tech.load_tri_sample()
    seg, prof = tech.tri_segments(_sample_scores())
    assert (seg.to_numpy() == sample["generated_as"].to_numpy()).mean() > 0.8
    assert prof["n"].sum() == len(sample) and prof["share"].sum() == pytest.approx(1.0)


def test_label_segments_names_shuffled_prototypes():
    protos = np.array([tech.SYNTHETIC_PROFILES[s] for s in tech.SEGMENTS])
    order = [3, 0, 4, 1, 2]
    names = tech.label_segments(protos[order], protos.mean(axis=0))
    assert names == [tech.SEGMENTS[i] for i in order]


def test_illustrative_items_are_labelled_and_not_tri_codes():
    raw = json.loads(data_path("technology", "tri_items.json").read_text(encoding="utf-8"))
    assert "NOT the items of TRI" in raw["note"]
    for dim, items in raw["items"].items():
        for it in items:
            assert it["text"]["zh"].startswith("（示意）") and it["text"]["en"].startswith("(Illustrative)")
    assert not set(tech.illustrative_dimensions()["optimism"]) & set(tech.TRI2_ITEMS["optimism"])


# ---------------------------------------------------------------- high-tech vs high-touch rule
TOUCH = pd.DataFrame({"touchpoint": ["tracking", "password", "complaint"], "demand": [2.2, 3.0, 4.6]})
READY = {"explorers": 4.1, "pioneers": 3.2, "skeptics": 3.2, "paranoids": 2.6, "laggards": 2.0}


def test_tech_touch_plan_by_hand():
    mix = {"explorers": 10, "pioneers": 20, "skeptics": 20, "paranoids": 20, "laggards": 30}  # weights, sum 100
    plan = tech.tech_touch_plan(mix, TOUCH, READY).set_index("touchpoint")
    assert plan.loc["tracking", "ready_share"] == pytest.approx(0.70)    # all but laggards
    assert plan.loc["tracking", "decision"] == "high_tech_with_touch"     # 30 % not ready >= 20 %
    assert plan.loc["password", "ready_share"] == pytest.approx(0.50)    # explorers+pioneers+skeptics
    assert plan.loc["password", "decision"] == "high_tech_with_touch"     # exactly the majority
    assert plan.loc["complaint", "ready_share"] == 0.0 and plan.loc["complaint", "decision"] == "high_touch"


def test_tech_touch_plan_young_mix_goes_self_service():
    mix = {"explorers": 0.6, "pioneers": 0.3, "skeptics": 0.1, "paranoids": 0, "laggards": 0}
    plan = tech.tech_touch_plan(mix, TOUCH, READY)
    assert plan["decision"].tolist() == ["high_tech", "high_tech", "high_touch"]


@pytest.mark.parametrize("mix, key", [
    ({"explorers": 0, "laggards": 0}, "vt.error.mix_zero"),
    ({"nerds": 1}, "vt.error.segment"),
    ({"explorers": -1}, "error.param.range"),
])
def test_tech_touch_plan_bad_mix(mix, key):
    with pytest.raises(ServiceLabError) as info:
        tech.tech_touch_plan(mix, TOUCH, READY)
    assert info.value.key == key
