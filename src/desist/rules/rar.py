"""Rehabilitation activity requirement (RAR): days delivered, days owed, shortfall at this rate.

Implements ``operating-model.md`` §9 (failure F12 in §18): the court sets a maximum number of
RAR days and the provider decides the activities. An *activity* (work that supports desistance)
counts as a RAR day; supervision contact does not, so every appointment is recorded as RAR
activity or not. A day counts once however many activities fall on it. Desist warns when the days
still owed cannot be delivered before the order ends at the current rate, and when the plan does
not mention the RAR.

Rules and Desist's choices where the doc is silent:

- only activity dates from the order start up to ``as_of`` (and not after the order end) count;
- **rate so far** = days delivered ÷ calendar days of the order elapsed (including ``as_of``);
  the projection adds that rate over the calendar days left, capped at the maximum;
- the rate is not projected until the order has run ``min_days_before_projecting`` days
  (default 28): a new order has no rate yet, and alerting on every new case would bury the
  real ones. The hard check below applies from day one;
- **cannot be delivered before the order ends**: the days owed exceed the working days left
  (one activity per working day is the most that can be arranged), or the order has ended with
  days owed;
- more days recorded than the maximum is a warning (the court's number is a maximum).

:func:`rar_alert` is the batch fast path (plain integers, no reasons) and agrees with
:func:`assess_rar`'s ``at_risk``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop
from desist.rules.timescales import DEFAULT_CALENDAR, WorkingCalendar

S9 = "operating-model.md §9"

WARNING_CODES = (
    "rar_cannot_be_delivered_in_time",
    "rar_shortfall_at_current_rate",
    "rar_not_in_plan",
    "rar_over_maximum",
)


@dataclass(frozen=True, slots=True)
class RarConfig:
    min_days_before_projecting: int = 28

    def __post_init__(self) -> None:
        value = self.min_days_before_projecting
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise RuleInputError("min_days_before_projecting", "must be 1 or more days")


DEFAULT_RAR = RarConfig()


@dataclass(frozen=True, slots=True)
class RarActivity:
    """One recorded appointment or activity: its date and whether it was RAR activity."""

    on: date
    is_rar_activity: bool


@dataclass(frozen=True, slots=True)
class RarInput:
    """A RAR requirement as of a date. ``plan_mentions_rar`` is None when there is no plan yet."""

    max_days: int
    order_start: date
    order_end: date
    as_of: date
    activities: tuple[RarActivity, ...] = ()
    plan_mentions_rar: bool | None = None


@dataclass(frozen=True, slots=True)
class RarResult:
    """Progress on the RAR.

    ``projected_days`` / ``projected_shortfall`` are None while it is too early to project.
    ``at_risk`` is true when the RAR will not (or cannot) be delivered before the order ends.
    """

    days_delivered: int
    days_owed: int
    rate_per_week: float
    projected_days: int | None
    projected_shortfall: int | None
    at_risk: bool
    warnings: tuple[str, ...]
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "days_delivered": self.days_delivered,
            "days_owed": self.days_owed,
            "rate_per_week": self.rate_per_week,
            "projected_days": self.projected_days,
            "projected_shortfall": self.projected_shortfall,
            "at_risk": self.at_risk,
            "warnings": list(self.warnings),
            "reasons": [reason.as_dict() for reason in self.reasons],
        }


def _is_date(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _validate(rar: RarInput) -> None:
    max_days = rar.max_days
    if isinstance(max_days, bool) or not isinstance(max_days, int) or max_days < 1:
        raise RuleInputError("max_days", "must be a whole number of days, 1 or more")
    for name in ("order_start", "order_end", "as_of"):
        if not _is_date(getattr(rar, name)):
            raise RuleInputError(name, "must be a date (YYYY-MM-DD)")
    if rar.order_end <= rar.order_start:
        raise RuleInputError("order_end", "must be after the order start")
    if rar.plan_mentions_rar is not None and not isinstance(rar.plan_mentions_rar, bool):
        raise RuleInputError("plan_mentions_rar", "must be true, false or null")


def days_delivered(
    activities: Iterable[RarActivity], first: date, last: date
) -> tuple[int, int, int]:
    """(distinct RAR-activity dates in first..last, non-RAR records, RAR records outside).

    Supervision contact (``is_rar_activity`` false) never counts (§9).
    """
    if isinstance(activities, (str, bytes)) or not isinstance(activities, Iterable):
        raise RuleInputError("activities", "must be a list of activity records")
    days: set[date] = set()
    not_rar = outside = 0
    for activity in activities:
        if not isinstance(activity, RarActivity) or not _is_date(activity.on):
            raise RuleInputError("activities", f"{activity!r} is not a dated activity record")
        if not isinstance(activity.is_rar_activity, bool):
            raise RuleInputError("activities", "is_rar_activity must be true or false")
        if not activity.is_rar_activity:
            not_rar += 1
        elif first <= activity.on <= last:
            days.add(activity.on)
        else:
            outside += 1
    return len(days), not_rar, outside


def _days(count: int) -> Phrase:
    return Phrase.count(count, gettext_noop("%(n)s day"), gettext_noop("%(n)s days"))


def _rar_days(count: int) -> Phrase:
    return Phrase.count(count, gettext_noop("%(n)s RAR day"), gettext_noop("%(n)s RAR days"))


def _progress(
    max_days: int, delivered: int, start: int, end: int, as_of: int, calendar: WorkingCalendar,
    config: RarConfig,
) -> tuple[int, int, int, float, int | None, bool, bool]:
    """Arithmetic shared by the full and fast paths, on date ordinals.

    Returns counted days, days owed, elapsed days, rate per day, projected days (None when too
    early), cannot-deliver flag, shortfall-at-rate flag.
    """
    counted = delivered if delivered < max_days else max_days
    owed = max_days - counted
    last = as_of if as_of < end else end
    elapsed = last - start + 1 if as_of >= start else 0
    rate = counted / elapsed if elapsed > 0 else 0.0
    # Working days still available: after as_of (or from the start, if not begun) to the end.
    from_ordinal = as_of if as_of >= start else start - 1
    working_left = (
        calendar.working_days_between_ordinals(from_ordinal, end) if end > from_ordinal else 0
    )
    cannot = owed > working_left
    if elapsed < config.min_days_before_projecting:
        return counted, owed, elapsed, rate, None, cannot, False
    days_left = end - as_of if end > as_of else 0
    projected = counted + int(rate * days_left + 1e-9)
    if projected > max_days:
        projected = max_days
    return counted, owed, elapsed, rate, projected, cannot, projected < max_days


def rar_alert(
    max_days: int,
    delivered: int,
    start_ordinal: int,
    end_ordinal: int,
    as_of_ordinal: int,
    calendar: WorkingCalendar = DEFAULT_CALENDAR,
    config: RarConfig = DEFAULT_RAR,
) -> bool:
    """Batch fast path: True when the RAR is at risk (see :func:`assess_rar`). No validation."""
    result = _progress(
        max_days, delivered, start_ordinal, end_ordinal, as_of_ordinal, calendar, config
    )
    return result[5] or result[6]


def assess_rar(
    rar: RarInput, config: RarConfig = DEFAULT_RAR, calendar: WorkingCalendar = DEFAULT_CALENDAR
) -> RarResult:
    """Days delivered and owed, the rate so far, the projection and its warnings (§9)."""
    _validate(rar)
    last = min(rar.as_of, rar.order_end)
    delivered, not_rar, outside = days_delivered(rar.activities, rar.order_start, last)
    counted, owed, elapsed, rate, projected, cannot, short = _progress(
        rar.max_days,
        delivered,
        rar.order_start.toordinal(),
        rar.order_end.toordinal(),
        rar.as_of.toordinal(),
        calendar,
        config,
    )
    rate_per_week = round(rate * 7, 2)
    reasons = [
        Reason.of(
            "s9_rar_days_delivered",
            S9,
            gettext_noop("%(counted)s of %(max_days)s RAR days delivered by %(as_of)s; %(owed)s "
                         "owed. Each date with RAR activity counts once; supervision contact "
                         "does not count."),
            counted=counted, max_days=rar.max_days, as_of=rar.as_of, owed=_days(owed),
        )
    ]
    if not_rar:
        reasons.append(
            Reason.of(
                "s9_contact_not_rar",
                S9,
                gettext_noop("%(appointments)s recorded as not RAR activity (supervision "
                             "contact) did not count."),
                appointments=Phrase.count(not_rar, gettext_noop("%(n)s appointment"),
                                          gettext_noop("%(n)s appointments")),
            )
        )
    if outside:
        reasons.append(
            Reason.of(
                "s9_activity_outside_order",
                S9,
                gettext_noop("%(records)s dated outside the order (or after %(as_of)s) did not "
                             "count."),
                records=Phrase.count(outside, gettext_noop("%(n)s RAR activity record"),
                                     gettext_noop("%(n)s RAR activity records")),
                as_of=rar.as_of,
            )
        )
    warnings: list[str] = []
    if delivered > rar.max_days:
        warnings.append("rar_over_maximum")
        reasons.append(
            Reason.of(
                "s9_rar_over_maximum",
                S9,
                gettext_noop("%(delivered)s RAR days are recorded but the court set a maximum of "
                             "%(max_days)s: check the recording."),
                delivered=delivered, max_days=rar.max_days,
            )
        )
    if projected is None:
        reasons.append(
            Reason.of(
                "s9_too_early_to_project",
                S9,
                gettext_noop("The order has run %(elapsed)s; the rate is projected from day "
                             "%(from_day)s."),
                elapsed=_days(elapsed), from_day=config.min_days_before_projecting,
            )
        )
    else:
        reasons.append(
            Reason.of(
                "s9_rate_so_far",
                S9,
                gettext_noop("At %(per_week)g RAR days a week so far, about %(projected)s of "
                             "%(max_days)s days will be delivered by the order end (%(end)s)."),
                per_week=rate_per_week, projected=projected, max_days=rar.max_days,
                end=rar.order_end,
            )
        )
    shortfall = None if projected is None else rar.max_days - projected
    if cannot:
        warnings.append("rar_cannot_be_delivered_in_time")
        template = gettext_noop("The order has ended with %(owed)s not delivered.") \
            if rar.as_of >= rar.order_end else \
            gettext_noop("%(owed)s owed but fewer working days are left before the order ends on "
                         "%(end)s: they cannot all be delivered.")
        reasons.append(Reason.of("s9_rar_cannot_be_delivered", S9, template,
                                 owed=_rar_days(owed), end=rar.order_end))
    elif short:
        warnings.append("rar_shortfall_at_current_rate")
        reasons.append(
            Reason.of(
                "s9_rar_shortfall_at_current_rate",
                S9,
                gettext_noop("At the current rate the order ends %(short)s short: arrange more "
                             "RAR activity now."),
                short=_rar_days(shortfall or 0),
            )
        )
    if rar.plan_mentions_rar is False:
        warnings.append("rar_not_in_plan")
        reasons.append(
            Reason.of(
                "s9_rar_not_in_plan",
                S9,
                gettext_noop("The sentence plan does not mention the RAR: add the RAR activities "
                             "to the plan."),
            )
        )
    return RarResult(
        days_delivered=counted,
        days_owed=owed,
        rate_per_week=rate_per_week,
        projected_days=projected,
        projected_shortfall=shortfall,
        at_risk=cannot or short,
        warnings=tuple(warnings),
        reasons=tuple(reasons),
    )
