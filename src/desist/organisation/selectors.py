"""Reads of the provider's organisation: always within the user's provider."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Staff, Team, Venue


def staff_list(user, *, team: str = "", grade: str = "") -> QuerySet[Staff]:
    staff = (
        Staff.objects.filter(provider_id=user.staff.provider_id, partner__isnull=True)
        .select_related("user", "team", "base")
        .order_by("team__name", "user__last_name", "user__first_name", "pk")
    )
    if team:
        staff = staff.filter(team__code=team)
    if grade:
        staff = staff.filter(grade=grade)
    return staff


def attach_caseloads(staff) -> None:
    """Sets ``cases`` (active cases held) on each of these staff, from one read of their rows of
    the caseload summary."""
    counts = caseload_counts([s.pk for s in staff])
    for member in staff:
        member.cases = counts.get(member.pk, 0)


def caseload_counts(staff_ids: list[int]) -> dict[int, int]:
    """Active cases per officer, for just these officers: their rows of the caseload summary
    (``allocation.OfficerCaseload``, ADR 0005), not a count of every case."""
    from desist.allocation.caseloads import loads

    return {pk: load.cases for pk, load in loads(staff_ids).items()}


def venue_list(user) -> QuerySet[Venue]:
    return (
        Venue.objects.filter(provider_id=user.staff.provider_id)
        .prefetch_related("local_authorities")
        .select_related("partner")
        .order_by("kind", "name")
    )


def provider_teams(provider_id: int) -> QuerySet[Team]:
    return Team.objects.filter(provider_id=provider_id).order_by("name")


def active_venues(provider_id: int) -> list[Venue]:
    return list(Venue.objects.filter(provider_id=provider_id, active=True).order_by("name"))


def provider_venue(provider_id: int, pk: int) -> Venue | None:
    """One of the provider's venues (None for another provider's)."""
    return Venue.objects.filter(provider_id=provider_id, pk=pk).first()


def provider_staff_member(provider_id: int, pk: int) -> Staff | None:
    """One of the provider's staff (None for another provider's)."""
    return Staff.objects.filter(provider_id=provider_id, pk=pk).select_related("user").first()


def officers_who_book(provider_id: int, limit: int = 200) -> list[Staff]:
    """Active responsible officers and managers, by surname (the booking form's choice)."""
    return list(Staff.objects.filter(provider_id=provider_id, active=True,
                                     role__in=["responsible_officer", "manager"])
                .select_related("user").order_by("user__last_name")[:limit])
