"""The express-delivery blueprint data (C5.1) and its loader.

Oracles: the lanes and lines of Bitner, Ostrom & Morgan (2008), and the course's reliability table
read here directly from ``data/process/express_steps.csv`` (the fail points must be its two weakest
steps, as the seed's recovery steps after steps 3 and 7 say).
"""
from __future__ import annotations

import csv
import json
import shutil

import pytest

from servicelab.errors import ContentError
from servicelab.models.blueprint import load_blueprint
from servicelab.paths import data_path


def test_lanes_and_lines_are_those_of_the_literature():
    bp = load_blueprint()
    assert bp.lanes["lane"].tolist() == ["evidence", "customer", "onstage", "backstage", "support"]
    lines = dict(zip(bp.lines["line"], bp.lines["y"]))
    assert lines == {"interaction": 1.5, "visibility": 2.5, "internal": 3.5}
    assert set(bp.lines["label_zh"]) == {"互动线", "可视线", "内部互动线"}


def test_every_step_of_the_reliability_table_appears_once_in_time_order():
    bp = load_blueprint()
    numbered = bp.steps[bp.steps["process_step"] > 0].sort_values("order")
    assert numbered["process_step"].tolist() == list(range(1, 11))
    assert numbered["order"].is_monotonic_increasing


def test_fail_points_are_the_two_weakest_steps_of_the_course_table():
    with open(data_path("process", "express_steps.csv"), encoding="utf-8") as fh:
        rel = {int(r["step"]): float(r["reliability"]) for r in csv.DictReader(fh)}
    weakest = sorted(sorted(rel, key=rel.get)[:2])
    bp = load_blueprint()
    assert sorted(bp.steps.loc[bp.steps["fail_point"], "process_step"]) == weakest == [3, 7]
    waits = bp.steps[bp.steps["wait"]]
    assert len(waits) >= 2 and set(waits["lane"]) == {"customer"}


def test_every_label_in_both_languages():
    bp = load_blueprint()
    for frame in (bp.lanes, bp.lines, bp.steps):
        assert frame["label_zh"].str.strip().all() and frame["label_en"].str.strip().all()
    assert bp.title["zh"] and bp.title["en"]


def _broken(tmp_path, monkeypatch, edit):
    root = tmp_path / "data"
    shutil.copytree(data_path("process"), root / "process")
    shutil.copytree(data_path("i18n"), root / "i18n")
    path = root / "process" / "blueprint_express.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    edit(raw)
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("SERVICELAB_DATA", str(root))


@pytest.mark.parametrize("edit, field", [
    (lambda r: r["steps"][3].update(lane="kitchen"), "lane"),
    (lambda r: r["steps"][3].update(id=r["steps"][0]["id"]), "id"),
    (lambda r: r["steps"][3].update(order=0), "order"),
    (lambda r: r["steps"][3].update(fail_point="yes"), "fail_point"),
    (lambda r: r["steps"][3]["label"].pop("en"), "label"),
    (lambda r: r["lines"][1].update(above="customer"), "above/below"),
    (lambda r: r["lanes"].reverse(), "id"),
])
def test_a_broken_file_names_the_entry_and_field(tmp_path, monkeypatch, edit, field):
    _broken(tmp_path, monkeypatch, edit)
    with pytest.raises(ContentError) as err:
        load_blueprint()
    assert "blueprint_express.json" in err.value.message("en") and f'"{field}"' in err.value.message("en")
    assert field in err.value.message("zh")


def test_a_file_that_is_not_json_is_named(tmp_path, monkeypatch):
    root = tmp_path / "data"
    shutil.copytree(data_path("process"), root / "process")
    shutil.copytree(data_path("i18n"), root / "i18n")
    (root / "process" / "airline_turnaround.json").write_text("{\"start\": -20,", encoding="utf-8")
    monkeypatch.setenv("SERVICELAB_DATA", str(root))
    from servicelab.models.turnaround import load_turnaround

    with pytest.raises(ContentError) as err:
        load_turnaround()
    assert "airline_turnaround.json" in err.value.message("en") and "not valid JSON" in err.value.message("en")
