"""Writes to staff capacity (§16): contracted hours and workload reductions, each a new row with
who, when and why, audited. Nothing is overwritten: a changed reduction is a new row replacing
the old one, and one recorded in error is withdrawn (kept, with the reason)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from desist.audit import events
from desist.errors import Refused
from desist.rules.errors import RuleInputError
from desist.rules.reductions import Reduction

from .models import HoursChange, Staff, StaffReduction

MAX_HOURS = Decimal(60)


class CapacityRefused(Refused):
    default_code = "staff_capacity_refused"


def _check(reason: str, percent: Decimal, starts_on: dt.date, ends_on: dt.date | None,
           other: str) -> None:
    try:
        Reduction(reason=reason, percent=float(percent), starts_on=starts_on, ends_on=ends_on,
                  other=other)
    except RuleInputError as error:
        words = {"reason": "Choose a reason for the reduction",
                 "other": "Say what the reduction is for",
                 "percent": "Enter a percentage more than 0 and at most 100",
                 "ends_on": "The end date must be on or after the start date"}
        raise CapacityRefused(field=error.field,
                              problems={error.field: words.get(error.field, error.message)}) \
            from error


def _locked(staff: Staff) -> Staff:
    return Staff.objects.select_for_update().get(pk=staff.pk)


@transaction.atomic
def change_hours(*, user, staff: Staff, hours: Decimal, reason: str, request=None) -> HoursChange:
    """Set the officer's contracted hours a week (37 is full time), saying why."""
    staff = _locked(staff)
    problems = {}
    if not 0 < hours <= MAX_HOURS:
        problems["hours"] = f"Enter hours more than 0 and at most {MAX_HOURS}"
    elif hours == staff.contracted_hours:
        problems["hours"] = "These are already the contracted hours"
    if not reason.strip():
        problems["reason"] = "Say why the hours are changing"
    if problems:
        raise CapacityRefused(problems=problems)
    change = HoursChange.objects.create(staff=staff, hours=hours, previous=staff.contracted_hours,
                                        reason=reason.strip(), changed_by=user)
    staff.contracted_hours = hours
    staff.save(update_fields=["contracted_hours"])
    events.staff_hours_changed(user=user, staff=staff, change=change, request=request)
    return change


@transaction.atomic
def add_reduction(*, user, staff: Staff, reason: str, percent: Decimal, starts_on: dt.date,
                  ends_on: dt.date | None = None, other: str = "", note: str = "",
                  request=None) -> StaffReduction:
    """Record a reduction: a percentage of contracted hours, for a reason, from a date."""
    _locked(staff)
    other = other.strip() if reason == "other" else ""
    _check(reason, percent, starts_on, ends_on, other)
    row = StaffReduction.objects.create(
        staff=staff, reason=reason, other=other, percent=percent, starts_on=starts_on,
        ends_on=ends_on, note=note.strip(), recorded_by=user)
    events.staff_reduction_recorded(user=user, staff=staff, reduction=row, request=request)
    return row


@transaction.atomic
def end_reduction(*, user, staff: Staff, reduction: StaffReduction, ends_on: dt.date, note: str,
                  request=None) -> StaffReduction:
    """Give a current reduction an end date (or a new one): a new row replaces the old."""
    _locked(staff)
    old = StaffReduction.objects.select_for_update().get(pk=reduction.pk, staff=staff)
    if not old.current:
        raise CapacityRefused("This reduction has already been changed or withdrawn.",
                              field="ends_on", conflict=True)
    problems = {}
    if ends_on < old.starts_on:
        problems["ends_on"] = "The end date must be on or after the start date"
    elif ends_on == old.ends_on:
        problems["ends_on"] = "The reduction already ends on this date"
    if not note.strip():
        problems["note"] = "Say why the end date is changing"
    if problems:
        raise CapacityRefused(problems=problems)
    new = StaffReduction.objects.create(
        staff=staff, reason=old.reason, other=old.other, percent=old.percent,
        starts_on=old.starts_on, ends_on=ends_on, note=note.strip(), recorded_by=user)
    old.replaced_by = new
    old.save(update_fields=["replaced_by"])
    events.staff_reduction_recorded(user=user, staff=staff, reduction=new, replaces=old,
                                    request=request)
    return new


@transaction.atomic
def withdraw_reduction(*, user, staff: Staff, reduction: StaffReduction, reason: str,
                       request=None) -> StaffReduction:
    """Withdraw a reduction recorded in error: it stays in the history and no longer counts."""
    _locked(staff)
    row = StaffReduction.objects.select_for_update().get(pk=reduction.pk, staff=staff)
    if not row.current:
        raise CapacityRefused("This reduction has already been changed or withdrawn.",
                              field="reason", conflict=True)
    if not reason.strip():
        raise CapacityRefused(problems={"reason": "Say why the reduction is withdrawn"})
    row.withdrawn_at, row.withdrawn_by, row.withdrawn_reason = timezone.now(), user, reason.strip()
    row.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    events.staff_reduction_withdrawn(user=user, staff=staff, reduction=row, request=request)
    return row
