"""Audited events: Delivery: referrals and appointments (interventions, appointments apps)"""

from __future__ import annotations

from ..services import audit_record, source_of
from ._shared import _actor_source


def service_changed(*, user, service, change: str, detail: dict | None = None, request=None) -> None:
    audit_record(
        actor=user, action="change", event="service_changed", object_type="service",
        object_id=service.pk, detail={"change": change, "code": service.code, **(detail or {})},
        source=_actor_source(user, request),
    )


def referral_changed(*, user, referral, change: str, detail: dict | None = None,
                     request=None) -> None:
    """A referral was made or moved on its lifecycle (§9): ``change`` names the step."""
    audit_record(
        actor=user, action="create" if change == "created" else "change",
        event="referral_changed", crn=referral.person.crn, object_type="referral",
        object_id=referral.pk,
        detail={"change": change, "status": referral.status, "service": referral.service,
                **(detail or {})},
        source=_actor_source(user, request),
    )


def referral_session_recorded(*, user, referral, session, request=None) -> None:
    audit_record(
        actor=user, action="create", event="referral_session_recorded", crn=referral.person.crn,
        object_type="referral_session", object_id=session.pk,
        detail={"referral": referral.pk, "on": session.session_on.isoformat(),
                "attended": session.attended, "note": bool(session.note)},
        source=_actor_source(user, request),
    )


def referral_viewed(*, user, referral, request=None) -> None:
    audit_record(
        actor=user, action="read", event="referral_viewed", crn=referral.person.crn,
        object_type="referral", object_id=referral.pk, source=source_of(request),
    )


def appointment_booked(*, user, appointment, request=None) -> None:
    audit_record(
        actor=user, action="create", event="appointment_booked", crn=appointment.person.crn,
        object_type="appointment", object_id=appointment.pk,
        detail={"kind": appointment.kind, "starts_at": appointment.starts_at.isoformat(),
                "venue": appointment.venue_id, "officer": appointment.officer_id,
                "rar_activity": appointment.rar_activity},
        source=_actor_source(user, request),
    )


def appointment_outcome_recorded(*, user, appointment, request=None) -> None:
    audit_record(
        actor=user, action="change", event="appointment_outcome_recorded",
        crn=appointment.person.crn, object_type="appointment", object_id=appointment.pk,
        detail={"outcome": appointment.outcome, "evidence": bool(appointment.evidence)},
        source=_actor_source(user, request),
    )


def booking_refused(*, user, person, reasons: list[str], request=None) -> None:
    audit_record(
        actor=user, action="system", event="booking_refused", crn=person.crn,
        object_type="person", object_id=person.pk, detail={"reasons": reasons},
        source=_actor_source(user, request),
    )
