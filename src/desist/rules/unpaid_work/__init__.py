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

The rules live in one module per part: ``progress``, ``ledger``, ``outlook`` (the ledger's
date-dependent answers from its totals), ``placement``, ``schedule``;
this package names them all (``from desist.rules import unpaid_work as rules``).
"""

from __future__ import annotations

from .ledger import (
    ABSENCE_OUTCOMES,
    ACCEPTABLE_ABSENCE,
    ADJUSTMENT_REASONS,
    ATTENDED,
    COUNTS_AS_ATTENDED,
    FAILED_TO_ATTEND,
    OUTCOMES,
    SENT_HOME,
    UNACCEPTABLE_ABSENCE,
    Adjustment,
    AdjustmentReason,
    Ledger,
    LedgerInput,
    SessionCredit,
    check_adjustment,
    ete_headroom,
    hm,
    ledger,
    session_credit,
)
from .outlook import at_risk_from, projected_completion
from .placement import (
    ETE,
    GROUP,
    INDIVIDUAL,
    INDUCTION,
    INTENSIVE_DAYS_PER_WEEK,
    PROJECT_TYPES,
    STANDARD_DAYS_PER_WEEK,
    PlacementFacts,
    check_intensive,
    check_placement,
)
from .progress import (
    DEFAULT_UPW,
    S12,
    WARNING_CODES,
    UpwConfig,
    UpwInput,
    UpwResult,
    assess_upw,
)
from .schedule import (
    FORTNIGHTLY,
    MAX_SERIES_DAYS,
    WEEKLY,
    Series,
    series_dates,
)

__all__ = [
    "ABSENCE_OUTCOMES",
    "ACCEPTABLE_ABSENCE",
    "ADJUSTMENT_REASONS",
    "ATTENDED",
    "Adjustment",
    "AdjustmentReason",
    "COUNTS_AS_ATTENDED",
    "DEFAULT_UPW",
    "ETE",
    "FAILED_TO_ATTEND",
    "FORTNIGHTLY",
    "GROUP",
    "INDIVIDUAL",
    "INDUCTION",
    "INTENSIVE_DAYS_PER_WEEK",
    "Ledger",
    "LedgerInput",
    "MAX_SERIES_DAYS",
    "OUTCOMES",
    "PROJECT_TYPES",
    "PlacementFacts",
    "S12",
    "SENT_HOME",
    "STANDARD_DAYS_PER_WEEK",
    "Series",
    "SessionCredit",
    "UNACCEPTABLE_ABSENCE",
    "UpwConfig",
    "UpwInput",
    "UpwResult",
    "WARNING_CODES",
    "WEEKLY",
    "assess_upw",
    "at_risk_from",
    "check_adjustment",
    "check_intensive",
    "check_placement",
    "ete_headroom",
    "hm",
    "ledger",
    "projected_completion",
    "series_dates",
    "session_credit",
]
