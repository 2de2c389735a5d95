"""The classroom web server: the phone page and one small JSON API, nothing else.

Endpoints (every one needs the session's join code, ``?c=CODE``)
------------------------------------------------------------------
* ``GET /`` — the phone page (HTML; its strings injected as JSON, both languages).
* ``GET /static/page.js``, ``GET /static/page.css`` — its script and style, from this package
  (served from memory: no path from a request ever reaches the file system).
* ``GET /api/round?c=CODE&d=DEVICE`` — the current round as a phone may see it
  (:func:`~servicelab.classroom.rounds.public_spec`), whether the session is open and this
  device's own answer.
* ``POST /api/answer?c=CODE&d=DEVICE`` with ``{"round": id, "payload": {...}}`` — store an answer.

Anything else is 404. Every refusal is JSON ``{"ok": false, "error": {"key", "zh", "en"}}`` (the
page shows it in the phone's language) with its status: 400 bad answer, 403 wrong code or host,
409 round closed / changed, 410 session closed, 413 body too large, 429 too many requests.

Safety
------
* Binds 127.0.0.1 unless asked for the room's network; answers only the ``Host`` names it bound
  (and ``localhost`` / ``127.0.0.1``), so a foreign page cannot reach it through DNS rebinding.
* Body limit :data:`BODY_LIMIT` (16 KB) checked from ``Content-Length`` *before* the body is read
  (a 1 MB body is refused after its headers and the connection closed); the HTTP server's own
  ``max_body_size`` is a backstop. A chunked body is counted as it arrives (tornado hands it over
  in pieces of at most 16 KB) and refused with the same 413 as soon as it passes the limit.
* A token bucket per device (:data:`RATE` per second, bursts of :data:`BURST`) and one per client
  address for wrong codes: a flooding phone gets 429 while the others are served.
* Headers: ``Content-Security-Policy: default-src 'self'`` (no inline script or style, nothing
  from elsewhere), ``X-Content-Type-Options: nosniff``, ``Cache-Control: no-store``,
  ``Referrer-Policy: no-referrer``, ``X-Frame-Options: DENY``; JSON is ``application/json``.
* Student text is stored verbatim and only ever sent as JSON; the page inserts every string with
  ``textContent``.
"""
from __future__ import annotations

import hmac
import ipaddress
import json
import os
import secrets
import signal
import socket
import sqlite3
import sys
import time
from collections import OrderedDict
from collections.abc import Callable
from importlib import resources
from typing import Any

import tornado.httpserver
import tornado.ioloop
import tornado.netutil
import tornado.web

from ..errors import ServiceLabError
from ..i18n import LANGUAGES, t
from .rounds import public_spec
from .store import DEVICE_PATTERN, ClassStore

#: Largest request body the API reads (an answer is well under 1 KB; free text at most a few KB).
BODY_LIMIT = 16 * 1024
#: The HTTP server's own limit (a backstop; the handler refuses earlier).
HARD_BODY_LIMIT = 64 * 1024
#: tornado's limit for a chunked answer body: never reached, the handler refuses past BODY_LIMIT
#: (tornado's own refusal would be a plain 400, not the bilingual 413).
STREAM_BODY_LIMIT = 1 << 40
#: Requests per second a device may make on average, and the burst it may make at once.
RATE, BURST = 10.0, 20
#: Wrong codes a client address may try per second on average, and in a burst.
CODE_RATE, CODE_BURST = 1.0, 10
#: Token buckets kept at most (the oldest are forgotten: a forgotten bucket starts full).
MAX_BUCKETS = 50_000
#: The join code's alphabet: no 0/O, 1/I/L (unambiguous when read aloud or off a projector).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
#: The line a server started with ``--ready-line`` prints when it listens (ClassSession reads it).
READY_PREFIX = "SERVICELAB-CLASS-READY "
LOCAL_NAMES = frozenset({"localhost", "127.0.0.1"})
STRING_PREFIX = "classroom.page."

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}
_STATIC = {"page.js": "application/javascript; charset=utf-8", "page.css": "text/css; charset=utf-8"}


def new_code() -> str:
    """A fresh random join code (:data:`CODE_LENGTH` characters of :data:`CODE_ALPHABET`).

    Examples
    --------
    >>> c = new_code()
    >>> len(c) == CODE_LENGTH and set(c) <= set(CODE_ALPHABET)
    True
    """
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """Upper case, no spaces; ``classroom.error.bad_code`` if not made of the code alphabet."""
    c = str(code).strip().upper().replace(" ", "")
    if not 4 <= len(c) <= 12 or set(c) - set(CODE_ALPHABET):
        raise ServiceLabError("classroom.error.bad_code", alphabet=CODE_ALPHABET)
    return c


def room_address() -> str:
    """The address of this computer on the room's network (the interface of the default route).

    Raises
    ------
    ServiceLabError
        ``classroom.error.no_network`` when the computer has no network besides loopback.

    Notes
    -----
    A UDP socket "connected" to a documentation address (TEST-NET-1, RFC 5737) sends nothing; the
    operating system only picks the interface it would use.
    """
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("192.0.2.1", 9))
        addr = s.getsockname()[0]
    except OSError:
        addr = ""
    finally:
        s.close()
    if not addr or ipaddress.ip_address(addr).is_loopback or addr == "0.0.0.0":
        raise ServiceLabError("classroom.error.no_network")
    return addr


def bind_address(host: str | None, network: bool) -> tuple[str, bool]:
    """The address to bind and whether it is on a network (not loopback).

    Parameters
    ----------
    host : str or None
        An IP address of this computer, or None: 127.0.0.1, or with ``network`` :func:`room_address`.
    network : bool
        Asked for the room's network.

    Returns
    -------
    (str, bool)
        A non-loopback address counts as the network whether asked or not, so its warning is
        always shown.

    Raises
    ------
    ServiceLabError
        ``classroom.error.bad_bind`` for a name or an unspecified address (``0.0.0.0``): the
        server answers only the ``Host`` it bound, so it needs the one address phones will use.

    Examples
    --------
    >>> bind_address(None, False)
    ('127.0.0.1', False)
    >>> bind_address("192.168.1.20", False)
    ('192.168.1.20', True)
    """
    if host is None:
        return (room_address(), True) if network else ("127.0.0.1", False)
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        raise ServiceLabError("classroom.error.bad_bind", host=host) from None
    if ip.is_unspecified:
        raise ServiceLabError("classroom.error.bad_bind", host=host)
    return str(ip), network or not ip.is_loopback


class TokenBuckets:
    """Token buckets by key: ``rate`` tokens per second, at most ``burst``; a request takes one.

    Examples
    --------
    >>> b = TokenBuckets(rate=1.0, burst=2)
    >>> [b.take("d", now=0.0) for _ in range(3)], b.take("d", now=1.0)
    ([True, True, False], True)
    """

    def __init__(self, rate: float, burst: int, max_keys: int = MAX_BUCKETS) -> None:
        self.rate, self.burst, self.max_keys = float(rate), float(burst), max_keys
        self._b: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        tokens, last = self._b.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        ok = tokens >= 1.0
        self._b[key] = (tokens - 1.0 if ok else tokens, now)
        if len(self._b) > self.max_keys:
            self._b.popitem(last=False)
        return ok


def page_strings() -> dict[str, dict[str, str]]:
    """Every ``classroom.page.*`` string in both languages (the page's own catalogue)."""
    from ..i18n import catalogue

    return {lang: {k[len(STRING_PREFIX):]: t(k, lang) for k in catalogue() if k.startswith(STRING_PREFIX)}
            for lang in LANGUAGES}


def _asset(name: str) -> bytes:
    return resources.files("servicelab.classroom").joinpath("static", name).read_bytes()


def _dumps(data: Any) -> str:
    """JSON with ``<``, ``>`` and ``&`` escaped too: a student's ``<script>`` never appears as markup,
    even in a browser that ignores the content type."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _error_body(msg_key: str, /, **params: Any) -> dict:
    return {"ok": False, "error": {"key": msg_key, **{lang: t(msg_key, lang, **params) for lang in LANGUAGES}}}


class _Base(tornado.web.RequestHandler):
    """Host and code checks, security headers, bilingual JSON refusals."""

    app: ClassApp
    needs_code = True

    def initialize(self, app: ClassApp) -> None:
        self.app = app

    def compute_etag(self) -> None:  # no-store: nothing to revalidate
        return None

    def set_default_headers(self) -> None:
        self.clear_header("Server")
        for k, v in SECURITY_HEADERS.items():
            self.set_header(k, v)

    def refuse(self, status: int, msg_key: str, /, **params: Any) -> None:
        """Finish with ``status`` and the bilingual message ``msg_key``."""
        self.clear()
        self.set_status(status)
        if self.request.method == "POST" and not getattr(self, "_body_read", False):
            # refused before the body was read: tornado closes the connection afterwards; say so
            self.set_header("Connection", "close")
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(_dumps(_error_body(msg_key, **params)))

    def write_json(self, data: dict) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(_dumps(data))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        key = {404: "classroom.error.not_found", 405: "classroom.error.method"}.get(status_code,
                                                                                   "classroom.error.bad_request")
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(_dumps(_error_body(key)))

    def _host_ok(self) -> bool:
        host = (self.request.host or "").strip().lower()
        if host.startswith("["):
            name = host[1:host.find("]")] if "]" in host else host
        else:
            name = host.rsplit(":", 1)[0] if ":" in host else host
        return name in self.app.hosts

    def prepare(self) -> None:
        if not self._host_ok():
            return self.refuse(403, "classroom.error.bad_host")
        if self.needs_code and not self.app.code_ok(self.get_query_argument("c", "")):
            if not self.app.wrong_code_buckets.take(self.request.remote_ip or "?"):
                return self.refuse(429, "classroom.error.rate_limited")
            return self.refuse(403, "classroom.error.wrong_code")

    def device(self) -> str | None:
        """The device id of ``?d=``, after the per-device rate limit; None (and refused) if not allowed."""
        device = self.get_query_argument("d", "")
        if not DEVICE_PATTERN.fullmatch(device):
            self.refuse(400, "classroom.error.bad_device")
            return None
        if not self.app.buckets.take(device):
            self.refuse(429, "classroom.error.rate_limited")
            return None
        return device


class PageHandler(_Base):
    def refuse(self, status: int, msg_key: str, /, **params: Any) -> None:
        """A refused page is a page: both messages and a box to type the join code."""
        self.clear()
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(self.app.refusal_page(msg_key, **params))

    def get(self) -> None:
        lang = self.get_query_argument("lang", self.app.lang)
        lang = lang if lang in LANGUAGES else self.app.lang
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(self.app.page(lang))


class StaticHandler(_Base):
    def get(self, name: str) -> None:
        self.set_header("Content-Type", _STATIC[name])
        self.finish(self.app.assets[name])


class RoundHandler(_Base):
    def get(self) -> None:
        if self._finished:
            return
        device = self.device()
        if device is None:
            return
        try:
            current = self.app.public_round()
            mine = self.app.store.answer(current["id"], device) if current else None
            session_open = self.app.session_open()
        except sqlite3.Error:
            return self.refuse(503, "classroom.error.busy")
        self.write_json({"ok": True, "session_open": session_open, "round": current, "mine": mine,
                         "server_time": time.time()})


@tornado.web.stream_request_body
class AnswerHandler(_Base):
    def prepare(self) -> None:
        super().prepare()
        if self._finished:
            return
        self._body = bytearray()
        self._device = self.device()
        if self._device is None:
            return
        length = self.request.headers.get("Content-Length")
        if length is not None:
            try:
                n = int(length)
            except ValueError:
                return self.refuse(400, "classroom.error.bad_request")
            if n > BODY_LIMIT:
                return self.refuse(413, "classroom.error.too_large", limit=BODY_LIMIT // 1024)
            self.request.connection.set_max_body_size(BODY_LIMIT)
        else:
            # chunked (no length announced): tornado's own check would answer a plain 400 for a body
            # (or a single chunk header) over its limit; data_received below counts instead and
            # refuses with the 413 as soon as the body passes BODY_LIMIT
            self.request.connection.set_max_body_size(STREAM_BODY_LIMIT)

    def data_received(self, chunk: bytes) -> None:
        """Keep at most :data:`BODY_LIMIT` bytes; past it refuse at once (413, connection closed:
        tornado stops handing the rest of the body to this handler and never waits for it)."""
        if self._finished:
            return
        if len(self._body) + len(chunk) > BODY_LIMIT:
            self._body = bytearray()
            return self.refuse(413, "classroom.error.too_large", limit=BODY_LIMIT // 1024)
        self._body += chunk

    def post(self) -> None:
        if self._finished:
            return
        self._body_read = True
        try:
            body = json.loads(bytes(self._body).decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return self.refuse(400, "classroom.error.bad_json")
        if not isinstance(body, dict) or set(body) - {"round", "payload"} or "payload" not in body:
            return self.refuse(400, "classroom.error.bad_json")
        round_id = body.get("round")
        store = self.app.store
        try:
            if not self.app.session_open():
                return self.refuse(410, "classroom.error.session_closed")
            received = store.submit(round_id, self._device, body["payload"])
        except ServiceLabError as err:
            status = 409 if err.key in ("classroom.error.round_closed", "classroom.error.no_round") else 400
            return self.refuse(status, err.key, **err.params)
        except sqlite3.Error:
            return self.refuse(503, "classroom.error.busy")
        self.write_json({"ok": True, "round": round_id, "received_at": received})


class NotFoundHandler(_Base):
    needs_code = False

    def prepare(self) -> None:
        super().prepare()
        if not self._finished:
            self.refuse(404, "classroom.error.not_found")


class ClassApp:
    """The tornado application of one class session.

    Parameters
    ----------
    store : ClassStore
    code : str
        The join code every request must carry.
    hosts : iterable of str
        ``Host`` names answered (the bound address; ``localhost`` and ``127.0.0.1`` are added).
    lang : str
        The page's first language (a phone can switch).
    verbose : bool
        Log every request (tornado's access log) — off by default: 300 phones polling every second
        would flood the terminal.
    """

    def __init__(self, store: ClassStore, code: str, *, hosts: tuple[str, ...] = (), lang: str = "zh",
                 verbose: bool = False) -> None:
        self.store, self.code, self.lang = store, normalise_code(code), lang
        self.hosts = frozenset(h.lower() for h in hosts) | LOCAL_NAMES
        self.buckets = TokenBuckets(RATE, BURST)
        self.wrong_code_buckets = TokenBuckets(CODE_RATE, CODE_BURST)
        self.assets = {name: _asset(name) for name in _STATIC}
        self._template = _asset("page.html").decode("utf-8")
        self._strings = json.dumps(page_strings(), ensure_ascii=True).replace("<", "\\u003c")
        self._pages: dict[str, bytes] = {}
        self._round_cache: tuple[int, dict | None] | None = None
        self._session_cache: tuple[int, bool] | None = None
        args = {"app": self}
        self.tornado = tornado.web.Application(
            [(r"/", PageHandler, args), (r"/static/(page\.js|page\.css)", StaticHandler, args),
             (r"/api/round", RoundHandler, args), (r"/api/answer", AnswerHandler, args)],
            default_handler_class=NotFoundHandler, default_handler_args=args,
            log_function=None if verbose else (lambda handler: None), compress_response=False)

    def code_ok(self, given: str) -> bool:
        return hmac.compare_digest(str(given).strip().upper().encode("ascii", "replace"), self.code.encode("ascii"))

    def page(self, lang: str) -> bytes:
        if lang not in self._pages:
            html = (self._template.replace("{{lang}}", "zh-CN" if lang == "zh" else "en")
                    .replace("{{first_lang}}", lang).replace("{{code}}", self.code)
                    .replace("{{title}}", t("classroom.page.title", lang))
                    .replace("{{noscript}}", t("classroom.page.noscript", lang))
                    .replace("{{strings}}", self._strings))
            self._pages[lang] = html.encode("utf-8")
        return self._pages[lang]

    def session_open(self) -> bool:
        """Whether this session is still open; cached until another process commits (only the
        kernel closes a session or changes rounds; this server's own writes are answers)."""
        v = self.store.data_version()
        if self._session_cache is None or self._session_cache[0] != v:
            self._session_cache = (v, self.store.session_open(self.code))
        return self._session_cache[1]

    def refusal_page(self, msg_key: str, /, **params: Any) -> bytes:
        """A plain HTML page (no script, no style: nothing for the CSP to block) with the message in
        both languages and a form to type the join code (``GET /?c=…``)."""
        from html import escape

        parts = ['<!DOCTYPE html>\n<html lang="zh-CN">\n<head><meta charset="utf-8">',
                 '<meta name="viewport" content="width=device-width, initial-scale=1">',
                 f'<title>{escape(t("classroom.page.title", "zh"))} · {escape(t("classroom.page.title", "en"))}</title>',
                 '</head>\n<body>']
        for lang in LANGUAGES:
            tag = "zh-CN" if lang == "zh" else "en"
            parts.append(f'<p lang="{tag}">{escape(t(msg_key, lang, **params))}</p>')
        label = f'{t("classroom.page.code_label", "zh")} · {t("classroom.page.code_label", "en")}'
        join = f'{t("classroom.page.join", "zh")} · {t("classroom.page.join", "en")}'
        parts.append(f'<form method="get" action="/"><label>{escape(label)} '
                     f'<input name="c" autocomplete="off" autocapitalize="characters" maxlength="12" size="8"></label> '
                     f'<button type="submit">{escape(join)}</button></form>\n</body>\n</html>\n')
        return "\n".join(parts).encode("utf-8")

    def public_round(self) -> dict | None:
        """The current round as a phone sees it, cached until another process commits."""
        v = self.store.data_version()
        if self._round_cache is None or self._round_cache[0] != v:
            r = self.store.current_round()
            data = None if r is None else {"id": r.id, "open": r.open, **public_spec(r.spec)}
            self._round_cache = (v, data)
        return self._round_cache[1]


def serve(db: str | os.PathLike | None = None, *, host: str | None = None, port: int = 0, network: bool = False,
          code: str | None = None, lang: str = "zh", ready: Callable[[dict], None] | None = None,
          parent_pid: int | None = None, watch_stdin: bool = False, verbose: bool = False) -> None:
    """Run the classroom server until SIGTERM / SIGINT (Ctrl-C), or until the parent process dies.

    Parameters
    ----------
    db : path, optional
        The class file (:func:`servicelab.classroom.store.default_db_path` by default).
    host : str, optional
        Address to bind: 127.0.0.1 by default; with ``network`` the room's address
        (:func:`room_address`) unless given.
    port : int
        0 picks a free port.
    network : bool
        Bind the room's network (phones of the room can reach the page; so can anyone on it).
    code : str, optional
        The join code (a new random one by default).
    lang : str
        The page's first language.
    ready : callable, optional
        Called once listening with ``{"host", "port", "code", "url", "pid", "network", "db"}``.
    parent_pid : int, optional
        Stop when this process is no longer the parent (the kernel that started the server died).
    watch_stdin : bool
        Stop when standard input reaches its end (the parent's pipe closed).
    verbose : bool
        Log every request.
    """
    code = normalise_code(code) if code else new_code()
    host, network = bind_address(host, network)
    store = ClassStore(db)
    sockets = tornado.netutil.bind_sockets(port, address=host, family=socket.AF_INET if ":" not in host else 0)
    bound = sockets[0].getsockname()[1]
    app = ClassApp(store, code, hosts=(host,), lang=lang, verbose=verbose)
    server = tornado.httpserver.HTTPServer(app.tornado, max_body_size=HARD_BODY_LIMIT,
                                           max_buffer_size=4 * HARD_BODY_LIMIT, idle_connection_timeout=120,
                                           body_timeout=30, chunk_size=BODY_LIMIT)
    server.add_sockets(sockets)
    store.register_session(code, host, bound, os.getpid(), network)
    loop = tornado.ioloop.IOLoop.current()
    stopping: list[bool] = []

    def stop() -> None:
        if stopping:
            return
        stopping.append(True)
        try:
            store.end_session(code)
        except (sqlite3.Error, ServiceLabError):
            pass
        server.stop()
        loop.stop()

    def on_signal(signum: int, frame: Any) -> None:
        loop.add_callback_from_signal(stop)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if parent_pid is not None:
        def check_parent() -> None:
            if os.getppid() != parent_pid:
                stop()
        tornado.ioloop.PeriodicCallback(check_parent, 500).start()
    if watch_stdin and hasattr(signal, "SIGKILL"):  # POSIX: EOF on the pipe = the parent is gone
        fd = sys.stdin.fileno()

        def on_stdin(fd_: int, events: int) -> None:
            if not os.read(fd, 1024):
                loop.remove_handler(fd)
                stop()
        loop.add_handler(fd, on_stdin, tornado.ioloop.IOLoop.READ)
    info = {"host": host, "port": bound, "code": code, "url": join_url(host, bound, code), "pid": os.getpid(),
            "network": network, "db": str(store.path)}
    if ready is not None:
        ready(info)
    try:
        loop.start()
    finally:
        server.stop()
        store.close()


def join_url(host: str, port: int, code: str) -> str:
    """The URL a phone opens: ``http://HOST:PORT/?c=CODE``.

    Examples
    --------
    >>> join_url("127.0.0.1", 8765, "AB3KXY")
    'http://127.0.0.1:8765/?c=AB3KXY'
    """
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?c={code}"
