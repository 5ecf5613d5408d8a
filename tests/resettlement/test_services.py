"""Through the Gate services (§13, §3, §5; F19): pathways with history, versioned screening,
support needs and referrals, the blocking conditions, alerts, release into induction, and the
person's one-time code."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from desist.audit.models import AuditEvent
from desist.errors import Refused
from desist.organisation.roles import Role
from desist.resettlement import services
from desist.resettlement.models import (
    AssessmentResponse,
    CustodyCase,
    PathwayChange,
    PersonCode,
    SupportNeed,
)
from desist.worklist.models import Task
from tests import factories as f

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ANSWERS = {"accommodation": "none", "uses_drugs": "yes", "on_opiate_treatment": "yes",
           "alcohol": "no", "mental_health": "yes", "gp": "yes", "bank_account": "no",
           "id_documents": "yes", "debt": "no", "work": "yes", "family": "no"}


@pytest.fixture
def officer(staff_by_role):
    return staff_by_role[Role.RESPONSIBLE_OFFICER]


@pytest.fixture
def custody(provider, officer, team):
    """A 24-month custody case released in 20 weeks, with a DA registration."""
    person = f.PersonFactory(provider=provider, crn="C100001", first_name="Jo",
                             last_name="Bloggs", responsible_officer=officer, team=team)
    release = TODAY + dt.timedelta(weeks=20)
    sentence = f.SentenceFactory(person=person, type="custody", custodial_months=24,
                                 sentence_date=TODAY - dt.timedelta(days=300),
                                 start_date=TODAY - dt.timedelta(days=300),
                                 expected_end_date=TODAY + dt.timedelta(days=500),
                                 release_date=release)
    f.RegistrationFactory(person=person, type="domestic_abuse",
                          start_date=TODAY - dt.timedelta(days=300))
    services.ensure_default_versions()
    return services.custody_case_open(acting_user=officer.user, person=person,
                                      sentence=sentence, prison="HMP Durham",
                                      reception_on=TODAY - dt.timedelta(days=300))


def codes(error: Refused) -> set[str]:
    return {r.code for r in error.reasons}


def test_opening_sets_deadlines_and_seven_pathways(custody):
    assert custody.pathways.count() == 7
    assert set(custody.pathways.values_list("status", flat=True)) == {"not_started"}
    assert custody.handover_on == custody.release_on - dt.timedelta(weeks=12)
    assert custody.plan_due_on <= custody.release_on - dt.timedelta(weeks=2)
    assert AuditEvent.objects.filter(event="resettlement_opened", crn="C100001").exists()


def test_handover_is_the_date_intake_routing_stored(custody, officer):
    person = custody.person
    person.pass_to_lmc_on = TODAY + dt.timedelta(days=3)  # e.g. a ROTL request, from routing
    person.save()
    assert services.handover_for(person, custody.release_on).on == TODAY + dt.timedelta(days=3)


def test_opening_twice_is_refused(custody, officer):
    with pytest.raises(Refused) as refused:
        services.custody_case_open(acting_user=officer.user, person=custody.person,
                                   sentence=custody.sentence, prison="HMP Durham",
                                   reception_on=custody.reception_on)
    assert refused.value.code == "resettlement_already_open" and refused.value.status == 409
    assert CustodyCase.objects.count() == 1


def test_screening_raises_needs_and_keeps_its_version(custody, officer):
    response = services.assessment_record(acting_user=officer.user, case=custody,
                                          kind="screening", answers=ANSWERS)
    kinds = set(SupportNeed.objects.filter(case=custody).values_list("kind", flat=True))
    assert kinds == {"accommodation_confirmed", "housing_referral", "drug_treatment",
                     "mental_health_appointment", "bank_account"}
    custody.refresh_from_db()
    assert custody.screened_on == TODAY
    assert custody.pathways.get(pathway="accommodation").status == "in_progress"
    # An administrator loads version 2; the earlier answers keep version 1.
    definition = json.loads(services.DEFAULT_FILES["screening"].read_text())
    definition["title"] = "Resettlement screening (2027)"
    v2 = services.assessment_version_load(acting_user=officer.user, definition=definition)
    assert v2.number == 2
    response.refresh_from_db()
    assert response.version.number == 1
    again = services.assessment_record(acting_user=officer.user, case=custody,
                                       kind="screening", answers=ANSWERS)
    assert again.version == v2
    # Needs already open are not raised twice.
    assert SupportNeed.objects.filter(case=custody, kind="drug_treatment").count() == 1


def test_branching_question_only_asked_when_its_condition_holds(custody, officer):
    answers = {**ANSWERS, "uses_drugs": "no"}
    answers.pop("on_opiate_treatment")
    response = services.assessment_record(acting_user=officer.user, case=custody,
                                          kind="screening", answers=answers)
    assert "on_opiate_treatment" not in response.answers
    missing = {**ANSWERS}
    missing.pop("on_opiate_treatment")  # uses_drugs yes: the follow-up is required
    with pytest.raises(Refused) as refused:
        services.assessment_record(acting_user=officer.user, case=custody, kind="screening",
                                   answers=missing)
    assert "on_opiate_treatment" in refused.value.problems
    assert AssessmentResponse.objects.count() == 1


def test_a_bad_definition_is_refused(officer):
    with pytest.raises(Refused) as refused:
        services.assessment_version_load(acting_user=officer.user, definition={
            "kind": "screening", "title": "x", "questions": [
                {"id": "a", "text": "A?", "type": "yes_no", "raises": {"yes": ["space"]}}]})
    assert refused.value.code == "assessment_definition_invalid"


def test_pathway_changes_are_history_rows(custody, officer):
    pathway = custody.pathways.get(pathway="ete")
    services.pathway_set_status(acting_user=officer.user, pathway=pathway, status="in_progress")
    services.pathway_set_status(acting_user=officer.user, pathway=pathway, status="done",
                                note="Job offer confirmed")
    rows = list(PathwayChange.objects.filter(pathway=pathway).order_by("pk")
                .values_list("from_status", "to_status", "by"))
    assert rows == [("not_started", "in_progress", officer.user.pk),
                    ("in_progress", "done", officer.user.pk)]
    with pytest.raises(Refused) as refused:
        services.pathway_set_status(acting_user=officer.user, pathway=pathway, status="declined")
    assert refused.value.field == "note"
    pathway.refresh_from_db()
    assert pathway.status == "done"


def _settle_pathways(case, user):
    for pathway in case.pathways.all():
        if pathway.status == "not_started":
            services.pathway_set_status(acting_user=user, pathway=pathway,
                                        status="not_required")


def test_plan_cannot_complete_without_the_risk_section_on_a_da_case(custody, officer):
    services.assessment_record(acting_user=officer.user, case=custody, kind="screening",
                               answers={**ANSWERS, "uses_drugs": "no",
                                        "on_opiate_treatment": ""})
    _settle_pathways(custody, officer.user)
    with pytest.raises(Refused) as refused:
        services.plan_complete(acting_user=officer.user, case=custody)
    assert codes(refused.value) == {"s13_risk_section_missing"}
    assert "risk_section" in refused.value.problems
    custody.refresh_from_db()
    assert custody.plan_completed_on is None  # nothing changed
    services.risk_section_save(acting_user=officer.user, case=custody,
                               text="Ex-partner lives in Gateshead: exclusion zone; MARAC.")
    done = services.plan_complete(acting_user=officer.user, case=custody)
    assert done.plan_completed_on == TODAY
    assert AuditEvent.objects.filter(event="resettlement_plan_completed").exists()


def test_a_drug_need_demands_the_prescription_task(custody, officer):
    services.assessment_record(acting_user=officer.user, case=custody, kind="screening",
                               answers=ANSWERS)
    services.risk_section_save(acting_user=officer.user, case=custody, text="Risk addressed.")
    _settle_pathways(custody, officer.user)
    with pytest.raises(Refused) as refused:
        services.plan_complete(acting_user=officer.user, case=custody)
    assert codes(refused.value) == {"s13_prescription_task_missing"}
    assert "needs" in refused.value.problems
    services.need_add(acting_user=officer.user, case=custody, kind="prescription_on_release",
                      due_on=custody.release_on, owner=officer)
    assert services.plan_complete(acting_user=officer.user, case=custody).plan_completed_on


def test_need_due_after_release_is_refused(custody, officer):
    with pytest.raises(Refused) as refused:
        services.need_add(acting_user=officer.user, case=custody, kind="id_obtained",
                          due_on=custody.release_on + dt.timedelta(days=1))
    assert refused.value.field == "due_on"
    assert not SupportNeed.objects.exists()


def test_need_referral_uses_the_referral_machinery(custody, officer, provider, partner):
    from desist.interventions.models import Referral, Service

    service = Service.objects.create(provider=provider, code="HOUSE", name="Housing advice",
                                     component="one_to_one", partner=partner,
                                     mode="one_to_one")
    need = services.need_add(acting_user=officer.user, case=custody, kind="housing_referral",
                             due_on=custody.release_on)
    need = services.need_refer(acting_user=officer.user, need=need, service=service)
    referral = Referral.objects.get(pk=need.referral_id)
    assert referral.person == custody.person and referral.catalogue_service == service
    assert need.status == "in_progress"


def test_accommodation_alert_goes_to_officer_and_manager(custody, officer):
    services.need_add(acting_user=officer.user, case=custody, kind="accommodation_confirmed",
                      due_on=custody.release_on)
    four_weeks = custody.release_on - dt.timedelta(weeks=4)
    assert services.alerts_run(today=four_weeks - dt.timedelta(days=1))["accommodation"] == 0
    counts = services.alerts_run(today=four_weeks)
    assert counts["accommodation"] == 2
    tasks = Task.objects.filter(person=custody.person, kind__startswith="resettlement_acc")
    assert {t.queue for t in tasks} == {"officer", "manager"}
    assert services.alerts_run(today=four_weeks)["accommodation"] == 0  # one open task each


def test_handover_alert_when_no_community_officer(custody):
    person = custody.person
    person.responsible_officer = None
    person.save()
    assert services.alerts_run(today=custody.handover_on)["handover"] == 0
    assert services.alerts_run(today=custody.handover_on + dt.timedelta(days=1))["handover"] == 1


def test_release_moves_the_case_to_induction(custody, officer):
    released = services.case_release(acting_user=officer.user, case=custody,
                                     released_on=custody.release_on)
    task = Task.objects.get(kind="resettlement_induction", person=custody.person)
    assert task.assigned_to == officer
    assert task.data["url"] == f"/cases/{custody.person.crn}/induction/"
    assert released.stage == "released"
    with pytest.raises(Refused) as refused:
        services.case_release(acting_user=officer.user, case=custody,
                              released_on=custody.release_on)
    assert refused.value.status == 409


# --- the person's code ------------------------------------------------------------------------

DOB = dt.date(1990, 5, 17)


def test_code_opens_the_page_once_with_the_date_of_birth(custody, officer):
    code = services.code_issue(acting_user=officer.user, case=custody)
    assert len(code) == 6
    assert not PersonCode.objects.filter(code_hash=code).exists()  # only the hash is kept
    assert services.code_redeem(code=code.lower(), date_of_birth=DOB, client="1.1.1.1") == custody
    with pytest.raises(Refused) as refused:
        services.code_redeem(code=code, date_of_birth=DOB, client="1.1.1.1")
    assert refused.value.code == "person_code_used"
    outcomes = list(AuditEvent.objects.filter(event="person_page_accessed")
                    .values_list("detail__outcome", flat=True))
    assert sorted(outcomes) == ["opened", "used"]


def test_code_locks_after_five_wrong_tries(custody, officer):
    code = services.code_issue(acting_user=officer.user, case=custody)
    for attempt in range(4):
        with pytest.raises(Refused) as refused:
            services.code_redeem(code=code, date_of_birth=dt.date(1991, 1, 1),
                                 client=f"10.0.0.{attempt}")
        assert refused.value.code == "person_code_wrong_date_of_birth"
    with pytest.raises(Refused) as refused:
        services.code_redeem(code=code, date_of_birth=dt.date(1991, 1, 1), client="10.0.1.1")
    assert refused.value.code == "person_code_locked_now"
    with pytest.raises(Refused) as refused:  # even with the right date of birth now
        services.code_redeem(code=code, date_of_birth=DOB, client="10.0.1.2")
    assert refused.value.code == "person_code_locked"


def test_code_expires_after_seven_days(custody, officer):
    code = services.code_issue(acting_user=officer.user, case=custody)
    PersonCode.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(Refused) as refused:
        services.code_redeem(code=code, date_of_birth=DOB, client="1.1.1.1")
    assert refused.value.code == "person_code_expired"


def test_codes_are_rate_limited_by_address(custody, officer):
    for _ in range(services.RATE_LIMIT):
        with pytest.raises(Refused):
            services.code_redeem(code="ZZZZZZ", date_of_birth=DOB, client="9.9.9.9")
    code = services.code_issue(acting_user=officer.user, case=custody)
    with pytest.raises(Refused) as refused:
        services.code_redeem(code=code, date_of_birth=DOB, client="9.9.9.9")
    assert refused.value.code == "person_code_rate_limited"
    assert services.code_redeem(code=code, date_of_birth=DOB, client="8.8.8.8") == custody


def test_a_new_code_withdraws_the_old_one(custody, officer):
    first = services.code_issue(acting_user=officer.user, case=custody)
    services.code_issue(acting_user=officer.user, case=custody)
    with pytest.raises(Refused) as refused:
        services.code_redeem(code=first, date_of_birth=DOB, client="1.1.1.1")
    assert refused.value.code == "person_code_used"
