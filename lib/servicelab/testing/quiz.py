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
