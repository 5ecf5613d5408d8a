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


def workload_weightings_changed(*, user, before: dict, after: dict, request=None) -> None:
    audit_record(
        actor=user, action="change", event="workload_weightings_changed",
        object_type="workload_weighting", detail={"before": before, "after": after},
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


# --- Assessment and planning (operating model §5–§8) -------------------------------------------


def _case_event(*, user, action: str, event: str, person, object_type: str, object_id,
                detail: dict | None = None, request=None) -> None:
    audit_record(
        actor=user, action=action, event=event, crn=person.crn if person is not None else "",
        object_type=object_type, object_id=object_id, detail=detail or {},
        source=source_of(request),
    )


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


# --- Reviews, step-down and check-ins (reviews, checkins apps; §10, §14) ---------------------


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

# --- Gateway to the national record (operating model §3) --------------------------------------


def national_import_finished(*, actor, batch, crns: list[str], request=None) -> None:
    """One import batch from the national record: its counts and every case it created or changed."""
    audit_record(actor=actor or "desist import", action="change", event="national_import",
                 object_type="import_batch", object_id=batch.pk,
                 detail={**batch.counts(), "crns": crns[:10000], "source": batch.source[:200]},
                 source=source_of(request) if request is not None else "cli")


def national_record_read(*, actor, crn: str, request=None) -> None:
    """A case's national-record view read back (``desist cases show``, the API)."""
    audit_record(actor=actor or "desist cases", action="read", event="national_record_read",
                 crn=crn, object_type="national_record",
                 source=source_of(request) if request is not None else "cli")


def national_export(*, actor, crns: list[str], count: int, request=None) -> None:
    """Contacts, outcomes and enforcement exported for the national record."""
    audit_record(actor=actor or "desist export", action="read", event="national_export",
                 object_type="contact", detail={"count": count, "crns": crns[:10000]},
                 source=source_of(request) if request is not None else "cli")
def resettlement_changed(*, user, case, change: str, detail: dict | None = None,
                         request=None) -> None:
    """A write on a custody case's resettlement plan (§13): what changed and on which record."""
    audit_record(
        actor=user, action="create" if change in ("opened", "need_added", "code_issued",
                                                  "assessment_recorded") else "change",
        event=f"resettlement_{change}"[:60], crn=case.person.crn, object_type="custody_case",
        object_id=case.pk, detail=detail or {}, source=source_of(request),
    )


def resettlement_assessment_loaded(*, user, version, request=None) -> None:
    audit_record(
        actor=user, action="create", event="resettlement_assessment_loaded",
        object_type="assessment_version", object_id=version.pk,
        detail={"kind": version.kind, "number": version.number}, source=source_of(request),
    )


def person_page_accessed(*, case, outcome: str, client: str, request=None) -> None:
    """The person's own resettlement page: every try and every view, with what happened."""
    audit_record(
        actor="person on probation", action="read", event="person_page_accessed",
        crn=case.person.crn if case is not None else "", object_type="custody_case",
        object_id=case.pk if case is not None else "",
        detail={"outcome": outcome, "client": client[:64]}, source=source_of(request),
    )

# --- Unpaid work (operating model §12) ---------------------------------------------------------


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

# --- Management oversight and case audit (oversight app, §15) --------------------------------


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
