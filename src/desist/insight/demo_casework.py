"""Demo: the casework history behind the remaining insight figures (§5, §8, §11, §14, §17).

``insight/demo.py`` records the assignment and first appointment of the generated cases; this
module records, for the same cases (generated, not claimed or shaped by a showcase), with
timing drawn from a fixed seed:

- **ended supervision**: before any history is drawn, a few licence and post-sentence
  supervision cases are moved back in time so that their supervision ended in the last year
  (the person is no longer active). The generator's licences have all still to run, so without
  these the licence / PSS completion figure would be "not measured";
- the **induction** (a suitability screen, the booking and the attended induction appointment,
  on or after the first appointment: most within the 5 working days, §5) and the **initial
  sentence plan** (most completed within 15 working days, §8; a few still in draft past their
  due date), its **objectives** (the areas the approved self-assessment scored 7 or below and
  the open risk factors, most of them addressed) and its **first review** (§14);
- **enforcement** (§11): unacceptable absences from an officer appointment, each with its
  decision: a warning, or for a second failure breach proceedings (a recall request on
  licence, the magistrates' court for PSS), with the court's outcome: some orders revoked and
  some licences recalled, so completion is not 100%.

Records only (``Person`` and ``Sentence`` dates for the ended cases; ``InductionScreen``,
``InductionBooking``, ``Appointment``, ``Plan``, ``Objective``, ``Absence``,
``EnforcementAction``, ``Breach``), written with bulk inserts, never a figure. A re-run adds
nothing: the screens carry :data:`MARKER`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.db.models import Min
from django.utils import timezone

from desist.allocation.models import Assignment
from desist.appointments.models import Appointment
from desist.assessment.models import Reading
from desist.compliance.models import Absence, Breach, EnforcementAction
from desist.induction.models import InductionBooking, InductionScreen
from desist.interventions.models import Referral
from desist.organisation.models import Provider
from desist.people.choices import RegistrationType
from desist.people.models import Person, Registration
from desist.planning.models import Objective, Plan
from desist.resettlement.models import CustodyCase
from desist.reviews.models import Review
from desist.rules import reviews as review_rules
from desist.rules import timescales
from desist.rules.selfassessment import OBJECTIVE_THRESHOLD
from desist.seeding import CLAIMED
from desist.sentences.models import Requirement, Sentence

ARRIVAL = "Recorded at arrival (demo history)"  # insight/demo.py's assignments
MARKER = "Recorded at induction (demo history)"
SEED = 1917
REASONS = [{"code": "demo_history", "section": "operating-model.md §5", "text": MARKER}]
CAL = timescales.DEFAULT_CALENDAR
# Share of generated licence / PSS cases whose supervision ended in the last year.
ENDED_SHARE = 0.08
# Working days from the first appointment to the induction (≈ 80% within the 5 from the start).
INDUCTION_AFTER = ((0, 88), (1, 5), (2, 3), (4, 2), (8, 2))
# Working days from the start to the plan's completion (≈ 82% within 15); 0 = never completed.
PLAN_DONE = ((5, 12), (7, 16), (9, 18), (11, 16), (13, 12), (15, 10), (17, 6), (20, 4),
             (25, 3), (0, 3))
# Working days from the review's due date to the review (negative: early; 0 = on the day).
REVIEW_DELAY = ((-10, 25), (-5, 25), (0, 30), (3, 10), (8, 7), (20, 3))
# Days from a §14 review's due date to the review (the cycle after the plan): most on time or
# early, a few late; and the share of active cases whose latest review is not yet done, so the
# overdue-review lists show a handful of cases, not every case the generator never reviewed.
CYCLE_DELAY = ((-14, 30), (-7, 30), (0, 25), (5, 10), (12, 5))
REVIEW_OUTSTANDING = 0.03
ADDRESSED = 0.85  # share of low-scored areas and risk factors the plan addresses
# Enforcement per eligible case: an unacceptable absence and warning, then a breach.
WARNED = 0.08
BREACHED = {"community_order": 0.02, "sso": 0.02, "licence": 0.022, "pss": 0.015}
BREACH_FOR = {"community_order": "breach", "sso": "breach", "licence": "recall_request",
              "pss": "breach_to_magistrates"}
# The court's outcome of a breach taken to court, by kind (weights).
OUTCOMES = {"breach": (("accepted", 45), ("varied", 30), ("revoked", 25)),
            "recall_request": (("recalled", 85), ("withdrawn", 15)),
            "breach_to_magistrates": (("accepted", 60), ("varied", 40))}
CLOSED_REVOKED = 0.15  # share of the generator's closed orders revoked before their end


def _draw(rng: random.Random, table) -> int:
    roll = rng.random() * sum(w for _, w in table)
    for value, weight in table:
        roll -= weight
        if roll < 0:
            return value
    return table[-1][0]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _shift(s: dict, days: int) -> dict:
    back = dt.timedelta(days=days)
    return {k: (v - back if isinstance(v, dt.date) else v) for k, v in s.items()}


def end_some_supervision(provider: Provider, today: dt.date) -> int:
    """Move a few untouched licence / PSS cases back so their supervision ended (§17)."""
    touched: set[int] = set()
    for model in (Assignment, Appointment, Referral, CustodyCase, Plan, InductionBooking,
                  EnforcementAction):
        touched |= set(model.objects.filter(person__provider=provider)
                       .values_list("person_id", flat=True))
    latest: dict[int, dict] = {}
    for s in (Sentence.objects.filter(person__provider=provider).order_by(
            "person_id", "-sentence_date", "-pk").values(
            "pk", "person_id", "type", "sentence_date", "start_date", "expected_end_date",
            "release_date", "licence_end_date", "pss_end_date")):
        latest.setdefault(s["person_id"], s)
    rng = random.Random(SEED)
    sentences, people, shifts = [], [], {}
    for p in (Person.objects.filter(provider=provider, active=True,
                                    responsible_officer__isnull=False)
              .order_by("pk").only("pk", "crn", "arrived_on", "active")):
        s = latest.get(p.pk)
        if s is None or s["type"] not in ("licence", "pss") or rng.random() >= ENDED_SHARE:
            continue
        if p.pk in touched or p.crn in CLAIMED or s["release_date"] is None:
            continue
        ended = today - dt.timedelta(days=10 + rng.randrange(300))
        days = (s["expected_end_date"] - ended).days
        sentences.append(Sentence(**{k: v for k, v in _shift(s, days).items() if k != "type"}))
        if p.arrived_on:
            p.arrived_on -= dt.timedelta(days=days)
        p.active = False
        people.append(p)
        shifts[s["pk"]] = days
    fields = ["sentence_date", "start_date", "expected_end_date", "release_date",
              "licence_end_date", "pss_end_date"]
    Sentence.objects.bulk_update(sentences, fields, batch_size=2000)
    Person.objects.bulk_update(people, ["arrived_on", "active"], batch_size=2000)
    requirements = list(Requirement.objects.filter(sentence_id__in=shifts))
    for r in requirements:
        back = dt.timedelta(days=shifts[r.sentence_id])
        r.start_date = r.start_date and r.start_date - back
        r.end_date = r.end_date and r.end_date - back
    Requirement.objects.bulk_update(requirements, ["start_date", "end_date"], batch_size=2000)
    return len(people)


def _cases(provider: Provider) -> list[dict]:
    """The cases ``insight/demo.py`` gave a history: generated, unclaimed, not otherwise shaped."""
    shaped: set[int] = set()
    for model in (Plan, InductionBooking, InductionScreen, EnforcementAction, Absence):
        shaped |= set(model.objects.filter(person__provider=provider)
                      .values_list("person_id", flat=True))
    history = set(Assignment.objects.filter(person__provider=provider, reason=ARRIVAL)
                  .values_list("person_id", flat=True))
    seen = dict(Appointment.objects.filter(provider=provider, kind="officer",
                                           outcome="attended", person_id__in=history)
                .values("person_id").annotate(first=Min("starts_at"))
                .values_list("person_id", "first"))
    latest: dict[int, dict] = {}
    for s in (Sentence.objects.filter(person__provider=provider).order_by(
            "person_id", "-sentence_date", "-pk").values(
            "pk", "person_id", "type", "start_date", "release_date", "expected_end_date",
            "licence_end_date", "pss_end_date")):
        latest.setdefault(s["person_id"], s)
    cases = []
    for p in (Person.objects.filter(provider=provider, pk__in=history).order_by("pk")
              .values("pk", "crn", "date_of_birth", "responsible_officer_id", "active", "band",
                      "rosh", "responsible_officer__user_id",
                      "team__venue_id", "lmc__venue_id", "team__venue__name")):
        s = latest.get(p["pk"])
        if s is None or p["pk"] in shaped or p["crn"] in CLAIMED:
            continue
        released = s["type"] in ("licence", "pss") and s["release_date"] is not None
        in_custody = s["type"] == "custody" and not released
        if p["pk"] not in seen and not in_custody:
            continue  # not seen yet: nothing after the first appointment has happened
        # In custody: the plan only (the induction and enforcement follow release).
        cases.append({**p, "sentence": s, "seen": None if in_custody else seen[p["pk"]].date(),
                      "start": s["release_date"] if released else s["start_date"]})
    return cases


def _induction(rng, c, today, rows) -> None:
    if c["seen"] is None:
        return
    day = CAL.add_working_days(c["seen"], _draw(rng, INDUCTION_AFTER))
    if day >= today:
        return
    age = today.year - c["date_of_birth"].year
    individual = rng.random() < 0.3
    mode = "individual" if individual else "group"
    rows["screens"].append(InductionScreen(
        person_id=c["pk"], literacy_needs=False, numeracy_needs=False, learning_disability=False,
        anxiety_or_vulnerability=individual, age=age, interpreter_needed=False,
        domestic_abuse_perpetrator=False, domestic_abuse_victim=False,
        disability_or_access_needs=False, work_clashes_with_group_times=False, mode=mode,
        reasons=REASONS,
        recorded_by_id=c["responsible_officer_id"]))
    venue = c["team__venue_id"] or c["lmc__venue_id"]
    rows["appointments"].append(Appointment(
        provider_id=c["provider_id"], person_id=c["pk"], officer_id=c["responsible_officer_id"],
        kind="induction", starts_at=_at(day, 14), ends_at=_at(day, 15), rar_activity=False,
        outcome="attended", venue_id=venue))
    rows["bookings"].append(InductionBooking(
        person_id=c["pk"], mode=mode, booked_for=_at(day, 14),
        place=c["team__venue__name"] or "Probation office",
        booked_by_id=c["responsible_officer_id"]))


def _plan(rng, c, today, needs, rows) -> None:
    start, officer = c["start"], c["responsible_officer_id"]
    due = timescales.initial_plan_deadline(start, holidays=CAL).due
    started = max(c["seen"] or start, start)
    if started >= today:
        return
    after = _draw(rng, PLAN_DONE)
    done = CAL.add_working_days(start, after) if after else None
    if done is not None and done >= today:
        done = None
    plan = Plan(person_id=c["pk"], started_on=started, due_on=due, created_by_id=officer,
                status="complete" if done else "draft")
    if done:
        plan.completed_at, plan.completed_by_id = _at(done, 16), officer
        plan.person_agreed, plan.agreed_on = True, done
        review_due = timescales.review_deadline(done, holidays=CAL).due
        delay = _draw(rng, REVIEW_DELAY)
        reviewed = (CAL.add_working_days(review_due, delay) if delay >= 0
                    else review_due - dt.timedelta(days=-delay * 7 // 5))
        if reviewed < today and reviewed > done:
            plan.reviewed_at = _at(reviewed, 15)
    objectives = []
    areas, risks = needs
    target = (done or due) + dt.timedelta(days=120)
    for area in areas:
        if rng.random() < ADDRESSED:
            objectives.append(Objective(
                text=f"Work on {area.replace('_', ' ')} with the officer and the services",
                need_kind="area", area_code=area, services="Officer; partner services",
                target_date=target))
    for label in risks:
        if rng.random() < ADDRESSED:
            objectives.append(Objective(
                text=f"Reduce the risk: {label.lower()}", need_kind="risk_factor",
                risk_factor=label, services="Officer", target_date=target))
    rows["plans"].append((plan, objectives))


def _review_cycle(rng, c, today, rows) -> None:
    """The §14 reviews of an active case since its supervision began, at its band's interval
    (``rules.reviews``), each a little early or late; a few cases have their latest not yet
    done. Recorded by the case's officer: compliance good, risk unchanged."""
    if not c["active"]:
        return
    interval = dt.timedelta(days=review_rules.DEFAULT_REVIEWS.days_for(c["band"] or None))
    outstanding = rng.random() < REVIEW_OUTSTANDING
    last = c["start"]
    while True:
        reviewed = last + interval + dt.timedelta(days=_draw(rng, CYCLE_DELAY))
        if reviewed <= last:
            reviewed = last + dt.timedelta(days=1)
        if reviewed >= today or (outstanding and reviewed + interval >= today):
            return
        rows["reviews"].append(Review(
            provider_id=c["provider_id"], person_id=c["pk"], reviewed_on=reviewed,
            compliance="good", risk_change="same", rosh_before=c["rosh"] or "",
            rosh_after=c["rosh"] or "", no_open_risk_actions=True,
            recorded_by_id=c["responsible_officer__user_id"]))
        last = reviewed


def _enforce(rng, c, today, rows) -> None:
    """An unacceptable absence and a warning; for a few a second absence and breach action.
    On licence a serious failure goes straight to a recall request (§11)."""
    s = c["sentence"]
    if s["type"] not in BREACH_FOR or c["seen"] is None:
        return
    roll = rng.random()
    if roll >= WARNED:
        return
    first = c["seen"] + dt.timedelta(days=14)
    last = min(today, s["expected_end_date"]) - dt.timedelta(days=10)
    if first >= last:
        return
    span = (last - first).days
    kinds = ["warning"]
    failures = [first + dt.timedelta(days=rng.randrange(span))]
    escalate = roll < BREACHED.get(s["type"], 0)
    if escalate and s["type"] == "licence":
        kinds = ["recall_request"]
    elif escalate and span > 20:
        kinds.append(BREACH_FOR[s["type"]])
        failures.append(failures[0] + dt.timedelta(days=7 + rng.randrange(max(1, span // 2))))
    for kind, failed in zip(kinds, failures, strict=True):
        failed = CAL.add_working_days(failed, 0)
        if failed >= today - dt.timedelta(days=3):
            return
        decided = CAL.add_working_days(failed, 1 + (rng.random() < 0.2))
        deadline = {"warning": timescales.warning_deadline,
                    "recall_request": timescales.recall_request_deadline}.get(
            kind, timescales.breach_deadline)
        due = deadline(decided, holidays=CAL).due
        late = rng.random() < 0.15
        done = CAL.add_working_days(due, 2) if late else CAL.add_working_days(decided, 1)
        done = done if done < today else None
        rows["enforcement"].append((c, failed, decided, kind, due, done, None))


def _needs(provider: Provider, ids: set[int]) -> dict[int, tuple[list, list]]:
    areas: dict[int, list] = {}
    for pid, scores in (Reading.objects.filter(status="approved", person__provider=provider)
                        .order_by("person_id", "-taken_on", "-pk")
                        .values_list("person_id", "scores")):
        if pid in ids and pid not in areas:
            areas[pid] = sorted(a for a, v in (scores or {}).items()
                                if isinstance(v, int) and v <= OBJECTIVE_THRESHOLD)
    labels = dict(RegistrationType.choices)
    risks: dict[int, list] = defaultdict(list)
    for pid, kind in (Registration.objects.filter(person__provider=provider,
                                                  end_date__isnull=True)
                      .order_by("person_id", "type").values_list("person_id", "type")):
        if pid in ids:
            risks[pid].append(str(labels.get(kind, kind.replace("_", " "))))
    return {pid: (areas.get(pid, []), risks.get(pid, [])) for pid in ids}



def _write_enforcement(provider: Provider, rows: list, rng: random.Random,
                       today: dt.date) -> list[Breach]:
    """Each row: the case, the failure, the decision, the action, its due date, when done and
    the court's outcome (``None``: drawn)."""
    appointments = [Appointment(
        provider=provider, person_id=c["pk"], officer_id=c["responsible_officer_id"],
        kind="officer", starts_at=_at(failed, 11), ends_at=_at(failed, 11)
        + dt.timedelta(minutes=45), rar_activity=False, outcome="unacceptable_absence",
        venue_id=c["team__venue_id"] or c["lmc__venue_id"]) for c, failed, *_ in rows]
    Appointment.objects.bulk_create(appointments, batch_size=2000)
    absences = [Absence(
        provider=provider, person_id=c["pk"], appointment=appointment, failed_on=failed,
        status="unacceptable", decided_on=decided, action=kind,
        due_on=timescales.absence_decision_deadline(failed, holidays=CAL).due,
        evidence="No reason given (demo history)", reasons=[])
        for (c, failed, decided, kind, *_), appointment in zip(rows, appointments, strict=True)]
    Absence.objects.bulk_create(absences, batch_size=2000)
    actions = [EnforcementAction(provider=provider, person_id=c["pk"], absence=absence,
                                 kind=kind, on=decided, due_on=due, done_on=done, reasons=[])
               for (c, _f, decided, kind, due, done, _o), absence in zip(rows, absences,
                                                                        strict=True)]
    EnforcementAction.objects.bulk_create(actions, batch_size=2000)
    breaches = []
    for (_c, _f, decided, kind, _due, done, outcome), action in zip(rows, actions, strict=True):
        if kind == "warning":
            continue
        b = Breach(provider=provider, person_id=action.person_id, action=action, kind=kind,
                   started_on=decided, status="officer")
        if done is not None:
            b.status, b.submitted_on = "submitted", done
            heard = done + dt.timedelta(days=(2 + rng.randrange(8)) if kind == "recall_request"
                                        else 14 + rng.randrange(28))
            if heard < today:
                b.status, b.outcome_on = "closed", heard
                b.outcome = outcome or _draw(rng, OUTCOMES[kind])
        breaches.append(b)
    Breach.objects.bulk_create(breaches, batch_size=2000)
    return breaches


def _revocations(cases: list[dict], rng: random.Random) -> list[tuple]:
    """A few of the generator's closed orders were revoked before their end (§11, §17)."""
    rows = []
    for c in cases:
        s = c["sentence"]
        if c["active"] or s["type"] not in ("community_order", "sso"):
            continue
        if rng.random() >= CLOSED_REVOKED:
            continue
        failed = CAL.add_working_days(s["expected_end_date"] - dt.timedelta(days=100), 0)
        if failed <= c["seen"]:
            continue
        decided = CAL.add_working_days(failed, 1)
        due = timescales.breach_deadline(decided, holidays=CAL).due
        rows.append((c, failed, decided, "breach", due, CAL.add_working_days(decided, 2),
                     "revoked"))
    return rows


def seed_casework(provider: Provider, today: dt.date) -> dict[str, int]:
    """Inductions, plans, objectives, reviews and enforcement for the generated cases."""
    if InductionScreen.objects.filter(person__provider=provider, reasons=REASONS).exists():
        return {}
    rng = random.Random(SEED)
    cases = _cases(provider)
    needs = _needs(provider, {c["pk"] for c in cases})
    rows: dict[str, list] = {"screens": [], "appointments": [], "bookings": [], "plans": [], "reviews": [],
                             "enforcement": _revocations(cases, rng)}
    revoked = {r[0]["pk"] for r in rows["enforcement"]}
    enforcing = random.Random(SEED + 1)  # its own stream: the few breaches stay put
    reviewing = random.Random(SEED + 2)  # and the review cycle its own
    for c in cases:
        c["provider_id"] = provider.pk
        _induction(rng, c, today, rows)
        _plan(rng, c, today, needs[c["pk"]], rows)
        _review_cycle(reviewing, c, today, rows)
        if c["active"] and c["pk"] not in revoked:
            _enforce(enforcing, c, today, rows)
    InductionScreen.objects.bulk_create(rows["screens"], batch_size=2000)
    Appointment.objects.bulk_create(rows["appointments"], batch_size=2000)
    for booking, screen, appointment in zip(rows["bookings"], rows["screens"],
                                            rows["appointments"], strict=True):
        booking.screen, booking.appointment = screen, appointment
    InductionBooking.objects.bulk_create(rows["bookings"], batch_size=2000)
    plans = [plan for plan, _ in rows["plans"]]
    Plan.objects.bulk_create(plans, batch_size=2000)
    objectives = []
    for plan, items in rows["plans"]:
        for o in items:
            o.plan = plan
            objectives.append(o)
    Objective.objects.bulk_create(objectives, batch_size=2000)
    Review.objects.bulk_create(rows["reviews"], batch_size=2000)
    breaches = _write_enforcement(provider, rows["enforcement"], rng, today)
    return {"reviews": len(rows["reviews"]), "inductions": len(rows["bookings"]), "plans": len(plans),
            "objectives": len(objectives), "enforcement actions": len(rows["enforcement"]),
            "breaches": len(breaches),
            "orders revoked": sum(b.outcome == "revoked" for b in breaches),
            "recalls": sum(b.outcome == "recalled" for b in breaches)}
