"""Queues and workload reads that are given their cases. The queues scoped to a user (intake,
allocation, an officer's cases) start from ``scopes.cases.visible_cases`` in ``desist.scopes.allocation``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet

from desist.organisation.capacity import attach_reductions
from desist.organisation.models import Staff, Team
from desist.paging import COUNT_CAP, CappedPaginator  # noqa: F401 (the queues' pages)
from desist.people.models import Person
from desist.rules import routing, timescales
from desist.sentences.models import Sentence
from desist.sentences.selectors import current_of

from . import caseloads, facts
from .models import Assignment

# Queue → (routing, hub hold). Each reads one range of the person_intake_queue index.
INTAKE_VIEWS = {
    "awaiting": ("", ""),
    "custody": ("hub", "long_custody"),
    "unroutable": ("hub", "unroutable"),
    "standalone": ("hub", "standalone"),
}


def _with_record(cases: QuerySet[Person]) -> QuerySet[Person]:
    return cases.select_related("local_authority", "lmc", "team").prefetch_related(
        Prefetch("sentences", queryset=Sentence.objects.order_by("-sentence_date", "-pk")
                 .prefetch_related("requirements", "offences")),
    )


def _by_policy(user) -> tuple:
    """Under the tiering policy queues are worked highest tier first (A3 … D0; ADR 0013), then
    in their usual order; a case not yet tiered comes after the tiered ones."""
    from desist.tiering.selectors import policy_for

    if policy_for(user.staff.provider_id).by_tier:
        return (F("tier_rank").asc(nulls_last=True),)
    return ()


@dataclass(frozen=True)
class IntakeRow:
    person: Person
    routing: facts.RoutingView
    working_days: int | None
    due_on: dt.date | None
    missing: list[str]
    alerts: tuple = ()


def intake_rows(people, today: dt.date, lmc_map: dict[str, str]) -> list[IntakeRow]:
    cal = timescales.DEFAULT_CALENDAR
    rows = []
    for person in people:
        sentences = list(person.sentences.all())
        arrived = person.arrived_on
        rows.append(IntakeRow(
            person=person, routing=facts.route_case(person, sentences, today, lmc_map),
            working_days=cal.working_days_between(arrived, today) if arrived and arrived <= today
            else None,
            due_on=timescales.add_working_days(
                arrived, timescales.DEFAULT_TIMESCALES.assignment_working_days) if arrived else None,
            missing=facts.missing_information(person, sentences),
            alerts=_held_custody_alerts(person, sentences, today),
        ))
    return rows


def _held_custody_alerts(person, sentences, today: dt.date) -> tuple:
    if person.hub_hold != "long_custody":
        return ()
    sentence = current_of(sentences)
    return routing.held_custody_alerts(pass_to_lmc_on=person.pass_to_lmc_on, today=today,
                                       release_date=sentence.release_date if sentence else None)


@dataclass(frozen=True)
class OfficerLoad:
    staff: Staff
    by_band: dict[str, int]
    by_protect: dict[str, int]  # by the protect level of the tier: A, B, C, D, none
    caseload: int
    points: float
    capacity: float
    percent: float | None
    last_7: int
    last_30: int


def team_officers(user, team: Team | None) -> QuerySet[Staff]:
    """The officers the workload page lists (a team's, or the whole provider's), by name."""
    staff = Staff.objects.filter(provider_id=user.staff.provider_id, active=True,
                                 role="responsible_officer").select_related("user", "team")
    if team is not None:
        staff = staff.filter(team=team)
    return staff.order_by("user__last_name", "user__first_name", "pk")


def team_workload(user, team: Team | None, today: dt.date, weights) -> list[OfficerLoad]:
    return officer_workloads(list(team_officers(user, team)), today, weights)


def officer_workload(officer: Staff, today: dt.date, weights) -> OfficerLoad:
    """One officer's line of the workload summary: the drill-down shows the same figures."""
    return officer_workloads([officer], today, weights)[0]


def officer_workloads(staff: list[Staff], today: dt.date, weights) -> list[OfficerLoad]:
    """Caseload, points and capacity of each officer over *every* active case they hold,
    restricted ones included: workload is about the officer, not about what the reader may see
    (the drill-down says how many it cannot list)."""
    ids = [s.pk for s in staff]
    attach_reductions(staff)  # capacity counts the reductions in force today (one query)
    by_officer = caseloads.loads(ids)  # the summary rows (ADR 0005), not every case
    recent = (Assignment.objects.filter(officer_id__in=ids,
                                        decided_at__date__gt=today - dt.timedelta(days=30))
              .values("officer_id")
              .annotate(d30=Count("pk"),
                        d7=Count("pk", filter=Q(decided_at__date__gt=today - dt.timedelta(days=7)))))
    assigned = {r["officer_id"]: r for r in recent}
    loads = []
    grades = dict(weights.grade_targets)
    for s in staff:
        load = by_officer.get(s.pk) or caseloads.Load()
        points = load.points
        capacity = facts.officer_capacity(s, weights, today) if s.grade in grades else 0.0
        loads.append(OfficerLoad(
            staff=s, caseload=load.cases, points=round(points, 1), capacity=capacity,
            percent=round(points * 100 / capacity, 1) if capacity else None,
            by_band={b: load.by_band.get(b, 0) for b in ("green", "yellow", "red", "blue", "none")},
            by_protect={p: load.by_protect.get(p, 0) for p in (*caseloads.PROTECT, "none")},
            last_7=assigned.get(s.pk, {}).get("d7", 0), last_30=assigned.get(s.pk, {}).get("d30", 0),
        ))
    return loads


# ---------------------------------------------------------------------------------------------
# Address resolution and risk escalation pages (issue 12 items 6 and 10)
# ---------------------------------------------------------------------------------------------


def local_authorities_served(provider_id: int):
    """Local authorities the provider's offices serve, by name."""
    from desist.organisation.models import LocalAuthority

    return LocalAuthority.objects.filter(venues__provider_id=provider_id).distinct().order_by("name")


def local_authority_served(provider_id: int, code: str):
    """The served local authority with this code, or None (never another provider's)."""
    return local_authorities_served(provider_id).filter(code=code).first()


def escalation_tasks(person):
    """The case's risk escalation tasks, newest first."""
    from desist.worklist.models import Task

    return list(Task.objects.filter(provider_id=person.provider_id, person=person,
                                    kind="risk_escalation").order_by("-created_at"))


def escalation_outcomes(person, limit: int = 20):
    """The recorded outcomes of the case's escalations, newest first."""
    from .models import EscalationOutcome

    return list(EscalationOutcome.objects.filter(person=person).select_related("recorded_by")[:limit])


def lmc_teams(provider_id: int) -> QuerySet[Team]:
    """The provider's local management centres (LMC teams), by name."""
    return Team.objects.filter(provider_id=provider_id, venue__kind="lmc").order_by("name")


def lmc_team(provider_id: int, code: str) -> Team | None:
    return Team.objects.filter(provider_id=provider_id, code=code).first() if code else None


def provider_teams(provider_id: int) -> list[Team]:
    return list(Team.objects.filter(provider_id=provider_id).order_by("name"))


def provider_officer(provider_id: int, pk: int) -> Staff | None:
    """A member of the provider's staff (None for another provider's, so the page 404s)."""
    return Staff.objects.filter(provider_id=provider_id, pk=pk).select_related("user", "team").first()


def routing_history(person, limit: int = 20):
    from .models import RoutingDecision

    return RoutingDecision.objects.filter(person=person).select_related("lmc", "decided_by")[:limit]


def band_history(person, limit: int = 50):
    from .models import BandDecision

    return BandDecision.objects.filter(person=person).select_related("decided_by")[:limit]


def assignment_history(person, limit: int = 50):
    return Assignment.objects.filter(person=person).select_related(
        "officer__user", "previous_officer__user", "decided_by")[:limit]


def weighting_row(provider_id: int):
    """The provider's stored weightings row (None until it first saves its own)."""
    from .models import WorkloadWeighting

    return WorkloadWeighting.objects.filter(provider_id=provider_id).first()


def weighting_changes(provider_id: int, limit: int = 50):
    """The provider's saved changes to its weightings, newest first."""
    from .models import WorkloadWeightingChange

    return list(WorkloadWeightingChange.objects.filter(provider_id=provider_id)
                .select_related("changed_by")[:limit])
