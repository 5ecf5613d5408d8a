"""Audited events: Unpaid work (operating model §12)"""

from __future__ import annotations

from ..services import audit_record, source_of
from ._shared import _case_event


def upw_project_saved(*, user, project, changed: list[str] | None = None,
                      request=None) -> None:
    detail = {"type": project.type, "capacity": project.capacity}
    if changed is not None:
        detail["changed"] = changed
    audit_record(actor=user, action="create" if changed is None else "change",
                 event="upw_project_saved", crn="", object_type="upw_project",
                 object_id=project.pk, detail=detail, source=source_of(request))


def upw_series_scheduled(*, user, project, created: list, skipped: int,
                         request=None) -> None:
    audit_record(actor=user, action="create", event="upw_series_scheduled", crn="",
                 object_type="upw_project", object_id=project.pk,
                 detail={"sessions": [s.pk for s in created], "already_there": skipped},
                 source=source_of(request))


def upw_session_saved(*, user, session, request=None) -> None:
    audit_record(actor=user, action="create", event="upw_session_saved", crn="",
                 object_type="upw_session", object_id=session.pk,
                 detail={"project": session.project_id, "on": session.on.isoformat(),
                         "seats": session.transport_seats}, source=source_of(request))


def upw_assessment_recorded(*, user, assessment, request=None) -> None:
    _case_event(user=user, action="create", event="upw_assessment_recorded",
                person=assessment.person, object_type="upw_assessment",
                object_id=assessment.pk,
                detail={"group": assessment.suitable_group,
                        "individual": assessment.suitable_individual}, request=request)


def upw_placement_booked(*, user, placement, request=None) -> None:
    _case_event(user=user, action="create", event="upw_placement_booked",
                person=placement.person, object_type="upw_placement", object_id=placement.pk,
                detail={"session": placement.session_id,
                        "transport": placement.needs_transport}, request=request)


def upw_placement_refused(*, user, person, session, codes: list[str], request=None) -> None:
    _case_event(user=user, action="read", event="upw_placement_refused", person=person,
                object_type="upw_session", object_id=session.pk, detail={"reasons": codes},
                request=request)


def upw_attendance_recorded(*, user, attendance, change: str, request=None) -> None:
    _case_event(user=user, action="change", event="upw_attendance_recorded",
                person=attendance.placement.person, object_type="upw_attendance",
                object_id=attendance.pk,
                detail={"change": change, "outcome": attendance.outcome,
                        "minutes": attendance.minutes_worked,
                        "penalty": attendance.penalty_minutes}, request=request)


def upw_adjustment_recorded(*, user, adjustment, request=None) -> None:
    _case_event(user=user, action="create", event="upw_adjustment_recorded",
                person=adjustment.person, object_type="upw_adjustment", object_id=adjustment.pk,
                detail={"reason": adjustment.reason, "minutes": adjustment.minutes},
                request=request)
def insight_refreshed(*, actor, refresh, note: str = "", request=None) -> None:
    """The insight read model rebuilt for a provider (§17): by whom, why, and how many rows."""
    audit_record(actor=actor, action="system" if isinstance(actor, str) else "change",
                 event="insight_refreshed", object_type="insight_refresh", object_id=refresh.pk,
                 detail={"trigger": refresh.trigger, "note": note[:300], **refresh.counts},
                 source=source_of(request) if request else "system")


def service_level_target_set(*, user, target, previous: int | None, request=None) -> None:
    audit_record(actor=user, action="change", event="service_level_target_set",
                 object_type="service_level_target", object_id=target.pk,
                 detail={"measure": target.measure, "target": target.target_percent,
                         "previous": previous, "reason": target.reason},
                 source=source_of(request))
