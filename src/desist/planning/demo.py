"""Showcase cases for the demo (``desist demo``): induction, self-assessment and the plan.

Three people of provider NCRC, held by the demo ``officer`` (CRNs beginning Q, a letter the
generator never uses), shaped so the issue's checks can be tried with the demo logins:

- Q000001: a 69-year-old first-time domestic-abuse offender with anxiety, not yet screened —
  the suitability screen sends him to an individual induction;
- Q000002: a reading with three areas at 7 or below and a draft plan without objectives — each
  area is listed until an objective or a reason is recorded;
- Q000003: a domestic-abuse case (medium RoSH) whose plan has objectives and the person's
  agreement but no risk management plan, a police check 4 months old and no children's social
  care check — completing it is refused until both are fixed, then the manager countersigns.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from desist.assessment import services as assessment
from desist.organisation.models import Provider, Staff
from desist.people.models import Person, Registration
from desist.sentences.models import Offence, Requirement, Sentence

from . import services
from .models import SafeguardingCheck


def _years_before(day: dt.date, years: int, days: int = 40) -> dt.date:
    return day.replace(year=day.year - years) - dt.timedelta(days=days)


def _person(provider, officer, crn, first, last, dob, **extra) -> tuple[Person, bool]:
    person = Person.objects.filter(crn=crn).first()
    if person is not None:
        return person, False
    return Person.objects.create(
        provider=provider, crn=crn, first_name=first, last_name=last, date_of_birth=dob,
        gender="male", responsible_officer=officer, team=officer.team, **extra), True


def _sentence(person, start: dt.date, requirements, offence: str, category: str):
    sentence = Sentence.objects.create(
        person=person, type="community_order", court="Newcastle Magistrates' Court",
        sentence_date=start, start_date=start, expected_end_date=start + dt.timedelta(days=365))
    for kind, extra in requirements:
        Requirement.objects.create(sentence=sentence, type=kind, **extra)
    Offence.objects.create(sentence=sentence, description=offence, category=category,
                           offence_date=start - dt.timedelta(days=60))
    return sentence


def _reading(user, person, taken_on, scores):
    reading = assessment.save_reading(acting_user=user, person=person, taken_on=taken_on,
                                      scores=scores, comments={})
    assessment.sign_reading(acting_user=user, reading=reading, method="typed",
                            name=person.name)
    assessment.approve_reading(acting_user=user, reading=reading, today=taken_on)
    return reading


def seed(reference_date: dt.date) -> str:
    provider = Provider.objects.filter(code="NCRC").first()
    staff = Staff.objects.filter(provider=provider, user__username="officer").first()
    if provider is None or staff is None:
        return "skipped (no NCRC provider or officer login)"
    user = get_user_model().objects.get(pk=staff.user_id)
    made = 0

    # 1. The frightened 69-year-old (§5, F5).
    older, created = _person(provider, staff, "Q000001", "Ronald", "Ashworth",
                             _years_before(reference_date, 69), rosh="low",
                             previous_sanctions=0, employment_status="retired")
    if created:
        made += 1
        start = reference_date - dt.timedelta(days=3)
        _sentence(older, start, [("rar", {"rar_days": 15}), ("programme", {"programme": "BBR"})],
                  "Assault by beating (domestic)", "violence")
        Registration.objects.create(person=older, type="domestic_abuse", start_date=start,
                                    notes="First offence; ex-wife is the victim.")

    # 2. Three areas at 7 or below with no objectives yet (§6, F3).
    needs, created = _person(provider, staff, "Q000002", "Liam", "Carr",
                             _years_before(reference_date, 27), rosh="low",
                             previous_sanctions=2, first_sanction_date=_years_before(reference_date, 8))
    if created:
        made += 1
        start = reference_date - dt.timedelta(days=40)
        _sentence(needs, start, [("rar", {"rar_days": 20})], "Theft from a shop", "theft_non_motor")
        base = {"home": 8, "daily_life": 8, "wellbeing": 8, "community": 8, "family": 9,
                "caring": 9, "substances": 8, "time": 8, "feelings": 8, "offending": 8}
        _reading(user, needs, start + dt.timedelta(days=5), base)
        _reading(user, needs, reference_date - dt.timedelta(days=2),
                 {**base, "home": 5, "substances": 6, "time": 7})
        services.start_plan(acting_user=user, person=needs, today=reference_date)

    # 3. A DA case whose plan lacks a risk management plan and fresh checks (§7, §8, F7, F9).
    da, created = _person(provider, staff, "Q000003", "Craig", "Dobson",
                          _years_before(reference_date, 34), rosh="medium", rosh_to=["known_adult"],
                          rosh_assessed_on=reference_date - dt.timedelta(days=20),
                          previous_sanctions=4, first_sanction_date=_years_before(reference_date, 15),
                          dependants=2)
    if created:
        made += 1
        start = reference_date - dt.timedelta(days=20)
        _sentence(da, start, [("rar", {"rar_days": 25})], "Controlling or coercive behaviour",
                  "violence")
        Registration.objects.create(person=da, type="domestic_abuse", start_date=start)
        SafeguardingCheck.objects.create(
            person=da, kind="police_domestic_abuse", requested_on=reference_date - dt.timedelta(
                days=125), completed_on=reference_date - dt.timedelta(days=120),
            result="information_shared", details="Two call-outs to the previous address.",
            recorded_by=staff)
        _reading(user, da, start + dt.timedelta(days=6),
                 {"home": 8, "daily_life": 8, "wellbeing": 6, "community": 8, "family": 4,
                  "caring": 7, "substances": 8, "time": 9, "feelings": 5, "offending": 8})
        plan = services.start_plan(acting_user=user, person=da, today=reference_date)
        for area, text, helps in (
            ("wellbeing", "See the GP about low mood and follow the advice", "GP; Talking Therapies"),
            ("family", "Complete Building Better Relationships and use what it teaches at home",
             "BBR programme; responsible officer"),
            ("caring", "Agree safe contact arrangements for the children", "Children's social care"),
            ("feelings", "Learn and use a plan for noticing anger early", "1-1 RAR sessions"),
        ):
            services.add_objective(acting_user=user, plan=plan, text=text, need_kind="area",
                                   area_code=area, risk_factor="", services=helps,
                                   target_date=reference_date + dt.timedelta(days=90))
        services.record_agreement(acting_user=user, plan=plan, agreed=True,
                                  comments="Wants to see his children again.",
                                  agreed_on=reference_date, diversity_notes="Works shifts.")
    return f"{made} showcase cases (Q000001 induction, Q000002 needs, Q000003 DA plan)"
