"""The mock-exam tab of issue 8: case items on the paper, the confirm steps, the live countdown, and
the running paper saved as it is answered — resumed by a new panel on the same progress file (a
reload or a kernel restart), handed in by itself once its deadline has passed.

Questions are written here by hand; the clock is injected; the progress file lives in tmp_path.
Oracles: the pro-rata rule worked by hand (part marks × ticked ÷ key points), and the deadline
arithmetic (start + minutes).
"""
from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from servicelab.quiz import Bank, CasePart, Option, Question, Text
from servicelab.storage.progress import ProgressStore
from servicelab.widgets.countdown import format_remaining, warning_level
from servicelab.widgets.quiz import ExamPrep, QuestionCard
from servicelab.widgets.quiz.practice import type_label

T0 = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.timezone.utc)


def plain(value: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", value))


def _q(qid: str, qtype: str, **kw) -> Question:
    return Question(id=qid, type=qtype, concepts=("C1.1",), chapter="01", difficulty=1,
                    prompt=Text(f"题目{qid}", f"Prompt {qid}"), explanation=Text(f"解析{qid}", f"Because {qid}"),
                    notebook="01_service_era", **kw)


ABCD = tuple(Option(k, Text(f"选项{k}", f"option {k}")) for k in "ABCD")
SINGLE = _q("Q-single", "single", options=ABCD, answer="B")
TF = _q("Q-tf", "true_false", answer=True)
KP = lambda n, tag: tuple(Text(f"{tag}要点{i}", f"{tag} point {i}") for i in range(n))  # noqa: E731
CASE = _q("Q-case", "case", scenario=Text("第一段。\n\n第二段。", "Paragraph one.\n\nParagraph two."),
          parts=(CasePart(Text("第一问", "Part one"), 9, KP(3, "一")), CasePart(Text("第二问", "Part two"), 6, KP(2, "二"))))
BANK = Bank([SINGLE, TF, CASE])
BLUEPRINT = (("single", 1, 1.0), ("case", 1, 15.0))


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def panel(tmp_path, clock, lang="en") -> ExamPrep:
    return ExamPrep(lang, path=tmp_path / "progress.db", bank=BANK, cards=(), clock=clock, blueprint=BLUEPRINT)


def cards(p) -> dict[str, QuestionCard]:
    return {c.question.id: c for c in p.mock_cards}


# ---------------------------------------------------------------- the case card
def test_case_card_shows_scenario_and_parts_and_marks_per_part():
    c = QuestionCard(CASE, "en", None, "practice")
    text = plain(c.prompt.value)
    assert "Paragraph one." in text and "Paragraph two." in text and "sl-quiz-scenario" in c.prompt.value
    assert len(c.part_inputs) == 2 and [len(x) for x in c.part_checks] == [3, 2]
    assert all(b.layout.display == "none" for b in c._points_boxes)  # key points only after "reveal"
    c.part_inputs[0].value = "my analysis"
    c.reveal()
    c.part_checks[0][0].value = c.part_checks[0][2].value = True  # 2 of 3 of 9 marks = 6
    c.part_checks[1][1].value = True                              # 1 of 2 of 6 marks = 3
    r = c.submit()
    assert r.score == pytest.approx(9 / 15) and r.correct
    fb = plain(c.feedback.value)
    assert "Self-marked: 9/15 marks" in fb
    assert "Part (1): 2/3 key points ticked, 6/9 marks" in fb and "Part (2): 1/2 key points ticked, 3/6 marks" in fb


def test_case_card_in_chinese():
    c = QuestionCard(CASE, "zh", None, "practice")
    assert "（1）第一问（9 分）" in plain(c.prompt.value + "".join(w.value for w in c.children[1].children
                                                                if hasattr(w, "value") and isinstance(w.value, str)))


def test_true_false_is_labelled_a_practice_type():
    assert type_label("true_false", "zh") == "判断题（练习题型，考试不考）"
    assert type_label("true_false", "en") == "True or false (practice type, not in the exam)"
    assert type_label("case", "zh") == "案例分析题"


# ---------------------------------------------------------------- confirm steps
def test_hand_in_asks_first(tmp_path):
    p = panel(tmp_path, Clock(T0))
    p.start_mock()
    cards(p)["Q-single"].choice.value = "B"
    p.ask_submit_mock()  # the button
    assert p.mock_confirm.layout.display is None and "1 questions are unanswered" in plain(p.mock_confirm_text.value)
    assert p.mock_handed_in is None and p.store.count_answers() == 0
    p._ask(None)  # "keep answering"
    assert p.mock_confirm.layout.display == "none" and p.mock_handed_in is None
    assert not cards(p)["Q-single"].choice.disabled
    p.ask_submit_mock()
    p._confirmed()  # "yes, hand in": the case is unanswered, so the paper is marked at once
    assert p.mock_result is not None and p.mock_result.total == 1.0
    assert p.store.count_answers() == 1 and p.store.running_paper() is None
    assert not p.countdown.running


def test_a_new_paper_while_one_runs_asks_first(tmp_path):
    p = panel(tmp_path, Clock(T0))
    p.start_mock()
    first = p.mock_paper_id
    cards(p)["Q-single"].choice.value = "A"
    p.ask_start_mock()  # the start button
    assert p.mock_paper_id == first and "still running" in plain(p.mock_confirm_text.value)
    p._confirmed()
    assert p.mock_paper_id != first and not cards(p)["Q-single"].choice.value
    assert p.store.running_paper()["paper_id"] == p.mock_paper_id and p.store.running_paper()["answers"] == {}


# ---------------------------------------------------------------- saved as answered, resumed
def test_a_new_panel_on_the_same_file_resumes_paper_answers_and_clock(tmp_path):
    clock = Clock(T0)
    p = panel(tmp_path, clock)
    p.minutes.value = 150
    p.start_mock()
    ids = list(p.mock_exam.question_ids)
    cards(p)["Q-single"].choice.value = "C"
    cards(p)["Q-case"].part_inputs[1].value = "第二问的答案"
    p.store.close()                          # the kernel goes away
    clock.now = T0 + dt.timedelta(minutes=40)
    q = panel(tmp_path, clock)               # a reload / restart: a new panel, same file
    assert list(q.mock_exam.question_ids) == ids and q.mock_paper_id == p.mock_paper_id
    assert q.mock_exam.deadline == T0 + dt.timedelta(minutes=150)  # the same clock, not a fresh 150 minutes
    assert cards(q)["Q-single"].choice.value == "C"
    assert cards(q)["Q-case"].part_inputs[1].value == "第二问的答案" and cards(q)["Q-case"].part_inputs[0].value == ""
    assert q.countdown.running and "restored (2 questions answered)" in plain(q.mock_resumed.value)
    left_ms = q.countdown.deadline_ms - dt.datetime.now(dt.timezone.utc).timestamp() * 1000
    assert abs(left_ms / 60000 - 110) < 0.1   # 150 − 40 minutes left, on the page's clock
    # answering goes on being saved, and the hand-in records the resumed paper once
    cards(q)["Q-single"].choice.value = "B"
    assert ProgressStore(tmp_path / "progress.db").running_paper()["answers"]["Q-single"] == "B"


def test_a_paper_being_self_marked_comes_back_to_its_marking_step(tmp_path):
    clock = Clock(T0)
    p = panel(tmp_path, clock)
    p.start_mock()
    cards(p)["Q-case"].part_inputs[0].value = "analysis"
    assert p.submit_mock() is None  # step 1: locked, key points shown
    cards(p)["Q-case"].part_checks[0][1].value = True
    q = panel(tmp_path, clock)
    case = cards(q)["Q-case"]
    assert q.mock_handed_in == T0 and case.part_inputs[0].disabled and not case.part_checks[0][0].disabled
    assert case.part_checks[0][1].value and not q.countdown.running
    case.part_checks[1][0].value = True
    report = q.submit_mock()  # finish marking: 9·1/3 + 6·1/2 = 6 of 15
    assert report.total == pytest.approx(6.0) and report.possible == 16.0
    assert q.store.running_paper() is None and q.store.count_answers() == 1


def test_a_paper_whose_deadline_passed_is_handed_in_by_itself(tmp_path):
    clock = Clock(T0)
    p = panel(tmp_path, clock)
    p.minutes.value = 30
    p.start_mock()
    cards(p)["Q-single"].choice.value = "B"
    clock.now = T0 + dt.timedelta(minutes=31)  # the kernel was away past the deadline
    q = panel(tmp_path, clock)
    assert q.mock_result is not None and q.mock_result.total == 1.0 and not q.mock_result.overtime
    assert "handed in automatically" in plain(q.mock_report_box.value)
    assert q.store.count_answers() == 1 and q.store.running_paper() is None and not q.countdown.running


def test_time_up_with_written_answers_goes_to_self_marking(tmp_path):
    clock = Clock(T0)
    p = panel(tmp_path, clock)
    p.start_mock()
    cards(p)["Q-case"].part_inputs[0].value = "analysis"
    clock.now = T0 + dt.timedelta(minutes=150)
    p.countdown._handle(p.countdown, {"event": "expired"}, [])  # the page says the time is up
    assert p.mock_handed_in == clock.now and p.mock_result is None
    assert cards(p)["Q-case"].part_inputs[0].disabled and "handed in automatically" in plain(p.mock_report_box.value)
    assert p.store.running_paper()["handed_in_at"] == clock.now


def test_an_answer_after_the_deadline_hands_the_paper_in(tmp_path):
    clock = Clock(T0)
    p = panel(tmp_path, clock)
    p.minutes.value = 10
    p.start_mock()
    clock.now = T0 + dt.timedelta(minutes=11)
    cards(p)["Q-single"].choice.value = "B"  # the kernel notices the time on the next answer
    assert p.mock_result is not None and p.mock_result.overtime is False  # handed in at the deadline
    assert p.mock_result.total == 0.0 and cards(p)["Q-single"].choice.value is None  # the late answer does not count
    assert p.store.count_answers() == 0


def test_countdown_text_and_warnings():
    assert format_remaining(150 * 60) == "2:30:00" and format_remaining(14 * 60 + 59.5) == "15:00"
    assert [warning_level(m * 60) for m in (16, 15, 6, 5, 0)] == ["", "15", "15", "5", "up"]


def test_an_unreadable_saved_paper_does_not_stop_the_panel(tmp_path, monkeypatch):
    import sqlite3

    def broken(self):
        raise sqlite3.OperationalError("no such table: running_paper")

    monkeypatch.setattr(ProgressStore, "running_paper", broken)
    p = panel(tmp_path, Clock(T0))
    assert p.tabs is not None and p.mock_exam is None
    p.start_mock()
    assert p.mock_exam is not None


def test_a_save_that_fails_is_shown_and_the_paper_goes_on(tmp_path, monkeypatch):
    import sqlite3

    p = panel(tmp_path, Clock(T0))
    p.start_mock()

    def full(self, *a, **k):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(ProgressStore, "save_running_paper", full)
    cards(p)["Q-single"].choice.value = "B"
    assert "disk is full" in plain(p.mock_error.value)
    p.submit_mock()
    assert p.mock_result is not None and p.mock_result.total == 1.0


def test_a_paper_from_another_bank_is_dropped_not_resumed(tmp_path):
    with ProgressStore(tmp_path / "progress.db") as s:
        s.save_running_paper("gone", [("single", 1.0, ["Q-not-in-bank"])], started_at=T0,
                             deadline=T0 + dt.timedelta(minutes=150), answers={})
    p = panel(tmp_path, Clock(T0))
    assert p.mock_exam is None and p.store.running_paper() is None


def _descendants(widget):
    for child in getattr(widget, "children", ()):
        yield child
        yield from _descendants(child)


@pytest.mark.parametrize("q", [CASE, _q("Q-term", "term", key_points=KP(3, "名"))], ids=["case", "term"])
def test_every_key_point_box_is_on_the_card(q):
    c = QuestionCard(q, "zh", None, "practice")
    shown = set(map(id, _descendants(c)))
    assert c._points_boxes and all(id(b) in shown for b in c._points_boxes)
    assert all(id(cb) in shown for cb in c.point_checks)


@pytest.fixture
def comm_log(monkeypatch):
    """Every comm message the widgets publish, as (comm id, msg type, data)."""
    import comm as comm_pkg

    log: list[tuple[str, str, dict]] = []

    class Recording(comm_pkg.DummyComm):
        def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
            log.append((self.comm_id, msg_type, data or {}))

    monkeypatch.setattr(comm_pkg, "create_comm", lambda *a, **kw: Recording(*a, **kw))
    return log


def test_the_countdown_gets_its_state_when_it_is_made_never_as_an_update(tmp_path, comm_log):
    """anywidget 0.11 drops every update to a model whose module took > 2 s to initialise (a loaded
    page): a started or stopped countdown must carry its state in its comm's open message."""
    clock = Clock(T0)
    p = panel(tmp_path, clock)
    p.start_mock()
    shown = p.countdown  # the one on the page
    opened = [d for cid, kind, d in comm_log if cid == shown.model_id and kind == "comm_open"]
    assert len(opened) == 1 and opened[0]["state"]["running"] is True
    left_min = (opened[0]["state"]["deadline_ms"] / 1000 - dt.datetime.now(dt.timezone.utc).timestamp()) / 60
    assert abs(left_min - 150) < 1  # the default paper: 150 minutes from the (injected) start
    updates = [d for cid, kind, d in comm_log if cid == shown.model_id and kind == "comm_msg"]
    assert not [u for u in updates if {"running", "deadline_ms"} & set(u.get("state", {}))]

    cards(p)["Q-single"].choice.value = "B"
    p.submit_mock()  # the case is unanswered: marked at once, the countdown stops
    stopped = p.countdown
    assert not stopped.running
    assert [d["state"]["running"] for cid, kind, d in comm_log if cid == stopped.model_id and kind == "comm_open"] == [False]
    assert not [d for cid, kind, d in comm_log if cid == stopped.model_id and kind == "comm_msg"
                and {"running", "deadline_ms"} & set(d.get("state", {}))]
    assert p.countdown_slot.children == (stopped,) and stopped is not shown


def test_a_new_paper_closes_the_widgets_of_the_one_it_replaces(tmp_path):
    """Every replaced paper's widgets stayed alive (kernel and page) and each start got slower; the
    count of live widget models after the third paper equals that after the first (oracle:
    ipywidgets' own registry of open models, counted before and after)."""
    from ipywidgets.widgets.widget import _instances

    p = panel(tmp_path, Clock(T0))
    p.start_mock()
    old_cards = list(p.mock_cards)
    after_first = len(_instances)
    for _ in range(2):
        p._ask(None)
        p.start_mock()
    assert len(_instances) == after_first
    assert all(c.comm is None and all(w.comm is None for w in (c.choice, c.text_input, *c.part_inputs) if w is not None)
               for c in old_cards)
    assert all(c.comm is not None for c in p.mock_cards)
    live = p.mock_cards[0]
    live.choice.value = "B"  # the new paper still works, and is saved
    assert p.store.running_paper()["answers"] == {"Q-single": "B"}
