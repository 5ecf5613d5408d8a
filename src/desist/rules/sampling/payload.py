"""``desist rules sample``: JSON in, JSON out (issue 3)."""

from __future__ import annotations

from typing import Any, cast

from desist.rules.errors import RuleInputError

from .draw import (
    DEFAULT_MAX_PER_OFFICER,
    DEFAULT_RESERVE,
    DEFAULT_SEED,
    EXCLUSION_FLAGS,
    CaseId,
    SampleCase,
    draw_sample,
)
from .size import DEFAULT_CONFIDENCE, DEFAULT_MARGIN, sample_size

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
        case_id = cast(CaseId, case_id)  # _check_raw_case refused a missing id
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
