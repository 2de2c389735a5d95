"""The handouts' widget renderer on a hand-made widget state: every widget as it was at the end of
the run, as static HTML with no script (oracles: the values written into the state here)."""
from __future__ import annotations

import re

import nbformat
import pytest

from servicelab.handouts.widgets import WIDGET_STATE, WIDGET_VIEW, StaticWidgets, render_widget, staticize
from servicelab.i18n import t

SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
    "title": "战略客户得分",
    "data": {"name": "scores"},
    "mark": "bar",
    "encoding": {"y": {"field": "who", "type": "nominal", "title": "客户"},
                 "x": {"field": "score", "type": "quantitative", "title": "Score"}},
}


def _m(name, **state):
    return {"model_name": name, "model_module": "@jupyter-widgets/controls", "state": state}


STATE = {
    "layout": {"model_name": "LayoutModel", "model_module": "@jupyter-widgets/base", "state": {}},
    "gone": {"model_name": "LayoutModel", "model_module": "@jupyter-widgets/base", "state": {"display": "none"}},
    "chart": {"model_name": "AnyModel", "model_module": "anywidget", "state": {
        "_anywidget_id": "servicelab.charts._offline.LiveChart", "_esm": "/* 0.9 MB of vega */", "spec": SPEC,
        "datasets": {"scores": [{"who": "市立医院", "score": 71.4}, {"who": "Chain store", "score": 53.6}]},
        "alt_text": "Chart: 战略客户得分", "table_html": "<table><tr><td>71.4</td></tr></table>",
        "table_labels": {"show": "显示数据表", "hide": "隐藏数据表"}, "layout": "IPY_MODEL_layout"}},
    "slider": _m("IntSliderModel", description="Staff on duty", value=7, min=1, max=12, layout="IPY_MODEL_layout"),
    "fslider": _m("FloatSliderModel", description="Weight", value=0.5, readout_format=".2f"),
    "range": _m("FloatRangeSliderModel", description="Band", value=[0.25, 0.75], readout_format=".2f"),
    "drop": _m("DropdownModel", description="Tier scheme", _options_labels=["course", "pyramid"], index=1),
    "toggles": _m("ToggleButtonsModel", description="", _options_labels=["中文", "English"], index=0),
    "radio": _m("RadioButtonsModel", description="", _options_labels=["Product quality", "Service", "Price"], index=None),
    "radio2": _m("RadioButtonsModel", description="Q2", _options_labels=["甲", "乙"], index=1),
    "check": _m("CheckboxModel", description="Show targets", value=True),
    "button": _m("ButtonModel", description="Check my answer"),
    "html": _m("HTMLModel", value="<b>Gap 5 = 0.42</b>"),
    "label": _m("LabelModel", value="<not a tag>"),
    "hidden": _m("HTMLModel", value="SECRET-HIDDEN", layout="IPY_MODEL_gone"),
    "a11y": {"model_name": "AnyModel", "model_module": "anywidget",
             "state": {"_anywidget_id": "servicelab.widgets.common.PageAccessibility"}},
    "mystery": {"model_name": "FancyGaugeModel", "model_module": "some-ext", "state": {"value": 3}},
    "out": {"model_name": "OutputModel", "model_module": "@jupyter-widgets/output", "state": {"outputs": [
        {"output_type": "stream", "name": "stdout", "text": "a < b\n"},
        {"output_type": "display_data", "data": {WIDGET_VIEW: {"model_id": "slider"}, "text/plain": "IntSlider()"}}]}},
    "tab": _m("TabModel", titles=["Practice", "Paper"], selected_index=1,
              children=["IPY_MODEL_label", "IPY_MODEL_html"]),
    "box": _m("VBoxModel", children=["IPY_MODEL_slider", "IPY_MODEL_hidden", "IPY_MODEL_a11y", "IPY_MODEL_chart",
                                     "IPY_MODEL_button"]),
}


def test_chart_is_an_svg_with_the_labels_of_its_data():
    html = render_widget(STATE, "chart", "zh")
    assert "<svg" in html and "</svg>" in html
    for label in ("市立医院", "Chain store", "战略客户得分"):
        assert label in html, label
    assert "<script" not in html and "vega" not in html.lower().replace("vega-lite", "")
    assert "aria-label='Chart: 战略客户得分'" in html  # the chart's text alternative names it
    assert "<details class='sl-chart-data'><summary>显示数据表</summary><table>" in html


def test_a_chart_is_known_by_its_spec_and_datasets_not_by_its_model_class():
    """The chart's JavaScript may come from a shared module (another model class, no _esm)."""
    chart = dict(STATE["chart"], model_name="LiveChartModel", model_module="servicelab")
    chart["state"] = {k: v for k, v in chart["state"].items() if k not in ("_esm", "_anywidget_id")}
    html = render_widget({**STATE, "chart": chart}, "chart", "zh")
    assert "<svg" in html and "市立医院" in html


def test_value_controls_show_label_and_value():
    def text(mid):
        return re.sub(r"<[^>]+>", "", render_widget(STATE, mid, "en"))

    assert text("slider") == "Staff on duty: 7"
    assert text("fslider") == "Weight: 0.50"
    assert text("range") == "Band: 0.25 – 0.75"
    assert text("drop") == "Tier scheme: pyramid"
    assert text("toggles") == "中文"
    assert "Show targets" in text("check") and "☑" in text("check")


def test_radio_buttons_list_every_option_and_mark_the_chosen_one():
    text = re.sub(r"<[^>]+>", "|", render_widget(STATE, "radio", "en"))
    assert [o for o in ("Product quality", "Service", "Price") if o in text] == ["Product quality", "Service", "Price"]
    assert "●" not in text and text.count("○") == 3  # unanswered: nothing chosen
    answered = render_widget(STATE, "radio2", "zh")
    assert "<li class=sl-w-selected><span class='sl-w-mark' aria-hidden='true'>●</span> 乙</li>" in answered
    assert "○</span> 甲" in answered and "Q2" in answered


def test_html_is_kept_label_is_escaped_button_is_disabled():
    assert "<b>Gap 5 = 0.42</b>" in render_widget(STATE, "html")
    assert "&lt;not a tag&gt;" in render_widget(STATE, "label")
    assert render_widget(STATE, "button") == "<button class='sl-w-button' type='button' disabled>Check my answer</button>"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_unknown_widget_is_a_visible_placeholder(lang):
    html = render_widget(STATE, "mystery", lang)
    assert html == f"<div class='sl-w-placeholder'>{t('handouts.widget.placeholder', lang, name='FancyGauge')}</div>"
    missing = render_widget(STATE, "no-such-model", lang)
    assert "sl-w-placeholder" in missing and t("handouts.widget.missing", lang) in missing


def test_boxes_draw_their_visible_children_in_order():
    html = render_widget(STATE, "box", "en")
    assert "SECRET-HIDDEN" not in html  # display: none stays hidden, as on the page
    assert html.index("Staff on duty") < html.index("<svg") < html.index("Check my answer")
    assert "sl-w-placeholder" not in html  # the invisible page helper draws nothing, on purpose


def test_output_widget_and_tab():
    out = render_widget(STATE, "out", "en")
    assert "<pre class='sl-out-stream'>a &lt; b\n</pre>" in out and "Staff on duty" in out
    tab = render_widget(STATE, "tab", "en")
    assert "Practice" in tab and "<b>Gap 5 = 0.42</b>" in tab  # the selected tab's content
    assert "&lt;not a tag&gt;" not in tab                       # not the other one
    assert "class=sl-w-selected aria-current=true>Paper" in tab


def _mock_tab(running):
    """Chapter 12's panel as the mock-exam tab holds it (ExamPrep: the tab selected, a paper running or
    not): the countdown between the deadline line and the paper."""
    countdown = {"model_name": "AnyModel", "model_module": "anywidget", "state": {
        "_anywidget_id": "servicelab.widgets.countdown.Countdown", "running": running,
        "deadline_ms": 1.9e12 if running else 0.0, "template": "Time left {time}", "warn15": "15 minutes left.",
        "warn5": "5 minutes left: check your answers.", "time_up": "Time is up.", "layout": "IPY_MODEL_layout"}}
    return {**STATE, "countdown": countdown,
            "deadline": _m("HTMLModel", value="<b>Hand in by 11:30 (150 minutes)</b>"),
            "pane": _m("VBoxModel", children=["IPY_MODEL_deadline", "IPY_MODEL_countdown", "IPY_MODEL_html"]),
            "tabs": _m("TabModel", titles=["Practice", "Mock exam"], selected_index=1,
                       children=["IPY_MODEL_label", "IPY_MODEL_pane"])}


@pytest.mark.parametrize("running", [False, True])
def test_the_mock_papers_countdown_draws_nothing_in_a_handout(running):
    """A printed clock cannot count: no placeholder, no "time left", the rest of the tab as it was."""
    for lang in ("zh", "en"):
        html = render_widget(_mock_tab(running), "tabs", lang)
        assert "sl-w-placeholder" not in html and "Countdown" not in html
        assert "Time left" not in html and "minutes left" not in html
        assert html.index("Hand in by 11:30 (150 minutes)") < html.index("<b>Gap 5 = 0.42</b>")
    assert render_widget(_mock_tab(running), "countdown", "en") == ""


def test_the_chapter_12_handout_gives_the_exams_time_in_both_languages():
    """The time allowed is in the chapter's text (the exam's 150 minutes: data/quiz/README.md, from the
    January 2023 paper), so the handout says it with no countdown."""
    from servicelab.handouts import build
    from servicelab.paths import REPO_ROOT

    chapter = next(c for c in build.chapters() if c.number == "12")
    nb = nbformat.read(REPO_ROOT / "notebooks" / f"{chapter.id}.ipynb", as_version=4)
    text = re.sub(r"<[^>]+>", " ", build.export_html(nb, chapter, "en"))
    assert re.search(r"满分 100 分，考试 150 分钟", text)
    assert re.search(r"100 marks, 150 minutes", text)


def test_a_cycle_in_the_state_does_not_recurse_forever():
    state = {"a": _m("VBoxModel", children=["IPY_MODEL_b"]), "b": _m("HBoxModel", children=["IPY_MODEL_a"])}
    assert "sl-w-placeholder" in StaticWidgets(state, "en").render("a")


def test_staticize_replaces_widget_views_and_drops_the_state():
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {WIDGET_STATE: {"state": STATE, "version_major": 2, "version_minor": 0}}
    nb.cells.append(nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
        "display_data", data={WIDGET_VIEW: {"model_id": "box", "version_major": 2}, "text/plain": "VBox(…)"})]))
    staticize(nb, "zh", draw_chart=lambda spec, data: "<svg>stub</svg>")
    assert "widgets" not in nb.metadata
    data = nb.cells[0].outputs[0].data
    assert list(data) == ["text/html"] and "<svg>stub</svg>" in data["text/html"]
