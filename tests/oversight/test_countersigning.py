"""Countersigning (issue 18, operating model §4, §15): one queue of every decision waiting for a
manager — plans and reviews of medium-RoSH, DA and safeguarding cases, and band
recategorisations — with review decisions recorded as new rows (who, why), audited, and the
worklist tasks raised and closed. Oversight on the compliance timeline and beside its breach."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.oversight.models import Countersignature, OversightRecord
from desist.planning.models import Plan
from desist.reviews.models import Review
from desist.scopes import oversight as scoped
from desist.worklist.models import Task
from desist.worklist.services import raise_task

from .. import factories as f
from ..conftest import make_staff
from ..refusals import nothing_written


def _review(person, **kwargs) -> Review:
    fields = {"reviewed_on": timezone.localdate(), "compliance": "good",
              "rosh_before": person.rosh, "rosh_after": person.rosh, "risk_change": "same"}
    return Review.objects.create(provider_id=person.provider_id, person=person,
                                 **{**fields, **kwargs})


def _open(kind, person):
    return Task.objects.filter(kind=kind, person=person, status="open")


def test_queue_lists_plans_reviews_and_band_reviews_with_links(case, staff_by_role, client):
    plan = Plan.objects.create(person=case, started_on=timezone.localdate(),
                               due_on=timezone.localdate(), status="awaiting_countersignature")
    review = _review(case)
    raise_task(provider_id=case.provider_id, person=case, kind="band_review",
               key=f"band_review:{case.crn}", title="Breach: review the band", team=case.team)
    client.force_login(staff_by_role[Role.MANAGER].user)
    page = client.get("/oversight/countersigning").content.decode()
    assert f"/cases/{case.crn}/plan/{plan.pk}/countersign" in page
    assert f"/cases/{case.crn}/oversight/reviews/{review.pk}/countersign" in page
    assert f"/cases/{case.crn}/band" in page
    assert "3 decisions waiting" in page
    # The review raised the managers' task when it was recorded.
    task = _open("countersign_review", case).get()
    assert task.queue == "manager" and task.assigned_to is None and task.team == case.team
    assert "Domestic abuse case" in task.detail
    assert "/oversight/countersigning" in client.get("/oversight/").content.decode()


def test_reading_the_queue_is_audited_with_the_cases_it_lists(case, staff_by_role, client):
    Plan.objects.create(person=case, started_on=timezone.localdate(),
                        due_on=timezone.localdate(), status="awaiting_countersignature")
    client.force_login(staff_by_role[Role.MANAGER].user)
    client.get("/oversight/countersigning?scope=provider")
    event = AuditEvent.objects.filter(event="caseload_listed").latest("seq")
    assert event.detail["crns"] == [case.crn]
    assert event.actor_id == staff_by_role[Role.MANAGER].user.pk


def test_countersigning_a_review_is_a_row_with_who_and_why_and_closes_the_task(
        case, staff_by_role, client):
    review = _review(case)
    manager = staff_by_role[Role.MANAGER].user
    client.force_login(manager)
    assert "Countersign the review" in client.get(
        f"/cases/{case.crn}/oversight/reviews/{review.pk}/countersign").content.decode()
    response = client.post(f"/cases/{case.crn}/oversight/reviews/{review.pk}/countersign",
                           {"decision": "approved", "reason": "Risk plan matches the MARAC"})
    assert response.status_code == 302
    row = Countersignature.objects.get()
    assert (row.subject, row.subject_id, row.decision, row.decided_by, row.reason) == (
        "review", review.pk, "approved", manager, "Risk plan matches the MARAC")
    assert not _open("countersign_review", case).exists()
    assert not _open("review_returned", case).exists()
    assert AuditEvent.objects.filter(event="countersign_decided", crn=case.crn).exists()
    page = client.get("/oversight/countersigning").content.decode()
    assert f"reviews/{review.pk}/countersign" not in page


def test_a_returned_review_is_the_officers_task_until_a_new_review(case, staff_by_role,
                                                                    client):
    review = _review(case)
    client.force_login(staff_by_role[Role.MANAGER].user)
    client.post(f"/cases/{case.crn}/oversight/reviews/{review.pk}/countersign",
                {"decision": "returned", "reason": "Add the police call-out to the risk notes"})
    row = Countersignature.objects.get()
    returned = _open("review_returned", case).get()
    assert row.decision == "returned" and row.task == returned
    assert returned.assigned_to == case.responsible_officer
    assert "police call-out" in returned.detail
    assert not _open("countersign_review", case).exists()
    newer = _review(case)
    assert not _open("review_returned", case).exists()
    assert _open("countersign_review", case).get().data == {"review": newer.pk}


def test_a_low_risk_case_without_flags_needs_no_countersignature(case, staff_by_role, client):
    case.rosh = "low"
    case.save()
    case.registrations.all().delete()
    review = _review(case)
    assert not _open("countersign_review", case).exists()
    client.force_login(staff_by_role[Role.MANAGER].user)
    assert f"reviews/{review.pk}" not in client.get("/oversight/countersigning").content.decode()
    with nothing_written(Countersignature, Task):
        response = client.post(f"/cases/{case.crn}/oversight/reviews/{review.pk}/countersign",
                               {"decision": "approved", "reason": "Fine"})
    assert response.status_code == 409


def test_refusals_write_nothing(case, staff_by_role, provider, team, client):
    review = _review(case)
    url = f"/cases/{case.crn}/oversight/reviews/{review.pk}/countersign"
    # An officer cannot countersign, nor can the system administrator.
    for role in (Role.RESPONSIBLE_OFFICER, Role.SYSADMIN):
        client.force_login(staff_by_role[role].user)
        with nothing_written(Countersignature, Task):
            assert client.post(url, {"decision": "approved", "reason": "x"}).status_code == 403
        assert client.get("/oversight/countersigning").status_code == 403
    # A manager of another team: the decision belongs to the case's own team's managers.
    other = make_staff(provider, Role.MANAGER, username="othermgr", grade="SPO",
                       team=f.TeamFactory(provider=provider))
    client.force_login(other.user)
    with nothing_written(Countersignature, Task):
        assert client.post(url, {"decision": "approved", "reason": "x"}).status_code in (403, 409)
    client.force_login(staff_by_role[Role.MANAGER].user)
    with nothing_written(Countersignature, Task):  # no reason given
        assert client.post(url, {"decision": "returned", "reason": " "}).status_code == 400
    newer = _review(case)
    with nothing_written(Countersignature, Task):  # a newer review replaced it
        assert client.post(url, {"decision": "approved", "reason": "x"}).status_code == 409
    assert client.post(f"/cases/{case.crn}/oversight/reviews/{newer.pk}/countersign",
                       {"decision": "approved", "reason": "Sound"}).status_code == 302
    with nothing_written(Countersignature, Task):  # already decided
        assert client.post(f"/cases/{case.crn}/oversight/reviews/{newer.pk}/countersign",
                           {"decision": "returned", "reason": "x"}).status_code == 409
    assert AuditEvent.objects.filter(event="countersign_refused").count() >= 2


def test_a_manager_of_another_provider_sees_neither_the_review_nor_it_in_the_queue(
        case, outsider, other_provider, client):
    review = _review(case)
    manager = make_staff(other_provider, Role.MANAGER, username="farmgr", grade="SPO")
    client.force_login(manager.user)
    assert case.crn not in client.get("/oversight/countersigning").content.decode()
    with nothing_written(Countersignature, Task):
        response = client.post(f"/cases/{case.crn}/oversight/reviews/{review.pk}/countersign",
                               {"decision": "approved", "reason": "x"})
    assert response.status_code == 404


# ------------------------------------------------------------------- oversight on the timeline


def test_oversight_of_a_breach_shows_on_the_compliance_timeline_and_beside_the_breach(
        case, staff_by_role, client):
    from desist.oversight import services

    breach_pk = f.object_for_case("breach", case)
    manager = staff_by_role[Role.MANAGER].user
    of_breach = services.oversight_record(
        acting_user=manager, person=case, risk="Risk rising", safeguarding="Checks done",
        plan="Plan holds", enforcement="Breach was right", next_action="Speak to the court",
        due_on=None, subject="breach", subject_id=breach_pk)
    services.oversight_record(
        acting_user=manager, person=case, risk="Steady", safeguarding="None",
        plan="Fine", enforcement="None", next_action="Home visit", due_on=None)
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    timeline = client.get(f"/cases/{case.crn}/compliance").content.decode()
    assert "Management oversight by" in timeline and "of the breach" in timeline
    assert "Speak to the court" in timeline and "Home visit" in timeline
    assert f"/cases/{case.crn}/oversight#oversight-{of_breach.pk}" in timeline
    breach = client.get(f"/compliance/breaches/{breach_pk}").content.decode()
    assert "Management oversight of this breach" in breach
    assert "Speak to the court" in breach and "Home visit" not in breach


def test_oversight_is_not_in_the_breach_report(case, staff_by_role, client):
    from desist.compliance import selectors

    record = selectors.compliance_record(case, timezone.localdate())
    assert all(row["kind"] != "oversight" for row in record["timeline"])


# ------------------------------------------------------------------- coverage drill-down


@pytest.fixture
def coverage_cases(provider, team, staff_by_role):
    """High-risk cases in two teams of the same name, one unallocated, oversight on some."""
    twin = f.TeamFactory(provider=provider, name=team.name)
    pso = make_staff(provider, Role.RESPONSIBLE_OFFICER, username="pso", grade="PSO", team=twin)
    po = staff_by_role[Role.RESPONSIBLE_OFFICER]
    made = {
        "po_seen": f.PersonFactory(provider=provider, team=team, rosh="high",
                                   responsible_officer=po),
        "po_unseen": f.PersonFactory(provider=provider, team=team, rosh="very_high",
                                     responsible_officer=po),
        "pso_seen": f.PersonFactory(provider=provider, team=twin, rosh="high",
                                    responsible_officer=pso),
        "unallocated": f.PersonFactory(provider=provider, team=None, rosh="high",
                                       responsible_officer=None),
        "low": f.PersonFactory(provider=provider, team=team, rosh="low", responsible_officer=po),
    }
    manager = staff_by_role[Role.MANAGER].user
    for key in ("po_seen", "pso_seen"):
        OversightRecord.objects.create(
            provider=provider, person=made[key], risk="r", safeguarding="s", plan="p",
            enforcement="e", next_action="n", recorded_by=manager,
            recorded_on=timezone.localdate() - dt.timedelta(days=3))
    OversightRecord.objects.create(  # too long ago to count
        provider=provider, person=made["po_unseen"], risk="r", safeguarding="s", plan="p",
        enforcement="e", next_action="n", recorded_by=manager,
        recorded_on=timezone.localdate() - dt.timedelta(weeks=10))
    return {"twin": twin, **made}


def _crns(client, query):
    page = client.get(f"/oversight/coverage/cases?weeks=4&{query}").content.decode()
    return page


def test_coverage_drills_down_to_exactly_the_cases_counted(coverage_cases, team, staff_by_role,
                                                           client):

    manager = staff_by_role[Role.MANAGER].user
    today = timezone.localdate()
    teams = {row["key"]: row for row in scoped.coverage(manager, weeks=4, today=today)}
    grades = {row["key"]: row for row in scoped.coverage(manager, weeks=4, today=today,
                                                            by="grade")}
    # Two teams of one name are two rows; the case with no team is its own row.
    assert (teams[str(team.pk)]["cases"], teams[str(team.pk)]["overseen"]) == (2, 1)
    assert (teams[str(coverage_cases["twin"].pk)]["cases"],
            teams[str(coverage_cases["twin"].pk)]["overseen"]) == (1, 1)
    assert (teams["none"]["cases"], teams["none"]["overseen"]) == (1, 0)
    assert grades["PO"]["cases"] == 2 and grades["PSO"]["cases"] == 1
    assert grades["none"]["cases"] == 1
    for rows, by in ((teams, "team"), (grades, "grade")):
        for key, row in rows.items():
            listed = scoped.coverage_cases(manager, weeks=4, today=today, **{by: key})
            assert listed.count() == row["cases"], (by, key)
            assert listed.filter(overseen=True).count() == row["overseen"], (by, key)
    client.force_login(manager)
    page = client.get("/oversight/coverage?weeks=4").content.decode()
    assert f"team={team.pk}&amp;overseen=no" in page and "team=none" in page
    assert "grade=PSO" in page
    mine = _crns(client, f"team={team.pk}")
    assert coverage_cases["po_seen"].crn in mine and coverage_cases["po_unseen"].crn in mine
    assert coverage_cases["pso_seen"].crn not in mine
    assert coverage_cases["low"].crn not in mine
    none = _crns(client, "team=none")
    assert coverage_cases["unallocated"].crn in none and "No team" in none
    assert coverage_cases["po_seen"].crn not in none
    unseen = _crns(client, "grade=PO&overseen=no")
    assert coverage_cases["po_unseen"].crn in unseen
    assert coverage_cases["po_seen"].crn not in unseen
    assert "1 case without a manager" in unseen
    assert coverage_cases["pso_seen"].crn in _crns(client, "grade=PSO&overseen=yes")


def test_oversight_of_a_review_is_checked_against_the_cases_reviews(case, staff_by_role,
                                                                      client):
    """It was checked against the plans: a review's id was refused unless a plan had it."""
    review = _review(case)
    client.force_login(staff_by_role[Role.MANAGER].user)
    assert "Review: " in client.get(f"/cases/{case.crn}/oversight").content.decode()
    response = client.post(f"/cases/{case.crn}/oversight", {
        "subject": "review", "subject_id": review.pk, "risk": "Right", "safeguarding": "Done",
        "plan": "Holds", "enforcement": "None", "next_action": "None"})
    assert response.status_code == 302
    record = OversightRecord.objects.get()
    assert (record.subject, record.subject_id) == ("review", review.pk)


def test_the_managers_task_links_to_the_review(case, staff_by_role, client):
    review = _review(case)
    task = _open("countersign_review", case).get()
    client.force_login(staff_by_role[Role.MANAGER].user)
    page = client.get(f"/tasks/{task.pk}").content.decode()
    assert f"/cases/{case.crn}/oversight/reviews/{review.pk}/countersign" in page


def test_the_queue_shows_the_managers_team_unless_asked_for_the_provider(
        case, staff_by_role, provider, client):
    elsewhere = f.PersonFactory(provider=provider, team=f.TeamFactory(provider=provider),
                                rosh="high")
    _review(case)
    _review(elsewhere)
    client.force_login(staff_by_role[Role.MANAGER].user)
    team = client.get("/oversight/countersigning").content.decode()
    assert case.crn in team and elsewhere.crn not in team
    everyone = client.get("/oversight/countersigning?scope=provider").content.decode()
    assert case.crn in everyone and elsewhere.crn in everyone
