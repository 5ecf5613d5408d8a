"""Audited events: Assessment and planning (operating model §5–§8)"""

from __future__ import annotations

from ..services import audit_record, source_of
from ._shared import _case_event


def instrument_saved(*, user, instrument, request=None) -> None:
    audit_record(
        actor=user, action="create", event="instrument_saved", object_type="instrument",
        object_id=instrument.pk,
        detail={"name": instrument.name, "version": instrument.version,
                "active": instrument.active},
        source=source_of(request),
    )


def instrument_activated(*, user, instrument, request=None) -> None:
    audit_record(
        actor=user, action="change", event="instrument_activated", object_type="instrument",
        object_id=instrument.pk, detail={"name": instrument.name, "version": instrument.version},
        source=source_of(request),
    )


def reading_saved(*, user, reading, created: bool, request=None) -> None:
    _case_event(user=user, action="create" if created else "change", event="reading_saved",
                person=reading.person, object_type="reading", object_id=reading.pk,
                detail={"status": reading.status, "scores": reading.scores}, request=request)


def reading_signed(*, user, reading, request=None) -> None:
    _case_event(user=user, action="change", event="reading_signed", person=reading.person,
                object_type="reading", object_id=reading.pk,
                detail={"method": reading.signature_method, "signed": reading.is_signed},
                request=request)


def reading_approved(*, user, reading, falling: list[str], request=None) -> None:
    _case_event(user=user, action="change", event="reading_approved", person=reading.person,
                object_type="reading", object_id=reading.pk,
                detail={"signed": reading.is_signed, "falling": falling}, request=request)


def induction_screened(*, user, screen, request=None) -> None:
    _case_event(user=user, action="create", event="induction_screened", person=screen.person,
                object_type="induction_screen", object_id=screen.pk,
                detail={"mode": screen.mode, "reasons": [r["code"] for r in screen.reasons]},
                request=request)


def induction_booked(*, user, booking, request=None) -> None:
    _case_event(user=user, action="create", event="induction_booked", person=booking.person,
                object_type="induction_booking", object_id=booking.pk,
                detail={"mode": booking.mode, "on": booking.booked_for.isoformat()},
                request=request)


def risk_recorded(*, user, person, what: str, object_type: str, object_id, detail: dict,
                  request=None, action: str = "create") -> None:
    """A risk-of-harm record: RoSH assessment, check, agency information, home visit, link worker."""
    _case_event(user=user, action=action, event=f"{what}_recorded", person=person,
                object_type=object_type, object_id=object_id, detail=detail, request=request)


def plan_changed(*, user, plan, what: str, detail: dict | None = None, request=None,
                 action: str = "change") -> None:
    _case_event(user=user, action=action, event="plan_changed", person=plan.person,
                object_type="plan", object_id=plan.pk, detail={"what": what, **(detail or {})},
                request=request)


def plan_countersigned(*, user, plan, decision: str, request=None) -> None:
    _case_event(user=user, action="change", event="plan_countersigned", person=plan.person,
                object_type="plan", object_id=plan.pk, detail={"decision": decision},
                request=request)


def document_produced(*, user, person, document: str, object_id, request=None) -> None:
    _case_event(user=user, action="read", event="document_produced", person=person,
                object_type=document, object_id=object_id, detail={"document": document},
                request=request)
