"""Induction, risk of harm and the integrated plan: pages for the officer and the manager."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from desist.access import once as access_once
from desist.access.roles import CASE_WRITERS, PROVIDER_STAFF, Role
from desist.access.rules import allow
from desist.access.selectors import case_for
from desist.appointments import services as appointment_services
from desist.audit import events
from desist.dates import format_date
from desist.forms import StaleRecordError
from desist.rules import induction as induction_rules
from desist.rules import planning as rules

from . import documents, selectors, services
from .choices import InductionMode, PlanStatus
from .fields import govuk_fields
from .forms import (
    SCREEN_QUESTIONS,
    AcknowledgeForm,
    AgencyInformationForm,
    AgreementForm,
    BookingForm,
    CheckRequestForm,
    CheckResultForm,
    CountersignForm,
    DeclineAreaForm,
    HomeVisitForm,
    HomeVisitOutcomeForm,
    LinkWorkerForm,
    ObjectiveForm,
    RiskAssessmentForm,
    RmpForm,
    ScreenForm,
)

READERS = PROVIDER_STAFF
# Oversight is a manager's job (§15): the system administrator does not countersign.
COUNTERSIGNERS = frozenset({Role.MANAGER})


def _can_write(request) -> bool:
    return request.user.staff.role in CASE_WRITERS


def _form_page(request, person, form, *, heading, button, back, back_text, save, success,
               intro="", intro_items=(), can_submit=True, cannot_submit="", summary=(),
               links=(), extra=None, template="planning/form_page.html", once=""):
    """GET shows the form; a valid POST calls ``save(data)`` and redirects to ``back``.

    ``summary`` is (key, value) rows shown above the form (what is already recorded), ``links``
    is (href, text) pairs shown below it, ``extra`` more context for a page's own sections.
    ``once`` names a create form guarded by a one-time token (``access.once``): submitted twice,
    or several times at once, it creates one record and the later submissions are told so.
    """
    status = 200
    if once:
        save = _once(request, once, save)
    if request.method == "POST":
        if not can_submit:
            if not form.is_bound:  # an empty POST: bind it so it can carry the error
                form.is_bound, form.data = True, {}
            form.is_valid()  # add_error needs a cleaned form, whatever was posted
            form.add_error(None, cannot_submit)
            status = 409
        elif form.is_valid():
            try:
                save(form.cleaned_data)
            except StaleRecordError as error:
                form.add_error(None, str(error))
                status = 409
            except access_once.AlreadySubmitted:
                messages.info(request, _("This form was already submitted; it was saved once."))
                return redirect(back)
            except access_once.FormTokenError as error:
                form.add_error(None, str(error))
                status = 400
            except services.PlanningError as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field, error.message)
                for reason in error.reasons:
                    form.add_error(None, reason.text if hasattr(reason, "text") else reason["text"])
                status = 409 if error.conflict else 400
            else:
                messages.success(request, success)
                return redirect(back)
        else:
            status = 400
    return render(request, template, {
        "person": person, "today": timezone.localdate(), "form": form,
        "fields": govuk_fields(form), "heading": heading, "button": button, "back_href": back,
        "back_text": back_text, "intro": intro, "intro_items": intro_items,
        "can_submit": can_submit, "cannot_submit": cannot_submit, "summary": summary,
        "links": links, **(extra or {}),
        "form_token": access_once.issue(request, once) if once else "",
    }, status=status)


def _once(request, purpose, save):
    """``save`` run in one transaction with the use of the form's one-time token."""

    @transaction.atomic
    def guarded(data):
        access_once.consume(request, request.POST.get("form_token"), purpose)
        return save(data)

    return guarded


# --- Induction (§5) -----------------------------------------------------------------------------


@allow(read=READERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def induction(request, crn: str):
    person = case_for(request.user, crn, request=request, page="induction")
    today = timezone.localdate()
    defaults = services.screen_defaults(person, today)
    initial = {k: ("yes" if v else "no") for k, v in defaults.items() if isinstance(v, bool)}
    initial.update({"ethnicity": defaults["ethnicity"], "religion": defaults["religion"]})
    form = ScreenForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            screen = services.record_screen(
                acting_user=request.user, person=person, answers=form.answers(),
                protected={k: form.cleaned_data[k] for k in
                           ("ethnicity", "religion", "sexual_orientation")},
                today=today, request=request)
            messages.success(request, _("Screen recorded: %(mode)s") % {
                "mode": screen.get_mode_display()})
            return redirect("planning:induction", crn=person.crn)
        status = 400
    sentence = selectors.current_sentence(person)
    content = induction_rules.induction_content(
        [c for c in selectors.requirement_codes(person)
         if c in induction_rules.REQUIREMENT_SECTIONS], sentence.type if sentence else None)
    return render(request, "planning/induction.html", {
        "person": person, "today": today, "form": form, "fields": govuk_fields(form),
        "screen": selectors.latest_screen(person), "bookings": selectors.bookings(person),
        "content": content, "age": defaults["age"], "can_edit": _can_write(request),
        "questions": dict(SCREEN_QUESTIONS),
    }, status=status)


@allow(read=CASE_WRITERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def induction_book(request, crn: str):
    person = case_for(request.user, crn, request=request, page="induction-book")
    screen = selectors.latest_screen(person)
    mode = screen.mode if screen else InductionMode.INDIVIDUAL
    venues = selectors.venues(person)
    form = BookingForm(request.POST or None, venues=appointment_services.venue_choices(
        person, venues, sensitive=mode == InductionMode.INDIVIDUAL), initial={
        "mode": mode, "starts": dt.time(10), "ends": dt.time(12),
        "venue": person.lmc_id if any(v.pk == person.lmc_id for v in venues) else None})
    intro = (_("The suitability screen says: %(mode)s. The induction is booked as an "
               "appointment (about two hours) and a letter goes to the person.")
             % {"mode": screen.get_mode_display()}
             if screen else _("No suitability screen is recorded: record one first."))

    def save(d):
        return services.book_induction(
            acting_user=request.user, person=person, mode=d["mode"],
            venue=next(v for v in venues if v.pk == d["venue"]),
            starts_at=_aware(d["day"], d["starts"]), ends_at=_aware(d["day"], d["ends"]),
            request=request)

    return _form_page(
        request, person, form, heading=_("Book the induction"), button=_("Book induction"),
        back=reverse("planning:induction", kwargs={"crn": person.crn}),
        back_text=_("Back to induction"), intro=intro,
        intro_items=[r["text"] for r in screen.reasons] if screen else (),
        success=_("Induction booked: it is on the Appointments tab"), save=save,
    )


def _aware(day: dt.date, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, at), timezone.get_current_timezone())


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@allow(read=READERS)
@require_http_methods(["GET"])
def induction_pdf(request, crn: str):
    person = case_for(request.user, crn, request=request, page="induction-pdf")
    pdf = documents.induction_summary(person, timezone.localdate())
    events.document_produced(user=request.user, person=person, document="induction_summary",
                             object_id=person.pk, request=request)
    return _pdf_response(pdf, f"induction-{person.crn}.pdf")


# --- Risk of harm (§7) --------------------------------------------------------------------------


@allow(read=READERS)
@require_http_methods(["GET"])
def risk(request, crn: str):
    person = case_for(request.user, crn, request=request, page="risk")
    today = timezone.localdate()
    states, blockers = selectors.check_states(person, today)
    flags = selectors.active_flags(person)
    return render(request, "planning/risk.html", {
        "person": person, "today": today, "assessments": selectors.risk_assessments(person),
        "checks": selectors.checks(person), "states": states, "check_blockers": blockers,
        "information": selectors.agency_information(person),
        "visits": selectors.home_visits(person), "link_worker": selectors.link_worker(person),
        "bbr": selectors.bbr_referral(person), "can_edit": _can_write(request),
        "rmp_reasons": rules.rmp_required(person.rosh or None, flags),
        "registrations": person.registrations.filter(end_date__isnull=True),
        "previous_sanctions": person.previous_sanctions,
    })


def _back_to_risk(person) -> str:
    return reverse("planning:risk", kwargs={"crn": person.crn})


@allow(read=CASE_WRITERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def risk_assess(request, crn: str):
    person = case_for(request.user, crn, request=request, page="risk-assess")
    form = RiskAssessmentForm(request.POST or None, initial={
        "version": person.version, "rosh": person.rosh, "rosh_to": person.rosh_to,
        "assessed_on": timezone.localdate()})
    return _form_page(
        request, person, form, heading=_("Assess risk of serious harm"),
        button=_("Save assessment"), back=_back_to_risk(person), back_text=_("Back to risk"),
        intro=_("Take account of previous convictions and past behaviour, not only the current "
                "offence. This person has %(n)s previous sanctions.")
        % {"n": person.previous_sanctions},
        success=_("Risk assessment saved"),
        save=lambda d: services.record_risk_assessment(
            acting_user=request.user, person=person, rosh=d["rosh"], rosh_to=d["rosh_to"],
            reasons=d["reasons"], previous_convictions=d["previous_convictions"],
            past_behaviour=d["past_behaviour"], assessed_on=d["assessed_on"],
            expected_version=d.get("version"), request=request),
    )


@allow(read=CASE_WRITERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def check_new(request, crn: str):
    person = case_for(request.user, crn, request=request, page="check-new")
    form = CheckRequestForm(request.POST or None, initial={"requested_on": timezone.localdate(),
                                                          "kind": request.GET.get("kind")})
    return _form_page(
        request, person, form, heading=_("Request a safeguarding check"),
        button=_("Record the request"), back=_back_to_risk(person), back_text=_("Back to risk"),
        success=_("Check requested: a task reminds you to record the result"),
        save=lambda d: services.request_check(acting_user=request.user, person=person,
                                              kind=d["kind"], requested_on=d["requested_on"],
                                              request=request),
    )


@allow(read=READERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def check(request, crn: str, pk: int):
    person = case_for(request.user, crn, request=request, page="check")
    item = selectors.check_for(person, pk)
    if item is None:
        raise Http404("No such check.")
    form = CheckResultForm(request.POST or None,
                           initial={"completed_on": timezone.localdate()})
    recorded = item.completed_on is not None
    summary, links = [(_("Requested"), format_date(item.requested_on, "long"))], []
    if recorded:
        # A result is recorded once (§7): it is shown, never edited; a new result is a new check.
        summary += [(_("Result"), item.get_result_display()),
                    (_("Date of the result"), format_date(item.completed_on, "long")),
                    (_("What the check found"), item.details or _("Nothing recorded"))]
        if _can_write(request):
            links.append((reverse("planning:check-new", kwargs={"crn": person.crn})
                          + f"?kind={item.kind}", _("Request a new check")))
    return _form_page(
        request, person, form, heading=item.get_kind_display(), button=_("Save the result"),
        back=_back_to_risk(person), back_text=_("Back to risk"), summary=summary, links=links,
        success=_("Check result saved"), can_submit=_can_write(request) and not recorded,
        cannot_submit=_("This result is recorded and cannot be changed. A newer result is a "
                        "new check.") if recorded else "",
        save=lambda d: services.record_check_result(
            acting_user=request.user, check=item, completed_on=d["completed_on"],
            result=d["result"], details=d["details"], request=request),
    )


@allow(read=CASE_WRITERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def agency_new(request, crn: str):
    person = case_for(request.user, crn, request=request, page="agency-new")
    form = AgencyInformationForm(request.POST or None,
                                 initial={"received_on": timezone.localdate()})
    return _form_page(
        request, person, form, heading=_("Record information from another agency"),
        button=_("Record information"), back=_back_to_risk(person), back_text=_("Back to risk"),
        success=_("Information recorded: acknowledge what it changes"),
        save=lambda d: services.record_agency_information(
            acting_user=request.user, person=person, agency=d["agency"],
            received_on=d["received_on"], summary=d["summary"], request=request),
    )


@allow(read=READERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def agency(request, crn: str, pk: int):
    person = case_for(request.user, crn, request=request, page="agency")
    item = selectors.agency_item(person, pk)
    if item is None:
        raise Http404("No such information.")
    form = AcknowledgeForm(request.POST or None,
                           initial={"what_it_changes": item.what_it_changes})
    done = item.acknowledged_at is not None
    return _form_page(
        request, person, form, heading=_("Information from %(a)s") % {
            "a": item.get_agency_display()},
        button=_("Acknowledge"), back=_back_to_risk(person), back_text=_("Back to risk"),
        intro=_("Received %(d)s: %(s)s") % {"d": format_date(item.received_on, "long"),
                                             "s": item.summary},
        success=_("Information acknowledged"), can_submit=_can_write(request) and not done,
        cannot_submit=(_("Acknowledged on %(d)s: %(w)s") % {
            "d": format_date(item.acknowledged_at, "long"), "w": item.what_it_changes})
        if done else "",
        save=lambda d: services.acknowledge_agency_information(
            acting_user=request.user, item=item, what_it_changes=d["what_it_changes"],
            request=request),
    )


@allow(read=CASE_WRITERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def home_visit_new(request, crn: str):
    person = case_for(request.user, crn, request=request, page="home-visit-new")
    form = HomeVisitForm(request.POST or None)
    return _form_page(
        request, person, form, heading=_("Plan a home visit"), button=_("Plan visit"),
        once="home-visit",
        back=_back_to_risk(person), back_text=_("Back to risk"), success=_("Home visit planned"),
        save=lambda d: services.plan_home_visit(acting_user=request.user, person=person,
                                                planned_for=d["planned_for"],
                                                purpose=d["purpose"], request=request),
    )


@allow(read=READERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def home_visit(request, crn: str, pk: int):
    person = case_for(request.user, crn, request=request, page="home-visit")
    visit = selectors.home_visit(person, pk)
    if visit is None:
        raise Http404("No such visit.")
    form = HomeVisitOutcomeForm(request.POST or None, initial={
        "visited_on": visit.visited_on or visit.planned_for, "outcome": visit.outcome})
    return _form_page(
        request, person, form, heading=_("Home visit"), button=_("Record the visit"),
        back=_back_to_risk(person), back_text=_("Back to risk"),
        intro=_("Planned for %(d)s: %(p)s") % {"d": format_date(visit.planned_for, "long"),
                                                "p": visit.purpose},
        success=_("Home visit recorded"), can_submit=_can_write(request),
        save=lambda d: services.record_home_visit(acting_user=request.user, visit=visit,
                                                  visited_on=d["visited_on"],
                                                  outcome=d["outcome"], request=request),
    )


@allow(read=CASE_WRITERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def link_worker(request, crn: str):
    person = case_for(request.user, crn, request=request, page="link-worker")
    current = selectors.link_worker(person)
    initial = {"assigned_on": timezone.localdate()}
    if current:
        initial = {"name": current.name, "organisation": current.organisation,
                   "phone": current.phone, "assigned_on": current.assigned_on}
    form = LinkWorkerForm(request.POST or None, initial=initial)
    return _form_page(
        request, person, form, heading=_("Partner link worker"), button=_("Save link worker"),
        back=_back_to_risk(person), back_text=_("Back to risk"),
        intro=_("A man on Building Better Relationships must have a partner link worker to "
                "support his partner or ex-partner."),
        success=_("Partner link worker saved"),
        save=lambda d: services.assign_link_worker(
            acting_user=request.user, person=person, name=d["name"],
            organisation=d["organisation"], phone=d["phone"], assigned_on=d["assigned_on"],
            request=request),
    )


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
    context.update({"request_blockers": blockers, "can_edit": _can_write(request),
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
    states, _check_blockers = selectors.check_states(person, today)
    flags = selectors.active_flags(person)
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
    return _form_page(
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
    return _form_page(
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
    flags = selectors.active_flags(person)
    return _form_page(
        request, person, form, heading=_("Risk management plan"),
        button=_("Save risk management plan"), back=_back_to_plan(person),
        back_text=_("Back to the plan"),
        intro=_("Required where RoSH is medium or above, or there is domestic abuse or child "
                "safeguarding. Cover every part."),
        intro_items=[r.text for r in rules.rmp_required(person.rosh or None, flags)],
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
    return _form_page(
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
    flags = selectors.active_flags(person)
    today = timezone.localdate()
    # The manager oversees the plan itself, and what other agencies have said (§7, §8, §15).
    context = _plan_context(person, plan, today)
    context["information"] = selectors.agency_information(person)
    return _form_page(
        request, person, form, heading=_("Countersign the plan"), button=_("Save oversight"),
        back=_back_to_plan(person), back_text=_("Back to the plan"),
        template="planning/countersign.html", extra={"plan": plan, "plan_summary": context},
        intro=_("Read the plan and what other agencies have said, then answer each prompt. A "
                "plan that is not sufficient goes back to the officer with what must change."),
        intro_items=[r.text for r in rules.countersign_required(person.rosh or None, flags)],
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
    return _pdf_response(pdf, f"plan-{person.crn}.pdf")
