"""Formulas of the handouts drawn at build time: TeX in the markdown → static SVG in the page.

nbconvert leaves the TeX of ``$…$`` / ``$$…$$`` in the page for MathJax, which its template loads
from a CDN; the handouts load no script, so without this step a formula shows its TeX source.

* **Route.** MathJax 3 in Node (``mathjax-full`` from the npm registry, the version pinned in
  ``mathjax-full.version`` beside this file, installed into the git-ignored ``.cache/mathjax-full``
  by ``make mathjax``, no lock file). ``tex2svg.js`` converts every fragment of a page in one Node
  call (one start-up, ≈ 0.5 s, per page) to SVG with ``fontCache: "local"``: each formula is a
  self-contained ``<svg>`` with its glyphs as paths — no script, no font file, nothing to copy
  into the site, and Chromium prints it into the PDF as vectors. CHTML would need MathJax's CSS
  and its woff fonts copied next to every page; no pinned Python package converts TeX to SVG or
  MathML with MathJax's coverage (``\\text{}``, ``\\frac``, ``\\prod``, ``align``…), so Node it is.
* **What is maths.** Exactly what nbconvert's markdown parser (mistune with its math rules)
  calls maths — ``$…$`` inline, ``$$…$$`` / ``\\[…\\]`` display, ``\\begin{env}…\\end{env}`` —
  collected by :class:`HandoutExporter` while the markdown is rendered, so ``US\\$`` stays the
  text ``US$`` (the parser skips an escaped dollar) and code, outputs and widgets are never read
  as TeX. Characters in ``\\text{}`` that MathJax's fonts lack (Chinese) are drawn as SVG
  ``<text>``, which ``handout.css`` sets in the page's CJK font (the PDF embeds it).
* **Errors.** A fragment MathJax rejects (``\\frac{a}{``, an unknown macro) stays as its TeX
  source, marked (``sl-math-error``: red wavy underline and a ⚠, the error in the tooltip in the
  learner's language); the build goes on and counts it (:func:`render_page` returns the count,
  ``make handouts`` prints it).
* **Missing renderer.** Without Node or ``.cache/mathjax-full`` the build prints a warning and
  the pages keep the TeX source as before (``tests/handouts/test_maths.py`` fails instead when
  ``SERVICELAB_REQUIRE_BROWSER=1``, as in CI, which runs ``make mathjax``).
* **Accessibility.** Each ``<svg>`` has ``role="img"`` and its TeX source as ``aria-label``.
* **Cost (measured, shared 2-core machine).** ``make handouts HANDOUTS_ARGS="--only 05"``, best of
  two runs: 16.0 s → 17.9 s wall (runs vary by ±5 s with the machine's load); the Node call is
  0.3–0.9 s per page. Pages grow by the glyph paths: chapter 05 (3 formulas) 166 → 185 kB executed,
  its PDFs by 12–21 kB; chapter 12 (26 formulas, Chinese ``\\text{}``) 42 → 154 kB unexecuted.
  ``fontCache: "global"`` (one shared ``<defs>`` per page) would save part of that at the cost of
  formulas that are no longer self-contained; not worth it at these sizes.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from ..i18n import t
from ..paths import REPO_ROOT

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "tex2svg.js"
VERSION = (HERE / "mathjax-full.version").read_text(encoding="utf-8").strip()
CACHE = REPO_ROOT / ".cache" / "mathjax-full"
_MARK = re.compile(r"<span data-sl-math=\"(\d+)\"></span>")
_SVG_OPEN = re.compile(r"<svg\b")
#: the class of a formula left as its TeX source because no renderer was installed
LEFT_AS_TEX = 'class="sl-math-tex"'
#: a formula drawn (or marked as a TeX error) by this module
DRAWN = re.compile(r'class="sl-math[ "]')


def find_mathjax(cache: Path = CACHE) -> tuple[str, Path] | None:
    """``(node, cache)`` when Node and ``mathjax-full`` at the pinned version are installed, else None.

    Examples
    --------
    >>> find_mathjax(Path("/nonexistent")) is None
    True
    """
    node = shutil.which("node")
    package = Path(cache) / "node_modules" / "mathjax-full" / "package.json"
    if not node or not package.is_file():
        return None
    try:
        if json.loads(package.read_text(encoding="utf-8")).get("version") != VERSION:
            return None
    except (OSError, json.JSONDecodeError):
        return None
    return node, Path(cache)


def missing_message() -> str:
    """What to do when :func:`find_mathjax` finds nothing (for the build's warning and the tests)."""
    return (f"mathjax-full {VERSION} is not installed in {CACHE}: run `make mathjax` (needs Node and npm; "
            "Debian packages 'nodejs' 'npm'); formulas keep their TeX source")


def tex_to_svg(fragments: list[tuple[str, bool]], *, renderer: tuple[str, Path] | None = None,
               timeout: float = 300) -> list[dict]:
    """Convert TeX fragments to SVG with MathJax 3 in one Node call.

    Parameters
    ----------
    fragments : list of (str, bool)
        ``(tex, display)`` pairs: the TeX without its delimiters, and whether it is display maths.
    renderer : (node, cache), optional
        From :func:`find_mathjax` (looked up when omitted).
    timeout : float
        Seconds for the whole batch.

    Returns
    -------
    list of dict
        Per fragment, in order, ``{"svg": "<svg …>…</svg>"}`` or ``{"error": message}``.

    Notes
    -----
    The SVG's size is in ``ex`` of the surrounding text, so a formula scales with its paragraph;
    inline SVGs carry ``vertical-align`` so the baseline lines up with the text.

    References
    ----------
    MathJax 3 documentation, "Server-side MathJax" and "SVG output processor options"
    (``fontCache``, ``mtextInheritFont``), docs.mathjax.org.

    Examples
    --------
    >>> r = tex_to_svg([("x^2", False), ("\\\\frac{a}{", False)])  # doctest: +SKIP
    >>> r[0]["svg"].startswith("<svg"), r[1]["error"]              # doctest: +SKIP
    (True, 'Missing close brace')
    """
    if not fragments:
        return []
    renderer = renderer or find_mathjax()
    if renderer is None:
        raise RuntimeError(missing_message())
    node, cache = renderer
    payload = json.dumps([{"tex": tex, "display": bool(display)} for tex, display in fragments])
    proc = subprocess.run([node, str(SCRIPT)], input=payload, capture_output=True, text=True, encoding="utf-8",
                          timeout=timeout, env={**os.environ, "SERVICELAB_MATHJAX": str(cache)})
    if proc.returncode != 0:
        raise RuntimeError(f"tex2svg.js failed ({proc.returncode}): {proc.stderr.strip()[-800:]}")
    out = json.loads(proc.stdout)
    if len(out) != len(fragments):
        raise RuntimeError(f"tex2svg.js returned {len(out)} results for {len(fragments)} fragments")
    return out


def source_text(tex: str, display: bool) -> str:
    """The TeX as nbconvert writes it (with its delimiters), HTML-escaped.

    Examples
    --------
    >>> source_text("a<b", False), source_text("x", True)
    ('$a&lt;b$', '$$x$$')
    """
    body = html.escape(tex, quote=False)
    return f"$${body}$$" if display else f"${body}$"


def markup(tex: str, display: bool, result: dict | None, lang: str) -> str:
    """The HTML of one formula: its SVG, or (error, or no renderer: ``result`` None) its marked TeX source.

    Examples
    --------
    >>> markup("x", False, {"svg": "<svg viewBox='0 0 1 1'></svg>"}, "en")
    '<span class="sl-math"><svg aria-label="x" viewBox=\\'0 0 1 1\\'></svg></span>'
    >>> print(markup("\\\\frac{a}{", False, {"error": "Missing close brace"}, "en"))
    <span class="sl-math sl-math-error" title="Formula not drawn (TeX error: Missing close brace)">$\\frac{a}{$</span>
    """
    if result is None:
        return f"<span {LEFT_AS_TEX}>{source_text(tex, display)}</span>"
    cls = "sl-math sl-math-display" if display else "sl-math"
    if "svg" in result:
        label = html.escape(" ".join(tex.split()), quote=True)
        svg = _SVG_OPEN.sub(lambda m: f"<svg aria-label=\"{label}\"", result["svg"], count=1)
        return f"<span class=\"{cls}\">{svg}</span>"
    title = html.escape(t("handouts_math.error", lang, error=result.get("error", "?")), quote=True)
    return f"<span class=\"{cls} sl-math-error\" title=\"{title}\">{source_text(tex, display)}</span>"


def render_page(page: str, fragments: list[tuple[str, bool]], lang: str, *,
                renderer: tuple[str, Path] | None = None) -> tuple[str, dict]:
    """Replace the placeholders :class:`HandoutExporter` left in ``page`` by the formulas.

    Returns the page and ``{"formulas": n, "errors": n, "rendered": bool}``; with no renderer
    (``renderer`` None and none installed) the TeX source goes back in and ``rendered`` is False.
    """
    renderer = renderer or find_mathjax()
    results = tex_to_svg(fragments, renderer=renderer) if (fragments and renderer) else [None] * len(fragments)
    errors = sum(1 for r in results if r is not None and "svg" not in r)

    def swap(m: re.Match) -> str:
        i = int(m.group(1))
        tex, display = fragments[i]
        return markup(tex, display, results[i], lang)

    page = _MARK.sub(swap, page)
    return page, {"formulas": len(fragments), "errors": errors, "rendered": bool(renderer) or not fragments}


def exporter_class():
    """:class:`nbconvert.HTMLExporter` whose markdown leaves a placeholder per formula (in ``.fragments``)."""
    from jinja2 import pass_context
    from nbconvert import HTMLExporter
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    class _Renderer(IPythonRenderer):
        def __init__(self, *args, fragments: list, **kwargs):
            super().__init__(*args, **kwargs)
            self._fragments = fragments

        def _hold(self, tex: str, display: bool) -> str:
            self._fragments.append((tex, display))
            return f"<span data-sl-math=\"{len(self._fragments) - 1}\"></span>"

        def inline_math(self, body: str) -> str:
            return self._hold(body, False)

        def block_math(self, body: str) -> str:
            return self._hold(body, True)

        def latex_environment(self, name: str, body: str) -> str:
            return self._hold(f"\\begin{{{name}}}{body}\\end{{{name}}}", True)

    class HandoutExporter(HTMLExporter):
        fragments: list

        @pass_context
        def markdown2html(self, context, source):
            cell = context.get("cell", {})
            renderer = _Renderer(escape=False, attachments=cell.get("attachments", {}), embed_images=self.embed_images,
                                 path=context.get("resources", {}).get("metadata", {}).get("path", ""),
                                 anchor_link_text=self.anchor_link_text,
                                 exclude_anchor_links=self.exclude_anchor_links, fragments=self.fragments,
                                 **self.lexer_options)
            return MarkdownWithMath(renderer=renderer).render(source)

    return HandoutExporter
