"""Worklist: the reads that start from the user's case scope (ADR 0017).

Moved from ``desist.worklist.selectors`` so that the app's own modules never reach the scope;
the app's selectors keep the reads that are given their rows.
"""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Page, Paginator
from django.db.models import Count, Min, Q, QuerySet

from desist.organisation.roles import role_of
from desist.scopes.cases import visible_rows
from desist.worklist.kinds import Queue, label_of, priority_of
from desist.worklist.models import Task
from desist.worklist.selectors import (
    _BY_DUE,
    CASES_PER_PAGE,
    GROUP_PREVIEW,
    TaskGroup,
    TaskQuery,
    _group_order,
)


def visible_tasks(user) -> QuerySet[Task]:
    role = role_of(user)
    if role is None:
        return Task.objects.none()
    staff = user.staff
    tasks = Task.objects.filter(provider_id=staff.provider_id)
    return visible_rows(user, tasks, optional=True)


def visible_task(user, pk: int) -> Task | None:
    """One task the user may see, with its case, or None."""
    return visible_tasks(user).select_related("person").filter(pk=pk).first()


def _open_tasks(user, query: TaskQuery, *, today: dt.date) -> QuerySet[Task]:
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
    return tasks


def task_list(user, query: TaskQuery, *, today: dt.date) -> QuerySet[Task]:
    return _open_tasks(user, query, today=today).select_related(
        "person", "assigned_to__user", "team").order_by(*_BY_DUE)


def task_totals(user, query: TaskQuery, *, today: dt.date) -> dict:
    return _open_tasks(user, query, today=today).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))


def task_groups(user, query: TaskQuery, *, today: dt.date) -> list[TaskGroup]:
    """The open tasks by kind, most pressing kind first, each with its first few tasks.

    One query for the counts and one per kind present (there are a dozen or so kinds), so the
    page costs the same for 5 tasks or 500.
    """
    tasks = _open_tasks(user, query, today=today)
    rows = tasks.values("kind").annotate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)), earliest=Min("due_on"))
    groups = sorted(
        (TaskGroup(key=row["kind"], label=label_of(row["kind"]), open=row["open"],
                   overdue=row["overdue"], priority=priority_of(row["kind"]),
                   earliest=row["earliest"], tasks=[]) for row in rows),
        key=_group_order,
    )
    related = ("person", "assigned_to__user", "team")
    for group in groups:
        group.tasks = list(tasks.filter(kind=group.key).select_related(*related)
                           .order_by(*_BY_DUE)[:GROUP_PREVIEW])
    return groups


def task_groups_by_case(user, query: TaskQuery, *, today: dt.date, page: int | str) -> Page:
    """A page of cases with open tasks, the case with overdue or most urgent work first, each
    with all its open tasks (most urgent first). Tasks not about a case come last, together."""
    from desist.people.models import Person

    tasks = _open_tasks(user, query, today=today)
    rows = list(tasks.values("person_id").annotate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)), earliest=Min("due_on")))
    kinds_by_person: dict = {}
    for person_id, kind in tasks.values_list("person_id", "kind").distinct():
        kinds_by_person.setdefault(person_id, set()).add(kind)
    groups = [
        TaskGroup(key=str(row["person_id"] or ""), label="", open=row["open"],
                  overdue=row["overdue"],
                  priority=min(priority_of(k) for k in kinds_by_person[row["person_id"]]),
                  earliest=row["earliest"], tasks=[])
        for row in rows
    ]
    people = {p.pk: p for p in Person.objects.filter(pk__in=[r["person_id"] for r in rows])}
    for group in groups:
        group.person = people.get(int(group.key)) if group.key else None
        group.label = group.person.name if group.person else ""
    groups.sort(key=lambda g: (g.person is None, *_group_order(g)))
    page_of = Paginator(groups, CASES_PER_PAGE).get_page(page)
    shown = {g.key: g for g in page_of.object_list}
    ids = [int(k) for k in shown if k]
    page_tasks = tasks.filter(Q(person_id__in=ids) | Q(person__isnull=True) if "" in shown
                              else Q(person_id__in=ids))
    for task in page_tasks.select_related("assigned_to__user", "team").order_by(*_BY_DUE):
        shown[str(task.person_id or "")].tasks.append(task)
    for group in shown.values():
        group.tasks.sort(key=lambda t: (not (t.due_on and t.due_on < today),
                                        priority_of(t.kind), t.due_on or dt.date.max))
        for task in group.tasks:
            task.person = group.person
    return page_of


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
