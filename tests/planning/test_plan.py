"""The integrated plan: needs and risk, gates, RMP, checks, countersignature, PDF (§6–§8)."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from django.utils import timezone

from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.planning import services
from desist.planning.models import Countersignature, Objective, Plan
from desist.risk import services as risk_services
from desist.risk.models import SafeguardingCheck
from desist.rules import timescales
from desist.worklist.models import Task
from tests.refusals import nothing_written

from .helpers import approved_reading

pytestmark = pytest.mark.django_db

RMP = {"victims": "Ex-partner and her two children", "agencies": "MARAC; children's social care",
       "home_visits": "Monthly, unannounced", "contingency": "Call police; recall review"}


@pytest.fixture
def officer(staff_by_role):
    return staff_by_role[Role.RESPONSIBLE_OFFICER]


@pytest.fixture
def da_plan(case, officer):
    """The DA case with an approved reading, objectives for its low areas, and agreement."""
    user = officer.user
    approved_reading(user, case)
    plan = services.start_plan(acting_user=user, person=case, today=timezone.localdate())
    for area in ("home", "substances", "time"):
        services.add_objective(acting_user=user, plan=plan, text=f"Work on {area}",
                               need_kind="area", area_code=area, risk_factor="",
                               services="RAR sessions", target_date=None)
    services.record_agreement(acting_user=user, plan=plan, agreed=True, comments="",
                              agreed_on=timezone.localdate(), diversity_notes="")
    return plan


def test_starting_a_plan_sets_the_15_working_day_deadline(case, officer, client_for):
    client = client_for(officer)
    assert "No plan yet" in client.get(f"/cases/{case.crn}/plan/").content.decode()
    client.post(f"/cases/{case.crn}/plan/start")
    plan = Plan.objects.get(person=case)
    sentence_start = case.sentences.get().start_date
    assert plan.due_on == timescales.add_working_days(sentence_start, 15)
    task = Task.objects.get(kind="plan_due", person=case)
    assert task.due_on == plan.due_on


def test_areas_at_seven_or_below_are_listed_until_addressed(case, officer, client_for):
    approved_reading(officer.user, case)
    client = client_for(officer)
    client.post(f"/cases/{case.crn}/plan/start")
    plan = Plan.objects.get(person=case)
    page = client.get(f"/cases/{case.crn}/plan/").content.decode()
    for title in ("Somewhere to live", "Drugs and alcohol", "Work, learning and use of time"):
        assert f"<strong>{title}</strong>" in page
    base = f"/cases/{case.crn}/plan/{plan.pk}"
    with nothing_written(Plan, Objective):
        missing = client.post(f"{base}/objectives/new", {"text": "Find a tenancy",
                                                         "need_kind": "area", "services": ""})
    assert missing.status_code == 400
    assert "Choose the self-assessment area" in missing.content.decode()
    assert client.post(f"{base}/objectives/new", {
        "text": "Find a tenancy", "need_kind": "area", "area_code": "home",
        "services": "Housing partner"}).status_code == 302
    assert client.post(f"{base}/declined-areas/new", {
        "area_code": "time", "reason": "Retired; content with how he spends his days"}
    ).status_code == 302
    page = client.get(f"/cases/{case.crn}/plan/").content.decode()
    unaddressed = page.split('id="unaddressed-areas"')[1].split("</ul>")[0]
    assert "Drugs and alcohol" in unaddressed
    assert "Somewhere to live" not in unaddressed and "Work, learning" not in unaddressed
    assert "Retired; content" in page


def test_da_plan_cannot_complete_without_rmp_and_fresh_checks(case, da_plan, officer, client_for):
    client = client_for(officer)
    today = timezone.localdate()
    SafeguardingCheck.objects.create(person=case, kind="police_domestic_abuse",
                                     requested_on=today - dt.timedelta(days=130),
                                     completed_on=today - dt.timedelta(days=120),
                                     result="no_information")
    with nothing_written(Plan, Task, Countersignature):
        response = client.post(f"/cases/{case.crn}/plan/complete")
    assert response.status_code == 409
    text = response.content.decode()
    assert "The plan cannot be completed yet" in text
    assert "Risk management plan incomplete" in text
    assert "Police domestic abuse call-out check: out of date, last done 120 days ago" in text
    assert "Children&#39;s social care check: not done" in text
    da_plan.refresh_from_db()
    assert da_plan.status == "draft"

    base = f"/cases/{case.crn}/plan/{da_plan.pk}"
    assert client.post(f"{base}/risk-management", RMP).status_code == 302
    for kind in ("police_domestic_abuse", "childrens_social_care"):
        client.post(f"/cases/{case.crn}/risk/checks/new", {"kind": kind,
                                                           "requested_on": today.isoformat()})
    assert Task.objects.filter(kind="safeguarding_check", status="open").count() == 2
    for check in SafeguardingCheck.objects.filter(completed_on__isnull=True):
        assert client.post(f"/cases/{case.crn}/risk/checks/{check.pk}", {
            "completed_on": today.isoformat(), "result": "no_information"}).status_code == 302
    assert Task.objects.filter(kind="safeguarding_check", status="open").count() == 0

    response = client.post(f"/cases/{case.crn}/plan/complete")
    assert response.status_code == 302
    da_plan.refresh_from_db()
    assert da_plan.status == "awaiting_countersignature"
    assert Task.objects.get(kind="countersign", status="open").queue == "manager"


def test_manager_countersignature_is_required_structured_and_recorded(
        case, da_plan, officer, staff_by_role, client_for, client):
    today = timezone.localdate()
    services.save_rmp(acting_user=officer.user, plan=da_plan, **RMP)
    for kind in ("police_domestic_abuse", "childrens_social_care"):
        SafeguardingCheck.objects.create(person=case, kind=kind, requested_on=today,
                                         completed_on=today, result="no_information")
    services.complete_plan(acting_user=officer.user, plan=da_plan, today=today)
    url = f"/cases/{case.crn}/plan/{da_plan.pk}/countersign"
    officer_client = client_for(officer)
    assert officer_client.get(url).status_code == 403
    with nothing_written(Plan, Countersignature, Task):
        assert officer_client.post(url, {}).status_code == 403

    client.force_login(staff_by_role[Role.MANAGER].user)
    client.get(url)  # the page first: anything it records on view is not the refusal's doing
    with nothing_written(Plan, Countersignature, Task):
        free_text = client.post(url, {"what_is_the_risk": "Looks fine to me, signed."})
        assert free_text.status_code == 400
        assert "Say whether the plan is sufficient" in free_text.content.decode()
        short = client.post(url, {"what_is_the_risk": "DA risk", "is_plan_sufficient": "yes"})
        assert short.status_code == 400 and "at least a sentence" in short.content.decode()
        no_change = client.post(url, {"what_is_the_risk": "Risk of violence to his ex-partner "
                                      "when drinking", "is_plan_sufficient": "no"})
    assert no_change.status_code == 400 and "Say what must change" in no_change.content.decode()
    assert client.post(url, {
        "what_is_the_risk": "Risk of violence to his ex-partner and emotional harm to the "
                            "children when he drinks", "is_plan_sufficient": "yes"}
    ).status_code == 302
    da_plan.refresh_from_db()
    assert da_plan.status == "complete"
    signature = Countersignature.objects.get(plan=da_plan)
    assert signature.manager == staff_by_role[Role.MANAGER]
    assert not Task.objects.filter(kind__in=["countersign", "plan_due"], status="open").exists()
    assert AuditEvent.objects.filter(event="plan_countersigned", crn=case.crn).exists()
    page = client.get(f"/cases/{case.crn}/plan/").content.decode()
    assert "Risk of violence to his ex-partner" in page and "Complete" in page


def test_manager_can_return_the_plan_with_what_must_change(
        case, da_plan, officer, staff_by_role):
    today = timezone.localdate()
    services.save_rmp(acting_user=officer.user, plan=da_plan, **RMP)
    for kind in ("police_domestic_abuse", "childrens_social_care"):
        SafeguardingCheck.objects.create(person=case, kind=kind, requested_on=today,
                                         completed_on=today, result="no_information")
    services.complete_plan(acting_user=officer.user, plan=da_plan, today=today)
    services.countersign_plan(acting_user=staff_by_role[Role.MANAGER].user, plan=da_plan,
                              what_is_the_risk="Violence to the ex-partner when drinking",
                              sufficient="no", what_must_change="Add the children as victims",
                              today=today)
    da_plan.refresh_from_db()
    assert da_plan.status == "draft"


def test_copied_plan_is_marked_not_yet_reviewed_until_reviewed(case, officer, client_for):
    user = officer.user
    approved_reading(user, case, scores={a: 8 for a in (
        "home", "daily_life", "wellbeing", "community", "family", "caring", "substances",
        "time", "feelings", "offending")})
    old = services.start_plan(acting_user=user, person=case, today=timezone.localdate())
    services.add_objective(acting_user=user, plan=old, text="Stay in work", need_kind="risk_factor",
                           area_code="", risk_factor="Unemployment", services="ETE partner",
                           target_date=None)
    Plan.objects.filter(pk=old.pk).update(status="complete")
    client = client_for(officer)
    client.post(f"/cases/{case.crn}/plan/copy")
    copy = Plan.objects.exclude(pk=old.pk).get()
    assert copy.copied_not_reviewed and copy.objectives.count() == 1
    page = client.get(f"/cases/{case.crn}/plan/").content.decode()
    assert "Not yet reviewed" in page
    assert "copied from a previous sentence" in page
    client.post(f"/cases/{case.crn}/plan/reviewed")
    copy.refresh_from_db()
    assert not copy.copied_not_reviewed


def test_plan_pdf_reads_in_plain_english(case, da_plan, officer, client_for):
    response = client_for(officer).get(f"/cases/{case.crn}/plan/{da_plan.pk}/copy.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Your plan" in text and "What you will work on" in text
    assert "Work on home" in text and "Who will help: RAR sessions" in text
    assert "You agreed to this plan" in text
    for jargon in ("RoSH", "OASys", "MAPPA", "objective"):
        assert jargon not in text
    assert AuditEvent.objects.filter(event="document_produced", crn=case.crn).exists()


def test_overview_shows_needs_beside_risk(case, da_plan, officer, client_for):
    page = client_for(officer).get(f"/cases/{case.crn}/").content.decode()
    assert "Needs and risk together" in page
    assert "Needs: latest self-assessment" in page and "Risk, checks and plan" in page
    assert "Police domestic abuse call-out check" in page


def test_plan_api_reports_the_gate(case, da_plan, officer, client_for):
    body = client_for(officer).get(f"/api/cases/{case.crn}/plans/{da_plan.pk}").json()
    assert body["status"] == "draft" and len(body["objectives"]) == 3
    assert not body["gate"]["ok"]
    assert "s8_rmp_missing" in [b["code"] for b in body["gate"]["blockers"]]


# --- Agency information, the countersign page and returned plans (§7, §8, F4) --------------------


@pytest.fixture
def ready_da_plan(case, da_plan, officer):
    """The DA plan with everything the gate needs: it would go to a manager if completed."""
    today = timezone.localdate()
    services.save_rmp(acting_user=officer.user, plan=da_plan, **RMP)
    for kind in ("police_domestic_abuse", "childrens_social_care"):
        SafeguardingCheck.objects.create(person=case, kind=kind, requested_on=today,
                                         completed_on=today, result="no_information")
    return da_plan


def test_s7_unacknowledged_agency_information_blocks_completion(
        case, ready_da_plan, officer, client_for):
    today = timezone.localdate()
    item = risk_services.record_agency_information(
        acting_user=officer.user, person=case, agency="marac", received_on=today,
        summary="Discussed at MARAC: new partner has a child aged 3")
    with pytest.raises(services.PlanningError) as refused:
        services.complete_plan(acting_user=officer.user, plan=ready_da_plan, today=today)
    assert [r.code for r in refused.value.reasons] == ["s7_information_unacknowledged"]
    assert "Information from MARAC received on" in refused.value.reasons[0].text

    client = client_for(officer)
    with nothing_written(Plan, Task, Countersignature):
        response = client.post(f"/cases/{case.crn}/plan/complete")
    assert response.status_code == 409
    assert "Information from MARAC received on" in response.content.decode()
    ready_da_plan.refresh_from_db()
    assert ready_da_plan.status == "draft"

    risk_services.acknowledge_agency_information(acting_user=officer.user, item=item,
                                            what_it_changes="Add the child to the RMP")
    done = services.complete_plan(acting_user=officer.user, plan=ready_da_plan, today=today)
    assert done.status == "awaiting_countersignature"


def test_s8_the_countersign_page_shows_the_plan_and_agency_information(
        case, ready_da_plan, officer, staff_by_role, client_for):
    today = timezone.localdate()
    risk_services.record_agency_information(acting_user=officer.user, person=case, agency="police",
                                       received_on=today, summary="Call-out to the address")
    item = case.agency_information.get()
    risk_services.acknowledge_agency_information(acting_user=officer.user, item=item,
                                            what_it_changes="Monthly home visits")
    services.complete_plan(acting_user=officer.user, plan=ready_da_plan, today=today)
    risk_services.record_agency_information(acting_user=officer.user, person=case, agency="marac",
                                       received_on=today, summary="Listed for MARAC next week")
    page = client_for(staff_by_role[Role.MANAGER]).get(
        f"/cases/{case.crn}/plan/{ready_da_plan.pk}/countersign").content.decode()
    for text in ("Work on home", "RAR sessions", "Ex-partner and her two children",
                 "Monthly, unannounced", "Call police; recall review", "Police domestic abuse "
                 "call-out check", "Call-out to the address", "Monthly home visits",
                 "Listed for MARAC next week", "Not acknowledged", "The person agreed"):
        assert text in page, text
    assert page.index("Listed for MARAC next week") < page.index("What is the risk?")
    blockers = page.split('id="countersign-blockers"')[1].split("</ul>")[0]
    assert "Information from MARAC received on" in blockers


def test_s8_a_returned_plan_raises_a_task_and_must_change_before_completion(
        case, ready_da_plan, officer, staff_by_role, client_for):
    today = timezone.localdate()
    services.complete_plan(acting_user=officer.user, plan=ready_da_plan, today=today)
    services.countersign_plan(acting_user=staff_by_role[Role.MANAGER].user, plan=ready_da_plan,
                              what_is_the_risk="Violence to the ex-partner when drinking",
                              sufficient="no", what_must_change="Add the children as victims",
                              today=today)
    task = Task.objects.get(kind="plan_returned", person=case, status="open")
    assert task.assigned_to == officer and task.queue == "officer"
    assert "Add the children as victims" in task.detail

    with pytest.raises(services.PlanningError) as refused:
        services.complete_plan(acting_user=officer.user, plan=ready_da_plan, today=today)
    assert [r.code for r in refused.value.reasons] == ["s8_returned_unchanged"]
    client = client_for(officer)
    page = client.get(f"/cases/{case.crn}/plan/").content.decode()
    assert "Returned by" in page and "Add the children as victims" in page
    assert "change the plan to address this before completing it again" in page
    # Saving the same risk management plan again is not a change.
    services.save_rmp(acting_user=officer.user, plan=ready_da_plan, **RMP)
    with nothing_written(Plan, Task, Countersignature):
        assert client.post(f"/cases/{case.crn}/plan/complete").status_code == 409

    services.save_rmp(acting_user=officer.user, plan=ready_da_plan,
                      **{**RMP, "victims": "Ex-partner and her two children, aged 4 and 7"})
    assert client.post(f"/cases/{case.crn}/plan/complete").status_code == 302
    ready_da_plan.refresh_from_db()
    assert ready_da_plan.status == "awaiting_countersignature"
    task.refresh_from_db()
    assert task.status == "done" and "sent for countersignature again" in task.outcome
