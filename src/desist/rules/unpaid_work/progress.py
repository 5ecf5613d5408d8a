"""Unpaid work: Hours remaining, the ETE cap and completion against the 12-month deadline (§12)."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop
from desist.rules.timescales import add_months

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


def _number(value: float, places: int = 2) -> int | float:
    """A number of hours as a sentence writes it: rounded to ``places`` decimals, whole numbers
    without a decimal point (``7.5``, ``40``)."""
    rounded = round(value, places)
    return int(rounded) if rounded == int(rounded) else rounded


def _hours_said(value: float, places: int = 2) -> Phrase:
    """Hours for a sentence: ``7.5 hours``, ``1 hour``."""
    n = _number(value, places)  # a count of hours may be fractional: 1 alone is singular
    return Phrase.of(gettext_noop("%(n)s hour") if n == 1 else gettext_noop("%(n)s hours"), n=n)


def _h(value: float) -> str:
    """Hours in English words (``_hours_said`` gives them as a phrase to translate)."""
    return _hours_said(value).text


def _percent(fraction: float) -> int:
    """A fraction as a whole percentage, rounded as ``format(fraction, ".0%")`` rounds it."""
    return round(fraction * 100)


def _months(n: int) -> Phrase:
    return Phrase.count(n, gettext_noop("%(n)s month"), gettext_noop("%(n)s months"))


def _too_early(elapsed: int, config: UpwConfig) -> Reason:
    template = gettext_noop(
        "Sentenced %(days)s day ago: completion is projected from day %(from_day)s.") \
        if elapsed == 1 else gettext_noop(
        "Sentenced %(days)s days ago: completion is projected from day %(from_day)s.")
    return Reason.of("s12_too_early_to_project", S12, template, days=elapsed,
                     from_day=config.min_days_before_projecting)


def _nothing_credited(elapsed: int, deadline: date) -> Reason:
    template = gettext_noop(
        "No hours credited in the %(days)s day since sentence: at this rate the order will not "
        "be completed by %(deadline)s.") if elapsed == 1 else gettext_noop(
        "No hours credited in the %(days)s days since sentence: at this rate the order will not "
        "be completed by %(deadline)s.")
    return Reason.of("s12_no_hours_worked", S12, template, days=elapsed, deadline=deadline)


def _behind(percent_left: int, config: UpwConfig) -> Reason:
    return Reason.of("s12_behind_near_deadline", S12, gettext_noop(
        "Less than %(months)s to the deadline with %(left)s%% of the hours still to do (more "
        "than %(limit)s%%): prioritise unpaid work."),
        months=_months(config.late_window_months), left=percent_left,
        limit=_percent(config.late_window_remaining_fraction))


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
        Reason.of(
            "s12_hours",
            S12,
            gettext_noop("%(credited)s of %(ordered)s credited; %(remaining)s to do by "
                         "%(deadline)s (extended by the court).") if upw.deadline_extended_to
            else gettext_noop("%(credited)s of %(ordered)s credited; %(remaining)s to do by "
                              "%(deadline)s (%(months)s from sentence)."),
            credited=_number(credited), ordered=_hours_said(ordered), remaining=_hours_said(remaining),
            deadline=deadline, months=_months(config.completion_months),
        )
    ]
    warnings: list[str] = []
    if ete_rejected > 0:
        warnings.append("upw_ete_over_cap")
        reasons.append(
            Reason.of(
                "s12_ete_over_cap",
                S12,
                gettext_noop("%(over)s of ETE not credited: at most %(cap)s (%(percent)s%% of "
                             "the hours ordered) may be ETE."),
                over=_hours_said(ete_rejected), cap=_hours_said(cap),
                percent=_percent(config.ete_cap_fraction),
            )
        )
    if ete_unused > 0:
        reasons.append(
            Reason.of(
                "s12_ete_opportunity",
                S12,
                gettext_noop("Up to %(more)s more could be spent on education, training or "
                             "employment."),
                more=_hours_said(ete_unused),
            )
        )

    if remaining <= 0:
        reasons.append(Reason.of("s12_complete", S12,
                                 gettext_noop("All the hours ordered have been worked.")))
        return UpwResult(ordered, credited, 0.0, cap, ete_credited, ete_rejected, 0.0, deadline,
                         None, False, None, False, tuple(warnings), tuple(reasons))

    elapsed = (as_of - upw.sentence_date).days
    projected: date | None = None
    will_overrun: bool | None = None
    if as_of > deadline:
        will_overrun = True
        warnings.append("upw_deadline_passed")
        reasons.append(
            Reason.of(
                "s12_deadline_passed",
                S12,
                gettext_noop("The deadline of %(deadline)s has passed with %(remaining)s still "
                             "to do: return to court for an extension or breach."),
                deadline=deadline, remaining=_hours_said(remaining),
            )
        )
    elif elapsed < config.min_days_before_projecting:
        reasons.append(_too_early(elapsed, config))
    elif credited <= 0:
        will_overrun = True
        warnings.append("upw_projected_overrun")
        reasons.append(_nothing_credited(elapsed, deadline))
    else:
        per_day = credited / elapsed
        # A trickle of hours would put the date past the calendar's end; a century is
        # already "never" for a 12-month order, so cap there.
        projected = as_of + timedelta(days=min(math.ceil(remaining / per_day), 36_525))
        will_overrun = projected > deadline
        rate = _hours_said(per_day * 7, places=1)
        if will_overrun:
            warnings.append("upw_projected_overrun")
            reasons.append(
                Reason.of(
                    "s12_projected_overrun",
                    S12,
                    gettext_noop("At %(rate)s a week the hours would be finished about "
                                 "%(projected)s, after the deadline of %(deadline)s: increase "
                                 "the hours (intensive working if unemployed) now."),
                    rate=rate, projected=projected, deadline=deadline,
                )
            )
        else:
            reasons.append(
                Reason.of(
                    "s12_on_track",
                    S12,
                    gettext_noop("At %(rate)s a week the hours will be finished about "
                                 "%(projected)s, before the deadline."),
                    rate=rate, projected=projected,
                )
            )

    late_window_opens = add_months(deadline, -config.late_window_months)
    fraction_left = remaining / ordered
    if late_window_opens <= as_of <= deadline and (
        fraction_left > config.late_window_remaining_fraction
    ):
        warnings.append("upw_behind_near_deadline")
        reasons.append(_behind(_percent(fraction_left), config))

    days_left = (deadline - as_of).days
    required = round(remaining / days_left * 7, 1) if days_left > 0 else None
    if required is not None:
        reasons.append(
            Reason.of(
                "s12_required_pace",
                S12,
                gettext_noop("Finishing on time needs about %(pace)s a week from now."),
                pace=_hours_said(required),
            )
        )
    flagged = any(code in _OVERRUN_WARNINGS for code in warnings)
    return UpwResult(ordered, credited, remaining, cap, ete_credited, ete_rejected, ete_unused,
                     deadline, projected, will_overrun, required, flagged, tuple(warnings),
                     tuple(reasons))
