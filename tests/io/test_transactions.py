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
