"""Presenter mode without a browser: the page address's parameters, the presets file, the notebooks'
presenter cell and the instructor's start page (servicelab.presenter, data/demos/demos.json).

Oracles: the notebooks' own parameters cells (read with ast), the i18n catalogue and the query
strings written here by hand.
"""
from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest

from servicelab import presenter
from servicelab.i18n import t

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
VOILA = {"SERVER_SOFTWARE": "voila/0.5.13"}


def _voila(query: str) -> dict:
    return {**VOILA, "QUERY_STRING": query}


def _parameters(notebook: str) -> tuple[list, dict, dict]:
    """The notebook's cells, its parameters' values (literal_eval) and each parameter's source line."""
    nb = nbformat.read(NOTEBOOKS / f"{notebook}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    values, lines = {}, {}
    for node in ast.parse(cell.source).body:
        assert isinstance(node, ast.Assign), cell.source
        name = node.targets[0].id
        values[name] = ast.literal_eval(node.value)
        lines[name] = cell.source.splitlines()[node.lineno - 1]
    return nb.cells, values, lines


def test_outside_voila_nothing_changes_and_nothing_shows():
    ns = {"LANG": "en", "IPA_CENTRE": "scale"}  # as papermill injected them
    # JupyterLab / papermill: no Voilà server, even if some QUERY_STRING is in the environment
    assert presenter.apply("08", ns, {"QUERY_STRING": "lang=zh&preset=ipa-median"}) is None
    assert presenter.apply("08", ns, {}) is None
    assert ns == {"LANG": "en", "IPA_CENTRE": "scale"}


def test_voila_without_a_query_keeps_the_parameters_and_shows_the_switch():
    ns = {"LANG": "en", "IPA_CENTRE": "scale"}  # papermill-injected values still win
    bar = presenter.apply("08", ns, _voila(""))
    assert ns == {"LANG": "en", "IPA_CENTRE": "scale"}
    assert 'href="?lang=zh"' in bar.html and 'href="?presenter=1"' in bar.html
    assert presenter.PRESENTER_CSS not in bar.html  # normal style


def test_lang_and_preset_from_the_address():
    ns = {"LANG": "zh", "IPA_IMPORTANCE": "weights", "IPA_CENTRE": "mean", "CHAIN_VERSION": "course"}
    bar = presenter.apply("08", ns, _voila("token=abc&lang=en&preset=ipa-expectations&presenter=1"))
    assert ns == {"LANG": "en", "IPA_IMPORTANCE": "expectations", "IPA_CENTRE": "median", "CHAIN_VERSION": "course"}
    assert presenter.PRESENTER_CSS in bar.html
    assert t("presenter.style_on", "en") in bar.html and "ipa-expectations" in bar.html
    # each switch link changes its own parameter and keeps the others, the token included
    links = [parse_qs(urlsplit(h.replace("&amp;", "&")).query) for h in re.findall(r'href="([^"]+)"', bar.html)]
    assert {"token": ["abc"], "lang": ["zh"], "preset": ["ipa-expectations"], "presenter": ["1"]} in links
    assert {"token": ["abc"], "lang": ["en"], "preset": ["ipa-expectations"]} in links


def test_a_list_becomes_a_tuple_where_the_notebook_has_a_tuple():
    ns = {"LANG": "zh", "TIER_SHARES": (20, 30, 30, 20), "TIER_SCHEME": "course"}
    presenter.apply("02", ns, _voila("preset=pyramid-tiers"))
    assert ns["TIER_SHARES"] == (1, 19, 30, 50) and ns["TIER_SCHEME"] == "pyramid" and ns["LANG"] == "zh"


@pytest.mark.parametrize("query, key, params", [
    ("lang=fr&preset=ipa-median", "presenter.error.lang", {"value": "fr", "allowed": "zh, en"}),
    ("lang=en&preset=ipa-mode", "presenter.error.preset",
     {"value": "ipa-mode", "chapter": "08", "allowed": "ipa-median, ipa-expectations, heskett-chain"}),
    ("presenter=yes", "presenter.error.flag", {"value": "yes"}),
])
def test_a_bad_value_is_named_in_both_languages_and_the_notebook_value_kept(query, key, params):
    ns = {"LANG": "zh", "IPA_CENTRE": "mean"}
    bar = presenter.apply("08", ns, _voila(query))
    for lang in ("zh", "en"):  # the whole message in both languages, naming the bad value (and the allowed ones)
        message = t(key, lang, **params)
        assert params["value"] in message and message in bar.plain
        assert message.replace("“", "&ldquo;") in bar.html or message in bar.html.replace("&#x27;", "'")
    assert 'role="alert"' in bar.html and "Traceback" not in bar.plain
    if key == "presenter.error.lang":
        assert ns == {"LANG": "zh", "IPA_CENTRE": "median"}  # the language is kept, the preset still applies
    elif key == "presenter.error.preset":
        assert ns == {"LANG": "en", "IPA_CENTRE": "mean"}  # the preset's values are not guessed
    else:
        assert presenter.PRESENTER_CSS not in bar.html


LESSONS = sorted(p.stem for p in NOTEBOOKS.glob("[01][0-9]_*.ipynb"))


@pytest.mark.parametrize("notebook", LESSONS)
def test_every_notebook_applies_the_address_right_after_its_parameters(notebook):
    cells, _, _ = _parameters(notebook)
    i = next(i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", []))
    nxt = cells[i + 1]
    assert nxt.cell_type == "code" and len(nxt.source.splitlines()) == 1
    assert nxt.source.startswith(f'from servicelab import presenter; presenter.apply("{notebook[:2]}", globals())')


@pytest.mark.parametrize("chapter", sorted(presenter.demos()))
def test_presets_name_real_parameters_with_values_of_the_right_kind(chapter):
    entry = presenter.demos()[chapter]
    _, values, lines = _parameters(entry.notebook)
    assert entry.notebook[:2] == chapter
    assert (1 if chapter == "00" else 2) <= len(entry.presets) <= 3
    for preset in entry.presets.values():
        for name, value in preset.params.items():
            assert name in values, f"{chapter}/{preset.name}: {name} is not in the parameters cell"
            default = values[name]
            if value is None or default is None:
                pass
            elif isinstance(default, tuple):
                assert isinstance(value, list) and len(value) == len(default), (preset.name, name)
            else:
                assert type(value) is type(default), (preset.name, name, value, default)
            if isinstance(value, str):  # a named choice: listed in the parameter's comment or its preset table
                table = re.search(r"servicelab\.widgets\.(\w+)\.(\w+)", lines[name])
                options = (getattr(importlib.import_module(f"servicelab.widgets.{table[1]}"), table[2]) if table
                           else re.findall(r'"([^"]+)"', lines[name].split("#", 1)[1]))
                assert value in options, f"{chapter}/{preset.name}: {name}={value!r} not one of {options}"
        for lang in ("zh", "en"):
            assert preset.say[lang].strip() and preset.panel[lang].strip()


def test_every_chapter_has_demos():
    assert set(presenter.demos()) == {p[:2] for p in LESSONS}


def test_start_page_links_every_demo_in_the_chosen_language():
    env = {**_voila("lang=en&presenter=1&token=abc"), "SCRIPT_NAME": "/user/ann/voila/render/instructor_demos.ipynb"}
    page = presenter.start_page("en", env)
    links = re.findall(r'class="sl-demo-link" target="_self" href="([^"]+)"', page.html)
    expected = [(c.notebook, name) for c in presenter.demos().values() for name in c.presets]
    assert len(links) == len(expected)
    for href, (notebook, name) in zip(links, expected):
        parts = urlsplit(href.replace("&amp;", "&"))
        # the chapter next to the start page, from the server's root: a relative link would be taken
        # over by the page's renderer as a file to open
        assert parts.path == f"/user/ann/voila/render/{notebook}.ipynb"
        assert parse_qs(parts.query) == {"lang": ["en"], "preset": [name], "presenter": ["1"]}  # no token
    assert presenter.demos()["08"].presets["ipa-median"].say["en"] in page.html
    zh = presenter.start_page("zh", {})  # outside Voilà: relative links
    assert presenter.demos()["08"].presets["ipa-median"].say["zh"] in zh.html and "presenter=1" not in zh.html
    assert 'href="08_satisfaction_loyalty.ipynb?lang=zh&amp;preset=ipa-median"' in zh.html


def test_switch_links_start_with_the_page_path():
    env = {**_voila("lang=en"), "SCRIPT_NAME": "/voila/render/05_servqual.ipynb"}
    bar = presenter.apply("05", {"LANG": "zh"}, env)
    assert 'href="/voila/render/05_servqual.ipynb?lang=zh"' in bar.html
    assert 'href="/voila/render/05_servqual.ipynb?lang=en&amp;presenter=1"' in bar.html


def test_a_broken_presets_file_is_reported_by_entry():
    with pytest.raises(presenter.ContentError) as err:
        presenter._parse({"chapters": {"08": {"notebook": "08_x", "presets": {"x": {"params": {"LANG": "en"},
                                                                                        "panel": {}, "say": {}}}}}})
    assert "08/x" in err.value.message("en") and "LANG" in err.value.message("zh")
