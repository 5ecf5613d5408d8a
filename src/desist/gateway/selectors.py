"""Reads for the gateway: the code tables, a case's national-record view, what to export."""

from __future__ import annotations

import json
from pathlib import Path

from django.db.models import QuerySet

from .models import CodeEntry, ImportBatch, NationalRecord
from .parse import TABLES, Codes

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
    return record["view"]


def record_for(crn: str) -> NationalRecord | None:
    return NationalRecord.objects.select_related("person").filter(crn=crn).first()


def recent_batches(limit: int = 20) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.order_by("-started_at")[:limit]
