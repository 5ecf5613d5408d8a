"""Reads of the audit trail: the viewer's provider, and only the cases the viewer may see.

The audit viewer applies the same case visibility as the case pages (``visible_cases``): an
event about a restricted case the viewer is not granted, or a case the viewer is excluded from,
is not listed (nor found by a filter); events without a case stay. Events that name several
cases in their detail (a caseload listing) have the hidden CRNs removed before display.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import OuterRef, Q, QuerySet, Subquery

from desist.access.selectors import visible_cases
from desist.organisation.models import Staff

from .models import AuditEvent

HIDDEN_MARK = "(hidden)"


def provider_events(user, *, crn: str = "", actor: str = "", event: str = "") -> QuerySet:
    """Events by staff of the user's provider, optionally narrowed to a case, an actor or a kind."""
    events = AuditEvent.objects.select_related("actor").order_by("-id")  # unsealed rows too
    if crn:
        events = events.filter(crn=crn)
    else:
        # The provider's staff (a few hundred) as a list, not a join through the user: the
        # planner misjudged that join and read every user once per event (issue 23).
        events = events.filter(actor_id__in=Staff.objects.filter(
            provider_id=user.staff.provider_id).values("user_id"))
    # Each listed event's case is looked up by its CRN (unique index), so the page reads the
    # newest events and stops after its rows. Not ``crn IN (every visible CRN)``: that list is
    # the whole caseload, read on every request (688 ms at 300,000 people, issue 23). Nor
    # ``EXISTS``: under this OR PostgreSQL may turn it back into that list (a hashed subplan);
    # it never does so for a scalar subquery.
    case = visible_cases(user).filter(crn=OuterRef("crn")).order_by().values("pk")[:1]
    events = events.alias(case_id=Subquery(case)).filter(Q(crn="") | Q(case_id__isnull=False))
    if actor:
        events = events.filter(actor__username=actor)
    if event:
        events = events.filter(event=event)
    return events


def redact_for(user, rows: Iterable[AuditEvent]) -> list[AuditEvent]:
    """The rows with CRNs the viewer may not see removed from their detail (in memory only)."""
    rows = list(rows)
    named = {crn for row in rows for crn in _crns_in(row)}
    if not named:
        return rows
    visible = set(visible_cases(user).filter(crn__in=named).values_list("crn", flat=True))
    for row in rows:
        crns = _crns_in(row)
        if crns and not set(crns) <= visible:
            hidden = sum(1 for crn in crns if crn not in visible)
            shown = [crn for crn in crns if crn in visible]
            # A copy: the stored row (and its hash) is never touched.
            row.detail = {**row.detail, "crns": shown + ([f"{hidden} {HIDDEN_MARK}"] if hidden else [])}
    return rows


def _crns_in(row: AuditEvent) -> list[str]:
    crns = row.detail.get("crns") if isinstance(row.detail, dict) else None
    return [str(c) for c in crns] if isinstance(crns, list) else []
