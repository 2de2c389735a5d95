"""Tests for servicelab.models.reliability: Cronbach's alpha, standardized alpha, bands, scales.

Oracles: the two public examples in DOMAIN_NOTES (α = 99/128 and α = 356/383), an independent
plain-Python Pearson correlation for standardized alpha, the covariance-matrix form of alpha for
random data, and George & Mallery's band limits.
"""
from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from servicelab.errors import ServiceLabError
from servicelab.models.reliability import alpha_band, cronbach_alpha, scale_reliability

# DOMAIN_NOTES public oracles
EX1 = {"Q1": [1, 2, 2, 3, 2, 2, 3, 3, 2, 3], "Q2": [1, 1, 1, 2, 3, 3, 2, 3, 3, 3],
       "Q3": [1, 1, 2, 1, 2, 3, 3, 3, 2, 3]}
EX2 = {"Q1": [1, 5, 2, 3, 4, 2, 3, 4, 3, 2], "Q2": [2, 4, 1, 2, 4, 1, 2, 5, 2, 1],
       "Q3": [2, 5, 1, 3, 3, 2, 2, 4, 2, 2]}


def exact_alpha(columns: list[list[int]]) -> Fraction:
    """Alpha in exact rational arithmetic (sample variances; the n − 1 cancels)."""
    k, n = len(columns), len(columns[0])

    def ss(xs):  # n × sum of squared deviations, exact
        return Fraction(n * sum(x * x for x in xs) - sum(xs) ** 2, n)

    totals = [sum(c[i] for c in columns) for i in range(n)]
    return Fraction(k, k - 1) * (1 - sum(ss(c) for c in columns) / ss(totals))


def pearson(x, y) -> float:
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy)


class TestPublicExamples:
    def test_oracles_are_what_the_notes_say(self):
        # the exact rational computation agrees with the published fractions
        assert exact_alpha(list(EX1.values())) == Fraction(99, 128)
        assert exact_alpha(list(EX2.values())) == Fraction(356, 383)

    def test_example_one(self):
        assert cronbach_alpha(pd.DataFrame(EX1)) == pytest.approx(99 / 128, abs=1e-12)

    def test_example_two(self):
        x = np.column_stack(list(EX2.values()))
        assert cronbach_alpha(x) == pytest.approx(356 / 383, abs=1e-12)

    def test_item_order_does_not_matter(self):
        x = np.column_stack(list(EX2.values()))
        assert cronbach_alpha(x[:, ::-1]) == pytest.approx(356 / 383, abs=1e-12)

    @pytest.mark.parametrize("example", [EX1, EX2])
    def test_standardized_against_correlations(self, example):
        cols = list(example.values())
        k = len(cols)
        rs = [pearson(cols[i], cols[j]) for i in range(k) for j in range(k) if i < j]
        rbar = sum(rs) / len(rs)
        expected = k * rbar / (1 + (k - 1) * rbar)
        assert cronbach_alpha(pd.DataFrame(example), standardized=True) == pytest.approx(expected, abs=1e-12)
        # and it differs from the raw alpha here (items have unequal variances)
        assert expected != pytest.approx(cronbach_alpha(pd.DataFrame(example)), abs=1e-6)


class TestBands:
    @pytest.mark.parametrize("value,band", [
        (1.0, "excellent"), (0.9, "excellent"), (0.9 - 1e-9, "good"),
        (0.8, "good"), (0.8 - 1e-9, "acceptable"),
        (0.7, "acceptable"), (0.7 - 1e-9, "questionable"),
        (0.6, "questionable"), (0.6 - 1e-9, "poor"),
        (0.5, "poor"), (0.5 - 1e-9, "unacceptable"),
        (0.0, "unacceptable"), (-0.4, "unacceptable"),
    ])
    def test_boundaries(self, value, band):
        assert alpha_band(value) == band

    def test_undefined(self):
        assert alpha_band(float("nan")) == "undefined"
        assert alpha_band(None) == "undefined"

    def test_public_examples_bands(self):
        assert alpha_band(99 / 128) == "acceptable"  # 0.773
        assert alpha_band(356 / 383) == "excellent"  # 0.930


class TestEdgeCases:
    def test_listwise_deletion(self):
        # a row with a missing value is dropped: the answer equals the alpha of the other rows
        full = np.column_stack(list(EX1.values())).astype(float)
        extra = np.array([[np.nan, 7.0, 1.0]])
        assert cronbach_alpha(np.vstack([full, extra])) == pytest.approx(99 / 128, abs=1e-12)

    def test_undefined_cases_are_nan(self):
        assert math.isnan(cronbach_alpha(np.array([[1.0], [2.0], [3.0]])))  # one item
        assert math.isnan(cronbach_alpha(np.array([[1.0, 2.0, 3.0]])))  # one respondent
        assert math.isnan(cronbach_alpha(np.full((5, 3), 4.0)))  # no variance

    def test_not_a_table(self):
        with pytest.raises(ServiceLabError) as info:
            cronbach_alpha(np.ones(5))
        assert "(5,)" in info.value.message("en") and "(5,)" in info.value.message("zh")

    def test_negatively_related_items_give_negative_alpha(self):
        # three items, the third reversed
        x = np.array([[1, 1, 7], [2, 2, 6], [3, 3, 5], [4, 4, 4], [5, 5, 3]], float)
        # item variances 2.5 each (sum 7.5); total = 9,10,11,12,13 → var 2.5
        # α = 3/2 × (1 − 7.5/2.5) = −3
        assert cronbach_alpha(x) == pytest.approx(-3.0)
        assert alpha_band(cronbach_alpha(x)) == "unacceptable"


class TestScaleReliability:
    def make(self):
        # a technology-readiness style questionnaire, not SERVQUAL: two scales
        df = pd.DataFrame({
            "opt1": EX1["Q1"], "opt2": EX1["Q2"], "opt3": EX1["Q3"],
            "dis1": EX2["Q1"], "dis2": EX2["Q2"], "dis3": EX2["Q3"],
            "note": list("abcdefghij"),
        })
        return df

    def test_any_scale_mapping(self):
        df = self.make()
        out = scale_reliability(df, {"optimism": ["opt1", "opt2", "opt3"], "discomfort": ["dis1", "dis2", "dis3"]})
        assert out.columns.tolist() == ["scale", "k", "n", "alpha", "band"]
        assert out["scale"].tolist() == ["optimism", "discomfort"]
        assert out["k"].tolist() == [3, 3]
        assert out["n"].tolist() == [10, 10]
        assert out["alpha"].tolist() == pytest.approx([99 / 128, 356 / 383], abs=1e-12)
        assert out["band"].tolist() == ["acceptable", "excellent"]

    def test_listwise_within_each_scale(self):
        df = self.make().astype({c: float for c in ["opt1", "opt2", "opt3", "dis1", "dis2", "dis3"]})
        extra = pd.DataFrame([{"opt1": np.nan, "opt2": 3.0, "opt3": 2.0, "dis1": 1.0, "dis2": 1.0, "dis3": 1.0,
                               "note": "k"}])
        df = pd.concat([df, extra], ignore_index=True)
        out = scale_reliability(df, {"optimism": ["opt1", "opt2", "opt3"], "discomfort": ["dis1", "dis2", "dis3"]})
        # the new row is dropped for optimism only
        assert out["n"].tolist() == [10, 11]
        assert out.loc[0, "alpha"] == pytest.approx(99 / 128, abs=1e-12)
        x = df[["dis1", "dis2", "dis3"]].to_numpy()
        assert out.loc[1, "alpha"] == pytest.approx(float(exact_alpha([list(map(int, c)) for c in x.T])), abs=1e-12)

    def test_standardized_option(self):
        df = self.make()
        cols = list(EX1.values())
        rs = [pearson(cols[i], cols[j]) for i, j in ((0, 1), (0, 2), (1, 2))]
        rbar = sum(rs) / 3
        out = scale_reliability(df, {"optimism": ["opt1", "opt2", "opt3"]}, standardized=True)
        assert out.loc[0, "alpha"] == pytest.approx(3 * rbar / (1 + 2 * rbar), abs=1e-12)

    def test_unknown_column_names_scale_and_column(self):
        df = self.make()
        with pytest.raises(ServiceLabError) as info:
            scale_reliability(df, {"optimism": ["opt1", "opt2", "opt3"], "insecurity": ["ins1", "dis1"]})
        for lang in ("zh", "en"):
            msg = info.value.message(lang)
            assert "insecurity" in msg and "ins1" in msg
            assert "dis1" not in msg  # only the missing column is named


# ------------------------------------------------------------------------------- properties
@settings(max_examples=80, deadline=None)
@given(hnp.arrays(np.float64, st.tuples(st.integers(3, 30), st.integers(2, 8)), elements=st.integers(1, 7).map(float)))
def test_alpha_matches_the_covariance_form(x):
    # Independent form: α = k/(k−1) · (1 − trace(C)/sum(C)), C the sample covariance matrix.
    c = np.cov(x, rowvar=False, ddof=1)
    assume(c.sum() > 1e-9)
    k = x.shape[1]
    expected = k / (k - 1) * (1 - np.trace(c) / c.sum())
    assert cronbach_alpha(x) == pytest.approx(expected, rel=1e-9, abs=1e-9)


@settings(max_examples=80, deadline=None)
@given(hnp.arrays(np.float64, st.tuples(st.integers(3, 30), st.integers(2, 6)), elements=st.integers(1, 7).map(float)))
def test_standardized_alpha_is_alpha_of_z_scores(x):
    # Known identity: standardized alpha = raw alpha of the items after z-scoring each one.
    sd = x.std(axis=0, ddof=1)
    assume((sd > 0).all())
    z = (x - x.mean(axis=0)) / sd
    c = np.cov(z, rowvar=False, ddof=1)
    assume(abs(c.sum()) > 1e-6)
    k = x.shape[1]
    expected = k / (k - 1) * (1 - np.trace(c) / c.sum())
    assert cronbach_alpha(x, standardized=True) == pytest.approx(expected, rel=1e-7, abs=1e-7)
