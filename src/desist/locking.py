"""Optimistic locking, one way (issue 14 item 3; ADR 0006 for the refusal).

Records two people may edit at once carry ``version``. A form (or API client) sends back the
version it was opened with; the service takes the row with ``locked_for_edit`` (under
``select_for_update``, inside its transaction), which refuses with ``StaleRecordError`` (409)
when someone has saved since; then ``save_edits`` writes **only the fields whose value changed**
and bumps the version **only when one did** — a write that changes nothing (a risk assessment
that leaves the RoSH as it was) never makes someone else's open form stale, and a field the
form did not edit is never written back.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from desist.forms import StaleRecordError


def check_version(record: Any, expected_version: int | None, *, message: str = "") -> None:
    """Refuse (409) when ``record`` is not at the version the form was opened with (``None``:
    the caller has no version to compare, as for a write no form opened). For a service that
    checks the record's state first and its version second; else use ``locked_for_edit``."""
    if expected_version is not None and record.version != expected_version:
        raise StaleRecordError(message)


def locked_for_edit(model: type[models.Model] | models.QuerySet, pk: Any,
                    expected_version: int | None, *, message: str = "") -> Any:
    """The row (of a model, or of a queryset with its ``select_related``), locked for this
    transaction with ``select_for_update``; refused if it is not at ``expected_version``."""
    rows = model if isinstance(model, models.QuerySet) else model._default_manager.all()
    locked = rows.select_for_update().get(pk=pk)
    check_version(locked, expected_version, message=message)
    return locked


def save_edits(record: models.Model, values: dict[str, Any], *,
               validate_exclude: list[str] | None = None) -> dict[str, dict[str, str]]:
    """Set the fields in ``values`` that differ, save just those (with ``version`` + 1 and
    ``updated_at`` where the model has it), and return what changed as ``{field: {"from",
    "to"}}`` for the audit trail; ``{}`` and no write when nothing changed. With
    ``validate_exclude`` the record is ``full_clean``-ed (those fields left out) before saving."""
    diff = {}
    for name, value in values.items():
        before = getattr(record, name)
        if before != value:
            diff[name] = {"from": str(before), "to": str(value)}
            setattr(record, name, value)
    if not diff:
        return {}
    record.version += 1  # type: ignore[attr-defined]
    if validate_exclude is not None:
        record.full_clean(exclude=validate_exclude)
    fields = [*diff, "version"]
    if any(f.name == "updated_at" for f in record._meta.concrete_fields):
        fields.append("updated_at")  # auto_now: set by save()
    record.save(update_fields=fields)
    return diff
