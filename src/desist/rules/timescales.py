"""Working days, England and Wales bank holidays, and the operating model's deadlines.

Implements the timeliness service levels of ``operating-model.md``: §3 (assignment within 1
working day, first appointment within 5 working days of sentence or release), §8 (initial plan
within 15 working days), §14 (reviews at set intervals), §11 (absence decisions, warnings, breach
and recall "timescales for starting breach are configuration") and §17 (timeliness is reported).
The doc says these are configuration: they are the defaults of :class:`Timescales`, and a caller
passes an edited copy. Where the doc is silent the default is Desist's, and says so in
``DEFAULT_SOURCES``.

Bank holidays are data (``DESIGN.md`` §2.6): :data:`ENGLAND_AND_WALES_BANK_HOLIDAYS` as
published on gov.uk/bank-holidays for 2015–2027 and, after that, as the Banking and Financial
Dealings Act 1971 rules and royal proclamation practice give them (:func:`bank_holidays_by_rule`
recomputes them; a test checks the table against it). Every function takes an optional
``holidays`` argument — a :class:`WorkingCalendar` or any collection of dates — so a provider can
load the published list, Welsh or future one-off holidays without a code change. Dates outside
the table's years are counted with weekends only; extend the table before relying on them.

Working days are Monday to Friday, not a bank holiday. Counting is arithmetic over date ordinals
with a binary search over the holidays, so a deadline costs the same whether it is 1 or 200
working days away (the nightly batch computes several per case over 300,000 cases).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from functools import lru_cache

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason

__all__ = [  # fmt: skip
    "BANK_HOLIDAYS_EXTRA", "BANK_HOLIDAYS_MOVED", "DEFAULT_CALENDAR", "DEFAULT_SOURCES",
    "DEFAULT_TIMESCALES", "DEADLINE_KINDS", "ENGLAND_AND_WALES_BANK_HOLIDAYS", "Deadline",
    "Timescales", "WorkingCalendar", "absence_decision_deadline", "add_months",
    "add_working_days", "assignment_deadline", "bank_holidays_by_rule", "breach_deadline",
    "calendar_for", "deadline", "easter_sunday", "first_appointment_deadline", "format_date",
    "initial_plan_deadline", "is_working_day", "recall_request_deadline", "review_deadline",
    "warning_deadline", "working_days_between",
]

SOURCE_HOLIDAYS = "gov.uk/bank-holidays (England and Wales)"

# ---------------------------------------------------------------------------------------------
# Bank holiday data
# ---------------------------------------------------------------------------------------------

# Year -> month-day of each England and Wales bank holiday, substitute days already applied.
# One-offs: 2020-05-08 (early May moved to Friday for VE Day 75), 2022-06-02 (spring holiday
# moved) and 2022-06-03 (Platinum Jubilee), 2022-09-19 (state funeral of Queen Elizabeth II),
# 2023-05-08 (coronation of King Charles III).
# fmt: off
_BANK_HOLIDAY_TABLE: dict[int, tuple[str, ...]] = {
    2015: ("01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"),
    2016: ("01-01", "03-25", "03-28", "05-02", "05-30", "08-29", "12-26", "12-27"),
    2017: ("01-02", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26"),
    2018: ("01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26"),
    2019: ("01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"),
    2020: ("01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"),
    2021: ("01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"),
    2022: (
        "01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27",
    ),
    2023: ("01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"),
    2024: ("01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"),
    2025: ("01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"),
    2026: ("01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"),
    2027: ("01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"),
    2028: ("01-03", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26"),
    2029: ("01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26"),
    2030: ("01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"),
    2031: ("01-01", "04-11", "04-14", "05-05", "05-26", "08-25", "12-25", "12-26"),
    2032: ("01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"),
    2033: ("01-03", "04-15", "04-18", "05-02", "05-30", "08-29", "12-26", "12-27"),
    2034: ("01-02", "04-07", "04-10", "05-01", "05-29", "08-28", "12-25", "12-26"),
    2035: ("01-01", "03-23", "03-26", "05-07", "05-28", "08-27", "12-25", "12-26"),
}
# fmt: on

ENGLAND_AND_WALES_BANK_HOLIDAYS: tuple[date, ...] = tuple(
    date.fromisoformat(f"{year}-{month_day}")
    for year, month_days in sorted(_BANK_HOLIDAY_TABLE.items())
    for month_day in month_days
)
"""The shipped default: every England and Wales bank holiday 2015–2035, in date order."""

# Proclaimed changes to the statutory pattern, used by :func:`bank_holidays_by_rule`; add future
# proclamations here (and to the table above).
BANK_HOLIDAYS_MOVED: dict[date, date] = {
    date(2012, 5, 28): date(2012, 6, 4),  # spring holiday moved for the Diamond Jubilee
    date(2020, 5, 4): date(2020, 5, 8),  # early May moved to VE Day's 75th anniversary
    date(2022, 5, 30): date(2022, 6, 2),  # spring holiday moved for the Platinum Jubilee
}
BANK_HOLIDAYS_EXTRA: tuple[date, ...] = (
    date(2011, 4, 29),  # royal wedding
    date(2012, 6, 5),  # Diamond Jubilee
    date(2022, 6, 3),  # Platinum Jubilee
    date(2022, 9, 19),  # state funeral of Queen Elizabeth II
    date(2023, 5, 8),  # coronation of King Charles III
)


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous "Meeus/Jones/Butcher" computus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=last.weekday())


def bank_holidays_by_rule(
    year: int,
    moved: dict[date, date] | None = None,
    extra: Iterable[date] | None = None,
) -> tuple[date, ...]:
    """England and Wales bank holidays for ``year`` from the statutory pattern and one-offs.

    New Year's Day, Good Friday, Easter Monday, early May (first Monday), spring (last Monday of
    May), summer (last Monday of August), Christmas Day and Boxing Day; a holiday falling at a
    weekend is substituted by the next weekday that is not already a holiday.
    """
    if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2200:
        raise RuleInputError("year", "must be a whole year between 1900 and 2200")
    moved = BANK_HOLIDAYS_MOVED if moved is None else moved
    extra = BANK_HOLIDAYS_EXTRA if extra is None else extra

    new_year = date(year, 1, 1)
    new_year += timedelta(days={5: 2, 6: 1}.get(new_year.weekday(), 0))
    easter = easter_sunday(year)
    days = [
        new_year,
        easter - timedelta(days=2),
        easter + timedelta(days=1),
        _first_monday(year, 5),
        _last_monday(year, 5),
        _last_monday(year, 8),
    ]
    christmas = date(year, 12, 25)
    # Christmas and Boxing Day substitutes: the next weekdays not already taken.
    taken: list[date] = []
    for day in (christmas, christmas + timedelta(days=1)):
        while day.weekday() >= 5 or day in taken:
            day += timedelta(days=1)
        taken.append(day)
    days.extend(taken)
    days = [moved.get(day, day) for day in days]
    days.extend(day for day in extra if day.year == year)
    return tuple(sorted(set(days)))


# ---------------------------------------------------------------------------------------------
# Working-day arithmetic
# ---------------------------------------------------------------------------------------------


def _weekdays_upto(ordinal: int) -> int:
    """Count of Monday–Friday ordinals in 1..ordinal (ordinal 1, 1 January AD 1, is a Monday)."""
    weeks, rest = divmod(ordinal, 7)
    return 5 * weeks + (rest if rest < 5 else 5)


def _weekday_ordinal(count: int) -> int:
    """The smallest ordinal with ``_weekdays_upto(ordinal) == count`` (a weekday), count >= 1."""
    weeks, rest = divmod(count, 5)
    return 7 * (weeks - 1) + 5 if rest == 0 else 7 * weeks + rest


@dataclass(frozen=True, slots=True)
class WorkingCalendar:
    """A set of non-working days (bank holidays) precomputed for fast working-day arithmetic.

    Build one per holiday list and reuse it across a batch; the module functions accept it in
    their ``holidays`` argument.
    """

    holidays: frozenset[date]
    _ordinals: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __init__(self, holidays: Iterable[date] = ()) -> None:
        days = frozenset(holidays)
        for day in days:
            if not isinstance(day, date):
                raise RuleInputError("holidays", f"{day!r} is not a date")
        object.__setattr__(self, "holidays", days)
        # Weekend holidays change nothing: weekends are already non-working.
        ordinals = sorted(day.toordinal() for day in days if day.weekday() < 5)
        object.__setattr__(self, "_ordinals", tuple(ordinals))

    def _cumulative(self, ordinal: int) -> int:
        """Working days in 1..ordinal."""
        return _weekdays_upto(ordinal) - bisect_right(self._ordinals, ordinal)

    def _nth(self, count: int) -> int:
        """The ordinal of the ``count``-th working day (smallest with cumulative == count)."""
        ordinals = self._ordinals
        found = bisect_right(ordinals, _weekday_ordinal(count))
        while True:
            candidate = _weekday_ordinal(count + found)
            again = bisect_right(ordinals, candidate)
            if again == found:
                return candidate
            found = again

    def is_working_day(self, day: date) -> bool:
        if day.weekday() >= 5:
            return False
        ordinal = day.toordinal()
        index = bisect_left(self._ordinals, ordinal)
        return index == len(self._ordinals) or self._ordinals[index] != ordinal

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start`` (``start`` itself not counted).

        ``days == 0`` gives ``start`` if it is a working day, else the next working day.
        Negative ``days`` counts back: ``-1`` is the last working day before ``start``.
        """
        ordinal = start.toordinal()
        if days > 0:
            target = self._cumulative(ordinal) + days
        else:
            target = self._cumulative(ordinal - 1) + days + 1
        if target < 1:
            raise RuleInputError("days", "counts back before the start of the calendar")
        try:
            return date.fromordinal(self._nth(target))
        except (ValueError, OverflowError):
            raise RuleInputError("days", "counts past the end of the calendar") from None

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if end < start).

        So ``working_days_between(d, add_working_days(d, n)) == n`` for n >= 1.
        """
        return self._cumulative(end.toordinal()) - self._cumulative(start.toordinal())

    def working_days_between_ordinals(self, start: int, end: int) -> int:
        """As :meth:`working_days_between` on ``date.toordinal()`` values (batch fast path)."""
        return self._cumulative(end) - self._cumulative(start)

    def holidays_between(self, start: date, end: date) -> tuple[date, ...]:
        """Weekday bank holidays after ``start`` up to and including ``end``."""
        ordinals = self._ordinals
        low = bisect_right(ordinals, start.toordinal())
        high = bisect_right(ordinals, end.toordinal())
        return tuple(date.fromordinal(o) for o in ordinals[low:high])


DEFAULT_CALENDAR = WorkingCalendar(ENGLAND_AND_WALES_BANK_HOLIDAYS)

HolidaysArg = WorkingCalendar | Iterable[date] | None


@lru_cache(maxsize=32)
def _calendar_cached(holidays: frozenset[date]) -> WorkingCalendar:
    return WorkingCalendar(holidays)


def calendar_for(holidays: HolidaysArg = None) -> WorkingCalendar:
    """The calendar for a ``holidays`` argument: None means England and Wales (shipped list)."""
    if holidays is None:
        return DEFAULT_CALENDAR
    if isinstance(holidays, WorkingCalendar):
        return holidays
    if isinstance(holidays, (str, bytes)) or not isinstance(holidays, Iterable):
        raise RuleInputError("holidays", "must be a collection of dates or a WorkingCalendar")
    return _calendar_cached(frozenset(holidays))


def _check_date(field_name: str, value: object) -> date:
    # datetime is a subclass of date; refuse it rather than silently drop a time of day.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise RuleInputError(field_name, "must be a date (YYYY-MM-DD)")
    return value


def _check_int(field_name: str, value: object, minimum: int | None = None) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise RuleInputError(field_name, "must be a whole number")
    if minimum is not None and value < minimum:
        raise RuleInputError(field_name, f"must be {minimum} or more")
    return value


def is_working_day(day: date, holidays: HolidaysArg = None) -> bool:
    """True for Monday to Friday when ``day`` is not a bank holiday."""
    return calendar_for(holidays).is_working_day(_check_date("day", day))


def add_working_days(start: date, days: int, holidays: HolidaysArg = None) -> date:
    """See :meth:`WorkingCalendar.add_working_days`."""
    return calendar_for(holidays).add_working_days(
        _check_date("start", start), _check_int("days", days)
    )


def working_days_between(start: date, end: date, holidays: HolidaysArg = None) -> int:
    """See :meth:`WorkingCalendar.working_days_between`."""
    return calendar_for(holidays).working_days_between(
        _check_date("start", start), _check_date("end", end)
    )


def add_months(day: date, months: int) -> date:
    """Same day of the month ``months`` later (or earlier), clamped to the month's last day.

    So 31 January + 1 month is 28 (or 29) February: the way courts and practitioners count
    "12 months of sentence".
    """
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    next_month = date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - timedelta(days=1)).day
    return date(year, month, min(day.day, last_day))


_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "", "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)


def format_date(day: date) -> str:
    """A date as practitioners write it: ``Monday 6 May 2024``.

    Table lookups rather than ``strftime``: independent of the process locale, and several times
    faster in the nightly batch, where every overdue alert carries a date in its reason.
    """
    return f"{_DAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month]} {day.year}"


# ---------------------------------------------------------------------------------------------
# Timescales (configuration) and deadlines
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Timescales:
    """Service-level timescales; pass an edited copy to change them (``dataclasses.replace``)."""

    assignment_working_days: int = 1
    first_appointment_working_days: int = 5
    initial_plan_working_days: int = 15
    review_interval_weeks: int = 16
    absence_decision_working_days: int = 2
    warning_working_days: int = 2
    breach_working_days: int = 10
    recall_request_working_days: int = 1

    def __post_init__(self) -> None:
        for item in fields(self):
            _check_int(item.name, getattr(self, item.name), minimum=0)
        if self.review_interval_weeks < 1:
            raise RuleInputError("review_interval_weeks", "must be 1 or more")


DEFAULT_TIMESCALES = Timescales()

# Where each default comes from; "Desist default" means the domain docs are silent.
DEFAULT_SOURCES: dict[str, str] = {
    "assignment_working_days": "operating-model.md §3 (default: 1 working day)",
    "first_appointment_working_days": "operating-model.md §3 (default: 5 working days)",
    "initial_plan_working_days": "operating-model.md §8 (default: 15 working days)",
    "review_interval_weeks": "operating-model.md §14 'set intervals': Desist default 16 weeks",
    "absence_decision_working_days": "operating-model.md §11: Desist default 2 working days",
    "warning_working_days": "operating-model.md §11: Desist default 2 working days",
    "breach_working_days": "operating-model.md §11 'configuration': Desist default 10 days",
    "recall_request_working_days": "operating-model.md §11: Desist default 1 working day",
}


@dataclass(frozen=True, slots=True)
class Deadline:
    """When something must be done by, and why.

    ``working_days`` is the allowance in working days, or None for a calendar interval (review).
    """

    kind: str
    start: date
    due: date
    working_days: int | None
    reasons: tuple[Reason, ...]

    def is_overdue(self, on: date) -> bool:
        """True when ``on`` is after the due date (the due date itself is still in time)."""
        return on > self.due

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "working_days": self.working_days,
            "reasons": [reason.as_dict() for reason in self.reasons],
        }


# kind -> (Timescales field, section, what must happen, what the clock starts from)
_WORKING_DAY_KINDS: dict[str, tuple[str, str, str, str]] = {
    "assignment": (
        "assignment_working_days",
        "operating-model.md §3",
        "assign a responsible officer",
        "the case arrived in the hub",
    ),
    "first_appointment": (
        "first_appointment_working_days",
        "operating-model.md §3",
        "hold the first appointment (induction)",
        "sentence or release",
    ),
    "initial_plan": (
        "initial_plan_working_days",
        "operating-model.md §8",
        "complete the initial sentence plan",
        "the start of supervision",
    ),
    "absence_decision": (
        "absence_decision_working_days",
        "operating-model.md §11",
        "decide whether the absence was acceptable",
        "the absence",
    ),
    "warning": (
        "warning_working_days",
        "operating-model.md §11",
        "issue the warning",
        "the decision that the failure was unacceptable",
    ),
    "breach": (
        "breach_working_days",
        "operating-model.md §11",
        "start breach proceedings",
        "the decision that the failure was unacceptable",
    ),
    "recall_request": (
        "recall_request_working_days",
        "operating-model.md §11",
        "send the recall request",
        "the decision that the failure was unacceptable",
    ),
}

DEADLINE_KINDS: tuple[str, ...] = (*_WORKING_DAY_KINDS, "review")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def deadline(
    kind: str,
    start: date,
    *,
    timescales: Timescales = DEFAULT_TIMESCALES,
    holidays: HolidaysArg = None,
    start_event: str | None = None,
) -> Deadline:
    """The deadline of ``kind`` (one of :data:`DEADLINE_KINDS`) running from ``start``.

    ``start_event`` overrides the words used for what the clock runs from (e.g. "release").
    """
    _check_date("start", start)
    if not isinstance(timescales, Timescales):
        raise RuleInputError("timescales", "must be a Timescales")
    calendar = calendar_for(holidays)
    if kind == "review":
        return _review(start, timescales, calendar)
    spec = _WORKING_DAY_KINDS.get(kind)
    if spec is None:
        raise RuleInputError("kind", f"unknown deadline {kind!r}; use one of {DEADLINE_KINDS}")
    attribute, section, action, event = spec
    allowance: int = getattr(timescales, attribute)
    due = calendar.add_working_days(start, allowance)
    code = f"timescale_{kind}"
    reasons = [
        Reason(
            code,
            section,
            f"{action.capitalize()} within {_plural(allowance, 'working day')} of "
            f"{start_event or event} ({format_date(start)}): by {format_date(due)}.",
        )
    ]
    skipped = calendar.holidays_between(start, due)
    if skipped:
        reasons.append(
            Reason(
                "timescale_bank_holidays",
                SOURCE_HOLIDAYS,
                "Bank holidays are not working days: "
                + ", ".join(format_date(day) for day in skipped)
                + ".",
            )
        )
    return Deadline(kind, start, due, allowance, tuple(reasons))


def _review(start: date, timescales: Timescales, calendar: WorkingCalendar) -> Deadline:
    weeks = timescales.review_interval_weeks
    nominal = start + timedelta(weeks=weeks)
    due = calendar.add_working_days(nominal, 0)
    reasons = [
        Reason(
            "timescale_review",
            "operating-model.md §14",
            f"Review the case every {_plural(weeks, 'week')}: the last review or plan was on "
            f"{format_date(start)}, so the next is due by {format_date(due)}.",
        )
    ]
    if due != nominal:
        reasons.append(
            Reason(
                "timescale_not_working_day",
                SOURCE_HOLIDAYS,
                f"{format_date(nominal)} is not a working day, so the review falls due on the "
                "next working day.",
            )
        )
    return Deadline("review", start, due, None, tuple(reasons))


def assignment_deadline(
    arrived: date, *, timescales: Timescales = DEFAULT_TIMESCALES, holidays: HolidaysArg = None
) -> Deadline:
    """Responsible officer to be assigned after the case arrives in the hub (§3)."""
    return deadline("assignment", arrived, timescales=timescales, holidays=holidays)


def first_appointment_deadline(
    start: date,
    *,
    from_release: bool = False,
    timescales: Timescales = DEFAULT_TIMESCALES,
    holidays: HolidaysArg = None,
) -> Deadline:
    """First appointment after sentence, or after release for custody cases (§3)."""
    return deadline(
        "first_appointment",
        start,
        timescales=timescales,
        holidays=holidays,
        start_event="release" if from_release else "sentence",
    )


def initial_plan_deadline(
    start: date, *, timescales: Timescales = DEFAULT_TIMESCALES, holidays: HolidaysArg = None
) -> Deadline:
    """Initial sentence plan after the start of supervision (§8)."""
    return deadline("initial_plan", start, timescales=timescales, holidays=holidays)


def review_deadline(
    last_review: date, *, timescales: Timescales = DEFAULT_TIMESCALES, holidays: HolidaysArg = None
) -> Deadline:
    """Next review: a calendar interval from the last review or plan, moved to a working day."""
    return deadline("review", last_review, timescales=timescales, holidays=holidays)


def absence_decision_deadline(
    absence: date, *, timescales: Timescales = DEFAULT_TIMESCALES, holidays: HolidaysArg = None
) -> Deadline:
    """The RO's acceptable / unacceptable decision on an absence (§11)."""
    return deadline("absence_decision", absence, timescales=timescales, holidays=holidays)


def warning_deadline(
    decided: date, *, timescales: Timescales = DEFAULT_TIMESCALES, holidays: HolidaysArg = None
) -> Deadline:
    """Warning issued after an unacceptable failure (§11)."""
    return deadline("warning", decided, timescales=timescales, holidays=holidays)


def breach_deadline(
    decided: date, *, timescales: Timescales = DEFAULT_TIMESCALES, holidays: HolidaysArg = None
) -> Deadline:
    """Breach proceedings started (§11; also PSS breach to the magistrates' court)."""
    return deadline("breach", decided, timescales=timescales, holidays=holidays)


def recall_request_deadline(
    decided: date, *, timescales: Timescales = DEFAULT_TIMESCALES, holidays: HolidaysArg = None
) -> Deadline:
    """Recall request sent for a licence case (§11)."""
    return deadline("recall_request", decided, timescales=timescales, holidays=holidays)
