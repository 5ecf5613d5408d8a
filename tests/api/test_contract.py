"""The JSON API keeps its contract: Schemathesis, against the real server, as every role.

Schemathesis reads ``/api/schema`` and sends generated requests to every operation (its examples,
coverage, fuzzing and stateful phases) with all of its checks. The test fails on any server error,
any response that does not match the schema, and any status code the schema does not document
(issue: "The JSON API as a contract"). The demo provider gives it real cases to find: a schema
that only answers 404 would prove little. ``DESIST_CONTRACT_EXAMPLES`` raises the number of
generated examples per operation for a deeper run by hand.

The coverage phase (boundary and negative values for every parameter, about three quarters of
the walk's time) runs for the officer only: what it exercises, the parsing and validation of
inputs, is the same code for every role, while the role-specific paths (scopes, access rules,
what each role's cases make reachable) are walked for every role by the examples, fuzzing and
stateful phases. ``DESIST_CONTRACT_COVERAGE_ALL=1`` runs it for every role.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from rest_framework.authtoken.models import Token

ROOT = Path(__file__).resolve().parents[2]
ST = Path(sys.executable).with_name("st")
EXAMPLES = os.environ.get("DESIST_CONTRACT_EXAMPLES", "4")
SUMMARY = re.compile(r"^\s*(Selected:|Tested:|\d+ generated|❌|✅|⚠️)", re.MULTILINE)


ALL_PHASES = "examples,coverage,fuzzing,stateful"
COVERAGE_FOR_EVERY_ROLE = os.environ.get("DESIST_CONTRACT_COVERAGE_ALL") == "1"


def phases_for(role: str) -> str:
    if role == "officer" or COVERAGE_FOR_EVERY_ROLE:
        return ALL_PHASES
    return "examples,fuzzing,stateful"


def schemathesis_run(url: str, token: str, tmp_path: Path, phases: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ST), "--config-file", str(ROOT / "schemathesis.toml"), "run", f"{url}/api/schema",
         "--header", f"Authorization: Token {token}", "--checks", "all", "--phases", phases,
         "--max-examples", EXAMPLES, "--seed", "20261202", "--no-color",
         "--report", "junit", "--report-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=900, cwd=tmp_path, check=False,
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", ["officer", "manager", "hub", "partner", "auditor"])
def test_schemathesis_finds_no_server_error_schema_violation_or_undocumented_status(
        role, live_server, tmp_path, record_property):
    call_command("demo", people="150", no_serve=True, verbosity=0)
    user = get_user_model().objects.get(username=role)
    token = Token.objects.get_or_create(user=user)[0].key

    result = schemathesis_run(live_server.url, token, tmp_path, phases_for(role))

    summary = "\n".join(line.strip() for line in result.stdout.splitlines() if SUMMARY.match(line))
    record_property("api_contract", f"{role}: " + "; ".join(summary.splitlines()))
    assert "Tested: 35" in result.stdout or re.search(r"Tested: (\d+)", result.stdout), result.stdout
    assert result.returncode == 0, result.stdout[-12000:]
