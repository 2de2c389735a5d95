"""The classroom server over real HTTP on 127.0.0.1 (a ClassSession subprocess): codes, hosts, limits,
validation, escaping, and that it serves nothing but its page and API."""
from __future__ import annotations

import re
import threading
import time

import pytest

from servicelab.classroom import ClassSession
from servicelab.classroom.server import BODY_LIMIT, BURST, RATE
from servicelab.i18n import t

from .conftest import CHOICE, GOOD_SURVEY_ANSWER, SURVEY
from .http_client import Client, raw_exchange


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    s = ClassSession(tmp_path_factory.mktemp("class") / "class.db", lang="zh")
    yield s
    s.stop()


@pytest.fixture()
def client(session):
    c = Client(session.address, session.code)
    yield c
    c.close()


def _refusal(body, key):
    assert body["ok"] is False and body["error"]["key"] == key
    assert body["error"]["zh"] and body["error"]["en"] and body["error"]["zh"] != body["error"]["en"]
    return body["error"]


def test_security_headers_everywhere(session, client):
    for path in (f"/?c={session.code}", f"/static/page.js?c={session.code}", f"/static/page.css?c={session.code}",
                 f"/api/round?c={session.code}&d=device-headers-1", "/nothing", f"/?c=WRONG2"):
        status, headers, _ = client.request("GET", path)
        assert "default-src 'self'" in headers["Content-Security-Policy"], path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Cache-Control"] == "no-store", path
        assert "Server" not in headers, path


def test_wrong_or_missing_code_is_403_everywhere(session, client):
    for path in ("/static/page.js?c=ZZZZZZ", "/static/page.css", "/api/round?c=ZZZZZZ&d=device-code-01",
                 "/api/round?d=device-code-01"):
        status, body = client.json("GET", path)
        assert status == 403, path
        err = _refusal(body, "classroom.error.wrong_code")
        assert "加入码" in err["zh"] and "join code" in err["en"]
    status, body = client.answer(1, {"choice": ["A"]}, code="ZZZZZZ")
    assert status == 403 and body["error"]["key"] == "classroom.error.wrong_code"
    for path in ("/", "/?c=", "/?c=ZZZZZZ"):  # the page itself: a plain page with both messages and a code box
        status, headers, raw = client.request("GET", path)
        html = raw.decode("utf-8")
        assert status == 403 and headers["Content-Type"].startswith("text/html"), path
        assert t("classroom.error.wrong_code", "zh") in html and t("classroom.error.wrong_code", "en") in html
        assert '<input name="c"' in html and "<script" not in html and session.code not in html
    assert client.round(code=session.code.lower())[0] == 200  # typed in lower case: still the code


def test_foreign_host_header_is_refused(session, client):
    status, headers, raw = client.request("GET", f"/?c={session.code}", headers={"Host": f"evil.example:{session.address[1]}"})
    assert status == 403 and t("classroom.error.bad_host", "en").encode() in raw
    status, body = client.json("GET", f"/api/round?c={session.code}&d=device-host-001",
                               headers={"Host": "attacker.example"})
    assert status == 403 and body["error"]["key"] == "classroom.error.bad_host"
    assert client.request("GET", f"/?c={session.code}", headers={"Host": f"localhost:{session.address[1]}"})[0] == 200


@pytest.mark.parametrize("path", ["/x", "/../class.db", "/notebooks/05_servqual.ipynb", "/static/../class.db",
                                  "/static/%2e%2e/class.db", "/static/page.html", "/static/..%2fstore.py",
                                  "/api", "/api/round/../../class.db", "/tree", "/lab", "/api/kernels",
                                  "//etc/passwd", "/static/page.js/../../class.db"])
def test_nothing_but_the_page_and_api(session, client, path):
    sep = "&" if "?" in path else "?"
    status, headers, raw = client.request("GET", f"{path}{sep}c={session.code}")
    assert status == 404, path
    assert headers["Content-Type"].startswith("application/json")
    assert b"SQLite format" not in raw and b"import" not in raw


def test_the_page(session, client):
    status, headers, raw = client.request("GET", f"/?c={session.code}")
    html = raw.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert '<html lang="zh-CN">' in html and 'name="viewport"' in html
    assert '<html lang="en">' in client.request("GET", f"/?c={session.code}&lang=en")[2].decode()
    srcs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert srcs and all(s.startswith("/static/") for s in srcs), srcs  # nothing from elsewhere
    assert "<script>" not in html and "<style" not in html and " style=" not in html  # CSP: no inline code
    js = client.request("GET", f"/static/page.js?c={session.code}")
    css = client.request("GET", f"/static/page.css?c={session.code}")
    assert js[1]["Content-Type"].startswith("application/javascript") and css[1]["Content-Type"].startswith("text/css")
    for text in (html, js[2].decode(), css[2].decode()):
        assert "http://" not in text and "https://" not in text and "//cdn" not in text
    script = js[2].decode()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script, sink  # every string is inserted with textContent
    assert "textContent" in script
    assert "min-height: 48px" in css[2].decode()


def test_answers_choice_round(session, client):
    rid = session.store.open_round(CHOICE)
    status, body = client.round(device="device-choice-01")
    assert status == 200 and body["round"]["id"] == rid and body["round"]["open"] is True
    assert "correct" not in body["round"] and "question_id" not in body["round"]  # the answer is not sent to phones
    assert body["mine"] is None and body["session_open"] is True
    status, body = client.answer(rid, {"choice": ["B"]}, device="device-choice-01")
    assert status == 200 and body["ok"] and body["round"] == rid
    assert client.round(device="device-choice-01")[1]["mine"] == {"choice": ["B"]}
    status, body = client.answer(rid, {"choice": ["Z"]}, device="device-choice-01")
    err = _refusal(body, "classroom.error.answer_choice_option")
    assert status == 400 and "A, B, C, D" in err["en"] and "A, B, C, D" in err["zh"]
    session.store.close_round()
    status, body = client.answer(rid, {"choice": ["C"]}, device="device-choice-01")
    assert status == 409
    err = _refusal(body, "classroom.error.round_closed")
    assert "已经结束" in err["zh"] and "closed" in err["en"]
    assert session.store.answer(rid, "device-choice-01") == {"choice": ["B"]}  # unchanged
    assert client.round(device="device-choice-01")[1]["round"]["open"] is False


def test_survey_out_of_range_and_script_text(session, client):
    rid = session.store.open_round(SURVEY)
    bad = {"ratings": {**GOOD_SURVEY_ANSWER["ratings"], "recommend": 11}}
    status, body = client.answer(rid, bad, device="device-survey-01")
    err = _refusal(body, "classroom.error.answer_rating_range")
    assert status == 400 and "recommend" in err["zh"] and "0" in err["en"] and "10" in err["en"]
    assert session.store.count(rid) == 0
    evil = "<script>alert(document.cookie)</script><img src=x onerror=alert(1)>"
    status, body = client.answer(rid, {**GOOD_SURVEY_ANSWER, "texts": {"comment": evil}}, device="device-survey-01")
    assert status == 200
    assert session.store.answer(rid, "device-survey-01")["texts"]["comment"] == evil  # stored verbatim
    status, headers, raw = client.request("GET", f"/api/round?c={session.code}&d=device-survey-01")
    assert headers["Content-Type"].startswith("application/json") and headers["X-Content-Type-Options"] == "nosniff"
    assert b"<" not in raw and b">" not in raw  # never served as markup, not even inside JSON
    import json
    assert json.loads(raw)["mine"]["texts"]["comment"] == evil  # and comes back exactly


def test_malformed_bodies(session, client):
    rid = session.store.open_round(CHOICE)
    for body in (b"not json", b"[1,2]", b'{"round": 1}', b'{"round": 1, "payload": {}, "x": 2}', b"\xff\xfe"):
        status, headers, raw = client.request("POST", f"/api/answer?c={session.code}&d=device-bodies-1", body)
        assert status == 400 and b"classroom.error.bad_json" in raw, body
    status, body = client.answer(str(rid), {"choice": ["A"]}, device="device-bodies-1")
    assert status == 409 and body["error"]["key"] == "classroom.error.no_round"
    status, body = client.answer(rid, {"choice": ["A"]}, device="bad%20id!")
    assert status == 400 and body["error"]["key"] == "classroom.error.bad_device"


def test_a_1mb_body_is_refused_without_being_read(session, client):
    rid = session.store.open_round(CHOICE)
    head = (f"POST /api/answer?c={session.code}&d=device-big-0001 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Content-Type: application/json\r\nContent-Length: {1024 * 1024}\r\n\r\n").encode()
    t0 = time.monotonic()
    reply = raw_exchange(session.address, head + b"{" + b" " * 1000)  # only 1 KB of the promised 1 MB is sent
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]  # answered after the headers: the rest was never awaited
    assert time.monotonic() - t0 < 5
    assert b"classroom.error.too_large" in reply
    # a body just over the limit, sent whole, is refused too; one under it is taken
    status, body = client.answer(rid, {"choice": ["A"]}, device="device-big-0002")
    assert status == 200
    over = b'{"round": %d, "payload": {"choice": ["A"]}, "pad": "' % rid + b"x" * BODY_LIMIT + b'"}'
    status, headers, raw = client.request("POST", f"/api/answer?c={session.code}&d=device-big-0003", over)
    assert status == 413 and session.store.answer(rid, "device-big-0003") is None
    chunked = (f"POST /api/answer?c={session.code}&d=device-big-0004 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               "Transfer-Encoding: chunked\r\n\r\n").encode() + b"".join(b"2000\r\n" + b" " * 0x2000 + b"\r\n" for _ in range(4))
    reply = raw_exchange(session.address, chunked + b"0\r\n\r\n")
    assert not reply.startswith(b"HTTP/1.1 200") and session.store.answer(rid, "device-big-0004") is None
    assert client.round(device="device-big-0002")[0] == 200  # still serving


def _read_until_closed(address, data: bytes) -> tuple[bytes, float]:
    """Everything the server sends for ``data`` on a fresh socket until it closes, and the seconds taken."""
    t0 = time.monotonic()
    reply = raw_exchange(address, data, until_closed=True)
    return reply, time.monotonic() - t0


def test_a_chunked_body_over_the_limit_gets_the_bilingual_413(session):
    """A chunked body (no Content-Length) over 16 KB: the same JSON 413 as an announced one, not a plain 400;
    a chunk announced as 1 MB of which only 17 KB is sent is refused without waiting for the rest."""
    import json

    rid = session.store.open_round(CHOICE)
    head = (f"POST /api/answer?c={session.code}&d=device-chunk-000%d HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
    whole = b"".join(b"2000\r\n" + b" " * 0x2000 + b"\r\n" for _ in range(4)) + b"0\r\n\r\n"  # 32 KB, all sent
    partial = b"%x\r\n" % (1024 * 1024) + b" " * (BODY_LIMIT + 1024)  # 1 MB promised in one chunk, 17 KB sent
    for i, body in enumerate((whole, partial), start=1):
        reply, seconds = _read_until_closed(session.address, head.replace("%d", str(i)).encode() + body)
        status_line, _, rest = reply.partition(b"\r\n")
        assert status_line == b"HTTP/1.1 413 Request Entity Too Large", reply[:200]
        headers, _, payload = rest.partition(b"\r\n\r\n")
        assert b"application/json" in headers and b"default-src 'self'" in headers
        err = _refusal(json.loads(payload), "classroom.error.too_large")
        assert err["zh"] == t("classroom.error.too_large", "zh", limit=16) and "16" in err["en"]
        assert seconds < 4  # answered, not left waiting for the promised rest (the body timeout is 30 s)
        assert session.store.answer(rid, f"device-chunk-000{i}") is None
    # a chunked body under the limit is still taken
    ok = json.dumps({"round": rid, "payload": {"choice": ["C"]}}).encode()
    reply, _ = _read_until_closed(session.address, head.replace("%d", "3").replace(
        "Transfer-Encoding", "Connection: close\r\nTransfer-Encoding").encode()
        + b"%x\r\n" % len(ok) + ok + b"\r\n0\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 200"), reply[:200]
    assert session.store.answer(rid, "device-chunk-0003")["choice"] == ["C"]


def test_a_flood_from_one_device_is_limited_while_others_are_served(session):
    rid = session.store.open_round(CHOICE)
    statuses: list[int] = []

    def flood():
        c = Client(session.address, session.code, device="device-flood-01")
        for _ in range(1000):
            statuses.append(c.answer(rid, {"choice": ["A"]})[0])
        c.close()

    t0 = time.monotonic()
    th = threading.Thread(target=flood)
    th.start()
    others = []
    for i in range(20):
        c = Client(session.address, session.code, device=f"device-calm-{i:03d}")
        others.append(c.answer(rid, {"choice": ["B"]})[0])
        c.close()
    th.join(60)
    elapsed = time.monotonic() - t0
    assert others == [200] * 20  # the other phones were served during the flood
    assert len(statuses) == 1000
    ok = statuses.count(200)
    assert statuses.count(429) == 1000 - ok
    assert 1 <= ok <= BURST + RATE * elapsed + 1, (ok, elapsed)  # the token bucket's bound
    assert statuses.count(429) >= 800
    assert session.store.count(rid) == 21


def test_closed_session_refuses_answers(tmp_path):
    with ClassSession(tmp_path / "c.db", lang="en") as s:
        rid = s.store.open_round(CHOICE)
        c = Client(s.address, s.code)
        assert c.answer(rid, {"choice": ["A"]})[0] == 200
        s.store.end_session(s.code)  # what stop() does first
        status, body = c.answer(rid, {"choice": ["B"]})
        assert status == 410
        err = _refusal(body, "classroom.error.session_closed")
        assert "结束" in err["zh"] and "ended" in err["en"]
        assert c.round()[1]["session_open"] is False
        assert s.store.answer(rid, c.device) == {"choice": ["A"]}
        c.close()
    assert not s.running
