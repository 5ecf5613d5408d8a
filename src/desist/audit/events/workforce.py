"""Staff hours and workload reductions (operating model §16): who changed an officer's capacity."""

from __future__ import annotations

from ..services import audit_record, source_of


def _reduction(row) -> dict:
    return {"reason": row.reason, "other": row.other, "percent": float(row.percent),
            "starts_on": row.starts_on.isoformat(),
            "ends_on": row.ends_on.isoformat() if row.ends_on else None}


def staff_hours_changed(*, user, staff, change, request=None) -> None:
    audit_record(
        actor=user, action="change", event="staff_hours_changed", object_type="staff",
        object_id=staff.pk,
        detail={"staff": staff.staff_code,
                "previous": float(change.previous) if change.previous is not None else None,
                "hours": float(change.hours), "reason": change.reason},
        source=source_of(request),
    )


def staff_reduction_recorded(*, user, staff, reduction, replaces=None, request=None) -> None:
    """A new reduction row: a new reduction, or (``replaces``) a change to an earlier one."""
    detail = {"staff": staff.staff_code, "reduction": reduction.pk, **_reduction(reduction),
              "note": reduction.note}
    if replaces is not None:
        detail["replaces"] = {"reduction": replaces.pk, **_reduction(replaces)}
    audit_record(
        actor=user, action="create", event="staff_reduction_recorded",
        object_type="staff_reduction", object_id=reduction.pk, detail=detail,
        source=source_of(request),
    )


def staff_reduction_withdrawn(*, user, staff, reduction, request=None) -> None:
    audit_record(
        actor=user, action="change", event="staff_reduction_withdrawn",
        object_type="staff_reduction", object_id=reduction.pk,
        detail={"staff": staff.staff_code, **_reduction(reduction),
                "reason_withdrawn": reduction.withdrawn_reason},
        source=source_of(request),
    )
