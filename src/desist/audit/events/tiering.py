"""Audited events: national tiering and the provider's prioritisation policy (tiering.md)."""

from __future__ import annotations

from ..services import audit_record, source_of


def tier_changed(*, actor, person, tier: str, previous: str, event: str) -> None:
    """A case's tier changed after an event on the case (the nightly recompute records its
    changes as one ``recompute_finished`` count, as it does for bands)."""
    audit_record(
        actor=actor, action="change", event="tier_changed", crn=person.crn,
        object_type="person", object_id=person.pk,
        detail={"tier": tier, "previous": previous, "event": event},
    )


def prioritisation_policy_changed(*, user, decision, request=None) -> None:
    audit_record(
        actor=user, action="change", event="prioritisation_policy_changed",
        object_type="policy_decision", object_id=decision.pk,
        detail={"provider": decision.provider_id, "policy": decision.policy,
                "previous": decision.previous_policy, "transition": decision.transition,
                "reason": decision.reason},
        source=source_of(request),
    )


def policy_recompute_finished(*, provider_id: int, decision_id: int, counts: dict) -> None:
    audit_record(
        actor="desist recompute", action="system", event="policy_recompute_finished",
        object_type="policy_decision", object_id=decision_id,
        detail={"provider": provider_id, **counts}, source="task",
    )


def rsr_recorded(*, user, person, score, assessed_on, source: str, previous, request=None,
                 score_id: object = "") -> None:
    """An RSR score recorded on a case (a new history row; the case holds the latest)."""
    audit_record(
        actor=user, action="create", event="rsr_recorded", crn=person.crn,
        object_type="rsr_score", object_id=score_id,
        detail={"score": str(score), "assessed_on": assessed_on.isoformat(), "source": source,
                "previous": previous},
        source=source_of(request),
    )
