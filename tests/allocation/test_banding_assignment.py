"""§4 banding at allocation and §3.3 assignment, with the prompts and warnings a manager answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from desist.allocation import recompute
from desist.allocation.models import Assignment, BandDecision
from desist.audit.models import AuditEvent
from desist.organisation.models import StaffReduction
from desist.organisation.roles import Role
from desist.people.models import Person, Registration
from desist.worklist.models import Task
from tests.refusals import nothing_written

from .conftest import new_case

pytestmark = pytest.mark.django_db
DA_PROMPT = "s4_domestic_abuse_consider_top"


def _band_post(client, person, **data):
    person.refresh_from_db()
    return client.post(f"/cases/{person.crn}/band", {"version": person.version, **data})


def test_da_prompt_must_be_answered_before_the_band_is_recorded(provider, newcastle, lmc_manager,
                                                                client):
    la, team = newcastle
    person = new_case(provider, la=la, team=team, crn="C100001", registrations=("domestic_abuse",),
                      routing="lmc", lmc=team)
    client.force_login(lmc_manager.user)
    page = client.get("/cases/C100001/band").content.decode()
    assert "Consider placing the case in" in page
    with nothing_written(BandDecision, Person):
        refused = _band_post(client, person, band="green")
    assert refused.status_code == 400
    assert "Answer this prompt: accept or decline" in refused.content.decode()
    refused = _band_post(client, person, band="green", **{f"prompt_{DA_PROMPT}": "decline"})
    assert "Say why you are declining" in refused.content.decode()
    ok = _band_post(client, person, band="green", **{f"prompt_{DA_PROMPT}": "decline",
                                                     f"note_{DA_PROMPT}": "Single historic incident"})
    assert ok.status_code == 302
    person.refresh_from_db()
    assert person.band == "green" and person.band_confirmed_at is not None
    decision = BandDecision.objects.get(person=person)
    assert decision.prompts[0]["answer"] == "decline"
    assert decision.prompts[0]["note"] == "Single historic incident"
    event = AuditEvent.objects.get(event="band_decided", crn="C100001")
    assert event.detail["prompts"][0]["code"] == DA_PROMPT


def test_override_upward_needs_rationale_and_lower_is_refused(provider, newcastle, lmc_manager,
                                                              client):
    la, team = newcastle
    person = new_case(provider, la=la, team=team, crn="C100002", rosh="medium", routing="lmc",
                      lmc=team)
    client.force_login(lmc_manager.user)
    assert "cannot be lower" in _band_post(client, person, band="green").content.decode()
    assert "Give the reason for placing" in _band_post(client, person, band="blue").content.decode()
    assert _band_post(client, person, band="blue", rationale="Weapons found at home").status_code == 302
    decision = BandDecision.objects.get(person=person)
    assert decision.overridden and decision.proposed_band == "yellow"


def test_officer_sees_band_but_cannot_decide(provider, newcastle, staff_by_role, client):
    person = new_case(provider, la=newcastle[0], crn="C100003")
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    assert client.get("/cases/C100003/band").status_code == 200
    with nothing_written(BandDecision, Person):
        assert _band_post(client, person, band="green").status_code == 403


def test_woman_to_male_officer_is_warned_and_needs_acknowledgement(provider, newcastle, lmc_manager,
                                                                   officers, client):
    la, team = newcastle
    person = new_case(provider, la=la, team=team, crn="C100004", gender="female", routing="lmc",
                      lmc=team)
    client.force_login(lmc_manager.user)
    page = client.get("/cases/C100004/assignment").content.decode()
    assert page.index(officers["po_f"].name) < page.index(officers["po_m"].name)
    with nothing_written(Assignment, Person):
        refused = client.post("/cases/C100004/assignment", {"version": person.version,
                                                             "officer": officers["po_m"].pk})
    assert refused.status_code == 400
    assert "breaks a matching rule" in refused.content.decode()
    assert "woman" in refused.content.decode().lower()
    ok = client.post("/cases/C100004/assignment", {
        "version": person.version, "officer": officers["po_m"].pk, "acknowledged": "on",
        "acknowledgement": "Women's champion on long-term sick; interim only"})
    assert ok.status_code == 302
    record = Assignment.objects.get(person=person)
    assert [w["code"] for w in record.warnings] == ["woman_to_male_officer"]
    person.refresh_from_db()
    assert person.responsible_officer == officers["po_m"]
    assert AuditEvent.objects.get(event="officer_assigned", crn="C100004").detail["warnings"]


def test_reassigning_medium_rosh_da_case_to_pso_is_warned(provider, newcastle, lmc_manager,
                                                          officers, client):
    la, team = newcastle
    person = new_case(provider, la=la, team=team, crn="C100005", rosh="medium",
                      registrations=("domestic_abuse",), routing="lmc", lmc=team,
                      responsible_officer=officers["po_f"], band="yellow")
    from desist.worklist.services import raise_task

    raise_task(provider_id=provider.pk, person=person, kind="contact_gap",
               key="contact_gap:C100005", title="No contact")
    client.force_login(lmc_manager.user)
    no_reason = client.post("/cases/C100005/assignment", {
        "version": person.version, "officer": officers["pso"].pk, "acknowledged": "on",
        "acknowledgement": "Capacity"})
    assert "Say why the case is being reassigned" in no_reason.content.decode()
    with nothing_written(Assignment, Person):
        refused = client.post("/cases/C100005/assignment", {"version": person.version,
                                                             "officer": officers["pso"].pk,
                                                             "reason": "Rebalancing caseloads"})
    assert refused.status_code == 400 and "breaks a matching rule" in refused.content.decode()
    ok = client.post("/cases/C100005/assignment", {
        "version": person.version, "officer": officers["pso"].pk, "reason": "Rebalancing caseloads",
        "acknowledged": "on", "acknowledgement": "PSO completing DA training next month"})
    assert ok.status_code == 302
    record = Assignment.objects.get(person=person)
    assert record.reassignment and record.previous_officer == officers["po_f"]
    assert Task.objects.get(key="contact_gap:C100005").assigned_to == officers["pso"]
    assert "complex_case_to_pso" in [w["code"] for w in record.warnings]


def test_over_capacity_officer_is_warned(provider, newcastle, lmc_manager, officers, client):
    la, team = newcastle
    busy = officers["po_m"]
    StaffReduction.objects.create(staff=busy, reason="phased_return", percent=99,
                                  starts_on=timezone.localdate())
    for i in range(3):
        new_case(provider, la=la, team=team, crn=f"C2{i:05d}", responsible_officer=busy,
                 workload_points=30)
    person = new_case(provider, la=la, team=team, crn="C100006", routing="lmc", lmc=team)
    client.force_login(lmc_manager.user)
    with nothing_written(Assignment, Person):
        refused = client.post("/cases/C100006/assignment", {"version": person.version,
                                                             "officer": busy.pk})
    assert refused.status_code == 400
    assert "over capacity" in refused.content.decode().lower()


def test_stale_assignment_is_refused(provider, newcastle, lmc_manager, officers, client):
    la, team = newcastle
    person = new_case(provider, la=la, team=team, crn="C100007", routing="lmc", lmc=team)
    client.force_login(lmc_manager.user)
    with nothing_written(Assignment, Person):
        stale = client.post("/cases/C100007/assignment", {"version": person.version + 5,
                                                           "officer": officers["po_f"].pk})
    assert stale.status_code == 409


def test_registration_added_after_banding_raises_a_band_review(provider, newcastle, lmc_manager,
                                                               client):
    la, team = newcastle
    today = timezone.localdate()
    person = new_case(provider, la=la, team=team, crn="C100008", routing="lmc", lmc=team)
    recompute.run(as_of=today)
    client.force_login(lmc_manager.user)
    assert _band_post(client, person, band="green").status_code == 302
    Registration.objects.create(person=person, type="child_protection_plan", start_date=today)
    counts = recompute.run(as_of=today, restart=True)
    assert counts.band_reviews == 1
    review = Task.objects.get(kind="band_review", person=person, status="open")
    assert review.data["event"] == "registration_added"
    assert review.data["proposed_band"] == "blue"
    assert recompute.run(as_of=today, restart=True).band_reviews == 0
    ok = _band_post(client, person, band="blue")
    assert ok.status_code == 302
    review.refresh_from_db()
    assert review.status == "done"
    assert BandDecision.objects.filter(person=person).first().event == "registration_added"


def test_high_rosh_raises_one_escalation_on_the_dashboard(provider, newcastle, lmc_manager, client):
    la, team = newcastle
    today = timezone.localdate()
    new_case(provider, la=la, team=team, crn="C100009", rosh="high", rosh_assessed_on=today)
    assert recompute.run(as_of=today).escalations == 1
    assert recompute.run(as_of=today, restart=True).escalations == 0
    task = Task.objects.get(kind="risk_escalation")
    assert task.due_on > today and task.queue == "manager"
    client.force_login(lmc_manager.user)
    assert "C100009" in client.get("/dashboard/").content.decode()


def test_recompute_resumes_after_an_interruption(provider, newcastle):
    la, team = newcastle
    today = timezone.localdate()
    for i in range(5):
        new_case(provider, la=la, team=team, crn=f"C3{i:05d}")
    seen = []

    def stop_after_first_batch(done, total, counts):
        seen.append(done)
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        recompute.run(as_of=today, batch_size=2, progress=stop_after_first_batch)
    resumed = recompute.run(as_of=today, batch_size=2, progress=lambda d, t, c: seen.append(d))
    assert resumed.processed == 5
    assert seen == [2, 4, 5]


# --- Issue 12, item 8: candidate ranking a manager can trust ---------------------------------

def test_reassignment_page_never_offers_the_current_holder(provider, newcastle, lmc_manager,
                                                           officers, client):
    la, team = newcastle
    person = new_case(provider, la=la, team=team, crn="C100020", routing="lmc", lmc=team,
                      responsible_officer=officers["po_m"], band="green")
    client.force_login(lmc_manager.user)
    page = client.get("/cases/C100020/assignment").content.decode()
    radios = page[page.index('name="officer"'):] if 'name="officer"' in page else ""
    assert f'value="{officers["po_m"].pk}"' not in page
    assert f'value="{officers["po_f"].pk}"' in radios
    assert "holds the case now, so is not offered" in page
    with nothing_written(Assignment, Person):
        refused = client.post("/cases/C100020/assignment", {
            "version": person.version, "officer": officers["po_m"].pk, "reason": "Swap"})
    assert refused.status_code == 400
    assert "already holds the case" in refused.content.decode()


def test_candidates_show_score_and_reasons_and_heaviest_load_ranks_last(
        provider, newcastle, lmc_manager, officers, client):
    la, team = newcastle
    # po_f at about 890% (women's champion, female), po_m at about 195%.
    StaffReduction.objects.create(staff=officers["po_f"], reason="maternity", percent=90,
                                  starts_on=timezone.localdate() - dt.timedelta(days=30))
    new_case(provider, la=la, team=team, crn="C200100", responsible_officer=officers["po_f"],
             workload_points=1780)
    new_case(provider, la=la, team=team, crn="C200101", responsible_officer=officers["po_m"],
             workload_points=3900)
    new_case(provider, la=la, team=team, crn="C100021", gender="female", routing="lmc", lmc=team)
    client.force_login(lmc_manager.user)
    page = client.get("/cases/C100021/assignment").content.decode()
    assert "890%" in page and "195%" in page
    assert page.index(officers["po_m"].name) < page.index(officers["po_f"].name)
    assert "How the score was worked out" in page
    assert "Every candidate starts at 100" in page
    assert "points over capacity" in page


def test_band_page_shows_every_ogrs3_input_and_the_arithmetic(provider, newcastle, lmc_manager,
                                                               client):
    """Issue 12 item 7: "How this was worked out" showed only the answer."""
    la, team = newcastle
    new_case(provider, la=la, team=team, crn="C100030", routing="lmc", lmc=team)
    client.force_login(lmc_manager.user)
    page = client.get("/cases/C100030/band").content.decode()
    for words in ("Gender: male", "Age at the start of follow-up", "Offence category: violence",
                  "Sanctions: 1 (0 previous", "Years since the first sanction: 0", "Copas rate",
                  "Two years: 1 ÷ (1 + e^−("):
        assert words in page, words
