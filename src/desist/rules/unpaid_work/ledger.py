"""Unpaid work: The hours ledger in minutes: sessions credited, adjustments capped, ETE at 20% (§12)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, timedelta
from functools import lru_cache

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop
from desist.rules.timescales import add_months

from .progress import (
    _OVERRUN_WARNINGS,
    DEFAULT_UPW,
    S12,
    UpwConfig,
    _behind,
    _is_date,
    _months,
    _nothing_credited,
    _percent,
    _too_early,
)

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
        AdjustmentReason("travel_time", gettext_noop("Travel time to a distant placement"), True,
                         False, 180),
        AdjustmentReason("induction", gettext_noop("Induction attended"), True, False, 240),
        AdjustmentReason("ete", gettext_noop("Education, training or employment done elsewhere"),
                         True, False, 60 * 60, ete=True),
        AdjustmentReason("recording_error", gettext_noop("Correcting a recording error"), True,
                         True, 8 * 60),
        AdjustmentReason("court_direction", gettext_noop("Directed by the court"), True, True,
                         300 * 60),
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


@lru_cache(maxsize=4096)  # a Phrase is immutable; the batch says the same lengths many times
def duration(minutes: int) -> Phrase:
    """Minutes for a sentence: ``7 hours 30 minutes``, ``1 hour``, ``45 minutes``, each count
    said in the singular or plural as a whole phrase (ADR 0016)."""
    hours, mins = divmod(abs(int(minutes)), 60)
    hour_words = Phrase.count(hours, gettext_noop("%(n)s hour"), gettext_noop("%(n)s hours"))
    minute_words = Phrase.count(mins, gettext_noop("%(n)s minute"),
                                gettext_noop("%(n)s minutes"))
    if hours and mins:
        said = Phrase.of(gettext_noop("%(hours)s %(minutes)s"), hours=hour_words,
                         minutes=minute_words)
    else:
        said = hour_words if hours else minute_words
    return Phrase.of(gettext_noop("minus %(time)s"), time=said) if minutes < 0 else said


def hm(minutes: int) -> str:
    """Minutes for a sentence in English (pages and forms that are not a reason)."""
    return duration(minutes).text


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
        reasons.append(Reason.of("s12_hours_summed", S12, gettext_noop(
            "Hours ordered on each requirement are added together: %(sum)s = %(total)s."),
            sum=" + ".join(str(h) for h in led.hours_ordered), total=duration(ordered)))
    ete_worked = sum(session_credit(s) for s in led.sessions if s.ete) + sum(
        a.minutes for a in led.adjustments if ADJUSTMENT_REASONS[a.reason].ete)
    other = sum(session_credit(s) for s in led.sessions if not s.ete)
    ete_credited = min(max(ete_worked, 0), cap)
    adjustments = sum(a.minutes for a in led.adjustments if not ADJUSTMENT_REASONS[a.reason].ete)
    if ete_worked > cap:
        warnings.append("upw_ete_over_cap")
        reasons.append(Reason.of(
            "s12_ete_over_cap", S12, gettext_noop(
                "%(over)s of education, training or employment not credited: at most %(cap)s "
                "(%(percent)s%% of the hours ordered) may be ETE."),
            over=duration(ete_worked - cap), cap=duration(cap),
            percent=_percent(config.ete_cap_fraction)))
    credited = max(0, min(ordered, other + ete_credited + adjustments))
    remaining = ordered - credited
    elapsed = (as_of - led.sentence_date).days
    reasons.insert(0, Reason.of(
        "s12_ledger", S12, gettext_noop(
            "%(credited)s of %(ordered)s credited; %(remaining)s to do by %(deadline)s "
            "(extended by the court).") if led.deadline_extended_to else gettext_noop(
            "%(credited)s of %(ordered)s credited; %(remaining)s to do by %(deadline)s "
            "(%(months)s from sentence)."),
        credited=duration(credited), ordered=duration(ordered), remaining=duration(remaining),
        deadline=deadline, months=_months(config.completion_months)))
    if cap - ete_credited > 0 and remaining > 0:
        reasons.append(Reason.of(
            "s12_ete_opportunity", S12, gettext_noop(
                "Up to %(more)s more could be spent on education, training or employment."),
            more=duration(min(cap - ete_credited, remaining))))
    if remaining == 0:
        reasons.append(Reason.of("s12_complete", S12,
                                 gettext_noop("All the hours ordered have been worked.")))
        return Ledger(ordered, other + ete_credited, adjustments, ete_worked, ete_credited, cap,
                      credited, 0, deadline, elapsed, None, False, False, True, tuple(warnings),
                      tuple(reasons))
    projected: date | None = None
    will_overrun: bool | None = None
    if as_of > deadline:
        will_overrun = True
        warnings.append("upw_deadline_passed")
        reasons.append(Reason.of(
            "s12_deadline_passed", S12, gettext_noop(
                "The deadline of %(deadline)s has passed with %(remaining)s still to do: return "
                "to court for an extension or breach."),
            deadline=deadline, remaining=duration(remaining)))
    elif elapsed < config.min_days_before_projecting:
        reasons.append(_too_early(elapsed, config))
    elif credited <= 0:
        will_overrun = True
        warnings.append("upw_projected_overrun")
        reasons.append(_nothing_credited(elapsed, deadline))
    else:
        # Whole-minute arithmetic: days = ceil(remaining × elapsed ÷ credited).
        days = -(-remaining * elapsed // credited)
        projected = as_of + timedelta(days=min(days, 36_525))
        will_overrun = projected > deadline
        per_week = duration(credited * 7 // elapsed)
        if will_overrun:
            warnings.append("upw_projected_overrun")
            reasons.append(Reason.of(
                "s12_projected_overrun", S12, gettext_noop(
                    "At %(rate)s a week the hours would be finished about %(projected)s, after "
                    "the deadline of %(deadline)s: increase the hours (intensive working if not "
                    "in work) now."),
                rate=per_week, projected=projected, deadline=deadline))
        else:
            reasons.append(Reason.of(
                "s12_on_track", S12, gettext_noop(
                    "At %(rate)s a week the hours will be finished about %(projected)s, on or "
                    "before the deadline."),
                rate=per_week, projected=projected))
    late_window_opens = add_months(deadline, -config.late_window_months)
    if late_window_opens <= as_of <= deadline and (
            remaining > ordered * config.late_window_remaining_fraction):
        warnings.append("upw_behind_near_deadline")
        reasons.append(_behind(remaining * 100 // ordered, config))
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
        return (Reason.of("s12_adjustment_reason", S12,
                          gettext_noop("Choose a reason from the list.")),)
    minutes = adjustment.minutes
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes == 0:
        return (Reason.of("s12_adjustment_minutes", S12,
                          gettext_noop("Enter the time to add or take off, in whole minutes.")),)
    if minutes > 0 and not reason.positive:
        problems.append(Reason.of("s12_adjustment_direction", S12,
                                  gettext_noop("%(reason)s can only take time off."),
                                  reason=Phrase.of(reason.label)))
    if minutes < 0 and not reason.negative:
        problems.append(Reason.of("s12_adjustment_direction", S12,
                                  gettext_noop("%(reason)s can only add time."),
                                  reason=Phrase.of(reason.label)))
    if abs(minutes) > reason.cap_minutes:
        problems.append(Reason.of(
            "s12_adjustment_over_cap", S12, gettext_noop(
                "%(reason)s is at most %(cap)s for one adjustment; %(asked)s is more."),
            reason=Phrase.of(reason.label), cap=duration(reason.cap_minutes),
            asked=duration(abs(minutes))))
    if adjustment.on > today:
        problems.append(Reason.of("s12_adjustment_future", S12,
                                  gettext_noop("An adjustment cannot be dated in the future.")))
    if adjustment.on < sentence_date:
        problems.append(Reason.of("s12_adjustment_before_sentence", S12, gettext_noop(
            "An adjustment cannot be dated before the sentence (%(sentenced)s)."),
            sentenced=sentence_date))
    if reason.ete and minutes > 0:
        headroom = current.ete_cap_minutes - current.ete_minutes_worked
        if minutes > headroom:
            problems.append(Reason.of(
                "s12_ete_over_cap", S12, gettext_noop(
                    "At most %(cap)s (20%% of the hours ordered) may be education, training or "
                    "employment; %(left)s is left, so %(asked)s is refused."),
                cap=duration(current.ete_cap_minutes), left=duration(max(headroom, 0)),
                asked=duration(minutes)))
    if minutes > 0 and minutes > current.remaining_minutes:
        problems.append(Reason.of(
            "s12_adjustment_beyond_owed", S12, gettext_noop(
                "Only %(owed)s is still owed: an adjustment cannot credit more than that."),
            owed=duration(current.remaining_minutes)))
    if minutes < 0 and -minutes > current.credited_minutes:
        problems.append(Reason.of(
            "s12_adjustment_below_zero", S12, gettext_noop(
                "Only %(credited)s is credited: no more than that can be taken off."),
            credited=duration(current.credited_minutes)))
    return tuple(problems)


def ete_headroom(current: Ledger) -> int:
    """Minutes of ETE that may still be credited (0 when the 20% cap is reached)."""
    return max(0, min(current.ete_cap_minutes - current.ete_minutes_worked,
                      current.remaining_minutes))
