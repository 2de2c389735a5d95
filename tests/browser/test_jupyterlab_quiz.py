"""Notebook 12 in JupyterLab with its default settings: answers given in the exam-prep panel reach
the progress file.

JupyterLab 4.6 sends widget (comm) messages to kernel *subshells* by default ("Kernel Comms over
subshells": ``perCommTarget``), so every button callback runs on a thread other than the one that
opened the progress store. Before the store was made thread-safe, every card made by a button
failed with "SQLite objects created in a thread can only be used in that same thread" (issue 7,
item 1); Voilà was not affected, so the Voilà tests did not see it.

The test runs all cells, answers a practice question, a second one (made by the "next" button), a
wrong-answer review card and hands in a mock paper, then opens the progress file the kernel wrote
(``SERVICELAB_PROGRESS_DB``) read-only with :mod:`sqlite3` and compares it with what was done.
Oracle for right / wrong: the question bank's data files, looked up by the prompt the browser shows.
"""
from __future__ import annotations

import json
import sqlite3
import urllib.request
from pathlib import Path

import pytest

from servicelab.testing.browser import chromium_page
from servicelab.testing.lab import lab_server
from servicelab.testing.quiz import answer, errors_shown, fill_answer, new_card, shown_question

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
PANEL = ".sl-exam-prep"
TIMEOUT = 30_000
PAPER_TIMEOUT = 120_000  # a mock paper is 37 cards, ~330 widget models (768 before shared styles): seconds on a loaded machine


def open_tab(page, label: str) -> None:
    page.locator(f"{PANEL} .sl-quiz-tabs .lm-TabBar-tab", has_text=label).click()
    page.wait_for_selector(f"{PANEL} .sl-quiz-tabs .lm-TabBar-tab.lm-mod-current:has-text('{label}')", timeout=TIMEOUT)


def wait_or_report(page, locator, what: str, log_path: Path, artifacts_dir: Path, timeout: float = TIMEOUT) -> None:
    """Wait for ``locator``; on a timeout fail with what the page and the kernel said (error boxes,
    console, the mock tab's text, the server log's tail, a screenshot)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        locator.wait_for(timeout=timeout)
    except PlaywrightTimeout:
        shot = artifacts_dir / "jupyterlab_exam_prep_failed.png"
        page.screenshot(path=str(shot), full_page=True)
        mock = page.locator(f"{PANEL} .sl-quiz-mock-start").locator("xpath=ancestor::div[contains(@class,'widget-vbox')][1]")
        text = mock.first.inner_text()[:600] if mock.count() else "(no mock pane)"
        log = log_path.read_text(errors="replace")[-4000:] if log_path.exists() else "(no log)"
        pytest.fail(f"{what} did not appear in {timeout / 1000:.0f} s; error boxes: {errors_shown(page)}; "
                    f"console: {page.errors}; mock tab shows: {text!r}; screenshot: {shot}\nserver log:\n{log}")


def test_exam_prep_saves_every_answer_in_jupyterlab(chromium_path, artifacts_dir, tmp_path):
    db = tmp_path / "progress.db"
    done: list[tuple[str, str, bool]] = []  # (question id, mode, correct), as answered in the browser
    with lab_server(NOTEBOOKS, env={"SERVICELAB_PROGRESS_DB": str(db)}, log=True) as (url, token, log_path), \
            chromium_page(chromium_path, viewport=(1280, 1400)) as page:
        # JupyterLab's own default, untouched by the test: comms go to kernel subshells
        with urllib.request.urlopen(f"{url}lab/api/settings/@jupyterlab/apputils-extension:kernels-settings"
                                    f"?token={token}", timeout=30) as resp:
            settings = json.loads(resp.read())
        assert settings["settings"].get("commsOverSubshells", "perCommTarget") != "disabled"
        assert settings["schema"]["properties"]["commsOverSubshells"]["default"] != "disabled"

        page.goto(f"{url}lab/tree/12_exam_prep.ipynb?token={token}", timeout=120_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
        page.wait_for_selector("text=Python 3 (ipykernel) | Idle", timeout=120_000)
        page.click("li.lm-MenuBar-item:has-text('Run')")
        page.click("li.lm-Menu-item:has-text('Run All Cells')")
        page.wait_for_selector(f"{PANEL} .sl-quiz-tabs .lm-TabBar-tab", state="attached", timeout=240_000)  # slow under a loaded machine
        page.locator(PANEL).scroll_into_view_if_needed()  # JupyterLab renders only the cells in view
        page.wait_for_selector(f"{PANEL} .sl-quiz-card .sl-quiz-question", timeout=60_000)

        # practice: an auto-marked round (single choice), the first card wrong, the second (a button's) right
        page.locator(f"{PANEL} .sl-quiz-type select").select_option(label="单项选择题")
        card = new_card(page, ".sl-quiz-new-round")
        first = answer(page, card, correct=False)
        done.append((first.id, "practice", False))
        card = new_card(page, ".sl-quiz-next")
        second = answer(page, card, correct=True)
        done.append((second.id, "practice", True))

        # wrong-answer review: the practice mistake comes back; right this time
        open_tab(page, "错题复习")
        card = new_card(page, ".sl-quiz-review-refresh")
        assert shown_question(card).id == first.id
        answer(page, card, correct=True)
        done.append((first.id, "review", True))

        # mock paper: answer its first question right, hand in (no written answer: one press, confirmed)
        open_tab(page, "模拟考试")
        page.locator(f"{PANEL} .sl-quiz-mock-start").click()
        paper = page.locator(f"{PANEL} .sl-quiz-card:visible")
        wait_or_report(page, paper.first.locator(".sl-quiz-question"), "the mock paper", log_path, artifacts_dir,
                       timeout=PAPER_TIMEOUT)
        wait_or_report(page, page.locator(f"{PANEL} .sl-quiz-countdown-time"), "the countdown",  # the live countdown runs
                       log_path, artifacts_dir)
        q = shown_question(paper.first)
        fill_answer(paper.first, q, correct=True)
        page.locator(f"{PANEL} .sl-quiz-mock-submit").click()
        page.locator(f"{PANEL} .sl-quiz-mock-confirm-yes").click()  # "hand in?" — yes
        report = page.locator(f"{PANEL} .sl-quiz-mock-report table.sl-quiz-report-chapter")
        try:
            report.wait_for(state="attached", timeout=PAPER_TIMEOUT)  # hand-in locks all 37 cards
        except Exception:  # noqa: BLE001 - say what the panel shows instead
            pytest.fail(f"no mock report; error boxes: {errors_shown(page)}; console: {page.errors}")
        assert "已把 1 道作答过的题记入学习进度" in page.inner_text(f"{PANEL} .sl-quiz-mock-report")
        done.append((q.id, "mock", True))
        page.locator(PANEL).screenshot(path=str(artifacts_dir / "jupyterlab_exam_prep.png"))
        assert errors_shown(page) == []
        assert page.errors == [], f"console errors: {page.errors}"

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT question_id, mode, correct FROM answers ORDER BY answered_at, rowid").fetchall()
    finally:
        con.close()
    assert [(qid, mode, bool(ok)) for qid, mode, ok in rows] == done
