"""The audit viewer: recent events across the provider, and one person's trail."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from desist.access.rules import allow
from desist.organisation.roles import Role
from desist.paging import CappedPaginator
from desist.scopes import audit as scoped
from desist.scopes.cases import case_for

from . import events

AUDIT_READERS = {Role.SYSADMIN, Role.AUDITOR}


@allow(read=AUDIT_READERS)
@require_http_methods(["GET"])
def trail(request):
    actor = request.GET.get("actor", "").strip()[:150]
    event = request.GET.get("event", "").strip()[:60]
    page = CappedPaginator(scoped.provider_events(request.user, actor=actor, event=event), 50)
    page = page.get_page(request.GET.get("page"))
    # read before this view's own event is added; CRNs the viewer may not see are removed
    page.object_list = scoped.redact_for(request.user, page.object_list)
    events.audit_trail_viewed(user=request.user, request=request,
                              query={"actor": actor, "event": event})
    return render(request, "audit/trail.html",
                  {"page": page, "actor": actor, "event": event, "person": None})


@allow(read=AUDIT_READERS)
@require_http_methods(["GET"])
def case_trail(request, crn: str):
    person = case_for(request.user, crn, request=request, audit=False)
    page = CappedPaginator(scoped.provider_events(request.user, crn=person.crn), 50)
    page = page.get_page(request.GET.get("page"))
    page.object_list = scoped.redact_for(request.user, page.object_list)
    events.audit_trail_viewed(user=request.user, crn=person.crn, request=request)
    return render(request, "audit/trail.html", {"page": page, "person": person, "actor": "",
                                                "event": ""})
