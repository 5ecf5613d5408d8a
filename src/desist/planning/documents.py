"""Plain-English PDFs for the person: their copy of the plan."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string

from desist.pdf import html_to_pdf

from . import selectors
from .models import RiskManagementPlan


def _pdf(template: str, context: dict) -> bytes:
    html = render_to_string(template, context)
    return html_to_pdf(html)


def plan_copy(plan, today: dt.date) -> bytes:
    person = plan.person
    need = selectors.needs(person, plan)
    titles = {a.code: a.title for a in need["spec"].areas} if need["spec"] else {}
    objectives = [{"text": o.text, "services": o.services, "target_date": o.target_date,
                   "about": titles.get(o.area_code, o.area_code) if o.need_kind == "area"
                   else o.risk_factor}
                  for o in plan.objectives.all()]
    rmp = RiskManagementPlan.objects.filter(plan=plan).first()
    return _pdf("planning/pdf/plan.html", {
        "person": person, "today": today, "plan": plan, "objectives": objectives,
        "has_rmp": rmp is not None and bool(rmp.filled()),
        "home_visits": bool(rmp and rmp.home_visits.strip()),
        "officer": person.responsible_officer,
    })
