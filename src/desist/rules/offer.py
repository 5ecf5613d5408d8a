"""Minimum offer: delivered hours against the band's minimum (operating model §4).

The band's minimum (green 12 h, yellow 24, red / blue 35; ``banding.MINIMUM_HOURS``) is what a
person should receive over the order. Desist compares delivered hours with the share of the
minimum due by now (pro rata over the order) and flags cases behind it; and, because
over-engagement with the GREEN cohort can be counter-productive, flags green cases given far
more than their offer.

Desist's choices where the doc is silent: "behind" is under 75 % of the pro-rata hours after the
first 28 days; "far more" is over 150 % of the whole minimum for a green case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desist.rules.banding import CONTACT_MAKE_UP, MINIMUM_HOURS
from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop

S4 = "operating-model.md §4"


@dataclass(frozen=True, slots=True)
class OfferResult:
    band: str
    minimum_hours: int
    delivered_hours: float
    due_by_now: float
    behind: bool
    over_engaged: bool
    reasons: tuple[Reason, ...]


def assess_offer(
    band: str, delivered_hours: float, order_start: date, order_end: date, as_of: date,
    *, behind_share: float = 0.75, green_over_share: float = 1.5, grace_days: int = 28,
    tier: str | None = None,
) -> OfferResult:
    """``tier``: under a provider's tiering policy, the tier whose minimum offer is ``band``'s
    (ADR 0013); the reasons then name the tier rather than a band the case may not have."""
    if band not in MINIMUM_HOURS:
        raise RuleInputError("band", f"must be one of {', '.join(MINIMUM_HOURS)}")
    if order_end <= order_start:
        raise RuleInputError("order_end", "must be after the order start")
    minimum = MINIMUM_HOURS[band]
    length = (order_end - order_start).days
    elapsed = min(max((as_of - order_start).days, 0), length)
    due = round(minimum * elapsed / length, 1)
    delivered = round(float(delivered_hours), 1)
    behind = elapsed >= grace_days and delivered < due * behind_share
    over = band == "green" and delivered > minimum * green_over_share
    make_up = Phrase.of(gettext_noop("2 h New Directions meeting + %(hours)s h %(what)s"),
                        hours=minimum - 2, what=Phrase.of(CONTACT_MAKE_UP[band]))
    whose = Phrase.of(gettext_noop("tier %(tier)s's"), tier=tier) if tier else \
        Phrase.of(gettext_noop("the %(band)s band's"), band=band)
    reasons = [Reason.of(
        "s4_offer_progress", S4,
        gettext_noop("%(delivered)g of %(whose)s minimum %(minimum)s hours delivered; about "
                     "%(due)g hours were due by now. The %(minimum)s hours are made of "
                     "%(make_up)s."),
        delivered=delivered, whose=whose, minimum=minimum, due=due, make_up=make_up,
    )]
    if behind:
        reasons.append(Reason.of(
            "s4_offer_behind", S4,
            gettext_noop("Delivered hours are behind the minimum offer: arrange about "
                         "%(short)g more hours of contact to catch up."),
            short=due - delivered,
        ))
    if over:
        reasons.append(Reason.of(
            "s4_green_over_engaged", S4,
            gettext_noop("A tier %(tier)s case has been given %(delivered)g hours, far more than "
                         "the %(minimum)s-hour offer: over-engagement with low-risk cases can be "
                         "counter-productive.") if tier else
            gettext_noop("A green case has been given %(delivered)g hours, far more than the "
                         "%(minimum)s-hour offer: over-engagement with low-risk cases can be "
                         "counter-productive."),
            tier=tier, delivered=delivered, minimum=minimum,
        ))
    return OfferResult(band, minimum, delivered, due, behind, over, tuple(reasons))
