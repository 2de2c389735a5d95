"""Charts of chapter 11: offers, E-S-QUAL dimensions, segment profiles, tech vs touch.

Oracles: the model outputs read back from the chart data; Vega-Lite (vl-convert) compiles and draws.
"""
from __future__ import annotations

import pandas as pd
import pytest

from servicelab.charts import value_technology as vc
from servicelab.models import esqual, technology, value


def _outputs(lang):
    offers = pd.DataFrame([["A", 120, 40, 20, 20, 100, 20, 15, 15], ["B", 40, 10, 5, 5, 20, 5, 3, 2]],
                          columns=["offer", *value.VALUE_COMPONENTS, *value.COST_COMPONENTS])
    scores = technology.tri_scores(technology.load_tri_sample(), dimensions=technology.illustrative_dimensions())
    _, prof = technology.tri_segments(scores)
    tp = technology.load_touchpoints(lang)
    plan = technology.tech_touch_plan(dict(zip(prof.segment, prof.share)), tp, dict(zip(prof.segment, prof.tri)))
    return {"OFFER_VALUES": (vc.OFFER_VALUES, value.value_rankings(offers)),
            "ESQUAL_SCORES": (vc.ESQUAL_SCORES, esqual.esqual_scores({"eff1": 4, "ful1": 2})),
            "SEGMENT_PROFILES": (vc.SEGMENT_PROFILES, prof),
            "TECH_TOUCH": (vc.TECH_TOUCH, (plan.merge(tp[["touchpoint", "label"]]), 0.5))}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["OFFER_VALUES", "ESQUAL_SCORES", "SEGMENT_PROFILES", "TECH_TOUCH"])
def test_every_chart_compiles_and_draws(name, lang):
    vlc = pytest.importorskip("vl_convert")
    kind, output = _outputs(lang)[name]
    svg = vlc.vegalite_to_svg(kind.chart(output, lang).to_dict())
    assert "<svg" in svg and kind.template(lang).get("title")


def test_offer_chart_carries_each_offers_three_amounts():
    kind, r = _outputs("en")["OFFER_VALUES"]
    d = kind.data(r, "en")["vt_offers"]
    a = d[d["offer"] == "A"].set_index("order")["amount"].tolist()
    assert a == [200.0, 150.0, 50.0]


def test_esqual_chart_leaves_out_unanswered_dimensions():
    kind, s = _outputs("en")["ESQUAL_SCORES"]
    d = kind.data(s, "en")["vt_esqual"]
    assert d["dimension"].tolist() == ["Efficiency", "Fulfilment"] and d["mean"].tolist() == [4.0, 2.0]


def test_profile_chart_has_four_points_per_segment():
    kind, prof = _outputs("zh")["SEGMENT_PROFILES"]
    d = kind.data(prof, "zh")["vt_profiles"]
    assert len(d) == 20 and d.groupby("segment").size().eq(4).all()
