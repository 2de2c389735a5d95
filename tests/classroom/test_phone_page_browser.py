"""The phone page in headless Chromium at 360 × 640: join, vote, change the answer, switch language,
the survey form, a refusal shown in the phone's language; every string inserted as text."""
from __future__ import annotations

import json
import os

import pytest

from servicelab.classroom import ClassSession
from servicelab.i18n import t
from servicelab.testing.browser import chromium_page, find_chromium

from .conftest import SURVEY

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EVIL = '<img src=x onerror="window.__pwned=1">'
CHOICE = {"kind": "choice", "question_id": "Q-phone", "phase": 1, "options": ["A", "B", "C"], "multiple": False,
          "correct": ["B"],
          "display": {"zh": {"prompt": "服务的特性是？", "options": {"A": "有形", "B": "无形", "C": EVIL}},
                      "en": {"prompt": "A service is?", "options": {"A": "tangible", "B": "intangible", "C": EVIL}}}}


@pytest.fixture(scope="module")
def chromium():
    path = find_chromium()
    if path is None:
        if os.environ.get("SERVICELAB_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium not found — browser tests are required here (SERVICELAB_REQUIRE_BROWSER=1)")
        pytest.skip("Chromium not found (install Debian's 'chromium' package, or set SERVICELAB_CHROMIUM)")
    return path


def _status(page, key, lang):
    page.wait_for_function("([want]) => document.getElementById('sl-status').textContent === want",
                           arg=[t(key, lang)], timeout=10_000)


def test_phone_page(tmp_path, chromium, artifacts_dir):
    with ClassSession(tmp_path / "class.db", lang="zh") as s, chromium_page(chromium, viewport=(360, 640)) as page:
        failed = []
        page.on("response", lambda r: failed.append((r.status, r.url.split("?")[0].rsplit("/", 1)[-1]))
                if r.status >= 400 else None)
        page.goto(s.join_url)
        _status(page, "classroom.page.waiting", "zh")
        assert page.evaluate("document.documentElement.lang") == "zh-CN"

        rid = s.store.open_round(CHOICE)
        page.wait_for_selector("text=服务的特性是？", timeout=10_000)
        labels = page.locator("label.opt")
        assert labels.count() == 3
        assert EVIL in labels.nth(2).inner_text()  # shown as text …
        assert page.locator("#sl-form img").count() == 0 and page.evaluate("window.__pwned") is None  # … never as markup
        for box in [labels.nth(i).bounding_box() for i in range(3)] + [page.locator("button.send").bounding_box()]:
            assert box["height"] >= 48 and box["width"] >= 48  # touch targets
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 360  # no sideways scrolling
        _status(page, "classroom.page.ready_choice", "zh")

        labels.nth(1).click()
        page.click("button.send")
        _status(page, "classroom.page.sent", "zh")
        assert s.store.answer(rid, page.evaluate("localStorage.getItem('servicelab-class-device')")) == {"choice": ["B"]}
        labels.nth(0).click()
        _status(page, "classroom.page.changed", "zh")
        page.click("button.send")
        _status(page, "classroom.page.sent", "zh")
        df = s.store.answers(rid)
        assert len(df) == 1 and df["payload"][0] == {"choice": ["A"]}  # changed, still one answer for the device
        page.screenshot(path=str(artifacts_dir / "class_phone_choice.png"))

        page.click("#sl-lang")  # switch to English: the strings and the question's own text follow
        page.wait_for_selector("text=A service is?", timeout=5_000)
        assert page.evaluate("document.documentElement.lang") == "en"
        _status(page, "classroom.page.sent", "en")
        assert page.locator("label.opt input").nth(0).is_checked()  # the choice survives the switch

        s.store.close_round()
        _status(page, "classroom.page.closed_sent", "en")
        assert page.locator("button.send").is_disabled()

        sid = s.store.open_round({**SURVEY, "texts": [{"key": "comment", "max_len": 200}]})
        page.wait_for_selector("fieldset.group", timeout=10_000)
        for key, value in (("E_tangibles", 6), ("P_tangibles", 4), ("recommend", 9)):
            page.locator(f"input[name='r:{key}'][value='{value}']").locator("..").click()
        page.fill("textarea[name='t:comment']", "<script>window.__pwned=2</script>")

        def tamper(route):  # the server's refusal must reach the student in the page's language
            body = json.loads(route.request.post_data)
            body["payload"]["ratings"]["recommend"] = 99
            route.continue_(post_data=json.dumps(body))

        page.route("**/api/answer*", tamper)
        page.click("button.send")
        page.wait_for_selector("#sl-error:not([hidden])", timeout=5_000)
        shown = page.inner_text("#sl-error")
        assert shown == t("classroom.error.answer_rating_range", "en", item="recommend", value="99", low=0, high=10)
        page.unroute("**/api/answer*")
        page.click("button.send")
        _status(page, "classroom.page.sent", "en")
        got = s.store.answers(sid)["payload"][0]
        assert got == {"ratings": {"E_tangibles": 6, "P_tangibles": 4, "recommend": 9},
                       "texts": {"comment": "<script>window.__pwned=2</script>"}}
        assert page.evaluate("window.__pwned") is None
        page.screenshot(path=str(artifacts_dir / "class_phone_survey.png"), full_page=True)

        s.store.end_session(s.code)
        _status(page, "classroom.page.session_ended", "en")
        assert page.external_requests == []
        # the only failed loads: the browser's own favicon guess (404: the server serves nothing else)
        # and the tampered answer (400); no script error at all
        assert (400, "answer") in failed and set(failed) <= {(400, "answer"), (404, "favicon.ico")}, failed
        assert all(e.startswith("Failed to load resource") for e in page.errors), page.errors
