"""Staff and venue lists for managers and administrators."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from desist.access.rules import allow
from desist.organisation.roles import Role
from desist.paging import page_links

from . import selectors
from .choices import SPECIALISMS, Grade

ORGANISATION_READERS = {Role.MANAGER, Role.SYSADMIN, Role.HUB_ADMIN, Role.AUDITOR}
PAGE_SIZE = 50


@allow(read=ORGANISATION_READERS)
@require_http_methods(["GET"])
def staff(request):
    team = request.GET.get("team", "")
    grade = request.GET.get("grade", "")
    if grade not in Grade.values:
        grade = ""
    teams = selectors.provider_teams(request.user.staff.provider_id)
    # A page at a time: a national provider has over 400 staff, and rendering them all through
    # the GOV.UK table was most of the page's time (issue 23).
    paginator = Paginator(selectors.staff_list(request.user, team=team, grade=grade), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page") or 1)
    selectors.attach_caseloads(page.object_list)
    return render(request, "organisation/staff.html", {
        "page": page, "paginator": paginator, "page_links": page_links(request, page),
        "team_choices": [(t.code, t.name) for t in teams], "team": team,
        "grade": grade, "grades": Grade.choices, "grade_labels": dict(Grade.choices),
        "specialisms": SPECIALISMS,
    })


@allow(read=ORGANISATION_READERS)
@require_http_methods(["GET"])
def venues(request):
    return render(request, "organisation/venues.html", {"venues": selectors.venue_list(request.user)})
