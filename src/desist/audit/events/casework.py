"""Audited events: Case reads, sign-in, access, tasks, intake, banding and assignment (§1–§4)."""

from __future__ import annotations

from ..services import audit_record, source_of


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
    """A failed sign-in. When the name is a real user's, the event is filed under that user, so
    their provider's auditors see attempts on the account (the viewer lists by provider)."""
    from django.contrib.auth import get_user_model

    target = get_user_model().objects.filter(
        username__iexact=username.strip()[:150]).select_related("staff").first()
    audit_record(
        actor=target, action="system", event="sign_in_refused",
        detail={"username": username[:150], "reason": reason, "known_user": target is not None},
        source=source_of(request),
    )


def access_refused(*, user, request, route: str, kwargs: dict, status: int) -> None:
    """A refused read or write of a case or record (403 / 404): what was asked for, by whom."""
    crn = str(kwargs.get("crn", ""))[:10].upper()
    audit_record(
        actor=user, action="read" if request.method in ("GET", "HEAD") else "change",
        event="access_refused", crn=crn, object_type=route[:60],
        object_id=str(next((v for k, v in kwargs.items() if k != "crn"), ""))[:60],
        detail={"status": status, "method": request.method, "route": route,
                "path": request.path[:200]},
        source=source_of(request),
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


def routing_decided(*, user, person, decision, request=None) -> None:
    audit_record(
        actor=user, action="change", event="routing_decided", crn=person.crn,
        object_type="routing_decision", object_id=decision.pk,
        detail={"kind": decision.kind, "routing": decision.routing,
                "lmc": decision.lmc.code if decision.lmc_id else None,
                "hub_hold": person.hub_hold,
                "pass_to_lmc_on": person.pass_to_lmc_on.isoformat() if person.pass_to_lmc_on else None,
                "proposed": decision.proposed, "note": decision.note},
        source=source_of(request) if request is not None else ("" if getattr(user, "pk", None) else "system"),
    )


def band_decided(*, user, person, decision, request=None) -> None:
    audit_record(
        actor=user, action="change", event="band_decided", crn=person.crn,
        object_type="band_decision", object_id=decision.pk,
        detail={"band": decision.band, "proposed": decision.proposed_band,
                "previous": decision.previous_band, "event": decision.event,
                "overridden": decision.overridden, "rationale": decision.rationale,
                "ror_source": decision.ror_source, "prompts": decision.prompts,
                "reasons": decision.reasons},
        source=source_of(request),
    )


def officer_assigned(*, user, person, assignment, request=None) -> None:
    audit_record(
        actor=user, action="change", event="officer_assigned", crn=person.crn,
        object_type="assignment", object_id=assignment.pk,
        detail={"officer": assignment.officer.staff_code,
                "previous": assignment.previous_officer.staff_code
                if assignment.previous_officer_id else None,
                "reassignment": assignment.reassignment, "reason": assignment.reason,
                "rank": assignment.rank, "capacity_percent_after": assignment.capacity_percent_after,
                "warnings": assignment.warnings, "acknowledgement": assignment.acknowledgement},
        source=source_of(request),
    )


def workload_weightings_changed(*, user, before: dict, after: dict, request=None,
                                reason: str = "", version: int | None = None) -> None:
    audit_record(
        actor=user, action="change", event="workload_weightings_changed",
        object_type="workload_weighting",
        detail={"before": before, "after": after, "reason": reason, "version": version},
        source=source_of(request),
    )


def recompute_finished(*, counts: dict) -> None:
    audit_record(actor="desist recompute", action="system", event="recompute_finished",
                 detail=counts, source="cli")


def tasks_raised(*, actor, kind: str, keys: list[str]) -> None:
    """Tasks raised together by a batch job: one event naming every task key (CRNs in them)."""
    audit_record(actor=actor, action="create", event="tasks_raised", object_type="task",
                 detail={"kind": kind, "keys": keys}, source="system")


def case_passed_to_lmc(*, actor, crn: str, person_id: int, decision) -> None:
    """A hub-held custody case passed to its LMC by the nightly job, 12 weeks before release."""
    audit_record(actor=actor, action="change", event="routing_decided", crn=crn,
                 object_type="routing_decision", object_id=decision.pk,
                 detail={"kind": decision.kind, "routing": "lmc", "lmc_id": decision.lmc_id,
                         "proposed": decision.proposed, "note": decision.note},
                 source="system")
