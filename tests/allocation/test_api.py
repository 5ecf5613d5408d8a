"""The allocation API: same rules, JSON errors with field detail, audit, in the schema."""

from __future__ import annotations

import pytest

from desist.allocation.models import Assignment, BandDecision
from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.people.models import Person
from tests.refusals import nothing_written

from .conftest import new_case

pytestmark = pytest.mark.django_db
DA_PROMPT = "s4_domestic_abuse_consider_top"


def test_intake_queue_lists_routing_and_missing_information(provider, newcastle, staff_by_role, client):
    new_case(provider, la=newcastle[0], crn="D100001")
    new_case(provider, crn="D100002", rosh="")
    client.force_login(staff_by_role[Role.HUB_ADMIN].user)
    body = client.get("/api/intake").json()
    rows = {r["crn"]: r for r in body["results"]}
    assert rows["D100001"]["proposed"]["destination"] == "lmc"
    assert rows["D100001"]["proposed"]["lmc"] == "NCL"
    assert set(rows["D100002"]["missing"]) >= {"No address", "No RoSH"}
    bad = client.get("/api/intake?view=sideways")
    assert bad.status_code == 400 and "view" in bad.json()["error"]["fields"]


def test_band_decision_over_the_api(provider, newcastle, lmc_manager, client):
    la, team = newcastle
    person = new_case(provider, la=la, team=team, crn="D100003", registrations=("domestic_abuse",))
    client.force_login(lmc_manager.user)
    got = client.get("/api/cases/D100003/banding").json()
    assert got["proposal"]["band"] == "green"
    assert DA_PROMPT in [p["code"] for p in got["proposal"]["prompts"]]
    with nothing_written(BandDecision, Person):
        refused = client.post("/api/cases/D100003/banding",
                              {"version": person.version, "band": "green"},
                              content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"][f"prompt:{DA_PROMPT}"] == [
        "Answer this prompt: accept or decline"]
    ok = client.post("/api/cases/D100003/banding", {
        "version": person.version, "band": "blue", "rationale": "DA call-outs monthly",
        "prompts": [{"code": DA_PROMPT, "answer": "accept"}]}, content_type="application/json")
    assert ok.status_code == 201
    assert ok.json()["band"] == "blue" and ok.json()["history"][0]["overridden"] is True
    with nothing_written(BandDecision, Person):
        stale = client.post("/api/cases/D100003/banding",
                            {"version": person.version, "band": "blue"},
                            content_type="application/json")
    assert stale.status_code == 409


def test_assignment_over_the_api_warns_and_records(provider, newcastle, lmc_manager, officers, client):
    la, team = newcastle
    person = new_case(provider, la=la, team=team, crn="D100004", gender="female")
    client.force_login(lmc_manager.user)
    got = client.get("/api/cases/D100004/assignment").json()
    by_officer = {c["officer"]: c for c in got["candidates"]}
    assert by_officer[officers["po_m"].pk]["warnings"][0]["code"] == "woman_to_male_officer"
    assert by_officer[officers["po_f"].pk]["rank"] == 1
    with nothing_written(Assignment, Person):
        refused = client.post("/api/cases/D100004/assignment",
                              {"version": person.version, "officer": officers["po_m"].pk},
                              content_type="application/json")
    assert refused.status_code == 400 and "acknowledgement" in refused.json()["error"]["fields"]
    ok = client.post("/api/cases/D100004/assignment",
                     {"version": person.version, "officer": officers["po_f"].pk},
                     content_type="application/json")
    assert ok.status_code == 201 and ok.json()["responsible_officer"] == officers["po_f"].pk
    assert AuditEvent.objects.filter(event="officer_assigned", crn="D100004").exists()


def test_officer_cannot_decide_and_outsider_gets_404(provider, newcastle, staff_by_role, outsider,
                                                     client):
    person = new_case(provider, la=newcastle[0], crn="D100005")
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    with nothing_written(BandDecision, Person):
        assert client.post("/api/cases/D100005/banding",
                           {"version": person.version, "band": "green"},
                           content_type="application/json").status_code == 403
    client.force_login(outsider.user)
    assert client.get("/api/cases/D100005/banding").status_code == 404


def test_schema_documents_the_allocation_endpoints(staff_by_role, client):
    client.force_login(staff_by_role[Role.MANAGER].user)
    schema = client.get("/api/schema").content.decode()
    for path in ("/api/intake", "/api/cases/{crn}/banding", "/api/cases/{crn}/assignment"):
        assert path in schema
