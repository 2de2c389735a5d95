"""05_servqual in a real browser: change a perception, see the score and the chart change."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from servicelab.testing.browser import chromium_page, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "05_servqual.ipynb"


def _score(text: str) -> float:
    m = re.search(r"([−-]?\d+\.\d+)\s*$", text.strip())
    assert m, f"no score in {text!r}"
    return float(m.group(1).replace("−", "-"))


def test_perception_change_updates_score_and_chart(chromium_path, artifacts_dir):
    with voila_server(NOTEBOOK) as url, chromium_page(chromium_path) as page:
        page.goto(url, timeout=120_000)
        page.wait_for_selector(".sl-servqual-chart svg .mark-symbol path", timeout=120_000)
        overall = ".sl-servqual-overall"
        before_text = page.inner_text(overall)
        # defaults: E = 6 and P = 5 on all 22 items → every dimension gap −1, overall −1
        assert _score(before_text) == pytest.approx(-1.0)
        svg_before = page.inner_html(".sl-servqual-chart svg")

        # raise P1 (a tangibles item) from 5 to 6 with the keyboard, as a learner would
        page.locator(".sl-servqual-p1 .noUi-handle").focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("(b) => document.querySelector('.sl-servqual-overall').innerText !== b",
                               arg=before_text, timeout=15_000)
        # tangibles gap: (0 − 1 − 1 − 1)/4 = −0.75; overall: (−0.75 − 4)/5 = −0.95
        assert _score(page.inner_text(overall)) == pytest.approx(-0.95)
        table = page.inner_text(".sl-servqual-table")
        assert "−0.75" in table

        page.wait_for_function("(b) => document.querySelector('.sl-servqual-chart svg').innerHTML !== b",
                               arg=svg_before, timeout=15_000)
        assert page.inner_html(".sl-servqual-chart svg") != svg_before
        page.locator(".sl-servqual-panel").screenshot(path=str(artifacts_dir / "servqual_after_change.png"))
        page.screenshot(path=str(artifacts_dir / "servqual_page.png"), full_page=True)
        assert page.errors == [], f"console errors: {page.errors}"


def test_survey_panel_rejects_bad_upload_in_browser(chromium_path, artifacts_dir, tmp_path):
    """Upload a CSV with a rating of 9: the panel shows a bilingual message naming row and column."""
    bad = tmp_path / "bad_class.csv"
    header = ",".join(["id", *[f"E{i}" for i in range(1, 23)], *[f"P{i}" for i in range(1, 23)]])
    rows = [",".join(["a", *["6"] * 22, *["5"] * 22]), ",".join(["b", *["6"] * 22, "9", *["5"] * 21])]
    bad.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    with voila_server(NOTEBOOK) as url, chromium_page(chromium_path) as page:
        page.goto(url, timeout=120_000)
        page.wait_for_selector(".sl-survey-dimensions", timeout=120_000)
        table_before = page.inner_text(".sl-survey-dimensions")
        with page.expect_file_chooser() as chooser:  # the widget opens a native file dialog
            page.locator(".sl-survey-upload").click()
        chooser.value.set_files(str(bad))
        page.wait_for_selector(".sl-survey-panel .sl-error-box", timeout=15_000)
        msg = page.inner_text(".sl-survey-panel .sl-error-box")
        assert "bad_class.csv" in msg and "P1" in msg and "3" in msg  # row 3 = second data row
        assert "超出允许范围" in msg and "outside the allowed range" in msg
        assert page.inner_text(".sl-survey-dimensions") == table_before  # previous analysis kept
        page.locator(".sl-survey-panel").screenshot(path=str(artifacts_dir / "survey_bad_upload.png"))


def test_survey_upload_limit_in_browser(chromium_path, artifacts_dir, tmp_path):
    """Issue 7, item 14: the limit is stated before uploading; an over-limit file shows a translated
    error (checked in the page, nothing sent); a 12 MB survey — above the ~10 MB websocket message
    limit that made uploads silently do nothing — arrives and is analysed."""
    over = tmp_path / "whole_school.csv"
    with open(over, "wb") as f:
        f.truncate(51 * 1024 * 1024)  # sparse: its size is all that matters, it is never read
    header = ",".join(["id", *[f"E{i}" for i in range(1, 23)], *[f"P{i}" for i in range(1, 23)]])
    # independent oracle: every respondent has E = 7 and P = 5 → every gap −2 → SERVQUAL −2.00
    row_tail = "," + ",".join(["7"] * 22 + ["5"] * 22)
    lines, size, i = [header], len(header) + 1, 0
    while size < 12 * 1024 * 1024:
        line = f"s{i:06d}{row_tail}"
        lines.append(line)
        size += len(line) + 1
        i += 1
    big = tmp_path / "big_class.csv"
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    n_rows = i
    with voila_server(NOTEBOOK) as url, chromium_page(chromium_path) as page:
        page.goto(url, timeout=120_000)
        page.wait_for_selector(".sl-survey-dimensions", timeout=120_000)
        limit_text = page.inner_text(".sl-survey-upload-limit")
        assert "50 MB" in limit_text and "上传文件最大" in limit_text  # said before any upload (zh page)
        table_before = page.inner_text(".sl-survey-dimensions")

        with page.expect_file_chooser() as chooser:
            page.locator(".sl-survey-upload button").click()
        chooser.value.set_files(str(over))
        page.wait_for_selector(".sl-survey-panel .sl-error-box", timeout=15_000)
        msg = page.inner_text(".sl-survey-panel .sl-error-box")
        assert "whole_school.csv" in msg and "50 MB" in msg and "超过上传上限" in msg
        assert page.inner_text(".sl-survey-dimensions") == table_before
        page.locator(".sl-survey-panel").screenshot(path=str(artifacts_dir / "survey_upload_too_large.png"))

        with page.expect_file_chooser() as chooser:
            page.locator(".sl-survey-upload button").click()
        chooser.value.set_files(str(big))
        page.wait_for_function(
            "() => document.querySelector('.sl-survey-summary').innerText.includes('big_class.csv')", timeout=120_000)
        summary = page.inner_text(".sl-survey-summary")
        assert f"{n_rows} 位受访者" in summary
        # the earlier error is cleared (it is the last update of the load, after the summary)
        page.wait_for_selector(".sl-survey-panel .sl-error-box", state="detached", timeout=15_000)
        assert "−2.00" in page.inner_text(".sl-survey-overall")
        page.locator(".sl-survey-panel").screenshot(path=str(artifacts_dir / "survey_upload_12mb.png"))
        assert page.errors == [], f"console errors: {page.errors}"
