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
from desist.rules.reasons import LongDate, Phrase, Reason, gettext_noop

SECTION = "operating-model.md §16"

#: Reasons for a reduction, in words. ``other`` needs its own words.
REDUCTION_REASONS = {
    "trainee": gettext_noop("trainee year"),
    "newly_qualified": gettext_noop("newly qualified officer"),
    "maternity": gettext_noop("maternity, paternity or adoption leave"),
    "union_duties": gettext_noop("union duties"),
    "phased_return": gettext_noop("phased return to work"),
    "other": gettext_noop("other"),
}

#: Usual percentages, offered as a hint (an administrator enters the figure that applies):
#: a trainee 80% / 60% / 40% by year, newly qualified 20% for about 9 months, maternity 100%.
USUAL_PERCENT = {"trainee": "80%, 60% or 40% by year", "newly_qualified": "20%",
                 "maternity": "100%"}


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

    @property
    def said(self) -> Phrase | str:
        """What it is for, as a reason's parameter: a listed reason in words to translate; the
        words an administrator typed for "other", shown as written."""
        if self.reason == "other":
            return self.other.strip()
        return Phrase.of(REDUCTION_REASONS[self.reason])

    def in_force_reason(self) -> Reason:
        if self.ends_on is None:
            return Reason.of(
                "s16_reduction_in_force", SECTION,
                gettext_noop("Reduction for %(label)s: %(percent)g%% of contracted hours, from "
                             "%(start)s with no end date."),
                label=self.said, percent=self.percent, start=LongDate.of(self.starts_on))
        return Reason.of(
            "s16_reduction_in_force", SECTION,
            gettext_noop("Reduction for %(label)s: %(percent)g%% of contracted hours, from "
                         "%(start)s to %(end)s."),
            label=self.said, percent=self.percent, start=LongDate.of(self.starts_on),
            end=LongDate.of(self.ends_on))

    def describe(self) -> str:
        return self.in_force_reason().text


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
            reasons.append(reduction.in_force_reason())
        elif reduction.starts_on > on:
            reasons.append(Reason.of(
                "s16_reduction_not_started", SECTION,
                gettext_noop("Not counted on %(on)s: the reduction for %(label)s starts on "
                             "%(start)s."),
                on=LongDate.of(on), label=reduction.said, start=LongDate.of(reduction.starts_on)))
        else:
            reasons.append(Reason.of(
                "s16_reduction_ended", SECTION,
                gettext_noop("Not counted on %(on)s: the reduction for %(label)s ended on "
                             "%(end)s."),
                on=LongDate.of(on), label=reduction.said,
                end=LongDate.of(reduction.ends_on)))  # type: ignore[arg-type]
    total = round(sum(r.percent for r in counted), 2)
    if total > 100:
        reasons.append(Reason.of(
            "s16_reductions_capped", SECTION,
            gettext_noop("The reductions in force add up to %(total)g%%; no more than all of the "
                         "hours can be taken off, so 100%% is counted."),
            total=total))
        total = 100.0
    return ReductionsInForce(tuple(counted), total, tuple(reasons))
