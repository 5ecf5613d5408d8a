"""Raising and closing tasks. Idempotent by key: raising an open task again changes nothing."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from desist.audit import events

from .kinds import KINDS
from .models import Task


@transaction.atomic
def raise_task(
    *,
    provider_id: int,
    kind: str,
    key: str,
    title: str,
    person=None,
    due_on: dt.date | None = None,
    assigned_to=None,
    team=None,
    queue: str | None = None,
    detail: str = "",
    data: dict | None = None,
    actor=None,
) -> tuple[Task, bool]:
    """The open task for ``key``, creating it if there is none. Returns (task, created)."""
    if kind not in KINDS:
        raise ValueError(f"Unknown task kind {kind!r}: add it to worklist.kinds.KINDS")
    existing = Task.objects.filter(provider_id=provider_id, key=key, status=Task.Status.OPEN).first()
    if existing is not None:
        return existing, False
    if person is not None and assigned_to is None and team is None:
        assigned_to, team = person.responsible_officer, person.team
    task = Task(
        provider_id=provider_id, person=person, kind=kind, key=key[:200], title=title[:300],
        queue=queue or KINDS[kind].queue, detail=detail, data=data or {}, due_on=due_on,
        assigned_to=assigned_to, team=team,
    )
    try:
        with transaction.atomic():
            task.save()
    except IntegrityError:  # raised concurrently by another request or job: theirs stands
        return Task.objects.get(provider_id=provider_id, key=key, status=Task.Status.OPEN), False
    events.task_raised(actor=actor or "desist", task=task)
    return task, True


@transaction.atomic
def close_task(task: Task, *, user=None, outcome: str = "", done: bool = True) -> Task:
    """Mark a task done (or no longer needed) with what was done about it."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.status != Task.Status.OPEN:
        task.closed_now = False  # someone else closed it first: the caller tells its user
        return task
    task.closed_now = True
    task.status = Task.Status.DONE if done else Task.Status.CANCELLED
    task.closed_at = timezone.now()
    task.closed_by = user if getattr(user, "pk", None) else None
    task.outcome = outcome
    task.save(update_fields=["status", "closed_at", "closed_by", "outcome"])
    events.task_closed(actor=user or "desist", task=task)
    return task


def close_open(*, provider_id: int, key: str, user=None, outcome: str = "", done: bool = True) -> int:
    """Close the open task for ``key`` if there is one (the condition it reported has gone)."""
    closed = 0
    for task in Task.objects.filter(provider_id=provider_id, key=key, status=Task.Status.OPEN):
        close_task(task, user=user, outcome=outcome, done=done)
        closed += 1
    return closed


@transaction.atomic
def raise_tasks(tasks: list[Task], *, actor="desist") -> list[Task]:
    """Raise many tasks at once (a nightly job's alerts): the same one-open-per-key rule as
    ``raise_task``, one insert, and one audit event per kind listing the cases."""
    if not tasks:
        return []
    for task in tasks:
        if task.kind not in KINDS:
            raise ValueError(f"Unknown task kind {task.kind!r}: add it to worklist.kinds.KINDS")
        task.queue = task.queue or KINDS[task.kind].queue
    open_keys = set(
        Task.objects.filter(provider_id__in={t.provider_id for t in tasks},
                            key__in=[t.key for t in tasks], status=Task.Status.OPEN)
        .values_list("provider_id", "key")
    )
    fresh, seen = [], set()
    for task in tasks:
        ident = (task.provider_id, task.key)
        if ident in open_keys or ident in seen:
            continue
        seen.add(ident)
        fresh.append(task)
    Task.objects.bulk_create(fresh, ignore_conflicts=True)
    by_kind: dict[str, list[str]] = {}
    for task in fresh:
        by_kind.setdefault(task.kind, []).append(task.key)
    for kind, keys in by_kind.items():
        events.tasks_raised(actor=actor, kind=kind, keys=keys)
    return fresh
