"""The test suite's flush (config/test_database): it empties every table between transactional
tests, the append-only audit trail included, as Django's TRUNCATE did — only faster."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from desist.audit.models import AuditEvent
from desist.people.models import Person


def _non_empty_tables() -> list[str]:
    with connection.cursor() as cursor:
        found = []
        for model in apps.get_models(include_auto_created=True):
            if not model._meta.managed:
                continue
            table = model._meta.db_table
            quoted = connection.ops.quote_name(table)  # a model's table, quoted
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quoted})")  # noqa: S608
            if cursor.fetchone()[0]:
                found.append(table)
        return sorted(found)


@pytest.mark.django_db(transaction=True)
def test_flush_empties_every_table_including_the_audit_trail(case, staff_by_role):
    from desist.audit import events

    events.case_viewed(user=next(iter(staff_by_role.values())).user, person=case, page="summary")
    assert Person.objects.exists() and AuditEvent.objects.exists()

    call_command("flush", verbosity=0, interactive=False, reset_sequences=False,
                 inhibit_post_migrate=True)

    assert _non_empty_tables() == []


def test_on_postgresql_the_flush_deletes_and_truncates_only_the_audit_trail():
    from desist.config.test_database.base import DatabaseOperations

    ops = DatabaseOperations(connection)
    sql = ops.sql_flush(no_style(), ["people_person", "audit_auditevent", "auth_user"])

    assert sql == ['SET CONSTRAINTS ALL DEFERRED;', 'DELETE FROM "people_person";',
                   'DELETE FROM "auth_user";', 'TRUNCATE "audit_auditevent";']
    # Sequences reset (never asked for by the suite): Django's own TRUNCATE … RESTART IDENTITY.
    assert ops.sql_flush(no_style(), ["auth_user"], reset_sequences=True) == [
        'TRUNCATE "auth_user" RESTART IDENTITY;']
