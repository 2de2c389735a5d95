"""ExercisePanel driven from Python: answer, check, read the feedback, show the answer, try again.

The exercises are those of tests/fixtures/exercises/03_what_is_service.json (read here with the
json module, independently of the loader); the expected feedback is written out by hand.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import ipywidgets as W
import pytest

from servicelab.widgets import exercise as exw
from servicelab.widgets.exercise import ExercisePanel

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exercises"
RAW = {e["id"]: e for e in json.loads((FIXTURES / "03_what_is_service.json").read_text(encoding="utf-8"))["exercises"]}


@pytest.fixture(autouse=True)
def fixture_exercises(monkeypatch):
    monkeypatch.setenv("SERVICELAB_EXERCISES", str(FIXTURES))
    exw.forget_states()
    yield
    exw.forget_states()


def text(widget_or_html) -> str:
    value = widget_or_html if isinstance(widget_or_html, str) else widget_or_html.value
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", value)).split())


def all_html(widget) -> str:
    out = []
    if isinstance(widget, (W.HTML, W.Label)):
        out.append(widget.value)
    for attr in ("description", "tooltip"):
        out.append(str(getattr(widget, attr, "") or ""))
    if isinstance(widget, W.Dropdown):
        out.extend(str(label) for label, _ in widget.options)
    for child in getattr(widget, "children", ()):
        out.append(all_html(child))
    return "\n".join(out)


# --------------------------------------------------------------------------------------- sort
def test_sort_feedback_per_item_with_symbol_colour_and_reason():
    p = ExercisePanel("ex03-fixture-sort", "en")
    assert "sl-ex-panel" in p._dom_classes and "sl-ex-sort" in p._dom_classes
    assert text(p.children[0]) == "Test fixture: sort"
    items = RAW["ex03-fixture-sort"]["items"]
    assert all(p.choices[i["id"]].value == "" for i in items)  # nothing chosen to start with
    p.choices["empty-seat"].value = "perishability"  # right
    p.choices["no-sample"].value = "perishability"   # wrong: it is intangibility
    # idle-hour left unanswered
    p.check_button.click()
    right, wrong, blank = (p.feedback[k].value for k in ("empty-seat", "no-sample", "idle-hour"))
    assert text(right) == "✓ Right. A service cannot be stored: unused capacity is lost."
    assert text(wrong) == "✗ Not right: it is “Intangibility”. A service cannot be seen or touched before it is bought."
    assert text(blank) == "○ Not answered yet"
    assert "#2e7d32" in right and "sl-ex-right" in right and "#c62828" in wrong and "sl-ex-wrong" in wrong
    assert text(p.score) == "Right: 1 of 3, 1 not answered"


def test_sort_in_chinese():
    p = ExercisePanel("ex03-fixture-sort", "zh")
    for item in RAW["ex03-fixture-sort"]["items"]:
        p.choices[item["id"]].value = item["group"]
    p.check_button.click()
    assert text(p.feedback["no-sample"]) == "✓ 正确。服务在购买前看不见、摸不着。"
    assert text(p.score) == "答对 3 / 3 全部正确！"
    assert [label for label, _ in p.choices["idle-hour"].options] == ["— 请选择 —", "无形性", "易逝性"]


def test_changing_an_answer_clears_its_stale_feedback():
    p = ExercisePanel("ex03-fixture-sort", "en")
    p.choices["empty-seat"].value = "intangibility"
    p.check_button.click()
    assert text(p.feedback["empty-seat"]).startswith("✗")
    p.choices["empty-seat"].value = "perishability"
    assert p.feedback["empty-seat"].value == "" and p.score.value == ""
    assert text(p.feedback["no-sample"]).startswith("○")  # the others keep theirs


# --------------------------------------------------------------------------------------- order
CORRECT_ORDER = [s["id"] for s in RAW["ex03-fixture-order"]["steps"]]
LABEL = {s["id"]: s["label"]["en"] for s in RAW["ex03-fixture-order"]["steps"]}


def shown_order(p) -> list[str]:
    by_label = {v: k for k, v in LABEL.items()}
    return [by_label[text(slot)] for slot in p.slots]


def sort_with_buttons(p) -> None:
    """Put the steps in order with the ↑ buttons only (insertion sort), as a learner would."""
    for target, sid in enumerate(CORRECT_ORDER):
        while shown_order(p).index(sid) > target:
            p.up[shown_order(p).index(sid)].click()


def test_order_starts_shuffled_and_the_up_down_buttons_reorder(monkeypatch):
    focused = []
    monkeypatch.setattr(W.Button, "focus", lambda self: focused.append(self))
    p = ExercisePanel("ex03-fixture-order", "en")
    start = shown_order(p)
    assert sorted(start) == sorted(CORRECT_ORDER) and start != CORRECT_ORDER
    assert p.up[0].disabled and p.down[-1].disabled and not p.up[1].disabled
    p.down[0].click()  # the first step moves to the second place; focus follows it
    assert shown_order(p) == [start[1], start[0], *start[2:]]
    assert focused[-1] is p.down[1]
    assert text(p.status) == f"“{LABEL[start[0]]}” is now in position 2"
    p.up[1].click()  # and back to the top: ↑ is disabled there, so the focus goes to its ↓
    assert shown_order(p) == start and focused[-1] is p.down[0]
    assert p.up[2].tooltip == f"Move up: {LABEL[start[2]]}"
    sort_with_buttons(p)
    assert shown_order(p) == CORRECT_ORDER
    p.check_button.click()
    assert text(p.feedback["1"]) == "✓ Right. Production comes first: without it there is nothing to distribute."
    assert text(p.score) == "Right: 4 of 4 All right!"


def test_order_wrong_positions_say_which_step_belongs_there():
    p = ExercisePanel("ex03-fixture-order", "en")
    sort_with_buttons(p)
    p.down[0].click()  # production ↔ distribution
    assert shown_order(p) == ["distribution", "production", "exchange", "consumption"]
    p.check_button.click()
    assert text(p.feedback["1"]) == "✗ Not right: position 1 is “Production”. Production comes first: without it there is nothing to distribute."
    assert text(p.feedback["2"]).startswith("✗ Not right: position 2 is “Distribution”.")
    assert text(p.feedback["3"]).startswith("✓") and text(p.score) == "Right: 2 of 4"
    zh = ExercisePanel("ex03-fixture-order", "zh")  # the same saved answer, in Chinese
    assert text(zh.feedback["1"]) == "✗ 不对，第 1 位应为“生产”。先有生产，才有可分配的产品。"
    assert text(zh.score) == "答对 2 / 4"


# --------------------------------------------------------------------------------------- match
def test_match_feedback_per_row_and_column():
    p = ExercisePanel("ex03-fixture-match", "en")
    block = p._rows["perishability"]
    assert text(block.children[0]) == "Characteristic: Perishability"
    assert [text(line.children[0]) for line in block.children[1:3]] == ["Consequence", "Remedy"]
    dd = p.choices[("perishability", "consequence")]
    labels = {label for label, _ in dd.options}
    assert labels == {"— choose —", "Idle or short capacity when demand swings",
                      "Quality varies from one employee to the next"}
    p.choices[("perishability", "consequence")].value = "perishability"   # right
    p.choices[("perishability", "remedy")].value = "heterogeneity"        # wrong
    p.choices[("heterogeneity", "remedy")].value = "heterogeneity"        # right; consequence left blank
    p.check_button.click()
    first = text(p.feedback["perishability"])
    assert first.startswith("✓ Consequence: right · ✗ Remedy: it is “Off-peak pricing and reservations”")
    assert first.endswith("Services cannot be stored, so demand or capacity must be managed.")
    assert text(p.feedback["heterogeneity"]).startswith("○ Consequence: not answered yet · ✓ Remedy: right")
    assert text(p.score) == "Right: 2 of 4, 1 not answered"
    assert p.choices[("heterogeneity", "remedy")].tooltip == "Remedy for “Heterogeneity”"


# --------------------------------------------------------------------------------------- buttons
@pytest.mark.parametrize("eid", sorted(RAW))
def test_show_answer_sets_every_control_and_try_again_clears_and_reshuffles(eid):
    p = ExercisePanel(eid, "en")
    p.show_button.click()
    assert p.result.all_correct and all(text(f).startswith(("✓", "✓ ")) for f in p.feedback.values())
    assert text(p.score) == "The answer is shown. Press Try again to answer afresh."
    if p.exercise.kind == "order":
        assert shown_order(p) == CORRECT_ORDER
    elif p.exercise.kind == "sort":
        assert {k: dd.value for k, dd in p.choices.items()} == {i["id"]: i["group"] for i in RAW[eid]["items"]}
    else:
        assert all(dd.value == rid for (rid, _col), dd in p.choices.items())
    before = p.state.layout
    p.retry_button.click()
    assert p.state.seed == 1 and not p.state.revealed and not p.state.checked
    assert all(f.value == "" for f in p.feedback.values()) and p.score.value == ""
    if p.exercise.kind == "order":
        assert shown_order(p) != CORRECT_ORDER and sorted(shown_order(p)) == sorted(CORRECT_ORDER)
    else:
        assert all(dd.value == "" for dd in p.choices.values())
    assert sorted(p.state.layout) == sorted(before)
    seen = {p.state.layout}
    for _ in range(6):
        p.retry_button.click()
        seen.add(p.state.layout)
    assert len(seen) > 1  # the seeds do reshuffle


def test_show_answer_preset():
    p = ExercisePanel("ex03-fixture-sort", "zh", show_answer=True)
    assert p.state.revealed and text(p.score) == "已显示答案。按“再试一次”重新作答。"
    assert p.choices["no-sample"].value == "intangibility"


# --------------------------------------------------------------------------------------- state
def test_state_is_kept_for_a_second_panel_of_the_same_exercise():
    first = ExercisePanel("ex03-fixture-sort", "en")
    first.choices["empty-seat"].value = "perishability"
    first.check_button.click()
    second = ExercisePanel("ex03-fixture-sort", "zh")  # same kernel session, another language
    assert second.choices["empty-seat"].value == "perishability"
    assert text(second.feedback["empty-seat"]) == "✓ 正确。服务不能储存，未用掉的能力就消失了。"
    assert [c for c in second.body.children] != [] and second.state.layout == first.state.layout
    assert text(second.score) == "答对 1 / 3，2 项未作答"
    # the same object displayed again is the same widgets, with the same values
    assert first.choices["empty-seat"].value == "perishability" and text(first.score).startswith("Right: 1 of 3")
    # another exercise is not affected
    assert ExercisePanel("ex03-fixture-match", "en").score.value == ""
    second.retry_button.click()
    third = ExercisePanel("ex03-fixture-sort", "en")
    assert third.state.seed == 1 and third.choices["empty-seat"].value == "" and third.score.value == ""


def test_order_state_is_kept():
    p = ExercisePanel("ex03-fixture-order", "en")
    p.down[0].click()
    moved = shown_order(p)
    assert shown_order(ExercisePanel("ex03-fixture-order", "en")) == moved


# --------------------------------------------------------------------------------------- errors
@pytest.mark.parametrize("lang, words", [("en", "No exercise has the id ex03-no-such"),
                                         ("zh", "没有编号为 ex03-no-such 的练习")])
def test_unknown_id_shows_a_translated_error_not_a_traceback(lang, words):
    p = ExercisePanel("ex03-no-such", lang)
    assert "sl-ex-broken" in p._dom_classes and p.children == (p.error,)
    assert words in text(p.error) and "sl-error-box" in p.error.value and "Traceback" not in p.error.value


def test_a_broken_exercise_file_is_shown_in_the_panel(tmp_path, monkeypatch):
    (tmp_path / "03_what_is_service.json").write_text('{"exercises": [}', encoding="utf-8")
    monkeypatch.setenv("SERVICELAB_EXERCISES", str(tmp_path))
    p = ExercisePanel("ex03-fixture-sort", "en")
    assert "Exercise file 03_what_is_service.json is not valid JSON (line 1" in text(p.error)
    assert "sl-error-content" in p.error.value


def test_the_internal_source_code_is_never_shown():
    for eid in RAW:
        for lang in ("zh", "en"):
            p = ExercisePanel(eid, lang)
            p.show_button.click()
            assert not re.search(r"\bS[0-4]\b", all_html(p)), (eid, lang)


# --------------------------------------------------------------------------------------- a11y
def contrast_with_white(colour: str) -> float:
    rgb = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in rgb]
    return 1.05 / (0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2] + 0.05)


@pytest.mark.parametrize("eid", sorted(RAW))
def test_controls_are_named_feedback_is_live_and_colours_readable(eid):
    p = ExercisePanel(eid, "en")
    assert any(type(w).__name__ == "PageAccessibility" for w in p.children)
    for dd in p.choices.values():
        assert dd.tooltip and "“" in dd.tooltip  # names the item or row it answers
    for b in (p.check_button, p.show_button, p.retry_button, *p.up, *p.down):
        assert b.description.strip()
    assert p.check_button.description == "Check" and p.show_button.description == "Show answer"
    assert p.retry_button.description == "Try again"
    assert all("sl-live" in f._dom_classes for f in p.feedback.values()) and "sl-live" in p.score._dom_classes
    for colour in (*exw.COLOURS.values(), p.check_button.style.button_color):
        assert contrast_with_white(colour) >= 4.5, colour


def test_a_state_saved_for_another_version_of_the_exercise_is_dropped(monkeypatch):
    p = ExercisePanel("ex03-fixture-sort", "en")
    p.choices["empty-seat"].value = "perishability"
    stale = exw.saved_state("ex03-fixture-sort")
    stale.layout = ("empty-seat", "no-sample", "gone")  # an item the file no longer has
    with exw._LOCK:
        exw._REGISTRY["ex03-fixture-sort"] = stale
    q = ExercisePanel("ex03-fixture-sort", "en")
    assert q.error.value == "" and q.choices["empty-seat"].value == "" and len(q.body.children) == 3


def test_an_internal_fault_while_loading_is_shown_not_raised(monkeypatch):
    def broken(_eid):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(exw, "get_exercise", broken)
    p = ExercisePanel("ex03-fixture-sort", "en")
    assert p.exercise is None and "sl-error-internal" in p.error.value and "ZeroDivisionError" in p.error.value
