"""Writes to the catalogue and referrals. Each owns its transaction and writes its audit event."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from desist.audit import events
from desist.dates import format_date
from desist.errors import Refused
from desist.locking import locked_for_edit
from desist.risk.selectors import link_worker as link_worker_of
from desist.rules.referrals import (
    OpenReferral,
    ReferralCheck,
    ReferralFacts,
    ServiceFacts,
    WaitEstimate,
    check_referral,
    duplicate_problems,
    estimate_wait,
)
from desist.sentences.models import Sentence
from desist.sentences.selectors import current_sentence
from desist.worklist import services as worklist

from . import selectors
from .choices import (
    NEEDS_REASON,
    NOT_STARTED,
    OPEN_STATUSES,
    TRANSITIONS,
    WAITING_STATUSES,
    ReferralStatus,
)
from .models import Referral, ReferralEvent, Service, SessionRecord
from .signals import session_missed


class ReferralRefused(Refused):
    """The person is not eligible for the service; ``reasons`` say why."""

    default_code = "referral_refused"

    def __init__(self, reasons, **kwargs):
        reasons = tuple(reasons)
        super().__init__(" ".join(r.text for r in reasons), reasons=reasons, **kwargs)


class TransitionRefused(Refused):
    default_code = "referral_transition_refused"


def service_facts(service: Service, *, referral: Referral | None = None) -> ServiceFacts:
    """The service as the referral rules see it; the wait from its places and real queue."""
    return ServiceFacts(
        name=service.name, status=service.status, sessions=service.sessions,
        sessions_per_week=service.sessions_per_week,
        waiting_weeks=wait_for(service, referral=referral).weeks,
        women_only=service.women_only, programme=service.programme,
        needs_link_worker=service.needs_link_worker, gender=service.eligibility,
        min_age=service.min_age, max_age=service.max_age,
    )


def wait_for(service: Service, *, referral: Referral | None = None) -> WaitEstimate:
    """The wait for a place: the longer of the published wait and the queue's (§9, F13)."""
    counts = selectors.service_places([service.pk]).get(service.pk, {"waiting": 0, "in_use": 0})
    waiting = counts["waiting"]
    if referral is not None and referral.pk and referral.status in WAITING_STATUSES:
        waiting = max(waiting - 1, 0)  # not waiting behind itself
    return estimate_wait(selectors.place_facts(service, waiting=waiting,
                                               in_use=counts["in_use"]))


def sentence_end(sentence: Sentence | None) -> dt.date | None:
    if sentence is None:
        return None
    return sentence.licence_end_date or sentence.pss_end_date or sentence.expected_end_date


def check_for(service: Service, person, *, today: dt.date, link_worker: str = "",
              referral: Referral | None = None, sentence=None) -> ReferralCheck:
    sentence = sentence if sentence is not None else current_sentence(
        person, prefetch=("requirements",))
    has_programme = sentence is not None and any(
        r.type == "programme" for r in sentence.requirements.all()
    )
    facts = ReferralFacts(
        as_of=today, sentence_end=sentence_end(sentence), female=person.gender == "female",
        age=person.age_on(today), has_programme_requirement=has_programme,
        has_link_worker=bool(link_worker) or bool(referral and referral.link_worker_name),
        started_on=referral.started_on if referral else None,
        sessions_attended=referral.sessions_attended if referral else 0,
    )
    return check_referral(service_facts(service, referral=referral), facts)


def _log(referral, *, kind: str, text: str = "", user=None) -> None:
    ReferralEvent.objects.create(referral=referral, status=referral.status, kind=kind, text=text,
                                 by=user if getattr(user, "pk", None) else None)


def _risk_key(referral) -> str:
    return f"referral_at_risk:{referral.pk}"


def _apply_check(referral: Referral, check: ReferralCheck, *, user=None, today: dt.date) -> None:
    """Store the feasibility result and raise or close the officer's task."""
    at_risk = not check.feasible and referral.status in OPEN_STATUSES | {ReferralStatus.PROPOSED}
    text = " ".join(r.text for r in check.risks)
    changed = (referral.at_risk, referral.risk_text, referral.expected_completion) != (
        at_risk, text if at_risk else "", check.expected_completion)
    referral.at_risk = at_risk
    referral.risk_text = text if at_risk else ""
    referral.expected_completion = check.expected_completion
    if changed:
        referral.save(update_fields=["at_risk", "risk_text", "expected_completion"])
        if at_risk:
            _log(referral, kind="risk", text=text, user=user)
    person = referral.person
    if at_risk:
        worklist.raise_task(
            provider_id=person.provider_id, person=person, kind="referral_at_risk",
            key=_risk_key(referral), due_on=today + dt.timedelta(days=7), actor=user,
            title=_("%(service)s cannot complete before the sentence ends") % {
                "service": referral.service},
            detail=text, data={"referral": referral.pk},
        )
    else:
        worklist.close_open(provider_id=person.provider_id, key=_risk_key(referral), user=user,
                            outcome=_("The referral can now complete in time."), done=False)


def open_referrals_to(person, service: Service) -> tuple[OpenReferral, ...]:
    """The person's open (or proposed) referrals to this service, for the duplicate check."""
    rows = Referral.objects.filter(
        person=person, status__in=list(OPEN_STATUSES | {ReferralStatus.PROPOSED}),
    ).filter(Q(catalogue_service=service) | Q(catalogue_service__isnull=True, service=service.name))
    return tuple(OpenReferral(ReferralStatus(r.status).label.lower(), r.referred_on)
                 for r in rows.only("status", "referred_on"))


def recorded_link_worker(person) -> str:
    """The partner link worker on the person's Risk tab, as "name (organisation)", or ""."""
    worker = link_worker_of(person)
    return str(worker) if worker is not None else ""


@transaction.atomic
def make_referral(*, user, person, service: Service, today: dt.date | None = None,
                  propose_only: bool = False, note: str = "", duplicate_reason: str = "",
                  request=None) -> tuple[Referral, ReferralCheck]:
    """Refer (or propose) the person to a catalogue service, checking eligibility first.

    A service that needs a partner link worker (BBR, §7) takes the one recorded on the Risk tab.
    A second open referral to the same service is refused unless ``duplicate_reason`` says why.
    """
    today = today or timezone.localdate()
    # Lock the person so two officers cannot both make "the first" referral at once.
    type(person).objects.select_for_update().filter(pk=person.pk).first()
    link_worker = recorded_link_worker(person) if service.needs_link_worker else ""
    check = check_for(service, person, today=today, link_worker=link_worker)
    existing = open_referrals_to(person, service)
    duplicates = duplicate_problems(service.name, existing, duplicate_reason)
    if not check.eligible or duplicates:
        raise ReferralRefused(check.problems + duplicates)
    referral = Referral.objects.create(
        person=person, partner=service.partner, catalogue_service=service, service=service.name,
        status=ReferralStatus.PROPOSED if propose_only else ReferralStatus.REFERRED,
        referred_on=today, referred_by=getattr(user, "staff", None), link_worker_name=link_worker,
    )
    duplicate_reason = duplicate_reason.strip() if existing else ""
    lines = [note,
             _("Partner link worker: %(w)s") % {"w": link_worker} if link_worker else "",
             _("Second referral to this service: %(r)s") % {"r": duplicate_reason}
             if duplicate_reason else ""]
    _log(referral, kind="status", text="\n".join(filter(None, lines)), user=user)
    detail: dict[str, object] = {"feasible": check.feasible}
    if duplicate_reason:
        detail["duplicate_reason"] = duplicate_reason[:500]
    events.referral_changed(user=user, referral=referral, change="created", detail=detail,
                            request=request)
    _apply_check(referral, check, user=user, today=today)
    return referral, check


@transaction.atomic
def change_status(*, user, referral: Referral, to: str, reason: str = "",
                  expected_version: int | None = None, today: dt.date | None = None,
                  request=None) -> Referral:
    """Move a referral along its lifecycle (§9), refusing steps the lifecycle does not allow."""
    today = today or timezone.localdate()
    locked = locked_for_edit(Referral.objects.select_related("person"), referral.pk,
                             expected_version, message=_("This referral has changed since you "
                                                         "opened it. Check it and try again."))
    if to not in TRANSITIONS.get(locked.status, ()):
        raise TransitionRefused(_("A referral that is %(now)s cannot be marked %(to)s.") % {
            "now": locked.get_status_display().lower(),
            "to": ReferralStatus(to).label.lower() if to in ReferralStatus.values else to},
            code="referral_step_not_allowed", field="to")
    if to in NEEDS_REASON and not reason.strip():
        raise TransitionRefused(_("Give the reason the referral was %(to)s.") % {
            "to": ReferralStatus(to).label.lower()}, code="referral_reason_missing", field="reason")
    previous = locked.status
    locked.status = to
    locked.version += 1
    if to in NEEDS_REASON:
        locked.reason = reason.strip()
    if to == ReferralStatus.STARTED and locked.started_on is None:
        locked.started_on = today
    if to in (ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN, ReferralStatus.REJECTED):
        locked.ended_on = today
    locked.save()
    _log(locked, kind="status", text=reason, user=user)
    events.referral_changed(user=user, referral=locked, change=to,
                            detail={"from": previous, "reason": reason[:500]}, request=request)
    recheck(locked, today=today, user=user)
    return locked


@transaction.atomic
def record_session(*, user, referral: Referral, session_on: dt.date, attended: bool,
                   note: str = "", hours=None, request=None,
                   today: dt.date | None = None) -> SessionRecord:
    """A partner (or officer) records a session; a missed one reaches the RO's tasks at once."""
    today = today or timezone.localdate()
    locked = Referral.objects.select_for_update().select_related("person").get(pk=referral.pk)
    if locked.status not in (ReferralStatus.ACCEPTED, ReferralStatus.WAITING,
                             ReferralStatus.STARTED):
        raise TransitionRefused(_("Sessions can be recorded only on an accepted or started "
                                  "referral; this one is %(s)s.") % {
                                      "s": locked.get_status_display().lower()},
                                field="session_on")
    if session_on > today:
        raise TransitionRefused(_("The session date cannot be in the future."), field="session_on")
    if SessionRecord.objects.filter(referral=locked, session_on=session_on).exists():
        raise TransitionRefused(_("A session on that date is already recorded."),
                                field="session_on")
    service = locked.catalogue_service
    session = SessionRecord.objects.create(
        referral=locked, session_on=session_on, attended=attended, note=note,
        hours=hours if hours is not None else (service.hours_per_session if service else 1),
        recorded_by=user if getattr(user, "pk", None) else None,
    )
    if attended:
        locked.sessions_attended += 1
        if locked.status != ReferralStatus.STARTED:
            locked.status = ReferralStatus.STARTED
            locked.started_on = session_on
            _log(locked, kind="status", text=_("Started with the first attended session."),
                 user=user)
    else:
        locked.sessions_missed += 1
    locked.version += 1
    locked.save()
    _log(locked, kind="session",
         text=(_("Attended") if attended else _("Did not attend")) + (f": {note}" if note else ""),
         user=user)
    events.referral_session_recorded(user=user, referral=locked, session=session,
                                     request=request)
    person = locked.person
    if attended and (person.last_contact_on is None or person.last_contact_on < session_on):
        type(person).objects.filter(pk=person.pk).update(last_contact_on=session_on)
    if not attended:
        worklist.raise_task(
            provider_id=person.provider_id, person=person, kind="non_attendance",
            key=f"non_attendance:referral:{session.pk}", due_on=today, actor=user,
            title=_("%(name)s missed a %(service)s session on %(on)s") % {
                "name": person.name, "service": locked.service,
                "on": format_date(session_on, "long")},
            detail=note, data={"referral": locked.pk, "session": session.pk},
        )
        session_missed.send(sender=SessionRecord, session=session, user=user, request=request)
    recheck(locked, today=today, user=user)
    return session


def recheck(referral: Referral, *, today: dt.date, user=None) -> None:
    """Recheck whether the referral can still complete in time (at referral and while waiting)."""
    service = referral.catalogue_service
    if service is None:
        return
    if referral.status not in OPEN_STATUSES | {ReferralStatus.PROPOSED}:
        _apply_check(referral, ReferralCheck(True, True, referral.expected_completion, (), ()),
                     user=user, today=today)
        return
    _apply_check(referral, check_for(service, referral.person, today=today, referral=referral),
                 user=user, today=today)


def recheck_open_referrals(*, today: dt.date | None = None) -> int:
    """Nightly: recheck every open referral to a catalogue service. Returns how many are at risk."""
    today = today or timezone.localdate()
    at_risk = 0
    open_referrals = (Referral.objects.filter(status__in=list(OPEN_STATUSES | NOT_STARTED),
                                              catalogue_service__isnull=False)
                      .select_related("person", "catalogue_service").order_by("pk"))
    for referral in open_referrals.iterator(chunk_size=500):
        with transaction.atomic():
            recheck(referral, today=today)
        at_risk += referral.at_risk
    return at_risk


@transaction.atomic
def set_service_status(*, user, service: Service, status: str, waiting_weeks: int | None = None,
                       request=None) -> Service:
    service.status = status
    fields = ["status"]
    if waiting_weeks is not None:
        service.waiting_weeks = waiting_weeks
        fields.append("waiting_weeks")
    service.save(update_fields=fields)
    events.service_changed(user=user, service=service, change="status",
                           detail={"status": status, "waiting_weeks": service.waiting_weeks},
                           request=request)
    today = timezone.localdate()
    for referral in service.referrals.filter(status__in=list(OPEN_STATUSES | NOT_STARTED)):
        recheck(referral, today=today, user=user)
    return service


# Fields of the service record its editors may change (the system administrator; the partner
# for its own services). Capacity and the published wait drive the wait for a place.
EDITABLE_SERVICE_FIELDS = ("capacity", "waiting_weeks", "status", "sessions", "sessions_per_week",
                           "evenings", "description")


@transaction.atomic
def service_update(*, acting_user, service: Service, changes: dict, expected_version: int,
                   request=None) -> Service:
    """Edit a service record; audited with what changed, before and after; open referrals are
    rechecked when the wait or the course can change."""
    locked = locked_for_edit(Service, service.pk, expected_version,
                             message=_("This service has changed since you opened it. Check it "
                                       "and try again."))
    before, after = {}, {}
    for field, value in changes.items():
        if field not in EDITABLE_SERVICE_FIELDS:
            raise ValueError(f"{field} is not editable")
        if getattr(locked, field) != value:
            before[field], after[field] = getattr(locked, field), value
            setattr(locked, field, value)
    if not after:
        return locked
    locked.version += 1
    locked.full_clean()
    locked.save()
    events.service_changed(user=acting_user, service=locked, change="edited",
                           detail={"before": before, "after": after}, request=request)
    today = timezone.localdate()
    for referral in locked.referrals.filter(status__in=list(OPEN_STATUSES | NOT_STARTED)
                                            ).select_related("person", "catalogue_service"):
        recheck(referral, today=today, user=acting_user)
    return locked
