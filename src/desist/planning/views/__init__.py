"""The integrated plan: pages for the officer and the manager.

One module (``plan``); ``urls`` reads the views from here.
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

__all__ = [
    "agreement",
    "countersign",
    "decline_area",
    "objective_new",
    "plan",
    "plan_complete",
    "plan_copy",
    "plan_pdf",
    "plan_reviewed",
    "plan_start",
    "rmp",
]
