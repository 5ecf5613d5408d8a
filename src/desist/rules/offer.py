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
from desist.rules.reasons import Reason

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
    make_up = (f"2 h New Directions meeting + {minimum - 2} h {CONTACT_MAKE_UP[band]}")
    whose = f"tier {tier}'s" if tier else f"the {band} band's"
    reasons = [Reason(
        "s4_offer_progress", S4,
        f"{delivered:g} of {whose} minimum {minimum} hours delivered; about {due:g} "
        f"hours were due by now. The {minimum} hours are made of {make_up}.",
    )]
    if behind:
        reasons.append(Reason(
            "s4_offer_behind", S4,
            f"Delivered hours are behind the minimum offer: arrange about {due - delivered:g} "
            "more hours of contact to catch up.",
        ))
    if over:
        reasons.append(Reason(
            "s4_green_over_engaged", S4,
            f"A {'tier ' + tier if tier else 'green'} case has been given {delivered:g} hours, "
            f"far more than the {minimum}-hour offer: over-engagement with low-risk cases can be "
            "counter-productive.",
        ))
    return OfferResult(band, minimum, delivered, due, behind, over, tuple(reasons))
