"""Sample size (Cochran with the finite-population correction) and its allocation over
strata (largest remainder)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from statistics import NormalDist
from typing import Any

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop

SECTION = "inspection-framework.md Sampling"


def _cases(n: int) -> Phrase:
    """``n`` cases as a reason's parameter: "1 case", "63 cases", each said whole."""
    return Phrase.count(n, gettext_noop("%(n)s case"), gettext_noop("%(n)s cases"))


def n_cases(n: int) -> str:
    """``n`` cases in words: "1 case", "0 cases", "63 cases" (a sample of one is possible)."""
    return f"{n} case" if n == 1 else f"{n} cases"


DEFAULT_CONFIDENCE = 0.8
DEFAULT_MARGIN = 0.05
DEFAULT_PROPORTION = 0.5


@dataclass(frozen=True, slots=True)
class SampleSize:
    size: int
    population: int
    z: float
    n0: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Allocation:
    size: int
    allocation: tuple[tuple[str, int], ...]
    reasons: tuple[Reason, ...]


@lru_cache(maxsize=64)
def z_for(confidence: float) -> float:
    """Two-sided z for a confidence level (0.8 → 1.2816)."""
    _check_fraction("confidence", confidence)
    return NormalDist().inv_cdf((1 + confidence) / 2)


def _check_fraction(field: str, value: Any) -> None:
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 < value < 1:
        raise RuleInputError(field, "must be a fraction between 0 and 1 (e.g. 0.8 for 80%)")


def sample_size(
    population: int,
    confidence: float = DEFAULT_CONFIDENCE,
    margin: float = DEFAULT_MARGIN,
    proportion: float = DEFAULT_PROPORTION,
) -> SampleSize:
    """Cochran's sample size with the finite-population correction, rounded up."""
    if not isinstance(population, int) or isinstance(population, bool) or population < 0:
        raise RuleInputError("population", "must be a whole number, 0 or more")
    _check_fraction("confidence", confidence)
    _check_fraction("margin", margin)
    _check_fraction("proportion", proportion)
    z = z_for(confidence)
    n0 = z * z * proportion * (1 - proportion) / (margin * margin)
    if population == 0:
        reason = Reason.of("sample_size_empty", SECTION,
                           gettext_noop("No eligible cases, so nothing to sample."))
        return SampleSize(0, 0, z, n0, (reason,))
    n = n0 / (1 + (n0 - 1) / population)
    # The tolerance stops float noise (100.0000000001) from adding a whole case.
    size = min(population, max(1, math.ceil(n - 1e-9)))
    # One case "gives", more "give": the verb agrees, so each is a sentence of its own; and a
    # population of one is "1 eligible case" (it read "1 eligible cases").
    template = gettext_noop(
        "%(cases)s gives %(confidence).0f%% confidence with a ±%(margin_percent).0f%% margin of "
        "error: z = %(z).4f, n0 = z² × %(p)g × %(q)g ÷ %(margin)g² = %(n0).1f; corrected for "
        "%(eligible)s, n = n0 ÷ (1 + (n0 − 1) ÷ %(population)s) = %(n).2f, "
        "rounded up.") if size == 1 else gettext_noop(
        "%(cases)s give %(confidence).0f%% confidence with a ±%(margin_percent).0f%% margin of "
        "error: z = %(z).4f, n0 = z² × %(p)g × %(q)g ÷ %(margin)g² = %(n0).1f; corrected for "
        "%(eligible)s, n = n0 ÷ (1 + (n0 − 1) ÷ %(population)s) = %(n).2f, "
        "rounded up.")
    reason = Reason.of(
        "sample_size_cochran", SECTION, template, cases=_cases(size),
        confidence=confidence * 100, margin_percent=margin * 100, z=z, p=proportion,
        q=1 - proportion, margin=margin, n0=n0, population=population, n=n,
        eligible=Phrase.count(population, gettext_noop("%(n)s eligible case"),
                              gettext_noop("%(n)s eligible cases")),
    )
    return SampleSize(size, population, z, n0, (reason,))


def _largest_remainder(
    counts: Mapping[str, int], seats: int, order: Sequence[str]
) -> dict[str, int]:
    total = sum(counts[h] for h in order)
    if seats == 0 or total == 0:
        return {h: 0 for h in order}
    quotas = {h: Fraction(seats * counts[h], total) for h in order}
    result = {h: math.floor(q) for h, q in quotas.items()}
    left = seats - sum(result.values())
    ranked = sorted(order, key=lambda h: (-(quotas[h] - result[h]), -counts[h], h))
    for h in ranked[:left]:
        result[h] += 1
    return result


def allocate(
    counts: Mapping[str, int], size: int, minimums: Mapping[str, int] | None = None
) -> Allocation:
    """Share ``size`` over strata in proportion to ``counts`` (largest remainder)."""
    for stratum, count in counts.items():
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise RuleInputError(f"strata.{stratum}", "must be a whole number, 0 or more")
    total = sum(counts.values())
    if not isinstance(size, int) or isinstance(size, bool) or not 0 <= size <= total:
        raise RuleInputError("size", f"must be a whole number from 0 to {total}")
    minimums = dict(minimums or {})
    for stratum, minimum in minimums.items():
        if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 0:
            raise RuleInputError(f"min_per_stratum.{stratum}", "must be a whole number")
    order = sorted(counts)
    floor = {h: min(minimums.get(h, 0), counts[h]) for h in order}
    reasons: list[Reason] = []
    if sum(floor.values()) > size:
        reasons.append(
            Reason.of(
                "allocation_minimums_raise_size", SECTION,
                gettext_noop("The minimums per stratum need %(cases)s, more than the %(size)s "
                             "calculated, so the sample grows to %(grown)s."),
                cases=_cases(sum(floor.values())), size=size, grown=sum(floor.values()),
            )
        )
        size = sum(floor.values())

    # Pin any stratum pushed below its minimum (or above its size) and share the rest again.
    pinned: dict[str, int] = {}
    while True:
        free = [h for h in order if h not in pinned]
        result = _largest_remainder(counts, size - sum(pinned.values()), free)
        low = [h for h in free if result[h] < floor[h]]
        high = [h for h in free if result[h] > counts[h]]
        if not low and not high:
            break
        for h in low:
            pinned[h] = floor[h]
        for h in high:
            pinned[h] = counts[h]
    result.update(pinned)
    # Pins can strand a few seats when the minimums crowd out the rest; give them to strata
    # with cases to spare, largest first, so the allocation still adds up to the size.
    short = size - sum(result.values())
    for h in sorted(order, key=lambda h: (-(counts[h] - result[h]), h)):
        extra = min(short, counts[h] - result[h])
        result[h] += extra
        short -= extra

    shares = tuple(
        Phrase.of(gettext_noop("%(stratum)s %(cases)s (%(share).2f)"), stratum=h,
                  cases=result[h], share=float(Fraction(size * counts[h], total)) if total else 0)
        for h in order
    )
    reasons.insert(
        0,
        Reason.of(
            "allocation_proportional", SECTION,
            gettext_noop("%(cases)s shared over the strata in proportion to their eligible "
                         "cases, by largest remainder (exact share in brackets): %(shares)s."),
            cases=_cases(size), shares=shares,
        ),
    )
    lifted = sorted(h for h in pinned if pinned[h] == floor[h] and floor[h])
    if lifted:
        reasons.append(
            Reason.of(
                "allocation_minimum", SECTION,
                gettext_noop("Raised to the minimum set for the stratum: %(strata)s."),
                strata=tuple(Phrase.of(gettext_noop("%(stratum)s %(cases)s"), stratum=h,
                                       cases=floor[h]) for h in lifted),
            )
        )
    return Allocation(size, tuple((h, result[h]) for h in order), tuple(reasons))
