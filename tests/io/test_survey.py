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


# ------------------------------------------------------------------------------ wrong number of fields (issue 7, item 7)
def _shifted_name_row(rid: str) -> list[str]:
    # an unquoted "Zhang, Wei" in a name column: one field too many, every rating after it shifted
    return [rid, "Zhang", " Wei", *["6"] * 22, *["5"] * 22]


@pytest.mark.parametrize("position", [0, 1, 2])
def test_a_row_with_an_extra_field_is_refused_wherever_it_is(position):
    header = ["id", "name", *cases.E, *cases.P]
    rows = [["s1", "Li", *["6"] * 22, *["5"] * 22], ["s2", "Wu", *["7"] * 22, *["4"] * 22], ["s3", "Xu", *["5"] * 22, *["5"] * 22]]
    rows[position] = _shifted_name_row(rows[position][0])
    err = raises(cases.csv_bytes(rows, header=header), "survey.error.field_count", name=FILE)
    assert_names_row(err, position + 2)
    for lang in ("zh", "en"):
        assert FILE in err.message(lang) and "47" in err.message(lang) and "46" in err.message(lang)


def test_a_row_with_a_missing_field_is_refused():
    rows = [cases.row("s1"), cases.row("s2")[:-1], cases.row("s3")]
    err = raises(cases.csv_bytes(rows), "survey.error.field_count", name=FILE)
    assert_names_row(err, 3)


def test_line_numbers_count_blank_lines_and_a_blank_line_before_a_tab_header():
    # line 1 blank, 2 header (tab-separated), 3 s1, 4 blank, 5 s2, 6 s3 with E3 = 9
    text = "\n" + cases.csv_text([cases.row("s1"), cases.row("s2"), cases.with_cell(cases.row("s3"), "E3", "9")], sep="\t")
    text = text.replace("\ns2\t", "\n\ns2\t")
    err = raises(text.encode("utf-8"), "survey.error.out_of_range", name=FILE)
    assert_names_row(err, 6)
    good = "\n" + cases.csv_text([cases.row("s1"), cases.row("s2")], sep="\t").replace("\ns2\t", "\n\n\ns2\t")
    s = read_survey(good.encode("utf-8"))
    assert s.responses.index.tolist() == ["s1", "s2"] and s.report.separator == "\t"
    blank = cases.csv_text([cases.row("s1"), ["s2", *[""] * 44]]).replace("\ns2,", "\n\ns2,")
    assert read_survey(blank.encode("utf-8")).report.dropped_rows == [4]


def test_messages_carry_no_parser_english_in_chinese():
    # an unclosed quote that runs past the csv field limit, and a short row: both translated
    bad = cases.csv_text([cases.row("s1")]) + 's2,"' + "x" * 200_000 + "\n"
    for data in (bad.encode("utf-8"), cases.csv_bytes([cases.row("s1")[:10]])):
        with pytest.raises(ServiceLabError) as info:
            read_survey(data, name=FILE)
        zh = info.value.message("zh")
        assert not re.search(r"[A-Za-z]{4,}", zh.replace(FILE, "").replace("class_survey", "")), zh


# ------------------------------------------------------------------------------ files real instructors have (item 22)
CHINESE_HEADER = ["学号", "姓名", "提交答卷时间", *cases.E, *cases.P]


def _chinese_rows():
    return [["2023001", "张三", "2026/9/14 12:00", *[str(1 + i % 7) for i in range(22)], *["5"] * 22],
            ["2023002", "李四", "2026/9/14 12:05", *["7"] * 22, *[str(7 - i % 7) for i in range(22)]]]


def _check_chinese(s):
    assert s.responses.index.tolist() == ["2023001", "2023002"]  # 学号 is the id column
    assert s.report.ignored_columns == ["姓名", "提交答卷时间"]
    assert s.expectations.loc["2023001"].tolist() == [float(1 + i % 7) for i in range(22)]
    assert s.perceptions.loc["2023002"].tolist() == [float(7 - i % 7) for i in range(22)]


def test_xlsx_workbook_is_read_directly():
    data = cases.xlsx_bytes(_chinese_rows(), header=CHINESE_HEADER)
    s = read_survey(data, name="问卷.xlsx")
    _check_chinese(s)
    assert s.report.encoding == "xlsx"


def test_xlsx_errors_name_the_sheet_row():
    rows = _chinese_rows()
    rows[1] = [*rows[1][:3], "8", *rows[1][4:]]
    data = cases.xlsx_bytes(rows, header=CHINESE_HEADER, blank_rows_before=1)
    err = raises(data, "survey.error.out_of_range", name="问卷.xlsx")
    assert_names_row(err, 4)  # sheet row 1 empty, header row 2, rows 3 and 4
    assert "E1" in err.message("en")


def test_old_xls_and_broken_zip_are_refused_clearly():
    raises(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "survey.error.xls_old", name="old.xls")
    raises(b"PK\x03\x04" + b"junk" * 50, "survey.error.xlsx_unreadable", name="broken.xlsx")


@pytest.mark.parametrize("sep, bom, endian", [("\t", True, "le"), (",", True, "le"), ("\t", True, "be"), ("\t", False, "le")])
def test_utf16_unicode_text_and_csv(sep, bom, endian):
    data = cases.utf16_text(_chinese_rows(), header=CHINESE_HEADER, sep=sep, bom=bom, endian=endian)
    s = read_survey(data, name="unicode.txt")
    _check_chinese(s)
    assert s.report.encoding.startswith("utf-16") and s.report.separator == sep


@pytest.mark.parametrize("sep", [",", ";"])
def test_cp1252_western_excel(sep):
    header = ["id", "Name", *cases.E, *cases.P]
    rows = [["s1", "Zoë Müller", *["6"] * 22, *["5"] * 22], ["s2", "François Ærø", *["7"] * 22, *["4"] * 22]]
    data = cases.csv_bytes(rows, header=header, sep=sep, encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    s = read_survey(data, name="classe.csv")
    assert s.report.encoding == "cp1252"
    assert s.report.ignored_columns == ["Name"]
    assert s.perceptions.loc["s2"].tolist() == [4.0] * 22


def test_semicolon_file_with_decimal_comma_weights():
    hw = [*cases.HEADER, *cases.W]
    rows = [[*cases.row("a"), "33,5", "16,5", "20", "15", "15"], [*cases.row("b"), "20", "20", "20", "20", "20"]]
    s = read_survey(cases.csv_bytes(rows, header=hw, sep=";"))
    assert s.weights.loc["a"].tolist() == [33.5, 16.5, 20.0, 15.0, 15.0]
    # a decimal-comma rating is still not a whole number
    err = raises(cases.csv_bytes([cases.with_cell(cases.row("a"), "E3", "5,5")], sep=";"), "survey.error.not_a_number", name=FILE)
    assert "5,5" in err.message("en")


def test_big5_is_recognised_not_decoded_as_gb18030():
    header = ["學號", "姓名", "提交時間", *cases.E, *cases.P]
    rows = [["學生01", "陳大文", "下午三點", *["6"] * 22, *["5"] * 22], ["學生02", "黃小明", "上午十點", *["7"] * 22, *["4"] * 22]]
    data = cases.csv_bytes(rows, header=header, encoding="big5")
    data.decode("gb18030")  # GB18030 would accept these bytes (as other characters)
    s = read_survey(data, name="台灣.csv")
    assert s.report.encoding == "big5"
    assert s.responses.index.tolist() == ["學生01", "學生02"]  # 學號 is the id column
    assert s.report.ignored_columns == ["姓名", "提交時間"]


def test_gbk_survey_is_still_gb18030():
    data = cases.csv_bytes(_chinese_rows(), header=CHINESE_HEADER, encoding="gbk")
    s = read_survey(data)
    assert s.report.encoding == "gb18030"
    _check_chinese(s)


def test_uploaded_bytes_above_the_limit_are_refused_before_parsing():
    from servicelab.io.survey import MAX_BYTES

    data = bytearray(cases.csv_bytes([cases.row("s1")]))
    data += b" " * (MAX_BYTES + 1 - len(data))
    for source in (bytes(data), data, memoryview(data)):
        err = raises(source, "survey.error.too_large", name="big.csv")
        assert "big.csv" in err.message("en") and "50" in err.message("en")


def test_lang_is_accepted_and_checked():
    s = read_survey(cases.csv_bytes([cases.row("s1")]), name="a.csv", lang="en")
    assert s.summary_lines() == ["a.csv: 1 respondents, encoding utf-8"]
    assert read_survey(cases.csv_bytes([cases.row("s1")]), name="a.csv").summary_lines()[0].startswith("a.csv：1 位受访者")
    raises(cases.csv_bytes([cases.row("s1")]), "survey.error.lang", lang="fr")


# ------------------------------------------------------------------------------ 1–9 scale (item 23)
def test_nine_point_scale_is_kept_with_the_survey():
    rows = [cases.row("s1", e="9", p="8"), cases.row("s2", e="7", p="1")]
    s = read_survey(cases.csv_bytes(rows), scale=(1, 9))
    assert s.scale == (1, 9) and s.responses.attrs["scale"] == (1, 9)
    assert s.expectations.attrs["scale"] == (1, 9)
    err = raises(cases.csv_bytes([cases.row("s1", e="10")]), "survey.error.out_of_range", scale=(1, 9))
    assert "1–9" in err.message("en")
    for bad in [(7, 1), (1,), "1-9", (1.5, 9)]:
        raises(cases.csv_bytes(rows), "survey.error.scale", scale=bad)


def test_duplicate_id_and_weight_rows_are_file_lines_too():
    text = cases.csv_text([cases.row("s1"), cases.row("s2"), cases.row("s1")]).replace("\ns2,", "\n\n\ns2,")
    err = raises(text.encode("utf-8"), "survey.error.duplicate_id", name=FILE)
    assert "2, 6" in err.message("en")  # lines: header 1, s1 2, blank 3–4, s2 5, s1 6
    hw = [*cases.HEADER, *cases.W]
    rows = [[*cases.row("a"), "20", "20", "20", "20", "20"], [*cases.row("b"), "20", "20", "20", "20", "10"]]
    text = "\n" + cases.csv_text(rows, header=hw).replace("\nb,", "\n\nb,")
    assert_names_row(raises(text.encode("utf-8"), "survey.error.weights_sum", name=FILE), 5)
