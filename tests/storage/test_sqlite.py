"""The shared SQLite open routine (servicelab.storage.sqlite), exercised through a third, tiny store.

Oracles: SQLite itself, read through a separate raw connection (application_id, user_version,
journal mode, tables), and the bytes of the file (left untouched when refused).
"""
from __future__ import annotations

import ast
import multiprocessing
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from servicelab.classroom.store import ClassStore, ClassStoreError
from servicelab.errors import ServiceLabError
from servicelab.storage import sqlite as S
from servicelab.storage.sqlite import SQLiteStore

from .test_progress_hardening import _read_only_sqlite  # SQLite opens the file read-only (root ignores chmod)

LIB = str(Path(__file__).resolve().parents[2] / "lib")
NOTES_ID = 0x4E4F5445  # "NOTE"


class NotesError(ServiceLabError):
    """A test-only error: the key and parameters, no translation needed."""

    def __init__(self, key: str, **params) -> None:
        self.key, self.params = key, params
        ValueError.__init__(self, key)


def _add_word_count(conn: sqlite3.Connection) -> None:  # a migration step that is a Python function
    conn.execute("ALTER TABLE notes ADD COLUMN words INTEGER")
    conn.execute("UPDATE notes SET words = length(text) - length(replace(text, ' ', '')) + 1")


class Notes(SQLiteStore):
    APPLICATION_ID = NOTES_ID
    MIGRATIONS = [["CREATE TABLE notes (text TEXT NOT NULL)"]]
    FILE_ERRORS = {p: (NotesError, f"notes.{p}") for p in S.PROBLEMS}

    def __init__(self, path) -> None:
        super().__init__(path)
        self.open()

    def add(self, text: str) -> None:
        with self._transaction() as c:
            c.execute("INSERT INTO notes (text) VALUES (?)", (text,))


class NotesV2(Notes):
    MIGRATIONS = [*Notes.MIGRATIONS, [_add_word_count]]


def _raw(path: Path, sql: str):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _refused(path: Path) -> NotesError:
    before = path.read_bytes()
    with pytest.raises(NotesError) as info:
        Notes(path)
    assert path.read_bytes() == before  # never touched
    assert info.value.params["path"] == str(path)
    return info.value


def test_a_new_file_is_marked_migrated_and_in_wal(tmp_path):
    db = tmp_path / "notes.db"
    with Notes(db) as n:
        n.add("hello world")
        assert n.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000
        assert n.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert n.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert n._commits == 1
    assert _raw(db, "PRAGMA application_id") == [(NOTES_ID,)]
    assert _raw(db, "PRAGMA user_version") == [(1,)]
    assert _raw(db, "PRAGMA journal_mode") == [("wal",)]  # persistent in the file
    assert _raw(db, "SELECT text FROM notes") == [("hello world",)]


def test_an_older_file_is_migrated_in_place_and_keeps_its_rows(tmp_path):
    db = tmp_path / "notes.db"
    with Notes(db) as n:
        n.add("one two three")
    with NotesV2(db) as n:
        assert n._query("SELECT text, words FROM notes") == [("one two three", 3)]
    assert _raw(db, "PRAGMA user_version") == [(2,)]


def test_header_checks_refuse_and_leave_the_file_untouched(tmp_path):
    text = tmp_path / "text.db"
    text.write_text("my notes, not a database\n" * 20)
    assert _refused(text).key == "notes.not_sqlite"

    foreign = tmp_path / "foreign.db"
    _raw(foreign, "CREATE TABLE someone_elses (x)")
    assert _refused(foreign).key == "notes.foreign"

    other_app = tmp_path / "other-app.db"
    _raw(other_app, f"PRAGMA application_id = {NOTES_ID + 1}")
    assert _refused(other_app).key == "notes.foreign"

    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(S.SQLITE_MAGIC + bytes(range(256)) * 20)
    assert _refused(garbage).key in ("notes.not_sqlite", "notes.damaged")


def test_a_file_from_a_newer_schema_is_refused_with_both_versions(tmp_path):
    db = tmp_path / "notes.db"
    NotesV2(db).close()
    err = _refused(db)  # Notes knows version 1 only
    assert err.key == "notes.too_new" and err.params["found"] == 2 and err.params["supported"] == 1


def test_a_damaged_page_is_found_by_quick_check(tmp_path):
    db = tmp_path / "notes.db"
    with Notes(db) as n:
        for i in range(400):
            n.add(f"note number {i} " * 5)
    page = _raw(db, "PRAGMA page_size")[0][0]
    _raw(db, "PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    assert len(data) >= 4 * page
    data[2 * page + 8: 3 * page] = b"\xa5" * (page - 8)  # page 3: a b-tree page, header kept, cells garbage
    db.write_bytes(bytes(data))
    assert _refused(db).key in ("notes.damaged", "notes.not_sqlite")


def test_a_sound_file_that_cannot_be_written_fails_at_open(tmp_path, monkeypatch):
    db = tmp_path / "notes.db"
    Notes(db).close()
    _read_only_sqlite(monkeypatch, db)
    assert _refused(db).key == "notes.cannot_write"


def test_regression_class_store_on_a_read_only_file_is_refused_at_open(tmp_path, monkeypatch):
    """The class store used to open a read-only file and fail at the first write with a raw
    sqlite3 error (it wrote user_version only when migrating); now, like the progress store,
    it says at open that the file cannot be written."""
    db = tmp_path / "class.db"
    with ClassStore(db) as s:
        s.open_round({"kind": "choice", "question_id": "Q-1", "phase": 1, "options": ["A", "B"]})
    before = db.read_bytes()
    _read_only_sqlite(monkeypatch, db)
    with pytest.raises(ClassStoreError) as info:
        ClassStore(db)
    assert info.value.key == "classroom.error.file_cannot_write" and not info.value.damaged
    assert str(db) in info.value.message("en") and str(db) in info.value.message("zh")
    assert db.read_bytes() == before


def test_a_failed_transaction_is_rolled_back_and_any_thread_may_write(tmp_path):
    with Notes(tmp_path / "notes.db") as n:
        with pytest.raises(ZeroDivisionError):
            with n._transaction() as c:
                c.execute("INSERT INTO notes (text) VALUES ('half')")
                1 / 0
        worker = threading.Thread(target=n.add, args=("from another thread",))
        worker.start()
        worker.join(10)
        assert n._query("SELECT text FROM notes") == [("from another thread",)]
        assert n._commits == 1
    with pytest.raises(RuntimeError):
        n._query("SELECT 1")  # closed


def _open_together(path: str, barrier, results) -> None:
    try:
        barrier.wait(30)
        with Notes(path) as n:
            n.add("written")
        results.put("ok")
    except BaseException as exc:  # noqa: BLE001 - the parent counts refusals
        results.put(f"{type(exc).__name__}: {exc}")


def test_two_processes_opening_a_new_file_at_once_both_succeed(tmp_path):
    ctx = multiprocessing.get_context("fork")
    for r in range(8):
        path = tmp_path / f"new-{r}.db"
        barrier, results = ctx.Barrier(2), ctx.Queue()
        procs = [ctx.Process(target=_open_together, args=(str(path), barrier, results)) for _ in range(2)]
        for p in procs:
            p.start()
        got = [results.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(30)
        assert got == ["ok", "ok"], got
        assert _raw(path, "SELECT count(*) FROM notes") == [(2,)]
        assert _raw(path, "PRAGMA journal_mode") == [("wal",)]
        assert _raw(path, "PRAGMA application_id") == [(NOTES_ID,)]


def test_the_shared_routine_stays_core_so_the_class_server_may_use_it():
    """tests/classroom/test_layering.py lets servicelab.classroom import this one module of
    storage: it must import nothing of servicelab but errors, and load no quiz, pandas or tornado."""
    tree = ast.parse(Path(S.__file__).read_text(encoding="utf-8"))
    relative = {(n.level, n.module) for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level}
    assert relative == {(2, "errors")}
    absolute = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    absolute |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and not n.level}
    assert not {m for m in absolute if m and m.startswith("servicelab")}
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import servicelab.storage.sqlite; "
         "print(sorted({m.split('.')[0] for m in sys.modules} & {'tornado', 'pandas', 'fsrs', 'numpy'}), "
         "'servicelab.quiz' in sys.modules, 'servicelab.storage.progress' in sys.modules)", LIB],
        capture_output=True, text=True, timeout=60, check=True).stdout.split()
    assert loaded == ["[]", "False", "False"]
