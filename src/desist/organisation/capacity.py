"""Reads of staff capacity (§16): contracted hours and the reductions in force, handed to the
rules core (``rules.workload.available_capacity``). Lists load every officer's reductions in one
query (:func:`attach_reductions`); one officer's page reads theirs with :func:`staff_capacity`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from desist.rules import workload
from desist.rules.reductions import Reduction

from .models import HoursChange, Staff, StaffReduction


def as_rule(row: StaffReduction) -> Reduction:
    return Reduction(reason=row.reason, percent=float(row.percent), starts_on=row.starts_on,
                     ends_on=row.ends_on, other=row.other)


def current_reductions(staff_ids: Iterable[int]) -> dict[int, list[Reduction]]:
    """Each officer's current reductions (not replaced, not withdrawn), past and future alike:
    the rules decide which are in force on the day. One query (index ``reduction_current``)."""
    out: dict[int, list[Reduction]] = {}
    rows = StaffReduction.objects.filter(staff_id__in=list(staff_ids), replaced_by__isnull=True,
                                         withdrawn_at__isnull=True).order_by("starts_on", "pk")
    for row in rows:
        out.setdefault(row.staff_id, []).append(as_rule(row))
    return out


def attach_reductions(staff: list[Staff]) -> list[Staff]:
    """Load the reductions of a list of officers at once (``staff_capacity`` then reads none)."""
    by_officer = current_reductions(s.pk for s in staff)
    for member in staff:
        member.current_reductions = by_officer.get(member.pk, [])
    return staff


def staff_capacity(staff: Staff, weights: workload.WorkloadWeights,
                   on: dt.date) -> workload.HoursCapacity | None:
    """The officer's capacity on ``on`` with its working, or None for a grade that carries no
    caseload (no grade target)."""
    if staff.grade not in weights.table("grade_targets"):
        return None
    reductions = getattr(staff, "current_reductions", None)
    if reductions is None:
        reductions = current_reductions([staff.pk]).get(staff.pk, [])
    return workload.available_capacity(staff.grade, float(staff.contracted_hours), reductions,
                                       on=on, weights=weights)


def reduction_history(staff: Staff) -> list[StaffReduction]:
    """Every reduction row of the officer, current or not, newest start first."""
    return list(StaffReduction.objects.filter(staff=staff)
                .select_related("recorded_by", "withdrawn_by", "replaced_by"))


def hours_history(staff: Staff, limit: int = 50) -> list[HoursChange]:
    return list(HoursChange.objects.filter(staff=staff).select_related("changed_by")[:limit])


def staff_reduction(staff: Staff, pk: int) -> StaffReduction | None:
    """One of this officer's reduction rows (None for another officer's)."""
    return StaffReduction.objects.filter(staff=staff, pk=pk).first()
