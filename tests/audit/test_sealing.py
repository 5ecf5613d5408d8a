"""The keyed chain (ADR 0004): lock-free appends sealed by the sealer, HMAC with a key outside
the database, exported heads, the PostgreSQL trigger, a deleted head row, refused reads audited."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from desist.audit import chain
from desist.audit.models import AuditEvent, ChainHead
from desist.audit.services import (
    audit_record,
    export_head,
    read_checkpoints,
    seal_pending,
    verify_chain,
    verify_trail,
)
from desist.organisation.roles import Role

from .test_chain import tamper

TABLE = AuditEvent._meta.db_table


def _append(n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        audit_record(actor="test", action="read", event="case_viewed", crn=f"A{i:06d}")


def _rehash_from(seq: int, key: str | None, key_id: str) -> None:
    """What a tamperer does: recompute every hash from ``seq`` on, with the key they have."""
    prev = AuditEvent.objects.get(seq=seq - 1).hash if seq > 1 else chain.GENESIS
    from desist.audit.services import _fields

    for event in AuditEvent.objects.filter(seq__gte=seq).order_by("seq"):
        digest = chain.row_hash(prev, _fields(event), key)
        tamper("UPDATE {table} SET prev_hash = %s, hash = %s, key_id = %s WHERE id = %s",
               [prev, digest, key_id, event.pk])
        prev = digest
    tamper_head(AuditEvent.objects.order_by("-seq").first())


def tamper_head(last) -> None:
    ChainHead.objects.filter(id=1).update(seq=last.seq if last else 0,
                                          hash=last.hash if last else chain.GENESIS)


def test_appends_take_no_chain_position_until_sealed(db):
    _append(3)
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == [None, None, None]
    assert ChainHead.objects.get(id=1).seq == 0  # the head is not touched on the hot path
    assert seal_pending() == 3
    assert list(AuditEvent.objects.order_by("id").values_list("seq", flat=True)) == [1, 2, 3]
    assert ChainHead.objects.get(id=1).seq == 3
    assert seal_pending() == 0


def test_rows_are_keyed_hmacs_not_plain_hashes(db, settings):
    _append(1)
    seal_pending()
    row = AuditEvent.objects.get()
    assert row.key_id == chain.key_id(settings.AUDIT_KEY)
    from desist.audit.services import _fields

    assert row.hash == chain.row_hash(chain.GENESIS, _fields(row), settings.AUDIT_KEY)
    assert row.hash != chain.row_hash(chain.GENESIS, _fields(row), None)


@pytest.mark.django_db(transaction=True)
def test_a_rewrite_without_the_key_is_detected_even_with_every_hash_recomputed(settings):
    _append(5)
    seal_pending()
    tamper("UPDATE {table} SET crn = %s WHERE seq = 3", ["Z999999"])
    # Plain SHA-256 from the altered row on: the old scheme's whole-tail rewrite.
    _rehash_from(3, None, chain.LEGACY_KEY_ID)
    _, fault = verify_chain()
    assert fault is not None and fault.seq == 3 and "unkeyed" in fault.problem
    # A guessed key under the real key's id.
    _rehash_from(3, "guessed-key", chain.key_id(settings.AUDIT_KEY))
    _, fault = verify_chain()
    assert fault is not None and fault.seq == 3 and "altered" in fault.problem


def test_key_rotation_keeps_old_rows_verifiable(db, settings):
    _append(2)
    seal_pending()
    old = settings.AUDIT_KEY
    settings.AUDIT_KEY = "a-new-audit-key-of-at-least-thirty-two-characters"
    settings.AUDIT_OLD_KEYS = [old]
    _append(2, start=2)
    seal_pending()
    assert len(set(AuditEvent.objects.values_list("key_id", flat=True))) == 2
    assert verify_chain() == (4, None)
    settings.AUDIT_OLD_KEYS = []  # the old key lost: its rows can no longer be vouched for
    _, fault = verify_chain()
    assert fault is not None and fault.seq == 1 and "unknown key" in fault.problem


@pytest.mark.django_db(transaction=True)
def test_truncating_the_tail_and_the_head_is_caught_by_the_exported_head(tmp_path, settings):
    export = tmp_path / "head.jsonl"
    _append(6)
    export_head(export)
    assert read_checkpoints(export)[-1]["seq"] == 6
    tamper("DELETE FROM {table} WHERE seq > 4")
    tamper_head(AuditEvent.objects.get(seq=4))
    assert verify_chain() == (4, None)  # consistent inside the database
    result = verify_trail(against=read_checkpoints(export))
    assert result.fault is not None and result.fault.seq == 6 and "truncated" in result.fault.problem
    with pytest.raises(CommandError, match="truncated"):
        call_command("audit", "verify", "--against", str(export))


@pytest.mark.django_db(transaction=True)
def test_a_full_rewrite_with_the_key_is_caught_by_the_exported_head(tmp_path, settings):
    export = tmp_path / "head.jsonl"
    _append(4)
    export_head(export)
    tamper("UPDATE {table} SET crn = %s WHERE seq = 2", ["Z999999"])
    _rehash_from(2, settings.AUDIT_KEY, chain.key_id(settings.AUDIT_KEY))
    assert verify_chain() == (4, None)  # whoever has the key can make the chain consistent…
    result = verify_trail(against=read_checkpoints(export))
    assert result.fault is not None and "rewritten" in result.fault.problem  # …but not the export


def test_export_head_appends_json_lines_and_log_lines_also_verify(db, tmp_path, caplog):
    export = tmp_path / "head.jsonl"
    with transaction.atomic():
        _append(2)
    caplog.set_level("INFO", logger="desist.audit")
    export_head(export)
    _append(1)
    export_head(export)
    lines = [json.loads(line) for line in export.read_text().splitlines()]
    assert [line["seq"] for line in lines] == [2, 3]
    log_file = tmp_path / "from-logs.txt"
    log_file.write_text("\n".join(f'app-1 | {json.dumps(line)}' for line in lines))
    assert [c["seq"] for c in read_checkpoints(log_file)] == [2, 3]
    call_command("audit", "verify", "--against", str(log_file))
    assert any("Audit chain head seq=3" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db(transaction=True)
def test_postgresql_refuses_update_and_delete_of_audit_rows():
    """On PostgreSQL the trigger refuses; on SQLite (the demo) verify is the safeguard."""
    _append(2)
    seal_pending()
    row = AuditEvent.objects.get(seq=1)
    statements = [
        (f"UPDATE {TABLE} SET crn = 'Z999999' WHERE id = %s", [row.pk]),  # noqa: S608
        (f"UPDATE {TABLE} SET hash = 'x', seq = 1 WHERE id = %s", [row.pk]),  # noqa: S608
        (f"DELETE FROM {TABLE} WHERE id = %s", [row.pk]),  # noqa: S608
    ]
    for statement, params in statements:
        if connection.vendor == "postgresql":
            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(statement, params)
        else:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(statement, params)
            assert verify_chain()[1] is not None
            break
    if connection.vendor == "postgresql":
        assert verify_chain() == (2, None)
        # Sealing an unsealed row is the one update allowed, and only without content changes.
        _append(1)
        pending = AuditEvent.objects.get(seq__isnull=True)
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"UPDATE {TABLE} SET seq = 3, crn = 'Z1' WHERE id = %s",  # noqa: S608
                               [pending.pk])
        assert seal_pending() == 1


@pytest.mark.django_db(transaction=True)
def test_deleting_the_head_row_breaks_nothing_and_verify_reports_it(case, staff_by_role, client):
    _append(3)
    seal_pending()
    sealed = AuditEvent.objects.order_by("-seq").first().seq  # the fixtures' events and these 3
    assert sealed >= 3
    ChainHead.objects.all().delete()
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    assert client.get(f"/cases/{case.crn}/").status_code == 200  # audited read still works
    assert seal_pending() >= 2  # the read and the recreation notice
    head = ChainHead.objects.get(id=1)
    assert head.seq == AuditEvent.objects.order_by("-seq").first().seq
    result = verify_trail()
    assert result.fault is None
    assert any(f"head row was deleted and recreated at seq {sealed}" in n for n in result.notices)
    from io import StringIO

    err = StringIO()
    call_command("audit", "verify", stderr=err)
    assert f"recreated at seq {sealed}" in err.getvalue()
