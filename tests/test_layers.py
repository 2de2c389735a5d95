"""One-way imports between the layers of servicelab (issue 8 section 6, the agreed quiz layout).

Every ``import`` / ``from … import`` statement of a module is read with :mod:`ast` — at module
level, inside functions and under ``if TYPE_CHECKING`` alike — and relative imports are resolved
to absolute module names. The oracle is the layout agreed for exam prep:

* nothing in ``servicelab/quiz/`` imports widgets or storage;
* ``quiz.bank`` imports no other quiz module; ``quiz.scoring`` imports only ``bank``;
  ``quiz.practice`` and ``quiz.paper`` import only ``bank`` and ``scoring``; ``quiz.schedule``
  imports only ``bank`` and ``scoring``;
* ``servicelab/models/`` never imports quiz, widgets or storage (and the old ``models/quiz.py`` and
  ``models/scheduler.py`` are gone, no shims);
* ``storage`` never imports widgets;
* ``servicelab/exercises/`` (the in-lesson exercises, a content layer at the level of ``quiz``)
  imports no widgets, charts, models or storage, and from ``quiz`` only ``quiz.bank``; nothing in
  ``quiz``, ``models`` or ``storage`` imports it;
* in ``widgets/quiz/`` the card imports no tab, a tab imports only the card (never another tab or
  the panel), and only the panel and the package's ``__init__`` import the tabs.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "lib" / "servicelab"


def _module_name(path: Path, root: Path = PKG) -> str:
    parts = ["servicelab", *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """Every import statement of ``path``: (absolute module, names imported from it; () for ``import m``)."""
    return _imports_with_root(path, PKG)


def _imports_with_root(path: Path, root: Path) -> list[tuple[str, tuple[str, ...]]]:
    name = _module_name(path, root)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: list[tuple[str, tuple[str, ...]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.extend((a.name, ()) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((target, tuple(a.name for a in node.names)))
    return found


KNOWN = {_module_name(p) for p in PKG.rglob("*.py")}


def _servicelab_modules(path: Path) -> set[str]:
    """The servicelab modules ``path`` imports, relative to ``servicelab`` (``quiz.bank``).

    ``from a import b`` counts ``a.b`` when ``b`` is a module of servicelab, else ``a``."""
    out: set[str] = set()
    for target, names in imports_of(path):
        subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in KNOWN]
        out.update(subs if subs else [target])
    return {m.removeprefix("servicelab.") for m in out if m in KNOWN and m != "servicelab"}


def _files(sub: str) -> list[Path]:
    return sorted((PKG / sub).rglob("*.py"))


def _quiz_deps(module: str) -> set[str]:
    """The other modules of servicelab.quiz that quiz/<module>.py imports."""
    deps = _servicelab_modules(PKG / "quiz" / f"{module}.py")
    return {d.removeprefix("quiz.") for d in deps if d.startswith("quiz.") or d == "quiz"}


def test_the_resolver_reads_relative_and_absolute_imports(tmp_path):
    # hand-written module: every form of import, with the modules it must report
    pkg = tmp_path / "servicelab"
    (pkg / "quiz").mkdir(parents=True)
    src = ("from __future__ import annotations\nimport json\nfrom typing import TYPE_CHECKING\n"
           "from .bank import Bank\nfrom . import scoring\nfrom .. import widgets\nimport servicelab.storage.progress\n"
           "if TYPE_CHECKING:\n    from ..charts import quiz as charts\n"
           "def f():\n    from ..models.tiers import assign_tiers\n")
    (pkg / "quiz" / "x.py").write_text(src, encoding="utf-8")
    found = {}
    for target, names in _imports_with_root(pkg / "quiz" / "x.py", pkg):
        found.setdefault(target, set()).update(names)
    assert found["servicelab.quiz.bank"] == {"Bank"} and found["servicelab.quiz"] == {"scoring"}
    assert found["servicelab"] == {"widgets"} and "servicelab.storage.progress" in found
    assert found["servicelab.charts"] == {"quiz"} and found["servicelab.models.tiers"] == {"assign_tiers"}
    # and on the real tree: scoring imports bank, storage imports the scheduler
    assert "quiz.bank" in _servicelab_modules(PKG / "quiz" / "scoring.py")
    assert "quiz.schedule" in _servicelab_modules(PKG / "storage" / "progress.py")


def test_layout_files_exist():
    for name in ("__init__", "bank", "scoring", "practice", "paper", "schedule"):
        assert (PKG / "quiz" / f"{name}.py").is_file(), name
    for name in ("__init__", "card", "practice", "paper", "review", "cards", "dashboard", "files", "panel"):
        assert (PKG / "widgets" / "quiz" / f"{name}.py").is_file(), name
    assert not (PKG / "models" / "quiz.py").exists() and not (PKG / "models" / "scheduler.py").exists()
    assert not (PKG / "widgets" / "quiz.py").exists()


@pytest.mark.parametrize("path", _files("quiz"), ids=lambda p: p.name)
def test_quiz_never_imports_widgets_or_storage(path):
    bad = {m for m in _servicelab_modules(path) if m.split(".")[0] in ("widgets", "storage", "charts")}
    assert not bad, f"{path.name} imports {sorted(bad)}"


@pytest.mark.parametrize("module, allowed", [
    ("bank", set()),
    ("scoring", {"bank"}),
    ("practice", {"bank", "scoring"}),
    ("paper", {"bank", "scoring"}),
    ("schedule", {"bank", "scoring"}),
])
def test_quiz_modules_import_only_the_layers_below(module, allowed):
    deps = _quiz_deps(module)
    assert deps <= allowed, f"quiz/{module}.py imports {sorted(deps - allowed)} (allowed: {sorted(allowed)})"
    assert "quiz" not in deps  # never the package itself (its __init__ imports every module)


@pytest.mark.parametrize("path", _files("models"), ids=lambda p: p.name)
def test_models_never_import_quiz_widgets_or_storage(path):
    bad = {m for m in _servicelab_modules(path) if m.split(".")[0] in ("quiz", "widgets", "storage")}
    assert not bad, f"models/{path.name} imports {sorted(bad)}"


@pytest.mark.parametrize("path", _files("storage"), ids=lambda p: p.name)
def test_storage_never_imports_widgets_and_only_low_quiz_modules(path):
    deps = _servicelab_modules(path)
    assert not {m for m in deps if m.split(".")[0] == "widgets"}
    # scoring and schedule (the layout), bank for type hints, practice for the streak statistic
    assert {m for m in deps if m.split(".")[0] == "quiz"} <= {"quiz.bank", "quiz.scoring", "quiz.schedule",
                                                                 "quiz.practice"}


TABS = ("practice", "paper", "review", "wrongbook", "cards", "dashboard", "files")


def _widget_quiz_deps(module: str) -> set[str]:
    deps = _servicelab_modules(PKG / "widgets" / "quiz" / f"{module}.py")
    return {d.removeprefix("widgets.quiz.") for d in deps if d.startswith("widgets.quiz.")}


@pytest.mark.parametrize("module, allowed", [("card", set()), *[(tab, {"card"}) for tab in TABS],
                                             ("panel", {"card", *TABS})])
def test_exam_prep_widgets_import_one_way(module, allowed):
    deps = _widget_quiz_deps(module)
    assert deps <= allowed, f"widgets/quiz/{module}.py imports {sorted(deps - allowed)}"


def test_the_panel_assembles_every_tab():
    assert _widget_quiz_deps("panel") >= {"card", *TABS}
    assert "storage.progress" in _servicelab_modules(PKG / "widgets" / "quiz" / "panel.py")


# ---------------------------------------------------------------------------------------------
# servicelab.exercises: a content layer at the level of servicelab.quiz
# ---------------------------------------------------------------------------------------------


def test_exercises_package_exists():
    for name in ("__init__", "data", "check"):
        assert (PKG / "exercises" / f"{name}.py").is_file(), name


@pytest.mark.parametrize("path", _files("exercises"), ids=lambda p: p.name)
def test_exercises_import_only_content_layers(path):
    deps = _servicelab_modules(path)
    bad = {m for m in deps if m.split(".")[0] in ("widgets", "storage", "charts", "models")}
    assert not bad, f"exercises/{path.name} imports {sorted(bad)}"
    # from the quiz package only the bottom module (its bilingual Text and the curriculum)
    assert {m for m in deps if m.split(".")[0] == "quiz"} <= {"quiz.bank"}


@pytest.mark.parametrize("sub", ["quiz", "models", "storage"])
def test_lower_and_sibling_layers_never_import_exercises(sub):
    for path in _files(sub):
        assert not {m for m in _servicelab_modules(path) if m.split(".")[0] == "exercises"}, path.name


def test_exercise_data_module_imports_no_other_exercises_module():
    deps = _servicelab_modules(PKG / "exercises" / "data.py")
    assert not {m for m in deps if m.startswith("exercises")}
