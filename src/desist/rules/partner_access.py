"""When a referral opens a person's case to the partner delivering it (operating model §1, §9; F14).

A partner caseworker needs the case while their organisation is working with the person, and
no longer: access starts when the partner **accepts** the referral and lasts while the person
waits for a place or attends; it ends when the referral closes. A rejected or withdrawn
referral closes access at once; a completed one after a grace period (configurable, so the
partner can finish the closing report and late session records).

Before acceptance the partner sees the referral itself (who, which service, the referrer's
note) so that it can accept or reject it, but not the case.

Desist's choices where the doc is silent: the grace period counts calendar days from the day
the referral was completed; a completed referral with no end date recorded has no grace.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desist.rules.reasons import Reason
from desist.rules.timescales import format_date

S9 = "operating-model.md §9"
S1 = "operating-model.md §1"

# Statuses in which the partner works with the person: the case is open to them.
ACCESS_STATUSES = ("accepted", "waiting", "started")
# Before acceptance the partner may see the referral (to decide on it), not the case.
PENDING_STATUSES = ("referred",)
DEFAULT_GRACE_DAYS = 28


@dataclass(frozen=True, slots=True)
class PartnerAccess:
    granted: bool
    until: date | None  # the last day of access for a completed referral in its grace period
    reasons: tuple[Reason, ...]


def grace_start(today: date, grace_days: int) -> date:
    """Completed on or after this day: still within the grace period."""
    return today - timedelta(days=max(grace_days, 0))


def partner_access(*, status: str, ended_on: date | None, today: date,
                   grace_days: int = DEFAULT_GRACE_DAYS) -> PartnerAccess:
    """Whether a referral in ``status`` (ended ``ended_on``) opens the case to its partner today."""
    if status in ACCESS_STATUSES:
        return PartnerAccess(True, None, (Reason(
            "s9_partner_working", S9,
            "The partner has accepted the referral and is working with the person."),))
    if status == "completed" and ended_on is not None and ended_on >= grace_start(
            today, grace_days):
        until = ended_on + timedelta(days=max(grace_days, 0))
        return PartnerAccess(True, until, (Reason(
            "s9_partner_grace", S9,
            f"The referral was completed on {format_date(ended_on)}; the partner keeps access "
            f"until {format_date(until)} to finish its records."),))
    if status in PENDING_STATUSES or status == "proposed":
        return PartnerAccess(False, None, (Reason(
            "s1_partner_not_yet_accepted", S1,
            "The partner has not accepted the referral yet: it sees the referral, not the case."),))
    if status == "completed":
        text = "The referral was completed"
        if ended_on is not None:
            text += f" on {format_date(ended_on)}"
        return PartnerAccess(False, None, (Reason(
            "s1_partner_grace_over", S1,
            f"{text} and the {grace_days}-day grace period is over."),))
    return PartnerAccess(False, None, (Reason(
        "s1_partner_referral_closed", S1,
        f"The referral was {status}: the partner no longer works with the person."),))
