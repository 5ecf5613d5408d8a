"""Every third-party module Desist's own code imports is a declared runtime dependency.

A package that only the test or bench extras bring in (or that happened to be in a developer's
environment) imports fine locally and fails in production, or on a fresh CI machine when an
app's ``ready()`` imports it: a CI run once failed at start-up on ``dateutil``, which no
declared dependency provides. The closure is read from the installed metadata, so a dependency's
own dependencies count (Django brings ``asgiref``, for instance).
"""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "desist"


def _name(requirement: str) -> str:
    return re.split(r"[\s;\[<>=!~(]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def runtime_closure() -> set[str]:
    """The distributions ``desist`` needs at run time, its dependencies' dependencies included."""
    seen: set[str] = set()
    todo = [_name(r) for r in metadata.requires("desist") or () if "extra ==" not in r]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or ()
        except metadata.PackageNotFoundError:
            continue
        todo.extend(_name(r) for r in requires if "extra ==" not in r)
    return seen


def imported_top_levels() -> dict[str, list[str]]:
    """Top-level module name → the files importing it (absolute imports only)."""
    found: dict[str, list[str]] = {}
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], []).append(str(path.relative_to(SRC)))
    return found


def test_every_third_party_import_is_a_declared_runtime_dependency():
    closure = runtime_closure()
    assert "django" in closure  # the metadata was read
    providers = metadata.packages_distributions()
    undeclared = {}
    for module, files in imported_top_levels().items():
        if module == "desist" or module in sys.stdlib_module_names or module == "__future__":
            continue
        distributions = {_name(d) for d in providers.get(module, [])}
        if not distributions & closure:
            undeclared[module] = sorted(set(files))
    assert undeclared == {}, (
        "imported by Desist but not a runtime dependency in pyproject.toml (or of one): "
        f"{undeclared}"
    )


def test_the_check_sees_an_undeclared_import():
    """The closure excludes what only the test extra brings (so the check above can fail)."""
    closure = runtime_closure()
    assert "pytest" not in closure
    assert "hypothesis" not in closure
