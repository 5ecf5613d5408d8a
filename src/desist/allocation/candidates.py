"""Candidate officers for a case, ranked by the matching rules (§3.3) with their workload (§16)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from desist.organisation.capacity import attach_reductions
from desist.organisation.models import Staff
from desist.organisation.roles import Role
from desist.people.models import Person
from desist.people.selectors import case_overview
from desist.rules import assignment, workload
from desist.sentences.selectors import current_of

from . import caseloads, facts
from .facts import officer_capacity, weights_for


@dataclass(frozen=True)
class CandidateRow:
    staff: Staff
    candidate: assignment.Candidate
    caseload: int
    capacity_points: float


@dataclass(frozen=True)
class Ranking:
    rows: list[CandidateRow]
    case_points: float
    complexity: tuple[str, ...]
    reasons: tuple


def officer_loads(staff_ids) -> dict[int, tuple[int, float]]:
    """Active caseload count and weighted points per officer: their summary rows (ADR 0005)."""
    return {pk: (load.cases, load.points) for pk, load in caseloads.loads(staff_ids).items()}


def case_profile(person: Person, today: dt.date) -> assignment.CaseProfile:
    sentences, registrations = case_overview(person)
    sentence = current_of(sentences)
    flags = frozenset(r.type for r in registrations if r.end_date is None)
    return assignment.CaseProfile(
        rosh=person.rosh or "low", band=person.band or person.proposed_band or None,
        registrations=flags & workload.DEFAULT_WEIGHTS.codes,
        gender=person.gender if person.gender in assignment.GENDERS else None,
        case_type=facts.case_type(sentence.type if sentence else None,
                                  facts.requirement_codes(sentences)),
        tier=facts.policy_tier(person),
    )


def eligible_officers(person: Person, *, all_teams: bool = False):
    """Responsible officers who could hold the case: the case's LMC team, or the provider."""
    grades = {code for code, _ in workload.DEFAULT_WEIGHTS.grade_targets}
    staff = Staff.objects.filter(provider_id=person.provider_id, active=True,
                                 role=Role.RESPONSIBLE_OFFICER, grade__in=grades)
    team_id = person.lmc_id or person.team_id
    if not all_teams and team_id:
        staff = staff.filter(Q(team_id=team_id) | Q(pk=person.responsible_officer_id or 0))
    return staff.select_related("user", "team")


def candidates_for(person: Person, *, officer_ids=None, all_teams: bool = False,
                   reassignment: bool | None = None) -> Ranking:
    today = timezone.localdate()
    weights = weights_for(person.provider_id)
    staff = eligible_officers(person, all_teams=all_teams or bool(officer_ids))
    if officer_ids:
        staff = staff.filter(pk__in=officer_ids)
    staff = attach_reductions(list(staff))
    loads = officer_loads(s.pk for s in staff)
    officers, by_id, capacities = [], {}, {}
    holder = None
    for s in staff:
        count, points = loads.get(s.pk, (0, 0.0))
        if s.pk == person.responsible_officer_id:
            points = max(points - person.workload_points, 0)  # their load without this case
        capacities[s.pk] = officer_capacity(s, weights, today)
        # The rules name the officer by id in their reasons, so the id is what a manager reads.
        label = f"{s.name} ({s.staff_code})"
        if s.pk == person.responsible_officer_id:
            holder = label
        officers.append(assignment.Officer(
            id=label, grade=s.grade, gender=s.gender if s.gender in assignment.GENDERS else "other",
            specialisms=frozenset(s.specialisms or ()), agency=s.agency,
            current_points=round(points, 2), capacity_points=capacities[s.pk],
        ))
        by_id[label] = (s, count)
    if reassignment is None:
        reassignment = person.responsible_officer_id is not None
    result = assignment.rank_candidates(case_profile(person, today), officers, weights=weights,
                                        reassignment=reassignment,
                                        current_officer=holder if reassignment else None)
    rows = [CandidateRow(by_id[c.officer_id][0], c, by_id[c.officer_id][1],
                         capacities[by_id[c.officer_id][0].pk]) for c in result.candidates]
    return Ranking(rows, result.case_points, result.complexity, result.reasons)
