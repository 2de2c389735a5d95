"""servicelab.classroom is the server side of class mode: it imports no models, charts, widgets,
quiz or storage (the panel imports it, never the other way round), and nothing from the web."""
from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "lib" / "servicelab"
ALLOWED = {"servicelab.errors", "servicelab.i18n", "servicelab.paths",
           "servicelab.storage.sqlite"}  # the shared SQLite open routine: imports only servicelab.errors


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                found.add("servicelab.classroom" + (f".{node.module}" if node.module else ""))
            elif node.level == 2:
                found.add("servicelab" + (f".{node.module}" if node.module else ""))
            elif node.module:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_classroom_imports_only_the_core():
    files = sorted((PKG / "classroom").glob("*.py"))
    assert len(files) >= 7
    for path in files:
        mine = {m for m in _imports(path) if m.startswith("servicelab")}
        bad = {m for m in mine if not m.startswith("servicelab.classroom") and m not in ALLOWED}
        assert not bad, f"{path.name} imports {sorted(bad)}"
        third_party = {m.split(".")[0] for m in _imports(path)} - {"servicelab"}
        assert not third_party & {"requests", "urllib3", "httpx", "aiohttp"}, path.name  # nothing fetched


def test_page_assets_reference_nothing_outside():
    for name in ("page.html", "page.js", "page.css"):
        text = (PKG / "classroom" / "static" / name).read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "@import" not in text, name
