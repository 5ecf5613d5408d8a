"""Risk of harm: RoSH with reasons and history, escalation, checks as tasks, agency information,
home visits, the partner link worker for BBR (§7)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from desist.organisation.roles import Role
from desist.people.models import Person
from desist.risk.models import (
    AgencyInformation,
    HomeVisit,
    PartnerLinkWorker,
    RiskAssessment,
    SafeguardingCheck,
)
from desist.worklist.models import Task
from tests.refusals import nothing_written

from .. import factories as f

pytestmark = pytest.mark.django_db

ASSESS = {"rosh_to": ["known_adult", "children"], "reasons": "Escalating threats to ex-partner",
          "previous_convictions": "Two previous assaults on partners",
          "past_behaviour": "Police call-outs in 2025", "assessed_on": "2026-11-20"}


def test_rosh_rising_to_high_raises_the_escalation_task(case, client_for, staff_by_role):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    with nothing_written(RiskAssessment, Person, Task):
        missing = client.post(f"/cases/{case.crn}/risk/assessment",
                              {**ASSESS, "rosh": "high", "past_behaviour": "",
                               "version": case.version})
    assert missing.status_code == 400 and "past behaviour" in missing.content.decode()
    assert client.post(f"/cases/{case.crn}/risk/assessment",
                       {**ASSESS, "rosh": "high", "version": case.version}).status_code == 302
    case.refresh_from_db()
    assert case.rosh == "high" and case.rosh_to == ["known_adult", "children"]
    task = Task.objects.get(kind="risk_escalation", person=case)
    assert task.key == f"risk_escalation:{case.crn}:2026-11-20" and task.due_on is not None
    assert "outside the CRC's remit" in task.detail
    page = client.get(f"/cases/{case.crn}/risk/").content.decode()
    assert "Escalating threats" in page and "Two previous assaults" in page


def test_stale_version_is_refused(case, client_for, staff_by_role):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    with nothing_written(RiskAssessment, Person):
        response = client.post(f"/cases/{case.crn}/risk/assessment",
                               {**ASSESS, "rosh": "low", "version": case.version + 5})
    assert response.status_code == 409


def test_agency_information_must_be_acknowledged_with_what_it_changes(
        case, client_for, staff_by_role):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    client.post(f"/cases/{case.crn}/risk/information/new", {
        "agency": "marac", "received_on": "2026-11-19", "summary": "Discussed at MARAC"})
    item = AgencyInformation.objects.get(person=case)
    assert Task.objects.get(kind="agency_information").status == "open"
    url = f"/cases/{case.crn}/risk/information/{item.pk}"
    with nothing_written(AgencyInformation, Task):
        assert client.post(url, {"what_it_changes": ""}).status_code == 400
    assert client.post(url, {"what_it_changes": "Raise home visits to fortnightly"}
                       ).status_code == 302
    item.refresh_from_db()
    assert item.acknowledged_at and item.what_it_changes.startswith("Raise")
    assert Task.objects.get(kind="agency_information").status == "done"
    with nothing_written(AgencyInformation, Task):
        assert client.post(url, {"what_it_changes": "again"}).status_code == 409


def test_home_visits_planned_and_recorded(case, client_for, staff_by_role):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    page = client.get(f"/cases/{case.crn}/risk/home-visits/new").content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)  # one-time form token
    client.post(f"/cases/{case.crn}/risk/home-visits/new",
                {"planned_for": "2026-11-27", "purpose": "Check who lives at the address",
                 "form_token": token})
    visit = HomeVisit.objects.get(person=case)
    client.post(f"/cases/{case.crn}/risk/home-visits/{visit.pk}",
                {"visited_on": "2026-11-27", "outcome": "Lives alone; address suitable"})
    visit.refresh_from_db()
    assert visit.visited_on and "alone" in visit.outcome


def test_bbr_referral_needs_a_partner_link_worker(case, client_for, staff_by_role):
    f.RequirementFactory(sentence=case.sentences.get(), type="programme", rar_days=None,
                         programme="BBR")
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    page = client.get(f"/cases/{case.crn}/risk/").content.decode()
    assert "Building Better Relationships with no partner link worker" in page
    client.post(f"/cases/{case.crn}/risk/partner-link-worker", {
        "name": "Jo Bell", "organisation": "Women's Service", "assigned_on": "2026-11-20"})
    assert PartnerLinkWorker.objects.get(person=case).name == "Jo Bell"
    assert "Jo Bell" in client.get(f"/cases/{case.crn}/risk/").content.decode()


def test_checks_api_requests_a_check_and_raises_a_task(case, client_for, staff_by_role):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    response = client.post(f"/api/cases/{case.crn}/checks",
                           {"kind": "childrens_social_care", "requested_on": "2026-11-20"},
                           content_type="application/json")
    assert response.status_code == 201
    assert Task.objects.filter(kind="safeguarding_check", person=case).exists()
    assert len(client.get(f"/api/cases/{case.crn}/checks").json()) == 1


def test_checks_api_records_the_result_and_closes_the_task(case, client_for, staff_by_role):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    created = client.post(f"/api/cases/{case.crn}/checks",
                          {"kind": "police_domestic_abuse", "requested_on": "2026-11-10"},
                          content_type="application/json").json()
    with nothing_written(SafeguardingCheck, Task):
        early = client.patch(f"/api/cases/{case.crn}/checks/{created['id']}",
                             {"completed_on": "2026-11-01", "result": "no_information"},
                             content_type="application/json")
    assert early.status_code == 400 and "completed_on" in early.json()["error"]["fields"]
    done = client.patch(f"/api/cases/{case.crn}/checks/{created['id']}",
                        {"completed_on": "2026-11-12", "result": "concerns",
                         "details": "Call-out in October"}, content_type="application/json")
    assert done.status_code == 200 and done.json()["result"] == "concerns"
    assert Task.objects.get(kind="safeguarding_check", person=case).status == "done"
    auditor = client_for(staff_by_role[Role.AUDITOR])
    with nothing_written(SafeguardingCheck, Task):
        assert auditor.patch(f"/api/cases/{case.crn}/checks/{created['id']}", {},
                             content_type="application/json").status_code == 403


def test_check_dates_in_the_future_are_refused(case, client_for, staff_by_role):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    future = (timezone.localdate() + dt.timedelta(days=30)).isoformat()  # within the window
    with nothing_written(SafeguardingCheck):
        response = client.post(f"/cases/{case.crn}/risk/checks/new",
                               {"kind": "police_domestic_abuse", "requested_on": future})
    assert response.status_code == 400 and "in the future" in response.content.decode()
    client.post(f"/cases/{case.crn}/risk/checks/new",
                {"kind": "police_domestic_abuse", "requested_on": "2026-11-01"})
    check = case.safeguarding_checks.get()
    with nothing_written(SafeguardingCheck):
        response = client.post(f"/cases/{case.crn}/risk/checks/{check.pk}",
                               {"completed_on": future, "result": "no_information"})
    assert response.status_code == 400 and "in the future" in response.content.decode()
    assert client.get(f"/cases/{case.crn}/plan/").status_code == 200


# --- A result is recorded once; a new result is a new check (§7, F9) ---------------------------


def _completed_check(case, officer_user, days_ago):
    from desist.risk import services

    today = timezone.localdate()
    check = services.request_check(acting_user=officer_user, person=case,
                                   kind="police_domestic_abuse",
                                   requested_on=today - dt.timedelta(days=days_ago + 2))
    return services.record_check_result(acting_user=officer_user, check=check,
                                        completed_on=today - dt.timedelta(days=days_ago),
                                        result="concerns", details="Call-out in the summer")


def test_s7_a_recorded_result_cannot_be_saved_over(case, staff_by_role):
    from desist.risk import selectors, services

    user = staff_by_role[Role.RESPONSIBLE_OFFICER].user
    check = _completed_check(case, user, days_ago=120)
    today = timezone.localdate()
    with pytest.raises(services.RiskRefused, match="request a new check"):
        services.record_check_result(acting_user=user, check=check, completed_on=today,
                                     result="no_information", details="")
    check.refresh_from_db()
    assert check.result == "concerns" and check.details == "Call-out in the summer"
    assert check.completed_on == today - dt.timedelta(days=120)
    states, _ = selectors.check_states(case, today)
    assert {s.kind: s.status for s in states}["police_domestic_abuse"] == "stale"


def test_s7_the_check_page_shows_a_recorded_result_and_offers_a_new_check(
        case, client_for, staff_by_role):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    check = _completed_check(case, officer.user, days_ago=120)
    client = client_for(officer)
    url = f"/cases/{case.crn}/risk/checks/{check.pk}"
    page = client.get(url).content.decode()
    assert "Concerns identified" in page and "Call-out in the summer" in page
    assert 'name="completed_on"' not in page  # no form to save over the result
    assert f"/cases/{case.crn}/risk/checks/new?kind=police_domestic_abuse" in page
    today = timezone.localdate().isoformat()
    with nothing_written(SafeguardingCheck, Task):
        response = client.post(url, {"completed_on": today, "result": "no_information"})
    assert response.status_code == 409
    check.refresh_from_db()
    assert check.result == "concerns" and check.completed_on != timezone.localdate()

    new_page = client.get(f"/cases/{case.crn}/risk/checks/new?kind=police_domestic_abuse")
    assert 'value="police_domestic_abuse" selected' in new_page.content.decode()
    client.post(f"/cases/{case.crn}/risk/checks/new",
                {"kind": "police_domestic_abuse", "requested_on": today})
    fresh = case.safeguarding_checks.exclude(pk=check.pk).get()
    assert client.post(f"/cases/{case.crn}/risk/checks/{fresh.pk}",
                       {"completed_on": today, "result": "no_information"}).status_code == 302
    risk = client.get(f"/cases/{case.crn}/risk/").content.decode()
    history = risk.split("All checks")[1]
    assert "Concerns identified" in history and "No information held" in history


def test_s7_checks_api_refuses_a_second_result(case, client_for, staff_by_role):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    check = _completed_check(case, officer.user, days_ago=120)
    with nothing_written(SafeguardingCheck, Task):
        response = client_for(officer).patch(
            f"/api/cases/{case.crn}/checks/{check.pk}",
            {"completed_on": timezone.localdate().isoformat(), "result": "no_information"},
            content_type="application/json")
    assert response.status_code == 409
    assert "request a new check" in response.json()["error"]["message"]
    check.refresh_from_db()
    assert check.result == "concerns"
