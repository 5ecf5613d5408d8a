"""Audited events: Reviews, step-down and check-ins (reviews, checkins apps; §10, §14)"""

from __future__ import annotations

from ..services import audit_record, source_of
from ._shared import _case_event


def review_recorded(*, user, review, request=None) -> None:
    _case_event(user=user, action="create", event="review_recorded", person=review.person,
                object_type="review", object_id=review.pk,
                detail={"reviewed_on": review.reviewed_on.isoformat(),
                        "risk_change": review.risk_change, "flagged": review.flagged,
                        "adjusted": review.adjusted}, request=request)


def review_refused(*, user, person, code: str, reasons: list[str], request=None) -> None:
    _case_event(user=user, action="change", event="review_refused", person=person,
                object_type="review", object_id="", detail={"code": code, "reasons": reasons},
                request=request)


def significant_event_recorded(*, user, event, request=None) -> None:
    _case_event(user=user, action="create", event="significant_event_recorded",
                person=event.person, object_type="significant_event", object_id=event.pk,
                detail={"kind": event.kind, "on": event.occurred_on.isoformat()},
                request=request)


def step_down_changed(*, user, step_down, change: str, detail: dict | None = None,
                      request=None) -> None:
    _case_event(user=user, action="create" if change == "stepped_down" else "change",
                event=f"step_down_{change}", person=step_down.person, object_type="step_down",
                object_id=step_down.pk,
                detail={"destination": step_down.destination, **(detail or {})},
                request=request)


def step_down_refused(*, user, person, blocks: list[str], request=None) -> None:
    _case_event(user=user, action="change", event="step_down_refused", person=person,
                object_type="step_down", object_id="", detail={"blocks": blocks},
                request=request)


def checkin_changed(*, user, person, change: str, object_type: str = "checkin_enrolment",
                    object_id="", detail: dict | None = None, request=None) -> None:
    """Every check-in event: enrolment, code issued, identified, wrong PIN, locked, checked
    in, missed. ``user`` is None for the person themselves at the kiosk or online."""
    audit_record(
        actor=user if getattr(user, "pk", None) else "person on probation",
        action="change" if change not in ("enrolled", "checked_in", "missed") else "create",
        event=f"checkin_{change}", crn=person.crn, object_type=object_type,
        object_id=object_id, detail=detail or {},
        source=source_of(request) if request is not None else "system",
    )
