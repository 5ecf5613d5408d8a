"""The case overview's tier line: the tier in words, beside the band during a transition."""

from __future__ import annotations

from . import selectors


def overview_panel(request, person, today) -> dict | None:
    policy = selectors.policy_for(person.provider_id)
    if not policy.shows_tier:
        return None
    return {"person": person, "view": selectors.tier_view(person), "policy": policy}
