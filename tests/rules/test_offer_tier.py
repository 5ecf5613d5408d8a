"""Minimum offer under a provider's tiering policy (operating model §4, ADR 0013): the reasons
name the tier whose minimum is the band's, never a band the case may not have. Written from the
survivors of `make mutation MODULES=offer` (2026-12-03): no rules test passed a tier."""

from __future__ import annotations

import datetime as dt

from desist.rules.offer import assess_offer

START = dt.date(2026, 1, 1)
END = dt.date(2026, 12, 31)  # 364 days
HALF_WAY = dt.date(2026, 7, 2)  # day 182: half of the minimum is due


def test_a_tier_case_over_engaged_is_named_by_its_tier():
    # A green minimum of 12 hours; 18.1 is just over one and a half times it.
    result = assess_offer("green", 18.1, START, END, HALF_WAY, tier="C3")
    assert (result.behind, result.over_engaged) == (False, True)
    assert [(r.code, r.text) for r in result.reasons] == [
        ("s4_offer_progress", "18.1 of tier C3's minimum 12 hours delivered; about 6 hours were "
         "due by now. The 12 hours are made of 2 h New Directions meeting + 10 h contact (1-1, "
         "group work by the CRC or a partner), signposting; kiosk reporting as required until "
         "the order ends."),
        ("s4_green_over_engaged", "A tier C3 case has been given 18.1 hours, far more than the "
         "12-hour offer: over-engagement with low-risk cases can be counter-productive."),
    ]


def test_no_tier_names_the_band_and_green():
    result = assess_offer("green", 18.1, START, END, HALF_WAY, tier=None)
    assert result.reasons[0].text.startswith("18.1 of the green band's minimum 12 hours")
    assert result.reasons[1].text.startswith("A green case has been given 18.1 hours")
