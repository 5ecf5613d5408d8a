"""Audited events: Management oversight and case audit (oversight app, §15)"""

from __future__ import annotations

from ..services import audit_record
from ._shared import _actor_source, _case_event


def framework_loaded(*, user, edition, request=None) -> None:
    audit_record(actor=user, action="create", event="framework_loaded",
                 object_type="framework_edition", object_id=edition.pk,
                 detail={"code": edition.code}, source=_actor_source(user, request))


def audit_round_started(*, user, audit_round, request=None) -> None:
    audit_record(actor=user, action="create", event="audit_round_started",
                 object_type="audit_round", object_id=audit_round.pk,
                 detail={"seed": audit_round.seed, "edition": audit_round.edition.code,
                         "strands": audit_round.strands, "theme": audit_round.theme},
                 source=_actor_source(user, request))


def audit_round_changed(*, user, audit_round, change: str, detail: dict | None = None,
                        request=None) -> None:
    audit_record(actor=user, action="change", event=f"audit_round_{change}",
                 object_type="audit_round", object_id=audit_round.pk, detail=detail or {},
                 source=_actor_source(user, request))


def audit_case_changed(*, user, audit_case, change: str, detail: dict | None = None,
                       request=None) -> None:
    """A sampled case assigned, answered or swapped for a reserve case."""
    _case_event(user=user, action="change", event=f"audit_case_{change}",
                person=audit_case.person, object_type="audit_case", object_id=audit_case.pk,
                detail=detail or {}, request=request)


def countersign_decided(*, user, signature, request=None) -> None:
    """A manager countersigned (or returned) a decision that needs it (§15)."""
    _case_event(user=user, action="create", event="countersign_decided",
                person=signature.person, object_type="countersignature", object_id=signature.pk,
                detail={"subject": signature.subject, "subject_id": signature.subject_id,
                        "decision": signature.decision}, request=request)


def countersign_refused(*, user, person, subject: str, subject_id, code: str,
                        request=None) -> None:
    _case_event(user=user, action="change", event="countersign_refused", person=person,
                object_type=subject, object_id=subject_id, detail={"code": code},
                request=request)


def oversight_recorded(*, user, record, request=None) -> None:
    _case_event(user=user, action="create", event="oversight_recorded", person=record.person,
                object_type="oversight", object_id=record.pk,
                detail={"subject": record.subject, "due_on": str(record.due_on or "")},
                request=request)
