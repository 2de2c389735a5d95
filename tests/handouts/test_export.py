"""A handout page and the site index from hand-made inputs: code hidden, nothing from the internet,
chapter links pointing at the handouts, relative links only (no kernel is started here)."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat

from servicelab.handouts import build
from servicelab.handouts.widgets import WIDGET_STATE, WIDGET_VIEW

ROOT = Path(__file__).resolve().parents[2]
CURRICULUM = json.loads((ROOT / "data" / "curriculum.json").read_text(encoding="utf-8"))


def _notebook():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["widgets"] = {WIDGET_STATE: {"state": {
        "s": {"model_name": "IntSliderModel", "model_module": "@jupyter-widgets/controls",
              "state": {"description": "员工人数", "value": 5}}}, "version_major": 2, "version_minor": 0}}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 服务 · Service\n\nSee [chapter 2](02_customers_tiers.ipynb#scene) and "
                                      "$S_i = \\sum_j w_j r_{ij}$."),
        nbformat.v4.new_code_cell("SECRET_CODE = 1\nprint('shown')", outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="shown\n")]),
        nbformat.v4.new_code_cell("panel", outputs=[nbformat.v4.new_output(
            "display_data", data={WIDGET_VIEW: {"model_id": "s"}, "text/plain": "IntSlider()"})]),
    ]
    return nb


def test_handout_page_hides_code_loads_nothing_and_links_the_handouts():
    chapter = build.chapters()[1]
    page = build.export_html(_notebook(), chapter, "zh")
    assert "SECRET_CODE" not in page and "shown" in page
    assert "员工人数" in page and ">5<" in page
    assert "<script" not in page.lower()  # no require.js, widget manager, MathJax or mermaid
    assert not re.search(r"(?:src|href)=[\"']?(?:https?:)?//", page)
    assert '<html lang="zh">' in page
    assert "href=\"02_customers_tiers.html#scene\"" in page  # the notebook link → the handout
    assert "S_i = \\sum_j w_j r_{ij}" in page   # the TeX: as the formula's aria-label, or its source without MathJax
    links = build.local_links(page)
    assert "../handout.css" in links and f"{chapter.id}.pdf" in links and f"../en/{chapter.id}.html" in links
    assert "../index.html" in links
    assert chapter.title["zh"] in re.search(r"<title>(.*?)</title>", page).group(1)


def test_chapters_follow_the_curriculum_with_their_concepts():
    chs = build.chapters()
    assert [c.id for c in chs] == ["00_start_here"] + [nb["id"] for nb in CURRICULUM["notebooks"]]
    servqual = next(c for c in chs if c.id == "05_servqual")
    expected = [c["id"] for c in CURRICULUM["concepts"] if c["notebook"] == "05_servqual"]
    assert [cid for cid, _ in servqual.concepts] == expected and expected


def test_index_pages_and_link_check(tmp_path):
    chs = build.chapters()[:3]
    for lang in ("zh", "en"):
        (tmp_path / lang).mkdir()
        for c in chs:
            (tmp_path / lang / f"{c.id}.html").write_text("<a href='../index.html'>i</a>", encoding="utf-8")
            (tmp_path / lang / f"{c.id}.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "handout.css").write_text("", encoding="utf-8")
    build.write_indexes(tmp_path, chs)
    zh = (tmp_path / "index.html").read_text(encoding="utf-8")
    en = (tmp_path / "index.en.html").read_text(encoding="utf-8")
    assert "客户服务管理" in zh and "Customer Service Management" in en
    assert zh.index(chs[1].title["zh"]) < zh.index(chs[2].title["zh"])
    heads = re.findall(r"<th scope='col'>(.*?)</th>", en)
    assert len(heads) == 4 and len(set(heads)) == 4, heads
    assert "C1.1 " in zh and "href='index.en.html'" in zh and "href='index.html'" in en
    assert build.check_links(tmp_path) == []
    (tmp_path / "en" / f"{chs[2].id}.pdf").unlink()
    (tmp_path / "zh" / "extra.html").write_text("<a href='../../outside.html'>x</a><a href='https://x.org'>y</a>")
    problems = build.check_links(tmp_path)
    assert any(f"en/{chs[2].id}.pdf → no such file" in p for p in problems)
    assert any("leaves the site" in p for p in problems) and len(problems) == 2


# a chapter with inline and display maths: $G = P - E$, $SQ = \frac15\sum …$, $$\alpha = …$$
MATHS_CHAPTER = "05_servqual"
_MATH_SRC = re.compile(r"(?<![\\$])\$\$(.+?)\$\$|(?<![\\$])\$(.+?)(?<![\\$])\$", re.S)


def test_chapter_formulas_are_svg_with_no_tex_source_left(mathjax, tmp_path):
    nb = nbformat.read(ROOT / "notebooks" / f"{MATHS_CHAPTER}.ipynb", as_version=4)
    chapter = next(c for c in build.chapters() if c.id == MATHS_CHAPTER)
    # the oracle: the formulas of the markdown, found by a plain regex on the stored sources
    tex = [a or b for c in nb.cells if c.cell_type == "markdown" for a, b in _MATH_SRC.findall(c.source)]
    assert len(tex) >= 3 and any(c.cell_type == "markdown" and "$$" in c.source for c in nb.cells)
    stats: dict = {}
    page = build.export_html(nb, chapter, "zh", maths_stats=stats)
    assert stats == {"formulas": len(tex), "errors": 0, "rendered": True}
    drawn = re.findall(r'<span class="sl-math(?: sl-math-display)?"><svg aria-label="([^"]*)"', page)
    assert sorted(html.unescape(d) for d in drawn) == sorted(" ".join(x.split()) for x in tex)
    body = re.sub(r"<svg\b.*?</svg>", " ", page.split("<body", 1)[1], flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    assert not re.search(r"(?<!US)\$", text), re.findall(r".{20}\$.{20}", text)[:3]   # no $…$ source left
    assert "<script" not in page.lower() and not re.search(r"(?:src|href)=[\"']?(?:https?:)?//", page)
    # the index of handouts with drawn formulas says so (not "shown as their TeX source")
    (tmp_path / "zh").mkdir()
    (tmp_path / "zh" / f"{chapter.id}.html").write_text(page, encoding="utf-8")
    build.write_indexes(tmp_path, [chapter], langs=("zh",))
    assert "公式在生成讲义时排版为 SVG" in (tmp_path / "index.html").read_text(encoding="utf-8")
