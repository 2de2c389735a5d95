"""Migrate the question bank's ``section`` and ``exam_tags`` fields (issue 8 section 3). Re-runnable.

    .venv/bin/python tests/tools/migrate_sections_tags.py [--check] [FILE.json ...]

``section``
    must be the text of a heading of the question's notebook (its anchor is
    :func:`servicelab.quiz.bank.heading_anchor` of that text). For a notebook that exists, a
    section that names no heading is replaced by the heading that names the question's first
    concept in its parentheses ("… (C1.8)" or "… (C1.10, C4.2)"), else by the most common valid
    section among the questions of the same first concept. For a notebook not written yet, an
    English-only working title is replaced by the bilingual section ("中文 · English (Cx.y)") its
    siblings use, so that every concept has one planned heading.
``exam_tags``
    old strings ``"2015.1 论述"`` become ``{"sitting": "2015.1", "type": "essay"}``; then every
    question carries the union of the tags of the questions sharing its first concept (a tag
    belongs to the point, the display says whether it is this question's own type).

Defaults to every ``data/quiz/bank/*.json``; ``--check`` changes nothing and exits 1 if a file
would change. Each file keeps its indentation.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "lib"))

from servicelab.quiz.bank import notebook_headings  # noqa: E402

TYPE_NAMES = {"单选": "single", "多选": "multiple", "判断": "true_false", "名词解释": "term", "简答": "short",
              "论述": "essay", "计算": "numeric", "案例": "case", "案例分析": "case"}
_IDS = re.compile(r"\(([^()]*)\)\s*$")


def _indent(text: str) -> int:
    m = re.match(r"\[\n( +)", text)
    return len(m.group(1)) if m else 1


def _concept_ids(heading: str) -> list[str]:
    m = _IDS.search(heading)
    return [x.strip() for x in m.group(1).split(",")] if m else []


def _tag(value) -> dict:
    if isinstance(value, dict):
        return {"sitting": value["sitting"], "type": value["type"]}
    sitting, name = value.split()
    return {"sitting": sitting, "type": TYPE_NAMES[name]}


def _tag_key(tag: dict) -> tuple:
    return tuple(int(x) for x in tag["sitting"].split(".")), tag["type"]


def migrate(files: list[Path], notebooks: Path) -> dict[Path, list]:
    data = {p: json.loads(p.read_text(encoding="utf-8")) for p in files}
    items = [q for qs in data.values() for q in qs]
    heads: dict[str, tuple[str, ...]] = {}
    for q in items:
        nb = notebooks / f"{q['notebook']}.ipynb"
        if q["notebook"] not in heads and nb.is_file():
            heads[q["notebook"]] = notebook_headings(nb)
    by_concept: dict[str, list[dict]] = defaultdict(list)
    for q in items:
        by_concept[q["concepts"][0]].append(q)
    for q in items:
        section, nb, concept = q.get("section", ""), q["notebook"], q["concepts"][0]
        if nb in heads:
            if section in heads[nb]:
                continue
            named = [h for h in heads[nb] if concept in _concept_ids(h)]
            valid = Counter(s["section"] for s in by_concept[concept] if s.get("section") in heads[nb])
            if named:
                q["section"] = named[0]
            elif valid:
                q["section"] = valid.most_common(1)[0][0]
            else:
                raise SystemExit(f"{q['id']}: no heading of {nb} for {concept} (section {section!r})")
        elif " · " not in section:
            planned = Counter(s["section"] for s in by_concept[concept] if " · " in s.get("section", ""))
            if planned:
                q["section"] = planned.most_common(1)[0][0]
    tags: dict[str, dict[tuple, dict]] = defaultdict(dict)
    for q in items:
        for raw in q.get("exam_tags", ()):
            tag = _tag(raw)
            tags[q["concepts"][0]][_tag_key(tag)] = tag
    for q in items:
        point = tags.get(q["concepts"][0])
        if point:
            q["exam_tags"] = [point[k] for k in sorted(point)]
        else:
            q.pop("exam_tags", None)
    return data


def main(argv: list[str]) -> int:
    check = "--check" in argv
    files = [Path(a) for a in argv if not a.startswith("--")] or sorted((ROOT / "data" / "quiz" / "bank").glob("*.json"))
    changed = []
    for path, items in migrate(files, ROOT / "notebooks").items():
        old = path.read_text(encoding="utf-8")
        new = json.dumps(items, ensure_ascii=False, indent=_indent(old)) + "\n"
        if new != old:
            changed.append(path.name)
            if not check:
                path.write_text(new, encoding="utf-8")
    print(("would change: " if check else "changed: ") + (", ".join(changed) or "nothing"))
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
