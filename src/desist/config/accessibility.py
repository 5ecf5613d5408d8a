"""The accessibility statement (Public Sector Bodies Accessibility Regulations 2018), after the
GOV.UK model statement. Public: anyone must be able to read it before signing in."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from desist.access.rules import allow

# When the statement was prepared and last reviewed (update on each review of the service).
PREPARED_ON = "2026-12-02"
REVIEWED_ON = "2026-12-02"


@allow(public=True)
@require_http_methods(["GET"])
def accessibility_statement(request):
    return render(request, "accessibility.html", {
        "contact_email": getattr(settings, "ACCESSIBILITY_CONTACT_EMAIL", ""),
        "prepared_on": dt.date.fromisoformat(PREPARED_ON),
        "reviewed_on": dt.date.fromisoformat(REVIEWED_ON),
    })
