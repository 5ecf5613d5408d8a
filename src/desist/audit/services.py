"""Writing to the audit trail, sealing it into the chain, exporting and verifying it.

``audit_record`` is on the hot path of every audited request: it only inserts a row, inside the
caller's transaction, so it commits or rolls back with the change it records and takes no lock
shared with other requests. ``seal_pending`` (one sealer at a time, under the head row's lock)
chains committed rows in the order it finds them. See ADR 0004.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from . import chain
from .models import AuditEvent, ChainHead

log = logging.getLogger("desist.audit")


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


# --- Appending (hot path) -------------------------------------------------------------------


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
    """Append one event, unsealed. No shared lock: the id comes from the database sequence."""
    is_user = actor is not None and getattr(actor, "pk", None) is not None
    row = AuditEvent(
        at=timezone.now(),
        actor=actor if is_user else None,
        actor_label=(actor.get_username() if is_user else str(actor or "system"))[:150],
        action=action,
        event=event,
        object_type=object_type[:60],
        object_id=str(object_id)[:60],
        crn=crn[:10],
        source=source[:100],
        # Round-trip detail through JSON so the hash sees what the database will give back.
        detail=_json_roundtrip(dict(detail or {})),
    )
    row.save()
    return row


def _json_roundtrip(value):
    return json.loads(json.dumps(value, default=str))


# --- Sealing (the scheduler, every few seconds) ---------------------------------------------


def current_key() -> tuple[str, str]:
    key = settings.AUDIT_KEY
    return chain.key_id(key), key


def known_keys() -> dict[str, str]:
    keys = {chain.key_id(k): k for k in settings.AUDIT_OLD_KEYS}
    keys[chain.key_id(settings.AUDIT_KEY)] = settings.AUDIT_KEY
    return keys


_SEAL_SQL = (
    f"UPDATE {AuditEvent._meta.db_table} SET seq = %s, prev_hash = %s, hash = %s, key_id = %s "  # noqa: S608
    "WHERE id = %s AND seq IS NULL"
)


def _locked_head() -> ChainHead:
    """The head row, locked; recreated from the highest sealed row if someone deleted it."""
    head = ChainHead.objects.select_for_update().filter(id=1).first()
    if head is not None:
        return head
    last = (AuditEvent.objects.filter(seq__isnull=False).order_by("-seq")
            .values("seq", "hash").first())
    head, _ = ChainHead.objects.get_or_create(
        id=1, defaults={"seq": (last and last["seq"]) or 0,
                        "hash": last["hash"] if last else chain.GENESIS})
    head = ChainHead.objects.select_for_update().get(id=1)
    if last is None:
        return head  # a fresh trail (or one wholly truncated: the exported heads catch that)
    log.error("Audit chain head row was missing; recreated at seq %s", head.seq)
    # Recorded in the trail itself (sealed below with the rest), so verify can report it.
    audit_record(actor="desist sealer", action="system", event="audit_head_recreated",
                 detail={"seq": head.seq}, source="system")
    return head


@transaction.atomic
def seal_pending(limit: int = 5000) -> int:
    """Chain up to ``limit`` unsealed rows, oldest id first; returns how many were sealed.

    Rows of transactions still open are invisible here and are sealed on a later pass, so the
    chain order is the order rows became visible, not id order.
    """
    head = _locked_head()
    rows = list(AuditEvent.objects.filter(seq__isnull=True).order_by("id")[:limit])
    if not rows:
        return 0
    kid, key = current_key()
    seq, prev = head.seq, head.hash
    params = []
    for row in rows:
        seq += 1
        row.seq = seq
        digest = chain.row_hash(prev, _fields(row), key)
        params.append((seq, prev, digest, kid, row.pk))
        prev = digest
    with connection.cursor() as cursor:
        cursor.executemany(_SEAL_SQL, params)
    head.seq, head.hash = seq, prev
    head.save(update_fields=["seq", "hash"])
    return len(rows)


# --- Exporting the head (scheduled) and verifying -------------------------------------------


def export_head(path: Path | None = None) -> dict:
    """Append the sealed head to the export file and the log: a checkpoint kept off the database.

    Someone able to rewrite the database cannot also rewrite copies of this line already shipped
    to the log store or the file's backups, so truncation or a full rewrite is then detectable.
    """
    seal_pending()
    head = ChainHead.objects.filter(id=1).values("seq", "hash").first() or {
        "seq": 0, "hash": chain.GENESIS}
    checkpoint = {"seq": head["seq"], "hash": head["hash"], "at": timezone.now().isoformat()}
    path = Path(path or settings.AUDIT_HEAD_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(checkpoint) + "\n")
    log.info("Audit chain head seq=%s hash=%s", checkpoint["seq"], checkpoint["hash"])
    return checkpoint


def read_checkpoints(path: Path) -> list[dict]:
    checkpoints = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        # The export file, or log lines that carry the checkpoint's JSON.
        if line and "{" in line:
            entry = json.loads(line[line.index("{"):])
            if "seq" in entry and "hash" in entry:
                checkpoints.append({"seq": int(entry["seq"]), "hash": str(entry["hash"])})
    return checkpoints


@dataclass
class Verification:
    checked: int = 0
    fault: chain.ChainFault | None = None
    notices: list[str] = field(default_factory=list)


def verify_trail(batch_size: int = 5000, against: list[dict] | None = None) -> Verification:
    """Seal what is pending, recompute the whole chain, compare with exported checkpoints."""
    result = Verification()
    seal_pending()
    hashes_at: dict[int, str] = {}
    wanted = {c["seq"] for c in against or []}
    keys = known_keys()

    def rows():
        last_seq = 0
        while True:
            batch = list(AuditEvent.objects.filter(seq__gt=last_seq).order_by("seq")[:batch_size])
            if not batch:
                return
            for event in batch:
                seq = cast(int, event.seq)  # sealed rows (seq > 0) always have one
                result.checked += 1
                if seq in wanted:
                    hashes_at[seq] = event.hash
                if event.event == "audit_head_recreated":
                    result.notices.append(
                        f"the chain head row was deleted and recreated at seq "
                        f"{event.detail.get('seq')} on {event.at:%Y-%m-%d %H:%M} (seq {event.seq})")
                yield event.pk, seq, event.key_id, event.prev_hash, event.hash, _fields(event)
            last_seq = cast(int, batch[-1].seq)

    result.fault = chain.verify(rows(), keys)
    if result.fault is None:
        head = ChainHead.objects.filter(id=1).first()
        if head is not None and head.seq != result.checked:
            result.fault = chain.ChainFault(result.checked + 1, None,
                                            "rows missing at the end of the trail")
    if result.fault is None:
        for checkpoint in against or []:
            seq = checkpoint["seq"]
            if seq == 0:
                continue
            if seq not in hashes_at:
                result.fault = chain.ChainFault(
                    seq, None, "exported checkpoint not in the trail (truncated)")
                break
            if hashes_at[seq] != checkpoint["hash"]:
                result.fault = chain.ChainFault(
                    seq, None, "hash differs from the exported checkpoint (rewritten)")
                break
    return result


def verify_chain(batch_size: int = 5000) -> tuple[int, chain.ChainFault | None]:
    """Recompute the whole chain; return (rows checked, first fault or None)."""
    result = verify_trail(batch_size)
    return result.checked, result.fault
