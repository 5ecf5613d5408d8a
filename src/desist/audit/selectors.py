"""Reads of the audit trail, limited to the viewer's provider."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import AuditEvent


def provider_events(user, *, crn: str = "", actor: str = "", event: str = "") -> QuerySet:
    """Events by staff of the user's provider, optionally narrowed to a case, an actor or a kind."""
    events = AuditEvent.objects.select_related("actor").order_by("-id")  # unsealed rows too
    if crn:
        events = events.filter(crn=crn)
    else:
        events = events.filter(actor__staff__provider_id=user.staff.provider_id)
    if actor:
        events = events.filter(actor__username=actor)
    if event:
        events = events.filter(event=event)
    return events
