"""Writes for the induction (§5): the suitability screen and the booking. Each owns its
transaction and audit event."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from desist.audit import events
from desist.errors import Refused
from desist.people.models import Person
from desist.risk.selectors import active_flags
from desist.rules import induction as induction_rules

from . import selectors
from .choices import InductionMode
from .models import InductionBooking, InductionScreen

SCREEN_FIELDS = (
    "literacy_needs", "numeracy_needs", "learning_disability", "anxiety_or_vulnerability",
    "interpreter_needed", "domestic_abuse_perpetrator", "domestic_abuse_victim",
    "disability_or_access_needs", "group_venue_meets_access_needs",
    "work_clashes_with_group_times",
)


class InductionRefused(Refused):
    """A screen or booking the rules refuse (the code stays the one planning used, for API
    clients that read it)."""

    default_code = "planning_refused"


def screen_defaults(person, today: dt.date) -> dict:
    """What the record already says, to start the screen from (the officer confirms each)."""
    flags = active_flags(person)
    return {
        "literacy_needs": person.literacy_need, "numeracy_needs": person.numeracy_need,
        "learning_disability": person.learning_disability,
        "interpreter_needed": person.interpreter_needed,
        "domestic_abuse_perpetrator": "domestic_abuse" in flags,
        "domestic_abuse_victim": "domestic_abuse_victim" in flags,
        "disability_or_access_needs": person.disability or person.wheelchair_user,
        "ethnicity": person.ethnicity, "religion": person.religion,
        "age": person.age_on(today),
    }


@transaction.atomic
def record_screen(*, acting_user, person, answers: dict, protected: dict, today: dt.date,
                  request=None) -> InductionScreen:
    age = person.age_on(today)
    decision = induction_rules.screen_for_group_induction(
        induction_rules.InductionScreen(age=age, **{k: bool(answers[k]) for k in SCREEN_FIELDS})
    )
    screen = InductionScreen.objects.create(
        person=person, age=age, **{k: bool(answers[k]) for k in SCREEN_FIELDS},
        ethnicity=protected.get("ethnicity", "")[:60], religion=protected.get("religion", "")[:60],
        sexual_orientation=protected.get("sexual_orientation", "")[:60],
        mode=decision.mode, reasons=[r.as_dict() for r in decision.reasons],
        restrictions=list(decision.restrictions), recorded_by=acting_user.staff,
    )
    # Protected characteristics belong on the case record too (equality monitoring, §2).
    changed = {}
    for name in ("ethnicity", "religion"):
        value = protected.get(name, "")[:60]
        if value and getattr(person, name) != value:
            changed[name] = {"from": getattr(person, name), "to": value}
    if changed:
        Person.objects.filter(pk=person.pk).update(
            **{k: v["to"] for k, v in changed.items()}, version=F("version") + 1)
        events.person_changed(user=acting_user, person=person, changes=changed, request=request)
    events.induction_screened(user=acting_user, screen=screen, request=request)
    return screen


@transaction.atomic
def book_induction(*, acting_user, person, mode: str, venue, starts_at: dt.datetime,
                   ends_at: dt.datetime, request=None) -> InductionBooking:
    """Book the induction as an appointment at a venue that suits the person.

    Refused without a screen, for a group when the screen says individual (F5), in the past,
    and wherever the appointments' venue rules refuse (§1: access, private room, opening hours,
    the person's work, clashes). An individual induction is sensitive one-to-one work with the
    responsible officer, so it needs a private room.
    """
    from desist.appointments import services as appointments
    from desist.appointments.choices import Kind

    screen = selectors.latest_screen(person)
    problems = induction_rules.booking_problems(
        mode, screen.mode if screen else None, timezone.localtime(starts_at),
        timezone.localtime())
    if problems:
        texts = [r.text for r in problems]
        if screen is not None and mode == InductionMode.GROUP and screen.mode != mode:
            texts += [r["text"] for r in screen.reasons if r["code"] not in
                      ("s5_domestic_abuse_perpetrator", "s5_screen_clear")]
        field = "day" if problems[0].code == "s5_booking_in_past" else "mode"
        raise InductionRefused(" ".join(texts), field=field)
    if screen is None:  # the rule refuses a booking without a screen (above): never reached
        raise InductionRefused("Record the induction screen before booking.", field="mode")
    individual = mode == InductionMode.INDIVIDUAL
    try:
        appointment = appointments.book(
            user=acting_user, person=person, kind=Kind.INDUCTION, venue=venue,
            starts_at=starts_at, ends_at=ends_at, rar_activity=False,
            officer=person.responsible_officer if individual else None,
            purpose=("Induction: one to one with your officer" if individual
                     else "Induction: group meeting"),
            sensitive=individual, request=request)
    except appointments.BookingRefused as refusal:
        venue_problem = any(r.code.startswith("s1_") and r.code not in (
            "s1_venue_closed", "s1_outside_opening_hours") for r in refusal.reasons)
        raise InductionRefused(" ".join(r.text for r in refusal.reasons),
                            field="venue" if venue_problem else "starts") from refusal
    place = ", ".join(p for p in (venue.name, venue.address, venue.postcode) if p)
    booking = InductionBooking.objects.create(person=person, screen=screen, mode=mode,
                                              booked_for=starts_at, place=place[:200],
                                              appointment=appointment,
                                              booked_by=acting_user.staff)
    events.induction_booked(user=acting_user, booking=booking, request=request)
    return booking
