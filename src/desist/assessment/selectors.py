"""Reads of readings: the latest approved, the one before it, and drafts. Case access is the
caller's job (``scopes.cases.case_for``)."""

from __future__ import annotations

from .models import Instrument, Reading


def approved_readings(person) -> list[Reading]:
    return list(
        Reading.objects.filter(person=person, status=Reading.Status.APPROVED)
        .select_related("instrument", "approved_by__user")
        .order_by("-taken_on", "-approved_at")
    )


def draft_readings(person) -> list[Reading]:
    return list(Reading.objects.filter(person=person, status=Reading.Status.DRAFT)
                .select_related("instrument").order_by("-taken_on", "-pk"))


def latest_pair(person) -> tuple[Reading | None, Reading | None]:
    """The latest approved reading and the one before it (with the same instrument's areas)."""
    readings = approved_readings(person)[:2]
    latest = readings[0] if readings else None
    previous = readings[1] if len(readings) > 1 else None
    return latest, previous


def reading_for(person, pk: int) -> Reading | None:
    return Reading.objects.select_related("instrument", "person").filter(
        person=person, pk=pk).first()


def instruments(provider) -> list[Instrument]:
    return list(Instrument.objects.filter(provider=provider).order_by("-version"))


def provider_instrument(provider, pk) -> Instrument | None:
    """One version of the provider's instrument (None for another provider's)."""
    return Instrument.objects.filter(provider=provider, pk=pk).first()
