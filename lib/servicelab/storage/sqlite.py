"""Opening and using one SQLite file safely: what the progress store and the class store share.

:class:`SQLiteStore` is the base of :class:`servicelab.storage.progress.ProgressStore` (the
learner's progress) and :class:`servicelab.classroom.store.ClassStore` (class mode). A subclass
names its file's ``application_id`` (:attr:`SQLiteStore.APPLICATION_ID`), its schema migrations
(:attr:`SQLiteStore.MIGRATIONS`) and which translated error it raises for each kind of file
problem (:attr:`SQLiteStore.FILE_ERRORS`); the base does the rest:

* **The header check.** A non-empty file must start with SQLite's 16-byte magic; it is looked at
  twice, 0.2 s apart, so a file another process is creating right now is not taken for a
  foreign one (:meth:`SQLiteStore._check_header`).
* **The first open is one exclusive transaction.** What the file is (empty, ours, another
  program's, from a newer version, damaged by ``PRAGMA quick_check``) is read inside
  ``BEGIN EXCLUSIVE`` — after any wait for another opener — and an empty file is marked ours and
  migrated in the same transaction, so two processes opening a new file at once never see each
  other's half-made file (:meth:`SQLiteStore._init_schema`). ``PRAGMA user_version`` is written
  at every open, even when nothing needs migrating, so a sound file that cannot be written (full
  disk, read-only file or medium) fails at open rather than at the first write.
* **WAL, retried.** The switch to WAL does not wait for a busy file; it is retried until the
  busy timeout while another opener holds it (:meth:`SQLiteStore._use_wal`). Then
  ``synchronous=NORMAL`` (a committed write survives a killed process) and foreign keys on.
* ``busy_timeout`` (:data:`BUSY_TIMEOUT_MS`, 30 s): a second writer waits for the first.
* **One connection and a lock.** JupyterLab 4.6 runs widget callbacks on a kernel subshell
  thread, so the connection is opened with ``check_same_thread=False`` and every query
  (:meth:`SQLiteStore._query`) and every write transaction (:meth:`SQLiteStore._transaction`,
  ``BEGIN IMMEDIATE … COMMIT``, rolled back on any error) holds one re-entrant lock.
* **What an error means.** :func:`file_problem` tells "not SQLite", "damaged" and "cannot be
  written" apart by SQLite's result code (its message text when there is none) or the OS error
  number; busy is never "cannot write".

Examples
--------
A third, tiny store (the tests use one like it):

>>> import os, tempfile
>>> from servicelab.errors import ServiceLabError
>>> from servicelab.storage.progress import ProgressStore
>>> class Notes(SQLiteStore):
...     APPLICATION_ID = 0x4E4F5445  # "NOTE"
...     MIGRATIONS = [["CREATE TABLE notes (text TEXT NOT NULL)"]]
...     FILE_ERRORS = ProgressStore.FILE_ERRORS  # a real store names its own translated keys
>>> path = os.path.join(tempfile.mkdtemp(), "notes.db")
>>> n = Notes(path); n.open()
>>> with n._transaction() as c:
...     _ = c.execute("INSERT INTO notes VALUES ('hello')")
>>> n._query("SELECT text FROM notes"), n._query("PRAGMA journal_mode"), n._query("PRAGMA user_version")
([('hello',)], [('wal',)], [(1,)])
>>> n.close()
>>> _ = open(path + ".txt", "w").write("not a database at all")
>>> try:
...     Notes(path + ".txt").open()
... except ServiceLabError as err:
...     print(err.key, err.params["path"].endswith("notes.db.txt"))
progress.error.not_sqlite True
"""
from __future__ import annotations

import errno
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

from ..errors import ServiceLabError

#: The first 16 bytes of every SQLite database file.
SQLITE_MAGIC = b"SQLite format 3\x00"
#: How long a connection waits for another one's lock (and the WAL switch is retried).
BUSY_TIMEOUT_MS = 30_000
#: The kinds of file problem a store translates (:attr:`SQLiteStore.FILE_ERRORS`).
PROBLEMS: tuple[str, ...] = ("not_sqlite", "foreign", "damaged", "too_new", "cannot_write")

#: SQLite result codes (low byte) that mean "cannot write here", not "the file is damaged".
_CANNOT_WRITE_CODES = {3, 8, 10, 13, 14, 23}  # PERM, READONLY, IOERR, FULL, CANTOPEN, AUTH
_DAMAGED_CODES = {11, 26}  # CORRUPT, NOTADB
_NOT_A_DATABASE = 26
_BUSY_CODES = {5, 6}  # BUSY, LOCKED
_CANNOT_WRITE_TEXT = ("disk is full", "readonly database", "read-only", "unable to open database file",
                      "disk i/o error", "attempt to write")
_DAMAGED_TEXT = ("malformed", "not a database", "file is encrypted")
_CANNOT_WRITE_ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG,
                        getattr(errno, "EDQUOT", errno.ENOSPC)}


def error_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of ``exc`` (the low byte), or None when it carries none."""
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` means another connection holds the file (SQLITE_BUSY / SQLITE_LOCKED)."""
    code = error_code(exc)
    return code in _BUSY_CODES or (code is None and "locked" in str(exc).lower())


def is_damage(exc: BaseException) -> bool:
    """Whether ``exc`` means the file is not a database or is damaged (SQLITE_NOTADB / CORRUPT)."""
    if error_code(exc) is not None:
        return error_code(exc) in _DAMAGED_CODES
    return isinstance(exc, sqlite3.DatabaseError) and any(m in str(exc).lower() for m in _DAMAGED_TEXT)


def is_cannot_write(exc: BaseException) -> bool:
    """Whether ``exc`` means a sound file cannot be written (full disk, read-only, no permission)."""
    if isinstance(exc, OSError):
        return exc.errno in _CANNOT_WRITE_ERRNOS
    if error_code(exc) is not None:
        return error_code(exc) in _CANNOT_WRITE_CODES
    return isinstance(exc, sqlite3.Error) and any(m in str(exc).lower() for m in _CANNOT_WRITE_TEXT)


def error_reason(exc: BaseException) -> str:
    """The system's words for ``exc`` (``strerror``, else its message, else its type's name)."""
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def file_problem(exc: BaseException) -> tuple[str, dict[str, Any]] | None:
    """What an OS or SQLite error says about the file: a :data:`PROBLEMS` kind and its parameters.

    Parameters
    ----------
    exc : BaseException
        Raised while opening, reading or writing the file.

    Returns
    -------
    (str, dict) or None
        ``("not_sqlite", {})``, ``("damaged", {"detail": …})`` or ``("cannot_write",
        {"reason": …})``; None when the error says nothing about the file (busy, a bug).

    Notes
    -----
    SQLite's result code decides when the error carries one (``sqlite_errorcode``, Python 3.11+):
    NOTADB → not SQLite, CORRUPT → damaged, PERM / READONLY / IOERR / FULL / CANTOPEN / AUTH →
    cannot write; else the message text; an ``OSError`` by its ``errno`` (ENOSPC, EROFS,
    EACCES, EPERM, EFBIG, EDQUOT). A busy or locked file is never "cannot write".

    Examples
    --------
    >>> file_problem(sqlite3.DatabaseError("file is not a database"))
    ('not_sqlite', {})
    >>> file_problem(OSError(errno.ENOSPC, "No space left on device"))
    ('cannot_write', {'reason': 'No space left on device'})
    >>> file_problem(sqlite3.OperationalError("database is locked")) is None
    True
    """
    if is_damage(exc):
        if error_code(exc) == _NOT_A_DATABASE or "not a database" in str(exc).lower():
            return "not_sqlite", {}
        return "damaged", {"detail": error_reason(exc)}
    if not is_busy(exc) and is_cannot_write(exc):
        return "cannot_write", {"reason": error_reason(exc)}
    return None


def user_data_file(env_var: str, name: str) -> Path:
    """Where a store's file lives: ``$<env_var>`` when set, else ``<user data dir>/<name>``.

    Parameters
    ----------
    env_var : str
        An environment variable holding a file path (tests, a USB stick, a shared machine).
    name : str
        The file's name in the per-user data folder, ``platformdirs.user_data_dir("servicelab")``
        (``~/.local/share/servicelab`` on Linux, ``%LOCALAPPDATA%\\servicelab`` on Windows).

    Returns
    -------
    Path
        ``~`` expanded in the variable's value.

    Examples
    --------
    >>> import os
    >>> os.environ["SL_DOCTEST_DB"] = "~/x.db"
    >>> user_data_file("SL_DOCTEST_DB", "y.db") == Path("~/x.db").expanduser()
    True
    >>> del os.environ["SL_DOCTEST_DB"]; user_data_file("SL_DOCTEST_DB", "y.db").name
    'y.db'
    """
    override = os.environ.get(env_var)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("servicelab", appauthor=False)) / name


class SQLiteStore:
    """One SQLite file of servicelab's: checked, marked, migrated, in WAL, behind one lock.

    Parameters
    ----------
    path : path
        The file. :meth:`open` opens it; the subclass decides when (and what to do first, such
        as creating its folder).

    Attributes
    ----------
    APPLICATION_ID : int
        ``PRAGMA application_id`` of the subclass's files (four ASCII letters).
    MIGRATIONS : list of list of step
        ``MIGRATIONS[i]`` upgrades a file from schema version ``i`` to ``i + 1``; a step is an SQL
        statement or a function of the connection. All run in the first open's exclusive
        transaction.
    FILE_ERRORS : mapping
        Problem kind (:data:`PROBLEMS`) → (exception class, i18n key). The error gets ``path``
        and the problem's parameters: ``detail`` (damaged), ``found`` and ``supported``
        (too new), ``reason`` (cannot write).
    path : Path

    Notes
    -----
    Safe to use from any thread: every use of the connection holds :attr:`lock`.
    """

    APPLICATION_ID: ClassVar[int] = 0
    MIGRATIONS: ClassVar[Sequence[Sequence[Any]]] = ()
    FILE_ERRORS: ClassVar[Mapping[str, tuple[type[ServiceLabError], str]]] = {}
    BUSY_TIMEOUT_MS: ClassVar[int] = BUSY_TIMEOUT_MS

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._identity: tuple[int, int] | None = None
        self._commits = 0

    @classmethod
    def schema_version(cls) -> int:
        """The schema version this code writes: ``len(MIGRATIONS)``."""
        return len(cls.MIGRATIONS)

    # -- what goes wrong -------------------------------------------------------------------------

    def _file_error(self, problem: str, **params: Any) -> ServiceLabError:
        """The subclass's translated error for a :data:`PROBLEMS` kind, naming the path."""
        cls, key = self.FILE_ERRORS[problem]
        return cls(key, path=str(self.path), **params)

    def _open_error(self, exc: BaseException) -> BaseException:
        """What an OS / SQLite error means for the learner (:func:`file_problem`); ``exc`` itself
        if it says nothing about the file, or is translated already."""
        if isinstance(exc, ServiceLabError):
            return exc
        found = file_problem(exc)
        return exc if found is None else self._file_error(found[0], **found[1])

    def _use_error(self, exc: BaseException) -> BaseException:
        """What an error of a query or write transaction becomes: by default itself (a subclass
        whose callers expect translated errors returns :meth:`_open_error`)."""
        return exc

    @staticmethod
    def _raise_as(exc: BaseException, err: BaseException) -> None:
        """Raise ``err``, chained to ``exc`` — or ``exc`` itself when ``err`` is ``exc``."""
        if err is exc:
            raise exc
        raise err from exc

    # -- opening ---------------------------------------------------------------------------------

    def _connect(self, target: str | None = None, *, uri: bool = False) -> sqlite3.Connection:
        """A connection usable from any thread, in autocommit mode, with the busy timeout."""
        conn = sqlite3.connect(target or str(self.path), timeout=self.BUSY_TIMEOUT_MS / 1000,
                               isolation_level=None, check_same_thread=False, uri=uri)
        conn.execute(f"PRAGMA busy_timeout = {self.BUSY_TIMEOUT_MS}")
        return conn

    def _check_header(self) -> None:
        """A non-empty file must start with SQLite's magic; looked at twice, 0.2 s apart, so a
        file another process is creating right now is not taken for a foreign one."""
        for attempt in range(2):
            try:
                with open(self.path, "rb") as fh:
                    head = fh.read(16)
            except FileNotFoundError:
                return
            if not head or head == SQLITE_MAGIC:
                return
            if attempt == 0:
                time.sleep(0.2)
        raise self._file_error("not_sqlite")

    def _problem(self, conn: sqlite3.Connection) -> tuple[str | None, bool]:
        """(problem kind or None, whether the file is new and empty); raises ``too_new``."""
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        n_objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id == 0 and version == 0 and n_objects == 0:
            return None, True  # empty: ours to initialise
        if app_id != self.APPLICATION_ID:
            return "foreign", False
        if version > self.schema_version():
            raise self._file_error("too_new", found=version, supported=self.schema_version())
        return None, False

    def _init_schema(self, conn: sqlite3.Connection, *, check: bool = False) -> None:
        """Check, mark and migrate the file in one ``BEGIN EXCLUSIVE`` transaction.

        What the file is, is read *inside* the transaction — after any wait for another opener —
        so a file another process is initialising is seen either untouched or complete. With
        ``check`` False (a connection of this process's own, such as an in-memory copy) the file
        is taken as ours. The ``user_version`` is written even when nothing needs migrating: a
        sound file that cannot be written (full disk, read-only) fails here, at open, rather
        than at the first write.
        """
        conn.execute("BEGIN EXCLUSIVE")
        try:
            problem, empty = self._problem(conn) if check else (None, True)
            if problem is not None:
                raise self._file_error(problem)
            if check and not empty:
                verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
                if verdict != "ok":
                    raise self._file_error("damaged", detail=verdict)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if empty:
                conn.execute(f"PRAGMA application_id = {self.APPLICATION_ID}")
            for v in range(version, self.schema_version()):
                for statement in self.MIGRATIONS[v]:
                    if callable(statement):
                        statement(conn)
                    else:
                        conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {self.schema_version()}")
            conn.execute("COMMIT")
        except BaseException:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            raise

    def _use_wal(self, conn: sqlite3.Connection) -> None:
        """Switch to WAL, retrying while another opener holds the file (the switch does not wait);
        then ``synchronous=NORMAL`` and foreign keys on."""
        deadline = time.monotonic() + self.BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            except sqlite3.OperationalError as exc:
                if not is_busy(exc) or time.monotonic() > deadline:
                    raise
                mode = None
            if mode == "wal" or time.monotonic() > deadline:
                break
            time.sleep(0.02)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")

    def _open_file(self) -> sqlite3.Connection:
        """Header check, connection, checked schema, WAL; errors translated (:meth:`_open_error`).

        Remembers the file's identity (device, inode) for :meth:`file_replaced`.
        """
        self._check_header()
        try:
            conn = self._connect()
        except sqlite3.Error as exc:
            self._raise_as(exc, self._open_error(exc))
        try:
            self._init_schema(conn, check=True)
            self._use_wal(conn)
            st = os.stat(self.path)
            self._identity = (st.st_dev, st.st_ino)
        except BaseException as exc:
            conn.close()
            if isinstance(exc, (sqlite3.Error, OSError)):
                self._raise_as(exc, self._open_error(exc))
            raise
        return conn

    def open(self) -> None:
        """Open the file (:meth:`_open_file`) as this store's connection."""
        self._conn = self._open_file()

    # -- using -----------------------------------------------------------------------------------

    def _closed_error(self) -> BaseException:
        """What using a closed store raises."""
        return RuntimeError(f"{type(self).__name__} is closed")

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection (use it only while holding :attr:`lock`)."""
        if self._conn is None:
            raise self._closed_error()
        return self._conn

    @property
    def lock(self) -> threading.RLock:
        """The lock every use of the connection holds."""
        return self._lock

    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Run a read query under the lock; all rows."""
        with self._lock:
            try:
                return self.conn.execute(sql, params).fetchall()
            except sqlite3.DatabaseError as exc:
                self._raise_as(exc, self._use_error(exc))

    def _before_write(self) -> None:
        """Called under the lock before each write transaction begins (a subclass may refuse)."""

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``) so writers queue, not deadlock.

        Holds the lock throughout; rolled back on any error, which is raised as
        :meth:`_use_error` says; counts the commits (``_commits``).
        """
        with self._lock:
            self._before_write()
            c = self.conn
            try:
                c.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                self._raise_as(exc, self._use_error(exc))
            try:
                yield c
            except BaseException as exc:
                try:
                    c.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
                if isinstance(exc, sqlite3.Error):
                    self._raise_as(exc, self._use_error(exc))
                raise
            else:
                try:
                    c.execute("COMMIT")
                except sqlite3.Error as exc:
                    try:
                        c.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass
                    self._raise_as(exc, self._use_error(exc))
                self._commits += 1

    def file_replaced(self) -> bool | None:
        """Whether the file was deleted or replaced since it was opened (None: not a file opened).

        Raises ``OSError`` when the file cannot be looked at (other than being gone).
        """
        if self._identity is None:
            return None
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return True
        return (st.st_dev, st.st_ino) != self._identity

    def close(self) -> None:
        """Close the connection (further use raises :meth:`_closed_error`)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["BUSY_TIMEOUT_MS", "PROBLEMS", "SQLITE_MAGIC", "SQLiteStore", "error_code", "error_reason",
           "file_problem", "is_busy", "is_cannot_write", "is_damage", "user_data_file"]
