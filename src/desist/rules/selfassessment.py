"""The strengths-based self-assessment instrument as data, and what readings over time show.

Implements ``operating-model.md`` §6 (failures F2 and F3 in §18). The instrument — areas, the
scale, stage names and bands, area descriptors — is data a provider loads; Desist ships its own
default ten-area instrument (:data:`DEFAULT_INSTRUMENT`, wording written for Desist: no Justice
Star content). A licensed provider can load another instrument in the same shape.

Rules:
- a reading is complete only when every area is scored on the instrument's scale; an incomplete
  reading is a draft (:func:`missing_areas`);
- areas scoring **7 or below** need an objective in the plan, or a recorded reason for not
  setting one (:func:`unaddressed_areas`);
- a falling score since the previous reading is a prompt to review (:func:`compare`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason, gettext_noop

S6 = "operating-model.md §6"
OBJECTIVE_THRESHOLD = 7


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    low: int
    high: int
    description: str = ""


@dataclass(frozen=True, slots=True)
class Area:
    code: str
    title: str
    descriptor: str


@dataclass(frozen=True, slots=True)
class Instrument:
    name: str
    scale_min: int
    scale_max: int
    stages: tuple[Stage, ...]
    areas: tuple[Area, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(area.code for area in self.areas)

    def area(self, code: str) -> Area | None:
        return next((a for a in self.areas if a.code == code), None)

    def stage_for(self, score: int) -> Stage | None:
        return next((s for s in self.stages if s.low <= score <= s.high), None)

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "scale": {"min": self.scale_min, "max": self.scale_max},
            "stages": [
                {"name": s.name, "from": s.low, "to": s.high, "description": s.description}
                for s in self.stages
            ],
            "areas": [
                {"code": a.code, "title": a.title, "descriptor": a.descriptor} for a in self.areas
            ],
        }


# Desist's own instrument. Written for Desist; any resemblance in area names to other
# instruments is the domain's common vocabulary (operating-model.md §6 lists the areas).
DEFAULT_DEFINITION: dict[str, object] = {
    "name": "Desist strengths and needs self-assessment",
    "scale": {"min": 1, "max": 10},
    "stages": [
        {"name": "Stuck", "from": 1, "to": 2,
         "description": "Things feel fixed and hard to change; help is not yet wanted or trusted."},
        {"name": "Thinking about it", "from": 3, "to": 4,
         "description": "Starting to see what could be different and weighing it up."},
        {"name": "Making a start", "from": 5, "to": 6,
         "description": "Taking first steps with support, with some setbacks along the way."},
        {"name": "Keeping it going", "from": 7, "to": 8,
         "description": "Changes are holding most of the time; support is still useful."},
        {"name": "Self-reliant", "from": 9, "to": 10,
         "description": "Managing well without help from this service in this area."},
    ],
    "areas": [
        {"code": "home", "title": "Somewhere to live",
         "descriptor": "Having a safe, settled place to stay and keeping it."},
        {"code": "daily_life", "title": "Everyday living skills",
         "descriptor": "Money, bills, cooking, looking after yourself and your home."},
        {"code": "wellbeing", "title": "Mental and emotional well-being",
         "descriptor": "How you feel in yourself, and getting help with your mental health."},
        {"code": "community", "title": "Friends and community",
         "descriptor": "People around you who help you stay out of trouble, and feeling you belong."},
        {"code": "family", "title": "Relationships and family",
         "descriptor": "Close relationships that are safe, respectful and free of abuse."},
        {"code": "caring", "title": "Parenting and caring",
         "descriptor": "Looking after children or others who depend on you, safely and well."},
        {"code": "substances", "title": "Drugs and alcohol",
         "descriptor": "How drink or drugs affect your life, and getting on top of them."},
        {"code": "time", "title": "Work, learning and use of time",
         "descriptor": "Work, training, volunteering and how you spend your days."},
        {"code": "feelings", "title": "Handling strong feelings",
         "descriptor": "Noticing anger, stress or upset early and dealing with it without harm."},
        {"code": "offending", "title": "Living without crime",
         "descriptor": "Your choices, thinking and plans for a life without offending."},
    ],
}


def load_instrument(definition: object) -> Instrument:
    """Validate an instrument definition (as loaded from JSON) and return it normalised."""
    if not isinstance(definition, Mapping):
        raise RuleInputError("instrument", "must be an object with name, scale, stages and areas")
    name = definition.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RuleInputError("name", "give the instrument a name")
    low, high = _scale(definition.get("scale"))
    stages = _stages(definition.get("stages"), low, high)
    areas = _areas(definition.get("areas"))
    return Instrument(name.strip(), low, high, stages, areas)


def _scale(scale: object) -> tuple[int, int]:
    if not isinstance(scale, Mapping):
        raise RuleInputError("scale", "must give the lowest and highest score, e.g. 1 and 10")
    low, high = scale.get("min"), scale.get("max")
    if isinstance(low, bool) or not isinstance(low, int):
        raise RuleInputError("scale.min", "must be a whole number")
    if isinstance(high, bool) or not isinstance(high, int):
        raise RuleInputError("scale.max", "must be a whole number")
    if not 0 <= low < high <= 100:
        raise RuleInputError("scale", "the lowest score must be below the highest (0 to 100)")
    return low, high


def _stages(raw_stages: object, low: int, high: int) -> tuple[Stage, ...]:
    if not isinstance(raw_stages, list) or not raw_stages:
        raise RuleInputError("stages", "list at least one stage with its name and score band")
    stages: list[Stage] = []
    for index, raw in enumerate(raw_stages, start=1):
        if not isinstance(raw, Mapping):
            raise RuleInputError(f"stages[{index}]", "must have a name, from and to")
        stage_name, start, end = raw.get("name"), raw.get("from"), raw.get("to")
        if not isinstance(stage_name, str) or not stage_name.strip():
            raise RuleInputError(f"stages[{index}].name", "give the stage a name")
        if (isinstance(start, bool) or not isinstance(start, int)
                or isinstance(end, bool) or not isinstance(end, int)):
            raise RuleInputError(f"stages[{index}]", "from and to must be whole numbers")
        if start > end:
            raise RuleInputError(f"stages[{index}]", "from must not be above to")
        description = raw.get("description", "")
        if not isinstance(description, str):
            raise RuleInputError(f"stages[{index}].description", "must be text")
        stages.append(Stage(stage_name.strip(), start, end, description.strip()))
    stages.sort(key=lambda s: s.low)
    expected = low
    for stage in stages:
        if stage.low != expected:
            raise RuleInputError(
                "stages",
                f"the stages must cover every score from {low} to {high} once, without gaps or "
                f"overlaps (check the stage starting at {stage.low})",
            )
        expected = stage.high + 1
    if expected != high + 1:
        raise RuleInputError("stages", f"the last stage must end at the highest score, {high}")
    return tuple(stages)


def _areas(raw_areas: object) -> tuple[Area, ...]:
    if not isinstance(raw_areas, list) or not raw_areas:
        raise RuleInputError("areas", "list at least one area")
    if len(raw_areas) > 20:
        raise RuleInputError("areas", "an instrument has at most 20 areas")
    areas: list[Area] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_areas, start=1):
        if not isinstance(raw, Mapping):
            raise RuleInputError(f"areas[{index}]", "must have a code, title and descriptor")
        code, title, descriptor = raw.get("code"), raw.get("title"), raw.get("descriptor", "")
        if (not isinstance(code, str) or not code or len(code) > 30
                or not code.replace("_", "").isalnum() or code != code.lower()):
            raise RuleInputError(
                f"areas[{index}].code", "use a short code of lower-case letters, digits and _"
            )
        if code in seen:
            raise RuleInputError(f"areas[{index}].code", f"the code {code!r} is used twice")
        seen.add(code)
        if not isinstance(title, str) or not title.strip():
            raise RuleInputError(f"areas[{index}].title", "give the area a title")
        if not isinstance(descriptor, str):
            raise RuleInputError(f"areas[{index}].descriptor", "must be text")
        areas.append(Area(code, title.strip(), descriptor.strip()))
    return tuple(areas)


DEFAULT_INSTRUMENT = load_instrument(DEFAULT_DEFINITION)


def check_scores(instrument: Instrument, scores: Mapping[str, object]) -> dict[str, int]:
    """The scores that belong to the instrument and are on its scale; raises on anything else."""
    if not isinstance(scores, Mapping):
        raise RuleInputError("scores", "must map area codes to scores")
    clean: dict[str, int] = {}
    for code, value in scores.items():
        if instrument.area(code) is None:
            raise RuleInputError(code, "is not an area of this instrument")
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise RuleInputError(code, "must be a whole number")
        if not instrument.scale_min <= value <= instrument.scale_max:
            raise RuleInputError(
                code, f"must be from {instrument.scale_min} to {instrument.scale_max}"
            )
        clean[code] = value
    return clean


def missing_areas(instrument: Instrument, scores: Mapping[str, object]) -> tuple[Area, ...]:
    """Areas not yet scored: a reading with any is a draft and cannot be approved."""
    return tuple(a for a in instrument.areas if scores.get(a.code) is None)


@dataclass(frozen=True, slots=True)
class AreaChange:
    code: str
    title: str
    before: int | None
    after: int | None

    @property
    def change(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def falling(self) -> bool:
        return self.change is not None and self.change < 0


@dataclass(frozen=True, slots=True)
class Comparison:
    changes: tuple[AreaChange, ...]
    reasons: tuple[Reason, ...]

    @property
    def falling(self) -> tuple[AreaChange, ...]:
        return tuple(c for c in self.changes if c.falling)


def compare(
    instrument: Instrument, previous: Mapping[str, int] | None, current: Mapping[str, int]
) -> Comparison:
    """Per-area change since the previous reading; a falling area is a prompt to review (§6)."""
    previous = previous or {}
    changes = tuple(
        AreaChange(a.code, a.title, previous.get(a.code), current.get(a.code))
        for a in instrument.areas
    )
    reasons = [
        Reason.of(
            "s6_area_falling",
            S6,
            gettext_noop("%(area)s fell from %(before)s to %(after)s: review what has changed "
                         "with the person and whether the plan still fits."),
            area=c.title, before=c.before, after=c.after,
        )
        for c in changes
        if c.falling
    ]
    if not previous:
        reasons.append(Reason.of("s6_first_reading", S6,
                                 gettext_noop("First reading: nothing to compare yet.")))
    return Comparison(changes, tuple(reasons))


def unaddressed_areas(
    instrument: Instrument,
    scores: Mapping[str, int],
    addressed: Iterable[str],
    threshold: int = OBJECTIVE_THRESHOLD,
) -> tuple[Area, ...]:
    """Areas scoring ``threshold`` or below with neither an objective nor a recorded reason."""
    done = set(addressed)
    return tuple(
        a
        for a in instrument.areas
        if scores.get(a.code) is not None and scores[a.code] <= threshold and a.code not in done
    )
