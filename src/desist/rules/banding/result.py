"""The facts a case is banded on (:class:`BandInput`) and the proposal (:class:`BandResult`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason

from .config import HoursMakeUp


@dataclass(frozen=True, slots=True)
class BandInput:
    """The facts §4 bands a case on.

    ``ogrs3_two_year`` is the OGRS3 2-year percentage (None when not scored, then
    ``ror_judgement`` is required). ``age`` is needed only when ``aces`` is registered.
    ``previous_band`` (optional) lets the result say whether the proposal is up or down.
    """

    rosh: str
    ogrs3_two_year: float | None = None
    ror_judgement: str | None = None
    requirements: frozenset[str] = frozenset()
    registrations: frozenset[str] = frozenset()
    age: int | None = None
    close_to_change: bool | None = None
    previous_band: str | None = None

    def __post_init__(self) -> None:
        if type(self.requirements) is not frozenset:
            object.__setattr__(self, "requirements", _code_set("requirements", self.requirements))
        if type(self.registrations) is not frozenset:
            object.__setattr__(
                self, "registrations", _code_set("registrations", self.registrations)
            )


@dataclass(frozen=True, slots=True)
class BandResult:
    """The proposed band, its minimum offer, and why (§4)."""

    band: str
    minimum_hours: int
    make_up: HoursMakeUp
    ror: str
    ror_source: str
    floor: str
    escalate_to_nps: bool
    reasons: tuple[Reason, ...]
    prompts: tuple[Reason, ...]
    previous_band: str | None = None
    change: str | None = None
    event: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "band": self.band,
            "minimum_hours": self.minimum_hours,
            "make_up": self.make_up.as_dict(),
            "ror": self.ror,
            "ror_source": self.ror_source,
            "floor": self.floor,
            "escalate_to_nps": self.escalate_to_nps,
            "reasons": [r.as_dict() for r in self.reasons],
            "prompts": [p.as_dict() for p in self.prompts],
        }
        if self.previous_band is not None:
            out["previous_band"] = self.previous_band
            out["change"] = self.change
        if self.event is not None:
            out["event"] = self.event
        return out


def _code_set(field_name: str, value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise RuleInputError(field_name, "must be a list of codes")
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise RuleInputError(field_name, f"codes must be strings, not {item!r}")
    return frozenset(items)
