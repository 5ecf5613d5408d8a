"""Catalogue and rate card, referrals (case tab, lists, detail with partner updates), monitoring."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from desist.access.rules import allow
from desist.audit import events
from desist.organisation.roles import ALL_ROLES, CASE_WRITERS, PROVIDER_STAFF, Role, role_of
from desist.paging import CappedPaginator
from desist.risk.selectors import link_worker as link_worker_of
from desist.scopes import interventions as scoped
from desist.scopes.cases import case_for
from desist.words import reason
from desist.write_views import submit

from . import selectors, services
from .choices import TRANSITIONS, Component, ReferralStatus
from .forms import ReferralForm, ServiceForm, SessionForm, StatusForm

REFERRAL_WRITERS = CASE_WRITERS | {Role.PARTNER_CASEWORKER}
MONITORING_READERS = {Role.MANAGER, Role.SYSADMIN, Role.HUB_ADMIN, Role.AUDITOR}
# What a partner may do to its own referrals: everything but withdraw or re-refer.
PARTNER_STEPS = {ReferralStatus.ACCEPTED, ReferralStatus.REJECTED, ReferralStatus.WAITING,
                 ReferralStatus.STARTED, ReferralStatus.COMPLETED}


@allow(read=ALL_ROLES)
@require_http_methods(["GET"])
def catalogue(request):
    partner = request.GET.get("partner", "")
    component = request.GET.get("component", "")
    if component not in Component.values:
        component = ""
    services_ = selectors.with_places(
        selectors.catalogue(request.user, partner=partner, component=component))
    role = role_of(request.user)
    partners = sorted({(s.partner_id, s.partner.name) for s in selectors.catalogue(request.user)
                       if s.partner_id}, key=lambda p: p[1])
    return render(request, "interventions/catalogue.html", {
        "services": services_, "partner": partner, "component": component,
        "partner_choices": [("", _("All providers")), ("in_house", _("In-house"))]
        + [(str(pk), name) for pk, name in partners],
        "component_choices": [("", _("All components"))] + list(Component.choices),
        "editable": {s.pk for s in services_ if role is Role.SYSADMIN or (
            role is Role.PARTNER_CASEWORKER and s.partner_id == request.user.staff.partner_id)},
    })


SERVICE_EDITORS = {Role.SYSADMIN, Role.PARTNER_CASEWORKER}


@allow(read=SERVICE_EDITORS, write=SERVICE_EDITORS)
@require_http_methods(["GET", "POST"])
def service_edit(request, pk: int):
    """The system administrator edits any service; a partner caseworker its own (audited)."""
    service = selectors.service_for_editing(request.user, pk)
    initial = {f: getattr(service, f) for f in services.EDITABLE_SERVICE_FIELDS}
    form = ServiceForm(request.POST or None, initial={**initial, "version": service.version})
    code = 200
    if request.method == "POST":
        response, code = submit(
            request, form,
            lambda data: services.service_update(
                acting_user=request.user, service=service, request=request,
                changes={f: data[f] for f in services.EDITABLE_SERVICE_FIELDS},
                expected_version=data["version"]),
            success=_("%(s)s updated") % {"s": service.name}, redirect_to="interventions:catalogue")
        if response:
            return response
    places = selectors.with_places([service])[0]
    return render(request, "interventions/service_edit.html", {
        "service": places, "form": form}, status=code)


@allow(read=PROVIDER_STAFF, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def case_referrals(request, crn: str):
    person = case_for(request.user, crn, request=request, page="referrals")
    today = timezone.localdate()
    offered = list(selectors.referable_services(request.user))
    form = ReferralForm(request.POST or None, services=offered)
    status = 200
    refused = []
    if request.method == "POST":
        if form.is_valid():
            service = next(s for s in offered if s.pk == form.cleaned_data["service"])
            try:
                referral, check = services.make_referral(
                    user=request.user, person=person, service=service, today=today,
                    propose_only=form.cleaned_data["propose_only"],
                    note=form.cleaned_data["note"],
                    duplicate_reason=form.cleaned_data["duplicate_reason"], request=request)
            except services.ReferralRefused as refusal:
                refused = list(refusal.reasons)
                for why in refusal.reasons:
                    field = ("duplicate_reason" if why.code == "s9_duplicate_referral"
                             else "service")
                    form.add_error(field, reason(why))  # in the reader's language (ADR 0016)
                status = 400
            else:
                if check.feasible:
                    messages.success(request, _("Referral to %(s)s made") % {"s": service.name})
                else:
                    messages.success(request, _("Referral to %(s)s made, but it cannot complete "
                                                "before the sentence ends: a task has been "
                                                "raised") % {"s": service.name})
                return redirect("interventions:case-referrals", crn=person.crn)
        else:
            status = 400
    # The case is access-checked above and partners do not use this page: all its referrals.
    referrals = selectors.case_referrals(person)
    return render(request, "interventions/case_referrals.html", {
        "person": person, "referrals": referrals, "form": form, "today": today,
        "refused": refused, "can_refer": role_of(request.user) in CASE_WRITERS,
        # BBR takes the partner link worker recorded on the Risk tab (§7): show which one.
        "needs_link_worker": [s.name for s in offered if s.needs_link_worker],
        "link_worker": link_worker_of(person),
    }, status=status)


@allow(read=ALL_ROLES)
@require_http_methods(["GET"])
def referrals(request):
    status = request.GET.get("status", "")
    if status not in ReferralStatus.values:
        status = ""
    service = request.GET.get("service", "")
    partner = request.GET.get("partner", "")
    at_risk = request.GET.get("at_risk") == "1"
    is_partner = role_of(request.user) is Role.PARTNER_CASEWORKER
    scope = request.GET.get("scope", "")
    if scope not in ("mine", "team", "all") or is_partner:
        # Like the caseload: an officer starts with their own cases; a drill-down shows all.
        staff = request.user.staff
        scope = "all" if is_partner or service or partner else (
            "mine" if staff.caseload.exists() else "team" if staff.team_id else "all")
    query = request.GET.get("q", "").strip()[:100]
    rows = scoped.referral_list(request.user, status=status, service=service, partner=partner,
                                   at_risk=at_risk, scope=scope, query=query)
    page = CappedPaginator(rows, 50).get_page(request.GET.get("page") or 1)
    events.caseload_listed(user=request.user, crns=sorted({r.person.crn for r in page}),
                           request=request, query={"referrals": True, "status": status,
                                                   "service": service, "partner": partner,
                                                   "scope": scope, "q": query})
    return render(request, "interventions/referrals.html", {
        "page": page, "status": status, "service": service, "partner": partner, "q": query,
        "at_risk": at_risk, "status_choices": [("", _("Any status"))] + list(ReferralStatus.choices),
        "is_partner": is_partner, "scope": scope,
        "scope_choices": [("mine", _("My cases")), ("team", _("My team")), ("all", _("All cases"))],
    })


def allowed_steps(user, referral) -> list[str]:
    steps = list(TRANSITIONS.get(referral.status, ()))
    role = role_of(user)
    if role is Role.PARTNER_CASEWORKER:
        return [s for s in steps if s in PARTNER_STEPS]
    if role in CASE_WRITERS:
        return steps
    return []


def _referral_case(request, pk):
    return scoped.referral_for(request.user, pk).person


@require_http_methods(["GET"])  # first: a POST here is 405 for everyone, not 403
@allow(read=ALL_ROLES)
def referral(request, pk: int):
    """The referral's page; each of its forms posts to its own write route below."""
    referral = scoped.referral_for(request.user, pk, request=request)
    return _referral_page(request, referral)


def _referral_page(request, referral, *, status_form=None, session_form=None, form=None,
                   code=200):
    events.referral_viewed(user=request.user, referral=referral, request=request)
    steps = allowed_steps(request.user, referral)
    status_form = status_form or StatusForm(allowed=steps, initial={"version": referral.version})
    session_form = session_form or SessionForm(initial={"session_on": timezone.localdate()})
    return render(request, "interventions/referral.html", {
        "referral": referral, "person": referral.person, "steps": steps,
        "status_form": status_form, "session_form": session_form, "form": form,
        "sessions": list(referral.sessions.select_related("recorded_by")),
        "history": list(referral.events.select_related("by")),
        "can_record": role_of(request.user) in REFERRAL_WRITERS and referral.status in (
            ReferralStatus.ACCEPTED, ReferralStatus.WAITING, ReferralStatus.STARTED),
        "today": timezone.localdate(),
    }, status=code)


@require_http_methods(["POST"])  # outside the access rule: a GET is 405 for everyone
@allow(write=REFERRAL_WRITERS, case=_referral_case)
def referral_status(request, pk: int):
    """Move the referral on (a partner only through the steps it may take)."""
    referral = scoped.referral_for(request.user, pk, request=request)
    form = StatusForm(request.POST, allowed=allowed_steps(request.user, referral))
    response, code = submit(
        request, form,
        lambda data: services.change_status(
            user=request.user, referral=referral, to=data["to"], reason=data["reason"],
            expected_version=data["version"], request=request),
        success=_("Referral updated"), redirect_to=("interventions:referral", {"pk": referral.pk}))
    return response or _referral_page(request, referral, status_form=form, form=form, code=code)


@require_http_methods(["POST"])  # outside the access rule: a GET is 405 for everyone
@allow(write=REFERRAL_WRITERS, case=_referral_case)
def referral_session(request, pk: int):
    """Record one session: attended, or missed (the responsible officer is told)."""
    referral = scoped.referral_for(request.user, pk, request=request)
    form = SessionForm(request.POST)
    response, code = submit(
        request, form,
        lambda data: services.record_session(
            user=request.user, referral=referral, session_on=data["session_on"],
            attended=data["attended"], note=data["note"], request=request),
        success=lambda session: _("Session recorded") if form.cleaned_data["attended"]
        else _("Missed session recorded: the responsible officer has been told"),
        redirect_to=("interventions:referral", {"pk": referral.pk}), default_field="session_on")
    return response or _referral_page(request, referral, session_form=form, form=form, code=code)


@allow(read=MONITORING_READERS)
@require_http_methods(["GET"])
def monitoring(request):
    rows = selectors.monitoring(request.user)
    partners = {}
    for row in rows:
        partners.setdefault(row["partner"] or _("In-house"), []).append(row)
    return render(request, "interventions/monitoring.html", {"partners": partners})
