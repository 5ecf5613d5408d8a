"""Venue-aware booking: is this venue, at this time, right for this person (operating model §1).

The reports found four of six LMCs not wheelchair-accessible, interview booths that broke
privacy and evening reporting only until 18:30 one day a week (failure F17). Booking must:
never place a wheelchair user at a venue without wheelchair access; give sensitive work a
private room; keep women-only venues for women; offer evening slots to people in daytime work.

Desist's choices where the doc is silent (configuration in :class:`OpeningHours`):

- offices open 09:00–17:00 Monday to Friday; a venue with evening opening stays open until its
  ``evening_closes_at`` on its ``evening_days`` (ISO weekdays, 1 = Monday);
- set working hours apply Monday to Friday; an appointment that overlaps them is refused (the
  person would have to miss work), and the refusal names the venues' evening slots instead;
- unpaid work is arranged on its own timetable (weekends included), so office hours do not
  apply to it; working hours still do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from desist.rules.reasons import Phrase, Reason, gettext_noop

S1 = "operating-model.md §1"
S10 = "operating-model.md §10"
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Every such day ("closed on Saturdays"), marked for translation as whole words.
_EVERY_DAY = (gettext_noop("Mondays"), gettext_noop("Tuesdays"), gettext_noop("Wednesdays"),
              gettext_noop("Thursdays"), gettext_noop("Fridays"), gettext_noop("Saturdays"),
              gettext_noop("Sundays"))


@dataclass(frozen=True, slots=True)
class OpeningHours:
    opens: time = time(9, 0)
    closes: time = time(17, 0)


DEFAULT_HOURS = OpeningHours()


@dataclass(frozen=True, slots=True)
class VenueFacts:
    name: str
    wheelchair_access: bool = False
    private_rooms: int = 0
    women_only: bool = False
    evening_days: tuple[int, ...] = ()
    evening_closes_at: time | None = None


@dataclass(frozen=True, slots=True)
class PersonNeeds:
    name: str
    wheelchair_user: bool = False
    female: bool = False
    work_starts_at: time | None = None
    work_ends_at: time | None = None

    @property
    def works_daytime(self) -> bool:
        return self.work_starts_at is not None and self.work_ends_at is not None


@dataclass(frozen=True, slots=True)
class Slot:
    starts: datetime
    ends: datetime
    sensitive: bool = False
    women_only_required: bool = False
    office_hours_apply: bool = True


def _hm(value: time) -> str:
    return value.strftime("%H:%M")


def _every(weekday: int) -> Phrase:
    """Every such day, ``weekday`` counted from 0 (Monday), as a reason's parameter."""
    return Phrase.of(_EVERY_DAY[weekday])


def evening_phrase(venue: VenueFacts) -> Phrase:
    """When the venue is open in the evening, said in a reason (or that it never is)."""
    if not venue.evening_days or venue.evening_closes_at is None:
        return Phrase.of(gettext_noop("%(venue)s has no evening opening"), venue=venue.name)
    return Phrase.of(gettext_noop("%(venue)s is open until %(closes)s on %(days)s"),
                     venue=venue.name, closes=_hm(venue.evening_closes_at),
                     days=tuple(_every(d - 1) for d in sorted(venue.evening_days)))


def evening_text(venue: VenueFacts) -> str:
    return evening_phrase(venue).text


def venue_problems(venue: VenueFacts, needs: PersonNeeds, slot: Slot) -> tuple[Reason, ...]:
    """Why this venue cannot be used for this person and kind of work (empty when it can)."""
    problems = []
    if needs.wheelchair_user and not venue.wheelchair_access:
        problems.append(Reason.of(
            "s1_no_wheelchair_access", S1,
            gettext_noop("%(venue)s has no wheelchair access and %(person)s uses a wheelchair: "
                         "choose an accessible venue."),
            venue=venue.name, person=needs.name,
        ))
    if slot.sensitive and venue.private_rooms < 1:
        problems.append(Reason.of(
            "s1_no_private_room", S1,
            gettext_noop("%(venue)s has no private interview room, and this is sensitive work: "
                         "choose a venue with a private room."),
            venue=venue.name,
        ))
    if venue.women_only and not needs.female:
        problems.append(Reason.of(
            "s1_women_only_venue", S1, gettext_noop("%(venue)s is a women-only venue."),
            venue=venue.name,
        ))
    if slot.women_only_required and not venue.women_only:
        problems.append(Reason.of(
            "s1_women_only_required", S1,
            gettext_noop("A women-only venue is required and %(venue)s is not one."),
            venue=venue.name,
        ))
    return tuple(problems)


def open_until(venue: VenueFacts, day: date, hours: OpeningHours = DEFAULT_HOURS) -> time | None:
    """Closing time on that day, or None when closed (weekends)."""
    weekday = day.isoweekday()
    if weekday > 5:
        return None
    if weekday in venue.evening_days and venue.evening_closes_at is not None:
        return max(venue.evening_closes_at, hours.closes)
    return hours.closes


def time_problems(
    venue: VenueFacts | None, needs: PersonNeeds, slot: Slot, hours: OpeningHours = DEFAULT_HOURS
) -> tuple[Reason, ...]:
    """Why the time does not work: outside the venue's hours, or during the person's work."""
    problems = []
    if slot.ends <= slot.starts:
        return (Reason.of("s10_end_after_start", S10,
                          gettext_noop("The appointment must end after it starts.")),)
    day = slot.starts.date()
    if slot.ends.date() != day:
        problems.append(Reason.of("s10_same_day", S10, gettext_noop(
            "An appointment must start and end on the same day.")))
    start_t, end_t = slot.starts.time(), slot.ends.time()
    if venue is not None and slot.office_hours_apply:
        closes = open_until(venue, day, hours)
        if closes is None:
            problems.append(Reason.of(
                "s1_venue_closed", S1, gettext_noop("%(venue)s is closed on %(days)s."),
                venue=venue.name, days=_every(day.weekday()),
            ))
        elif start_t < hours.opens or end_t > closes:
            problems.append(Reason.of(
                "s1_outside_opening_hours", S1,
                gettext_noop("%(venue)s is open %(opens)s–%(closes)s on %(days)s; %(evening)s."),
                venue=venue.name, opens=_hm(hours.opens), closes=_hm(closes),
                days=_every(day.weekday()), evening=evening_phrase(venue),
            ))
    work_starts, work_ends = needs.work_starts_at, needs.work_ends_at  # works_daytime, narrowed
    if work_starts is not None and work_ends is not None and day.isoweekday() <= 5:
        if start_t < work_ends and end_t > work_starts:
            # With a venue, the refusal names its evening slots instead.
            problems.append(Reason.of(
                "s10_clashes_with_work", S10,
                gettext_noop("%(person)s works %(starts)s–%(ends)s on weekdays: this time clashes "
                             "with their work. Offer an evening slot: %(evening)s."),
                person=needs.name, starts=_hm(work_starts), ends=_hm(work_ends),
                evening=evening_phrase(venue),
            ) if venue else Reason.of(
                "s10_clashes_with_work", S10,
                gettext_noop("%(person)s works %(starts)s–%(ends)s on weekdays: this time clashes "
                             "with their work."),
                person=needs.name, starts=_hm(work_starts), ends=_hm(work_ends),
            ))
    return tuple(problems)


def evening_slots(
    venue: VenueFacts, needs: PersonNeeds, week_start: date, *, length_minutes: int = 60,
    hours: OpeningHours = DEFAULT_HOURS,
) -> list[tuple[datetime, datetime]]:
    """Slots after the person's work in the week from ``week_start`` at this venue."""
    work_ends = needs.work_ends_at
    if not needs.works_daytime or work_ends is None or venue.evening_closes_at is None:
        return []
    slots = []
    for offset in range(7):
        day = week_start + timedelta(days=offset)
        closes_at = open_until(venue, day, hours)
        if day.isoweekday() not in venue.evening_days or closes_at is None:
            continue  # (a weekend "evening day" is closed: it used to raise TypeError)
        closes = datetime.combine(day, closes_at)
        start = max(datetime.combine(day, work_ends) + timedelta(minutes=30),
                    datetime.combine(day, hours.opens))
        # Round up to the quarter hour.
        start += timedelta(minutes=(-start.minute) % 15)
        end = start + timedelta(minutes=length_minutes)
        if end <= closes:
            slots.append((start, end))
    return slots
