"""Build the handouts (``make handouts``) and the static course site (``make site``).

* **Handouts.** Every chapter notebook is executed with papermill in each language (``LANG``
  injected as a parameter, the widget state stored at the end of the run), its widgets are drawn
  from that state as static HTML (:mod:`servicelab.handouts.widgets`), and nbconvert exports it
  with the ``servicelab_handout`` template: code hidden, no script at all, one shared stylesheet
  (``handout.css``: JupyterLab's light theme and notebook CSS, then the handout's own rules).
  Links between chapters (``NN_name.ipynb``) point to the handouts (``NN_name.html``).
* **Maths.** nbconvert leaves the TeX of ``$…$`` in the markdown as text for MathJax, which its
  template loads from a CDN; the handouts load no MathJax: the formulas are drawn at build time as
  static SVG by MathJax 3 in Node (:mod:`servicelab.handouts.maths`, ``make mathjax``). Without it
  the build warns and a formula shows its TeX source.
* **PDF.** Headless Chromium (Debian's, driven by playwright with the test rig's launch flags)
  prints each page to A4 with the print CSS (no navigation or buttons, charts kept on one page)
  and the course and chapter titles in the header, page numbers in the footer; a link to another
  chapter points at that chapter's PDF by its relative file name (a folder of PDFs works
  offline), a link within the page stays, other links to local files are dropped (they would
  carry this computer's paths), web links stay. Every request that
  is not a local file is refused and counted; a page that asked for one fails the build.
* **Site.** ``build/site/`` is the handouts (HTML + PDF) plus an index page per language: the
  course title, the chapters in course order with their concepts (``data/curriculum.json``), links
  to each page and PDF and to the other language. Every link is relative, so the folder works
  from ``file://`` or any static web host; :func:`check_links` checks that each one resolves.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..i18n import LANGUAGES, t
from ..paths import REPO_ROOT, data_path
from . import maths
from .widgets import staticize

TEMPLATES = Path(__file__).resolve().with_name("templates")
TEMPLATE = "servicelab_handout"
OWN_CSS = Path(__file__).resolve().with_name("handout.css")
CSS_NAME = "handout.css"
NOTEBOOKS = REPO_ROOT / "notebooks"
#: ``lang`` of the pages (ISO 639-1, as nbconvert requires; "zh" is read as Simplified Chinese)
HTML_LANG = {"zh": "zh", "en": "en"}
_INDEX = {"zh": "index.html", "en": "index.en.html"}
_EXTERNAL = re.compile(r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)\s*=\s*['\"]?(?:https?:)?//",
                       re.I)


@dataclass(frozen=True)
class Chapter:
    """A chapter notebook in course order."""

    id: str                   #: ``05_servqual``
    title: dict               #: ``{"zh": …, "en": …}``
    concepts: tuple           #: ``((concept id, {"zh": …, "en": …}), …)``

    @property
    def number(self) -> str:
        return self.id.split("_", 1)[0]


def chapters() -> list[Chapter]:
    """Chapter 00 and the chapters of ``data/curriculum.json``, in course order, with their concepts.

    Examples
    --------
    >>> [c.id for c in chapters()][:2]
    ['00_start_here', '01_service_era']
    """
    cur = json.loads(data_path("curriculum.json").read_text(encoding="utf-8"))
    by_nb: dict[str, list] = {}
    for c in cur["concepts"]:
        by_nb.setdefault(c["notebook"], []).append((c["id"], c["title"]))
    out = [Chapter("00_start_here", {lang: t("handouts.start_title", lang) for lang in LANGUAGES}, ())]
    for nb in cur["notebooks"]:
        out.append(Chapter(nb["id"], nb["title"], tuple(by_nb.get(nb["id"], ()))))
    return sorted(out, key=lambda c: c.id)


# ------------------------------------------------------------------------------------------
# execution and export
# ------------------------------------------------------------------------------------------

def execute(notebook: Path, lang: str, out: Path, *, timeout: int = 600) -> Path:
    """Run ``notebook`` with ``LANG = lang`` (papermill), keeping the widget state; write ``out``."""
    import papermill as pm

    out.parent.mkdir(parents=True, exist_ok=True)
    pm.execute_notebook(str(notebook), str(out), parameters={"LANG": lang}, kernel_name="python3",
                        cwd=str(notebook.parent), progress_bar=False, log_output=False,
                        store_widget_state=True, execution_timeout=timeout)
    return out


def _nav(chapter: Chapter, lang: str) -> str:
    other = "en" if lang == "zh" else "zh"
    items = [
        (f"../{_INDEX[lang]}", t("handouts.nav.index", lang), None),
        (f"{chapter.id}.pdf", t("handouts.nav.pdf", lang), None),
        (f"../{other}/{chapter.id}.html", t("handouts.nav.other_lang", lang), HTML_LANG[other]),
    ]
    return "".join(f"<a href='{html.escape(href)}'{f' hreflang={hl} lang={hl}' if hl else ''}>{html.escape(text)}</a>"
                   for href, text, hl in items)


_NB_LINK = re.compile(r"""<a\b([^>]*?)\bhref=(["'])(?:\./|\.\./notebooks/)?([0-9]{2}_[A-Za-z0-9_]+)\.ipynb(#[^"']*)?\2([^>]*)>(.*?)</a>""",
                      re.S)


def _link_notebooks(page: str, known: set[str]) -> str:
    """Links to chapter notebooks → links to their handouts (``05_servqual.ipynb#x`` → ``05_servqual.html#x``).

    A link to a chapter that is not handed out (a partial build) becomes its plain text.

    Examples
    --------
    >>> _link_notebooks("<a href='05_servqual.ipynb#g'>5</a> <a href='06_gap_model.ipynb'>6</a>", {"05_servqual"})
    "<a href='05_servqual.html#g'>5</a> 6"
    """
    def swap(m: re.Match) -> str:
        before, quote, name, frag, after, text = m.groups()
        if name not in known:
            return text
        return f"<a{before}href={quote}{name}.html{frag or ''}{quote}{after}>{text}</a>"

    return _NB_LINK.sub(swap, page)


def export_html(nb, chapter: Chapter, lang: str, *, known: set[str] | None = None,
                maths_stats: dict | None = None) -> str:
    """The handout page of an executed notebook (widgets drawn statically, formulas as SVG, code hidden, no script).

    ``maths_stats``, when given, is filled with the page's formula count, TeX errors and whether
    the formulas were drawn (:func:`servicelab.handouts.maths.render_page`).
    """
    nb = staticize(nb, lang)
    nb.metadata["title"] = f"{chapter.number} · {chapter.title[lang]} — {t('handouts.title', lang)}"
    exporter = maths.exporter_class()(template_name=TEMPLATE, extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                            exclude_anchor_links=True, language_code=HTML_LANG[lang])
    resources = {"handout": {"css": f"../{CSS_NAME}", "nav": _nav(chapter, lang),
                             "nav_label": t("handouts.nav.label", lang)}}
    exporter.fragments = []
    page, _ = exporter.from_notebook_node(nb, resources=resources)
    page, counts = maths.render_page(page, exporter.fragments, lang)
    if maths_stats is not None:
        maths_stats.update(counts)
    page = _link_notebooks(page, known or {c.id for c in chapters()})
    found = _EXTERNAL.findall(page)
    if found:  # the template loads nothing; an output that does is a bug to fix, not to ship
        raise RuntimeError(f"{chapter.id} ({lang}) would load from the internet: {found[:3]}")
    return page


def write_css(out: Path) -> Path:
    """``handout.css``: JupyterLab's light theme + notebook CSS (from nbconvert's lab template) + ours."""
    from jupyter_core.paths import jupyter_path

    lab = next((Path(p) for p in jupyter_path("nbconvert", "templates", "lab", "static")
                if (Path(p) / "index.css").is_file()), None)
    if lab is None:
        raise RuntimeError("nbconvert's lab template (static/index.css) not found")
    parts = [(lab / "theme-light.css").read_text(encoding="utf-8"), (lab / "index.css").read_text(encoding="utf-8"),
             OWN_CSS.read_text(encoding="utf-8")]
    out.mkdir(parents=True, exist_ok=True)
    path = out / CSS_NAME
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------
# PDF
# ------------------------------------------------------------------------------------------

def _header_footer(chapter: Chapter, lang: str) -> tuple[str, str]:
    font = ("font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','DejaVu Sans',sans-serif;"
            "font-size:8.5px;color:#444;width:100%;margin:0 14mm;")
    head = (f"<div style=\"{font}display:flex;justify-content:space-between\"><span>{html.escape(t('handouts.title', lang))}"
            f"</span><span>{html.escape(chapter.number + ' · ' + chapter.title[lang])}</span></div>")
    page = t("handouts.page", lang, page="<span class='pageNumber'></span>", pages="<span class='totalPages'></span>")
    foot = f"<div style=\"{font}text-align:center\">{page}</div>"
    return head, foot


#: Run in the page before printing, with the names of the PDFs printed into the page's folder.
#: A PDF link to a local file would carry this computer's path and lead nowhere once the PDF is
#: handed out, so: a link to another chapter's page (``NN_name.html``, same folder) whose PDF is
#: printed too → that PDF (its absolute ``file:`` URL, made relative by :func:`relink_pdf`; the
#: ``#fragment`` dropped: the other PDF has no such destination); a link within the page stays (an
#: internal PDF destination); any other local link becomes plain text. Web links stay. Returns
#: ``{absolute URL: relative file name}``.
_PDF_LINKS_JS = """(pdfs) => {
  const here = new URL(location.href); here.hash = '';
  const dir = here.pathname.slice(0, here.pathname.lastIndexOf('/') + 1);
  const out = {};
  document.querySelectorAll('a[href]').forEach(a => {
    const url = new URL(a.href);
    if (url.protocol !== 'file:') return;
    if (url.pathname === here.pathname && url.hash) return;
    const name = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
    const m = /^([0-9]{2}_[A-Za-z0-9_]+)[.]html$/.exec(name);
    const pdf = m ? m[1] + '.pdf' : null;
    if (pdf && url.pathname.slice(0, dir.length) === dir && url.pathname.length === dir.length + name.length
        && url.pathname !== here.pathname && pdfs.includes(pdf)) {
      const target = new URL(pdf, here).href;
      a.setAttribute('href', target);
      out[target] = pdf;
    } else {
      a.removeAttribute('href');
    }
  });
  return out;
}"""
_PDF_URI = re.compile(rb"/URI\s*\(((?:\\.|[^\\)])*)\)", re.S)


def _pdf_unescape(s: bytes) -> bytes:
    """A PDF literal string's bytes (``\\(``, ``\\)``, ``\\\\`` and octal escapes resolved)."""
    return re.sub(rb"\\([0-7]{1,3}|.)", lambda m: bytes([int(m.group(1), 8) & 0xFF]) if m.group(1)[:1].isdigit()
                  else {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}.get(m.group(1), m.group(1)),
                  s, flags=re.S)


def relink_pdf(data: bytes, targets: dict[str, str]) -> tuple[bytes, list[str]]:
    """Point a printed PDF's links at relative file names: ``/URI (file:///…/en/06_gap_model.pdf)`` →
    ``/URI (06_gap_model.pdf)``.

    Parameters
    ----------
    data : bytes
        The PDF as Chromium (Skia) writes it: link annotations are plain objects, outside any stream.
    targets : dict
        Absolute URL → the relative name that replaces it.

    Returns
    -------
    (bytes, list of str)
        The PDF, and the ``file:`` links left in it (none expected).

    Notes
    -----
    Each string is replaced *in place*, padded with spaces after its closing parenthesis (white
    space between tokens, PDF 32000-1 § 7.2.2): no object moves, so the cross-reference table's byte
    offsets stay right. A relative URI is resolved against the PDF's own location (RFC 3986 § 5.2),
    so the link works in a folder of the PDFs anywhere.

    Examples
    --------
    >>> pdf = b"<</S /URI /URI (file:///h/en/06_gap_model.pdf)>>"
    >>> relink_pdf(pdf, {"file:///h/en/06_gap_model.pdf": "06_gap_model.pdf"})
    (b'<</S /URI /URI (06_gap_model.pdf)             >>', [])
    """
    left: list[str] = []

    def swap(m: re.Match) -> bytes:
        uri = _pdf_unescape(m.group(1)).decode("latin-1")
        rel = targets.get(uri)
        if rel is None:
            if uri.startswith("file:"):
                left.append(uri)
            return m.group(0)
        new = b"/URI (" + rel.encode("ascii").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"
        if len(new) > len(m.group(0)):  # a relative name is never longer than the absolute URL it came from
            left.append(uri)
            return m.group(0)
        return new + b" " * (len(m.group(0)) - len(new))

    return _PDF_URI.sub(swap, data), left


def print_pdfs(jobs: list[tuple[Path, Path, Chapter, str]]) -> dict[str, int]:
    """Print each ``(html, pdf, chapter, lang)`` with headless Chromium; returns blocked requests per page.

    Raises RuntimeError when Chromium is missing or a page asked for anything but a local file.
    """
    from playwright.sync_api import sync_playwright

    from ..testing.browser import LAUNCH_ARGS, find_chromium

    exe = find_chromium()
    if not exe:
        raise RuntimeError("Chromium not found (apt-get install chromium fonts-noto-cjk)")
    blocked: dict[str, int] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, headless=True, args=LAUNCH_ARGS)
        try:
            for page_html, pdf, chapter, lang in jobs:
                context = browser.new_context()
                refused: list[str] = []

                def route(r, refused=refused):
                    if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
                        r.continue_()
                    else:
                        refused.append(r.request.url)
                        r.abort()

                context.route("**/*", route)
                page = context.new_page()
                page.goto(page_html.resolve().as_uri(), wait_until="load")
                page.emulate_media(media="print")
                siblings = sorted(p.name for _, p, _, _ in jobs if p.parent.resolve() == pdf.parent.resolve())
                targets = page.evaluate(_PDF_LINKS_JS, siblings)
                head, foot = _header_footer(chapter, lang)
                page.pdf(path=str(pdf), format="A4", print_background=True, display_header_footer=True,
                         header_template=head, footer_template=foot,
                         margin={"top": "16mm", "bottom": "14mm", "left": "14mm", "right": "14mm"})
                context.close()
                data, left = relink_pdf(pdf.read_bytes(), targets)
                if left:
                    raise RuntimeError(f"{lang}/{chapter.id}.pdf links to local files: {left[:3]}")
                pdf.write_bytes(data)
                blocked[f"{lang}/{chapter.id}"] = len(refused)
                if refused:
                    raise RuntimeError(f"{lang}/{chapter.id}.html asked for {refused[:3]}")
        finally:
            browser.close()
    return blocked


# ------------------------------------------------------------------------------------------
# the handouts and the site
# ------------------------------------------------------------------------------------------

def build_handouts(out: Path, *, only: list[str] | None = None, langs=LANGUAGES, pdf: bool = True,
                   executed: Path | None = None, log=print) -> dict:
    """Execute, export and print the chapters; write ``out/{lang}/NN_name.{html,pdf}``, the CSS, the indexes.

    Parameters
    ----------
    out : Path
        The handouts folder (``build/handouts``).
    only : list of str, optional
        Chapter ids or numbers to build (default: every chapter).
    langs : sequence of {"zh", "en"}
    pdf : bool
        Print the PDFs too.
    executed : Path, optional
        Where the executed notebooks go (default ``out/../executed``); an existing
        ``{lang}/NN_name.ipynb`` there is *not* reused — every build runs the notebooks.

    Returns
    -------
    dict
        Timings (seconds) and, per page, the HTML and PDF sizes in bytes.
    """
    import nbformat

    out = Path(out)
    executed = Path(executed) if executed else out.parent / "executed"
    todo = [c for c in chapters() if not only or c.id in only or c.number in only]
    known = {c.id for c in todo}
    stats: dict = {"pages": {}, "execute_s": 0.0, "export_s": 0.0, "pdf_s": 0.0}
    write_css(out)
    if maths.find_mathjax() is None:
        log(f"handouts: WARNING {maths.missing_message()}")
    jobs = []
    for chapter in todo:
        for lang in langs:
            t0 = time.monotonic()
            run = execute(NOTEBOOKS / f"{chapter.id}.ipynb", lang, executed / lang / f"{chapter.id}.ipynb")
            t1 = time.monotonic()
            counts: dict = {}
            page = export_html(nbformat.read(run, as_version=4), chapter, lang, known=known, maths_stats=counts)
            target = out / lang / f"{chapter.id}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page, encoding="utf-8")
            t2 = time.monotonic()
            stats["execute_s"] += t1 - t0
            stats["export_s"] += t2 - t1
            stats["pages"][f"{lang}/{chapter.id}"] = {"html": target.stat().st_size, **counts}
            bad = f", {counts['errors']} TeX ERRORS (marked in the page)" if counts.get("errors") else ""
            log(f"handouts: {lang}/{chapter.id}.html  run {t1 - t0:.1f} s, export {t2 - t1:.1f} s, "
                f"{target.stat().st_size / 1024:.0f} KiB, {counts.get('formulas', 0)} formulas{bad}")
            jobs.append((target, target.with_suffix(".pdf"), chapter, lang))
    if pdf and jobs:
        t0 = time.monotonic()
        print_pdfs(jobs)
        stats["pdf_s"] = time.monotonic() - t0
        for target, pdf_path, chapter, lang in jobs:
            stats["pages"][f"{lang}/{chapter.id}"]["pdf"] = pdf_path.stat().st_size
        log(f"handouts: {len(jobs)} PDFs in {stats['pdf_s']:.1f} s")
    stats["maths_errors"] = sum(p.get("errors", 0) for p in stats["pages"].values())
    write_indexes(out, [c for c in chapters() if all((out / lang / f"{c.id}.html").exists() for lang in langs)],
                  langs=langs)
    return stats


def _concepts_html(chapter: Chapter, lang: str) -> str:
    if chapter.id == "12_exam_prep":
        return f"<span class='sl-concepts'>{html.escape(t('handouts.index.all_concepts', lang))}</span>"
    if not chapter.concepts:
        return f"<span class='sl-concepts'>{html.escape(t('handouts.index.no_concepts', lang))}</span>"
    items = "".join(f"<li>{html.escape(cid)} {html.escape(title[lang])}</li>" for cid, title in chapter.concepts)
    return f"<ul class='sl-concepts'>{items}</ul>"


def index_page(chs: list[Chapter], lang: str, langs=LANGUAGES, *, maths_drawn: bool = False) -> str:
    """The course index in ``lang``: title, chapters in order with concepts, links to pages and PDFs.

    ``maths_drawn``: the pages' formulas are SVG (the note says so), else their TeX source.
    """
    other = "en" if lang == "zh" else "zh"
    rows = []
    for c in chs:
        links = (f"<a href='{lang}/{c.id}.html'>{html.escape(t('handouts.index.html', lang))}</a> · "
                 f"<a href='{lang}/{c.id}.pdf'>{html.escape(t('handouts.index.pdf', lang))}</a>")
        if other in langs:
            links += (f" · <a href='{other}/{c.id}.html' hreflang='{HTML_LANG[other]}' lang='{HTML_LANG[other]}'>"
                      f"{html.escape(c.title[other])}</a>")
        rows.append(f"<tr><td>{c.number}</td><td><a href='{lang}/{c.id}.html'>{html.escape(c.title[lang])}</a></td>"
                    f"<td>{_concepts_html(c, lang)}</td><td>{links}</td></tr>")
    switch = (f"<a href='{_INDEX[other]}' hreflang='{HTML_LANG[other]}' lang='{HTML_LANG[other]}'>"
              f"{html.escape(t('handouts.nav.other_lang', lang))}</a>") if other in langs else ""
    title = html.escape(t("handouts.title", lang))
    head = "".join(f"<th scope='col'>{html.escape(t(k, lang))}</th>"
                   for k in ("handouts.index.number", "handouts.index.chapter", "handouts.index.concepts",
                             "handouts.index.read"))
    return (f"<!DOCTYPE html>\n<html lang='{HTML_LANG[lang]}'>\n<head>\n<meta charset='utf-8'>\n"
            f"<meta name='viewport' content='width=device-width, initial-scale=1.0'>\n<title>{title}</title>\n"
            f"<link rel='stylesheet' href='{CSS_NAME}'>\n</head>\n<body class='sl-site'>\n"
            f"<nav class='sl-nav' aria-label='{html.escape(t('handouts.nav.label', lang))}'>{switch}</nav>\n<main>\n"
            f"<h1>{title}</h1>\n<p>{html.escape(t('handouts.subtitle', lang))}</p>\n"
            f"<table class='sl-chapters'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>\n"
            f"<p class='sl-note'>{html.escape(t('handouts_math.index_note' if maths_drawn else 'handouts.index.maths', lang))} "
            f"{html.escape(t('handouts.index.generated', lang))}</p>\n</main>\n</body>\n</html>\n")


def _maths_drawn(out: Path, langs) -> bool:
    """Whether the handouts in ``out`` have formulas drawn as SVG (and none left as TeX source)."""
    pages = [p.read_text(encoding="utf-8") for lang in langs for p in sorted((Path(out) / lang).glob("*.html"))]
    return any(maths.DRAWN.search(p) for p in pages) and not any(maths.LEFT_AS_TEX in p for p in pages)


def write_indexes(out: Path, chs: list[Chapter], langs=LANGUAGES) -> list[Path]:
    """Write the index page of each language into ``out`` (``index.html``, ``index.en.html``)."""
    paths = []
    drawn = _maths_drawn(out, langs)
    for lang in langs:
        path = Path(out) / _INDEX[lang]
        path.write_text(index_page(chs, lang, langs, maths_drawn=drawn), encoding="utf-8")
        paths.append(path)
    return paths


def build_site(handouts: Path, site: Path) -> list[Path]:
    """Copy the handouts into a fresh ``site`` folder with the index pages; check every link.

    Returns the site's files. Raises RuntimeError naming each link that does not resolve.
    """
    handouts, site = Path(handouts), Path(site)
    langs = [lang for lang in LANGUAGES if (handouts / lang).is_dir()]
    if not langs:
        raise RuntimeError(f"no handouts in {handouts}: run `make handouts` first")
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    shutil.copy2(handouts / CSS_NAME, site / CSS_NAME)
    for lang in langs:
        (site / lang).mkdir()
        for f in sorted((handouts / lang).iterdir()):
            if f.suffix in (".html", ".pdf"):
                shutil.copy2(f, site / lang / f.name)
    chs = [c for c in chapters() if all((site / lang / f"{c.id}.html").exists() for lang in langs)]
    write_indexes(site, chs, langs)
    problems = check_links(site)
    if problems:
        raise RuntimeError("broken links in the site:\n" + "\n".join(problems[:40]))
    return sorted(p for p in site.rglob("*") if p.is_file())


_HREF = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def local_links(page: str) -> list[str]:
    """The relative links (``href`` / ``src``) of an HTML page: no scheme, no ``#`` only, no ``data:``.

    Examples
    --------
    >>> local_links("<a href='a.html#x'>a</a><a href=\\"https://x.org\\">b</a><a href='#top'>c</a>")
    ['a.html#x']
    """
    out = []
    for m in _HREF.finditer(page):
        link = html.unescape(next(g for g in m.groups() if g is not None))
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        out.append(link)
    return out


def check_links(site: Path) -> list[str]:
    """Every relative link of every HTML page under ``site`` that does not name a file there (or leaves it)."""
    site = Path(site).resolve()
    problems = []
    for page in sorted(site.rglob("*.html")):
        for link in local_links(page.read_text(encoding="utf-8")):
            target = (page.parent / unquote(urlsplit(link).path)).resolve()
            if not target.is_relative_to(site):
                problems.append(f"{page.relative_to(site)}: {link} leaves the site")
            elif not target.is_file():
                problems.append(f"{page.relative_to(site)}: {link} → no such file")
    return problems
