"""Tests for servicelab.models.kano.

Oracle: the Kano evaluation table as printed in Berger et al. (1993), typed in here row by row
(functional answer) and column by column (dysfunctional answer), independently of the module's
own table; coefficients on hand-counted examples.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from servicelab.errors import ServiceLabError
from servicelab.models import kano
from servicelab.paths import data_path

# Berger et al. (1993): rows Like, Must-be, Neutral, Live with, Dislike (functional);
# columns the same answers (dysfunctional).
PUBLISHED = {
    "like":      {"like": "Q", "must_be": "A", "neutral": "A", "live_with": "A", "dislike": "O"},
    "must_be":   {"like": "R", "must_be": "I", "neutral": "I", "live_with": "I", "dislike": "M"},
    "neutral":   {"like": "R", "must_be": "I", "neutral": "I", "live_with": "I", "dislike": "M"},
    "live_with": {"like": "R", "must_be": "I", "neutral": "I", "live_with": "I", "dislike": "M"},
    "dislike":   {"like": "R", "must_be": "R", "neutral": "R", "live_with": "R", "dislike": "Q"},
}
PAIRS = [(f, d) for f in PUBLISHED for d in PUBLISHED[f]]


def test_all_25_pairs_listed():
    assert len(PAIRS) == 25 and len(set(PAIRS)) == 25


@pytest.mark.parametrize("functional,dysfunctional", PAIRS)
def test_every_answer_pair_against_the_published_table(functional, dysfunctional):
    assert kano.kano_category(functional, dysfunctional) == PUBLISHED[functional][dysfunctional]


def test_bad_answer_is_named():
    with pytest.raises(ServiceLabError) as e:
        kano.kano_category("love", "dislike")
    assert "love" in e.value.message("en") and "live_with" in e.value.message("en")


def test_coefficients_hand_example():
    # A 10, O 5, M 3, I 2 (R and Q ignored): CS = 15/20, DS = -8/20
    c = kano.kano_coefficients({"A": 10, "O": 5, "M": 3, "I": 2, "R": 7, "Q": 1})
    assert c["cs"] == pytest.approx(0.75) and c["ds"] == pytest.approx(-0.4)
    nan = kano.kano_coefficients({"R": 3})
    assert np.isnan(nan["cs"]) and np.isnan(nan["ds"])
    with pytest.raises(ServiceLabError):
        kano.kano_coefficients({"A": -1})


def test_classify_counts_category_and_coefficients():
    rows = ([("wifi", "like", "neutral")] * 3 + [("wifi", "like", "dislike")] * 2 + [("wifi", "neutral", "neutral")]
            + [("soap", "neutral", "dislike")] * 4 + [("soap", "like", "like")] + [("soap", "dislike", "like")])
    df = pd.DataFrame(rows, columns=["feature", "functional", "dysfunctional"])
    out = kano.kano_classify(df).set_index("feature")
    assert list(out.index) == ["wifi", "soap"]
    w = out.loc["wifi"]
    assert (w["A"], w["O"], w["M"], w["I"], w["R"], w["Q"], w["n"]) == (3, 2, 0, 1, 0, 0, 6)
    assert w["category"] == "A"
    assert w["cs"] == pytest.approx(5 / 6) and w["ds"] == pytest.approx(-2 / 6)
    s = out.loc["soap"]
    assert (s["M"], s["Q"], s["R"], s["category"]) == (4, 1, 1, "M")
    assert s["cs"] == pytest.approx(0.0) and s["ds"] == pytest.approx(-1.0)


def test_tie_goes_to_must_be_then_one_dimensional():
    df = pd.DataFrame([("x", "like", "neutral"), ("x", "neutral", "dislike"),
                       ("y", "like", "dislike"), ("y", "like", "neutral")],
                      columns=["feature", "functional", "dysfunctional"])
    out = kano.kano_classify(df).set_index("feature")["category"]
    assert out["x"] == "M" and out["y"] == "O"


def test_classify_bad_row_is_named():
    df = pd.DataFrame({"feature": ["a", "a"], "functional": ["like", "meh"], "dysfunctional": ["dislike", "dislike"]})
    with pytest.raises(ServiceLabError) as e:
        kano.kano_classify(df)
    assert "2" in e.value.message("en") and "meh" in e.value.message("en")
    with pytest.raises(ServiceLabError):
        kano.kano_classify(df.drop(columns="feature"))


def test_class_sample_shows_the_categories_it_was_built_for():
    out = kano.kano_classify(kano.load_class_sample()).set_index("feature")["category"].to_dict()
    assert out == {"clean_tableware": "M", "short_queue": "O", "free_soup": "A", "app_preorder": "A",
                   "menu_calories": "I", "background_music": "I"}
    assert set(kano.load_features()["feature"]) == set(out)


def test_class_sample_regenerates_byte_for_byte(tmp_path):
    src = Path(data_path("kano", "make_canteen_kano.py"))
    copy = tmp_path / "make_canteen_kano.py"
    copy.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run([sys.executable, str(copy)], check=True, capture_output=True)
    made = (tmp_path / "canteen_kano.csv").read_bytes()
    shipped = Path(data_path("kano", "canteen_kano.csv")).read_bytes()
    assert hashlib.sha256(made).hexdigest() == hashlib.sha256(shipped).hexdigest()
