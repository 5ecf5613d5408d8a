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


# --- Every word and both sides of each check (issue 25, mutation testing) ---------------------

SECTION = "operating-model.md §1, §3, §11"


@pytest.mark.parametrize(("decider", "case", "cover", "expected"), [
    (Decider("hub_admin", 4, 99), CaseFacts(None, None), False,
     (True, False, "hub_decides", "The hub administers every case of the provider.")),
    (Decider("upw_supervisor", 5, None), CASE, False,
     (True, False, "own_scope", "This role works only on its own referrals or unpaid work.")),
    (Decider("manager", 1, 20), CASE, False,
     (True, False, "responsible_officer", "You are this person's responsible officer.")),
    (Decider("manager", 3, None), CaseFacts(7, None), False,
     (True, False, "unallocated", "The case has no team yet; any manager may allocate it.")),
    (Decider("manager", 3, 10), CaseFacts(None, 10), False,
     (True, False, "team_manager", "You manage the team that holds this case.")),
    (Decider("manager", 3, 20), CASE, True,
     (True, True, "covering", "You recorded that you are covering this case.")),
    (Decider("responsible_officer", 2, 10), CaseFacts(None, 10), False,
     (False, False, "not_yours", "Decisions on this case belong to its responsible officer, its "
      "team's managers and the hub. Record that you are covering it, with a reason, to act on "
      "it.")),
    # an officer whose team is the case's team but who holds no team role is not its manager
    (Decider("responsible_officer", 2, None), CaseFacts(None, None), False,
     (False, False, "not_yours", "Decisions on this case belong to its responsible officer, its "
      "team's managers and the hub. Record that you are covering it, with a reason, to act on "
      "it.")),
])
def test_each_authority_in_words(decider, case, cover, expected):
    authority = decision_authority(decider, case, has_cover=cover)
    may, covering, code, text = expected
    assert (authority.may_decide, authority.covering) == (may, covering)
    assert [(r.code, r.section, r.text) for r in authority.reasons] == [(code, SECTION, text)]


def test_a_case_without_an_officer_is_no_one_s_own():
    # staff id 0 or None never matches a missing officer
    assert decision_authority(Decider("responsible_officer", None, None), CaseFacts(None, 10),
                              has_cover=False).may_decide is False
