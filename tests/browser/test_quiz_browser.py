"""12_exam_prep in a real browser: answer the warm-up question and see the feedback; the answer is
stored in the progress file the Voilà kernel was given (SERVICELAB_PROGRESS_DB)."""
from __future__ import annotations

from pathlib import Path

import pytest

from servicelab.storage.progress import ProgressStore
from servicelab.testing.browser import chromium_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "12_exam_prep.ipynb"
WARM_UP = "Q-C1.1-single-01"  # the notebook's warm-up question (a single choice)


def test_answer_one_question_and_see_the_feedback(chromium_path, artifacts_dir, tmp_path):
    db = tmp_path / "progress.db"
    box = ".sl-check-yourself"
    with voila_server(NOTEBOOK, env={"SERVICELAB_PROGRESS_DB": str(db)}) as url, chromium_page(chromium_path) as page:
        page.goto(url, timeout=120_000)
        page.wait_for_selector(f"{box} .sl-quiz-options input[type=radio]", timeout=120_000)
        page.wait_for_selector(".sl-exam-prep .sl-quiz-tabs", timeout=120_000)  # the full panel rendered too
        assert page.inner_text(f"{box} .sl-quiz-feedback").strip() == ""
        first = page.locator(f"{box} .sl-quiz-options input[type=radio]").first
        first.click()
        page.locator(f"{box} .sl-quiz-submit").click()
        page.wait_for_function(
            "(sel) => document.querySelector(sel).innerText.trim().length > 0",
            arg=f"{box} .sl-quiz-feedback", timeout=15_000)
        feedback = page.inner_text(f"{box} .sl-quiz-feedback")
        assert ("正确。" in feedback or "不对。" in feedback) and "解析" in feedback and "正确答案" in feedback
        page.locator(box).screenshot(path=str(artifacts_dir / "quiz_feedback.png"))
        page.screenshot(path=str(artifacts_dir / "exam_prep_page.png"), full_page=True)
        assert page.errors == [], f"console errors: {page.errors}"
    with ProgressStore(db) as store:
        rows = store.answers()
    assert rows["question_id"].tolist() == [WARM_UP]
    assert rows["mode"].tolist() == ["practice"]
