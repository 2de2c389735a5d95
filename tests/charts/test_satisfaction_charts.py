"""Chapter 08 charts: every dataset a chart sends is one its spec draws (the browser refuses an
unknown one: "Unrecognized data set"), and the drawn numbers are the model's.

Oracles: the survey's columns read with pandas, hand arithmetic, and the chain file read with json.
"""
from __future__ import annotations

import json

import pandas as pd
import pytest

from servicelab.charts import satisfaction as c
from servicelab.io.survey import read_survey
from servicelab.models import ipa, kano
from servicelab.models import satisfaction as s
from servicelab.paths import data_path

SURVEY = read_survey(data_path("surveys", "canteen_servqual.csv"))
OUTPUTS = {
    "INDICATORS": lambda: s.satisfaction_indicators(400, praising=120, complaining=18),
    "IPA_GRID": lambda: ipa.survey_ipa(SURVEY, centre="median"),
    "KANO_GRID": lambda: kano.kano_classify(kano.load_class_sample()),
    "LOYALTY_CURVES": lambda: (s.loyalty_curve(), s.loyalty_curve(factors=["switching_costs"]), (1, 5), (2, 4)),
    "PROFIT_CHAIN": lambda: "heskett",
}


@pytest.mark.parametrize("name", sorted(OUTPUTS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_dataset_sent_is_drawn_by_the_spec(name, lang):
    kind = getattr(c, name)
    spec = json.dumps(kind.template(lang))
    sent = kind.data(OUTPUTS[name](), lang)
    assert [n for n in sent if f'"name": "{n}"' not in spec] == []


def test_ipa_chart_lines_at_the_median_of_the_mean_weights():
    raw = pd.read_csv(data_path("surveys", "canteen_servqual.csv"))
    w = sorted(raw[f"W{i}"].mean() for i in range(1, 6))
    lines = c.IPA_GRID.data(OUTPUTS["IPA_GRID"](), "en")["ipa_lines"].iloc[0]
    assert lines["il"] == pytest.approx(w[2], abs=1e-3)


def test_kano_chart_plots_cs_and_minus_ds():
    pts = c.KANO_GRID.data(OUTPUTS["KANO_GRID"](), "en")["kano_points"].set_index("feature")
    assert pts.loc["clean_tableware", "worse"] == pytest.approx(53 / 60, abs=1e-3)  # O 8 + M 45 of 60
    assert pts.loc["free_soup", "cs"] == pytest.approx(46 / 59, abs=1e-3)             # A 39 + O 7 of 59


def test_chain_chart_arrows_follow_the_file():
    chain = json.loads(data_path("satisfaction", "profit_chain.json").read_text(encoding="utf-8"))
    for version in ("course", "heskett"):
        d = c.PROFIT_CHAIN.data(version, "zh")
        assert len(d["pc_heads"]) == len(chain[version]["edges"])
        assert d["pc_title"].iloc[0, 0] == chain[version]["title"]["zh"]


def _marks(spec):
    yield spec
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for sub in spec.get(key, []):
            yield from _marks(sub)


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_marks_without_a_data_field_are_hidden_from_screen_readers(name):
    """A mark encoded only by constants gets no accessible name from Vega; axe flags it
    (svg-img-alt). Such marks are decorative and must carry aria: false."""
    spec = getattr(c, name).template("en")
    for m in _marks(spec):
        if "mark" not in m:
            continue
        enc = m.get("encoding", {})
        has_field = any(isinstance(v, dict) and "field" in v for v in enc.values())
        mark = m["mark"] if isinstance(m["mark"], dict) else {"type": m["mark"]}
        if not has_field and mark["type"] != "text":
            assert mark.get("aria") is False, (name, mark)
