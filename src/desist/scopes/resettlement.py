"""Resettlement: the reads that start from the user's case scope (ADR 0017).

Moved from ``desist.resettlement.selectors`` so that the app's own modules never reach the scope;
the app's selectors keep the reads that are given their rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import QuerySet
from django.http import Http404

from desist.organisation.roles import role_of
from desist.resettlement.models import CustodyCase
from desist.resettlement.selectors import _office_of
from desist.resettlement.services import config
from desist.rules import resettlement as rules
from desist.scopes.cases import visible_rows


def _scoped(user) -> QuerySet:
    if role_of(user) is None:
        return CustodyCase.objects.none()
    return visible_rows(user, CustodyCase.objects.all())


def case_by_pk(user, pk: int) -> CustodyCase:
    found = _scoped(user).filter(pk=pk).select_related("person").first()
    if found is None:
        raise Http404("No such custody case.")
    return found


def service_level(user, today: dt.date, *, by: str = "prison") -> dict:
    """Plans completed on time by prison or by office, with the rules core's rate per group."""
    cfg = config()
    cases = list(_scoped(user).select_related("person__team", "person__lmc"))
    groups: dict[str, list[str]] = defaultdict(list)
    everything: list[str] = []
    for case in cases:
        timeliness = rules.plan_timeliness(due=case.plan_due_on,
                                           completed_on=case.plan_completed_on, today=today)
        key = case.prison if by == "prison" else _office_of(case)
        groups[key].append(timeliness)
        everything.append(timeliness)
    rows = [{"name": name, "result": rules.on_time_rate(items, config=cfg),
             "not_due": items.count("not_due")} for name, items in sorted(groups.items())]
    return {"rows": rows, "total": rules.on_time_rate(everything, config=cfg),
            "target": cfg.on_time_target_percent, "by": by}


def service_level_cases(user, today: dt.date, *, by: str, name: str) -> list[dict]:
    """The cases behind one row of the service level (drill-down)."""
    cases = (_scoped(user).select_related("person__team", "person__lmc")
             .order_by("plan_due_on", "pk"))
    if by == "prison":
        cases = cases.filter(prison=name)
    out = []
    for case in cases:
        if by != "prison" and _office_of(case) != name:
            continue
        out.append({"case": case, "timeliness": rules.plan_timeliness(
            due=case.plan_due_on, completed_on=case.plan_completed_on, today=today)})
    return out
