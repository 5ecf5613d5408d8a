"""Through the Gate over the API: read, change, refusal with reasons, service level."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from desist.organisation.roles import Role
from desist.resettlement import services
from desist.resettlement.models import CustodyCase, PathwayChange, ResettlementPathway, SupportNeed
from tests import factories as f
from tests.refusals import nothing_written

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def custody(provider, staff_by_role, team):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    person = f.PersonFactory(provider=provider, crn="C300001", responsible_officer=officer,
                             team=team)
    sentence = f.SentenceFactory(person=person, type="custody", custodial_months=24,
                                 sentence_date=TODAY - dt.timedelta(days=300),
                                 start_date=TODAY - dt.timedelta(days=300),
                                 expected_end_date=TODAY + dt.timedelta(days=500),
                                 release_date=TODAY + dt.timedelta(weeks=20))
    f.RegistrationFactory(person=person, type="child_protection_plan",
                          start_date=TODAY - dt.timedelta(days=300))
    return services.custody_case_open(acting_user=officer.user, person=person, sentence=sentence,
                                      prison="HMP Durham",
                                      reception_on=TODAY - dt.timedelta(days=300))


def api(staff):
    client = APIClient()
    client.force_authenticate(staff.user)
    return client


def test_read_change_and_refusal(custody, staff_by_role):
    client = api(staff_by_role[Role.RESPONSIBLE_OFFICER])
    body = client.get("/api/cases/C300001/resettlement").json()["custody_case"]
    assert len(body["pathways"]) == 7 and body["can_complete"] is False
    pathway = body["pathways"][0]
    changed = client.post(f"/api/cases/C300001/resettlement/pathways/{pathway['id']}",
                          {"status": "in_progress", "version": pathway["version"]},
                          format="json")
    assert changed.status_code == 200 and changed.json()["status"] == "in_progress"
    with nothing_written(ResettlementPathway, PathwayChange):
        stale = client.post(f"/api/cases/C300001/resettlement/pathways/{pathway['id']}",
                            {"status": "done", "version": pathway["version"]}, format="json")
    assert stale.status_code == 409
    need = client.post("/api/cases/C300001/resettlement/needs",
                       {"kind": "id_obtained", "due_on": str(custody.release_on)}, format="json")
    assert need.status_code == 201
    with nothing_written(CustodyCase, SupportNeed):
        refused = client.post("/api/cases/C300001/resettlement/complete",
                              {"version": custody.version + 10}, format="json")
    assert refused.status_code == 409
    custody.refresh_from_db()
    with nothing_written(CustodyCase, SupportNeed):
        refused = client.post("/api/cases/C300001/resettlement/complete",
                              {"version": custody.version}, format="json")
    assert refused.status_code == 400
    assert "risk_section" in refused.json()["error"]["fields"]


def test_auditor_reads_only_and_service_level_for_managers(custody, staff_by_role):
    from desist.people.models import Person
    from tests import factories

    # Quality assurance reads the cases sampled into its audit (issue 18).
    factories.sample_for_auditor(Person.objects.get(crn="C300001"),
                                 staff_by_role[Role.AUDITOR].user)
    auditor = api(staff_by_role[Role.AUDITOR])
    assert auditor.get("/api/cases/C300001/resettlement").status_code == 200
    with nothing_written(SupportNeed):
        assert auditor.post("/api/cases/C300001/resettlement/needs",
                            {"kind": "id_obtained", "due_on": str(TODAY)},
                            format="json").status_code == 403
    rows = api(staff_by_role[Role.MANAGER]).get("/api/resettlement/service-level").json()
    assert rows["target"] == 95 and rows["rows"][0]["name"] == "HMP Durham"
    assert api(staff_by_role[Role.RESPONSIBLE_OFFICER]).get(
        "/api/resettlement/service-level").status_code == 403
