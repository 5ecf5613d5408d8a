"""The rules core is type-checked (ADR 0010): mypy with the project's ``[tool.mypy]`` finds no
error in ``desist.rules``, and does find a deliberate one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MYPY = Path(sys.executable).parent / "mypy"

# Engine-independent: CI runs it once (on PostgreSQL), as scripts/test.sh also runs mypy itself.
pytestmark = pytest.mark.one_database


def mypy(cwd: Path, *targets: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own venv's mypy on our own files
        [str(MYPY), "--no-incremental", "--config-file", str(cwd / "pyproject.toml"), *targets],
        cwd=cwd, capture_output=True, text=True, check=False, timeout=600,
    )


def test_the_rules_core_has_no_type_errors():
    done = mypy(ROOT, "src/desist/rules")
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_deliberate_type_error_in_the_rules_core_fails(tmp_path):
    shutil.copytree(ROOT / "src" / "desist" / "rules", tmp_path / "src" / "desist" / "rules",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "src" / "desist" / "__init__.py").write_text("")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    # The slip mypy is here to catch: a value that may be None used as if it were not.
    (tmp_path / "src" / "desist" / "rules" / "slip.py").write_text(
        "from datetime import date\n\n"
        "from desist.rules.timescales import format_date\n\n\n"
        "def when(day: date | None) -> str:\n"
        "    return format_date(day)\n"
    )
    done = mypy(tmp_path, "src/desist/rules")
    assert done.returncode == 1
    assert 'slip.py:7: error: Argument 1 to "format_date" has incompatible type "date | None"' in (
        done.stdout)
