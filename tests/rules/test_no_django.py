"""``desist.rules`` stays pure (DESIGN.md §1): importing it never loads Django."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import desist.rules

RULES_DIR = Path(desist.rules.__file__).resolve().parent
MODULES = sorted(
    f"desist.rules.{info.name}" for info in pkgutil.iter_modules([str(RULES_DIR)])
)

PROBE = """
import importlib, json, sys
loaded, failed = [], {}
for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
        loaded.append(name)
    except Exception as exc:  # reported, not hidden: every module must import
        failed[name] = repr(exc)
django = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(json.dumps({"loaded": loaded, "failed": failed, "django": django}))
"""


def test_rules_package_has_the_modules_the_cli_needs():
    for name in ("ogrs3", "banding", "reasons", "errors"):
        assert f"desist.rules.{name}" in MODULES
    # The command line (argv, stdin, stdout) is I/O: it lives outside the pure core (ADR 0007).
    assert "desist.rules.cli" not in MODULES


def test_importing_every_rules_module_in_a_fresh_process_does_not_load_django():
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(["desist.rules", *MODULES])],
        capture_output=True, text=True, check=True, timeout=120,
    )
    report = json.loads(done.stdout)
    assert report["failed"] == {}
    assert set(report["loaded"]) == {"desist.rules", *MODULES}
    assert report["django"] == []


def test_desist_rules_cli_runs_without_django():
    probe = (
        "import io, sys\n"
        "from desist.cli import main\n"
        "sys.stdin = io.StringIO('{\"rosh\": \"low\", \"ogrs3_two_year\": 10}')\n"
        "status = main(['rules', 'band'])\n"
        "assert status == 0, status\n"
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    assert '"band": "green"' in done.stdout


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_rules_module_imports_django_even_lazily():
    offenders = {
        path.name: sorted(n for n in _imported_modules(path)
                          if n == "django" or n.startswith("django."))
        for path in sorted(RULES_DIR.rglob("*.py"))
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_rules_modules_import_only_the_standard_library_and_desist_rules():
    allowed_roots = set(sys.stdlib_module_names) | {"desist"}
    outside: dict[str, list[str]] = {}
    for path in sorted(RULES_DIR.rglob("*.py")):
        bad = sorted(
            n for n in _imported_modules(path)
            if n.split(".")[0] not in allowed_roots
            or (n.startswith("desist.") and not n.startswith("desist.rules"))
        )
        if bad:
            outside[path.name] = bad
    assert outside == {}
