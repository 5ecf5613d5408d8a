#!/usr/bin/env python3
"""Mutation testing of the rules core: how many deliberate mistakes the tests catch.

    .venv/bin/python scripts/mutation.py [MODULE ...] [--children N]

For each module of ``src/desist/rules/`` (all of them by default), mutmut makes small changes
to the code (``<`` for ``<=``, 28 for 29, a reason's text altered …) and runs the rules tests
against each; a change no test notices "survives". Each module runs in its own scratch copy of
the project, so runs never disturb the working tree, and the table printed at the end is the
one recorded in ``docs/testing.md``. Needs ``pip install -e '.[mutation]'``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "src" / "desist" / "rules"
# Tests that cannot run under mutmut's trampolines: the import-purity check sees mutmut's own
# imports in the mutated modules.
IGNORE = ["--ignore=tests/rules/test_no_django.py"]
# mutmut's exit codes that mean a test noticed the mutant: a failure (1), a pytest internal
# error (3), a timeout (24, 36, 152, 255, -24) or the type checker (37).
CAUGHT = frozenset({1, 3, 24, 36, 37, 152, 255, -24})


def tests_for(module: str) -> list[str]:
    """The rules tests that import ``module`` (the narrowest selection that can kill its
    mutants); all of ``tests/rules/`` if none does."""
    pattern = re.compile(rf"desist\.rules\.{module}\b|from desist\.rules import .*\b{module}\b")
    found = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "tests" / "rules").glob("test_*.py")
        if path.name != "test_no_django.py" and pattern.search(path.read_text())
    )
    return found or ["tests/rules/"]


def own_tests_of(module: str) -> list[str]:
    """The module's own test files (``test_<module>.py``, ``test_<module>_*.py``): quicker than
    every test that imports it, so a module can be measured within CI's budget."""
    rules = ROOT / "tests" / "rules"
    return sorted(str(p.relative_to(ROOT)) for p in [*rules.glob(f"test_{module}.py"),
                                                      *rules.glob(f"test_{module}_*.py")])


def config(module: str, tests: list[str]) -> str:
    args = [*IGNORE, "-p", "no:xdist", "-p", "no:cacheprovider"]
    return (
        "\n[tool.mutmut]\n"
        f'paths_to_mutate = ["src/desist/rules/{module}.py"]\n'
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}\n"
        f"pytest_add_cli_args = {json.dumps(args)}\n"
        'also_copy = ["tests/", "src/"]\n'
    )


def changed_modules(base: str | None) -> list[str] | None:
    """Rules modules changed since ``base`` (default: the merge base with origin/main, or the
    previous commit when this is origin/main itself); None when git cannot tell."""
    def git(*args: str) -> str | None:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True,  # noqa: S603,S607
                              text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else None

    if base is None:
        head = git("rev-parse", "HEAD")
        upstream = git("merge-base", "HEAD", "origin/main")
        base = upstream if upstream and upstream != head else git("rev-parse", "HEAD~1")
    if not base:
        return None
    names = git("diff", "--name-only", base, "--", "src/desist/rules/")
    if names is None:
        return None
    return sorted({Path(n).stem for n in names.splitlines()
                   if n.endswith(".py") and (ROOT / n).exists()} - {"__init__", "cli"})


def run(module: str, children: int, mutmut: Path, tests: list[str],
        show: bool = False, budget: float | None = None) -> tuple[int, int, list[str]] | None:
    """(mutants, killed, survivors) for one module; ``show`` prints each survivor's diff.
    None if it did not finish within ``budget`` seconds."""
    with tempfile.TemporaryDirectory(prefix=f"mutation-{module}-") as scratch:
        work = Path(scratch)
        shutil.copytree(ROOT / "src", work / "src", symlinks=False,
                        ignore=shutil.ignore_patterns("static", "__pycache__"))
        shutil.copytree(ROOT / "tests", work / "tests", ignore=shutil.ignore_patterns("__pycache__"))
        (work / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text()
                                               + config(module, tests))
        env = {**os.environ, "PYTHONPATH": ""}
        process = subprocess.Popen([str(mutmut), "run", "--max-children", str(children)],  # noqa: S603
                                   cwd=work, env=env, start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            process.wait(timeout=budget)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return None
        meta = work / "mutants" / "src" / "desist" / "rules" / f"{module}.py.meta"
        if not meta.exists():
            raise SystemExit(f"{module}: mutmut did not run (try it by hand in a scratch copy)")
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        # A mutant no selected test runs ("no tests", exit code 33 or 5) was not caught: it
        # counts against the score and is listed with the survivors (before 2026-12-02 it was
        # counted as killed).
        survivors = sorted(f"{k} (no tests)" if code in (5, 33) else k
                           for k, code in codes.items() if code not in CAUGHT)
        killed = sum(1 for code in codes.values() if code in CAUGHT)
        if show:
            _show(meta.with_suffix(""), module, survivors)
        return len(codes), killed, survivors


def _show(mutated: Path, module: str, survivors: list[str]) -> None:
    """Print each survivor's diff. In this process, parsing the mutated module once: ``mutmut
    show`` per survivor starts a process and parses it again each time (minutes per module on
    the shared machine)."""
    from difflib import unified_diff

    import libcst as cst
    from mutmut.mutation.diff_apply import read_mutant_function, read_original_function

    tree = cst.parse_module(mutated.read_text())
    for label in survivors:
        name = label.split()[0]
        original, mutant = (cst.Module([f(tree, name)]).code.strip().splitlines()
                            for f in (read_original_function, read_mutant_function))
        lines = [line for line in unified_diff(original, mutant, lineterm="", n=0)
                 if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
        print(f"# {label}\n" + "\n".join(lines), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="rules modules (default: all)")
    parser.add_argument("--children", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--survivors", action="store_true", help="list each survivor")
    parser.add_argument("--show", action="store_true", help="print each survivor's diff")
    parser.add_argument("--changed", nargs="?", const="", metavar="BASE",
                        help="only the modules changed since BASE (default: the merge base with "
                             "origin/main, or the previous commit)")
    parser.add_argument("--budget", type=float, metavar="SECONDS",
                        help="stop after this long; modules not finished are named, not failed")
    parser.add_argument("--tests", nargs="+", metavar="PATH",
                        help="tests to run against each mutant (default: the rules tests that "
                             "import the module)")
    args = parser.parse_args()
    mutmut = Path(sys.executable).with_name("mutmut")
    if not mutmut.exists():
        raise SystemExit("mutmut is not installed: pip install -e '.[mutation]'")
    modules = args.modules or sorted(p.stem for p in RULES.glob("*.py")
                                     if p.stem not in {"__init__", "cli"})
    own_tests = False
    if args.changed is not None:
        changed = changed_modules(args.changed or None)
        if changed is None:
            print("mutation: skipped (no git history to tell which rules modules changed)")
            return 0
        touched = [m for m in modules if m in changed]
        if not touched:
            # A fresh clone of main has nothing "changed" against itself: measure one module a
            # day in turn instead, so CI keeps sampling the whole rules core over time.
            today = datetime.date.today().toordinal()
            touched = [modules[today % len(modules)]]
            own_tests = True
            print(f"mutation: no rules module changed; today's module in rotation: {touched[0]}"
                  " (against its own tests, a lower bound)")
        modules = touched
    deadline = time.monotonic() + args.budget if args.budget else None
    print("| module | mutants | killed | score |\n|---|---|---|---|", flush=True)
    for module in modules:
        tests = args.tests or (own_tests_of(module) if own_tests else None) or tests_for(module)
        left = None if deadline is None else deadline - time.monotonic()
        outcome = None if left is not None and left <= 0 else run(
            module, args.children, mutmut, tests, show=args.show, budget=left)
        if outcome is None:
            print(f"| {module}.py | not finished within {args.budget:.0f} s: run "
                  f"`make mutation MODULES={module}` | | |", flush=True)
            continue
        total, killed, survivors = outcome
        score = f"{100 * killed / total:.1f}%" if total else "–"
        print(f"| {module}.py | {total} | {killed} | {score} |", flush=True)
        if args.survivors:
            for name in survivors:
                print(f"|   survivor: `{name}` | | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
