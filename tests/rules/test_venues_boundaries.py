"""Venue-aware booking (operating-model.md §1, §10, F17): every boundary and word pinned.

Written against mutation testing (issue 25): starting at opening time and a minute before;
ending at closing time and a minute after; Friday and Saturday; an appointment ending as work
starts or starting as work ends (no clash) and a minute into work (clash); an evening slot that
ends exactly at closing and one a minute late; every reason in full.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from desist.rules.reasons import Reason
from desist.rules.venues import (
    DAY_NAMES,
    DEFAULT_HOURS,
    S1,
    S10,
    OpeningHours,
    PersonNeeds,
    Slot,
    VenueFacts,
    evening_slots,
    evening_text,
    open_until,
    time_problems,
    venue_problems,
)

MONDAY = date(2026, 12, 7)
FRIDAY = date(2026, 12, 11)
SATURDAY = date(2026, 12, 12)
PLAIN = VenueFacts("Hub House")
EVENING = VenueFacts("Late Lane", evening_days=(4, 1), evening_closes_at=time(19, 30))
WORKER = PersonNeeds("Sam", work_starts_at=time(9, 0), work_ends_at=time(17, 0))
FREE = PersonNeeds("Ali")


def at(day: date, start: str, end: str, **kw) -> Slot:
    return Slot(datetime.combine(day, time.fromisoformat(start)),
                datetime.combine(day, time.fromisoformat(end)), **kw)


def test_the_constants_and_defaults():
    assert (S1, S10) == ("operating-model.md §1", "operating-model.md §10")
    assert DAY_NAMES == ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                         "Sunday")
    assert DEFAULT_HOURS == OpeningHours(time(9, 0), time(17, 0))
    assert PLAIN == VenueFacts("Hub House", False, 0, False, (), None)
    assert FREE == PersonNeeds("Ali", False, False, None, None)
    slot = Slot(datetime(2026, 12, 7, 10), datetime(2026, 12, 7, 11))
    assert (slot.sensitive, slot.women_only_required, slot.office_hours_apply) == (False, False,
                                                                                   True)


def test_works_daytime_needs_both_times():
    assert WORKER.works_daytime
    assert not FREE.works_daytime
    assert not PersonNeeds("x", work_starts_at=time(9)).works_daytime
    assert not PersonNeeds("x", work_ends_at=time(17)).works_daytime


# --- the venue ------------------------------------------------------------------------------


def test_every_venue_problem_in_full():
    venue = VenueFacts("Hub House", women_only=False)
    needs = PersonNeeds("Sam", wheelchair_user=True)
    slot = at(MONDAY, "10:00", "11:00", sensitive=True, women_only_required=True)
    assert venue_problems(venue, needs, slot) == (
        Reason("s1_no_wheelchair_access", S1, "Hub House has no wheelchair access and Sam uses a "
                                              "wheelchair: choose an accessible venue."),
        Reason("s1_no_private_room", S1, "Hub House has no private interview room, and this is "
                                         "sensitive work: choose a venue with a private room."),
        Reason("s1_women_only_required", S1,
               "A women-only venue is required and Hub House is not one."),
    )


def test_a_women_only_venue_is_for_women():
    venue = VenueFacts("Rose Centre", women_only=True, private_rooms=1, wheelchair_access=True)
    slot = at(MONDAY, "10:00", "11:00", sensitive=True, women_only_required=True)
    assert venue_problems(venue, PersonNeeds("Sam", wheelchair_user=True), slot) == (
        Reason("s1_women_only_venue", S1, "Rose Centre is a women-only venue."),)
    assert venue_problems(venue, PersonNeeds("Jo", female=True, wheelchair_user=True), slot) == ()


@pytest.mark.parametrize(("rooms", "ok"), [(0, False), (1, True), (2, True)])
def test_one_private_room_is_enough_for_sensitive_work(rooms, ok):
    venue = VenueFacts("V", private_rooms=rooms)
    assert (venue_problems(venue, FREE, at(MONDAY, "10:00", "11:00", sensitive=True)) == ()) is ok
    assert venue_problems(venue, FREE, at(MONDAY, "10:00", "11:00")) == ()


# --- opening hours --------------------------------------------------------------------------


def test_open_until_by_day():
    assert open_until(PLAIN, FRIDAY) == time(17, 0)
    assert open_until(PLAIN, SATURDAY) is None
    assert open_until(PLAIN, date(2026, 12, 13)) is None
    assert open_until(EVENING, MONDAY) == time(19, 30)
    assert open_until(EVENING, FRIDAY) == time(17, 0)
    # an "evening" closing earlier than the office day keeps the office day
    early = VenueFacts("E", evening_days=(1,), evening_closes_at=time(16, 0))
    assert open_until(early, MONDAY) == time(17, 0)
    assert open_until(VenueFacts("N", evening_days=(1,)), MONDAY) == time(17, 0)
    assert open_until(EVENING, MONDAY, OpeningHours(time(8), time(20))) == time(20, 0)


def test_evening_text():
    assert evening_text(PLAIN) == "Hub House has no evening opening"
    assert evening_text(VenueFacts("N", evening_days=(1,))) == "N has no evening opening"
    assert evening_text(VenueFacts("N", evening_closes_at=time(19))) == "N has no evening opening"
    assert evening_text(EVENING) == "Late Lane is open until 19:30 on Mondays, Thursdays"
    assert evening_text(VenueFacts("S", evening_days=(7,), evening_closes_at=time(18, 5))) == (
        "S is open until 18:05 on Sundays")


@pytest.mark.parametrize(("start", "end", "ok"), [
    ("09:00", "10:00", True), ("08:59", "10:00", False), ("16:00", "17:00", True),
    ("16:00", "17:01", False)])
def test_opening_and_closing_time_themselves_are_inside(start, end, ok):
    problems = time_problems(PLAIN, FREE, at(FRIDAY, start, end))
    if ok:
        assert problems == ()
    else:
        assert problems == (Reason("s1_outside_opening_hours", S1,
                                   "Hub House is open 09:00–17:00 on Fridays; Hub House has no "
                                   "evening opening."),)


def test_an_evening_venue_on_its_evening():
    assert time_problems(EVENING, FREE, at(MONDAY, "18:30", "19:30")) == ()
    assert time_problems(EVENING, FREE, at(MONDAY, "18:31", "19:31"))[0].text == (
        "Late Lane is open 09:00–19:30 on Mondays; Late Lane is open until 19:30 on Mondays, "
        "Thursdays.")


def test_closed_at_the_weekend_unless_office_hours_do_not_apply():
    assert time_problems(PLAIN, FREE, at(SATURDAY, "10:00", "11:00")) == (
        Reason("s1_venue_closed", S1, "Hub House is closed on Saturdays."),)
    assert time_problems(PLAIN, FREE, at(SATURDAY, "10:00", "11:00",
                                         office_hours_apply=False)) == ()
    assert time_problems(None, FREE, at(MONDAY, "06:00", "07:00")) == ()


def test_the_hours_are_configuration():
    hours = OpeningHours(time(8, 0), time(18, 0))
    assert time_problems(PLAIN, FREE, at(MONDAY, "08:00", "18:00"), hours) == ()
    assert time_problems(PLAIN, FREE, at(MONDAY, "07:59", "09:00"), hours)[0].text.startswith(
        "Hub House is open 08:00–18:00 on Mondays")


def test_an_appointment_must_end_after_it_starts_and_on_the_same_day():
    end_first = (Reason("s10_end_after_start", S10, "The appointment must end after it starts."),)
    assert time_problems(PLAIN, FREE, at(MONDAY, "10:00", "10:00")) == end_first
    assert time_problems(PLAIN, FREE, at(MONDAY, "10:00", "09:00")) == end_first
    overnight = Slot(datetime(2026, 12, 7, 10), datetime(2026, 12, 8, 10),
                     office_hours_apply=False)
    assert time_problems(None, FREE, overnight) == (Reason(
        "s10_same_day", S10, "An appointment must start and end on the same day."),)


# --- the person's work ----------------------------------------------------------------------


@pytest.mark.parametrize(("start", "end", "clash"), [
    ("08:00", "09:00", False), ("08:00", "09:01", True), ("17:00", "18:00", False),
    ("16:59", "18:00", True)])
def test_ending_as_work_starts_or_starting_as_it_ends_is_no_clash(start, end, clash):
    problems = time_problems(None, WORKER, at(MONDAY, start, end, office_hours_apply=False))
    assert problems == ((Reason("s10_clashes_with_work", S10,
                                "Sam works 09:00–17:00 on weekdays: this time clashes with their "
                                "work."),) if clash else ())


def test_a_clash_offers_the_venues_evening_and_weekends_never_clash():
    problems = time_problems(EVENING, WORKER, at(MONDAY, "10:00", "11:00"))
    assert problems == (Reason("s10_clashes_with_work", S10,
                               "Sam works 09:00–17:00 on weekdays: this time clashes with their "
                               "work. Offer an evening slot: Late Lane is open until 19:30 on "
                               "Mondays, Thursdays."),)
    assert time_problems(None, WORKER, at(SATURDAY, "10:00", "11:00",
                                          office_hours_apply=False)) == ()
    assert time_problems(None, WORKER, at(FRIDAY, "10:00", "11:00",
                                          office_hours_apply=False)) != ()


# --- evening slots --------------------------------------------------------------------------


def test_evening_slots_in_a_week():
    assert evening_slots(EVENING, WORKER, MONDAY) == [
        (datetime(2026, 12, 7, 17, 30), datetime(2026, 12, 7, 18, 30)),
        (datetime(2026, 12, 10, 17, 30), datetime(2026, 12, 10, 18, 30)),
    ]


def test_an_evening_slot_ending_at_closing_time_fits_a_minute_later_does_not():
    venue = VenueFacts("V", evening_days=(1,), evening_closes_at=time(18, 30))
    assert evening_slots(venue, WORKER, MONDAY) == [
        (datetime(2026, 12, 7, 17, 30), datetime(2026, 12, 7, 18, 30))]
    assert evening_slots(venue, WORKER, MONDAY, length_minutes=61) == []


def test_evening_slots_start_half_an_hour_after_work_on_the_quarter_hour():
    late = PersonNeeds("Sam", work_starts_at=time(9), work_ends_at=time(17, 50))
    assert evening_slots(EVENING, late, MONDAY, length_minutes=15)[0] == (
        datetime(2026, 12, 7, 18, 30), datetime(2026, 12, 7, 18, 45))
    on_quarter = PersonNeeds("Sam", work_starts_at=time(9), work_ends_at=time(17, 45))
    assert evening_slots(EVENING, on_quarter, MONDAY)[0][0] == datetime(2026, 12, 7, 18, 15)
    early = PersonNeeds("Sam", work_starts_at=time(5), work_ends_at=time(7, 0))
    assert evening_slots(EVENING, early, MONDAY)[0][0] == datetime(2026, 12, 7, 9, 0)
    assert evening_slots(EVENING, early, MONDAY,
                         hours=OpeningHours(time(10), time(17)))[0][0] == datetime(2026, 12, 7,
                                                                                  10, 0)


def test_no_evening_slots_without_daytime_work_or_evening_opening():
    assert evening_slots(EVENING, FREE, MONDAY) == []
    assert evening_slots(VenueFacts("N", evening_days=(1,)), WORKER, MONDAY) == []
    assert evening_slots(EVENING, WORKER, date(2026, 12, 8)) == [
        (datetime(2026, 12, 10, 17, 30), datetime(2026, 12, 10, 18, 30)),
        (datetime(2026, 12, 14, 17, 30), datetime(2026, 12, 14, 18, 30)),
    ]


def test_the_hours_reach_the_evening_closing_time():
    # survivor of the first mutation run: evening_slots ignored its hours for the closing time
    hours = OpeningHours(time(9, 0), time(20, 0))
    assert evening_slots(EVENING, WORKER, MONDAY, length_minutes=150, hours=hours)[0] == (
        datetime(2026, 12, 7, 17, 30), datetime(2026, 12, 7, 20, 0))
    assert evening_slots(EVENING, WORKER, MONDAY, length_minutes=150) == []
