"""The rules core and the services are type-checked (ADR 0010): mypy with the project's
``[tool.mypy]`` finds no error in ``desist.rules`` or any ``<app>/services.py``, and does find a
deliberate one in each."""

from __future__ import annotations

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


def test_the_rules_core_and_the_services_have_no_type_errors():
    done = mypy(ROOT)  # the files [tool.mypy] lists: desist.rules and every app's services
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_deliberate_type_error_in_the_rules_core_fails(tmp_path):
    # The slip mypy is here to catch: a value that may be None used as if it were not.
    slip = tmp_path / "slip.py"
    slip.write_text(
        "from datetime import date\n\n"
        "from desist.rules.timescales import format_date\n\n\n"
        "def when(day: date | None) -> str:\n"
        "    return format_date(day)\n"
    )
    done = mypy(ROOT, str(slip))
    assert done.returncode == 1
    assert 'slip.py:7: error: Argument 1 to "format_date" has incompatible type "date | None"' in (
        done.stdout)


def test_a_deliberate_type_error_in_a_service_fails(tmp_path):
    """With Django's stubs a nullable foreign key is ``Venue | None``: a service reading it
    without a check is an error (the slips fixed in the services were of this kind)."""
    slip = tmp_path / "service_slip.py"
    slip.write_text(
        "from desist.appointments.models import Appointment\n\n\n"
        "def where(appointment: Appointment) -> str:\n"
        "    return appointment.venue.name\n"
    )
    done = mypy(ROOT, str(slip))
    assert done.returncode == 1
    assert 'service_slip.py:5: error: Item "None" of "Venue | None" has no attribute "name"' in (
        done.stdout), done.stdout
