"""Hub intake, banding, assignment and workload pages (§3, §4, §16)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from desist.access.roles import PROVIDER_STAFF, Role
from desist.access.rules import allow
from desist.access.selectors import case_for
from desist.audit import events
from desist.forms import StaleRecordError
from desist.paging import CappedPaginator
from desist.people.selectors import case_overview
from desist.rules import routing as routing_rules
from desist.rules import workload
from desist.rules.assignment import WARNING_TITLES
from desist.rules.band_decision import ANSWERED_BY_DECISION, PromptAnswer
from desist.rules.errors import RuleInputError

from . import facts, selectors, services
from .candidates import candidates_for
from .forms import (
    AddressForm,
    AssignForm,
    BandForm,
    EscalationOutcomeForm,
    ReleaseForm,
    RoutingForm,
    WeightingsForm,
)

HUB = frozenset({Role.HUB_ADMIN, Role.MANAGER, Role.SYSADMIN, Role.AUDITOR})
HUB_WRITERS = frozenset({Role.HUB_ADMIN, Role.MANAGER})
ALLOCATORS = frozenset({Role.MANAGER, Role.SYSADMIN, Role.HUB_ADMIN})
BAND_READERS = PROVIDER_STAFF
MANAGERS = frozenset({Role.MANAGER})
WORKLOAD_READERS = frozenset({Role.MANAGER, Role.SYSADMIN, Role.HUB_ADMIN, Role.AUDITOR})
PAGE_SIZE = 25


def _refuse(form, error: services.DecisionRefused, field_map=None) -> None:
    for field, message in error.problems.items():
        name = (field_map or {}).get(field, field)
        form.add_error(name if name in form.fields else None, message)


# --- Hub intake -------------------------------------------------------------------------------

@allow(read=HUB)
@require_http_methods(["GET"])
def intake(request):
    view = request.GET.get("view", "awaiting")
    if view not in selectors.INTAKE_VIEWS:
        view = "awaiting"
    today = timezone.localdate()
    page = selectors.CappedPaginator(selectors.intake_queue(request.user, view), PAGE_SIZE).get_page(
        request.GET.get("page") or 1)
    lmc_map = facts.lmc_by_local_authority(request.user.staff.provider_id)
    rows = selectors.intake_rows(page.object_list, today, lmc_map)
    events.caseload_listed(user=request.user, crns=[r.person.crn for r in rows], request=request,
                           query={"intake": view, "page": page.number})
    return render(request, "allocation/intake.html", {
        "rows": rows, "page": page, "view": view, "today": today,
    })


def _local_authority_choices(provider_id: int):
    """Local authorities the provider's offices serve, by name (codes never shown)."""
    return [(la.code, la.name) for la in selectors.local_authorities_served(provider_id)]


def _lmc_choices(provider_id: int):
    return [(t.code, t.name) for t in selectors.lmc_teams(provider_id)]


@allow(read=HUB, write=HUB_WRITERS)
@require_http_methods(["GET", "POST"])
def intake_case(request, crn: str):
    person = case_for(request.user, crn, request=request, page="intake")
    today = timezone.localdate()
    sentences, _regs = case_overview(person)
    lmc_map = facts.lmc_by_local_authority(person.provider_id)
    proposal = facts.route_case(person, sentences, today, lmc_map)
    choices = _lmc_choices(person.provider_id)
    initial = {"version": person.version,
               "routing": proposal.result.destination if proposal.result else "hub",
               "lmc": (proposal.result.lmc if proposal.result else "") or ""}
    action = request.POST.get("action") if request.method == "POST" else None
    form = RoutingForm(request.POST if action == "route" else None, initial=initial,
                       lmc_choices=choices)
    release_form = ReleaseForm(request.POST if action == "release" else None)
    address_form = AddressForm(request.POST if action == "address" else None,
                               initial={"version": person.version, "address": person.address,
                                        "postcode": person.postcode,
                                        "local_authority": person.local_authority.code
                                        if person.local_authority_id else ""},
                               local_authorities=_local_authority_choices(person.provider_id))
    status = 200
    if action == "address":
        if address_form.is_valid():
            data = address_form.cleaned_data
            try:
                services.address_record(
                    user=request.user, person=person, address=data["address"],
                    postcode=data["postcode"], request=request, expected_version=data["version"],
                    local_authority=selectors.local_authority_served(
                        person.provider_id, data["local_authority"]))
            except services.DecisionRefused as refused:
                _refuse(address_form, refused)
                status = 400
            except StaleRecordError as stale:
                address_form.add_error(None, str(stale))
                status = 409
            else:
                messages.success(request, _("Address recorded for %(name)s: check the routing "
                                            "proposed from it") % {"name": person.name})
                return redirect("allocation:intake-case", crn=person.crn)
        else:
            status = 400
    elif action == "route":
        if form.is_valid():
            data = form.cleaned_data
            lmc = selectors.lmc_team(person.provider_id, data["lmc"])
            try:
                services.decide_routing(user=request.user, person=person, routing=data["routing"],
                                        lmc=lmc, note=data["note"], request=request,
                                        expected_version=data["version"])
            except services.DecisionRefused as refused:
                _refuse(form, refused)
                status = 400
            except StaleRecordError as stale:
                form.add_error(None, str(stale))
                status = 409
            else:
                messages.success(request, _("Routing recorded for %(name)s") % {"name": person.name})
                return redirect("allocation:intake")
        else:
            status = 400
    elif action == "release":
        if release_form.is_valid():
            try:
                services.release_to_lmc(person=person, user=request.user, rotl_hdc=True,
                                        on=release_form.cleaned_data["requested_on"],
                                        reason=release_form.cleaned_data["note"], request=request)
            except services.DecisionRefused as refused:
                _refuse(release_form, refused)
                status = 400
            else:
                messages.success(request, _("%(name)s passed to the LMC") % {"name": person.name})
                return redirect("allocation:intake")
        else:
            status = 400
    shown = next((f for f in (form, release_form, address_form) if f.errors), None)
    missing = facts.missing_information(person, sentences)
    sentence = facts.current_sentence(sentences)
    return render(request, "allocation/intake_case.html", {
        "person": person, "proposal": proposal, "form": shown, "route_form": form,
        "release_form": release_form, "address_form": address_form, "today": today,
        "sentences": sentences, "missing": missing,
        "needs_address": "No address" in missing or person.hub_hold == "unroutable"
        or (person.hub_hold == "long_custody" and person.lmc_id is None),
        "alerts": routing_rules.held_custody_alerts(
            pass_to_lmc_on=person.pass_to_lmc_on, today=today,
            release_date=sentence.release_date if sentence else None)
        if person.hub_hold == "long_custody" else (),
        "decisions": selectors.routing_history(person),
        "can_write": request.user.staff.role in HUB_WRITERS,
    }, status=status)


# --- Allocation queue -------------------------------------------------------------------------

@allow(read=ALLOCATORS | {Role.AUDITOR})
@require_http_methods(["GET"])
def queue(request):
    page = CappedPaginator(selectors.allocation_queue(request.user), PAGE_SIZE).get_page(
        request.GET.get("page") or 1)
    events.caseload_listed(user=request.user, crns=[p.crn for p in page.object_list],
                           request=request, query={"allocation": True, "page": page.number})
    return render(request, "allocation/queue.html", {"page": page, "today": timezone.localdate()})


# --- Banding ----------------------------------------------------------------------------------

@allow(read=BAND_READERS, write=MANAGERS)
@require_http_methods(["GET", "POST"])
def banding(request, crn: str):
    person = case_for(request.user, crn, request=request, page="banding")
    today = timezone.localdate()
    context = services.band_context(person, today)
    picture, proposal, review = context.picture, context.proposal, context.review
    prompts = proposal.prompts if proposal else ()
    initial = {"version": person.version, "band": (proposal.band if proposal else "") or person.band,
               "ror_judgement": person.ror_judgement}
    form = BandForm(request.POST or None, initial=initial, prompts=prompts)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            choice = services.BandChoice(
                band=data["band"], rationale=data["rationale"],
                answers={c: PromptAnswer(data.get(f"prompt_{c}") or "", data.get(f"note_{c}") or "")
                         for c in form.prompt_codes},
                ror_judgement=data["ror_judgement"], ror_reason=data["ror_reason"],
            )
            try:
                services.decide_band(user=request.user, person=person, choice=choice,
                                     expected_version=data["version"], request=request)
            except services.DecisionRefused as refused:
                _refuse(form, refused, {f"prompt:{c}": f"prompt_{c}" for c in form.prompt_codes})
                status = 400
            except StaleRecordError as stale:
                form.add_error(None, str(stale))
                status = 409
            else:
                messages.success(request, _("Band recorded"))
                return redirect("allocation:banding", crn=person.crn)
        else:
            status = 400
    return render(request, "allocation/banding.html", {
        "person": person, "picture": picture, "proposal": proposal, "review": review,
        "form": form, "prompts": prompts, "today": today,
        "answered_by_decision": ANSWERED_BY_DECISION,
        "history": selectors.band_history(person),
        "can_decide": request.user.staff.role in MANAGERS,
    }, status=status)


# --- Assignment -------------------------------------------------------------------------------

@allow(read=ALLOCATORS | {Role.AUDITOR}, write=MANAGERS)
@require_http_methods(["GET", "POST"])
def assign(request, crn: str):
    person = case_for(request.user, crn, request=request, page="assign")
    all_teams = request.GET.get("teams") == "all"
    form = AssignForm(request.POST or None, initial={"version": person.version})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.assign(user=request.user, person=person, request=request,
                                expected_version=data["version"],
                                choice=services.AssignChoice(
                                    officer_id=data["officer"], reason=data["reason"],
                                    acknowledged=data["acknowledged"],
                                    acknowledgement=data["acknowledgement"]))
            except services.DecisionRefused as refused:
                _refuse(form, refused)
                status = 400
            except StaleRecordError as stale:
                form.add_error(None, str(stale))
                status = 409
            else:
                messages.success(request, _("Responsible officer recorded"))
                return redirect("allocation:assign", crn=person.crn)
        else:
            status = 400
    ranking = candidates_for(person, all_teams=all_teams)
    chosen = form.data.get("officer") if form.is_bound else ""
    chosen_row = next((r for r in ranking.rows if str(r.staff.pk) == str(chosen)), None)
    return render(request, "allocation/assign.html", {
        "person": person, "ranking": ranking, "form": form, "all_teams": all_teams,
        "officer_items": _officer_items(ranking, str(chosen or "")),
        "chosen": str(chosen or ""), "chosen_row": chosen_row, "today": timezone.localdate(),
        "warning_titles": WARNING_TITLES,
        "history": selectors.assignment_history(person),
        "can_assign": request.user.staff.role in MANAGERS,
    }, status=status)


def _officer_items(ranking, chosen: str) -> list[dict]:
    items = []
    for row in ranking.rows:
        c = row.candidate
        now = "–" if c.capacity_percent_now is None else f"{c.capacity_percent_now:g}%"
        after = "–" if c.capacity_percent_after is None else f"{c.capacity_percent_after:g}%"
        hint = _("Score %(score)s. %(cases)s, capacity %(now)s → %(after)s after this case") % {
            "score": f"{c.score:g}",
            "cases": ngettext("%(num)d case", "%(num)d cases", row.caseload) % {"num": row.caseload},
            "now": now, "after": after}
        if c.warnings:
            hint += ". " + _("Warning") + ": " + "; ".join(
                " ".join(r.text for r in w.reasons) for w in c.warnings)
        items.append({"value": str(row.staff.pk), "checked": str(row.staff.pk) == chosen,
                      "text": f"{row.staff.name} ({row.staff.get_grade_display()})",
                      "hint": {"text": hint}})
    return items


# --- Risk escalation to the NPS (§2, F18) -----------------------------------------------------

@allow(read=ALLOCATORS | {Role.AUDITOR}, write=MANAGERS)
@require_http_methods(["GET", "POST"])
def escalation(request, crn: str):
    from desist.worklist.models import Task

    person = case_for(request.user, crn, request=request, page="risk-escalation")
    tasks = selectors.escalation_tasks(person)
    open_tasks = [t for t in tasks if t.status == Task.Status.OPEN]
    form = EscalationOutcomeForm(request.POST or None,
                                 initial={"task": open_tasks[0].pk if open_tasks else None})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            task = next((t for t in tasks if t.pk == data["task"]), None)
            try:
                services.escalation_record(user=request.user, person=person, task=task,
                                           outcome=data["outcome"], on=data["on"],
                                           notes=data["notes"], request=request)
            except services.DecisionRefused as refused:
                _refuse(form, refused)
                status = 400
            else:
                messages.success(request, _("Escalation outcome recorded"))
                return redirect("allocation:escalation", crn=person.crn)
        else:
            status = 400
    return render(request, "allocation/escalation.html", {
        "person": person, "form": form, "open_tasks": open_tasks,
        "open_rows": [(t, services.escalation_assessment(t.data)) for t in open_tasks],
        "closed_tasks": [t for t in tasks if t.status != Task.Status.OPEN][:20],
        "outcomes": selectors.escalation_outcomes(person),
        "can_record": request.user.staff.role in MANAGERS, "today": timezone.localdate(),
    }, status=status)


# --- Workload ---------------------------------------------------------------------------------

@allow(read=WORKLOAD_READERS)
@require_http_methods(["GET"])
def workload_view(request):
    staff = request.user.staff
    teams = selectors.provider_teams(staff.provider_id)
    code = request.GET.get("team", staff.team.code if staff.team_id else "")
    team = next((t for t in teams if t.code == code), None)
    weights = services.weights_for(staff.provider_id)
    loads = selectors.team_workload(request.user, team, timezone.localdate(), weights)
    return render(request, "allocation/workload.html", {
        "team_choices": [(t.code, t.name) for t in teams], "team": team, "loads": loads,
    })


@allow(read=WORKLOAD_READERS)
@require_http_methods(["GET"])
def workload_officer(request, pk: int):
    officer = selectors.provider_officer(request.user.staff.provider_id, pk)
    if officer is None:
        raise Http404("No such officer.")
    page = CappedPaginator(selectors.officer_cases(request.user, officer), 50).get_page(
        request.GET.get("page") or 1)
    load = selectors.officer_workload(officer, timezone.localdate(),
                                      services.weights_for(officer.provider_id))
    events.caseload_listed(user=request.user, crns=[p.crn for p in page.object_list],
                           request=request, query={"workload_officer": officer.staff_code})
    return render(request, "allocation/workload_officer.html", {
        "officer": officer, "page": page, "load": load,
        "not_listed": max(load.caseload - page.paginator.count, 0)})


TABLES = ("band_points", "rosh_points", "flag_points", "case_type_factors", "grade_targets")


@allow(read={Role.SYSADMIN, Role.MANAGER}, write={Role.SYSADMIN})
@require_http_methods(["GET", "POST"])
def weightings(request):
    provider_id = request.user.staff.provider_id
    current = services.weights_for(provider_id)
    tables = {name: current.table(name) for name in TABLES}
    row = selectors.weighting_row(provider_id)
    form = WeightingsForm(request.POST or None, tables=tables,
                          initial={"version": row.version if row else None})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_weightings(user=request.user, provider_id=provider_id,
                                         tables=form.cleaned_tables(), request=request,
                                         expected_version=form.cleaned_data.get("version"))
            except RuleInputError as error:
                form.add_error(None, f"{error.field}: {error.message}")
                status = 400
            except StaleRecordError as stale:
                form.add_error(None, str(stale))
                status = 409
            else:
                messages.success(request, _("Weightings saved. Workload points are recalculated "
                                            "by the nightly recompute, or now with "
                                            "'desist recompute'."))
                return redirect("allocation:weightings")
        else:
            status = 400
    defaults = {name: workload.DEFAULT_WEIGHTS.table(name) for name in TABLES}
    return render(request, "allocation/weightings.html", {
        "form": form, "tables": tables, "defaults": defaults,
        "can_edit": request.user.staff.role == Role.SYSADMIN,
    }, status=status)
