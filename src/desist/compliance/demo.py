"""Demo: a single parent with an agreed childcare arrangement, and a case already warned."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from desist.appointments import services as appointment_services
from desist.appointments.demo import _at, pick, shape
from desist.appointments.models import Appointment
from desist.interventions.models import Referral, Service
from desist.organisation.models import Provider, Staff, Venue

from . import services


def _missed(provider, person, officer, venue, day, outcome="failed_to_attend"):
    appointment = Appointment.objects.create(
        provider=provider, person=person, kind="officer", officer=officer, venue=venue,
        starts_at=_at(day, 10), ends_at=_at(day, 11), rar_activity=False,
        purpose="Supervision")
    appointment_services.record_outcome(user="desist demo", appointment=appointment,
                                        outcome=outcome, today=day)
    return appointment


def _produced_on(absence, day: dt.date) -> None:
    """The warning letter as it was produced back then: a warning counts toward breach from
    the day its letter was produced, so the showcase's history must include it."""
    from django.utils import timezone

    from .choices import LetterStatus
    from .letters import render_letter
    from .models import Letter

    letter = Letter.objects.select_related("person").get(absence=absence, kind="warning")
    letter.pdf = render_letter(letter)
    letter.status = LetterStatus.PRODUCED
    letter.attempts = 1
    letter.produced_at = timezone.make_aware(dt.datetime.combine(day, dt.time(15)))
    letter.save(update_fields=["pdf", "status", "attempts", "produced_at"])
    type(letter.action).objects.filter(pk=letter.action_id).update(done_on=day)


def _weekday_before(day: dt.date, weeks: int) -> dt.date:
    day = day - dt.timedelta(weeks=weeks)
    return day - dt.timedelta(days=max(day.weekday() - 3, 0))  # Monday–Thursday


def seed(reference_date: dt.date) -> str:
    provider = Provider.objects.filter(code="NCRC").first()
    user = get_user_model().objects.filter(username="officer").first()
    officer = Staff.objects.filter(user=user).select_related("team").first() if user else None
    if provider is None or officer is None:
        return "no NCRC provider or officer login"
    from .models import FlexibleArrangement

    if FlexibleArrangement.objects.filter(provider=provider).exists():
        return "compliance showcase cases already present"
    today = reference_date
    venue = Venue.objects.filter(provider=provider, code="LMC-NCL").first()
    # Not the cases the appointments seeder shaped (they have bookings or the TSP referral).
    used: set[str] = set(Appointment.objects.filter(provider=provider)
                         .values_list("person__crn", flat=True))
    used |= set(Referral.objects.filter(catalogue_service__provider=provider,
                                        catalogue_service__code="TSP")
                .values_list("person__crn", flat=True))
    chloe_case = pick(provider, officer, "female", used)
    gary_case = pick(provider, officer, "male", used)
    if chloe_case is None or gary_case is None:
        return "not enough cases on the officer's caseload"
    chloe, _ = shape(chloe_case, {"dependants": 2, "childcare_responsibilities": True}, 4, None,
                     today)
    services.record_arrangement(
        user=user, person=chloe, reason="childcare", starts_on=today - dt.timedelta(days=60),
        weekdays=[1, 2, 3, 4, 5], changes="Single parent: appointments only 10:00–14:30 in school "
        "term; a missed appointment on a day her child is ill is agreed in advance by phone.")
    _missed(provider, chloe, officer, venue, _weekday_before(today, 1))
    womens = Service.objects.filter(provider=provider, code="WOM").first()
    if womens is not None:
        Referral.objects.create(person=chloe, partner=womens.partner, catalogue_service=womens,
                                service=womens.name, status="started",
                                referred_on=today - dt.timedelta(days=50),
                                started_on=today - dt.timedelta(days=40), sessions_attended=4)
    gary, _ = shape(gary_case, {}, 7, None, today)
    first = _missed(provider, gary, officer, venue, _weekday_before(today, 9))
    warned_on = first.local_starts.date() + dt.timedelta(days=1)
    services.decide(user=user, absence=first.absence, judged="unacceptable",
                    evidence="No contact; phone switched off.", today=warned_on)
    _produced_on(first.absence, warned_on)
    _missed(provider, gary, officer, venue, _weekday_before(today, 0) if
            _weekday_before(today, 0) < today else today - dt.timedelta(days=1))
    return (f"childcare arrangement {chloe.crn}; warned, new absence to decide {gary.crn}")
