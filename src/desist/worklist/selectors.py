"""Task lists, scoped like cases: a task about a case is listed only to those who may see the case.

The reads that start from the user's case scope are in ``desist.scopes.worklist`` (ADR 0017).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F

from desist.organisation.roles import Role, role_of

VIEWS = ("mine", "team", "hub", "all")
GROUPINGS = ("kind", "case")
GROUP_PREVIEW = 5  # tasks shown under each kind before "Show all"
CASES_PER_PAGE = 20


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


# Earliest due first (so overdue first); tasks with no deadline last.
_BY_DUE = (F("due_on").asc(nulls_last=True), "created_at", "pk")


@dataclass
class TaskGroup:
    """Open tasks of one kind, or about one case, with their counts and the first few."""

    key: str
    label: str
    open: int
    overdue: int
    priority: int
    earliest: dt.date | None
    tasks: list
    person: object = None

    @property
    def more(self) -> int:
        return self.open - len(self.tasks)


def _group_order(group: TaskGroup):
    # Groups with overdue work first, then the most urgent kind, then the soonest due.
    return (group.overdue == 0, group.priority, group.earliest or dt.date.max, group.label)


