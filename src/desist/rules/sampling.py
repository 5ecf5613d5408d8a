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
"""

from __future__ import annotations

import heapq
import math
import random
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from statistics import NormalDist
from typing import Any

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason

SECTION = "inspection-framework.md Sampling"


def _why(code: str, text: str) -> Reason:
    return Reason(code, SECTION, text)


DEFAULT_CONFIDENCE = 0.8
DEFAULT_MARGIN = 0.05
DEFAULT_PROPORTION = 0.5
DEFAULT_MAX_PER_OFFICER = 6
DEFAULT_RESERVE = Fraction(1, 5)
DEFAULT_SEED = 0
EXCLUSION_FLAGS = {
    "not_started": "not yet started",
    "restricted": "restricted (limited access)",
    "duplicate": "a duplicate",
}

CaseId = str | int


@dataclass(frozen=True, slots=True)
class SampleCase:
    id: CaseId
    stratum: str
    officer: str
    not_started: bool = False
    restricted: bool = False
    duplicate: bool = False


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


@dataclass(frozen=True, slots=True)
class SampleResult:
    """``allocation`` is the planned number per stratum (it sums to ``size``); ``shortfall``
    holds strata where the per-officer cap left fewer than planned."""

    size: int
    population: int
    seed: int | str
    allocation: tuple[tuple[str, int], ...]
    sample: tuple[CaseId, ...]
    reserve: tuple[CaseId, ...]
    shortfall: tuple[tuple[str, int], ...]
    excluded: tuple[tuple[CaseId, str], ...]
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "allocation": dict(self.allocation),
            "sample": list(self.sample),
            "reserve": list(self.reserve),
            "shortfall": dict(self.shortfall),
            "excluded": [{"id": i, "reason": r} for i, r in self.excluded],
            "seed": self.seed,
            "reasons": [r.as_dict() for r in self.reasons],
        }


# ---------------------------------------------------------------------------------- size


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
        reason = _why("sample_size_empty", "No eligible cases, so nothing to sample.")
        return SampleSize(0, 0, z, n0, (reason,))
    n = n0 / (1 + (n0 - 1) / population)
    # The tolerance stops float noise (100.0000000001) from adding a whole case.
    size = min(population, max(1, math.ceil(n - 1e-9)))
    reason = _why(
        "sample_size_cochran",
        f"{size} cases give {confidence:.0%} confidence with a ±{margin:.0%} margin of error: "
        f"z = {z:.4f}, n0 = z² × {proportion:g} × {1 - proportion:g} ÷ {margin:g}² = {n0:.1f}; "
        f"corrected for {population} eligible cases, n = n0 ÷ (1 + (n0 − 1) ÷ {population}) "
        f"= {n:.2f}, rounded up.",
    )
    return SampleSize(size, population, z, n0, (reason,))


# ---------------------------------------------------------------------------------- allocation


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
            _why(
                "allocation_minimums_raise_size",
                f"The minimums per stratum need {sum(floor.values())} cases, more than the "
                f"{size} calculated, so the sample grows to {sum(floor.values())}.",
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

    shares = ", ".join(
        f"{h} {result[h]} ({float(Fraction(size * counts[h], total)) if total else 0:.2f})"
        for h in order
    )
    reasons.insert(
        0,
        _why(
            "allocation_proportional",
            f"{size} cases shared over the strata in proportion to their eligible cases, "
            f"by largest remainder (exact share in brackets): {shares}.",
        ),
    )
    lifted = sorted(h for h in pinned if pinned[h] == floor[h] and floor[h])
    if lifted:
        reasons.append(
            _why(
                "allocation_minimum",
                "Raised to the minimum set for the stratum: "
                + ", ".join(f"{h} {floor[h]}" for h in lifted)
                + ".",
            )
        )
    return Allocation(size, tuple((h, result[h]) for h in order), tuple(reasons))


# ---------------------------------------------------------------------------------- drawing


def _plan(
    demand: dict[str, int],
    available: dict[str, dict[str, int]],
    load: dict[str, int],
    cap: int | None,
    tiebreak: dict[str, float],
) -> dict[str, dict[str, int]]:
    """How many cases to take from each officer in each stratum.

    Greedy first (the officer with the fewest cases so far), then augmenting paths — a
    max-flow over strata → officers → cap — to recover any stratum the greedy order starved.
    """
    limit = math.inf if cap is None else cap
    take: dict[str, dict[str, int]] = {h: {} for h in demand}
    drawn = dict.fromkeys(demand, 0)
    for h in sorted(demand):
        heap = [
            (load.get(o, 0), tiebreak[o], o)
            for o, n in available[h].items()
            if n > 0 and load.get(o, 0) < limit
        ]
        heapq.heapify(heap)
        while drawn[h] < demand[h] and heap:
            _, key, o = heapq.heappop(heap)
            take[h][o] = take[h].get(o, 0) + 1
            load[o] = load.get(o, 0) + 1
            drawn[h] += 1
            if take[h][o] < available[h][o] and load[o] < limit:
                heapq.heappush(heap, (load[o], key, o))

    if cap is not None and any(drawn[h] < demand[h] for h in demand):
        strata_of: dict[str, list[str]] = {}
        for h in sorted(available):
            for o in sorted(available[h], key=tiebreak.__getitem__):
                strata_of.setdefault(o, []).append(h)
        for h in sorted(demand):
            while drawn[h] < demand[h] and _augment(h, available, take, load, cap, strata_of):
                drawn[h] += 1
    return take


def _augment(
    start: str,
    available: dict[str, dict[str, int]],
    take: dict[str, dict[str, int]],
    load: dict[str, int],
    cap: int,
    strata_of: dict[str, list[str]],
) -> bool:
    """One augmenting path from ``start`` to an officer under the cap; True if found."""
    parent: dict[tuple[str, str], tuple[str, str] | None] = {("s", start): None}
    queue = deque([("s", start)])
    while queue:
        kind, node = queue.popleft()
        if kind == "s":
            for o in sorted(available.get(node, {})):
                if take[node].get(o, 0) < available[node][o] and ("o", o) not in parent:
                    parent[("o", o)] = (kind, node)
                    if load.get(o, 0) < cap:
                        _apply(("o", o), parent, take, load)
                        return True
                    queue.append(("o", o))
        else:
            for h in strata_of.get(node, ()):
                if take.get(h, {}).get(node, 0) > 0 and ("s", h) not in parent:
                    parent[("s", h)] = (kind, node)
                    queue.append(("s", h))
    return False


def _apply(end, parent, take, load) -> None:
    load[end[1]] = load.get(end[1], 0) + 1
    node = end
    while parent[node] is not None:
        prev = parent[node]
        if prev[0] == "s":  # stratum → officer: take one more from this officer
            take[prev[1]][node[1]] = take[prev[1]].get(node[1], 0) + 1
        else:  # officer → stratum: that stratum gives this officer's case back
            take[node[1]][prev[1]] -= 1
        node = prev


def _id_key(case_id: CaseId) -> tuple[int, Any]:
    return (0, case_id) if isinstance(case_id, int) else (1, case_id)


def _draw(rng: random.Random, cases: list[SampleCase], k: int) -> list[SampleCase]:
    if k == 0:
        return []
    # Sorted first so the draw depends on the seed alone, never on the input order.
    return rng.sample(sorted(cases, key=lambda c: _id_key(c.id)), k)


def _check_case(index: int, case: SampleCase) -> None:
    where = f"cases.{index}"
    if isinstance(case.id, bool) or not isinstance(case.id, str | int) or case.id == "":
        raise RuleInputError(f"{where}.id", "must be a non-empty text or whole number")
    if not isinstance(case.stratum, str) or not case.stratum:
        raise RuleInputError(f"{where}.stratum", "must be non-empty text")
    if not isinstance(case.officer, str) or not case.officer:
        raise RuleInputError(f"{where}.officer", "must be non-empty text")
    for flag in EXCLUSION_FLAGS:
        if not isinstance(getattr(case, flag), bool):
            raise RuleInputError(f"{where}.{flag}", "must be true or false")


def _reserve_count(reserve: int | float | Fraction, size: int) -> tuple[int, str]:
    if isinstance(reserve, bool):
        raise RuleInputError("reserve", "must be a count or a fraction of the sample size")
    if isinstance(reserve, int):
        if reserve < 0:
            raise RuleInputError("reserve", "cannot be negative")
        return reserve, f"{reserve} asked for"
    if isinstance(reserve, float) and reserve > 1 and reserve.is_integer():
        return _reserve_count(int(reserve), size)
    if isinstance(reserve, float | Fraction) and 0 <= reserve <= 1:
        # Through the decimal text so 0.2 is exactly a fifth: 0.2 × 15 must give 3, not 4.
        exact = Fraction(str(reserve)) if isinstance(reserve, float) else reserve
        count = math.ceil(exact * size)
        return count, f"{float(exact):.0%} of {size}, rounded up"
    raise RuleInputError(
        "reserve", "must be a whole number of cases or a fraction from 0 to 1 of the sample size"
    )


def draw_sample(
    cases: Sequence[SampleCase],
    *,
    seed: int | str = DEFAULT_SEED,
    size: int | None = None,
    population: int | None = None,
    confidence: float = DEFAULT_CONFIDENCE,
    margin: float = DEFAULT_MARGIN,
    max_per_officer: int | None = DEFAULT_MAX_PER_OFFICER,
    reserve: int | float | Fraction = DEFAULT_RESERVE,
    minimums: Mapping[str, int] | int | None = None,
) -> SampleResult:
    """Draw a stratified, officer-capped sample and its reserve list, reproducibly.

    ``size`` overrides the calculated size; ``population`` (default: the eligible cases)
    feeds the calculation. ``reserve`` is a count (whole number) or a fraction of the sample
    size (0 to 1). ``max_per_officer=None`` removes the cap. ``minimums`` is a number for every
    stratum or ``{stratum: n}``.
    """
    if isinstance(seed, bool) or not isinstance(seed, int | str):
        raise RuleInputError("seed", "must be a whole number or text")
    if max_per_officer is not None and (
        not isinstance(max_per_officer, int)
        or isinstance(max_per_officer, bool)
        or max_per_officer < 1
    ):
        raise RuleInputError("max_per_officer", "must be a whole number, 1 or more")

    reasons: list[Reason] = []
    excluded: list[tuple[CaseId, str]] = []
    # Ids are dict keys as given (1 and "1" stay distinct); only sorting needs _id_key.
    first: dict[CaseId, SampleCase] = {}
    repeats: dict[CaseId, list[SampleCase]] = {}
    for index, case in enumerate(cases):
        case_id = case.id
        if not (
            type(case_id) in (str, int)
            and case_id != ""
            and type(case.stratum) is str
            and case.stratum
            and type(case.officer) is str
            and case.officer
            and type(case.not_started) is bool
            and type(case.restricted) is bool
            and type(case.duplicate) is bool
        ):
            _check_case(index, case)  # the quick screen failed: find and name the field
        if case_id in first:
            other = first[case_id]
            if (other.stratum, other.officer) != (case.stratum, case.officer):
                raise RuleInputError(
                    f"cases.{index}.id", f"{case_id!r} is listed twice with different details"
                )
            repeats.setdefault(case_id, []).append(case)
        else:
            first[case_id] = case
    eligible: dict[CaseId, SampleCase] = {}
    for case_id, case in first.items():
        more = repeats.get(case_id)
        if more is None and not (case.not_started or case.restricted or case.duplicate):
            eligible[case_id] = case
            continue
        copies = [case, *(more or ())]
        excluded.extend((case_id, "listed more than once") for _ in copies[1:])
        # A flag on any copy excludes the case, so input order cannot change the outcome.
        flags = [t for f, t in EXCLUSION_FLAGS.items() if any(getattr(c, f) for c in copies)]
        if flags:
            excluded.append((case_id, " and ".join(flags)))
        else:
            eligible[case_id] = case
    excluded.sort(key=lambda item: _id_key(item[0]))
    if excluded:
        reasons.append(
            _why(
                "sample_exclusions",
                f"Left out {len(excluded)} (not yet started, restricted, or duplicates); "
                f"{len(eligible)} are eligible.",
            )
        )

    if population is None:
        population = len(eligible)
        reasons.append(
            _why(
                "sample_population_default",
                f"The population is the {population} eligible cases given.",
            )
        )
    if size is None:
        sized = sample_size(population, confidence, margin)
        size = sized.size
        reasons.extend(sized.reasons)
    elif not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise RuleInputError("size", "must be a whole number, 0 or more")
    else:
        reasons.append(_why("sample_size_given", f"Sample size {size}, as set."))
    if size > len(eligible):
        reasons.append(
            _why(
                "sample_size_capped",
                f"Only {len(eligible)} eligible cases, so all of them are sampled "
                f"instead of {size}.",
            )
        )
        size = len(eligible)

    pool: dict[str, dict[str, list[SampleCase]]] = {}
    # Lists are sorted by id only where cases are drawn from them (see _draw).
    for case in eligible.values():
        pool.setdefault(case.stratum, {}).setdefault(case.officer, []).append(case)
    counts = {h: sum(len(v) for v in officers.values()) for h, officers in pool.items()}
    if isinstance(minimums, int) and not isinstance(minimums, bool):
        minimums = dict.fromkeys(counts, minimums)
    unknown = sorted(set(minimums or {}) - {c.stratum for c in cases})
    if unknown:
        raise RuleInputError(f"min_per_stratum.{unknown[0]}", "no case is in this stratum")
    planned = allocate(counts, size, minimums)
    size = planned.size
    reasons.extend(planned.reasons)

    rng = random.Random(seed)  # noqa: S311 — reproducible sampling, not security
    officers = sorted({c.officer for c in eligible.values()})
    tiebreak = {o: rng.random() for o in officers}
    available = {h: {o: len(cs) for o, cs in by_officer.items()} for h, by_officer in pool.items()}
    load: dict[str, int] = {}
    demand = dict(planned.allocation)
    take = _plan(demand, available, load, max_per_officer, tiebreak)

    sample: list[CaseId] = []
    chosen: set[CaseId] = set()
    shortfall: list[tuple[str, int]] = []
    for h in sorted(pool):
        picked: list[SampleCase] = []
        for o in sorted(take[h]):
            picked.extend(_draw(rng, pool[h][o], take[h][o]))
        picked.sort(key=lambda c: _id_key(c.id))
        sample.extend(c.id for c in picked)
        chosen.update(c.id for c in picked)
        if len(picked) < demand[h]:
            shortfall.append((h, demand[h] - len(picked)))
    _explain_cap(reasons, max_per_officer, load, shortfall, demand)

    reserve_wanted, how = _reserve_count(reserve, size)
    remaining = {
        h: {
            o: [c for c in cs if c.id not in chosen] if take[h].get(o) else cs
            for o, cs in by_officer.items()
        }
        for h, by_officer in pool.items()
    }
    left = {h: sum(len(cs) for cs in by_officer.values()) for h, by_officer in remaining.items()}
    reserve_size = min(reserve_wanted, sum(left.values()))
    reserve_plan = dict(allocate(left, reserve_size).allocation) if left else {}
    reserve_take = _plan(
        reserve_plan,
        {h: {o: len(cs) for o, cs in by_officer.items()} for h, by_officer in remaining.items()},
        load,
        max_per_officer,
        tiebreak,
    )
    reserve_ids: list[CaseId] = []
    for h in sorted(remaining):
        picked = []
        for o in sorted(reserve_take.get(h, {})):
            picked.extend(_draw(rng, remaining[h][o], reserve_take[h][o]))
        rng.shuffle(picked)  # the order in which to use them
        reserve_ids.extend(c.id for c in picked)
    text = (
        f"Reserve list of {reserve_wanted} ({how}) for sampled cases that turn out to be "
        "unsuitable: replace a case with the next reserve case from its own stratum."
    )
    if reserve_size < reserve_wanted:
        text += f" Only {reserve_size} eligible cases were left after the sample."
    if len(reserve_ids) < reserve_size:
        text += (
            f" {reserve_size - len(reserve_ids)} could not be drawn without an officer having "
            f"more than {max_per_officer} cases in the sample and reserve together."
        )
    reasons.append(_why("sample_reserve", text))
    reasons.append(
        _why(
            "sample_seed",
            f"Drawn with seed {seed!r}: the same cases and seed always give the same sample.",
        )
    )
    return SampleResult(
        size=size,
        population=population,
        seed=seed,
        allocation=planned.allocation,
        sample=tuple(sample),
        reserve=tuple(reserve_ids),
        shortfall=tuple(shortfall),
        excluded=tuple(excluded),
        reasons=tuple(reasons),
    )


def _explain_cap(
    reasons: list[Reason],
    cap: int | None,
    load: dict[str, int],
    shortfall: list[tuple[str, int]],
    demand: dict[str, int],
) -> None:
    spread = sum(1 for n in load.values() if n)
    if cap is None:
        reasons.append(
            _why(
                "sample_no_cap",
                f"No limit per officer; the sample is spread across {spread} officers.",
            )
        )
    else:
        reasons.append(
            _why(
                "sample_officer_cap",
                f"At most {cap} cases per responsible officer; the sample is spread across "
                f"{spread} officers.",
            )
        )
    for h, missing in shortfall:
        reasons.append(
            _why(
                "sample_cap_shortfall",
                f"Stratum {h}: only {demand[h] - missing} of the {demand[h]} allocated cases "
                f"could be drawn without an officer having more than {cap}; the stratum is "
                f"short by {missing}.",
            )
        )


# ---------------------------------------------------------------------------------- CLI

_SIZE_FIELDS = {"population", "confidence", "margin"}
_DRAW_FIELDS = _SIZE_FIELDS | {
    "cases",
    "seed",
    "max_per_officer",
    "reserve",
    "min_per_stratum",
    "size",
}
_CASE_FIELDS = {"id", "stratum", "officer", *EXCLUSION_FLAGS}


def _whole(value: Any, field: str, minimum: int = 0) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise RuleInputError(field, f"must be a whole number, {minimum} or more")
    return value


def _number(payload: dict, field: str, default: float) -> float:
    value = payload.get(field, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
        raise RuleInputError(
            field, "must be a fraction between 0 and 1 (0.8 for 80%, 0.05 for 5 points)"
        )
    return float(value)


def _label(value: Any, field: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise RuleInputError(field, "must be non-empty text")
    return str(value)


def _check_raw_case(index: int, raw: dict) -> None:
    extra = sorted(set(raw) - _CASE_FIELDS)
    if extra:
        raise RuleInputError(f"cases.{index}.{extra[0]}", "unknown field")
    for name in ("id", "stratum", "officer"):
        if raw.get(name) is None:
            raise RuleInputError(f"cases.{index}.{name}", "is required")


def sample_payload(payload: dict) -> dict:
    """``desist rules sample``: JSON in, JSON out (see issue 3).

    Size only: ``{"population": int, "confidence": 0.8, "margin": 0.05}`` → ``{"size",
    "reasons"}`` (confidence and margin default to 0.8 and 0.05).

    Draw: add ``"cases": [{"id", "stratum", "officer"}]`` (optional flags ``not_started``,
    ``restricted``, ``duplicate``) with ``"seed"`` (default 0), ``"max_per_officer"`` (default
    6; null for no cap), ``"reserve"`` (a whole number is a count of cases; a fraction from 0
    to 1, written with a decimal point, is a share of the sample size rounded up; default
    0.2), optional ``"min_per_stratum"`` (a number for every stratum, or ``{stratum: n}``) and
    ``"size"`` (overrides the calculation). ``population`` defaults to the eligible cases.
    → ``{"size", "allocation": {stratum: n}, "sample": [ids], "reserve": [ids],
    "shortfall": {stratum: n}, "excluded": [{"id", "reason"}], "seed", "reasons"}``.
    """
    if not isinstance(payload, dict):
        raise RuleInputError("payload", "must be a JSON object")
    allowed = _DRAW_FIELDS if "cases" in payload else _SIZE_FIELDS
    unknown = sorted(set(payload) - allowed)
    if unknown:
        raise RuleInputError(unknown[0], f"unknown field (expected {', '.join(sorted(allowed))})")
    confidence = _number(payload, "confidence", DEFAULT_CONFIDENCE)
    margin = _number(payload, "margin", DEFAULT_MARGIN)
    population = payload.get("population")
    if population is not None:
        population = _whole(population, "population")

    if "cases" not in payload:
        if population is None:
            raise RuleInputError("population", "is required (or give cases)")
        sized = sample_size(population, confidence, margin)
        return {"size": sized.size, "reasons": [r.as_dict() for r in sized.reasons]}

    raw_cases = payload["cases"]
    if not isinstance(raw_cases, list):
        raise RuleInputError("cases", "must be a list of cases")
    cases = []
    for index, raw in enumerate(raw_cases):
        if type(raw) is not dict:
            raise RuleInputError(f"cases.{index}", 'must be an object {"id", "stratum", "officer"}')
        case_id, stratum, officer = raw.get("id"), raw.get("stratum"), raw.get("officer")
        if len(raw) > 3 or None in (case_id, stratum, officer):
            _check_raw_case(index, raw)
        if type(stratum) is not str:
            stratum = _label(stratum, f"cases.{index}.stratum")
        if type(officer) is not str:
            officer = _label(officer, f"cases.{index}.officer")
        if len(raw) > 3:
            flags = {flag: raw.get(flag, False) for flag in EXCLUSION_FLAGS}
            cases.append(SampleCase(case_id, stratum, officer, **flags))
        else:
            cases.append(SampleCase(case_id, stratum, officer))
    seed = payload.get("seed")
    cap = payload.get("max_per_officer", DEFAULT_MAX_PER_OFFICER)
    if cap is not None:
        cap = _whole(cap, "max_per_officer", minimum=1)
    reserve = payload.get("reserve")
    if reserve is None:
        reserve = DEFAULT_RESERVE
    elif isinstance(reserve, bool) or not isinstance(reserve, int | float):
        raise RuleInputError("reserve", "must be a count or a fraction of the sample size")
    size = payload.get("size")
    if size is not None:
        size = _whole(size, "size")
    minimums_in = payload.get("min_per_stratum")
    minimums: dict[str, int] | int | None = None
    if isinstance(minimums_in, dict):
        minimums = {str(h): _whole(n, f"min_per_stratum.{h}") for h, n in minimums_in.items()}
    elif minimums_in is not None:
        minimums = _whole(minimums_in, "min_per_stratum")
    result = draw_sample(
        cases,
        seed=DEFAULT_SEED if seed is None else seed,
        size=size,
        population=population,
        confidence=confidence,
        margin=margin,
        max_per_officer=cap,
        reserve=reserve,
        minimums=minimums,
    )
    return result.as_dict()
