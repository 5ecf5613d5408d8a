"""Unpaid work pages: the supervisor's day (on a phone), a session, one person's outcome, the
case's UPW tab and the hub's figures. Views never decide: services and selectors do."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from desist.access.rules import allow, not_a_case
from desist.audit import events
from desist.dates import format_date
from desist.errors import Refused
from desist.organisation.roles import CASE_WRITERS, PROVIDER_STAFF, Role, role_of
from desist.paging import CappedPaginator, page_links
from desist.rules.unpaid_work import ADJUSTMENT_REASONS, hm
from desist.scopes import unpaid_work as scoped
from desist.scopes.cases import case_for
from desist.write_views import submit

from . import selectors, services
from .forms import (
    AdjustmentForm,
    AssessmentForm,
    BookForm,
    GroupForm,
    OutcomeForm,
    ProjectForm,
    ScheduleForm,
    SessionForm,
    add_refusal,
)

SUPERVISORS = {Role.UPW_SUPERVISOR, Role.MANAGER, Role.HUB_ADMIN, Role.SYSADMIN}
HUB_READERS = {Role.HUB_ADMIN, Role.MANAGER, Role.SYSADMIN, Role.AUDITOR}
BOOKERS = {Role.HUB_ADMIN, Role.MANAGER, Role.RESPONSIBLE_OFFICER}
PROJECT_ADMINS = {Role.HUB_ADMIN, Role.MANAGER, Role.SYSADMIN}


def upw_panel(request, person, today):
    ledger = selectors.ledger_for(person, today)
    if ledger is None:
        return None
    return {"crn": person.crn, "ledger": ledger, "hm": hm}


@allow(read=SUPERVISORS)
@require_http_methods(["GET"])
def today(request):
    day = timezone.localdate()
    sessions = list(selectors.sessions_for(request.user, day))
    return render(request, "unpaid_work/today.html", {"sessions": sessions, "day": day})



@allow(read=SUPERVISORS | BOOKERS, write=SUPERVISORS | BOOKERS, case=not_a_case)
@require_http_methods(["GET", "POST"])
def session(request, pk: int):
    """One session: sign the group in or out at once; book a person (hub, manager, officer)."""
    session = selectors.session_for(request.user, pk)
    day = timezone.localdate()
    placements = scoped.placements_on(request.user, session)
    choices = [(str(p.pk), p.person.name) for p in placements]
    action = request.POST.get("action", "")
    group_form = GroupForm(request.POST if action in ("sign_in", "sign_out") else None,
                           choices=choices)
    book_form = BookForm(request.POST if action == "book" else None)
    status = 200
    role = role_of(request.user)
    if request.method == "POST":
        if action in ("sign_in", "sign_out") and role in SUPERVISORS and group_form.is_valid():
            data = group_form.cleaned_data
            service = (services.session_sign_in if action == "sign_in"
                       else services.session_sign_out)
            try:
                done = service(acting_user=request.user, session=session,
                               placement_ids=data["placements"], at=data["at"], today=day,
                               request=request)
            except Refused as refusal:
                add_refusal(group_form, refusal)
            else:
                messages.success(request, (_("Signed in: %(n)d") if action == "sign_in"
                                           else _("Signed out: %(n)d")) % {"n": len(done)})
                return redirect("unpaid_work:session", pk=session.pk)
        elif action == "book" and role in BOOKERS and book_form.is_valid():
            data = book_form.cleaned_data
            try:
                person = case_for(request.user, data["crn"], request=request, page="upw-book")
            except Http404:
                book_form.add_error("crn", _("No case with that CRN."))
            else:
                try:
                    services.placement_book(acting_user=request.user, session=session,
                                            person=person,
                                            needs_transport=data["needs_transport"],
                                            intensive=data["intensive"], today=day,
                                            request=request)
                except Refused as refusal:
                    events.upw_placement_refused(user=request.user, person=person,
                                                 session=session,
                                                 codes=[r.code for r in refusal.reasons],
                                                 request=request)
                    add_refusal(book_form, refusal)
                else:
                    messages.success(request, _("Booked: %(name)s") % {"name": person.name})
                    return redirect("unpaid_work:session", pk=session.pk)
        elif action not in ("sign_in", "sign_out", "book") or (
                action in ("sign_in", "sign_out") and role not in SUPERVISORS) or (
                action == "book" and role not in BOOKERS):
            messages.error(request, _("That is not something you can do here."))
            return redirect("unpaid_work:session", pk=session.pk)
        status = 400
    form = group_form if group_form.errors else book_form if book_form.errors else None
    if placements:
        events.caseload_listed(user=request.user, crns=[p.person.crn for p in placements],
                               request=request, query={"upw_session": session.pk})
    seats_taken = sum(1 for p in placements if p.needs_transport)
    return render(request, "unpaid_work/session.html", {
        "session": session, "placements": placements, "form": form, "group_form": group_form,
        "book_form": book_form, "day": day, "seats_taken": seats_taken,
        "can_sign": role in SUPERVISORS, "can_book": role in BOOKERS,
        "is_today": session.on == day,
    }, status=status)


@allow(read=SUPERVISORS | BOOKERS, write=SUPERVISORS,
       case=lambda request, pk: scoped.placement_for(request.user, pk).person)
@require_http_methods(["GET", "POST"])
def outcome(request, pk: int):
    placement = scoped.placement_for(request.user, pk)
    selectors.session_for(request.user, placement.session_id)  # a supervisor's own sessions
    form = OutcomeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.attendance_record(
                    acting_user=request.user, placement=placement, outcome=data["outcome"],
                    minutes_worked=data["minutes_worked"],
                    penalty_minutes=data["penalty_minutes"] or 0,
                    work_quality=data["work_quality"], behaviour=data["behaviour"],
                    notes=data["notes"], evidence=data["notes"], request=request)
            except Refused as refusal:
                add_refusal(form, refusal)
            else:
                messages.success(request, _("Outcome recorded for %(name)s") % {
                    "name": placement.person.name})
                return redirect("unpaid_work:session", pk=placement.session_id)
        status = 400
    events.case_viewed(user=request.user, person=placement.person, request=request,
                       page="upw-outcome")
    attendance = getattr(placement, "attendance", None)
    return render(request, "unpaid_work/outcome.html", {
        "placement": placement, "form": form, "attendance": attendance}, status=status)


@allow(read=PROVIDER_STAFF, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def case(request, crn: str):
    person = case_for(request.user, crn, request=request, page="unpaid-work")
    day = timezone.localdate()
    action = request.POST.get("action", "")
    adjustment_form = AdjustmentForm(request.POST if action == "adjust" else None)
    assessment_form = AssessmentForm(request.POST if action == "assess" else None,
                                     initial={"suitable_group": True,
                                              "suitable_individual": True})
    status = 200
    if request.method == "POST":
        try:
            if action == "adjust" and adjustment_form.is_valid():
                data = adjustment_form.cleaned_data
                services.adjustment_record(acting_user=request.user, person=person, on=data["on"],
                                           reason=data["reason"], minutes=data["minutes"],
                                           note=data["note"], today=day, request=request)
                messages.success(request, _("Adjustment recorded"))
                return redirect("unpaid_work:case", crn=person.crn)
            if action == "assess" and assessment_form.is_valid():
                services.assessment_record(acting_user=request.user, person=person, today=day,
                                           request=request, **assessment_form.cleaned_data)
                messages.success(request, _("Pre-placement assessment recorded"))
                return redirect("unpaid_work:case", crn=person.crn)
        except Refused as refusal:
            add_refusal(adjustment_form if action == "adjust" else assessment_form, refusal)
        status = 400
    form = (adjustment_form if adjustment_form.errors else
            assessment_form if assessment_form.errors else None)
    return render(request, "unpaid_work/case.html", {
        "person": person, "today": day, "form": form, "adjustment_form": adjustment_form,
        "assessment_form": assessment_form, "hm": hm,
        "reason_caps": [(r.label, hm(r.cap_minutes)) for r in ADJUSTMENT_REASONS.values()],
        "can_write": role_of(request.user) in CASE_WRITERS,
        **selectors.upw_record(person, day),
    }, status=status)


DRILLS = {
    "at_risk": _("Orders at risk of overrunning"),
    "overrun": _("Orders past their deadline with hours to do"),
    "completed": _("Orders completed"),
    "due": _("Orders due (deadline passed or completed)"),
    "all": _("All orders with unpaid work"),
}


HUB_PAGE = 50  # orders a drill-down page lists


@allow(read=HUB_READERS)
@require_http_methods(["GET"])
def hub(request):
    day = timezone.localdate()
    figures = scoped.overview(request.user, day)
    show = request.GET.get("show", "")
    office = request.GET.get("office")
    drill = None
    if office is not None:
        if any(o["office"] == office for o in figures["ete_by_office"]):
            drill = {"title": _("ETE use: %(o)s") % {"o": office or _("No office")},
                     "rows": scoped.drill_down(request.user, day, office=office)}
    elif show in DRILLS:
        drill = {"title": DRILLS[show], "rows": scoped.drill_down(request.user, day,
                                                                     show=show)}
    if drill:
        paginator = CappedPaginator(drill["rows"], HUB_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        drill |= {"rows": selectors.with_projection(page.object_list, day), "page": page,
                  "paginator": paginator, "page_links": page_links(request, page)}
        events.caseload_listed(user=request.user, crns=[r.person.crn for r in drill["rows"]],
                               request=request, query={"unpaid_work": show or "office"})
    return render(request, "unpaid_work/hub.html", {
        **figures, "drill": drill, "day": day, "hm": hm,
        "can_manage_projects": role_of(request.user) in PROJECT_ADMINS})


# --- Projects and their sessions (the hub and UPW managers) --------------------------------------


def _project_form(request, data=None, project=None):
    initial = None
    if project is not None:
        initial = {name: getattr(project, name) for name in services.PROJECT_FIELDS}
        initial["supervisor"] = project.supervisor_id or ""
        initial["pick_up_point"] = project.pick_up_point_id or ""
        initial["weekdays"] = [str(d) for d in project.weekdays]
    return ProjectForm(data, initial=initial, supervisors=selectors.supervisors_for(request.user),
                       pick_up_points=selectors.pick_up_points_for(request.user))


@allow(read=PROJECT_ADMINS)
@require_http_methods(["GET"])
def projects(request):
    return render(request, "unpaid_work/projects.html", {
        "projects": list(selectors.projects_for(request.user, include_inactive=True))})


@allow(read=PROJECT_ADMINS, write=PROJECT_ADMINS, case=not_a_case)
@require_http_methods(["GET", "POST"])
def project_new(request):
    form = _project_form(request, request.POST or None)
    status = 200
    if request.method == "POST":
        response, status = submit(
            request, form, lambda data: services.project_create(
                acting_user=request.user, provider=request.user.staff.provider,
                office=request.user.staff.team, request=request, **data),
            success=lambda p: _("Project added: %(name)s") % {"name": p.name},
            redirect_to=lambda p: redirect("unpaid_work:project", pk=p.pk))
        if response:
            return response
    return render(request, "unpaid_work/project_form.html", {"form": form, "project": None},
                  status=status)


def _project_page(request, project, *, form=None, schedule_form=None, session_form=None,
                  status=200):
    day = timezone.localdate()
    return render(request, "unpaid_work/project.html", {
        "project": project, "form": form or schedule_form or session_form,
        "project_form": form or _project_form(request, project=project),
        "schedule_form": schedule_form or ScheduleForm(initial={
            "starts_on": day, "until": day + timedelta(days=55), "starts_at": "09:00",
            "ends_at": "16:30"}),
        "session_form": session_form or SessionForm(auto_id="id_session_%s", initial={
            "starts_at": "09:00", "ends_at": "16:30"}),
        "sessions": selectors.project_sessions(project, day), "day": day,
    }, status=status)


@allow(read=PROJECT_ADMINS, write=PROJECT_ADMINS, case=not_a_case)
@require_http_methods(["GET", "POST"])
def project(request, pk: int):
    """A project: its details (edit), its coming sessions, and forms to schedule more."""
    project = selectors.project_for(request.user, pk)
    if request.method != "POST":
        return _project_page(request, project)
    form = _project_form(request, request.POST, project=project)
    response, status = submit(
        request, form, lambda data: services.project_update(
            acting_user=request.user, project=project, request=request, **data),
        success=_("Project saved"), redirect_to=("unpaid_work:project", {"pk": project.pk}))
    return response or _project_page(request, project, form=form, status=status)


@require_http_methods(["POST"])
@allow(write=PROJECT_ADMINS, case=not_a_case)
def project_schedule(request, pk: int):
    """Sessions from the project's weekly or fortnightly days (running it twice adds none)."""
    project = selectors.project_for(request.user, pk)
    form = ScheduleForm(request.POST)

    def said(result):
        return _("%(n)d sessions scheduled; %(m)d were already there") % {
            "n": len(result["created"]), "m": result["already_there"]}

    response, status = submit(
        request, form, lambda data: services.sessions_schedule(
            acting_user=request.user, project=project, today=timezone.localdate(),
            request=request, **data),
        success=said, redirect_to=("unpaid_work:project", {"pk": project.pk}))
    return response or _project_page(request, project, schedule_form=form, status=status)


@require_http_methods(["POST"])
@allow(write=PROJECT_ADMINS, case=not_a_case)
def project_session_new(request, pk: int):
    project = selectors.project_for(request.user, pk)
    form = SessionForm(request.POST, auto_id="id_session_%s")
    response, status = submit(
        request, form, lambda data: services.session_create(
            acting_user=request.user, project=project, today=timezone.localdate(),
            request=request, **data),
        success=lambda s: _("Session added for %(day)s") % {"day": format_date(s.on, "long")},
        redirect_to=("unpaid_work:project", {"pk": project.pk}))
    return response or _project_page(request, project, session_form=form, status=status)
