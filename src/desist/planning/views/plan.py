"""Planning pages — The integrated plan (§8): objectives, the RMP, agreement and countersigning."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from desist.access.rules import allow
from desist.audit import events
from desist.form_pages import READERS, can_write, form_page, pdf_response
from desist.organisation.roles import CASE_WRITERS, Role
from desist.risk import selectors as risk_selectors
from desist.rules import planning as rules
from desist.scopes.cases import case_for
from desist.words import reason

from .. import documents, selectors, services
from ..choices import PlanStatus
from ..forms import (
    AgreementForm,
    CountersignForm,
    DeclineAreaForm,
    ObjectiveForm,
    RmpForm,
)

# Oversight is a manager's job (§15): the system administrator does not countersign.
COUNTERSIGNERS = frozenset({Role.MANAGER})

# --- The plan (§8) ------------------------------------------------------------------------------


def _plan_or_404(person, pk):
    plan = selectors.plan_for(person, pk)
    if plan is None:
        raise Http404("No such plan.")
    return plan


def _back_to_plan(person) -> str:
    return reverse("planning:plan", kwargs={"crn": person.crn})


@require_http_methods(["GET"])  # first: a POST here is 405; each write has its own route below
@allow(read=READERS)
def plan(request, crn: str):
    person = case_for(request.user, crn, request=request, page="plan")
    return _plan_page(request, person, timezone.localdate())


def _plan_page(request, person, today, blockers=(), status=200):
    context = _plan_context(person, selectors.current_plan(person), today)
    context.update({"request_blockers": blockers, "can_edit": can_write(request),
                    "is_manager": request.user.staff.role in COUNTERSIGNERS})
    return render(request, "planning/plan.html", context, status=status)


def _plan_write(request, crn: str, write, *, needs_plan: bool = True):
    """One write on the case's current plan: ``write(person, plan, today)`` returns the success
    message; a refusal shows the plan page with its reasons (409)."""
    person = case_for(request.user, crn, request=request, page="plan")
    today = timezone.localdate()
    current = selectors.current_plan(person)
    if needs_plan and current is None:
        raise Http404("No plan.")
    try:
        message = write(person, current, today)
    except services.PlanningError as error:
        blockers = error.reasons or (rules.Reason("refused", "", error.message),)
        return _plan_page(request, person, today, blockers, status=409)
    messages.success(request, message)
    return redirect("planning:plan", crn=person.crn)


def _plan_write_route(write, *, needs_plan: bool = True):
    """A POST-only route for one write on the plan, with its own access rule (issue 14)."""
    @require_http_methods(["POST"])
    @allow(write=CASE_WRITERS)
    def route(request, crn: str):
        return _plan_write(request, crn, lambda *args: write(request, *args), needs_plan=needs_plan)
    route.__name__ = route.__qualname__ = f"plan{write.__name__}"
    return route


def _start(request, person, current, today):
    services.start_plan(acting_user=request.user, person=person, today=today, copy_from=None,
                        request=request)
    return _("Plan started")


def _copy(request, person, current, today):
    services.start_plan(acting_user=request.user, person=person, today=today,
                        copy_from=current, request=request)
    return _("Plan copied from the previous plan: review it before it is completed")


def _reviewed(request, person, current, today):
    services.mark_reviewed(acting_user=request.user, plan=current, request=request)
    return _("Copied plan marked as reviewed")


def _complete(request, person, current, today):
    done = services.complete_plan(acting_user=request.user, plan=current, today=today,
                                  request=request)
    return (_("Plan complete") if done.status == PlanStatus.COMPLETE
            else _("Plan sent to a manager for countersignature"))


plan_start = _plan_write_route(_start, needs_plan=False)
plan_copy = _plan_write_route(_copy)
plan_reviewed = _plan_write_route(_reviewed)
plan_complete = _plan_write_route(_complete)


def _plan_context(person, current, today) -> dict:
    need = selectors.needs(person, current)
    states, _check_blockers = risk_selectors.check_states(person, today)
    flags = risk_selectors.active_flags(person)
    context = {
        "person": person, "today": today, "plan": current, "need": need, "states": states,
        "rmp_reasons": rules.rmp_required(person.rosh or None, flags),
        "countersign_reasons": rules.countersign_required(person.rosh or None, flags),
        "gate": services.gate(current, today) if current else None,
        "rmp": selectors.risk_management_plan(current),
        "area_titles": {a.code: a.title for a in need["spec"].areas} if need["spec"] else {},
        "objectives": list(current.objectives.all()) if current else [],
        "declined": list(current.declined_areas.all()) if current else [],
        "countersignatures": list(current.countersignatures.all()) if current else [],
        "returned": _latest_return(current),
    }
    return context


def _latest_return(plan):
    """The manager's latest decision when it returned the draft plan (shown to the officer)."""
    if plan is None or plan.status != PlanStatus.DRAFT:
        return None
    latest = plan.countersignatures.all()[:1]
    latest = list(latest)[0] if latest else None
    return latest if latest is not None and latest.is_plan_sufficient == "no" else None


def _areas_for(person):
    need = selectors.needs(person, None)
    return need["spec"].areas if need["spec"] else ()


@allow(read=CASE_WRITERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def objective_new(request, crn: str, pk: int):
    person = case_for(request.user, crn, request=request, page="objective-new")
    plan = _plan_or_404(person, pk)
    initial = {"need_kind": "area", "area_code": request.GET.get("area", "")}
    form = ObjectiveForm(request.POST or None, initial=initial, areas=_areas_for(person))
    return form_page(
        request, person, form, heading=_("Add an objective"), button=_("Add objective"),
        back=_back_to_plan(person), back_text=_("Back to the plan"),
        intro=_("Link each objective to a need: a self-assessment area or a risk factor, and "
                "say which services will help."),
        success=_("Objective added"), can_submit=plan.status != PlanStatus.COMPLETE,
        cannot_submit=_("This plan is complete."),
        save=lambda d: services.add_objective(
            acting_user=request.user, plan=plan, text=d["text"], need_kind=d["need_kind"],
            area_code=d["area_code"], risk_factor=d["risk_factor"], services=d["services"],
            target_date=d["target_date"], request=request),
    )


@allow(read=CASE_WRITERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def decline_area(request, crn: str, pk: int):
    person = case_for(request.user, crn, request=request, page="decline-area")
    plan = _plan_or_404(person, pk)
    need = selectors.needs(person, plan)
    form = DeclineAreaForm(request.POST or None, initial={"area_code": request.GET.get("area")},
                           areas=need["low_areas"])
    return form_page(
        request, person, form, heading=_("Record why an area has no objective"),
        button=_("Save reason"), back=_back_to_plan(person), back_text=_("Back to the plan"),
        success=_("Reason recorded"), can_submit=plan.status != PlanStatus.COMPLETE,
        cannot_submit=_("This plan is complete."),
        save=lambda d: services.decline_area(acting_user=request.user, plan=plan,
                                             area_code=d["area_code"], reason=d["reason"],
                                             request=request),
    )


@allow(read=CASE_WRITERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def rmp(request, crn: str, pk: int):
    person = case_for(request.user, crn, request=request, page="rmp")
    plan = _plan_or_404(person, pk)
    current = selectors.risk_management_plan(plan)
    initial = {k: getattr(current, k) for k in ("victims", "agencies", "home_visits",
                                                "contingency")} if current else {}
    form = RmpForm(request.POST or None, initial={**initial, "version": plan.version})
    flags = risk_selectors.active_flags(person)
    return form_page(
        request, person, form, heading=_("Risk management plan"),
        button=_("Save risk management plan"), back=_back_to_plan(person),
        back_text=_("Back to the plan"),
        intro=_("Required where RoSH is medium or above, or there is domestic abuse or child "
                "safeguarding. Cover every part."),
        intro_items=[reason(r) for r in rules.rmp_required(person.rosh or None, flags)],
        success=_("Risk management plan saved"), can_submit=plan.status != PlanStatus.COMPLETE,
        cannot_submit=_("This plan is complete."),
        save=lambda d: services.save_rmp(acting_user=request.user, plan=plan, request=request,
                                         expected_version=d.get("version"),
                                         **{k: d[k] for k in ("victims", "agencies",
                                                              "home_visits", "contingency")}),
    )


@allow(read=CASE_WRITERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def agreement(request, crn: str, pk: int):
    person = case_for(request.user, crn, request=request, page="plan-agreement")
    plan = _plan_or_404(person, pk)
    form = AgreementForm(request.POST or None, initial={
        "agreed": {True: "yes", False: "no"}.get(plan.person_agreed),
        "comments": plan.person_comments, "agreed_on": plan.agreed_on or timezone.localdate(),
        "diversity_notes": plan.diversity_notes, "version": plan.version})
    return form_page(
        request, person, form, heading=_("The person's agreement"), button=_("Save"),
        back=_back_to_plan(person), back_text=_("Back to the plan"),
        intro=_("Go through the plan with the person and give them their copy."),
        success=_("Agreement recorded"), can_submit=plan.status != PlanStatus.COMPLETE,
        cannot_submit=_("This plan is complete."),
        save=lambda d: services.record_agreement(
            acting_user=request.user, plan=plan, agreed=d["agreed"] == "yes",
            comments=d["comments"], agreed_on=d["agreed_on"],
            diversity_notes=d["diversity_notes"], expected_version=d.get("version"),
            request=request),
    )


@allow(read=COUNTERSIGNERS, write=COUNTERSIGNERS)
@require_http_methods(["GET", "POST"])
def countersign(request, crn: str, pk: int):
    person = case_for(request.user, crn, request=request, page="countersign")
    plan = _plan_or_404(person, pk)
    form = CountersignForm(request.POST or None)
    waiting = plan.status == PlanStatus.AWAITING_COUNTERSIGNATURE
    flags = risk_selectors.active_flags(person)
    today = timezone.localdate()
    # The manager oversees the plan itself, and what other agencies have said (§7, §8, §15).
    context = _plan_context(person, plan, today)
    context["information"] = risk_selectors.agency_information(person)
    return form_page(
        request, person, form, heading=_("Countersign the plan"), button=_("Save oversight"),
        back=_back_to_plan(person), back_text=_("Back to the plan"),
        template="planning/countersign.html", extra={"plan": plan, "plan_summary": context},
        intro=_("Read the plan and what other agencies have said, then answer each prompt. A "
                "plan that is not sufficient goes back to the officer with what must change."),
        intro_items=[reason(r) for r in rules.countersign_required(person.rosh or None, flags)],
        success=_("Oversight recorded"), can_submit=waiting,
        cannot_submit=_("This plan is not waiting for a countersignature."),
        save=lambda d: services.countersign_plan(
            acting_user=request.user, plan=plan, what_is_the_risk=d["what_is_the_risk"],
            sufficient=d["is_plan_sufficient"], what_must_change=d["what_must_change"],
            today=timezone.localdate(), request=request),
    )


@allow(read=READERS)
@require_http_methods(["GET"])
def plan_pdf(request, crn: str, pk: int):
    person = case_for(request.user, crn, request=request, page="plan-pdf")
    plan = _plan_or_404(person, pk)
    pdf = documents.plan_copy(plan, timezone.localdate())
    events.document_produced(user=request.user, person=person, document="plan_copy",
                             object_id=plan.pk, request=request)
    return pdf_response(pdf, f"plan-{person.crn}.pdf")
