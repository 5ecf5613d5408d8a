"""Appointments: the reads that start from the user's case scope (ADR 0017).

Moved from ``desist.appointments.selectors`` so that the app's own modules never reach the scope;
the app's selectors keep the reads that are given their rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from desist.appointments.models import Appointment
from desist.appointments.selectors import week_bounds
from desist.organisation.roles import role_of
from desist.scopes.cases import visible_cases, visible_rows
from desist.scopes.interventions import visible_referrals


def visible_appointments(user) -> QuerySet[Appointment]:
    if role_of(user) is None:
        return Appointment.objects.none()
    return visible_rows(user, Appointment.objects.filter(provider_id=user.staff.provider_id))


def appointment_for(user, pk: int) -> Appointment:
    found = (visible_appointments(user).filter(pk=pk)
             .select_related("person", "venue", "officer__user", "partner", "referral").first())
    if found is None:
        raise Http404("No such appointment.")
    return found


def appointment_list(user, *, crn: str | None = None, officer: int | None = None,
                     week: dt.date | None = None) -> QuerySet[Appointment]:
    """The API's appointment list: the user's visible appointments, filtered, in time order."""
    rows = visible_appointments(user)
    if crn:
        rows = rows.filter(person__crn=crn.upper())
    if officer:
        rows = rows.filter(officer_id=officer)
    if week:
        if week > dt.date.max - dt.timedelta(days=7):
            return rows.none()  # the last days of the calendar: no week can end after them
        start, end, _monday = week_bounds(week)
        rows = rows.filter(starts_at__gte=start, starts_at__lt=end)
    return rows.select_related("person").order_by("starts_at", "pk")


def referral_of(user, person, pk: int):
    """The referral ``pk`` of this case, if the user may see it (a booking's link), else None."""
    return visible_referrals(user).filter(person=person, pk=pk).first()


def week(user, *, week: dt.date, officer=None, venue=None) -> dict:
    """A week of appointments for an officer or a venue, by day (two queries)."""
    start, end, monday = week_bounds(week)
    if role_of(user) is None:
        return {"monday": monday, "rows": [], "days": []}
    # The week's appointments first (an index range scan), then which of their cases the user
    # may see (a short IN list), so the cost follows the week, not the size of the caseload.
    rows = Appointment.objects.filter(provider_id=user.staff.provider_id, starts_at__gte=start,
                                      starts_at__lt=end)
    if officer is not None:
        rows = rows.filter(officer=officer)
    if venue is not None:
        rows = rows.filter(venue=venue)
    rows = list(rows.select_related("person", "venue", "officer__user").order_by("starts_at"))
    allowed = set(visible_cases(user).filter(pk__in={r.person_id for r in rows}).order_by()
                  .values_list("pk", flat=True)) if rows else set()
    rows = [r for r in rows if r.person_id in allowed]
    days = defaultdict(list)
    for row in rows:
        days[timezone.localtime(row.starts_at).date()].append(row)
    return {
        "monday": monday, "rows": rows,
        "days": [(monday + dt.timedelta(days=i), days.get(monday + dt.timedelta(days=i), []))
                 for i in range(7)],
    }
