"""Compliance: the reads that start from the user's case scope (ADR 0017).

Moved from ``desist.compliance.selectors`` so that the app's own modules never reach the scope;
the app's selectors keep the reads that are given their rows.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404

from desist.compliance.choices import AbsenceStatus, BreachStatus, LetterStatus
from desist.compliance.models import Absence, Breach, EnforcementAction, Letter
from desist.organisation.roles import role_of
from desist.scopes.cases import visible_rows


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
