"""The stratified, officer-capped, reproducible draw and its reserve list."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, cast

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason

from .flow import _plan
from .size import DEFAULT_CONFIDENCE, DEFAULT_MARGIN, SECTION, allocate, n_cases, sample_size


def _why(code: str, text: str) -> Reason:
    """A reason from English text: the draw's reasons are not converted yet (ADR 0016)."""
    return Reason(code, SECTION, text)


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
        # Through the decimal text so 0.28 is exactly 7/25: 0.28 × 25 must give 7, not 8.
        exact = Fraction(str(reserve)) if isinstance(reserve, float) else reserve
        count = math.ceil(exact * size)
        return count, f"{float(exact):.0%} of {size}, rounded up"
    raise RuleInputError(
        "reserve", "must be a whole number of cases or a fraction from 0 to 1 of the sample size"
    )


def _eligible(
    cases: Sequence[SampleCase],
) -> tuple[dict[CaseId, SampleCase], list[tuple[CaseId, str]]]:
    """The cases that may be sampled, and those left out with why (a duplicate id is checked
    to be the same case; a flag on any copy excludes it)."""
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
    return eligible, excluded


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
    eligible, excluded = _eligible(cases)
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
    per_stratum = cast(Mapping[str, int] | None, minimums)  # a number became a mapping above
    unknown = sorted(set(per_stratum or {}) - {c.stratum for c in cases})
    if unknown:
        raise RuleInputError(f"min_per_stratum.{unknown[0]}", "no case is in this stratum")
    planned = allocate(counts, size, per_stratum)
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
            # Only a cap leaves reserve cases undrawn, so there is one here.
            f" {reserve_size - len(reserve_ids)} could not be drawn without an officer having "
            f"more than {n_cases(cast(int, max_per_officer))} in the sample and reserve together."
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
                f"At most {n_cases(cap)} per responsible officer; the sample is spread across "
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
