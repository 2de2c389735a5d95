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
* WAL journal and ``synchronous=NORMAL``: every committed answer survives a crash or a killed
  kernel (``SIGKILL``); only a power cut can lose the last few commits.
* Each answer is written in its own ``BEGIN IMMEDIATE … COMMIT`` transaction together with the
  spaced-repetition state it changes, so a row is either fully there or not at all.
* ``busy_timeout`` (30 s): two notebooks (two kernels) can answer at the same time; the second
  writer waits for the first.
* ``PRAGMA application_id`` marks the file as ours, ``PRAGMA user_version`` is the schema
  version; :data:`MIGRATIONS` upgrades older files in place.
* A file at the path that is not SQLite, or is another program's SQLite database, is never
  touched: opening raises a bilingual :class:`ProgressFileError`. Only ``start_fresh=True``
  moves it aside (``progress.db.corrupt-<UTC timestamp>``) and starts an empty file.
* Free text is stored as JSON with ASCII escapes, so any Python string (emoji, right-to-left
  scripts, NUL, even lone surrogates, megabytes long or empty) comes back exactly.
* :meth:`ProgressStore.export_json` / :meth:`ProgressStore.import_json` move progress between
  computers; answers carry a UUID, so importing the same file twice adds nothing.
* :meth:`ProgressStore.reset` needs ``confirm=RESET_TOKEN``.

Examples
--------
>>> import os, tempfile
>>> from datetime import datetime, timezone
>>> from servicelab.models.quiz import Result
>>> os.environ["SERVICELAB_PROGRESS_DB"] = os.path.join(tempfile.mkdtemp(), "p.db")
>>> store = ProgressStore()
>>> r = Result("Q-C1.1-single-01", "single", "A", 1.0, 1.0, True, 1.0)
>>> uid = store.record_answer(r, mode="practice", answered_at=datetime(2025, 6, 1, tzinfo=timezone.utc))
>>> len(store.answers()), store.states()["Q-C1.1-single-01"].box
(1, 2)
>>> store.close(); del os.environ["SERVICELAB_PROGRESS_DB"]
"""
from __future__ import annotations

import json
import os
import sqlite3
import uuid as _uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ServiceLabError
from ..models.scheduler import ItemState, replay, review

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..models.quiz import Bank, Result

ENV_VAR = "SERVICELAB_PROGRESS_DB"
APPLICATION_ID = 0x53564C42  # "SVLB"
BUSY_TIMEOUT_MS = 30_000
RESET_TOKEN = "RESET"
EXPORT_FORMAT = "servicelab-progress"
EXPORT_VERSION = 1
MODES: tuple[str, ...] = ("practice", "mock", "review")
_SQLITE_MAGIC = b"SQLite format 3\x00"

#: Schema migrations: ``MIGRATIONS[i]`` upgrades a file from version ``i`` to ``i + 1``.
MIGRATIONS: list[list[str]] = [
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
]
SCHEMA_VERSION = len(MIGRATIONS)


class ProgressFileError(ServiceLabError):
    """The progress file cannot be used (corrupt, foreign, or from a newer version)."""


#: Path value for a progress store kept in memory only (this session; nothing saved).
IN_MEMORY = ":memory:"


def default_db_path() -> Path:
    """``$SERVICELAB_PROGRESS_DB`` if set, else ``<user data dir>/progress.db``."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("servicelab", appauthor=False)) / "progress.db"


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=timezone.utc)


def _iso(when: datetime) -> str:
    """Fixed-width UTC ISO text, so text order is time order."""
    return _aware(when).astimezone(timezone.utc).isoformat(timespec="microseconds")


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text)


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
    """

    by_concept: pd.DataFrame
    by_chapter: pd.DataFrame
    streak: int
    due: int
    total_answers: int


class ProgressStore:
    """The learner's progress file.

    Parameters
    ----------
    path : path, optional
        The SQLite file; :func:`default_db_path` by default. Its folder is created if needed.
        :data:`IN_MEMORY` (``":memory:"``) keeps the progress in memory for this session only
        (nothing is written to disk; the panels use it when no file can be opened).
    start_fresh : bool
        If the file is corrupt or foreign, move it aside to ``<name>.corrupt-<timestamp>`` and
        start an empty file instead of raising. Never deletes anything.

    Raises
    ------
    ProgressFileError
        Bilingual, naming the path: not an SQLite file / another program's database (file left
        untouched unless ``start_fresh``), or written by a newer servicelab.
    OSError or sqlite3.OperationalError
        When the folder cannot be created or the file cannot be opened (read-only folder,
        permission denied, a file where the folder should be). The widgets catch these and fall
        back to :data:`IN_MEMORY`.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, start_fresh: bool = False) -> None:
        self.in_memory = path is not None and str(path) == IN_MEMORY
        self.path = Path(path) if path is not None else default_db_path()
        self.moved_aside: Path | None = None
        self._conn: sqlite3.Connection | None = None
        self._open(start_fresh)

    # -- opening -------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn

    def _problem(self, conn: sqlite3.Connection | None) -> str | None:
        """None if the file is empty or ours; else the i18n key of what is wrong."""
        if conn is None:
            return "progress.error.not_sqlite"
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            n_objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError:
            return "progress.error.not_sqlite"
        if app_id == 0 and version == 0 and n_objects == 0:
            return None  # empty: ours to initialise
        if app_id != APPLICATION_ID:
            return "progress.error.foreign"
        if version > SCHEMA_VERSION:
            raise ProgressFileError("progress.error.too_new", path=str(self.path), found=version, supported=SCHEMA_VERSION)
        return None

    def _open(self, start_fresh: bool) -> None:
        conn: sqlite3.Connection | None = None
        if not self.in_memory:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.in_memory:
            conn = self._connect()
            problem = None
        elif self.path.exists() and self.path.stat().st_size > 0:
            with open(self.path, "rb") as fh:
                if fh.read(16) != _SQLITE_MAGIC:
                    conn = None
                else:
                    conn = self._connect()
            problem = self._problem(conn)
        else:
            conn = self._connect()
            problem = self._problem(conn)
        if problem is not None:
            if conn is not None:
                conn.close()
            if not start_fresh:
                raise ProgressFileError(problem, path=str(self.path))
            self.moved_aside = self._move_aside()
            conn = self._connect()
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._conn = conn
            self._migrate()
        except sqlite3.DatabaseError as exc:
            conn.close()
            self._conn = None
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise
            raise ProgressFileError("progress.error.not_sqlite", path=str(self.path)) from exc

    def _move_aside(self) -> Path:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        os.replace(self.path, target)
        for suffix in ("-wal", "-shm", "-journal"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                os.replace(side, target.with_name(target.name + suffix))
        return target

    def _migrate(self) -> None:
        with self._tx() as c:
            version = c.execute("PRAGMA user_version").fetchone()[0]
            if version == 0 and c.execute("PRAGMA application_id").fetchone()[0] == 0:
                c.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for v in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[v]:
                    c.execute(statement)
            if version < SCHEMA_VERSION:
                c.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError("progress store is closed")
        return self._conn

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE) so writers queue, not deadlock."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            yield c
        except BaseException:
            c.execute("ROLLBACK")
            raise
        else:
            c.execute("COMMIT")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def integrity_check(self) -> str:
        """``PRAGMA integrity_check`` (``"ok"`` for a sound file)."""
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

    # -- writing -------------------------------------------------------------------------------

    @staticmethod
    def _state_row(kind: str, s: ItemState) -> tuple:
        return (kind, s.item_id, s.box, _iso(s.due), _iso(s.last_reviewed), s.n_correct, s.n_wrong)

    def _load_state(self, c: sqlite3.Connection, kind: str, item_id: str) -> ItemState | None:
        row = c.execute(
            "SELECT box, due, last_reviewed, n_correct, n_wrong FROM schedule WHERE kind = ? AND item_id = ?",
            (kind, item_id),
        ).fetchone()
        if row is None:
            return None
        return ItemState(item_id, row[0], _parse(row[1]), _parse(row[2]), row[3], row[4])

    def record_answer(
        self, result: Result, *, mode: str, answered_at: datetime, answer_id: str | None = None
    ) -> str:
        """Store one scored answer and advance the question's Leitner box, in one transaction.

        Parameters
        ----------
        result : Result
            From :func:`servicelab.models.quiz.score_answer`.
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
        payload = json.dumps(result.response, ensure_ascii=True)
        with self._tx() as c:
            c.execute(
                "INSERT INTO answers (uuid, question_id, mode, response, score, max_score, partial_credit,"
                " correct, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (uid, result.question_id, mode, payload, float(result.score), float(result.max_score),
                 float(result.partial_credit), int(bool(result.correct)), _iso(answered_at)),
            )
            state = review(self._load_state(c, "question", result.question_id), result.question_id,
                           bool(result.correct), answered_at)
            c.execute("INSERT OR REPLACE INTO schedule VALUES (?, ?, ?, ?, ?, ?, ?)", self._state_row("question", state))
        return uid

    def record_card_review(
        self, card_id: str, remembered: bool, *, reviewed_at: datetime, review_id: str | None = None
    ) -> str:
        """Store one memory-card review (“I remembered it” or not) and advance the card's box."""
        uid = review_id or str(_uuid.uuid4())
        with self._tx() as c:
            c.execute("INSERT INTO card_reviews VALUES (?, ?, ?, ?)", (uid, card_id, int(bool(remembered)), _iso(reviewed_at)))
            state = review(self._load_state(c, "card", card_id), card_id, bool(remembered), reviewed_at)
            c.execute("INSERT OR REPLACE INTO schedule VALUES (?, ?, ?, ?, ?, ?, ?)", self._state_row("card", state))
        return uid

    def reset(self, confirm: str | None = None) -> None:
        """Delete all progress — only with ``confirm=RESET_TOKEN`` (``"RESET"``).

        Raises
        ------
        ServiceLabError
            ``progress.error.reset_unconfirmed`` when the token is missing or wrong; nothing is deleted.
        """
        if confirm != RESET_TOKEN:
            raise ServiceLabError("progress.error.reset_unconfirmed", token=RESET_TOKEN)
        with self._tx() as c:
            for table in ("answers", "schedule", "card_reviews"):
                c.execute(f"DELETE FROM {table}")

    # -- reading -------------------------------------------------------------------------------

    def count_answers(self) -> int:
        return self.conn.execute("SELECT count(*) FROM answers").fetchone()[0]

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
        rows = self.conn.execute(sql + " ORDER BY answered_at, uuid", params).fetchall()
        cols = ["uuid", "question_id", "mode", "response", "score", "max_score", "partial_credit", "correct", "answered_at"]
        df = pd.DataFrame(rows, columns=cols)
        df["response"] = [json.loads(x) for x in df["response"]]
        df["correct"] = df["correct"].astype(bool)
        df["answered_at"] = pd.to_datetime(df["answered_at"], format="ISO8601", utc=True)
        return df

    def card_reviews(self) -> pd.DataFrame:
        """All card reviews: uuid, card_id, remembered (bool), reviewed_at (UTC datetime)."""
        import pandas as pd

        rows = self.conn.execute("SELECT uuid, card_id, remembered, reviewed_at FROM card_reviews ORDER BY reviewed_at, uuid").fetchall()
        df = pd.DataFrame(rows, columns=["uuid", "card_id", "remembered", "reviewed_at"])
        df["remembered"] = df["remembered"].astype(bool)
        df["reviewed_at"] = pd.to_datetime(df["reviewed_at"], format="ISO8601", utc=True)
        return df

    def states(self, kind: str = "question") -> dict[str, ItemState]:
        """Leitner state of every reviewed item of a kind (``"question"`` or ``"card"``)."""
        rows = self.conn.execute(
            "SELECT item_id, box, due, last_reviewed, n_correct, n_wrong FROM schedule WHERE kind = ?", (kind,)
        ).fetchall()
        return {r[0]: ItemState(r[0], r[1], _parse(r[2]), _parse(r[3]), r[4], r[5]) for r in rows}

    def due_count(self, now: datetime, kind: str = "question") -> int:
        """How many items of a kind are due at ``now``."""
        return self.conn.execute(
            "SELECT count(*) FROM schedule WHERE kind = ? AND due <= ?", (kind, _iso(now))
        ).fetchone()[0]

    def streak(self, now: datetime) -> int:
        """Consecutive days with ≥ 1 answer, ending today or yesterday (days in ``now``'s time zone)."""
        from ..models.quiz import streak_days

        now = _aware(now)
        offset_min = int(now.utcoffset().total_seconds() // 60)
        rows = self.conn.execute(
            "SELECT DISTINCT date(answered_at, ?) FROM answers", (f"{offset_min:+d} minutes",)
        ).fetchall()
        days = {datetime.strptime(r[0], "%Y-%m-%d").date() for r in rows if r[0]}
        return streak_days(days, now.date())

    def latest_answers(self) -> pd.DataFrame:
        """The latest answer of each question: question_id, fraction (score/max_score), correct, n_attempts."""
        import pandas as pd

        # SQLite documents that with a single max() the bare columns come from the row holding
        # the maximum; the (question_id, answered_at) index makes this one pass.
        rows = self.conn.execute(
            """SELECT question_id, CASE WHEN max_score > 0 THEN score / max_score ELSE 0 END,
                      correct, count(*), max(answered_at)
               FROM answers GROUP BY question_id"""
        ).fetchall()
        rows = [r[:4] for r in rows]
        df = pd.DataFrame(rows, columns=["question_id", "fraction", "correct", "n_attempts"])
        df["correct"] = df["correct"].astype(bool)
        return df

    def dashboard(self, bank: Bank, now: datetime) -> Dashboard:
        """Mastery by chapter and concept, streak, due reviews (see :class:`Dashboard`)."""
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
        return Dashboard(
            by_concept=by_concept, by_chapter=by_chapter, streak=self.streak(now),
            due=self.due_count(now), total_answers=self.count_answers(),
        )

    # -- moving between computers -----------------------------------------------------------

    def export_json(self, path: str | os.PathLike | None = None) -> dict[str, Any]:
        """All answers and card reviews as a JSON-able dict; also written to ``path`` if given."""
        answers = [
            {"uuid": r[0], "question_id": r[1], "mode": r[2], "response": json.loads(r[3]), "score": r[4],
             "max_score": r[5], "partial_credit": r[6], "correct": bool(r[7]), "answered_at": r[8]}
            for r in self.conn.execute(
                "SELECT uuid, question_id, mode, response, score, max_score, partial_credit, correct, answered_at"
                " FROM answers ORDER BY answered_at, uuid")
        ]
        cards = [
            {"uuid": r[0], "card_id": r[1], "remembered": bool(r[2]), "reviewed_at": r[3]}
            for r in self.conn.execute("SELECT uuid, card_id, remembered, reviewed_at FROM card_reviews ORDER BY reviewed_at, uuid")
        ]
        doc = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION,
               "exported_at": _iso(datetime.now(timezone.utc)), "answers": answers, "card_reviews": cards}
        if path is not None:
            target = Path(path)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)  # exporting into a new folder is fine
                tmp = target.with_name(target.name + ".tmp")
                tmp.write_text(json.dumps(doc, ensure_ascii=True, indent=1), encoding="utf-8")
                os.replace(tmp, target)
            except OSError as exc:
                raise ServiceLabError("progress.error.export_failed", file=str(target), detail=exc.strerror or str(exc)) from None
        return doc

    def import_json(self, source: str | os.PathLike | Mapping[str, Any]) -> int:
        """Merge an export into this store; returns how many new answers and card reviews were added.

        Records already present (same UUID) are skipped, so importing twice adds nothing. The
        Leitner state is then rebuilt from the merged history (:func:`servicelab.models.scheduler.replay`).
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
        with self._tx() as c:
            before = c.total_changes
            c.executemany("INSERT OR IGNORE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", answer_rows)
            c.executemany("INSERT OR IGNORE INTO card_reviews VALUES (?, ?, ?, ?)", card_rows)
            added = c.total_changes - before
            if added:
                self._rebuild_schedule(c)
        return added

    def _rebuild_schedule(self, c: sqlite3.Connection) -> None:
        q = replay((r[0], bool(r[1]), _parse(r[2])) for r in c.execute(
            "SELECT question_id, correct, answered_at FROM answers ORDER BY answered_at, uuid"))
        k = replay((r[0], bool(r[1]), _parse(r[2])) for r in c.execute(
            "SELECT card_id, remembered, reviewed_at FROM card_reviews ORDER BY reviewed_at, uuid"))
        c.execute("DELETE FROM schedule")
        c.executemany("INSERT INTO schedule VALUES (?, ?, ?, ?, ?, ?, ?)",
                      [self._state_row("question", s) for s in q.values()] + [self._state_row("card", s) for s in k.values()])


def open_progress(path: str | os.PathLike | None = None, *, start_fresh: bool = False) -> ProgressStore:
    """Open (creating if needed) the progress file; see :class:`ProgressStore`."""
    return ProgressStore(path, start_fresh=start_fresh)


__all__ = [
    "APPLICATION_ID", "ENV_VAR", "IN_MEMORY", "MIGRATIONS", "MODES", "RESET_TOKEN", "SCHEMA_VERSION", "Dashboard",
    "ProgressFileError", "ProgressStore", "default_db_path", "open_progress",
]

