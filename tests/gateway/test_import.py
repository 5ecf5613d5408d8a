"""Importing national-record bundles (operating model §3): whole-record rejection, idempotence,
resumption, the ledger, the intake queue and the read-back contract."""

from __future__ import annotations

import copy
import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from desist.gateway import samples, services
from desist.gateway.models import ImportBatch, NationalContact, NationalKey, NationalRecord
from desist.people.models import Person, Registration
from desist.sentences.models import Requirement, Sentence
from desist.worklist.models import Task
from tests import factories as f

FIXTURES = Path(__file__).with_name("fixtures")


def run(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=io.StringIO())
    except CommandError as exc:
        return exc.returncode, out.getvalue() + str(exc)
    return 0, out.getvalue()


def show(crn: str) -> dict:
    code, out = run("cases", "show", crn, "--json")
    assert code == 0, out
    return json.loads(out)


def state() -> dict:
    return {k: sorted(v, key=str) for k, v in _state().items()}


def _state() -> dict:
    return {
        "people": list(Person.objects.values_list("crn", "first_name", "rosh", "restricted")),
        "sentences": list(Sentence.objects.values_list("person__crn", "type", "start_date",
                                                          "release_date")),
        "requirements": list(Requirement.objects.values_list("sentence__person__crn", "type",
                                                               "rar_days", "upw_hours")),
        "registrations": list(Registration.objects.values_list("person__crn", "type")),
        "keys": list(NationalKey.objects.values_list("kind", "national_id", "person__crn")),
        "contacts": list(NationalContact.objects.values_list("contact_id", "outcome_code")),
        "views": list((r.crn, json.dumps(r.view, sort_keys=True))
                        for r in NationalRecord.objects.all()),
        "tasks": list(Task.objects.values_list("key", "status")),
    }


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "bundles"
    shutil.copytree(FIXTURES, target)
    return target


def test_folder_import_rejects_bad_records_and_reads_back_good_ones(provider, folder):
    code, out = run("import", "delius", str(folder), "--quiet")
    assert code == 1
    lines = out.splitlines()
    assert "X100003 offender.dateOfBirth: not an ISO date" in lines
    assert "X100004 convictions[0].sentence.startDate: impossible date" in lines
    assert "X100005 registrations[0].type.code: unknown registration type code 'ZZZZ'" in lines
    assert any(line.startswith("x100006_truncated.json file: not valid JSON") for line in lines)
    assert set(Person.objects.values_list("crn", flat=True)) == {"X100001", "X100002"}

    batch = ImportBatch.objects.get()
    assert batch.counts() == {"read": 6, "created": 2, "updated": 0, "unchanged": 0,
                              "rejected": 4}
    assert len(batch.checksum) == 64 and batch.status == "finished"
    assert {e["crn"] for e in batch.errors} >= {"X100003", "X100004", "X100005"}

    view = show("X100002")
    assert view["custody"] == {"status": "on_licence", "released": True,
                               "release_date": "2024-03-15"}
    assert view["rosh"] == "very_high" and view["restricted"] is True
    expected = json.loads((FIXTURES / "x100001_community.json").read_text())
    assert show("X100001")["person"]["pnc_number"] == expected["offender"]["otherIds"]["pncNumber"]


def test_unknown_crn_exits_1(provider):
    code, out = run("cases", "show", "X999999", "--json")
    assert code == 1 and "X999999" in out


def test_new_cases_land_in_intake_and_project_into_the_case_record(provider, folder):
    run("import", "delius", str(folder), "--quiet")
    person = Person.objects.get(crn="X100001")
    assert person.routing == "" and person.hub_hold == "" and person.arrived_on is not None
    assert person.rosh == "high" and str(person.date_of_birth) == "1990-02-03"
    sentence = person.sentences.get()
    assert sentence.type == "community_order"
    assert list(sentence.requirements.order_by("type", "pk").values_list(
        "type", "rar_days", "upw_hours")) == [
        ("rar", 20, None), ("upw", None, 100), ("upw", None, None)]
    assert list(person.registrations.values_list("type", flat=True)) == ["domestic_abuse"]
    custody = Person.objects.get(crn="X100002")
    assert custody.restricted is True
    assert custody.national_record.restriction_message == "Restricted: contact the hub"
    # no expected end date in the national record: no sentence is invented for the case record
    assert not custody.sentences.exists()
    # high and very high RoSH go to the NPS as a manual RoSH entry would (§2, F18)
    assert set(Task.objects.filter(kind="risk_escalation").values_list("person__crn", flat=True)
               ) == {"X100001", "X100002"}


def test_import_twice_changes_nothing(provider, folder):
    run("import", "delius", str(folder), "--quiet")
    before = state()
    code, out = run("import", "delius", str(folder), "--quiet")
    assert code == 1
    assert state() == before
    assert ImportBatch.objects.order_by("-pk").first().counts() == {
        "read": 6, "created": 0, "updated": 0, "unchanged": 2, "rejected": 4}


def test_a_bad_new_version_leaves_the_good_one(provider, folder, tmp_path):
    run("import", "delius", str(folder), "--quiet")
    before = state()
    bad = json.loads((folder / "x100001_community.json").read_text())
    bad["offender"]["firstName"] = "Changed"
    bad["convictions"][0]["sentence"]["expectedSentenceEndDate"] = "2025-02-31"
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    code, out = run("import", "delius", str(tmp_path / "bad.json"), "--quiet")
    assert code == 1
    assert "X100001 convictions[0].sentence.expectedSentenceEndDate: impossible date" in out
    assert state() == before


def test_a_changed_bundle_updates_in_place_and_recategorises(provider, folder, tmp_path):
    run("import", "delius", str(folder), "--quiet")
    person = Person.objects.get(crn="X100001")
    Person.objects.filter(pk=person.pk).update(band="yellow", ror_judgement="high")
    changed = json.loads((folder / "x100001_community.json").read_text())
    changed["registrations"][0]["type"]["code"] = "RMRH"
    changed["registrations"].append({"registrationId": 93, "active": True,
                                     "type": {"code": "IIOM"}, "startDate": "2024-03-01"})
    changed["contacts"][0]["enforcement"] = {"enforcementAction": {"code": "WLS"}}
    (tmp_path / "changed.json").write_text(json.dumps(changed))
    code, out = run("import", "delius", str(tmp_path / "changed.json"), "--quiet")
    assert code == 0, out
    assert Person.objects.filter(crn="X100001").count() == 1
    view = show("X100001")
    assert view["rosh"] == "medium" and view["iom"] is True
    assert view["registrations"] == ["domestic_abuse", "iom"]
    assert view["contacts"]["enforcement_codes"] == ["WLS"]
    person.refresh_from_db()
    assert person.rosh == "medium" and person.version == 2
    assert sorted(person.registrations.values_list("type", flat=True)) == ["domestic_abuse",
                                                                            "iom"]
    assert Sentence.objects.filter(person=person).count() == 1
    # the RoSH change: the escalation no longer needed is closed, a band review raised (§4)
    assert not Task.objects.filter(person=person, kind="risk_escalation", status="open").exists()
    assert Task.objects.filter(person=person, kind="band_review", status="open").exists()


def test_dry_run_changes_nothing(provider, folder):
    code, out = run("import", "delius", str(folder), "--dry-run", "--quiet")
    assert code == 1
    assert "Would import 6 records" in out and "2 new" in out
    assert not Person.objects.exists() and not NationalRecord.objects.exists()


def test_an_interrupted_import_converges_when_run_again(provider):
    items = [(f"b{n}", samples.bundle(n)) for n in range(1, 13)]

    class Killed(Exception):
        pass

    def dying():
        for number, item in enumerate(items):
            if number == 7:
                raise Killed()
            yield item

    with pytest.raises(Killed):
        services.import_bundles(acting_user=None, items=dying(), source="test", chunk=3)
    assert Person.objects.count() == 6  # two whole chunks committed, the third rolled back
    assert ImportBatch.objects.get().status == "failed"
    services.import_bundles(acting_user=None, items=iter(items), source="test", chunk=3)
    after_resume = state()
    fresh = ImportBatch.objects.order_by("-pk").first()
    assert fresh.counts() == {"read": 12, "created": 6, "updated": 0, "unchanged": 6,
                              "rejected": 0}
    services.import_bundles(acting_user=None, items=iter(items), source="test", chunk=5)
    assert state() == after_resume
    assert Person.objects.count() == 12


def test_case_keyed_by_hand_is_matched_on_crn(provider, folder):
    f.PersonFactory(crn="X100001", provider=provider, first_name="Typed")
    run("import", "delius", str(folder / "x100001_community.json"), "--quiet")
    assert Person.objects.filter(crn="X100001").count() == 1
    assert Person.objects.get(crn="X100001").first_name == "Ann"


def test_officer_and_team_matched_by_code(provider):
    team = f.TeamFactory(provider=provider, code="N07T01")
    officer = f.StaffFactory(provider=provider, staff_code="N07A001")
    run("import", "delius", str(FIXTURES / "x100001_community.json"), "--quiet")
    person = Person.objects.get(crn="X100001")
    assert person.team == team and person.responsible_officer == officer


def test_code_tables_editable_without_code(provider, tmp_path):
    (tmp_path / "extra.json").write_text(json.dumps({"registration": {"ZZZZ": ["iom", "Local"]}}))
    code, out = run("gateway_codes", "load", str(tmp_path / "extra.json"))
    assert code == 0 and "Loaded 1" in out
    code, out = run("import", "delius", str(FIXTURES / "x100005_unknown_registration.json"),
                    "--quiet")
    assert code == 0, out
    assert show("X100005")["registrations"] == ["iom"]


def test_parallel_shares_cover_every_case_once(provider, tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(json.dumps(samples.bundle(n)) for n in range(1, 21)))
    first = services.import_path(acting_user=None, path=path, shard=(0, 2))
    second = services.import_path(acting_user=None, path=path, shard=(1, 2))
    assert first.batch.created + second.batch.created == 20
    assert first.batch.created and second.batch.created
    assert Person.objects.count() == 20


def test_the_same_id_in_two_kinds_belongs_to_both(provider, tmp_path):
    """A conviction 2500001 and another person's registration 2500001 are different records:
    importing the second must not take the first's key, or the first's re-import would leave
    its old sentence behind beside the new one."""
    first = json.loads((FIXTURES / "x100001_community.json").read_text())
    second = copy.deepcopy(first)
    second["crn"] = second["offender"]["otherIds"]["crn"] = "X100009"
    second["convictions"][0]["convictionId"] = 2599999
    second["requirements"] = {"2599999": copy.deepcopy(first["requirements"]["2500001"])}
    for requirement in second["requirements"]["2599999"]:
        requirement["requirementId"] += 900000
    second["contacts"] = []
    second["registrations"][0]["registrationId"] += 900000
    second["registrations"][1]["registrationId"] = first["convictions"][0]["convictionId"]
    services.import_bundles(acting_user=None, source="t", items=[("a", first)])
    services.import_bundles(acting_user=None, source="t", items=[("b", second)])
    first["offender"]["currentTier"] = "C1"  # a change: the case is rewritten from the bundle
    services.import_bundles(acting_user=None, source="t", items=[("a", first)])
    assert Sentence.objects.filter(person__crn="X100001").count() == 1
    assert NationalKey.objects.filter(person__crn="X100009", kind="registration").count() == \
        Registration.objects.filter(person__crn="X100009").count()
