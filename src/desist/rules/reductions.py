"""Workload reductions: the share of an officer's contracted hours not available for cases
(operating-model.md §16; the workforce tools' shape, ``reference/peers.md``).

A reduction is a percentage of contracted hours, for a reason (a trainee year, newly qualified,
maternity, union duties, a phased return, or another reason in words), over a date range. The
range includes both ends: a reduction ending on 31 March still applies on 31 March and no longer
on 1 April; one starting tomorrow does not apply today. A reduction with no end applies until it
is ended. Only reductions in force on the day counted make a difference (`in_force`).

Reductions in force at the same time add up; more than 100% in total is counted as 100% (an
officer on maternity leave who also has union duties recorded has no hours, not fewer than none).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason

SECTION = "operating-model.md §16"

#: Reasons for a reduction, in words. ``other`` needs its own words.
REDUCTION_REASONS = {
    "trainee": "trainee year",
    "newly_qualified": "newly qualified officer",
    "maternity": "maternity, paternity or adoption leave",
    "union_duties": "union duties",
    "phased_return": "phased return to work",
    "other": "other",
}

#: Usual percentages, offered as a hint (an administrator enters the figure that applies):
#: a trainee 80% / 60% / 40% by year, newly qualified 20% for about 9 months, maternity 100%.
USUAL_PERCENT = {"trainee": "80%, 60% or 40% by year", "newly_qualified": "20%",
                 "maternity": "100%"}


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True, slots=True)
class Reduction:
    """A percentage of contracted hours taken off for ``reason`` from ``starts_on`` to
    ``ends_on`` (both included; ``None``: until ended)."""

    reason: str
    percent: float
    starts_on: dt.date
    ends_on: dt.date | None = None
    other: str = ""  # the reason in words when ``reason`` is "other"

    def __post_init__(self) -> None:
        if self.reason not in REDUCTION_REASONS:
            raise RuleInputError(
                "reason", f"must be one of {', '.join(REDUCTION_REASONS)}, not {self.reason!r}")
        if self.reason == "other" and not self.other.strip():
            raise RuleInputError("other", "say what the reduction is for")
        percent = self.percent
        if not isinstance(percent, int | float) or isinstance(percent, bool) \
                or not 0 < percent <= 100:
            raise RuleInputError("percent", "must be more than 0 and at most 100")
        if not isinstance(self.starts_on, dt.date):
            raise RuleInputError("starts_on", "must be a date")
        if self.ends_on is not None and (not isinstance(self.ends_on, dt.date)
                                         or self.ends_on < self.starts_on):
            raise RuleInputError("ends_on", "must be a date on or after the start")

    @property
    def label(self) -> str:
        return self.other.strip() if self.reason == "other" else REDUCTION_REASONS[self.reason]

    def in_force(self, on: dt.date) -> bool:
        return self.starts_on <= on and (self.ends_on is None or on <= self.ends_on)

    def describe(self) -> str:
        until = f" to {long_date(self.ends_on)}" if self.ends_on else " with no end date"
        return (f"Reduction for {self.label}: {self.percent:g}% of contracted hours, "
                f"from {long_date(self.starts_on)}{until}.")


@dataclass(frozen=True, slots=True)
class ReductionsInForce:
    reductions: tuple[Reduction, ...]  # those in force on the day, in the order given
    percent: float  # their total, at most 100
    reasons: tuple[Reason, ...]


def in_force(reductions: Iterable[Reduction], on: dt.date) -> ReductionsInForce:
    """The reductions that apply on ``on`` and their total percentage (at most 100), with a
    reason for each one counted and for each one recorded but not in force that day."""
    if not isinstance(on, dt.date):
        raise RuleInputError("on", "must be a date")
    counted, reasons = [], []
    for reduction in reductions:
        if not isinstance(reduction, Reduction):
            raise RuleInputError("reductions", "each reduction must be a Reduction")
        if reduction.in_force(on):
            counted.append(reduction)
            reasons.append(Reason("s16_reduction_in_force", SECTION, reduction.describe()))
        elif reduction.starts_on > on:
            reasons.append(Reason(
                "s16_reduction_not_started", SECTION,
                f"Not counted on {long_date(on)}: the reduction for {reduction.label} starts on "
                f"{long_date(reduction.starts_on)}."))
        else:
            reasons.append(Reason(
                "s16_reduction_ended", SECTION,
                f"Not counted on {long_date(on)}: the reduction for {reduction.label} ended on "
                f"{long_date(reduction.ends_on)}."))  # type: ignore[arg-type]
    total = round(sum(r.percent for r in counted), 2)
    if total > 100:
        reasons.append(Reason(
            "s16_reductions_capped", SECTION,
            f"The reductions in force add up to {total:g}%; no more than all of the hours can "
            "be taken off, so 100% is counted."))
        total = 100.0
    return ReductionsInForce(tuple(counted), total, tuple(reasons))
