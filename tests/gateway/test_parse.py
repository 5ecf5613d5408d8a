"""The bundle reader (gateway.parse): pure, strict, nothing invented (operating model §3)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from desist.gateway import parse, samples
from desist.gateway.selectors import default_tables

FIXTURES = Path(__file__).with_name("fixtures")
CODES = parse.Codes({t: {c: pair[0] for c, pair in e.items()} for t, e in default_tables().items()})


def load(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text())


def problems_of(bundle) -> list[tuple[str, str]]:
    with pytest.raises(parse.BundleRejected) as caught:
        parse.parse_bundle(bundle, CODES)
    return caught.value.problems


def test_community_order_read_back_field_by_field():
    view = parse.parse_bundle(load("x100001_community.json"), CODES).view
    assert view == {
        "crn": "X100001",
        "person": {"first_name": "Ann", "surname": "Smith", "date_of_birth": "1990-02-03",
                   "gender": "female", "pnc_number": "2004/0712343H",
                   "main_address": {"postcode": "S1 2AB", "district": "Sharrow"},
                   "primary_language": "English", "interpreter_required": False},
        "tier": "B2",
        "offender_manager": {"staff_code": "N07A001", "team_code": "N07T01", "unallocated": False},
        "restricted": False, "excluded": False,
        "registrations": ["domestic_abuse"], "rosh": "high", "mappa": None, "iom": False,
        "custody": None,
        "current_sentence": {"conviction_id": 2500001, "kind": "community_order",
                             "start_date": "2024-01-10", "expected_end_date": "2025-01-09"},
        "requirements": [{"requirement_id": 11, "kind": "rar", "code": "F"},
                         {"requirement_id": 12, "kind": "upw", "code": "W"},
                         {"requirement_id": 13, "kind": "upw", "code": "W"}],
        "rar_days_total": 20,
        "upw_hours_total": 120,  # the W03 additional hours included
        "upw_hours_completed": 10,
        "contacts": {"total": 1, "appointments": 1, "outcome_codes": ["ATTC"],
                     "enforcement_codes": []},
    }


def test_custody_case_with_nulls_is_unknown_not_defaulted():
    view = parse.parse_bundle(load("x100002_custody_nulls.json"), CODES).view
    person = view["person"]
    assert person["pnc_number"] is None
    assert person["interpreter_required"] is None  # missing: unknown, not False
    assert person["main_address"] == {"postcode": "LS2 9JT", "district": None}
    assert view["tier"] is None
    assert view["offender_manager"] == {"staff_code": "N07UATU", "team_code": "N07UAT",
                                        "unallocated": True}
    assert view["restricted"] is True and view["excluded"] is None
    # the later RoSH registration wins; inactive child protection is not listed
    assert view["rosh"] == "very_high"
    assert view["registrations"] == ["iom", "mappa", "registered_sex_offender"]
    assert view["mappa"] == {"level": 2, "category": 1}
    assert view["iom"] is True
    assert view["custody"] == {"status": "on_licence", "released": True,
                               "release_date": "2024-03-15"}
    assert view["current_sentence"] == {"conviction_id": 3000002, "kind": "determinate_custody",
                                        "start_date": "2023-05-02", "expected_end_date": None}
    # the soft-deleted and inactive requirements, and the old conviction's, do not count
    assert view["requirements"] == []
    assert view["rar_days_total"] == 0 and view["upw_hours_total"] == 0
    assert view["upw_hours_completed"] is None
    assert view["contacts"] == {"total": 3, "appointments": 2, "outcome_codes": ["ATTC", "AFTA"],
                                "enforcement_codes": ["WLS"]}


def test_missing_sections_are_unknown():
    bundle = {"crn": "X100009", "offender": {"firstName": "A", "surname": "B",
                                             "dateOfBirth": "1990-01-01"}}
    view = parse.parse_bundle(bundle, CODES).view
    assert view["registrations"] is None and view["rosh"] is None and view["iom"] is None
    assert view["current_sentence"] is None and view["custody"] is None
    assert view["requirements"] is None and view["rar_days_total"] is None
    assert view["contacts"] is None
    assert view["person"]["gender"] is None and view["offender_manager"] is None


def test_in_custody_status_is_not_released():
    bundle = samples.bundle(4, custody=True)
    bundle["convictions"][0]["custody"]["status"] = {"code": "A"}
    view = parse.parse_bundle(bundle, CODES).view
    assert view["custody"]["status"] == "in_custody" and view["custody"]["released"] is False
    assert view["custody"]["release_date"] == bundle["convictions"][0]["custody"]["keyDates"][
        "expectedReleaseDate"]


def test_rar_total_unknown_when_a_counted_length_is_null():
    bundle = load("x100001_community.json")
    bundle["requirements"]["2500001"][0]["length"] = None
    assert parse.parse_bundle(bundle, CODES).view["rar_days_total"] is None


def test_totals_are_whole_numbers_when_lengths_come_as_decimals():
    """JSON numbers such as 20.0 (as some exports write lengths) read back as 20, not 20.0."""
    bundle = load("x100001_community.json")
    for requirement in bundle["requirements"]["2500001"]:
        if requirement.get("length") is not None:
            requirement["length"] = float(requirement["length"])
    view = parse.parse_bundle(bundle, CODES).view
    assert json.dumps(view["rar_days_total"]) == "20"
    assert json.dumps(view["upw_hours_total"]) == "120"


@pytest.mark.parametrize("value", ["03/02/1990", "1990-2-3", "19900203", "", 19900203,
                                   "1990-02-03T00:00:00"])
def test_date_of_birth_not_iso(value):
    bundle = load("x100001_community.json")
    bundle["offender"]["dateOfBirth"] = value
    assert problems_of(bundle) == [("offender.dateOfBirth", "not an ISO date")]


@pytest.mark.parametrize("value", ["2023-02-29", "2023-02-30", "2023-13-01", "2023-04-31",
                                   "0000-01-01"])
def test_impossible_date_is_rejected_never_rolled_over(value):
    bundle = load("x100001_community.json")
    bundle["convictions"][0]["sentence"]["startDate"] = value
    assert ("convictions[0].sentence.startDate", "impossible date") in problems_of(bundle)


def test_leap_day_is_a_date():
    bundle = load("x100001_community.json")
    bundle["convictions"][0]["sentence"]["startDate"] = "2024-02-29"
    view = parse.parse_bundle(bundle, CODES).view
    assert view["current_sentence"]["start_date"] == "2024-02-29"


def test_unknown_registration_code_rejected():
    assert problems_of(load("x100005_unknown_registration.json")) == [
        ("registrations[0].type.code", "unknown registration type code 'ZZZZ'")]


def test_every_problem_is_reported_with_its_field():
    bundle = load("x100001_community.json")
    bundle["offender"]["dateOfBirth"] = "1990/02/03"
    bundle["registrations"][1]["type"]["code"] = "NOPE"
    bundle["contacts"][0]["contactStart"] = "yesterday"
    fields = [f for f, _ in problems_of(bundle)]
    assert fields == ["offender.dateOfBirth", "contacts[0].contactStart",
                      "registrations[1].type.code"]


@pytest.mark.parametrize("crn", [None, "", "x100001", "X1", 12345])
def test_bad_crn(crn):
    bundle = load("x100001_community.json")
    bundle["crn"] = crn
    assert problems_of(bundle)[0][0] == "crn"


def test_crn_must_match_other_ids():
    bundle = load("x100001_community.json")
    bundle["offender"]["otherIds"]["crn"] = "X999999"
    assert problems_of(bundle) == [("offender.otherIds.crn", "does not match the bundle's CRN")]


def test_duplicate_ids_rejected():
    bundle = load("x100001_community.json")
    bundle["registrations"][1]["registrationId"] = 91
    assert problems_of(bundle) == [("registrations[1].registrationId", "appears twice")]


def test_checksum_is_order_independent():
    a = load("x100001_community.json")
    b = copy.deepcopy(a)
    b = dict(reversed(list(b.items())))
    assert parse.checksum(a) == parse.checksum(b)


def test_code_tables_change_the_reading():
    tables = copy.deepcopy(CODES.tables)
    tables["registration"]["ZZZZ"] = "public_interest_case"
    view = parse.parse_bundle(load("x100005_unknown_registration.json"), parse.Codes(tables)).view
    assert view["registrations"] == ["public_interest_case"]


def test_samples_all_parse():
    for n in range(50):
        parse.parse_bundle(samples.bundle(n), CODES)


def test_contract_order_is_restored():
    view = parse.parse_bundle(load("x100002_custody_nulls.json"), CODES).view
    shuffled = json.loads(json.dumps(dict(sorted(view.items()))))
    assert list(parse.in_contract_order(shuffled)) == list(view)
    assert list(parse.in_contract_order(shuffled)["person"]) == list(view["person"])
