"""Showcase cases for the demo (``desist demo``): induction, self-assessment and the plan.

Three people on the demo ``officer``'s caseload are shaped (not added, so the generated
caseload keeps its size) so the issue's checks can be tried with the demo logins. They are
chosen from the data alone (current community sentences, recent starts first, then by CRN), so
a re-run finds the same people and changes nothing:

- a 69-year-old first-time domestic-abuse offender on BBR, not yet screened — the suitability
  screen (with "anxious or vulnerable") sends him to an individual induction;
- a reading with three areas at 7 or below (all falling) and a draft plan without objectives —
  each area is listed until an objective or a reason is recorded;
- a domestic-abuse case (medium RoSH) whose plan has objectives and the person's agreement but
  no risk management plan, a police check 4 months old and no children's social care check —
  completing it is refused until both are fixed, then the manager countersigns.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from desist.assessment import services as assessment
from desist.assessment.models import Reading
from desist.organisation.models import Provider, Staff
from desist.people.models import Person, Registration
from desist.risk import services as risk_services
from desist.risk.models import SafeguardingCheck
from desist.seeding import claim
from desist.sentences.models import Requirement

from . import services
from .models import Plan


def _years_before(day: dt.date, years: int, days: int = 40) -> dt.date:
    return day.replace(year=day.year - years) - dt.timedelta(days=days)


def _candidates(staff, reference_date: dt.date) -> list[tuple[Person, object]]:
    """Officer's unrestricted cases with a current community sentence at least 10 days old."""
    found = []
    for person in (Person.objects.filter(responsible_officer=staff, restricted=False, active=True)
                   .order_by("crn").prefetch_related("sentences")):
        current = [s for s in person.sentences.all() if s.terminated_on is None
                   and s.type in ("community_order", "sso")
                   and s.start_date <= reference_date - dt.timedelta(days=10)]
        if current:
            found.append((person, max(current, key=lambda s: s.start_date)))
    # Prefer recent starts, so the 15-working-day plan deadline is still ahead.
    recent = reference_date - dt.timedelta(days=21)
    return sorted(found, key=lambda c: c[1].start_date < recent)


def _flag(person, kind: str, start: dt.date) -> None:
    if not Registration.objects.filter(person=person, type=kind, end_date__isnull=True).exists():
        Registration.objects.create(person=person, type=kind, start_date=start)


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
    candidates = _candidates(staff, reference_date)
    men = [c for c in candidates if c[0].gender == "male"]
    if len(men) < 2 or len(candidates) < 3:
        return "skipped (the officer's caseload is too small)"
    (older, older_sentence), (da, da_sentence) = men[0], men[1]
    needs, needs_sentence = next(c for c in candidates if c[0] not in (older, da))
    claim(older.crn, da.crn, needs.crn)  # later seeders reshape ordinary cases, not these

    # 1. The frightened 69-year-old (§5, F5): first offence, domestic abuse, BBR.
    Person.objects.filter(pk=older.pk).update(
        date_of_birth=_years_before(reference_date, 69), previous_sanctions=0,
        first_sanction_date=None, employment_status="retired", work_starts_at=None,
        work_ends_at=None, rosh="low")
    _flag(older, "domestic_abuse", older_sentence.start_date)
    if not Requirement.objects.filter(sentence=older_sentence, type="programme",
                                      programme="BBR").exists():
        Requirement.objects.create(sentence=older_sentence, type="programme", programme="BBR",
                                   details="Building Better Relationships (BBR)")

    # 2. Three areas at 7 or below, all falling, no objectives yet (§6, F3).
    if not Reading.objects.filter(person=needs).exists():
        base = {"home": 8, "daily_life": 8, "wellbeing": 8, "community": 8, "family": 9,
                "caring": 9, "substances": 8, "time": 8, "feelings": 8, "offending": 8}
        first_day = max(needs_sentence.start_date, reference_date - dt.timedelta(days=120))
        _reading(user, needs, first_day, base)
        _reading(user, needs, reference_date - dt.timedelta(days=2),
                 {**base, "home": 5, "substances": 6, "time": 7})
        if not Plan.objects.filter(person=needs).exists():
            services.start_plan(acting_user=user, person=needs, today=reference_date)

    # 3. A DA case whose plan lacks a risk management plan and fresh checks (§7, §8, F7, F9).
    if not Plan.objects.filter(person=da).exists():
        Person.objects.filter(pk=da.pk).update(
            rosh="medium", rosh_to=["known_adult"],
            rosh_assessed_on=reference_date - dt.timedelta(days=10))
        da.refresh_from_db()
        _flag(da, "domestic_abuse", da_sentence.start_date)
        SafeguardingCheck.objects.filter(person=da).delete()
        SafeguardingCheck.objects.create(
            person=da, kind="police_domestic_abuse",
            requested_on=reference_date - dt.timedelta(days=125),
            completed_on=reference_date - dt.timedelta(days=120),
            result="information_shared", details="Two call-outs to the previous address.",
            recorded_by=staff)
        # Information from MARAC not yet acknowledged: it blocks the plan until the officer
        # records what it changes (§7, F4).
        risk_services.record_agency_information(
            acting_user=user, person=da, agency="marac",
            received_on=reference_date - dt.timedelta(days=1),
            summary="Discussed at MARAC: his ex-partner reports he has been waiting outside "
                    "her work. Police to visit her this week.")
        _reading(user, da, reference_date - dt.timedelta(days=5),
                 {"home": 8, "daily_life": 8, "wellbeing": 6, "community": 8, "family": 4,
                  "caring": 7, "substances": 8, "time": 9, "feelings": 5, "offending": 8})
        plan = services.start_plan(acting_user=user, person=da, today=reference_date)
        for area, text, helps in (
            ("wellbeing", "See the GP about low mood and follow the advice",
             "GP; Talking Therapies"),
            ("family", "Learn and use safe, respectful ways of handling conflict at home",
             "Responsible officer; relationships work"),
            ("caring", "Agree safe contact arrangements for the children",
             "Children's social care"),
            ("feelings", "Learn and use a plan for noticing anger early", "1-1 RAR sessions"),
        ):
            services.add_objective(acting_user=user, plan=plan, text=text, need_kind="area",
                                   area_code=area, risk_factor="", services=helps,
                                   target_date=reference_date + dt.timedelta(days=90))
        services.record_agreement(acting_user=user, plan=plan, agreed=True,
                                  comments="Wants to see his children again.",
                                  agreed_on=reference_date, diversity_notes="Works shifts.")
    return (f"induction {older.crn} ({older.name}, 69); needs {needs.crn} ({needs.name}); "
            f"DA plan {da.crn} ({da.name})")
