"""Offline, live charts: altair builds the Vega-Lite spec, a small anywidget draws it.

* **No CDN.** altair's default renderer loads vega from a CDN, so with no internet a chart
  silently never draws. The charts' JavaScript (vega, vega-lite, vega-embed) is bundled by
  ``vl-convert``; the bundle is built once and cached on disk (user cache folder, or
  ``$SERVICELAB_CACHE``).
* **One bundle per page, not one per chart.** The bundle (~0.9 MB) is the ``_esm`` of one
  :class:`ChartRuntime` widget per kernel (:func:`chart_runtime`), never displayed; every
  :class:`LiveChart` refers to it by a synced widget reference (``runtime``, anywidget's
  ``WidgetTrait``) and carries only its
  own small module (``js/live_chart.js``, ~4 KB), its spec and its data. In the browser anywidget
  evaluates the runtime's module when its model is created and gives what its ``initialize``
  returns (``{ready}``, a promise of ``{vegaEmbed, vega}``) to each chart through
  ``host.getWidget(ref)``, so the bundle is
  sent, parsed and evaluated once per kernel — on a Voilà page, in an executed notebook's saved
  widget state, and in JupyterLab. Nothing is put on the page's global object: several notebooks
  open in one JupyterLab page (several kernels) each have their own runtime model and their charts
  use only their own, and after a kernel restart the new charts refer to the new kernel's runtime.
  The bundle travels gzip-compressed (:func:`packed_runtime_esm`: 0.9 MB → 0.35 MB as base64; a
  loader inflates it with the browser's ``DecompressionStream``), as the saved widget state of an
  executed notebook is not compressed and Voilà's websocket frames are not either. Alternatives considered: an ES module imported from a URL served
  by Jupyter would need a server extension (and does not survive in a saved notebook); a page-global
  promise set by the first chart would couple kernels on one page.
* **Fast updates.** A chart is a spec *template* whose data come from named datasets. When an input
  changes, a panel sends only the new rows (``chart.datasets = …``); the browser updates the running
  vega view in place instead of re-embedding the chart.
* **A cache that cannot plant code.** The cache folder may be shared and writable by others
  (``$SERVICELAB_CACHE`` on a lab machine), and its JavaScript runs in the learner's browser, so a
  cached file is used only when it is verified (:func:`_read_trusted`): a JavaScript bundle only if
  its sha256 equals the one recorded in the package (``js/bundle-digests.json``, written by
  ``tests/tools/record_chart_digests.py`` for the pinned versions; a test checks it against a fresh
  build); a file with no recorded digest (a chart template, or a bundle of versions not recorded)
  only if it is a regular file owned by this user and writable by no one else. Anything else is
  discarded and rebuilt from the package's own sources (and rewritten, mode 0644).
* **Fast import.** :func:`import_altair` keeps jsonschema from loading ``rfc3987_syntax`` (a grammar
  compiled at import, ~2 s here) while altair is imported; only the IRI format checks of jsonschema
  are then unavailable in this process.
"""
from __future__ import annotations

import functools
import json
import os
import sys
import threading
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Callable

import pandas as pd

_JS = Path(__file__).with_name("js") / "live_chart.js"
_RUNTIME_JS = Path(__file__).with_name("js") / "chart_runtime.js"
_LOADER_JS = Path(__file__).with_name("js") / "chart_runtime_loader.js"


def import_altair():
    """Import altair without the slow optional ``rfc3987_syntax`` import (see module docs)."""
    if "altair" in sys.modules:
        return sys.modules["altair"]
    block = "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules
    if block:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # makes the import fail fast
    try:
        import altair
    finally:
        if block and sys.modules.get("rfc3987_syntax", 0) is None:
            del sys.modules["rfc3987_syntax"]
    return altair


def _cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(os.environ.get("SERVICELAB_CACHE") or user_cache_dir("servicelab"))


_DIGESTS = Path(__file__).with_name("js") / "bundle-digests.json"


@lru_cache(maxsize=1)
def _recorded_digests() -> dict[str, str]:
    """sha256 of the JavaScript bundles for the pinned versions, by cache file name (see module docs)."""
    try:
        return json.loads(_DIGESTS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _read_trusted(path: Path, sha256: str | None = None) -> str | None:
    """The text of a cached file if it can be trusted, else None (see module docs).

    With ``sha256`` the content must have exactly that digest, whoever wrote it. Without, the file
    must be a regular file (not a symlink) owned by this user and not writable by group or others;
    on a system without user ids (Windows) such a file is not trusted.
    """
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None
        if sha256 is None:
            if not hasattr(os, "geteuid") or st.st_uid != os.geteuid() or st.st_mode & 0o022:
                return None
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        data = b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)
    if sha256 is not None and _sha256(data) != sha256:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _store(name: str, text: str) -> None:
    """Write a cache file atomically, mode 0644 (never group- or world-writable)."""
    path = _cache_dir() / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        tmp.replace(path)  # over a rejected file too
    except OSError:
        pass  # no writable cache (or someone else's file in a sticky folder): still works, just slower


def _cached(name: str, build: Callable[[], str], *, valid: Callable[[str], bool] | None = None) -> str:
    """``build()``'s text, from the cache when a trusted copy is there (see :func:`_read_trusted`).

    The recorded sha256 of ``name`` (if any) is required of the cached copy; ``valid`` may reject a
    trusted but unusable copy (e.g. truncated JSON). A rejected copy is rebuilt and rewritten.
    """
    text = _read_trusted(_cache_dir() / name, _recorded_digests().get(name))
    if text is not None and (valid is None or valid(text)):
        return text
    text = build()
    _store(name, text)
    return text


def _vl_version() -> str:
    alt = import_altair()
    major_minor = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return f"v{major_minor}"


def _runtime_bundle_name(source: str) -> str:
    # named by versions only, so a cached bundle is found without importing altair
    return f"chartruntime-{version('vl-convert-python')}-altair{version('altair')}-{_digest(source)}.js"


@lru_cache(maxsize=1)
def chart_runtime_bundle() -> str:
    """The ChartRuntime ES module: vega, vega-lite and vega-embed inlined (cached on disk)."""
    source = _RUNTIME_JS.read_text(encoding="utf-8")
    key = _runtime_bundle_name(source)

    def build() -> str:
        import vl_convert as vlc

        return vlc.javascript_bundle(source, vl_version=_vl_version())

    return _cached(key, build)


@lru_cache(maxsize=1)
def _source_digest() -> str:
    """Digest of everything a chart template depends on: servicelab's code, the translations, altair."""
    import hashlib

    from ..paths import data_path

    h = hashlib.sha256(version("altair").encode())
    root = Path(__file__).resolve().parents[1]
    for path in sorted([*root.rglob("*.py"), *data_path("i18n").glob("*.json")]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _is_json_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _records(frame: pd.DataFrame) -> list[dict]:
    """JSON-safe rows (NaN → null)."""
    return [{k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()}
            for row in frame.astype(object).to_dict(orient="records")]


@lru_cache(maxsize=1)
def packed_runtime_esm() -> str:
    """The ChartRuntime's ``_esm``: a small loader carrying :func:`chart_runtime_bundle` gzip-compressed.

    The (verified) bundle is compressed here, deterministically (``mtime=0``), and base64-encoded
    into ``js/chart_runtime_loader.js``, which inflates and imports it in the browser (see module docs).
    """
    import base64
    import gzip

    packed = base64.b64encode(gzip.compress(chart_runtime_bundle().encode("utf-8"), compresslevel=9, mtime=0))
    loader = _LOADER_JS.read_text(encoding="utf-8")
    return loader.replace("__SERVICELAB_PACKED_BUNDLE__", packed.decode("ascii"), 1)


@lru_cache(maxsize=None)
def _chart_runtime_class():
    import anywidget

    class ChartRuntime(anywidget.AnyWidget):
        """vega, vega-lite and vega-embed for the kernel's live charts, never displayed (see module docs)."""

        _esm = packed_runtime_esm()

    return ChartRuntime


_runtime_lock = threading.Lock()
_runtime = None


def chart_runtime():
    """The kernel's :class:`ChartRuntime` widget, created on first use (again if it was closed).

    Returns
    -------
    ChartRuntime
        One widget per process whose ``_esm`` is the vega bundle; every :class:`LiveChart` refers
        to it (see module docs).

    Notes
    -----
    A lock makes it one widget even when charts are first made on two threads at once (JupyterLab
    runs widget callbacks on a subshell thread). A closed runtime (``Widget.close_all()``) has no
    comm and is replaced.

    Examples
    --------
    >>> chart_runtime() is chart_runtime()
    True
    """
    global _runtime
    with _runtime_lock:
        if _runtime is None or getattr(_runtime, "comm", None) is None:
            _runtime = _chart_runtime_class()()
        return _runtime


@lru_cache(maxsize=None)
def _live_chart_class():
    import anywidget
    import traitlets

    class LiveChart(anywidget.AnyWidget):
        """A Vega-Lite chart whose named datasets update in place (see module docs)."""

        _esm = _JS.read_text(encoding="utf-8")
        #: The kernel's :func:`chart_runtime`, which gives the chart vegaEmbed in the browser.
        #: Synced as ``"anywidget:<model id>"``, the reference anywidget's ``host.getWidget`` resolves.
        runtime = anywidget.WidgetTrait().tag(sync=True)
        spec = traitlets.Dict().tag(sync=True)
        datasets = traitlets.Dict().tag(sync=True)
        embed_options = traitlets.Dict().tag(sync=True)
        #: Text alternative (see :func:`text_alternative`): the summary read as the chart's name,
        #: the data as an HTML table shown by the chart's "show data table" button, its labels.
        alt_text = traitlets.Unicode("").tag(sync=True)
        table_html = traitlets.Unicode("").tag(sync=True)
        table_labels = traitlets.Dict().tag(sync=True)

        @traitlets.default("runtime")
        def _default_runtime(self):
            return chart_runtime()

        def set_data(self, data: dict[str, pd.DataFrame]) -> None:
            """Replace the chart's named datasets (one message to the browser)."""
            self.datasets = {name: _records(df) for name, df in data.items()}

    return LiveChart


# ---------------------------------------------------------------------------------------------
# Text alternative: a summary and the chart's data as a table (WCAG 1.1.1)
# ---------------------------------------------------------------------------------------------

_TABLE_MAX_ROWS = 400
_CHANNEL_ORDER = ("tooltip", "x", "y", "theta", "radius", "size", "color", "text")


def _spec_title(spec: dict) -> str:
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(str(x) for x in title)
    return str(title or "")


def _titled_fields(spec: dict) -> dict[str, dict[str, str]]:
    """Per named dataset, the encoded fields that carry a title → that (translated) title.

    Tooltip fields come first (they are what the chart shows a pointer user), then position
    and the other channels, in :data:`_CHANNEL_ORDER`; a field without a title anywhere is
    internal (a threshold, a label position) and left out.
    """
    found: dict[str, list[tuple[int, str, str | None]]] = {}

    def walk(node: dict, data: str | None) -> None:
        if isinstance(node.get("data"), dict) and "name" in node["data"]:
            data = node["data"]["name"]
        for channel, enc in (node.get("encoding") or {}).items():
            rank = _CHANNEL_ORDER.index(channel) if channel in _CHANNEL_ORDER else len(_CHANNEL_ORDER)
            for e in (enc if isinstance(enc, list) else [enc]):
                if isinstance(e, dict) and isinstance(e.get("field"), str) and data is not None:
                    found.setdefault(data, []).append((rank, e["field"], e.get("title")))
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for sub in node.get(key) or ():
                walk(sub, data)
        if isinstance(node.get("spec"), dict):
            walk(node["spec"], data)

    walk(spec, None)
    out: dict[str, dict[str, str]] = {}
    for data, entries in found.items():
        titles: dict[str, str] = {}
        for _rank, field, title in sorted(entries, key=lambda e: e[0]):
            if title and field not in titles:
                titles[field] = str(title)
        order = []
        for _rank, field, _title in sorted(entries, key=lambda e: e[0]):
            if field in titles and field not in order:
                order.append(field)
        if order:
            out[data] = {f: titles[f] for f in order}
    return out


def _cell(value) -> str:
    import html
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        text = f"{value:.3f}".rstrip("0").rstrip(".")
        return html.escape(text.replace("-", "−"))
    return html.escape(str(value))


def text_alternative(spec: dict, data: dict[str, pd.DataFrame], lang: str, title: str | None = None) -> tuple[str, str]:
    """The chart's text alternative: a one-sentence summary and its data as HTML tables.

    Parameters
    ----------
    spec : dict
        The chart's Vega-Lite template (:meth:`ChartKind.template`): its title and the titles
        of its encoded fields (already in ``lang``) name the summary and the columns.
    data : dict of DataFrame
        The named datasets drawn.
    lang : {"zh", "en"}
    title : str, optional
        The chart's title when the spec has none (a title drawn from the data).

    Returns
    -------
    (str, str)
        ``(summary, tables_html)``: the summary is the chart's accessible name
        (``aria-label``); the tables (cells escaped, one per dataset that has titled fields,
        columns in tooltip-then-axis order, at most 400 rows each) are shown on demand.

    Notes
    -----
    WCAG 2.2 success criterion 1.1.1 asks for a text alternative of the same information; a
    table of the drawn values is the usual one for data charts. Columns a chart encodes
    without a title are internal (reference lines, label offsets) and are left out.

    References
    ----------
    W3C (2023). *Web Content Accessibility Guidelines (WCAG) 2.2*, 1.1.1 Non-text Content;
    W3C WAI, *Complex images* tutorial (https://www.w3.org/WAI/tutorials/images/complex/).

    Examples
    --------
    >>> spec = {"title": "Scores", "data": {"name": "d"},
    ...         "encoding": {"x": {"field": "score", "title": "Score"}, "y": {"field": "who"}}}
    >>> summary, tables = text_alternative(spec, {"d": pd.DataFrame({"who": ["A"], "score": [0.5]})}, "en")
    >>> summary.startswith("Chart: Scores. Its data (1 rows)")
    True
    >>> "<th scope='col'>Score</th>" in tables and "<td>0.5</td>" in tables and "who" not in tables
    True
    """
    import html

    from ..i18n import t

    title = _spec_title(spec) or title or t("chart.a11y.untitled", lang)
    fields = _titled_fields(spec)
    parts, rows = [], 0
    for name, frame in data.items():
        columns = [(f, title_) for f, title_ in fields.get(name, {}).items() if f in frame.columns]
        if not columns or frame.empty:
            continue
        shown = frame.head(_TABLE_MAX_ROWS)
        rows += len(shown)
        head = "".join(f"<th scope='col'>{html.escape(c)}</th>" for _f, c in columns)
        body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>"
                       for row in shown[[f for f, _c in columns]].astype(object).itertuples(index=False))
        caption = html.escape(t("chart.a11y.caption", lang, title=title))
        parts.append(f"<table class='sl-chart-data'><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
                     f"<tbody>{body}</tbody></table>")
    return t("chart.a11y.summary", lang, title=title, rows=rows), "".join(parts)


def _table_labels(lang: str) -> dict[str, str]:
    from ..i18n import t

    return {"show": t("chart.a11y.show_table", lang), "hide": t("chart.a11y.hide_table", lang)}


class ChartKind:
    """A chart defined once in altair on named datasets, drawn live or as a static altair chart.

    Every live chart carries a text alternative (:func:`text_alternative`): a summary read as
    its accessible name and a "show data table" button that shows its data as a table.

    Parameters
    ----------
    build : callable
        ``build(lang) -> altair chart`` whose data are :class:`altair.NamedData` sources.
    data : callable
        ``data(model_output, lang) -> {dataset name: DataFrame}``.
    tables : sequence of str, optional
        The datasets the data table shows (default: every dataset with titled fields); leave out
        the ones that only place decorations (quadrant labels, reference lines).
    title_field : (str, str), optional
        ``(dataset, column)`` holding the chart's title, for a chart that draws its title from
        its data (the summary names the chart by it).
    """

    def __init__(self, build: Callable, data: Callable, *, tables: tuple[str, ...] | None = None,
                 title_field: tuple[str, str] | None = None) -> None:
        self._build, self._data = build, data
        self._tables, self._title_field = tables, title_field
        self._templates: dict[str, dict] = {}

    def _key(self) -> str:
        b = self._build
        if isinstance(b, functools.partial):
            return f"{b.func.__module__}.{b.func.__qualname__}{b.args!r}{sorted(b.keywords.items())!r}"
        return f"{b.__module__}.{b.__qualname__}"

    def template(self, lang: str) -> dict:
        """The Vega-Lite spec without data, built once per language.

        Cached in memory and on disk, keyed by the code and translations that shape it, so a
        notebook whose charts were built before need not import altair at all.
        """
        if lang not in self._templates:
            name = f"spec-{_digest(self._key() + lang + _source_digest())}.json"
            self._templates[lang] = json.loads(_cached(name, lambda: json.dumps(self._build(lang).to_dict()),
                                                       valid=_is_json_object))
        return self._templates[lang]

    def data(self, output, lang: str) -> dict[str, pd.DataFrame]:
        return self._data(output, lang)

    def chart(self, output, lang: str = "zh"):
        """A static altair chart with the data inlined (for export, tests, or plain display)."""
        return self._build(lang).properties(datasets={k: _records(v) for k, v in self._data(output, lang).items()})

    def live(self, output, lang: str = "zh", **embed_options):
        """A :class:`LiveChart` widget; refresh it with :meth:`update`."""
        cls = _live_chart_class()
        spec, data = self.template(lang), self._data(output, lang)
        summary, tables = text_alternative(spec, self._tabled(data), lang, self._data_title(data))
        return cls(spec=spec, datasets={k: _records(v) for k, v in data.items()}, embed_options=embed_options,
                   alt_text=summary, table_html=tables, table_labels=_table_labels(lang))

    def update(self, widget, output, lang: str = "zh") -> None:
        """Send the new data of ``output`` (and its text alternative) to a live chart made by :meth:`live`."""
        data = self._data(output, lang)
        with widget.hold_sync():
            widget.set_data(data)
            widget.alt_text, widget.table_html = text_alternative(widget.spec, self._tabled(data), lang,
                                                                  self._data_title(data))

    def _tabled(self, data: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
        return data if self._tables is None else {k: v for k, v in data.items() if k in self._tables}

    def _data_title(self, data: dict[str, pd.DataFrame]) -> str | None:
        if self._title_field is None:
            return None
        name, column = self._title_field
        frame = data.get(name)
        return None if frame is None or frame.empty else str(frame[column].iloc[0])


def _jupyterchart_bundle_name() -> str:
    return f"jupyterchart-{version('altair')}-vlc-{version('vl-convert-python')}.js"


@lru_cache(maxsize=1)
def _jupyterchart_offline():
    alt = import_altair()
    name = _jupyterchart_bundle_name()
    bundle = _read_trusted(_cache_dir() / name, _recorded_digests().get(name))
    if bundle and hasattr(alt.JupyterChart, "_is_offline"):
        alt.JupyterChart._esm = bundle
        alt.JupyterChart._is_offline = True
    else:
        alt.JupyterChart.enable_offline()
        _store(name, alt.JupyterChart._esm)
    alt.renderers.enable("jupyter", offline=True)
    return alt


def enable_offline() -> None:
    """Make altair's own display offline too, for learners who chart their own data.

    After ``enable_offline()``, an altair chart left as a cell's last line is drawn by
    :class:`altair.JupyterChart` with the vl-convert bundle (cached on disk), never from a CDN.
    """
    _jupyterchart_offline()
