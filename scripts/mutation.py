#!/usr/bin/env python3
"""Mutation testing of the rules core: how many deliberate mistakes the tests catch.

    .venv/bin/python scripts/mutation.py [MODULE ...] [--children N]

For each module of ``src/desist/rules/`` (all of them by default), mutmut makes small changes
to the code (``<`` for ``<=``, 28 for 29, a reason's text altered …) and runs the rules tests
against each; a change no test notices "survives". Each module runs in its own scratch copy of
the project, so runs never disturb the working tree, and the table printed at the end is the
one recorded in ``docs/testing.md``. Needs ``pip install -e '.[mutation]'``.

A module may be a package (``unpaid_work``: every file of ``rules/unpaid_work/``, one row each
and a row for the whole) or one file of it (``unpaid_work.ledger``).
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
# imports in the mutated modules, and the reasons convention (ADR 0016) reads each module's
# source, where mutmut's copies of every function hold the text reasons it refuses. They check
# source text, not behaviour, so no mutant is missed by leaving them out.
_CONVENTION = "tests/rules/test_reason_templates.py::"
IGNORE = ["--ignore=tests/rules/test_no_django.py",
          "--deselect", _CONVENTION + "test_a_converted_module_builds_its_reasons_from_templates",
          "--deselect",
          _CONVENTION + "test_every_module_that_builds_reasons_is_either_converted_or_listed_as_not_yet",
          "--deselect",
          _CONVENTION + "test_every_template_of_a_converted_module_is_in_the_welsh_catalogue"]
# Rules tests that test no rule (this script's own test names rules modules in its examples).
NOT_RULE_TESTS = frozenset({"test_no_django.py", "test_mutation_selection.py"})
# mutmut's exit codes that mean a test noticed the mutant: a failure (1), a pytest internal
# error (3), a timeout (24, 36, 152, 255, -24) or the type checker (37).
CAUGHT = frozenset({1, 3, 24, 36, 37, 152, 255, -24})


def top(module: str) -> str:
    """The rules module or package a name belongs to: ``unpaid_work.ledger`` → ``unpaid_work``."""
    return module.split(".", 1)[0]


def source_of(module: str) -> Path:
    """The file or package folder of ``module`` (``rar``, ``unpaid_work``,
    ``unpaid_work.ledger``)."""
    parts = module.split(".")
    folder = RULES.joinpath(*parts)
    if (folder / "__init__.py").exists():
        return folder
    return RULES.joinpath(*parts[:-1], f"{parts[-1]}.py")


def all_modules() -> list[str]:
    """Every rules module and package, by name (``cli`` and ``__init__`` left out)."""
    files = {p.stem for p in RULES.glob("*.py")} - {"__init__", "cli"}
    packages = {p.parent.name for p in RULES.glob("*/__init__.py")}
    return sorted(files | packages)


def tests_for(module: str) -> list[str]:
    """The rules tests that import ``module`` (the narrowest selection that can kill its
    mutants); all of ``tests/rules/`` if none does. For a file of a package, the tests that
    import the package (which names what its files define) or the file itself."""
    found = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "tests" / "rules").glob("test_*.py")
        if path.name not in NOT_RULE_TESTS and imports(path.read_text(), module)
    )
    return found or ["tests/rules/"]


def imports(source: str, module: str) -> bool:
    """Whether test ``source`` imports the rules module (or package) ``module`` belongs to:
    ``desist.rules.<name>`` anywhere, or ``<name>`` in a ``from desist.rules import`` on one
    line or in brackets over several (a test written that way used to be left out)."""
    name = re.escape(top(module))
    return re.search(rf"desist\.rules\.{name}\b|from desist\.rules import "
                     rf"(?:\([^)]*\b{name}\b|[^\n(]*\b{name}\b)", source) is not None


def own_tests_of(module: str) -> list[str]:
    """The module's own test files (``test_<module>.py``, ``test_<module>_*.py``; for a file
    of a package, the package's): quicker than every test that imports it, so a module can be
    measured within CI's budget."""
    rules = ROOT / "tests" / "rules"
    name = top(module)
    return sorted(str(p.relative_to(ROOT)) for p in [*rules.glob(f"test_{name}.py"),
                                                      *rules.glob(f"test_{name}_*.py")])


def config(module: str, tests: list[str]) -> str:
    args = [*IGNORE, "-p", "no:xdist", "-p", "no:cacheprovider"]
    return (
        "\n[tool.mutmut]\n"
        f"paths_to_mutate = {json.dumps([str(source_of(module).relative_to(ROOT))])}\n"
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
    changed = set()
    for name in names.splitlines():
        path = Path(name)
        if path.suffix != ".py" or not (ROOT / path).exists() or path.stem in {"__init__", "cli"}:
            continue
        parts = path.relative_to("src/desist/rules").with_suffix("").parts
        changed.add(".".join(parts))  # a file of a package as ``package.file``
    return sorted(changed)


Outcome = tuple[int, int, list[str]]


class MutmutFailed(Exception):
    """mutmut did not finish its run (the message ends with the tail of its output)."""


def run(module: str, children: int, mutmut: Path, tests: list[str],
        show: bool = False, budget: float | None = None) -> dict[str, Outcome] | None:
    """{file's module name: (mutants, killed, survivors)} for one module (one entry) or a
    package (one per file); ``show`` prints each survivor's diff. None if it did not finish
    within ``budget`` seconds."""
    with tempfile.TemporaryDirectory(prefix=f"mutation-{module}-") as scratch:
        work = Path(scratch)
        shutil.copytree(ROOT / "src", work / "src", symlinks=False,
                        ignore=shutil.ignore_patterns("static", "__pycache__"))
        shutil.copytree(ROOT / "tests", work / "tests", ignore=shutil.ignore_patterns("__pycache__"))
        (work / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text()
                                               + config(module, tests))
        env = {**os.environ, "PYTHONPATH": ""}
        log = work / "mutmut.log"
        with log.open("w") as output:
            process = subprocess.Popen([str(mutmut), "run", "--max-children", str(children)],  # noqa: S603
                                       cwd=work, env=env, start_new_session=True,
                                       stdout=output, stderr=subprocess.STDOUT)
            try:
                process.wait(timeout=budget)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                return None
        if process.returncode != 0:
            # Most often the tests fail with no mutant at all (mutmut's "failed to collect
            # stats"): every mutant would then read as a survivor, and the score as 0%.
            tail = log.read_text(errors="replace").strip().splitlines()[-15:]
            raise MutmutFailed(f"mutmut exited with {process.returncode}:\n" + "\n".join(tail))
        source = source_of(module)
        mutated = work / "mutants" / source.relative_to(ROOT)
        metas = (sorted(mutated.rglob("*.py.meta")) if source.is_dir()
                 else [mutated.with_name(f"{mutated.name}.meta")])
        if not metas or not all(meta.exists() for meta in metas):
            raise SystemExit(f"{module}: mutmut did not run (try it by hand in a scratch copy)")
        outcomes = {}
        for meta in metas:
            name = ".".join(meta.relative_to(work / "mutants" / RULES.relative_to(ROOT))
                            .with_suffix("").with_suffix("").parts)
            codes = json.loads(meta.read_text())["exit_code_by_key"]
            # A mutant no selected test runs ("no tests", exit code 33 or 5) was not caught: it
            # counts against the score and is listed with the survivors (before 2026-12-02 it
            # was counted as killed).
            survivors = sorted(f"{k} (no tests)" if code in (5, 33) else k
                               for k, code in codes.items() if code not in CAUGHT)
            killed = sum(1 for code in codes.values() if code in CAUGHT)
            if show:
                _show(meta.with_suffix(""), survivors)
            outcomes[name] = (len(codes), killed, survivors)
        return outcomes


def _show(mutated: Path, survivors: list[str]) -> None:
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


def _row(name: str, total: int, killed: int, survivors: list[str], suffix: str = ".py") -> None:
    """One line of the score table, then each survivor (when listed)."""
    score = f"{100 * killed / total:.1f}%" if total else "–"
    print(f"| {name.replace('.', '/')}{suffix} | {total} | {killed} | {score} |", flush=True)
    for survivor in survivors:
        print(f"|   survivor: `{survivor}` | | | |")


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
    modules = args.modules or all_modules()
    own_tests = False
    if args.changed is not None:
        changed = changed_modules(args.changed or None)
        if changed is None:
            print("mutation: skipped (no git history to tell which rules modules changed)")
            return 0
        touched = [m for m in changed if m in modules or top(m) in modules]
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
        try:
            outcome = None if left is not None and left <= 0 else run(
                module, args.children, mutmut, tests, show=args.show, budget=left)
        except MutmutFailed as failed:
            print(f"| {module.replace('.', '/')} | not measured: {str(failed).splitlines()[0]} "
                  "(its tests fail without a mutant; output below) | | |", flush=True)
            print(str(failed), file=sys.stderr, flush=True)
            continue
        if outcome is None:
            print(f"| {module.replace('.', '/')} | not finished within {args.budget:.0f} s: run "
                  f"`make mutation MODULES={module}` | | |", flush=True)
            continue
        for name, (total, killed, survivors) in outcome.items():
            if total or len(outcome) == 1:  # a package's __init__ of imports only: no row
                _row(name, total, killed, survivors if args.survivors else [])
        if len(outcome) > 1:
            total = sum(t for t, _, _ in outcome.values())
            killed = sum(k for _, k, _ in outcome.values())
            _row(f"{module} (all {len(outcome)} files)", total, killed, [], suffix="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
