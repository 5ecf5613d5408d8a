"""Reads for Through the Gate: the case tab, the release-day checklist, the service level, and
the person's own page (which shows nothing about risk or anyone else).

The reads that start from the user's case scope are in ``desist.scopes.resettlement`` (ADR 0017).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from desist.rules import resettlement as rules
from desist.rules.timescales import first_appointment_deadline
from desist.sentences.models import Sentence

from .choices import CLOSED_NEEDS, NEED_TYPES, ChecklistItem, NeedStatus, PathwayStatus
from .models import (
    AssessmentResponse,
    AssessmentVersion,
    ChecklistTick,
    CustodyCase,
    NeedUpdate,
    PathwayChange,
    ResettlementPathway,
    SupportNeed,
)
from .services import config, plan_facts


def custody_case_of(person) -> CustodyCase | None:
    """The person's current (latest) custody case; the person was fetched through access."""
    return (CustodyCase.objects.filter(person=person).order_by("-reception_on", "-pk")
            .prefetch_related(
                Prefetch("pathways", ResettlementPathway.objects.prefetch_related(
                    Prefetch("changes", PathwayChange.objects.select_related("by")))),
                Prefetch("needs", SupportNeed.objects.select_related(
                    "owner__user", "referral").prefetch_related(
                    Prefetch("updates", NeedUpdate.objects.select_related("by")))),
                Prefetch("responses", AssessmentResponse.objects.select_related(
                    "version", "recorded_by")),
                Prefetch("ticks", ChecklistTick.objects.select_related("by")))
            .first())


def _row_of(rows: QuerySet, posted: str | None, missing: str):
    """The row a form names by its id, among this case's rows: 404 for another case's row, an
    unknown id or one that is not a number."""
    found = rows.filter(pk=int(posted)).first() if posted and posted.isdigit() else None
    if found is None:
        raise Http404(missing)
    return found


def pathway_of(case: CustodyCase, posted: str | None) -> ResettlementPathway:
    return _row_of(case.pathways.all(), posted, "No such pathway.")


def need_of(case: CustodyCase, posted: str | None) -> SupportNeed:
    return _row_of(case.needs.all(), posted, "No such support need.")


def owners(person) -> list:
    """Staff of the case's provider who may own a support need (not partner caseworkers)."""
    from desist.organisation.models import Staff

    return list(Staff.objects.filter(provider_id=person.provider_id, active=True,
                                     partner__isnull=True).select_related("user")
                .order_by("user__last_name")[:200])


def partner_services(user) -> list:
    """The partner services a need may be referred to: the user's referable catalogue (§9),
    those a partner delivers."""
    from desist.interventions.selectors import referable_services

    return list(referable_services(user).filter(partner__isnull=False))


def referable_needs(case: CustodyCase) -> list[SupportNeed]:
    """The case's open support needs not yet referred."""
    return [n for n in case.needs.all() if n.status not in CLOSED_NEEDS and not n.referral_id]


def sentences_to_open(person) -> list[Sentence]:
    """Custodial sentences with a release date and no resettlement started."""
    return list(Sentence.objects.filter(person=person, type="custody", release_date__isnull=False,
                                        custody_cases__isnull=True).order_by("-sentence_date"))


def current_version(kind: str) -> AssessmentVersion | None:
    return AssessmentVersion.objects.filter(kind=kind).order_by("-number").first()


def versions() -> list[AssessmentVersion]:
    return list(AssessmentVersion.objects.select_related("loaded_by").order_by("kind", "-number"))


def community_plan(person):
    """The community sentence plan's risk management plan, if there is one (§7, §8)."""
    from desist.planning.models import Plan

    return Plan.objects.filter(person=person).select_related("rmp").order_by("-pk").first()


def checklist(case: CustodyCase, today: dt.date) -> list[dict]:
    """The release-day checklist: the latest tick per item; the first appointment is read from
    the case's appointments (booked within the §3 timescale from release)."""
    latest: dict[str, ChecklistTick] = {}
    for tick in case.ticks.all():  # newest first
        latest.setdefault(tick.item, tick)
    rows = []
    deadline = first_appointment_deadline(case.release_on, from_release=True)
    first = next_appointment(case.person, after=case.release_on)
    for value, label in ChecklistItem.choices:
        tick = latest.get(value)
        done = bool(tick and tick.done)
        note = tick.note if tick else ""
        if value == ChecklistItem.FIRST_APPOINTMENT:
            done = first is not None and timezone.localtime(first.starts_at).date() <= deadline.due
            note = deadline.reasons[0].text
        rows.append({"item": value, "label": label, "done": done, "note": note, "tick": tick,
                     "derived": value == ChecklistItem.FIRST_APPOINTMENT})
    return rows


def next_appointment(person, *, after: dt.date | None = None):
    from desist.appointments.models import Appointment

    start = timezone.make_aware(dt.datetime.combine(after, dt.time())) if after else timezone.now()
    return (Appointment.objects.filter(person=person, starts_at__gte=start, outcome="",
                                       rescheduled_to__isnull=True)
            .select_related("venue", "officer__user").order_by("starts_at").first())


def case_page(case: CustodyCase, today: dt.date) -> dict:
    """Everything the resettlement tab shows, with the rules core's view of it."""
    cfg = config()
    completion = rules.completion_problems(plan_facts(case))
    unresolved = any(NEED_TYPES[n.kind].accommodation and n.status not in CLOSED_NEEDS
                     for n in case.needs.all())
    person = case.person
    return {
        "case": case,
        "pathways": list(case.pathways.all()),
        "needs": list(case.needs.all()),
        "responses": list(case.responses.all()),
        "pre_release": next((r for r in case.responses.all()
                             if r.version.kind == "pre_release"), None),
        "completion": completion,
        "screening": rules.screening_deadline(case.reception_on, config=cfg),
        "plan_deadline": rules.plan_deadline(case.release_on, config=cfg),
        "timeliness": rules.plan_timeliness(due=case.plan_due_on,
                                            completed_on=case.plan_completed_on, today=today),
        "handover": rules.handover_date(case.release_on,
                                        rotl_hdc_request=person.rotl_hdc_requested_on),
        "handover_overdue": rules.handover_overdue(
            handover_on=case.handover_on, today=today,
            officer_assigned=person.responsible_officer_id is not None),
        "accommodation_alert": rules.accommodation_alert(
            release=case.release_on, today=today, unresolved=unresolved, config=cfg),
        "flags": sorted(plan_facts(case).registrations & rules.RISK_SECTION_FLAGS),
        "community_plan": community_plan(person),
        "checklist": checklist(case, today),
    }


# --- Service level (§13) ---------------------------------------------------------------------


def _office_of(case: CustodyCase) -> str:
    person = case.person
    team = person.team or person.lmc
    return team.name if team is not None else "Not yet passed to an office"


# --- The person's own page -------------------------------------------------------------------


def person_view(case_pk: int) -> dict:
    """What the person may see: their plan's pathways and needs (no notes, no risk), the next
    appointment, and who to contact. Nothing about risk assessments or anyone else."""
    case = (CustodyCase.objects.select_related("person__responsible_officer__user",
                                               "person__responsible_officer__base",
                                               "person__team__venue")
            .get(pk=case_pk))
    person = case.person
    needs = [{"type": NEED_TYPES[n.kind], "status": n.status, "due_on": n.due_on,
              "done": n.status == NeedStatus.DONE}
             for n in case.needs.exclude(status=NeedStatus.CANCELLED).order_by("due_on", "pk")]
    pathways = [p for p in case.pathways.all()
                if p.status not in (PathwayStatus.NOT_STARTED, PathwayStatus.NOT_REQUIRED)]
    officer = person.responsible_officer
    office = (officer.base if officer and officer.base_id else
              (person.team.venue if person.team_id else None))
    return {
        "case": case, "first_name": person.first_name, "release_on": case.release_on,
        "needs": needs, "pathways": pathways,
        "appointment": next_appointment(person),
        "officer": (officer.user.get_full_name() or officer.user.username) if officer else "",
        "office": office,
    }
