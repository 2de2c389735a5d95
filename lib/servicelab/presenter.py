"""Presenter mode: a Voilà page's language, lecture preset and projector style from its address.

An instructor bookmarks ``…/voila/render/08_satisfaction_loyalty.ipynb?lang=en&preset=ipa-median``
(and ``&presenter=1`` for the projector). Voilà (0.5) puts the page's query string into the kernel's
environment (``QUERY_STRING``, with ``SERVER_SOFTWARE=voila/…``); every notebook calls
:func:`apply` in the cell right after its parameters cell::

    from servicelab import presenter; presenter.apply("08", globals())

Outside Voilà (JupyterLab, papermill, nbval) there is no page address: :func:`apply` changes
nothing and shows nothing, so papermill's injected parameters (the cell before) still win. In
Voilà it

* sets ``LANG`` from ``?lang=`` and the preset's parameters from ``?preset=`` (named presets per
  chapter in ``data/demos/demos.json``: which panel, the parameter values, what to say);
* shows a bar with the language switch (中文 / English) and the presenter-style switch, each a link
  to the same page with only that query parameter changed, and the loaded demo's one line;
* with ``?presenter=1`` adds the presenter style sheet (:data:`PRESENTER_CSS`): large type, charts
  as wide as the page, high contrast;
* names a bad value (unknown language, preset or presenter flag) in a bilingual message on the page
  and keeps the notebook's own value — no traceback, no guess.

:func:`start_page` is the instructor's start page (``notebooks/instructor_demos.ipynb``, which
``make demo`` opens): every chapter and its demos, each a bookmarkable link.
"""
from __future__ import annotations

import dataclasses
import html
import json
import os
import re
from functools import lru_cache
from typing import Any, Mapping, MutableMapping
from urllib.parse import parse_qsl, urlencode

from .display import Shown
from .errors import ContentError
from .i18n import LANGUAGES, t
from .paths import data_path

__all__ = ["Preset", "Chapter", "PageQuery", "demos", "read_query", "apply", "start_page", "PRESENTER_CSS"]

#: Query parameters this module reads (any other, e.g. ``token``, is kept in the links untouched).
QUERY_KEYS = ("lang", "preset", "presenter")
#: The language switch's labels: each language named in itself.
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
_PARAM_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")

#: The presenter style (``?presenter=1``), for a 1920 × 1080 projector seen from the back of a room:
#: body text 26 px (tables 24 px), widget labels, buttons and readouts 24 px, headings 30–44 px;
#: a chart's SVG is scaled to the width of its row (it has a viewBox, so its 10–13 px axis and
#: legend labels grow with it), at most 80 % of the screen height; black on white, links dark blue
#: and underlined; a widget label wraps instead of being cut. The minimum sizes and why they are
#: enough are in tests/browser/test_presenter.py, which measures them.
PRESENTER_CSS = """
:root { --jp-content-font-size1: 26px; --jp-ui-font-size1: 24px; --jp-ui-font-size0: 22px;
  --jp-ui-font-size2: 28px; --jp-widgets-font-size: 24px; --jp-widgets-inline-height: 46px;
  --jp-widgets-inline-label-width: 240px; --jp-widgets-slider-handle-size: 24px;
  --jp-content-font-color1: #000; --jp-content-font-color2: #000; --jp-ui-font-color1: #000;
  --jp-ui-font-color2: #111; --jp-content-link-color: #003a8c; --jp-layout-color0: #fff; }
body, .jp-RenderedHTMLCommon, .jp-OutputArea-output { font-size: 26px !important; line-height: 1.45;
  color: #000 !important; background: #fff; }
.jp-RenderedHTMLCommon :is(p, li, blockquote, dd, dt) { font-size: 26px !important; }
.jp-RenderedHTMLCommon :is(small, sub, sup, code, kbd, em, i, b, strong, span, a, mark):not(svg *, mjx-container *) {
  font-size: inherit !important; }
.jp-RenderedHTMLCommon :is(table, th, td, caption) { font-size: 24px !important; color: #000 !important; }
.jp-OutputArea-output *:not(svg, svg *, mjx-container, mjx-container *, h1, h2, h3, h4) { font-size: 24px !important; }
.jp-RenderedHTMLCommon h1 { font-size: 44px !important; } .jp-RenderedHTMLCommon h2 { font-size: 36px !important; }
.jp-RenderedHTMLCommon :is(h3, h4) { font-size: 30px !important; }
.jp-RenderedHTMLCommon a, .sl-presenter-bar a { color: #003a8c !important; text-decoration: underline; }
.jupyter-widgets .widget-button, .jupyter-widgets .widget-toggle-button, .sl-chart-table-toggle {
  height: auto !important; min-height: 46px; padding: 4px 14px !important; border: 2px solid #000 !important; }
.jupyter-widgets .widget-label, .jupyter-widgets .widget-readout { height: auto !important; min-height: 46px; line-height: 1.3;
  white-space: normal !important; overflow: visible !important; display: flex; align-items: center; }
.widget-hslider .noUi-target, .widget-hslider .slider-container { min-height: 46px; }
.jupyter-widgets .noUi-connect { background: #000; }
.jupyter-widgets .widget-box, .jupyter-widgets .widget-hbox, .jupyter-widgets .widget-vbox { max-width: 100%; flex-wrap: wrap; }
.jp-OutputArea-output, .jupyter-widgets { max-width: 100%; min-width: 0; }
.lm-Widget:has(> .sl-chart-figure) { flex: 1 1 100% !important; width: 100% !important; max-width: 100%; }
.sl-chart-figure, .sl-chart-figure .vega-embed { display: block !important; width: 100%; }
.sl-chart-figure svg.marks { width: 100% !important; height: auto !important; max-height: 80vh; }
"""

_BAR_CSS = """
.sl-presenter-bar { display: flex; flex-wrap: wrap; gap: 0.4em 1.2em; align-items: baseline; padding: 0.4em 0.8em;
  border: 1px solid #767676; border-radius: 4px; background: #f5f5f5; color: #000; }
.sl-presenter-bar a { color: #003a8c; text-decoration: underline; }
.sl-presenter-bar [aria-current] { font-weight: bold; text-decoration: none; color: #000; }
.sl-presenter-demo { flex-basis: 100%; }
.sl-presenter-problem { flex-basis: 100%; color: #8a1c00; font-weight: bold; }
"""


_DEMOS_CSS = """
.sl-demos-table { width: 100%; border-collapse: collapse; }
.sl-demos-table th, .sl-demos-table td { text-align: left !important; vertical-align: top; padding: 0.3em 0.6em; }
.sl-demos-table th:first-child, .sl-demos-table td:first-child { white-space: nowrap; }
"""


@dataclasses.dataclass(frozen=True)
class Preset:
    """One lecture demo: the panel it is about, the parameter values, what to say (zh and en)."""

    name: str
    panel: Mapping[str, str]
    params: Mapping[str, Any]
    say: Mapping[str, str]


@dataclasses.dataclass(frozen=True)
class Chapter:
    """A chapter's notebook (file name without ``.ipynb``) and its presets in the file's order."""

    id: str
    notebook: str
    presets: Mapping[str, Preset]


def _text(value: Any, where: str) -> dict[str, str]:
    if not (isinstance(value, dict) and all(isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGUAGES)):
        raise ContentError("presenter.error.content", file="data/demos/demos.json", where=where,
                           problem="{zh, en}")
    return dict(value)


def _parse(raw: Any) -> dict[str, Chapter]:
    file = "data/demos/demos.json"
    if not isinstance(raw, dict) or not isinstance(raw.get("chapters"), dict):
        raise ContentError("presenter.error.content", file=file, where="/", problem="chapters")
    chapters: dict[str, Chapter] = {}
    for cid, entry in raw["chapters"].items():
        if not (isinstance(entry, dict) and isinstance(entry.get("notebook"), str) and isinstance(entry.get("presets"), dict)):
            raise ContentError("presenter.error.content", file=file, where=cid, problem="notebook, presets")
        presets: dict[str, Preset] = {}
        for name, p in entry["presets"].items():
            where = f"{cid}/{name}"
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name) or not isinstance(p, dict) or not isinstance(p.get("params"), dict):
                raise ContentError("presenter.error.content", file=file, where=where, problem="name [a-z0-9-], params")
            bad = [k for k in p["params"] if not _PARAM_NAME.match(k) or k == "LANG"]
            if bad:
                raise ContentError("presenter.error.content", file=file, where=where, problem=", ".join(bad))
            presets[name] = Preset(name, _text(p.get("panel"), where + "/panel"), dict(p["params"]),
                                   _text(p.get("say"), where + "/say"))
        chapters[cid] = Chapter(cid, entry["notebook"], presets)
    return chapters


@lru_cache(maxsize=1)
def demos() -> dict[str, Chapter]:
    """Every chapter's lecture presets, read from ``data/demos/demos.json`` (cached).

    Returns
    -------
    dict of str to Chapter
        Chapter id (``"00"``…``"12"``) → its notebook and presets, in the file's order.

    Raises
    ------
    ContentError
        The file is malformed (names the entry and what is wrong).

    Examples
    --------
    >>> demos()["08"].presets["ipa-median"].params
    {'IPA_CENTRE': 'median'}
    """
    path = data_path("demos", "demos.json")
    return _parse(json.loads(path.read_text(encoding="utf-8")))


@dataclasses.dataclass(frozen=True)
class PageQuery:
    """What a Voilà page's address asks for (see :func:`read_query`)."""

    pairs: tuple[tuple[str, str], ...]  #: every query parameter, in order (the token included)
    lang: str | None = None
    preset: str | None = None
    presenter: bool = False
    problems: tuple[tuple[str, dict], ...] = ()  #: (message key, parameters) of each bad value
    #: the page's path on the server (Voilà's ``SCRIPT_NAME``, e.g. ``/voila/render/05_servqual.ipynb``)
    path: str = ""

    def link(self, **changes: str | None) -> str:
        """A link to the same page with ``changes`` made (None removes a parameter).

        The link starts with the page's path: the page's renderer (JupyterLab's, in Voilà) takes
        over a relative link as a file to open and the click goes nowhere. (It also opens a link
        without a ``target`` in a new tab, so the links say ``target="_self"``.)
        """
        pairs = [(k, v) for k, v in self.pairs if k not in changes]
        pairs += [(k, v) for k, v in changes.items() if v is not None]
        return self.path + "?" + urlencode(pairs)

    def sibling(self, notebook: str) -> str:
        """The Voilà path of another notebook in this page's folder (relative outside Voilà)."""
        if self.path.endswith(".ipynb"):  # …/voila/render/NB.ipynb, under any base URL
            return f"{self.path.rsplit('/', 1)[0]}/{notebook}.ipynb"
        return f"{notebook}.ipynb"


def read_query(environ: Mapping[str, str] | None = None, chapter: str | None = None) -> PageQuery | None:
    """The page address's ``lang``, ``preset`` and ``presenter``, checked; None outside Voilà.

    Parameters
    ----------
    environ : mapping, optional
        The kernel's environment (default :data:`os.environ`); Voilà sets ``SERVER_SOFTWARE`` to
        ``voila/<version>`` and ``QUERY_STRING`` to the page's query string.
    chapter : str, optional
        Chapter id whose presets ``preset`` must name (None: ``preset`` is not checked).

    Returns
    -------
    PageQuery or None
        None when the kernel was not started by Voilà for a page. A bad value is left out
        (``lang`` None …) and described in ``problems``.

    Examples
    --------
    >>> q = read_query({"SERVER_SOFTWARE": "voila/0.5.13", "QUERY_STRING": "lang=en&preset=nope&token=x"}, "08")
    >>> q.lang, q.preset, q.presenter, [key for key, _ in q.problems]
    ('en', None, False, ['presenter.error.preset'])
    >>> read_query({"QUERY_STRING": "lang=en"}) is None   # not Voilà (JupyterLab, papermill)
    True
    """
    env = os.environ if environ is None else environ
    if not str(env.get("SERVER_SOFTWARE", "")).startswith("voila/"):
        return None
    pairs = tuple(parse_qsl(env.get("QUERY_STRING", ""), keep_blank_values=True))
    first = {}
    for key, value in pairs:
        first.setdefault(key, value)
    problems: list[tuple[str, dict]] = []
    lang = first.get("lang")
    if lang is not None and lang not in LANGUAGES:
        problems.append(("presenter.error.lang", {"value": lang, "allowed": ", ".join(LANGUAGES)}))
        lang = None
    preset = first.get("preset")
    if preset is not None and chapter is not None:
        known = demos().get(chapter)
        names = list(known.presets) if known else []
        if preset not in names:
            problems.append(("presenter.error.preset", {"value": preset, "chapter": chapter,
                                                        "allowed": ", ".join(names) or "—"}))
            preset = None
    flag = first.get("presenter", "0")
    if flag not in ("0", "1"):
        problems.append(("presenter.error.flag", {"value": flag}))
        flag = "0"
    return PageQuery(pairs, lang, preset, flag == "1", tuple(problems), str(env.get("SCRIPT_NAME", "")))


def _both(key: str, **params: Any) -> str:
    """A message in both languages, Chinese first (the page's language may be the wrong one)."""
    return " · ".join(html.escape(t(key, lang, **params)) for lang in LANGUAGES)


def _bar(query: PageQuery, lang: str, preset: Preset | None, *, css: bool = True) -> str:
    parts = [f"<style>{_BAR_CSS}{PRESENTER_CSS if query.presenter else ''}</style>"] if css else []
    links = []
    for code in LANGUAGES:
        name = html.escape(LANGUAGE_NAMES[code])
        if code == lang:
            links.append(f'<span aria-current="true" lang="{code}">{name}</span>')
        else:
            links.append(f'<a class="sl-presenter-lang" lang="{code}" target="_self" href="{html.escape(query.link(lang=code))}">{name}</a>')
    style = t("presenter.style_on" if query.presenter else "presenter.style_off", lang)
    toggle = query.link(presenter=None if query.presenter else "1")
    items = [f'<span>{html.escape(t("presenter.language", lang))}: {" | ".join(links)}</span>',
             f'<a class="sl-presenter-toggle" target="_self" href="{html.escape(toggle)}">'
             f'{html.escape(style)}</a>']
    if preset is not None:
        items.append(f'<span class="sl-presenter-demo">{html.escape(t("presenter.demo", lang, name=preset.name, panel=preset.panel[lang]))}'
                     f' — {html.escape(preset.say[lang])}</span>')
    items += [f'<span class="sl-presenter-problem" role="alert">{_both(key, **params)}</span>' for key, params in query.problems]
    label = html.escape(t("presenter.bar_label", lang))
    parts.append(f'<nav class="sl-presenter-bar" aria-label="{label}">{"".join(items)}</nav>')
    return "".join(parts)


def apply(chapter: str, namespace: MutableMapping[str, Any], environ: Mapping[str, str] | None = None) -> Shown | None:
    """Apply a Voilà page's ``?lang=&preset=&presenter=`` to a notebook's parameters.

    Parameters
    ----------
    chapter : str
        The notebook's chapter id in ``data/demos/demos.json`` (``"00"``…``"12"``).
    namespace : dict
        The notebook's globals (its parameters cell has run): ``LANG`` and the preset's parameters
        are set in it. A JSON list becomes a tuple where the notebook's value is a tuple.
    environ : mapping, optional
        The kernel's environment (default :data:`os.environ`).

    Returns
    -------
    Shown or None
        The switch bar (language, presenter style, the loaded demo, any problem) to show in the
        page; None outside Voilà, where nothing is changed.

    Notes
    -----
    Order of precedence: the page address, then papermill's injected parameters, then the
    parameters cell. A value the address gets wrong is reported and the notebook's own kept.

    Examples
    --------
    >>> ns = {"LANG": "zh", "IPA_CENTRE": "mean"}
    >>> bar = apply("08", ns, {"SERVER_SOFTWARE": "voila/0.5", "QUERY_STRING": "lang=en&preset=ipa-median"})
    >>> ns["LANG"], ns["IPA_CENTRE"], "English" in bar.html
    ('en', 'median', True)
    >>> apply("08", ns, {}) is None
    True
    """
    query = read_query(environ, chapter)
    if query is None:
        return None
    if query.lang is not None:
        namespace["LANG"] = query.lang
    lang = namespace.get("LANG") if namespace.get("LANG") in LANGUAGES else LANGUAGES[0]
    preset = demos()[chapter].presets[query.preset] if query.preset else None
    if preset is not None:
        for name, value in preset.params.items():
            if isinstance(value, list) and isinstance(namespace.get(name), tuple):
                value = tuple(value)
            namespace[name] = value
    plain = t("presenter.bar_plain", lang, lang=lang, preset=query.preset or "—",
              style=t("presenter.style_on" if query.presenter else "presenter.style_off", lang))
    plain += "".join(f"\n{t(key, 'zh', **p)}\n{t(key, 'en', **p)}" for key, p in query.problems)
    return Shown(_bar(query, lang, preset), plain)


def start_page(lang: str = "zh", environ: Mapping[str, str] | None = None) -> Shown:
    """The instructor's start page: every chapter with its demos, each a bookmarkable link.

    Parameters
    ----------
    lang : str
        Language of the page and of the chapter pages the links open (``?lang=``).
    environ : mapping, optional
        The kernel's environment; with ``?presenter=1`` the links keep the presenter style.

    Returns
    -------
    Shown
        One table per chapter: demo (a link to ``…/voila/render/NOTEBOOK.ipynb?lang=…&preset=…`` next
        to the start page, relative outside Voilà), panel, what to say.

    Examples
    --------
    >>> page = start_page("en", {})
    >>> '08_satisfaction_loyalty.ipynb?lang=en&amp;preset=ipa-median' in page.html
    True
    """
    query = read_query(environ)
    presenter = {"presenter": "1"} if query is not None and query.presenter else {}
    titles = {n["id"]: n["title"] for n in json.loads(data_path("curriculum.json").read_text(encoding="utf-8"))["notebooks"]}
    titles.setdefault("00_start_here", {"zh": t("presenter.start_here", "zh"), "en": t("presenter.start_here", "en")})
    head = (f'<tr><th scope="col">{html.escape(t("presenter.col.demo", lang))}</th>'
            f'<th scope="col">{html.escape(t("presenter.col.panel", lang))}</th>'
            f'<th scope="col">{html.escape(t("presenter.col.say", lang))}</th></tr>')
    parts, plain = [f"<style>{_DEMOS_CSS}</style>"], []
    for cid, chapter in demos().items():
        title = titles.get(chapter.notebook, {}).get(lang, chapter.notebook)
        target = query.sibling(chapter.notebook) if query is not None else f"{chapter.notebook}.ipynb"
        page = f"{target}?" + urlencode({"lang": lang, **presenter})
        parts.append(f'<section class="sl-demos-chapter" id="demos-{cid}"><h2 id="demos-{cid}-title">{cid} · '
                     f'<a target="_self" href="{html.escape(page)}">{html.escape(title)}</a></h2>')
        rows = []
        for preset in chapter.presets.values():
            href = f"{target}?" + urlencode({"lang": lang, "preset": preset.name, **presenter})
            rows.append(f'<tr><td><a class="sl-demo-link" target="_self" href="{html.escape(href)}">{html.escape(preset.name)}</a></td>'
                        f'<td>{html.escape(preset.panel[lang])}</td><td>{html.escape(preset.say[lang])}</td></tr>')
            plain.append(f"{cid} {preset.name}: {preset.panel[lang]} — {preset.say[lang]}")
        parts.append(f'<table class="sl-demos-table" aria-labelledby="demos-{cid}-title"><thead>{head}</thead>'
                     f'<tbody>{"".join(rows)}</tbody></table></section>')
    return Shown("".join(parts), "\n".join(plain))
