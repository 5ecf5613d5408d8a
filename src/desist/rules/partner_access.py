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

from desist.rules.reasons import Reason, gettext_noop

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
        return PartnerAccess(True, None, (Reason.of(
            "s9_partner_working", S9, gettext_noop(
                "The partner has accepted the referral and is working with the person.")),))
    if status == "completed" and ended_on is not None and ended_on >= grace_start(
            today, grace_days):
        until = ended_on + timedelta(days=max(grace_days, 0))
        return PartnerAccess(True, until, (Reason.of(
            "s9_partner_grace", S9, gettext_noop(
                "The referral was completed on %(on)s; the partner keeps access until "
                "%(until)s to finish its records."),
            on=ended_on, until=until),))
    if status in PENDING_STATUSES or status == "proposed":
        return PartnerAccess(False, None, (Reason.of(
            "s1_partner_not_yet_accepted", S1, gettext_noop(
                "The partner has not accepted the referral yet: it sees the referral, not the "
                "case.")),))
    if status == "completed":
        over = Reason.of(
            "s1_partner_grace_over", S1,
            gettext_noop("The referral was completed and the %(days)s-day grace period is over."),
            days=grace_days,
        ) if ended_on is None else Reason.of(
            "s1_partner_grace_over", S1,
            gettext_noop("The referral was completed on %(on)s and the %(days)s-day grace period "
                         "is over."),
            on=ended_on, days=grace_days,
        )
        return PartnerAccess(False, None, (over,))
    # Each closing status said whole (a translation may not take the status as a bare word).
    closed = {
        "rejected": gettext_noop(
            "The referral was rejected: the partner no longer works with the person."),
        "withdrawn": gettext_noop(
            "The referral was withdrawn: the partner no longer works with the person."),
    }
    if status in closed:
        return PartnerAccess(False, None, (Reason.of(
            "s1_partner_referral_closed", S1, closed[status]),))
    return PartnerAccess(False, None, (Reason.of(
        "s1_partner_referral_closed", S1, gettext_noop(
            "The referral was %(status)s: the partner no longer works with the person."),
        status=status),))
