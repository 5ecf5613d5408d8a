"""Recording reviews: the stale-check gate, new reading, progress per objective, the manager
flag when risk rose without adjustment, and overdue reviews on worklists (§14, §7; F9)."""

from __future__ import annotations

import datetime as dt

import pytest

from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.reviews import selectors, services
from desist.reviews.models import Review
from desist.worklist.models import Task
from tests import factories as f

from .helpers import TODAY, approved_reading, fresh_checks, plan_with_objective, review_kwargs

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(staff_by_role):
    return staff_by_role[Role.RESPONSIBLE_OFFICER].user


def test_f9_review_of_child_flagged_case_with_stale_check_is_refused(case, officer):
    """Checked by: a review of a child-flagged case with a stale check is refused."""
    f.RegistrationFactory(person=case, type="child_concern")
    fresh_checks(case, on=TODAY - dt.timedelta(days=120))  # stale: 91-day validity
    reading, objective = approved_reading(case), plan_with_objective(case)
    with pytest.raises(services.ReviewRefused) as refused:
        services.review_record(acting_user=officer, **review_kwargs(case, reading, objective))
    assert refused.value.code == "checks_out_of_date" and refused.value.conflict
    assert "out of date" in refused.value.message
    assert not Review.objects.exists()
    assert AuditEvent.objects.filter(event="review_refused", crn=case.crn).exists()


def test_review_recorded_with_progress_and_fresh_checks(case, officer):
    fresh_checks(case)
    reading, objective = approved_reading(case), plan_with_objective(case)
    review = services.review_record(acting_user=officer, **review_kwargs(case, reading, objective))
    assert review.progress.get().progress == "some"
    assert review.reading == reading and not review.flagged
    assert {c["status"] for c in review.checks} == {"fresh"}
    assert AuditEvent.objects.filter(event="review_recorded", object_id=str(review.pk)).exists()


def test_review_needs_a_new_reading_and_progress_on_every_objective(case, officer):
    fresh_checks(case)
    reading, objective = approved_reading(case), plan_with_objective(case)
    with pytest.raises(services.ReviewRefused) as refused:
        services.review_record(acting_user=officer, **review_kwargs(
            case, reading, objective, reading_id=None))
    assert refused.value.code == "no_new_reading"
    with pytest.raises(services.ReviewRefused) as refused:
        services.review_record(acting_user=officer, **review_kwargs(
            case, reading, objective, progress={}))
    assert refused.value.code == "progress_missing"
    services.review_record(acting_user=officer, **review_kwargs(case, reading, objective))
    later = TODAY + dt.timedelta(days=10)
    with pytest.raises(services.ReviewRefused) as refused:  # same reading again
        services.review_record(acting_user=officer, **review_kwargs(
            case, reading, objective, reviewed_on=later, today=later))
    assert refused.value.code == "no_new_reading"
    assert Review.objects.count() == 1


def test_rosh_rose_without_adjustment_is_flagged_to_the_manager(case, officer):
    """Checked by: a review where RoSH rose without adjustment is flagged to the manager."""
    fresh_checks(case)
    reading, objective = approved_reading(case), plan_with_objective(case)
    review = services.review_record(acting_user=officer, **review_kwargs(
        case, reading, objective, risk_change="higher", rosh_after="high"))
    assert review.flagged and review.reasons[0]["code"] == "s14_risk_rose_not_adjusted"
    task = Task.objects.get(kind="review_risk_unadjusted")
    assert task.queue == "manager" and task.person == case
    assert "medium to high" in task.detail


def test_rosh_rose_with_adjustment_is_not_flagged(case, officer):
    fresh_checks(case)
    reading, objective = approved_reading(case), plan_with_objective(case)
    review = services.review_record(acting_user=officer, **review_kwargs(
        case, reading, objective, risk_change="higher", rosh_after="high",
        adjustments="Weekly home visits added"))
    assert not review.flagged
    assert not Task.objects.filter(kind="review_risk_unadjusted").exists()


def test_overdue_reviews_go_on_officer_and_manager_worklists(case, officer):
    # Sentence started 2026-06-01; the case is not banded: every 84 days → due 2026-08-24.
    assert selectors.review_due(case, dt.date(2026, 8, 24)).overdue is False
    result = services.raise_overdue_review_tasks(today=dt.date(2026, 8, 25))
    assert result == {"overdue": 1, "raised": 2}
    officer_task = Task.objects.get(kind="review_overdue")
    assert officer_task.assigned_to == case.responsible_officer
    assert Task.objects.get(kind="review_overdue_manager").queue == "manager"
    assert services.raise_overdue_review_tasks(today=dt.date(2026, 8, 26))["raised"] == 0
    # recording the review closes both
    fresh_checks(case, on=dt.date(2026, 8, 26))
    reading, objective = approved_reading(case, dt.date(2026, 8, 26)), plan_with_objective(case)
    services.review_record(acting_user=officer, **review_kwargs(
        case, reading, objective, reviewed_on=dt.date(2026, 8, 26), today=dt.date(2026, 8, 26)))
    assert not Task.objects.filter(kind__startswith="review_overdue", status="open").exists()


def test_significant_event_brings_the_review_forward(case, officer):
    day = dt.date(2026, 7, 1)  # the 84-day interval from the 1 June start runs to 24 August
    assert selectors.review_due(case, day).trigger == "interval"
    services.significant_event_record(acting_user=officer, person=case, kind="arrest",
                                      occurred_on=day, today=day)
    due = selectors.review_due(case, day)
    assert due.trigger == "arrest" and due.due_on == day + dt.timedelta(days=10)
    with pytest.raises(services.ReviewRefused):
        services.significant_event_record(acting_user=officer, person=case, kind="arrest",
                                          occurred_on=day + dt.timedelta(1), today=day)


def test_events_desist_already_holds_bring_the_review_forward(case, officer):
    """A registration added, a RoSH change assessed, a breach started: no need to record them
    twice (§14). A registration from the start of the order is not an event."""
    from desist.risk.models import RiskAssessment

    day = dt.date(2026, 7, 1)
    assert selectors.review_due(case, day).trigger == "interval"  # DA flag from 1 June
    f.RegistrationFactory(person=case, type="child_concern", start_date=dt.date(2026, 6, 20))
    due = selectors.review_due(case, day)
    assert due.trigger == "new_registration" and due.due_on == dt.date(2026, 6, 30)
    RiskAssessment.objects.create(person=case, rosh="high", previous_rosh="medium",
                                  reasons="x", previous_convictions="x", past_behaviour="x",
                                  assessed_on=dt.date(2026, 6, 15))
    assert selectors.review_due(case, day).trigger == "rosh_change"
    overdue = dict((p.crn, d) for p, d in selectors.overdue_reviews(day))
    assert overdue[case.crn].trigger == "rosh_change"


def test_a_change_of_address_on_the_case_brings_the_review_forward(case, officer):
    """§14: a change of address is a significant event; editing the address on the personal
    details records it, so nobody has to enter it twice. Other edits are not events."""
    from django.utils import timezone

    from desist.people.services import person_update_details
    from desist.reviews.models import SignificantEvent

    case.refresh_from_db()
    person_update_details(acting_user=officer, person=case, expected_version=case.version,
                          changes={"phone": "07700 900123"})
    assert not SignificantEvent.objects.filter(person=case).exists()
    case.refresh_from_db()
    person_update_details(acting_user=officer, person=case, expected_version=case.version,
                          changes={"address": "2 New Street, Newcastle", "postcode": "NE1 4AA"})
    event = SignificantEvent.objects.get(person=case)
    assert event.kind == "change_of_address" and event.occurred_on == timezone.localdate()
    assert AuditEvent.objects.filter(event="significant_event_recorded", crn=case.crn).exists()


def test_each_write_on_the_reviews_tab_has_its_own_route(case, officer, staff_by_role, client):
    """Issue 14: no write multiplexed on ``action``. The tab only reads; a significant event
    posts to its own route with its own access rule, and an auditor is refused there."""
    from django.urls import reverse

    from desist.reviews.models import SignificantEvent
    from tests.refusals import nothing_written

    event = {"kind": "arrest", "occurred_on": TODAY.isoformat(), "note": "Arrested"}
    client.force_login(officer)
    with nothing_written(SignificantEvent):
        assert client.post(reverse("reviews:case", kwargs={"crn": case.crn}),
                           {"action": "event", **event}).status_code == 405
    page = client.get(reverse("reviews:case", kwargs={"crn": case.crn})).content.decode()
    assert f'action="{reverse("reviews:event", kwargs={"crn": case.crn})}"' in page
    with nothing_written(SignificantEvent):
        blank = client.post(reverse("reviews:event", kwargs={"crn": case.crn}), {})
    assert blank.status_code == 400 and "Choose what happened" in blank.content.decode()
    recorded = client.post(reverse("reviews:event", kwargs={"crn": case.crn}), event)
    assert recorded.status_code == 302
    assert SignificantEvent.objects.filter(person=case, note="Arrested").exists()
    client.force_login(staff_by_role[Role.AUDITOR].user)
    with nothing_written(SignificantEvent):
        assert client.post(reverse("reviews:event", kwargs={"crn": case.crn}),
                           event).status_code == 403
