"""Case audit and oversight journeys in Chromium (issue 18), each page checked with axe-core."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from desist.organisation.roles import Role
from desist.oversight import services
from desist.oversight.models import AuditAnswer

from .. import factories as f
from ..conftest import make_staff
from .conftest import axe, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_auditor_answers_the_key_questions_and_cannot_open_an_unsampled_case(
        page, provider, team, staff_by_role):
    officers = [staff_by_role[Role.RESPONSIBLE_OFFICER],
                *[make_staff(provider, Role.RESPONSIBLE_OFFICER, username=f"po{i}", team=team)
                  for i in range(4)]]
    released = timezone.localdate() - dt.timedelta(weeks=6)
    for i in range(20):
        person = f.PersonFactory(provider=provider, team=team, rosh="high",
                                 responsible_officer=officers[i % 5])
        f.SentenceFactory(person=person, type="licence", start_date=released,
                          sentence_date=released - dt.timedelta(days=400),
                          release_date=released)
    auditor = staff_by_role[Role.AUDITOR]
    audit_round = services.round_start(
        acting_user=auditor.user, name="Through the Gate dip", strands=["ttg"],
        period_start=timezone.localdate() - dt.timedelta(days=60),
        period_end=timezone.localdate(), seed=11)
    services.audit_cases_assign(acting_user=auditor.user, audit_round=audit_round,
                                auditors=[auditor.user])
    case = audit_round.cases.filter(position="sample").first()
    reserve = audit_round.cases.filter(position="reserve").first()
    assert reserve is not None

    sign_in(page, "auditor")
    page.goto("/oversight/")
    axe(page)
    page.get_by_role("link", name=f"{case.person.name} ({case.person.crn})").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.person.crn)
    axe(page)
    page.get_by_role("button", name="Save the audit").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Answer 4.2.1")
    axe(page)
    for code in ("4.2.1", "4.2.2", "4.2.3"):
        group = page.get_by_role("group", name=code)
        group.get_by_label("Yes" if code != "4.2.2" else "No", exact=True).check()
        page.get_by_label(f"Reason for your answer to {code}").fill("Seen in the record")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the audit").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Audit saved")
    assert AuditAnswer.objects.filter(audit_case=case).count() == 3

    page.goto(f"/oversight/rounds/{audit_round.pk}/results")
    axe(page)
    expect(page.get_by_text("1 / 1").first).to_be_visible()
    page.goto(f"/oversight/rounds/{audit_round.pk}")
    axe(page)

    response = page.goto(f"/oversight/audits/{reserve.pk}")
    assert response.status == 404


def test_manager_records_oversight_that_becomes_the_officers_task(page, case, staff_by_role):
    case.rosh = "high"
    case.save()
    sign_in(page, "manager")
    page.goto(f"/cases/{case.crn}/oversight")
    axe(page)
    page.get_by_label("Risk", exact=True).fill("RoSH high is right")
    page.get_by_label("Safeguarding", exact=True).fill("Checks back")
    page.get_by_label("Plan", exact=True).fill("In date")
    page.get_by_label("Enforcement", exact=True).fill("None needed")
    page.get_by_label("What must happen next").fill("Joint home visit with the police")
    with page.expect_navigation():
        page.get_by_role("button", name="Record oversight").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("task")
    axe(page)
    page.goto("/oversight/coverage")
    axe(page)
    expect(page.get_by_text("100%").first).to_be_visible()


def test_manager_countersigns_a_review_from_the_queue(page, case, staff_by_role):
    from desist.oversight.models import Countersignature
    from desist.reviews.models import Review

    review = Review.objects.create(provider_id=case.provider_id, person=case,
                                   reviewed_on=timezone.localdate(), compliance="good",
                                   rosh_before="medium", rosh_after="medium", risk_change="same")
    breach_pk = f.object_for_case("breach", case)
    services.oversight_record(
        acting_user=staff_by_role[Role.MANAGER].user, person=case, risk="Rising",
        safeguarding="Checks done", plan="Holds", enforcement="Breach was right",
        next_action="Speak to the court", due_on=None, subject="breach", subject_id=breach_pk)
    sign_in(page, "manager")
    page.goto("/oversight/countersigning")
    axe(page)
    page.get_by_role("link", name=f"{case.name} ({case.crn})").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Countersign the review")
    axe(page)
    page.get_by_label("Countersign: the review is sufficient").check()
    page.get_by_role("button", name="Save decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why")
    axe(page)
    page.get_by_label("Why").fill("Risk notes match the MARAC minutes")
    with page.expect_navigation():
        page.get_by_role("button", name="Save decision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Review countersigned")
    assert Countersignature.objects.get().subject_id == review.pk
    page.goto(f"/cases/{case.crn}/compliance")
    expect(page.get_by_text("Speak to the court").first).to_be_visible()
    axe(page)
    page.goto(f"/compliance/breaches/{breach_pk}")
    expect(page.get_by_role("heading", name="Management oversight of this breach")).to_be_visible()
    axe(page)
