"""Monthly summary rows: every dashboard figure pre-counted per office, group and month (§17).

Built by the refresh from the fact tables it has just written, in the same transaction, with the
figure definitions of :mod:`desist.insight.selectors` (the same conditions the drill-down lists),
so a dashboard sums a few hundred ``Summary`` rows instead of grouping every fact, and a figure
still equals the number of fact rows its drill-down lists. Restricted cases are counted here.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from desist.rules import insight as rules

from . import selectors as s
from .models import CaseFact, NeedFact, Summary, TimelinessFact

BATCH = 2000


def _text(value) -> str:
    return "" if value is None else str(value)


def _month(value):
    return None if value is None else s._month(value)


def _service_levels(provider_id: int) -> list[Summary]:
    rows = []
    for measure in rules.SERVICE_LEVELS:
        field = s._SL_DATE[measure]
        qs = (CaseFact.objects.filter(s._SL_BASE[measure], provider_id=provider_id,
                                      **{f"{field}__isnull": False})
              .annotate(m=TruncMonth(field)).values("m", "venue_id")
              .annotate(total=Count("pk"), met=Count("pk", filter=s._SL_MET[measure])))
        rows += [Summary(provider_id=provider_id, section=s.SERVICE_LEVELS, measure=measure,
                         month=_month(r["m"]), venue_id=r["venue_id"], total=r["total"],
                         met=r["met"]) for r in qs]
    return rows


def _timeliness(provider_id: int) -> list[Summary]:
    """Counted steps (not pending) by the month they were due; a histogram of working days."""
    base = (TimelinessFact.objects.filter(provider_id=provider_id).exclude(status=rules.PENDING)
            .annotate(m=TruncMonth("due")))
    rows = []
    for dim, key in (("", None), ("team", "team_id"), ("grade", "grade")):
        fields = ["measure", "m", "venue_id", "working_days"] + ([key] if key else [])
        groups: dict[tuple, list] = defaultdict(lambda: [0, 0, Counter()])
        for r in base.values(*fields).annotate(
                total=Count("pk"), met=Count("pk", filter=Q(status=rules.ON_TIME))):
            g = groups[(r["measure"], _month(r["m"]), r["venue_id"],
                        _text(r[key]) if key else "")]
            g[0] += r["total"]
            g[1] += r["met"]
            if r["working_days"] is not None:
                g[2][str(r["working_days"])] += r["total"]
        rows += [Summary(provider_id=provider_id, section=s.TIMELINESS, measure=measure,
                         month=month, venue_id=venue, dim=dim, value=value, total=total,
                         met=met, days=dict(days))
                 for (measure, month, venue, value), (total, met, days) in groups.items()]
    return rows


def _needs(provider_id: int) -> list[Summary]:
    rows = []
    for dim in ("", *s.NEEDS_DIMS[1:]):
        fields = ["kind", "code", "venue_id"] + ([dim] if dim else [])
        for r in (NeedFact.objects.filter(provider_id=provider_id).values(*fields)
                  .annotate(total=Count("pk"), met=Count("pk", filter=Q(delivered=True)))):
            rows.append(Summary(provider_id=provider_id, section=s.NEEDS,
                                measure=f"{r['kind']}:{r['code']}", venue_id=r["venue_id"],
                                dim=dim, value=_text(r[dim]) if dim else "", total=r["total"],
                                met=r["met"]))
    return rows


def _equality(provider_id: int) -> list[Summary]:
    """Completion by the month the sentence ended; enforcement and recall over all cases."""
    rows = []
    for measure in s.EQUALITY_MEASURES:
        qs = CaseFact.objects.filter(s._EQ_BASE[measure], provider_id=provider_id)
        dated = measure == "completion"
        if dated:
            qs = qs.annotate(m=TruncMonth("ended_on"))
        for dim in s.EQUALITY_DIMS:
            fields = ["venue_id", dim] + (["m"] if dated else [])
            for r in qs.values(*fields).annotate(
                    total=Count("pk"), met=Count("pk", filter=s._EQ_MET[measure])):
                rows.append(Summary(provider_id=provider_id, section=s.EQUALITY,
                                    measure=measure, month=_month(r["m"]) if dated else None,
                                    venue_id=r["venue_id"], dim=dim, value=_text(r[dim]),
                                    total=r["total"], met=r["met"]))
    return rows


def build(provider_id: int) -> int:
    """Replace the provider's summary rows from its facts; the caller holds the transaction."""
    Summary.objects.filter(provider_id=provider_id).delete()
    rows = (_service_levels(provider_id) + _timeliness(provider_id) + _needs(provider_id)
            + _equality(provider_id))
    Summary.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
