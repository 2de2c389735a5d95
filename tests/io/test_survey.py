"""Tests for servicelab.io.survey.read_survey: the wide SERVQUAL survey format.

Every bad input must raise a ServiceLabError whose Chinese and English messages both name the
file and, where relevant, the row (file line, header = row 1) and the column.
"""
from __future__ import annotations

import importlib.util
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from servicelab.errors import ServiceLabError
from servicelab.io.survey import read_survey
from servicelab.paths import data_path

_spec = importlib.util.spec_from_file_location("survey_cases", Path(__file__).parents[1] / "fixtures" / "survey_cases.py")
cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cases)

FILE = "class_survey.csv"


def raises(source, key: str, **kwargs) -> ServiceLabError:
    with pytest.raises(ServiceLabError) as info:
        read_survey(source, **kwargs)
    assert info.value.key == key, info.value.bilingual()
    return info.value


def assert_names_row(err: ServiceLabError, row: int) -> None:
    assert f"第 {row} 行" in err.message("zh"), err.message("zh")
    assert re.search(rf"\brows? {row}\b", err.message("en")), err.message("en")


# ------------------------------------------------------------------------------ bad inputs
@pytest.mark.parametrize("case", cases.bad_cases(), ids=lambda c: c[0])
def test_bad_input_bilingual_message(case):
    _id, data, key, row, column, extra = case
    err = raises(data, key, name=FILE)
    for lang in ("zh", "en"):
        msg = err.message(lang)
        assert FILE in msg, msg
        if column:
            assert column in msg, msg
        for text in extra:
            assert text in msg, msg
    if row is not None:
        assert_names_row(err, row)
    # str(err) carries both languages
    assert err.message("zh") in str(err) and err.message("en") in str(err)


def test_duplicate_ids_name_both_rows():
    data = cases.csv_bytes([cases.row("a1"), cases.row("s1"), cases.row("b2"), cases.row("s1")])
    err = raises(data, "survey.error.duplicate_id", name=FILE)
    # s1 is on file rows 3 and 5 (header = row 1)
    assert re.search(r"\b3\b.*\b5\b", err.message("zh"))
    assert re.search(r"rows 3, 5\b", err.message("en"))


def test_out_of_range_first_problem_and_count():
    # two problems: row 2 P1 = 9, row 3 E1 = 0 → the first in file order is reported, 2 in all
    r1 = cases.with_cell(cases.row("a"), "P1", "9")
    r2 = cases.with_cell(cases.row("b"), "E1", "0")
    err = raises(cases.csv_bytes([r1, r2]), "survey.error.out_of_range", name=FILE)
    assert_names_row(err, 2)
    assert "P1" in err.message("en") and "9" in err.message("en")
    assert err.params["count"] == 2


def test_custom_scale():
    # a 5-point scale: 6 is out of range, 5 is fine
    data = cases.csv_bytes([cases.with_cell(cases.row("a", e="5", p="4"), "E2", "6")])
    err = raises(data, "survey.error.out_of_range", name=FILE, scale=(1, 5))
    assert "1–5" in err.message("en")
    ok = read_survey(cases.csv_bytes([cases.row("a", e="5", p="4")]), scale=(1, 5))
    assert ok.responses["E1"].tolist() == [5.0]


def test_weights_negative_is_named():
    hw = [*cases.HEADER, *cases.W]
    data = cases.csv_bytes([[*cases.row("a"), "-20", "40", "40", "20", "20"]], header=hw)
    with pytest.raises(ServiceLabError) as info:
        read_survey(data, name=FILE)
    for lang in ("zh", "en"):
        assert FILE in info.value.message(lang) and "W1" in info.value.message(lang) and "-20" in info.value.message(lang)


def test_duplicate_column_in_another_case():
    header = [*cases.HEADER, "e1"]
    err = raises(cases.csv_bytes([[*cases.row("a"), "3"]], header=header), "survey.error.duplicate_column", name=FILE)
    for lang in ("zh", "en"):
        assert FILE in err.message(lang) and "e1" in err.message(lang)
def test_exact_duplicate_column_is_refused():
    header = [*cases.HEADER, "E1"]
    err = raises(cases.csv_bytes([[*cases.row("a"), "3"]], header=header), "survey.error.duplicate_column", name=FILE)
    assert "E1" in err.message("en")


def test_weight_columns_must_be_complete():
    hw = [*cases.HEADER, "W1", "W2", "W3", "W4"]
    data = cases.csv_bytes([[*cases.row("a"), "25", "25", "25", "25"]], header=hw)
    err = raises(data, "survey.error.missing_columns", name=FILE)
    assert "W5" in err.message("en") and "W5" in err.message("zh")


def test_partly_blank_weight_row_is_an_error():
    hw = [*cases.HEADER, *cases.W]
    data = cases.csv_bytes([[*cases.row("a"), "50", "50", "", "", ""]], header=hw)
    err = raises(data, "survey.error.weights_sum", name=FILE)
    assert_names_row(err, 2)


def test_garbage_without_nul_bytes_is_not_text():
    # random bytes with the NUL bytes removed: GB18030 decodes many of them, still not a CSV
    data = bytes(b for b in cases.garbage(300_000, seed=7) if b)
    err = raises(data, "survey.error.not_text", name="noise.csv")
    assert "noise.csv" in err.message("zh") and "noise.csv" in err.message("en")


def test_blank_file_with_whitespace_is_empty():
    raises(b"  \r\n\n", "survey.error.empty", name=FILE)


def test_text_that_is_not_our_format():
    err = raises("名字\n张三\n李四\n".encode("utf-8"), "survey.error.missing_columns", name=FILE)
    assert "E1" in err.message("en")


def test_path_not_found(tmp_path):
    err = raises(tmp_path / "nope.csv", "survey.error.not_found")
    assert "nope.csv" in err.message("zh") and "nope.csv" in err.message("en")


def test_too_large_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "huge.csv"
    with open(big, "wb") as f:
        f.truncate(60 * 1024 * 1024)  # sparse: cheap to make
    err = raises(big, "survey.error.too_large")
    assert "huge.csv" in err.message("en") and "50" in err.message("en")


# ------------------------------------------------------------------------------ good inputs
def test_reads_values_by_name():
    # distinct values per column so a shifted column would show
    e = [str(1 + i % 7) for i in range(22)]
    p = [str(7 - i % 7) for i in range(22)]
    data = cases.csv_bytes([["s1", *e, *p]])
    s = read_survey(data)
    assert s.responses.index.tolist() == ["s1"]
    assert s.expectations.iloc[0].tolist() == [float(v) for v in e]
    assert s.perceptions.iloc[0].tolist() == [float(v) for v in p]
    assert s.weights is None
    assert s.report.encoding == "utf-8"
    assert s.report.file == "<upload>"
    assert (s.report.n_rows, s.report.n_respondents) == (1, 1)


def test_column_order_does_not_matter():
    header = [*reversed(cases.P), "id", *cases.E]
    values = {f"P{j}": str(1 + (j - 1) % 7) for j in range(1, 23)}  # P1 = 1, P2 = 2, … P8 = 1 …
    values.update({c: "4" for c in cases.E}, id="x")
    s = read_survey(cases.csv_bytes([[values[h] for h in header]], header=header))
    assert s.perceptions.loc["x"].tolist() == [float(1 + (j - 1) % 7) for j in range(1, 23)]
    assert s.expectations.loc["x"].tolist() == [4.0] * 22


def test_gbk_file_with_chinese_headers():
    header = ["编号", "姓名", "提交答卷时间", *cases.E, *cases.P]
    rows = [["学生01", "张三", "2026/9/14 12:00", *["6"] * 22, *["5"] * 22],
            ["学生02", "李四", "2026/9/14 12:05", *["7"] * 22, *["4"] * 22]]
    data = cases.csv_bytes(rows, header=header, encoding="gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really not UTF-8
    s = read_survey(data, name="问卷星导出.csv")
    assert s.report.encoding == "gb18030"
    assert s.responses.index.tolist() == ["学生01", "学生02"]
    assert s.report.ignored_columns == ["姓名", "提交答卷时间"]
    assert s.report.file == "问卷星导出.csv"
    assert s.perceptions.loc["学生02"].tolist() == [4.0] * 22


def test_utf8_with_bom():
    data = b"\xef\xbb\xbf" + cases.csv_bytes([cases.row("s1")])
    s = read_survey(data)
    assert s.report.encoding == "utf-8-sig"
    assert s.responses.index.tolist() == ["s1"]  # the BOM did not spoil the id header
    assert s.report.ignored_columns == []


@pytest.mark.parametrize("sep", [";", "\t"])
def test_other_separators(sep):
    s = read_survey(cases.csv_bytes([cases.row("s1"), cases.row("s2", e="7", p="3")], sep=sep))
    assert s.responses.index.tolist() == ["s1", "s2"]
    assert s.perceptions.loc["s2"].tolist() == [3.0] * 22


def test_full_width_digits_and_headers():
    r = cases.with_cell(cases.row("s1"), "P3", "７")
    header = [h.replace("E1", "Ｅ１") if h == "E1" else h for h in cases.HEADER]
    s = read_survey(cases.csv_bytes([r], header=header))
    assert s.perceptions.loc["s1", "P3"] == 7.0
    assert s.expectations.loc["s1", "E1"] == 6.0


def test_lower_case_and_padded_headers():
    header = [h.lower() for h in cases.HEADER]
    header[1] = " e1 "
    s = read_survey(cases.csv_bytes([cases.row("s1")], header=header))
    assert s.expectations.columns.tolist() == cases.E
    assert s.report.ignored_columns == []


def test_blank_cells_are_missing_and_counted():
    r1 = cases.with_cell(cases.with_cell(cases.row("s1"), "E10", ""), "P18", "")
    r2 = cases.with_cell(cases.row("s2"), "P18", "NA")
    s = read_survey(cases.csv_bytes([r1, r2, cases.row("s3")]))
    assert s.report.missing_cells == {"E10": 1, "P18": 2}
    assert s.report.n_missing == 3
    assert np.isnan(s.expectations.loc["s1", "E10"]) and np.isnan(s.perceptions.loc["s2", "P18"])
    assert s.report.n_respondents == 3


def test_all_blank_rating_row_is_dropped_and_reported():
    blank = ["s2", *[""] * 44]
    s = read_survey(cases.csv_bytes([cases.row("s1"), blank, cases.row("s3")]))
    assert s.responses.index.tolist() == ["s1", "s3"]
    assert s.report.dropped_rows == [3]
    assert (s.report.n_rows, s.report.n_respondents) == (3, 2)
    assert s.report.missing_cells == {}


def test_only_blank_rows_is_no_rows():
    raises(cases.csv_bytes([["s1", *[""] * 44]]), "survey.error.no_rows", name=FILE)


def test_extra_columns_reported():
    header = [*cases.HEADER, "comment", "班级"]
    s = read_survey(cases.csv_bytes([[*cases.row("s1"), "ok", "1班"]], header=header))
    assert s.report.ignored_columns == ["comment", "班级"]
    assert "comment" not in s.responses.columns


def test_no_id_column_gives_generated_ids():
    header = [*cases.E, *cases.P]
    s = read_survey(cases.csv_bytes([cases.row("x")[1:], cases.row("y")[1:]], header=header))
    assert s.responses.index.is_unique and len(s.responses) == 2


def test_weights_are_read_per_dimension():
    hw = [*cases.HEADER, *cases.W]
    rows = [[*cases.row("a"), "10", "40", "20", "15", "15"], [*cases.row("b"), "", "", "", "", ""]]
    s = read_survey(cases.csv_bytes(rows, header=hw))
    assert s.weights.columns.tolist() == ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]
    assert s.weights.loc["a"].tolist() == [10.0, 40.0, 20.0, 15.0, 15.0]
    assert s.weights.loc["b"].isna().all()  # "no weights for this respondent"
def test_trailing_comma_does_not_shift_columns():
    text = cases.csv_text([cases.row("s1")]).replace("\n", ",\n").replace(",\n", "\n", 1)  # data rows only
    try:
        s = read_survey(text.encode("utf-8"), name=FILE)
    except ServiceLabError as err:  # an error naming the row would also be acceptable
        assert FILE in err.message("en")
        return
    assert s.responses.index.tolist() == ["s1"]
    assert s.expectations.loc["s1"].tolist() == [6.0] * 22
    assert s.perceptions.loc["s1"].tolist() == [5.0] * 22


# ------------------------------------------------------------------------------ sources
def test_path_source_uses_the_file_name(tmp_path):
    path = tmp_path / "week3.csv"
    path.write_bytes(cases.csv_bytes([cases.with_cell(cases.row("s1"), "E1", "9")]))
    err = raises(path, "survey.error.out_of_range")
    assert "week3.csv" in err.message("zh") and "week3.csv" in err.message("en")
    assert str(tmp_path) not in err.message("en")  # the name, not the full path


def test_path_source_reads(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_bytes(cases.csv_bytes([cases.row("s1")]))
    for src in (path, str(path)):
        s = read_survey(src)
        assert s.report.file == "ok.csv" and s.report.n_respondents == 1


def test_file_like_sources(tmp_path):
    data = cases.csv_bytes([cases.row("s1")])
    assert read_survey(io.BytesIO(data)).report.n_respondents == 1
    assert read_survey(io.StringIO(data.decode("utf-8"))).report.n_respondents == 1
    path = tmp_path / "opened.csv"
    path.write_bytes(cases.csv_bytes([cases.with_cell(cases.row("s1"), "E2", "x")]))
    with open(path, "rb") as f:
        err = raises(f, "survey.error.not_a_number")
    assert "opened.csv" in err.message("en")


def test_name_override_in_messages(tmp_path):
    bad = cases.csv_bytes([cases.with_cell(cases.row("s1"), "E2", "x")])
    err = raises(bad, "survey.error.not_a_number", name="上传的问卷.csv")
    assert "上传的问卷.csv" in err.message("zh") and "上传的问卷.csv" in err.message("en")
    path = tmp_path / "tmpabc123.csv"
    path.write_bytes(bad)
    err = raises(path, "survey.error.not_a_number", name="mine.csv")
    assert "mine.csv" in err.message("en") and "tmpabc123" not in err.message("en")
    # and the report of a good file uses it too
    assert read_survey(cases.csv_bytes([cases.row("s1")]), name="mine.csv").report.file == "mine.csv"


# ------------------------------------------------------------------------------ shipped sample
def test_shipped_sample_reads_like_the_csv_module_says():
    import csv

    path = data_path("surveys", "canteen_servqual.csv")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    blanks = sum(1 for r in rows for c in (*cases.E, *cases.P) if r[c] == "")
    s = read_survey(path)
    assert s.report.n_respondents == len(rows) == 120
    assert s.report.n_missing == blanks
    assert s.report.ignored_columns == ["submitted"]
    assert s.report.encoding == "utf-8"
    assert s.weights is not None and (s.weights.sum(axis=1) == 100).all()
    first = rows[0]
    assert s.responses.loc[first["id"], "P5"] == float(first["P5"])
