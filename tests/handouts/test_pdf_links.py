"""The links of a printed handout PDF (headless Chromium, two hand-made pages, no notebook run): a link
to another chapter points at that chapter's PDF by its relative file name, so a folder of PDFs works
offline; web links and links within the page stay; no link carries this computer's path."""
from __future__ import annotations

import re

import pytest

from servicelab.handouts import build
from servicelab.testing import pdf
from servicelab.testing.browser import chromium_or_skip

pytestmark = [pytest.mark.browser]

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body>
<p>See <a href="02_customers_tiers.html#scene">chapter 2</a>, <a href="03_what_is_service.html">chapter 3</a>
(not printed in this build), <a href="https://www.example.org/servqual?x=1">a web page</a>,
<a href="../index.html">the index</a>, <a href="../zh/{me}.html">中文</a> and <a href="#later">below</a>.</p>
<h2 id="later">Later</h2></body></html>
"""


def _xref_ok(data: bytes) -> bool:
    """Every in-use entry of the (classic) cross-reference table points at its object's header."""
    start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data).group(1))
    table = data[start:]
    assert table.startswith(b"xref")
    first, count = map(int, re.match(rb"xref\s+(\d+)\s+(\d+)", table).groups())
    entries = re.findall(rb"(\d{10}) (\d{5}) ([nf])", table)[:count]
    used = [(first + i, int(off)) for i, (off, _gen, kind) in enumerate(entries) if kind == b"n"]
    return len(used) > 3 and all(data[off:].startswith(b"%d 0 obj" % num) for num, off in used)


def test_a_chapter_link_in_a_pdf_points_at_the_other_chapters_pdf(tmp_path):
    chromium_or_skip()
    chs = {c.number: c for c in build.chapters()}
    folder = tmp_path / "hand outs (v1)" / "en"  # a space and parentheses: escaped in the URL and the PDF
    folder.mkdir(parents=True)
    jobs = []
    for number in ("01", "02"):
        c = chs[number]
        page = folder / f"{c.id}.html"
        page.write_text(PAGE.format(title=c.title["en"], me=c.id), encoding="utf-8")
        jobs.append((page, page.with_suffix(".pdf"), c, "en"))
    assert build.print_pdfs(jobs) == {"en/01_service_era": 0, "en/02_customers_tiers": 0}
    data = (folder / "01_service_era.pdf").read_bytes()
    found = pdf.links(data)
    assert ("URI", "02_customers_tiers.pdf") in found  # the other chapter's PDF, same folder, relative
    assert ("URI", "https://www.example.org/servqual?x=1") in found
    assert ("Dest", "later") in found  # within the page
    assert len(found) == 3, found  # chapter 3 (no PDF), the index and the other language: plain text
    assert b"file:" not in data and str(tmp_path).encode() not in data
    assert _xref_ok(data)  # rewritten in place: every object is still where the table says
    # the link on chapter 2's page to itself (its own file) is not a link to another PDF
    assert ("URI", "02_customers_tiers.pdf") not in pdf.links((folder / "02_customers_tiers.pdf").read_bytes())
