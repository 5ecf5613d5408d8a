"""Writes for risk of harm and safeguarding (§7). Each owns its transaction and audit event."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from desist.audit import events
from desist.dates import format_date
from desist.errors import Refused
from desist.locking import locked_for_edit, save_edits
from desist.people.models import Person
from desist.rules import planning as rules
from desist.rules import timescales
from desist.worklist.services import close_open, raise_task

from .models import (
    AgencyInformation,
    HomeVisit,
    PartnerLinkWorker,
    RiskAssessment,
    SafeguardingCheck,
)


class RiskRefused(Refused):
    """A risk or safeguarding write the rules refuse (the code stays the one planning used, for
    API clients that read it)."""

    default_code = "planning_refused"


@transaction.atomic
def record_risk_assessment(*, acting_user, person, rosh: str, rosh_to: list[str], reasons: str,
                           previous_convictions: str, past_behaviour: str, assessed_on: dt.date,
                           expected_version: int | None = None, request=None) -> RiskAssessment:
    locked = locked_for_edit(Person, person.pk, expected_version)
    previous = locked.rosh
    assessment = RiskAssessment.objects.create(
        person=locked, rosh=rosh, previous_rosh=previous, rosh_to=list(rosh_to), reasons=reasons,
        previous_convictions=previous_convictions, past_behaviour=past_behaviour,
        assessed_on=assessed_on, assessed_by=acting_user.staff,
    )
    # Only what changed is written, and the version moves only then (ADR 0006, desist.locking):
    # an unchanged reassessment leaves other people's open forms on this case valid.
    changes = save_edits(locked, {"rosh": rosh, "rosh_to": list(rosh_to),
                                  "rosh_assessed_on": assessed_on})
    if changes:
        events.person_changed(user=acting_user, person=locked, changes=changes, request=request)
    events.risk_recorded(user=acting_user, person=locked, what="risk_assessment",
                         object_type="risk_assessment", object_id=assessment.pk,
                         detail={"rosh": rosh, "previous": previous, "to": list(rosh_to)},
                         request=request)
    # RoSH is a §4 significant event, and high or very high goes to the NPS (§2): both are the
    # intake feature's tasks, keyed so the nightly recompute cannot raise them twice.
    from desist.allocation.services import escalate_if_needed, significant_event

    escalate_if_needed(locked, actor=acting_user, today=assessed_on)
    if previous and previous != rosh:
        significant_event(person=locked, event="rosh_change", actor=acting_user)
    else:  # a first assessment is no band event, but it sets the tier (tiering.md)
        from desist.tiering.services import tier_refresh

        tier_refresh(locked, event="rosh_change", actor=acting_user)
    return assessment


@transaction.atomic
def request_check(*, acting_user, person, kind: str, requested_on: dt.date,
                  request=None) -> SafeguardingCheck:
    if requested_on > timezone.localdate():
        raise RiskRefused("The request cannot be dated in the future.", field="requested_on")
    check = SafeguardingCheck.objects.create(person=person, kind=kind, requested_on=requested_on,
                                             recorded_by=acting_user.staff)
    raise_task(
        provider_id=person.provider_id, person=person, kind="safeguarding_check",
        key=f"safeguarding_check:{person.crn}:{kind}",
        title=f"{rules.CHECK_LABELS[kind]}: record the result",
        due_on=timescales.add_working_days(requested_on, 5), actor=acting_user,
        data={"check": check.pk},
    )
    events.risk_recorded(user=acting_user, person=person, what="safeguarding_check",
                         object_type="safeguarding_check", object_id=check.pk,
                         detail={"kind": kind, "requested_on": requested_on.isoformat()},
                         request=request)
    return check


@transaction.atomic
def record_check_result(*, acting_user, check: SafeguardingCheck, completed_on: dt.date,
                        result: str, details: str, request=None) -> SafeguardingCheck:
    check = SafeguardingCheck.objects.select_for_update().get(pk=check.pk)
    if check.completed_on is not None:
        # A result is history (§7, F9): saving a new date over it would make an out-of-date
        # check look up to date and lose what it found. A new result is a new check.
        raise RiskRefused(
            f"This check's result was recorded on {format_date(check.completed_on, 'long')} "
            f"({check.get_result_display().lower()}) and cannot be changed. To record a newer "
            "result, request a new check.", field="completed_on", conflict=True)
    if completed_on < check.requested_on:
        raise RiskRefused("The result cannot be dated before the check was requested.",
                            field="completed_on")
    if completed_on > timezone.localdate():
        raise RiskRefused("The result cannot be dated in the future.", field="completed_on")
    check.completed_on, check.result, check.details = completed_on, result, details
    check.save()
    close_open(provider_id=check.person.provider_id,
               key=f"safeguarding_check:{check.person.crn}:{check.kind}", user=acting_user,
               outcome=f"Result recorded: {check.get_result_display()}")
    events.risk_recorded(user=acting_user, person=check.person, what="safeguarding_check",
                         object_type="safeguarding_check", object_id=check.pk, action="change",
                         detail={"kind": check.kind, "result": result,
                                 "completed_on": completed_on.isoformat()}, request=request)
    return check


@transaction.atomic
def record_agency_information(*, acting_user, person, agency: str, received_on: dt.date,
                              summary: str, request=None) -> AgencyInformation:
    item = AgencyInformation.objects.create(person=person, agency=agency, received_on=received_on,
                                            summary=summary, recorded_by=acting_user.staff)
    raise_task(
        provider_id=person.provider_id, person=person, kind="agency_information",
        key=f"agency_information:{person.crn}:{item.pk}",
        title=f"Acknowledge information from {item.get_agency_display()}",
        due_on=timescales.add_working_days(received_on, 2), actor=acting_user,
        data={"information": item.pk},
    )
    events.risk_recorded(user=acting_user, person=person, what="agency_information",
                         object_type="agency_information", object_id=item.pk,
                         detail={"agency": agency}, request=request)
    return item


@transaction.atomic
def acknowledge_agency_information(*, acting_user, item: AgencyInformation, what_it_changes: str,
                                   request=None) -> AgencyInformation:
    item = AgencyInformation.objects.select_for_update().get(pk=item.pk)
    if item.acknowledged_at is not None:
        raise RiskRefused("This information has already been acknowledged.")
    item.acknowledged_by, item.acknowledged_at = acting_user.staff, timezone.now()
    item.what_it_changes = what_it_changes
    item.save()
    close_open(provider_id=item.person.provider_id,
               key=f"agency_information:{item.person.crn}:{item.pk}", user=acting_user,
               outcome=what_it_changes[:300])
    events.risk_recorded(user=acting_user, person=item.person, what="agency_information",
                         object_type="agency_information", object_id=item.pk, action="change",
                         detail={"acknowledged": True}, request=request)
    return item


@transaction.atomic
def plan_home_visit(*, acting_user, person, planned_for: dt.date, purpose: str,
                    request=None) -> HomeVisit:
    visit = HomeVisit.objects.create(person=person, planned_for=planned_for, purpose=purpose,
                                     recorded_by=acting_user.staff)
    events.risk_recorded(user=acting_user, person=person, what="home_visit",
                         object_type="home_visit", object_id=visit.pk,
                         detail={"planned_for": planned_for.isoformat()}, request=request)
    return visit


@transaction.atomic
def record_home_visit(*, acting_user, visit: HomeVisit, visited_on: dt.date, outcome: str,
                      request=None) -> HomeVisit:
    visit.visited_on, visit.outcome = visited_on, outcome
    visit.save(update_fields=["visited_on", "outcome"])
    events.risk_recorded(user=acting_user, person=visit.person, what="home_visit",
                         object_type="home_visit", object_id=visit.pk, action="change",
                         detail={"visited_on": visited_on.isoformat()}, request=request)
    return visit


@transaction.atomic
def assign_link_worker(*, acting_user, person, name: str, organisation: str, phone: str,
                       assigned_on: dt.date, request=None) -> PartnerLinkWorker:
    worker, _ = PartnerLinkWorker.objects.update_or_create(
        person=person, defaults={"name": name, "organisation": organisation, "phone": phone,
                                 "assigned_on": assigned_on, "assigned_by": acting_user.staff})
    events.risk_recorded(user=acting_user, person=person, what="partner_link_worker",
                         object_type="partner_link_worker", object_id=worker.pk,
                         detail={"organisation": organisation}, request=request)
    return worker
