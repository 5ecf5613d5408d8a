"""Issue 20: the import ledger is provider-scoped, and the national record's exclusion and
restriction lists are enforced through the access layer (an exclusion hides the case from the
staff on its list only; a restriction shows it only to the staff on its list)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from desist.gateway import services
from desist.gateway.models import ImportBatch
from desist.organisation.roles import Role
from desist.people.models import CaseAccessEntry, Person
from tests.conftest import make_staff
from tests.refusals import rows

FIXTURES = Path(__file__).with_name("fixtures")


def bundle(name: str = "x100001_community.json") -> dict:
    return json.loads((FIXTURES / name).read_text())


@pytest.fixture
def other_hub(other_provider):
    return make_staff(other_provider, Role.HUB_ADMIN, username="other-hub")


# --- the ledger --------------------------------------------------------------------------------

def test_another_providers_staff_see_nothing_of_a_batch(staff_by_role, other_hub, client_for):
    services.import_path(acting_user=None, path=FIXTURES)  # into the first provider (no N07)
    batch = ImportBatch.objects.get()
    own = client_for(staff_by_role[Role.HUB_ADMIN])
    assert f"/national/imports/{batch.pk}" in own.get("/national/imports/").content.decode()
    assert "X100003" in own.get(f"/national/imports/{batch.pk}").content.decode()

    outsider = client_for(other_hub)
    listing = outsider.get("/national/imports/")
    assert listing.status_code == 200
    assert f"/national/imports/{batch.pk}" not in listing.content.decode()
    assert outsider.get(f"/national/imports/{batch.pk}").status_code == 404  # not 403
    assert outsider.get("/api/national/imports").json() == []


def test_a_batch_over_two_providers_shows_each_its_own_part(staff_by_role, other_provider,
                                                            other_hub, client_for, tmp_path):
    theirs = bundle()
    theirs["crn"] = theirs["offender"]["otherIds"]["crn"] = "X200001"
    theirs["offender"]["offenderManagers"][0]["probationArea"]["code"] = other_provider.code
    bad_theirs = copy.deepcopy(theirs)
    bad_theirs["crn"] = bad_theirs["offender"]["otherIds"]["crn"] = "X200002"
    bad_theirs["offender"]["dateOfBirth"] = "1990-02-30"
    bad_ours = bundle("x100003_bad_dob.json")
    (tmp_path / "batch.json").write_text(json.dumps([bundle(), theirs, bad_theirs, bad_ours]))
    result = services.import_path(acting_user=None, path=tmp_path)
    assert result.batch.counts() == {"read": 4, "created": 2, "updated": 0, "unchanged": 0,
                                     "rejected": 2}
    assert Person.objects.get(crn="X200001").provider == other_provider

    ours = client_for(staff_by_role[Role.HUB_ADMIN]).get("/api/national/imports").json()
    mine = client_for(other_hub).get("/api/national/imports").json()
    assert [(b["read"], b["created"], b["rejected"]) for b in ours] == [(2, 1, 1)]
    assert [(b["read"], b["created"], b["rejected"]) for b in mine] == [(2, 1, 1)]
    assert {e["crn"] for e in ours[0]["errors"]} == {"X100003"}
    assert {e["crn"] for e in mine[0]["errors"]} == {"X200002"}
    page = client_for(other_hub).get(f"/national/imports/{result.batch.pk}").content.decode()
    assert "X200002" in page and "X100003" not in page


def test_an_api_import_cannot_change_another_providers_case(staff_by_role, other_hub,
                                                            client_for):
    client_for(staff_by_role[Role.HUB_ADMIN]).post(
        "/api/national/imports", bundle(), content_type="application/json")
    before = {model: rows(model) for model in (Person, CaseAccessEntry)}
    changed = bundle()
    changed["offender"]["firstName"] = "Changed"
    response = client_for(other_hub).post("/api/national/imports", changed,
                                          content_type="application/json")
    assert response.status_code == 200
    got = response.json()
    assert (got["read"], got["rejected"], got["created"], got["updated"]) == (1, 1, 0, 0)
    assert got["errors"][0]["crn"] == "X100001" and got["errors"][0]["field"] == "crn"
    assert {model: rows(model) for model in before} == before


def test_an_api_import_cannot_place_a_case_in_another_providers_area(staff_by_role,
                                                                    other_provider, client_for):
    placed_elsewhere = bundle()
    placed_elsewhere["offender"]["offenderManagers"][0]["probationArea"]["code"] = \
        other_provider.code
    response = client_for(staff_by_role[Role.HUB_ADMIN]).post(
        "/api/national/imports", placed_elsewhere, content_type="application/json")
    assert response.json()["rejected"] == 1
    assert response.json()["errors"][0]["field"] == \
        "offender.offenderManagers.probationArea.code"
    assert not Person.objects.exists()


# --- exclusion and restriction lists ----------------------------------------------------------

def limited(*, restricted=False, excluded=False, restricted_to=(), excluded_from=(),
            **rest) -> dict:
    b = bundle()
    b["offender"].update(currentRestriction=restricted, currentExclusion=excluded,
                         exclusionMessage="You are excluded: ask the hub" if excluded else None)
    b["limitedAccess"] = {"restrictedTo": list(restricted_to),
                          "excludedFrom": list(excluded_from), **rest}
    return b


def sees(client, crn: str = "X100001") -> tuple[int, int]:
    return (client.get(f"/cases/{crn}/plan/").status_code,
            client.get(f"/api/cases/{crn}/national").status_code)


def test_an_exclusion_hides_the_case_from_the_named_staff_only(staff_by_role, client_for):
    officer, manager = staff_by_role[Role.RESPONSIBLE_OFFICER], staff_by_role[Role.MANAGER]
    services.import_bundles(acting_user=None, source="test", items=[("b", limited(
        excluded=True, excluded_from=[{"staffCode": officer.staff_code}]))])
    person = Person.objects.get(crn="X100001")
    assert person.restricted is False  # an exclusion is not a restriction
    entry = CaseAccessEntry.objects.get(person=person)
    assert (entry.user_id, entry.kind) == (officer.user_id, "excluded")
    assert "ask the hub" in entry.reason
    assert sees(client_for(officer)) == (404, 404)
    assert sees(client_for(manager)) == (200, 200)
    assert sees(client_for(staff_by_role[Role.HUB_ADMIN])) == (200, 200)
    assert client_for(manager).get("/api/cases/X100001/national").json()["excluded"] is True


def test_an_exclusion_named_by_username_or_email(staff_by_role, client_for):
    officer, manager = staff_by_role[Role.RESPONSIBLE_OFFICER], staff_by_role[Role.MANAGER]
    manager.user.email = "Manager@Example.org"
    manager.user.save()
    services.import_bundles(acting_user=None, source="test", items=[("b", limited(
        excluded=True, excluded_from=[{"username": officer.user.username},
                                      {"email": "manager@example.org"}]))])
    assert sees(client_for(officer)) == (404, 404)
    assert sees(client_for(manager)) == (404, 404)
    assert sees(client_for(staff_by_role[Role.HUB_ADMIN])) == (200, 200)


def test_a_restriction_shows_the_case_to_the_named_staff_only(staff_by_role, client_for):
    officer, manager = staff_by_role[Role.RESPONSIBLE_OFFICER], staff_by_role[Role.MANAGER]
    services.import_bundles(acting_user=None, source="test", items=[("b", limited(
        restricted=True, restricted_to=[{"staffCode": officer.staff_code}]))])
    assert Person.objects.get(crn="X100001").restricted is True
    assert sees(client_for(officer)) == (200, 200)
    assert sees(client_for(manager)) == (404, 404)


def test_on_both_lists_is_excluded(staff_by_role, client_for):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    code = [{"staffCode": officer.staff_code}]
    services.import_bundles(acting_user=None, source="test", items=[("b", limited(
        restricted=True, excluded=True, restricted_to=code, excluded_from=code))])
    assert sees(client_for(officer)) == (404, 404)


def test_a_lifted_exclusion_is_lifted_on_reimport(staff_by_role, client_for):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    services.import_bundles(acting_user=None, source="test", items=[("b", limited(
        excluded=True, excluded_from=[{"staffCode": officer.staff_code}]))])
    assert sees(client_for(officer)) == (404, 404)
    services.import_bundles(acting_user=None, source="test", items=[("b", limited())])
    assert not CaseAccessEntry.objects.exists()
    assert sees(client_for(officer)) == (200, 200)


def test_an_exclusion_flag_without_a_list_restricts_no_one(staff_by_role, client_for):
    b = bundle()
    b["offender"]["currentExclusion"] = True
    services.import_bundles(acting_user=None, source="test", items=[("b", b)])
    assert Person.objects.get(crn="X100001").restricted is False
    assert sees(client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])) == (200, 200)


def test_an_entry_naming_no_one_rejects_the_record(db, provider):
    bad = limited(excluded=True, excluded_from=[{"staffCode": " "}])
    result = services.import_bundles(acting_user=None, source="test", items=[("b", bad)])
    assert [(r.field, r.reason) for r in result.rejections] == [
        ("limitedAccess.excludedFrom[0]",
         "names no one (a staffCode, username or email is required)")]
    assert not Person.objects.exists()
