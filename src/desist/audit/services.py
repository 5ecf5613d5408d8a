"""Writing to the audit trail. Called by services inside their own transaction."""

from __future__ import annotations

import json
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from . import chain
from .models import AuditEvent, ChainHead


def _fields(event: AuditEvent) -> dict[str, object]:
    """What the hash covers. Keep in step with verify_chain's query."""
    return {
        "seq": event.seq,
        "at": event.at.isoformat(),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "event": event.event,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "crn": event.crn,
        "source": event.source,
        "detail": event.detail,
    }


def source_of(request) -> str:
    if request is None:
        return ""
    return request.META.get("REMOTE_ADDR", "")[:100]


@transaction.atomic
def audit_record(
    *,
    actor,
    action: str,
    event: str,
    crn: str = "",
    object_type: str = "",
    object_id: object = "",
    detail: Mapping[str, object] | None = None,
    source: str = "",
) -> AuditEvent:
    """Append one event. Locks the chain head so rows are chained in commit order."""
    head = ChainHead.objects.select_for_update().filter(id=1).first()
    if head is None:  # the migration creates it; a database restored without it starts afresh
        head = ChainHead.objects.create(id=1)
    is_user = actor is not None and getattr(actor, "pk", None) is not None
    row = AuditEvent(
        seq=head.seq + 1,
        at=timezone.now(),
        actor=actor if is_user else None,
        actor_label=(actor.get_username() if is_user else str(actor or "system"))[:150],
        action=action,
        event=event,
        object_type=object_type,
        object_id=str(object_id),
        crn=crn,
        source=source,
        detail=dict(detail or {}),
        prev_hash=head.hash,
    )
    # Round-trip detail through JSON so the hash sees what the database will give back.
    row.detail = _json_roundtrip(row.detail)
    row.hash = chain.row_hash(row.prev_hash, _fields(row))
    row.save()
    head.seq, head.hash = row.seq, row.hash
    head.save(update_fields=["seq", "hash"])
    return row


def _json_roundtrip(value):
    return json.loads(json.dumps(value, default=str))


def verify_chain(batch_size: int = 5000) -> tuple[int, chain.ChainFault | None]:
    """Recompute the whole chain; return (rows checked, first fault or None)."""
    checked = 0

    def rows():
        nonlocal checked
        last_seq = 0
        while True:
            batch = list(
                AuditEvent.objects.filter(seq__gt=last_seq).order_by("seq")[:batch_size]
            )
            if not batch:
                return
            for event in batch:
                checked += 1
                yield event.pk, event.seq, event.prev_hash, event.hash, _fields(event)
            last_seq = batch[-1].seq

    fault = chain.verify(rows())
    if fault is None:
        head = ChainHead.objects.filter(id=1).first()
        if head is not None and head.seq != checked:
            fault = chain.ChainFault(checked + 1, None, "rows missing at the end of the trail")
    return checked, fault
