"""The officer caseload summary (§16; ADR 0005): each officer's active cases by band, by the
protect level of their tier (ADR 0013) and the workload points they carry, one
``OfficerCaseload`` row per officer.

Pages that show caseloads (the staff list, the workload summary, the assignment candidates)
read it instead of counting every active case of every officer on each request (about 274,000
index entries for a whole provider at 300,000 people).

How it stays right:

* **Services track what they change.** A service that changes a case's officer, band, tier,
  points or activity wraps the write in ``tracking(person_ids)``: the four columns are read before
  and after, and the difference is added to the officers' rows (``cases = cases + 1`` …, an
  upsert, so concurrent writers never lose an update). Tracking nests: an inner ``tracking``
  of a case an outer one already tracks adds nothing, so a service may call another that
  tracks (``decide_band`` → ``refresh_workload_points``).
* **Bulk writers rebuild.** ``rebuild()`` recounts every officer from the cases, writes the
  rows that differ and returns them (the drift): ``desist recompute`` runs it at the end of
  every run (the nightly repair), and so do ``desist generate`` and the demo.
* **A check** (``check()``, ``desist caseloads --check``) compares the rows with a recount
  without writing.

Capacity is not stored: it is divided out where it always was (``facts.officer_capacity``),
so a change to how capacity is worked out needs no rebuild.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count, Q, Sum

from desist.people.models import Person
from desist.summaries import lock_against_writers

from .models import OfficerCaseload

BANDS = ("green", "yellow", "red", "blue")
# National tiering's protect levels (tiering.md): a case counts under its tier's first letter.
PROTECT = ("A", "B", "C", "D")
TIER_COLUMNS = tuple(f"tier_{level.lower()}" for level in PROTECT)
# The summary's columns, in the order of a delta vector.
COLUMNS = ("cases", *BANDS, "unbanded", *TIER_COLUMNS, "points")
# Points are sums of floats: a recount may differ from the running sum by rounding only.
POINTS_TOLERANCE = 0.01


@dataclass(frozen=True)
class Load:
    """An officer's active caseload: the count, by band ("none": not yet banded), by protect
    level of the tier ("none": no tier, or S), the points."""

    cases: int = 0
    points: float = 0.0
    by_band: dict[str, int] = field(default_factory=dict)
    by_protect: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_row(cls, row: OfficerCaseload) -> Load:
        tiered = {level: getattr(row, column) for level, column in zip(PROTECT, TIER_COLUMNS,
                                                                        strict=True)}
        return cls(cases=row.cases, points=float(row.points),
                   by_band={**{b: getattr(row, b) for b in BANDS}, "none": row.unbanded},
                   by_protect={**tiered, "none": row.cases - sum(tiered.values())})


def loads(staff_ids: Iterable[int]) -> dict[int, Load]:
    """The summary rows of these officers (an officer with no row holds no active case)."""
    ids = list(staff_ids)
    return {row.staff_id: Load.from_row(row)
            for row in OfficerCaseload.objects.filter(staff_id__in=ids)}


# --- Keeping it current ---------------------------------------------------------------------

_local = threading.local()


def _tracked() -> set[int]:
    if not hasattr(_local, "ids"):
        _local.ids = set()
    return _local.ids


def _states(ids: Iterable[int]) -> dict[int, tuple]:
    ids = list(ids)
    if not ids:
        return {}
    return {pk: rest for pk, *rest in Person.objects.filter(pk__in=ids).values_list(
        "pk", "responsible_officer_id", "active", "band", "tier", "workload_points")}


def _vector(state) -> tuple[int | None, list[float]]:
    """The officer a case counts for and what it adds to their row (None: it counts nowhere)."""
    officer, active, band, tier, points = state
    if officer is None or not active:
        return None, []
    vector = [1.0] + [1.0 if band == b else 0.0 for b in BANDS]
    vector.append(0.0 if band in BANDS else 1.0)
    vector += [1.0 if (tier or "").startswith(level) else 0.0 for level in PROTECT]
    vector.append(float(points or 0))
    return officer, vector


def _add(deltas: dict[int, list[float]], state, sign: int) -> None:
    officer, vector = _vector(state)
    if officer is None:
        return
    total = deltas.setdefault(officer, [0.0] * len(COLUMNS))
    for i, value in enumerate(vector):
        total[i] += sign * value


def _apply(deltas: dict[int, list[float]]) -> None:
    rows = [(officer, *[int(round(v)) for v in d[:-1]], d[-1])
            for officer, d in sorted(deltas.items()) if any(abs(v) > 1e-9 for v in d)]
    if not rows:
        return
    table = connection.ops.quote_name(OfficerCaseload._meta.db_table)
    names = ", ".join(COLUMNS)
    adds = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in COLUMNS)
    sql = (f"INSERT INTO {table} (staff_id, {names}) VALUES ({', '.join(['%s'] * (len(COLUMNS) + 1))}) "  # noqa: S608 - our names
           f"ON CONFLICT (staff_id) DO UPDATE SET {adds}")
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)  # in officer order: two writers never deadlock


class Tracker:
    """What one ``tracking`` block watches; ``created`` adds cases the block inserted."""

    def __init__(self, ids: set[int]):
        self.ids = ids
        self.before = _states(ids)
        self.new: set[int] = set()

    def created(self, person_ids: Iterable[int]) -> None:
        fresh = set(person_ids) - self.ids - _tracked()
        self.new |= fresh
        _tracked().update(fresh)

    def finish(self) -> None:
        deltas: dict[int, list[float]] = {}
        after = _states(self.ids | self.new)
        for pk in self.ids | self.new:
            if pk in self.before:
                _add(deltas, self.before[pk], -1)
            if pk in after:
                _add(deltas, after[pk], +1)
        _apply(deltas)


@contextlib.contextmanager
def tracking(person_ids: Iterable[int]) -> Iterator[Tracker]:
    """Wrap a write to these cases: their officers' summary rows follow it, in the same
    transaction (nothing is added if the block raises)."""
    with transaction.atomic():
        mine = set(person_ids) - _tracked()
        tracker = Tracker(mine)
        _tracked().update(mine)
        try:
            yield tracker
            tracker.finish()
        finally:
            _tracked().difference_update(mine | tracker.new)


def added(person_ids: Iterable[int]) -> None:
    """Cases just written from outside a service (an import, a fixture): count them for their
    officers as a service creating them would."""
    with tracking(()) as tracker:
        tracker.created(person_ids)


# --- Rebuild and check -------------------------------------------------------------------------

def recount(staff_ids: Iterable[int] | None = None) -> dict[int, tuple]:
    """The summary as the cases say it should be: officer → the columns' values."""
    cases = Person.objects.filter(active=True, responsible_officer__isnull=False)
    if staff_ids is not None:
        cases = cases.filter(responsible_officer_id__in=list(staff_ids))
    rows = (cases.order_by().values("responsible_officer_id")
            .annotate(cases=Count("pk"), points=Sum("workload_points"),
                      **{b: Count("pk", filter=Q(band=b)) for b in BANDS},
                      **{column: Count("pk", filter=Q(tier__startswith=level))
                         for level, column in zip(PROTECT, TIER_COLUMNS, strict=True)}))
    out = {}
    for r in rows:
        banded = sum(r[b] for b in BANDS)
        out[r["responsible_officer_id"]] = (r["cases"], *[r[b] for b in BANDS],
                                            r["cases"] - banded, *[r[c] for c in TIER_COLUMNS],
                                            float(r["points"] or 0))
    return out


@dataclass(frozen=True)
class Drift:
    """An officer whose summary row did not match a recount: (stored, recounted) columns."""

    staff_id: int
    stored: tuple
    counted: tuple


def _stored() -> dict[int, tuple]:
    return {pk: tuple(rest) for pk, *rest in
            OfficerCaseload.objects.values_list("staff_id", *COLUMNS)}


def _differs(a: tuple, b: tuple) -> bool:
    return tuple(a[:-1]) != tuple(b[:-1]) or abs(float(a[-1]) - float(b[-1])) > POINTS_TOLERANCE


def _drift(stored: dict[int, tuple], counted: dict[int, tuple]) -> list[Drift]:
    zero = (0,) * (len(COLUMNS) - 1) + (0.0,)
    out = []
    for pk in sorted(set(stored) | set(counted)):
        have, want = stored.get(pk, zero), counted.get(pk, zero)
        if _differs(have, want):
            out.append(Drift(pk, have, want))
    return out


def check() -> list[Drift]:
    """Officers whose row differs from a recount (read only; a write in flight may show)."""
    return _drift(_stored(), recount())


@transaction.atomic
def rebuild() -> list[Drift]:
    """Recount every officer, write the rows that differ, and return what was wrong.

    On PostgreSQL the table is locked against writers (readers carry on) for the recount, so a
    service's update either lands before the recount and is counted, or waits and is added to
    the recounted row: none is lost."""
    lock_against_writers(OfficerCaseload)
    counted = recount()
    drift = _drift(_stored(), counted)
    if drift:
        gone = [d.staff_id for d in drift if d.staff_id not in counted]
        OfficerCaseload.objects.filter(staff_id__in=gone).delete()
        rows = [OfficerCaseload(staff_id=d.staff_id, **dict(zip(COLUMNS, d.counted, strict=True)))
                for d in drift if d.staff_id in counted]
        OfficerCaseload.objects.bulk_create(rows, update_conflicts=True, unique_fields=["staff"],
                                            update_fields=list(COLUMNS), batch_size=1000)
    return drift
