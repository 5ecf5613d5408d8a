"""Reads for check-ins. Staff reads go through ``case_for``; the kiosk and online pages find the
person only through ``services.identify``."""

from __future__ import annotations

from .models import CheckIn, Enrolment, SeniorApproval


def enrolment(person) -> Enrolment | None:
    return Enrolment.objects.filter(person=person).first()


def enrolment_by_pk(pk: int) -> Enrolment | None:
    return Enrolment.objects.filter(pk=pk, active=True).select_related("person").first()


def senior_approval(person) -> SeniorApproval | None:
    return SeniorApproval.objects.filter(person=person, withdrawn_at__isnull=True).first()


def senior_approved(person) -> bool:
    return senior_approval(person) is not None


def checkins(person, limit: int = 20) -> list[CheckIn]:
    return list(CheckIn.objects.filter(person=person)[:limit])


def eligibility(person):
    from desist.reviews.selectors import eligibility as of

    return of(person, senior_approved(person))


def due_enrolments(today, provider_id: int | None = None):
    """Active enrolments whose check-in day has passed without a check-in."""
    rows = Enrolment.objects.filter(active=True, next_due_on__lt=today).select_related("person")
    if provider_id is not None:
        rows = rows.filter(provider_id=provider_id)
    return rows
