"""The case overview panel: needs (latest reading) beside risk, checks and the plan."""

from __future__ import annotations

from desist.risk import selectors as risk_selectors
from desist.rules import selfassessment

from . import selectors


def overview_panel(request, person, today) -> dict:
    plan = selectors.current_plan(person)
    need = selectors.needs(person, plan)
    rows = []
    if need["reading"] is not None:
        previous = need["previous"]
        same = previous is not None and previous.instrument_id == need["reading"].instrument_id
        comparison = selfassessment.compare(need["spec"], previous.scores if same else None,
                                            need["reading"].scores)
        rows = [{"title": c.title, "after": c.after, "change": c.change}
                for c in comparison.changes]
    states, _blockers = risk_selectors.check_states(person, today)
    return {"person": person, "plan": plan, "need": need, "rows": rows, "states": states}
