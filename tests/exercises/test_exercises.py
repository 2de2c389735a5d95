"""servicelab.exercises: loading, validation (every error names file, exercise and field), checking.

Oracles: hand-made exercise dicts written to temporary files, and hand-made answers whose right
counts are worked out by hand in the comments — never from the code under test.
"""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from servicelab.errors import ContentError, ServiceLabError
from servicelab.exercises import (
    check_answer,
    expected_answer,
    get_exercise,
    load_exercises,
    shuffled,
    shuffled_options,
)
from servicelab.i18n import catalogue
from servicelab.paths import REPO_ROOT, data_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exercises"
NB = "03_what_is_service"


def T(zh: str, en: str) -> dict:
    return {"zh": zh, "en": en}


def sort_ex() -> dict:
    return {
        "id": "ex03-sort-demo", "notebook": NB, "concepts": ["C4.5"], "kind": "sort", "source": "S0",
        "title": T("归类", "Sort"), "prompt": T("归入各组", "Sort them"),
        "groups": [{"id": "g1", "label": T("甲组", "Group A")}, {"id": "g2", "label": T("乙组", "Group B")}],
        "items": [
            {"id": "i1", "label": T("第一项", "First"), "group": "g1", "reason": T("因为一", "Because one")},
            {"id": "i2", "label": T("第二项", "Second"), "group": "g2", "reason": T("因为二", "Because two")},
            {"id": "i3", "label": T("第三项", "Third"), "group": "g1", "reason": T("因为三", "Because three")},
        ],
    }


def order_ex() -> dict:
    return {
        "id": "ex03-order-demo", "notebook": NB, "concepts": ["C4.4"], "kind": "order", "source": "S0",
        "title": T("排序", "Order"), "prompt": T("排好", "Order them"),
        "steps": [{"id": s, "label": T(zh, s.title()), "reason": T(f"{zh}的原因", f"why {s}")}
                  for s, zh in (("land", "土地"), ("machine", "机器"), ("knowledge", "知识"), ("finance", "金融"))],
    }


def match_ex() -> dict:
    return {
        "id": "ex03-match-demo", "notebook": NB, "concepts": ["C4.5"], "kind": "match", "source": "S0",
        "title": T("配对", "Match"), "prompt": T("配好", "Match them"),
        "columns": [{"id": "char", "label": T("特性", "Characteristic")},
                    {"id": "cons", "label": T("后果", "Consequence")},
                    {"id": "fix", "label": T("对策", "Remedy")}],
        "rows": [
            {"id": "r1", "cells": {"char": T("特性一", "C one"), "cons": T("后果一", "Q one"), "fix": T("对策一", "R one")},
             "reason": T("原因一", "Reason one")},
            {"id": "r2", "cells": {"char": T("特性二", "C two"), "cons": T("后果二", "Q two"), "fix": T("对策二", "R two")},
             "reason": T("原因二", "Reason two")},
            {"id": "r3", "cells": {"char": T("特性三", "C three"), "cons": T("后果三", "Q three"), "fix": T("对策三", "R three")},
             "reason": T("原因三", "Reason three")},
        ],
    }


def write(folder: Path, exercises: list, name: str = f"{NB}.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps({"exercises": exercises}, ensure_ascii=False), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------ loading
def test_fixture_folder_loads_all_three_kinds():
    exs = load_exercises(folder=FIXTURES)
    assert [(e.id, e.kind) for e in exs] == [("ex03-fixture-sort", "sort"), ("ex03-fixture-order", "order"),
                                             ("ex03-fixture-match", "match")]
    order = exs[1]
    assert order.entry_ids == ("production", "distribution", "exchange", "consumption")  # file order
    assert order.steps[0].label.en == "Production" and order.file == f"{NB}.json"
    match = exs[2]
    assert [c.id for c in match.answer_columns] == ["consequence", "remedy"]
    assert match.row("heterogeneity").cells["remedy"].zh == "服务标准化和员工培训"
    assert exs[0].item("empty-seat").group == "perishability"


def test_load_by_notebook_and_get(tmp_path):
    write(tmp_path, [sort_ex(), order_ex()])
    other = match_ex() | {"id": "ex04-match-demo", "notebook": "04_perceived_quality", "concepts": ["C4.6"]}
    write(tmp_path, [other], "04_perceived_quality.json")
    assert [e.id for e in load_exercises(NB, folder=tmp_path)] == ["ex03-sort-demo", "ex03-order-demo"]
    assert [e.id for e in load_exercises("04_perceived_quality", folder=tmp_path)] == ["ex04-match-demo"]
    assert load_exercises("05_servqual", folder=tmp_path) == []
    assert get_exercise("ex04-match-demo", folder=tmp_path).kind == "match"
    with pytest.raises(ServiceLabError) as err:
        get_exercise("ex03-missing", folder=tmp_path)
    assert err.value.key == "exercises.error.unknown_exercise" and "ex03-missing" in err.value.message("en")


def test_an_empty_or_missing_folder_has_no_exercises(tmp_path):
    assert load_exercises(folder=tmp_path) == []
    assert load_exercises(folder=tmp_path / "absent") == []


def test_env_var_points_to_another_folder(tmp_path, monkeypatch):
    write(tmp_path, [order_ex()])
    monkeypatch.setenv("SERVICELAB_EXERCISES", str(tmp_path))
    assert [e.id for e in load_exercises()] == ["ex03-order-demo"]


def test_an_edited_file_is_read_again(tmp_path):
    path = write(tmp_path, [order_ex()])
    assert load_exercises(folder=tmp_path)[0].title.en == "Order"
    ex = order_ex()
    ex["title"] = T("新标题", "A new title that is longer")  # a different size: the cache key changes
    path.write_text(json.dumps({"exercises": [ex]}), encoding="utf-8")
    assert load_exercises(folder=tmp_path)[0].title.en == "A new title that is longer"


def test_the_project_exercise_files_are_valid():
    folder = data_path("exercises")
    exs = load_exercises(folder=folder)  # raises on any problem
    for path in sorted(folder.glob("*.json")):
        assert all(e.notebook == path.stem for e in exs if e.file == path.name)
    assert (folder / "README.md").is_file()


# ------------------------------------------------------------------------------------ validation
def _drop(d: dict, *path):
    for p in path[:-1]:
        d = d[p]
    del d[path[-1]]


def _set(d: dict, value, *path):
    for p in path[:-1]:
        d = d[p]
    d[path[-1]] = value


# (name, builder, mutation, expected key, field named in the message, exercise id named)
CASES = [
    ("unknown key", sort_ex, lambda d: _set(d, "x", "hint"), "unknown_key", "hint", "ex03-sort-demo"),
    ("unknown item key", sort_ex, lambda d: _set(d, "red", "items", 0, "colour"), "unknown_key", "items[1].colour",
     "ex03-sort-demo"),
    ("unknown language", sort_ex, lambda d: _set(d, "Titre", "title", "fr"), "unknown_key", "title.fr", "ex03-sort-demo"),
    ("missing en", order_ex, lambda d: _drop(d, "prompt", "en"), "missing_language", "prompt", "ex03-order-demo"),
    ("empty zh reason", sort_ex, lambda d: _set(d, "  ", "items", 1, "reason", "zh"), "missing_language",
     "items[2].reason", "ex03-sort-demo"),
    ("duplicate item id", sort_ex, lambda d: _set(d, "i1", "items", 1, "id"), "duplicate_entry", "items[2].id",
     "ex03-sort-demo"),
    ("group not in groups", sort_ex, lambda d: _set(d, "g9", "items", 0, "group"), "unknown_group", "items[1].group",
     "ex03-sort-demo"),
    ("unknown concept", order_ex, lambda d: _set(d, ["C4.4", "C9.9"], "concepts"), "unknown_concept", "concepts[2]",
     "ex03-order-demo"),
    ("notebook mismatch", order_ex, lambda d: _set(d, "04_perceived_quality", "notebook"), "notebook_mismatch",
     "notebook", "ex03-order-demo"),
    ("duplicate item labels", sort_ex, lambda d: _set(d, T("第一项", "First "), "items", 1, "label"), "duplicate_label",
     "items[2].label", "ex03-sort-demo"),
    ("duplicate en labels only", order_ex, lambda d: _set(d, "land", "steps", 2, "label", "en"), "duplicate_label",
     "steps[3].label", "ex03-order-demo"),
    ("duplicate group labels", sort_ex, lambda d: _set(d, T("甲组", "Group B"), "groups", 1, "label"),
     "duplicate_label", "groups[2].label", "ex03-sort-demo"),
    ("duplicate cells in a column", match_ex, lambda d: _set(d, T("后果一", "Q two"), "rows", 1, "cells", "cons"),
     "duplicate_label", "rows[2].cells.cons", "ex03-match-demo"),
    ("missing step reason", order_ex, lambda d: _drop(d, "steps", 0, "reason"), "missing_field", "steps[1].reason",
     "ex03-order-demo"),
    ("missing groups", sort_ex, lambda d: _drop(d, "groups"), "missing_field", "groups", "ex03-sort-demo"),
    ("too few steps", order_ex, lambda d: _set(d, d["steps"][:2], "steps"), "too_few", "steps", "ex03-order-demo"),
    ("too few groups", sort_ex, lambda d: _set(d, d["groups"][:1], "groups"), "too_few", "groups", "ex03-sort-demo"),
    ("missing kind", sort_ex, lambda d: _drop(d, "kind"), "missing_field", "kind", "ex03-sort-demo"),
    ("unknown kind", sort_ex, lambda d: _set(d, "rank", "kind"), "bad_kind", "kind", "ex03-sort-demo"),
    ("steps in a sort exercise", sort_ex, lambda d: _set(d, [], "steps"), "unknown_key", "steps", "ex03-sort-demo"),
    ("id without exNN", order_ex, lambda d: _set(d, "stages", "id"), "bad_id", "id", "stages"),
    ("id of another chapter", order_ex, lambda d: _set(d, "ex04-stages", "id"), "bad_id", "id", "ex04-stages"),
    ("entry id with a space", order_ex, lambda d: _set(d, "step one", "steps", 0, "id"), "bad_entry_id", "steps[1].id",
     "ex03-order-demo"),
    ("text not an object", order_ex, lambda d: _set(d, "排序", "title"), "not_text", "title", "ex03-order-demo"),
    ("groups not a list", sort_ex, lambda d: _set(d, {"g1": "A"}, "groups"), "not_list", "groups", "ex03-sort-demo"),
    ("item not an object", sort_ex, lambda d: _set(d, "i4", "items", 2), "not_object", "items[3]", "ex03-sort-demo"),
    ("empty source", order_ex, lambda d: _set(d, " ", "source"), "not_string", "source", "ex03-order-demo"),
    ("concepts a string", order_ex, lambda d: _set(d, "C4.4", "concepts"), "not_concepts", "concepts", "ex03-order-demo"),
    ("no concepts", order_ex, lambda d: _set(d, [], "concepts"), "not_concepts", "concepts", "ex03-order-demo"),
    ("row without a cell", match_ex, lambda d: _drop(d, "rows", 0, "cells", "fix"), "missing_field",
     "rows[1].cells.fix", "ex03-match-demo"),
    ("row with a cell of no column", match_ex, lambda d: _set(d, T("多", "more"), "rows", 2, "cells", "extra"),
     "unknown_key", "rows[3].cells.extra", "ex03-match-demo"),
    ("missing source", match_ex, lambda d: _drop(d, "source"), "missing_field", "source", "ex03-match-demo"),
]


@pytest.mark.parametrize("name, build, mutate, key, field, eid", CASES, ids=[c[0] for c in CASES])
def test_every_validation_error_names_file_exercise_and_field(tmp_path, name, build, mutate, key, field, eid):
    good = build()
    write(tmp_path / "good", [good])
    assert load_exercises(folder=tmp_path / "good")  # the unmutated exercise is valid
    bad = copy.deepcopy(good)
    mutate(bad)
    write(tmp_path / "bad", [bad])
    with pytest.raises(ContentError) as err:
        load_exercises(folder=tmp_path / "bad")
    assert err.value.key == f"exercises.error.{key}"
    for lang in ("zh", "en"):
        msg = err.value.message(lang)
        assert f"{NB}.json" in msg and eid in msg and field in msg, (lang, msg)
    assert "练习文件" in err.value.message("zh") and "Exercise file" in err.value.message("en")


def test_duplicate_exercise_id_within_and_across_files(tmp_path):
    write(tmp_path / "one", [order_ex(), order_ex()])
    with pytest.raises(ContentError) as err:
        load_exercises(folder=tmp_path / "one")
    assert err.value.key == "exercises.error.duplicate_id" and "ex03-order-demo" in err.value.message("en")
    # a copy in another notebook's file is refused before any id clash: its notebook is not that file's
    write(tmp_path / "two", [order_ex()])
    write(tmp_path / "two", [order_ex()], "04_perceived_quality.json")
    with pytest.raises(ContentError) as err:
        load_exercises(folder=tmp_path / "two")
    assert err.value.key == "exercises.error.notebook_mismatch"
    assert "04_perceived_quality.json" in err.value.message("zh")


def test_duplicate_id_across_files_is_caught_by_the_loader(tmp_path, monkeypatch):
    """The cross-file check itself: two files whose exercises pass alone but share an id."""
    from servicelab.exercises import data as exdata

    write(tmp_path, [order_ex()])
    write(tmp_path, [order_ex()], "03_what_is_service_copy.json")
    real = exdata.parse_file

    def as_chapter_03(path, concepts, notebooks):  # read the copy as if it were chapter 03's file
        p = Path(path)
        if p.stem.endswith("_copy"):
            return [e.__class__(**{**e.__dict__, "file": p.name}) for e in real(p.with_name(f"{NB}.json"), concepts, notebooks)]
        return real(path, concepts, notebooks)

    monkeypatch.setattr(exdata, "parse_file", as_chapter_03)
    with pytest.raises(ContentError) as err:
        load_exercises(folder=tmp_path)
    msg = err.value.message("en")
    assert err.value.key == "exercises.error.duplicate_id"
    assert "03_what_is_service_copy.json" in msg and f"already in {NB}.json" in msg


@pytest.mark.parametrize("content, key, where", [
    ('{"exercises": [ {"id": "ex03-a",, } ]}', "json", "line 1"),
    ('[]', "top_level", ""),
    ('{"exercises": [], "extra": 1}', "top_level", ""),
])
def test_file_level_errors_name_the_file(tmp_path, content, key, where):
    (tmp_path / f"{NB}.json").write_text(content, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_exercises(folder=tmp_path)
    assert err.value.key == f"exercises.error.{key}"
    assert f"{NB}.json" in err.value.message("en") and where in err.value.message("en")


def test_a_file_not_named_after_a_notebook_is_refused(tmp_path):
    write(tmp_path, [order_ex()], "03_service.json")
    with pytest.raises(ContentError) as err:
        load_exercises(folder=tmp_path)
    assert err.value.key == "exercises.error.file_name" and "03_service.json" in err.value.message("zh")


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    (tmp_path / f"{NB}.json").write_bytes(json.dumps({"exercises": [order_ex()]}, ensure_ascii=False).encode("gbk"))
    with pytest.raises(ContentError) as err:
        load_exercises(folder=tmp_path)
    assert err.value.key == "exercises.error.encoding" and f"{NB}.json" in err.value.message("en")


# ------------------------------------------------------------------------------------ check_answer
@pytest.fixture()
def exs(tmp_path):
    write(tmp_path, [sort_ex(), order_ex(), match_ex()])
    return {e.kind: e for e in load_exercises(folder=tmp_path)}


def test_check_sort(exs):
    ex = exs["sort"]
    # i1 → g1 right, i2 → g1 wrong (it is g2), i3 unanswered: 1 of 3
    r = check_answer(ex, {"i1": "g1", "i2": "g1"})
    assert (r.right, r.total, r.answered, r.all_correct) == (1, 3, 2, False)
    assert [(x.id, x.given, x.expected, x.correct) for x in r.items] == [
        ("i1", "g1", "g1", True), ("i2", "g1", "g2", False), ("i3", None, "g1", False)]
    assert r.get("i2").reason.en == "Because two" and r.get("i3").reason.zh == "因为三"
    assert check_answer(ex, {"i1": "g1", "i2": "g2", "i3": "g1"}).all_correct


def test_check_order(exs):
    ex = exs["order"]
    # stored order land, machine, knowledge, finance; the answer swaps the middle two:
    # positions 1 and 4 right, 2 and 3 wrong → 2 of 4
    r = check_answer(ex, ["land", "knowledge", "machine", "finance"])
    assert [(x.position, x.given, x.expected, x.correct) for x in r.items] == [
        (1, "land", "land", True), (2, "knowledge", "machine", False), (3, "machine", "knowledge", False),
        (4, "finance", "finance", True)]
    assert r.right == 2 and r.get("machine").reason.en == "why machine"
    # a reversed order: no position right
    assert check_answer(ex, ["finance", "knowledge", "machine", "land"]).right == 0
    # a short answer: the missing positions are unanswered
    short = check_answer(ex, ["land"])
    assert (short.right, short.answered, short.total) == (1, 1, 4)
    # duplicates (a position dropdown may give them): each position judged alone
    assert check_answer(ex, ["land", "land", "knowledge", "finance"]).right == 3


def test_check_match(exs):
    ex = exs["match"]
    # r1: both right; r2: consequence right, remedy of r3 (wrong); r3: consequence of r2 (wrong), no remedy
    answer = {"r1": {"cons": "r1", "fix": "r1"}, "r2": {"cons": "r2", "fix": "r3"}, "r3": {"cons": "r2"}}
    r = check_answer(ex, answer)
    assert r.total == 6 and r.right == 3 and r.answered == 5  # 3 rows × 2 answer columns
    assert [(x.id, x.column, x.given, x.correct) for x in r.items] == [
        ("r1", "cons", "r1", True), ("r1", "fix", "r1", True), ("r2", "cons", "r2", True),
        ("r2", "fix", "r3", False), ("r3", "cons", "r2", False), ("r3", "fix", None, False)]
    assert r.get("r2", "fix").expected == "r2" and r.get("r3", "cons").reason.en == "Reason three"


@pytest.mark.parametrize("kind, answer", [
    ("sort", {"i9": "g1"}), ("sort", {"i1": "g9"}), ("sort", ["i1"]),
    ("order", ["land", "nowhere"]), ("order", "land"), ("order", ["land"] * 5), ("order", {"land": 1}),
    ("match", {"r9": {"cons": "r1"}}), ("match", {"r1": {"char": "r1"}}), ("match", {"r1": {"cons": "r7"}}),
    ("match", {"r1": "r1"}),
])
def test_a_malformed_answer_is_a_translated_error(exs, kind, answer):
    with pytest.raises(ServiceLabError) as err:
        check_answer(exs[kind], answer)
    assert err.value.key == "exercises.error.bad_answer"
    assert exs[kind].id in err.value.message("zh") and exs[kind].id in err.value.message("en")


def test_expected_answer_is_all_right_and_matches_the_file(exs):
    assert expected_answer(exs["sort"]) == {"i1": "g1", "i2": "g2", "i3": "g1"}
    assert expected_answer(exs["order"]) == ["land", "machine", "knowledge", "finance"]
    assert expected_answer(exs["match"])["r2"] == {"cons": "r2", "fix": "r2"}
    for ex in exs.values():
        assert check_answer(ex, expected_answer(ex)).all_correct


def test_shuffles_are_seeded_complete_and_an_order_never_starts_solved(exs):
    for ex in exs.values():
        for seed in range(30):
            s = shuffled(ex, seed)
            assert sorted(s) == sorted(ex.entry_ids) and s == shuffled(ex, seed)
            if ex.kind == "order":
                assert s != ex.entry_ids
    assert len({shuffled(exs["order"], seed) for seed in range(30)}) > 5  # seeds give different orders
    opts = shuffled_options(exs["match"], "cons", 0)
    assert sorted(opts) == ["r1", "r2", "r3"] and opts == shuffled_options(exs["match"], "cons", 0)


# ------------------------------------------------------------------------------------ strings
LIB = REPO_ROOT / "lib" / "servicelab"
SOURCES = [*sorted((LIB / "exercises").glob("*.py")), LIB / "widgets" / "exercise.py"]


def test_every_exercises_key_in_the_source_exists_in_both_languages():
    cat = catalogue()
    keys = {k for p in SOURCES for k in re.findall(r"[\"'](exercises\.[a-z0-9_.]+[a-z0-9_])[\"']", p.read_text(encoding="utf-8"))}
    assert len(keys) > 30  # the scan sees the calls
    keys |= {f"exercises.kind.{k}" for k in ("sort", "order", "match")}  # t(f"exercises.kind.{kind}")
    missing = sorted(k for k in keys if k not in cat)
    assert not missing, missing
    own = json.loads((data_path("i18n") / "exercises.json").read_text(encoding="utf-8"))
    assert set(own) <= keys | {k for k in own if k.startswith("exercises.kind.")}, sorted(set(own) - keys)


def test_an_exercise_that_is_not_an_object_is_refused(tmp_path):
    write(tmp_path, [order_ex(), "ex03-just-a-string"])
    with pytest.raises(ContentError) as err:
        load_exercises(folder=tmp_path)
    assert err.value.key == "exercises.error.not_object"
    assert f"{NB}.json" in err.value.message("en") and "#2" in err.value.message("en")  # the second entry
