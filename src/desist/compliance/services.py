"""Absence decisions, flexible arrangements, required enforcement action, breach workflow.

The decision logic is the rules core's (``rules.enforcement.decide_enforcement``); this module
gathers the facts from the record, applies the result and writes the audit trail. Letters are
composed here (one per event, keyed) and produced by ``letters.produce_letters``.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from desist.appointments.choices import Outcome
from desist.audit import events
from desist.dates import format_date
from desist.errors import Refused
from desist.locking import locked_for_edit
from desist.rules.enforcement import (
    EnforcementInput,
    Failure,
    decide_enforcement,
)
from desist.rules.timescales import deadline
from desist.worklist import services as worklist

from .choices import AbsenceStatus, ActionKind, BreachOutcome, BreachStatus, LetterKind, LetterStatus
from .models import Absence, Breach, EnforcementAction, FlexibleArrangement, Letter
from .selectors import history_for, sentence_type_of, warned_on  # noqa: F401 (read here too)

BREACH_KINDS = {ActionKind.BREACH, ActionKind.RECALL, ActionKind.PSS_BREACH}


class DecisionRefused(Refused):
    default_code = "compliance_decision_refused"


def language_for(person) -> str:
    """The language of the person's letters, set on their personal details (wholly one)."""
    return "cy" if person.letter_language == "cy" else "en"


def _today(today):
    return today or timezone.localdate()


# --- Flexible arrangements -------------------------------------------------------------------


def arrangement_covering(person, day: dt.date) -> FlexibleArrangement | None:
    for arrangement in FlexibleArrangement.objects.filter(person=person, starts_on__lte=day):
        if arrangement.covers(day):
            return arrangement
    return None


@transaction.atomic
def record_arrangement(*, user, person, reason: str, starts_on: dt.date, changes: str,
                       ends_on: dt.date | None = None, weekdays=(), request=None,
                       today: dt.date | None = None) -> FlexibleArrangement:
    """Record an arrangement the officer agreed. Absences it covers that are still awaiting a
    decision are covered at once, and their pending letters are not sent."""
    arrangement = FlexibleArrangement.objects.create(
        provider_id=person.provider_id, person=person, reason=reason, starts_on=starts_on,
        ends_on=ends_on, weekdays=sorted(int(d) for d in weekdays), changes=changes,
        agreed_by=getattr(user, "staff", None),
    )
    events.arrangement_recorded(user=user, arrangement=arrangement, request=request)
    for absence in Absence.objects.filter(person=person, status=AbsenceStatus.AWAITING,
                                          failed_on__gte=starts_on).select_related("person"):
        if arrangement.covers(absence.failed_on):
            _cover(absence, arrangement, user=user, request=request)
    # The arrangement never overrides the officer's "unacceptable": an absence already judged
    # unacceptable whose letter has not gone out goes back to the officer, letter held (§11).
    for absence in Absence.objects.filter(
            person=person, status=AbsenceStatus.UNACCEPTABLE, failed_on__gte=starts_on,
            enforcement__kind=ActionKind.WARNING,
            letters__status=LetterStatus.PENDING).distinct().select_related("person"):
        if arrangement.covers(absence.failed_on):
            _conflict(absence, arrangement, user=user, request=request)
    return arrangement


def _conflict(absence: Absence, arrangement, *, user, request=None) -> None:
    """Judged unacceptable on a day an arrangement covers: the officer resolves it, shown both;
    nothing is sent meanwhile (rules.enforcement: ``arrangement_conflict``)."""
    absence.status = AbsenceStatus.CONFLICT
    absence.arrangement = arrangement
    decision = decide_enforcement(EnforcementInput(
        sentence_type=sentence_type_of(absence.person) or "community_order",
        failure=Failure(on=absence.failed_on, judged="unacceptable", flexible_arrangement=True)))
    absence.reasons = [r.as_record() for r in decision.reasons]
    absence.version += 1
    absence.save()
    events.absence_changed(user=user, absence=absence, change="arrangement_conflict",
                           detail={"arrangement": arrangement.pk}, request=request)
    for letter in Letter.objects.filter(absence=absence, status=LetterStatus.PENDING):
        letter.status = LetterStatus.HELD
        letter.save(update_fields=["status"])
        events.letter_changed(user=user, letter=letter, change="held")
    person = absence.person
    until = format_date(arrangement.ends_on, "long") if arrangement.ends_on else _("no end date")
    worklist.raise_task(
        provider_id=person.provider_id, person=person, kind="absence_decision",
        key=_conflict_key(absence), due_on=decision.deadline, actor=user,
        title=_("Resolve %(name)s's absence on %(day)s: judged unacceptable, but a flexible "
                "arrangement covers it") % {"name": person.name,
                                            "day": format_date(absence.failed_on, "long")},
        detail=_("Arrangement (%(reason)s, from %(start)s, until %(end)s): %(changes)s") % {
            "reason": arrangement.get_reason_display().lower(),
            "start": format_date(arrangement.starts_on, "long"), "end": until,
            "changes": arrangement.changes},
        data={"absence": absence.pk, "arrangement": arrangement.pk})


def _cover(absence: Absence, arrangement, *, user, request=None) -> None:
    absence.status = AbsenceStatus.COVERED
    absence.arrangement = arrangement
    absence.action = "none"
    decision = decide_enforcement(EnforcementInput(
        sentence_type=sentence_type_of(absence.person) or "community_order",
        failure=Failure(on=absence.failed_on, flexible_arrangement=True)))
    absence.reasons = [r.as_record() for r in decision.reasons]
    absence.version += 1
    absence.save()
    events.absence_changed(user=user, absence=absence, change="covered",
                           detail={"arrangement": arrangement.pk}, request=request)
    worklist.close_open(provider_id=absence.provider_id, key=_decision_key(absence), user=user,
                        outcome=_("Covered by a flexible arrangement."), done=False)
    _suppress_letters(absence, user=user)


# --- Absences --------------------------------------------------------------------------------


def _decision_key(absence) -> str:
    return f"absence_decision:{absence.pk}"


def _conflict_key(absence) -> str:
    return f"absence_conflict:{absence.pk}"


def on_outcome(sender, *, appointment, user=None, request=None, **kwargs) -> None:
    """Receiver of ``appointments.signals.outcome_recorded``: absences start the §11 process."""
    if appointment.outcome in (Outcome.FAILED, Outcome.UNACCEPTABLE, Outcome.ACCEPTABLE):
        record_absence(user=user, appointment=appointment, request=request)


def on_session_missed(sender, *, session, user=None, request=None, **kwargs) -> None:
    """Receiver of ``interventions.signals.session_missed``: a partner-recorded missed session
    is a failure to attend like a missed appointment (§11)."""
    record_absence(user=user, session=session, request=request)


@transaction.atomic
def record_absence(*, user, appointment=None, session=None, request=None,
                   today: dt.date | None = None) -> Absence:
    """The absence for this appointment or session (idempotent): covered by an arrangement,
    decided when the outcome already says acceptable / unacceptable, else awaiting the officer's
    decision."""
    today = _today(today)
    existing = (Absence.objects.filter(appointment=appointment) if appointment is not None
                else Absence.objects.filter(session=session)).first()
    if existing is not None:
        return existing
    if appointment is not None:
        person = appointment.person
        failed_on = appointment.local_starts.date()
        evidence = appointment.evidence
    else:
        person = session.referral.person
        failed_on = session.session_on
        evidence = ""
    absence = Absence.objects.create(
        provider_id=person.provider_id, person=person, appointment=appointment, session=session,
        failed_on=failed_on, due_on=deadline("absence_decision", failed_on).due,
        evidence=evidence,
    )
    absence.person = person
    events.absence_changed(user=user, absence=absence, change="recorded", request=request)
    arrangement = arrangement_covering(person, failed_on)
    outcome = appointment.outcome if appointment is not None else Outcome.FAILED
    if arrangement is not None and outcome == Outcome.UNACCEPTABLE:
        # The officer said "unacceptable": the arrangement does not silently override it (§11).
        absence.evidence = appointment.evidence
        _conflict(absence, arrangement, user=user, request=request)
        return absence
    if arrangement is not None:
        _cover(absence, arrangement, user=user, request=request)
        return absence
    if outcome == Outcome.ACCEPTABLE:
        return decide(user=user, absence=absence, judged="acceptable",
                      evidence=appointment.evidence, today=today, request=request)
    if outcome == Outcome.UNACCEPTABLE:
        return decide(user=user, absence=absence, judged="unacceptable",
                      evidence=appointment.evidence, today=today, request=request)
    worklist.raise_task(
        provider_id=person.provider_id, person=person, kind="absence_decision",
        key=_decision_key(absence), due_on=absence.due_on, actor=user,
        title=_("Decide whether %(name)s's absence on %(day)s was acceptable") % {
            "name": person.name, "day": format_date(failed_on, "long")},
        data={"absence": absence.pk},
    )
    return absence


@transaction.atomic
def attach_evidence(*, user, absence: Absence, description: str = "", file=None,
                    received_at: str = "", request=None) -> Absence:
    """Evidence presented at a local office, attached by whoever receives it."""
    locked = Absence.objects.select_for_update().select_related("person").get(pk=absence.pk)
    if description.strip():
        locked.evidence = (locked.evidence + "\n" if locked.evidence else "") + description.strip()
    if file is not None:
        locked.evidence_file = file.read()
        locked.evidence_file_name = file.name[:200]
    locked.evidence_received_by = getattr(user, "staff", None)
    locked.evidence_received_at = received_at[:200]
    locked.version += 1
    locked.save()
    events.absence_changed(user=user, absence=locked, change="evidence",
                           detail={"file": bool(file), "received_at": received_at[:200]},
                           request=request)
    return locked


@transaction.atomic
def decide(*, user, absence: Absence, judged: str, evidence: str = "",
           expected_version: int | None = None, today: dt.date | None = None,
           request=None) -> Absence:
    """The officer's decision, and the action the rules core requires for it (§11)."""
    today = _today(today)
    locked = locked_for_edit(Absence.objects.select_related("person"), absence.pk,
                             expected_version, message=_("This absence has changed since you "
                                                         "opened it. Check it and try again."))
    if locked.status not in (AbsenceStatus.AWAITING, AbsenceStatus.CONFLICT):
        raise DecisionRefused(_("This absence has already been decided (%(s)s).") % {
            "s": locked.get_status_display().lower()}, code="absence_already_decided", field="judged")
    if judged not in ("acceptable", "unacceptable"):
        raise DecisionRefused(_("Decide whether the absence was acceptable or unacceptable."),
                              code="absence_judgement_missing", field="judged")
    if locked.status == AbsenceStatus.CONFLICT:
        return _resolve_conflict(locked, judged=judged, reason=(evidence or "").strip(),
                                 user=user, today=today, request=request)
    evidence = (evidence or "").strip() or locked.evidence
    if judged == "acceptable" and not (evidence or locked.evidence_file):
        raise DecisionRefused(_("Record the evidence the absence was acceptable."),
                              code="absence_evidence_missing", field="evidence")
    person = locked.person
    sentence_type = sentence_type_of(person)
    locked.evidence = evidence
    locked.decided_by = user if getattr(user, "pk", None) else None
    locked.decided_on = today
    locked.status = judged
    locked.version += 1
    action_kind = None
    if sentence_type is None:
        locked.action = "none"
        locked.reasons = [{"code": "no_community_sentence", "section": "operating-model.md §11",
                           "text": "No order or licence in the community to enforce."}]
    else:
        decision = decide_enforcement(EnforcementInput(
            sentence_type=sentence_type,
            failure=Failure(on=locked.failed_on, judged=judged, evidence=evidence or None,
                            decided_on=today),
            history=history_for(person, locked.failed_on)))
        locked.action = decision.action
        locked.reasons = [r.as_record() for r in decision.reasons]
        if decision.action in ActionKind.values:
            action_kind = decision.action
            due_on = decision.deadline or today
    locked.save()
    events.absence_changed(user=user, absence=locked, change="decided",
                           detail={"judged": judged}, request=request)
    worklist.close_open(provider_id=locked.provider_id, key=_decision_key(locked), user=user,
                        outcome=_("Decided: %(j)s.") % {"j": judged})
    if judged == "acceptable":
        _suppress_letters(locked, user=user)
        return locked
    if action_kind is not None:
        _start_action(locked, action_kind, due_on, user=user, today=today, request=request)
    return locked


def _resolve_conflict(locked: Absence, *, judged: str, reason: str, user, today,
                      request=None) -> Absence:
    """The officer, shown the arrangement, resolves the conflict: "acceptable" (the arrangement
    covers it: nothing is sent, a held warning is withdrawn) or "unacceptable" (the arrangement
    does not excuse this failure: the action goes ahead). Either needs the officer's reason."""
    if not reason:
        raise DecisionRefused(_("Say why, in the evidence: what the decision rests on, given "
                                "the arrangement."), code="conflict_reason_missing", field="evidence")
    person = locked.person
    arrangement = locked.arrangement
    locked.evidence = (locked.evidence + "\n" if locked.evidence else "") + reason
    locked.decided_by = user if getattr(user, "pk", None) else None
    locked.decided_on = today
    locked.version += 1
    action = getattr(locked, "enforcement", None)  # the warning already decided, if any
    if judged == "acceptable":
        locked.status = AbsenceStatus.COVERED
        locked.action = "none"
        decision = decide_enforcement(EnforcementInput(
            sentence_type=sentence_type_of(person) or "community_order",
            failure=Failure(on=locked.failed_on, flexible_arrangement=True)))
        locked.reasons = [r.as_record() for r in decision.reasons]
        locked.save()
        for letter in Letter.objects.filter(absence=locked, status__in=(
                LetterStatus.HELD, LetterStatus.PENDING)):
            letter.status = LetterStatus.SUPPRESSED
            letter.save(update_fields=["status"])
            events.letter_changed(user=user, letter=letter, change="suppressed")
        if action is not None and action.done_on is None and action.kind == ActionKind.WARNING:
            # Withdrawn before it was served: closed, and never counted (no letter produced).
            action.done_on = today
            action.reasons = [*action.reasons, {
                "code": "s11_warning_withdrawn", "section": "operating-model.md §11",
                "text": "Withdrawn: the officer found the flexible arrangement covers the "
                        "absence."}]
            action.save(update_fields=["done_on", "reasons"])
            worklist.close_open(provider_id=locked.provider_id, key=f"enforcement:{action.pk}",
                                user=user, outcome=_("Withdrawn: the arrangement covers it."),
                                done=False)
    else:
        locked.status = AbsenceStatus.UNACCEPTABLE
        sentence_type = sentence_type_of(person)
        decision = None
        if sentence_type is not None:
            decision = decide_enforcement(EnforcementInput(
                sentence_type=sentence_type,
                failure=Failure(on=locked.failed_on, judged="unacceptable",
                                flexible_arrangement=True, arrangement_set_aside=True,
                                evidence=locked.evidence or None, decided_on=today),
                history=history_for(person, locked.failed_on)))
            locked.reasons = [r.as_record() for r in decision.reasons]
            if action is None:
                locked.action = decision.action
        locked.save()
        if action is not None:
            for letter in Letter.objects.filter(absence=locked, status=LetterStatus.HELD):
                letter.status = LetterStatus.PENDING
                letter.save(update_fields=["status"])
                events.letter_changed(user=user, letter=letter, change="released")
                _enqueue_letters()
        elif decision is not None and decision.action in ActionKind.values:
            _start_action(locked, decision.action, decision.deadline or today, user=user,
                          today=today, request=request)
    events.absence_changed(user=user, absence=locked, change="conflict_resolved",
                           detail={"judged": judged,
                                   "arrangement": arrangement.pk if arrangement else None},
                           request=request)
    worklist.close_open(provider_id=locked.provider_id, key=_conflict_key(locked), user=user,
                        outcome=_("Resolved: %(j)s.") % {"j": judged})
    return locked


def _start_action(absence: Absence, kind: str, due_on: dt.date, *, user, today, request=None):
    person = absence.person
    action = EnforcementAction.objects.create(
        provider_id=person.provider_id, person=person, absence=absence, kind=kind, on=today,
        due_on=due_on, reasons=absence.reasons)
    events.enforcement_decided(user=user, action=action, request=request)
    if kind == ActionKind.WARNING:
        worklist.raise_task(
            provider_id=person.provider_id, person=person, kind="enforcement",
            key=f"enforcement:{action.pk}", due_on=due_on, actor=user,
            title=_("Warning due for %(name)s (absence on %(day)s)") % {
                "name": person.name, "day": format_date(absence.failed_on, "long")},
            data={"action": action.pk})
        _band_review(person, event="warning", user=user, today=today,
                     title=_("Review the band of %(name)s: warning given") % {"name": person.name},
                     data={"event": "warning", "action": action.pk})
        compose_letter(person=person, kind=LetterKind.WARNING, event_key=f"absence:{absence.pk}",
                       absence=absence, action=action, user=user)
        return action
    breach = Breach.objects.create(provider_id=person.provider_id, person=person, action=action,
                                   kind=kind, started_on=today)
    breach.person = person
    events.breach_changed(user=user, breach=breach, change="started", request=request)
    worklist.raise_task(
        provider_id=person.provider_id, person=person, kind="breach", key=f"breach:{breach.pk}",
        due_on=due_on, actor=user, queue="hub",
        title=_("%(kind)s for %(name)s: officer's assessment, then submit") % {
            "kind": action.get_kind_display(), "name": person.name},
        data={"breach": breach.pk})
    _band_review(person, event="breach", user=user, today=today,
                 title=_("Review the band of %(name)s: breach action started") % {
                     "name": person.name}, data={"event": "breach", "breach": breach.pk})
    if kind != ActionKind.RECALL:
        # A recall request sends nothing to the person: the recall letter waits for the
        # decision (record_breach_outcome), so no one is told of a recall that may not happen.
        compose_letter(person=person, kind=LetterKind.BREACH, event_key=f"absence:{absence.pk}",
                       absence=absence, action=action, user=user)
    return action


def _band_review(person, *, event: str, user, today, title: str, data: dict) -> None:
    """An enforcement event is a significant event: the manager reviews the band (§4, §11)
    with the rules' recategorisation proposal (the allocation app's service); a case not yet
    banded gets the plain review task."""
    from desist.allocation.services import significant_event

    if significant_event(person=person, event=event, actor=user, today=today) is None:
        worklist.raise_task(
            provider_id=person.provider_id, person=person, kind="band_review",
            key=f"band_review:{person.crn}", due_on=today + dt.timedelta(days=5), actor=user,
            title=title, data=data)


# --- Letters: composed once per event --------------------------------------------------------


def compose_letter(*, person, kind: str, event_key: str, absence=None, appointment=None,
                   action=None, user=None) -> tuple[Letter, bool]:
    """The letter for this event, composing it if there is none yet. Returns (letter, created)."""
    existing = Letter.objects.filter(event_key=event_key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            letter = Letter.objects.create(
                provider_id=person.provider_id, person=person, event_key=event_key, kind=kind,
                language=language_for(person), absence=absence, appointment=appointment,
                action=action)
    except IntegrityError:  # composed concurrently by another team or job: theirs stands
        return Letter.objects.get(event_key=event_key), False
    letter.person = person
    events.letter_changed(user=user, letter=letter, change="composed")
    _enqueue_letters()
    return letter, True


def _enqueue_letters() -> None:
    """The worker produces the letter once the change is committed (no button to press); the
    scheduled ``letters`` job catches anything a lost queue entry left behind. One job per
    transaction however many letters it composed (one run produces every pending letter)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
            entry[1] is _queue_letter_job for entry in connection.run_on_commit):
        return
    transaction.on_commit(_queue_letter_job)


def _queue_letter_job() -> None:
    from .tasks import produce_letters

    produce_letters.enqueue()


def _suppress_letters(absence: Absence, *, user=None) -> None:
    for letter in Letter.objects.filter(absence=absence, status=LetterStatus.PENDING):
        letter.status = LetterStatus.SUPPRESSED
        letter.save(update_fields=["status"])
        events.letter_changed(user=user, letter=letter, change="suppressed")
    worklist_keys = [f"letter_failed:{pk}" for pk in absence.letters.values_list("pk", flat=True)]
    for key in worklist_keys:
        worklist.close_open(provider_id=absence.provider_id, key=key, user=user,
                            outcome=_("Letter no longer needed."), done=False)


def on_booked(sender, *, appointment, user=None, **kwargs) -> None:
    """Receiver of ``appointments.signals.appointment_booked``: the appointment letter."""
    compose_letter(person=appointment.person, kind=LetterKind.APPOINTMENT,
                   event_key=f"appointment:{appointment.pk}", appointment=appointment, user=user)


# --- Breach and recall -----------------------------------------------------------------------


@transaction.atomic
def submit_breach(*, user, breach: Breach, assessment: str, expected_version: int | None = None,
                  today: dt.date | None = None, request=None) -> Breach:
    """The officer's part: the assessment, then submit to the hub."""
    locked = locked_for_edit(Breach.objects.select_related("person"), breach.pk, expected_version,
                             message=_("This breach has changed since you opened it."))
    if locked.status != BreachStatus.OFFICER:
        raise DecisionRefused(_("This breach has already been submitted."))
    if not assessment.strip():
        raise DecisionRefused(_("Write the officer's assessment before submitting."))
    locked.officer_assessment = assessment.strip()
    locked.status = BreachStatus.SUBMITTED
    locked.submitted_on = _today(today)
    locked.submitted_by = user if getattr(user, "pk", None) else None
    locked.version += 1
    locked.save()
    events.breach_changed(user=user, breach=locked, change="submitted", request=request)
    return locked


@transaction.atomic
def record_breach_outcome(*, user, breach: Breach, outcome: str, notes: str = "",
                          expected_version: int | None = None, today: dt.date | None = None,
                          request=None) -> Breach:
    """The hub's part: what happened. Returned for improvement goes back to the officer."""
    today = _today(today)
    locked = locked_for_edit(Breach.objects.select_related("person", "action"), breach.pk,
                             expected_version,
                             message=_("This breach has changed since you opened it."))
    if locked.status != BreachStatus.SUBMITTED:
        raise DecisionRefused(_("Only a submitted breach can have an outcome recorded."))
    if outcome not in BreachOutcome.values:
        raise DecisionRefused(_("Choose the outcome."))
    locked.outcome = outcome
    locked.outcome_notes = notes.strip()
    locked.outcome_on = today
    locked.version += 1
    if outcome == BreachOutcome.RETURNED:
        locked.status = BreachStatus.OFFICER
    else:
        locked.status = BreachStatus.CLOSED
        EnforcementAction.objects.filter(pk=locked.action_id).update(done_on=today)
        worklist.close_open(provider_id=locked.provider_id, key=f"breach:{locked.pk}",
                            user=user, outcome=locked.get_outcome_display())
    locked.save()
    events.breach_changed(user=user, breach=locked, change="outcome", request=request)
    if locked.kind == ActionKind.RECALL and outcome == BreachOutcome.RECALLED:
        # The recall is decided: now, and only now, the person is written to (§11).
        compose_letter(person=locked.person, kind=LetterKind.RECALL,
                       event_key=f"recall:{locked.pk}", absence=locked.action.absence,
                       action=locked.action, user=user)
    return locked


# --- Letters the hub produced: reprint and mark as posted -------------------------------------


@transaction.atomic
def letter_mark_posted(*, acting_user, letter: Letter, request=None) -> Letter:
    """The hub posted the produced letter: who and when (once; a repeat is refused)."""
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    if locked.status != LetterStatus.PRODUCED:
        raise DecisionRefused(_("Only a produced letter can be marked as posted."))
    if locked.posted_at is not None:
        raise DecisionRefused(_("This letter is already marked as posted."))
    locked.posted_at = timezone.now()
    locked.posted_by = acting_user if getattr(acting_user, "pk", None) else None
    locked.save(update_fields=["posted_at", "posted_by"])
    locked.person = letter.person
    events.letter_changed(user=acting_user, letter=locked, change="posted")
    return locked


@transaction.atomic
def letter_reprint(*, acting_user, letter: Letter, request=None) -> Letter:
    """A reprint of the same produced letter (the same PDF, never re-composed), counted."""
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    if locked.status != LetterStatus.PRODUCED or not locked.pdf:
        raise DecisionRefused(_("Only a produced letter can be reprinted."))
    locked.reprints += 1
    locked.save(update_fields=["reprints"])
    locked.person = letter.person
    events.letter_changed(user=acting_user, letter=locked, change="reprinted")
    return locked
