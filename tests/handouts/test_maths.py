"""Formulas drawn at build time (servicelab.handouts.maths): TeX fragments → SVG by MathJax 3 in Node,
the markdown's maths found as nbconvert's parser finds it (``US\\$`` stays text), a TeX error shown
as its marked source and counted, and the fallback to the TeX source when MathJax is missing."""
from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest

from servicelab.handouts import build, maths

ROOT = Path(__file__).resolve().parents[2]
SVG = re.compile(r"<svg\b[^>]*>.*?</svg>", re.S)


def _visible(page: str) -> str:
    """The page's text as a reader sees it: formulas (SVG) and tags removed, entities decoded."""
    body = page.split("<body", 1)[1]
    return html.unescape(re.sub(r"<[^>]+>", " ", SVG.sub(" ", body)))


def test_hand_fragments_inline_display_chinese_and_errors(mathjax):
    out = maths.tex_to_svg([("x^2", False), (r"\sum_{i=1}^{n} x_i", True), (r"\text{差距} = P - E", False),
                            (r"\frac{a}{", False), (r"\nosuchmacro x", False)], renderer=mathjax)
    assert [sorted(r) for r in out] == [["svg"]] * 3 + [["error"]] * 2
    inline, display, chinese = (r["svg"] for r in out[:3])
    assert inline.startswith("<svg") and "vertical-align" in inline and "<path" in inline
    # display maths is drawn bigger: \sum with limits is taller than x^2 (heights in ex)
    height = lambda svg: float(re.search(r'height="([\d.]+)ex"', svg).group(1))  # noqa: E731
    assert height(display) > 1.5 * height(inline)
    # Chinese is not in MathJax's fonts: it stays text (drawn in the page's CJK font), not lost
    assert re.findall(r"<text[^>]*>(.)</text>", chinese) == ["差", "距"]
    assert "brace" in out[3]["error"].lower() and "nosuchmacro" in out[4]["error"]


def test_markdown_maths_become_svg_dollars_stay_text_errors_are_marked(mathjax):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(
        "Fees US\\$ 5 and US\\$ 7; the gap $G = P - E$ and\n\n$$SQ = \\frac{1}{5}\\sum_{d=1}^{5} G_d$$\n\n"
        "a typo $\\frac{a}{$ here.")]
    stats: dict = {}
    page = build.export_html(nb, build.chapters()[1], "en", maths_stats=stats)
    assert stats == {"formulas": 3, "errors": 1, "rendered": True}
    text = _visible(page)
    assert "US$ 5 and US$ 7" in " ".join(text.split())                    # escaped dollars: plain text
    assert "G = P - E" not in text and "\\sum" not in text                  # drawn, not shown as TeX
    assert len(re.findall(r'<span class="sl-math"><svg aria-label="G = P - E"', page)) == 1
    assert len(re.findall(r'<span class="sl-math sl-math-display"><svg ', page)) == 1
    bad = re.search(r'<span class="sl-math sl-math-error" title="([^"]*)">([^<]*)</span>', page)
    assert bad and bad.group(2) == "$\\frac{a}{$" and "TeX error" in html.unescape(bad.group(1))
    assert "<script" not in page.lower()


def test_without_mathjax_the_build_warns_and_keeps_the_tex_source(monkeypatch, tmp_path):
    monkeypatch.setattr(maths, "find_mathjax", lambda cache=None: None)
    monkeypatch.setattr(build, "execute", lambda nb, lang, out, **kw: nb)  # the stored notebook, no kernel
    lines: list[str] = []
    stats = build.build_handouts(tmp_path / "h", only=["05"], langs=("en",), pdf=False, log=lines.append)
    assert any("WARNING" in line and "make mathjax" in line for line in lines), lines
    page = (tmp_path / "h" / "en" / "05_servqual.html").read_text(encoding="utf-8")
    assert "$G = P - E$" in _visible(page) and "<svg aria-label" not in page
    assert stats["pages"]["en/05_servqual"]["rendered"] is False
    index = (tmp_path / "h" / "index.en.html").read_text(encoding="utf-8")
    assert "TeX source" in index                                             # the index says so too
