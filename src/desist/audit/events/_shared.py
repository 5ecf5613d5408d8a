"""Helpers the event constructors share."""

from __future__ import annotations

from ..services import audit_record, source_of


def _case_event(*, user, action: str, event: str, person, object_type: str, object_id,
                detail: dict | None = None, request=None) -> None:
    audit_record(
        actor=user, action=action, event=event, crn=person.crn if person is not None else "",
        object_type=object_type, object_id=object_id, detail=detail or {},
        source=source_of(request),
    )


def _actor_source(actor, request=None) -> str:
    if request is not None:
        return source_of(request)
    return "" if getattr(actor, "pk", None) else "system"
