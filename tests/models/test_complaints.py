"""Tests for servicelab.models.complaints (C5.17 complaint channels, C5.18 complaint causes).

Oracles: the counts, printed rates and categories of seed S1 (typed in here from the seed, not read
through the code under test) and sums worked out by hand.
"""
from __future__ import annotations

import math

import pandas as pd
import pytest

from servicelab.errors import ContentError, ServiceLabError
from servicelab.models import complaints
from servicelab.models.complaints import (category_shares, load_complaint_causes, load_complaint_channels,
                                          pareto_table, vital_few)

# seed S1, "顾客抱怨原因统计表": counts, printed rates (%), and the attribution category row
SEED_COUNTS = [38, 17, 14, 10, 10, 9, 5, 5, 5, 4, 3, 3, 3, 2, 2, 2, 2, 2] + [1] * 12
SEED_RATES = [25.67, 11.48, 9.45, 6.75, 6.75, 6.08, 3.38, 3.38, 3.48, 2.7, 2.03, 2.03, 2.03,
              1.35, 1.35, 1.35, 1.35, 1.35] + [0.67] * 12
SEED_CATEGORIES = [1, 2, 1, 1, 2, 2, 2, 2, 3, 1, 2, 4, 1, 2, 2, 2, 2, 1, 2, 4, 2, 1, 4, 1, 2, 2, 1, 2, 2, 1]


@pytest.fixture(scope="module")
def causes():
    return load_complaint_causes()


def test_causes_file_matches_the_seed(causes):
    assert list(causes["cause"]) == list(range(1, 31))
    assert list(causes["count"]) == SEED_COUNTS
    assert list(causes["category"]) == SEED_CATEGORIES
    assert sum(SEED_COUNTS) == 148 == causes["count"].sum()
    assert causes["name_zh"].is_unique and causes["name_en"].is_unique


def test_seed_printed_rates_are_truncated_or_rounded_except_one_typo():
    # every printed rate is the true rate cut or rounded to 2 decimals, except cause 9 (3.48 for 5/148)
    odd = []
    for i, (n, printed) in enumerate(zip(SEED_COUNTS, SEED_RATES), start=1):
        exact = 100 * n / 148
        if printed not in (math.floor(exact * 100) / 100, round(exact, 2)):
            odd.append(i)
    assert odd == [9]
    assert round(100 * 5 / 148, 2) == 3.38


def test_pareto_table_of_the_seed(causes):
    tab = pareto_table(dict(zip(causes["cause"], causes["count"])))
    assert list(tab.columns) == ["rank", "cause", "count", "share", "cumulative_share", "pareto_class"]
    assert list(tab["count"]) == sorted(SEED_COUNTS, reverse=True)
    assert list(tab["cause"]) == list(range(1, 31))  # already sorted; ties keep seed order
    assert tab["share"].iloc[0] == pytest.approx(38 / 148)
    # seed rates agree with ours to 0.01 percentage point, except the 3.48 typo
    for printed, share, idx in zip(SEED_RATES, tab["share"], range(30)):
        if idx != 8:
            assert abs(100 * share - printed) <= 0.01 + 1e-9
    running = 0
    for n, cum in zip(SEED_COUNTS, tab["cumulative_share"]):
        running += n
        assert cum == pytest.approx(running / 148)
    assert tab["cumulative_share"].iloc[-1] == 1.0
    # 10 causes cover 117/148 = 79.05 %; the 11th crosses 80 % (120/148 = 81.08 %) → 11 in class A
    assert (tab["pareto_class"] == "A").sum() == 11
    # 18 causes cover 136; then one each: 22 causes cover 140/148 = 94.59 %, 23 cover 141/148 = 95.27 %
    # → causes 12–23 have predecessors below 95 % (B), causes 24–30 are C
    assert list(tab.loc[tab["pareto_class"] == "B", "cause"]) == list(range(12, 24))
    assert list(tab.loc[tab["pareto_class"] == "C", "cause"]) == list(range(24, 31))


def test_vital_few_of_the_seed(causes):
    tab = pareto_table(causes.set_index("cause")["count"])
    few = vital_few(tab)
    assert list(few["cause"]) == list(range(1, 12))
    assert few["count"].sum() == 120
    assert few["cumulative_share"].iloc[-1] == pytest.approx(120 / 148)
    assert list(vital_few(tab, 0.5)["cause"]) == [1, 2, 3, 4]  # 69/148 = 46.6 % < 50 % ≤ 79/148
    assert len(vital_few(tab, 1.0)) == 30


def test_exact_cutoff_counts_as_reached():
    tab = pareto_table([8, 1, 1])
    assert list(tab["pareto_class"]) == ["A", "B", "B"]   # 0.8 reached by the first; 0.9 < 0.95
    assert list(vital_few(tab, 0.8)["count"]) == [8]


def test_pareto_sorts_and_keeps_tie_order():
    tab = pareto_table({"x": 1, "y": 5, "z": 1, "w": 5})
    assert list(tab["cause"]) == ["y", "w", "x", "z"]
    assert list(tab["rank"]) == [1, 2, 3, 4]


def test_category_shares_of_the_seed(causes):
    cat = category_shares(causes)
    assert list(cat["category"]) == [1, 2, 3, 4]
    assert list(cat["count"]) == [75, 63, 5, 5]
    assert list(cat["causes"]) == [10, 16, 1, 3]
    # seed: 第一类 50 %, 第二类 43 %, 第三、四类 7 %
    assert cat["share"].tolist() == pytest.approx([75 / 148, 63 / 148, 5 / 148, 5 / 148])
    assert round(100 * cat["share"].iloc[0], 2) == 50.68
    assert round(100 * cat["share"].iloc[1], 2) == 42.57
    assert round(100 * (cat["share"].iloc[2] + cat["share"].iloc[3]), 2) == 6.76
    assert [round(100 * v) for v in (cat["share"].iloc[0], cat["share"].iloc[1],
                                      cat["share"].iloc[2] + cat["share"].iloc[3])] == [51, 43, 7]


def test_category_shares_custom_columns():
    df = pd.DataFrame({"n": [2, 2], "kind": [4, 4]})
    out = category_shares(df, count_column="n", category_column="kind")
    assert out["share"].tolist() == [0, 0, 0, 1]


def test_channels_file():
    ch = load_complaint_channels()
    assert ch["people"].tolist() == [1582, 1325, 916, 416, 310]
    assert ch["printed_percent"].iloc[:2].tolist() == [34, 28.5]
    assert ch["printed_percent"].iloc[2:].isna().all()
    # the printed percentages imply ≈ 4 650 respondents, more than the 4 549 listed
    listed = sum([1582, 1325, 916, 416, 310])
    assert listed == 4549
    assert 1582 / 0.34 > listed + 90 and 1325 / 0.285 > listed + 90


@pytest.mark.parametrize("bad", [[], {"a": -1}, [3, float("nan")], {"a": "x"}, [1, float("inf")]])
def test_bad_counts(bad):
    with pytest.raises(ServiceLabError) as info:
        pareto_table(bad)
    assert info.value.key in {"complaints.error.empty", "complaints.error.count"}


def test_negative_count_message_names_the_cause():
    with pytest.raises(ServiceLabError) as info:
        pareto_table({"late": 3, "rude": -2})
    assert "rude" in info.value.message("en") and "-2" in info.value.message("zh")


def test_zero_total_and_bad_thresholds():
    with pytest.raises(ServiceLabError) as info:
        pareto_table([0, 0])
    assert info.value.key == "complaints.error.zero_total"
    for kwargs in ({"a_cutoff": 0}, {"a_cutoff": 1.2}, {"a_cutoff": 0.9, "b_cutoff": 0.8}):
        with pytest.raises(ServiceLabError):
            pareto_table([1, 2], **kwargs)
    with pytest.raises(ServiceLabError):
        vital_few(pareto_table([1, 2]), 0)
    with pytest.raises(ServiceLabError) as info:
        vital_few(pd.DataFrame({"count": [1]}))
    assert info.value.key == "complaints.error.columns"


@pytest.mark.parametrize("cat", [0, 5, 1.5, "1", None])
def test_bad_category(cat):
    with pytest.raises(ServiceLabError) as info:
        category_shares(pd.DataFrame({"count": [1, 2], "category": [1, cat]}))
    assert info.value.key == "complaints.error.category"


def test_category_shares_missing_column():
    with pytest.raises(ServiceLabError) as info:
        category_shares(pd.DataFrame({"count": [1]}))
    assert "category" in info.value.message("en")


def _fake_data(tmp_path, monkeypatch, name, text):
    (tmp_path / "complaints").mkdir(exist_ok=True)
    (tmp_path / "complaints" / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(complaints, "data_path", lambda *parts: tmp_path.joinpath(*parts))


@pytest.mark.parametrize("line, column", [
    ("2,乙,B,-3,1", "count"),
    ("2,乙,B,3,5", "category"),
    ("3,乙,B,3,1", "cause"),
    ("2,,B,3,1", "name_zh"),
])
def test_malformed_causes_file_names_file_row_column(tmp_path, monkeypatch, line, column):
    _fake_data(tmp_path, monkeypatch, "causes.csv",
               f"cause,name_zh,name_en,count,category\n1,甲,A,4,2\n{line}\n")
    with pytest.raises(ContentError) as info:
        load_complaint_causes()
    msg = info.value.message("en")
    assert "causes.csv" in msg and "row 3" in msg and column in msg


def test_causes_file_missing_column_or_file(tmp_path, monkeypatch):
    _fake_data(tmp_path, monkeypatch, "causes.csv", "cause,name_zh,name_en,count\n1,甲,A,4\n")
    with pytest.raises(ContentError) as info:
        load_complaint_causes()
    assert info.value.key == "content.error.columns" and "category" in info.value.message("zh")
    with pytest.raises(ContentError) as info:
        load_complaint_channels()
    assert info.value.key == "content.error.missing_file"


def test_malformed_channels_file(tmp_path, monkeypatch):
    _fake_data(tmp_path, monkeypatch, "channels.csv",
               "channel,name_zh,name_en,people,printed_percent\na,甲,A,10,20\nb,乙,B,5,120\n")
    with pytest.raises(ContentError) as info:
        load_complaint_channels()
    msg = info.value.message("en")
    assert "channels.csv" in msg and "row 3" in msg and "printed_percent" in msg


# ------------------------------------------------------------------ C5.17: what the channel survey adds up to
# seed S1: 请消费者协会调解 1582 (34%), 找大众媒介 1325 (28.50%), 与经营者协商解决 916, 向有关行政部门投诉 416, 向人民法院提起诉讼 310
SEED_CHANNELS = [1582, 1325, 916, 416, 310]


def test_channel_file_matches_the_seed():
    ch = load_complaint_channels()
    assert list(ch["people"]) == SEED_CHANNELS
    assert ch["printed_percent"].iloc[0] == 34 and ch["printed_percent"].iloc[1] == 28.5
    assert ch["printed_percent"].iloc[2:].isna().all()


def test_channel_survey_check_on_the_seed_worked_by_hand():
    check = complaints.channel_survey_check()
    assert check["listed_total"] == sum(SEED_CHANNELS) == 4549
    implied = check["implied"].set_index("channel")["implied_total"]
    assert implied["consumer_association"] == pytest.approx(1582 / 0.34)  # 4652.9
    assert implied["mass_media"] == pytest.approx(1325 / 0.285)  # 4649.1
    # 34 % printed whole: 33.5–34.5 %; 28.50 % to a half: 28.45–28.55 %; both hold for 1325/0.2855 … 1325/0.2845
    assert check["implied_low"] == pytest.approx(1325 / 0.2855)
    assert check["implied_high"] == pytest.approx(1325 / 0.2845)
    assert round(check["implied_low"]) == 4641 and round(check["implied_high"]) == 4657
    assert 4641 - 4549 <= check["unlisted_high"] and round(check["unlisted_low"]) == 92
    assert round(check["unlisted_high"]) == 108


def test_channel_survey_check_refuses_contradicting_or_missing_percentages():
    df = pd.DataFrame({"channel": ["a", "b"], "people": [50, 50], "printed_percent": [50, 10]})
    with pytest.raises(ServiceLabError) as err:
        complaints.channel_survey_check(df)
    assert err.value.key == "complaints.error.percent_conflict"
    df = pd.DataFrame({"channel": ["a", "b"], "people": [50, 50], "printed_percent": [math.nan, math.nan]})
    with pytest.raises(ServiceLabError) as err:
        complaints.channel_survey_check(df)
    assert err.value.key == "complaints.error.no_percent"
    df = pd.DataFrame({"channel": ["a"], "people": [-1], "printed_percent": [50]})
    with pytest.raises(ServiceLabError):
        complaints.channel_survey_check(df)


def test_a_consistent_survey_implies_its_own_total():
    # 25 of 100 at 25 %, 75 at 75 %: the total is 100 and nothing is unlisted
    df = pd.DataFrame({"channel": ["a", "b"], "people": [25, 75], "printed_percent": [25, 75]})
    check = complaints.channel_survey_check(df)
    assert check["listed_total"] == 100
    assert check["implied_low"] <= 100 <= check["implied_high"]
    assert check["unlisted_low"] == 0


# ------------------------------------------------------------------ C5.16: Day & Landon's taxonomy as a tree
def test_response_taxonomy_is_the_courses_tree():
    tree = complaints.load_response_taxonomy()
    parent = dict(zip(tree["label_zh"], tree["parent"]))
    node = dict(zip(tree["node"], tree["label_zh"]))
    # the seed's figure: 顾客不满意 → 采取行动 / 不采取行动; 公开行动: 3 responses; 私人行动: 2
    assert node[parent["公开行动"]].startswith("采取行动") and node[parent["私人行动"]].startswith("采取行动")
    assert {k for k, p in parent.items() if p == "public"} == {"直接向企业抱怨", "采取法律行动", "向公众机构投诉"}
    assert {k for k, p in parent.items() if p == "private"} == {"抵制销售商或制造商", "告诫亲友"}
    assert node[parent["不采取行动（非行为反应）"]] == "顾客不满意"
    assert list(tree["level"]) == sorted(tree["level"])  # parents before children
    assert (tree["label_en"].str.len() > 0).all()


# ------------------------------------------------------------------ C5.18: the vital few with names
def test_cause_pareto_names_and_counts_the_vital_few():
    p = complaints.cause_pareto(threshold=0.8)
    assert p["vital_count"] == 11 and p["vital_complaints"] == 120  # 117 after 10 causes < 80 % of 148 = 118.4
    assert p["vital_share"] == pytest.approx(120 / 148)
    tab = p["table"]
    assert list(tab.loc[tab["vital"], "cause"]) == list(range(1, 12))
    assert tab.loc[tab["cause"] == 9, "category"].item() == 3  # the customer's own lack of knowledge
    assert tab.loc[tab["cause"] == 1, "name_zh"].item() == "产品质量差"
    # at 50 %: 38 + 17 + 14 = 69 < 74 ≤ 79 → four causes
    assert complaints.cause_pareto(threshold=0.5)["vital_count"] == 4


def test_regression_vital_few_keeps_the_first_cause_for_a_tiny_threshold():
    # S_0 = 0 is below any threshold > 0; a tolerance of 1e-12 used to drop every row (found by hypothesis)
    tab = pareto_table({"late": 6, "rude": 3, "broken": 1})
    assert vital_few(tab, 1e-13)["cause"].tolist() == ["late"]
    assert complaints.cause_pareto(threshold=1e-13)["vital_count"] == 1
