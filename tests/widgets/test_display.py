"""servicelab.display: a model's table shown as a lesson table (issue 7, item 16)."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from servicelab.display import format_number, group, sentence, table
from servicelab.models import customers as cm
from servicelab.models import service_types as st

GRID = {"procedural_strong": "service_types.characteristic.procedural", "personal_strong": "service_types.characteristic.personal",
        "type_name": "custui.col.service_type", "advice": "custui.col.advice"}


def _headers(html: str) -> list[str]:
    return re.findall(r"<th[^>]*>([^<]*)</th>", html)


def _rows(html: str) -> list[list[str]]:
    return [re.findall(r"<td[^>]*>([^<]*)</td>", r) for r in re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>")[1])]


def test_service_type_grid_in_chinese_has_translated_headers_no_index_and_no_true_false():
    shown = table(st.service_type_grid("zh"), "zh", GRID)
    assert _headers(shown.html) == ["程序特性", "个人特性", "服务类型", "改进方向"]
    rows = _rows(shown.html)
    assert len(rows) == 4 and all(len(r) == 4 for r in rows)  # no index column
    assert [r[0] for r in rows] == ["否", "是", "否", "是"]  # booleans default to 是/否
    for text in (shown.html, shown.plain):
        assert "True" not in text and "False" not in text and "procedural_strong" not in text


def test_booleans_read_yes_no_or_the_given_pair():
    frame = pd.DataFrame({"ok": [True, False]})
    assert [r[0] for r in _rows(table(frame, "zh", {"ok": "custui.col.check"}).html)] == ["是", "否"]
    assert [r[0] for r in _rows(table(frame, "en", {"ok": "custui.col.check"}).html)] == ["Yes", "No"]
    pair = ("custui.st.strong", "custui.st.weak")
    assert [r[0] for r in _rows(table(frame, "zh", {"ok": "custui.col.check"}, booleans={"ok": pair}).html)] == ["强", "弱"]


def test_grid_rows_follow_the_two_by_two():
    # Martin (1989): weak/weak indifferent, strong/weak by the book, weak/strong friendly, both strong quality
    strength = ("custui.st.strong", "custui.st.weak")
    rows = _rows(table(st.service_type_grid("zh"), "zh", GRID, booleans={"procedural_strong": strength, "personal_strong": strength}).html)
    assert [r[:3] for r in rows] == [["弱", "弱", "漠不关心型"], ["强", "弱", "按部就班型"], ["弱", "强", "热情友好型"], ["强", "强", "优质服务型"]]


@pytest.mark.parametrize("lang, header", [("zh", "客户类别"), ("en", "Group")])
def test_customer_natures_table(lang, header):
    shown = table(cm.customer_natures(lang), lang, {"name": "custui.col.nature", "description": "custui.col.description"})
    assert _headers(shown.html)[0] == header
    names = [r[0] for r in _rows(shown.html)]
    assert names == cm.customer_natures(lang)["name"].tolist() and len(names) == 4
    assert "retail" not in shown.html and "code" not in _headers(shown.html)


def test_numbers_are_localised_and_right_aligned():
    frame = pd.DataFrame({"customers": [4714, 23570], "gap": [-1.12849, 0.5]})
    shown = table(frame, "en", {"customers": "custui.col.customers", "gap": "servqual.label.gap"}, digits=3)
    assert _rows(shown.html) == [["4,714", "−1.128"], ["23,570", "0.500"]]
    assert "text-align:right" in shown.html
    assert "4,714" in shown.plain and "−1.128" in shown.plain


def test_index_shown_only_when_asked_with_a_translated_header():
    frame = pd.DataFrame({"procedural": [3.857142]}, index=["银行网点"])
    assert _rows(table(frame, "zh", {"procedural": "service_types.characteristic.procedural"}, digits=3).html) == [["3.857"]]
    shown = table(frame, "zh", {"procedural": "service_types.characteristic.procedural"}, index="custui.col.firm", digits=3)
    assert _headers(shown.html) == ["企业", "程序特性"] and _rows(shown.html) == [["银行网点", "3.857"]]


def test_cells_are_escaped():
    shown = table(pd.DataFrame({"name": ["<b>x</b>"]}), "zh", {"name": "custui.col.customer"})
    assert "<b>x</b>" not in shown.html and "&lt;b&gt;" in shown.html


def test_sentence_and_group_have_html_and_the_same_plain_text():
    g = group("基尼系数：0.6346", sentence("a < b", strong=True))
    bundle = g._repr_mimebundle_()
    assert bundle["text/plain"] == "基尼系数：0.6346\na < b"
    assert "<b>a &lt; b</b>" in bundle["text/html"] and "<pre" not in bundle["text/html"]


@pytest.mark.parametrize("value, digits, expected", [(2500315.634, 2, "2,500,315.63"), (-0.6, 3, "−0.600"), (-0.0001, 2, "0.00"),
                                                     (None, None, "–"), (float("nan"), 2, "–"), (12, 3, "12")])
def test_format_number(value, digits, expected):
    assert format_number(value, digits) == expected
