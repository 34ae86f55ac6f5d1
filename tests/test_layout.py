"""The package map of docs/architecture.md, checked: no import points back up the pipeline."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = ("etl", "dashboard", "warehouse", "app")

# package -> the packages of ours it may import (prefix match on dotted names)
ALLOWED = {
    "etl.extract": ("etl.extract", "etl.knowledge", "etl.errors"),
    "etl.annotate": ("etl.annotate", "etl.knowledge", "etl.errors", "etl.extract"),  # reads the Document types and the shadow
    "etl.knowledge": ("etl.knowledge", "etl.errors"),
    "etl.parse": ("etl.extract", "etl.annotate", "etl.knowledge", "etl.errors"),
    "etl.load": ("etl", "warehouse"),
    "etl.refresh": ("etl", "warehouse"),
    "etl.evaluate": ("etl", "warehouse"),
    "warehouse": ("warehouse",),
    "dashboard": ("dashboard", "warehouse", "etl.refresh.freshness"),
    "app": OURS,
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return {n for n in names if n.split(".")[0] in OURS}


def _rule_for(module: str) -> tuple[str, ...]:
    best = max((k for k in ALLOWED if module == k or module.startswith(k + ".")), key=len, default=None)
    assert best is not None, f"{module} is in no room of docs/architecture.md"
    return ALLOWED[best]


SOURCES = sorted(p for pkg in OURS for p in (ROOT / pkg).rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_stay_in_their_room(path: Path) -> None:
    module = _module_name(path)
    if module in ("etl", "etl.errors", "etl.settings"):
        allowed: tuple[str, ...] = ("etl.errors", "etl.settings", "etl")
    else:
        allowed = _rule_for(module)
    bad = sorted(n for n in _imports(path)
                 if not any(n == a or n.startswith(a + ".") for a in allowed)
                 and n not in ("etl", "etl.__version__", "etl.PARSER_VERSION", "etl.errors", "etl.settings")
                 and not n.startswith(("etl.errors.", "etl.settings.")))
    assert not bad, f"{module} imports {bad}, outside its room {allowed}"


def test_the_map_finds_modules() -> None:
    # a guard for the test itself: the walk sees the stage packages and their imports
    names = {_module_name(p) for p in SOURCES}
    assert {"etl.extract.chrome", "etl.annotate.mentions", "etl.load.run", "app.cli"} <= names
    assert "etl.knowledge.rules" in _imports(ROOT / "etl" / "extract" / "chrome.py")
