"""Background work after a provider switches policy: every case recalculated under it."""

from __future__ import annotations

from dataclasses import asdict

from django_tasks import task

from desist.audit import events

from . import batch


@task()
def recompute_after_switch(provider_id: int, decision_id: int) -> dict:
    counts = asdict(batch.recompute_provider(provider_id, event="policy_switch",
                                             actor="desist recompute"))
    events.policy_recompute_finished(provider_id=provider_id, decision_id=decision_id,
                                     counts=counts)
    return counts
