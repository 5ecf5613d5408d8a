"""Writes for the plan. Each owns its transaction and audit event."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from desist.audit import events
from desist.errors import Refused
from desist.locking import check_version
from desist.risk import selectors as risk_selectors
from desist.rules import planning as rules
from desist.rules import timescales
from desist.sentences.selectors import current_sentence
from desist.worklist.services import close_open, raise_task

from . import selectors
from .choices import PlanStatus
from .models import (
    Countersignature,
    DeclinedArea,
    Objective,
    Plan,
    RiskManagementPlan,
)


class PlanningError(Refused):
    """A write the rules refuse; ``message`` says why, ``reasons`` lists every rule that fired."""

    default_code = "planning_refused"

    def __init__(self, message: str, reasons=(), field: str | None = None,
                 conflict: bool = False, **kwargs):
        super().__init__(message, reasons=reasons, field=field, conflict=conflict, **kwargs)


# --- The plan (§8) ------------------------------------------------------------------------------


def plan_start_date(person, today: dt.date) -> dt.date:
    sentence = current_sentence(person)
    if sentence is None:
        return today
    return sentence.release_date or sentence.start_date


@transaction.atomic
def start_plan(*, acting_user, person, today: dt.date, copy_from: Plan | None = None,
               request=None) -> Plan:
    if Plan.objects.filter(person=person).exclude(status=PlanStatus.COMPLETE).exists():
        raise PlanningError("This case already has a plan in progress.")
    start = plan_start_date(person, today)
    due = timescales.deadline("initial_plan", start).due
    plan = Plan.objects.create(person=person, started_on=start, due_on=due,
                               copied_from=copy_from, created_by=acting_user.staff)
    if copy_from is not None:
        for objective in copy_from.objectives.all():
            Objective.objects.create(plan=plan, text=objective.text, need_kind=objective.need_kind,
                                     area_code=objective.area_code,
                                     risk_factor=objective.risk_factor,
                                     services=objective.services,
                                     target_date=objective.target_date)
        old_rmp = RiskManagementPlan.objects.filter(plan=copy_from).first()
        if old_rmp is not None:
            RiskManagementPlan.objects.create(plan=plan, victims=old_rmp.victims,
                                              agencies=old_rmp.agencies,
                                              home_visits=old_rmp.home_visits,
                                              contingency=old_rmp.contingency)
    raise_task(provider_id=person.provider_id, person=person, kind="plan_due",
               key=f"plan_due:{person.crn}", title="Complete the sentence plan", due_on=due,
               actor=acting_user, data={"plan": plan.pk})
    events.plan_changed(user=acting_user, plan=plan, what="started", action="create",
                        detail={"copied_from": copy_from.pk if copy_from else None,
                                "due_on": due.isoformat()}, request=request)
    return plan


def _editable(plan: Plan, expected_version: int | None = None) -> Plan:
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if locked.status == PlanStatus.COMPLETE:
        raise PlanningError("This plan is complete. Start a review to change it.")
    # Someone saved the plan after this form was opened: saving would lose their change.
    check_version(locked, expected_version, message="This plan has changed since you opened "
                  "it. Check the latest version and try again.")
    return locked


def _bump(plan: Plan, *, back_to_draft: bool = True) -> None:
    plan.version += 1
    fields = ["version"]
    if back_to_draft and plan.status == PlanStatus.AWAITING_COUNTERSIGNATURE:
        plan.status = PlanStatus.DRAFT
        fields.append("status")
        close_open(provider_id=plan.person.provider_id, key=f"countersign:{plan.pk}",
                   outcome="The plan was changed before it was countersigned", done=False)
    plan.save(update_fields=fields)


@transaction.atomic
def add_objective(*, acting_user, plan: Plan, text: str, need_kind: str, area_code: str,
                  risk_factor: str, services: str, target_date: dt.date | None,
                  request=None) -> Objective:
    plan = _editable(plan)
    objective = Objective.objects.create(plan=plan, text=text, need_kind=need_kind,
                                         area_code=area_code if need_kind == "area" else "",
                                         risk_factor=risk_factor if need_kind != "area" else "",
                                         services=services, target_date=target_date)
    DeclinedArea.objects.filter(plan=plan, area_code=objective.area_code).delete()
    _bump(plan)
    events.plan_changed(user=acting_user, plan=plan, what="objective_added",
                        detail={"objective": objective.pk, "area": area_code,
                                "risk_factor": risk_factor}, request=request)
    return objective


@transaction.atomic
def decline_area(*, acting_user, plan: Plan, area_code: str, reason: str,
                 request=None) -> DeclinedArea:
    plan = _editable(plan)
    declined, created = DeclinedArea.objects.get_or_create(plan=plan, area_code=area_code,
                                                           defaults={"reason": reason})
    if created or declined.reason != reason:
        declined.reason = reason
        declined.save(update_fields=["reason"])
        _bump(plan)
    events.plan_changed(user=acting_user, plan=plan, what="area_declined",
                        detail={"area": area_code}, request=request)
    return declined


@transaction.atomic
def save_rmp(*, acting_user, plan: Plan, victims: str, agencies: str, home_visits: str,
             contingency: str, expected_version: int | None = None,
             request=None) -> RiskManagementPlan:
    plan = _editable(plan, expected_version)
    parts = {"victims": victims, "agencies": agencies, "home_visits": home_visits,
             "contingency": contingency}
    rmp = RiskManagementPlan.objects.filter(plan=plan).first()
    if rmp is None or any(getattr(rmp, k) != v for k, v in parts.items()):
        # Only a real change counts as one (a returned plan must change before it completes).
        rmp, _ = RiskManagementPlan.objects.update_or_create(plan=plan, defaults=parts)
        _bump(plan)
    events.plan_changed(user=acting_user, plan=plan, what="risk_management_plan",
                        detail={"filled": sorted(rmp.filled())}, request=request)
    return rmp


@transaction.atomic
def record_agreement(*, acting_user, plan: Plan, agreed: bool, comments: str, agreed_on: dt.date,
                     diversity_notes: str, expected_version: int | None = None,
                     request=None) -> Plan:
    plan = _editable(plan, expected_version)
    before = (plan.person_agreed, plan.person_comments, plan.agreed_on, plan.diversity_notes)
    plan.person_agreed, plan.person_comments, plan.agreed_on = agreed, comments, agreed_on
    plan.diversity_notes = diversity_notes
    if before != (agreed, comments, agreed_on, diversity_notes):
        plan.save(update_fields=["person_agreed", "person_comments", "agreed_on",
                                 "diversity_notes"])
        _bump(plan)
    events.plan_changed(user=acting_user, plan=plan, what="agreement",
                        detail={"agreed": agreed}, request=request)
    return plan


@transaction.atomic
def mark_reviewed(*, acting_user, plan: Plan, request=None) -> Plan:
    plan = _editable(plan)
    plan.reviewed_at = timezone.now()
    plan.save(update_fields=["reviewed_at"])
    _bump(plan)
    events.plan_changed(user=acting_user, plan=plan, what="copied_plan_reviewed", request=request)
    return plan


def plan_facts(plan: Plan, today: dt.date) -> rules.PlanFacts:
    person = plan.person
    need = selectors.needs(person, plan)
    rmp = RiskManagementPlan.objects.filter(plan=plan).first()
    returned = selectors.returned_unchanged(plan)
    return rules.PlanFacts(
        rosh=person.rosh or None, flags=risk_selectors.active_flags(person),
        objectives=plan.objectives.count(),
        unaddressed_area_titles=tuple(a.title for a in need["unaddressed"]),
        rmp_parts_filled=rmp.filled() if rmp else frozenset(),
        check_dates=risk_selectors.latest_check_dates(person),
        person_agreed=bool(plan.person_agreed), copied_not_reviewed=plan.copied_not_reviewed,
        bbr_referral=risk_selectors.bbr_referral(person),
        partner_link_worker=risk_selectors.link_worker(person) is not None,
        reading_recorded=need["reading"] is not None, today=today,
        unacknowledged_information=tuple(
            rules.AgencyItem(item.get_agency_display(), item.received_on)
            for item in risk_selectors.unacknowledged_information(person)),
        returned_unchanged=returned.what_must_change if returned else None,
    )


def gate(plan: Plan, today: dt.date) -> rules.GateResult:
    return rules.plan_gate(plan_facts(plan, today))


@transaction.atomic
def complete_plan(*, acting_user, plan: Plan, today: dt.date, request=None) -> Plan:
    """Complete the plan, or send it for countersignature; refused while the gate has blockers."""
    plan = _editable(plan)
    if plan.status == PlanStatus.AWAITING_COUNTERSIGNATURE:
        raise PlanningError("This plan is already waiting for a manager's countersignature.")
    result = gate(plan, today)
    if not result.ok:
        raise PlanningError("The plan cannot be completed yet.", reasons=result.blockers)
    person = plan.person
    if result.countersign:
        plan.status = PlanStatus.AWAITING_COUNTERSIGNATURE
        plan.save(update_fields=["status"])
        raise_task(provider_id=person.provider_id, person=person, kind="countersign",
                   key=f"countersign:{plan.pk}", title=f"Countersign the plan for {person.name}",
                   detail=" ".join(r.text for r in result.countersign),
                   due_on=timescales.add_working_days(today, 2), actor=acting_user,
                   team=person.team, data={"plan": plan.pk})
        what = "sent_for_countersignature"
    else:
        _finish(plan, acting_user)
        what = "completed"
    close_open(provider_id=person.provider_id, key=f"plan_returned:{plan.pk}", user=acting_user,
               outcome="Plan changed and sent for countersignature again"
               if result.countersign else "Plan changed and completed")
    plan.version += 1
    plan.save(update_fields=["version"])
    events.plan_changed(user=acting_user, plan=plan, what=what,
                        detail={"countersign": [r.code for r in result.countersign]},
                        request=request)
    return plan


def _finish(plan: Plan, acting_user) -> None:
    plan.status = PlanStatus.COMPLETE
    plan.completed_at = timezone.now()
    plan.completed_by = acting_user.staff
    plan.save(update_fields=["status", "completed_at", "completed_by"])
    close_open(provider_id=plan.person.provider_id, key=f"plan_due:{plan.person.crn}",
               user=acting_user, outcome="Plan completed")


@transaction.atomic
def countersign_plan(*, acting_user, plan: Plan, what_is_the_risk: str, sufficient: str,
                     what_must_change: str, today: dt.date, request=None) -> Countersignature:
    plan = Plan.objects.select_for_update().select_related("person").get(pk=plan.pk)
    if plan.status != PlanStatus.AWAITING_COUNTERSIGNATURE:
        raise PlanningError("This plan is not waiting for a countersignature.")
    if sufficient == "yes":
        result = gate(plan, today)
        if not result.ok:
            raise PlanningError("The plan can no longer be completed.", reasons=result.blockers)
    signature = Countersignature.objects.create(
        plan=plan, manager=acting_user.staff, what_is_the_risk=what_is_the_risk,
        is_plan_sufficient=sufficient, what_must_change=what_must_change,
    )
    close_open(provider_id=plan.person.provider_id, key=f"countersign:{plan.pk}",
               user=acting_user, outcome="Countersigned" if sufficient == "yes"
               else f"Returned: {what_must_change[:250]}")
    if sufficient == "yes":
        _finish(plan, acting_user)
    else:
        plan.status = PlanStatus.DRAFT
        plan.save(update_fields=["status"])
    plan.version += 1
    plan.save(update_fields=["version"])
    signature.plan_version = plan.version
    signature.save(update_fields=["plan_version"])
    if sufficient != "yes":
        # The officer is told on their worklist, with what must change (§8, §15).
        raise_task(provider_id=plan.person.provider_id, person=plan.person, kind="plan_returned",
                   key=f"plan_returned:{plan.pk}",
                   title=f"Plan returned by {acting_user.staff}: change it and complete it again",
                   detail=what_must_change, due_on=timescales.add_working_days(today, 5),
                   actor=acting_user, data={"plan": plan.pk, "countersignature": signature.pk})
    events.plan_countersigned(user=acting_user, plan=plan,
                              decision="countersigned" if sufficient == "yes" else "returned",
                              request=request)
    return signature
