"""Booking appointments and recording outcomes; RAR, minimum-offer and contact-gap checks.

Booking refuses, with reasons a person understands, a venue that does not meet the person's
needs (§1), a time outside the venue's hours or during the person's work, and a clash with the
person's or the officer's other appointments. Each write owns its transaction and audit event.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from desist.audit import events
from desist.dates import format_date
from desist.errors import Refused
from desist.locking import locked_for_edit
from desist.people.models import Person
from desist.rules import venues as venue_rules
from desist.rules.contact import DEFAULT_CONTACT, check_contact, contact_days_over
from desist.rules.enforcement import reschedule_allowed
from desist.rules.rar import rar_alert
from desist.rules.reasons import Reason
from desist.worklist import services as worklist
from desist.worklist.models import Task

from . import selectors
from .choices import FREES_SLOT, MEANINGFUL_KINDS, Kind, Outcome
from .models import Appointment
from .signals import appointment_booked, outcome_recorded


class BookingRefused(Refused):
    default_code = "booking_refused"

    def __init__(self, reasons, **kwargs):
        reasons = tuple(reasons)
        super().__init__(" ".join(r.text for r in reasons), reasons=reasons, **kwargs)


class OutcomeRefused(Refused):
    default_code = "outcome_refused"


def needs_of(person) -> venue_rules.PersonNeeds:
    return venue_rules.PersonNeeds(
        name=person.name, wheelchair_user=person.wheelchair_user,
        female=person.gender == "female", work_starts_at=person.work_starts_at,
        work_ends_at=person.work_ends_at,
    )


def venue_facts(venue) -> venue_rules.VenueFacts:
    return venue_rules.VenueFacts(
        name=venue.name, wheelchair_access=venue.wheelchair_access,
        private_rooms=venue.private_rooms, women_only=venue.women_only,
        evening_days=tuple(venue.evening_days or ()), evening_closes_at=venue.evening_closes_at,
    )


def venue_choices(person, venues, *, sensitive: bool = False) -> list[tuple[int, str]]:
    """(pk, label) for a venue list: each venue that does not suit the person says why (§1)."""
    needs = needs_of(person)
    choices = []
    for venue in venues:
        problems = venue_rules.venue_problems(
            venue_facts(venue), needs,
            venue_rules.Slot(dt.datetime.min, dt.datetime.min, sensitive=sensitive))
        label = venue.name
        if problems:
            label += " – " + _("not suitable: %(why)s") % {
                "why": "; ".join(p.code.split("_", 1)[1].replace("_", " ") for p in problems)}
        choices.append((venue.pk, label))
    return choices


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value).replace(tzinfo=None)


def _hm(value: dt.datetime) -> str:
    return _local(value).strftime("%H:%M")


def _clashes(person, officer, starts_at, ends_at, *, exclude_pk=None) -> list[Reason]:
    overlapping = (Appointment.objects.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)
                   .exclude(outcome__in=list(FREES_SLOT)))
    if exclude_pk:
        overlapping = overlapping.exclude(pk=exclude_pk)
    who = Q(person=person)
    if officer is not None:
        who |= Q(officer=officer)
    problems = []
    for other in overlapping.filter(who).select_related("venue", "officer__user")[:5]:
        when = f"{_hm(other.starts_at)}–{_hm(other.ends_at)} on " \
               f"{format_date(_local(other.starts_at), 'day')}"
        where = f" at {other.venue.name}" if other.venue is not None else ""
        if other.person_id == person.pk:
            text = _("%(name)s already has an appointment %(when)s%(where)s (%(what)s).") % {
                "name": person.name, "when": when, "where": where,
                "what": other.get_kind_display().lower()}
            problems.append(Reason("s10_person_clash", "operating-model.md §10", text))
        else:
            text = _("%(officer)s is already booked %(when)s%(where)s.") % {
                "officer": officer, "when": when, "where": where}
            problems.append(Reason("s10_officer_clash", "operating-model.md §10", text))
    return problems


def check_booking(*, person, venue, starts_at: dt.datetime, ends_at: dt.datetime, kind: str,
                  officer=None, sensitive=False, women_only=False,
                  exclude_pk=None) -> list[Reason]:
    """Every reason the booking cannot be made (empty when it can)."""
    needs = needs_of(person)
    slot = venue_rules.Slot(starts=_local(starts_at), ends=_local(ends_at), sensitive=sensitive,
                            women_only_required=women_only, office_hours_apply=kind != Kind.UPW)
    facts = venue_facts(venue) if venue is not None else None
    problems = list(venue_rules.venue_problems(facts, needs, slot)) if facts else []
    problems += venue_rules.time_problems(facts, needs, slot)
    if ends_at > starts_at:
        problems += _clashes(person, officer, starts_at, ends_at, exclude_pk=exclude_pk)
    return problems


@transaction.atomic
def book(*, user, person, kind: str, venue, starts_at: dt.datetime, ends_at: dt.datetime,
         rar_activity: bool, officer=None, partner=None, referral=None, purpose: str = "",
         sensitive: bool = False, women_only: bool = False, request=None) -> Appointment:
    """Book an appointment, or raise ``BookingRefused`` saying why it cannot be."""
    # One booking per person at a time, so two officers cannot both take the same slot.
    Person.objects.select_for_update().filter(pk=person.pk).values_list("pk", flat=True).first()
    if kind == Kind.OFFICER and officer is None:
        officer = person.responsible_officer
    if referral is not None and partner is None:
        partner = referral.partner
    problems = check_booking(person=person, venue=venue, starts_at=starts_at, ends_at=ends_at,
                             kind=kind, officer=officer, sensitive=sensitive,
                             women_only=women_only)
    if problems:
        raise BookingRefused(problems)
    appointment = Appointment.objects.create(
        provider_id=person.provider_id, person=person, kind=kind, officer=officer,
        partner=partner, referral=referral, venue=venue, starts_at=starts_at, ends_at=ends_at,
        purpose=purpose, rar_activity=rar_activity, sensitive=sensitive, women_only=women_only,
        created_by=user if getattr(user, "pk", None) else None,
    )
    appointment.person = person
    events.appointment_booked(user=user, appointment=appointment, request=request)
    appointment_booked.send(sender=Appointment, appointment=appointment, user=user)
    return appointment


def _refuse_late_reschedule(appointment: Appointment, now: dt.datetime | None) -> None:
    """Once the appointment time has come, a person who did not come is absent, not
    rescheduled: the absence goes to the officer (rules.enforcement.reschedule_allowed)."""
    check = reschedule_allowed(_local(appointment.starts_at), _local(now or timezone.now()))
    if not check.allowed:
        raise OutcomeRefused(" ".join(r.text for r in check.reasons))


@transaction.atomic
def record_outcome(*, user, appointment: Appointment, outcome: str, evidence: str = "",
                   expected_version: int | None = None, today: dt.date | None = None,
                   now: dt.datetime | None = None, request=None) -> Appointment:
    """Record what happened. Evidence is required for an acceptable absence; "rescheduled" only
    before the appointment starts."""
    today = today or timezone.localdate()
    locked = locked_for_edit(Appointment.objects.select_related("person"), appointment.pk,
                             expected_version, message=_("This appointment has changed since "
                                                         "you opened it. Check it and try again."))
    if locked.outcome:
        raise OutcomeRefused(_("The outcome of this appointment is already recorded."))
    if outcome not in Outcome.values or outcome == Outcome.BOOKED:
        raise OutcomeRefused(_("Choose what happened at the appointment."))
    if outcome == Outcome.RESCHEDULED:
        _refuse_late_reschedule(locked, now)
    if outcome != Outcome.RESCHEDULED and _local(locked.starts_at).date() > today:
        raise OutcomeRefused(_("The appointment has not happened yet: only rescheduling is "
                               "possible before the day."))
    if outcome == Outcome.ACCEPTABLE and not evidence.strip():
        raise OutcomeRefused(_("Describe the evidence that makes the absence acceptable."))
    locked.outcome = outcome
    locked.evidence = evidence.strip()
    locked.outcome_recorded_at = timezone.now()
    locked.outcome_recorded_by = user if getattr(user, "pk", None) else None
    locked.version += 1
    locked.save()
    events.appointment_outcome_recorded(user=user, appointment=locked, request=request)
    person = locked.person
    day = _local(locked.starts_at).date()
    if outcome == Outcome.ATTENDED and locked.kind in MEANINGFUL_KINDS:
        Person.objects.filter(pk=person.pk).filter(
            Q(last_contact_on__isnull=True) | Q(last_contact_on__lt=day)
        ).update(last_contact_on=day)
        person.refresh_from_db(fields=["last_contact_on"])
        close_contact_gap(person, user=user)
    if outcome in (Outcome.FAILED, Outcome.UNACCEPTABLE):
        worklist.raise_task(
            provider_id=person.provider_id, person=person, kind="non_attendance",
            key=f"non_attendance:appointment:{locked.pk}", due_on=today, actor=user,
            title=_("%(name)s: %(outcome)s on %(day)s – offer another appointment") % {
                "name": person.name, "outcome": locked.get_outcome_display().lower(),
                "day": format_date(day, "long")},
            data={"appointment": locked.pk},
        )
    check_rar_for(person, today=today, user=user)
    outcome_recorded.send(sender=Appointment, appointment=locked, user=user, request=request)
    return locked


@transaction.atomic
def reschedule(*, user, appointment: Appointment, starts_at, ends_at, venue=None,
               now: dt.datetime | None = None, request=None) -> Appointment:
    """Mark the appointment rescheduled and book the new one (same kind, officer, RAR flag).
    Refused once the appointment time has passed (it is then an absence)."""
    _refuse_late_reschedule(appointment, now)
    new = book(user=user, person=appointment.person, kind=appointment.kind,
               venue=venue or appointment.venue, starts_at=starts_at, ends_at=ends_at,
               rar_activity=appointment.rar_activity, officer=appointment.officer,
               partner=appointment.partner, referral=appointment.referral,
               purpose=appointment.purpose, sensitive=appointment.sensitive,
               women_only=appointment.women_only, request=request)
    old = record_outcome(user=user, appointment=appointment, outcome=Outcome.RESCHEDULED,
                         now=now, request=request)
    Appointment.objects.filter(pk=old.pk).update(rescheduled_to=new)
    return new


# --- RAR and contact: alerts on the officer's task list -------------------------------------


def check_rar_for(person, *, today: dt.date, user=None) -> None:
    status = selectors.rar_status(person, today)
    key = f"rar_at_risk:{person.crn}"
    if status is not None and status["result"].at_risk:
        result = status["result"]
        detail = " ".join(r.text for r in result.reasons)
        task, created = worklist.raise_task(
            provider_id=person.provider_id, person=person, kind="rar_at_risk", key=key,
            due_on=today + dt.timedelta(days=7), actor=user,
            title=_("RAR days at risk: %(owed)s of %(max)s days still owed") % {
                "owed": result.days_owed, "max": status["max_days"]},
            detail=detail, data={"owed": result.days_owed,
                                 "shortfall": result.projected_shortfall},
        )
        if not created:
            Task.objects.filter(pk=task.pk).update(detail=detail)
    else:
        worklist.close_open(provider_id=person.provider_id, key=key, user=user,
                            outcome=_("RAR back on track."), done=False)


def close_contact_gap(person, *, user=None) -> None:
    worklist.close_open(provider_id=person.provider_id, key=f"contact_gap:{person.crn}",
                        user=user, outcome=_("Meaningful contact recorded."))


def check_contact_gaps(*, today: dt.date | None = None, provider_id: int | None = None) -> dict:
    """Nightly: a ``contact_gap`` task for every active case whose gap is longer than its band
    allows (§10), or under a tiering policy its tier (ADR 0013), with the number of days;
    closed when contact resumes."""
    today = today or timezone.localdate()
    allowances = DEFAULT_CONTACT.max_days_between_contacts
    cases = selectors.contact_rows(provider_id=provider_id)
    overdue_keys = set()
    raised = 0
    as_of = today.toordinal()
    for pk, crn, band, tier, last, start, prov in cases:
        since = last or start
        if since is None or band not in allowances or since > today:
            continue
        if contact_days_over(allowances[band], since.toordinal(), as_of) <= 0:
            continue
        person = Person.objects.select_related("responsible_officer", "team").get(pk=pk)
        result = check_contact(_contact_input(band, today, last, start, tier))
        key = f"contact_gap:{crn}"
        overdue_keys.add(key)
        level = (_("tier %(tier)s") % {"tier": tier} if tier
                 else _("the %(band)s band") % {"band": band})
        title = _("No meaningful contact for %(days)s days (%(level)s allows %(allow)s)") % {
            "days": result.days_since, "level": level, "allow": result.allowance_days}
        task, created = worklist.raise_task(
            provider_id=prov, person=person, kind="contact_gap", key=key, due_on=today,
            title=title, detail=result.reasons[0].text,
            data={"days_since": result.days_since, "days_over": result.days_over},
        )
        raised += created
        if not created and task.title != title:
            Task.objects.filter(pk=task.pk).update(title=title, detail=result.reasons[0].text,
                                                   data={"days_since": result.days_since,
                                                         "days_over": result.days_over})
    stale = Task.objects.filter(kind="contact_gap", status=Task.Status.OPEN)
    if provider_id is not None:
        stale = stale.filter(provider_id=provider_id)
    closed = 0
    for task in stale.exclude(key__in=overdue_keys):
        worklist.close_task(task, outcome=_("Contact is within the case's allowance."))
        closed += 1
    return {"overdue": len(overdue_keys), "raised": raised, "closed": closed}


def _contact_input(band, today, last, start, tier=None):
    from desist.rules.contact import ContactInput

    return ContactInput(band=band, as_of=today, last_meaningful_contact=last,
                        supervision_start=min(start or today, last or today), tier=tier)


def check_rar_all(*, today: dt.date | None = None) -> dict:
    """Nightly: ``rar_at_risk`` tasks for every RAR whose days cannot be delivered in time."""
    today = today or timezone.localdate()
    rows = selectors.rar_rows()
    person_ids = [row[0] for row in rows]
    delivered = dict(
        Appointment.objects.filter(person_id__in=person_ids, outcome=Outcome.ATTENDED,
                                   rar_activity=True)
        .annotate(day=TruncDate("starts_at")).values("person_id")
        .annotate(days=Count("day", distinct=True)).values_list("person_id", "days")
    ) if person_ids else {}
    at_risk_keys = set()
    crns = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "crn")) if rows else {}
    for pid, max_days, start, end in rows:
        if start is None or end is None or end <= start or start > today:
            continue
        if rar_alert(max_days, delivered.get(pid, 0), start.toordinal(), end.toordinal(),
                     today.toordinal()):
            person = Person.objects.select_related("responsible_officer", "team").get(pk=pid)
            check_rar_for(person, today=today)
            at_risk_keys.add(f"rar_at_risk:{crns[pid]}")
    for task in Task.objects.filter(kind="rar_at_risk", status=Task.Status.OPEN).exclude(
            key__in=at_risk_keys):
        worklist.close_task(task, outcome=_("RAR back on track."), done=False)
    return {"checked": len(rows), "at_risk": len(at_risk_keys)}
