"""Reads for compliance: the case timeline and 12-month counts, the hub queue, scoped objects."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from desist.access.roles import role_of
from desist.access.selectors import visible_rows
from desist.appointments.models import Appointment
from desist.dates import format_date
from desist.rules.enforcement import ComplianceEvent
from desist.rules.timescales import add_months
from desist.sentences.selectors import current_sentence

from .choices import AbsenceStatus, ActionKind, BreachStatus, LetterStatus
from .models import Absence, Breach, EnforcementAction, FlexibleArrangement, Letter

# The action an absence led to, in words (a decision still to make, or "none", says nothing).
ACTION_WORDS = dict(ActionKind.choices)

def _scoped(model, user) -> QuerySet:
    if role_of(user) is None:
        return model.objects.none()
    return visible_rows(user, model.objects.filter(provider_id=user.staff.provider_id))


def absence_list(user, *, status: str | None = None) -> QuerySet[Absence]:
    """The API's absence list: the user's visible absences, by the day they failed."""
    rows = _scoped(Absence, user).select_related("person")
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("failed_on", "pk")


def breach_list(user, *, status: str | None = None) -> QuerySet[Breach]:
    """The API's breach list: the user's visible breaches, by the day they started."""
    rows = _scoped(Breach, user).select_related("person", "action")
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("started_on", "pk")


def absence_for(user, pk: int) -> Absence:
    found = _scoped(Absence, user).filter(pk=pk).select_related(
        "person", "appointment__venue", "session__referral", "arrangement",
        "evidence_received_by__user").first()
    if found is None:
        raise Http404("No such absence.")
    return found


def breach_for(user, pk: int) -> Breach:
    found = _scoped(Breach, user).filter(pk=pk).select_related("person", "action").first()
    if found is None:
        raise Http404("No such breach.")
    return found


def letter_for(user, pk: int) -> Letter:
    found = _scoped(Letter, user).filter(pk=pk).select_related("person").first()
    if found is None:
        raise Http404("No such letter.")
    return found


def hub_letters(user, view: str) -> list[Letter]:
    """Letters for the hub's letters page, newest first: ``to_post`` (produced, not posted),
    ``posted``, ``waiting`` (pending, held) or ``not_sent`` (suppressed, combined)."""
    rows = _scoped(Letter, user).select_related("person", "posted_by", "combined_into").defer(
        "pdf", "combined_into__pdf")
    if view == "posted":
        rows = rows.filter(status=LetterStatus.PRODUCED, posted_at__isnull=False)
    elif view == "waiting":
        rows = rows.filter(status__in=(LetterStatus.PENDING, LetterStatus.HELD))
    elif view == "not_sent":
        rows = rows.filter(status__in=(LetterStatus.SUPPRESSED, LetterStatus.COMBINED))
    else:
        rows = rows.filter(status=LetterStatus.PRODUCED, posted_at__isnull=True)
    return list(rows.order_by("-produced_at", "-created_at", "-pk")[:200])


def compliance_record(person, today: dt.date, *, extra=()) -> dict:
    """Everything the compliance tab and the breach report show, in time order. ``extra`` is
    what other apps add to the timeline (``navigation.timeline_entries``: management oversight
    on the compliance tab), as (date, kind, text, obj)."""
    window_start = add_months(today, -12)
    appointments = list(Appointment.objects.filter(person=person).select_related("venue")
                        .order_by("starts_at"))
    absences = list(Absence.objects.filter(person=person).select_related("arrangement")
                    .order_by("failed_on"))
    actions = list(EnforcementAction.objects.filter(person=person).order_by("on"))
    arrangements = list(FlexibleArrangement.objects.filter(person=person).order_by("starts_on"))
    breaches = list(Breach.objects.filter(person=person).order_by("started_on"))
    letters = list(Letter.objects.filter(person=person).defer("pdf").order_by("created_at"))
    timeline = []
    for a in appointments:
        if a.outcome:
            timeline.append((a.local_starts.date(), "appointment",
                             f"{a.get_kind_display()}: {a.get_outcome_display()}"
                             + (f" – {a.venue.name}" if a.venue else ""), a))
    for ab in absences:
        timeline.append((ab.decided_on or ab.failed_on, "absence",
                         _("Absence on %(day)s: %(status)s") % {
                             "day": format_date(ab.failed_on, "short"),
                             "status": ab.get_status_display()}
                         + (f" ({ACTION_WORDS[ab.action]})" if ab.action in ACTION_WORDS
                            else ""), ab))
    for ac in actions:
        timeline.append((ac.on, "action", ac.get_kind_display(), ac))
    for ar in arrangements:
        timeline.append((ar.starts_on, "arrangement",
                         f"Flexible arrangement ({ar.get_reason_display()}): {ar.changes}", ar))
    for b in breaches:
        timeline.append((b.started_on, "breach",
                         f"{b.get_kind_display()}: {b.get_status_display()}"
                         + (f" – {b.get_outcome_display()}" if b.outcome else ""), b))
    for lt in letters:
        timeline.append((lt.created_at.date(), "letter",
                         f"{lt.get_kind_display()}: {lt.get_status_display()}", lt))
    timeline.extend(extra)
    timeline.sort(key=lambda row: (row[0], row[1]))
    in_window = [a for a in appointments if a.outcome and a.local_starts.date() >= window_start]
    counts = {
        "attended": sum(a.outcome == "attended" for a in in_window),
        "acceptable": sum(ab.status in (AbsenceStatus.ACCEPTABLE, AbsenceStatus.COVERED)
                          for ab in absences if ab.failed_on >= window_start),
        "unacceptable": sum(ab.status == AbsenceStatus.UNACCEPTABLE
                            for ab in absences if ab.failed_on >= window_start),
        "awaiting": sum(ab.status in (AbsenceStatus.AWAITING, AbsenceStatus.CONFLICT)
                        for ab in absences),
        "warnings": sum(ac.kind == "warning" and ac.on >= window_start for ac in actions),
        "breaches": sum(b.started_on >= window_start for b in breaches),
    }
    sentence = current_sentence(person, prefetch=("requirements", "offences"))
    return {
        "timeline": [{"on": on, "kind": kind, "text": text, "obj": obj}
                     for on, kind, text, obj in reversed(timeline)],
        "counts": counts, "window_start": window_start, "absences": absences,
        "actions": actions, "arrangements": arrangements, "breaches": breaches,
        "letters": letters, "appointments": appointments, "sentence": sentence,
    }


def breach_report_extras(person) -> dict:
    """What the court or the recall unit needs beside the compliance record (§11): the risk of
    serious harm and its summary, the active registrations, and every letter with its status."""
    from desist.people.models import Registration
    from desist.risk.models import RiskAssessment

    return {
        "risk_assessment": RiskAssessment.objects.filter(person=person)
        .order_by("-assessed_on", "-pk").first(),
        "registrations": list(Registration.objects.filter(person=person, end_date__isnull=True)
                              .order_by("-start_date")),
        "all_letters": list(Letter.objects.filter(person=person).defer("pdf")
                            .order_by("created_at", "pk")),
    }


def hub_queue(user, today: dt.date) -> dict:
    absences = list(_scoped(Absence, user).filter(status__in=(AbsenceStatus.AWAITING,
                                                              AbsenceStatus.CONFLICT))
                    .select_related("person__responsible_officer__user").order_by("failed_on")[:200])
    overdue = list(_scoped(EnforcementAction, user).filter(done_on__isnull=True)
                   .select_related("person").order_by("due_on")[:200])
    breaches = list(_scoped(Breach, user).exclude(status=BreachStatus.CLOSED)
                    .select_related("person__responsible_officer__user", "action")
                    .order_by("started_on")[:200])
    letters = list(_scoped(Letter, user).filter(status=LetterStatus.PENDING)
                   .select_related("person").defer("pdf").order_by("pk")[:200])
    return {
        "absences": [{"absence": a, "waiting_days": (today - a.failed_on).days,
                      "overdue": a.due_on < today} for a in absences],
        "actions": [{"action": a, "overdue": a.due_on < today} for a in overdue],
        "breaches": breaches,
        "letters": letters,
        "failed_letters": [lt for lt in letters if lt.error],
    }


def sentence_type_of(person) -> str | None:
    """The type of the person's current community sentence (order, SSO, licence, PSS), if any."""
    sentence = current_sentence(person, community=True)
    return sentence.type if sentence else None


def warned_on(action: EnforcementAction) -> dt.date | None:
    """The day the person was served this warning: when its letter was produced (alone or in a
    combined letter). None while no letter has gone out."""
    produced = [lt.produced_at for lt in action.letters.all()
                if lt.produced_at and lt.status in (LetterStatus.PRODUCED, LetterStatus.COMBINED)]
    return timezone.localdate(min(produced)) if produced else None


def history_for(person, before: dt.date) -> tuple[ComplianceEvent, ...]:
    """Warnings, unacceptable failures and breaches on the record before ``before`` (§11).

    A warning is dated by its letter (the day the person was warned); one whose letter has not
    been produced is ``warning_pending`` and does not count towards breach (rules.enforcement).
    """
    out = []
    for action in EnforcementAction.objects.filter(
            person=person, kind=ActionKind.WARNING, on__lt=before).prefetch_related("letters"):
        served = warned_on(action)
        if served is not None:
            out.append(ComplianceEvent("warning", served))
        elif not action.letters.all() or any(lt.status in (LetterStatus.PENDING, LetterStatus.HELD)
                                             for lt in action.letters.all()):
            out.append(ComplianceEvent("warning_pending", action.on))
    out += [ComplianceEvent("unacceptable_failure", a.failed_on) for a in Absence.objects.filter(
        person=person, status=AbsenceStatus.UNACCEPTABLE, failed_on__lt=before)]
    out += [ComplianceEvent("breach" if b.kind != ActionKind.RECALL else "recall", b.started_on)
            for b in Breach.objects.filter(person=person, started_on__lt=before)]
    return tuple(out)
