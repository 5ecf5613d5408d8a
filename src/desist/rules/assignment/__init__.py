"""Matching a case to a responsible officer (operating-model.md §3, failure F6 in §18).

For a case and a list of candidate officers, rank the candidates and warn where a matching
rule would be broken, so the LMC manager sees — and must acknowledge, warning by warning —
what the inspectors found going wrong:

- medium RoSH, domestic abuse, child safeguarding and other complex cases go to a PO or a PSO
  trained for that work, never quietly to an untrained PSO (``complex_case_to_pso``; a trainee
  PQiP gives ``complex_case_to_pqip``) or to agency staff (``complex_case_to_agency``);
- women are assigned to female officers or women's champions (``woman_to_male_officer``);
- IOM nominals go to the IOM officer (``iom_to_non_iom_officer``);
- weighted workload (§16) is shown now and after taking the case; 100% or more after taking
  it is ``over_capacity``.

Reassignment runs the same function (§3: "reassignment ... must re-check the matching
rules") — the reports describe a medium-RoSH domestic-abuse case reassigned mid-order to a PSO
who then missed rising risk.

Ranking: every candidate starts at 100 points; each warning takes off its penalty
(:class:`MatchingConfig`); spare capacity after taking the case adds up to +10; each relevant
specialism adds 3, at most 9 in all. Spare capacity and specialisms together move a score by
less than the smallest penalty, so they can never buy away a warning: adding a warning to an
officer always ranks them below where they were.

Over capacity is different: besides its warning, every percentage point over 100% after
taking the case takes off a point, without limit. A manager reading the list must never find
an officer at 890% of capacity above one at 195% (issue 12): a load heavier by more than every
penalty and bonus together (219 points) always ranks lower, and an officer with no capacity at
all ranks below any load. Ties go to fewer warnings, then the lower workload after the case,
then the officer id. The current holder is never offered on reassignment.

Every candidate carries its score as :class:`ScoreTerm` rows (100, then each penalty and bonus)
that add up to the score, so the screen can show how it was reached.

The rules live in one module per part: ``profile`` (the codes, :class:`MatchingConfig`, the
case, the officer and the results), ``matching`` (complexity and the warnings) and
``ranking`` (``rank_candidates``, ``check_assignment``); this package names them all
(``from desist.rules.assignment import rank_candidates``).
"""

from __future__ import annotations

from .matching import complexity_factors
from .profile import _TRAINED_COMPLEX_COVERS as _TRAINED_COMPLEX_COVERS  # checked by the tests
from .profile import (
    COMPLEX_REGISTRATIONS,
    COMPLEXITY_TRAINING,
    DEFAULT_MATCHING,
    FACTOR_NAMES,
    GENDERS,
    IOM,
    QUALIFIED_GRADES,
    SECTION,
    SPECIALISM_NAMES,
    SPECIALISMS,
    TRAINED_COMPLEX,
    WARNING_TITLES,
    WOMENS_CHAMPION,
    WORKLOAD_SECTION,
    AssignmentResult,
    AssignmentWarning,
    Candidate,
    CaseProfile,
    MatchingConfig,
    Officer,
    ScoreTerm,
)
from .ranking import check_assignment, rank_candidates

__all__ = [
    "AssignmentResult",
    "AssignmentWarning",
    "Candidate",
    "CaseProfile",
    "check_assignment",
    "COMPLEX_REGISTRATIONS",
    "complexity_factors",
    "COMPLEXITY_TRAINING",
    "DEFAULT_MATCHING",
    "FACTOR_NAMES",
    "GENDERS",
    "IOM",
    "MatchingConfig",
    "Officer",
    "QUALIFIED_GRADES",
    "rank_candidates",
    "ScoreTerm",
    "SECTION",
    "SPECIALISM_NAMES",
    "SPECIALISMS",
    "TRAINED_COMPLEX",
    "WARNING_TITLES",
    "WOMENS_CHAMPION",
    "WORKLOAD_SECTION",
]
