"""Reads for unpaid work: the ledger of a case, a supervisor's sessions, the managers' figures.

The ledger is computed by ``rules.unpaid_work.ledger`` from what is on the record; nothing
here writes.

The reads that start from the user's case scope are in ``desist.scopes.unpaid_work`` (ADR 0017).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q
from django.http import Http404

from desist.organisation.models import Staff
from desist.organisation.roles import Role, role_of
from desist.people.models import Person
from desist.rules import unpaid_work as rules
from desist.sentences.models import Requirement

from .choices import ProjectType
from .models import (
    Adjustment,
    Assessment,
    Attendance,
    PickUpPoint,
    Placement,
    Project,
    Session,
    UpwOrderSummary,
)

SERVICE_LEVEL = 90  # % of orders completed within 12 months (the HMPPS service level)


def upw_requirements(person) -> list[Requirement]:
    return list(Requirement.objects.filter(
        sentence__person=person, type="upw", sentence__terminated_on__isnull=True)
        .select_related("sentence").order_by("sentence__sentence_date", "pk"))


def _ledger_input(requirements, attendances, adjustments, as_of) -> rules.LedgerInput | None:
    return _input(
        [(r.upw_hours, r.sentence.sentence_date) for r in requirements],
        [rules.SessionCredit(
            on=a.placement.session.on, outcome=a.outcome, minutes_worked=a.minutes_worked,
            penalty_minutes=a.penalty_minutes,
            ete=a.placement.session.project.type == ProjectType.ETE)
         for a in attendances if a.outcome],
        [rules.Adjustment(on=a.on, reason=a.reason, minutes=a.minutes) for a in adjustments],
        as_of)


def _input(ordered: list[tuple], sessions: list, adjustments: list,
           as_of: dt.date) -> rules.LedgerInput | None:
    """The ledger's input from (hours, sentence date) per requirement and the credits."""
    if not ordered:
        return None
    sentence_date = min(date for _hours, date in ordered)
    return rules.LedgerInput(
        hours_ordered=tuple(hours for hours, _date in ordered), sentence_date=sentence_date,
        as_of=max(as_of, sentence_date), sessions=tuple(sessions), adjustments=tuple(adjustments))


def ledger_for(person, as_of: dt.date) -> rules.Ledger | None:
    """The person's UPW ledger as of a date, or None when they have no unpaid work."""
    requirements = upw_requirements(person)
    attendances = Attendance.objects.filter(placement__person=person).select_related(
        "placement__session__project")
    data = _ledger_input(requirements, attendances, Adjustment.objects.filter(person=person),
                         as_of)
    return rules.ledger(data) if data else None


def sentence_date_of(person) -> dt.date | None:
    requirements = upw_requirements(person)
    return min(r.sentence.sentence_date for r in requirements) if requirements else None


def latest_assessment(person) -> Assessment | None:
    return Assessment.objects.filter(person=person).first()


def upw_record(person, as_of: dt.date) -> dict:
    """Everything the case's unpaid-work tab shows."""
    return {
        "ledger": ledger_for(person, as_of),
        "requirements": upw_requirements(person),
        "assessment": latest_assessment(person),
        "placements": list(Placement.objects.filter(person=person)
                           .select_related("session__project", "attendance")
                           .order_by("-session__on")),
        "adjustments": list(Adjustment.objects.filter(person=person).select_related("made_by")),
    }


# --- Supervisor ---------------------------------------------------------------------------------


def _supervises(staff) -> Q:
    return Q(supervisor=staff) | Q(supervisor__isnull=True, project__supervisor=staff)


def sessions_for(user, day: dt.date):
    """Sessions on a day: a supervisor's own; the whole provider for managers and the hub."""
    staff = user.staff
    rows = Session.objects.filter(project__provider_id=staff.provider_id, on=day)
    if role_of(user) is Role.UPW_SUPERVISOR:
        rows = rows.filter(_supervises(staff))
    return rows.select_related("project", "pick_up_point").annotate(
        booked=Count("placements")).order_by("starts_at", "pk")


def session_for(user, pk: int) -> Session:
    staff = user.staff
    rows = Session.objects.filter(project__provider_id=staff.provider_id)
    if role_of(user) is Role.UPW_SUPERVISOR:
        rows = rows.filter(_supervises(staff))
    session = rows.select_related("project", "pick_up_point", "supervisor__user").filter(
        pk=pk).first()
    if session is None:
        raise Http404("No such session.")
    return session


def projects_for(user, *, include_inactive: bool = False):
    rows = Project.objects.filter(provider_id=user.staff.provider_id)
    if not include_inactive:
        rows = rows.filter(active=True)
    return rows.select_related("supervisor__user", "pick_up_point").order_by("name", "pk")


def project_for(user, pk: int) -> Project:
    """One of the user's provider's projects (404 for another provider's)."""
    row = projects_for(user, include_inactive=True).filter(pk=pk).first()
    if row is None:
        raise Http404("No such project.")
    return row


def supervisors_for(user) -> list:
    """The provider's UPW supervisors, for a project's supervisor."""
    return list(Staff.objects.filter(provider_id=user.staff.provider_id,
                                     role=Role.UPW_SUPERVISOR.value, user__is_active=True)
                .select_related("user").order_by("user__last_name", "user__username"))


def project_sessions(project: Project, today: dt.date, days: int = 91) -> list[Session]:
    return list(Session.objects.filter(project=project, on__gte=today,
                                       on__lte=today + dt.timedelta(days=days))
                .select_related("supervisor__user", "pick_up_point")
                .annotate(booked=Count("placements")).order_by("on", "starts_at"))


def pick_up_points_for(user):
    return PickUpPoint.objects.filter(provider_id=user.staff.provider_id)


def upcoming_sessions(user, today: dt.date, days: int = 28):
    return (Session.objects.filter(project__provider_id=user.staff.provider_id,
                                   on__gte=today, on__lte=today + dt.timedelta(days=days))
            .select_related("project").annotate(booked=Count("placements")))


# --- Managers and the hub ------------------------------------------------------------------------


def ledger_inputs(person_ids, as_of: dt.date) -> dict[int, tuple[rules.LedgerInput, tuple]]:
    """The ledger input (and the provider and LMC) of each of these people with live unpaid work, in
    three queries whatever their number (gathered as plain values: building a requirement,
    attendance, placement, session and project instance for each row was a third of the
    managers' page, issue 23)."""
    ids = list(person_ids)
    requirements = defaultdict(list)
    cases = {}
    for person_id, provider_id, lmc_id, hours, sentence_date in Requirement.objects.filter(
            sentence__person_id__in=ids, type="upw", sentence__terminated_on__isnull=True,
            upw_hours__isnull=False,  # a national record may name UPW without its hours
    ).values_list("sentence__person_id", "sentence__person__provider_id",
                  "sentence__person__lmc_id", "upw_hours", "sentence__sentence_date"):
        requirements[person_id].append((hours, sentence_date))
        cases[person_id] = (provider_id, lmc_id)
    sessions = defaultdict(list)
    for person_id, on, outcome, worked, penalty, project_type in Attendance.objects.filter(
            placement__person_id__in=list(requirements)).exclude(outcome="").values_list(
            "placement__person_id", "placement__session__on", "outcome", "minutes_worked",
            "penalty_minutes", "placement__session__project__type"):
        sessions[person_id].append(rules.SessionCredit(
            on=on, outcome=outcome, minutes_worked=worked, penalty_minutes=penalty,
            ete=project_type == ProjectType.ETE))
    adjustments = defaultdict(list)
    for person_id, on, reason, minutes in Adjustment.objects.filter(
            person_id__in=list(requirements)).values_list("person_id", "on", "reason", "minutes"):
        adjustments[person_id].append(rules.Adjustment(on=on, reason=reason, minutes=minutes))
    out = {}
    for person_id, ordered in requirements.items():
        data = _input(ordered, sessions[person_id], adjustments[person_id], as_of)
        if data is not None:
            out[person_id] = (data, cases[person_id])
    return out


def bulk_ledgers(people, as_of: dt.date) -> list[dict]:
    """``{"person", "ledger", "office"}`` for each person with UPW, in four queries whatever
    the number of people."""
    people = list(people)
    inputs = ledger_inputs([p.pk for p in people], as_of)
    return [{"person": person, "ledger": rules.ledger(inputs[person.pk][0]),
             "office": person.lmc.name if person.lmc_id else ""}
            for person in people if person.pk in inputs]


def _drills(as_of: dt.date) -> dict[str, Q]:
    """Each hub figure as a condition on the summary rows, for a date."""
    return {
        "all": Q(),
        "due": Q(deadline__lte=as_of) | Q(complete=True),
        "completed": Q(complete=True),
        # At risk and not yet past the deadline (those are counted as overrunning).
        "at_risk": Q(complete=False, at_risk_from__lte=as_of, deadline__gte=as_of),
        "overrun": Q(complete=False, deadline__lt=as_of),
    }


def with_projection(rows, as_of: dt.date) -> list[UpwOrderSummary]:
    """A page of summary rows, each with the ledger's projected completion as of the date."""
    out = list(rows)
    for row in out:
        row.projected_completion = rules.projected_completion(
            sentence_date=row.sentence_date, deadline=row.deadline,
            credited_minutes=row.credited_minutes, remaining_minutes=row.remaining_minutes,
            as_of=as_of)
    return out


def at_risk_orders(provider_id: int, as_of: dt.date):
    """The active cases of a provider whose order is at risk of overrunning as of the date
    (past the deadline included), from the summary rows (the nightly check)."""
    return Person.objects.filter(
        provider_id=provider_id, active=True, upw_summary__complete=False,
        upw_summary__at_risk_from__lte=as_of).select_related("lmc").order_by("pk")
