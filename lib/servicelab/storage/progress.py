"""A learner's quiz progress in one SQLite file.

Where the file lives
--------------------
* ``$SERVICELAB_PROGRESS_DB`` — a file path — when that environment variable is set (tests, a
  USB stick, a shared classroom machine);
* otherwise ``progress.db`` in the per-user data folder,
  ``platformdirs.user_data_dir("servicelab")`` (e.g. ``~/.local/share/servicelab`` on Linux,
  ``%LOCALAPPDATA%\\servicelab`` on Windows, ``~/Library/Application Support/servicelab`` on macOS).

How it is kept safe
-------------------
(The opening, the lock and the write transaction are shared with the class-mode store:
:class:`servicelab.storage.sqlite.SQLiteStore`.)

* **Any thread.** JupyterLab 4.6 runs widget callbacks on a kernel *subshell* thread, not on the
  thread that opened the store. A store therefore holds **one** connection opened with
  ``check_same_thread=False`` and serialises every use of it (each query, each whole
  transaction) with a re-entrant lock. One shared connection rather than one per thread
  (``threading.local``) because an in-memory store (:data:`IN_MEMORY`, or the read-only copy
  below) exists only inside its connection, and so that a transaction is never split between
  threads.
* WAL journal and ``synchronous=NORMAL``: every committed answer survives a crash or a killed
  kernel (``SIGKILL``); only a power cut can lose the last few commits.
* Each answer is written in its own ``BEGIN IMMEDIATE … COMMIT`` transaction together with the
  spaced-repetition state it changes (its FSRS review log and card, :mod:`servicelab.quiz.schedule`), so a row is either fully there or not at all. A mock paper
  is handed in as **one** transaction (:meth:`ProgressStore.record_paper`) whose answer ids are
  derived from the paper's id: handing the same paper in again adds nothing.
* ``busy_timeout`` (30 s): two notebooks (two kernels) can answer at the same time; the second
  writer waits for the first.
* **First open is one exclusive transaction.** Checking what the file is, marking it ours and
  running the migrations happen inside ``BEGIN EXCLUSIVE`` and are read again after any busy
  wait, so two kernels opening a new file at once never see each other's half-made file; the
  switch to WAL is retried while another opener holds the file.
* ``PRAGMA application_id`` marks the file as ours, ``PRAGMA user_version`` is the schema
  version; :data:`MIGRATIONS` upgrades older files in place, inside the exclusive first-open
  transaction. Version 1 kept Leitner boxes; version 2 keeps FSRS cards and review logs, and the
  upgrade replays the file's whole answer and card-review history through FSRS (a step of a
  migration may be a Python function of the connection). The learner's exam date is a setting in
  the same file (:meth:`ProgressStore.set_exam_date`); every due time is capped at it.
* **Damaged or not ours** — not SQLite, another program's SQLite database, or a file that fails
  ``PRAGMA quick_check`` at open — is never touched: opening raises a bilingual
  :class:`ProgressFileError` (``err.damaged`` tells a damaged file from one written by a newer
  version). Only ``start_fresh=True`` moves a damaged file aside
  (``progress.db.corrupt-<UTC timestamp>``, never over an existing file) and starts an empty one.
* **Sound but cannot be written** — full disk, read-only file or medium, no permission — is a
  different error, :class:`ProgressWriteError`, never "damaged". With ``read_only_ok=True`` such a
  file is copied into memory: the learner sees their progress, new answers are kept for the
  session only (:attr:`ProgressStore.read_only_reason` says why), the file is not changed. Every
  write checks first that the file is still the one opened (not deleted or replaced) and raises
  :class:`ProgressWriteError` if it is gone, instead of writing into a deleted file.
* Free text is stored as JSON with ASCII escapes, so any Python string (emoji, right-to-left
  scripts, NUL, even lone surrogates, megabytes long or empty) comes back exactly.
* :meth:`ProgressStore.export_json` / :meth:`ProgressStore.import_json` move progress between
  computers; answers carry a UUID, so importing the same file twice adds nothing. An export is
  written to a temporary file (``.<name>.<pid>-<random>.sl-tmp``) and renamed into place; temporary
  files left by a killed export are removed at the next open (:func:`remove_stale_temp_files`).
  :func:`resolve_export_path` keeps export / import paths inside allowed folders.
* :meth:`ProgressStore.reset` needs ``confirm=RESET_TOKEN``.

Examples
--------
>>> import os, tempfile
>>> from datetime import datetime, timezone
>>> from servicelab.quiz.scoring import Result
>>> os.environ["SERVICELAB_PROGRESS_DB"] = os.path.join(tempfile.mkdtemp(), "p.db")
>>> store = ProgressStore()
>>> r = Result("Q-C1.1-single-01", "single", "A", 1.0, 1.0, True, 1.0)
>>> uid = store.record_answer(r, mode="practice", answered_at=datetime(2025, 6, 1, tzinfo=timezone.utc))
>>> st = store.states()["Q-C1.1-single-01"]
>>> len(store.answers()), round(st.stability, 4), st.due.isoformat()
(1, 2.3065, '2025-06-03T00:00:00+00:00')
>>> store.close(); del os.environ["SERVICELAB_PROGRESS_DB"]
"""
from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
import time
import uuid as _uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ServiceLabError
from ..quiz.schedule import ItemState, forecast_by_chapter, horizon, parse_exam_date, replay, review
from .sqlite import BUSY_TIMEOUT_MS, SQLiteStore, user_data_file
from .sqlite import error_reason as _reason

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..quiz.bank import Bank
    from ..quiz.scoring import Result

ENV_VAR = "SERVICELAB_PROGRESS_DB"
APPLICATION_ID = 0x53564C42  # "SVLB"
RESET_TOKEN = "RESET"
EXPORT_FORMAT = "servicelab-progress"
EXPORT_VERSION = 1
MODES: tuple[str, ...] = ("practice", "mock", "review")
#: Suffix of the temporary files an export writes before renaming them into place.
TMP_SUFFIX = ".sl-tmp"
#: ``.<target name>.<pid>-<8 hex>.sl-tmp`` — the only names :func:`remove_stale_temp_files` removes.
_TMP_NAME = re.compile(r"^\.(?P<target>.+)\.(?P<pid>\d+)-[0-9a-f]{8}" + re.escape(TMP_SUFFIX) + r"$")
#: A temporary file older than this is stale even if its process id is in use again.
TMP_MAX_AGE_S = 24 * 3600
#: Namespace of the answer ids of a handed-in mock paper (uuid5 of paper id and question id).
PAPER_NAMESPACE = _uuid.UUID("9a3c4d52-7d0e-4c1b-9a55-53564c425041")
#: Review logs of every recorded answer and card review not logged yet (FSRS rating: right →
#: 3 *Good*, wrong → 1 *Again*); the log's uuid is the answer's / card review's.
_LOG_HISTORY: tuple[str, ...] = (
    """INSERT OR IGNORE INTO review_logs (uuid, kind, item_id, rating, reviewed_at)
       SELECT uuid, 'question', question_id, CASE correct WHEN 1 THEN 3 ELSE 1 END, answered_at FROM answers""",
    """INSERT OR IGNORE INTO review_logs (uuid, kind, item_id, rating, reviewed_at)
       SELECT uuid, 'card', card_id, CASE remembered WHEN 1 THEN 3 ELSE 1 END, reviewed_at FROM card_reviews""",
)


def _exam_date_in(c: sqlite3.Connection) -> date | None:
    row = c.execute("SELECT value FROM settings WHERE key = 'exam_date'").fetchone()
    return date.fromisoformat(row[0]) if row else None


def _card_row(kind: str, s: ItemState) -> tuple:
    k = s.card
    return (kind, s.item_id, int(k.state), k.step, float(k.stability), float(k.difficulty), _iso(k.due),
            _iso(k.last_review), s.n_correct, s.n_wrong)


def _card_state(item_id: str, row: Sequence[Any]) -> ItemState:
    """ItemState from (state, step, stability, difficulty, due, last_review, n_correct, n_wrong)."""
    import fsrs

    from ..quiz.schedule import _card_id

    card = fsrs.Card(card_id=_card_id(item_id), state=fsrs.State(row[0]), step=row[1], stability=row[2],
                     difficulty=row[3], due=_parse(row[4]), last_review=_parse(row[5]))
    return ItemState(item_id, card, row[6], row[7])


def _rebuild_cards(c: sqlite3.Connection) -> None:
    """Replay every review log through FSRS (time order, then uuid) into the cards table, with the
    stored exam date's cap. The cards are a pure function of the logs and the exam date."""
    exam = _exam_date_in(c)
    rows: list[tuple] = []
    for kind in ("question", "card"):
        states = replay(((r[0], r[1] != 1, _parse(r[2])) for r in c.execute(
            "SELECT item_id, rating, reviewed_at FROM review_logs WHERE kind = ? ORDER BY reviewed_at, uuid",
            (kind,))), exam_date=exam)
        rows += [_card_row(kind, s) for s in states.values()]
    c.execute("DELETE FROM cards")
    c.executemany("INSERT INTO cards VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _leitner_to_fsrs(c: sqlite3.Connection) -> None:
    """Migration 1 → 2: log the whole answer / card-review history and replay it through FSRS."""
    for statement in _LOG_HISTORY:
        c.execute(statement)
    _rebuild_cards(c)


#: Schema migrations: ``MIGRATIONS[i]`` upgrades a file from version ``i`` to ``i + 1``. A step is
#: an SQL statement or a function of the connection; all run in the first open's exclusive
#: transaction.
MIGRATIONS: list[list[str | Callable[[sqlite3.Connection], None]]] = [
    [
        """CREATE TABLE answers (
               uuid TEXT PRIMARY KEY,
               question_id TEXT NOT NULL,
               mode TEXT NOT NULL,
               response TEXT NOT NULL,
               score REAL NOT NULL,
               max_score REAL NOT NULL,
               partial_credit REAL NOT NULL,
               correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
               answered_at TEXT NOT NULL
           )""",
        "CREATE INDEX answers_question_time ON answers (question_id, answered_at)",
        "CREATE INDEX answers_time ON answers (answered_at)",
        """CREATE TABLE schedule (
               kind TEXT NOT NULL CHECK (kind IN ('question', 'card')),
               item_id TEXT NOT NULL,
               box INTEGER NOT NULL CHECK (box BETWEEN 1 AND 5),
               due TEXT NOT NULL,
               last_reviewed TEXT NOT NULL,
               n_correct INTEGER NOT NULL,
               n_wrong INTEGER NOT NULL,
               PRIMARY KEY (kind, item_id)
           )""",
        "CREATE INDEX schedule_due ON schedule (kind, due)",
        """CREATE TABLE card_reviews (
               uuid TEXT PRIMARY KEY,
               card_id TEXT NOT NULL,
               remembered INTEGER NOT NULL CHECK (remembered IN (0, 1)),
               reviewed_at TEXT NOT NULL
           )""",
        "CREATE INDEX card_reviews_card_time ON card_reviews (card_id, reviewed_at)",
    ],
    [
        """CREATE TABLE cards (
               kind TEXT NOT NULL CHECK (kind IN ('question', 'card')),
               item_id TEXT NOT NULL,
               state INTEGER NOT NULL CHECK (state BETWEEN 1 AND 3),
               step INTEGER,
               stability REAL NOT NULL CHECK (stability > 0),
               difficulty REAL NOT NULL CHECK (difficulty BETWEEN 1 AND 10),
               due TEXT NOT NULL,
               last_review TEXT NOT NULL,
               n_correct INTEGER NOT NULL,
               n_wrong INTEGER NOT NULL,
               PRIMARY KEY (kind, item_id)
           )""",
        "CREATE INDEX cards_due ON cards (kind, due)",
        """CREATE TABLE review_logs (
               uuid TEXT PRIMARY KEY,
               kind TEXT NOT NULL CHECK (kind IN ('question', 'card')),
               item_id TEXT NOT NULL,
               rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
               reviewed_at TEXT NOT NULL
           )""",
        "CREATE INDEX review_logs_item_time ON review_logs (kind, item_id, reviewed_at)",
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        _leitner_to_fsrs,
        "DROP TABLE schedule",
    ],
    [  # 3 (issue 8): the running mock paper, saved as it is answered (resumed after a reload or restart)
        """CREATE TABLE IF NOT EXISTS running_paper (
               paper_id TEXT PRIMARY KEY,
               sections TEXT NOT NULL,
               started_at TEXT NOT NULL,
               deadline TEXT NOT NULL,
               answers TEXT NOT NULL,
               handed_in_at TEXT,
               updated_at TEXT NOT NULL
           )""",
    ],
]
SCHEMA_VERSION = len(MIGRATIONS)


class ProgressFileError(ServiceLabError):
    """The progress file cannot be used as it is: damaged, another program's, or from a newer version.

    ``damaged`` is True for a file that is not SQLite, is another program's database or fails
    ``PRAGMA quick_check`` (``start_fresh`` may move it aside), False for one from a newer version.
    """

    DAMAGED_KEYS = frozenset({"progress.error.not_sqlite", "progress.error.damaged", "progress.error.foreign"})

    @property
    def damaged(self) -> bool:
        return self.key in self.DAMAGED_KEYS


class ProgressWriteError(ServiceLabError):
    """A sound progress file that cannot be written (full disk, read-only file or medium, no
    permission), or that was deleted or replaced while open. Never means "damaged"."""


#: Path value for a progress store kept in memory only (this session; nothing saved).
IN_MEMORY = ":memory:"


def default_db_path() -> Path:
    """``$SERVICELAB_PROGRESS_DB`` if set, else ``<user data dir>/progress.db``."""
    return user_data_file(ENV_VAR, "progress.db")


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=timezone.utc)


def _iso(when: datetime) -> str:
    """Fixed-width UTC ISO text, so text order is time order."""
    return _aware(when).astimezone(timezone.utc).isoformat(timespec="microseconds")


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text)


def remove_stale_temp_files(folder: str | os.PathLike, *, now: float | None = None) -> list[Path]:
    """Remove the temporary files that killed exports left in ``folder``; return what was removed.

    Parameters
    ----------
    folder : path
        Where exports were written (the progress file's folder, an export folder).
    now : float, optional
        The current time (``time.time()``); tests pass another.

    Returns
    -------
    list of Path
        The removed files.

    Notes
    -----
    Only files named like this module's own temporary files are considered,
    ``.<target name>.<pid>-<8 hex digits>.sl-tmp``; any other file is never touched. One is stale
    when the process that wrote it is no longer running on this computer, or when it is older
    than :data:`TMP_MAX_AGE_S` (a process id can be reused; the folder can be shared with another
    computer). A running export's temporary file is kept. Errors (a vanished or locked file, a
    folder that cannot be listed) are ignored: cleaning up must never stop the progress opening.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / ".export.json.999999999-0123abcd.sl-tmp").write_text("half")
    >>> _ = (d / "notes.tmp").write_text("mine")
    >>> [p.name for p in remove_stale_temp_files(d)], sorted(p.name for p in d.iterdir())
    (['.export.json.999999999-0123abcd.sl-tmp'], ['notes.tmp'])
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _TMP_NAME.match(entry.name)
        if m is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            old = now - entry.stat(follow_symlinks=False).st_mtime > TMP_MAX_AGE_S
            if old or not _process_alive(int(m["pid"])):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return pid <= 2**22  # exists but not ours (PermissionError); an impossible pid is not alive
    return True


def _write_atomically(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` through a uniquely named temporary file and a rename."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}{TMP_SUFFIX}")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise


def resolve_export_path(name: str, folder: str | os.PathLike, *, suffix: str = ".json") -> Path:
    """The path of an export / import file called ``name`` inside ``folder`` — and nowhere else.

    Parameters
    ----------
    name : str
        A plain file name such as ``"progress-export.json"``: no folder part, no ``..``, not
        hidden, ending in ``suffix``.
    folder : path
        The allowed folder (the learner's data folder, or one the learner picked).
    suffix : str
        The required ending.

    Returns
    -------
    Path
        ``folder / name``, resolved.

    Raises
    ------
    ServiceLabError
        ``progress.error.bad_export_name`` for anything but a plain name (``../x.json``, an
        absolute path, ``a/b.json``, a name with the wrong ending), and
        ``progress.error.outside_folder`` if the resolved path (following symbolic links) is
        not inside ``folder``.

    Notes
    -----
    This keeps a page that can drive the panel's widgets (a browser page on the instructor's
    demo server) from writing or reading any path it likes.

    Examples
    --------
    >>> resolve_export_path("progress-export.json", "/tmp").name
    'progress-export.json'
    >>> try:
    ...     resolve_export_path("../etc/passwd.json", "/tmp")
    ... except ServiceLabError as err:
    ...     print(err.key)
    progress.error.bad_export_name
    """
    text = str(name).strip()
    plain = (text and text not in (".", "..") and not text.startswith(".") and "/" not in text and "\\" not in text
             and "\x00" not in text and ":" not in text and text.lower().endswith(suffix))
    if not plain:
        raise ServiceLabError("progress.error.bad_export_name", name=text, folder=str(folder), suffix=suffix)
    base = Path(folder).expanduser().resolve()
    target = (base / text).resolve()
    if target.parent != base:
        raise ServiceLabError("progress.error.outside_folder", name=text, folder=str(base))
    return target


@dataclass(frozen=True)
class Dashboard:
    """Progress at a glance.

    Attributes
    ----------
    by_concept : DataFrame
        chapter, concept, n_questions, n_answered, accuracy (mean latest score of the answered
        questions, NaN when none), mastery (latest scores summed over *all* the concept's
        questions / n_questions: unanswered count 0), coverage (n_answered / n_questions).
    by_chapter : DataFrame
        The same columns per chapter (a question counts once in its chapter).
    streak : int
        Consecutive days with at least one answer, ending today or yesterday (local days of ``now``).
    due : int
        Questions whose review is due at ``now``.
    total_answers : int
    forecast : DataFrame
        Predicted recall per chapter at :attr:`forecast_at` — a model's forecast
        (:func:`servicelab.quiz.schedule.forecast_by_chapter`: chapter, n_questions, n_reviewed,
        recall, expected).
    forecast_at : datetime
        The exam day's start if an exam date ahead is set, else ``now``.
    exam_date : date or None
    """

    by_concept: pd.DataFrame
    by_chapter: pd.DataFrame
    streak: int
    due: int
    total_answers: int
    forecast: pd.DataFrame | None = None
    forecast_at: datetime | None = None
    exam_date: date | None = None


class ProgressStore(SQLiteStore):
    """The learner's progress file.

    Parameters
    ----------
    path : path, optional
        The SQLite file; :func:`default_db_path` by default. Its folder is created if needed.
        :data:`IN_MEMORY` (``":memory:"``) keeps the progress in memory for this session only
        (nothing is written to disk; the panels use it when no file can be opened).
    start_fresh : bool
        If the file is damaged (not SQLite, another program's, fails ``quick_check``), move it
        aside to ``<name>.corrupt-<timestamp>`` and start an empty file instead of raising.
        Never deletes anything.
    read_only_ok : bool
        If the file is sound but cannot be written (full disk, read-only file or medium), copy it
        into memory instead of raising :class:`ProgressWriteError`: :attr:`read_only_reason` then
        says why, :attr:`in_memory` is True and the file is left as it is.

    Attributes
    ----------
    in_memory : bool
        True when nothing reaches a file (:data:`IN_MEMORY`, or a read-only copy).
    read_only_reason : ProgressWriteError or None
        Why a sound file was opened as an in-memory copy.
    moved_aside : Path or None
        Where ``start_fresh`` moved a damaged file.
    removed_temp_files : list of Path
        Temporary files of killed exports removed at open (:func:`remove_stale_temp_files`).

    Raises
    ------
    ProgressFileError
        Bilingual, naming the path: not an SQLite file, another program's database, a damaged
        file (``quick_check``) — left untouched unless ``start_fresh`` — or written by a newer
        servicelab.
    ProgressWriteError
        A sound file (or its folder) that cannot be written, unless ``read_only_ok``.
    OSError or sqlite3.OperationalError
        When the folder cannot be created (a file where the folder should be), or the file stays
        locked longer than the busy timeout. The widgets catch these and fall back to
        :data:`IN_MEMORY`.

    Notes
    -----
    Safe to use from any thread: one connection (``check_same_thread=False``) behind a
    re-entrant lock that every query and every transaction holds (see the module notes).
    """

    APPLICATION_ID = APPLICATION_ID
    MIGRATIONS = MIGRATIONS
    FILE_ERRORS = {
        "not_sqlite": (ProgressFileError, "progress.error.not_sqlite"),
        "foreign": (ProgressFileError, "progress.error.foreign"),
        "damaged": (ProgressFileError, "progress.error.damaged"),
        "too_new": (ProgressFileError, "progress.error.too_new"),
        "cannot_write": (ProgressWriteError, "progress.error.cannot_write"),
    }

    def __init__(self, path: str | os.PathLike | None = None, *, start_fresh: bool = False,
                 read_only_ok: bool = False) -> None:
        super().__init__(path if path is not None else default_db_path())
        self.in_memory = path is not None and str(path) == IN_MEMORY
        self.moved_aside: Path | None = None
        self.read_only_reason: ProgressWriteError | None = None
        self.removed_temp_files: list[Path] = []
        self._open(start_fresh, read_only_ok)

    # -- opening (the shared part: :class:`servicelab.storage.sqlite.SQLiteStore`) ---------------

    def _use_error(self, exc: BaseException) -> BaseException:
        """Errors of queries and writes are translated like those at open (cannot write, damaged)."""
        return self._open_error(exc)

    def _closed_error(self) -> BaseException:
        return RuntimeError("progress store is closed")

    def _before_write(self) -> None:
        self.check_file()

    def _open(self, start_fresh: bool, read_only_ok: bool) -> None:
        if self.in_memory:
            conn = self._connect(IN_MEMORY)
            self._init_schema(conn)
            self._conn = conn
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.removed_temp_files = remove_stale_temp_files(self.path.parent)
        try:
            conn = self._open_file()
        except ProgressFileError as err:
            if not (start_fresh and err.damaged):
                raise
            self.moved_aside = self._move_aside()
            conn = self._open_file()
        except ProgressWriteError as err:
            if not read_only_ok:
                raise
            conn = self._read_only_copy(err)
        self._conn = conn

    def _read_only_copy(self, why: ProgressWriteError) -> sqlite3.Connection:
        """A sound file that cannot be written, copied into memory (the file is not changed)."""
        uri = self.path.resolve().as_uri()
        for query in ("?mode=ro", "?immutable=1"):  # immutable: a read-only medium without the -shm file
            try:
                src = self._connect(uri + query, uri=True)
            except sqlite3.Error:
                continue
            try:
                problem, _empty = self._problem(src)
                if problem is not None:
                    raise self._file_error(problem)
                verdict = src.execute("PRAGMA quick_check").fetchone()[0]
                if verdict != "ok":
                    raise self._file_error("damaged", detail=verdict)
                mem = self._connect(IN_MEMORY)
                src.backup(mem)
            except sqlite3.Error:
                continue
            finally:
                src.close()
            self._init_schema(mem)  # an old version's copy is migrated in memory
            self.in_memory = True
            self.read_only_reason = why
            return mem
        raise why

    def _move_aside(self) -> Path:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists() or target.with_name(target.name + "-wal").exists():  # never over another copy
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        try:
            os.replace(self.path, target)
            for suffix in ("-wal", "-shm", "-journal"):
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    os.replace(side, target.with_name(target.name + suffix))
        except OSError as exc:
            raise ProgressWriteError("progress.error.cannot_write", path=str(self.path), reason=_reason(exc)) from exc
        return target

    def check_file(self) -> None:
        """Raise :class:`ProgressWriteError` if the file was deleted or replaced since it was opened."""
        if self.in_memory:
            return
        try:
            replaced = self.file_replaced()
        except OSError as exc:
            raise ProgressWriteError("progress.error.cannot_write", path=str(self.path), reason=_reason(exc)) from exc
        if replaced:
            raise ProgressWriteError("progress.error.file_gone", path=str(self.path))

    def integrity_check(self) -> str:
        """``PRAGMA integrity_check`` (``"ok"`` for a sound file)."""
        return self._query("PRAGMA integrity_check")[0][0]

    # -- writing -------------------------------------------------------------------------------

    _CARD_COLUMNS = "state, step, stability, difficulty, due, last_review, n_correct, n_wrong"

    def _load_state(self, c: sqlite3.Connection, kind: str, item_id: str) -> ItemState | None:
        row = c.execute(f"SELECT {self._CARD_COLUMNS} FROM cards WHERE kind = ? AND item_id = ?",
                        (kind, item_id)).fetchone()
        return None if row is None else _card_state(item_id, row)

    def _review(self, c: sqlite3.Connection, kind: str, item_id: str, uid: str, correct: bool,
                when: datetime) -> None:
        """Log one review and advance the item's FSRS card (inside a transaction)."""
        c.execute("INSERT INTO review_logs VALUES (?, ?, ?, ?, ?)", (uid, kind, item_id, 3 if correct else 1, _iso(when)))
        state = review(self._load_state(c, kind, item_id), item_id, correct, when, exam_date=_exam_date_in(c))
        c.execute("INSERT OR REPLACE INTO cards VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", _card_row(kind, state))

    def record_answer(
        self, result: Result, *, mode: str, answered_at: datetime, answer_id: str | None = None
    ) -> str:
        """Store one scored answer, its FSRS review log and the question's new FSRS card, in one transaction.

        Parameters
        ----------
        result : Result
            From :func:`servicelab.quiz.scoring.score_answer`.
        mode : {"practice", "mock", "review"}
        answered_at : datetime
            Naive means UTC.
        answer_id : str, optional
            A UUID; a new random one by default.

        Returns
        -------
        str
            The answer's UUID.
        """
        if mode not in MODES:
            raise ServiceLabError("quiz.error.bad_mode", value=mode, allowed=", ".join(MODES))
        uid = answer_id or str(_uuid.uuid4())
        with self._transaction() as c:
            self._insert_answer(c, result, mode, answered_at, uid, "INSERT")
        return uid

    def _insert_answer(self, c: sqlite3.Connection, result: Result, mode: str, answered_at: datetime, uid: str,
                       verb: str) -> bool:
        """Insert one answer and advance its question's FSRS card (inside a transaction); False if the
        uuid was already there (``verb`` ``"INSERT OR IGNORE"``) and nothing changed."""
        before = c.total_changes
        c.execute(
            f"{verb} INTO answers (uuid, question_id, mode, response, score, max_score, partial_credit,"
            " correct, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (uid, result.question_id, mode, json.dumps(result.response, ensure_ascii=True), float(result.score),
             float(result.max_score), float(result.partial_credit), int(bool(result.correct)), _iso(answered_at)),
        )
        if c.total_changes == before:
            return False
        self._review(c, "question", result.question_id, uid, bool(result.correct), answered_at)
        return True

    @staticmethod
    def paper_answer_id(paper_id: str, question_id: str) -> str:
        """The answer id of a question on a mock paper: ``uuid5(PAPER_NAMESPACE, paper_id + "/" + question_id)``."""
        return str(_uuid.uuid5(PAPER_NAMESPACE, f"{paper_id}/{question_id}"))

    def record_paper(self, paper_id: str, results: Iterable[Result], *, answered_at: datetime) -> int:
        """Store a handed-in mock paper's answers (mode ``"mock"``) in **one** transaction.

        Parameters
        ----------
        paper_id : str
            Identifies the paper (the panel draws a UUID per paper).
        results : iterable of Result
            The paper's scored answers (one per answered question).
        answered_at : datetime
            Hand-in time (naive means UTC).

        Returns
        -------
        int
            How many answers were added: 0 when this paper was already handed in.

        Notes
        -----
        All or nothing: a failure part-way (full disk, a killed kernel) stores none of the paper.
        Idempotent: each answer's id is :meth:`paper_answer_id` of the paper and the question, so
        handing the same paper in again — after a failure, a double click — adds nothing and does
        not review any FSRS card twice.

        Examples
        --------
        >>> from servicelab.quiz.scoring import Result
        >>> s = ProgressStore(IN_MEMORY)
        >>> rs = [Result("Q1", "single", "A", 1.0, 1.0, True, 1.0), Result("Q2", "single", "B", 0.0, 1.0, False, 0.0)]
        >>> when = datetime(2025, 6, 1, tzinfo=timezone.utc)
        >>> s.record_paper("paper-1", rs, answered_at=when), s.record_paper("paper-1", rs, answered_at=when)
        (2, 0)
        >>> s.count_answers()
        2
        """
        rows = list(results)
        with self._transaction() as c:
            return self._insert_paper(c, paper_id, rows, answered_at)

    def _insert_paper(self, c, paper_id: str, results: list, answered_at: datetime) -> int:
        """Insert a paper's answers under ids derived from the paper (a second hand-in adds nothing)."""
        added = 0
        for r in results:
            uid = self.paper_answer_id(paper_id, r.question_id)
            added += self._insert_answer(c, r, "mock", answered_at, uid, "INSERT OR IGNORE")
        return added

    def record_card_review(
        self, card_id: str, remembered: bool, *, reviewed_at: datetime, review_id: str | None = None
    ) -> str:
        """Store one memory-card review (“I remembered it” or not) and advance the card's FSRS state."""
        uid = review_id or str(_uuid.uuid4())
        with self._transaction() as c:
            c.execute("INSERT INTO card_reviews VALUES (?, ?, ?, ?)", (uid, card_id, int(bool(remembered)), _iso(reviewed_at)))
            self._review(c, "card", card_id, uid, bool(remembered), reviewed_at)
        return uid

    def exam_date(self) -> date | None:
        """The learner's exam date, or None when not set."""
        with self._lock:
            try:
                return _exam_date_in(self.conn)
            except sqlite3.DatabaseError as exc:
                self._raise_as(exc, self._use_error(exc))

    def set_exam_date(self, value: date | str | None, *, today: date) -> date | None:
        """Set (or with None clear) the exam date; every card's due time is re-capped at it.

        Parameters
        ----------
        value : date, str or None
            Checked by :func:`servicelab.quiz.schedule.parse_exam_date` (a date, not before
            ``today``, at most three years ahead); None clears it.
        today : date
            The learner's today.

        Returns
        -------
        date or None
            The stored date.

        Raises
        ------
        ServiceLabError
            A translated ``schedule.error.*`` for a value that is not an acceptable date; nothing
            is changed.

        Notes
        -----
        One transaction: the setting and the cards rebuilt from the review logs with the new cap
        (:func:`servicelab.quiz.schedule.capped_due`), so moving the exam later lengthens intervals
        again and moving it earlier shortens them.

        Examples
        --------
        >>> s = ProgressStore(IN_MEMORY)
        >>> s.set_exam_date("2027-01-09", today=date(2026, 12, 1)), s.exam_date()
        (datetime.date(2027, 1, 9), datetime.date(2027, 1, 9))
        >>> s.set_exam_date(None, today=date(2026, 12, 1)) is None and s.exam_date() is None
        True
        """
        exam = None if value is None else parse_exam_date(value, today=today)
        with self._transaction() as c:
            if exam is None:
                c.execute("DELETE FROM settings WHERE key = 'exam_date'")
            else:
                c.execute("INSERT OR REPLACE INTO settings VALUES ('exam_date', ?)", (exam.isoformat(),))
            _rebuild_cards(c)
        return exam

    def reset(self, confirm: str | None = None) -> None:
        """Delete all progress — only with ``confirm=RESET_TOKEN`` (``"RESET"``).

        Raises
        ------
        ServiceLabError
            ``progress.error.reset_unconfirmed`` when the token is missing or wrong; nothing is deleted.
        """
        if confirm != RESET_TOKEN:
            raise ServiceLabError("progress.error.reset_unconfirmed", token=RESET_TOKEN)
        with self._transaction() as c:
            for table in ("answers", "review_logs", "cards", "card_reviews", "running_paper"):
                c.execute(f"DELETE FROM {table}")

    # -- the running mock paper ------------------------------------------------------------------

    def save_running_paper(
        self, paper_id: str, sections: Sequence[tuple[str, float, Sequence[str]]], *, started_at: datetime,
        deadline: datetime, answers: Mapping[str, Any], handed_in_at: datetime | None = None,
        saved_at: datetime | None = None,
    ) -> None:
        """Save the mock paper being written: its questions, the answers so far and its clock.

        Parameters
        ----------
        paper_id : str
        sections : sequence of (type, marks each, question ids)
            The paper in exam order.
        started_at, deadline : datetime
            Naive means UTC.
        answers : mapping question id → the card's raw response (JSON-able)
        handed_in_at : datetime, optional
            Set once the paper is handed in and the written answers are being self-marked.
        saved_at : datetime, optional
            When (UTC now by default).

        Notes
        -----
        One paper runs at a time: saving a paper replaces any other (one transaction). The row
        goes when the paper's answers are recorded (:meth:`finish_running_paper`) or it is
        abandoned (:meth:`clear_running_paper`).

        Examples
        --------
        >>> s = ProgressStore(IN_MEMORY)
        >>> t0 = datetime(2025, 6, 1, 9, 0, tzinfo=timezone.utc)
        >>> s.save_running_paper("p1", [("single", 1.0, ["Q-a"])], started_at=t0,
        ...                      deadline=t0.replace(hour=11, minute=30), answers={"Q-a": "B"})
        >>> r = s.running_paper()
        >>> r["paper_id"], r["sections"], r["answers"], r["deadline"].hour, r["handed_in_at"]
        ('p1', [('single', 1.0, ('Q-a',))], {'Q-a': 'B'}, 11, None)
        >>> s.clear_running_paper("p1"); s.running_paper() is None
        True
        """
        row = (paper_id, json.dumps([[q, float(m), list(ids)] for q, m, ids in sections], ensure_ascii=True),
               _iso(started_at), _iso(deadline), json.dumps(dict(answers), ensure_ascii=True),
               None if handed_in_at is None else _iso(handed_in_at), _iso(saved_at or datetime.now(timezone.utc)))
        with self._transaction() as c:
            c.execute("DELETE FROM running_paper WHERE paper_id <> ?", (paper_id,))
            c.execute("INSERT OR REPLACE INTO running_paper VALUES (?, ?, ?, ?, ?, ?, ?)", row)

    def running_paper(self) -> dict[str, Any] | None:
        """The saved running mock paper, or None: paper_id, sections [(type, marks each, ids)],
        started_at, deadline, handed_in_at (UTC datetimes or None), answers (dict)."""
        rows = self._query("SELECT paper_id, sections, started_at, deadline, answers, handed_in_at"
                           " FROM running_paper ORDER BY updated_at DESC LIMIT 1")
        if not rows:
            return None
        pid, sections, started, deadline, answers, handed = rows[0]
        return {"paper_id": pid, "sections": [(q, float(m), tuple(ids)) for q, m, ids in json.loads(sections)],
                "started_at": _parse(started), "deadline": _parse(deadline), "answers": json.loads(answers),
                "handed_in_at": None if handed is None else _parse(handed)}

    def clear_running_paper(self, paper_id: str | None = None) -> None:
        """Forget the running paper (``paper_id``, or any when None) without recording its answers."""
        with self._transaction() as c:
            if paper_id is None:
                c.execute("DELETE FROM running_paper")
            else:
                c.execute("DELETE FROM running_paper WHERE paper_id = ?", (paper_id,))

    def finish_running_paper(self, paper_id: str, results: Iterable[Result], *, answered_at: datetime) -> int:
        """Record a handed-in paper's answers (:meth:`record_paper`) and forget the running paper,
        in one transaction; returns how many answers were added."""
        rows = list(results)
        with self._transaction() as c:
            added = self._insert_paper(c, paper_id, rows, answered_at)
            c.execute("DELETE FROM running_paper WHERE paper_id = ?", (paper_id,))
        return added

    # -- reading -------------------------------------------------------------------------------

    def count_answers(self) -> int:
        return self._query("SELECT count(*) FROM answers")[0][0]

    def answers(self, question_id: str | None = None) -> pd.DataFrame:
        """All answers (oldest first): uuid, question_id, mode, response (decoded), score,
        max_score, partial_credit, correct (bool), answered_at (UTC datetime)."""
        import pandas as pd

        sql = ("SELECT uuid, question_id, mode, response, score, max_score, partial_credit, correct, answered_at"
               " FROM answers")
        params: tuple = ()
        if question_id is not None:
            sql += " WHERE question_id = ?"
            params = (question_id,)
        rows = self._query(sql + " ORDER BY answered_at, uuid", params)
        cols = ["uuid", "question_id", "mode", "response", "score", "max_score", "partial_credit", "correct", "answered_at"]
        df = pd.DataFrame(rows, columns=cols)
        df["response"] = [json.loads(x) for x in df["response"]]
        df["correct"] = df["correct"].astype(bool)
        df["answered_at"] = pd.to_datetime(df["answered_at"], format="ISO8601", utc=True)
        return df

    def card_reviews(self) -> pd.DataFrame:
        """All card reviews: uuid, card_id, remembered (bool), reviewed_at (UTC datetime)."""
        import pandas as pd

        rows = self._query("SELECT uuid, card_id, remembered, reviewed_at FROM card_reviews ORDER BY reviewed_at, uuid")
        df = pd.DataFrame(rows, columns=["uuid", "card_id", "remembered", "reviewed_at"])
        df["remembered"] = df["remembered"].astype(bool)
        df["reviewed_at"] = pd.to_datetime(df["reviewed_at"], format="ISO8601", utc=True)
        return df

    def states(self, kind: str = "question") -> dict[str, ItemState]:
        """FSRS state of every reviewed item of a kind (``"question"`` or ``"card"``)."""
        rows = self._query(f"SELECT item_id, {self._CARD_COLUMNS} FROM cards WHERE kind = ?", (kind,))
        return {r[0]: _card_state(r[0], r[1:]) for r in rows}

    def review_logs(self, kind: str = "question") -> list[tuple[str, str, int, datetime]]:
        """The FSRS review logs of a kind, oldest first: (uuid, item id, rating 1–4, time UTC)."""
        rows = self._query("SELECT uuid, item_id, rating, reviewed_at FROM review_logs WHERE kind = ?"
                           " ORDER BY reviewed_at, uuid", (kind,))
        return [(r[0], r[1], r[2], _parse(r[3])) for r in rows]

    def due_count(self, now: datetime, kind: str = "question") -> int:
        """How many items of a kind are due at ``now``."""
        return self._query("SELECT count(*) FROM cards WHERE kind = ? AND due <= ?", (kind, _iso(now)))[0][0]

    def streak(self, now: datetime) -> int:
        """Consecutive days with ≥ 1 answer, ending today or yesterday (days in ``now``'s time zone)."""
        from ..quiz.practice import streak_days

        now = _aware(now)
        offset_min = int(now.utcoffset().total_seconds() // 60)
        rows = self._query("SELECT DISTINCT date(answered_at, ?) FROM answers", (f"{offset_min:+d} minutes",))
        days = {datetime.strptime(r[0], "%Y-%m-%d").date() for r in rows if r[0]}
        return streak_days(days, now.date())

    def latest_answers(self) -> pd.DataFrame:
        """The latest answer of each question: question_id, fraction (score/max_score), correct, n_attempts."""
        import pandas as pd

        # SQLite documents that with a single max() the bare columns come from the row holding
        # the maximum; the (question_id, answered_at) index makes this one pass.
        rows = self._query(
            """SELECT question_id, CASE WHEN max_score > 0 THEN score / max_score ELSE 0 END,
                      correct, count(*), max(answered_at)
               FROM answers GROUP BY question_id""")
        rows = [r[:4] for r in rows]
        df = pd.DataFrame(rows, columns=["question_id", "fraction", "correct", "n_attempts"])
        df["correct"] = df["correct"].astype(bool)
        return df

    def dashboard(self, bank: Bank, now: datetime) -> Dashboard:
        """Mastery by chapter and concept, streak, due reviews, recall forecast on exam day (see :class:`Dashboard`)."""
        import pandas as pd

        latest = self.latest_answers().set_index("question_id")["fraction"]

        def _table(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
            f = frame.copy()
            f["fraction"] = f["id"].map(latest)
            f["answered"] = f["fraction"].notna()
            g = f.groupby(keys, sort=True).agg(
                n_questions=("id", "size"), n_answered=("answered", "sum"),
                accuracy=("fraction", "mean"), scored=("fraction", "sum"),
            ).reset_index()
            g["n_answered"] = g["n_answered"].astype(int)
            g["mastery"] = g["scored"] / g["n_questions"]
            g["coverage"] = g["n_answered"] / g["n_questions"]
            return g.drop(columns="scored")

        by_concept = _table(bank.concept_frame(), ["chapter", "concept"])
        by_chapter = _table(bank.frame[["id", "chapter"]], ["chapter"])
        exam = self.exam_date()
        when = horizon(now, exam)
        return Dashboard(
            by_concept=by_concept, by_chapter=by_chapter, streak=self.streak(now),
            due=self.due_count(now), total_answers=self.count_answers(),
            forecast=forecast_by_chapter(bank.questions, self.states(), when), forecast_at=when, exam_date=exam,
        )

    # -- moving between computers -----------------------------------------------------------

    def export_json(self, path: str | os.PathLike | None = None) -> dict[str, Any]:
        """All answers and card reviews as a JSON-able dict; also written to ``path`` if given."""
        answers = [
            {"uuid": r[0], "question_id": r[1], "mode": r[2], "response": json.loads(r[3]), "score": r[4],
             "max_score": r[5], "partial_credit": r[6], "correct": bool(r[7]), "answered_at": r[8]}
            for r in self._query(
                "SELECT uuid, question_id, mode, response, score, max_score, partial_credit, correct, answered_at"
                " FROM answers ORDER BY answered_at, uuid")
        ]
        cards = [
            {"uuid": r[0], "card_id": r[1], "remembered": bool(r[2]), "reviewed_at": r[3]}
            for r in self._query("SELECT uuid, card_id, remembered, reviewed_at FROM card_reviews ORDER BY reviewed_at, uuid")
        ]
        doc = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION,
               "exported_at": _iso(datetime.now(timezone.utc)), "answers": answers, "card_reviews": cards}
        if path is not None:
            target = Path(path)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)  # exporting into a new folder is fine
                remove_stale_temp_files(target.parent)
                _write_atomically(target, json.dumps(doc, ensure_ascii=True, indent=1))
            except OSError as exc:
                raise ServiceLabError("progress.error.export_failed", file=str(target), detail=exc.strerror or str(exc)) from None
        return doc

    def import_json(self, source: str | os.PathLike | Mapping[str, Any]) -> int:
        """Merge an export into this store; returns how many new answers and card reviews were added.

        Records already present (same UUID) are skipped, so importing twice adds nothing. The
        FSRS cards are then rebuilt from the merged review logs (:func:`servicelab.quiz.schedule.replay`).
        """
        name = "<dict>"
        if isinstance(source, Mapping):
            doc = source
        else:
            name = Path(source).name
            try:
                doc = json.loads(Path(source).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise ServiceLabError("progress.error.bad_export", file=name, detail=str(exc)) from exc
        if not isinstance(doc, Mapping) or doc.get("format") != EXPORT_FORMAT:
            raise ServiceLabError("progress.error.bad_export", file=name, detail="format")
        if doc.get("version") != EXPORT_VERSION:
            raise ServiceLabError("progress.error.bad_export", file=name, detail=f"version {doc.get('version')}")
        try:
            answer_rows = [
                (str(a["uuid"]), str(a["question_id"]), str(a["mode"]), json.dumps(a["response"], ensure_ascii=True),
                 float(a["score"]), float(a["max_score"]), float(a.get("partial_credit", a["score"])),
                 int(bool(a["correct"])), _iso(_parse(a["answered_at"])))
                for a in doc.get("answers", [])
            ]
            card_rows = [
                (str(r["uuid"]), str(r["card_id"]), int(bool(r["remembered"])), _iso(_parse(r["reviewed_at"])))
                for r in doc.get("card_reviews", [])
            ]
        except (KeyError, TypeError, ValueError) as exc:
            raise ServiceLabError("progress.error.bad_export", file=name, detail=repr(exc)) from exc
        with self._transaction() as c:
            before = c.total_changes
            c.executemany("INSERT OR IGNORE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", answer_rows)
            c.executemany("INSERT OR IGNORE INTO card_reviews VALUES (?, ?, ?, ?)", card_rows)
            added = c.total_changes - before
            if added:
                for statement in _LOG_HISTORY:
                    c.execute(statement)
                _rebuild_cards(c)
        return added


def open_progress(path: str | os.PathLike | None = None, *, start_fresh: bool = False,
                  read_only_ok: bool = False) -> ProgressStore:
    """Open (creating if needed) the progress file; see :class:`ProgressStore`."""
    return ProgressStore(path, start_fresh=start_fresh, read_only_ok=read_only_ok)


__all__ = [
    "APPLICATION_ID", "BUSY_TIMEOUT_MS", "ENV_VAR", "IN_MEMORY", "MIGRATIONS", "MODES", "RESET_TOKEN", "SCHEMA_VERSION", "TMP_SUFFIX",
    "Dashboard", "ProgressFileError", "ProgressStore", "ProgressWriteError", "default_db_path", "open_progress",
    "remove_stale_temp_files", "resolve_export_path",
]

