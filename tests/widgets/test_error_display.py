"""Error boxes say what happened, hide results that no longer match the inputs, and sit next to
the control that caused them (issue 7, item 18). Driven from Python, no browser."""
from __future__ import annotations

import html
import re

import ipywidgets as W
import pytest

from servicelab.errors import ContentError, ServiceLabError
from servicelab.widgets import common
from servicelab.widgets import customers as cw
from servicelab.widgets import servqual as sw
from servicelab.widgets.common import error_html, error_kind

CRITERIA = ("transaction_scale", "influence", "stability", "competition", "value_adding", "cost_saving", "future_potential")


def text(value: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", value))


def title(value: str) -> str:
    m = re.search(r"<b>(.*?)</b>", value)
    assert m, f"no title in {value!r}"
    return html.unescape(m.group(1))


def shown(widget) -> bool:
    return widget.layout.display != "none"


def contains(widget, target) -> bool:
    return widget is target or any(contains(c, target) for c in getattr(widget, "children", ()))


# ---------------------------------------------------------------- what happened
def test_an_input_problem_is_called_an_input_problem():
    box = error_html(ServiceLabError("customers.weights_zero"), "zh")
    assert title(box) == "输入有问题" and "至少要有一个权重大于 0" in text(box)
    assert "sl-error-input" in box


@pytest.mark.parametrize("err, kind, zh_title, zh_reason, en_reason", [
    (ZeroDivisionError("division by zero"), "internal", "程序内部出错", "除以零", "division by zero"),
    (KeyError("tier_name"), "internal", "程序内部出错", "程序中有一个错误", "bug in the program"),
    (MemoryError(), "internal", "程序内部出错", "内存不足", "out of memory"),
    (OSError(28, "No space left on device"), "storage", "无法读写文件", "磁盘已满", "full disk"),
    (PermissionError(13, "Permission denied"), "storage", "无法读写文件", "没有读写", "no permission"),
])
def test_a_failure_that_is_not_the_input_says_what_happened(err, kind, zh_title, zh_reason, en_reason):
    zh, en = error_html(err, "zh"), error_html(err, "en")
    assert error_kind(err) == kind and f"sl-error-{kind}" in zh
    assert title(zh) == zh_title and "输入有问题" not in zh
    assert zh_reason in text(zh) and en_reason in text(en).lower()
    assert "There is a problem with the input" not in en
    assert type(err).__name__ in text(zh)  # the technical detail is kept for the teacher


def test_a_broken_content_file_is_not_blamed_on_the_learner():
    box = error_html(ContentError("quiz.error.unknown_question", qid="Q1"), "zh")
    assert title(box) == "课程内容文件有问题" and "输入有问题" not in box


def test_an_error_may_declare_its_kind():
    err = ServiceLabError("customers.weights_zero")
    err.kind = "storage"
    assert title(error_html(err, "en")) == "A file cannot be read or written"


def test_an_internal_failure_in_a_panel_is_shown_as_such(monkeypatch):
    panel = cw.StrategicCustomerPanel("zh")

    def broken(*_a, **_k):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(cw.cm, "strategic_score", broken)
    panel.set_weights({"influence": 9})
    assert title(panel.error.value) == "程序内部出错"
    assert "不是你的输入造成的" in text(panel.error.value) and "ZeroDivisionError" in text(panel.error.value)
    assert not shown(panel.table)


# ---------------------------------------------------------------- no stale result under an error
def test_all_zero_weights_hide_the_ranking_until_a_weight_is_back():
    panel = cw.StrategicCustomerPanel("zh")
    ranking = panel.table.value
    panel.set_weights({c: 0 for c in CRITERIA})
    assert title(panel.error.value) == "输入有问题" and "权重" in text(panel.error.value)
    assert "下面的结果已暂时隐藏" in text(panel.error.value)
    assert not shown(panel.table) and not shown(panel.summary) and not shown(panel.chart)
    # one weight back: only that criterion counts; the hospital has the best influence rating (5)
    panel.set_weights({"influence": 10})
    assert panel.error.value == ""
    assert shown(panel.table) and shown(panel.summary) and shown(panel.chart)
    assert panel.table.value != ranking and panel.scores.index[0] == "市立医院"


def test_tier_shares_over_100_hide_the_tier_table():
    from servicelab.io.transactions import read_cdnow
    from servicelab.models.tiers import customer_value

    panel = cw.TierPanel(customer_value(read_cdnow(), as_of="1998-06-30"), "en", shares=(1, 19, 30, 50))
    panel.cuts[2].value = 90  # 1 + 19 + 90 = 110 %
    assert "110" in panel.error.value and title(panel.error.value) == "There is a problem with the input"
    assert not any(shown(w) for w in (panel.table, panel.summary, panel.remainder, panel.chart))
    panel.cuts[2].value = 30
    assert panel.error.value == "" and all(shown(w) for w in (panel.table, panel.summary, panel.remainder, panel.chart))


def test_weights_panel_result_hidden_while_its_refresh_fails(monkeypatch):
    source = sw.ServqualPanel("zh")
    panel = sw.WeightsPanel(source, "zh")
    monkeypatch.setattr(sw.sq, "weighted_servqual", lambda *_a, **_k: (_ for _ in ()).throw(FloatingPointError("overflow")))
    source.p_sliders[0].value = 6  # the source's new gaps refresh the weights panel
    assert title(panel.error.value) == "程序内部出错" and not shown(panel.score)


# ---------------------------------------------------------------- next to the control
def _panels():
    yield "service types", cw.ServiceTypePanel("zh"), lambda p: p.tabs
    yield "strategic", cw.StrategicCustomerPanel("zh"), lambda p: p.weight_sliders[CRITERIA[-1]]
    yield "matrix", cw.StrategyMatrixPanel("zh"), lambda p: p.products
    yield "value-price", cw.ValuePricePanel("zh"), lambda p: list(p.price_sliders.values())[-1]
    yield "servqual", sw.ServqualPanel("zh"), lambda p: p.tabs
    yield "weights", sw.WeightsPanel(dimension_gaps=[-1, -2, 0, 0, 0], lang="zh"), lambda p: p.rescale
    yield "survey", sw.SurveyPanel("zh", load_sample=False), lambda p: p.upload
    yield "industry", sw.IndustryExercise("zh"), lambda p: p.check


@pytest.mark.parametrize("name, panel, control", list(_panels()), ids=[n for n, *_ in _panels()])
def test_the_error_box_sits_right_below_the_control_that_causes_it(name, panel, control):
    children = list(panel.children)
    at = children.index(panel.error)
    assert at > 0 and contains(children[at - 1], control(panel)), (
        f"{name}: the error box follows {type(children[at - 1]).__name__}, not the control")
    assert isinstance(panel.error, W.HTML)


def test_guarded_without_stale_outputs_adds_no_hidden_note():
    class Panel:
        lang = "en"
        error = W.HTML()

        @common.guarded()
        def fail(self):
            raise ServiceLabError("customers.weights_zero")

    p = Panel()
    p.fail()
    assert "hidden" not in p.error.value and "At least one weight" in p.error.value
