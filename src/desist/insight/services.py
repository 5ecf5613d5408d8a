"""Insight writes: rebuild the read model, and set a service-level target (§17)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from desist.audit import events
from desist.errors import Refused
from desist.organisation.models import Provider
from desist.rules import insight as rules
from desist.rules.errors import RuleInputError

from . import refresh as builder
from . import summary
from .models import Refresh, ServiceLevelTarget


@transaction.atomic
def insight_refresh(*, provider_id: int, acting_user, trigger: str,
                    today: dt.date | None = None, note: str = "", request=None) -> Refresh:
    """Rebuild one provider's read model in one transaction (readers see old or new, never
    half), set-based: the facts, then the monthly summary rows the dashboards read; and record
    when and by whom."""
    today = today or timezone.localdate()
    run = Refresh.objects.create(
        provider_id=provider_id, trigger=trigger, as_of=today, started_at=timezone.now(),
        requested_by=acting_user if getattr(acting_user, "pk", None) else None)
    run.counts = builder.build(provider_id, today)
    run.counts["summaries"] = summary.build(provider_id)
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "finished_at"])
    events.insight_refreshed(actor=acting_user, refresh=run, note=note, request=request)
    return run


def insight_refresh_all(*, acting_user, trigger: str, today: dt.date | None = None) -> list[Refresh]:
    """Every provider's read model, one transaction each (the scheduled job and the command)."""
    return [insight_refresh(provider_id=pk, acting_user=acting_user, trigger=trigger, today=today)
            for pk in Provider.objects.order_by("pk").values_list("pk", flat=True)]


@transaction.atomic
def service_level_target_set(*, provider_id: int, measure: str, target_percent, reason: str,
                             acting_user, request=None) -> ServiceLevelTarget:
    """A new target for a service level: a new row with who and why; the old one stays."""
    problems = {}
    if measure not in rules.SERVICE_LEVELS:
        problems["measure"] = "Choose a service level"
    try:
        rules.validate_target(target_percent)
    except RuleInputError:
        problems["target_percent"] = "Enter a whole percentage from 0 to 100"
    if not (reason or "").strip():
        problems["reason"] = "Enter why the target is changing"
    if problems:
        raise Refused("Check the target", code="invalid_target", problems=problems)
    previous = (ServiceLevelTarget.objects.filter(provider_id=provider_id, measure=measure)
                .values_list("target_percent", flat=True).first())
    target = ServiceLevelTarget.objects.create(
        provider_id=provider_id, measure=measure, target_percent=target_percent,
        reason=reason.strip()[:300], set_by=acting_user)
    events.service_level_target_set(user=acting_user, target=target,
                                    previous=previous if previous is not None
                                    else rules.DEFAULT_TARGETS[measure], request=request)
    return target
