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
from desist.seeding import CLAIMED
from desist.sentences.models import Offence, Requirement, Sentence

from . import services
from .choices import Kind, Outcome
from .models import Appointment

# key, gender, extra person fields, months into a 12-month order, RAR days
SHOWCASE = (
    ("wheelchair", "male", {"wheelchair_user": True, "disability": True,
                            "disability_needs": "Uses a wheelchair"}, 2, 15),
    ("nine_to_five", "male", {"employment_status": "employed_full_time",
                              "work_starts_at": dt.time(9), "work_ends_at": dt.time(17)}, 3, 10),
    ("waiting_list", "male", {}, 8, None),
    ("rar_at_risk", "male", {}, 6, 30),
)
MARKER = "Positive Pathways session 1"  # the first showcase booking: present means seeded


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _next_weekday(day: dt.date, iso: int) -> dt.date:
    return day + dt.timedelta(days=(iso - day.isoweekday()) % 7 or 7)


def pick(provider, officer, gender: str, used: set[str]):
    """One of the officer's ordinary cases to shape into a showcase (from the end of the CRNs,
    away from the generator's own showcase cases and the intake ones, Y9…)."""
    person = (Person.objects.filter(provider=provider, responsible_officer=officer, active=True,
                                    restricted=False, gender=gender)
              .exclude(crn__in=used | CLAIMED).exclude(crn__startswith="Y9")
              .order_by("-crn").first())
    if person is not None:
        used.add(person.crn)
    return person


def shape(person, extra, months, rar_days, today):
    """Give the person a plain 12-month community order ``months`` in, and the showcase facts."""
    start = today - dt.timedelta(days=round(months * 30.4))
    values = {"wheelchair_user": False, "work_starts_at": None, "work_ends_at": None,
              "rosh": "medium", "band": "yellow", "last_contact_on": today - dt.timedelta(days=9),
              **extra}
    Person.objects.filter(pk=person.pk).update(**values)
    for name, value in values.items():
        setattr(person, name, value)
    person.sentences.all().delete()
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
    if Appointment.objects.filter(provider=provider, purpose=MARKER).exists():
        return "showcase cases already present"
    today = reference_date
    venues = {v.code: v for v in Venue.objects.filter(provider=provider)}
    ncl = venues.get("LMC-NCL")
    made = {}
    used: set[str] = set()
    for key, gender, extra, months, rar_days in SHOWCASE:
        person = pick(provider, officer, gender, used)
        if person is None:
            return "not enough cases on the officer's caseload"
        made[key] = shape(person, extra, months, rar_days, today)
    booked = 0
    # Ray Bell uses a wheelchair: booked at the accessible Newcastle LMC.
    ray, _ = made["wheelchair"]
    day = _next_weekday(today, 2)
    services.book(user="desist demo", person=ray, kind=Kind.OFFICER, venue=ncl,
                  starts_at=_at(day, 10), ends_at=_at(day, 11), rar_activity=True,
                  purpose=MARKER)
    booked += 1
    # Kyle Ward works 9–5: an evening slot on Newcastle LMC's late night (Thursday).
    kyle, _ = made["nine_to_five"]
    day = _next_weekday(today, 4)
    services.book(user="desist demo", person=kyle, kind=Kind.OFFICER, venue=ncl,
                  starts_at=_at(day, 17, 30), ends_at=_at(day, 18, 15), rar_activity=False,
                  purpose="Supervision after work")
    booked += 1
    # Liam Hart: referred to TSP with a 30-week wait and four months of his order left.
    liam, sentence = made["waiting_list"]
    Requirement.objects.create(sentence=sentence, type="programme", programme="TSP")
    tsp = Service.objects.filter(provider=provider, code="TSP").first()
    if tsp is not None:
        referral_services.make_referral(user="desist demo", person=liam, service=tsp,
                                        today=today)
    # Josh Reed: 30 RAR days, six months in, two delivered: the RAR is at risk.
    josh, _ = made["rar_at_risk"]
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
    names = ", ".join(f"{key} {p.crn}" for key, (p, _s) in made.items())
    return f"{len(made)} showcase cases ({names}), {booked} appointments"
