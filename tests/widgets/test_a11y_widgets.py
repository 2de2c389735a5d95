"""Accessible names, live feedback and readable button colours, checked on the widgets from Python.

What the browser makes of them is checked by tests/browser/test_accessibility.py (axe-core).
Contrast is computed here with the WCAG 2.x formula, independent of the code.
"""
from __future__ import annotations

import json

import pytest

from servicelab.models import customers as cm
from servicelab.paths import data_path
from servicelab.widgets import common
from servicelab.widgets.customers import ServiceTypeQuiz, StrategicCustomerPanel
from servicelab.widgets.quiz import CheckYourself, ExamPrep

CATALOGUE = {k: v for f in data_path("i18n").glob("*.json") for k, v in json.loads(f.read_text(encoding="utf-8")).items()}


def contrast_with_white(colour: str) -> float:
    rgb = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in rgb]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return 1.05 / (lum + 0.05)


def _has_page_script(panel) -> bool:
    return any(type(w).__name__ == "PageAccessibility" for w in panel.children)


def test_hand_in_button_is_readable(tmp_path):
    p = ExamPrep("zh", path=tmp_path / "p.db", seed=1)
    colour = p.mock_submit.style.button_color
    assert colour and contrast_with_white(colour) >= 4.5, colour  # ipywidgets' success green is 4.1 : 1
    assert contrast_with_white("#388e3c") < 4.5  # the default it replaces


def test_quiz_feedback_is_a_live_region_and_the_panel_carries_the_page_script(tmp_path):
    p = ExamPrep("en", path=tmp_path / "p.db", seed=1)
    card = p.practice_host.children[0]
    assert "sl-live" in card.feedback._dom_classes
    assert _has_page_script(p)
    box = CheckYourself("Q-C1.1-single-01", "en", store=False)
    assert "sl-live" in box.card.feedback._dom_classes and _has_page_script(box)


def test_controls_without_a_description_have_a_tooltip_name():
    p = StrategicCustomerPanel("en")
    crit = cm.STRATEGIC_CRITERIA[0]
    name = CATALOGUE[f"customers.criterion.{crit}"]["en"]
    assert p.weight_sliders[crit].tooltip == CATALOGUE["a11y.weight_of"]["en"].format(criterion=name)
    (cand, c), box = next(iter(p.rating_inputs.items()))
    assert cand in box.tooltip and CATALOGUE[f"customers.criterion.{c}"]["en"] in box.tooltip
    assert _has_page_script(p)
    q = ServiceTypeQuiz("zh")
    tips = [dd.tooltip for dd in q.answers.values()]
    assert tips == [CATALOGUE["a11y.case_answer"]["zh"].format(n=j) for j in range(1, len(tips) + 1)]


def test_page_script_names_sliders_from_the_description_and_marks_live_regions():
    js = common._A11Y_ESM
    assert "[role=slider]" in js and "aria-label" in js and 'aria-live", "polite"' in js
    assert common.page_accessibility().layout.display == "none"
