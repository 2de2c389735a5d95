"""The 错题本 (issue 8 §4): the model (quiz.practice.wrong_book), its HTML (io.wrongbook_html),
the panel tab and its export, and the memory cards built from the bank's 名词解释 items.

Oracles: the questions and answers are written here by hand, so every expected cell (the learner's
answer, the key, the key points, the count of wrong answers) is typed below, not computed by the
code under test; the number of term cards is counted from the raw bank files with a regex of this
file.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from servicelab.io.wrongbook_html import wrong_book_html, wrong_book_table
from servicelab.quiz import (WRONG_BOOK_COLUMNS, Bank, Card, ExamTag, Option, Question, Text, load_bank, load_cards,
                             score_answer, term_cards, wrong_book)
from servicelab.storage.progress import ProgressStore
from servicelab.widgets.quiz import ExamPrep

ROOT = Path(__file__).resolve().parents[2]
T0 = dt.datetime(2025, 6, 1, 9, 0, tzinfo=dt.timezone.utc)


def _q(qid, qtype, chapter="01", tags=(), **kw) -> Question:
    return Question(id=qid, type=qtype, concepts=("C1.1",), chapter=chapter, difficulty=1,
                    prompt=Text(f"题目{qid}", f"Prompt {qid}"), explanation=Text(f"解析{qid}", f"Because {qid}"),
                    notebook="01_service_era", exam_tags=tuple(tags), **kw)


ABCD = tuple(Option(k, Text(f"选项{k}", f"option {k}")) for k in "ABCD")
SINGLE = _q("Q-single", "single", tags=(ExamTag("2013.1", "single"),), options=ABCD, answer="B")
MULTIPLE = _q("Q-multi", "multiple", chapter="05", tags=(ExamTag("2017.7", "multiple"),), options=ABCD, answer=("A", "B", "C"))
TF = _q("Q-tf", "true_false", answer=True)
NUMERIC = _q("Q-num", "numeric", chapter="05", answer=3.85, tolerance=0.01, unit=Text("分", "points"))
TERM = _q("Q-term", "term", chapter="05", tags=(ExamTag("2015.1", "term"),),
          key_points=(Text("要点一", "point one"), Text("要点二", "point two"), Text("要点三", "point three")))
BANK = Bank([SINGLE, MULTIPLE, TF, NUMERIC, TERM])


def log(*entries) -> pd.DataFrame:
    """An answer log like ProgressStore.answers(): (question, response, minutes after T0)."""
    rows = []
    for q, response, minutes in entries:
        r = score_answer(q, response)
        rows.append({"question_id": q.id, "response": r.response, "correct": r.correct,
                     "answered_at": T0 + dt.timedelta(minutes=minutes)})
    return pd.DataFrame(rows)


LOG = log(
    (SINGLE, "C", 0), (SINGLE, "B", 10),          # wrong, then right: corrected
    (MULTIPLE, ["A", "B"], 1), (MULTIPLE, "AD", 20),  # wrong twice; last answer A, D
    (TF, False, 5),                                # wrong once
    (NUMERIC, "3.5分", 30),                         # wrong, typed with the unit
    (TERM, {"text": "我的定义", "ticked": [0]}, 40),   # 1 of 3 key points: below the 60 % pass mark
)


# ================================================================== the model
class TestWrongBook:
    def test_latest_wrong_only_most_recent_first(self):
        book = wrong_book(BANK, LOG, "zh")
        assert list(book.columns) == list(WRONG_BOOK_COLUMNS)
        assert list(book["question_id"]) == ["Q-term", "Q-num", "Q-multi", "Q-tf"]  # Q-single was corrected
        assert not book["corrected"].any()

    def test_last_answer_and_the_key_in_words(self):
        book = wrong_book(BANK, LOG, "zh").set_index("question_id")
        assert book.loc["Q-multi", "your_answer"] == "A. 选项A\nD. 选项D"
        assert book.loc["Q-multi", "right_answer"] == "A. 选项A\nB. 选项B\nC. 选项C"
        assert (book.loc["Q-multi", "times_wrong"], book.loc["Q-multi", "attempts"]) == (2, 2)
        assert (book.loc["Q-tf", "your_answer"], book.loc["Q-tf", "right_answer"]) == ("错", "对")
        assert book.loc["Q-num", "your_answer"] == "3.5分"
        assert book.loc["Q-num", "right_answer"] == "3.85 分 (± 0.01)"
        assert book.loc["Q-term", "your_answer"] == "我的定义\n自评：勾选了 1 / 3 个得分点"
        assert book.loc["Q-term", "right_answer"] == "1. 要点一\n2. 要点二\n3. 要点三"  # self-marked: the key points
        assert book.loc["Q-term", "tags"] == ("2015.1 名词解释",)

    def test_a_number_asked_to_two_decimals(self):
        # the prompt asks for 2 decimals: the key is shown so, with half a unit of the last decimal (0.005)
        q = _q("Q-dec", "numeric", answer=0.768, decimals=2)
        book = wrong_book(Bank([q]), log((q, "0.5", 0)), "en")
        assert book.iloc[0]["right_answer"] == "0.77 (± 0.005)" and book.iloc[0]["your_answer"] == "0.5"

    def test_english(self):
        book = wrong_book(BANK, LOG, "en").set_index("question_id")
        assert book.loc["Q-tf", "your_answer"] == "False" and book.loc["Q-tf", "prompt"] == "Prompt Q-tf"
        assert book.loc["Q-term", "right_answer"] == "1. point one\n2. point two\n3. point three"

    def test_ever_wrong_keeps_corrected_questions(self):
        book = wrong_book(BANK, LOG, "en", ever=True).set_index("question_id")
        assert set(book.index) == {"Q-single", "Q-multi", "Q-tf", "Q-num", "Q-term"}
        assert bool(book.loc["Q-single", "corrected"]) and book.loc["Q-single", "your_answer"] == "B. option B"
        assert book.loc["Q-single", "times_wrong"] == 1 and not book.loc["Q-tf", "corrected"]

    @pytest.mark.parametrize("filters, ids", [
        ({"chapter": "05"}, {"Q-multi", "Q-num", "Q-term"}),
        ({"chapter": "5", "qtype": "numeric"}, {"Q-num"}),
        ({"qtype": "true_false"}, {"Q-tf"}),
        ({"tag": "2017.7 多选"}, {"Q-multi"}),
        ({"tag": "2013.1 单选"}, set()),               # its question was answered right at last
        ({"tag": "2013.1 单选", "ever": True}, {"Q-single"}),
        ({"chapter": "01", "tag": "2017.7 多选"}, set()),  # AND
    ])
    def test_filters(self, filters, ids):
        assert set(wrong_book(BANK, LOG, "zh", **filters)["question_id"]) == ids

    def test_unanswered_and_unknown_ids(self):
        assert wrong_book(BANK, pd.DataFrame(columns=["question_id", "response", "correct", "answered_at"])).empty
        extra = pd.concat([LOG, pd.DataFrame([{"question_id": "Q-gone", "response": "A", "correct": False,
                                               "answered_at": T0}])], ignore_index=True)
        assert "Q-gone" not in set(wrong_book(BANK, extra)["question_id"])

    def test_a_skipped_choice_says_so(self):
        book = wrong_book(BANK, log((SINGLE, None, 0)), "en")
        assert book.iloc[0]["your_answer"] == "(no answer)"


# ================================================================== the HTML page
class _Page(HTMLParser):
    """Collects tags, attributes and the text of table cells."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.cells: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def parse(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    return p


NASTY = _q("Q-nasty", "single", options=(Option("A", Text("<script>alert(1)</script>", "<img src=x onerror=1>")),
                                         Option("B", Text("B & \"b\"", "b"))), answer="B")


class TestWrongBookHtml:
    @pytest.mark.parametrize("lang, title, heading", [("zh", "错题本", "你最近一次的答案"),
                                                      ("en", "Wrong-answer book", "Your latest answer")])
    def test_standalone_offline_printable_page_in_both_languages(self, lang, title, heading):
        page = wrong_book_html(wrong_book(BANK, LOG, lang), lang, generated_at=T0)
        doc = parse(page)
        tags = {tag for tag, _ in doc.tags}
        assert page.startswith("<!DOCTYPE html>") and f"<title>{title}</title>" in page and heading in page
        assert "style" in tags and not tags & {"script", "link", "img", "iframe", "object"}
        assert not any(k in ("src", "href") for _, attrs in doc.tags for k in attrs)
        assert not re.search(r"https?://|@import|url\(", page)
        assert "@media print" in page and "break-inside: avoid" in page and "table-header-group" in page
        assert len([a for tag, a in doc.tags if tag == "tr" and "data-question-id" in a]) == 4
        assert "2025-06-01 09:00" in page

    def test_every_text_is_escaped(self):
        page = wrong_book_html(wrong_book(Bank([NASTY]), log((NASTY, "A", 0)), "zh"), "zh",
                               filters={"<b>章</b>": "<i>x</i>"})
        doc = parse(page)
        assert not {tag for tag, _ in doc.tags} & {"script", "img", "b", "i"}
        assert "A. <script>alert(1)</script>" in doc.cells  # shown as text, decoded by the parser
        assert "B. B & \"b\"" in doc.cells
        assert "&lt;b&gt;章&lt;/b&gt;" in page

    def test_cells_hold_both_answers(self):
        doc = parse(wrong_book_table(wrong_book(BANK, log((TF, False, 0)), "en"), "en"))
        assert doc.cells == ["1", "Chapter 1", "True or false", "", "Prompt Q-tf", "False", "True", "1"]

    @pytest.mark.parametrize("lang, text", [("zh", "没有符合条件的错题。"), ("en", "No wrong answers match these filters.")])
    def test_empty_book(self, lang, text):
        assert text in wrong_book_html(wrong_book(BANK, None, lang), lang)


# ================================================================== the panel tab
def html_text(value: str) -> str:
    return re.sub(r"<[^>]+>", " ", value)


NOW = dt.datetime(2025, 6, 2, 9, 30, tzinfo=dt.timezone.utc)


def _panel(tmp_path, lang="en") -> ExamPrep:
    return ExamPrep(lang, path=tmp_path / "data" / "progress.db", bank=BANK, cards=(), clock=lambda: NOW)


def _answer(p: ExamPrep, q: Question, response, minutes: int) -> None:
    p.store.record_answer(score_answer(q, response), mode="practice", answered_at=T0 + dt.timedelta(minutes=minutes))


class TestWrongBookTab:
    def test_lists_filters_and_exports_into_the_data_folder(self, tmp_path):
        p = _panel(tmp_path)
        _answer(p, TF, False, 0)
        _answer(p, MULTIPLE, "AD", 1)
        p.tabs.selected_index = [p.tabs.get_title(i) for i in range(len(p.tabs.children))].index("Wrong-answer book")
        assert list(p.wrongbook["question_id"]) == ["Q-multi", "Q-tf"]  # opening the tab refreshed it
        assert "2 questions." in p.wb_status.value and "data-question-id='Q-multi'" in p.wb_table.value
        p.wb_chapter.value = "05"
        assert list(p.wrongbook["question_id"]) == ["Q-multi"]
        path = p.export_wrongbook()
        assert p.error.value == ""
        assert path == (tmp_path / "data" / "wrong-answers-en.html").resolve()
        page = path.read_text(encoding="utf-8")
        assert "data-question-id='Q-multi'" in page and "Q-tf" not in page
        assert "Chapter: 05" in page  # the filter used is printed on the page

    @pytest.mark.parametrize("name", ["../evil.html", "/tmp/evil.html", "sub/evil.html", "book.json", ".hidden.html"])
    def test_export_refuses_anything_but_a_plain_html_name(self, tmp_path, name):
        p = _panel(tmp_path, "zh")
        p.wb_name.value = name
        assert p.export_wrongbook() is None
        assert "file name" in html_text(p.error.value) or "文件名" in html_text(p.error.value)
        assert not list(tmp_path.rglob("evil.html")) and not list(tmp_path.rglob("book.json"))


# ================================================================== memory cards for every term
TERM_PREFIX = re.compile(r"^\s*名词解释\s*[:：]\s*")


def _raw_terms() -> set[str]:
    """Distinct 名词解释 terms of the shipped bank, read from the JSON files themselves."""
    terms = set()
    for path in sorted((ROOT / "data" / "quiz" / "bank").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data if isinstance(data, list) else data.get("questions", [])
        for item in items:
            if item.get("type") == "term":
                terms.add(re.sub(r"\s+", "", TERM_PREFIX.sub("", item["prompt"]["zh"])))
    return terms


class TestTermCards:
    def test_one_card_per_distinct_term_item(self):
        cards = term_cards(load_bank())
        raw = _raw_terms()
        assert len(raw) >= 60  # issue 8 §2: a 名词解释 for every term, at least 60
        assert len(cards) == len(raw)
        assert {re.sub(r"\s+", "", c.front.zh) for c in cards} == raw
        assert all(c.kind == "term" and c.parts and c.front.en for c in cards)

    def test_front_is_the_term_back_its_key_points(self):
        bank = load_bank()
        card = next(c for c in term_cards(bank) if c.id == "T-Q-C3.2-term-01")
        q = bank["Q-C3.2-term-01"]
        assert card.front.zh == "全面质量管理" and card.parts == q.key_points
        assert not card.front.en.lower().startswith("define")

    def test_the_panel_shows_both_kinds_with_a_filter(self, tmp_path):
        bank = load_bank()
        p = ExamPrep("zh", path=tmp_path / "p.db", bank=bank, clock=lambda: NOW)
        mnemonics = load_cards()
        assert len(p.cards) == len(mnemonics) + len(_raw_terms())
        assert [v for _, v in p.card_kind.options] == ["", "mnemonic", "term"]
        p.card_kind.value = "term"
        p.start_cards()
        assert p.card_queue and all(c.kind == "term" for c in p.card_queue)
        assert "名词解释卡" in p.card_front.value
        p.reveal_card()
        assert p.card_back.value.count("<li>") == len(p.card_queue[0].parts)
        p.card_kind.value = "mnemonic"
        p.start_cards()
        assert {c.id for c in p.card_queue} <= {c.id for c in mnemonics} and p.card_queue


def test_cards_json_mnemonics_stay():
    cards = load_cards()
    assert len(cards) == 6 and all(isinstance(c, Card) and c.kind == "mnemonic" for c in cards)
