"""Issue 16 gaps: the default pre-release assessment as versioned configuration (answers keep
their version), and the page that turns a support need into a partner referral through the
referral machinery (§9), access-declared and audited; refusals write nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from desist.audit.models import AuditEvent
from desist.interventions.models import Referral, Service
from desist.organisation.roles import Role
from desist.resettlement import services
from desist.resettlement.models import (
    AssessmentResponse,
    AssessmentVersion,
    NeedUpdate,
    SupportNeed,
)
from tests import factories as f
from tests.refusals import nothing_written

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PRE_RELEASE = {"address_confirmed": "no", "council_referral_made": "no", "on_medication": "yes",
               "treatment_booked": "yes", "mental_health_follow_up": "no", "gp_registered": "yes",
               "id_held": "no", "bank_ready": "yes", "benefits_ready": "not_ready",
               "work_on_release": "yes", "family_support": "no", "thinking_skills": "no"}


@pytest.fixture
def officer(staff_by_role):
    return staff_by_role[Role.RESPONSIBLE_OFFICER]


@pytest.fixture
def custody(provider, officer, team):
    person = f.PersonFactory(provider=provider, crn="C300001", first_name="Ffion",
                             last_name="Hughes", responsible_officer=officer, team=team)
    sentence = f.SentenceFactory(person=person, type="custody", custodial_months=24,
                                 sentence_date=TODAY - dt.timedelta(days=300),
                                 start_date=TODAY - dt.timedelta(days=300),
                                 expected_end_date=TODAY + dt.timedelta(days=500),
                                 release_date=TODAY + dt.timedelta(weeks=20))
    return services.custody_case_open(acting_user=officer.user, person=person,
                                      sentence=sentence, prison="HMP Durham",
                                      reception_on=TODAY - dt.timedelta(days=300))


@pytest.fixture
def housing(provider, partner):
    return Service.objects.create(provider=provider, code="HOUSE", name="Housing advice",
                                  component="one_to_one", partner=partner, mode="one_to_one")


# --- The pre-release assessment ----------------------------------------------------------------


def test_the_default_pre_release_assessment_ships_and_raises_needs(custody, officer):
    services.ensure_default_versions()
    version = AssessmentVersion.objects.get(kind="pre_release")
    assert version.number == 1 and version.title == "Pre-release assessment"
    response = services.assessment_record(acting_user=officer.user, case=custody,
                                          kind="pre_release", answers=PRE_RELEASE)
    assert response.version == version
    kinds = set(SupportNeed.objects.filter(case=custody).values_list("kind", flat=True))
    assert kinds == {"accommodation_confirmed", "housing_referral", "prescription_on_release",
                     "id_obtained", "benefits_claim"}
    # The pre-release assessment does not count as the screening.
    custody.refresh_from_db()
    assert custody.screened_on is None


def test_pre_release_branching_and_versions(custody, officer):
    services.ensure_default_versions()
    answers = {**PRE_RELEASE, "address_confirmed": "yes", "address_kind": "family"}
    answers.pop("council_referral_made")
    first = services.assessment_record(acting_user=officer.user, case=custody,
                                       kind="pre_release", answers=answers)
    assert "council_referral_made" not in first.answers  # only asked with no address
    missing = {**PRE_RELEASE}
    missing.pop("treatment_booked")  # on medication: the follow-up is required
    with nothing_written(AssessmentResponse, SupportNeed):
        with pytest.raises(services.ResettlementRefused) as refused:
            services.assessment_record(acting_user=officer.user, case=custody,
                                       kind="pre_release", answers=missing)
    assert "treatment_booked" in refused.value.problems
    definition = json.loads(services.DEFAULT_FILES["pre_release"].read_text())
    definition["title"] = "Pre-release assessment (2027)"
    v2 = services.assessment_version_load(acting_user=officer.user, definition=definition)
    second = services.assessment_record(acting_user=officer.user, case=custody,
                                        kind="pre_release", answers=answers)
    first.refresh_from_db()
    assert (first.version.number, second.version) == (1, v2)
    services.ensure_default_versions()  # idempotent: the shipped file is not loaded again
    assert AssessmentVersion.objects.filter(kind="pre_release").count() == 2


def test_the_pre_release_page_loads_the_default_when_first_needed(client_for, officer, custody):
    assert not AssessmentVersion.objects.exists()
    client = client_for(officer)
    page = client.get(f"/cases/{custody.person.crn}/resettlement/screening?kind=pre_release")
    assert page.status_code == 200
    assert "Is the address for the first night on release confirmed?" in page.content.decode()
    assert AssessmentVersion.objects.filter(kind="pre_release").count() == 1
    response = client.post(f"/cases/{custody.person.crn}/resettlement/screening",
                           {"kind": "pre_release", **PRE_RELEASE})
    assert response.status_code == 302
    tab = client.get(f"/cases/{custody.person.crn}/resettlement/").content.decode()
    assert "Pre-release assessment" in tab and "version 1" in tab


# --- Referral of a need ------------------------------------------------------------------------


def _need(custody, officer, kind="housing_referral"):
    return services.need_add(acting_user=officer.user, case=custody, kind=kind,
                             due_on=custody.release_on)


def test_the_refer_page_makes_a_partner_referral(client_for, officer, custody, housing):
    need = _need(custody, officer)
    client = client_for(officer)
    crn = custody.person.crn
    tab = client.get(f"/cases/{crn}/resettlement/").content.decode()
    assert f"/cases/{crn}/resettlement/refer?need={need.pk}" in tab
    listing = client.get(f"/cases/{crn}/resettlement/refer").content.decode()
    assert "Refer Referral to the council housing team" in listing
    page = client.get(f"/cases/{crn}/resettlement/refer?need={need.pk}")
    assert page.status_code == 200 and "Housing advice (Women&#39;s Service)" in page.content.decode()
    response = client.post(f"/cases/{crn}/resettlement/refer",
                           {"need": need.pk, "service": housing.pk})
    assert response.status_code == 302 and response["Location"].endswith("#needs")
    need.refresh_from_db()
    referral = Referral.objects.get()
    assert need.referral == referral and need.status == "in_progress"
    assert referral.person == custody.person and referral.catalogue_service == housing
    assert referral.status == "referred"
    assert NeedUpdate.objects.filter(need=need, note="Referred to Housing advice").exists()
    events = set(AuditEvent.objects.filter(crn=crn).values_list("event", flat=True))
    assert {"resettlement_need_referred", "referral_changed"} <= events
    reads = AuditEvent.objects.filter(crn=crn, action="read", event="case_viewed")
    assert reads.exists()


def test_refer_without_a_service_is_refused_and_writes_nothing(client_for, officer, custody,
                                                               housing):
    need = _need(custody, officer)
    client = client_for(officer)
    with nothing_written(Referral, SupportNeed, NeedUpdate):
        response = client.post(f"/cases/{custody.person.crn}/resettlement/refer",
                               {"need": need.pk, "service": ""})
    assert response.status_code == 400
    assert "Choose a partner service" in response.content.decode()


def test_another_providers_service_is_refused(client_for, officer, custody, other_provider):
    other = Service.objects.create(
        provider=other_provider, code="X", name="Elsewhere", component="one_to_one",
        partner=f.PartnerFactory(provider=other_provider, name="Other partner"),
        mode="one_to_one")
    need = _need(custody, officer)
    with nothing_written(Referral, SupportNeed, NeedUpdate):
        with pytest.raises(services.ResettlementRefused) as refused:
            services.need_refer(acting_user=officer.user, need=need, service=other)
    assert refused.value.code == "need_service_unknown"


def test_a_referred_or_closed_need_is_refused(client_for, officer, custody, housing):
    need = _need(custody, officer)
    services.need_refer(acting_user=officer.user, need=need, service=housing)
    client = client_for(officer)
    with nothing_written(Referral, SupportNeed, NeedUpdate):
        again = client.post(f"/cases/{custody.person.crn}/resettlement/refer",
                            {"need": need.pk, "service": housing.pk})
    assert again.status_code == 409 and "already been referred" in again.content.decode()
    closed = _need(custody, officer, kind="id_obtained")
    services.need_update(acting_user=officer.user, need=closed, status="cancelled")
    with nothing_written(Referral, SupportNeed, NeedUpdate):
        response = client.post(f"/cases/{custody.person.crn}/resettlement/refer",
                               {"need": closed.pk, "service": housing.pk})
    assert response.status_code == 409


def test_an_ineligible_referral_is_refused_by_the_referral_machinery(client_for, officer,
                                                                     custody, housing):
    housing.women_only = True  # the person is not eligible: the interventions app says why
    housing.save()
    custody.person.gender = "male"
    custody.person.save()
    need = _need(custody, officer)
    client = client_for(officer)
    with nothing_written(Referral, SupportNeed, NeedUpdate):
        response = client.post(f"/cases/{custody.person.crn}/resettlement/refer",
                               {"need": need.pk, "service": housing.pk})
    assert response.status_code in (400, 409)
    assert "govuk-error-summary" in response.content.decode()


def test_a_reader_cannot_refer(client_for, staff_by_role, officer, custody, housing):
    need = _need(custody, officer)
    client = client_for(staff_by_role[Role.SYSADMIN])  # reads the case, does not write it
    with nothing_written(Referral, SupportNeed, NeedUpdate):
        response = client.post(f"/cases/{custody.person.crn}/resettlement/refer",
                               {"need": need.pk, "service": housing.pk})
    assert response.status_code == 403
