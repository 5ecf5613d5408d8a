"""Allocation: the reads that start from the user's case scope (ADR 0017).

Moved from ``desist.allocation.selectors`` so that the app's own modules never reach the scope;
the app's selectors keep the reads that are given their rows.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from desist.allocation.selectors import INTAKE_VIEWS, _by_policy, _with_record
from desist.organisation.models import Staff
from desist.people.models import ALLOCATION_QUEUE, Person, Registration
from desist.scopes.cases import visible_cases


def intake_queue(user, view: str) -> QuerySet[Person]:
    """New cases awaiting routing, or one kind of hub hold (§3.2); custody by date of passing
    to the LMC, the others oldest first."""
    routing, hold = INTAKE_VIEWS[view]
    cases = visible_cases(user).filter(active=True, routing=routing, hub_hold=hold)
    order = ("pass_to_lmc_on", "crn") if view == "custody" else ("arrived_on", "crn")
    return _with_record(cases).order_by(*_by_policy(user), *order)


def allocation_queue(user) -> QuerySet[Person]:
    """Cases in the manager's LMC awaiting an officer, or a confirmed band (§3.3, §4)."""
    staff = user.staff
    cases = visible_cases(user).filter(ALLOCATION_QUEUE)  # served by its partial indexes
    if staff.team_id:
        cases = cases.filter(Q(lmc_id=staff.team_id) | Q(team_id=staff.team_id))
    return cases.select_related("lmc", "team", "responsible_officer__user").prefetch_related(
        Prefetch("registrations", queryset=Registration.objects.filter(end_date__isnull=True),
                 to_attr="active_registrations"),
    ).order_by(*_by_policy(user), "arrived_on", "crn")


def officer_cases(user, officer: Staff) -> QuerySet[Person]:
    return (visible_cases(user).filter(active=True, responsible_officer=officer)
            .order_by("-workload_points", "last_name", "crn"))
