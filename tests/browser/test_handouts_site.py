"""The course site built by `make handouts` + `make site` (chapter 01 in both languages,
executed here), opened from file:// in headless Chromium with every non-file request refused:
nothing is fetched, every link resolves, the chart is an SVG, Chinese text is drawn with a CJK
font, and each PDF is a PDF of more than one page (chapter 01) that carries the chapter's title.
Chapter 05 has formulas: they are drawn as SVG (MathJax at build time), in the page and the PDF."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from servicelab.handouts.build import build_handouts, build_site, chapters
from servicelab.testing import pdf
from servicelab.testing.browser import LAUNCH_ARGS
from servicelab.testing.mathjax import require_mathjax

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.notebook]
BUILT = ["01", "05"]
CJK = re.compile(r"CJK|Noto Sans SC|Source Han|WenQuanYi|YaHei|PingFang|Heiti", re.I)


@pytest.fixture(scope="module")
def mathjax():
    return require_mathjax()


@pytest.fixture(scope="module")
def site(chromium_path, mathjax, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("handouts")
    build_handouts(root / "handouts", only=BUILT, executed=root / "executed", log=lambda *a: None)
    build_site(root / "handouts", root / "site")
    return root / "site"


@pytest.fixture(scope="module")
def browser_context(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, headless=True, args=LAUNCH_ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 1400})
        context.blocked = []

        def route(r):
            if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
                r.continue_()
            else:
                context.blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        yield context
        browser.close()


def _links(page) -> list[tuple[str, str]]:
    return page.evaluate("""() => [...document.querySelectorAll('[href],[src]')].map(
        e => [e.tagName.toLowerCase(), e.href || e.src])""")


def test_site_works_offline_and_every_link_resolves(site, browser_context):
    page = browser_context.new_page()
    start = (site / "index.html").as_uri()
    todo, seen, followed, external = [start], set(), 0, set()
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        page.goto(url, wait_until="load")
        assert page.title(), f"{url}: no title"
        assert not re.search(r"\bS[0-4]\b", page.inner_text("body")), f"{url} shows an internal source code"
        for tag, link in _links(page):
            parts = urlsplit(link)
            if parts.scheme != "file":
                assert tag == "a", f"{url}: a <{tag}> loads {link}"  # a link to click, never a fetched resource
                external.add(link)
                continue
            path = Path(unquote(parts.path))
            assert path.is_file(), f"{url}: {link} → missing file"
            assert path.resolve().is_relative_to(site.resolve()), f"{url}: {link} leaves the site"
            followed += 1
            target = parts._replace(fragment="").geturl()
            if path.suffix == ".html" and target not in seen:
                todo.append(target)
    pages = {Path(unquote(urlsplit(u).path)).relative_to(site).as_posix() for u in seen}
    expected = {"index.html", "index.en.html"} | {f"{lang}/{c.id}.html" for c in chapters()
                                                   if c.number in BUILT for lang in ("zh", "en")}
    assert pages == expected
    assert followed >= 12  # css, nav and index links of four pages
    assert browser_context.blocked == [], f"blocked requests: {browser_context.blocked}"
    assert all(not link.startswith("file:") for link in external)


def test_chapter_page_draws_its_chart_and_chinese_text(site, browser_context, artifacts_dir):
    page = browser_context.new_page()
    chapter = next(c for c in chapters() if c.number == "01")
    page.goto((site / "zh" / f"{chapter.id}.html").as_uri(), wait_until="load")
    charts = page.locator("figure.sl-chart svg")
    assert charts.count() >= 1
    box = charts.first.bounding_box()
    assert box and box["width"] > 150 and box["height"] > 80
    labels = page.locator("figure.sl-chart svg text").all_text_contents()
    assert any(re.search(r"[\u4e00-\u9fff]", s) for s in labels), labels[:10]
    assert page.locator("script").count() == 0
    # the platform fonts Chromium used for the page's heading: a CJK face draws its Chinese glyphs
    cdp = browser_context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    h1 = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "main h1"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": h1})["fonts"]
    assert any(CJK.search(f["familyName"]) and f["glyphCount"] > 0 for f in fonts), fonts
    page.screenshot(path=str(artifacts_dir / "handout-01-zh.png"))
    assert browser_context.blocked == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pdfs_are_printed_pdfs_with_the_chapter_title(site, lang):
    for chapter in (c for c in chapters() if c.number in BUILT):
        data = (site / lang / f"{chapter.id}.pdf").read_bytes()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        assert b"file:" not in data  # no link to this computer's files
        words = unicodedata.normalize("NFKC", pdf.text(data))  # the PDF's "ﬁ" ligature → "fi"
        assert chapter.title[lang].replace(" ", "") in words.replace(" ", ""), (chapter.id, words[:300])
        if chapter.number == "01":
            assert pdf.page_count(data) > 1
        if lang == "zh":
            assert b"NotoSansCJKsc" in data  # the Simplified Chinese face is embedded


def test_formulas_are_drawn_as_svg_offline(site, browser_context):
    page = browser_context.new_page()
    page.goto((site / "en" / "05_servqual.html").as_uri(), wait_until="load")
    boxes = page.evaluate("""() => [...document.querySelectorAll('.sl-math svg')].map(s => {
        const r = s.getBoundingClientRect(); return [r.width, r.height]; })""")
    assert len(boxes) >= 3 and all(w > 5 and h > 5 for w, h in boxes), boxes
    assert page.locator(".sl-math-error").count() == 0 and page.locator("script").count() == 0
    assert "$" not in page.inner_text("main").replace("US$", "")
    assert browser_context.blocked == []
    words = pdf.text((site / "en" / "05_servqual.pdf").read_bytes())
    assert "$" not in words.replace("US$", "") and "G = P - E" not in words  # vectors in the PDF, not TeX
