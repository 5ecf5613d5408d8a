"""The demo showcase cases for induction, self-assessment and the plan (issue 5)."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from desist.induction import services as induction_services
from desist.people.models import Person
from desist.planning import demo, selectors, services
from desist.risk import selectors as risk_selectors
from desist.rules import induction
from desist.worklist.models import Task

pytestmark = pytest.mark.django_db


def test_demo_showcase_cases_are_shaped_once_and_show_the_issue_checks():
    out = StringIO()
    call_command("demo", people="60", no_serve=True, stdout=out)
    found = re.search(r"induction (\w+) .*; needs (\w+) .*; DA plan (\w+) ", out.getvalue())
    assert found, out.getvalue()
    older, needs, da = (Person.objects.get(crn=crn) for crn in found.groups())
    # shaped from generated cases, not added (other features add their own showcase cases)
    assert not Person.objects.filter(crn__in=found.groups()).exclude(crn__startswith="T").exists()
    today = timezone.localdate()

    assert older.age_on(today) == 69 and older.previous_sanctions == 0
    assert older.responsible_officer.user.username == "officer"
    assert risk_selectors.bbr_referral(older)
    answers = {k: v for k, v in induction_services.screen_defaults(older, today).items()
               if k not in ("ethnicity", "religion")}
    screen = induction.InductionScreen(**answers, anxiety_or_vulnerability=True,
                                       work_clashes_with_group_times=False)
    assert induction.screen_for_group_induction(screen).mode == "individual"

    plan = selectors.current_plan(needs)
    assert [a.code for a in selectors.needs(needs, plan)["unaddressed"]] == [
        "home", "substances", "time"]
    assert Task.objects.filter(person=needs, kind="reading_review", status="open").exists()

    blockers = [r.code for r in services.gate(selectors.current_plan(da), today).blockers]
    assert blockers[:4] == ["s8_rmp_missing", "s7_check_stale", "s7_check_missing",
                            "s7_information_unacknowledged"]
    assert services.gate(selectors.current_plan(da), today).countersign

    again = demo.seed(today)
    assert again.startswith(f"induction {older.crn}")
    assert selectors.current_plan(da).objectives.count() == 4
    assert Task.objects.filter(person=needs, kind="reading_review").count() == 1
