"""Quality pages: the framework, audit rounds, case audits, results, and management oversight."""

from __future__ import annotations

import csv
import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from desist.access.rules import allow, not_a_case
from desist.audit import events
from desist.dates import format_date
from desist.errors import Refused
from desist.organisation.roles import MANAGERS, PROVIDER_STAFF, Role, role_of
from desist.paging import page_by_ids, page_links
from desist.pdf import html_to_pdf
from desist.scopes import oversight as scoped
from desist.scopes.cases import case_for
from desist.write_views import submit

from . import framework as fw
from . import selectors, services
from .choices import CountersignSubject, Position, RoundStatus
from .forms import (
    AssignForm,
    CountersignForm,
    Domain1Form,
    EditionForm,
    OversightForm,
    RoundForm,
    SwapForm,
    answers_form,
)

AUDIT_USERS = frozenset({Role.AUDITOR, Role.MANAGER, Role.SYSADMIN})
COVERAGE_PAGE_SIZE = 50
FRAMEWORK_ADMINS = frozenset({Role.SYSADMIN})
CASE_READERS = PROVIDER_STAFF
OVERSEERS = MANAGERS
# Countersigning is a manager's job (§15), as on the plan: the system administrator does not.
COUNTERSIGNERS = frozenset({Role.MANAGER})


def _show(form, error: Refused) -> None:
    for name, texts in error.field_errors().items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


def oversight_panel(request, person, today):
    latest = selectors.oversight_for(person, limit=1)
    latest = latest[0] if latest else None
    return {"crn": person.crn, "latest": latest, "high_risk": person.rosh in selectors.HIGH_ROSH}


# ---------------------------------------------------------------------------------- hub


@allow(read=AUDIT_USERS)
def hub(request):
    return render(request, "oversight/hub.html", {
        "rounds": selectors.rounds_for(request.user),
        "mine": scoped.my_audits(request.user),
        "can_lead": role_of(request.user) in AUDIT_USERS,
        "can_countersign": role_of(request.user) in COUNTERSIGNERS,
    })


@allow(read=AUDIT_USERS, write=FRAMEWORK_ADMINS, case=not_a_case)
@require_http_methods(["GET", "POST"])
def framework(request):
    form = EditionForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                data = json.loads(form.cleaned_data["file"].read().decode("utf-8"))
                edition = services.edition_load(acting_user=request.user, data=data,
                                                request=request)
            except (ValueError, UnicodeDecodeError):
                form.add_error("file", _("The file is not a JSON document"))
            except Refused as error:
                form.add_error("file", error.message)
            else:
                messages.success(request, _("Edition loaded: %(name)s") % {"name": edition.name})
                return redirect("oversight:framework")
        status = 400
    editions = list(selectors.editions())
    current = editions[0] if editions else None
    return render(request, "oversight/framework.html", {
        "form": form, "editions": editions,
        "standards": fw.standards(current.data) if current else fw.standards(
            fw.default_edition()),
        "current": current,
        "can_load": role_of(request.user) in FRAMEWORK_ADMINS,
    }, status=status)


# ---------------------------------------------------------------------------------- rounds


@allow(read=AUDIT_USERS, write=AUDIT_USERS, case=not_a_case)
@require_http_methods(["GET", "POST"])
def round_new(request):
    offices = selectors.offices_for(request.user)
    form = RoundForm(request.POST or None, offices=offices,
                     initial={"strands": ["supervision"]})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                audit_round = services.round_start(
                    acting_user=request.user, name=d["name"], strands=d["strands"],
                    theme=d["theme"], offices=[int(o) for o in d["offices"]],
                    period_start=d["period_start"], period_end=d["period_end"],
                    confidence=d["confidence"] / 100, margin=d["margin"] / 100,
                    max_per_officer=d["max_per_officer"], reserve_percent=d["reserve_percent"],
                    seed=d["seed"], request=request)
            except Refused as error:
                _show(form, error)
            else:
                messages.success(request, _("Sample drawn"))
                return redirect("oversight:round", pk=audit_round.pk)
        status = 400
    return render(request, "oversight/round_new.html", {"form": form}, status=status)


@allow(read=AUDIT_USERS, write=AUDIT_USERS, case=not_a_case)
@require_http_methods(["GET", "POST"])
def round_detail(request, pk: int):
    audit_round = selectors.round_for(request.user, pk)
    auditors = selectors.auditors_for(request.user)
    form = AssignForm(request.POST if request.POST.get("action") == "assign" else None,
                      auditors=auditors)
    status = 200
    if request.method == "POST":
        if request.user.pk != audit_round.lead_id and role_of(request.user) != Role.SYSADMIN:
            raise PermissionDenied
        try:
            if request.POST.get("action") == "complete":
                services.round_complete(acting_user=request.user, audit_round=audit_round,
                                        request=request)
                messages.success(request, _("Round completed"))
                return redirect("oversight:results", pk=audit_round.pk)
            if form.is_valid():
                chosen = {str(s.user_id): s.user for s in auditors}
                n = services.audit_cases_assign(
                    acting_user=request.user, audit_round=audit_round,
                    auditors=[chosen[u] for u in form.cleaned_data["auditors"]],
                    paired_every=form.cleaned_data["paired_every"] or 0, request=request)
                messages.success(request, _("%(n)d cases assigned") % {"n": n})
                return redirect("oversight:round", pk=audit_round.pk)
        except Refused as error:
            _show(form, error)
        status = 400
    cases = list(selectors.round_cases(audit_round))
    redrawn = services.redraw(audit_round)
    same = all(
        redrawn[s] == (stored["sample"], stored["reserve"])
        for s, stored in audit_round.draw.items())
    loads: dict = {}
    for c in cases:
        if c.position != Position.SWAPPED_OUT:
            loads[c.officer_id] = loads.get(c.officer_id, 0) + 1
    return render(request, "oversight/round.html", {
        "round": audit_round, "form": form,
        "sample": [c for c in cases if c.position == Position.SAMPLE],
        "reserve": [c for c in cases if c.position == Position.RESERVE],
        "swapped": [c for c in cases if c.position == Position.SWAPPED_OUT],
        "redraw_same": same, "most_per_officer": max(loads.values(), default=0),
        "is_lead": request.user.pk == audit_round.lead_id,
        "open": audit_round.status == RoundStatus.IN_PROGRESS,
    }, status=status)


# ---------------------------------------------------------------------------------- auditing


def _case_view(person, today):
    return selectors.case_view(person, today)


@allow(read=AUDIT_USERS, write=AUDIT_USERS, case=not_a_case)
@require_http_methods(["GET", "POST"])
def audit_case(request, pk: int):
    case = scoped.audit_case_for(request.user, pk, request=request)
    events.case_viewed(user=request.user, person=case.person, request=request, page="case audit")
    asked = selectors.questions_for(case)
    mine = selectors.standing_answers(case, request.user)
    initial = {}
    for q in asked:
        if q.code in mine:
            initial[f"q_{fw.slug(q.code)}"] = mine[q.code].answer
            initial[f"r_{fw.slug(q.code)}"] = mine[q.code].reason
    action = request.POST.get("action")
    form = answers_form(asked, request.POST if action == "answers" else None, initial=initial)
    swap = SwapForm(request.POST if action == "swap" else None)
    status = 200
    if request.method == "POST":
        try:
            if action == "swap":
                if swap.is_valid():
                    new = services.audit_case_swap(acting_user=request.user, audit_case=case,
                                                   reason=swap.cleaned_data["reason"],
                                                   request=request)
                    messages.success(request, _("Case swapped for the next reserve case"))
                    return redirect("oversight:audit-case", pk=new.pk)
            elif form.is_valid():
                d = form.cleaned_data
                services.audit_answers_record(
                    acting_user=request.user, audit_case=case,
                    answers={q.code: (d[f"q_{fw.slug(q.code)}"], d[f"r_{fw.slug(q.code)}"])
                             for q in asked}, request=request)
                messages.success(request, _("Audit saved"))
                return redirect("oversight:audit-case", pk=case.pk)
        except Refused as error:
            _show(swap if action == "swap" else form, error)
        status = 400
    data = case.round.edition.data
    by_standard = {}
    for q in asked:
        by_standard.setdefault(q.standard, []).append(q)
    names = {s.code: s.name for s in fw.standards(data)}
    can_answer = (case.round.status == RoundStatus.IN_PROGRESS
                  and case.position == Position.SAMPLE
                  and request.user.pk in (case.auditor_id, case.second_auditor_id))
    return render(request, "oversight/audit_case.html", {
        "case": case, "person": case.person, "form": form, "swap": swap,
        "groups": [(code, names.get(code, ""), qs) for code, qs in by_standard.items()],
        "can_answer": can_answer,
        **_case_view(case.person, timezone.localdate()),
    }, status=status)


# ---------------------------------------------------------------------------------- results


@allow(read=AUDIT_USERS, write=AUDIT_USERS, case=not_a_case)
@require_http_methods(["GET", "POST"])
def results(request, pk: int):
    audit_round = selectors.round_for(request.user, pk)
    d1 = [s for s in fw.standards(audit_round.edition.data) if s.strand is None]
    form = Domain1Form(request.POST or None, standards=d1)
    status = 200
    if request.method == "POST":
        if request.user.pk != audit_round.lead_id:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.domain1_rate(acting_user=request.user, audit_round=audit_round,
                                      request=request, **form.cleaned_data)
            except Refused as error:
                _show(form, error)
            else:
                messages.success(request, _("Rating recorded"))
                return redirect("oversight:results", pk=pk)
        status = 400
    return render(request, "oversight/results.html", {
        "round": audit_round, "r": selectors.round_results(audit_round), "form": form,
        "names": _names(request.user),
        "can_rate": request.user.pk == audit_round.lead_id
        and audit_round.status == RoundStatus.IN_PROGRESS,
    }, status=status)


def _names(user):
    from desist.organisation.choices import Grade

    return {"office": {v.pk: v.name for v in selectors.offices_for(user)},
            "grade": dict(Grade.choices)}


@allow(read=AUDIT_USERS)
def results_csv(request, pk: int):
    audit_round = selectors.round_for(request.user, pk)
    r = selectors.round_results(audit_round)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-round-{pk}.csv"'
    out = csv.writer(response)
    out.writerow(["section", "code", "name", "yes", "relevant", "percent", "rating",
                  "driven by"])
    for q in r["questions"]:
        out.writerow(["key question", q["code"], q["text"], q["yes"], q["relevant"],
                      "" if q["percent"] is None else q["percent"], "", ""])
    for s in r["standards"]:
        out.writerow(["standard", s["code"], s["name"], "", "",
                      "" if s["percent"] is None else s["percent"], s["rating_name"],
                      s["driven_by"] or ""])
    out.writerow(["overall", "", audit_round.name, "", "", r["score"], r["overall_name"], ""])
    return response


@allow(read=AUDIT_USERS)
def results_pdf(request, pk: int):
    audit_round = selectors.round_for(request.user, pk)
    html = render_to_string("oversight/results_pdf.html", {
        "round": audit_round, "r": selectors.round_results(audit_round),
        "names": _names(request.user)}, request=request)
    response = HttpResponse(html_to_pdf(html),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="audit-round-{pk}.pdf"'
    return response


@allow(read=AUDIT_USERS)
def question(request, pk: int, code: str):
    audit_round = selectors.round_for(request.user, pk)
    found = next((q for q in fw.questions(audit_round.edition.data) if q.code == code), None)
    if found is None:
        from django.http import Http404

        raise Http404("No such key question.")
    return render(request, "oversight/question.html", {
        "round": audit_round, "question": found,
        "answers": selectors.question_drilldown(audit_round, code)})


@allow(read=AUDIT_USERS)
def trends(request):
    return render(request, "oversight/trends.html", selectors.trends(request.user))


# ---------------------------------------------------------------------------------- oversight


def _weeks(request) -> int:
    try:
        return max(1, min(52, int(request.GET.get("weeks", 4))))
    except ValueError:
        return 4


@allow(read=AUDIT_USERS | {Role.HUB_ADMIN})
def coverage(request):
    weeks, today = _weeks(request), timezone.localdate()
    from desist.organisation.choices import Grade

    tables = scoped.coverage_tables(request.user, weeks=weeks, today=today)
    return render(request, "oversight/coverage.html", {
        "weeks": weeks, "teams": tables["team"], "grades": tables["grade"],
        "grade_names": dict(Grade.choices)})


@allow(read=AUDIT_USERS | {Role.HUB_ADMIN})
def coverage_cases(request):
    weeks, today = _weeks(request), timezone.localdate()
    team, grade = request.GET.get("team", ""), request.GET.get("grade", "")
    overseen = {"yes": True, "no": False}.get(request.GET.get("overseen", ""))
    from desist.organisation.choices import Grade

    none = _("No team") if team == selectors.NONE else _("No officer")
    people = scoped.coverage_cases(request.user, weeks=weeks, today=today, team=team,
                                      grade=grade, overseen=overseen)
    paged = _paged(request, people)
    # The drill-down names cases: its read is audited like any list of cases.
    events.caseload_listed(user=request.user, crns=[p.crn for p in paged["people"]],
                           request=request, query={"page": "oversight_coverage", "weeks": weeks,
                                                   "team": team, "grade": grade,
                                                   "overseen": overseen,
                                                   "page_number": paged["page"].number})
    return render(request, "oversight/coverage_cases.html", {
        "weeks": weeks, "overseen": overseen,
        "team": none if team == selectors.NONE else selectors.team_name(request.user, team),
        "grade": none if grade == selectors.NONE else dict(Grade.choices).get(grade, ""),
        **paged})


def _paged(request, people) -> dict:
    """A page of 50 (a provider has thousands of high-risk cases: rendering 500 rows a request
    was most of the page's time, issue 23), with the total and the links to the others.

    The count and the page's order are read from the high-risk index alone (ids), and only the
    page's 50 cases are then loaded: sorting whole rows read all 16,000 high-risk cases from the
    table on each request at 300,000 people (issue 23)."""
    paginator, page = page_by_ids(people, request.GET.get("page"), COVERAGE_PAGE_SIZE)
    return {"total": paginator.count, "people": page.object_list, "page": page,
            "paginator": paginator, "page_links": page_links(request, page)}


@allow(read=CASE_READERS, write=OVERSEERS)
@require_http_methods(["GET", "POST"])
def case(request, crn: str):
    person = case_for(request.user, crn, request=request, page="oversight")
    records = [(b.pk, f"{_('Breach')}: {b.get_kind_display()} ({format_date(b.started_on, 'short')})")
               for b in person.breaches.all()]
    records += [(p.pk, f"{_('Plan')}: {p.get_status_display()} ({format_date(p.started_on, 'short')})")
                for p in person.plans.all()]
    records += [(r.pk, f"{_('Review')}: {format_date(r.reviewed_on, 'short')}") for r in person.reviews.all()]
    form = OversightForm(request.POST or None, records=records)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.oversight_record(acting_user=request.user, person=person,
                                          request=request, **d)
            except Refused as error:
                _show(form, error)
            else:
                messages.success(request, _("Oversight recorded: the officer has a task for "
                                            "what must happen next"))
                return redirect("oversight:case", crn=person.crn)
        status = 400
    return render(request, "oversight/case.html", {
        "person": person, "form": form, "records": selectors.oversight_for(person),
        "today": timezone.localdate(),
        "can_write": role_of(request.user) in OVERSEERS}, status=status)


# ---------------------------------------------------------------------------------- countersigning

@allow(read=COUNTERSIGNERS)
@require_http_methods(["GET"])
def countersigning(request):
    """Every decision waiting for a manager: plans, reviews and band recategorisations. The
    manager's own team first; the whole provider on request (as on the dashboard)."""
    items = scoped.countersign_queue(request.user)
    team_id = request.user.staff.team_id
    team_only = team_id is not None and request.GET.get("scope") != "provider"
    if team_only:
        items = [item for item in items if item["person"].team_id == team_id]
    events.caseload_listed(user=request.user, crns=sorted({i["person"].crn for i in items}),
                           request=request, query={"page": "countersigning",
                                                   "scope": "team" if team_only else "provider"})
    return render(request, "oversight/countersigning.html", {
        "items": items, "team_only": team_only, "has_team": team_id is not None})


@allow(read=COUNTERSIGNERS, write=COUNTERSIGNERS)
@require_http_methods(["GET", "POST"])
def countersign_review(request, crn: str, pk: int):
    person = case_for(request.user, crn, request=request, page="countersign review")
    review = selectors.review_of(person, pk)
    form = CountersignForm(request.POST or None)
    reasons = selectors.review_countersign_reasons(review)
    decisions = list(selectors.countersignatures_of(CountersignSubject.REVIEW, review.pk))
    waiting = (bool(reasons) and not decisions
               and selectors.latest_review_pk(person) == review.pk)
    status = 200
    if request.method == "POST":
        response, status = submit(
            request, form,
            lambda d: services.countersign_review(
                acting_user=request.user, review=review, decision=d["decision"],
                reason=d["reason"], request=request),
            success=lambda s: _("Review countersigned") if s.decision == "approved"
            else _("Review returned: the officer has a task for what must change"),
            redirect_to=("oversight:countersigning", {}))
        if response is not None:
            return response
    return render(request, "oversight/countersign_review.html", {
        "person": person, "review": review, "form": form, "reasons": reasons,
        "decisions": decisions, "waiting": waiting, "today": timezone.localdate(),
        "oversight": list(selectors.oversight_of(person, "review", review.pk))}, status=status)


def breach_panel(request, breach):
    """Oversight of this breach, beside it on the breach's page."""
    return {"crn": breach.person.crn,
            "records": list(selectors.oversight_of(breach.person, "breach", breach.pk)),
            "can_write": role_of(request.user) in OVERSEERS}
