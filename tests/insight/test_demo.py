"""The insight demo (§17): on a generated caseload the figures come from a recorded history,
not 0% everywhere; the seeder writes records (never figures) and adds nothing when rerun."""

from __future__ import annotations

import datetime as dt

import pytest

from desist.allocation.models import Assignment
from desist.appointments.models import Appointment
from desist.assessment.models import Reading
from desist.assessment.services import active_instrument
from desist.compliance.models import Absence, Breach, EnforcementAction
from desist.demo import generator
from desist.induction.models import InductionBooking, InductionScreen
from desist.insight import demo, selectors
from desist.insight.models import Summary
from desist.organisation.models import Provider
from desist.people.models import Person
from desist.planning.models import Objective, Plan
from desist.rules.selfassessment import DEFAULT_INSTRUMENT
from desist.sentences.models import Sentence

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


MODELS = (InductionScreen, InductionBooking, Plan, Objective, Appointment, Absence,
          EnforcementAction, Breach, Sentence, Summary)


def _rows() -> dict:
    return {m.__name__: m.objects.count() for m in MODELS} | {
        "active": Person.objects.filter(active=True).count()}


@pytest.mark.django_db
def test_the_demo_casework_figures_are_neither_none_nor_all_and_a_rerun_adds_nothing():
    """Induction, plan, review and breach-action timeliness, needs against delivery, and both
    completion rates (§17) come from recorded inductions, plans, objectives, absences and
    enforcement, and ended (or revoked, or recalled) sentences: none is 0% or 100%."""
    generator.generate(people=1200, seed=7, reference_date=REF, other_people=0)
    provider = Provider.objects.get(code="NCRC")
    period = selectors.Period(dt.date(2025, 2, 1), dt.date(2026, 1, 31))

    # A self-assessment for some generated cases: their plans address the areas scored low.
    instrument = active_instrument(provider)
    codes = list(DEFAULT_INSTRUMENT.codes)
    assessed = list(Person.objects.filter(provider=provider, active=True).order_by("pk")[:60])
    Reading.objects.bulk_create(Reading(
        person=p, instrument=instrument, taken_on=REF - dt.timedelta(days=30), status="approved",
        approved_at=demo._at(REF - dt.timedelta(days=29), 10),
        scores={c: (4 if i % 3 == 0 else 9) for i, c in enumerate(codes)}) for p in assessed)

    message = demo.seed(REF)
    assert "licences or PSS ended" in message and "inductions" in message, message
    levels = {r["measure"]: r["result"] for r in selectors.service_levels(provider.pk, period)}
    for measure in ("co_sso_completion", "licence_pss_completion"):
        result = levels[measure]
        assert result.total >= 10, (measure, result)
        assert 0 < result.met < result.total, (measure, result)
    steps: dict[str, list[int]] = {}
    for r in selectors.timeliness(provider.pk, period, "venue"):
        steps.setdefault(r["measure"], [0, 0])
        steps[r["measure"]][0] += r["met"]
        steps[r["measure"]][1] += r["total"]
    for measure in ("induction", "plan", "review", "breach_action"):
        met, total = steps[measure]
        assert 0 < met < total, (measure, met, total)
    for measure in ("induction", "plan"):
        met, total = steps[measure]
        assert 0.65 * total <= met <= 0.92 * total, (measure, met, total)
    needs = selectors.needs(provider.pk, period, "venue")
    met, total = sum(r["met"] for r in needs), sum(r["total"] for r in needs)
    assert 0 < met < total
    # Objectives address the areas the self-assessment scored low (§6, §8).
    addressed = set(Objective.objects.filter(need_kind="area").values_list("area_code", flat=True))
    assert addressed and addressed <= {c for i, c in enumerate(codes) if i % 3 == 0}
    # Enforcement follows recorded unacceptable absences; breaches follow their actions.
    assert EnforcementAction.objects.filter(absence__isnull=True).count() == 0
    assert EnforcementAction.objects.filter(kind="warning").count() >= 20
    assert Breach.objects.filter(outcome="revoked").exists()
    assert Absence.objects.filter(status="unacceptable").count() == EnforcementAction.objects.count()

    # §14 reviews follow the band's interval: a few active cases are overdue, not every case
    # the generator never reviewed (the demo showed 466 reviews up to 939 days overdue).
    from desist.reviews import selectors as reviews
    from desist.reviews.models import Review

    reviewed = set(Review.objects.values_list("person_id", flat=True))
    active = Person.objects.filter(provider=provider, active=True).count()
    assert len(reviewed) >= 0.5 * active, (len(reviewed), active)
    overdue = [due for _person, due in reviews.overdue_reviews(REF, provider.pk, None)]
    assert 0 < len(overdue) <= 0.1 * active, (len(overdue), active)
    assert max((REF - due.due_on).days for due in overdue) <= 200

    before = _rows()
    assert "casework already recorded" in demo.seed(REF)
    assert _rows() == before
