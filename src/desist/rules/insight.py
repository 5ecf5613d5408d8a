"""Performance and strategic needs (``operating-model.md`` §17; failure catalogue F15).

Pure computations behind the managers' insight pages: contract service levels as configuration
with their defaults, percentages against target, timeliness of each step against the deadlines of
:mod:`desist.rules.timescales`, the outcome of a sentence, whether an assessed need had
interventions delivered sufficiently, and the suppression of small counts in equality figures.
Every result carries its reasons, citing the section of the domain document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from desist.rules import timescales
from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop

S17 = "operating-model.md §17"

# Contract service levels (§17: "configurable; examples from the reports").
CO_SSO_COMPLETION = "co_sso_completion"
LICENCE_PSS_COMPLETION = "licence_pss_completion"
UPW_COMPLETION = "upw_completion"
RESETTLEMENT_ON_TIME = "resettlement_on_time"
SERVICE_LEVELS: tuple[str, ...] = (
    CO_SSO_COMPLETION, LICENCE_PSS_COMPLETION, UPW_COMPLETION, RESETTLEMENT_ON_TIME,
)
DEFAULT_TARGETS: dict[str, int] = {
    CO_SSO_COMPLETION: 75,
    LICENCE_PSS_COMPLETION: 65,
    UPW_COMPLETION: 90,
    RESETTLEMENT_ON_TIME: 95,
}
SERVICE_LEVEL_TEXT: dict[str, str] = {
    CO_SSO_COMPLETION: gettext_noop(
        "community orders and suspended sentence orders completed successfully"),
    LICENCE_PSS_COMPLETION: gettext_noop(
        "licences and post-sentence supervision completed successfully"),
    UPW_COMPLETION: gettext_noop("unpaid work requirements completed"),
    RESETTLEMENT_ON_TIME: gettext_noop("resettlement plans completed on time"),
}

# Timeliness (§3, §8, §11, §14, reported under §17).
TIMELINESS: tuple[str, ...] = (
    "assignment", "first_appointment", "induction", "plan", "review", "breach_action",
)
TIMELINESS_SOURCE: dict[str, str] = {
    "assignment": "operating-model.md §3 (assignment within 1 working day of arrival)",
    "first_appointment": "operating-model.md §3 (first appointment within 5 working days)",
    "induction": "operating-model.md §3, §5 (induction is the first appointment: 5 working days)",
    "plan": "operating-model.md §8 (initial plan within 15 working days)",
    "review": "operating-model.md §14 (review at the set interval after the plan)",
    "breach_action": "operating-model.md §11 (breach or recall started within its timescale)",
}

# Counts below this are not shown in equality figures (the suppression rule).
SUPPRESS_BELOW = 5

# Sentence outcomes.
ONGOING = "ongoing"
SUCCESSFUL = "successful"
UNSUCCESSFUL = "unsuccessful"
UNSUCCESSFUL_BREACH_OUTCOMES = frozenset({"revoked", "recalled"})
# Each in words, marked for translation (a reason lists them).
_BREACH_OUTCOME = {"recalled": Phrase.of(gettext_noop("recalled")),
                   "revoked": Phrase.of(gettext_noop("revoked"))}


@dataclass(frozen=True, slots=True)
class Percentage:
    """``met`` of ``total`` as a whole-number-rounded percentage against an optional target."""

    met: int
    total: int
    percent: float | None
    target: int | None
    meets_target: bool | None
    reasons: tuple[Reason, ...]


def _check_count(name: str, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RuleInputError(name, "must be a whole number, 0 or more")
    return value


def percent(met: int, total: int) -> float | None:
    """``met`` as a percentage of ``total`` to one decimal place; None when nothing was counted."""
    _check_count("met", met)
    _check_count("total", total)
    if met > total:
        raise RuleInputError("met", "cannot be more than the total")
    return None if total == 0 else round(100 * met / total, 1)


def against_target(measure: str, met: int, total: int, target: int | None = None) -> Percentage:
    """A service level: the percentage met and whether it reaches the target (§17)."""
    if measure not in SERVICE_LEVELS:
        raise RuleInputError("measure", f"is not a service level: {measure!r}")
    target = DEFAULT_TARGETS[measure] if target is None else target
    if not isinstance(target, int) or isinstance(target, bool) or not 0 <= target <= 100:
        raise RuleInputError("target", "must be a whole percentage from 0 to 100")
    value = percent(met, total)
    what = Phrase.of(SERVICE_LEVEL_TEXT[measure])
    if value is None:
        return Percentage(met, total, None, target, None, (Reason.of(
            f"s17_{measure}_none", S17,
            gettext_noop("No cases were due in the period: %(what)s is not measured"),
            what=what),))
    meets = value >= target
    said = gettext_noop(
        "%(met)s of %(total)s %(what)s (%(percent)s%%) meets the target of %(target)s%%") \
        if meets else gettext_noop(
            "%(met)s of %(total)s %(what)s (%(percent)s%%) is below the target of %(target)s%%")
    return Percentage(met, total, value, target, meets, (Reason.of(
        f"s17_{measure}_{'met' if meets else 'missed'}", S17, said,
        met=met, total=total, what=what, percent=value, target=target),))


def validate_target(value: object) -> int:
    """A configured target: a whole percentage from 0 to 100."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        raise RuleInputError("target", "must be a whole percentage from 0 to 100")
    return value


# ---------------------------------------------------------------------------------------------
# Timeliness
# ---------------------------------------------------------------------------------------------

ON_TIME = "on_time"
LATE = "late"
OVERDUE = "overdue"  # not done and past its due date: counted as not on time
PENDING = "pending"  # not done and not yet due: not counted


@dataclass(frozen=True, slots=True)
class Timeliness:
    measure: str
    start: date
    due: date
    done: date | None
    status: str
    working_days: int | None  # start to done, when done
    reasons: tuple[Reason, ...]

    @property
    def counted(self) -> bool:
        return self.status != PENDING

    @property
    def on_time(self) -> bool:
        return self.status == ON_TIME


def timeliness(measure: str, start: date, due: date, done: date | None, today: date,
               calendar: timescales.WorkingCalendar | None = None) -> Timeliness:
    """Whether a step was done by its due date (the due date itself is in time)."""
    if measure not in TIMELINESS:
        raise RuleInputError("measure", f"is not a timeliness measure: {measure!r}")
    calendar = calendar or timescales.DEFAULT_CALENDAR
    source = TIMELINESS_SOURCE[measure]
    # Dates are given as ISO strings: ``text`` has always written them so (figures exported
    # from it), and pages read an ISO date parameter as a date, in the reader's language.
    if done is None:
        if today > due:
            return Timeliness(measure, start, due, None, OVERDUE, None, (Reason.of(
                f"s17_{measure}_overdue", source, gettext_noop("Not done and due on %(due)s"),
                due=due.isoformat()),))
        return Timeliness(measure, start, due, None, PENDING, None, (Reason.of(
            f"s17_{measure}_pending", source, gettext_noop("Not yet due: due on %(due)s"),
            due=due.isoformat()),))
    days = calendar.working_days_between(start, done) if done >= start else 0
    if done <= due:
        return Timeliness(measure, start, due, done, ON_TIME, days, (Reason.of(
            f"s17_{measure}_on_time", source,
            gettext_noop("Done on %(done)s, by the due date %(due)s"),
            done=done.isoformat(), due=due.isoformat()),))
    return Timeliness(measure, start, due, done, LATE, days, (Reason.of(
        f"s17_{measure}_late", source,
        gettext_noop("Done on %(done)s, after the due date %(due)s"),
        done=done.isoformat(), due=due.isoformat()),))


def median(values: Iterable[float]) -> float | None:
    """The middle value (mean of the two middle values for an even count); None if empty."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return None
    mid = n // 2
    return float(ordered[mid]) if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def median_of_counts(counts: dict[int, int]) -> float | None:
    """The median of values given as ``{value: how many}`` (a histogram): the same as
    :func:`median` of the values listed out, without listing them."""
    for how_many in counts.values():
        _check_count("count", how_many)
    n = sum(counts.values())
    if n == 0:
        return None
    wanted = (n // 2,) if n % 2 else (n // 2 - 1, n // 2)  # 0-based positions in order
    found: list[float] = []
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        while len(found) < len(wanted) and wanted[len(found)] < seen:
            found.append(float(value))
    return found[0] if len(found) == 1 else (found[0] + found[1]) / 2


# ---------------------------------------------------------------------------------------------
# Sentence outcome
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outcome:
    outcome: str
    ended_on: date | None
    reasons: tuple[Reason, ...]


def sentence_outcome(*, end: date, terminated_on: date | None, breach_outcomes: Iterable[str],
                     today: date) -> Outcome:
    """Successful completion (§17): the sentence ran to its end without being revoked or the
    person recalled. Terminated early, revoked or recalled is unsuccessful; not ended is ongoing.
    """
    bad = sorted(set(breach_outcomes) & UNSUCCESSFUL_BREACH_OUTCOMES)
    if terminated_on is not None and terminated_on <= today:
        return Outcome(UNSUCCESSFUL, terminated_on, (Reason.of(
            "s17_terminated", S17, gettext_noop("Ended early on %(on)s"),
            on=terminated_on.isoformat()),))
    if bad:
        return Outcome(UNSUCCESSFUL, min(end, today), (Reason.of(
            "s17_revoked_or_recalled", S17,
            gettext_noop("Ended by the court or by recall: %(outcomes)s"),
            outcomes=tuple(_BREACH_OUTCOME[o] for o in bad)),))
    if end <= today:
        return Outcome(SUCCESSFUL, end, (Reason.of(
            "s17_completed", S17, gettext_noop("Ran to its end on %(on)s"),
            on=end.isoformat()),))
    return Outcome(ONGOING, None, (Reason.of("s17_ongoing", S17,
                                             gettext_noop("Not yet ended")),))


# ---------------------------------------------------------------------------------------------
# Needs against delivery
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NeedDelivery:
    delivered: bool
    reasons: tuple[Reason, ...]


def need_delivered(*, addressed_in_plan: bool, interventions_delivered: int) -> NeedDelivery:
    """"Interventions delivered sufficiently" for one assessed need (§17, F15).

    As the inspectors count it: the need is addressed by an objective of the plan (§8) and the
    services meant to meet it have been delivered: at least one intervention completed, or
    started with a session attended.
    """
    _check_count("interventions_delivered", interventions_delivered)
    if not addressed_in_plan:
        return NeedDelivery(False, (Reason.of(
            "s17_need_not_in_plan", "operating-model.md §8, §17",
            gettext_noop("No objective of the plan addresses this need")),))
    if interventions_delivered == 0:
        return NeedDelivery(False, (Reason.of(
            "s17_need_no_delivery", S17,
            gettext_noop("Addressed in the plan but no intervention delivered")),))
    return NeedDelivery(True, (Reason.of(
        "s17_need_delivered", S17,
        gettext_noop("Addressed in the plan and %(n)s intervention(s) delivered"),
        n=interventions_delivered),))


# ---------------------------------------------------------------------------------------------
# Suppression of small counts (equality monitoring)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Shown:
    """A figure as published: the count and rate, or suppressed (both None) with a reason."""

    count: int | None
    rate: float | None
    suppressed: bool
    reasons: tuple[Reason, ...]


def suppress(count: int, total: int) -> Shown:
    """``count`` of ``total`` for publication: a count of 1 to 4, or a group of fewer than 5,
    is suppressed so a person cannot be identified (§17 equality monitoring). Zero is shown.
    """
    _check_count("count", count)
    _check_count("total", total)
    if count > total:
        raise RuleInputError("count", "cannot be more than the total")
    if total < SUPPRESS_BELOW:
        return Shown(None, None, True, (Reason.of(
            "s17_group_too_small", S17, gettext_noop("Fewer than %(n)s cases in the group"),
            n=SUPPRESS_BELOW),))
    if 0 < count < SUPPRESS_BELOW:
        return Shown(None, None, True, (Reason.of(
            "s17_count_too_small", S17, gettext_noop("Fewer than %(n)s cases: not shown"),
            n=SUPPRESS_BELOW),))
    return Shown(count, percent(count, total), False, ())
