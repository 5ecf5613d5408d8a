"""Reads for the induction. Case access is the caller's job (``case_for``)."""

from __future__ import annotations

from desist.sentences.selectors import current_sentence

from .models import InductionBooking, InductionScreen

__all__ = ["bookings", "current_sentence", "latest_screen", "requirement_codes", "venues"]


def requirement_codes(person) -> list[str]:
    sentence = current_sentence(person)
    if sentence is None:
        return []
    return list(sentence.requirements.values_list("type", flat=True))


def latest_screen(person) -> InductionScreen | None:
    return InductionScreen.objects.filter(person=person).first()


def bookings(person) -> list[InductionBooking]:
    return list(InductionBooking.objects.filter(person=person)
                .select_related("appointment__venue"))


def venues(person) -> list:
    """The provider's open venues, for booking the induction."""
    from desist.organisation.models import Venue

    return list(Venue.objects.filter(provider_id=person.provider_id, active=True)
                .order_by("name"))
