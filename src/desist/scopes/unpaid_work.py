"""Unpaid work: the reads that start from the user's case scope (ADR 0017).

Moved from ``desist.unpaid_work.selectors`` so that the app's own modules never reach the scope;
the app's selectors keep the reads that are given their rows.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404

from desist.people.models import Person
from desist.scopes.cases import visible_rows
from desist.unpaid_work.models import Placement, Session, UpwOrderSummary
from desist.unpaid_work.selectors import SERVICE_LEVEL, _drills


def placements_on(user, session: Session) -> list[Placement]:
    """The people booked on a session the user may see, with their attendance."""
    rows = visible_rows(user, Placement.objects.filter(session=session))
    return list(rows.select_related("person", "attendance").prefetch_related(
        Prefetch("person__registrations")).order_by("person__last_name", "person__first_name"))


def placement_for(user, pk: int) -> Placement:
    row = visible_rows(user, Placement.objects.filter(pk=pk)).select_related(
        "person", "session__project").first()
    if row is None:
        raise Http404("No such placement.")
    return row


def people_with_upw(user):
    """Cases the user may see with a live UPW requirement."""
    return visible_rows(user, Person.objects.filter(
        sentences__requirements__type="upw", sentences__terminated_on__isnull=True).distinct(),
        via="")


def order_summaries(user):
    """The summary rows (ADR 0015) of the orders the user may see: provider-scoped on the row,
    restricted and excluded cases hidden (``visible_rows``)."""
    return visible_rows(user, UpwOrderSummary.objects.all())


def overview(user, as_of: dt.date) -> dict:
    """The hub's figures: completion against the 90% service level, orders overrunning or at
    risk, ETE use by office. Two queries on the summary rows whatever the caseload."""
    rows = order_summaries(user)
    counts = rows.aggregate(**{name: Count("pk", filter=condition)
                               for name, condition in _drills(as_of).items()})
    offices = []
    for r in rows.values("office__name").annotate(
            cases=Count("pk"), ete=Sum("ete_minutes_credited"), cap=Sum("ete_cap_minutes")
    ).order_by():
        ete, cap = r["ete"] or 0, r["cap"] or 0
        offices.append({"office": r["office__name"] or "", "cases": r["cases"], "ete": ete,
                        "cap": cap, "percent": ete * 100 // cap if cap else 0})
    return {
        "counts": counts,
        "completion_rate": counts["completed"] * 100 // counts["due"] if counts["due"] else None,
        "service_level": SERVICE_LEVEL,
        "ete_by_office": sorted(offices, key=lambda o: o["office"]),
    }


def drill_down(user, as_of: dt.date, *, show: str = "", office: str | None = None):
    """The orders behind one figure (``show``) or one office's ETE row: a queryset
    for a page of the list. Each row carries ``projected_completion`` once the page is read
    (``with_projection``)."""
    rows = order_summaries(user)
    if office is not None:
        rows = rows.filter(Q(office__isnull=True) if office == "" else Q(office__name=office))
    else:
        rows = rows.filter(_drills(as_of)[show])
    # Soonest deadline first (the provider-and-deadline index serves it, and a page joins only
    # its own 50 cases; ordering by name would join and sort every order listed).
    return rows.select_related("person").order_by("deadline", "person_id")
