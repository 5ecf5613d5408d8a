"""Who may make decisions on a case (issue 22 item 5; operating model §1, §3, §11).

Decisions on a case belong to its responsible officer (§11: "the RO decides"), the managers of
its team (§3: the LMC manager assigns and oversees) and the hub (§1: central administration,
enforcement admin). Anyone else in the provider may act only while recording that they are
covering, with a reason, so the case shows who acted outside their caseload and why.
Roles whose scope is already narrowed to their own work (partner caseworkers: their referrals;
unpaid-work supervisors: unpaid work) are not case decision makers and are not restricted here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .reasons import Reason, gettext_noop

SECTION = "operating-model.md §1, §3, §11"
SCOPED_ROLES = frozenset({"partner_caseworker", "upw_supervisor"})


@dataclass(frozen=True, slots=True)
class Decider:
    role: str
    staff_id: int
    team_id: int | None


@dataclass(frozen=True, slots=True)
class CaseFacts:
    officer_id: int | None
    team_id: int | None


@dataclass(frozen=True, slots=True)
class Authority:
    may_decide: bool
    covering: bool  # allowed only because a cover is recorded
    reasons: tuple[Reason, ...]


def decision_authority(decider: Decider, case: CaseFacts, *, has_cover: bool) -> Authority:
    def yes(code: str, template: str) -> Authority:
        return Authority(True, False, (Reason.of(code, SECTION, template),))

    if decider.role == "hub_admin":
        return yes("hub_decides", gettext_noop("The hub administers every case of the provider."))
    if decider.role in SCOPED_ROLES:
        return yes("own_scope",
                   gettext_noop("This role works only on its own referrals or unpaid work."))
    if case.officer_id is not None and decider.staff_id == case.officer_id:
        return yes("responsible_officer",
                   gettext_noop("You are this person's responsible officer."))
    if decider.role == "manager":
        if case.team_id is None:
            return yes("unallocated", gettext_noop(
                "The case has no team yet; any manager may allocate it."))
        if decider.team_id == case.team_id:
            return yes("team_manager", gettext_noop("You manage the team that holds this case."))
    if has_cover:
        return Authority(True, True, (Reason.of(
            "covering", SECTION,
            gettext_noop("You recorded that you are covering this case.")),))
    return Authority(False, False, (Reason.of(
        "not_yours", SECTION, gettext_noop(
            "Decisions on this case belong to its responsible officer, its team's managers and "
            "the hub. Record that you are covering it, with a reason, to act on it.")),))
