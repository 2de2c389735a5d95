"""Tests for servicelab.models.quiz: loading/validation, scoring, practice/mock/review modes.

Fixture banks are written in tmp_path; concept → notebook facts come from reading
data/curriculum.json directly here, not from the code under test.
"""
from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest

from servicelab.errors import ContentError, ServiceLabError
from servicelab.models import quiz
from servicelab.models.quiz import (
    Bank,
    load_bank,
    load_cards,
    mock_exam,
    mock_report,
    parse_number,
    practice_set,
    score_answer,
    wrong_answer_review,
)

REPO = Path(__file__).resolve().parents[2]
CURRICULUM = json.loads((REPO / "data" / "curriculum.json").read_text(encoding="utf-8"))
NOTEBOOK_OF = {c["id"]: c["notebook"] for c in CURRICULUM["concepts"]}
T0 = datetime(2025, 6, 1, 9, 0, tzinfo=timezone.utc)


def _concept_in(notebook_prefix: str) -> str:
    return next(c for c, nb in NOTEBOOK_OF.items() if nb.startswith(notebook_prefix))


def make_q(qid: str, qtype: str = "single", concept: str | None = None, **over) -> dict:
    concept = concept or _concept_in("01")
    nb = NOTEBOOK_OF[concept]
    q = {
        "id": qid, "type": qtype, "concepts": [concept], "chapter": nb[:2], "difficulty": 1,
        "notebook": nb, "prompt": {"zh": f"题目 {qid}", "en": f"Question {qid}"},
        "explanation": {"zh": "解释", "en": "Explanation"}, "source": "S4",
    }
    opts = [{"key": k, "zh": f"选项{k}", "en": f"Option {k}"} for k in "ABCD"]
    if qtype == "single":
        q.update(options=opts, answer="B")
    elif qtype == "multiple":
        q.update(options=opts, answer=["A", "B", "C"])
    elif qtype == "true_false":
        q.update(answer=True)
    elif qtype == "numeric":
        q.update(answer=0.765, decimals=3)
    else:
        q.update(key_points=[{"zh": f"要点{i}", "en": f"Point {i}"} for i in range(4)])
    q.update(over)
    return q


def write_bank(folder: Path, files: dict[str, list]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, items in files.items():
        (folder / name).write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return folder


def _q(qtype: str, **over) -> quiz.Question:
    """A Question object built through the loader's converter from a fixture dict."""
    return quiz._question_from(make_q(f"Q-t-{qtype.replace('_', '-')}", qtype, **over), "t.json")


# ---------------------------------------------------------------------------------------------
# loading
# ---------------------------------------------------------------------------------------------


def test_valid_bank_loads_with_lookups(tmp_path):
    c4 = _concept_in("05")
    folder = write_bank(tmp_path / "bank", {
        "a.json": [make_q("Q-a1"), make_q("Q-a2", "true_false")],
        "b.json": [make_q("Q-b1", "multiple", concept=c4), make_q("Q-b2", "essay", concept=c4)],
    })
    bank = load_bank(folder)
    assert len(bank) == 4
    assert bank["Q-b1"].answer == ("A", "B", "C")
    assert [q.id for q in bank.by_chapter("05")] == ["Q-b1", "Q-b2"]
    assert [q.id for q in bank.by_chapter("05_servqual")] == ["Q-b1", "Q-b2"]
    assert [q.id for q in bank.by_concept(c4)] == ["Q-b1", "Q-b2"]
    assert [q.id for q in bank.by_type("true_false")] == ["Q-a2"]
    assert bank["Q-a1"].file == "a.json"
    assert list(bank.frame["id"]) == ["Q-a1", "Q-a2", "Q-b1", "Q-b2"]
    assert set(bank.frame.columns) >= {"id", "type", "chapter", "concept", "difficulty", "notebook"}
    with pytest.raises(ServiceLabError):
        bank.get("Q-nope")


def test_bank_is_cached_until_a_file_changes(tmp_path):
    folder = write_bank(tmp_path / "bank", {"a.json": [make_q("Q-a1")]})
    first = load_bank(folder)
    assert load_bank(folder) is first
    write_bank(folder, {"a.json": [make_q("Q-a1"), make_q("Q-a2")]})
    second = load_bank(folder)
    assert len(second) == 2


def _error_for(tmp_path, files) -> ContentError:
    folder = write_bank(tmp_path / "bank", files)
    with pytest.raises(ContentError) as info:
        load_bank(folder)
    return info.value


def _names(err: ContentError, file: str, qid: str) -> None:
    for lang in ("zh", "en"):
        msg = err.message(lang)
        assert file in msg and qid in msg, msg
    assert file in str(err) and qid in str(err)


def test_missing_language_names_file_and_id(tmp_path):
    bad = make_q("Q-bad-lang")
    bad["prompt"] = {"zh": "只有中文"}
    err = _error_for(tmp_path, {"ok.json": [make_q("Q-ok")], "lang.json": [bad]})
    _names(err, "lang.json", "Q-bad-lang")
    assert err.key == "quiz.error.missing_language"
    assert "en" in err.message("en")


def test_missing_language_in_an_option(tmp_path):
    bad = make_q("Q-bad-opt")
    bad["options"][2] = {"key": "C", "zh": "丙", "en": "  "}
    err = _error_for(tmp_path, {"x.json": [bad]})
    _names(err, "x.json", "Q-bad-opt")
    assert "options[C]" in err.message("en")


def test_unknown_concept_names_file_and_id(tmp_path):
    bad = make_q("Q-bad-concept")
    bad["concepts"] = ["C5.99"]
    err = _error_for(tmp_path, {"c.json": [bad]})
    _names(err, "c.json", "Q-bad-concept")
    assert err.key == "quiz.error.unknown_concept" and "C5.99" in err.message("en")


def test_single_answer_not_among_options(tmp_path):
    bad = make_q("Q-bad-key", answer="E")
    err = _error_for(tmp_path, {"k.json": [make_q("Q-fine"), bad]})
    _names(err, "k.json", "Q-bad-key")
    assert err.key == "quiz.error.answer_not_option"


def test_multiple_answer_not_among_options(tmp_path):
    bad = make_q("Q-bad-multi", "multiple", answer=["A", "F"])
    err = _error_for(tmp_path, {"m.json": [bad]})
    _names(err, "m.json", "Q-bad-multi")
    assert "F" in err.message("en")


def test_duplicate_id_across_files(tmp_path):
    err = _error_for(tmp_path, {"a.json": [make_q("Q-dup")], "b.json": [make_q("Q-dup", "true_false")]})
    _names(err, "b.json", "Q-dup")
    assert err.key == "quiz.error.duplicate_id" and "a.json" in err.message("zh")


def test_chapter_must_match_first_concept_notebook(tmp_path):
    bad = make_q("Q-bad-ch", chapter="07")  # concept lives in notebook 01
    err = _error_for(tmp_path, {"ch.json": [bad]})
    _names(err, "ch.json", "Q-bad-ch")
    assert err.key == "quiz.error.chapter_mismatch" and "01" in err.message("en")


def test_schema_violation_names_file_and_id(tmp_path):
    bad = make_q("Q-bad-diff", difficulty=7)
    err = _error_for(tmp_path, {"s.json": [make_q("Q-s0"), bad]})
    _names(err, "s.json", "Q-bad-diff")
    assert err.key == "quiz.error.schema" and "difficulty" in err.message("en")


def test_unknown_notebook(tmp_path):
    bad = make_q("Q-bad-nb", notebook="99_nowhere")
    err = _error_for(tmp_path, {"n.json": [bad]})
    _names(err, "n.json", "Q-bad-nb")


def test_invalid_json_names_file(tmp_path):
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "broken.json").write_text('[{"id": "Q-x",', encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_bank(folder)
    assert "broken.json" in info.value.message("en")


@pytest.mark.parametrize("over", [
    {"type": "essay", "key_points": []},                       # nothing to tick: ticked / 0
    {"type": "multiple", "answer": ["A"]},                       # a "multiple" with one key
    {"type": "multiple", "answer": []},                          # no key at all: … / 0
])
def test_schema_rules_out_empty_denominators(tmp_path, over):
    # score = ticked / len(key_points) and partial = … / len(answer) need non-empty lists
    bad = make_q("Q-bad-empty", over["type"], **{k: v for k, v in over.items() if k != "type"})
    err = _error_for(tmp_path, {"e.json": [bad]})
    _names(err, "e.json", "Q-bad-empty")
    assert err.key == "quiz.error.schema"


def test_curriculum_loader_matches_the_file():
    cur = quiz.load_curriculum()
    assert cur is quiz.load_curriculum()  # cached
    assert cur.concept_notebook == NOTEBOOK_OF
    assert [nb for nb, _ in cur.notebooks] == [nb["id"] for nb in CURRICULUM["notebooks"]]
    for lang in ("zh", "en"):
        assert cur.chapter_titles(lang) == {nb["id"][:2]: nb["title"][lang] for nb in CURRICULUM["notebooks"]}
        assert [title.get(lang) for _, _, title in cur.concepts] == [c["title"][lang] for c in CURRICULUM["concepts"]]


@pytest.mark.parametrize("edit, key, named", [
    (lambda d: d["notebooks"][0]["title"].pop("en"), "quiz.error.curriculum_field", "title.en"),
    (lambda d: d["concepts"][1].pop("id"), "quiz.error.curriculum_field", "#2"),
    (lambda d: d["concepts"][0].update(notebook="99_nowhere"), "quiz.error.curriculum_notebook", "99_nowhere"),
])
def test_curriculum_loader_names_the_bad_entry(tmp_path, edit, key, named):
    doc = json.loads(json.dumps(CURRICULUM))
    edit(doc)
    p = tmp_path / "curriculum.json"
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        quiz.load_curriculum(p)
    assert info.value.key == key
    for lang in ("zh", "en"):
        assert "curriculum.json" in info.value.message(lang) and named in info.value.message(lang)


def test_content_error_is_a_servicelab_error():
    assert issubclass(ContentError, ServiceLabError)


# ---------------------------------------------------------------------------------------------
# cards
# ---------------------------------------------------------------------------------------------


def _card(cid: str, **over) -> dict:
    c = {"id": cid, "concepts": [_concept_in("10")], "mnemonic": {"zh": "主难成", "en": "S-H-C"},
         "parts": [{"zh": "主观", "en": "subjective"}, {"zh": "难评价", "en": "hard to evaluate"}],
         "notebook": NOTEBOOK_OF[_concept_in("10")], "explanation": {"zh": "解", "en": "E"}, "source": "S3"}
    c.update(over)
    return c


def test_cards_load_and_validate(tmp_path):
    p = tmp_path / "cards.json"
    p.write_text(json.dumps([_card("K-1"), _card("K-2")]), encoding="utf-8")
    cards = load_cards(p)
    assert [c.id for c in cards] == ["K-1", "K-2"] and cards[0].parts[1].en == "hard to evaluate"

    p.write_text(json.dumps([_card("K-1"), _card("K-bad", mnemonic={"zh": "缺英文"})]), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_cards(p)
    assert "K-bad" in info.value.message("en") and "cards.json" in info.value.message("zh")

    p.write_text(json.dumps([_card("K-1"), _card("K-1")]), encoding="utf-8")
    with pytest.raises(ContentError, match="K-1"):
        load_cards(p)

    p.write_text(json.dumps([_card("K-c", concepts=["C5.99"])]), encoding="utf-8")
    with pytest.raises(ContentError, match="C5.99"):
        load_cards(p)

    bad = _card("K-m")
    del bad["parts"]
    p.write_text(json.dumps([bad]), encoding="utf-8")
    with pytest.raises(ContentError, match="K-m"):
        load_cards(p)


# ---------------------------------------------------------------------------------------------
# scoring
# ---------------------------------------------------------------------------------------------


def test_single_choice_scoring():
    q = _q("single")  # key B
    assert score_answer(q, "B").score == 1.0
    assert score_answer(q, "b").correct
    assert score_answer(q, "Ｂ").correct  # full-width letter
    assert score_answer(q, "A").score == 0.0
    assert score_answer(q, None).score == 0.0
    with pytest.raises(ServiceLabError) as info:
        score_answer(q, "Z")
    assert "Q-t-single" in info.value.message("en")


@pytest.mark.parametrize(
    "picked, exam, partial",
    [
        (["A", "B", "C"], 1.0, 1.0),
        ("C,A B", 1.0, 1.0),
        (["A", "B"], 0.0, 2 / 3),       # 2 right, 0 wrong, 3 keys
        (["A", "B", "D"], 0.0, 1 / 3),  # (2 − 1)/3
        (["A", "D"], 0.0, 0.0),         # (1 − 1)/3
        (["D"], 0.0, 0.0),              # floored at 0, not −1/3
        (["A", "B", "C", "D"], 0.0, 2 / 3),
        ([], 0.0, 0.0),
    ],
)
def test_multiple_choice_exam_and_partial(picked, exam, partial):
    r = score_answer(_q("multiple"), picked)  # key A, B, C
    assert r.score == exam
    assert r.partial_credit == pytest.approx(partial)
    assert r.correct is (exam == 1.0)


def test_true_false_scoring():
    q = _q("true_false")  # answer True
    assert score_answer(q, True).correct
    assert score_answer(q, "对").correct and score_answer(q, "√").correct
    assert not score_answer(q, "错").correct and not score_answer(q, False).correct
    with pytest.raises(ServiceLabError):
        score_answer(q, "maybe")


@pytest.mark.parametrize("text", ["0.765", "０．７６５", "0,765", "76.5%", "76.5％", " 0.7655 ", "0。765", ".765"])
def test_numeric_accepts_learner_spellings(text):
    assert score_answer(_q("numeric"), text).correct  # 0.765 ± 0.001


@pytest.mark.parametrize("text", ["0.77", "0.7", "77%", "-0.765"])
def test_numeric_outside_tolerance(text):
    r = score_answer(_q("numeric"), text)
    assert not r.correct and r.score == 0.0


@pytest.mark.parametrize("text", ["abc", "0.7.6", "七十", "nan", "inf", "1e999", "--1", "%"])
def test_numeric_unparseable_is_a_clear_error(text):
    with pytest.raises(ServiceLabError) as info:
        score_answer(_q("numeric"), text)
    assert info.value.key == "quiz.error.not_a_number"
    assert "Q-t-numeric" in info.value.message("zh") and "Q-t-numeric" in info.value.message("en")


def test_numeric_empty_is_unanswered_not_error():
    assert score_answer(_q("numeric"), "  ").score == 0.0


def test_numeric_percent_unit_keeps_the_number():
    q = _q("numeric", answer=6.67, tolerance=0.01, unit={"zh": "%", "en": "%"})
    assert score_answer(q, "6.67%").correct
    assert score_answer(q, "6.67").correct
    assert not score_answer(q, "0.0667").correct


def test_numeric_ignores_the_questions_own_unit():
    q = _q("numeric", answer=800, tolerance=0.01, unit={"zh": "元", "en": "yuan"})
    assert score_answer(q, "800元").correct and score_answer(q, "800 Yuan").correct
    assert score_answer(q, "８００ 元").correct
    with pytest.raises(ServiceLabError):
        score_answer(q, "800 dollars")


@pytest.mark.parametrize("text, value", [("1,234", 1234.0), ("12,345,678", 12345678.0), ("-3,5", -3.5),
                                          ("1,234.5", 1234.5), ("５０％", 0.5), ("2e-3", 0.002)])
def test_parse_number_rules(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_self_assessed_score_is_ticked_share():
    q = _q("essay")  # 4 key points
    text = "服务补救 🙂 — with the three keys"
    r = score_answer(q, {"text": text, "ticked": [0, 2]})
    assert r.score == 0.5 and not r.correct  # below the 0.6 pass mark
    assert r.response["text"] == text
    r = score_answer(q, {"text": "", "ticked": [0, 1, 2, 2]})
    assert r.score == 0.75 and r.correct and r.response["ticked"] == [0, 1, 2]
    with pytest.raises(ServiceLabError):
        score_answer(q, {"text": "x", "ticked": [4]})
    with pytest.raises(ServiceLabError):
        score_answer(q, "just text, nothing ticked")


@pytest.mark.parametrize("ticked, pass_mark, correct", [
    ([0, 1], 0.5, True),          # 2 / 4 = 0.5 reaches a 50 % pass mark
    ([0, 1], 0.6, False),
    ([0, 1, 2], 0.6, True),       # 0.75
    ([0, 1, 2], 0.8, False),
    ([], 0.0, True),              # a zero pass mark accepts anything
])
def test_self_assessed_pass_mark_is_a_parameter(ticked, pass_mark, correct):
    r = score_answer(_q("short"), {"text": "x", "ticked": ticked}, pass_mark=pass_mark)
    assert r.correct is correct and r.score == len(ticked) / 4


def test_hand_built_question_without_keys_scores_zero_not_a_crash():
    # the schema forbids these (see test_schema_rules_out_empty_denominators); a Question built in
    # code bypasses it, and scoring must still not divide by zero
    essay = quiz.Question(id="Q-e", type="essay", concepts=("C1.1",), chapter="01", difficulty=1,
                          prompt=quiz.Text("题", "Q"), explanation=quiz.Text("解", "E"), notebook="01_service_era",
                          key_points=())
    r = score_answer(essay, {"text": "x", "ticked": []})
    assert (r.score, r.correct) == (0.0, False)
    multi = quiz.Question(id="Q-m", type="multiple", concepts=("C1.1",), chapter="01", difficulty=1,
                          prompt=quiz.Text("题", "Q"), explanation=quiz.Text("解", "E"), notebook="01_service_era",
                          options=(quiz.Option("A", quiz.Text("甲", "a")), quiz.Option("B", quiz.Text("乙", "b"))),
                          answer=())
    assert score_answer(multi, ["A"]).partial_credit == 0.0


def test_default_pass_mark_is_sixty_percent():
    assert quiz.SELF_ASSESSED_PASS == 0.6
    with pytest.raises(ValueError):
        score_answer(_q("short"), {"text": "x", "ticked": []}, pass_mark=1.5)


# ---------------------------------------------------------------------------------------------
# modes
# ---------------------------------------------------------------------------------------------


def _qid(prefix: str, qtype: str) -> str:
    # the schema's id pattern has no underscore, so true_false is spelled true-false in ids
    return f"Q-{prefix}-{qtype.replace('_', '-')}"


@pytest.fixture()
def mixed_bank(tmp_path) -> Bank:
    items = []
    for prefix in ("01", "03", "05", "09"):
        c = _concept_in(prefix)
        for qtype in ("single", "multiple", "true_false", "term", "short", "essay", "numeric"):
            items.append(make_q(_qid(prefix, qtype), qtype, concept=c))
    return load_bank(write_bank(tmp_path / "bank", {"all.json": items}))


def test_practice_set_filters_and_is_reproducible(mixed_bank):
    qs = practice_set(mixed_bank, random.Random(3), chapter="05", n=None)
    assert sorted(q.id for q in qs) == sorted(_qid("05", t) for t in quiz.QUESTION_TYPES)
    assert [q.id for q in practice_set(mixed_bank, random.Random(3), qtype="single")] == \
           [q.id for q in practice_set(mixed_bank, random.Random(3), qtype="single")]
    assert len(practice_set(mixed_bank, random.Random(0), n=5)) == 5
    c = _concept_in("09")
    assert {q.id for q in practice_set(mixed_bank, random.Random(0), concept=c, qtype="essay")} == {"Q-09-essay"}
    with pytest.raises(ServiceLabError):
        practice_set(mixed_bank, random.Random(0), chapter="11")


def test_mock_exam_paper_and_deadline(mixed_bank):
    blueprint = [("single", 3, 1.0), ("multiple", 2, 2.0), ("essay", 9, 20.0), ("numeric", 0, 5.0)]
    exam = mock_exam(mixed_bank, random.Random(7), T0, blueprint=blueprint, minutes=90)
    assert exam.deadline == T0 + timedelta(minutes=90)
    assert [s.qtype for s in exam.sections] == ["single", "multiple", "essay"]
    assert [len(s.question_ids) for s in exam.sections] == [3, 2, 4]  # only 4 essays exist
    assert len(set(exam.question_ids)) == 9
    # three singles from three different chapters (4 chapters available)
    assert len({mixed_bank[i].chapter for i in exam.sections[0].question_ids}) == 3
    assert exam.total_marks == 3 * 1 + 2 * 2 + 4 * 20
    for s in exam.sections:
        assert all(mixed_bank[i].type == s.qtype for i in s.question_ids)


def test_default_blueprint_is_a_100_mark_paper():
    assert sum(n * m for _, n, m in quiz.DEFAULT_BLUEPRINT) == 100
    assert {t for t, _, _ in quiz.DEFAULT_BLUEPRINT} == set(quiz.QUESTION_TYPES)


def test_mock_report_marks_by_type_and_chapter(mixed_bank):
    exam = mock_exam(mixed_bank, random.Random(1), T0, blueprint=[("single", 2, 1.0), ("essay", 1, 20.0)])
    s1, s2 = exam.sections[0].question_ids
    e1 = exam.sections[1].question_ids[0]
    results = {
        s1: score_answer(mixed_bank[s1], "B"),   # right: 1 mark
        s2: score_answer(mixed_bank[s2], "C"),   # wrong: 0
        e1: score_answer(mixed_bank[e1], {"text": "…", "ticked": [0, 1, 3]}),  # 3/4 of 20 = 15
    }
    rep = mock_report(exam, results, mixed_bank, submitted_at=T0 + timedelta(minutes=200))
    assert rep.total == pytest.approx(16.0) and rep.possible == 22.0
    assert rep.overtime  # 200 min > default 120
    assert list(rep.by_type["key"]) == ["single", "essay"]  # paper order, not alphabetical
    by_type = rep.by_type.set_index("key")
    assert by_type.loc["single", "marks"] == 1.0 and by_type.loc["single", "possible"] == 2.0
    assert by_type.loc["essay", "percent"] == pytest.approx(75.0)
    assert rep.by_chapter["possible"].sum() == 22.0
    # an unanswered paper scores 0
    assert mock_report(exam, {}, mixed_bank).total == 0.0


def test_wrong_answer_review_uses_latest_answer(mixed_bank):
    log = pd.DataFrame({
        "question_id": ["Q-01-single", "Q-01-single", "Q-03-single", "Q-05-single", "Q-05-single", "Q-gone"],
        "correct": [False, True, False, True, False, False],
        "answered_at": [T0, T0 + timedelta(hours=1), T0 + timedelta(hours=2), T0, T0 + timedelta(hours=3), T0],
    })
    review = wrong_answer_review(mixed_bank, log)
    assert [q.id for q in review] == ["Q-05-single", "Q-03-single"]
    assert wrong_answer_review(mixed_bank, log.iloc[0:0]) == []


def test_card_review_due_first_then_new():
    from servicelab.quiz.schedule import review

    cards = [quiz.Card(id=f"K-{i}", concepts=("C3.5",), mnemonic=quiz.Text("m", "m"), parts=(quiz.Text("p", "p"),),
                       notebook="10_quality_management", explanation=quiz.Text("e", "e")) for i in range(4)]
    progress = {"K-0": review(None, "K-0", True, T0),        # due T0 + 2 d
                "K-1": review(None, "K-1", False, T0)}       # due T0 + 1 d
    picked = quiz.card_review(cards, progress, T0 + timedelta(days=1), random.Random(0), n=10)
    assert picked[0].id == "K-1" and {c.id for c in picked[1:]} == {"K-2", "K-3"}
    picked = quiz.card_review(cards, progress, T0 + timedelta(days=3), random.Random(0), n=3)
    assert [c.id for c in picked[:2]] == ["K-1", "K-0"] and len(picked) == 3


# ---------------------------------------------------------------------------------------------
# numeric: the precision the prompt asks for (issue 7, item 19)
# ---------------------------------------------------------------------------------------------


def test_numeric_accepts_every_correct_rounding_of_a_boundary_key():
    """−0.855 at two decimals: half-up gives −0.86, half-even (and binary −0.85499…) −0.85: both right.

    Oracle: the rule of data/quiz/README.md — within half a unit of the last asked decimal of the
    exact key, inclusive — computed here with exact decimals, not with the code under test.
    """
    from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

    q = _q("numeric", answer=-0.855, decimals=2)
    half_up = Decimal("-0.855").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)      # −0.86
    half_even = Decimal("-0.855").quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)  # −0.86 too
    # … but the double nearest −0.855 is −0.85499…, so Python's round() gives −0.85
    assert str(half_up) == str(half_even) == "-0.86" and str(round(-0.855, 2)) == "-0.85"
    for text in (str(half_up), str(half_even), str(round(-0.855, 2)), "-0.855", "−0,86"):
        assert score_answer(q, text).correct, text
    for text in ("-0.84", "-0.87", "-0.8649", "-0.9"):
        assert not score_answer(q, text).correct, text


@pytest.mark.parametrize("decimals, inside, outside", [
    (0, ["799.5", "800.5", "800"], ["799.4", "800.6"]),
    (1, ["799.95", "800.05"], ["799.9", "800.1"]),
    (4, ["800.00005", "799.99995"], ["800.0001", "799.9999"]),
])
def test_numeric_window_is_half_a_unit_of_the_last_decimal_inclusive(decimals, inside, outside):
    q = _q("numeric", answer=800, decimals=decimals)
    assert all(score_answer(q, x).correct for x in inside), inside
    assert not any(score_answer(q, x).correct for x in outside), outside


def test_numeric_tolerance_only_widens_the_window():
    narrow = _q("numeric", answer=4649.122807, decimals=1, tolerance=0.01)  # narrower than 0.05: ignored
    assert score_answer(narrow, "4649.1").correct and not score_answer(narrow, "4649.2").correct
    wide = _q("numeric", answer=4649.122807, decimals=1, tolerance=2.0)
    assert score_answer(wide, "4650").correct and score_answer(wide, "4647.2").correct
    assert not score_answer(wide, "4652").correct


def test_numeric_question_without_decimals_is_refused_by_the_schema(tmp_path):
    bad = make_q("Q-t-nodec", "numeric")
    del bad["decimals"]
    bad["tolerance"] = 0.001
    err = _error_for(tmp_path, {"n.json": [bad]})
    assert err.key == "quiz.error.schema"
    assert "decimals" in err.message("en") and "n.json" in err.message("zh")
