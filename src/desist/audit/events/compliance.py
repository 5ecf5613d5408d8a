"""Audited events: Compliance and enforcement (compliance app)"""

from __future__ import annotations

from ..services import audit_record, source_of
from ._shared import _actor_source


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


def access_denied(*, user, object_type: str, object_id="", crn: str = "", reasons=(),
                  request=None) -> None:
    """A signed-in user asked for a case or referral outside their scope (shown a 404)."""
    audit_record(
        actor=user, action="read", event="access_denied", crn=crn[:10], object_type=object_type,
        object_id=str(object_id)[:60],
        detail={"reasons": [getattr(r, "code", str(r)) for r in reasons]},
        source=source_of(request),
    )


def case_cover_recorded(*, user, cover, request=None) -> None:
    """Someone outside the case's officer, team managers and hub recorded that they are covering."""
    audit_record(
        actor=user, action="create", event="case_cover_recorded", crn=cover.person.crn,
        object_type="case_cover", object_id=cover.pk,
        detail={"reason": cover.reason, "until": cover.ends_at.isoformat()},
        source=source_of(request),
    )


def case_decision_refused(*, user, person, path: str, request=None) -> None:
    """A write on a case refused because it is not the user's and no cover is recorded."""
    audit_record(
        actor=user, action="read", event="case_decision_refused", crn=person.crn,
        object_type="person", object_id=person.pk, detail={"path": path[:200]},
        source=source_of(request),
    )
