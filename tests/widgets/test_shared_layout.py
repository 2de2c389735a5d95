"""Widgets laid out alike share one Layout/Style model (page weight, issue 14) — and a shared one is never changed.

An executed notebook stores one model per Layout and per Style; chapter 08 held ~900 of them
(0.76 MB). Widgets with the same layout now share one read-only instance; a widget whose layout
changes later first gets its own copy (``own_layout``). These tests check both halves: the number
of models falls, and hiding one widget never hides the others that shared its layout.
"""
from __future__ import annotations

import ast
import json
from pathlib import Path

import ipywidgets as W
import pytest

from servicelab.errors import ServiceLabError
from servicelab.widgets import common
from servicelab.widgets import exercise as exw

ROOT = Path(__file__).resolve().parents[2]
WIDGETS = ROOT / "lib" / "servicelab" / "widgets"
FIXTURES = ROOT / "tests" / "fixtures" / "exercises"


def descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from descendants(child)


def test_a_shared_layout_cannot_be_changed():
    a, b = common.html_widget("a"), common.html_widget("b")
    assert a.layout is b.layout
    with pytest.raises(AttributeError):
        a.layout.display = "none"
    assert b.layout.display is None
    a.layout.display = None  # setting the value it already has is harmless
    assert common.shared_layout(width="auto") is common.shared_layout(width="auto")
    with pytest.raises(AttributeError):
        common.shared_layout(width="auto").width = "10px"


def test_an_exercise_panel_stores_few_layout_models(monkeypatch):
    monkeypatch.setenv("SERVICELAB_EXERCISES", str(FIXTURES))
    exw.forget_states()
    try:
        first = json.loads((FIXTURES / "03_what_is_service.json").read_text(encoding="utf-8"))["exercises"][0]["id"]
        panel = exw.ExercisePanel(first, "en")
        dom = [w for w in descendants(panel) if isinstance(w, W.DOMWidget)]
        layouts = {w.layout.model_id for w in dom}
        styles = {w.style.model_id for w in dom if isinstance(w, W.HTML)}
        # before: one Layout per widget (and one HTMLStyle per HTML widget)
        assert len(dom) >= 20 and len(layouts) <= len(dom) // 2, (len(dom), len(layouts))
        assert len(styles) == 1
    finally:
        exw.forget_states()


def test_hiding_a_stale_output_hides_only_that_widget(monkeypatch):
    from servicelab.models import recovery
    from servicelab.widgets.complaints import RecoveryPanel

    p = RecoveryPanel("en")
    shared = p.readout.layout
    others = [w for w in descendants(p) if w.layout is shared and w not in (p.readout, p.paradox)]
    assert p.paradox.layout is shared and p.error in others  # shared while nothing is hidden

    def broken(**_levers):
        raise ServiceLabError("recovery.error.lever", lever="severity", value=99, low=1, high=10)

    monkeypatch.setattr(recovery, "recovery_outcome", broken)
    p.sliders["severity"].value = 9
    assert p.error.value and p.readout.layout.display == "none" and p.paradox.layout.display == "none"
    assert all(w.layout.display is None for w in others)
    assert common.shared_layout().display is None
    monkeypatch.undo()
    p.sliders["severity"].value = 8
    assert p.error.value == "" and p.readout.layout.display is None


def test_the_third_offer_column_hides_alone():
    from servicelab.widgets.value_technology import DeliveredValuePanel

    p = DeliveredValuePanel("zh", preset="two_offers")
    assert p.columns[2].layout.display == "none"
    assert all(c.layout.display is None for c in p.columns[:2])
    assert all(w.layout.display is None for w in descendants(p.columns[0]) if isinstance(w, W.DOMWidget))
    p.third.value = True
    assert p.columns[2].layout.display is None


def test_no_widget_module_assigns_a_layout_trait_directly():
    """``w.layout.display = …`` on a shared layout would change every widget sharing it: use own_layout(w)."""
    found = []
    for path in sorted(WIDGETS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
            for target in targets:
                for t in (target.elts if isinstance(target, ast.Tuple) else [target]):
                    if (isinstance(t, ast.Attribute) and isinstance(t.value, ast.Attribute) and t.value.attr == "layout"):
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
