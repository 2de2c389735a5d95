"""Light question cards: a mock paper built from far fewer widget models, and no card ever changes a shared one.

Starting a mock paper (37 cards) made 768 widget models: every check box, button, radio group and
text area had its own Layout and Style, identical to its neighbours'. Cards now share read-only
Layouts/Styles (:func:`servicelab.widgets.common.shared_layout`, :func:`~servicelab.widgets.common.shared_style`);
a widget that is hidden or shown later gets its own copy first. These tests pin the budget and check
that sharing never lets one card's change reach another.
"""
from __future__ import annotations

import ast
from pathlib import Path

import ipywidgets as W
import pytest
from ipywidgets.widgets.widget import _instances

from servicelab import quiz as qz
from servicelab.widgets import common
from servicelab.widgets.quiz import ExamPrep, QuestionCard
from servicelab.widgets.quiz.paper import apply_response

ROOT = Path(__file__).resolve().parents[2]
QUIZ_WIDGETS = ROOT / "lib" / "servicelab" / "widgets" / "quiz"
#: The task's budget for one mock paper (768 models before the cards shared their Layouts/Styles).
MODEL_BUDGET = 450


def _snapshot() -> dict[str, dict]:
    """Every live shared Layout/Style: its synced traits."""
    return {kind: {n: getattr(inst, n) for n in inst.class_trait_names(sync=True) if not n.startswith("_")}
            for kind, inst in common._SHARED.items() if getattr(inst, "comm", None) is not None}


def _descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _descendants(child)


def test_a_mock_paper_stays_within_its_widget_model_budget(tmp_path):
    p = ExamPrep("zh", seed=1, path=tmp_path / "progress.db")
    before = set(_instances)
    p.start_mock()
    new = [w for k, w in list(_instances.items()) if k not in before]
    # the whole paper is there (the course paper: 37 questions, sections as in the blueprint)
    assert len(p.mock_cards) == sum(n for _qtype, n, _marks in qz.DEFAULT_BLUEPRINT) == 37
    assert p.mock_error.value == ""
    assert len(new) <= MODEL_BUDGET, f"{len(new)} widget models for one mock paper (budget {MODEL_BUDGET})"


def _one_per_type() -> list[qz.Question]:
    bank = qz.load_bank()
    return [next(q for q in bank if q.type == qtype) for qtype in sorted({q.type for q in bank})]


def _answer(c: QuestionCard) -> None:
    q = c.question
    if q.type == "single":
        c.choice.value = q.answer
    elif q.type == "true_false":
        c.choice.value = q.answer
    elif q.type == "multiple":
        apply_response(c, list(q.answer))
    elif q.type == "numeric":
        c.number_input.value = str(q.answer)
    elif q.type == "case":
        apply_response(c, {"parts": [{"text": "an answer", "ticked": []} for _ in q.parts]})
    else:
        c.text_input.value = "an answer"


@pytest.mark.parametrize("q", _one_per_type(), ids=lambda q: q.type)
def test_a_card_never_changes_a_shared_layout_or_style(q):
    """Answer, reveal, tick and submit a card next to a fresh one of the same question: nothing
    shared changes, no error is shown, and the untouched card still looks as it was made."""
    shared_before = _snapshot()
    used, fresh = QuestionCard(q, "en", None, "practice"), QuestionCard(q, "en", None, "practice")
    looks = [(w.layout.display, w.layout.width, w.disabled if hasattr(w, "disabled") else None)
             for w in _descendants(fresh)]
    assert any(getattr(w.layout, "_sl_frozen", False) for w in _descendants(used))  # the cards do share
    _answer(used)
    if q.type in qz.SELF_ASSESSED_TYPES:
        used.reveal()
        for cb in used.point_checks[:1]:
            cb.value = True
    result = used.submit()
    assert used.error.value == "" and result is not None and used.result is result
    assert used.submit_button.disabled and used.feedback.value
    if q.type in qz.SELF_ASSESSED_TYPES:
        assert all(b.layout.display is None for b in used._points_boxes)
        assert used.reveal_button.layout.display == "none"
        assert all(b.layout.display == "none" for b in fresh._points_boxes)  # the other card's stay hidden
        assert fresh.reveal_button.layout.display is None
    assert [(w.layout.display, w.layout.width, w.disabled if hasattr(w, "disabled") else None)
            for w in _descendants(fresh)] == looks
    after = _snapshot()
    assert {k: after[k] for k in shared_before if k in after} == {k: v for k, v in shared_before.items() if k in after}
    assert all(v == _snapshot()[k] for k, v in after.items())


def test_a_mock_paper_handed_in_and_marked_changes_nothing_shared(tmp_path):
    p = ExamPrep("en", seed=3, path=tmp_path / "progress.db")
    p.start_mock()
    shared_before = _snapshot()
    written = [c for c in p.mock_cards if c.question.type in qz.SELF_ASSESSED_TYPES]
    for c in p.mock_cards[::2]:
        _answer(c)
    assert written and all(b.layout.display == "none" for c in written for b in c._points_boxes)
    assert p.submit_mock() is None  # step 1: the answered written questions' key points open
    marking = [c for c in written if c.is_answered()]
    assert marking and all(b.layout.display is None for c in marking for b in c._points_boxes)
    assert all(b.layout.display == "none" for c in written if c not in marking for b in c._points_boxes)
    marking[0].point_checks[0].value = True
    report = p.submit_mock()
    assert report is not None and p.mock_error.value == ""
    assert all(c.error.value == "" for c in p.mock_cards)
    assert all(b.layout.display is None for c in written for b in c._points_boxes)  # after marking: all shown
    after = _snapshot()
    assert {k: after[k] for k in shared_before if k in after} == {k: v for k, v in shared_before.items() if k in after}


def _attribute_assignments(path: Path, attr: str) -> list[str]:
    """``x.<attr>.trait = …`` (and augmented) assignments in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
        for target in targets:
            for t in (target.elts if isinstance(target, ast.Tuple) else [target]):
                if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Attribute) and t.value.attr == attr:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_quiz_widget_assigns_a_layout_or_style_trait_directly():
    """``w.style.button_color = …`` on a shared style would recolour every button sharing it: the
    quiz widgets go through shared_style(…, button_color=…) or own_style(w), and own_layout(w)."""
    found = [hit for path in sorted(QUIZ_WIDGETS.rglob("*.py")) for attr in ("layout", "style")
             for hit in _attribute_assignments(path, attr)]
    assert found == []


def test_own_style_gives_a_private_copy_and_leaves_the_shared_one():
    a, b = W.Button(style=common.shared_style(W.Button)), W.Button(style=common.shared_style(W.Button))
    assert a.style is b.style
    with pytest.raises(AttributeError):
        a.style.button_color = "#123456"
    common.own_style(a).button_color = "#123456"
    assert a.style.button_color == "#123456" and b.style.button_color is None
    assert common.shared_style(W.Button).button_color is None and common.own_style(a) is a.style
