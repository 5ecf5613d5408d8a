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


@dataclass(frozen=True)
class Kind:
    code: str
    label: object  # lazy string
    queue: str


KINDS: dict[str, Kind] = {
    k.code: k
    for k in [
        # Intake, banding and assignment (§2–§4)
        Kind("allocation", _("Assign a responsible officer"), Queue.MANAGER),
        Kind("band_review", _("Band review"), Queue.MANAGER),
        Kind("risk_escalation", _("Risk escalation to NPS"), Queue.MANAGER),
        # Assessment and planning (§6–§8)
        Kind("safeguarding_check", _("Safeguarding check"), Queue.OFFICER),
        Kind("agency_information", _("Information from another agency"), Queue.OFFICER),
        Kind("plan_due", _("Sentence plan due"), Queue.OFFICER),
        Kind("countersign", _("Countersign a plan"), Queue.MANAGER),
        Kind("plan_returned", _("Plan returned by a manager"), Queue.OFFICER),
        Kind("reading_review", _("Self-assessment area falling"), Queue.OFFICER),
        # Delivery (§9–§10)
        Kind("non_attendance", _("Missed session or appointment"), Queue.OFFICER),
        Kind("rar_at_risk", _("RAR days at risk"), Queue.OFFICER),
        Kind("contact_gap", _("No recent contact"), Queue.OFFICER),
        Kind("referral_at_risk", _("Referral cannot complete in time"), Queue.OFFICER),
        # Compliance and enforcement (§11)
        Kind("absence_decision", _("Decide an absence"), Queue.OFFICER),
        Kind("enforcement", _("Enforcement action due"), Queue.OFFICER),
        Kind("breach", _("Breach or recall"), Queue.HUB),
        Kind("letter_failed", _("Letter could not be produced"), Queue.HUB),
    ]
}


def label_of(code: str) -> str:
    kind = KINDS.get(code)
    return str(kind.label) if kind else code.replace("_", " ").capitalize()
