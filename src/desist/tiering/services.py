"""Writes: a case's tier recalculated after a change, and a provider switching policy."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from desist.audit import events
from desist.errors import Refused
from desist.rules.tiering import TierResult

from . import batch, inputs
from .models import Policy, PolicyDecision, RsrScore, RsrSource
from .selectors import policy_for


def _actor_name(actor) -> str:
    if actor is None:
        return "desist"
    if isinstance(actor, str):
        return actor
    return actor.get_username() if hasattr(actor, "get_username") else str(actor)


def tier_refresh(person, *, event: str, actor=None) -> TierResult:
    """Recalculate one case's tier from its records now (RoSH, RSR, MAPPA, registrations,
    assessment, sentence, breach: tiering.md "Recalculate on every relevant event"). A changed
    tier is a new history row; under the tiering policy the workload points follow."""
    rows = inputs.people_rows([person.pk])
    gathered = inputs.gather_ids(rows)
    results = batch.calculate(gathered)
    from desist.allocation import caseloads

    # The officer's caseload summary follows the tier and the points (ADR 0005).
    with caseloads.tracking([person.pk]):
        changed = batch.write_changes(rows, results, event=event, actor=_actor_name(actor))
        result = results[person.pk][0]
        if changed:
            person.tier = result.tier
            events.tier_changed(actor=actor, person=person, tier=result.tier,
                                previous=rows[0]["tier"], event=event)
        policy = policy_for(rows[0]["provider_id"])
        if policy.by_tier:
            from desist.allocation.facts import weights_for
            from desist.people.models import Person

            points = batch.workload_points(rows[0], result, gathered,
                                           weights_for(rows[0]["provider_id"]), policy.by_tier)
            if points != rows[0]["workload_points"]:
                Person.objects.filter(pk=person.pk).update(workload_points=points)
                person.workload_points = points
    return result


class PolicyRefused(Refused):
    default_code = "policy_refused"


@transaction.atomic
def policy_switch(*, acting_user, provider_id: int, policy: str, transition: bool, reason: str,
                  request=None) -> PolicyDecision:
    """Choose how the provider prioritises (colour band or tier) and whether pages show both.

    Audited; then (after the commit, as a background task) every case's tier and workload
    points are recalculated under the new policy, so queues, caseloads and workload follow it.
    """
    if policy not in Policy.values:
        raise PolicyRefused("Choose colour bands or national tiering", field="policy")
    if not reason.strip():
        raise PolicyRefused("Say why the policy is changing", field="reason")
    current = policy_for(provider_id)
    if current.policy == policy and current.transition == transition and current.decision:
        raise PolicyRefused("This is already the provider's policy: nothing would change",
                            field="policy")
    decision = PolicyDecision.objects.create(
        provider_id=provider_id, policy=policy, previous_policy=current.policy,
        transition=transition, reason=reason.strip(), decided_by=acting_user)
    events.prioritisation_policy_changed(user=acting_user, decision=decision, request=request)
    from .tasks import recompute_after_switch

    transaction.on_commit(lambda: recompute_after_switch.enqueue(provider_id, decision.pk))
    return decision


class RsrRefused(Refused):
    default_code = "rsr_refused"


@transaction.atomic
def record_rsr(*, acting_user, person, score: Decimal, assessed_on: dt.date,
               source: str = RsrSource.RECORDED, expected_version: int | None = None,
               request=None) -> RsrScore:
    """Record a case's RSR score (tiering.md: a percentage 0–100 that can raise the protect
    level over RoSH). A new history row with who, when and where it came from; the case keeps
    the latest assessed score; the tier is recalculated at once and the change audited."""
    from desist.locking import locked_for_edit, save_edits
    from desist.people.models import Person

    if not Decimal(0) <= score <= Decimal(100):
        raise RsrRefused("RSR must be between 0 and 100", field="score")
    if assessed_on > timezone.localdate():
        raise RsrRefused("The date assessed cannot be in the future", field="assessed_on")
    locked = locked_for_edit(Person, person.pk, expected_version)
    previous = locked.rsr
    row = RsrScore.objects.create(person=locked, score=score, assessed_on=assessed_on,
                                  source=source, recorded_by=acting_user)
    # An older assessment recorded late joins the history but does not replace a newer score.
    latest = RsrScore.objects.filter(person=locked).order_by("-assessed_on", "-pk").first() or row
    changes = save_edits(locked, {"rsr": float(latest.score)})
    if changes:
        events.person_changed(user=acting_user, person=locked, changes=changes, request=request)
    events.rsr_recorded(user=acting_user, person=locked, score=score, assessed_on=assessed_on,
                        source=source, previous=previous, request=request, score_id=row.pk)
    tier_refresh(locked, event="rsr_change", actor=acting_user)
    person.rsr, person.version, person.tier = locked.rsr, locked.version, locked.tier
    return row
