"""Tests for the translation catalogue (data/i18n/*.json) and servicelab.i18n.t.

Each JSON file is read here on its own with the json module (not through the code under test),
so a key defined twice — in one file or across files — is caught, and every message key the
library source uses is checked against the files.
"""
from __future__ import annotations

import ast
import json
import string
from pathlib import Path

import pytest

from servicelab import i18n
from servicelab.errors import ServiceLabError
from servicelab.i18n import t
from servicelab.paths import REPO_ROOT, data_path

I18N_DIR = data_path("i18n")
LIB = REPO_ROOT / "lib" / "servicelab"
FILES = sorted(I18N_DIR.glob("*.json"))
LANGS = ("zh", "en")
MESSAGE_CALLS = {"t", "ServiceLabError", "ContentError"}


def _pairs_no_duplicates(path: Path):
    def hook(pairs):
        keys = [k for k, _ in pairs]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        assert not dupes, f"{path.name}: keys defined twice in the same file: {dupes}"
        return dict(pairs)

    return hook


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_pairs_no_duplicates(path))


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module")
def merged() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for path in FILES:
        out.update(load(path))
    return out


def test_there_are_translation_files():
    names = {p.name for p in FILES}
    assert {"core.json", "servqual.json"} <= names


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_key_has_zh_and_en(path):
    bad = []
    for key, entry in load(path).items():
        for lang in LANGS:
            text = entry.get(lang) if isinstance(entry, dict) else None
            if not isinstance(text, str) or not text.strip():
                bad.append(f"{key} [{lang}]")
    assert not bad, f"{path.name}: empty or missing: {bad}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_placeholders_identical_in_both_languages(path):
    bad = {key: {lang: sorted(fields(entry[lang])) for lang in LANGS}
           for key, entry in load(path).items()
           if fields(entry.get("zh", "")) != fields(entry.get("en", ""))}
    assert not bad, f"{path.name}: placeholder sets differ: {bad}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_chinese_text_is_chinese(path):
    # a long zh string with English words but no CJK character was probably not translated
    # ({placeholders} are left out of the check: a pure template is fine)
    def words(text: str) -> str:
        return "".join(lit for lit, _, _, _ in string.Formatter().parse(text))

    suspicious = [k for k, e in load(path).items()
                  if not any("\u4e00" <= ch <= "\u9fff" for ch in e.get("zh", ""))
                  and sum(ch.isascii() and ch.isalpha() for ch in words(e.get("zh", ""))) > 20]
    assert not suspicious, f"{path.name}: zh text looks untranslated: {suspicious}"


def test_no_key_defined_in_two_files():
    origin: dict[str, str] = {}
    clashes = []
    for path in FILES:
        for key in load(path):
            if key in origin:
                clashes.append(f"{key}: {origin[key]} and {path.name}")
            origin[key] = path.name
    assert not clashes


def test_catalogue_merges_every_file(merged):
    assert i18n.catalogue() == merged


# --------------------------------------------------------------------------------- source scan
def _calls():
    """(file, line, key or None, f-string template or None, keyword names, has **kwargs)."""
    for path in sorted(LIB.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else (
                node.func.attr if isinstance(node.func, ast.Attribute) else None)
            if name not in MESSAGE_CALLS:
                continue
            first = node.args[0]
            kw = {k.arg for k in node.keywords if k.arg}
            star = any(k.arg is None for k in node.keywords)
            where = f"{path.relative_to(LIB)}:{node.lineno}"
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield where, first.value, None, kw, star
            elif isinstance(first, ast.JoinedStr):
                template = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in first.values)
                yield where, None, template, kw, star
            elif isinstance(first, ast.BinOp) and isinstance(first.left, ast.Constant):
                yield where, None, f"{first.left.value}{{}}", kw, star


CALLS = list(_calls())


def test_source_scan_finds_the_servqual_calls():
    # guard against a scan that silently finds nothing
    keys = {k for _, k, _, _, _ in CALLS if k}
    assert {"survey.error.missing_columns", "servqual.label.overall", "error.weights_sum"} <= keys
    assert len(keys) > 40


def test_every_literal_key_in_the_source_exists(merged):
    missing = sorted({f"{key} ({where})" for where, key, _, _, _ in CALLS if key and key not in merged})
    assert not missing, missing


def test_literal_calls_pass_every_placeholder(merged):
    # a call that omits a placeholder's value fails at run time with KeyError
    bad = []
    for where, key, _, kw, star in CALLS:
        if key in merged and not star:
            need = fields(merged[key]["zh"])
            if need - kw:
                bad.append(f"{where}: {key} needs {sorted(need - kw)}")
    assert not bad, bad


# Dynamic keys in the SERVQUAL code, expanded by hand.
DIMENSIONS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
BANDS = ("excellent", "good", "acceptable", "questionable", "poor", "unacceptable", "undefined")
DYNAMIC = {
    "servqual.dimension.{}": DIMENSIONS,
    "servqual.definition.{}": DIMENSIONS,
    "servqual.label.verdict_{}": ("negative", "zero", "positive"),
    "servqual.label.{}": ("unweighted", "weighted"),  # score_comparison_chart's keys
    "reliability.band.{}": BANDS,
    "servqual.exercise.against.{}": ("omits_most", "has_least", "none"),  # the C5.9 panel vs the PZB finding
}
SERVQUAL_FILES = ("models/servqual.py", "models/reliability.py", "io/survey.py", "widgets/servqual.py",
                  "widgets/common.py", "charts/servqual.py")


def test_dynamic_servqual_keys_exist(merged):
    missing = [tpl.format(v) for tpl, values in DYNAMIC.items() for v in values if tpl.format(v) not in merged]
    assert not missing, missing
    # the examples of each dimension too (used by the notebooks)
    assert all(f"servqual.example.{d}" in merged for d in DIMENSIONS)


def test_every_dynamic_key_in_servqual_code_is_covered():
    found = {tpl for where, _, tpl, _, _ in CALLS if tpl and where.replace("\\", "/").startswith(SERVQUAL_FILES)}
    assert found, "the scan should see t(f'servqual.dimension.{dim}')"
    uncovered = found - set(DYNAMIC)
    assert not uncovered, f"add the expansions of {uncovered} to DYNAMIC"


def test_every_alpha_band_code_has_a_label():
    from servicelab.models.reliability import ALPHA_BANDS, alpha_band

    codes = {code for _, code in ALPHA_BANDS} | {alpha_band(float("nan"))}
    assert codes == set(BANDS)
    for code in codes:
        for lang in LANGS:
            assert t(f"reliability.band.{code}", lang).strip()


# --------------------------------------------------------------------------------- t() itself
def test_t_formats_and_defaults_to_chinese():
    assert t("servqual.dimension.reliability") == "可靠性"
    assert t("servqual.dimension.reliability", "en") == "Reliability"
    assert "7" in t("servqual.label.weights_total", "en", total=7)


def test_unknown_language_raises():
    with pytest.raises(ValueError):
        t("servqual.dimension.reliability", "fr")


def test_missing_translation_raises_key_error(monkeypatch):
    fake = {"only.zh": {"zh": "只有中文"}}
    monkeypatch.setattr(i18n, "catalogue", lambda: fake)
    assert t("only.zh", "zh") == "只有中文"
    with pytest.raises(KeyError, match="only.zh"):
        t("only.zh", "en")
    with pytest.raises(KeyError, match="no.such.key"):
        t("no.such.key", "zh")


def test_error_messages_in_both_languages():
    err = ServiceLabError("survey.error.empty", file="a.csv")
    assert err.message("zh") == "文件 a.csv 是空的"
    assert err.message("en") == "File a.csv is empty"
    assert str(err) == "文件 a.csv 是空的\nFile a.csv is empty"


def test_duplicate_key_across_files_is_refused(tmp_path, monkeypatch):
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "a.json").write_text(json.dumps({"x.y": {"zh": "甲", "en": "A"}}), encoding="utf-8")
    (tmp_path / "i18n" / "b.json").write_text(json.dumps({"x.y": {"zh": "乙", "en": "B"}}), encoding="utf-8")
    monkeypatch.setenv("SERVICELAB_DATA", str(tmp_path))
    i18n.catalogue.cache_clear()
    try:
        with pytest.raises(ValueError) as info:
            i18n.catalogue()
        assert "a.json" in str(info.value) and "b.json" in str(info.value) and "x.y" in str(info.value)
    finally:
        monkeypatch.delenv("SERVICELAB_DATA")
        i18n.catalogue.cache_clear()
    assert t("servqual.dimension.empathy", "en") == "Empathy"  # the real catalogue is back
