"""The star: readings drawn as an SVG radar chart, with the data behind it as table rows.

Geometry only; the template draws it. The previous reading is overlaid (dashed) so progress per
area is visible, and the same numbers are given as a table for anyone who cannot see the chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from desist.rules import selfassessment as rules

WIDTH = 800  # wide enough for the longest area titles either side
HEIGHT = 500
CENTRE_X = WIDTH / 2
CENTRE_Y = HEIGHT / 2
RADIUS = 180
LABEL_RADIUS = 198


@dataclass(frozen=True)
class Spoke:
    code: str
    title: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str


def _point(index: int, count: int, fraction: float, radius: float = RADIUS) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return (round(CENTRE_X + radius * fraction * math.cos(angle), 1),
            round(CENTRE_Y + radius * fraction * math.sin(angle), 1))


def _polygon(spec: rules.Instrument, scores: dict) -> str:
    count = len(spec.areas)
    span = spec.scale_max - spec.scale_min
    points = []
    for index, area in enumerate(spec.areas):
        score = scores.get(area.code)
        fraction = 0.0 if score is None else (score - spec.scale_min + 1) / (span + 1)
        points.append("{},{}".format(*_point(index, count, fraction)))
    return " ".join(points)


def star(spec: rules.Instrument, current: dict, previous: dict | None) -> dict:
    """Everything the template needs to draw the star and its table."""
    count = len(spec.areas)
    spokes = []
    for index, area in enumerate(spec.areas):
        x, y = _point(index, count, 1.0)
        lx, ly = _point(index, count, 1.0, LABEL_RADIUS)
        anchor = "middle" if abs(lx - CENTRE_X) < 20 else ("start" if lx > CENTRE_X else "end")
        spokes.append(Spoke(area.code, area.title, x, y, lx, ly, anchor))
    span = spec.scale_max - spec.scale_min
    rings = []
    for stage in spec.stages:
        fraction = (stage.high - spec.scale_min + 1) / (span + 1)
        rings.append(" ".join("{},{}".format(*_point(i, count, fraction)) for i in range(count)))
    comparison = rules.compare(spec, previous, current)
    rows = []
    for change in comparison.changes:
        stage = spec.stage_for(change.after) if change.after is not None else None
        rows.append({
            "title": change.title, "before": change.before, "after": change.after,
            "change": change.change, "falling": change.falling,
            "stage": stage.name if stage else "",
            "at_or_below_threshold": change.after is not None
            and change.after <= rules.OBJECTIVE_THRESHOLD,
        })
    return {
        "width": WIDTH, "height": HEIGHT, "centre_x": CENTRE_X, "centre_y": CENTRE_Y,
        "spokes": spokes, "rings": rings,
        "current": _polygon(spec, current),
        "previous": _polygon(spec, previous) if previous else "",
        "rows": rows, "falling": [c.title for c in comparison.falling],
        "scale_min": spec.scale_min, "scale_max": spec.scale_max,
    }
