"""Unpaid work: when an order becomes at risk, and its projected completion, from its totals (§12).

The ledger (``ledger.ledger``) answers "is this order at risk as of this date?" from every
session and adjustment. Between two writes the totals stay put while the date moves on, and the
answer then changes only once: an order with hours to do is at risk from one day onwards
(the day its rate projects past the deadline, the day the 3-month window opens with more than
25% to do, or the day after the deadline, whichever comes first) until something is credited.
``at_risk_from`` names that day, so a summary row kept at each write can say "at risk" for any
date by one comparison; ``projected_completion`` gives the ledger's projection from the totals.
Both agree with ``ledger`` for every date (tests/unpaid_work/test_summary.py checks it day by day).
"""

from __future__ import annotations

from datetime import date, timedelta

from desist.rules.timescales import add_months

from .ledger import Ledger
from .progress import DEFAULT_UPW, UpwConfig

# The ledger's projection never reaches further than a century ("never" for a 12-month order).
MAX_PROJECTION_DAYS = 36_525


def at_risk_from(sentence_date: date, result: Ledger, config: UpwConfig = DEFAULT_UPW) -> date | None:
    """The first day on which ``result`` (the ledger of an order sentenced on ``sentence_date``)
    is at risk of overrunning, if nothing more is credited; None when the hours are done.

    The rate projection overruns from the first day ``d`` (``d`` days after sentence, from day
    28) with ``ceil(remaining × d ÷ credited) > deadline − sentence − d``, that is
    ``d × ordered > (deadline − sentence) × credited``; with nothing credited, from day 28.
    """
    if result.complete:
        return None
    span = (result.deadline - sentence_date).days
    projection_day = max(config.min_days_before_projecting,
                         span * result.credited_minutes // result.ordered_minutes + 1)
    days = [sentence_date + timedelta(days=projection_day), result.deadline + timedelta(days=1)]
    if result.remaining_minutes > result.ordered_minutes * config.late_window_remaining_fraction:
        days.append(add_months(result.deadline, -config.late_window_months))
    return min(days)


def projected_completion(*, sentence_date: date, deadline: date, credited_minutes: int,
                         remaining_minutes: int, as_of: date,
                         config: UpwConfig = DEFAULT_UPW) -> date | None:
    """The ledger's projected completion as of a date from the order's totals (None when it
    projects none: done, past the deadline, too early, or nothing credited yet)."""
    as_of = max(as_of, sentence_date)
    elapsed = (as_of - sentence_date).days
    if (remaining_minutes <= 0 or as_of > deadline or elapsed < config.min_days_before_projecting
            or credited_minutes <= 0):
        return None
    days = -(-remaining_minutes * elapsed // credited_minutes)
    return as_of + timedelta(days=min(days, MAX_PROJECTION_DAYS))
