"""Tests for servicelab.quiz.bank: loading and validation of the bank, the curriculum and the memory cards.

Fixture banks are written in tmp_path (tests/fixtures/quiz_items.py).
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from servicelab import quiz
from servicelab.errors import ContentError, ServiceLabError
from servicelab.quiz.bank import load_bank, load_cards

_spec = importlib.util.spec_from_file_location("quiz_items", Path(__file__).parents[1] / "fixtures" / "quiz_items.py")
_items = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_items)
CURRICULUM = _items.CURRICULUM
NOTEBOOK_OF = _items.NOTEBOOK_OF
_concept_in = _items._concept_in
make_q = _items.make_q
write_bank = _items.write_bank


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


def test_numeric_question_without_decimals_is_refused_by_the_schema(tmp_path):
    bad = make_q("Q-t-nodec", "numeric")
    del bad["decimals"]
    bad["tolerance"] = 0.001
    err = _error_for(tmp_path, {"n.json": [bad]})
    assert err.key == "quiz.error.schema"
    assert "decimals" in err.message("en") and "n.json" in err.message("zh")


# ---------------------------------------------------------------- the case type (案例分析)
def test_case_item_loads_with_scenario_and_parts(tmp_path):
    folder = write_bank(tmp_path / "bank", {"c.json": [make_q("Q-case-1", "case")]})
    q = load_bank(folder)["Q-case-1"]
    assert q.type == "case" and q.scenario.en.startswith("Case Q-case-1")
    assert [p.marks for p in q.parts] == [6, 4] and q.total_marks == 10
    assert [len(p.key_points) for p in q.parts] == [4, 2] and q.parts[1].key_points[0].zh == "二要点0"


def test_case_part_missing_a_language_is_named(tmp_path):
    bad = make_q("Q-case-lang", "case")
    bad["parts"][1]["key_points"][0] = {"zh": "只有中文", "en": " "}
    err = _error_for(tmp_path, {"c.json": [bad]})
    _names(err, "c.json", "Q-case-lang")
    assert err.key == "quiz.error.missing_language" and "parts[2].key_points[1]" in err.message("en")


def test_case_scenario_missing_a_language_is_named(tmp_path):
    bad = make_q("Q-case-scen", "case")
    bad["scenario"] = {"zh": "", "en": "Only English"}
    err = _error_for(tmp_path, {"c.json": [bad]})
    assert err.key == "quiz.error.missing_language" and "scenario" in err.message("zh")


@pytest.mark.parametrize("edit", [
    lambda q: q.update(parts=q["parts"][:1]),                               # one part: 2–4 required
    lambda q: q["parts"][0].update(marks=2.5),                              # marks are integers
    lambda q: q["parts"][1].update(key_points=q["parts"][1]["key_points"][:1]),  # 2–6 key points
    lambda q: q.pop("scenario"),                                            # a case needs its scenario
    lambda q: q.update(key_points=[{"zh": "要点", "en": "point"}]),         # no flat key points on a case
], ids=["one-part", "float-marks", "one-key-point", "no-scenario", "flat-key-points"])
def test_case_schema_rules(tmp_path, edit):
    bad = make_q("Q-case-bad", "case")
    edit(bad)
    err = _error_for(tmp_path, {"c.json": [bad]})
    assert err.key == "quiz.error.schema", err.key
    _names(err, "c.json", "Q-case-bad")


def test_scenario_only_on_a_case(tmp_path):
    bad = make_q("Q-essay-scen", "essay", scenario={"zh": "案例", "en": "case"})
    assert _error_for(tmp_path, {"e.json": [bad]}).key == "quiz.error.schema"


def test_case_total_marks_must_be_10_or_15(tmp_path):
    bad = make_q("Q-case-12", "case")
    bad["parts"][0]["marks"] = 8  # 8 + 4 = 12
    err = _error_for(tmp_path, {"c.json": [bad]})
    assert err.key == "quiz.error.case_marks" and "12" in err.message("en") and "10, 15" in err.message("zh")


def test_shipped_cases_load_from_the_bank():
    bank = quiz.load_bank()
    cases = bank.by_type("case")
    assert len(cases) >= 20
    assert {q.file for q in cases} == {"cases.json"}
    assert all(2 <= len(q.parts) <= 4 and q.total_marks in (10, 15) and q.scenario.zh for q in cases)
