"""Staff and venue lists for managers and administrators."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from desist.access.roles import Role
from desist.access.rules import allow

from . import selectors
from .choices import SPECIALISMS, Grade

ORGANISATION_READERS = {Role.MANAGER, Role.SYSADMIN, Role.HUB_ADMIN, Role.AUDITOR}


@allow(read=ORGANISATION_READERS)
@require_http_methods(["GET"])
def staff(request):
    team = request.GET.get("team", "")
    grade = request.GET.get("grade", "")
    if grade not in Grade.values:
        grade = ""
    teams = selectors.provider_teams(request.user.staff.provider_id)
    return render(request, "organisation/staff.html", {
        "staff": selectors.staff_list(request.user, team=team, grade=grade),
        "team_choices": [(t.code, t.name) for t in teams], "team": team,
        "grade": grade, "grades": Grade.choices,
        "specialisms": SPECIALISMS,
    })

@allow(read=ORGANISATION_READERS)
@require_http_methods(["GET"])
def venues(request):
    return render(request, "organisation/venues.html", {"venues": selectors.venue_list(request.user)})
