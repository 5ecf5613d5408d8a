"""Plain-English PDFs for the person: their induction summary and their copy of the plan."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string

from desist.pdf import html_to_pdf
from desist.rules import induction as induction_rules

from . import selectors
from .models import RiskManagementPlan


def _pdf(template: str, context: dict) -> bytes:
    html = render_to_string(template, context)
    return html_to_pdf(html)


def induction_summary(person, today: dt.date) -> bytes:
    sentence = selectors.current_sentence(person)
    content = induction_rules.induction_content(
        [c for c in selectors.requirement_codes(person)
         if c in induction_rules.REQUIREMENT_SECTIONS], sentence.type if sentence else None)
    bookings = selectors.bookings(person)
    return _pdf("planning/pdf/induction.html", {
        "person": person, "today": today, "sections": content.sections,
        "booking": bookings[0] if bookings else None,
        "officer": person.responsible_officer,
    })


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
