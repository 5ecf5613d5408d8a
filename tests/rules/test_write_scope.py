"""desist.rules.write_scope: who decides on a case (operating model §1, §3, §11)."""

from __future__ import annotations

import pytest

from desist.rules.write_scope import CaseFacts, Decider, decision_authority

CASE = CaseFacts(officer_id=1, team_id=10)


@pytest.mark.parametrize(("decider", "case", "cover", "may", "code"), [
    (Decider("responsible_officer", 1, 10), CASE, False, True, "responsible_officer"),
    (Decider("responsible_officer", 2, 10), CASE, False, False, "not_yours"),  # same team, not RO
    (Decider("responsible_officer", 2, 20), CASE, True, True, "covering"),
    (Decider("manager", 3, 10), CASE, False, True, "team_manager"),
    (Decider("manager", 3, 20), CASE, False, False, "not_yours"),
    (Decider("manager", 3, 20), CaseFacts(None, None), False, True, "unallocated"),
    (Decider("hub_admin", 4, None), CASE, False, True, "hub_decides"),
    (Decider("partner_caseworker", 5, None), CASE, False, True, "own_scope"),
    (Decider("sysadmin", 6, None), CASE, False, False, "not_yours"),
    (Decider("sysadmin", 6, None), CASE, True, True, "covering"),
])
def test_s1_s3_s11_decisions_belong_to_officer_team_managers_and_hub(decider, case, cover, may, code):
    authority = decision_authority(decider, case, has_cover=cover)
    assert authority.may_decide is may
    assert authority.reasons[0].code == code and "§11" in authority.reasons[0].section
    assert authority.covering is (code == "covering")
