"""Unpaid work (UPW): hours remaining, the ETE cap, and completion against the 12-month deadline.

Implements ``operating-model.md`` §12:

- hours ordered are 40–300 and must be completed within 12 months of sentence; overrunning
  orders are monitored and **flagged well before the deadline**;
- up to 20% of the hours ordered may be spent on education, training and employment (ETE):
  the system enforces the cap (hours beyond it are not credited, with the reason) and shows the
  unused ETE opportunity (the Northumbria inspectors found ETE "not maximised").

Desist's rules where the doc is silent (all in :class:`UpwConfig`):

- **rate so far** = hours credited ÷ calendar days since sentence; the projected completion date
  is today plus the hours remaining at that rate. It is not projected in the first 28 days
  (no rate yet), but from then on no hours at all means the order will overrun;
- **flagged** when any of: the projected completion is after the deadline; fewer than
  **3 months** remain before the deadline with more than **25%** of the hours still to do
  (however the rate is measured: with the default figures this coincides with the rate
  projection, but it is a plain rule a manager can check by eye, and it stays meaningful when
  the window is configured wider); the deadline has passed with hours outstanding;
- the deadline is 12 calendar months from the sentence date (31 January → 31 January; a
  29 February sentence → 28 February), or a court-extended date when one is given.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.timescales import ENGLAND_AND_WALES_BANK_HOLIDAYS, add_months, format_date

S12 = "operating-model.md §12"

WARNING_CODES = (
    "upw_projected_overrun",
    "upw_behind_near_deadline",
    "upw_deadline_passed",
    "upw_ete_over_cap",
)
_OVERRUN_WARNINGS = frozenset(WARNING_CODES[:3])


@dataclass(frozen=True, slots=True)
class UpwConfig:
    min_hours: int = 40
    max_hours: int = 300
    ete_cap_fraction: float = 0.2
    completion_months: int = 12
    min_days_before_projecting: int = 28
    late_window_months: int = 3
    late_window_remaining_fraction: float = 0.25

    def __post_init__(self) -> None:
        for name in ("min_hours", "max_hours", "completion_months", "min_days_before_projecting",
                     "late_window_months"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise RuleInputError(name, "must be a whole number, 1 or more")
        if self.min_hours > self.max_hours:
            raise RuleInputError("min_hours", "must not be above max_hours")
        for name in ("ete_cap_fraction", "late_window_remaining_fraction"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
                0 <= value <= 1
            ):
                raise RuleInputError(name, "must be a fraction between 0 and 1")


DEFAULT_UPW = UpwConfig()


@dataclass(frozen=True, slots=True)
class UpwInput:
    """A UPW requirement as of a date; hours worked split into ETE and other work."""

    hours_ordered: int
    sentence_date: date
    as_of: date
    hours_worked_ete: float = 0
    hours_worked_other: float = 0
    deadline_extended_to: date | None = None


@dataclass(frozen=True, slots=True)
class UpwResult:
    """Progress on the hours.

    ``will_overrun`` is None while it is too early to tell; ``flagged`` is true when any overrun
    warning fired; ``required_hours_per_week`` is the pace that would finish on time.
    """

    hours_ordered: int
    hours_credited: float
    hours_remaining: float
    ete_cap_hours: float
    ete_hours_credited: float
    ete_hours_rejected: float
    ete_unused_hours: float
    deadline: date
    projected_completion: date | None
    will_overrun: bool | None
    required_hours_per_week: float | None
    flagged: bool
    warnings: tuple[str, ...]
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for item in fields(self):
            name = item.name
            value = getattr(self, name)
            if isinstance(value, date):
                value = value.isoformat()
            elif name == "reasons":
                value = [reason.as_dict() for reason in value]
            elif name == "warnings":
                value = list(value)
            out[name] = value
        return out


def _hours(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
        math.isfinite(value) and value >= 0
    ):
        raise RuleInputError(name, "must be a number of hours, 0 or more")
    return float(value)


def _is_date(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _validate(upw: UpwInput, config: UpwConfig) -> tuple[float, float]:
    ordered = upw.hours_ordered
    if isinstance(ordered, bool) or not isinstance(ordered, int):
        raise RuleInputError("hours_ordered", "must be a whole number of hours")
    if not config.min_hours <= ordered <= config.max_hours:
        raise RuleInputError(
            "hours_ordered",
            f"must be between {config.min_hours} and {config.max_hours} hours, not {ordered}",
        )
    for name in ("sentence_date", "as_of"):
        if not _is_date(getattr(upw, name)):
            raise RuleInputError(name, "must be a date (YYYY-MM-DD)")
    if upw.as_of < upw.sentence_date:
        raise RuleInputError("as_of", "cannot be before the sentence date")
    extended = upw.deadline_extended_to
    if extended is not None and (not _is_date(extended) or extended <= upw.sentence_date):
        raise RuleInputError("deadline_extended_to", "must be a date after the sentence date")
    return _hours("hours_worked_ete", upw.hours_worked_ete), _hours(
        "hours_worked_other", upw.hours_worked_other
    )


def _h(value: float) -> str:
    """Hours for a sentence: ``7.5 hours``, ``1 hour``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text} hour" if text == "1" else f"{text} hours"


def assess_upw(upw: UpwInput, config: UpwConfig = DEFAULT_UPW) -> UpwResult:
    """Hours, the ETE cap and the completion projection for a UPW requirement (§12)."""
    ete_worked, other_worked = _validate(upw, config)
    ordered = upw.hours_ordered
    cap = round(ordered * config.ete_cap_fraction, 2)
    ete_credited = min(ete_worked, cap)
    ete_rejected = round(ete_worked - ete_credited, 2)
    credited = round(min(float(ordered), other_worked + ete_credited), 2)
    remaining = round(ordered - credited, 2)
    ete_unused = round(max(0.0, min(cap - ete_credited, remaining)), 2)
    deadline = upw.deadline_extended_to or add_months(upw.sentence_date, config.completion_months)
    as_of = upw.as_of

    reasons = [
        Reason(
            "s12_hours",
            S12,
            f"{_h(credited).split()[0]} of {_h(ordered)} credited; {_h(remaining)} to do by "
            f"{format_date(deadline)}"
            + (" (extended by the court)." if upw.deadline_extended_to else
               f" ({config.completion_months} months from sentence)."),
        )
    ]
    warnings: list[str] = []
    if ete_rejected > 0:
        warnings.append("upw_ete_over_cap")
        reasons.append(
            Reason(
                "s12_ete_over_cap",
                S12,
                f"{_h(ete_rejected)} of ETE not credited: at most {_h(cap)} "
                f"({config.ete_cap_fraction:.0%} of the hours ordered) may be ETE.",
            )
        )
    if ete_unused > 0:
        reasons.append(
            Reason(
                "s12_ete_opportunity",
                S12,
                f"Up to {_h(ete_unused)} more could be spent on education, training or "
                "employment.",
            )
        )

    if remaining <= 0:
        reasons.append(Reason("s12_complete", S12, "All the hours ordered have been worked."))
        return UpwResult(ordered, credited, 0.0, cap, ete_credited, ete_rejected, 0.0, deadline,
                         None, False, None, False, tuple(warnings), tuple(reasons))

    elapsed = (as_of - upw.sentence_date).days
    projected: date | None = None
    will_overrun: bool | None = None
    if as_of > deadline:
        will_overrun = True
        warnings.append("upw_deadline_passed")
        reasons.append(
            Reason(
                "s12_deadline_passed",
                S12,
                f"The deadline of {format_date(deadline)} has passed with {_h(remaining)} "
                "still to do: return to court for an extension or breach.",
            )
        )
    elif elapsed < config.min_days_before_projecting:
        reasons.append(
            Reason(
                "s12_too_early_to_project",
                S12,
                f"Sentenced {elapsed} days ago: completion is projected from day "
                f"{config.min_days_before_projecting}.",
            )
        )
    elif credited <= 0:
        will_overrun = True
        warnings.append("upw_projected_overrun")
        reasons.append(
            Reason(
                "s12_no_hours_worked",
                S12,
                f"No hours credited in the {elapsed} days since sentence: at this rate the "
                f"order will not be completed by {format_date(deadline)}.",
            )
        )
    else:
        per_day = credited / elapsed
        # A trickle of hours would put the date past the calendar's end; a century is
        # already "never" for a 12-month order, so cap there.
        projected = as_of + timedelta(days=min(math.ceil(remaining / per_day), 36_525))
        will_overrun = projected > deadline
        rate = f"{per_day * 7:.1f}".rstrip("0").rstrip(".")
        if will_overrun:
            warnings.append("upw_projected_overrun")
            reasons.append(
                Reason(
                    "s12_projected_overrun",
                    S12,
                    f"At {rate} hours a week the hours would be finished about "
                    f"{format_date(projected)}, after the deadline of {format_date(deadline)}: "
                    "increase the hours (intensive working if unemployed) now.",
                )
            )
        else:
            reasons.append(
                Reason(
                    "s12_on_track",
                    S12,
                    f"At {rate} hours a week the hours will be finished about "
                    f"{format_date(projected)}, before the deadline.",
                )
            )

    late_window_opens = add_months(deadline, -config.late_window_months)
    fraction_left = remaining / ordered
    if late_window_opens <= as_of <= deadline and (
        fraction_left > config.late_window_remaining_fraction
    ):
        warnings.append("upw_behind_near_deadline")
        reasons.append(
            Reason(
                "s12_behind_near_deadline",
                S12,
                f"Less than {config.late_window_months} months to the deadline with "
                f"{fraction_left:.0%} of the hours still to do (more than "
                f"{config.late_window_remaining_fraction:.0%}): prioritise unpaid work.",
            )
        )

    days_left = (deadline - as_of).days
    required = round(remaining / days_left * 7, 1) if days_left > 0 else None
    if required is not None:
        reasons.append(
            Reason(
                "s12_required_pace",
                S12,
                f"Finishing on time needs about {_h(required)} a week from now.",
            )
        )
    flagged = any(code in _OVERRUN_WARNINGS for code in warnings)
    return UpwResult(ordered, credited, remaining, cap, ete_credited, ete_rejected, ete_unused,
                     deadline, projected, will_overrun, required, flagged, tuple(warnings),
                     tuple(reasons))


# --- The ledger in minutes (issue 15) ----------------------------------------------------------
#
# The ledger is what the supervisor's sign-ins and the officer's adjustments add up to, kept in
# whole minutes so that "7 hours 30" never becomes 7.4999 hours. It sums every UPW requirement of
# the person's live orders (additional hours on a new order add to what is owed), credits a
# session only for an outcome that counts as attended (time worked less penalty minutes), caps
# ETE at 20% of the hours ordered and checks every adjustment against its reason's cap (§12).

# Outcomes a supervisor records for a person booked on a session.
ATTENDED = "attended"
SENT_HOME = "sent_home"
FAILED_TO_ATTEND = "failed_to_attend"
ACCEPTABLE_ABSENCE = "acceptable_absence"
UNACCEPTABLE_ABSENCE = "unacceptable_absence"
OUTCOMES = (ATTENDED, SENT_HOME, FAILED_TO_ATTEND, ACCEPTABLE_ABSENCE, UNACCEPTABLE_ABSENCE)
# Time worked before being sent home is still time worked; absences credit nothing.
COUNTS_AS_ATTENDED = frozenset({ATTENDED, SENT_HOME})
ABSENCE_OUTCOMES = frozenset({FAILED_TO_ATTEND, ACCEPTABLE_ABSENCE, UNACCEPTABLE_ABSENCE})


@dataclass(frozen=True, slots=True)
class AdjustmentReason:
    """A row of the adjustment table: which way it may go and the most one adjustment may be."""

    code: str
    label: str
    positive: bool
    negative: bool
    cap_minutes: int
    ete: bool = False


# Desist's table (the doc names travel time and ETE; the caps are Desist's, in UpwConfig's
# spirit: configuration, stated on screen).
ADJUSTMENT_REASONS: dict[str, AdjustmentReason] = {
    r.code: r for r in (
        AdjustmentReason("travel_time", "Travel time to a distant placement", True, False, 180),
        AdjustmentReason("induction", "Induction attended", True, False, 240),
        AdjustmentReason("ete", "Education, training or employment done elsewhere", True, False,
                         60 * 60, ete=True),
        AdjustmentReason("recording_error", "Correcting a recording error", True, True, 8 * 60),
        AdjustmentReason("court_direction", "Directed by the court", True, True, 300 * 60),
    )
}


@dataclass(frozen=True, slots=True)
class SessionCredit:
    """One person's outcome on one session."""

    on: date
    outcome: str
    minutes_worked: int = 0
    penalty_minutes: int = 0
    ete: bool = False


@dataclass(frozen=True, slots=True)
class Adjustment:
    on: date
    reason: str
    minutes: int  # signed: negative takes time off


@dataclass(frozen=True, slots=True)
class LedgerInput:
    hours_ordered: tuple[int, ...]  # one per UPW requirement, additional hours included
    sentence_date: date
    as_of: date
    sessions: tuple[SessionCredit, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()
    deadline_extended_to: date | None = None


@dataclass(frozen=True, slots=True)
class Ledger:
    ordered_minutes: int
    session_minutes: int
    adjustment_minutes: int
    ete_minutes_worked: int
    ete_minutes_credited: int
    ete_cap_minutes: int
    credited_minutes: int
    remaining_minutes: int
    deadline: date
    days_elapsed: int
    projected_completion: date | None
    will_overrun: bool | None
    at_risk: bool
    complete: bool
    warnings: tuple[str, ...]
    reasons: tuple[Reason, ...]

    @property
    def percent_complete(self) -> int:
        return 100 if not self.ordered_minutes else int(
            100 * self.credited_minutes // self.ordered_minutes)

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, date):
                value = value.isoformat()
            elif item.name == "reasons":
                value = [reason.as_dict() for reason in value]
            elif item.name == "warnings":
                value = list(value)
            out[item.name] = value
        out["percent_complete"] = self.percent_complete
        return out


def hm(minutes: int) -> str:
    """Minutes for a sentence: ``7 hours 30 minutes``, ``1 hour``, ``45 minutes``."""
    sign = "minus " if minutes < 0 else ""
    hours, mins = divmod(abs(int(minutes)), 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour" + ("" if hours == 1 else "s"))
    if mins or not hours:
        parts.append(f"{mins} minute" + ("" if mins == 1 else "s"))
    return sign + " ".join(parts)


def _minutes(name: str, value: object, *, signed: bool = False) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or (not signed and value < 0):
        raise RuleInputError(name, "must be a whole number of minutes" +
                             ("" if signed else ", 0 or more"))
    return value


def _validate_ledger(led: LedgerInput, config: UpwConfig) -> None:
    if not led.hours_ordered:
        raise RuleInputError("hours_ordered", "there is no unpaid work requirement")
    for hours in led.hours_ordered:
        if isinstance(hours, bool) or not isinstance(hours, int) or not (
                config.min_hours <= hours <= config.max_hours):
            raise RuleInputError("hours_ordered", f"each requirement must be between "
                                 f"{config.min_hours} and {config.max_hours} hours, not {hours}")
    for name in ("sentence_date", "as_of"):
        if not _is_date(getattr(led, name)):
            raise RuleInputError(name, "must be a date (YYYY-MM-DD)")
    if led.as_of < led.sentence_date:
        raise RuleInputError("as_of", "cannot be before the sentence date")
    for session in led.sessions:
        if session.outcome not in OUTCOMES:
            raise RuleInputError("outcome", f"unknown outcome {session.outcome!r}")
        worked = _minutes("minutes_worked", session.minutes_worked)
        penalty = _minutes("penalty_minutes", session.penalty_minutes)
        if penalty > worked:
            raise RuleInputError("penalty_minutes", "cannot be more than the time worked")
    for adjustment in led.adjustments:
        if adjustment.reason not in ADJUSTMENT_REASONS:
            raise RuleInputError("reason", f"unknown adjustment reason {adjustment.reason!r}")
        _minutes("minutes", adjustment.minutes, signed=True)


def session_credit(session: SessionCredit) -> int:
    """Minutes a session credits: time worked less penalty, only when it counts as attended."""
    if session.outcome not in COUNTS_AS_ATTENDED:
        return 0
    return max(0, session.minutes_worked - session.penalty_minutes)


def ledger(led: LedgerInput, config: UpwConfig = DEFAULT_UPW) -> Ledger:
    """The hours ledger of a person's unpaid work, in minutes, as of a date (§12)."""
    _validate_ledger(led, config)
    ordered = sum(led.hours_ordered) * 60
    cap = int(ordered * config.ete_cap_fraction)
    deadline = led.deadline_extended_to or add_months(led.sentence_date, config.completion_months)
    as_of = led.as_of
    reasons: list[Reason] = []
    warnings: list[str] = []
    if len(led.hours_ordered) > 1:
        reasons.append(Reason("s12_hours_summed", S12, "Hours ordered on each requirement are "
                              "added together: " + " + ".join(f"{h}" for h in led.hours_ordered)
                              + f" = {hm(ordered)}."))
    ete_worked = sum(session_credit(s) for s in led.sessions if s.ete) + sum(
        a.minutes for a in led.adjustments if ADJUSTMENT_REASONS[a.reason].ete)
    other = sum(session_credit(s) for s in led.sessions if not s.ete)
    ete_credited = min(max(ete_worked, 0), cap)
    adjustments = sum(a.minutes for a in led.adjustments if not ADJUSTMENT_REASONS[a.reason].ete)
    if ete_worked > cap:
        warnings.append("upw_ete_over_cap")
        reasons.append(Reason(
            "s12_ete_over_cap", S12,
            f"{hm(ete_worked - cap)} of education, training or employment not credited: at most "
            f"{hm(cap)} ({config.ete_cap_fraction:.0%} of the hours ordered) may be ETE."))
    credited = max(0, min(ordered, other + ete_credited + adjustments))
    remaining = ordered - credited
    elapsed = (as_of - led.sentence_date).days
    reasons.insert(0, Reason(
        "s12_ledger", S12,
        f"{hm(credited)} of {hm(ordered)} credited; {hm(remaining)} to do by "
        f"{format_date(deadline)}" + (" (extended by the court)." if led.deadline_extended_to
                                      else f" ({config.completion_months} months from sentence).")))
    if cap - ete_credited > 0 and remaining > 0:
        reasons.append(Reason(
            "s12_ete_opportunity", S12,
            f"Up to {hm(min(cap - ete_credited, remaining))} more could be spent on education, "
            "training or employment."))
    if remaining == 0:
        reasons.append(Reason("s12_complete", S12, "All the hours ordered have been worked."))
        return Ledger(ordered, other + ete_credited, adjustments, ete_worked, ete_credited, cap,
                      credited, 0, deadline, elapsed, None, False, False, True, tuple(warnings),
                      tuple(reasons))
    projected: date | None = None
    will_overrun: bool | None = None
    if as_of > deadline:
        will_overrun = True
        warnings.append("upw_deadline_passed")
        reasons.append(Reason(
            "s12_deadline_passed", S12,
            f"The deadline of {format_date(deadline)} has passed with {hm(remaining)} still to "
            "do: return to court for an extension or breach."))
    elif elapsed < config.min_days_before_projecting:
        reasons.append(Reason(
            "s12_too_early_to_project", S12,
            f"Sentenced {elapsed} days ago: completion is projected from day "
            f"{config.min_days_before_projecting}."))
    elif credited <= 0:
        will_overrun = True
        warnings.append("upw_projected_overrun")
        reasons.append(Reason(
            "s12_no_hours_worked", S12,
            f"No hours credited in the {elapsed} days since sentence: at this rate the order "
            f"will not be completed by {format_date(deadline)}."))
    else:
        # Whole-minute arithmetic: days = ceil(remaining × elapsed ÷ credited).
        days = -(-remaining * elapsed // credited)
        projected = as_of + timedelta(days=min(days, 36_525))
        will_overrun = projected > deadline
        per_week = hm(credited * 7 // elapsed)
        if will_overrun:
            warnings.append("upw_projected_overrun")
            reasons.append(Reason(
                "s12_projected_overrun", S12,
                f"At {per_week} a week the hours would be finished about "
                f"{format_date(projected)}, after the deadline of {format_date(deadline)}: "
                "increase the hours (intensive working if not in work) now."))
        else:
            reasons.append(Reason(
                "s12_on_track", S12,
                f"At {per_week} a week the hours will be finished about "
                f"{format_date(projected)}, on or before the deadline."))
    late_window_opens = add_months(deadline, -config.late_window_months)
    if late_window_opens <= as_of <= deadline and (
            remaining > ordered * config.late_window_remaining_fraction):
        warnings.append("upw_behind_near_deadline")
        reasons.append(Reason(
            "s12_behind_near_deadline", S12,
            f"Less than {config.late_window_months} months to the deadline with "
            f"{remaining * 100 // ordered}% of the hours still to do (more than "
            f"{config.late_window_remaining_fraction:.0%}): prioritise unpaid work."))
    at_risk = any(code in _OVERRUN_WARNINGS for code in warnings)
    return Ledger(ordered, other + ete_credited, adjustments, ete_worked, ete_credited, cap,
                  credited, remaining, deadline, elapsed, projected, will_overrun, at_risk, False,
                  tuple(warnings), tuple(reasons))


def check_adjustment(current: Ledger, adjustment: Adjustment, *, sentence_date: date,
                     today: date) -> tuple[Reason, ...]:
    """Every reason this adjustment cannot be made (empty when it can), as of ``today`` (§12).

    Never in the future, never before sentence, never more than the reason's cap, never
    crediting beyond what is owed (nor taking off more than is credited); ETE within 20%.
    """
    problems: list[Reason] = []
    reason = ADJUSTMENT_REASONS.get(adjustment.reason)
    if reason is None:
        return (Reason("s12_adjustment_reason", S12, "Choose a reason from the list."),)
    minutes = adjustment.minutes
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes == 0:
        return (Reason("s12_adjustment_minutes", S12,
                       "Enter the time to add or take off, in whole minutes."),)
    if minutes > 0 and not reason.positive:
        problems.append(Reason("s12_adjustment_direction", S12,
                               f"{reason.label} can only take time off."))
    if minutes < 0 and not reason.negative:
        problems.append(Reason("s12_adjustment_direction", S12,
                               f"{reason.label} can only add time."))
    if abs(minutes) > reason.cap_minutes:
        problems.append(Reason(
            "s12_adjustment_over_cap", S12,
            f"{reason.label} is at most {hm(reason.cap_minutes)} for one adjustment; "
            f"{hm(abs(minutes))} is more."))
    if adjustment.on > today:
        problems.append(Reason("s12_adjustment_future", S12,
                               "An adjustment cannot be dated in the future."))
    if adjustment.on < sentence_date:
        problems.append(Reason("s12_adjustment_before_sentence", S12,
                               f"An adjustment cannot be dated before the sentence "
                               f"({format_date(sentence_date)})."))
    if reason.ete and minutes > 0:
        headroom = current.ete_cap_minutes - current.ete_minutes_worked
        if minutes > headroom:
            problems.append(Reason(
                "s12_ete_over_cap", S12,
                f"At most {hm(current.ete_cap_minutes)} (20% of the hours ordered) may be "
                f"education, training or employment; {hm(max(headroom, 0))} is left, so "
                f"{hm(minutes)} is refused."))
    if minutes > 0 and minutes > current.remaining_minutes:
        problems.append(Reason(
            "s12_adjustment_beyond_owed", S12,
            f"Only {hm(current.remaining_minutes)} is still owed: an adjustment cannot credit "
            "more than that."))
    if minutes < 0 and -minutes > current.credited_minutes:
        problems.append(Reason(
            "s12_adjustment_below_zero", S12,
            f"Only {hm(current.credited_minutes)} is credited: no more than that can be taken "
            "off."))
    return tuple(problems)


def ete_headroom(current: Ledger) -> int:
    """Minutes of ETE that may still be credited (0 when the 20% cap is reached)."""
    return max(0, min(current.ete_cap_minutes - current.ete_minutes_worked,
                      current.remaining_minutes))


# --- Placing a person on a session ------------------------------------------------------------

GROUP = "group"
INDIVIDUAL = "individual"
ETE = "ete"
INDUCTION = "induction"
PROJECT_TYPES = (GROUP, INDIVIDUAL, ETE, INDUCTION)


@dataclass(frozen=True, slots=True)
class PlacementFacts:
    """What is known when a person is booked on a session (§12 pre-placement assessment)."""

    project_type: str
    public_facing: bool
    women_only: bool
    capacity: int
    booked: int  # people already booked on the session
    assessed: bool  # a completed pre-placement assessment is on the record
    sex_offender: bool = False
    suitable_group: bool = True
    suitable_individual: bool = True
    is_woman: bool = False
    keep_apart_clash: tuple[str, ...] = ()  # names on the session the person must be kept from
    needs_transport: bool = False
    seats: int | None = None  # seats on the session's transport (None: no transport)
    seats_taken: int = 0
    ete_headroom_minutes: int | None = None  # for an ETE project
    already_booked: bool = False
    intensive: bool = False  # booked as intensive working (several days a week)
    in_work: bool = False  # employed or self-employed
    intensive_agreed: bool = False  # the pre-placement assessment agreed intensive working
    days_booked_that_week: int = 0  # other days in the session's week already booked


# Desist's pace (the doc says only "several days a week for unemployed people"): at most two
# days of unpaid work in a week (Monday to Sunday), or four when working intensively.
STANDARD_DAYS_PER_WEEK = 2
INTENSIVE_DAYS_PER_WEEK = 4


def check_intensive(facts: PlacementFacts) -> tuple[Reason, ...]:
    """Intensive working (§12): several days a week, only for someone not in work and agreed
    at the pre-placement assessment; otherwise at most two days in a week."""
    problems: list[Reason] = []
    if facts.intensive and facts.in_work:
        problems.append(Reason(
            "s12_intensive_in_work", S12, "Intensive working is for people not in work: this "
            "person is in work, so book sessions around their working hours."))
    if facts.intensive and not facts.intensive_agreed:
        problems.append(Reason(
            "s12_intensive_not_agreed", S12, "The pre-placement assessment has not agreed "
            "intensive working: record it on the assessment first."))
    limit = INTENSIVE_DAYS_PER_WEEK if facts.intensive else STANDARD_DAYS_PER_WEEK
    if facts.days_booked_that_week >= limit:
        more = "" if facts.intensive or facts.in_work else (
            " Intensive working (up to "
            f"{INTENSIVE_DAYS_PER_WEEK} days a week) is possible for someone not in work.")
        problems.append(Reason(
            "s12_week_limit", S12,
            f"Already booked on {facts.days_booked_that_week} days that week: at most {limit} "
            + ("when working intensively." if facts.intensive else "without intensive working.")
            + more))
    return tuple(problems)


def check_placement(facts: PlacementFacts) -> tuple[Reason, ...]:
    """Every reason the person cannot be booked on this session (empty when they can)."""
    problems: list[Reason] = []

    def no(code: str, text: str) -> None:
        problems.append(Reason(code, S12, text))

    if facts.project_type not in PROJECT_TYPES:
        raise RuleInputError("project_type", f"unknown project type {facts.project_type!r}")
    if facts.already_booked:
        no("s12_already_booked", "This person is already booked on this session.")
    if not facts.assessed and facts.project_type != INDUCTION:
        no("s12_assessment_needed", "Complete the pre-placement assessment before the first "
           "placement.")
    if facts.sex_offender and facts.public_facing and facts.project_type == GROUP:
        no("s12_sex_offender_public_facing", "A person registered as a sex offender cannot be "
           "placed on a public-facing group project.")
    if facts.assessed and facts.project_type == GROUP and not facts.suitable_group:
        no("s12_unsuitable_group", "The pre-placement assessment found this person unsuitable "
           "for group placements.")
    if facts.assessed and facts.project_type == INDIVIDUAL and not facts.suitable_individual:
        no("s12_unsuitable_individual", "The pre-placement assessment found this person "
           "unsuitable for individual placements.")
    if facts.women_only and not facts.is_woman:
        no("s12_women_only", "This is a women-only placement.")
    if facts.keep_apart_clash:
        no("s12_keep_apart", "Must be kept apart from " + ", ".join(facts.keep_apart_clash) +
           ", who is booked on this session.")
    if facts.booked >= facts.capacity:
        no("s12_session_full", f"The session is full: {facts.capacity} places, all booked.")
    if facts.needs_transport:
        if facts.seats is None:
            no("s12_no_transport", "This session has no transport to book a seat on.")
        elif facts.seats_taken >= facts.seats:
            no("s12_transport_full", f"The transport is full: all {facts.seats} seats are "
               "taken.")
    if facts.project_type == ETE and facts.ete_headroom_minutes is not None and (
            facts.ete_headroom_minutes <= 0):
        no("s12_ete_over_cap", "The 20% limit on education, training and employment is "
           "reached: no more ETE can be credited, so an ETE placement is refused.")
    return tuple(problems) + check_intensive(facts)


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
    every = "every week" if availability == WEEKLY else "every other week"
    reasons = [Reason("s12_series", S12, f"{len(out)} sessions {every} from "
                      f"{format_date(starts_on)} to {format_date(until)}.")]
    if skipped:
        reasons.append(Reason("s12_series_bank_holiday", S12, "No session on the bank "
                              "holidays: " + ", ".join(format_date(d) for d in skipped) + "."))
    return Series(tuple(out), tuple(skipped), tuple(reasons))
