"""The class store (servicelab.classroom.store): round trip, upsert, closed rounds, reset, version(), schema checks."""
from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
import threading

import pytest

from servicelab.classroom.store import APPLICATION_ID, SCHEMA_VERSION, ClassStore, ClassStoreError
from servicelab.errors import ServiceLabError

from .conftest import CHOICE, GOOD_SURVEY_ANSWER, MULTI, SURVEY

DEV = [f"device-{i:04d}" for i in range(10)]


def test_round_trip_and_upsert(db):
    s = ClassStore(db)
    rid = s.open_round(CHOICE)
    r = s.current_round()
    assert (r.id, r.kind, r.open, r.spec["correct"]) == (rid, "choice", True, ["B"])
    t0 = s.submit(rid, DEV[0], {"choice": ["A"]})
    s.submit(rid, DEV[1], {"choice": ["B"]})
    t2 = s.submit(rid, DEV[0], {"choice": ["C"]})  # DEV[0] changes its answer
    assert t2 >= t0
    df = s.answers(rid)
    assert list(df.columns) == ["device", "payload", "received_at"]
    assert df["device"].tolist() == [DEV[1], DEV[0]]  # ordered by received_at: DEV[0]'s last answer is newest
    assert df["payload"].tolist() == [{"choice": ["B"]}, {"choice": ["C"]}]
    assert s.count(rid) == 2 and s.answer(rid, DEV[0]) == {"choice": ["C"]}
    s.close()
    again = ClassStore(db)  # reopened: everything is on disk
    assert again.count(rid) == 2 and again.round(rid).spec == r.spec
    again.close()


def test_survey_answers_and_text_verbatim(db):
    s = ClassStore(db)
    rid = s.open_round(SURVEY)
    evil = "<script>alert('x')</script>"
    s.submit(rid, DEV[0], {**GOOD_SURVEY_ANSWER, "texts": {"comment": evil}})
    assert s.answers(rid)["payload"][0] == {"ratings": GOOD_SURVEY_ANSWER["ratings"], "texts": {"comment": evil}}
    s.close()


def test_one_open_round_and_closed_round_refused(db):
    s = ClassStore(db)
    a = s.open_round(CHOICE)
    s.submit(a, DEV[0], {"choice": ["B"]})
    b = s.open_round(MULTI)  # opening closes the open one
    assert [(r.id, r.open) for r in s.rounds()] == [(a, False), (b, True)]
    with pytest.raises(ServiceLabError) as err:
        s.submit(a, DEV[1], {"choice": ["A"]})
    assert err.value.key == "classroom.error.round_closed"
    with pytest.raises(ServiceLabError) as err:  # an answer of round a's shape into b: checked against b
        s.submit(b, DEV[1], {"choice": ["A", "B"], "x": 1})
    assert err.value.key == "classroom.error.answer_unknown_field"
    s.close_round()
    assert s.current_round().id == b and not s.current_round().open
    with pytest.raises(ServiceLabError) as err:
        s.submit(b, DEV[1], {"choice": ["A"]})
    assert err.value.key == "classroom.error.round_closed"
    assert s.count(a) == 1 and s.count(b) == 0
    with pytest.raises(ServiceLabError) as err:
        s.submit(999, DEV[1], {"choice": ["A"]})
    assert err.value.key == "classroom.error.no_round"
    with pytest.raises(ServiceLabError) as err:
        s.submit(b, "x", {"choice": ["A"]})
    assert err.value.key == "classroom.error.bad_device"
    s.close()


def test_at_most_one_open_round_even_in_raw_sql(db):
    s = ClassStore(db)
    s.open_round(CHOICE)
    raw = sqlite3.connect(db)
    with pytest.raises(sqlite3.IntegrityError):
        raw.execute("INSERT INTO rounds (kind, spec, opened_at) VALUES ('choice', '{}', 0)")
    raw.close()
    s.close()


def test_reset_never_reuses_round_ids(db):
    s = ClassStore(db)
    a = s.open_round(CHOICE)
    s.submit(a, DEV[0], {"choice": ["B"]})
    s.reset()
    assert s.rounds() == [] and s.current_round() is None and s.count(a) == 0
    b = s.open_round(CHOICE)
    assert b > a  # an old phone posting to round a cannot land in the new round
    with pytest.raises(ServiceLabError):
        s.submit(a, DEV[0], {"choice": ["B"]})
    s.close()


def test_version_changes_across_processes(db):
    s = ClassStore(db)
    rid = s.open_round(CHOICE)
    v0 = s.version()
    assert s.version() == v0  # nothing changed: same number
    code = textwrap.dedent(f"""
        from servicelab.classroom.store import ClassStore
        s = ClassStore({str(db)!r})
        s.submit({rid}, "device-other", {{"choice": ["D"]}})
        s.close()
    """)
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    v1 = s.version()
    assert v1 != v0 and s.count(rid) == 1  # another process's commit is seen
    s.submit(rid, DEV[0], {"choice": ["A"]})
    assert s.version() != v1  # and so is our own
    s.close()


def test_threads_share_one_store(db):
    s = ClassStore(db)
    rid = s.open_round(SURVEY)
    errors = []

    def work(i):
        try:
            for j in range(20):
                s.submit(rid, f"thread-{i:02d}-{j:03d}", GOOD_SURVEY_ANSWER)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert not errors and s.count(rid) == 80
    s.close()


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_schema_version_and_application_id_written(db):
    ClassStore(db).close()
    raw = sqlite3.connect(db)
    assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 1
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()


def test_newer_file_refused_untouched(db):
    ClassStore(db).close()
    raw = sqlite3.connect(db)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    before = _digest(db)
    with pytest.raises(ClassStoreError) as err:
        ClassStore(db)
    assert err.value.key == "classroom.error.file_too_new" and not err.value.damaged
    assert str(SCHEMA_VERSION + 1) in err.value.message("zh") and str(db) in err.value.message("en")
    assert _digest(db) == before


def test_foreign_and_damaged_files_refused_untouched(tmp_path):
    foreign = tmp_path / "other.db"
    raw = sqlite3.connect(foreign)
    raw.execute("CREATE TABLE t (x)")
    raw.commit()
    raw.close()
    text = tmp_path / "notes.db"
    text.write_text("these are my notes, not a database\n" * 10)
    garbage = tmp_path / "broken.db"
    garbage.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 20)
    for path, keys in [(foreign, {"classroom.error.file_foreign"}), (text, {"classroom.error.file_not_sqlite"}),
                       (garbage, {"classroom.error.file_not_sqlite", "classroom.error.file_damaged"})]:
        before = _digest(path)
        with pytest.raises(ClassStoreError) as err:
            ClassStore(path)
        assert err.value.key in keys and err.value.damaged, path
        assert str(path) in err.value.message("zh") and str(path) in err.value.message("en")
        assert _digest(path) == before, path


def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file where the folder should be")
    path = blocker / "class.db"
    with pytest.raises(ClassStoreError) as err:
        ClassStore(path)
    assert err.value.key == "classroom.error.file_cannot_write" and not err.value.damaged
    assert str(path) in err.value.message("zh") and str(path) in err.value.message("en")
