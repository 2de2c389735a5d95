"""Tests for servicelab.storage.progress: durability, concurrency, corrupt files, round trips.

Every test points SERVICELAB_PROGRESS_DB at a file in tmp_path: nothing is written to home.
"""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from servicelab.errors import ServiceLabError
from servicelab.quiz import Bank, Question, Result, Text
from servicelab.storage import progress as P
from servicelab.storage.progress import ProgressFileError, ProgressStore

T0 = datetime(2025, 6, 1, 8, 0, tzinfo=timezone.utc)
LIB = str(Path(__file__).resolve().parents[2] / "lib")


@pytest.fixture()
def db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "data" / "progress.db"
    monkeypatch.setenv("SERVICELAB_PROGRESS_DB", str(path))
    return path


def _result(qid: str, correct: bool = True, text: str | None = None) -> Result:
    if text is not None:
        return Result(qid, "essay", {"text": text, "ticked": [0]}, 0.25, 1.0, False, 0.25)
    return Result(qid, "single", "A" if correct else "B", float(correct), 1.0, correct, float(correct))


def test_env_var_path_and_default(db, monkeypatch):
    assert P.default_db_path() == db
    store = ProgressStore()
    assert store.path == db and db.exists()
    store.close()
    monkeypatch.delenv("SERVICELAB_PROGRESS_DB")
    default = P.default_db_path()
    assert default.name == "progress.db" and "servicelab" in str(default.parent)


def test_file_is_marked_and_in_wal_mode(db):
    ProgressStore().close()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA application_id").fetchone()[0] == 0x53564C42
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(P.MIGRATIONS) >= 1
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"answers", "cards", "review_logs", "settings", "card_reviews"} <= tables
    assert "schedule" not in tables  # the Leitner table is gone since schema 2
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "answers_question_time" in indexes
    con.close()


TEXTS = [
    "",
    "客户服务管理：服务补救的三个关键——及时、授权、补偿。",
    "emoji 😀🎉👩🏽‍💻 and flags 🇨🇳",
    "مرحبا بالعالم — RTL \u202eoverride\u202c and עברית",
    "NUL\x00inside and \ttabs\r\nnewlines",
    "lone surrogate \ud800 kept",
    "x" * 1_000_000,
    "客" * 1_000_000,
]


def test_free_text_round_trips_exactly(db):
    with ProgressStore() as store:
        for i, text in enumerate(TEXTS):
            store.record_answer(_result(f"Q-t{i}", text=text), mode="practice", answered_at=T0 + timedelta(seconds=i))
    with ProgressStore() as store:  # reopen from disk
        got = store.answers()
    assert [r["text"] for r in got["response"]] == TEXTS
    assert len(got["response"][7]["text"]) == 1_000_000


def test_answer_fields_round_trip(db):
    with ProgressStore() as store:
        uid = store.record_answer(Result("Q-a", "multiple", ["A", "C"], 0.0, 1.0, False, 1 / 3),
                                  mode="mock", answered_at=datetime(2025, 6, 1, 16, 30, tzinfo=timezone(timedelta(hours=8))))
        row = store.answers().iloc[0]
    assert row["uuid"] == uid and row["question_id"] == "Q-a" and row["mode"] == "mock"
    assert row["response"] == ["A", "C"] and row["score"] == 0.0 and row["max_score"] == 1.0
    assert row["partial_credit"] == pytest.approx(1 / 3) and not row["correct"]
    assert row["answered_at"] == datetime(2025, 6, 1, 8, 30, tzinfo=timezone.utc)


def test_bad_mode_is_refused(db):
    with ProgressStore() as store, pytest.raises(ServiceLabError):
        store.record_answer(_result("Q-a"), mode="cheating", answered_at=T0)


def test_reset_needs_confirmation(db):
    with ProgressStore() as store:
        store.record_answer(_result("Q-a"), mode="practice", answered_at=T0)
        with pytest.raises(ServiceLabError) as info:
            store.reset()
        assert "RESET" in info.value.message("en") and "RESET" in info.value.message("zh")
        with pytest.raises(ServiceLabError):
            store.reset(confirm="yes")
        assert store.count_answers() == 1
        store.reset(confirm=P.RESET_TOKEN)
        assert store.count_answers() == 0 and store.states() == {}


def test_scheduler_state_follows_answers(db):
    import fsrs

    # oracle: the fsrs package driven directly (right = Good, wrong = Again, no steps, no fuzz)
    ref = fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    a, _ = ref.review_card(fsrs.Card(card_id=1, due=T0), fsrs.Rating.Good, T0)
    a, _ = ref.review_card(a, fsrs.Rating.Good, T0 + timedelta(days=2))
    b, _ = ref.review_card(fsrs.Card(card_id=2, due=T0), fsrs.Rating.Again, T0)
    with ProgressStore() as store:
        store.record_answer(_result("Q-a", True), mode="practice", answered_at=T0)
        store.record_answer(_result("Q-a", True), mode="practice", answered_at=T0 + timedelta(days=2))
        store.record_answer(_result("Q-b", False), mode="practice", answered_at=T0)
        st = store.states()
        for mine, theirs in ((st["Q-a"], a), (st["Q-b"], b)):
            assert (mine.card.stability, mine.card.difficulty, mine.due, mine.last_reviewed) == \
                (theirs.stability, theirs.difficulty, theirs.due, theirs.last_review)
        assert (st["Q-a"].n_correct, st["Q-a"].n_wrong, st["Q-b"].n_wrong) == (2, 0, 1)
        assert b.due == T0 + timedelta(days=1) and a.due > T0 + timedelta(days=4)
        assert store.due_count(T0 + timedelta(days=1)) == 1        # b
        assert store.due_count(a.due) == 2
        assert sorted(r[1:] for r in store.review_logs()) == [  # ratings: Good 3, Again 1
            ("Q-a", 3, T0), ("Q-a", 3, T0 + timedelta(days=2)), ("Q-b", 1, T0)]
        store.record_card_review("K-1", True, reviewed_at=T0)
        assert round(store.states("card")["K-1"].stability, 4) == 2.3065 and "K-1" not in store.states()


def test_export_import_round_trip_and_idempotent(db, tmp_path):
    with ProgressStore() as a:
        for i in range(30):
            a.record_answer(_result(f"Q-{i % 7}", i % 3 != 0, text=None if i % 5 else f"答案 {i} ✓"),
                            mode="practice", answered_at=T0 + timedelta(hours=i))
        a.record_card_review("K-1", False, reviewed_at=T0)
        a.record_card_review("K-1", True, reviewed_at=T0 + timedelta(days=1))
        exported = a.export_json(tmp_path / "export.json")
        ans_a, states_a, cards_a = a.answers(), a.states(), a.states("card")
    assert len(exported["answers"]) == 30

    with ProgressStore(tmp_path / "other.db") as b:
        assert b.import_json(tmp_path / "export.json") == 32
        ans_b = b.answers()
        assert ans_b.drop(columns=[]).equals(ans_a)
        assert b.states() == states_a and b.states("card") == cards_a
        assert b.import_json(tmp_path / "export.json") == 0
        assert b.count_answers() == 30 and len(b.card_reviews()) == 2
        # merging a second computer's answers keeps both
        b.record_answer(_result("Q-new"), mode="practice", answered_at=T0 + timedelta(days=9))
        assert b.import_json(exported) == 0 and b.count_answers() == 31


def test_import_rejects_foreign_json(db, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    with ProgressStore() as store:
        with pytest.raises(ServiceLabError) as info:
            store.import_json(bad)
        assert "bad.json" in info.value.message("en")
        bad.write_text("{not json", encoding="utf-8")
        with pytest.raises(ServiceLabError):
            store.import_json(bad)


def _check_refused_and_kept(path: Path, original: bytes, key: str) -> None:
    with pytest.raises(ProgressFileError) as info:
        ProgressStore(path)
    assert info.value.key == key
    assert str(path) in info.value.message("zh") and str(path) in info.value.message("en")
    assert path.read_bytes() == original  # never overwritten


def test_corrupt_file_is_refused_and_kept(db):
    db.parent.mkdir(parents=True)
    original = b"this is my thesis draft, not a database\n" * 100
    db.write_bytes(original)
    _check_refused_and_kept(db, original, "progress.error.not_sqlite")
    store = ProgressStore(start_fresh=True)
    assert store.moved_aside is not None and store.moved_aside.read_bytes() == original
    assert ".corrupt-" in store.moved_aside.name
    store.record_answer(_result("Q-a"), mode="practice", answered_at=T0)
    assert store.count_answers() == 1 and store.integrity_check() == "ok"
    store.close()


def test_sqlite_header_with_garbage_is_refused(db):
    db.parent.mkdir(parents=True)
    original = b"SQLite format 3\x00" + bytes(random.Random(1).getrandbits(8) for _ in range(8192))
    db.write_bytes(original)
    _check_refused_and_kept(db, original, "progress.error.not_sqlite")


def test_foreign_sqlite_is_refused_and_kept(db):
    db.parent.mkdir(parents=True)
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.execute("INSERT INTO recipes VALUES ('dumplings')")
    con.commit()
    con.close()
    original = db.read_bytes()
    _check_refused_and_kept(db, original, "progress.error.foreign")
    with ProgressStore(start_fresh=True) as store:
        assert store.count_answers() == 0
        moved = store.moved_aside
    con = sqlite3.connect(moved)
    assert con.execute("SELECT name FROM recipes").fetchall() == [("dumplings",)]
    con.close()


def test_file_from_a_newer_version_is_refused(db):
    ProgressStore().close()
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 99")
    con.close()
    with pytest.raises(ProgressFileError) as info:
        ProgressStore(start_fresh=True)  # even start_fresh does not discard a newer file
    assert info.value.key == "progress.error.too_new"
    assert db.exists()


def _bank() -> Bank:
    def q(qid, chapter, concepts):
        nb = {"01": "01_service_era", "05": "05_servqual"}[chapter]
        return Question(id=qid, type="single", concepts=concepts, chapter=chapter, difficulty=1,
                        prompt=Text("题", "Q"), explanation=Text("解", "E"), notebook=nb, answer="A")
    return Bank([q("Q-1", "01", ("C1.1",)), q("Q-2", "01", ("C1.1", "C1.2")), q("Q-3", "01", ("C1.2",)),
                 q("Q-4", "05", ("C4.7",))])


def test_dashboard_mastery_streak_due(db):
    local = timezone(timedelta(hours=8))
    with ProgressStore() as store:
        # wrong then right (latest 1.0); Q-2: right then wrong (latest 0.0); Q-4: 0.5 essay-like
        store.record_answer(_result("Q-1", False), mode="practice", answered_at=datetime(2025, 6, 1, 9, tzinfo=local))
        store.record_answer(_result("Q-1", True), mode="practice", answered_at=datetime(2025, 6, 2, 9, tzinfo=local))
        store.record_answer(_result("Q-2", True), mode="practice", answered_at=datetime(2025, 6, 2, 10, tzinfo=local))
        store.record_answer(_result("Q-2", False), mode="practice", answered_at=datetime(2025, 6, 3, 7, tzinfo=local))
        store.record_answer(Result("Q-4", "essay", {"text": "", "ticked": [0, 1]}, 0.5, 1.0, False, 0.5),
                            mode="practice", answered_at=datetime(2025, 6, 3, 7, 30, tzinfo=local))
        store.record_answer(_result("Q-gone"), mode="practice", answered_at=datetime(2025, 5, 1, tzinfo=local))
        now = datetime(2025, 6, 3, 20, tzinfo=local)
        dash = store.dashboard(_bank(), now)
    con = dash.by_concept.set_index("concept")
    # C1.1: questions Q-1 (1.0), Q-2 (0.0) → accuracy 0.5, mastery 0.5, coverage 1
    assert con.loc["C1.1", "n_questions"] == 2 and con.loc["C1.1", "accuracy"] == pytest.approx(0.5)
    assert con.loc["C1.1", "mastery"] == pytest.approx(0.5) and con.loc["C1.1", "coverage"] == 1.0
    # C1.2: Q-2 (0.0) answered, Q-3 unanswered → accuracy 0, mastery 0, coverage 0.5
    assert con.loc["C1.2", "n_answered"] == 1 and con.loc["C1.2", "coverage"] == 0.5
    assert con.loc["C4.7", "accuracy"] == pytest.approx(0.5)
    ch = dash.by_chapter.set_index("chapter")
    assert ch.loc["01", "n_questions"] == 3 and ch.loc["01", "mastery"] == pytest.approx(1 / 3)
    assert dash.streak == 3            # 1, 2, 3 June in UTC+8 (7:00 on 3 June is 2 June 23:00 UTC)
    assert dash.total_answers == 6
    # Q-1 right on 2 June 09:00 (+8) → FSRS due in 2 days; Q-2 wrong 3 June → due 1 day later; Q-4 wrong
    assert dash.due == 1               # only Q-gone (answered 1 May, due 3 May)
    # In UTC the same answers fall on 1 June 01:00, 2 June 01:00/02:00/23:00/23:30: two days.
    with ProgressStore(db) as store:
        assert store.streak(datetime(2025, 6, 2, 23, 59, tzinfo=timezone.utc)) == 2
        assert store.streak(datetime(2025, 6, 5, tzinfo=timezone.utc)) == 0  # broken after a gap


# ---------------------------------------------------------------------------------------------
# processes: SIGKILL and concurrent writers
# ---------------------------------------------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta, timezone
    sys.path.insert(0, sys.argv[3])
    from servicelab.quiz import Result
    from servicelab.storage.progress import ProgressStore

    tag, n = sys.argv[1], int(sys.argv[2])
    store = ProgressStore()
    print("ready", flush=True)
    t0 = datetime(2025, 1, 1, tzinfo=timezone.utc)
    i = 0
    while n < 0 or i < n:
        text = f"{tag}-{i}|" + "客服" * (500 + 37 * (i % 50))
        r = Result(f"Q-{tag}-{i % 20}", "essay", {"text": text, "ticked": [0, 2]}, 0.5, 1.0, False, 0.5)
        store.record_answer(r, mode="practice", answered_at=t0 + timedelta(seconds=i), answer_id=f"{tag}-{i}")
        print(i, flush=True)
        i += 1
    store.close()
    """
)


def _expected_text(tag: str, i: int) -> str:
    return f"{tag}-{i}|" + "客服" * (500 + 37 * (i % 50))


def _spawn(script: Path, tag: str, n: int, db: Path) -> subprocess.Popen:
    env = dict(os.environ, SERVICELAB_PROGRESS_DB=str(db))
    return subprocess.Popen([sys.executable, str(script), tag, str(n), LIB], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, text=True)


@pytest.mark.slow
def test_sigkill_never_leaves_partial_rows(db, tmp_path):
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    ProgressStore().close()
    rng = random.Random(20250601)
    for rnd in range(20):
        tag = f"r{rnd}"
        child = _spawn(script, tag, -1, db)
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        reported = [int(x) for x in child.stdout.read().split() if x.isdigit()]
        assert reported == list(range(len(reported)))  # committed answers, in order

        con = sqlite3.connect(db)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = con.execute("SELECT uuid, question_id, mode, response, score, max_score, correct, answered_at"
                           " FROM answers WHERE uuid LIKE ?", (f"{tag}-%",)).fetchall()
        n_state = con.execute("SELECT coalesce(sum(n_correct + n_wrong), 0) FROM cards WHERE item_id LIKE ?",
                              (f"Q-{tag}-%",)).fetchone()[0]
        con.close()
        assert len(reported) <= len(rows) <= len(reported) + 1, (rnd, len(reported), len(rows))
        assert n_state == len(rows)  # the scheduler update committed with each answer, never apart
        for uid, qid, mode, response, score, max_score, correct, answered_at in rows:
            i = int(uid.split("-")[1])
            assert qid == f"Q-{tag}-{i % 20}" and mode == "practice" and score == 0.5 and max_score == 1.0
            assert correct == 0 and answered_at.startswith("2025-01-01T")
            assert json.loads(response) == {"text": _expected_text(tag, i), "ticked": [0, 2]}
    with ProgressStore() as store:
        assert store.integrity_check() == "ok"


@pytest.mark.slow
def test_two_processes_answering_at_once_lose_nothing(db, tmp_path):
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    ProgressStore().close()
    kids = [_spawn(script, tag, 300, db) for tag in ("a", "b")]
    for kid in kids:
        out, err = kid.communicate(timeout=300)
        assert kid.returncode == 0, err
        assert out.split()[-1] == "299"
    with ProgressStore() as store:
        df = store.answers()
        assert len(df) == 600
        assert set(df["uuid"]) == {f"{t}-{i}" for t in "ab" for i in range(300)}
        states = store.states()
        assert sum(s.n_correct + s.n_wrong for s in states.values()) == 600
        assert store.integrity_check() == "ok"


def test_in_memory_store_works_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = ProgressStore(P.IN_MEMORY)
    assert store.in_memory
    store.record_answer(_result("Q-a", True), mode="practice", answered_at=T0)
    store.record_answer(_result("Q-a", False), mode="practice", answered_at=T0 + timedelta(hours=1))
    assert len(store.answers()) == 2
    s = store.states()["Q-a"]  # right, then wrong an hour later: due again within a day
    assert (s.n_correct, s.n_wrong) == (1, 1) and s.due <= T0 + timedelta(hours=1, days=1)
    store.close()
    assert list(tmp_path.iterdir()) == []  # no file created in the working folder
    assert not ProgressStore(P.IN_MEMORY).answers().shape[0]  # a new session starts empty


def test_a_file_where_the_folder_should_be_is_an_os_error(tmp_path):
    blocker = tmp_path / "notadir"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OSError):
        ProgressStore(blocker / "progress.db")
    assert blocker.read_text(encoding="utf-8") == "x"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions and a non-root user")
def test_read_only_folder_cannot_hold_a_new_file(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        with pytest.raises((OSError, sqlite3.OperationalError, P.ProgressWriteError)):
            ProgressStore(ro / "progress.db")
    finally:
        ro.chmod(0o700)


def test_export_creates_a_new_folder_and_names_an_unwritable_target(tmp_path):
    from servicelab.errors import ServiceLabError
    from servicelab.storage.progress import ProgressStore

    with ProgressStore(tmp_path / "p.db") as store:
        target = tmp_path / "new" / "deeper" / "progress.json"
        store.export_json(target)
        assert target.exists() and json.loads(target.read_text(encoding="utf-8"))["answers"] == []
        blocker = tmp_path / "a-file"
        blocker.write_text("x", encoding="utf-8")
        with pytest.raises(ServiceLabError) as info:
            store.export_json(blocker / "progress.json")  # parent is a file: cannot be a folder
        assert "a-file" in info.value.message("en") and "a-file" in info.value.message("zh")
