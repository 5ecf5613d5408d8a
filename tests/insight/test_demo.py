"""The insight demo (§17): on a generated caseload the figures come from a recorded history,
not 0% everywhere; the seeder writes records (never figures) and adds nothing when rerun."""

from __future__ import annotations

import datetime as dt

import pytest

from desist.allocation.models import Assignment
from desist.appointments.models import Appointment
from desist.demo import generator
from desist.insight import demo, selectors
from desist.insight.models import Summary
from desist.organisation.models import Provider

REF = dt.date(2026, 1, 15)


@pytest.mark.django_db
def test_the_demo_timeliness_figures_are_believable_and_from_the_record():
    generator.generate(people=400, seed=7, reference_date=REF, other_people=0)
    provider = Provider.objects.get(code="NCRC")
    period = selectors.Period(dt.date(2025, 2, 1), dt.date(2026, 1, 31))

    def percent(measure):
        rows = [r for r in selectors.timeliness(provider.pk, period, "venue")
                if r["measure"] == measure]
        met, total = sum(r["met"] for r in rows), sum(r["total"] for r in rows)
        return met, total

    message = demo.seed(REF)
    assert "assignments" in message and "first appointments" in message
    for measure in ("assignment", "first_appointment"):
        met, total = percent(measure)
        assert total >= 50, measure
        assert 0.6 * total <= met <= 0.97 * total, (measure, met, total)  # neither 0% nor 100%
    # The history is records (allocation decisions and appointments), not figures.
    assert Assignment.objects.filter(reason=demo.MARKER).count() >= 300
    before = (Assignment.objects.count(), Appointment.objects.count(), Summary.objects.count())
    demo.seed(REF)  # rerun: no new history, the same figures
    assert (Assignment.objects.count(), Appointment.objects.count(),
            Summary.objects.count()) == before
