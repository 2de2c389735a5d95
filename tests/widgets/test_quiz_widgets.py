"""Tests for servicelab.widgets.quiz (card, tabs, panel), driven from Python without a browser.

The questions are written here by hand (so the expected answers do not depend on the shipped bank),
the progress file lives in ``tmp_path``, and the clock is fixed. Setting a widget's ``value`` fires
its observers as a browser would; buttons are pressed by calling the method they are wired to.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import re
import sqlite3
from pathlib import Path

import pytest

from servicelab.errors import ServiceLabError
from servicelab.quiz import Bank, Card, Option, Question, Result, Text
from servicelab.storage.progress import ProgressStore
from servicelab.widgets.quiz import CheckYourself, ExamPrep, QuestionCard, feedback_html

NOW = dt.datetime(2025, 6, 2, 9, 30, tzinfo=dt.timezone.utc)


def clock() -> dt.datetime:
    return NOW


def plain(value: str) -> str:
    """Text of an HTML widget value (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", value))


def _q(qid: str, qtype: str, chapter: str = "01", **kw) -> Question:
    return Question(id=qid, type=qtype, concepts=(kw.pop("concept", "C1.1"),), chapter=chapter, difficulty=1,
                    prompt=Text(f"题目{qid}", f"Prompt {qid}"), explanation=Text(f"解析{qid}", f"Because {qid}"),
                    notebook="01_service_era", **kw)


ABCD = tuple(Option(k, Text(f"选项{k}", f"option {k}")) for k in "ABCD")
SINGLE = _q("Q-single", "single", options=ABCD, answer="B")
MULTIPLE = _q("Q-multi", "multiple", options=ABCD, answer=("A", "B", "C"))
TRUE_FALSE = _q("Q-tf", "true_false", answer=True)
NUMERIC = _q("Q-num", "numeric", answer=3.85, tolerance=0.01, unit=Text("分", "points"))
SHORT = _q("Q-short", "short", concept="C2.1", chapter="03",
           key_points=(Text("要点一", "point one"), Text("要点二", "point two"), Text("要点三", "point three")))
CARD = Card(id="K-test", concepts=("C3.5",), mnemonic=Text("主难成", "S-H-C"),
            parts=(Text("主观性强", "subjective"), Text("难以评估", "hard to evaluate"), Text("成本高", "costly")),
            notebook="10_quality_management", explanation=Text("三个特点", "three features"))


@pytest.fixture
def store(tmp_path):
    s = ProgressStore(tmp_path / "progress.db")
    yield s
    s.close()


def card(question, store, lang="en", mode="practice"):
    return QuestionCard(question, lang, store, mode, clock=clock)


# ================================================================== QuestionCard
class TestSingleChoice:
    def test_right_answer_shows_feedback_and_is_stored(self, store):
        c = card(SINGLE, store)
        c.choice.value = "B"
        c.submit()
        text = plain(c.feedback.value)
        assert "Correct." in text and "Because Q-single" in text
        assert c.error.value == ""
        rows = store.answers()
        assert len(rows) == 1
        row = rows.iloc[0]
        assert (row["question_id"], row["mode"], bool(row["correct"]), row["score"]) == ("Q-single", "practice", True, 1.0)
        assert row["answered_at"] == NOW
        assert store.states()["Q-single"].stability == pytest.approx(2.3065)  # FSRS-6: w2 after a first Good
        assert c.submit_button.disabled

    def test_wrong_answer_shows_the_key_and_is_stored_as_wrong(self, store):
        c = card(SINGLE, store)
        c.choice.value = "D"
        c.submit()
        text = plain(c.feedback.value)
        assert "Not quite." in text and "Answer: B. option B" in text
        rows = store.answers()
        assert len(rows) == 1 and not rows.iloc[0]["correct"] and rows.iloc[0]["score"] == 0.0
        assert store.states()["Q-single"].stability == pytest.approx(0.212)  # FSRS-6: w0 after a first Again

    def test_chinese_feedback(self, store):
        c = card(SINGLE, store, lang="zh")
        c.choice.value = "B"
        c.submit()
        text = plain(c.feedback.value)
        assert "正确。" in text and "解析Q-single" in text and "Because" not in text

    def test_submit_without_a_choice_asks_for_one_and_stores_nothing(self, store):
        c = card(SINGLE, store)
        c.submit()
        assert "choose an answer" in plain(c.error.value) and "请先选择" in plain(c.error.value)
        assert c.feedback.value == "" and store.count_answers() == 0
        c.choice.value = "B"
        c.submit()
        assert c.error.value == "" and store.count_answers() == 1

    def test_without_a_store_the_card_still_scores(self):
        c = card(SINGLE, None)
        c.choice.value = "B"
        assert c.submit().correct
        assert "Saved" not in plain(c.feedback.value)


class TestMultipleChoice:
    def test_feedback_shows_exam_all_or_nothing_and_partial_credit(self, store):
        c = card(MULTIPLE, store)
        for cb, pick in zip(c.checks, (True, True, False, False)):  # A, B of key A, B, C
            cb.value = pick
        c.submit()
        text = plain(c.feedback.value)
        # exam: a missing option scores 0; practice: (2 right − 0 wrong) / 3 right options = 67 %
        assert "0 / 1 mark" in text and "67%" in text and "Not quite." in text
        assert "Answer: ABC; you chose: AB" in text
        row = store.answers().iloc[0]
        assert row["score"] == 0.0 and row["partial_credit"] == pytest.approx(2 / 3)

    def test_a_wrong_pick_lowers_the_partial_credit(self, store):
        c = card(MULTIPLE, store)
        for cb, pick in zip(c.checks, (True, True, False, True)):  # A, B right; D wrong
            cb.value = pick
        c.submit()
        assert "33%" in plain(c.feedback.value)  # (2 − 1) / 3

    def test_all_right_scores_one(self, store):
        c = card(MULTIPLE, store)
        for cb, pick in zip(c.checks, (True, True, True, False)):
            cb.value = pick
        c.submit()
        text = plain(c.feedback.value)
        assert "Correct." in text and "1 / 1 mark" in text and "100%" in text


def test_true_false_wrong_judgement(store):
    c = card(TRUE_FALSE, store, lang="zh")
    c.choice.value = False
    c.submit()
    text = plain(c.feedback.value)
    assert "不对。" in text and "正确答案：对" in text
    assert not store.answers().iloc[0]["correct"]


class TestNumeric:
    def test_unreadable_number_shows_a_bilingual_error_and_keeps_the_text(self, store):
        c = card(NUMERIC, store)
        c.number_input.value = "three point eight"
        c.submit()
        err = plain(c.error.value)
        assert 'cannot read "three point eight" as a number' in err
        assert "无法把“three point eight”读成数字" in err
        assert c.number_input.value == "three point eight"
        assert c.feedback.value == "" and store.count_answers() == 0 and not c.submit_button.disabled

    def test_corrected_number_with_decimal_comma_and_unit_is_right(self, store):
        c = card(NUMERIC, store)
        c.number_input.value = "abc"
        c.submit()
        c.number_input.value = "3,85 points"
        c.submit()
        assert c.error.value == ""
        text = plain(c.feedback.value)
        assert "Correct." in text and "reads as 3.85" in text and "±0.01" in text
        assert store.answers().iloc[0]["correct"]

    def test_outside_the_tolerance_is_wrong(self, store):
        c = card(NUMERIC, store)
        c.number_input.value = "3.71"  # the plain mean, a classic slip
        c.submit()
        assert "Not quite." in plain(c.feedback.value)


class TestSelfAssessed:
    def test_ticked_points_give_the_score(self, store):
        c = card(SHORT, store)
        assert c.points_box.layout.display == "none"  # key points hidden until revealed
        c.text_input.value = "My answer covers one and three."
        c.submit()
        assert "Reveal the key points" in plain(c.error.value) and store.count_answers() == 0
        c.reveal()
        assert c.points_box.layout.display is None
        c.point_checks[0].value = True
        c.point_checks[2].value = True
        c.submit()
        text = plain(c.feedback.value)
        assert "2 of 3 key points = 67%" in text
        row = store.answers().iloc[0]
        assert row["score"] == pytest.approx(2 / 3) and row["correct"]  # 2/3 ≥ 60 % pass mark
        assert row["response"] == {"text": "My answer covers one and three.", "ticked": [0, 2]}

    def test_one_point_of_three_is_below_the_pass_mark(self, store):
        c = card(SHORT, store)
        c.reveal()
        c.point_checks[1].value = True
        c.submit()
        assert "1 of 3 key points = 33%" in plain(c.feedback.value)
        assert not store.answers().iloc[0]["correct"]


# ================================================================== CheckYourself
class TestCheckYourself:
    BANK = Bank([SINGLE, TRUE_FALSE, SHORT, MULTIPLE])

    def test_fixed_question_id(self, store):
        box = CheckYourself("Q-tf", "en", store=store, bank=self.BANK)
        assert box.card.question.id == "Q-tf"
        assert box.another.layout.display == "none"  # nothing else to offer

    def test_by_concept_is_seeded_and_stays_in_the_concept(self, store):
        picks = {CheckYourself(["C1.1"], "en", seed=s, store=store, bank=self.BANK).card.question.id for s in range(20)}
        assert picks <= {"Q-single", "Q-tf", "Q-multi"} and len(picks) > 1
        a = CheckYourself("C1.1", "en", seed=7, store=store, bank=self.BANK).card.question.id
        b = CheckYourself("C1.1", "en", seed=7, store=store, bank=self.BANK).card.question.id
        assert a == b

    def test_answer_is_stored(self, store):
        box = CheckYourself("Q-single", "en", store=store, bank=self.BANK)
        box.card.choice.value = "B"
        box.card.submit()
        assert store.answers()["question_id"].tolist() == ["Q-single"]

    def test_another_question_changes_the_question(self, store):
        box = CheckYourself("C1.1", "en", store=store, bank=self.BANK)
        first = box.card.question.id
        box.next_question()
        assert box.card.question.id != first

    def test_unknown_concept_is_refused(self, store):
        with pytest.raises(ServiceLabError) as info:
            CheckYourself("C9.99", "en", store=store, bank=self.BANK)
        assert "C9.99" in info.value.message("en")

    def test_corrupt_default_store_still_lets_the_learner_answer(self, tmp_path, monkeypatch):
        bad = tmp_path / "bad.db"
        bad.write_bytes(b"this is not sqlite" * 50)
        monkeypatch.setenv("SERVICELAB_PROGRESS_DB", str(bad))
        box = CheckYourself("Q-single", "en", bank=self.BANK)
        assert "cannot be saved" in plain(box.error.value)
        box.card.choice.value = "B"
        assert box.card.submit().correct
        assert bad.read_bytes() == b"this is not sqlite" * 50


# ================================================================== ExamPrep
BANK = Bank([SINGLE, TRUE_FALSE, NUMERIC, SHORT, MULTIPLE])


#: A paper with every auto-marked type and a written one (the 10421 default has no 判断/计算: these
#: hand-built tests keep them to exercise every card on a paper).
BLUEPRINT = (("single", 10, 1.0), ("multiple", 5, 2.0), ("true_false", 10, 1.0), ("term", 4, 5.0),
             ("short", 2, 10.0), ("numeric", 2, 5.0), ("essay", 1, 20.0))


def prep(tmp_path, lang="en", **kw) -> ExamPrep:
    kw.setdefault("blueprint", BLUEPRINT)
    return ExamPrep(lang, path=tmp_path / "progress.db", bank=BANK, cards=(CARD,), clock=clock, **kw)


def stored(tmp_path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress.db")


class TestPractice:
    def test_round_by_chapter_and_type(self, tmp_path):
        p = prep(tmp_path)
        p.chapter_select.value = "03"
        assert [v for _, v in p.concept_select.options] == ["", "C2.1"]  # "all", then chapter 3's concepts
        assert p.chapter_select.label == "03 · " + json.loads(
            (Path(__file__).parents[2] / "data" / "curriculum.json").read_text(encoding="utf-8"))["notebooks"][2]["title"]["en"]
        p.new_round()
        assert [q.id for q in p.practice_queue] == ["Q-short"]
        p.chapter_select.value = "01"
        p.type_select.value = "true_false"
        p.new_round()
        assert [q.id for q in p.practice_queue] == ["Q-tf"]
        assert p.practice_host.children[0].question.id == "Q-tf"

    def test_all_is_a_visible_choice_and_the_chapter_parameter_preselects(self, tmp_path):
        p = prep(tmp_path)
        # a None value would render as an empty dropdown in the browser: "All" must be selected
        assert (p.chapter_select.label, p.type_select.label, p.concept_select.label) == ("All", "All", "All")
        assert {q.chapter for q in p.practice_queue} == {"01", "03"}
        q = ExamPrep("en", path=tmp_path / "q.db", bank=BANK, cards=(CARD,), clock=clock, chapter="3")
        assert q.chapter_select.value == "03" and [x.id for x in q.practice_queue] == ["Q-short"]

    def test_empty_selection_shows_a_message(self, tmp_path):
        p = prep(tmp_path)
        p.chapter_select.value = "03"
        p.type_select.value = "single"
        p.new_round()
        assert "No questions match" in plain(p.practice_error.value)

    def test_answer_then_next_then_round_summary(self, tmp_path):
        p = prep(tmp_path)
        p.type_select.value = "single"
        p.new_round()
        c = p.practice_host.children[0]
        c.choice.value = "B"
        c.submit()
        p.next_practice()
        assert "1 of 1 correct" in plain(p.practice_status.value)
        with stored(tmp_path) as s:
            assert s.answers()["mode"].tolist() == ["practice"]


class TestMockExam:
    def test_submit_gives_a_report_by_type_and_chapter(self, tmp_path):
        p = prep(tmp_path)
        p.minutes.value = 90
        p.start_mock()
        ids = [c.question.id for c in p.mock_cards]
        # the course paper's order: single, multiple, true/false, term, short, calculation, essay
        assert ids == ["Q-single", "Q-multi", "Q-tf", "Q-short", "Q-num"]
        assert "hand in by" in plain(p.mock_deadline.value)
        by_id = {c.question.id: c for c in p.mock_cards}
        by_id["Q-single"].choice.value = "B"            # right: 1 mark
        by_id["Q-tf"].choice.value = False              # wrong: 0 of 1
        for cb, pick in zip(by_id["Q-multi"].checks, (True, True, False, False)):
            cb.value = pick                             # missing C: 0 of 2 (all or nothing)
        short = by_id["Q-short"]
        short.text_input.value = "two points"
        # no key points before hand-in: a mock card has no reveal button, its key points are hidden
        assert short.reveal_button is None and short.points_box.layout.display == "none"
        # Q-num left blank: 0 of 5
        assert p.submit_mock() is None  # step 1: answers locked, written answer to mark
        assert "1 written answers remain" in plain(p.mock_report_box.value)
        assert short.text_input.disabled and by_id["Q-single"].choice.disabled
        assert short.points_box.layout.display is None and not short.point_checks[0].disabled
        with stored(tmp_path) as s:
            assert s.count_answers() == 0  # nothing stored until marking is finished
        short.point_checks[0].value = True
        short.point_checks[1].value = True              # 2/3 of 10 marks
        report = p.submit_mock()
        possible = 1 + 2 + 1 + 10 + 5
        total = 1 + 10 * 2 / 3
        assert report.total == pytest.approx(total) and report.possible == possible
        text = plain(p.mock_report_box.value)
        assert f"Total: {round(total, 2):g} / {possible} marks" in text
        assert "By question type" in text and "By chapter" in text and "03 · " in text
        assert "Not answered" in plain(by_id["Q-num"].feedback.value)
        with stored(tmp_path) as s:
            rows = s.answers()
        assert sorted(rows["question_id"]) == ["Q-multi", "Q-short", "Q-single", "Q-tf"]
        assert set(rows["mode"]) == {"mock"}

    def test_unreadable_number_blocks_the_hand_in_and_stores_nothing(self, tmp_path):
        p = prep(tmp_path)
        p.start_mock()
        num = next(c for c in p.mock_cards if c.question.id == "Q-num")
        num.number_input.value = "about four"
        assert p.submit_mock() is None
        assert "5" in plain(p.mock_error.value)  # the calculation is question 5 on the paper
        assert "about four" in plain(num.error.value) and num.number_input.value == "about four"
        with stored(tmp_path) as s:
            assert s.count_answers() == 0

    def test_late_hand_in_is_flagged(self, tmp_path):
        times = iter([NOW, NOW, NOW + dt.timedelta(minutes=200)])
        p = ExamPrep("en", path=tmp_path / "progress.db", bank=BANK, cards=(CARD,), clock=lambda: next(times, NOW),
                     blueprint=BLUEPRINT)
        p.start_mock()
        p.submit_mock()
        assert "after the deadline" in plain(p.mock_report_box.value)


class TestReviewModes:
    def test_wrong_answer_review_offers_the_missed_question(self, tmp_path):
        p = prep(tmp_path)
        c = QuestionCard(SINGLE, "en", p.store, clock=clock)
        c.choice.value = "A"
        c.submit()
        p.refresh_review()
        assert "1 questions" in plain(p.review_status.value)
        assert p.review_host.children[0].question.id == "Q-single"

    def test_spaced_repetition_shows_new_questions_then_all_done(self, tmp_path):
        small = Bank([SINGLE, TRUE_FALSE])
        p = ExamPrep("en", path=tmp_path / "progress.db", bank=small, cards=(CARD,), clock=clock)
        seen = []
        for _ in range(2):
            q = p.next_spaced()
            assert "new question" in plain(p.spaced_status.value)
            c = p.spaced_host.children[0]
            c.choice.value = q.answer
            c.submit()
            seen.append(q.id)
        assert sorted(seen) == ["Q-single", "Q-tf"]
        assert p.next_spaced() is None
        assert "All done" in plain(p.spaced_status.value)
        with stored(tmp_path) as s:
            assert set(s.answers()["mode"]) == {"review"}

    def test_memory_card_review_is_stored(self, tmp_path):
        p = prep(tmp_path)
        p.start_cards()
        assert "S-H-C" in plain(p.card_front.value) and p.card_back.value == ""
        p.reveal_card()
        assert "hard to evaluate" in plain(p.card_back.value)
        p.rate_card(True)
        assert "1 recorded" in plain(p.card_status.value)
        with stored(tmp_path) as s:
            reviews = s.card_reviews()
            assert reviews["card_id"].tolist() == ["K-test"] and reviews["remembered"].tolist() == [True]
            assert s.states("card")["K-test"].stability == pytest.approx(2.3065)


class TestDashboard:
    def test_mastery_streak_and_chart_update_after_an_answer(self, tmp_path):
        p = prep(tmp_path)
        c = p._card(SINGLE, "practice")
        c.choice.value = "B"
        c.submit()
        # chapter 01 holds 4 questions (single, tf, numeric, multiple): 1 right → mastery 0.25
        rows = p.mastery_chart.datasets["quiz_mastery"]  # the rows sent to the live chart
        ch01 = next(r for r in rows if r["chapter"] == "01")
        assert ch01["mastery"] == pytest.approx(0.25) and ch01["n_answered"] == 1
        assert "Streak: 1 days" in plain(p.dashboard_stats.value)
        assert "answers so far: 1" in plain(p.dashboard_stats.value)


class TestProgressFile:
    def test_corrupt_file_shows_the_message_and_keeps_the_file(self, tmp_path):
        bad = tmp_path / "progress.db"
        junk = b"definitely not an SQLite database " * 40
        bad.write_bytes(junk)
        p = prep(tmp_path, lang="zh")
        text = plain(p.file_problem.value)
        assert "已损坏" in text and "damaged" in text and str(bad) in text
        assert p.fresh_button.layout.display is None and p.tabs is None
        assert bad.read_bytes() == junk
        p.start_fresh()  # not asked yet: nothing happens
        assert p.tabs is None and bad.read_bytes() == junk and not list(tmp_path.glob("progress.db.corrupt-*"))
        p.ask_start_fresh()  # first press: says what will happen, asks again
        assert p.fresh_confirm_box.layout.display is None and p.fresh_button.layout.display == "none"
        assert "不会删除" in plain(p.fresh_confirm_text.value) and bad.read_bytes() == junk
        p.fresh_cancel.click()  # changed their mind: still nothing moved
        assert p.fresh_confirm_box.layout.display == "none" and p.fresh_button.layout.display is None
        assert bad.read_bytes() == junk
        p.ask_start_fresh()
        p.start_fresh()  # second confirmation
        assert p.tabs is not None and p.fresh_button.layout.display == "none"
        assert p.fresh_confirm_box.layout.display == "none"
        kept = list(tmp_path.glob("progress.db.corrupt-*"))
        assert len(kept) == 1 and kept[0].read_bytes() == junk
        assert str(kept[0]) in plain(p.file_problem.value)

    def test_export_then_import_elsewhere_once(self, tmp_path):
        a_dir, b_dir = tmp_path / "a", tmp_path / "b"
        a_dir.mkdir()
        b_dir.mkdir()
        a = prep(a_dir)
        c = a._card(SINGLE, "practice")
        c.choice.value = "B"
        c.submit()
        assert a.export_folder.value == str(a_dir)  # the data folder: the progress file's folder
        a.export_name.value = "export.json"
        a.export_progress()
        (a_dir / "export.json").replace(tmp_path / "export.json")  # carried to the other computer
        doc = json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))
        assert [x["question_id"] for x in doc["answers"]] == ["Q-single"]
        assert "1 answers" in plain(a.file_status.value)

        b = prep(b_dir)
        content = (tmp_path / "export.json").read_bytes()
        b.upload.value = ({"name": "export.json", "type": "application/json", "size": len(content),
                           "content": memoryview(content), "last_modified": NOW},)
        assert "Imported 1 new records" in plain(b.file_status.value)
        assert b.import_progress("export.json", content) == 0  # same UUIDs: nothing added twice
        assert b.store.answers()["question_id"].tolist() == ["Q-single"]

    def test_import_of_a_non_export_shows_an_error(self, tmp_path):
        p = prep(tmp_path)
        assert p.import_progress("notes.json", b"{not json") is None
        assert "notes.json" in plain(p.error.value)

    def test_reset_needs_the_typed_confirmation(self, tmp_path):
        p = prep(tmp_path)
        c = p._card(SINGLE, "practice")
        c.choice.value = "B"
        c.submit()
        p.reset_confirm.value = "reset"
        p.reset_progress()
        assert "RESET" in plain(p.error.value) and p.store.count_answers() == 1
        p.reset_confirm.value = "RESET"
        p.reset_progress()
        assert p.error.value == "" and p.store.count_answers() == 0
        assert "deleted" in plain(p.file_status.value)
        assert "answers so far: 0" in plain(p.dashboard_stats.value)


class TestNoProgressFile:
    """The progress file cannot be opened at all (read-only home, permission denied …)."""

    @staticmethod
    def _blocked(tmp_path) -> Path:
        blocker = tmp_path / "home-is-a-file"
        blocker.write_text("not a folder", encoding="utf-8")
        return blocker / "servicelab" / "progress.db"  # its "folder" is a file: mkdir fails (OSError)

    @pytest.mark.parametrize("lang, words", [("en", "cannot be saved"), ("zh", "无法保存")])
    def test_exam_prep_says_so_and_still_works_without_saving(self, tmp_path, monkeypatch, lang, words):
        target = self._blocked(tmp_path)
        monkeypatch.setenv("SERVICELAB_PROGRESS_DB", str(target))
        p = ExamPrep(lang, bank=BANK, cards=(CARD,), clock=clock)   # default path from the variable
        text = plain(p.file_problem.value)
        assert words in text and str(target) in text
        assert p.fresh_button.layout.display == "none"               # nothing to start fresh from
        assert p.tabs is not None and p.store is not None
        c = p._card(SINGLE, "practice")
        c.choice.value = "B"
        assert c.submit().correct
        assert "Saved to your progress" not in plain(c.feedback.value)
        assert "已记入" not in plain(c.feedback.value)
        assert p.store.count_answers() == 1                          # kept for this session
        assert (tmp_path / "home-is-a-file").read_text(encoding="utf-8") == "not a folder"
        assert not list(tmp_path.glob("**/*.db"))

    def test_no_home_folder_at_all(self, monkeypatch):
        import servicelab.widgets.quiz.panel as wq

        def no_home():
            raise RuntimeError("Could not determine home directory.")

        monkeypatch.setattr(wq, "default_db_path", no_home)
        p = ExamPrep("en", bank=BANK, cards=(CARD,), clock=clock)
        assert "cannot be saved" in plain(p.file_problem.value)
        assert "Could not determine home directory." in plain(p.file_problem.value)
        assert p.tabs is not None and p.store.in_memory

    def test_check_yourself_says_so_too(self, tmp_path, monkeypatch):
        target = self._blocked(tmp_path)
        monkeypatch.setenv("SERVICELAB_PROGRESS_DB", str(target))
        box = CheckYourself("Q-single", "en", bank=Bank([SINGLE]))
        assert "cannot be saved" in plain(box.error.value) and str(target) in plain(box.error.value)
        box.card.choice.value = "B"
        assert box.card.submit().correct

    def test_file_tab_offers_export_of_the_session(self, tmp_path, monkeypatch):
        import platformdirs

        downloads = tmp_path / "Downloads"  # the learner's Downloads folder: offered in the folder list
        downloads.mkdir()
        monkeypatch.setattr(platformdirs, "user_downloads_dir", lambda: str(downloads))
        p = ExamPrep("en", path=self._blocked(tmp_path), bank=BANK, cards=(CARD,), clock=clock)
        c = p._card(TRUE_FALSE, "practice")
        c.choice.value = True
        c.submit()
        assert str(downloads) in [v for _, v in p.export_folder.options]
        p.export_folder.value = str(downloads)
        p.export_name.value = "session.json"
        p.export_progress()
        doc = json.loads((downloads / "session.json").read_text(encoding="utf-8"))
        assert [x["question_id"] for x in doc["answers"]] == ["Q-tf"]


def test_import_of_a_json_list_names_the_file_in_both_languages(tmp_path):
    p = prep(tmp_path)
    assert p.import_progress("list.json", b"[1, 2, 3]") is None
    text = plain(p.error.value)
    assert "list.json" in text and "JSON object" in text and "JSON 对象" in text
    assert "format" not in text.replace("formats", "")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_jupyterquiz_export_button_writes_the_auto_marked_questions(tmp_path, lang):
    p = prep(tmp_path)
    target = tmp_path / "quiz.json"
    p.jq_name.value = "quiz.json"
    p.jq_lang.value = lang
    export = p.export_jupyterquiz()
    doc = json.loads(target.read_text(encoding="utf-8"))
    # BANK: single, true/false, numeric, short, multiple → the short answer is left out
    assert [d["type"] for d in doc] == ["multiple_choice", "multiple_choice", "numeric", "many_choice"]
    assert export.skipped == ("Q-short",)
    assert doc[0]["question"] == SINGLE.prompt.get(lang)
    lo, hi = doc[2]["answers"][0]["range"]
    assert lo == pytest.approx(3.84) and hi == pytest.approx(3.86)
    status = plain(p.file_status.value)
    assert "4 questions" in status and "1 self-marked" in status and str(target) in status


def test_jupyterquiz_export_to_a_bad_path_shows_an_error(tmp_path):
    p = prep(tmp_path)
    (tmp_path / "quiz.json").mkdir()  # a folder where the file should go
    p.jq_name.value = "quiz.json"
    assert p.export_jupyterquiz() is None
    assert p.error.value != ""


def test_self_assessed_feedback_survives_a_zero_max_score():
    # a hand-built Result with max_score 0 must not divide by zero in the feedback
    r = Result("Q-short", "short", {"text": "", "ticked": []}, 0.0, 0.0, False, 0.0)
    assert "0 of 3 key points = 0%" in plain(feedback_html(SHORT, r, "en"))


def test_every_mode_has_a_tab_in_both_languages(tmp_path):
    zh = prep(tmp_path, lang="zh")
    titles = [zh.tabs.get_title(i) for i in range(len(zh.tabs.children))]
    assert titles == ["练习", "模拟考试", "错题复习", "间隔重复", "错题本", "记忆卡复习", "学习进度", "导出 / 导入 / 清空"]


# ================================================================== issue 7: the progress file under stress
class TestStoreHardening:
    """A full disk or read-only file is not "damaged"; a damaged one never breaks the panel; a
    deleted one is noticed; a failed hand-in stores nothing twice; exports stay in allowed folders."""

    @staticmethod
    def _answered_file(tmp_path) -> bytes:
        with stored(tmp_path) as s:
            s.record_answer(Result("Q-single", "single", "B", 1.0, 1.0, True, 1.0), mode="practice", answered_at=NOW)
        return (tmp_path / "progress.db").read_bytes()

    def test_mock_hand_in_failing_part_way_then_again_stores_each_answer_once(self, tmp_path, monkeypatch):
        from servicelab.storage import progress as P

        p = prep(tmp_path)
        p.start_mock()
        by_id = {c.question.id: c for c in p.mock_cards}
        by_id["Q-single"].choice.value = "B"
        by_id["Q-tf"].choice.value = True
        for cb, pick in zip(by_id["Q-multi"].checks, (True, True, True, False)):
            cb.value = pick
        by_id["Q-num"].number_input.value = "3.85"
        real, calls = P.review, {"n": 0}

        def fail_third(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] == 3:
                raise sqlite3.OperationalError("database or disk is full")
            return real(*args, **kwargs)

        monkeypatch.setattr(P, "review", fail_third)
        assert p.submit_mock() is None
        assert "cannot be written" in plain(p.mock_error.value)
        assert p.store.count_answers() == 0  # all or nothing
        monkeypatch.setattr(P, "review", real)
        report = p.submit_mock()  # pressed again
        assert report is not None and p.mock_error.value == ""
        assert p.submit_mock() is report  # and once more: nothing new
        with stored(tmp_path) as s:
            assert sorted(s.answers()["question_id"]) == ["Q-multi", "Q-num", "Q-single", "Q-tf"]

    def test_read_only_file_is_not_called_damaged_and_never_claims_saved(self, tmp_path, monkeypatch):
        from servicelab.storage import progress as P

        original = self._answered_file(tmp_path)
        db = tmp_path / "progress.db"
        real = sqlite3.connect

        def connect(target, *args, **kwargs):  # SQLite opens a file it may not write read-only (root ignores chmod)
            if str(target) == str(db):
                kwargs["uri"] = True
                return real(f"{db.resolve().as_uri()}?mode=ro", *args, **kwargs)
            return real(target, *args, **kwargs)

        monkeypatch.setattr(P.sqlite3, "connect", connect)
        for lang, words, damaged in (("en", "cannot be written", "damaged"), ("zh", "无法写入", "已损坏")):
            p = prep(tmp_path, lang=lang)
            text = plain(p.file_problem.value)
            assert words in text and str(db) in text and damaged not in text
            assert p.fresh_button.layout.display == "none" and p.tabs is not None
            assert p.store.count_answers() == 1  # the earlier progress is shown
            c = p._card(TRUE_FALSE, "practice")
            c.choice.value = True
            assert c.submit().correct
            feedback = plain(c.feedback.value)
            assert "Saved to your progress" not in feedback and "已记入" not in feedback
        assert db.read_bytes() == original

    def test_corrupt_page_gives_the_damaged_message_not_a_traceback(self, tmp_path):
        db = tmp_path / "progress.db"
        with stored(tmp_path) as s:
            for i in range(400):
                s.record_answer(Result(f"Q-{i}", "single", "B", 1.0, 1.0, True, 1.0), mode="practice", answered_at=NOW)
        data = bytearray(db.read_bytes())
        data[3 * 4096 + 8: 4 * 4096] = b"\xa5" * (4096 - 8)
        db.write_bytes(bytes(data))
        p = prep(tmp_path)  # no exception from the constructor
        assert "damaged" in plain(p.file_problem.value) and p.fresh_button.layout.display is None
        assert db.read_bytes() == bytes(data)

    def test_a_deleted_file_is_noticed(self, tmp_path):
        p = prep(tmp_path)
        db = tmp_path / "progress.db"
        for side in ("", "-wal", "-shm"):
            Path(str(db) + side).unlink(missing_ok=True)
        c = p._card(SINGLE, "practice")
        c.choice.value = "B"
        c.submit()
        assert "deleted" in plain(c.error.value) and str(db) in plain(c.error.value)
        assert "Saved to your progress" not in plain(c.feedback.value)
        p.refresh_dashboard()
        assert "deleted" in plain(p.error.value)

    @pytest.mark.parametrize("lang, words", [("en", "cannot be used"), ("zh", "不可用")])
    @pytest.mark.parametrize("name", ["../escape.json", "/tmp/escape.json", "sub/../../escape.json"])
    def test_export_names_that_leave_the_folder_are_refused(self, tmp_path, lang, words, name):
        data = tmp_path / "data"
        data.mkdir()
        p = ExamPrep(lang, path=data / "progress.db", bank=BANK, cards=(CARD,), clock=clock)
        for box, action in ((p.export_name, p.export_progress), (p.jq_name, p.export_jupyterquiz)):
            box.value = name
            assert action() is None
            assert words in plain(p.error.value) and name in plain(p.error.value)
        assert not (tmp_path / "escape.json").exists() and not Path("/tmp/escape.json").exists()
        assert sorted(x.name for x in data.iterdir() if not x.name.startswith("progress.db")) == []

    def test_only_the_listed_folders_can_be_chosen(self, tmp_path):
        import traitlets

        p = prep(tmp_path)
        assert [v for _, v in p.export_folder.options][0] == str(tmp_path)
        with pytest.raises(traitlets.TraitError):
            p.export_folder.value = "/etc"
        assert p.export_folder.value == str(tmp_path)

    def test_damage_met_while_building_the_panel_is_the_damaged_path_too(self, tmp_path, monkeypatch):
        from servicelab.storage.progress import ProgressFileError

        def malformed(self, *args, **kwargs):  # what _query turns "database disk image is malformed" into
            raise ProgressFileError("progress.error.not_sqlite", path=str(self.path))

        monkeypatch.setattr(ProgressStore, "dashboard", malformed)
        p = prep(tmp_path)  # no exception from the constructor
        assert "damaged" in plain(p.file_problem.value) and p.fresh_button.layout.display is None
        assert p.tabs is None and p.store is None


def test_exam_prep_tabs_carry_the_layout_style(tmp_path):
    """h-display's tab-title layout, ported to widgets/quiz/panel.py: the tab bar has the class the
    layout CSS targets, and the invisible style widget sits beside it."""
    p = ExamPrep("en", path=tmp_path / "p.db", bank=BANK, cards=(CARD,), clock=clock)
    assert "sl-tabs" in p.tabs._dom_classes and "sl-quiz-tabs" in p.tabs._dom_classes
    styles = [w for w in p.body.children if "sl-layout-style" in w._dom_classes]
    assert len(styles) == 1 and styles[0].layout.display == "none" and "<style>" in styles[0].value


# ================================================================== FSRS wiring (issue 8 §4)
class TestExamDateAndForecast:
    """The exam date input, the marks-at-stake order of the spaced-repetition tab and the
    dashboard's exam-day forecast. Oracles: the blueprint's marks summed by hand, FSRS-6's
    published forgetting curve recomputed here."""

    ESSAY = _q("Q-essay", "essay", key_points=(Text("要点", "a point"),))

    def test_exam_date_is_saved_checked_and_translated(self, tmp_path):
        p = prep(tmp_path)
        assert "No exam date set" in plain(p.exam_status.value)
        assert p.save_exam_date("2025-07-01") == dt.date(2025, 7, 1)
        days = (dt.date(2025, 7, 1) - NOW.astimezone().date()).days
        assert f"{days} days to go" in plain(p.exam_status.value) and p.exam_picker.value == dt.date(2025, 7, 1)
        for bad, words in (("2025-02-30", "not a valid date"), ("2025-06-01", "has passed")):
            assert p.save_exam_date(bad) is None
            assert bad in plain(p.error.value) and words in plain(p.error.value)
        with stored(tmp_path) as s:
            assert s.exam_date() == dt.date(2025, 7, 1)  # a refused value changed nothing
        zh = ExamPrep("zh", path=tmp_path / "progress.db", bank=BANK, cards=(CARD,), clock=clock)
        zh.save_exam_date("2025-13-01")
        assert "不是有效日期" in plain(zh.error.value)
        p.clear_exam_date()
        with stored(tmp_path) as s:
            assert s.exam_date() is None

    def test_spaced_tab_asks_first_where_most_marks_are_at_stake(self, tmp_path):
        from servicelab.quiz.paper import DEFAULT_BLUEPRINT

        marks = {}
        for qtype, n, each in DEFAULT_BLUEPRINT:
            marks[qtype] = marks.get(qtype, 0) + n * each
        # the premise of this test: on the 10421 paper 简答 (5 × 6) carries more than 单选 (20 × 1)
        assert marks["short"] > marks["single"]
        bank = Bank([SINGLE, SHORT])
        with stored(tmp_path) as s:  # both wrong three days ago: equal recall, unequal marks
            for qid, qtype in (("Q-single", "single"), ("Q-short", "short")):
                s.record_answer(Result(qid, qtype, "x", 0.0, 1.0, False, 0.0), mode="practice",
                                answered_at=NOW - dt.timedelta(days=3))
        p = ExamPrep("en", path=tmp_path / "progress.db", bank=bank, cards=(CARD,), clock=clock)
        p.save_exam_date("2025-06-20")
        assert p.next_spaced().id == "Q-short"
        assert f"carries {marks['short']:.6g} marks" in plain(p.spaced_status.value)
        assert "exam day (2025-06-20)" in plain(p.spaced_status.value)

    def test_dashboard_shows_the_exam_day_forecast_per_chapter(self, tmp_path):
        p = prep(tmp_path)
        assert "Predicted recall per chapter now" in plain(p.forecast_title.value)
        c = p._card(SINGLE, "practice")
        c.choice.value = "B"
        c.submit()
        p.save_exam_date("2025-06-12")
        w20 = 0.1542
        f = 0.9 ** (-1 / w20) - 1
        days = (dt.datetime(2025, 6, 12, tzinfo=dt.timezone.utc) - NOW).days  # whole days, as FSRS counts
        expected = (1 + f * days / 2.3065) ** -w20
        assert "on exam day (2025-06-12)" in plain(p.forecast_title.value)
        table = plain(p.forecast_table.value)
        assert f"{100 * expected:.0f}%" in table and "1 / 4" in table and "none tried yet" in table
        dashboard = next(w for i, w in enumerate(p.tabs.children) if p.tabs.get_title(i) == "Progress")
        note = [w for w in dashboard.children if isinstance(w, type(p.forecast_table))][-1]
        assert "forecast, not a measurement" in plain(note.value)
