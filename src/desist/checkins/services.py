"""Enrolling, identifying, checking in and missed check-ins (operating model §10, §11).

The person identifies with a one-time code or their PIN, and their date of birth. Five wrong
PINs in a row lock the check-in and tell the officer. Answers that need attention become an
officer task showing the answers. A missed check-in is a failed appointment of kind
"check-in", handed to the compliance absence service so it enters the §11 journey. Every step
is audited, the person's own steps included.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from desist.appointments.choices import Kind, Outcome
from desist.appointments.models import Appointment
from desist.audit import events
from desist.compliance import services as compliance
from desist.dates import format_date
from desist.errors import Refused
from desist.rules import checkins as rules
from desist.worklist import services as worklist

from . import selectors
from .choices import Channel, CheckInStatus
from .models import CheckIn, Enrolment, OneTimeCode, SeniorApproval

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_DAYS = 14


class CheckInRefused(Refused):
    default_code = "checkin_refused"


def _hash_code(code: str) -> str:
    cleaned = "".join(code.split()).upper().replace("-", "")
    return hashlib.sha256(cleaned.encode()).hexdigest()


def _user(acting_user):
    return acting_user if getattr(acting_user, "pk", None) else None


# --- Staff: approval, enrolment, codes, unlock ------------------------------------------------


@transaction.atomic
def senior_approval_record(*, acting_user, person, reason: str, request=None) -> SeniorApproval:
    if not reason.strip():
        raise CheckInRefused(_("Say why self-reporting is safe for this person."),
                             code="reason_required", field="reason")
    approval = SeniorApproval.objects.create(provider_id=person.provider_id, person=person,
                                             approved_by=_user(acting_user),
                                             reason=reason.strip()[:500])
    events.checkin_changed(user=acting_user, person=person, change="senior_approved",
                           object_type="checkin_approval", object_id=approval.pk,
                           request=request)
    return approval


def enrol(*, acting_user, person, every_days: int = 14, first_due_on: dt.date | None = None,
          today: dt.date | None = None, request=None) -> tuple[Enrolment, str]:
    """Enrol an eligible person for self-reporting; returns the enrolment and the new PIN (shown
    once to the officer, never stored in clear). Refused with the reasons when not eligible."""
    today = today or timezone.localdate()
    result = selectors.eligibility(person)
    if not result.eligible:
        events.checkin_changed(user=acting_user, person=person, change="enrolment_refused",
                               detail={"blocks": list(result.blocks)}, request=request)
        raise CheckInRefused(" ".join(r.text for r in result.reasons), code="not_eligible",
                             reasons=result.reasons, conflict=True)
    if not 1 <= every_days <= 90:
        raise CheckInRefused(_("Check-ins must be between every day and every 90 days."),
                             code="bad_interval", field="every_days")
    return _save_enrolment(acting_user=acting_user, person=person, every_days=every_days,
                           first_due_on=first_due_on or today + dt.timedelta(days=every_days),
                           request=request)


@transaction.atomic
def _save_enrolment(*, acting_user, person, every_days, first_due_on, request):
    pin = _new_pin(person)
    enrolment, created = Enrolment.objects.update_or_create(
        person=person, defaults={
            "provider_id": person.provider_id, "pin_hash": make_password(pin),
            "every_days": every_days, "next_due_on": first_due_on, "failed_attempts": 0,
            "locked_at": None, "active": True, "created_by": _user(acting_user)})
    events.checkin_changed(user=acting_user, person=person,
                           change="enrolled" if created else "pin_reset", object_id=enrolment.pk,
                           detail={"every_days": every_days,
                                   "next_due_on": first_due_on.isoformat()}, request=request)
    return enrolment, pin


def _new_pin(person) -> str:
    """A 6-digit PIN no other enrolled person with the same date of birth has."""
    others = list(Enrolment.objects.filter(person__date_of_birth=person.date_of_birth,
                                           active=True).exclude(person=person)
                  .values_list("pin_hash", flat=True))
    while True:
        pin = f"{secrets.randbelow(10**6):06d}"
        if not any(check_password(pin, h) for h in others if h):
            return pin


@transaction.atomic
def code_issue(*, acting_user, enrolment: Enrolment, today: dt.date | None = None,
               request=None) -> str:
    """A one-time code, valid for 14 days, shown once to the officer."""
    today = today or timezone.localdate()
    if not enrolment.active:
        raise CheckInRefused(_("The person is not enrolled for check-ins."), code="not_enrolled",
                             conflict=True)
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        if not OneTimeCode.objects.filter(code_hash=_hash_code(code)).exists():
            break
    row = OneTimeCode.objects.create(enrolment=enrolment, code_hash=_hash_code(code),
                                     expires_on=today + dt.timedelta(days=CODE_DAYS),
                                     issued_by=_user(acting_user))
    events.checkin_changed(user=acting_user, person=enrolment.person, change="code_issued",
                           object_type="checkin_code", object_id=row.pk,
                           detail={"expires_on": row.expires_on.isoformat()}, request=request)
    return f"{code[:4]}-{code[4:]}"


@transaction.atomic
def unlock(*, acting_user, enrolment: Enrolment, request=None) -> Enrolment:
    locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    locked.failed_attempts = 0
    locked.locked_at = None
    locked.save(update_fields=["failed_attempts", "locked_at"])
    events.checkin_changed(user=acting_user, person=locked.person, change="unlocked",
                           object_id=locked.pk, request=request)
    for task in locked.person.tasks.filter(kind="checkin_locked", status="open"):
        worklist.close_task(task, user=acting_user, outcome=_("Check-in unlocked"))
    return locked


# --- The person: identify and check in -----------------------------------------------------------


def identify(*, date_of_birth: dt.date, pin: str = "", code: str = "", channel: str,
             provider_id: int | None = None, today: dt.date | None = None,
             request=None) -> Enrolment:
    """The enrolment of the person who entered this code or PIN and date of birth, or a
    refusal that does not say which part was wrong. Wrong PINs count toward the lock, and the
    count is kept even though the attempt is refused."""
    today = today or timezone.localdate()
    not_recognised = CheckInRefused(_("We could not match those details. Check them and try "
                                      "again, or ask at reception."), code="not_recognised",
                                    field="pin" if pin else "code")
    candidates = Enrolment.objects.filter(active=True, person__date_of_birth=date_of_birth) \
        .select_related("person")
    if provider_id is not None:
        candidates = candidates.filter(provider_id=provider_id)
    if code:
        found = OneTimeCode.objects.filter(
            code_hash=_hash_code(code), used_at__isnull=True, expires_on__gte=today,
            enrolment__in=candidates).select_related("enrolment__person").first()
        if found is None:
            raise not_recognised
        _refuse_if_locked(found.enrolment)
        with transaction.atomic():
            OneTimeCode.objects.filter(pk=found.pk).update(used_at=timezone.now())
            events.checkin_changed(user=None, person=found.enrolment.person,
                                   change="identified", object_id=found.enrolment.pk,
                                   detail={"by": "code", "channel": channel}, request=request)
        return found.enrolment
    enrolments = list(candidates)
    for enrolment in enrolments:
        if enrolment.pin_hash and check_password(pin, enrolment.pin_hash):
            _refuse_if_locked(enrolment)
            with transaction.atomic():
                Enrolment.objects.filter(pk=enrolment.pk).update(failed_attempts=0)
                events.checkin_changed(user=None, person=enrolment.person, change="identified",
                                       object_id=enrolment.pk,
                                       detail={"by": "pin", "channel": channel}, request=request)
            return enrolment
    for enrolment in enrolments:
        if enrolment.locked_at is None:
            _wrong_pin(enrolment, channel=channel, request=request)
    if len(enrolments) == 1 and Enrolment.objects.filter(
            pk=enrolments[0].pk, locked_at__isnull=False).exists():
        raise CheckInRefused(_("Check-in is locked after too many wrong PINs. Ask at reception "
                               "or call your officer."), code="locked", conflict=True)
    raise not_recognised


def _refuse_if_locked(enrolment: Enrolment) -> None:
    if enrolment.locked_at is not None:
        raise CheckInRefused(_("Check-in is locked after too many wrong PINs. Ask at reception "
                               "or call your officer."), code="locked", conflict=True)


@transaction.atomic
def _wrong_pin(enrolment: Enrolment, *, channel: str, request=None) -> None:
    locked = Enrolment.objects.select_for_update().select_related("person").get(pk=enrolment.pk)
    if locked.locked_at is not None:
        return
    locked.failed_attempts += 1
    state = rules.pin_state(locked.failed_attempts)
    person = locked.person
    events.checkin_changed(user=None, person=person, change="wrong_pin", object_id=locked.pk,
                           detail={"attempts": locked.failed_attempts, "channel": channel},
                           request=request)
    if state.locked:
        locked.locked_at = timezone.now()
        events.checkin_changed(user=None, person=person, change="locked", object_id=locked.pk,
                               detail={"attempts": locked.failed_attempts}, request=request)
        worklist.raise_task(
            provider_id=person.provider_id, person=person, kind="checkin_locked",
            key=f"checkin_locked:{locked.pk}", due_on=timezone.localdate(),
            title=_("%(name)s's check-in is locked after %(n)s wrong PINs") % {
                "name": person.name, "n": locked.failed_attempts},
            detail=state.reasons[0].text, data={"enrolment": locked.pk})
    locked.save(update_fields=["failed_attempts", "locked_at"])


@transaction.atomic
def check_in(*, enrolment: Enrolment, channel: str, answers: dict[str, bool],
             details: str = "", now: dt.datetime | None = None, request=None) -> CheckIn:
    """Record the check-in and its answers; answers needing attention become an officer task
    showing them; the next check-in falls due ``every_days`` later."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if channel not in Channel.values:
        raise CheckInRefused(_("Unknown check-in channel."), code="bad_channel")
    locked = Enrolment.objects.select_for_update().select_related("person").get(pk=enrolment.pk)
    if not locked.active or locked.locked_at is not None:
        raise CheckInRefused(_("Check-in is not available. Ask at reception or call your "
                               "officer."), code="locked", conflict=True)
    person = locked.person
    found = rules.exceptions(answers)
    appointment = Appointment.objects.create(
        provider_id=person.provider_id, person=person, kind=Kind.CHECK_IN, starts_at=now,
        ends_at=now + dt.timedelta(minutes=5), purpose=str(Channel(channel).label),
        rar_activity=False, outcome=Outcome.ATTENDED, outcome_recorded_at=now)
    row = CheckIn.objects.create(
        provider_id=person.provider_id, person=person, enrolment=locked,
        status=CheckInStatus.DONE, channel=channel, due_on=locked.next_due_on,
        checked_in_at=now, answers={k: bool(v) for k, v in answers.items()},
        details=details.strip()[:2000], needs_attention=bool(found), appointment=appointment)
    locked.next_due_on = today + dt.timedelta(days=locked.every_days)
    locked.save(update_fields=["next_due_on"])
    events.checkin_changed(user=None, person=person, change="checked_in", object_type="checkin",
                           object_id=row.pk, detail={"channel": channel,
                                                     "answers": row.answers,
                                                     "needs_attention": row.needs_attention},
                           request=request)
    if found:
        lines = [r.text for r in found]
        if row.details:
            lines.append(_("What they wrote: %(text)s") % {"text": row.details})
        worklist.raise_task(
            provider_id=person.provider_id, person=person, kind="checkin_answers",
            key=f"checkin_answers:{row.pk}", due_on=today,
            title=_("%(name)s checked in on %(day)s: %(what)s") % {
                "name": person.name, "day": format_date(today, "long"),
                "what": "; ".join(r.text.rstrip(".").lower() for r in found)},
            detail="\n".join(lines), data={"checkin": row.pk, "answers": row.answers})
    return row


# --- Missed check-ins (scheduled) ----------------------------------------------------------------


def record_missed(*, today: dt.date | None = None, provider_id: int | None = None) -> dict:
    """Every check-in day that passed without a check-in becomes a missed check-in: a failed
    "check-in" appointment handed to the compliance absence service (§11)."""
    today = today or timezone.localdate()
    missed = 0
    for enrolment in selectors.due_enrolments(today, provider_id):
        _record_one_missed(enrolment, today)
        missed += 1
    return {"missed": missed}


@transaction.atomic
def _record_one_missed(enrolment: Enrolment, today: dt.date) -> CheckIn | None:
    locked = Enrolment.objects.select_for_update().select_related("person").get(pk=enrolment.pk)
    if not locked.active or locked.next_due_on >= today:
        return None
    person = locked.person
    due = locked.next_due_on
    tz = timezone.get_current_timezone()
    starts = dt.datetime.combine(due, dt.time(9, 0), tzinfo=tz)
    appointment = Appointment.objects.create(
        provider_id=person.provider_id, person=person, kind=Kind.CHECK_IN, starts_at=starts,
        ends_at=dt.datetime.combine(due, dt.time(17, 0), tzinfo=tz),
        purpose=_("Self-reporting check-in"), rar_activity=False, outcome=Outcome.FAILED,
        outcome_recorded_at=timezone.now())
    row = CheckIn.objects.create(provider_id=person.provider_id, person=person,
                                 enrolment=locked, status=CheckInStatus.MISSED, due_on=due,
                                 appointment=appointment)
    while locked.next_due_on < today:
        locked.next_due_on += dt.timedelta(days=locked.every_days)
    locked.save(update_fields=["next_due_on"])
    events.checkin_changed(user=None, person=person, change="missed", object_type="checkin",
                           object_id=row.pk, detail={"due_on": due.isoformat()})
    appointment.person = person
    compliance.record_absence(user=None, appointment=appointment, today=today)
    return row
