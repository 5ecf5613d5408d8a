"""Drawing case-audit samples the way inspectors draw them (inspection-framework.md Sampling).

- **Size** (Cochran with the finite-population correction): n0 = z²·p(1−p)/e² with p = 0.5,
  n = n0 / (1 + (n0 − 1)/N), rounded **up**. z is the two-sided normal quantile for the
  confidence level, ``NormalDist().inv_cdf((1 + c) / 2)`` (80% → 1.2816, 90% → 1.6449,
  95% → 1.9600, 99% → 2.5758). The defaults are the inspectorate's: 80% confidence, 5% margin.
- **Allocation** across strata (e.g. the Ministry's five: male community low RoSH, male
  community not low, male post-custody low, male post-custody not low, female) in proportion
  to each stratum's share of the eligible cases, by largest remainder (Hamilton): every
  stratum gets the floor or the ceiling of its exact share. Remainder ties go to the larger
  stratum, then to the stratum name. Optional minimums per stratum are honoured first (never
  more than the stratum holds); if the minimums add up to more than the size, the size grows
  to fit them.
- **Per-officer cap** (default 6, as the Ministry's sampler): no responsible officer has more
  than the cap in the sample, and cases are spread across as many officers as possible (each
  next case comes from the officer with fewest cases so far). If the cap makes a stratum's
  allocation impossible the sampler draws what it can — it only gives up when no
  rearrangement of officers could fit (a max-flow check) — and says so in the reasons.
- **Reserve list** for cases that turn out to be unsuitable: by default 20% of the sample
  size, rounded **up** (100 → 20, 26 → 6). It is spread over strata like the sample, and the
  cap counts sample and reserve together, so swapping any reserve case in for any sampled
  case can never break the cap. Reserve cases are listed stratum by stratum in the order to
  use them.
- **Exclusions**: cases not yet started, restricted cases and duplicates (flagged
  ``not_started``, ``restricted``, ``duplicate``; the same id listed twice counts once).
- **Reproducible**: ``random.Random(seed)`` over the cases sorted by stratum, officer and id,
  so the same cases and seed always draw the same sample, whatever order they arrive in.

The rules live in one module per part: ``size`` (Cochran and the allocation over strata),
``draw`` (the stratified, officer-capped draw and its reserve list), ``flow`` (the per-officer
plan: greedy, then augmenting paths) and ``payload`` (``desist rules sample``, JSON in and out);
this package names them all (``from desist.rules.sampling import draw_sample``).
"""

from __future__ import annotations

from .draw import (
    DEFAULT_MAX_PER_OFFICER,
    DEFAULT_RESERVE,
    DEFAULT_SEED,
    EXCLUSION_FLAGS,
    CaseId,
    SampleCase,
    SampleResult,
    draw_sample,
)
from .payload import sample_payload
from .size import (
    DEFAULT_CONFIDENCE,
    DEFAULT_MARGIN,
    DEFAULT_PROPORTION,
    SECTION,
    Allocation,
    SampleSize,
    allocate,
    sample_size,
    z_for,
)

__all__ = [
    "allocate",
    "Allocation",
    "CaseId",
    "DEFAULT_CONFIDENCE",
    "DEFAULT_MARGIN",
    "DEFAULT_MAX_PER_OFFICER",
    "DEFAULT_PROPORTION",
    "DEFAULT_RESERVE",
    "DEFAULT_SEED",
    "draw_sample",
    "EXCLUSION_FLAGS",
    "sample_payload",
    "sample_size",
    "SampleCase",
    "SampleResult",
    "SampleSize",
    "SECTION",
    "z_for",
]
