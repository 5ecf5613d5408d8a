"""Gathering a case's facts for the rules core: routing, OGRS3, band, workload points.

Pages call these one case at a time; ``desist recompute`` calls the same functions for the
whole caseload in batches, so a page and the nightly job can never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from desist.organisation.capacity import staff_capacity
from desist.organisation.models import Team
from desist.people.risk import RiskPicture, risk_picture
from desist.rules import routing, workload
from desist.rules.banding import REGISTRATION_CODES, REQUIREMENT_CODES
from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.sentences.selectors import current_of

from .models import WorkloadWeighting


def lmc_by_local_authority(provider_id: int) -> dict[str, str]:
    """Local authority code → LMC team code: the LMC is the team whose base serves that area."""
    mapping: dict[str, str] = {}
    teams = Team.objects.filter(provider_id=provider_id, venue__kind="lmc").order_by("code")
    for code, la in teams.values_list("code", "venue__local_authorities__code"):
        if la and la not in mapping:
            mapping[la] = code
    return mapping


def weights_for(provider_id: int) -> workload.WorkloadWeights:
    """The provider's workload weightings (§6), or the defaults when it has not set its own."""
    row = WorkloadWeighting.objects.filter(provider_id=provider_id).first()
    if row is None or not row.tables:
        return workload.DEFAULT_WEIGHTS
    return workload.WorkloadWeights.from_mappings(**row.tables)


def officer_capacity(staff, weights: workload.WorkloadWeights, on: dt.date | None = None) -> float:
    """An officer's capacity in workload points on ``on`` (today): grade target × available
    hours ÷ contracted hours, the reductions in force that day taken off
    (``rules.workload.available_capacity``); 0 for a grade with no target. Load a list's
    reductions first with ``organisation.capacity.attach_reductions`` (one query)."""
    result = staff_capacity(staff, weights, on or timezone.localdate())
    return result.points if result is not None else 0.0


def requirement_codes(sentences) -> frozenset[str]:
    return frozenset(
        r.type for s in sentences if s.terminated_on is None for r in s.requirements.all()
    )


@dataclass(frozen=True)
class RoutingView:
    result: routing.RoutingResult | None
    error: str


def route_case(person, sentences, today: dt.date, lmc_map: dict[str, str]) -> RoutingView:
    sentence = current_of(sentences)
    if sentence is None:
        return RoutingView(None, "No sentence recorded, so the case cannot be routed.")
    try:
        result = routing.route(
            routing.RoutingInput(
                local_authority=person.local_authority.code if person.local_authority_id else None,
                sentence_type=sentence.type, as_of=today,
                requirements=tuple(sorted(requirement_codes(sentences) & REQUIREMENT_CODES)),
                custodial_months=sentence.custodial_months, release_date=sentence.release_date,
                rotl_hdc_request_date=person.rotl_hdc_requested_on,
            ),
            lmc_map,
        )
    except RuleInputError as error:
        return RoutingView(None, f"Cannot route: {error.message} ({error.field}).")
    return RoutingView(result, "")


def missing_information(person, sentences) -> list[str]:
    """What the hub must chase before the case can be allocated well (§3, F1)."""
    missing = []
    if not person.address or not person.local_authority_id:
        missing.append("No address")
    if not person.rosh:
        missing.append("No RoSH")
    sentence = current_of(sentences)
    has_offence = bool(sentence and any(True for _ in sentence.offences.all()))
    if sentence is None or not has_offence or person.gender not in ("male", "female"):
        missing.append("No OGRS3 inputs")
    return missing


def band_proposal(person, sentences, registrations, today: dt.date) -> RiskPicture:
    return risk_picture(person, sentences, registrations, today)


def case_type(sentence_type: str | None, requirements: frozenset[str]) -> str:
    """The workload kind of case (§16): custody, licence and PSS weigh differently."""
    if sentence_type in ("custody", "licence", "pss"):
        return sentence_type
    if requirements and requirements <= {"upw"}:
        return "upw_only"
    return "community"


def policy_tier(person) -> str | None:
    """The case's tier when its provider prioritises by tier (its workload points follow the
    tier, ADR 0013); None under the colour bands."""
    from desist.tiering.selectors import policy_for

    if not person.tier or not policy_for(person.provider_id).by_tier:
        return None
    return person.tier


def workload_case(person, flags: frozenset[str], kind: str) -> workload.WorkloadCase:
    return workload.WorkloadCase(
        band=person.band or person.proposed_band or None, rosh=person.rosh or "low",
        flags=frozenset(flags) & REGISTRATION_CODES, case_type=kind, tier=policy_tier(person),
    )


def banding_facts_of(*, rosh: str, registrations, close_to_change, offences: int,
                     sentence: int | None) -> dict:
    """What a band rests on; a change between two recomputes is a significant event (§4).
    Built here only, for the band decision and the nightly recompute alike."""
    return {"rosh": rosh, "registrations": sorted(registrations),
            "close_to_change": close_to_change, "offences": offences, "sentence": sentence}


def banding_facts(person, sentences, registrations) -> dict:
    sentence = current_of(sentences)
    return banding_facts_of(
        rosh=person.rosh, registrations={r.type for r in registrations if r.end_date is None},
        close_to_change=person.close_to_change,
        offences=sum(len(list(s.offences.all())) for s in sentences),
        sentence=sentence.pk if sentence else None,
    )


def significant_events(before: dict, after: dict) -> list[str]:
    """The §4 recategorisation events between two sets of banding facts."""
    if not before:
        return []
    events = []
    if before.get("rosh") != after.get("rosh"):
        events.append("rosh_change")
    was, now = set(before.get("registrations", [])), set(after.get("registrations", []))
    if now - was:
        events.append("registration_added")
    if was - now:
        events.append("registration_removed")
    if before.get("close_to_change") != after.get("close_to_change"):
        events.append("closeness_change")
    if after.get("offences", 0) > before.get("offences", 0) and \
            before.get("sentence") == after.get("sentence"):
        events.append("new_offence")
    return events


def reason_dicts(reasons: tuple[Reason, ...]) -> list[dict]:
    """Reasons as stored with a band decision: with their template and parameters (ADR 0016),
    so the history says them later in the reader's language."""
    return [r.as_record() for r in reasons]
