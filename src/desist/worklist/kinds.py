"""The kinds of task Desist raises, with their labels and who works them.

``kind`` is a plain string on the model (not DB choices) so a feature can add its kind here
without a migration. Every kind a service raises must be listed, and the tests check it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class Queue:
    """Who works a task: the case's officer, the team manager, or the central hub."""

    OFFICER = "officer"
    MANAGER = "manager"
    HUB = "hub"
    ALL = (OFFICER, MANAGER, HUB)


QUEUE_LABELS = {Queue.OFFICER: _("Responsible officer"), Queue.MANAGER: _("Manager"),
                Queue.HUB: _("Hub")}


# How urgent a kind of task is, most urgent first. Safety comes before everything (risk of
# harm, safeguarding, breach: §2, §7, §11), then the enforcement timescales and getting a case
# worked at all, then keeping supervision on track, then what can wait a few days.
URGENT, HIGH, NORMAL, LOW = 1, 2, 3, 4
PRIORITY_LABELS = {URGENT: _("Urgent"), HIGH: _("High"), NORMAL: _("Normal"), LOW: _("Low")}


@dataclass(frozen=True)
class Kind:
    code: str
    label: object  # lazy string
    queue: str
    priority: int = NORMAL


KINDS: dict[str, Kind] = {
    k.code: k
    for k in [
        # Intake, banding and assignment (§2–§4)
        Kind("allocation", _("Assign a responsible officer"), Queue.MANAGER, HIGH),
        Kind("band_review", _("Band review"), Queue.MANAGER, NORMAL),
        Kind("risk_escalation", _("Risk escalation to NPS"), Queue.MANAGER, URGENT),
        # Assessment and planning (§6–§8)
        Kind("safeguarding_check", _("Safeguarding check"), Queue.OFFICER, URGENT),
        Kind("agency_information", _("Information from another agency"), Queue.OFFICER, URGENT),
        Kind("plan_due", _("Sentence plan due"), Queue.OFFICER, NORMAL),
        Kind("countersign", _("Countersign a plan"), Queue.MANAGER, NORMAL),
        Kind("plan_returned", _("Plan returned by a manager"), Queue.OFFICER, HIGH),
        Kind("reading_review", _("Self-assessment area falling"), Queue.OFFICER, LOW),
        # Delivery (§9–§10)
        Kind("non_attendance", _("Missed session or appointment"), Queue.OFFICER, HIGH),
        Kind("rar_at_risk", _("RAR days at risk"), Queue.OFFICER, LOW),
        Kind("contact_gap", _("No recent contact"), Queue.OFFICER, NORMAL),
        Kind("referral_at_risk", _("Referral cannot complete in time"), Queue.OFFICER, LOW),
        # Compliance and enforcement (§11)
        Kind("absence_decision", _("Decide an absence"), Queue.OFFICER, HIGH),
        Kind("enforcement", _("Enforcement action due"), Queue.OFFICER, HIGH),
        Kind("breach", _("Breach or recall"), Queue.HUB, URGENT),
        Kind("letter_failed", _("Letter could not be produced"), Queue.HUB, HIGH),
        # Reviews, step-down and check-ins (§10, §14)
        Kind("review_overdue", _("Review overdue"), Queue.OFFICER, HIGH),
        Kind("review_overdue_manager", _("A case's review is overdue"), Queue.MANAGER, NORMAL),
        Kind("review_risk_unadjusted", _("Risk rose at a review and nothing was adjusted"),
             Queue.MANAGER, URGENT),
        Kind("checkin_answers", _("Check-in answers need attention"), Queue.OFFICER, HIGH),
        Kind("checkin_locked", _("Check-in locked after wrong PINs"), Queue.OFFICER, HIGH),
        # Through the Gate (§13)
        Kind("resettlement_accommodation", _("No accommodation for release"), Queue.OFFICER,
             URGENT),
        Kind("resettlement_accommodation_manager", _("No accommodation for release"),
             Queue.MANAGER, HIGH),
        Kind("resettlement_overdue", _("Resettlement work overdue"), Queue.OFFICER, HIGH),
        Kind("resettlement_handover", _("Assign the community officer"), Queue.MANAGER, HIGH),
        Kind("resettlement_induction", _("Released: start induction"), Queue.OFFICER, HIGH),
        # Unpaid work (§12)
        Kind("upw_at_risk", _("Unpaid work at risk of overrunning"), Queue.OFFICER, NORMAL),
        # Management oversight (§15)
        Kind("oversight_action", _("Action set by management oversight"), Queue.OFFICER, HIGH),
        Kind("countersign_review", _("Countersign a review"), Queue.MANAGER, NORMAL),
        Kind("review_returned", _("Review returned by a manager"), Queue.OFFICER, HIGH),
    ]
}


def label_of(code: str) -> str:
    kind = KINDS.get(code)
    return str(kind.label) if kind else str(_("Other task"))


def priority_of(code: str) -> int:
    kind = KINDS.get(code)
    return kind.priority if kind else NORMAL
