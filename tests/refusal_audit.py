"""List refusal tests that do not check that nothing changed (issue 25, item 3).

    .venv/bin/python tests/refusal_audit.py [--list]

A refusal test here is a test function that sends a write (``.post``, ``.put``, ``.patch`` or
``.delete`` on a client) and asserts a 4xx status code (``status_code == 403``, ``in (400,
409)`` …). It checks that nothing changed when it uses ``nothing_written`` (tests/refusals.py),
directly or through a helper of the same module that does. Prints the count of each kind; with
``--list``, each unchecked test as ``path::name``. A static reading, not proof: a test that
asserts unchanged data another way is still listed, for a person to read.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
WRITES = {"post", "put", "patch", "delete"}


def _is_4xx(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, int) and (
        400 <= node.value < 500)


def _asserts_4xx(func: ast.AST) -> bool:
    for node in ast.walk(func):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            mentions_status = any(isinstance(s, ast.Attribute) and s.attr in {
                "status_code", "status"} for s in ast.walk(node))
            if not mentions_status:
                continue
            for side in sides:
                if _is_4xx(side) or (isinstance(side, (ast.Tuple, ast.List, ast.Set)) and any(
                        _is_4xx(e) for e in side.elts)):
                    return True
    return False


def _writes(func: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
               and n.func.attr in WRITES for n in ast.walk(func))


def _names(func: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(func) if isinstance(n, ast.Name)} | {
        n.attr for n in ast.walk(func) if isinstance(n, ast.Attribute)}


def audit() -> tuple[list[str], list[str]]:
    checked: list[str] = []
    unchecked: list[str] = []
    for path in sorted(ROOT.rglob("test_*.py")):
        tree = ast.parse(path.read_text())
        functions = {n.name: n for n in ast.walk(tree)
                     if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        # helpers of the module that use nothing_written (one level is enough in practice)
        guarded = {name for name, f in functions.items() if "nothing_written" in _names(f)}
        for name, func in functions.items():
            if not name.startswith("test"):
                continue
            uses = _names(func)
            writes = _writes(func) or any(_writes(functions[n]) for n in uses & functions.keys())
            if not (writes and _asserts_4xx(func)):
                continue
            label = f"{path.relative_to(ROOT.parent)}::{name}"
            (checked if uses & (guarded | {"nothing_written"}) else unchecked).append(label)
    return checked, unchecked


def main() -> int:
    checked, unchecked = audit()
    print(f"refusal tests: {len(checked) + len(unchecked)}; checking nothing changed: "
          f"{len(checked)}; not checking: {len(unchecked)}")
    if "--list" in sys.argv:
        print("\n".join(unchecked))
    return 0


if __name__ == "__main__":
    sys.exit(main())
