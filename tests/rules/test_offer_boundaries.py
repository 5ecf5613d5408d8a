"""Minimum offer (operating model §4): every boundary and every word of the result pinned.

Written against mutation testing (issue: "Tests that catch mistakes"): each test here kills
deliberate mistakes the older table let through — a moved boundary, a swapped default, a reason
that says the wrong thing.
"""

from __future__ import annotations

import datetime as dt

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.offer import OfferResult, assess_offer
from desist.rules.reasons import Reason

START = dt.date(2026, 1, 1)
END = dt.date(2026, 12, 31)  # 364 days
S4 = "operating-model.md §4"
GREEN_MAKE_UP = ("contact (1-1, group work by the CRC or a partner), signposting; kiosk "
                 "reporting as required until the order ends")


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


def test_a_whole_result_in_words():
    result = assess_offer("green", 1, START, END, day(182))
    assert result == OfferResult(
        band="green", minimum_hours=12, delivered_hours=1.0, due_by_now=6.0, behind=True,
        over_engaged=False, reasons=(
            Reason("s4_offer_progress", S4,
                   "1 of the green band's minimum 12 hours delivered; about 6 hours were due by "
                   f"now. The 12 hours are made of 2 h New Directions meeting + 10 h {GREEN_MAKE_UP}."),
            Reason("s4_offer_behind", S4,
                   "Delivered hours are behind the minimum offer: arrange about 5 more hours of "
                   "contact to catch up."),
        ))


def test_a_green_case_given_far_too_much_says_so():
    result = assess_offer("green", 18.5, START, END, day(364))
    assert result.over_engaged is True
    assert result.reasons[-1] == Reason(
        "s4_green_over_engaged", S4,
        "A green case has been given 18.5 hours, far more than the 12-hour offer: "
        "over-engagement with low-risk cases can be counter-productive.")


@pytest.mark.parametrize(("band", "minimum"), [("green", 12), ("yellow", 24), ("red", 35),
                                               ("blue", 35)])
def test_each_bands_minimum_is_due_in_full_at_the_end(band, minimum):
    result = assess_offer(band, minimum, START, END, END)
    assert (result.minimum_hours, result.due_by_now, result.behind) == (minimum, minimum, False)


def test_nothing_is_due_before_the_order_starts_and_no_more_than_all_after_it_ends():
    before = assess_offer("red", 0, START, END, START - dt.timedelta(days=5))
    assert (before.due_by_now, before.behind) == (0.0, False)
    after = assess_offer("red", 0, START, END, END + dt.timedelta(days=100))
    assert after.due_by_now == 35.0
    assert after.behind is True


def test_due_is_pro_rata_to_a_tenth_of_an_hour():
    # 35 h over 364 days, 100 days in: 9.615… → 9.6
    assert assess_offer("red", 0, START, END, day(100)).due_by_now == 9.6
    assert assess_offer("red", 3.14159, START, END, day(100)).delivered_hours == 3.1


@pytest.mark.parametrize(("elapsed", "behind"), [(27, False), (28, True)])
def test_the_first_28_days_are_a_grace_period(elapsed, behind):
    assert assess_offer("red", 0, START, END, day(elapsed)).behind is behind


def test_the_grace_period_can_be_configured():
    assert assess_offer("red", 0, START, END, day(28), grace_days=29).behind is False
    assert assess_offer("red", 0, START, END, day(10), grace_days=10).behind is True


def test_behind_means_under_three_quarters_of_what_is_due():
    # yellow: 24 h over 364 days; at day 182 exactly 12 h are due; 75 % is 9 h.
    assert assess_offer("yellow", 9, START, END, day(182)).behind is False
    assert assess_offer("yellow", 8.9, START, END, day(182)).behind is True
    assert assess_offer("yellow", 11.9, START, END, day(182), behind_share=1.0).behind is True
    assert assess_offer("yellow", 12, START, END, day(182), behind_share=1.0).behind is False


def test_over_engagement_is_only_for_green_and_only_beyond_one_and_a_half_times():
    assert assess_offer("green", 18, START, END, END).over_engaged is False  # exactly 150 %
    assert assess_offer("green", 18.1, START, END, END).over_engaged is True
    assert assess_offer("green", 15, START, END, END, green_over_share=1.25).over_engaged is False
    assert assess_offer("green", 15.1, START, END, END, green_over_share=1.25).over_engaged is True
    assert assess_offer("yellow", 100, START, END, END).over_engaged is False
    assert len(assess_offer("green", 12, START, END, END).reasons) == 1


def test_an_unknown_band_names_the_field_and_the_bands():
    with pytest.raises(RuleInputError) as raised:
        assess_offer("purple", 0, START, END, day(1))
    assert raised.value.as_dict() == {"field": "band",
                                      "message": "must be one of green, yellow, red, blue"}


@pytest.mark.parametrize("end", [START, START - dt.timedelta(days=1)])
def test_an_order_must_end_after_it_starts(end):
    with pytest.raises(RuleInputError) as raised:
        assess_offer("green", 0, START, end, day(1))
    assert raised.value.as_dict() == {"field": "order_end", "message": "must be after the order start"}
