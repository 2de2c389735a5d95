"""Questions lead back to the lesson (issue 8 section 3): sections are headings, anchors are right.

Oracles: the heading ids are those nbconvert's markdown renderer writes (the code Voilà 0.5 runs
to render a notebook), and the heading texts are what that renderer shows; nothing is taken from
:mod:`servicelab.quiz.bank` to check itself. The real browsers (JupyterLab and Voilà) are checked
in ``tests/browser/test_review_links.py``.
"""
from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from servicelab.quiz.bank import (
    heading_anchor,
    load_bank,
    notebook_headings,
    section_problem,
    voila_anchor,
    written_notebooks,
)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
_H = re.compile(r'<h([1-6]) id="([^"]*)">(.*?)<a class="anchor-link"', re.S)


def _rendered_headings(path: Path) -> list[tuple[str, str]]:
    """(id, text) of every heading as nbconvert (Voilà) renders the notebook's markdown cells."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    nb = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for _level, hid, inner in _H.findall(markdown2html_mistune(source)):
            out.append((hid, html.unescape(re.sub(r"<[^>]+>", "", inner))))
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_heading_texts_and_ids_match_the_renderer(path):
    rendered = _rendered_headings(path)
    assert rendered, f"{path.name} has no headings"
    assert list(notebook_headings(path)) == [text for _id, text in rendered]
    for hid, text in rendered:
        assert voila_anchor(text) == hid
        # JupyterLab: textContent with spaces as "-" (the decoded form of Voilà's id)
        assert heading_anchor(text) == text.replace(" ", "-")


def test_anchor_rule_on_known_values():
    # hand-computed: spaces become "-", everything else is kept (JupyterLab) / percent-encoded (Voilà)
    assert heading_anchor("客户的分类 · Classifying customers (C1.4)") == "客户的分类-·-Classifying-customers-(C1.4)"
    assert voila_anchor("前 x % 的客户") == "%E5%89%8D-x-%25-%E7%9A%84%E5%AE%A2%E6%88%B7"
    assert voila_anchor("A, b (C1.10, C4.2)") == "A,-b-(C1.10,-C4.2)"


def test_every_question_of_a_written_notebook_names_one_of_its_headings():
    bank = load_bank()
    written = written_notebooks()
    checked = [q for q in bank if q.notebook in written]
    assert len(checked) >= 150
    bad = {q.id: (q.notebook, q.section, section_problem(q)) for q in checked if section_problem(q)}
    assert not bad, f"{len(bad)} questions name no heading of their notebook: {dict(list(bad.items())[:8])}"


def test_section_problem_catches_a_wrong_heading(tmp_path):
    bank = load_bank()
    q = next(q for q in bank if q.notebook == "05_servqual")
    from dataclasses import replace

    assert section_problem(q) is None
    assert section_problem(replace(q, section="The five dimensions")) == "no_heading"
    assert section_problem(replace(q, section="")) == "missing"
    assert section_problem(replace(q, notebook="06_gap_model"), folder=tmp_path) is None  # not written: unchecked


def test_every_question_has_a_bilingual_section():
    """Planned notebooks too: one heading per concept, written "中文 · English" like the lessons."""
    bank = load_bank()
    bad = [q.id for q in bank if " · " not in q.section]
    assert not bad, bad[:10]


def test_siblings_of_a_concept_in_an_unwritten_notebook_share_a_heading():
    bank = load_bank()
    written = written_notebooks()
    for concept in {q.concept for q in bank if q.notebook not in written}:
        sections = {q.section for q in bank.by_concept(concept) if q.concept == concept}
        assert len(sections) == 1, (concept, sections)


def test_migration_is_done_and_idempotent():
    tool = ROOT / "tests" / "tools" / "migrate_sections_tags.py"
    run = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


def test_notebook_12_counts_what_is_taught():
    """No hard-coded "63 knowledge points": the stored count is the concepts of written notebooks."""
    nb = json.loads((ROOT / "notebooks" / "12_exam_prep.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "63 个知识点" not in text and "63 concepts" not in text
    cur = json.loads((ROOT / "data" / "curriculum.json").read_text(encoding="utf-8"))
    present = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    taught = sum(1 for c in cur["concepts"] if c["notebook"] in present)
    # printed text or the lesson display's text/plain form
    out = "".join("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
                  for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", ()))
    assert f"已讲授的知识点：{taught} / {len(cur['concepts'])} 个" in out


def test_every_concept_of_a_written_notebook_has_a_heading_carrying_its_id():
    """CHAPTER_CHECKLIST item 1: the section teaching a concept names its id in the heading."""
    cur = json.loads((ROOT / "data" / "curriculum.json").read_text(encoding="utf-8"))
    missing = []
    for concept in cur["concepts"]:
        path = ROOT / "notebooks" / f"{concept['notebook']}.ipynb"
        if not path.exists():
            continue
        ids = {i.strip() for h in notebook_headings(path)
               for m in re.findall(r"\(([^()]*)\)\s*$", h) for i in m.split(",")}
        if concept["id"] not in ids:
            missing.append(f"{concept['notebook']}: {concept['id']}")
    assert not missing, missing
