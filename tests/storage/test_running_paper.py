"""The running mock paper in the progress file (issue 8 §4): saved as it is answered, resumed after a
restart, forgotten when handed in; the schema migration that adds its table to an older file.
"""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

from servicelab.quiz import Result
from servicelab.storage import progress as P
from servicelab.storage.progress import ProgressStore

T0 = datetime(2025, 6, 1, 8, 0, tzinfo=timezone.utc)
SECTIONS = [("single", 1.0, ["Q-a", "Q-b"]), ("case", 15.0, ["Q-c"])]


def test_a_paper_saved_by_one_store_is_read_by_the_next(tmp_path):
    path = tmp_path / "progress.db"
    with ProgressStore(path) as s:
        s.save_running_paper("p1", SECTIONS, started_at=T0, deadline=T0 + timedelta(minutes=150),
                             answers={"Q-a": "B"})
        s.save_running_paper("p1", SECTIONS, started_at=T0, deadline=T0 + timedelta(minutes=150),
                             answers={"Q-a": "C", "Q-c": {"parts": [{"text": "写了", "ticked": []}]}})
    with ProgressStore(path) as s:  # "a kernel restart"
        r = s.running_paper()
    assert r["paper_id"] == "p1" and r["deadline"] == T0 + timedelta(minutes=150) and r["started_at"] == T0
    assert r["sections"] == [("single", 1.0, ("Q-a", "Q-b")), ("case", 15.0, ("Q-c",))]
    assert r["answers"] == {"Q-a": "C", "Q-c": {"parts": [{"text": "写了", "ticked": []}]}}
    assert r["handed_in_at"] is None


def test_one_paper_runs_at_a_time_and_finishing_records_and_forgets_it(tmp_path):
    with ProgressStore(tmp_path / "progress.db") as s:
        s.save_running_paper("old", SECTIONS, started_at=T0, deadline=T0, answers={})
        s.save_running_paper("new", SECTIONS, started_at=T0, deadline=T0, answers={}, handed_in_at=T0)
        assert s.running_paper()["paper_id"] == "new" and s.running_paper()["handed_in_at"] == T0
        assert s.conn.execute("SELECT count(*) FROM running_paper").fetchone()[0] == 1
        rs = [Result("Q-a", "single", "B", 1.0, 1.0, True, 1.0)]
        assert s.finish_running_paper("new", rs, answered_at=T0) == 1
        assert s.running_paper() is None and s.count_answers() == 1
        assert s.finish_running_paper("new", rs, answered_at=T0) == 0  # handed in twice: stored once


def test_reset_forgets_the_running_paper(tmp_path):
    with ProgressStore(tmp_path / "progress.db") as s:
        s.save_running_paper("p", SECTIONS, started_at=T0, deadline=T0, answers={})
        s.reset(P.RESET_TOKEN)
        assert s.running_paper() is None


def test_a_version_1_file_is_migrated_and_keeps_its_answers(tmp_path):
    path = tmp_path / "progress.db"
    con = sqlite3.connect(path)  # a file as version 1 of the schema wrote it
    con.execute(f"PRAGMA application_id = {P.APPLICATION_ID}")
    for statement in P.MIGRATIONS[0]:
        con.execute(statement)
    con.execute("INSERT INTO answers VALUES ('u1', 'Q-a', 'practice', '\"B\"', 1, 1, 1, 1, '2025-06-01T08:00:00+00:00')")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    with ProgressStore(path) as s:
        assert s.count_answers() == 1 and s.running_paper() is None
        s.save_running_paper("p", SECTIONS, started_at=T0, deadline=T0, answers={"Q-a": "B"})
        assert s.running_paper()["answers"] == {"Q-a": "B"}
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(P.MIGRATIONS)
    assert "running_paper" in {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
