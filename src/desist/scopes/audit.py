"""Audit: the reads that start from the user's case scope (ADR 0017).

Moved from ``desist.audit.selectors`` so that the app's own modules never reach the scope;
the app's selectors keep the reads that are given their rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from desist.audit.models import AuditEvent
from desist.audit.selectors import HIDDEN_MARK, _crns_in
from desist.scopes.cases import visible_cases


def provider_events(user, *, crn: str = "", actor: str = "", event: str = "") -> QuerySet:
    """Events by staff of the user's provider, optionally narrowed to a case, an actor or a kind."""
    events = AuditEvent.objects.select_related("actor").order_by("-id")  # unsealed rows too
    if crn:
        events = events.filter(crn=crn)
    else:
        events = events.filter(actor__staff__provider_id=user.staff.provider_id)
    events = events.filter(Q(crn="") | Q(crn__in=visible_cases(user).values("crn")))
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
