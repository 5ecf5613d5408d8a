"""Reviews: the reads that start from the user's case scope (ADR 0017).

Moved from ``desist.reviews.selectors`` so that the app's own modules never reach the scope;
the app's selectors keep the reads that are given their rows.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from desist.appointments.choices import Kind, Outcome
from desist.appointments.models import Appointment
from desist.organisation.roles import role_of
from desist.reviews.models import Review, StepDown
from desist.scopes.cases import visible_rows


def step_down_for(user, pk: int) -> StepDown:
    if role_of(user) is None:
        raise Http404("No such step-down.")
    found = visible_rows(user, StepDown.objects.filter(
        provider_id=user.staff.provider_id, pk=pk)).select_related("person").first()
    if found is None:
        raise Http404("No such step-down.")
    return found


def remote_caseload(user, today: dt.date) -> list[dict]:
    """The hub's remote caseload: every active step-down with its last contact and when the
    next is due against the hub's own contact target. One query whatever the caseload."""
    if role_of(user) is None:
        return []
    last_contact = (Appointment.objects.filter(
        person=OuterRef("person"), kind__in=[Kind.TELEPHONE, Kind.CHECK_IN],
        outcome=Outcome.ATTENDED, starts_at__date__gte=OuterRef("started_on"))
        .order_by("-starts_at").values("starts_at")[:1])
    rows: QuerySet = visible_rows(user, StepDown.objects.filter(
        provider_id=user.staff.provider_id, ended_on__isnull=True)).select_related(
        "person", "person__responsible_officer__user").annotate(last_contact=Subquery(
            last_contact)).order_by("person__last_name", "person__first_name", "pk")
    out = []
    for row in rows:
        last = row.last_contact.date() if row.last_contact else None
        next_due = (last or row.started_on) + dt.timedelta(days=row.contact_every_days)
        out.append({"step_down": row, "person": row.person, "last_contact": last,
                    "next_due": next_due, "overdue": today > next_due})
    return out


def flagged_reviews(user) -> QuerySet[Review]:
    if role_of(user) is None:
        return Review.objects.none()
    return visible_rows(user, Review.objects.filter(provider_id=user.staff.provider_id,
                                                    flagged=True)).select_related("person")
