"""Demo: Through the Gate records for the generated custody caseload (§13), so the resettlement
service level and the insight "plans on time" figure are measured on believable cases.

Every generated custody sentence with a release date gets a custody case at the stage its dates
call for: awaiting screening (received this week, or a few overdue: at least one), screened and planning,
plan completed on time (most), late, or not yet completed past its due date; and people
released on licence in the last eight weeks get a released case with the hand-over done.
Deterministic (the stage follows the sentence id), idempotent (only people with no custody case
are seeded) and quick: a handful of bulk inserts whatever the caseload (demo data, like the
generator's rows, is written in bulk rather than through the per-case services and their audit
events).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from desist.rules import resettlement as rules
from desist.sentences.models import Sentence

from .choices import Pathway, PathwayStatus
from .models import AssessmentResponse, CustodyCase, PathwayChange, ResettlementPathway
from .services import config, current_version, ensure_default_versions

D = dt.timedelta
RELEASED_WITHIN = D(weeks=8)
PRISONS = ("HMP Northumberland", "HMP Durham", "HMP Holme House", "HMP Low Newton")
RISK_TEXT = ("Risk of harm addressed in the licence conditions and the community risk "
             "management plan (demo).")
ANSWERS = {"accommodation": "family", "uses_drugs": "no", "alcohol": "no",
           "mental_health": "no", "gp": "yes", "bank_account": "yes", "id_documents": "yes",
           "debt": "no", "work": "no", "family": "no"}


def _share(pk: int, salt: int = 0) -> float:
    """A stable number in [0, 1) for this record (the demo is the same on every run)."""
    return ((pk * 2654435761 + salt * 40503) % 1000) / 1000


def _stage(s: Sentence, today: dt.date, cfg) -> dict:
    """The dates of the custody case for this sentence, at the stage its dates call for."""
    reception = s.start_date if s.type == "custody" else s.sentence_date
    release = s.release_date
    screening_due = rules.screening_deadline(reception, config=cfg).due
    plan_due = rules.plan_deadline(release, config=cfg).due
    handover = s.person.pass_to_lmc_on or rules.handover_date(
        release, rotl_hdc_request=s.person.rotl_hdc_requested_on).on
    roll = _share(s.pk)
    row = {"reception_on": reception, "release_on": release, "screening_due_on": screening_due,
           "plan_due_on": plan_due, "handover_on": handover, "screened_on": None,
           "plan_completed_on": None, "released_on": None, "risk_section": ""}
    overdue = s.type == "custody" and roll > 0.97  # a few never screened (F12)
    if (today > screening_due and not overdue) or roll < 0.6:  # screened: mostly on time
        late = roll > 0.93
        screened = screening_due + D(days=3) if late else reception + D(days=1 + int(roll * 3))
        row["screened_on"] = min(screened, today)
    if row["screened_on"] is None:
        return row
    completed = None
    if plan_due < today or s.type != "custody":
        if roll < 0.86:  # on time: a few days to three weeks before the due date
            completed = plan_due - D(days=int(_share(s.pk, 1) * 21))
        elif roll < 0.95 or s.type != "custody":  # late (a released case was completed)
            completed = plan_due + D(days=1 + int(_share(s.pk, 2) * 6))
        # else: not completed, overdue
    elif release - today <= D(weeks=10) and roll < 0.5:  # finished early
        completed = plan_due - D(days=7 + int(_share(s.pk, 1) * 14))
    if completed is not None:
        completed = max(min(completed, today), row["screened_on"])
        row["plan_completed_on"] = completed
        row["risk_section"] = RISK_TEXT
    if s.type != "custody":  # released on licence: the hand-over was done by release day
        row["released_on"] = release
        row["handover_on"] = min(handover, release)
    return row


def _pathway_statuses(pk: int, row: dict) -> list[str]:
    if row["plan_completed_on"]:
        return ["done" if _share(pk, i + 3) < 0.6 else "not_required" for i in range(7)]
    if row["screened_on"]:
        options = ("in_progress", "in_progress", "not_required", "done", "not_started")
        return [options[int(_share(pk, i + 3) * len(options))] for i in range(7)]
    return ["not_started"] * 7


def _one_never_screened(cases: list[CustodyCase]) -> None:
    """At least one custody case is left unscreened past its deadline (F12), however the shares
    fell: the demo shows the overdue screening whatever the caseload's size or sentence ids."""
    custody = [c for c in cases if c.sentence.type == "custody"]
    if not custody or any(c.screened_on is None for c in custody):
        return
    case = max(custody, key=lambda c: _share(c.sentence_id))
    case.screened_on = case.plan_completed_on = None
    case.risk_section = ""


def seed_caseload(provider, today: dt.date, *, user=None) -> int:
    """Custody cases for the provider's custody sentences (and recent releases on licence) that
    have none. Returns how many were added."""
    cfg = config()
    ensure_default_versions(acting_user="desist demo")
    screening = current_version("screening")
    recent = Q(type="licence", release_date__lte=today,
               release_date__gte=today - RELEASED_WITHIN)
    sentences = (Sentence.objects.filter(person__provider=provider, release_date__isnull=False)
                 .filter(Q(type="custody", release_date__gt=today) | recent)
                 .exclude(person__custody_cases__isnull=False)
                 .select_related("person").order_by("person_id", "-sentence_date", "-pk"))
    seen, cases = set(), []
    for s in sentences:
        if s.person_id in seen or s.sentence_date is None or s.start_date is None:
            continue
        seen.add(s.person_id)
        row = _stage(s, today, cfg)
        if row["release_on"] <= row["reception_on"]:
            continue
        cases.append(CustodyCase(provider=provider, person=s.person, sentence=s,
                                 prison=PRISONS[s.pk % len(PRISONS)], **row))
    _one_never_screened(cases)
    CustodyCase.objects.bulk_create(cases, batch_size=1000)
    cases = list(CustodyCase.objects.filter(sentence__in=[c.sentence for c in cases])
                 .order_by("pk"))
    pathways, changes, responses = [], [], []
    for case in cases:
        row = {"screened_on": case.screened_on, "plan_completed_on": case.plan_completed_on}
        for value, status in zip(Pathway.values, _pathway_statuses(case.sentence_id, row),
                                 strict=True):
            pathways.append(ResettlementPathway(case=case, pathway=value, status=status))
        if case.screened_on and screening is not None:
            responses.append(AssessmentResponse(case=case, version=screening, answers=ANSWERS,
                                                recorded_on=case.screened_on, recorded_by=user))
    ResettlementPathway.objects.bulk_create(pathways, batch_size=2000)
    for p in ResettlementPathway.objects.filter(case__in=cases).exclude(
            status=PathwayStatus.NOT_STARTED):
        changes.append(PathwayChange(pathway=p, from_status=PathwayStatus.NOT_STARTED,
                                     to_status=p.status, by=user, note="Demo"))
    PathwayChange.objects.bulk_create(changes, batch_size=2000)
    AssessmentResponse.objects.bulk_create(responses, batch_size=1000)
    return len(cases)
