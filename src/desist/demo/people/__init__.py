"""One synthetic case, planned as plain data from a provider context, a seed and an index.

``planner`` draws a person section by section (``PersonPlanner.plan``), with the sections
in ``person``, ``sentence`` and ``casework``; ``tables`` holds the weighted draws and rates.
"""

from __future__ import annotations

from .planner import PersonPlanner
from .tables import CRN_DIGITS, Plan, crn_letter, crn_offset, make_crn

__all__ = ["CRN_DIGITS", "Plan", "PersonPlanner", "crn_letter", "crn_offset", "make_crn"]
