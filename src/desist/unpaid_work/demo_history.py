"""Demo: believable worked hours for the generated caseload's unpaid-work orders (§12).

The generator gives many community orders a UPW requirement but no sessions, so without this
every order would look untouched and the hub's completion rate would read 0%. For each such
order this writes a pre-placement assessment and past sessions worked on the group projects,
so that about nine in ten orders already due were completed within their 12 months, most live
orders are on track and some (about one in seven) have fallen behind and are flagged.

Deterministic (each case's history comes from its CRN), idempotent (a case that already has a
placement or an adjustment is left alone) and quick: a few bulk inserts whatever the caseload.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.db.models import Count, Q

from desist.people.models import Person
from desist.rules.timescales import add_months
from desist.seeding import CLAIMED
from desist.sentences.models import Requirement

from .models import Assessment, Attendance, Placement, Project, Session

SESSION_MINUTES = 420  # a 7-hour working day (09:00 to 16:30 less breaks)
COMPLETED_WHEN_DUE = 0.9
BEHIND = 0.15


def _orders(provider) -> dict[int, dict]:
    """Each untouched case's live UPW order: minutes owed and the earliest sentence date."""
    rows: dict[int, dict] = {}
    skip = set(Person.objects.filter(provider=provider).filter(
        Q(upw_placements__isnull=False) | Q(upw_adjustments__isnull=False)
        | Q(crn__in=CLAIMED)).values_list("pk", flat=True))
    for person_id, crn, hours, sentenced in Requirement.objects.filter(
            type="upw", upw_hours__isnull=False, sentence__terminated_on__isnull=True,
            sentence__person__provider=provider, sentence__person__active=True).values_list(
            "sentence__person_id", "sentence__person__crn", "upw_hours",
            "sentence__sentence_date"):
        if person_id in skip:
            continue
        row = rows.setdefault(person_id, {"crn": crn, "minutes": 0, "sentenced": sentenced})
        row["minutes"] += hours * 60
        row["sentenced"] = min(row["sentenced"], sentenced)
    return rows


def _plan(order: dict, today: dt.date) -> list[tuple[dt.date, int]]:
    """(day, minutes) worked so far on this order: deterministic from the CRN."""
    rnd = random.Random(order["crn"])
    owed = order["minutes"]
    start = order["sentenced"] + dt.timedelta(days=rnd.randint(7, 21))  # after induction
    deadline = add_months(order["sentenced"], 12)
    last = min(today - dt.timedelta(days=1), deadline - dt.timedelta(days=1))
    if last < start:
        return []
    if deadline <= today:
        done = owed if rnd.random() < COMPLETED_WHEN_DUE else int(owed * rnd.uniform(0.5, 0.92))
        finish = start + dt.timedelta(days=int((last - start).days * rnd.uniform(0.55, 0.95)))
    else:
        pace = rnd.uniform(0.25, 0.55) if rnd.random() < BEHIND else rnd.uniform(0.95, 1.25)
        # About nine months for the whole order at the usual pace, counted from sentence (as
        # the projection counts it), so an order on track is not flagged for its slow start.
        fraction = (last - order["sentenced"]).days / 280 * pace
        done = min(owed, int(owed * fraction))
        finish = last
    done -= done % 30
    if done <= 0:
        return []
    count = -(-done // SESSION_MINUTES)
    gap = max(1, (finish - start).days // count)
    out = []
    for n in range(count):
        minutes = min(SESSION_MINUTES, done - n * SESSION_MINUTES)
        out.append((start + dt.timedelta(days=n * gap), minutes))
    return out


def seed_history(provider, today: dt.date, projects: list[Project]) -> int:
    """Past sessions for the provider's untouched UPW orders; returns how many cases."""
    projects = [p for p in projects if p.type == "group"]
    orders = _orders(provider)
    if not projects or not orders:
        return 0
    plans = {pid: plan for pid, order in orders.items() if (plan := _plan(order, today))}
    # Sessions: one per project and day, filled up to the project's places.
    taken: dict[tuple[int, dt.date], int] = defaultdict(int)
    for session in Session.objects.filter(project__in=projects, on__lt=today).annotate(
            n=Count("placements")):
        taken[(session.project_id, session.on)] = session.n
    wanted: dict[tuple[int, dt.date], list[tuple[int, int]]] = defaultdict(list)
    for person_id, plan in plans.items():
        booked_days: set[dt.date] = set()
        for day, minutes in plan:
            while day < today:  # the planned day, or the next with a place (never a Sunday)
                project = None if day.isoweekday() == 7 or day in booked_days else next(
                    (p for p in projects if taken[(p.pk, day)] < p.capacity), None)
                if project is not None:
                    break
                day += dt.timedelta(days=1)
            else:
                continue
            taken[(project.pk, day)] += 1
            booked_days.add(day)
            wanted[(project.pk, day)].append((person_id, minutes))
    existing = {(s.project_id, s.on): s for s in Session.objects.filter(
        project__in=projects, on__in={day for _, day in wanted})}
    by_id = {p.pk: p for p in projects}
    new = [Session(project=by_id[pid], on=day, starts_at=dt.time(9), ends_at=dt.time(16, 30),
                   supervisor=by_id[pid].supervisor)
           for (pid, day) in wanted if (pid, day) not in existing]
    for session in Session.objects.bulk_create(new):
        existing[(session.project_id, session.on)] = session
    placements, minutes_of = [], []
    for key, people in wanted.items():
        for person_id, minutes in people:
            placements.append(Placement(provider=provider, session=existing[key],
                                        person_id=person_id))
            minutes_of.append(minutes)
    placements = Placement.objects.bulk_create(placements)
    Attendance.objects.bulk_create([
        Attendance(placement=p, signed_in_at=dt.time(9),
                   signed_out_at=(dt.datetime.combine(p.session.on, dt.time(9))
                                  + dt.timedelta(minutes=m + 30)).time(),
                   outcome="attended", minutes_worked=m,
                   work_quality="good" if m % 60 == 0 else "satisfactory", behaviour="good")
        for p, m in zip(placements, minutes_of, strict=True)])
    Assessment.objects.bulk_create([
        Assessment(provider=provider, person_id=pid, assessed_on=orders[pid]["sentenced"]
                   + dt.timedelta(days=5), court_papers_seen=True, rosh_noted=True,
                   health_and_safety="Steel toecaps and gloves issued.")
        for pid in plans])
    return len(plans)
