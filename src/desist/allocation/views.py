"""Hub intake, banding, assignment and workload pages (§3, §4, §16)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from desist.access.rules import allow
from desist.audit import events
from desist.organisation import capacity as staff_capacity
from desist.organisation import services as staff_services
from desist.organisation.choices import ReductionReason
from desist.organisation.roles import PROVIDER_STAFF, Role
from desist.paging import CappedPaginator, page_links
from desist.people.selectors import case_overview
from desist.rules import routing as routing_rules
from desist.rules import workload
from desist.rules.assignment import WARNING_TITLES
from desist.rules.band_decision import ANSWERED_BY_DECISION, PromptAnswer
from desist.rules.reductions import USUAL_PERCENT
from desist.scopes import allocation as scoped
from desist.scopes.cases import case_for
from desist.sentences.selectors import current_of
from desist.tiering.selectors import policy_for
from desist.words import reason
from desist.write_views import submit

from . import facts, selectors, services
from .candidates import candidates_for
from .forms import (
    AddressForm,
    AssignForm,
    BandForm,
    EscalationOutcomeForm,
    HoursForm,
    ReductionEndForm,
    ReductionForm,
    ReductionWithdrawForm,
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
WORKLOAD_PAGE_SIZE = 50


# --- Hub intake -------------------------------------------------------------------------------

@allow(read=HUB)
@require_http_methods(["GET"])
def intake(request):
    view = request.GET.get("view", "awaiting")
    if view not in selectors.INTAKE_VIEWS:
        view = "awaiting"
    today = timezone.localdate()
    page = selectors.CappedPaginator(scoped.intake_queue(request.user, view), PAGE_SIZE).get_page(
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


def _intake_forms(person, data=None, *, write: str = ""):
    """The intake page's three forms; only the one being written is bound to ``data``."""
    today = timezone.localdate()
    sentences, _regs = case_overview(person)
    proposal = facts.route_case(person, sentences, today,
                                facts.lmc_by_local_authority(person.provider_id))
    initial = {"version": person.version,
               "routing": proposal.result.destination if proposal.result else "hub",
               "lmc": (proposal.result.lmc if proposal.result else "") or ""}
    forms = {
        "route": RoutingForm(data if write == "route" else None, initial=initial,
                             lmc_choices=_lmc_choices(person.provider_id)),
        "release": ReleaseForm(data if write == "release" else None),
        "address": AddressForm(data if write == "address" else None,
                               initial={"version": person.version, "address": person.address,
                                        "postcode": person.postcode,
                                        "local_authority": person.local_authority.code
                                        if person.local_authority_id else ""},
                               local_authorities=_local_authority_choices(person.provider_id)),
    }
    return forms, sentences, proposal, today


def _intake_page(request, person, forms, sentences, proposal, today, status: int = 200):
    shown = next((f for f in (forms["route"], forms["release"], forms["address"]) if f.errors),
                 None)
    missing = facts.missing_information(person, sentences)
    sentence = current_of(sentences)
    return render(request, "allocation/intake_case.html", {
        "person": person, "proposal": proposal, "form": shown, "route_form": forms["route"],
        "release_form": forms["release"], "address_form": forms["address"], "today": today,
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


def _intake_write(request, crn: str, write: str, do, *, success, redirect_to):
    """One of the intake page's writes: its form → its service, or the page with the refusal."""
    person = case_for(request.user, crn, request=request, page="intake")
    forms, sentences, proposal, today = _intake_forms(person, request.POST, write=write)
    response, status = submit(request, forms[write], lambda data: do(person, data),
                              success=success(person), redirect_to=redirect_to(person))
    return response or _intake_page(request, person, forms, sentences, proposal, today, status)


@allow(read=HUB, write=HUB_WRITERS)
@require_http_methods(["GET", "POST"])
def intake_case(request, crn: str):
    """The case's intake page; its POST records the routing decision (§3)."""
    if request.method == "POST":
        return _intake_write(
            request, crn, "route",
            lambda person, data: services.decide_routing(
                user=request.user, person=person, routing=data["routing"],
                lmc=selectors.lmc_team(person.provider_id, data["lmc"]), note=data["note"],
                request=request, expected_version=data["version"]),
            success=lambda person: _("Routing recorded for %(name)s") % {"name": person.name},
            redirect_to=lambda person: ("allocation:intake", {}))
    person = case_for(request.user, crn, request=request, page="intake")
    return _intake_page(request, person, *_intake_forms(person))


@require_http_methods(["POST"])
@allow(write=HUB_WRITERS)
def intake_address(request, crn: str):
    """Record the case's (release) address, from which the routing is proposed again."""
    return _intake_write(
        request, crn, "address",
        lambda person, data: services.address_record(
            user=request.user, person=person, address=data["address"],
            postcode=data["postcode"], request=request, expected_version=data["version"],
            local_authority=selectors.local_authority_served(person.provider_id,
                                                             data["local_authority"])),
        success=lambda person: _("Address recorded for %(name)s: check the routing proposed "
                                 "from it") % {"name": person.name},
        redirect_to=lambda person: ("allocation:intake-case", {"crn": person.crn}))


@require_http_methods(["POST"])
@allow(write=HUB_WRITERS)
def intake_release(request, crn: str):
    """A ROTL or HDC request passes a long-custody case to its LMC now (§3)."""
    return _intake_write(
        request, crn, "release",
        lambda person, data: services.release_to_lmc(
            person=person, user=request.user, rotl_hdc=True, on=data["requested_on"],
            reason=data["note"], request=request),
        success=lambda person: _("%(name)s passed to the LMC") % {"name": person.name},
        redirect_to=lambda person: ("allocation:intake", {}))


# --- Allocation queue -------------------------------------------------------------------------

@allow(read=ALLOCATORS | {Role.AUDITOR})
@require_http_methods(["GET"])
def queue(request):
    page = CappedPaginator(scoped.allocation_queue(request.user), PAGE_SIZE).get_page(
        request.GET.get("page") or 1)
    events.caseload_listed(user=request.user, crns=[p.crn for p in page.object_list],
                           request=request, query={"allocation": True, "page": page.number})
    # Under the tiering policy the queue is worked by tier (ADR 0013): the tier is shown.
    return render(request, "allocation/queue.html", {
        "page": page, "today": timezone.localdate(),
        "shows_tier": policy_for(request.user.staff.provider_id).shows_tier})


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
        def decide(data):
            choice = services.BandChoice(
                band=data["band"], rationale=data["rationale"],
                answers={c: PromptAnswer(data.get(f"prompt_{c}") or "", data.get(f"note_{c}") or "")
                         for c in form.prompt_codes},
                ror_judgement=data["ror_judgement"], ror_reason=data["ror_reason"],
            )
            return services.decide_band(user=request.user, person=person, choice=choice,
                                        expected_version=data["version"], request=request)

        response, status = submit(
            request, form, decide, success=_("Band recorded"),
            redirect_to=("allocation:banding", {"crn": person.crn}),
            field_map={f"prompt:{c}": f"prompt_{c}" for c in form.prompt_codes})
        if response:
            return response
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
        response, status = submit(
            request, form,
            lambda data: services.assign(
                user=request.user, person=person, request=request,
                expected_version=data["version"],
                choice=services.AssignChoice(
                    officer_id=data["officer"], reason=data["reason"],
                    acknowledged=data["acknowledged"], acknowledgement=data["acknowledgement"])),
            success=_("Responsible officer recorded"),
            redirect_to=("allocation:assign", {"crn": person.crn}))
        if response:
            return response
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
                " ".join(reason(r) for r in w.reasons) for w in c.warnings)
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
        response, status = submit(
            request, form,
            lambda data: services.escalation_record(
                user=request.user, person=person,
                task=next((t for t in tasks if t.pk == data["task"]), None),
                outcome=data["outcome"], on=data["on"], notes=data["notes"], request=request),
            success=_("Escalation outcome recorded"),
            redirect_to=("allocation:escalation", {"crn": person.crn}))
        if response:
            return response
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
    # A page of officers at a time: the whole provider (all teams) is over 400 officers, and
    # rendering them all through the GOV.UK table was most of the page's time (issue 23).
    paginator = Paginator(selectors.team_officers(request.user, team), WORKLOAD_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page") or 1)
    loads = selectors.officer_workloads(list(page.object_list), timezone.localdate(), weights)
    return render(request, "allocation/workload.html", {
        "team_choices": [(t.code, t.name) for t in teams], "team": team, "loads": loads,
        "page": page, "paginator": paginator, "page_links": page_links(request, page),
        "policy": policy_for(staff.provider_id),  # counts by band, by tier, or both (ADR 0013)
    })


@allow(read=WORKLOAD_READERS)
@require_http_methods(["GET"])
def workload_officer(request, pk: int):
    officer = selectors.provider_officer(request.user.staff.provider_id, pk)
    if officer is None:
        raise Http404("No such officer.")
    page = CappedPaginator(scoped.officer_cases(request.user, officer), 50).get_page(
        request.GET.get("page") or 1)
    load = selectors.officer_workload(officer, timezone.localdate(),
                                      services.weights_for(officer.provider_id))
    policy = policy_for(officer.provider_id)
    events.caseload_listed(user=request.user, crns=[p.crn for p in page.object_list],
                           request=request, query={"workload_officer": officer.staff_code})
    return render(request, "allocation/workload_officer.html", {
        "officer": officer, "page": page, "load": load, "policy": policy,
        "not_listed": max(load.caseload - page.paginator.count, 0)})


TABLES = ("band_points", "rosh_points", "flag_points", "case_type_factors", "grade_targets",
          "tier_points")


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
        response, status = submit(
            request, form,
            lambda data: services.save_weightings(
                user=request.user, provider_id=provider_id, tables=form.cleaned_tables(),
                request=request, expected_version=data.get("version"), reason=data["reason"]),
            success=_("Weightings saved. Workload points are recalculated by the nightly "
                      "recompute, or now with 'desist recompute'."),
            redirect_to="allocation:weightings")
        if response:
            return response
    defaults = {name: workload.DEFAULT_WEIGHTS.table(name) for name in TABLES}
    return render(request, "allocation/weightings.html", {
        "form": form, "tables": tables, "defaults": defaults,
        "can_edit": request.user.staff.role == Role.SYSADMIN,
        "changes": selectors.weighting_changes(provider_id),
    }, status=status)


# --- Staff capacity: contracted hours and reductions (§16, issue 21) -------------------------

CAPACITY_EDITORS = frozenset({Role.SYSADMIN})


def _officer_or_404(request, pk: int):
    officer = selectors.provider_officer(request.user.staff.provider_id, pk)
    if officer is None:
        raise Http404("No such officer.")
    return officer


def _capacity_page(request, officer, *, failed=None, status: int = 200):
    """The officer's capacity with its working, the forms to change it and the history.
    ``failed`` is ``(form name, reduction id or None, bound form)`` after a refused write."""
    today = timezone.localdate()
    weights = services.weights_for(officer.provider_id)
    name, rid, bound = failed or ("", None, None)
    forms = {"hours": HoursForm(initial={"hours": officer.contracted_hours}),
             "reduction": ReductionForm(reasons=ReductionReason.choices, prefix="new",
                                        initial={"starts_on": today})}
    if name in forms:
        forms[name] = bound
    rows = staff_capacity.reduction_history(officer)
    return render(request, "allocation/capacity.html", {
        "officer": officer, "today": today, "form": bound,
        "breakdown": staff_capacity.staff_capacity(officer, weights, today),
        "load": selectors.officer_workload(officer, today, weights),
        "hours_form": forms["hours"], "reduction_form": forms["reduction"],
        "end_forms": {r.pk: bound if name == "end" and rid == r.pk
                      else ReductionEndForm(prefix=f"end{r.pk}") for r in rows if r.current},
        "withdraw_forms": {r.pk: bound if name == "withdraw" and rid == r.pk
                           else ReductionWithdrawForm(prefix=f"withdraw{r.pk}")
                           for r in rows if r.current},
        "reductions": rows, "hours_history": staff_capacity.hours_history(officer),
        "reasons": ReductionReason.choices, "usual": USUAL_PERCENT,
        "can_edit": request.user.staff.role in CAPACITY_EDITORS,
    }, status=status)


def _capacity_write(request, pk: int, name: str, form, write, *, success: str, rid=None):
    officer = _officer_or_404(request, pk)
    response, status = submit(request, form, lambda data: write(officer, data), success=success,
                              redirect_to=("allocation:capacity", {"pk": officer.pk}))
    return response or _capacity_page(request, officer, failed=(name, rid, form), status=status)


@allow(read=WORKLOAD_READERS)
@require_http_methods(["GET"])
def capacity(request, pk: int):
    """An officer's capacity: contracted hours, reductions in force, and how the figure is
    worked out; the system administrator changes the hours and reductions here."""
    return _capacity_page(request, _officer_or_404(request, pk))


@require_http_methods(["POST"])
@allow(write=CAPACITY_EDITORS)
def capacity_hours(request, pk: int):
    return _capacity_write(
        request, pk, "hours", HoursForm(request.POST),
        lambda officer, data: staff_services.change_hours(
            user=request.user, staff=officer, hours=data["hours"], reason=data["reason"],
            request=request),
        success=_("Contracted hours changed"))


@require_http_methods(["POST"])
@allow(write=CAPACITY_EDITORS)
def capacity_reduction_add(request, pk: int):
    return _capacity_write(
        request, pk, "reduction", ReductionForm(request.POST, reasons=ReductionReason.choices, prefix="new"),
        lambda officer, data: staff_services.add_reduction(
            user=request.user, staff=officer, reason=data["reason"], other=data["other"],
            percent=data["percent"], starts_on=data["starts_on"], ends_on=data["ends_on"],
            note=data["note"], request=request),
        success=_("Reduction recorded"))


def _reduction_or_404(officer, rid: int):
    row = staff_capacity.staff_reduction(officer, rid)
    if row is None:
        raise Http404("No such reduction.")
    return row


@require_http_methods(["POST"])
@allow(write=CAPACITY_EDITORS)
def capacity_reduction_end(request, pk: int, rid: int):
    return _capacity_write(
        request, pk, "end", ReductionEndForm(request.POST, prefix=f"end{rid}"),
        lambda officer, data: staff_services.end_reduction(
            user=request.user, staff=officer, reduction=_reduction_or_404(officer, rid),
            ends_on=data["ends_on"], note=data["note"], request=request),
        success=_("End date recorded"), rid=rid)


@require_http_methods(["POST"])
@allow(write=CAPACITY_EDITORS)
def capacity_reduction_withdraw(request, pk: int, rid: int):
    return _capacity_write(
        request, pk, "withdraw", ReductionWithdrawForm(request.POST, prefix=f"withdraw{rid}"),
        lambda officer, data: staff_services.withdraw_reduction(
            user=request.user, staff=officer, reduction=_reduction_or_404(officer, rid),
            reason=data["reason"], request=request),
        success=_("Reduction withdrawn"), rid=rid)
