"""Tests for servicelab.io.transactions: reading and checking transaction logs."""
from __future__ import annotations

import io

import pandas as pd
import pytest

from servicelab.errors import ServiceLabError
from servicelab.io.transactions import read_cdnow, read_transactions
from servicelab.paths import data_path

CDNOW = data_path("cdnow", "CDNOW_master.txt")


def csv(text: str) -> io.StringIO:
    return io.StringIO(text)


def raises(key: str, *args, **kwargs) -> ServiceLabError:
    with pytest.raises(ServiceLabError) as info:
        read_transactions(*args, **kwargs)
    assert info.value.key == key
    return info.value


# --------------------------------------------------------------------------- the CDNOW file
def test_cdnow_counts_match_a_plain_python_read():
    # Independent oracle: split the text file by hand, no pandas.
    lines = CDNOW.read_text(encoding="ascii").splitlines()
    rows = [line.split() for line in lines[1:] if line.strip()]
    assert len(rows) == 69_659  # README figure
    ids = {r[0] for r in rows}
    assert len(ids) == 23_570  # README figure
    zero = sum(float(r[3]) == 0 for r in rows)
    seen, dup = set(), 0
    for r in rows:
        key = tuple(r)
        dup += key in seen
        seen.add(key)

    log = read_cdnow()
    rep = log.report
    assert (rep.rows_read, rep.rows_kept, rep.customers) == (69_659, 69_659, 23_570)
    assert rep.zero_rows == zero and zero > 0
    assert rep.duplicate_rows == dup
    assert rep.negative_rows == 0
    assert abs(log.data["amount"].sum() - sum(float(r[3]) for r in rows)) < 1e-6
    assert rep.first_date == pd.Timestamp("1997-01-01")
    assert rep.last_date == pd.Timestamp("1998-06-30")


def test_cdnow_keeps_leading_zeros_in_customer_ids():
    data = read_cdnow().data
    assert data["customer"].iloc[0] == "00001"
    assert list(data.columns) == ["customer", "date", "amount"]


def test_cdnow_duplicates_can_be_dropped():
    log = read_cdnow(duplicates="drop")
    assert log.report.rows_kept == 69_659 - log.report.duplicate_rows


# --------------------------------------------------------------------------- good files
def test_reads_a_simple_csv_with_custom_column_names():
    text = "客户,日期,金额,备注\nA,2024-03-05,100,x\nB,2024-03-06,50.5,y\nA,2024-04-01,20,z\n"
    log = read_transactions(csv(text), customer="客户", date="日期", amount="金额")
    assert log.data["customer"].tolist() == ["A", "B", "A"]
    assert log.data["amount"].tolist() == [100.0, 50.5, 20.0]
    assert log.data["date"].tolist() == [pd.Timestamp(2024, 3, 5), pd.Timestamp(2024, 3, 6), pd.Timestamp(2024, 4, 1)]
    assert log.report.customers == 2
    assert log.report.separator == ","


@pytest.mark.parametrize("sep", ["\t", ";"])
def test_separator_is_detected_from_the_header(sep):
    text = sep.join(["customer_id", "date", "amount"]) + "\n" + sep.join(["A", "2024-01-02", "3"]) + "\n"
    log = read_transactions(csv(text))
    assert log.report.separator == sep
    assert log.data["amount"].tolist() == [3.0]


def test_whitespace_separated_file():
    log = read_transactions(csv(" customer_id date amount\n 01 20240102 3.5\n 02 20240103 4\n"))
    assert log.report.separator == "whitespace"
    assert log.data["customer"].tolist() == ["01", "02"]
    assert log.data["date"].tolist() == [pd.Timestamp(2024, 1, 2), pd.Timestamp(2024, 1, 3)]


def test_year_first_date_styles_and_currency_signs():
    text = 'customer_id,date,amount\nA,2024/3/5,"¥1,200.50"\nB,2024.03.06,$7\nC,2024年3月7日,8\n'
    log = read_transactions(csv(text))
    assert log.data["date"].dt.day.tolist() == [5, 6, 7]
    assert log.data["amount"].tolist() == [1200.5, 7.0, 8.0]


def test_explicit_date_format():
    log = read_transactions(csv("customer_id,date,amount\nA,05/03/2024,1\n"), date_format="%d/%m/%Y")
    assert log.data["date"].iloc[0] == pd.Timestamp(2024, 3, 5)


def test_gbk_file_with_chinese_headers(tmp_path):
    text = "客户编号,购买日期,消费金额\n张三,2024-03-05,120\n李四,2024-03-06,80\n张三,2024-04-01,30\n"
    path = tmp_path / "销售记录.csv"
    path.write_bytes(text.encode("gbk"))
    log = read_transactions(path, customer="客户编号", date="购买日期", amount="消费金额")
    assert log.data["customer"].tolist() == ["张三", "李四", "张三"]
    assert log.data["amount"].sum() == 230
    assert log.report.encoding == "gb18030"
    assert log.report.source == "销售记录.csv"
    # The same bytes from an upload buffer
    log2 = read_transactions(io.BytesIO(text.encode("gbk")), customer="客户编号", date="购买日期", amount="消费金额")
    assert log2.data.equals(log.data)


def test_utf8_bom_file_from_excel(tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes("customer_id,date,amount\nA,2024-01-01,1\n".encode("utf-8-sig"))
    assert read_transactions(path).data["customer"].tolist() == ["A"]


# --------------------------------------------------------------------------- bad files
def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    err = raises("transactions.empty", path)
    assert "empty.csv" in err.message("en") and "empty.csv" in err.message("zh")


def test_header_only_file():
    raises("transactions.empty", csv("customer_id,date,amount\n\n"))


def test_missing_file(tmp_path):
    raises("transactions.file_not_found", tmp_path / "nope.csv")


def test_missing_columns_names_missing_and_found():
    err = raises("transactions.missing_columns", csv("customer_id,day,total\nA,2024-01-01,1\n"))
    assert err.params["missing"] == "date, amount"
    assert err.params["found"] == "customer_id, day, total"
    assert "day, total" in str(err)  # bilingual str carries the details
    assert "缺少列" in str(err) and "missing column" in str(err)


def test_unparseable_date_gives_first_bad_row_and_value():
    text = "customer_id,date,amount\nA,2024-01-01,1\nB,2024-02-30,2\nC,soon,3\n"
    err = raises("transactions.bad_date", csv(text))
    # header = row 1, so the third data line is spreadsheet row 3
    assert (err.params["row"], err.params["value"], err.params["count"]) == (3, "2024-02-30", 2)
    assert err.params["column"] == "date"


def test_row_numbers_count_blank_lines():
    text = "customer_id,date,amount\nA,2024-01-01,1\n\nB,2024-01-02,abc\n"
    err = raises("transactions.bad_amount", csv(text))
    assert err.params["row"] == 4
    assert err.params["value"] == "abc"


def test_non_numeric_amount():
    err = raises("transactions.bad_amount", csv("customer_id,date,amount\nA,2024-01-01,\nB,2024-01-01,x\n"))
    assert (err.params["row"], err.params["count"]) == (2, 2)


def test_missing_customer_id():
    err = raises("transactions.missing_customer", csv("customer_id,date,amount\nA,2024-01-01,1\n ,2024-01-01,1\n"))
    assert err.params["row"] == 3


NEG = "customer_id,date,amount\nA,2024-01-01,100\nA,2024-01-05,-30\nB,2024-01-02,10\n"


def test_negative_amounts_are_netted_by_default():
    log = read_transactions(csv(NEG))
    assert log.report.negative_rows == 1 and log.report.negative_rule == "net"
    assert log.data["amount"].tolist() == [100.0, -30.0, 10.0]
    assert log.data.groupby("customer")["amount"].sum().to_dict() == {"A": 70.0, "B": 10.0}


def test_negative_amounts_dropped_or_refused():
    assert read_transactions(csv(NEG), negative="drop").data["amount"].tolist() == [100.0, 10.0]
    err = raises("transactions.negative_amount", csv(NEG), negative="error")
    assert (err.params["row"], err.params["value"]) == (3, "-30")


ZERO = "customer_id,date,amount\nA,2024-01-01,0\nA,2024-01-05,5\nB,2024-01-02,0.00\n"


def test_zero_rows_kept_and_counted_or_dropped():
    log = read_transactions(csv(ZERO))
    assert log.report.zero_rows == 2 and log.report.rows_kept == 3
    dropped = read_transactions(csv(ZERO), zero="drop")
    assert dropped.report.zero_rows == 2 and dropped.report.rows_kept == 1
    assert dropped.report.customers == 1


DUP = "customer_id,date,amount\nA,2024-01-01,5\nA,2024-01-01,5\nA,2024-01-01,6\nA,2024-01-01,5\n"


def test_duplicate_rows_reported_kept_dropped_or_refused():
    log = read_transactions(csv(DUP))
    assert log.report.duplicate_rows == 2 and log.report.rows_kept == 4
    assert read_transactions(csv(DUP), duplicates="drop").data["amount"].tolist() == [5.0, 6.0]
    err = raises("transactions.duplicate_row", csv(DUP), duplicates="error")
    assert (err.params["row"], err.params["count"]) == (3, 2)


def test_unknown_rule_is_refused():
    err = raises("transactions.bad_rule", csv(NEG), negative="ignore")
    assert err.params["allowed"] == "net, drop, error"


def test_report_table_in_both_languages():
    log = read_transactions(csv(NEG))
    en = log.report.to_frame("en")
    zh = log.report.to_frame("zh")
    assert en["count"].tolist() == zh["count"].tolist() == [3, 1, 0, 0, 3, 2]
    assert "refund" in en.loc[1, "handling"] and "退款" in zh.loc[1, "handling"]


def test_row_with_too_many_fields_names_the_row():
    text = "customer_id,date,amount\nA,2024-01-01,1\nB,2024-01-02,1,200\n"
    err = raises("transactions.field_count", csv(text))
    assert (err.params["row"], err.params["expected"], err.params["found"]) == (3, 3, 4)


# --------------------------------------------------------------------------- decimal separator (issue 7, item 6)
@pytest.mark.parametrize(
    "text, expected, mark",
    [
        # semicolon file with decimal commas (German/French Excel): 12,50 is twelve and a half
        ("customer_id;date;amount\nA;2024-01-01;12,50\nB;2024-01-02;1.234,56\nC;2024-01-03;3,5\n", [12.5, 1234.56, 3.5], ","),
        # the same values quoted in a comma-separated file
        ('customer_id,date,amount\nA,2024-01-01,"12,50"\nB,2024-01-02,"1.234,56"\nC,2024-01-03,"3,5"\n', [12.5, 1234.56, 3.5], ","),
        # decimal point with thousands commas; 1,234 follows the point seen elsewhere
        ('customer_id,date,amount\nA,2024-01-01,"1,234.50"\nB,2024-01-02,"1,234"\nC,2024-01-03,0.5\n', [1234.5, 1234.0, 0.5], "."),
        ('customer_id;date;amount\nA;2024-01-01;1.234.567,89\nB;2024-01-02;€ 2,5\n', [1234567.89, 2.5], ","),
    ],
)
def test_decimal_mark_is_read_from_the_amounts(text, expected, mark):
    log = read_transactions(csv(text))
    assert log.data["amount"].tolist() == pytest.approx(expected)
    assert log.report.decimal == mark


def test_mixed_decimal_marks_are_refused_naming_both_rows():
    text = 'customer_id,date,amount\nA,2024-01-01,12.50\nB,2024-01-02,7\nC,2024-01-03,"3,5"\n'
    err = raises("transactions.decimal_mixed", csv(text))
    for lang in ("zh", "en"):
        msg = err.message(lang)
        assert "12.50" in msg and "3,5" in msg and "amount" in msg
    assert "第 2 行" in err.message("zh") and "第 4 行" in err.message("zh")
    assert "row 2" in err.message("en") and "row 4" in err.message("en")


def test_amounts_readable_either_way_are_refused_with_their_rows():
    text = 'customer_id,date,amount\nA,2024-01-01,"1,234"\nB,2024-01-02,5\nC,2024-01-03,"2,500"\n'
    err = raises("transactions.decimal_ambiguous", csv(text))
    assert "2, 4" in err.message("en") and "decimal=" in err.message("en")
    assert "2, 4" in err.message("zh")
    # told explicitly, both readings work
    assert read_transactions(csv(text), decimal=".").data["amount"].tolist() == [1234.0, 5.0, 2500.0]
    assert read_transactions(csv(text), decimal=",").data["amount"].tolist() == pytest.approx([1.234, 5.0, 2.5])


def test_an_explicit_decimal_point_refuses_a_decimal_comma():
    err = raises("transactions.bad_amount", csv('customer_id,date,amount\nA,2024-01-01,"12,50"\n'), decimal=".")
    assert "12,50" in err.message("en")
    raises("transactions.bad_rule", csv("customer_id,date,amount\nA,2024-01-01,1\n"), decimal="comma")


# --------------------------------------------------------------------------- dates: 8 digits (item 8), time zones (item 9)
def test_cdnow_refuses_a_truncated_date(tmp_path):
    path = tmp_path / "CDNOW_master.txt"
    header = CDNOW.read_text(encoding="ascii").splitlines()[0]
    path.write_text(header + "\n00001 19970101 1 11.77\n00002 1997011 1 12.00\n00003 19970102 2 20.76\n", encoding="ascii")
    with pytest.raises(ServiceLabError) as info:
        read_cdnow(path)
    err = info.value
    assert err.key == "transactions.bad_date"
    assert "1997011" in err.message("en") and "row 3" in err.message("en") and "YYYYMMDD" in err.message("en")
    assert "第 3 行" in err.message("zh")


def test_digit_dates_must_have_eight_digits():
    # guard (already refused before item 8: the auto path reads a 7-digit value as ISO and fails)
    err = raises("transactions.bad_date", csv("customer_id,date,amount\nA,19970101,1\nB,1997011,2\n"))
    assert "1997011" in err.message("en") and "row 3" in err.message("en")


def test_dates_with_utc_offsets_become_naive_utc_and_work_with_as_of():
    from servicelab.models.tiers import customer_value

    text = ("customer_id,date,amount\nA,2024-01-01T10:00+08:00,10\n"
            "B,2024-01-05T23:30-05:00,20\nA,2024-01-10 00:00 UTC,5\n")
    log = read_transactions(csv(text))
    # independent: the UTC instants written out by hand
    assert log.data["date"].tolist() == [pd.Timestamp("2024-01-01 02:00"), pd.Timestamp("2024-01-06 04:30"),
                                         pd.Timestamp("2024-01-10 00:00")]
    assert log.report.utc_converted == 3
    value = customer_value(log, as_of="2024-01-31")
    assert value.loc["A", "recency_days"] == 21 and value.loc["B", "recency_days"] == 24
    # an aware as_of, and a frame whose dates are still aware, give the same numbers
    aware = log.data.assign(date=log.data["date"].dt.tz_localize("UTC").dt.tz_convert("Asia/Shanghai"))
    again = customer_value(aware, as_of=pd.Timestamp("2024-01-31", tz="UTC"))
    assert again["recency_days"].tolist() == value["recency_days"].tolist()


def test_dates_mixing_offsets_with_none_are_refused():
    text = "customer_id,date,amount\nA,2024-01-01T10:00+08:00,10\nB,2024-01-02T10:00,20\n"
    err = raises("transactions.mixed_timezone", csv(text))
    assert "row 3" in err.message("en") and "row 2" in err.message("en")
    assert "第 3 行" in err.message("zh")
