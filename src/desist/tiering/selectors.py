"""Reads: a provider's prioritisation policy and its history, a case's tier and its history."""

from __future__ import annotations

from dataclasses import dataclass

from desist.rules import tiering_facts
from desist.rules.tiering import TierResult

from . import inputs
from .models import Policy, PolicyDecision, RsrScore, TierCalculation


@dataclass(frozen=True)
class ProviderPolicy:
    """How a provider prioritises: ``policy`` is "band" or "tier"; ``transition`` shows both."""

    policy: str
    transition: bool
    decision: PolicyDecision | None

    @property
    def by_tier(self) -> bool:
        return self.policy == Policy.TIER

    @property
    def shows_tier(self) -> bool:
        return self.by_tier or self.transition

    @property
    def shows_band(self) -> bool:
        return not self.by_tier or self.transition

    @property
    def label(self) -> str:
        return str(Policy(self.policy).label)


BAND_DEFAULT = ProviderPolicy(Policy.BAND, False, None)


def policy_for(provider_id: int) -> ProviderPolicy:
    """The provider's current policy: its latest decision, or colour bands (the default)."""
    decision = PolicyDecision.objects.filter(provider_id=provider_id).select_related(
        "decided_by").first()
    if decision is None:
        return BAND_DEFAULT
    return ProviderPolicy(decision.policy, decision.transition, decision)


def policies_for(provider_ids) -> dict[int, ProviderPolicy]:
    return {pk: policy_for(pk) for pk in set(provider_ids)}


def policy_history(provider_id: int, limit: int = 50) -> list[PolicyDecision]:
    return list(PolicyDecision.objects.filter(provider_id=provider_id)
                .select_related("decided_by")[:limit])


def tier_history(person, limit: int = 50) -> list[TierCalculation]:
    return list(TierCalculation.objects.filter(person=person)[:limit])


@dataclass(frozen=True)
class TierView:
    """A case's tier as its page explains it: calculated now from the records, in words."""

    result: TierResult
    inputs: dict
    protect_words: str
    change_words: str
    contact: object  # rules.reasons.Reason

    @property
    def tier(self) -> str:
        return self.result.tier


PROTECT_WORDS = {
    "A": "the most work to protect others (level A of A to D)",
    "B": "a high level of work to protect others (level B of A to D)",
    "C": "a medium level of work to protect others (level C of A to D)",
    "D": "the least work to protect others (level D of A to D)",
}
CHANGE_WORDS = {
    3: "the most work to help them change (level 3 of 3)",
    2: "a fair amount of work to help them change (level 2 of 3)",
    1: "some work to help them change (level 1 of 3)",
    0: "no work to change behaviour that the sentence requires (level 0: no mandate for change)",
}


def tier_view(person) -> TierView:
    facts = inputs.case_facts(person)
    inp = tiering_facts.tier_input(facts)
    result = tiering_facts.tier(inp)
    return TierView(result, tiering_facts.inputs_dict(inp), PROTECT_WORDS[result.protect],
                    CHANGE_WORDS[result.change],
                    tiering_facts.contact_reason(result.protect, result.change,
                                                 result.unsupervised))


def rsr_history(person, limit: int = 50) -> list[RsrScore]:
    """The case's RSR scores, latest assessed first, with who recorded each."""
    return list(RsrScore.objects.filter(person=person).select_related("recorded_by")[:limit])
