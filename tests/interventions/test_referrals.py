"""Referrals: eligibility, feasibility, lifecycle with audit, partner updates and isolation (§9)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from desist.audit.models import AuditEvent
from desist.interventions import selectors, services
from desist.interventions.models import Referral, ReferralEvent, Service, SessionRecord
from desist.organisation.roles import Role
from desist.scopes import interventions as scoped
from desist.worklist.models import Task
from tests import factories as f
from tests.conftest import make_staff
from tests.refusals import nothing_written

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 22)


def service(provider, code="TSP", **extra):
    values = {"name": "Thinking Skills Programme", "component": "accredited_programme",
              "mode": "group", "sessions": 19, "sessions_per_week": 2, "programme": True,
              "rar_activity": False, "waiting_weeks": 30}
    values.update(extra)
    return Service.objects.create(provider=provider, code=code, **values)


@pytest.fixture
def womens(partner):
    return Service.objects.create(provider=partner.provider, code="WOM", name="Women's hub support",
                                  component="womens_service", mode="group", sessions=12,
                                  women_only=True, eligibility="female", partner=partner)


@pytest.fixture
def mentoring(partner):
    return Service.objects.create(provider=partner.provider, code="MENT", name="Peer mentoring",
                                  component="mentoring", mode="one_to_one", sessions=4,
                                  partner=partner, price=28)


def officer_of(case):
    return case.responsible_officer.user


def test_long_waiting_list_flags_the_referral_and_raises_a_task(case, provider):
    f.RequirementFactory(sentence=case.sentences.first(), type="programme", rar_days=None,
                         programme="TSP")
    tsp = service(provider)
    referral, check = services.make_referral(user=officer_of(case), person=case, service=tsp,
                                             today=TODAY)
    assert not check.feasible
    referral.refresh_from_db()
    assert referral.at_risk and "after the sentence ends" in referral.risk_text
    task = Task.objects.get(key=f"referral_at_risk:{referral.pk}")
    assert task.kind == "referral_at_risk" and task.assigned_to == case.responsible_officer
    assert AuditEvent.objects.filter(event="referral_changed", crn=case.crn).exists()
    # While it waits, a shorter wait makes it feasible again and the task closes.
    services.set_service_status(user=officer_of(case), service=tsp, status="accepting",
                                waiting_weeks=0)
    referral.refresh_from_db()
    assert not referral.at_risk
    task.refresh_from_db()
    assert task.status == Task.Status.CANCELLED


def test_withdrawn_service_flags_open_referrals_while_they_wait(case, mentoring):
    referral, check = services.make_referral(user=officer_of(case), person=case, service=mentoring,
                                             today=TODAY)
    assert check.feasible and not Task.objects.filter(kind="referral_at_risk").exists()
    services.set_service_status(user=officer_of(case), service=mentoring, status="withdrawn")
    referral.refresh_from_db()
    assert referral.at_risk and "withdrawn" in referral.risk_text
    assert Task.objects.filter(kind="referral_at_risk", status="open").count() == 1


def test_ineligible_referrals_are_refused(case, womens, provider):
    with pytest.raises(services.ReferralRefused, match="women only"):
        services.make_referral(user=officer_of(case), person=case, service=womens, today=TODAY)
    with pytest.raises(services.ReferralRefused, match="programme requirement"):
        services.make_referral(user=officer_of(case), person=case, service=service(provider),
                               today=TODAY)


def test_lifecycle_steps_are_checked_and_audited(case, mentoring):
    user = officer_of(case)
    referral, _ = services.make_referral(user=user, person=case, service=mentoring, today=TODAY)
    with pytest.raises(services.TransitionRefused):
        services.change_status(user=user, referral=referral, to="completed", today=TODAY)
    with pytest.raises(services.TransitionRefused, match="reason"):
        services.change_status(user=user, referral=referral, to="rejected", today=TODAY)
    for step in ("accepted", "waiting", "started", "completed"):
        referral = services.change_status(user=user, referral=referral, to=step, today=TODAY)
    assert referral.status == "completed" and referral.started_on == TODAY
    steps = list(AuditEvent.objects.filter(event="referral_changed").values_list(
        "detail__change", flat=True))
    assert steps == ["created", "accepted", "waiting", "started", "completed"]
    assert [e.status for e in referral.events.all()] == [
        "referred", "accepted", "waiting", "started", "completed"]


def test_missed_session_reaches_the_officer_the_same_day(case, mentoring, staff_by_role):
    partner_user = staff_by_role[Role.PARTNER_CASEWORKER].user
    referral, _ = services.make_referral(user=officer_of(case), person=case, service=mentoring,
                                         today=TODAY)
    services.change_status(user=partner_user, referral=referral, to="accepted", today=TODAY)
    services.record_session(user=partner_user, referral=referral, session_on=TODAY, attended=True,
                            note="Good start", today=TODAY)
    referral.refresh_from_db()
    assert referral.status == "started" and referral.sessions_attended == 1
    services.record_session(user=partner_user, referral=referral,
                            session_on=TODAY - dt.timedelta(days=1), attended=False,
                            note="No call", today=TODAY)
    task = Task.objects.get(kind="non_attendance")
    assert task.assigned_to == case.responsible_officer and task.due_on == TODAY
    assert "missed a Peer mentoring session" in task.title
    with pytest.raises(services.TransitionRefused, match="already recorded"):
        services.record_session(user=partner_user, referral=referral, session_on=TODAY,
                                attended=True, today=TODAY)


def test_partner_sees_only_their_organisations_referrals(case, provider, partner, staff_by_role,
                                                        client_for, mentoring):
    other_partner = f.PartnerFactory(provider=provider, name="Other partner")
    theirs = Referral.objects.create(person=case, partner=other_partner, service="Housing",
                                     referred_on=TODAY)
    partner_staff = staff_by_role[Role.PARTNER_CASEWORKER]
    visible = set(scoped.visible_referrals(partner_staff.user).values_list("pk", flat=True))
    assert theirs.pk not in visible and visible
    client = client_for(partner_staff)
    page = client.get(f"/referrals/{theirs.pk}")
    missing = client.get("/referrals/999999")
    assert page.status_code == 404 and missing.status_code == 404
    assert f.page_without_nonce(page.content) == f.page_without_nonce(missing.content)
    assert client.get(f"/api/referrals/{theirs.pk}").status_code == 404
    with nothing_written(Referral, ReferralEvent, SessionRecord, Task):
        response = client.post(f"/api/referrals/{theirs.pk}/sessions",
                               {"session_on": "2026-11-20", "attended": False},
                               content_type="application/json")
    assert response.status_code == 404
    listed = client.get("/api/referrals").json()["results"]
    assert theirs.pk not in [r["id"] for r in listed]
    other_caseworker = make_staff(provider, Role.PARTNER_CASEWORKER, username="other-partner",
                                  grade="PTR", partner=other_partner)
    mine = Referral.objects.filter(partner=partner).first()
    assert client_for(other_caseworker).get(f"/referrals/{mine.pk}").status_code == 404


def test_partner_records_a_missed_session_on_the_page(case, mentoring, staff_by_role, client_for):
    referral, _ = services.make_referral(user=officer_of(case), person=case, service=mentoring)
    services.change_status(user=officer_of(case), referral=referral, to="accepted")
    client = client_for(staff_by_role[Role.PARTNER_CASEWORKER])
    today = timezone.localdate()
    with nothing_written(Referral, SessionRecord, ReferralEvent, Task):
        bad = client.post(f"/referrals/{referral.pk}/sessions", {"session_on": ""})
    assert bad.status_code == 400 and b"Enter the date of the session" in bad.content
    response = client.post(f"/referrals/{referral.pk}/sessions", {
        "session_on": today.isoformat(), "attended": "no",
        "note": "Did not come"})
    assert response.status_code == 302
    officer_tasks = client_for(case.responsible_officer).get("/tasks/")
    assert b"missed a Peer mentoring session" in officer_tasks.content


def test_partner_updates_over_the_api(case, mentoring, staff_by_role, client_for):
    referral, _ = services.make_referral(user=officer_of(case), person=case, service=mentoring)
    client = client_for(staff_by_role[Role.PARTNER_CASEWORKER])
    accepted = client.post(f"/api/referrals/{referral.pk}/status",
                           {"status": "accepted", "version": referral.version},
                           content_type="application/json")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    with nothing_written(Referral, ReferralEvent):
        stale = client.post(f"/api/referrals/{referral.pk}/status",
                            {"status": "started", "version": referral.version},
                            content_type="application/json")
    assert stale.status_code == 409
    with nothing_written(Referral, ReferralEvent):
        withdraw = client.post(f"/api/referrals/{referral.pk}/status",
                               {"status": "withdrawn", "reason": "x",
                                "version": referral.version + 1},
                               content_type="application/json")
    assert withdraw.status_code == 400  # partners do not withdraw referrals
    session = client.post(f"/api/referrals/{referral.pk}/sessions",
                          {"session_on": timezone.localdate().isoformat(), "attended": False},
                          content_type="application/json")
    assert session.status_code == 201
    assert Task.objects.filter(kind="non_attendance", person=case).count() == 1
    assert AuditEvent.objects.filter(event="referral_session_recorded").count() == 1


def test_officer_refers_on_the_case_page(case, womens, mentoring, client_for):
    client = client_for(case.responsible_officer)
    page = client.get(f"/cases/{case.crn}/referrals")
    assert page.status_code == 200 and b"Peer mentoring" in page.content
    with nothing_written(Referral, ReferralEvent, Service):
        refused = client.post(f"/cases/{case.crn}/referrals", {"service": womens.pk})
    assert refused.status_code == 400 and b"for women only" in refused.content
    made = client.post(f"/cases/{case.crn}/referrals", {"service": mentoring.pk})
    assert made.status_code == 302
    assert Referral.objects.filter(person=case, catalogue_service=mentoring).exists()


def test_catalogue_and_monitoring_pages(case, mentoring, staff_by_role, client_for):
    referral, _ = services.make_referral(user=officer_of(case), person=case, service=mentoring)
    services.change_status(user=officer_of(case), referral=referral, to="accepted")
    services.record_session(user=officer_of(case), referral=referral,
                            session_on=timezone.localdate(), attended=True)
    catalogue = client_for(case.responsible_officer).get("/services/")
    assert b"Peer mentoring" in catalogue.content and b"28.00" in catalogue.content
    rows = selectors.monitoring(staff_by_role[Role.MANAGER].user)
    row = next(r for r in rows if r["service"] == "Peer mentoring")
    assert (row["referrals"], row["starts"], row["attendance"], row["mean_wait_days"]) == (1, 1, 100, 0)
    page = client_for(staff_by_role[Role.MANAGER]).get("/monitoring/")
    assert page.status_code == 200 and b"Peer mentoring" in page.content
    drill = client_for(staff_by_role[Role.MANAGER]).get(f"/referrals/?service={mentoring.pk}")
    assert case.crn.encode() in drill.content


def test_referral_list_starts_with_the_officers_own_cases(case, provider, team, mentoring,
                                                         staff_by_role, client_for):
    other_officer = make_staff(provider, Role.RESPONSIBLE_OFFICER, username="other-po", team=team)
    someone = f.PersonFactory(provider=provider, responsible_officer=other_officer, team=team,
                              last_name="Elsewhere")
    Referral.objects.create(person=someone, partner=mentoring.partner, service="Peer mentoring",
                            referred_on=TODAY)
    client = client_for(case.responsible_officer)
    mine = client.get("/referrals/")
    assert case.crn.encode() in mine.content and b"Elsewhere" not in mine.content
    everyone = client.get("/referrals/?scope=all")
    assert b"Elsewhere" in everyone.content
    team_view = client_for(staff_by_role[Role.MANAGER]).get("/referrals/")
    assert b"Elsewhere" in team_view.content and case.crn.encode() in team_view.content


def test_a_second_open_referral_to_the_same_service_needs_a_reason(case, mentoring, client_for):
    user = officer_of(case)
    first, _ = services.make_referral(user=user, person=case, service=mentoring, today=TODAY)
    with pytest.raises(services.ReferralRefused, match="already an open referral"):
        services.make_referral(user=user, person=case, service=mentoring, today=TODAY)
    second, _ = services.make_referral(user=user, person=case, service=mentoring, today=TODAY,
                                       duplicate_reason="Second place after moving area")
    assert "Second place after moving area" in second.events.get().text
    audit = AuditEvent.objects.filter(event="referral_changed", object_id=str(second.pk)).get()
    assert audit.detail["duplicate_reason"] == "Second place after moving area"
    # Once the open ones close, a new referral needs no reason.
    for referral in (first, second):
        services.change_status(user=user, referral=referral, to="withdrawn", reason="x",
                               today=TODAY)
    services.make_referral(user=user, person=case, service=mentoring, today=TODAY)


def test_the_page_asks_for_the_reason_for_a_duplicate_referral(case, mentoring, client_for):
    client = client_for(case.responsible_officer)
    assert client.post(f"/cases/{case.crn}/referrals", {"service": mentoring.pk}).status_code == 302
    page = client.get(f"/cases/{case.crn}/referrals")
    assert b"Reason for a second referral" not in page.content
    with nothing_written(Referral, ReferralEvent, Service):
        refused = client.post(f"/cases/{case.crn}/referrals", {"service": mentoring.pk})
    assert refused.status_code == 400
    assert b"already an open referral to Peer mentoring" in refused.content
    assert b"Reason for a second referral" in refused.content
    made = client.post(f"/cases/{case.crn}/referrals", {
        "service": mentoring.pk, "duplicate_reason": "Second place after moving area"})
    assert made.status_code == 302
    assert Referral.objects.filter(person=case, catalogue_service=mentoring).count() == 2


def test_each_referral_write_has_its_own_route(case, mentoring, staff_by_role, client_for):
    """Issue 14: no write multiplexed on ``action``: the page only reads, the status change and
    the session each post to their own route with its own access rule."""
    referral, _ = services.make_referral(user=officer_of(case), person=case, service=mentoring)
    officer = client_for(case.responsible_officer)
    with nothing_written(Referral, SessionRecord, ReferralEvent):
        refused = officer.post(f"/referrals/{referral.pk}", {"action": "status", "to": "accepted",
                                                               "version": referral.version})
    assert refused.status_code == 405
    page = officer.get(f"/referrals/{referral.pk}").content.decode()
    assert f'action="/referrals/{referral.pk}/status"' in page
    moved = officer.post(f"/referrals/{referral.pk}/status",
                         {"to": "accepted", "version": referral.version})
    assert moved.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "accepted"
    auditor = client_for(staff_by_role[Role.AUDITOR])
    with nothing_written(Referral, SessionRecord, ReferralEvent):
        assert auditor.post(f"/referrals/{referral.pk}/sessions",
                            {"session_on": TODAY.isoformat(), "attended": "yes"}).status_code == 403
