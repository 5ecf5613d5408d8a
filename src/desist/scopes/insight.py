"""Insight: the reads that start from the user's case scope (ADR 0017).

Moved from ``desist.insight.selectors`` so that the app's own modules never reach the scope;
the app's selectors keep the reads that are given their rows.
"""

from __future__ import annotations

from desist.insight.models import CaseFact, NeedFact, TimelinessFact
from desist.insight.selectors import PAGE_SIZE, DrillDown, Figure, Period, figure_rows
from desist.scopes.cases import visible_rows


def drill_down(user, provider_id: int, period: Period, figure: Figure, *, page: int = 1,
               size: int = PAGE_SIZE) -> DrillDown:
    """The cases behind a figure: every counted row, listed unless the user may not see it
    (a page at a time, in CRN order)."""
    counted_qs = figure_rows(provider_id, period, figure)
    counted = counted_qs.count()
    visible = visible_rows(user, counted_qs, via="person")
    listable = visible.count()
    pages = max(1, -(-listable // size))
    page = min(max(1, page), pages)
    fields = ["person__crn", "person__first_name", "person__last_name", "venue__name"]
    extra = {CaseFact: ["outcome", "ended_on"],
             TimelinessFact: ["start", "due", "done", "status", "working_days"],
             NeedFact: ["delivered"]}[counted_qs.model]
    rows = list(visible.order_by("crn", "pk").values(*fields, *extra)[
        (page - 1) * size:page * size])
    return DrillDown(counted=counted, hidden=counted - listable, rows=rows, page=page,
                     pages=pages)
