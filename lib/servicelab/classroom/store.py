"""The class-mode store: rounds and the students' answers in one SQLite file.

The classroom server (its own process) writes answers; the instructor's panel (the kernel) opens
and closes rounds and reads the answers — at the same time, on the same file.

How it is kept safe (the same rules as the learner's progress file,
:mod:`servicelab.storage.progress`; the opening, the lock and the write transaction are the
shared :class:`servicelab.storage.sqlite.SQLiteStore`)
--------------------------------------------------------------------------------------------
* **Any thread.** One connection (``check_same_thread=False``) behind a re-entrant lock that
  every query and every transaction holds: JupyterLab 4.6 runs widget callbacks on a subshell
  thread.
* WAL journal, ``synchronous=NORMAL``: a committed answer survives the server being killed
  (``SIGKILL``); only a power cut can lose the last commits. ``busy_timeout`` lets the server and
  the kernel write at once (the second waits).
* **One transaction per answer**: the answer is checked against its round's spec (a spec never
  changes once the round exists) and upserted (a device may change its answer until the round
  closes) by one ``INSERT … SELECT … WHERE`` *the round is open* ``… ON CONFLICT DO UPDATE``
  statement — one implicit transaction — so an answer never lands in another round, nor in a
  round that closed meanwhile, and costs one statement. Round ids are ``AUTOINCREMENT``: never reused,
  not even after :meth:`ClassStore.reset`, so an answer meant for an old round can never be
  counted in a new one. At most one round is open (a partial unique index says so).
* ``PRAGMA application_id`` marks the file as ours (``"SVLC"``), ``PRAGMA user_version`` is the
  schema version (:data:`SCHEMA_VERSION`); checking, marking and creating the schema happen in one
  ``BEGIN EXCLUSIVE`` transaction, so two processes opening a new file at once never see each
  other's half-made file. A file that is not SQLite, another program's database, a damaged file
  or one from a newer servicelab is never touched: :class:`ClassStoreError`, bilingual, naming
  the path.
* :meth:`ClassStore.version` is cheap change detection: ``PRAGMA data_version`` (changes when
  another connection commits) combined with this connection's own commit count.
* No names: a device is an anonymous random id the phone made up.

Examples
--------
>>> import os, tempfile
>>> store = ClassStore(os.path.join(tempfile.mkdtemp(), "class.db"))
>>> rid = store.open_round({"kind": "choice", "question_id": "Q-1", "phase": 1, "options": ["A", "B"]})
>>> _ = store.submit(rid, "device-0001", {"choice": ["B"]})
>>> _ = store.submit(rid, "device-0001", {"choice": ["A"]})   # changed its mind: still one answer
>>> store.count(rid), store.answers(rid)["payload"].tolist()
(1, [{'choice': ['A']}])
>>> store.close_round()
>>> store.current_round().open
False
>>> store.close()
"""
from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ServiceLabError
from ..storage.sqlite import BUSY_TIMEOUT_MS  # noqa: F401 - kept: this module's constant before
from ..storage.sqlite import PROBLEMS, SQLiteStore, error_reason, user_data_file
from .rounds import validate_answer, validate_spec

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

ENV_VAR = "SERVICELAB_CLASS_DB"
APPLICATION_ID = 0x53564C43  # "SVLC"
#: An anonymous device id: 8–64 letters, digits, ``_`` or ``-`` (the page makes 22 random ones).
DEVICE_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,64}")

#: ``MIGRATIONS[i]`` upgrades a file from schema version ``i`` to ``i + 1``.
MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE rounds (
               id INTEGER PRIMARY KEY AUTOINCREMENT,
               kind TEXT NOT NULL CHECK (kind IN ('choice', 'survey')),
               spec TEXT NOT NULL,
               opened_at REAL NOT NULL,
               closed_at REAL
           )""",
        # at most one open round
        "CREATE UNIQUE INDEX rounds_one_open ON rounds ((closed_at IS NULL)) WHERE closed_at IS NULL",
        """CREATE TABLE answers (
               round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
               device TEXT NOT NULL,
               payload TEXT NOT NULL,
               received_at REAL NOT NULL,
               PRIMARY KEY (round_id, device)
           ) WITHOUT ROWID""",
        "CREATE INDEX answers_round_time ON answers (round_id, received_at)",
        """CREATE TABLE sessions (
               code TEXT PRIMARY KEY,
               host TEXT NOT NULL,
               port INTEGER NOT NULL,
               pid INTEGER NOT NULL,
               network INTEGER NOT NULL CHECK (network IN (0, 1)),
               started_at REAL NOT NULL,
               stopped_at REAL
           )""",
    ],
]
SCHEMA_VERSION = len(MIGRATIONS)


class ClassStoreError(ServiceLabError):
    """The class file cannot be used: not SQLite, another program's, damaged, or from a newer version.

    ``damaged`` is True for a file that is not SQLite, another program's database or damaged;
    False for a sound file written by a newer servicelab, or a file or folder that cannot be written.
    """

    DAMAGED_KEYS = frozenset({"classroom.error.file_not_sqlite", "classroom.error.file_foreign",
                              "classroom.error.file_damaged"})

    @property
    def damaged(self) -> bool:
        return self.key in self.DAMAGED_KEYS


@dataclass(frozen=True)
class Round:
    """One round as stored.

    Attributes
    ----------
    id : int
    spec : dict
        The validated spec (:func:`servicelab.classroom.rounds.validate_spec`).
    kind : str
        ``"choice"`` or ``"survey"``.
    opened_at, closed_at : float
        Unix times; ``closed_at`` is None while the round is open.
    open : bool
    """

    id: int
    spec: dict
    kind: str
    opened_at: float
    closed_at: float | None

    @property
    def open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class SessionInfo:
    """A server that used this file: its join code, bound address and process id."""

    code: str
    host: str
    port: int
    pid: int
    network: bool
    started_at: float
    stopped_at: float | None


def default_db_path() -> Path:
    """``$SERVICELAB_CLASS_DB`` if set, else ``<user data dir>/classroom.db``."""
    return user_data_file(ENV_VAR, "classroom.db")


def _round(row: tuple) -> Round:
    return Round(row[0], json.loads(row[2]), row[1], row[3], row[4])


class ClassStore(SQLiteStore):
    """Rounds and answers of class mode, in one SQLite file.

    Parameters
    ----------
    path : path, optional
        The file (created with its folder if missing); :func:`default_db_path` by default.

    Raises
    ------
    ClassStoreError
        ``classroom.error.file_not_sqlite``, ``…file_foreign``, ``…file_damaged`` (the file is
        left untouched), ``…file_too_new`` or ``…file_cannot_write`` (a folder that cannot be
        made, a read-only file or medium); bilingual, naming the path.

    Notes
    -----
    Thread-safe, and usable by several processes at once (module notes).
    """

    APPLICATION_ID = APPLICATION_ID
    MIGRATIONS = MIGRATIONS
    #: ``classroom.error.file_not_sqlite``, ``…file_foreign``, ``…file_damaged``, ``…file_too_new``,
    #: ``…file_cannot_write``
    FILE_ERRORS = {problem: (ClassStoreError, f"classroom.error.file_{problem}") for problem in PROBLEMS}

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        super().__init__(path if path is not None else default_db_path())
        self._specs: dict[int, dict] = {}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.open()  # the shared part: servicelab.storage.sqlite.SQLiteStore
        except OSError as exc:
            raise self._file_error("cannot_write", reason=error_reason(exc)) from exc

    def _closed_error(self) -> BaseException:
        return ServiceLabError("classroom.error.store_closed", path=str(self.path))

    # -- rounds --------------------------------------------------------------------------------

    def open_round(self, spec: dict) -> int:
        """Validate ``spec``, close any open round and open a new one; return its id.

        Examples
        --------
        >>> import tempfile, os
        >>> s = ClassStore(os.path.join(tempfile.mkdtemp(), "c.db"))
        >>> a = s.open_round({"kind": "survey", "items": [{"key": "recommend", "min": 0, "max": 10}]})
        >>> b = s.open_round({"kind": "survey", "items": [{"key": "recommend", "min": 0, "max": 10}]})
        >>> s.round(a).open, s.round(b).open
        (False, True)
        >>> s.close()
        """
        clean = validate_spec(spec)
        text = json.dumps(clean, ensure_ascii=True, separators=(",", ":"))
        with self._transaction() as c:
            now = time.time()
            c.execute("UPDATE rounds SET closed_at = ? WHERE closed_at IS NULL", (now,))
            cur = c.execute("INSERT INTO rounds (kind, spec, opened_at) VALUES (?, ?, ?)", (clean["kind"], text, now))
            return int(cur.lastrowid)

    def close_round(self, round_id: int | None = None) -> None:
        """Close round ``round_id`` (the open one by default); closing a closed round does nothing."""
        with self._transaction() as c:
            if round_id is None:
                c.execute("UPDATE rounds SET closed_at = ? WHERE closed_at IS NULL", (time.time(),))
            else:
                c.execute("UPDATE rounds SET closed_at = ? WHERE id = ? AND closed_at IS NULL", (time.time(), round_id))

    def current_round(self) -> Round | None:
        """The open round; if none is open, the last one opened (``open`` False); None if none ever."""
        rows = self._query("SELECT id, kind, spec, opened_at, closed_at FROM rounds "
                           "ORDER BY closed_at IS NULL DESC, id DESC LIMIT 1")
        return _round(rows[0]) if rows else None

    def round(self, round_id: int) -> Round:
        """Round ``round_id``; ``classroom.error.no_round`` if there is none."""
        rows = self._query("SELECT id, kind, spec, opened_at, closed_at FROM rounds WHERE id = ?", (int(round_id),))
        if not rows:
            raise ServiceLabError("classroom.error.no_round", round_id=round_id)
        return _round(rows[0])

    def rounds(self) -> list[Round]:
        """Every round, oldest first."""
        return [_round(r) for r in self._query("SELECT id, kind, spec, opened_at, closed_at FROM rounds ORDER BY id")]

    # -- answers -------------------------------------------------------------------------------

    def submit(self, round_id: int, device: str, payload: Any) -> float:
        """Store (or replace) ``device``'s answer to round ``round_id``; return the time it was received.

        Parameters
        ----------
        round_id : int
        device : str
            The phone's anonymous id (:data:`DEVICE_PATTERN`).
        payload : dict
            Checked with :func:`~servicelab.classroom.rounds.validate_answer` against the round's
            spec, inside the transaction that writes it.

        Returns
        -------
        float
            ``received_at`` (Unix time) — once this returns the answer is committed.

        Raises
        ------
        ServiceLabError
            ``classroom.error.bad_device``, ``…no_round``, ``…round_closed`` or the answer's
            ``classroom.error.answer_*``. Nothing is written then.
        """
        if not isinstance(device, str) or not DEVICE_PATTERN.fullmatch(device):
            raise ServiceLabError("classroom.error.bad_device")
        if isinstance(round_id, bool) or not isinstance(round_id, int):
            raise ServiceLabError("classroom.error.no_round", round_id=str(round_id)[:20])
        clean = validate_answer(self._spec(round_id), payload)
        text = json.dumps(clean, ensure_ascii=True, separators=(",", ":"))
        with self._lock:
            now = time.time()
            # one statement = one transaction: written only if the round is open at that moment
            cur = self.conn.execute(
                "INSERT INTO answers (round_id, device, payload, received_at) "
                "SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM rounds WHERE id = ? AND closed_at IS NULL) "
                "ON CONFLICT (round_id, device) DO UPDATE SET payload = excluded.payload, "
                "received_at = excluded.received_at", (round_id, device, text, now, round_id))
            if cur.rowcount != 1:
                row = self.conn.execute("SELECT closed_at FROM rounds WHERE id = ?", (round_id,)).fetchone()
                if row is None:
                    raise ServiceLabError("classroom.error.no_round", round_id=round_id)
                raise ServiceLabError("classroom.error.round_closed", round_id=round_id)
            self._commits += 1
            return now

    def _spec(self, round_id: int) -> dict:
        """Round ``round_id``'s spec (a round's spec never changes: kept after the first read)."""
        spec = self._specs.get(round_id)
        if spec is None:
            rows = self._query("SELECT spec FROM rounds WHERE id = ?", (round_id,))
            if not rows:
                raise ServiceLabError("classroom.error.no_round", round_id=round_id)
            spec = self._specs[round_id] = json.loads(rows[0][0])
        return spec

    def answer(self, round_id: int, device: str) -> dict | None:
        """``device``'s current answer to round ``round_id`` (the phone shows it after a reload), or None."""
        rows = self._query("SELECT payload FROM answers WHERE round_id = ? AND device = ?", (round_id, device))
        return json.loads(rows[0][0]) if rows else None

    def answers(self, round_id: int) -> pd.DataFrame:
        """One row per device (its last answer), ordered by ``received_at``.

        Returns
        -------
        DataFrame
            columns ``device`` (str), ``payload`` (dict), ``received_at`` (float, Unix time).
        """
        import pandas as pd

        rows = self._query("SELECT device, payload, received_at FROM answers WHERE round_id = ? "
                           "ORDER BY received_at, device", (int(round_id),))
        return pd.DataFrame({"device": pd.Series([r[0] for r in rows], dtype=object),
                             "payload": pd.Series([json.loads(r[1]) for r in rows], dtype=object),
                             "received_at": pd.Series([r[2] for r in rows], dtype=float)})

    def count(self, round_id: int) -> int:
        """How many devices answered round ``round_id``."""
        return int(self._query("SELECT count(*) FROM answers WHERE round_id = ?", (int(round_id),))[0][0])

    def version(self) -> int:
        """A number that changes whenever any process (this one included) committed a change.

        Notes
        -----
        ``(PRAGMA data_version << 32) | own commits``: ``data_version`` changes when *another*
        connection commits, the own count when this one does. One cheap query (no table read).
        """
        with self._lock:
            return (self.data_version() << 32) | (self._commits & 0xFFFFFFFF)

    def data_version(self) -> int:
        """``PRAGMA data_version``: changes only when *another* connection (process) commits.

        The server caches what only the kernel changes (rounds, the session) on this number.
        """
        with self._lock:
            return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def reset(self) -> None:
        """Delete every round and answer (round ids are not reused). The panel asks first."""
        with self._transaction() as c:
            c.execute("DELETE FROM answers")
            c.execute("DELETE FROM rounds")

    # -- server sessions (the server's own bookkeeping; ClassSession.attach reads it) ----------

    def register_session(self, code: str, host: str, port: int, pid: int, network: bool) -> None:
        """Record a running server (its code, address and process id)."""
        with self._transaction() as c:
            c.execute("INSERT OR REPLACE INTO sessions VALUES (?, ?, ?, ?, ?, ?, NULL)",
                      (code, host, int(port), int(pid), int(bool(network)), time.time()))

    def end_session(self, code: str) -> None:
        """Mark the session ``code`` closed: its server refuses answers from now on."""
        with self._transaction() as c:
            c.execute("UPDATE sessions SET stopped_at = ? WHERE code = ? AND stopped_at IS NULL", (time.time(), code))

    def session(self, code: str | None = None) -> SessionInfo | None:
        """Session ``code``, or the last one started that is not closed; None if there is none."""
        if code is None:
            rows = self._query("SELECT * FROM sessions WHERE stopped_at IS NULL ORDER BY started_at DESC LIMIT 1")
        else:
            rows = self._query("SELECT * FROM sessions WHERE code = ?", (code,))
        if not rows:
            return None
        r = rows[0]
        return SessionInfo(r[0], r[1], int(r[2]), int(r[3]), bool(r[4]), r[5], r[6])

    def session_open(self, code: str) -> bool:
        """Whether session ``code`` is registered and not closed."""
        return bool(self._query("SELECT 1 FROM sessions WHERE code = ? AND stopped_at IS NULL", (code,)))
