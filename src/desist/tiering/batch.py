"""Tiers for many cases at once: the nightly recompute and a provider switching policy.

A batch costs a fixed number of queries (``inputs.Gathered``), one pipelined UPDATE for the
cases whose tier changed and one INSERT of their history rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from desist import bulk
from desist.rules import tiering_facts, workload
from desist.rules.banding import REGISTRATION_CODES
from desist.rules.errors import RuleInputError
from desist.rules.tiering import TierResult

from . import inputs
from .models import TierCalculation


def calculate(gathered: inputs.Gathered) -> dict[int, tuple[TierResult, dict]]:
    """Each person's tier and the inputs it rests on (the ``desist rules tier`` contract)."""
    out = {}
    for p in gathered.people:
        inp = tiering_facts.tier_input(gathered.facts(p))
        out[p["pk"]] = (tiering_facts.tier(inp), inp)
    return out


def changes(people: list[dict], results: dict, *, event: str, actor: str
            ) -> tuple[dict[int, tuple[str, int]], list[dict]]:
    """The tiers that changed: ``({person id: (tier, rank)}, [history rows])``, for a caller
    that writes the cases itself (the recompute writes each case once, tier included)."""
    tiers, history = {}, []
    for p in people:
        result, inp = results[p["pk"]]
        if result.tier == p["tier"]:
            continue
        tiers[p["pk"]] = (result.tier, tiering_facts.tier_rank(result.protect, result.change))
        history.append({
            "person_id": p["pk"], "tier": result.tier, "previous_tier": p["tier"] or "",
            "protect": result.protect, "change": result.change,
            "protect_points": result.protect_points, "change_points": result.change_points,
            "inputs": tiering_facts.inputs_dict(inp),
            # The record (template and parameters, ADR 0016): the history page says it in the
            # reader's language.
            "reasons": list(result.reason_records) or [r.as_record() for r in result.reasons],
            "event": event if p["tier"] else "first", "actor": actor})
    return tiers, history


def write_history(history: list[dict]) -> None:
    """Keep each calculated tier (by COPY on PostgreSQL: ``desist.bulk``)."""
    bulk.copy_rows(TierCalculation, history)


def write_changes(people: list[dict], results: dict, *, event: str, actor: str) -> int:
    """Store the tiers that changed: the case's current tier and a history row each."""
    from desist.people.models import Person

    tiers, history = changes(people, results, event=event, actor=actor)
    bulk.update_rows(Person, ("tier", "tier_rank"),
                     [(pk, tier, rank) for pk, (tier, rank) in tiers.items()])
    write_history(history)
    return len(tiers)


def case_kind(gathered: inputs.Gathered, pid: int) -> str:
    from desist.allocation.facts import case_type

    return case_type(gathered.sentence_types.get(pid), gathered.requirement_codes(pid))


def workload_points(p: dict, result: TierResult | None, gathered: inputs.Gathered,
                    weights: workload.WorkloadWeights, by_tier: bool) -> float:
    """The case's workload points under its provider's policy (tier points, or band ones)."""
    flags = frozenset(gathered.registrations.get(p["pk"], ())) & REGISTRATION_CODES
    case = workload.WorkloadCase(
        band=p["band"] or p["proposed_band"] or None, rosh=p["rosh"] or "low", flags=flags,
        case_type=case_kind(gathered, p["pk"]),
        tier=result.tier if by_tier and result is not None else None)
    try:
        return workload.case_points(case, weights).points
    except RuleInputError:
        return p["workload_points"]


@dataclass
class ProviderCounts:
    processed: int = 0
    tiers_changed: int = 0
    workload_changed: int = 0


def recompute_provider(provider_id: int, *, event: str, actor: str,
                       batch_size: int = 2000) -> ProviderCounts:
    """Every active case of one provider: its tier, and its workload points under the
    provider's policy (what switching policy sets off). Committed batch by batch."""
    from desist.allocation import caseloads
    from desist.allocation.facts import weights_for
    from desist.people.models import Person

    from .selectors import policy_for

    by_tier = policy_for(provider_id).by_tier
    weights = weights_for(provider_id)
    counts = ProviderCounts()
    last = 0
    while True:
        people = list(Person.objects.filter(provider_id=provider_id, active=True, pk__gt=last)
                      .order_by("pk").values(*inputs.PERSON_FIELDS)[:batch_size])
        if not people:
            break
        gathered = inputs.gather_range(people, last, people[-1]["pk"])
        results = calculate(gathered)
        points = []
        for p in people:
            new = workload_points(p, results[p["pk"]][0], gathered, weights, by_tier)
            if new != p["workload_points"]:
                points.append((p["pk"], new))
        # The officers' caseload summaries follow the tiers and points (ADR 0005).
        with caseloads.tracking([p["pk"] for p in people]):
            counts.tiers_changed += write_changes(people, results, event=event, actor=actor)
            bulk.update_rows(Person, ("workload_points",), points)
        counts.workload_changed += len(points)
        counts.processed += len(people)
        last = people[-1]["pk"]
    return counts
