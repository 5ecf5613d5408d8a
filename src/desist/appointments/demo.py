"""Demo: showcase cases for delivery (and bookings for the officer's calendar).

Idempotent: the cases are keyed on their CRNs and skipped when present. Built through the same
services the pages use, so the tasks, flags and audit trail are what a user would see.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from desist.interventions import services as referral_services
from desist.interventions.models import Service
from desist.organisation.models import Provider, Staff, Venue
from desist.people.models import Person
from desist.sentences.models import Offence, Requirement, Sentence

from . import services
from .choices import Kind, Outcome
from .models import Appointment

# crn, first, last, gender, extra person fields, months into a 12-month order, RAR days
SHOWCASE = (
    ("D600001", "Ray", "Bell", "male", {"wheelchair_user": True, "disability": True,
                                         "disability_needs": "Uses a wheelchair"}, 2, 15),
    ("D600002", "Kyle", "Ward", "male", {"employment_status": "employed_full_time",
                                          "work_starts_at": dt.time(9), "work_ends_at": dt.time(17)},
     3, 10),
    ("D600003", "Liam", "Hart", "male", {}, 8, None),
    ("D600004", "Josh", "Reed", "male", {}, 6, 30),
)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _next_weekday(day: dt.date, iso: int) -> dt.date:
    return day + dt.timedelta(days=(iso - day.isoweekday()) % 7 or 7)


def _person(provider, officer, crn, first, last, gender, extra, months, rar_days, today):
    start = today - dt.timedelta(days=round(months * 30.4))
    person = Person.objects.create(
        provider=provider, crn=crn, first_name=first, last_name=last,
        date_of_birth=dt.date(1991, 3, 14), gender=gender, rosh="medium", band="yellow",
        ogrs3_two_year=42, responsible_officer=officer, team=officer.team,
        local_authority=None, address="14 Shields Road, Newcastle upon Tyne", postcode="NE6 1DL",
        last_contact_on=today - dt.timedelta(days=9), **extra,
    )
    sentence = Sentence.objects.create(
        person=person, type="community_order", court="Newcastle Magistrates' Court",
        sentence_date=start, start_date=start, expected_end_date=start + dt.timedelta(days=365))
    Offence.objects.create(sentence=sentence, description="Theft from a shop",
                           category="theft_non_motor")
    if rar_days:
        Requirement.objects.create(sentence=sentence, type="rar", rar_days=rar_days)
    return person, sentence


def seed(reference_date: dt.date) -> str:
    provider = Provider.objects.filter(code="NCRC").first()
    user = get_user_model().objects.filter(username="officer").first()
    officer = Staff.objects.filter(user=user).select_related("team").first() if user else None
    if provider is None or officer is None:
        return "no NCRC provider or officer login"
    if Person.objects.filter(crn=SHOWCASE[0][0]).exists():
        return "showcase cases already present"
    today = reference_date
    venues = {v.code: v for v in Venue.objects.filter(provider=provider)}
    ncl = venues.get("LMC-NCL")
    made = {}
    for crn, first, last, gender, extra, months, rar_days in SHOWCASE:
        made[crn] = _person(provider, officer, crn, first, last, gender, extra, months, rar_days,
                            today)
    booked = 0
    # Ray Bell uses a wheelchair: booked at the accessible Newcastle LMC.
    ray, _ = made["D600001"]
    day = _next_weekday(today, 2)
    services.book(user="desist demo", person=ray, kind=Kind.OFFICER, venue=ncl,
                  starts_at=_at(day, 10), ends_at=_at(day, 11), rar_activity=True,
                  purpose="Positive Pathways session 1")
    booked += 1
    # Kyle Ward works 9–5: an evening slot on Newcastle LMC's late night (Thursday).
    kyle, _ = made["D600002"]
    day = _next_weekday(today, 4)
    services.book(user="desist demo", person=kyle, kind=Kind.OFFICER, venue=ncl,
                  starts_at=_at(day, 17, 30), ends_at=_at(day, 18, 15), rar_activity=False,
                  purpose="Supervision after work")
    booked += 1
    # Liam Hart: referred to TSP with a 30-week wait and four months of his order left.
    liam, sentence = made["D600003"]
    Requirement.objects.create(sentence=sentence, type="programme", programme="TSP")
    tsp = Service.objects.filter(provider=provider, code="TSP").first()
    if tsp is not None:
        referral_services.make_referral(user="desist demo", person=liam, service=tsp,
                                        today=today)
    # Josh Reed: 30 RAR days, six months in, two delivered: the RAR is at risk.
    josh, _ = made["D600004"]
    for weeks_ago in (20, 12):
        day = today - dt.timedelta(weeks=weeks_ago)
        day -= dt.timedelta(days=day.weekday())
        past = Appointment.objects.create(
            provider=provider, person=josh, kind=Kind.OFFICER, officer=officer, venue=ncl,
            starts_at=_at(day, 11), ends_at=_at(day, 12), rar_activity=True,
            purpose="Victim Awareness")
        services.record_outcome(user="desist demo", appointment=past, outcome=Outcome.ATTENDED,
                                today=today)
        booked += 1
    services.check_rar_for(josh, today=today)
    return f"{len(made)} showcase cases, {booked} appointments"
