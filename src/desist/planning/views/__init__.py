"""Risk of harm and the integrated plan: pages for the officer and the manager.

One module per part (``risk``, ``plan``); ``urls`` reads the views from here.
"""

from __future__ import annotations

from .plan import (
    agreement,
    countersign,
    decline_area,
    objective_new,
    plan,
    plan_complete,
    plan_copy,
    plan_pdf,
    plan_reviewed,
    plan_start,
    rmp,
)
from .risk import (
    agency,
    agency_new,
    check,
    check_new,
    home_visit,
    home_visit_new,
    link_worker,
    risk,
    risk_assess,
)

__all__ = [
    "agency",
    "agency_new",
    "agreement",
    "check",
    "check_new",
    "countersign",
    "decline_area",
    "home_visit",
    "home_visit_new",
    "link_worker",
    "objective_new",
    "plan",
    "plan_complete",
    "plan_copy",
    "plan_pdf",
    "plan_reviewed",
    "plan_start",
    "risk",
    "risk_assess",
    "rmp",
]
