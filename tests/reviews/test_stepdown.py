"""Step-down through a recorded review; refused while DA actions are open; pull back; the hub's
remote caseload; telephone contact (§10; F10)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.reviews import selectors, services
from desist.reviews.models import StepDown
from desist.risk.models import SafeguardingCheck
from desist.scopes import reviews as scoped

from .helpers import TODAY, approved_reading, fresh_checks, plan_with_objective, review_kwargs

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(staff_by_role):
    return staff_by_role[Role.RESPONSIBLE_OFFICER].user


@pytest.fixture
def reviewed(case, officer):
    """The DA case, interventions done, checks fresh, reviewed confirming no open actions."""
    case.referrals.update(status="completed")
    fresh_checks(case)
    review = services.review_record(acting_user=officer, **review_kwargs(
        case, approved_reading(case), plan_with_objective(case), no_open_risk_actions=True))
    return case, review


def test_f10_step_down_refused_for_da_case_with_open_action(reviewed, officer):
    """Checked by: step-down refused for a DA case with an open action."""
    case, _review = reviewed
    SafeguardingCheck.objects.create(person=case, kind="police_domestic_abuse",
                                     requested_on=TODAY)  # requested, not back: open
    with pytest.raises(services.StepDownRefused) as refused:
        services.step_down(acting_user=officer, person=case, review_id=None,
                           destination="telephone", today=TODAY)
    assert refused.value.code == "step_down_blocked" and refused.value.conflict
    assert "open_domestic_abuse_actions" in refused.value.params["blocks"]
    assert not StepDown.objects.exists()
    assert AuditEvent.objects.filter(event="step_down_refused", crn=case.crn).exists()


def test_step_down_needs_a_recorded_review(case, officer):
    case.referrals.update(status="completed")
    fresh_checks(case)
    with pytest.raises(services.StepDownRefused) as refused:
        services.step_down(acting_user=officer, person=case, review_id=None,
                           destination="telephone", today=TODAY)
    assert "no_review" in refused.value.params["blocks"]


def test_step_down_then_pull_back_in_one_step(reviewed, officer, staff_by_role):
    case, review = reviewed
    row = services.step_down(acting_user=officer, person=case, review_id=review.pk,
                             destination="telephone", today=TODAY)
    assert row.review == review and row.contact_every_days == 28
    assert row.warnings == []  # a community order: no licence warning
    with pytest.raises(services.StepDownRefused):
        services.step_down(acting_user=officer, person=case, review_id=review.pk,
                           destination="telephone", today=TODAY)
    # the hub sees it on its remote caseload and records a call; the officer sees the call
    hub = staff_by_role[Role.HUB_ADMIN].user
    rows = scoped.remote_caseload(hub, TODAY)
    assert [r["person"] for r in rows] == [case] and rows[0]["last_contact"] is None
    at = timezone.now() - dt.timedelta(hours=1)
    call = services.telephone_contact_record(acting_user=hub, person=case, at=at,
                                             outcome="attended", notes="All well")
    assert call.kind == "telephone" and call.outcome == "attended"
    case.refresh_from_db()
    assert case.last_contact_on == timezone.localdate(at)  # counts toward contact (§10)
    assert selectors.hub_contacts(case, row.started_on) == [call]
    assert scoped.remote_caseload(hub, TODAY)[0]["last_contact"] == timezone.localdate(at)
    back = services.step_down_pull_back(acting_user=officer, step_down=row, reason="New arrest")
    assert back.ended_on is not None and selectors.active_step_down(case) is None
    assert AuditEvent.objects.filter(event="step_down_pulled_back").exists()


def test_a_step_down_stores_its_reasons_with_their_templates(reviewed, officer):
    """ADR 0016: the reasons stored with a step-down are records (template and parameters), so
    they can be said in the reader's language later."""
    case, review = reviewed
    row = services.step_down(acting_user=officer, person=case, review_id=review.pk,
                             destination="telephone", today=TODAY)
    assert row.reasons[0]["code"] == "s10_stepdown_allowed"
    assert row.reasons[0]["template"] == row.reasons[0]["text"]  # no parameters in it
    assert row.reasons[0]["params"] == {}


def test_long_licence_warns_but_allows(reviewed, officer):
    case, review = reviewed
    sentence = case.sentences.get()
    sentence.type = "licence"
    sentence.custodial_months = 24
    sentence.release_date = dt.date(2026, 6, 1)
    sentence.licence_end_date = dt.date(2028, 1, 1)
    sentence.save()
    gate = selectors.step_down_gate(case, TODAY, review)
    assert gate.allowed and gate.warnings == ("long_licence_remaining",)


def test_remote_caseload_query_count_does_not_grow(reviewed, officer, staff_by_role,
                                                  django_assert_max_num_queries):
    case, review = reviewed
    services.step_down(acting_user=officer, person=case, review_id=review.pk,
                       destination="telephone", today=TODAY)
    hub = staff_by_role[Role.HUB_ADMIN].user
    with django_assert_max_num_queries(3):
        scoped.remote_caseload(hub, TODAY)


def test_the_blocked_step_down_names_each_open_action(reviewed, officer, client_for,
                                                      staff_by_role):
    """An officer told "1 domestic abuse action is still open" must be able to find it: the
    Reviews tab lists each open action with its date (requested check, unacknowledged agency
    information, home visit not made)."""
    from desist.risk.models import AgencyInformation, HomeVisit

    case, _review = reviewed
    today = timezone.localdate()
    SafeguardingCheck.objects.create(person=case, kind="police_domestic_abuse",
                                     requested_on=today - dt.timedelta(days=3))
    AgencyInformation.objects.create(person=case, agency="marac", received_on=today,
                                     summary="Incident at the address")
    HomeVisit.objects.create(person=case, planned_for=today + dt.timedelta(days=7),
                             purpose="See the new address")

    actions = selectors.open_action_list(case, today)
    assert sorted(action.group for action in actions) == ["domestic_abuse", "domestic_abuse",
                                                          "risk"]
    assert selectors.open_actions(case, today) == {"risk": 1, "domestic_abuse": 2, "child": 0}

    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    page = client.get(f"/cases/{case.crn}/reviews").content.decode()
    listed = page[page.index('id="open-actions"'):]
    listed = listed[:listed.index("</ul>")]
    assert "check requested on" in listed and ", result not back" in listed
    assert "MARAC information not yet acknowledged, received" in listed
    assert "Home visit not yet made, planned for" in listed
    assert listed.count("<li>") == 3
