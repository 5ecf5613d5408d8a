"""Through the Gate pages: the tab, refusals in the error summary, the checklist, the service
level with drill-down, the administrator's versions and the person's own page (public)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.resettlement import services
from desist.resettlement.models import (
    AssessmentResponse,
    AssessmentVersion,
    ChecklistTick,
    CustodyCase,
    PersonCode,
    ResettlementPathway,
    SupportNeed,
)
from tests import factories as f
from tests.refusals import nothing_written

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DOB = dt.date(1990, 5, 17)


@pytest.fixture
def officer(staff_by_role):
    return staff_by_role[Role.RESPONSIBLE_OFFICER]


@pytest.fixture
def person(provider, officer, team):
    person = f.PersonFactory(provider=provider, crn="C200001", first_name="Rhys",
                             last_name="Evans", responsible_officer=officer, team=team)
    f.SentenceFactory(person=person, type="custody", custodial_months=24,
                      sentence_date=TODAY - dt.timedelta(days=300),
                      start_date=TODAY - dt.timedelta(days=300),
                      expected_end_date=TODAY + dt.timedelta(days=500),
                      release_date=TODAY + dt.timedelta(weeks=20))
    f.RegistrationFactory(person=person, type="domestic_abuse",
                          start_date=TODAY - dt.timedelta(days=300))
    services.ensure_default_versions()
    return person


def _start(client, person):
    sentence = person.sentences.get()
    reception = TODAY - dt.timedelta(days=300)
    return client.post(f"/cases/{person.crn}/resettlement/", {
        "action": "open", "sentence": sentence.pk, "prison": "HMP Cardiff",
        "reception_on_day": reception.day, "reception_on_month": reception.month,
        "reception_on_year": reception.year})


def test_a_custody_case_appears_for_resettlement_and_starts(client_for, officer, person):
    client = client_for(officer)
    page = client.get(f"/cases/{person.crn}/resettlement/")
    assert page.status_code == 200 and b"Start resettlement" in page.content
    assert _start(client, person).status_code == 302
    page = client.get(f"/cases/{person.crn}/resettlement/")
    assert b"HMP Cardiff" in page.content and b"Drugs and alcohol" in page.content


def test_completing_without_the_risk_section_shows_the_refusal(client_for, officer, person):
    client = client_for(officer)
    _start(client, person)
    case = CustodyCase.objects.get()
    with nothing_written(CustodyCase, ResettlementPathway, SupportNeed):
        response = client.post(f"/cases/{person.crn}/resettlement/",
                               {"action": "complete", "version": case.version})
    assert response.status_code == 400
    text = response.content.decode()
    assert "govuk-error-summary" in text and "#risk_section" in text
    assert "must address risk of harm" in text
    case.refresh_from_db()
    assert case.plan_completed_on is None


def test_screening_page_records_answers(client_for, officer, person):
    client = client_for(officer)
    _start(client, person)
    page = client.get(f"/cases/{person.crn}/resettlement/screening")
    assert page.status_code == 200 and b"Where will the person live" in page.content
    answers = {"accommodation": "family", "uses_drugs": "yes", "on_opiate_treatment": "no",
               "alcohol": "no", "mental_health": "no", "gp": "yes", "bank_account": "yes",
               "id_documents": "yes", "debt": "no", "work": "no", "family": "no"}
    assert client.post(f"/cases/{person.crn}/resettlement/screening",
                       {**answers, "kind": "screening"}).status_code == 302
    assert CustodyCase.objects.get().needs.filter(kind="drug_treatment").exists()
    with nothing_written(CustodyCase, AssessmentResponse, SupportNeed):
        bad = client.post(f"/cases/{person.crn}/resettlement/screening", {"kind": "screening"})
    assert bad.status_code == 400 and b"govuk-error-summary" in bad.content


def test_release_day_checklist_and_release(client_for, officer, person):
    client = client_for(officer)
    _start(client, person)
    case = CustodyCase.objects.get()
    page = client.get(f"/cases/{person.crn}/resettlement/release-day")
    assert page.status_code == 200 and b"First appointment booked" in page.content
    client.post(f"/cases/{person.crn}/resettlement/", {"action": "tick", "item": "phone",
                                                        "done": "on"})
    assert case.ticks.get().item == "phone"
    released = client.post(f"/cases/{person.crn}/resettlement/", {
        "action": "release", "version": CustodyCase.objects.get().version,
        "released_on_day": case.release_on.day, "released_on_month": case.release_on.month,
        "released_on_year": case.release_on.year,
        "next": f"/cases/{person.crn}/induction/"})
    assert released.status_code == 302 and released["Location"].endswith("/induction/")


def test_auditor_reads_but_cannot_write(client_for, staff_by_role, person):
    from tests import factories

    # Quality assurance reads the cases sampled into its audit (issue 18).
    factories.sample_for_auditor(person, staff_by_role[Role.AUDITOR].user)
    client = client_for(staff_by_role[Role.AUDITOR])
    assert client.get(f"/cases/{person.crn}/resettlement/").status_code == 200
    with nothing_written(CustodyCase, ResettlementPathway):
        assert _start(client, person).status_code == 403
    assert not CustodyCase.objects.exists()


def test_another_provider_cannot_see_it(client_for, outsider, person):
    assert client_for(outsider).get(f"/cases/{person.crn}/resettlement/").status_code == 404


def test_service_level_matches_the_cases_behind_it(client_for, staff_by_role, officer, person):
    _start(client_for(officer), person)
    case = CustodyCase.objects.get()
    CustodyCase.objects.filter(pk=case.pk).update(plan_due_on=TODAY - dt.timedelta(days=1))
    client = client_for(staff_by_role[Role.MANAGER])
    page = client.get("/resettlement/?by=prison&name=HMP+Cardiff")
    text = page.content.decode()
    assert page.status_code == 200
    assert "0 of 1 plans completed on time" in text and "Rhys Evans" in text and "Late" in text
    assert client.get("/resettlement/?by=office").status_code == 200
    assert client_for(officer).get("/resettlement/").status_code == 403


def test_administrator_loads_a_version(client_for, staff_by_role):
    client = client_for(staff_by_role[Role.SYSADMIN])
    definition = json.loads(services.DEFAULT_FILES["screening"].read_text())
    upload = SimpleUploadedFile("s.json", json.dumps(definition).encode(), "application/json")
    assert client.post("/resettlement/assessments", {"file": upload}).status_code == 302
    bad = SimpleUploadedFile("s.json", b"{\"kind\": \"x\"}", "application/json")
    with nothing_written(AssessmentVersion):
        response = client.post("/resettlement/assessments", {"file": bad})
    assert response.status_code == 400 and b"govuk-error-summary" in response.content
    assert AssessmentVersion.objects.count() == 1


def test_the_person_opens_their_page_in_welsh(client, officer, person):
    from django.test import Client

    staff = Client()
    staff.force_login(officer.user)
    _start(staff, person)
    case = CustodyCase.objects.get()
    code = services.code_issue(acting_user=officer.user, case=case)
    start = client.get("/my-plan/?lang=cy")
    assert start.status_code == 200 and "Gweld eich cynllun" in start.content.decode()
    assert 'lang="cy"' in start.content.decode()
    # the code counts the failed try (failed_tries), and nothing else changes
    with nothing_written(CustodyCase):
        wrong = client.post("/my-plan/", {"code": code, "lang": "cy", "date_of_birth_day": "1",
                                          "date_of_birth_month": "1",
                                          "date_of_birth_year": "1991"})
    assert PersonCode.objects.get().failed_tries == 1
    assert PersonCode.objects.get().used_at is None
    assert wrong.status_code == 400 and "Nid yw" in wrong.content.decode()
    opened = client.post("/my-plan/", {"code": code, "lang": "cy",
                                       "date_of_birth_day": DOB.day,
                                       "date_of_birth_month": DOB.month,
                                       "date_of_birth_year": DOB.year})
    assert opened.status_code == 302
    page = client.get("/my-plan/plan")
    text = page.content.decode()
    assert page.status_code == 200 and "Helo Rhys" in text
    for secret in ("Domestic abuse", "RoSH", "risk", "Risk"):
        assert secret not in text
    outcomes = set(AuditEvent.objects.filter(event="person_page_accessed")
                   .values_list("detail__outcome", flat=True))
    assert outcomes == {"wrong_date_of_birth", "opened", "viewed"}


def test_the_plan_page_needs_the_code_first(client):
    response = client.get("/my-plan/plan")
    assert response.status_code == 302 and response["Location"].endswith("/my-plan/")


def test_after_a_write_only_pages_of_this_site_are_followed(client_for, officer, person):
    client = client_for(officer)
    _start(client, person)
    response = client.post(f"/cases/{person.crn}/resettlement/", {
        "action": "tick", "item": "travel", "done": "on", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{person.crn}/resettlement/"


def test_a_refused_need_is_shown_against_its_field(client_for, officer, person):
    client = client_for(officer)
    _start(client, person)
    late = CustodyCase.objects.get().release_on + dt.timedelta(days=3)
    with nothing_written(CustodyCase, SupportNeed, ChecklistTick):
        response = client.post(f"/cases/{person.crn}/resettlement/", {
            "action": "need", "kind": "id_obtained", "due_on_day": late.day,
            "due_on_month": late.month, "due_on_year": late.year})
    assert response.status_code == 400
    assert b'href="#id_due_on_day"' in response.content
    assert not CustodyCase.objects.get().needs.exists()


def test_a_pathway_or_need_of_another_case_or_no_such_id_is_not_found(client_for, officer,
                                                                       person, team):
    """The status form names its pathway by id: another case's pathway, an unknown id or one
    that is not a number is a 404, and nothing is written."""
    client = client_for(officer)
    other = f.PersonFactory(provider=person.provider, crn="C200002", responsible_officer=officer,
                            team=team)
    f.SentenceFactory(person=other, type="custody", custodial_months=12,
                      sentence_date=TODAY - dt.timedelta(days=100),
                      start_date=TODAY - dt.timedelta(days=100),
                      expected_end_date=TODAY + dt.timedelta(days=200),
                      release_date=TODAY + dt.timedelta(weeks=10))
    assert _start(client, person).status_code == 302
    assert _start(client, other).status_code == 302
    theirs = ResettlementPathway.objects.filter(case__person=other).first()
    for posted in (str(theirs.pk), "999999", "abc", ""):
        with nothing_written(ResettlementPathway, SupportNeed):
            for action, field in (("pathway", "pathway"), ("need_update", "need")):
                response = client.post(f"/cases/{person.crn}/resettlement/", {
                    "action": action, field: posted, "status": "in_progress", "note": "x",
                    "version": 1})
                assert response.status_code == 404, (action, posted)
