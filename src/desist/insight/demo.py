"""Demo: the recent history the insight figures are computed from, then the read model (§17).

``desist generate`` makes a caseload as it stands today: people with sentences, requirements,
registrations and referrals, and an allocated officer, but no record of how the case got there.
So on the generated caseload every timeliness step would be "overdue, not done" (0% on time).
Before building the figures this seeder records, for the generated cases that no showcase has
claimed or shaped, the two steps every case has already been through, with believable timing
drawn from a fixed seed: the **assignment** of the officer they already have (most within a
working day of arrival, some later; §3) and the **first appointment** with the officer,
attended (most within 5 working days of the start or release; §3). It writes those records only
(allocation's ``Assignment``, an attended ``Appointment``), never a figure: the figures are then
built from the record by the ordinary refresh.

The rest of the history (a few licences and PSS periods that ended, inductions, initial plans
with objectives and their first review, absences with warnings and breach or recall action and
the court's outcome) is recorded by ``insight/demo_casework.py`` for the same cases. Unpaid work
sessions and resettlement custody cases are the owning apps' demos.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model

from desist.allocation.models import Assignment
from desist.appointments.models import Appointment
from desist.organisation.models import Provider
from desist.people.models import Person
from desist.rules import timescales
from desist.seeding import CLAIMED
from desist.sentences.models import Sentence

from . import services
from .demo_casework import ARRIVAL as MARKER
from .demo_casework import _at, _draw, end_some_supervision, seed_casework

SEED = 19
# Working days after the deadline's start: weights (≈ 88% of assignments within 1 working day;
# ≈ 82% of first appointments within 5).
ASSIGNMENT_DELAYS = ((0, 55), (1, 33), (2, 7), (3, 3), (5, 2))
FIRST_SEEN_DELAYS = ((1, 10), (2, 20), (3, 22), (4, 16), (5, 14), (6, 8), (8, 6), (12, 4))


def seed_history(provider: Provider, today: dt.date) -> tuple[int, int]:
    """Assignments and attended first appointments for unshaped generated cases."""
    manager = get_user_model().objects.filter(username__in=("manager", "hub")).order_by(
        "username").first()
    if manager is None or Assignment.objects.filter(person__provider=provider,
                                                    reason=MARKER).exists():
        return 0, 0
    touched = set(Assignment.objects.filter(person__provider=provider)
                  .values_list("person_id", flat=True))
    touched |= set(Appointment.objects.filter(provider=provider)
                   .values_list("person_id", flat=True))
    latest: dict[int, dict] = {}
    for s in (Sentence.objects.filter(person__provider=provider).order_by(
            "person_id", "-sentence_date", "-pk").values(
            "person_id", "type", "start_date", "release_date")):
        latest.setdefault(s["person_id"], s)
    rng = random.Random(SEED)
    calendar = timescales.DEFAULT_CALENDAR
    assignments, appointments = [], []
    for p in (Person.objects.filter(provider=provider, responsible_officer__isnull=False)
              .order_by("pk").values("pk", "crn", "arrived_on", "responsible_officer_id",
                                     "team_id", "lmc__venue_id", "team__venue_id")):
        s = latest.get(p["pk"])
        if s is None or p["pk"] in touched or p["crn"] in CLAIMED:
            continue
        arrived = p["arrived_on"] or s["start_date"]
        decided = calendar.add_working_days(arrived, _draw(rng, ASSIGNMENT_DELAYS))
        if decided < today:
            assignments.append(Assignment(
                person_id=p["pk"], officer_id=p["responsible_officer_id"], team_id=p["team_id"],
                reason=MARKER, decided_by=manager, decided_at=_at(decided, 10)))
        released = s["type"] in ("licence", "pss") and s["release_date"] is not None
        if s["type"] == "custody" and not released:
            continue
        start = s["release_date"] if released else s["start_date"]
        seen = calendar.add_working_days(start, _draw(rng, FIRST_SEEN_DELAYS))
        if seen < today:
            appointments.append(Appointment(
                provider=provider, person_id=p["pk"], officer_id=p["responsible_officer_id"],
                kind="officer", starts_at=_at(seen, 11),
                ends_at=_at(seen, 11) + dt.timedelta(minutes=45), rar_activity=False,
                outcome="attended", venue_id=p["team__venue_id"] or p["lmc__venue_id"]))
    times = [a.decided_at for a in assignments]
    made = Assignment.objects.bulk_create(assignments, batch_size=2000)
    # ``decided_at`` is set on creation; the history's own times go in afterwards.
    for row, when in zip(made, times, strict=True):
        row.decided_at = when
    Assignment.objects.bulk_update(made, ["decided_at"], batch_size=2000)
    Appointment.objects.bulk_create(appointments, batch_size=2000)
    return len(assignments), len(appointments)


def seed(reference_date: dt.date) -> str:
    history = []
    provider = Provider.objects.filter(code="NCRC").first()
    if provider is not None:
        ended = 0
        if not Assignment.objects.filter(person__provider=provider, reason=MARKER).exists():
            ended = end_some_supervision(provider, reference_date)
        assigned, seen = seed_history(provider, reference_date)
        history.append(f"history for the generated caseload: {ended} licences or PSS ended, "
                       f"{assigned} assignments, {seen} first appointments")
        casework = seed_casework(provider, reference_date)
        history.append(", ".join(f"{n} {what}" for what, n in casework.items()) or "casework "
                       "already recorded")
    counts = {"cases": 0, "timeliness": 0, "needs": 0}
    for pk in Provider.objects.order_by("pk").values_list("pk", flat=True):
        run = services.insight_refresh(provider_id=pk, acting_user="desist demo",
                                       trigger="command", today=reference_date)
        for key in counts:
            counts[key] += run.counts[key]
    return "; ".join([*history, f"insight figures built: {counts['cases']} cases, "
                      f"{counts['timeliness']} steps, {counts['needs']} needs"])
