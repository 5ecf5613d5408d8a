"""Recording reviews and significant events; stepping down and pulling back; telephone contact.

A refusal is audited in its own transaction (so the record of the attempt survives) and nothing
else changes. Each write owns its transaction and audit event; tasks go through ``raise_task``.
"""

from __future__ import annotations

import datetime as dt
from typing import NoReturn

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from desist.appointments import services as appointments
from desist.appointments.choices import Kind, Outcome
from desist.appointments.models import Appointment
from desist.audit import events
from desist.dates import format_date
from desist.errors import Refused
from desist.people.models import Person
from desist.rules import reviews as rules
from desist.worklist import services as worklist
from desist.worklist.models import Task

from . import selectors
from .choices import HUB_CONTACT_DAYS, ComplianceLevel, Destination, EventKind, Progress, RiskChange
from .models import ObjectiveProgress, Review, SignificantEvent, StepDown


class ReviewRefused(Refused):
    default_code = "review_refused"


class StepDownRefused(Refused):
    default_code = "step_down_refused"


def _refuse_review(error: ReviewRefused, *, acting_user, person, request=None) -> NoReturn:
    events.review_refused(user=acting_user, person=person, code=error.code,
                          reasons=[getattr(r, "code", str(r)) for r in error.reasons] or
                          [error.message], request=request)
    raise error


@transaction.atomic
def significant_event_record(*, acting_user, person, kind: str, occurred_on: dt.date,
                             note: str = "", today: dt.date | None = None,
                             request=None) -> SignificantEvent:
    """A significant event (RoSH change, registration, breach, arrest, address): the next
    review falls due within the configured days of it (§14)."""
    today = today or timezone.localdate()
    if kind not in EventKind.values:
        raise ReviewRefused(_("Choose what happened."), code="unknown_event", field="kind")
    if occurred_on > today:
        raise ReviewRefused(_("The event cannot be in the future."), code="event_in_future",
                            field="occurred_on")
    event = SignificantEvent.objects.create(
        provider_id=person.provider_id, person=person, kind=kind, occurred_on=occurred_on,
        note=note.strip(), recorded_by=acting_user if getattr(acting_user, "pk", None) else None)
    event.person = person
    events.significant_event_recorded(user=acting_user, event=event, request=request)
    return event


ADDRESS_FIELDS = {"address", "postcode"}


def on_details_changed(sender, *, person, user, changes, request=None, **kwargs) -> None:
    """A new address on the case is a significant event (§14): the review comes forward."""
    if ADDRESS_FIELDS & set(changes):
        significant_event_record(acting_user=user, person=person, kind="change_of_address",
                                 occurred_on=timezone.localdate(), note="Address changed",
                                 request=request)


def review_record(*, acting_user, person, reviewed_on: dt.date, reading_id: int | None,
                  compliance: str, risk_change: str, progress: dict[int, tuple[str, str]],
                  adjustments: str = "", compliance_notes: str = "", risk_notes: str = "",
                  rosh_after: str | None = None, no_open_risk_actions: bool = False,
                  today: dt.date | None = None, request=None) -> Review:
    """Record a review (§14): refused while a required §7 check is missing or stale (F9), without
    a new approved self-assessment reading, or without progress for each plan objective."""
    today = today or timezone.localdate()
    problems: dict[str, str] = {}
    if reviewed_on > today:
        problems["reviewed_on"] = _("The review date cannot be in the future.")
    if compliance not in ComplianceLevel.values:
        problems["compliance"] = _("Say how the person is complying.")
    if risk_change not in RiskChange.values:
        problems["risk_change"] = _("Say whether risk has changed.")
    if problems:
        raise ReviewRefused(code="review_incomplete", problems=problems)
    blockers = selectors.check_blockers(person, today)
    if blockers:
        _refuse_review(ReviewRefused(" ".join(b.text for b in blockers),
                                     code="checks_out_of_date", reasons=blockers, conflict=True,
                                     field="checks"),
                       acting_user=acting_user, person=person, request=request)
    last = selectors.last_review(person)
    readings = {r.pk: r for r in selectors.readings(person)}
    reading = readings.get(reading_id) if reading_id else None
    if reading is None:
        _refuse_review(ReviewRefused(_("Choose the new approved self-assessment reading taken "
                                       "for this review."), code="no_new_reading",
                                     field="reading"),
                       acting_user=acting_user, person=person, request=request)
    if last is not None and last.reading_id is not None and (
            reading.pk == last.reading_id or reading.taken_on < last.reviewed_on):
        _refuse_review(ReviewRefused(
            _("The reading must be new since the last review (%(day)s): take a new "
              "self-assessment with the person.") % {"day": format_date(last.reviewed_on)},
            code="no_new_reading", field="reading"),
            acting_user=acting_user, person=person, request=request)
    objectives = selectors.objectives(person)
    missing = [o for o in objectives if progress.get(o.pk, ("", ""))[0] not in Progress.values]
    if missing:
        raise ReviewRefused(
            _("Record progress on every objective: %(list)s") % {
                "list": "; ".join(o.text for o in missing)},
            code="progress_missing", field=f"progress_{missing[0].pk}")
    return _save_review(acting_user=acting_user, person=person, reviewed_on=reviewed_on,
                        reading=reading, compliance=compliance, risk_change=risk_change,
                        progress=progress, objectives=objectives, adjustments=adjustments,
                        compliance_notes=compliance_notes, risk_notes=risk_notes,
                        rosh_after=rosh_after, no_open_risk_actions=no_open_risk_actions,
                        today=today, request=request)


@transaction.atomic
def _save_review(*, acting_user, person, reviewed_on, reading, compliance, risk_change,
                 progress, objectives, adjustments, compliance_notes, risk_notes, rosh_after,
                 no_open_risk_actions, today, request) -> Review:
    Person.objects.select_for_update().filter(pk=person.pk).values_list("pk", flat=True).first()
    trigger = selectors.review_due(person, today).trigger
    before = person.rosh or ""
    after = rosh_after if rosh_after is not None else before
    flag = rules.unadjusted_risk_flag(before or None, after or None, bool(adjustments.strip()),
                                      risk_increased=risk_change == RiskChange.HIGHER)
    states, _blockers = selectors.risk.check_states(person, today)
    review = Review.objects.create(
        provider_id=person.provider_id, person=person, reviewed_on=reviewed_on, trigger=trigger,
        reading=reading, compliance=compliance, compliance_notes=compliance_notes.strip(),
        rosh_before=before, rosh_after=after, risk_change=risk_change,
        risk_notes=risk_notes.strip(), adjustments=adjustments.strip(),
        no_open_risk_actions=no_open_risk_actions,
        checks=[{"kind": s.kind, "status": s.status,
                 "completed_on": s.completed_on.isoformat() if s.completed_on else None}
                for s in states],
        flagged=flag is not None, reasons=[flag.as_dict()] if flag else [],
        recorded_by=acting_user if getattr(acting_user, "pk", None) else None)
    by_pk = {o.pk: o for o in objectives}
    ObjectiveProgress.objects.bulk_create([
        ObjectiveProgress(review=review, objective=by_pk[pk], progress=value[0],
                          note=(value[1] or "").strip()[:1000])
        for pk, value in progress.items() if pk in by_pk])
    review.person = person
    events.review_recorded(user=acting_user, review=review, request=request)
    if flag is not None:
        worklist.raise_task(
            provider_id=person.provider_id, person=person, kind="review_risk_unadjusted",
            key=f"review_risk_unadjusted:{review.pk}", due_on=today, actor=acting_user,
            assigned_to=None, team=person.team,
            title=_("%(name)s: risk rose at the review of %(day)s and nothing was adjusted") % {
                "name": person.name, "day": format_date(reviewed_on, "long")},
            detail=flag.text, data={"review": review.pk})
    for task in Task.objects.filter(person=person, status=Task.Status.OPEN,
                                    kind__in=["review_overdue", "review_overdue_manager"]):
        worklist.close_task(task, user=acting_user, outcome=_("Review recorded"))
    return review


# --- Step-down (§10, F10) ---------------------------------------------------------------------


def step_down(*, acting_user, person, review_id: int | None, destination: str,
              today: dt.date | None = None, request=None) -> StepDown:
    """Step the case down through a recorded review, or refuse with every reason (§10)."""
    today = today or timezone.localdate()
    if destination not in Destination.values:
        raise StepDownRefused(_("Choose where the case steps down to."), code="no_destination",
                              field="destination")
    if selectors.active_step_down(person) is not None:
        raise StepDownRefused(_("The case is already stepped down."), code="already_stepped_down",
                              conflict=True)
    review = selectors.review_for(person, review_id) if review_id else None
    if review is None:
        review = selectors.last_review(person)
    decision = selectors.step_down_gate(person, today, review)
    blocks = list(decision.blocks)
    reasons = list(decision.reasons)
    if destination == Destination.REPORTING_CENTRE:
        eligible = selectors.eligibility(person, _senior_approved(person))
        if not eligible.eligible:
            blocks += list(eligible.blocks)
            reasons += list(eligible.reasons)
    if blocks:
        events.step_down_refused(user=acting_user, person=person, blocks=blocks, request=request)
        raise StepDownRefused(" ".join(r.text for r in reasons if r.code != "s10_stepdown_allowed"),
                              code="step_down_blocked", reasons=reasons, conflict=True,
                              params={"blocks": blocks})
    return _save_step_down(acting_user=acting_user, person=person, review=review,
                           destination=destination, decision=decision, today=today,
                           request=request)


def _senior_approved(person) -> bool:
    from desist.checkins.selectors import senior_approved

    return senior_approved(person)


@transaction.atomic
def _save_step_down(*, acting_user, person, review, destination, decision, today, request):
    Person.objects.select_for_update().filter(pk=person.pk).values_list("pk", flat=True).first()
    if selectors.active_step_down(person) is not None:
        raise StepDownRefused(_("The case is already stepped down."), code="already_stepped_down",
                              conflict=True)
    row = StepDown.objects.create(
        provider_id=person.provider_id, person=person, review=review, destination=destination,
        contact_every_days=HUB_CONTACT_DAYS[Destination(destination)], started_on=today,
        # Records (template and parameters, ADR 0016), so they can be said in any language later.
        warnings=list(decision.warnings), reasons=[r.as_record() for r in decision.reasons],
        stepped_down_by=acting_user if getattr(acting_user, "pk", None) else None)
    row.person = person
    events.step_down_changed(user=acting_user, step_down=row, change="stepped_down",
                             detail={"review": review.pk, "warnings": list(decision.warnings)},
                             request=request)
    return row


@transaction.atomic
def step_down_pull_back(*, acting_user, step_down: StepDown, reason: str = "",
                        today: dt.date | None = None, request=None) -> StepDown:
    """The officer takes the case back into direct supervision in one step (§10)."""
    locked = StepDown.objects.select_for_update().select_related("person").get(pk=step_down.pk)
    if locked.ended_on is not None:
        raise StepDownRefused(_("The case has already been pulled back."),
                              code="already_pulled_back", conflict=True)
    locked.ended_on = today or timezone.localdate()
    locked.ended_by = acting_user if getattr(acting_user, "pk", None) else None
    locked.end_reason = reason.strip()[:500]
    locked.save(update_fields=["ended_on", "ended_by", "end_reason"])
    events.step_down_changed(user=acting_user, step_down=locked, change="pulled_back",
                             detail={"reason": locked.end_reason}, request=request)
    return locked


# --- Telephone contact (§10) -------------------------------------------------------------------


@transaction.atomic
def telephone_contact_record(*, acting_user, person, at: dt.datetime, outcome: str,
                             notes: str = "", minutes: int = 15, request=None) -> Appointment:
    """A telephone contact that happened (or was missed), with its outcome: an appointment of
    kind "telephone", so it counts toward contact where policy allows."""
    if outcome not in (Outcome.ATTENDED, Outcome.FAILED):
        raise Refused(_("Say whether the call took place."), code="no_outcome", field="outcome")
    if at > timezone.now():
        raise Refused(_("The call cannot be in the future."), code="call_in_future", field="at")
    staff = getattr(acting_user, "staff", None)
    appointment = Appointment.objects.create(
        provider_id=person.provider_id, person=person, kind=Kind.TELEPHONE, officer=staff,
        starts_at=at, ends_at=at + dt.timedelta(minutes=max(1, minutes)),
        purpose=notes.strip()[:200] or _("Telephone contact"), rar_activity=False,
        created_by=acting_user if getattr(acting_user, "pk", None) else None)
    appointment.person = person
    events.appointment_booked(user=acting_user, appointment=appointment, request=request)
    return appointments.record_outcome(user=acting_user, appointment=appointment,
                                       outcome=outcome, evidence=notes, request=request,
                                       today=timezone.localdate())


# --- Overdue reviews (scheduled) -----------------------------------------------------------------


def raise_overdue_review_tasks(*, today: dt.date | None = None, provider_id: int | None = None,
                               crns: list[str] | None = None) -> dict:
    """Every overdue review on the officer's and the manager's worklists (one each per due
    date; re-running raises nothing new)."""
    today = today or timezone.localdate()
    tasks = []
    for person, due in selectors.overdue_reviews(today, provider_id, crns):
        day = format_date(due.due_on, "long")
        common = {"provider_id": person.provider_id, "person": person, "due_on": due.due_on,
                  "data": {"due_on": due.due_on.isoformat(), "trigger": due.trigger},
                  "detail": " ".join(r.text for r in due.reasons)}
        tasks.append(Task(kind="review_overdue", key=f"review_overdue:{person.crn}",
                          title=_("Review %(name)s: due on %(day)s") % {"name": person.name,
                                                                      "day": day},
                          assigned_to_id=person.responsible_officer_id, team=person.team,
                          queue="officer", **common))
        tasks.append(Task(kind="review_overdue_manager",
                          key=f"review_overdue_manager:{person.crn}",
                          title=_("%(name)s's review was due on %(day)s") % {
                              "name": person.name, "day": day},
                          team=person.team, queue="manager", **common))
    fresh = worklist.raise_tasks(tasks)
    return {"overdue": len(tasks) // 2, "raised": len(fresh)}
