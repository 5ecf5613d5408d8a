"""Task lists, scoped like cases: a task about a case is listed only to those who may see the case."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from desist.access.roles import Role, role_of
from desist.access.selectors import visible_rows

from .kinds import Queue
from .models import Task

VIEWS = ("mine", "team", "hub", "all")


def default_view(user) -> str:
    role = role_of(user)
    if role is Role.HUB_ADMIN:
        return "hub"
    if role in (Role.MANAGER, Role.SYSADMIN, Role.AUDITOR):
        return "team"
    return "mine"


@dataclass(frozen=True)
class TaskQuery:
    view: str = "mine"
    kind: str = ""
    overdue_only: bool = False


def visible_tasks(user) -> QuerySet[Task]:
    role = role_of(user)
    if role is None:
        return Task.objects.none()
    staff = user.staff
    tasks = Task.objects.filter(provider_id=staff.provider_id)
    return visible_rows(user, tasks, optional=True)


def task_list(user, query: TaskQuery, *, today: dt.date) -> QuerySet[Task]:
    staff = user.staff
    tasks = visible_tasks(user).filter(status=Task.Status.OPEN)
    if query.view == "mine":
        tasks = tasks.filter(assigned_to=staff)
    elif query.view == "team":
        tasks = tasks.filter(team_id=staff.team_id) if staff.team_id else tasks.none()
    elif query.view == "hub":
        tasks = tasks.filter(queue=Queue.HUB)
    if query.kind:
        tasks = tasks.filter(kind=query.kind)
    if query.overdue_only:
        tasks = tasks.filter(due_on__lt=today)
    return tasks.select_related("person", "assigned_to__user", "team").order_by(
        "due_on", "created_at", "pk"
    )


def counts_by_kind(user, *, today: dt.date, team_only: bool) -> list[dict]:
    """Open and overdue tasks per kind, for the manager's dashboard."""
    tasks = visible_tasks(user).filter(status=Task.Status.OPEN)
    if team_only and user.staff.team_id:
        tasks = tasks.filter(team_id=user.staff.team_id)
    rows = (
        tasks.values("kind")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
        .order_by("kind")
    )
    return list(rows)
