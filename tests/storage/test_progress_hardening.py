"""Issue 7, items 1–5 and 11: the progress store from any thread, "cannot write" versus "damaged",
two kernels opening a new file, an idempotent mock hand-in, stale export temp files, export paths.

Every file lives in ``tmp_path``. Tests run as root, where ``chmod`` does not stop a write; a
read-only file is therefore simulated the way SQLite itself opens a file it may not write — with
``mode=ro`` — and a full disk with a real file-size limit (``RLIMIT_FSIZE``) in a child process.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from servicelab.errors import ServiceLabError
from servicelab.quiz import Result
from servicelab.storage import progress as P
from servicelab.storage.progress import ProgressFileError, ProgressStore

T0 = datetime(2025, 6, 1, 8, 0, tzinfo=timezone.utc)
LIB = str(Path(__file__).resolve().parents[2] / "lib")


def _result(qid: str, correct: bool = True) -> Result:
    return Result(qid, "single", "A" if correct else "B", float(correct), 1.0, correct, float(correct))


def _filled(path: Path, n: int = 40) -> bytes:
    """A sound progress file with ``n`` answers, closed (WAL checkpointed); returns its bytes."""
    with ProgressStore(path) as s:
        for i in range(n):
            s.record_answer(_result(f"Q-{i}", i % 3 != 0), mode="practice", answered_at=T0 + timedelta(minutes=i))
    assert not path.with_name(path.name + "-wal").exists()
    return path.read_bytes()


# ============================================================== 1. any thread
def test_store_opened_on_one_thread_works_on_another(tmp_path):
    store = ProgressStore(tmp_path / "p.db")  # opened here, on the main thread (as the notebook cell does)
    errors: list[BaseException] = []
    out: dict[str, object] = {}

    def callback() -> None:  # what a widget callback on a kernel subshell thread does
        try:
            store.record_answer(_result("Q-a"), mode="practice", answered_at=T0)
            out["n"] = store.count_answers()
            out["due"] = store.due_count(T0 + timedelta(days=30))
            out["export"] = len(store.export_json()["answers"])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    th = threading.Thread(target=callback)
    th.start()
    th.join(30)
    assert errors == [] and out == {"n": 1, "due": 1, "export": 1}
    assert store.answers()["question_id"].tolist() == ["Q-a"]  # and back on the main thread
    store.close()


@pytest.mark.parametrize("where", ["file", "memory"])
def test_many_threads_at_once_lose_nothing(tmp_path, where):
    store = ProgressStore(tmp_path / "p.db" if where == "file" else P.IN_MEMORY)
    errors: list[BaseException] = []

    def worker(k: int) -> None:
        try:
            for i in range(25):
                store.record_answer(_result(f"Q-{k}-{i % 5}", i % 2 == 0), mode="practice",
                                    answered_at=T0 + timedelta(seconds=i), answer_id=f"{k}-{i}")
                store.states()
                store.latest_answers()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert errors == []
    assert store.count_answers() == 150
    assert sum(s.n_correct + s.n_wrong for s in store.states().values()) == 150
    assert store.integrity_check() == "ok"
    store.close()


# ============================================================== 2. cannot write ≠ damaged
def test_corrupt_page_is_found_at_open_and_kept(tmp_path):
    db = tmp_path / "p.db"
    _filled(db, 400)
    page = sqlite3.connect(db).execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(db.read_bytes())
    assert len(data) >= 6 * page
    data[3 * page + 8: 4 * page] = b"\xa5" * (page - 8)  # page 4: a b-tree page, header kept, cells garbage
    db.write_bytes(bytes(data))
    with pytest.raises(ProgressFileError) as info:
        ProgressStore(db)
    assert info.value.damaged and info.value.key in ("progress.error.damaged", "progress.error.not_sqlite")
    assert str(db) in info.value.message("en") and str(db) in info.value.message("zh")
    assert db.read_bytes() == bytes(data)  # untouched
    with ProgressStore(db, start_fresh=True) as s:
        assert s.count_answers() == 0 and s.moved_aside.read_bytes() == bytes(data)


def _read_only_sqlite(monkeypatch, db: Path) -> None:
    """Make SQLite open ``db`` read-only, as it does for a file it may not write (root ignores chmod)."""
    real = sqlite3.connect

    def connect(target, *args, **kwargs):
        if str(target) == str(db):
            kwargs["uri"] = True
            return real(f"{db.resolve().as_uri()}?mode=ro", *args, **kwargs)
        return real(target, *args, **kwargs)

    monkeypatch.setattr(P.sqlite3, "connect", connect)


def test_read_only_file_is_cannot_write_not_damaged(tmp_path, monkeypatch):
    db = tmp_path / "p.db"
    original = _filled(db, 5)
    _read_only_sqlite(monkeypatch, db)
    with pytest.raises(P.ProgressWriteError) as info:
        ProgressStore(db)
    assert not isinstance(info.value, ProgressFileError)
    assert "cannot be written" in info.value.message("en") and "无法写入" in info.value.message("zh")
    store = ProgressStore(db, read_only_ok=True)
    assert store.in_memory and store.read_only_reason is not None
    assert store.count_answers() == 5  # the learner's progress is shown
    store.record_answer(_result("Q-new"), mode="practice", answered_at=T0 + timedelta(days=1))
    assert store.count_answers() == 6  # kept for the session
    store.close()
    assert db.read_bytes() == original and not list(tmp_path.glob("*.corrupt-*"))


FULL_DISK_CHILD = textwrap.dedent(
    """
    import json, os, resource, signal, sys
    from datetime import datetime, timezone
    sys.path.insert(0, sys.argv[2])
    from servicelab.quiz import Result
    from servicelab.storage.progress import ProgressFileError, ProgressStore, ProgressWriteError
    db = sys.argv[1]
    when = datetime(2025, 6, 2, tzinfo=timezone.utc)
    out = {}
    early = ProgressStore(db)                    # opened while there is room
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = max(os.path.getsize(p) for p in (db, db + "-wal", db + "-shm") if os.path.exists(p))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))  # disk full
    try:
        for i in range(50):
            early.record_answer(Result("Q-late-%d" % i, "single", "A" * 3000, 1.0, 1.0, True, 1.0),
                                mode="practice", answered_at=when)
        out["late"] = "saved"
    except ProgressWriteError as e:
        out["late"] = e.key
    except ProgressFileError as e:
        out["late"] = "damaged:" + e.key
    out["late_count"] = early.count_answers()
    early.close()
    out["sides"] = [os.path.exists(db + x) for x in ("-wal", "-shm")]
    resource.setrlimit(resource.RLIMIT_FSIZE, (512, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))  # no byte more
    for name, kw in (("open", {}), ("open_ro", {"read_only_ok": True})):
        try:
            s = ProgressStore(db, **kw)
            out[name] = ["in_memory" if s.in_memory else "file", s.count_answers(),
                         s.read_only_reason.key if s.read_only_reason else None]
            s.close()
        except ProgressWriteError as e:
            out[name] = e.key
        except ProgressFileError as e:
            out[name] = "damaged:" + e.key
    print(json.dumps(out))
    """
)


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE as a full disk is checked on Linux")
def test_full_disk_is_cannot_write_not_damaged(tmp_path):
    db = tmp_path / "p.db"
    _filled(db, 5)
    script = tmp_path / "full.py"
    script.write_text(FULL_DISK_CHILD, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), str(db), LIB], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["late"] == "progress.error.cannot_write", out  # an answer that does not fit: said, not "damaged"
    assert 5 <= out["late_count"] < 55
    assert out["open"] == "progress.error.cannot_write", out
    assert out["open_ro"][0] == "in_memory" and out["open_ro"][2] == "progress.error.cannot_write", out
    assert out["open_ro"][1] == out["late_count"]  # every committed answer is in the copy
    with ProgressStore(db) as s:  # room again: the file is sound and holds what was committed
        assert s.integrity_check() == "ok" and s.count_answers() == out["late_count"]


def test_a_file_deleted_while_open_is_noticed(tmp_path):
    db = tmp_path / "p.db"
    store = ProgressStore(db)
    store.record_answer(_result("Q-a"), mode="practice", answered_at=T0)
    for side in ("", "-wal", "-shm"):
        Path(str(db) + side).unlink(missing_ok=True)
    with pytest.raises(P.ProgressWriteError) as info:
        store.record_answer(_result("Q-b"), mode="practice", answered_at=T0)
    assert info.value.key == "progress.error.file_gone" and str(db) in info.value.message("en")
    assert store.export_json()["answers"][0]["question_id"] == "Q-a"  # what it holds can still be exported
    store.close()


def test_a_file_replaced_while_open_is_noticed(tmp_path):
    db = tmp_path / "p.db"
    store = ProgressStore(db)
    other = tmp_path / "other.db"
    ProgressStore(other).close()
    os.replace(other, db)
    with pytest.raises(P.ProgressWriteError):
        store.record_answer(_result("Q-b"), mode="practice", answered_at=T0)
    store.close()


def test_move_aside_never_overwrites_an_earlier_copy(tmp_path, monkeypatch):
    db = tmp_path / "p.db"
    db.write_bytes(b"junk one " * 100)

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2025, 1, 1, tzinfo=timezone.utc)

    monkeypatch.setattr(P, "datetime", Frozen)
    ProgressStore(db, start_fresh=True).close()
    db.unlink()
    db.write_bytes(b"junk two " * 100)
    ProgressStore(db, start_fresh=True).close()
    kept = sorted(p.read_bytes()[:8] for p in tmp_path.glob("p.db.corrupt-*") if not p.name.endswith(("-wal", "-shm")))
    assert kept == [b"junk one", b"junk two"]


# ============================================================== 3. two kernels, one new file
def _open_together(path: str, barrier, results) -> None:
    try:
        barrier.wait(30)
        with ProgressStore(path) as s:
            s.record_answer(_result(f"Q-{os.getpid()}"), mode="practice", answered_at=T0)
        results.put("ok")
    except BaseException as exc:  # noqa: BLE001 - the parent counts refusals
        results.put(f"{type(exc).__name__}: {exc}")


@pytest.mark.slow
def test_eight_processes_opening_a_new_file_together(tmp_path):
    ctx = multiprocessing.get_context("fork")
    n, rounds = 8, 40
    outcomes: list[str] = []
    for r in range(rounds):
        path = str(tmp_path / f"new-{r}.db")
        barrier, results = ctx.Barrier(n), ctx.Queue()
        procs = [ctx.Process(target=_open_together, args=(path, barrier, results)) for _ in range(n)]
        for p in procs:
            p.start()
        got = [results.get(timeout=120) for _ in procs]
        for p in procs:
            p.join(60)
        outcomes += got
        with ProgressStore(path) as s:
            assert s.count_answers() == got.count("ok")
            assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    refusals = [o for o in outcomes if o != "ok"]
    assert refusals == [], f"{len(refusals)} of {n * rounds} openers refused: {refusals[:3]}"


# ============================================================== 4. mock hand-in
def test_paper_hand_in_is_all_or_nothing_and_idempotent(tmp_path, monkeypatch):
    store = ProgressStore(tmp_path / "p.db")
    paper = [_result(f"Q-{i}", i % 4 != 0) for i in range(20)]
    real_review, calls = P.review, {"n": 0}

    def failing_review(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 11:
            raise sqlite3.OperationalError("disk I/O error")  # fails part-way
        return real_review(*args, **kwargs)

    monkeypatch.setattr(P, "review", failing_review)
    with pytest.raises(ServiceLabError):
        store.record_paper("paper-1", paper, answered_at=T0)
    assert store.count_answers() == 0 and store.states() == {}  # nothing of the paper stored
    monkeypatch.setattr(P, "review", real_review)
    assert store.record_paper("paper-1", paper, answered_at=T0) == 20
    assert store.record_paper("paper-1", paper, answered_at=T0) == 0  # pressed again
    assert store.count_answers() == 20
    assert sum(s.n_correct + s.n_wrong for s in store.states().values()) == 20  # no box moved twice
    assert store.record_paper("paper-2", paper[:3], answered_at=T0) == 3  # another paper counts
    store.close()


# ============================================================== 5. stale export temp files
KILLED_EXPORT_CHILD = textwrap.dedent(
    """
    import os, sys, time
    sys.path.insert(0, sys.argv[3])
    from servicelab.storage import progress as P
    def stuck(src, dst):        # the export is killed after writing its temporary file, before the rename
        print("written", flush=True)
        time.sleep(600)
    P.os.replace = stuck
    P.ProgressStore(sys.argv[1]).export_json(sys.argv[2])
    """
)


def test_temp_files_of_killed_exports_are_removed_at_the_next_open(tmp_path):
    db = tmp_path / "p.db"
    _filled(db, 3)
    script = tmp_path / "kill.py"
    script.write_text(KILLED_EXPORT_CHILD, encoding="utf-8")
    def temp_files() -> list[Path]:
        return [p for p in tmp_path.iterdir() if p.name.endswith("tmp")]

    for i in range(3):
        child = subprocess.Popen([sys.executable, str(script), str(db), str(tmp_path / f"export-{i}.json"), LIB],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "written", child.stderr.read()
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        # the killed export left its temporary file; the next kernel's open removed the earlier ones
        assert len(temp_files()) == 1, temp_files()
    left = temp_files()
    mine = tmp_path / "notes.json.tmp"
    mine.write_text("the learner's own file", encoding="utf-8")
    running = tmp_path / f".export-9.json.{os.getpid()}-0123abcd{P.TMP_SUFFIX}"  # an export still under way
    running.write_text("{", encoding="utf-8")
    with ProgressStore(db) as s:
        assert sorted(p.name for p in s.removed_temp_files) == sorted(p.name for p in left)
    assert sorted(p.name for p in tmp_path.iterdir() if "tmp" in p.name) == sorted([mine.name, running.name])
    assert mine.read_text(encoding="utf-8") == "the learner's own file"


def test_an_old_temp_file_of_a_live_process_id_is_stale(tmp_path):
    old = tmp_path / f".export.json.{os.getpid()}-00000000{P.TMP_SUFFIX}"
    old.write_text("{", encoding="utf-8")
    two_days = time.time() - 2 * 86400
    os.utime(old, (two_days, two_days))
    assert P.remove_stale_temp_files(tmp_path) == [old] and not old.exists()


# ============================================================== 11. export / import paths
@pytest.mark.parametrize("name", ["../escape.json", "/etc/passwd.json", "sub/x.json", "..", ".hidden.json",
                                  "x.txt", "", "C:\\\\x.json", "a\\\\..\\\\b.json"])
def test_export_names_outside_the_folder_are_refused(tmp_path, name):
    with pytest.raises(ServiceLabError) as info:
        P.resolve_export_path(name, tmp_path)
    assert info.value.key == "progress.error.bad_export_name"
    assert str(tmp_path) in info.value.message("en") and str(tmp_path) in info.value.message("zh")


def test_a_link_out_of_the_folder_is_refused(tmp_path):
    (tmp_path / "out").mkdir()
    inside = tmp_path / "data"
    inside.mkdir()
    (inside / "link.json").symlink_to(tmp_path / "out" / "target.json")
    with pytest.raises(ServiceLabError) as info:
        P.resolve_export_path("link.json", inside)
    assert info.value.key == "progress.error.outside_folder"
    assert P.resolve_export_path("progress-export.json", inside) == (inside / "progress-export.json").resolve()
