"""On PostgreSQL the application's role cannot UPDATE, DELETE or TRUNCATE audit rows (issue 13
item 3): privileges set by ``desist audit restrict-role`` and, independently of them, triggers
(migrations ``audit.0004`` rows, ``audit.0005`` TRUNCATE, which row triggers never see).

Roles are cluster-wide, so each test creates its own inside the test's transaction, which rolls
back at the end (role, grants and all). On SQLite (the demo) there are no roles: the command says
so, and ``desist audit verify`` is the safeguard (tests/audit).
"""

from __future__ import annotations

import contextlib
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from desist.audit.models import AuditEvent
from desist.audit.services import audit_record, seal_pending, verify_chain

TABLE = AuditEvent._meta.db_table
REWRITES = [
    f"UPDATE {TABLE} SET crn = 'Z999999'",  # noqa: S608
    f"UPDATE {TABLE} SET hash = 'x', seq = seq",  # noqa: S608
    f"DELETE FROM {TABLE}",  # noqa: S608
    f"TRUNCATE {TABLE}",
    "TRUNCATE auth_user CASCADE",  # takes the audit table with it
]


def _sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def role(db):
    name = f"desist_app_{uuid.uuid4().hex[:10]}"
    if connection.vendor == "postgresql":
        _sql(f"CREATE ROLE {name} NOLOGIN")  # rolled back with the test's transaction
    return name


@contextlib.contextmanager
def acting_as(role: str):
    _sql(f"SET ROLE {role}")
    try:
        yield
    finally:
        _sql("RESET ROLE")


def _refused(statement: str, match: str) -> None:
    with pytest.raises(DatabaseError, match=match), transaction.atomic():
        _sql(statement)


def _trail(n: int) -> None:
    for i in range(n):
        audit_record(actor="test", action="read", event="case_viewed", crn=f"A{i:06d}")
    seal_pending()


def test_the_restricted_role_writes_and_seals_but_cannot_rewrite_the_trail(role):
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="only on PostgreSQL"):
            call_command("audit", "restrict-role", role)
        return
    _trail(2)
    call_command("audit", "restrict-role", role, stdout=open("/dev/null", "w"))  # noqa: SIM115
    before = AuditEvent.objects.count()
    with acting_as(role):
        _trail(3)  # the application's own work: append, then seal (UPDATE of the seal columns)
        for statement in REWRITES:
            # The seal columns are the one UPDATE granted; re-sealing a sealed row is the trigger's.
            _refused(statement, "append-only" if "seq = seq" in statement else "permission denied")
        assert AuditEvent.objects.count() == before + 3
    assert verify_chain() == (before + 3, None)


def test_truncate_is_refused_by_the_trigger_even_when_granted(role):
    """A GRANT ALL by mistake (or the app running as a non-superuser owner): the trigger holds."""
    if connection.vendor != "postgresql":
        return  # no TRUNCATE privilege model on SQLite; the command refusal is tested above
    _trail(2)
    _sql(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}")
    with acting_as(role):
        for statement in REWRITES[:3]:
            _refused(statement, "append-only")  # row trigger (0004)
        _sql("SET CONSTRAINTS ALL IMMEDIATE")  # else: "pending trigger events" of this test's rows
        for statement in REWRITES[3:]:
            _refused(statement, "append-only: TRUNCATE refused")  # statement trigger (0005)
    assert verify_chain() == (2, None)


def test_restrict_role_refuses_a_superuser_and_an_unknown_role(role):
    if connection.vendor != "postgresql":
        return
    with pytest.raises(CommandError, match="no database role"):
        call_command("audit", "restrict-role", "desist_nobody_" + uuid.uuid4().hex[:8])
    with pytest.raises(CommandError, match="superuser"):
        call_command("audit", "restrict-role", connection.settings_dict["USER"])
    with pytest.raises(CommandError, match="Name the application"):
        call_command("audit", "restrict-role")
