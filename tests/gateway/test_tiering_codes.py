"""The national registration codes of tiering's complexity factors (tiering.md) map onto the
case's registration types on import, as shipped data defaults (docs/gateway.md), so a case
imported from the national record gets the tier its registrations give (issue 21)."""

from __future__ import annotations

import json

import pytest

from desist.gateway.models import CodeEntry
from desist.people.models import Person
from desist.rules.tiering import COMPLEXITY_FACTORS
from desist.tiering.services import tier_refresh
from tests.gateway.test_import import FIXTURES, run, show

pytestmark = pytest.mark.django_db

# National register code -> the case's registration type.
CODES = {
    "ALSH": "self_harm", "RVLN": "vulnerability", "RCHD": "risk_to_children",
    "RPIR": "public_interest", "RVAD": "adult_at_risk", "STRG": "gangs", "RTAO": "terrorism",
    "RMDO": "complex_mental_health", "AMHL": "complex_mental_health",
    "RCCO": "child_concern", "RCPR": "child_protection_plan",
}


def test_the_defaults_are_data_loaded_by_migration():
    loaded = dict(CodeEntry.objects.filter(table="registration").values_list("code", "value"))
    for code in CODES:
        assert code in loaded, code


def test_a_bundle_carrying_each_code_gives_the_case_each_registration_and_its_tier(
        provider, tmp_path):
    bundle = json.loads((FIXTURES / "x100001_community.json").read_text())
    bundle["registrations"] = [r for r in bundle["registrations"] if r["type"]["code"] == "RMRH"]
    for n, code in enumerate(CODES):
        bundle["registrations"].append({"registrationId": 700 + n, "active": True,
                                        "type": {"code": code}, "startDate": "2024-03-01"})
    (tmp_path / "tiering.json").write_text(json.dumps(bundle))
    status, out = run("import", "delius", str(tmp_path / "tiering.json"), "--quiet")
    assert status == 0, out
    person = Person.objects.get(crn="X100001")
    types = set(person.registrations.values_list("type", flat=True))
    assert types == set(CODES.values())
    assert "suicide_self_harm" in show("X100001")["registrations"]
    tier_refresh(person, event="first", actor="test")
    inputs = person.tier_calculations.first().inputs
    # Every one of tiering.md's complexity factors is counted from the imported registrations.
    assert set(inputs["complexity_factors"]) == set(COMPLEXITY_FACTORS)
