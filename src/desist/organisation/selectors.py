"""Reads of the provider's organisation: always within the user's provider."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from .models import Staff, Venue


def staff_list(user, *, team: str = "", grade: str = "") -> QuerySet[Staff]:
    staff = (
        Staff.objects.filter(provider_id=user.staff.provider_id, partner__isnull=True)
        .select_related("user", "team", "base")
        .annotate(cases=Count("caseload", filter=Q(caseload__active=True)))
        .order_by("team__name", "user__last_name", "user__first_name")
    )
    if team:
        staff = staff.filter(team__code=team)
    if grade:
        staff = staff.filter(grade=grade)
    return staff


def venue_list(user) -> QuerySet[Venue]:
    return (
        Venue.objects.filter(provider_id=user.staff.provider_id)
        .prefetch_related("local_authorities")
        .select_related("partner")
        .order_by("kind", "name")
    )
