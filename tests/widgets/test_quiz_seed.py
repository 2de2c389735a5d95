"""Practice starts with a different draw each time the notebook runs (issue 7, item 19).

A panel made without a seed takes a fresh one from the OS entropy source; the test replaces that
source with two fixed byte strings so it is deterministic, and checks the two panels draw
differently. A given seed still reproduces its draw (tests and presets rely on it).
"""
from __future__ import annotations

import itertools

import pytest

from servicelab.quiz import load_bank, load_cards
from servicelab.widgets import quiz as wq
from servicelab.widgets.quiz import card as wq_card  # where the entropy source lives

BANK = load_bank()
CARDS = load_cards()


def _panel(tmp_path, name: str, **kw) -> wq.ExamPrep:
    return wq.ExamPrep("en", path=tmp_path / f"{name}.db", bank=BANK, cards=CARDS, **kw)


def _draw(p: wq.ExamPrep) -> list[str]:
    return [q.id for q in p.practice_queue]


@pytest.fixture
def fixed_entropy(monkeypatch):
    """The entropy source (``widgets.quiz.card._entropy``, os.urandom behind it) returning 1, 2, 3, …

    os.urandom itself is left alone: ipywidgets draws its comm ids from it.
    """
    counter = itertools.count(1)
    calls = []

    def fake() -> int:
        calls.append(1)
        return next(counter)

    monkeypatch.setattr(wq_card, "_entropy", fake, raising=False)  # raising=False: absent before the fix
    return calls


def test_two_panels_without_a_seed_draw_differently(tmp_path, fixed_entropy):
    a, b = _panel(tmp_path, "a"), _panel(tmp_path, "b")
    assert fixed_entropy, "the entropy source was never asked"
    assert (a.seed, b.seed) == (1, 2)
    assert len(_draw(a)) == len(_draw(b)) == wq.PRACTICE_ROUND
    assert _draw(a) != _draw(b)


def test_check_yourself_without_a_seed_draws_from_the_os(fixed_entropy):
    concepts = ["C1.1", "C1.2", "C1.3", "C1.10", "C1.13", "C4.1", "C4.2", "C2.3", "C2.4"]  # notebook 01's box
    shown = {wq.CheckYourself(concepts, "en", store=False, bank=BANK).card.question.id for _ in range(6)}
    assert len(fixed_entropy) == 6 and len(shown) > 1


def test_the_real_entropy_source_gives_two_panels_different_seeds(tmp_path):
    # 64 random bits each from os.urandom: equal with probability 2**-64
    a, b = _panel(tmp_path, "a"), _panel(tmp_path, "b")
    assert a.seed != b.seed and 0 <= a.seed < 2 ** 64


def test_an_explicit_seed_reproduces_the_draw(tmp_path, fixed_entropy):
    a, b = _panel(tmp_path, "a", seed=7), _panel(tmp_path, "b", seed=7)
    assert a.seed == b.seed == 7 and _draw(a) == _draw(b)
    assert not fixed_entropy  # a given seed never touches the OS source
