"""Evening slots at the edges the mypy narrowing of 2026-12-03 added (operating model §10):
written from the survivors of `make mutation MODULES=venues` run after it. An evening slot needs a
person who works in the day (a start and an end), a venue with an evening closing time, and an
evening day the venue is open."""

from __future__ import annotations

from datetime import date, datetime, time

from desist.rules.venues import PersonNeeds, VenueFacts, evening_slots

MONDAY = date(2026, 12, 7)
WORKER = PersonNeeds("Sam", work_starts_at=time(9, 0), work_ends_at=time(17, 0))
EARLY = PersonNeeds("Sam", work_starts_at=time(5, 0), work_ends_at=time(7, 0))
LATE = VenueFacts("Late Lane", evening_days=(1,), evening_closes_at=time(19, 30))


def test_a_saturday_evening_day_offers_no_slot_and_does_not_fail():
    saturday = VenueFacts("Weekend", evening_days=(6,), evening_closes_at=time(19, 30))
    assert evening_slots(saturday, WORKER, MONDAY) == []
    assert evening_slots(saturday, EARLY, MONDAY) == []


def test_only_the_evening_days_give_slots_even_when_work_ends_early():
    # Work ends at 7:00, so a slot from opening time would fit any weekday: only Monday, the
    # venue's evening day, is offered.
    assert evening_slots(LATE, EARLY, MONDAY) == [
        (datetime(2026, 12, 7, 9, 0), datetime(2026, 12, 7, 10, 0))]


def test_a_venue_without_an_evening_closing_time_offers_none():
    no_time = VenueFacts("No time", evening_days=(1,))
    assert evening_slots(no_time, EARLY, MONDAY) == []


def test_a_work_end_without_a_start_is_not_daytime_work():
    only_end = PersonNeeds("Sam", work_ends_at=time(17, 0))
    assert not only_end.works_daytime
    assert evening_slots(LATE, only_end, MONDAY) == []
