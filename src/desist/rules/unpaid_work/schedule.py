"""Unpaid work: A project's sessions, week by week: weekly or fortnightly series (§12)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop
from desist.rules.timescales import ENGLAND_AND_WALES_BANK_HOLIDAYS

from .progress import S12, _is_date

# --- A project's sessions, week by week -------------------------------------------------------

WEEKLY = "weekly"
FORTNIGHTLY = "fortnightly"
MAX_SERIES_DAYS = 183  # sessions are scheduled at most about six months ahead


@dataclass(frozen=True, slots=True)
class Series:
    dates: tuple[date, ...]
    skipped: tuple[date, ...]  # bank holidays on the project's days: no session
    reasons: tuple[Reason, ...]


def series_dates(*, availability: str, weekdays, starts_on: date, until: date,
                 holidays=ENGLAND_AND_WALES_BANK_HOLIDAYS) -> Series:
    """The days a project runs from ``starts_on`` to ``until`` (both included): on its ISO
    weekdays (1 Monday … 7 Sunday), every week, or every other week counting from the week of
    ``starts_on``; never on a bank holiday (§12 availability; Desist's rule for holidays)."""
    if availability not in (WEEKLY, FORTNIGHTLY):
        raise RuleInputError("availability", "must be weekly or fortnightly")
    days = set()
    for day in weekdays or ():
        if isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 7:
            raise RuleInputError("weekdays", "each day must be 1 (Monday) to 7 (Sunday)")
        days.add(day)
    if not days:
        raise RuleInputError("weekdays", "choose the days of the week the project runs")
    if not (_is_date(starts_on) and _is_date(until)):
        raise RuleInputError("starts_on", "must be a date (YYYY-MM-DD)")
    if until < starts_on:
        raise RuleInputError("until", "must be on or after the first day")
    if (until - starts_on).days > MAX_SERIES_DAYS:
        raise RuleInputError("until", f"sessions can be scheduled at most {MAX_SERIES_DAYS} "
                             "days ahead at once")
    off = set(holidays)
    first_monday = starts_on - timedelta(days=starts_on.isoweekday() - 1)
    out: list[date] = []
    skipped: list[date] = []
    day = starts_on
    while day <= until:
        week = (day - first_monday).days // 7
        if day.isoweekday() in days and (availability == WEEKLY or week % 2 == 0):
            (skipped if day in off else out).append(day)
        day += timedelta(days=1)
    every = Phrase.of(gettext_noop("every week") if availability == WEEKLY
                      else gettext_noop("every other week"))
    sessions = Phrase.count(len(out), gettext_noop("%(n)s session"), gettext_noop("%(n)s sessions"))
    reasons = [Reason.of("s12_series", S12, gettext_noop(
        "%(sessions)s %(every)s from %(starts_on)s to %(until)s."), sessions=sessions, every=every,
        starts_on=starts_on, until=until)]
    if skipped:
        reasons.append(Reason.of("s12_series_bank_holiday", S12, gettext_noop(
            "No session on the bank holidays: %(days)s."), days=tuple(skipped)))
    return Series(tuple(out), tuple(skipped), tuple(reasons))
