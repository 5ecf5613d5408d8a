"""Reads for the gateway: the code tables, a case's national-record view, what to export."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from django.db.models import QuerySet

from .models import COUNTS, CodeEntry, ImportBatch, NationalRecord
from .parse import TABLES, Codes, in_contract_order

DEFAULTS_FILE = Path(__file__).with_name("codes.json")


def default_tables() -> dict:
    """The shipped defaults: ``{table: {code: [value, label]}}``."""
    data = json.loads(DEFAULTS_FILE.read_text(encoding="utf-8"))
    return {table: data.get(table, {}) for table in TABLES}


def codes() -> Codes:
    """The code tables in force: the rows of ``CodeEntry`` (the shipped defaults if empty)."""
    tables: dict[str, dict[str, str]] = {table: {} for table in TABLES}
    rows = list(CodeEntry.objects.values_list("table", "code", "value"))
    if not rows:
        for table, entries in default_tables().items():
            tables[table] = {code: pair[0] for code, pair in entries.items()}
        return Codes(tables)
    for table, code, value in rows:
        tables.setdefault(table, {})[code] = value
    return Codes(tables)


def code_rows() -> QuerySet[CodeEntry]:
    return CodeEntry.objects.order_by("table", "code")


def national_view(crn: str) -> dict | None:
    """The read-back contract for one CRN (docs/gateway.md), or None if never imported."""
    record = (NationalRecord.objects.filter(crn=crn)
              .values("view", "person__restricted").first())
    if record is None:
        return None
    return in_contract_order(record["view"])


def record_for(crn: str) -> NationalRecord | None:
    return NationalRecord.objects.select_related("person").filter(crn=crn).first()


# --- the import ledger, provider by provider ----------------------------------------------------

def _share_of(batch: ImportBatch, provider_id: int) -> ImportBatch:
    """The batch as one provider sees it: its part of the counts and its own rejections."""
    seen = copy.copy(batch)
    share = batch.shares.get(str(provider_id), {})
    for name in COUNTS:
        setattr(seen, name, share.get(name, 0))
    # Never the batch's own list: another provider's rejections are not this one's to read.
    seen.errors = [] if "errors" in batch.get_deferred_fields() else [
        {k: e.get(k) for k in ("crn", "field", "reason")}
        for e in batch.errors if e.get("provider") == provider_id]
    return seen


def _ledger_of(user) -> tuple[QuerySet[ImportBatch], int | None]:
    provider_id = getattr(getattr(user, "staff", None), "provider_id", None)
    if provider_id is None:
        return ImportBatch.objects.none(), None
    return ImportBatch.objects.filter(shares__has_key=str(provider_id)), provider_id


def recent_batches(user, limit: int = 20, *, errors: bool = True) -> list[ImportBatch]:
    """The batches the user's provider has a part in, newest first (each as its share)."""
    batches, provider_id = _ledger_of(user)
    if not errors:
        batches = batches.defer("errors")
    return [_share_of(b, provider_id) for b in batches.order_by("-started_at", "-pk")[:limit]]


# --- export (ContactSummary shape) -------------------------------------------------------------

CONTACT_TYPES = {"officer": "COAP", "induction": "COAP", "partner": "COAP", "programme": "COAP",
                 "upw": "CUPW"}


def _pair(codes_, table: str, value, labels: dict) -> dict | None:
    code = codes_.code_for(table, value)
    if code is None:
        return None
    return {"code": code, "description": labels.get((table, code), "")}


def export_contacts(*, people=None, since=None, crn: str | None = None) -> list[dict]:
    """Desist's appointments (with their outcomes) and enforcement actions as ContactSummary
    records for the national record, codes from the gateway's code tables (docs/gateway.md).
    ``people`` limits to a queryset of cases (the caller's visible cases over the API)."""
    from desist.appointments.models import Appointment
    from desist.compliance.models import EnforcementAction

    table = codes()
    labels = {(t, c): label for t, c, label in CodeEntry.objects.values_list(
        "table", "code", "label")}
    appointments = Appointment.objects.select_related("person", "officer").order_by(
        "starts_at", "pk")
    actions = EnforcementAction.objects.select_related("person").order_by("on", "pk")
    if people is not None:
        appointments = appointments.filter(person__in=people)
        actions = actions.filter(person__in=people)
    if crn:
        appointments = appointments.filter(person__crn=crn)
        actions = actions.filter(person__crn=crn)
    if since:
        appointments = appointments.filter(starts_at__date__gte=since)
        actions = actions.filter(on__gte=since)
    rows = []
    for a in appointments:
        outcome = None
        if a.outcome:
            pair = _pair(table, "contact_outcome", a.outcome, labels)
            outcome = pair and {**pair, "attended": a.outcome == "attended",
                                "complied": a.outcome == "attended"}
        type_code = CONTACT_TYPES.get(a.kind, "COAP")
        rows.append({
            "crn": a.person.crn, "contactId": None,
            "externalReference": f"urn:desist:appointment:{a.pk}",
            "contactStart": a.starts_at.isoformat(), "contactEnd": a.ends_at.isoformat(),
            "type": {"code": type_code,
                     "description": labels.get(("contact_type", type_code), ""),
                     "appointment": True},
            "outcome": outcome,
            "enforcement": None,
            "rarActivity": a.rar_activity,
            "sensitive": a.sensitive,
            "staff": {"code": a.officer.staff_code} if a.officer_id else None,
            "notes": a.purpose,
        })
    for action in actions:
        pair = _pair(table, "enforcement_action", action.kind, labels)
        rows.append({
            "crn": action.person.crn, "contactId": None,
            "externalReference": f"urn:desist:enforcement:{action.pk}",
            "contactStart": action.on.isoformat(), "contactEnd": None,
            "type": {"code": "EACT", "description": "Enforcement Action", "appointment": False},
            "outcome": None,
            "enforcement": {"enforcementAction": pair, "actionTakenDate": action.on.isoformat(),
                            "responseDate": action.due_on.isoformat()},
            "rarActivity": False, "sensitive": False, "staff": None, "notes": "",
        })
    return rows


def batch_for(user, pk: int) -> ImportBatch | None:
    """One batch as the user's provider sees it, or None (missing or not theirs: the same)."""
    batches, provider_id = _ledger_of(user)
    found = batches.filter(pk=pk).first()
    return None if found is None else _share_of(found, provider_id)
