"""List refusal tests that do not check that nothing changed (issue 25, item 3).

    .venv/bin/python tests/refusal_audit.py [--list]

A refusal test here is a test function that sends a write (``.post``, ``.put``, ``.patch`` or
``.delete`` on a client) and asserts a 4xx status code (``status_code == 403``, ``in (400,
409)`` …) on something other than a read (a status taken from ``.get(…)``, or from a name only
ever given the answer of ``.get(…)``, is a refused read beside a write, not a refused write). It
checks that nothing changed when it uses ``nothing_written`` (tests/refusals.py), directly or
through a helper of the same module that does. A test that cannot is named in ``EXCEPTIONS``
with the reason, read by a person. Prints the count of each kind; with ``--list``, each
unchecked test as ``path::name``. ``tests/test_refusals_checked.py`` fails while any is
unchecked. A static reading, not proof.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
WRITES = {"post", "put", "patch", "delete"}
READS = {"get", "head", "options"}

# Refusal tests that do not use nothing_written, each read and the reason stated (issue 25).
EXCEPTIONS = {
    "tests/security/test_races.py::test_home_visit_form_posted_three_times_at_once_makes_one_visit":
        "three writers at once, one of which must win: it asserts exactly one visit is made",
    "tests/security/test_races.py::test_two_users_closing_one_task_at_once":
        "two writers at once, one of which must win: it asserts the winner's words and one "
        "task_closed event",
    "tests/security/test_races.py::test_a_write_that_cannot_get_the_database_is_a_409_not_a_500":
        "another connection changes the row on purpose (the lock it holds); the test asserts "
        "the task is still open with no outcome and no task_closed event",
    "tests/test_errors.py::test_the_api_answers_a_refusal_with_its_code_status_and_fields":
        "sends no request: it calls the API's exception handler directly with a built request",
}


def _is_4xx(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, int) and (
        400 <= node.value < 500)


def _is_read(node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in READS)


def _read_names(func: ast.AST) -> set[str]:
    """Names that are only ever given the answer of a read (``page = client.get(…)``)."""
    given: dict[str, list[ast.AST]] = {}
    for node in ast.walk(func):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    given.setdefault(target.id, []).append(node.value)
        elif isinstance(node, (ast.For, ast.comprehension, ast.AugAssign, ast.AnnAssign,
                               ast.NamedExpr, ast.withitem)):
            target = node.optional_vars if isinstance(node, ast.withitem) else node.target
            for name in ast.walk(target) if target is not None else ():
                if isinstance(name, ast.Name):
                    given.setdefault(name.id, []).append(node)  # not a plain read
    return {name for name, values in given.items() if all(_is_read(v) for v in values)}


def _asserts_4xx(func: ast.AST) -> bool:
    reads = _read_names(func)
    for node in ast.walk(func):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            statuses = [s.value for s in ast.walk(node) if isinstance(s, ast.Attribute)
                        and s.attr in {"status_code", "status"}]
            # the status of a read (a 403 on a page beside a write elsewhere) is not a refusal
            if all(_is_read(s) or (isinstance(s, ast.Name) and s.id in reads)
                   for s in statuses):
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


def audit(root: Path = ROOT) -> tuple[list[str], list[str], list[str]]:
    """(checked, excepted, unchecked) refusal tests under ``root``, as ``path::name``."""
    checked: list[str] = []
    excepted: list[str] = []
    unchecked: list[str] = []
    for path in sorted(root.rglob("test_*.py")):
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
            label = f"{path.relative_to(root.parent)}::{name}"
            if uses & (guarded | {"nothing_written"}):
                checked.append(label)
            else:
                (excepted if label in EXCEPTIONS else unchecked).append(label)
    return checked, excepted, unchecked


def main() -> int:
    checked, excepted, unchecked = audit()
    print(f"refusal tests: {len(checked) + len(excepted) + len(unchecked)}; checking nothing "
          f"changed: {len(checked)}; named exceptions: {len(excepted)}; not checking: "
          f"{len(unchecked)}")
    if "--list" in sys.argv:
        print("\n".join(unchecked))
        for label in excepted:
            print(f"{label}: exception: {EXCEPTIONS[label]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
