"""A plain-English PDF for the person: their induction summary."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string

from desist.pdf import html_to_pdf
from desist.rules import induction as induction_rules

from . import selectors


def induction_summary(person, today: dt.date) -> bytes:
    sentence = selectors.current_sentence(person)
    content = induction_rules.induction_content(
        [c for c in selectors.requirement_codes(person)
         if c in induction_rules.REQUIREMENT_SECTIONS], sentence.type if sentence else None)
    bookings = selectors.bookings(person)
    return html_to_pdf(render_to_string("induction/pdf/induction.html", {
        "person": person, "today": today, "sections": content.sections,
        "booking": bookings[0] if bookings else None,
        "officer": person.responsible_officer,
    }))
