"""``ClassSession``: the classroom server started from a notebook cell.

The server runs in its own process (``python -m servicelab.classroom serve …``), so the kernel's
widgets and the phones never compete for one event loop. The session reads the bound address from
the server's first line, keeps a :class:`~servicelab.classroom.store.ClassStore` on the same file
for the panel, and stops the server with :meth:`ClassSession.stop`, when the kernel exits
(``atexit``), or — if the kernel is killed — by itself: the server watches its standard input (a
pipe from the kernel; end of file = the kernel is gone) and its parent process id.
"""
from __future__ import annotations

import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from pathlib import Path

from ..errors import ServiceLabError
from ..i18n import t
from .server import READY_PREFIX, join_url, new_code, normalise_code
from .store import ClassStore, default_db_path

#: Seconds to wait for the server's ready line.
START_TIMEOUT_S = 30.0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _listening(address: tuple[str, int]) -> bool:
    try:
        socket.create_connection(address, timeout=1).close()
    except OSError:
        return False
    return True


class ClassSession:
    """A running classroom server and the store the panel reads.

    Parameters
    ----------
    db : path, optional
        The class file (:func:`~servicelab.classroom.store.default_db_path` by default:
        ``$SERVICELAB_CLASS_DB`` or ``classroom.db`` in the user data folder).
    network : bool
        Bind the room's network address instead of 127.0.0.1 (:attr:`warning` then says that
        anyone on that network can reach the page).
    port : int
        0 picks a free port.
    lang : str
        Language of :attr:`warning` and the page's first language.
    host : str, optional
        The address to bind (with ``network``: instead of the detected room address).
    code : str, optional
        The join code (a new random one by default; give the old one after a restart).

    Attributes
    ----------
    code : str
    join_url : str
        ``http://HOST:PORT/?c=CODE``.
    address : tuple
        (host, port) bound.
    warning : str or None
    store : ClassStore
    running : bool

    Raises
    ------
    ClassStoreError
        The file is not a class file (before any server starts).
    ServiceLabError
        ``classroom.error.server_failed`` naming why the server did not start.

    Examples
    --------
    >>> import tempfile, os
    >>> s = ClassSession(os.path.join(tempfile.mkdtemp(), "class.db"))
    >>> s.running, s.join_url.startswith("http://127.0.0.1:"), s.warning is None
    (True, True, True)
    >>> s.stop(); s.running
    False
    """

    def __init__(self, db: str | os.PathLike | None = None, *, network: bool = False, port: int = 0,
                 lang: str = "zh", host: str | None = None, code: str | None = None) -> None:
        self.db = Path(db) if db is not None else default_db_path()
        self.lang = lang
        self.network = bool(network)
        self.store = ClassStore(self.db)
        self.code = normalise_code(code) if code else new_code()
        self._proc: subprocess.Popen | None = None
        self._pid: int | None = None
        self._log = tempfile.NamedTemporaryFile(prefix="servicelab-class-", suffix=".log", delete=False)
        cmd = [sys.executable, "-m", "servicelab.classroom", "serve", "--db", str(self.db), "--port", str(int(port)),
               "--code", self.code, "--lang", lang, "--ready-line", "--parent-pid", str(os.getpid()), "--watch-stdin"]
        if network:
            cmd.append("--network")
        if host:
            cmd += ["--host", host]
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self._proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log,
                                      env=env, text=True, encoding="utf-8")
        self._pid = self._proc.pid
        info = self._wait_ready()
        self.network = bool(info["network"])  # an address given with host= may be a network one
        self._set_address(info["host"], int(info["port"]))
        threading.Thread(target=self._drain, name="servicelab-class-stdout", daemon=True).start()
        ref = weakref.ref(self)
        atexit.register(lambda: (ref() is not None and ref().stop()))

    # -- starting ------------------------------------------------------------------------------

    def _set_address(self, host: str, port: int) -> None:
        self.address = (host, port)
        self.join_url = join_url(host, port, self.code)
        self.warning = t("classroom.warning.network", self.lang, address=f"{host}:{port}") if self.network else None

    def _wait_ready(self) -> dict:
        lines: list[str] = []
        found: list[dict] = []

        def read() -> None:
            for line in self._proc.stdout:
                if line.startswith(READY_PREFIX):
                    found.append(json.loads(line[len(READY_PREFIX):]))
                    return
                lines.append(line)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(START_TIMEOUT_S)
        if found:
            return found[0]
        self._kill()
        detail = (Path(self._log.name).read_text(encoding="utf-8", errors="replace") + "".join(lines)).strip()
        self._log.close()
        os.unlink(self._log.name)
        self._log = None
        self.store.close()
        raise ServiceLabError("classroom.error.server_failed", detail=detail[-1500:] or "timeout")

    def _drain(self) -> None:
        try:
            for _ in self._proc.stdout:
                pass
        except (OSError, ValueError):
            pass

    # -- attaching to a server started from the command line -----------------------------------

    @classmethod
    def attach(cls, db: str | os.PathLike | None = None, *, lang: str = "zh") -> ClassSession:
        """The session of a server already running on ``db`` (started with ``make class``).

        Raises
        ------
        ServiceLabError
            ``classroom.error.no_server`` when no live server is registered in the file.
        """
        path = Path(db) if db is not None else default_db_path()
        store = ClassStore(path)
        info = store.session()
        if info is None or not _alive(info.pid):
            store.close()
            raise ServiceLabError("classroom.error.no_server", path=str(path))
        self = cls.__new__(cls)
        self.db, self.lang, self.network, self.store, self.code = path, lang, info.network, store, info.code
        self._proc, self._pid, self._log = None, info.pid, None
        self._set_address(info.host, info.port)
        return self

    # -- state and stopping --------------------------------------------------------------------

    @property
    def running(self) -> bool:
        if self._proc is not None:
            return self._proc.poll() is None
        return self._pid is not None and _alive(self._pid) and self.store.session_open(self.code)

    def stop(self, timeout: float = 10.0) -> None:
        """Close the session (the server refuses answers from now on) and stop the server."""
        try:
            if self.store._conn is not None:
                self.store.end_session(self.code)
        except Exception:  # noqa: BLE001 - stopping must go on
            pass
        if self._proc is not None:
            if self._proc.poll() is None:
                self._proc.terminate()
                try:
                    self._proc.wait(timeout)
                except subprocess.TimeoutExpired:
                    self._kill()
            for stream in (self._proc.stdin, self._proc.stdout):
                try:
                    if stream is not None:
                        stream.close()
                except OSError:
                    pass
        elif self._pid is not None and _alive(self._pid):
            os.kill(self._pid, signal.SIGTERM)
            deadline = time.monotonic() + timeout
            while _alive(self._pid) and _listening(self.address) and time.monotonic() < deadline:
                time.sleep(0.05)
        if self._log is not None:
            self._log.close()
            try:
                os.unlink(self._log.name)
            except OSError:
                pass
            self._log = None

    def _kill(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()

    def __enter__(self) -> ClassSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"ClassSession({self.join_url!r}, running={self.running})"
