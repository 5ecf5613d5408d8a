"""Two writers never lose an update (issue 13 item 5): optimistic locking on the editable records.

Two members of staff open the same form (each page carries the record's version in a hidden
field); the first saves; the second's save, made from the page they opened before it, is refused
(409, "changed since you opened it") and the first one's words stay. Without the version the
second save would silently overwrite the first.
"""

from __future__ import annotations

import re
import threading

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from desist.forms import StaleRecordError
from desist.organisation.roles import Role
from desist.people.models import Person
from desist.people.services import person_update_details
from desist.planning import services as planning
from desist.planning.models import Plan, RiskManagementPlan
from tests.planning.helpers import approved_reading
from tests.refusals import nothing_written

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
HIDDEN = re.compile(r'<input[^>]*type="hidden"[^>]*>')
ATTR = re.compile(r'(name|value)="([^"]*)"')


def hidden_fields(page: str) -> dict:
    fields = {}
    for tag in HIDDEN.findall(page):
        attrs = dict(ATTR.findall(tag))
        if "name" in attrs and attrs["name"] != "csrfmiddlewaretoken":
            fields[attrs["name"]] = attrs.get("value", "")
    return fields


def _plan(case, user) -> Plan:
    approved_reading(user, case)
    return planning.start_plan(acting_user=user, person=case, today=TODAY)


def personal_details(case, user):
    def data(who):
        return {"address": f"{who} Road", "postcode": "NE2 2BB", "phone": "0191 000 0000",
                "employment_status": "employed_full_time", "work_starts_at": "09:00",
                "work_ends_at": "17:00", "dependants": "1"}
    return (f"/cases/{case.crn}/personal-details", data,
            lambda: Person.objects.get(pk=case.pk).address)


def risk_assessment(case, user):
    def data(who):
        return {"rosh": "medium", "rosh_to": ["known_adult"], "reasons": f"{who} reasons",
                "previous_convictions": "Two", "past_behaviour": "Call-outs",
                "assessed_on": "2026-11-20"}
    return (f"/cases/{case.crn}/risk/assessment", data,
            lambda: case.risk_assessments.order_by("-pk").first().reasons)


def risk_management_plan(case, user):
    plan = _plan(case, user)

    def data(who):
        return {"victims": f"{who}: ex-partner", "agencies": "MARAC", "home_visits": "Monthly",
                "contingency": "Call police"}
    return (f"/cases/{case.crn}/plan/{plan.pk}/risk-management", data,
            lambda: RiskManagementPlan.objects.get(plan=plan).victims)


def plan_agreement(case, user):
    plan = _plan(case, user)

    def data(who):
        return {"agreed": "yes", "comments": f"{who} went through it", "diversity_notes": "",
                "agreed_on_day": str(TODAY.day), "agreed_on_month": str(TODAY.month),
                "agreed_on_year": str(TODAY.year)}
    return (f"/cases/{case.crn}/plan/{plan.pk}/agreement", data,
            lambda: Plan.objects.get(pk=plan.pk).person_comments)


FORMS = [personal_details, risk_assessment, risk_management_plan, plan_agreement]


@pytest.mark.parametrize("form", FORMS, ids=[f.__name__ for f in FORMS])
def test_the_second_of_two_writers_is_refused_and_the_first_stays(form, case, staff_by_role):
    officer, manager = staff_by_role[Role.RESPONSIBLE_OFFICER], staff_by_role[Role.MANAGER]
    url, data, saved = form(case, officer.user)
    first, second = Client(), Client()
    first.force_login(officer.user)
    second.force_login(manager.user)
    opened = {who: hidden_fields(c.get(url).content.decode())
              for who, c in (("first", first), ("second", second))}
    assert "version" in opened["second"], "the form does not carry the record's version"
    done = first.post(url, {**opened["first"], **data("first")})
    assert done.status_code == 302, done.content.decode()[:2000]
    with nothing_written(Person, Plan, RiskManagementPlan):
        late = second.post(url, {**opened["second"], **data("second")})
    assert late.status_code == 409
    assert "changed" in late.content.decode()
    assert saved().startswith("first")
    # Having seen the refusal, the second writer reopens the page and saves on top, knowingly.
    reopened = hidden_fields(second.get(url).content.decode())
    assert second.post(url, {**reopened, **data("second")}).status_code == 302
    assert saved().startswith("second")


def _race(*writes) -> list:
    """Run the writes at once, each in its own thread and database connection; returns each
    one's result or the exception it raised."""
    from django.db import connection

    barrier = threading.Barrier(len(writes))
    results: list = [None] * len(writes)

    def run(i, write):
        try:
            barrier.wait()
            results[i] = write()
        except Exception as exc:  # noqa: BLE001 - the refusal is the result
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, w)) for i, w in enumerate(writes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_two_writers_at_the_same_moment_one_wins_one_is_refused(case, staff_by_role):
    """Real concurrency (two connections): whatever the interleaving, one save and one refusal."""
    officer, manager = staff_by_role[Role.RESPONSIBLE_OFFICER], staff_by_role[Role.MANAGER]
    plan = _plan(case, officer.user)
    version = Plan.objects.get(pk=plan.pk).version

    def rmp(user, who):
        return lambda: planning.save_rmp(acting_user=user, plan=plan, victims=f"{who} victims",
                                         agencies="MARAC", home_visits="Monthly",
                                         contingency="Police", expected_version=version)

    def details(user, who):
        return lambda: person_update_details(acting_user=user, person=case, expected_version=1,
                                             changes={"address": f"{who} Road"})

    for make, saved in ((rmp, lambda: RiskManagementPlan.objects.get(plan=plan).victims),
                        (details, lambda: Person.objects.get(pk=case.pk).address)):
        results = _race(make(officer.user, "first"), make(manager.user, "second"))
        # PostgreSQL: the second waits for the first's row lock, then finds the version moved.
        # SQLite (the demo's in-memory test database) refuses the second writer's lock outright
        # ("table is locked": a 409 through DatabaseBusyMiddleware). Either way, not both.
        refused = [r for r in results if isinstance(r, StaleRecordError) or (
            isinstance(r, OperationalError) and "locked" in str(r))]
        assert len(refused) == 1 and len(results) == 2, results
        winner = "first" if not isinstance(results[0], Exception) else "second"
        assert saved().startswith(winner)
