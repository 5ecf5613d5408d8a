"""Risk pages (§7): the assessment, checks, agency information, home visits."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from desist.access.rules import allow
from desist.dates import format_date
from desist.form_pages import READERS, can_write, form_page
from desist.organisation.roles import CASE_WRITERS
from desist.rules import planning as rules
from desist.scopes.cases import case_for

from . import selectors, services
from .forms import (
    AcknowledgeForm,
    AgencyInformationForm,
    CheckRequestForm,
    CheckResultForm,
    HomeVisitForm,
    HomeVisitOutcomeForm,
    LinkWorkerForm,
    RiskAssessmentForm,
)


@allow(read=READERS)
@require_http_methods(["GET"])
def risk(request, crn: str):
    person = case_for(request.user, crn, request=request, page="risk")
    today = timezone.localdate()
    states, blockers = selectors.check_states(person, today)
    flags = selectors.active_flags(person)
    return render(request, "risk/risk.html", {
        "person": person, "today": today, "assessments": selectors.risk_assessments(person),
        "checks": selectors.checks(person), "states": states, "check_blockers": blockers,
        "information": selectors.agency_information(person),
        "visits": selectors.home_visits(person), "link_worker": selectors.link_worker(person),
        "bbr": selectors.bbr_referral(person), "can_edit": can_write(request),
        "rmp_reasons": rules.rmp_required(person.rosh or None, flags),
        "registrations": person.registrations.filter(end_date__isnull=True),
        "previous_sanctions": person.previous_sanctions,
    })


def _back_to_risk(person) -> str:
    return reverse("risk:risk", kwargs={"crn": person.crn})


@allow(read=CASE_WRITERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def risk_assess(request, crn: str):
    person = case_for(request.user, crn, request=request, page="risk-assess")
    form = RiskAssessmentForm(request.POST or None, initial={
        "version": person.version, "rosh": person.rosh, "rosh_to": person.rosh_to,
        "assessed_on": timezone.localdate()})
    return form_page(
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
    return form_page(
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
        if can_write(request):
            links.append((reverse("risk:check-new", kwargs={"crn": person.crn})
                          + f"?kind={item.kind}", _("Request a new check")))
    return form_page(
        request, person, form, heading=item.get_kind_display(), button=_("Save the result"),
        back=_back_to_risk(person), back_text=_("Back to risk"), summary=summary, links=links,
        success=_("Check result saved"), can_submit=can_write(request) and not recorded,
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
    return form_page(
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
    return form_page(
        request, person, form, heading=_("Information from %(a)s") % {
            "a": item.get_agency_display()},
        button=_("Acknowledge"), back=_back_to_risk(person), back_text=_("Back to risk"),
        intro=_("Received %(d)s: %(s)s") % {"d": format_date(item.received_on, "long"),
                                             "s": item.summary},
        success=_("Information acknowledged"), can_submit=can_write(request) and not done,
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
    return form_page(
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
    return form_page(
        request, person, form, heading=_("Home visit"), button=_("Record the visit"),
        back=_back_to_risk(person), back_text=_("Back to risk"),
        intro=_("Planned for %(d)s: %(p)s") % {"d": format_date(visit.planned_for, "long"),
                                                "p": visit.purpose},
        success=_("Home visit recorded"), can_submit=can_write(request),
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
    return form_page(
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
