"""Task lists for officers, managers and the hub, and the manager's dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from desist.access.rules import allow
from desist.audit import events
from desist.dates import format_date
from desist.organisation.roles import CASE_WRITERS, PROVIDER_STAFF, Role
from desist.paging import CappedPaginator
from desist.scopes import worklist as scoped

from . import selectors, services
from .forms import CloseTaskForm, TaskFilterForm
from .kinds import KINDS, PRIORITY_LABELS, QUEUE_LABELS, label_of
from .models import Task

TASK_READERS = PROVIDER_STAFF
DASHBOARD_READERS = {Role.MANAGER, Role.SYSADMIN, Role.HUB_ADMIN, Role.AUDITOR}
PAGE_SIZE = 50


@allow(read=TASK_READERS)
@require_http_methods(["GET"])
def tasks(request):
    form = TaskFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    query = selectors.TaskQuery(
        view=data.get("view") or selectors.default_view(request.user),
        kind=data.get("kind") or "", overdue_only=bool(data.get("overdue")),
    )
    # One kind chosen: a plain list, soonest due first. Otherwise grouped by kind (the most
    # pressing kind first, a few of each) or by case, so 180 tasks read as a handful of jobs.
    group = "" if query.kind else (data.get("group") or "kind")
    page_number = request.GET.get("page") or 1
    groups, page = [], None
    if group == "kind":
        groups = scoped.task_groups(request.user, query, today=today)
        shown = [t for g in groups for t in g.tasks]
    elif group == "case":
        page = scoped.task_groups_by_case(request.user, query, today=today, page=page_number)
        groups = page.object_list
        shown = [t for g in groups for t in g.tasks]
    else:
        page = CappedPaginator(scoped.task_list(request.user, query, today=today),
                               PAGE_SIZE).get_page(page_number)
        shown = page.object_list
    crns = sorted({t.person.crn for t in shown if t.person_id})
    events.caseload_listed(user=request.user, crns=crns, request=request,
                           query={"tasks": query.view, "kind": query.kind, "group": group})
    return render(request, "worklist/tasks.html", {
        "filter_form": form, "query": query, "page": page, "groups": groups, "group": group,
        "totals": scoped.task_totals(request.user, query, today=today), "today": today,
        "label_of": label_of, "priority_labels": PRIORITY_LABELS,
        "views": _views_for(request.user),
    })


def _views_for(user) -> list[tuple[str, str]]:
    staff = user.staff
    views = [("mine", _("My tasks"))]
    if staff.team_id:
        views.append(("team", _("My team")))
    views += [("hub", _("Hub queue")), ("all", _("All tasks"))]
    return views


@allow(read=TASK_READERS, write=CASE_WRITERS, case=lambda request, pk: getattr(
    scoped.visible_task(request.user, pk), "person", None))
@require_http_methods(["GET", "POST"])
def task_detail(request, pk: int):
    task = scoped.visible_task(request.user, pk)
    if task is None:
        raise Http404("No such task.")
    if task.person_id:
        events.case_viewed(user=request.user, person=task.person, request=request, page="task")
    form = CloseTaskForm(request.POST or None)
    status = 200
    lost_outcome = ""
    if request.method == "POST":
        if task.status != Task.Status.OPEN:
            form.is_valid()
            form.add_error(None, _already_closed(task))
            lost_outcome = (request.POST.get("outcome") or "").strip()
            status = 409
        elif form.is_valid():
            closed = services.close_task(task, user=request.user,
                                         outcome=form.cleaned_data["outcome"],
                                         done=not form.cleaned_data["no_longer_needed"])
            if closed.closed_now:
                messages.success(request, _("Task closed"))
                return redirect("worklist:tasks")
            # Lost a race: another user closed it between our read and our write. Say so, and
            # keep what this user wrote on screen rather than dropping it silently.
            task = closed
            form.add_error(None, _already_closed(task))
            lost_outcome = form.cleaned_data["outcome"]
            status = 409
        else:
            status = 400
    return render(request, "worklist/task.html", {
        "lost_outcome": lost_outcome,
        "task": task, "form": form, "label_of": label_of, "queues": QUEUE_LABELS,
        "today": timezone.localdate(), "can_close": request.user.staff.role in CASE_WRITERS,
    }, status=status)


def _already_closed(task) -> str:
    closer = task.closed_by
    who = (closer.get_full_name() or closer.get_username()) if closer else _("The system")
    when = format_date(task.closed_at, "full_at")
    return _("%(who)s closed this task on %(when)s before you did. Their outcome was recorded; "
             "yours was not saved.") % {"who": who, "when": when}


@allow(read=DASHBOARD_READERS)
@require_http_methods(["GET"])
def dashboard(request):
    today = timezone.localdate()
    team_only = request.GET.get("scope") != "provider"
    counts = scoped.counts_by_kind(request.user, today=today, team_only=team_only)
    escalations = scoped.task_list(
        request.user, selectors.TaskQuery(view="all", kind="risk_escalation"), today=today
    )[:50]
    events.caseload_listed(user=request.user, crns=[t.person.crn for t in escalations if t.person_id],
                           request=request, query={"dashboard": "escalations"})
    return render(request, "worklist/dashboard.html", {
        "counts": counts, "escalations": escalations, "today": today, "label_of": label_of,
        "kinds": KINDS, "team_only": team_only,
    })
