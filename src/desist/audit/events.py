"""One constructor per audited business event, so call sites say what happened."""

from __future__ import annotations

from .services import audit_record, source_of


def case_viewed(*, user, person, request=None, page: str) -> None:
    audit_record(
        actor=user, action="read", event="case_viewed", crn=person.crn,
        object_type="person", object_id=person.pk, detail={"page": page},
        source=source_of(request),
    )


def caseload_listed(*, user, crns: list[str], request=None, query: dict) -> None:
    audit_record(
        actor=user, action="read", event="caseload_listed", object_type="person",
        detail={"crns": crns, "query": query}, source=source_of(request),
    )


def person_changed(*, user, person, changes: dict, request=None) -> None:
    audit_record(
        actor=user, action="change", event="person_changed", crn=person.crn,
        object_type="person", object_id=person.pk, detail={"changes": changes},
        source=source_of(request),
    )


def audit_trail_viewed(*, user, crn: str = "", request=None, query: dict | None = None) -> None:
    audit_record(
        actor=user, action="read", event="audit_trail_viewed", crn=crn,
        detail={"query": query or {}}, source=source_of(request),
    )


def signed_in(*, user, request=None) -> None:
    audit_record(actor=user, action="system", event="signed_in", source=source_of(request))


def sign_in_refused(*, username: str, reason: str, request=None) -> None:
    audit_record(
        actor=None, action="system", event="sign_in_refused",
        detail={"username": username[:150], "reason": reason}, source=source_of(request),
    )


def demo_generated(*, counts: dict, seed: int) -> None:
    audit_record(
        actor="desist generate", action="create", event="demo_generated",
        detail={"counts": counts, "seed": seed}, source="cli",
    )


def task_raised(*, actor, task) -> None:
    audit_record(
        actor=actor, action="create", event="task_raised",
        crn=task.person.crn if task.person_id else "", object_type="task", object_id=task.pk,
        detail={"kind": task.kind, "key": task.key, "title": task.title,
                "due_on": task.due_on.isoformat() if task.due_on else None},
        source="" if getattr(actor, "pk", None) else "system",
    )


def task_closed(*, actor, task) -> None:
    audit_record(
        actor=actor, action="change", event="task_closed",
        crn=task.person.crn if task.person_id else "", object_type="task", object_id=task.pk,
        detail={"kind": task.kind, "status": task.status, "outcome": task.outcome},
        source="" if getattr(actor, "pk", None) else "system",
    )


# --- Delivery: referrals and appointments (interventions, appointments apps) -----------------


def _actor_source(actor, request=None) -> str:
    if request is not None:
        return source_of(request)
    return "" if getattr(actor, "pk", None) else "system"


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


# --- Compliance and enforcement (compliance app) ---------------------------------------------


def absence_changed(*, user, absence, change: str, detail: dict | None = None,
                    request=None) -> None:
    """An absence was recorded, decided, covered or had evidence attached (§11)."""
    audit_record(
        actor=user, action="create" if change == "recorded" else "change",
        event="absence_changed", crn=absence.person.crn, object_type="absence",
        object_id=absence.pk,
        detail={"change": change, "status": absence.status, "action": absence.action,
                **(detail or {})},
        source=_actor_source(user, request),
    )


def arrangement_recorded(*, user, arrangement, change: str = "recorded", request=None) -> None:
    audit_record(
        actor=user, action="create" if change == "recorded" else "change",
        event="arrangement_recorded", crn=arrangement.person.crn, object_type="arrangement",
        object_id=arrangement.pk,
        detail={"change": change, "reason": arrangement.reason,
                "from": arrangement.starts_on.isoformat(),
                "to": arrangement.ends_on.isoformat() if arrangement.ends_on else None},
        source=_actor_source(user, request),
    )


def enforcement_decided(*, user, action, request=None) -> None:
    audit_record(
        actor=user, action="create", event="enforcement_decided", crn=action.person.crn,
        object_type="enforcement_action", object_id=action.pk,
        detail={"kind": action.kind, "due_on": action.due_on.isoformat()},
        source=_actor_source(user, request),
    )


def breach_changed(*, user, breach, change: str, request=None) -> None:
    audit_record(
        actor=user, action="create" if change == "started" else "change",
        event="breach_changed", crn=breach.person.crn, object_type="breach",
        object_id=breach.pk,
        detail={"change": change, "status": breach.status, "outcome": breach.outcome},
        source=_actor_source(user, request),
    )


def letter_changed(*, user, letter, change: str, request=None) -> None:
    """A letter was composed, produced, suppressed or failed to render (one per event)."""
    audit_record(
        actor=user, action="create" if change == "composed" else "change",
        event="letter_changed", crn=letter.person.crn, object_type="letter",
        object_id=letter.pk,
        detail={"change": change, "kind": letter.kind, "event_key": letter.event_key,
                "status": letter.status, "error": letter.error[:300]},
        source=_actor_source(user, request),
    )


def document_viewed(*, user, person, document: str, object_id, request=None) -> None:
    audit_record(
        actor=user, action="read", event="document_viewed", crn=person.crn,
        object_type=document, object_id=object_id, source=source_of(request),
    )
