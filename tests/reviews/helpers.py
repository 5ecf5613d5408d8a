"""Shared set-up for review, step-down and check-in tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

TODAY = dt.date(2026, 11, 20)


def approved_reading(person, taken_on=TODAY):
    from desist.assessment.models import Reading
    from desist.assessment.services import active_instrument

    return Reading.objects.create(person=person, instrument=active_instrument(person.provider),
                                  taken_on=taken_on, scores={"home": 5}, status="approved",
                                  approved_at=timezone.now())


def plan_with_objective(person):
    from desist.planning.models import Objective, Plan

    plan = Plan.objects.create(person=person, started_on=TODAY, due_on=TODAY)
    return Objective.objects.create(plan=plan, text="Find settled housing", need_kind="area",
                                    area_code="home", services="Housing partner")


def fresh_checks(person, on=TODAY):
    from desist.risk.models import SafeguardingCheck

    for kind in ("police_domestic_abuse", "childrens_social_care"):
        SafeguardingCheck.objects.create(person=person, kind=kind, requested_on=on,
                                         completed_on=on, result="no_information")


def review_kwargs(person, reading, objective, **overrides):
    base = {"person": person, "reviewed_on": TODAY, "reading_id": reading.pk,
            "compliance": "good", "risk_change": "same",
            "progress": {objective.pk: ("some", "Viewing a flat")}, "today": TODAY}
    base.update(overrides)
    return base
