"""The pure libraries stay pure: core, extract and assess never import Django or the apps."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import REPO

PURE = ("core", "extract", "assess")
FORBIDDEN = ("django", "ninja", "simple_history", "jscd.record", "jscd.web", "jscd.api",
             "jscd.reports")


def _imports(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("package", PURE)
def test_pure_package_imports_no_django(package):
    root = REPO / "src" / "jscd" / package
    bad = [f"{p.relative_to(REPO)}: {name}" for p in sorted(root.rglob("*.py"))
           for name in _imports(p) if name.split(".")[0] in FORBIDDEN or name.startswith(FORBIDDEN)]
    assert not bad, bad


def test_core_imports_nothing_else_of_jscd():
    root = REPO / "src" / "jscd" / "core"
    bad = [f"{p.name}: {n}" for p in root.rglob("*.py") for n in _imports(p)
           if n.startswith("jscd.") and not n.startswith("jscd.core")]
    assert not bad, bad


@pytest.mark.parametrize("package", ("extract", "assess"))
def test_extract_and_assess_import_only_core(package):
    root = REPO / "src" / "jscd" / package
    bad = [f"{p.name}: {n}" for p in root.rglob("*.py") for n in _imports(p)
           if n.startswith("jscd.") and not (n.startswith("jscd.core") or n.startswith(f"jscd.{package}"))]
    assert not bad, bad
