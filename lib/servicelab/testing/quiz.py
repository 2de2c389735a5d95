"""Answer a question card in a real browser the way a learner would (browser tests of exam prep)."""
from __future__ import annotations


def fill_answer(card, q, correct: bool) -> None:
    """Give the card's question a right or a deliberately wrong answer.

    Parameters
    ----------
    card : playwright Locator
        The question card (``.sl-quiz-card`` or a mock-paper card).
    q : servicelab.quiz.Question
        The question the card shows.
    correct : bool
        A right answer, or one that is wrong by construction (another option, a number far outside
        the tolerance). Written and case answers are free text: their key points are ticked after
        reveal or hand-in.
    """
    if q.type == "single":
        key = q.answer if correct else next(k for k in q.option_keys if k != q.answer)
        card.locator(".sl-quiz-options input[type=radio]").nth(q.option_keys.index(key)).check()
    elif q.type == "true_false":
        value = q.answer if correct else not q.answer
        card.locator(".sl-quiz-options input[type=radio]").nth(0 if value else 1).check()
    elif q.type == "multiple":
        keys = set(q.answer)
        if not correct:
            others = [k for k in q.option_keys if k not in keys]
            keys = keys | {others[0]} if others else keys - {sorted(keys)[0]}
        for k in sorted(keys):
            card.locator(f".sl-quiz-option-{k} input[type=checkbox]").check()
    elif q.type == "numeric":
        value = float(q.answer) if correct else float(q.answer) + 1000 * (1 + (q.tolerance or 0))
        card.locator(".sl-quiz-number input").fill(f"{value:g}")
    elif q.type == "case":  # one answer per part
        for n in range(1, len(q.parts) + 1):
            card.locator(f".sl-quiz-case-text-{n} textarea").fill(f"第 {n} 问：我的分析。")
    else:  # written: type something; the key points are ticked after reveal / hand-in
        card.locator(".sl-quiz-text textarea").fill("我的答案：要点若干。")


PANEL = ".sl-exam-prep"
SAVED = "已记入学习进度"  # the zh feedback of a card whose answer reached the progress file


def _norm(text: str) -> str:
    import re

    return re.sub(r"\s+", "", text)


_PROMPTS: dict | None = None


def shown_question(card):
    """The bank's question whose (zh) prompt the card shows; fails unless exactly one matches."""
    global _PROMPTS
    if _PROMPTS is None:
        from ..quiz import load_bank

        bank = load_bank()
        _PROMPTS = {_norm(bank[qid].prompt.zh): bank[qid] for qid in bank.frame["id"]}
    text = _norm(card.locator(".sl-quiz-question").inner_text())
    hits = [q for p, q in _PROMPTS.items() if text.endswith(p)]
    assert len(hits) == 1, f"prompt not found in the bank: {text[:120]}"
    return hits[0]


def errors_shown(page, panel: str = PANEL) -> list[str]:
    """The texts of the error boxes the panel shows."""
    return [e.strip() for e in page.locator(f"{panel} .sl-error").all_inner_texts() if e.strip()]


def answer(page, card, correct: bool, *, timeout: float = 30_000, panel: str = PANEL):
    """Answer an auto-marked card (zh page), submit, and wait for the "saved" feedback; return the question."""
    import pytest
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    card.scroll_into_view_if_needed()
    q = shown_question(card)
    fill_answer(card, q, correct)
    card.locator(".sl-quiz-submit").click()
    try:
        card.locator(".sl-quiz-feedback", has_text=SAVED).wait_for(timeout=timeout)
    except PlaywrightTimeout:
        pytest.fail(f"no 'saved' feedback for {q.id}; error boxes: {errors_shown(page, panel)}; console: {page.errors}")
    assert ("正确。" if correct else "不对。") in card.locator(".sl-quiz-feedback").inner_text()
    return q


def new_card(page, button: str, *, timeout: float = 30_000, panel: str = PANEL):
    """Click ``button`` in the panel and return the auto-marked question card it brings."""
    cards = f"{panel} .sl-quiz-card:visible"
    page.eval_on_selector_all(cards, "els => els.forEach(e => e.setAttribute('data-sl-old', '1'))")
    page.locator(f"{panel} {button}").click()
    fresh = page.locator(f"{cards}:not([data-sl-old])").first
    fresh.locator(".sl-quiz-question").wait_for(timeout=timeout)
    return fresh
