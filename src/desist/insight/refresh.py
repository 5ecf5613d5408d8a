"""Build the reporting read model for a provider, set-based (§17).

The caseload is read in chunks of person ids; for each chunk a fixed dozen of bulk queries fetch
every fact needed (sentences, requirements, unpaid work hours, breaches, enforcement actions,
assignments, appointments, inductions, plans, readings, registrations, objectives, delivered
interventions), the rules decide outcomes, timeliness and delivery, and the rows are written with
``COPY`` on PostgreSQL (``bulk_create`` in batches elsewhere). No query is made per case.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.db import connection
from django.db.models import Min, Q
from django.utils import timezone

from desist.allocation.models import Assignment
from desist.appointments.models import Appointment
from desist.assessment.models import Reading
from desist.compliance.models import Breach, EnforcementAction
from desist.induction.models import InductionBooking
from desist.interventions.models import Referral
from desist.people.models import Person, Registration
from desist.planning.models import Objective, Plan
from desist.resettlement.models import CustodyCase
from desist.rules import insight as rules
from desist.rules import timescales
from desist.rules import unpaid_work as upw_rules
from desist.rules.errors import RuleInputError
from desist.rules.selfassessment import OBJECTIVE_THRESHOLD
from desist.sentences.models import Requirement, Sentence
from desist.unpaid_work.choices import ProjectType
from desist.unpaid_work.models import Adjustment as UpwAdjustment
from desist.unpaid_work.models import Attendance

from .choices import age_group
from .models import CaseFact, NeedFact, TimelinessFact

BREACH_KINDS = ("breach", "recall_request", "breach_to_magistrates")
BATCH = 2000

try:  # PostgreSQL's COPY (the psycopg driver); SQLite uses bulk_create
    from psycopg import sql
except ImportError:  # pragma: no cover
    sql = None
COMMUNITY = ("community_order", "sso")


def _day(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _chunks(provider_id: int, size: int) -> Iterator[tuple[int, int]]:
    ids = Person.objects.filter(provider_id=provider_id).order_by("pk").values_list("pk", flat=True)
    batch: list[int] = []
    for pk in ids.iterator(chunk_size=10_000):
        batch.append(pk)
        if len(batch) == size:
            yield batch[0], batch[-1]
            batch = []
    if batch:
        yield batch[0], batch[-1]


def _sentence_end(s: dict) -> dt.date:
    if s["type"] == "licence" and s["licence_end_date"]:
        return s["licence_end_date"]
    if s["type"] == "pss" and s["pss_end_date"]:
        return s["pss_end_date"]
    return s["expected_end_date"]


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").split())


def _chunk_sources(provider_id: int, lo: int, hi: int) -> tuple:
    """Everything the facts of people ``lo``..``hi`` are built from: one bulk query each."""
    rng = {"person_id__gte": lo, "person_id__lte": hi}
    people = list(Person.objects.filter(provider_id=provider_id, pk__gte=lo, pk__lte=hi)
                  .values("pk", "crn", "team_id", "team__venue_id", "lmc__venue_id",
                          "responsible_officer__grade", "band", "tier", "gender", "ethnicity",
                          "religion", "disability", "date_of_birth", "restricted",
                          "arrived_on", "created_at"))
    sentences: dict[int, dict] = {}
    for s in (Sentence.objects.filter(**rng).order_by("person_id", "-sentence_date", "-pk")
              .values("pk", "person_id", "type", "sentence_date", "start_date",
                      "expected_end_date",
                      "release_date", "licence_end_date", "pss_end_date",
                      "terminated_on")):
        sentences.setdefault(s["person_id"], s)
    upw_hours: dict[int, list[tuple[int, dt.date | None]]] = defaultdict(list)
    for r in (Requirement.objects.filter(type="upw", sentence__person_id__gte=lo,
                                         sentence__person_id__lte=hi)
              .order_by("pk").values("sentence_id", "upw_hours", "end_date")):
        upw_hours[r["sentence_id"]].append((r["upw_hours"] or 0, r["end_date"]))
    upw_credits = _upw_credits(lo, hi)
    custody = {}  # the latest resettlement plan deadline of each person in custody (§13)
    for c in (CustodyCase.objects.filter(**rng).order_by("person_id", "plan_due_on", "pk")
              .values("person_id", "plan_due_on", "plan_completed_on")):
        custody[c["person_id"]] = (c["plan_due_on"], c["plan_completed_on"])
    bad_outcomes: dict[int, set[str]] = defaultdict(set)
    for pid, outcome in (Breach.objects.filter(outcome__in=rules.UNSUCCESSFUL_BREACH_OUTCOMES,
                                               **rng).values_list("person_id", "outcome")):
        bad_outcomes[pid].add(outcome)
    actions: dict[int, list[dict]] = defaultdict(list)
    for a in (EnforcementAction.objects.filter(**rng).order_by("on", "pk")
              .values("person_id", "kind", "on", "due_on", "done_on")):
        actions[a["person_id"]].append(a)
    assigned = dict(Assignment.objects.filter(**rng).values("person_id")
                    .annotate(first=Min("decided_at")).values_list("person_id", "first"))
    first_seen = dict(Appointment.objects.filter(kind__in=("officer", "induction"), **rng)
                      .exclude(outcome="rescheduled").values("person_id")
                      .annotate(first=Min("starts_at")).values_list("person_id", "first"))
    inducted = dict(InductionBooking.objects.filter(**rng).values("person_id")
                    .annotate(first=Min("booked_for")).values_list("person_id", "first"))
    plans: dict[int, list[dict]] = defaultdict(list)
    for p in (Plan.objects.filter(**rng).order_by("person_id", "started_on", "pk")
              .values("person_id", "started_on", "due_on", "completed_at", "reviewed_at")):
        plans[p["person_id"]].append(p)
    readings: dict[int, dict] = {}
    for r in (Reading.objects.filter(status="approved", **rng)
              .order_by("person_id", "-taken_on", "-pk").values("person_id", "scores")):
        readings.setdefault(r["person_id"], r["scores"])
    flags: dict[int, set[str]] = defaultdict(set)
    for pid, kind in (Registration.objects.filter(end_date__isnull=True, **rng)
                      .values_list("person_id", "type")):
        flags[pid].add(kind)
    addressed_areas: dict[int, set[str]] = defaultdict(set)
    addressed_risks: dict[int, list[str]] = defaultdict(list)
    for pid, kind, area, risk in (Objective.objects.filter(plan__person_id__gte=lo,
                                                           plan__person_id__lte=hi)
                                  .values_list("plan__person_id", "need_kind", "area_code",
                                               "risk_factor")):
        if kind == "area":
            addressed_areas[pid].add(area)
        else:
            addressed_risks[pid].append(_normal(risk))
    delivered = defaultdict(int)
    for pid in (Referral.objects.filter(Q(status="completed")
                                        | Q(status="started", sessions_attended__gt=0), **rng)
                .values_list("person_id", flat=True)):
        delivered[pid] += 1
    return (people, sentences, upw_hours, upw_credits, custody, bad_outcomes, actions, assigned, first_seen,
            inducted, plans, readings, flags, addressed_areas, addressed_risks, delivered)


def build(provider_id: int, today: dt.date, *, chunk_size: int = 5000) -> dict[str, int]:
    """Delete and rebuild the provider's facts; the caller holds the transaction."""
    from desist.people.choices import RegistrationType

    CaseFact.objects.filter(provider_id=provider_id).delete()
    TimelinessFact.objects.filter(provider_id=provider_id).delete()
    NeedFact.objects.filter(provider_id=provider_id).delete()
    calendar = timescales.DEFAULT_CALENDAR
    reg_labels = {code: _normal(str(label)) for code, label in RegistrationType.choices}
    counts = {"cases": 0, "timeliness": 0, "needs": 0}
    for lo, hi in _chunks(provider_id, chunk_size):
        (people, sentences, upw_hours, upw_credits, custody, bad_outcomes, actions, assigned, first_seen,
         inducted, plans, readings, flags, addressed_areas, addressed_risks,
         delivered) = _chunk_sources(provider_id, lo, hi)

        cases, steps, needs = [], [], []
        for p in people:
            pid = p["pk"]
            venue_id = p["team__venue_id"] or p["lmc__venue_id"]
            where = {"person_id": pid, "crn": p["crn"], "provider_id": provider_id,
                     "venue_id": venue_id}
            grade = p["responsible_officer__grade"] or ""
            s = sentences.get(pid)
            fact = {
                **where, "team_id": p["team_id"], "grade": grade, "band": p["band"],
                "gender": p["gender"], "ethnicity": p["ethnicity"], "religion": p["religion"],
                "disability": p["disability"],
                "age_group": age_group(_age(p["date_of_birth"], today)),
                "restricted": p["restricted"], "sentence_kind": s["type"] if s else "",
                "outcome": rules.ONGOING, "ended_on": None, "upw_due_on": None,
                "upw_completed": None, "resettlement_due_on": None, "resettlement_on_time": None,
            }
            acts = actions.get(pid, [])
            fact["enforced"] = bool(acts)
            fact["breached"] = any(a["kind"] in ("breach", "breach_to_magistrates")
                                   for a in acts)
            fact["recalled"] = any(a["kind"] == "recall_request" for a in acts)
            step_where = {**where, "team_id": p["team_id"], "grade": grade,
                          "restricted": p["restricted"]}

            def step(measure, start, due, done, step_where=step_where, steps=steps):
                t = rules.timeliness(measure, start, due, done, today, calendar)
                steps.append({**step_where, "measure": measure, "start": start, "due": due,
                              "done": done, "status": t.status,
                              "working_days": t.working_days})

            if s:
                end = _sentence_end(s)
                if s["type"] != "custody":
                    outcome = rules.sentence_outcome(
                        end=end, terminated_on=s["terminated_on"],
                        breach_outcomes=bad_outcomes.get(pid, ()), today=today)
                    fact["outcome"], fact["ended_on"] = outcome.outcome, outcome.ended_on
                if s["pk"] in upw_hours:
                    fact.update(_upw_fact(s, upw_hours[s["pk"]], end, fact["ended_on"],
                                          upw_credits.get(pid, ((), ())), today))
                from_release = s["type"] in ("licence", "pss") and s["release_date"] is not None
                start = s["release_date"] if from_release else s["start_date"]
                person_plans = plans.get(pid, [])
                first_done = next((_day(x["completed_at"]) for x in person_plans
                                   if x["completed_at"]), None)
                plan_due = timescales.initial_plan_deadline(start, holidays=calendar).due
                fact.update(_resettlement_fact(custody.get(pid), today))
                arrived = p["arrived_on"] or s["start_date"]
                step("assignment", arrived,
                     timescales.assignment_deadline(arrived, holidays=calendar).due,
                     _day(assigned.get(pid)))
                if s["type"] != "custody" or from_release:
                    due = timescales.first_appointment_deadline(
                        start, from_release=from_release, holidays=calendar).due
                    step("first_appointment", start, due, _day(first_seen.get(pid)))
                    step("induction", start, due, _day(inducted.get(pid)))
                step("plan", start, plan_due, first_done)
                if first_done:
                    review_due = timescales.review_deadline(first_done, holidays=calendar).due
                    later = [d for x in person_plans for d in
                             (_day(x["reviewed_at"]), _day(x["completed_at"]))
                             if d is not None and d > first_done]
                    step("review", first_done, review_due, min(later) if later else None)
            for a in acts:
                if a["kind"] in BREACH_KINDS:
                    step("breach_action", a["on"], a["due_on"], a["done_on"])
            cases.append(fact)

            need_where = {**where, "gender": p["gender"], "band": p["band"],
                          "tier": p["tier"], "restricted": p["restricted"]}
            n_delivered = delivered.get(pid, 0)
            scores = readings.get(pid) or {}
            for area, score in sorted(scores.items()):
                if isinstance(score, int) and score <= OBJECTIVE_THRESHOLD:
                    result = rules.need_delivered(
                        addressed_in_plan=area in addressed_areas.get(pid, ()),
                        interventions_delivered=n_delivered)
                    needs.append({**need_where, "kind": "area", "code": area,
                                  "delivered": result.delivered})
            for flag in sorted(flags.get(pid, ())):
                label = reg_labels.get(flag, _normal(flag))
                addressed = any(flag.replace("_", " ") in text or label in text
                                for text in addressed_risks.get(pid, ()))
                result = rules.need_delivered(addressed_in_plan=addressed,
                                              interventions_delivered=n_delivered)
                needs.append({**need_where, "kind": "risk_factor", "code": flag,
                                  "delivered": result.delivered})
        _write(CaseFact, cases)
        _write(TimelinessFact, steps)
        _write(NeedFact, needs)
        counts["cases"] += len(cases)
        counts["timeliness"] += len(steps)
        counts["needs"] += len(needs)
    return counts


def _write(model, rows: list[dict]) -> None:
    """Write rows (dicts of column values, all with the same keys): by COPY on PostgreSQL (the
    ORM's per-field preparation was most of a refresh's time), else ``bulk_create`` in batches."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**row) for row in rows], batch_size=BATCH)
        return
    columns = list(rows[0])
    with connection.cursor() as wrapper:
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(model._meta.db_table),
            sql.SQL(", ").join(sql.Identifier(c) for c in columns))
        with wrapper.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])


def _upw_credits(lo: int, hi: int) -> dict[int, tuple[tuple, tuple]]:
    """Each person's unpaid work sessions and adjustments, as the UPW ledger takes them (§12)."""
    sessions: dict[int, list] = defaultdict(list)
    for pid, on, outcome, worked, penalty, kind in (
            Attendance.objects.filter(placement__person_id__gte=lo, placement__person_id__lte=hi)
            .exclude(outcome="").values_list(
                "placement__person_id", "placement__session__on", "outcome", "minutes_worked",
                "penalty_minutes", "placement__session__project__type")):
        sessions[pid].append(upw_rules.SessionCredit(on=on, outcome=outcome,
                                                     minutes_worked=worked,
                                                     penalty_minutes=penalty,
                                                     ete=kind == ProjectType.ETE))
    adjustments: dict[int, list] = defaultdict(list)
    for pid, on, reason, minutes in (UpwAdjustment.objects.filter(person_id__gte=lo,
                                                                  person_id__lte=hi)
                                     .values_list("person_id", "on", "reason", "minutes")):
        adjustments[pid].append(upw_rules.Adjustment(on=on, reason=reason, minutes=minutes))
    return {pid: (tuple(sessions.get(pid, ())), tuple(adjustments.get(pid, ())))
            for pid in set(sessions) | set(adjustments)}


def _upw_fact(s: dict, requirements: list, end: dt.date, ended_on: dt.date | None,
              credits: tuple[tuple, tuple], today: dt.date) -> dict:
    """Unpaid work due (the requirement's end, or the sentence's if earlier ended) and whether
    the UPW ledger credited every hour ordered by then: sessions attended less penalties,
    adjustments, the ETE cap (``rules.unpaid_work.ledger``, §12)."""
    due = max((req_end or end) for _hours, req_end in requirements)
    if ended_on and ended_on < due:
        due = ended_on
    if due > today:
        return {}
    sessions, adjustments = credits
    try:
        ledger = upw_rules.ledger(upw_rules.LedgerInput(
            hours_ordered=tuple(hours for hours, _end in requirements),
            sentence_date=s["sentence_date"], as_of=max(due, s["sentence_date"]),
            sessions=tuple(x for x in sessions if x.on <= due),
            adjustments=tuple(a for a in adjustments if a.on <= due)))
    except RuleInputError:  # hours outside 40-300 (an old record): not a valid requirement
        return {}
    return {"upw_due_on": due, "upw_completed": ledger.complete}


def _resettlement_fact(case: tuple | None, today: dt.date) -> dict:
    """The resettlement plan of a custody case (§13): counted once done or past its due date."""
    if case is None:
        return {}
    due, done = case
    if done is None and due >= today:
        return {}
    return {"resettlement_due_on": due,
            "resettlement_on_time": done is not None and done <= due}


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
