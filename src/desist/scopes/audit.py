"""Audit: the reads that start from the user's case scope (ADR 0017).

Moved from ``desist.audit.selectors`` so that the app's own modules never reach the scope;
the app's selectors keep the reads that are given their rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import OuterRef, Q, QuerySet, Subquery

from desist.audit.models import AuditEvent
from desist.audit.selectors import HIDDEN_MARK, _crns_in
from desist.organisation.models import Staff
from desist.scopes.cases import visible_cases


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
