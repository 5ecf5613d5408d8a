"""The demo showcase cases for induction, self-assessment and the plan (issue 5)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from desist.people.models import Person
from desist.planning import demo, selectors, services
from desist.rules import induction
from desist.worklist.models import Task

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_showcase_cases_are_seeded_once_and_show_the_issue_checks():
    out = StringIO()
    call_command("demo", people="30", no_serve=True, stdout=out)
    assert "3 showcase cases" in out.getvalue()
    today = timezone.localdate()

    older = Person.objects.get(crn="Q000001")
    assert older.age_on(today) == 69 and older.responsible_officer.user.username == "officer"
    answers = {k: v for k, v in services.screen_defaults(older, today).items()
               if k not in ("ethnicity", "religion")}
    screen = induction.InductionScreen(**answers, anxiety_or_vulnerability=True,
                                       work_clashes_with_group_times=False)
    assert induction.screen_for_group_induction(screen).mode == "individual"

    needs = Person.objects.get(crn="Q000002")
    plan = selectors.current_plan(needs)
    assert [a.code for a in selectors.needs(needs, plan)["unaddressed"]] == [
        "home", "substances", "time"]
    assert Task.objects.filter(person=needs, kind="reading_review", status="open").exists()

    da = Person.objects.get(crn="Q000003")
    blockers = [r.code for r in services.gate(selectors.current_plan(da), today).blockers]
    assert blockers == ["s8_rmp_missing", "s7_check_stale", "s7_check_missing"]

    assert demo.seed(today).startswith("0 showcase cases")
