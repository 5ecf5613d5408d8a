"""Reads for compliance: the case timeline and 12-month counts, the hub queue, scoped objects.

The reads that start from the user's case scope are in ``desist.scopes.compliance`` (ADR 0017).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from desist.appointments.models import Appointment
from desist.dates import format_date
from desist.rules.enforcement import ComplianceEvent
from desist.rules.timescales import add_months
from desist.sentences.selectors import current_sentence

from .choices import AbsenceStatus, ActionKind, LetterStatus
from .models import Absence, Breach, EnforcementAction, FlexibleArrangement, Letter

# The action an absence led to, in words (a decision still to make, or "none", says nothing).
ACTION_WORDS = dict(ActionKind.choices)


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
