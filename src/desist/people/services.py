"""Writes to the case record. Each service owns its transaction and its audit event."""

from __future__ import annotations

from django.db import transaction

from desist.audit import events
from desist.locking import locked_for_edit, save_edits

from .models import Person
from .signals import details_changed

EDITABLE_DETAILS = (
    "address", "postcode", "phone", "employment_status", "work_starts_at", "work_ends_at",
    "dependants", "childcare_responsibilities", "letter_language",
)


@transaction.atomic
def person_update_details(
    *, acting_user, person: Person, expected_version: int, changes: dict, request=None
) -> Person:
    """Change personal details if nobody else has changed the case since it was opened."""
    locked = locked_for_edit(Person, person.pk, expected_version)
    diff = save_edits(locked, {name: changes[name] for name in EDITABLE_DETAILS if name in changes},
                      validate_exclude=["provider", "local_authority", "responsible_officer", "team"])
    if not diff:
        return locked
    events.person_changed(user=acting_user, person=locked, changes=diff, request=request)
    details_changed.send(sender=Person, person=locked, user=acting_user, changes=diff,
                         request=request)
    return locked
