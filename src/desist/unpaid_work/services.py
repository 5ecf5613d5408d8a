"""Writes for unpaid work (§12). Every decision is the rules core's (``rules.unpaid_work``).

A placement is also an unpaid-work appointment (``appointments.services.book``), so an absence
the supervisor records goes through ``appointments.services.record_outcome`` and from there into
the compliance journey (officer decision, flexible arrangements respected, one letter per
event): this module never composes letters or decides enforcement itself.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from desist.appointments import services as appointments
from desist.appointments.choices import Kind
from desist.appointments.choices import Outcome as AppointmentOutcome
from desist.audit import events
from desist.compliance import services as compliance
from desist.dates import format_date
from desist.errors import Refused
from desist.people.models import Person
from desist.rules import unpaid_work as rules

from . import selectors, summary
from .choices import Availability, Outcome, ProjectType
from .models import Adjustment, Assessment, Attendance, Placement, Project, Session


class UpwRefused(Refused):
    default_code = "upw_refused"


# The appointment outcome a session's outcome records (§10–§11): sent home counts as attended
# for the appointment, and then enters the compliance journey as an absence.
APPOINTMENT_OUTCOME: dict[str, str] = {
    Outcome.ATTENDED: AppointmentOutcome.ATTENDED,
    Outcome.SENT_HOME: AppointmentOutcome.ATTENDED,
    Outcome.FAILED: AppointmentOutcome.FAILED,
    Outcome.ACCEPTABLE: AppointmentOutcome.ACCEPTABLE,
    Outcome.UNACCEPTABLE: AppointmentOutcome.UNACCEPTABLE,
}


def _refuse(reasons, field: str | None = None, *, conflict: bool = False):
    reasons = tuple(reasons)
    first = reasons[0]
    raise UpwRefused(" ".join(r.text for r in reasons), code=first.code, field=field,
                     reasons=reasons, conflict=conflict)


def _user(user):
    return user if getattr(user, "pk", None) else None


def _aware(day: dt.date, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, at))


# --- Projects and sessions -----------------------------------------------------------------------


PROJECT_FIELDS = ("name", "type", "site", "beneficiary", "supervisor", "office", "capacity",
                  "hi_vis", "public_facing", "women_only", "availability", "weekdays",
                  "pick_up_point", "transport_seats")


def _check_project(values: dict) -> None:
    problems: dict[str, str] = {}
    if not (values.get("name") or "").strip():
        problems["name"] = _("Enter the project's name.")
    if values.get("type") not in ProjectType.values:
        problems["type"] = _("Choose the type of project.")
    if not (values.get("site") or "").strip():
        problems["site"] = _("Enter where the work is done.")
    if not isinstance(values.get("capacity"), int) or values["capacity"] < 1:
        problems["capacity"] = _("A project takes at least one person.")
    if values.get("availability") not in Availability.values:
        problems["availability"] = _("Choose every week or every other week.")
    days = values.get("weekdays") or ()
    if any(not isinstance(d, int) or not 1 <= d <= 7 for d in days):
        problems["weekdays"] = _("Choose the days of the week the project runs.")
    seats = values.get("transport_seats")
    if seats is not None and seats < 1:
        problems["transport_seats"] = _("Leave the seats empty when there is no transport.")
    if problems:
        raise UpwRefused(code="upw_project_invalid", problems=problems)


@transaction.atomic
def project_create(*, acting_user, provider, name: str, type: str, site: str,
                   beneficiary: str = "", supervisor=None, office=None, capacity: int = 6,
                   hi_vis: bool = False, public_facing: bool = False, women_only: bool = False,
                   availability: str = "weekly", weekdays=(), pick_up_point=None,
                   transport_seats: int | None = None, request=None) -> Project:
    values = dict(name=name, type=type, site=site, beneficiary=beneficiary,
                  supervisor=supervisor, office=office, capacity=capacity, hi_vis=hi_vis,
                  public_facing=public_facing, women_only=women_only,
                  availability=availability, weekdays=sorted({int(d) for d in weekdays}),
                  pick_up_point=pick_up_point, transport_seats=transport_seats)
    _check_project(values)
    values["name"], values["site"] = name.strip(), site.strip()
    project = Project.objects.create(provider=provider, **values)
    events.upw_project_saved(user=acting_user, project=project, request=request)
    return project


@transaction.atomic
def project_update(*, acting_user, project: Project, request=None, **changes) -> Project:
    """Change a project's details (the hub's project page). Sessions already scheduled keep
    what they were given; the audit trail records which fields changed."""
    locked = Project.objects.select_for_update().get(pk=project.pk)
    unknown = set(changes) - set(PROJECT_FIELDS) - {"active"}
    if unknown:
        raise UpwRefused(_("Those details cannot be changed here."), code="upw_project_field")
    if "weekdays" in changes:
        changes["weekdays"] = sorted({int(d) for d in changes["weekdays"]})
    values = {name: getattr(locked, name) for name in PROJECT_FIELDS} | changes
    _check_project(values)
    changed = sorted(name for name, value in changes.items() if getattr(locked, name) != value)
    for name in changed:
        setattr(locked, name, changes[name].strip() if name in ("name", "site")
                else changes[name])
    if changed:
        locked.save(update_fields=changed)
        events.upw_project_saved(user=acting_user, project=locked, changed=changed,
                                 request=request)
    return locked


def _check_times(starts_at: dt.time, ends_at: dt.time) -> None:
    if ends_at <= starts_at:
        raise UpwRefused(_("The session must end after it starts."), code="upw_session_times",
                         field="ends_at")


_DEFAULT = object()


@transaction.atomic
def session_create(*, acting_user, project: Project, on: dt.date, starts_at: dt.time,
                   ends_at: dt.time, supervisor=None, pick_up_point=_DEFAULT,
                   transport_seats=_DEFAULT, pick_up_at: dt.time | None = None,
                   today: dt.date | None = None, request=None) -> Session:
    """One session. Pick-up point and seats default to the project's (pass None for none)."""
    _check_times(starts_at, ends_at)
    if today is not None and on < today:
        raise UpwRefused(_("A session cannot be scheduled in the past."), code="upw_session_past",
                         field="on")
    session = Session.objects.create(
        project=project, on=on, starts_at=starts_at, ends_at=ends_at,
        supervisor=supervisor or project.supervisor,
        pick_up_point=project.pick_up_point if pick_up_point is _DEFAULT else pick_up_point,
        transport_seats=(project.transport_seats if transport_seats is _DEFAULT
                         else transport_seats), pick_up_at=pick_up_at)
    events.upw_session_saved(user=acting_user, session=session, request=request)
    return session


@transaction.atomic
def sessions_schedule(*, acting_user, project: Project, starts_on: dt.date, until: dt.date,
                      starts_at: dt.time, ends_at: dt.time, supervisor=None,
                      pick_up_at: dt.time | None = None, today: dt.date | None = None,
                      request=None) -> dict:
    """Sessions on each day the project runs (weekly or fortnightly, its weekdays) from
    ``starts_on`` to ``until``. Idempotent: a day that already has a session starting at that
    time is left as it is, so running it twice schedules nothing new."""
    today = today or timezone.localdate()
    _check_times(starts_at, ends_at)
    if starts_on < today:
        raise UpwRefused(_("Sessions cannot be scheduled in the past."), code="upw_session_past",
                         field="starts_on")
    locked = Project.objects.select_for_update().get(pk=project.pk)
    series = rules.series_dates(availability=locked.availability, weekdays=locked.weekdays,
                                starts_on=starts_on, until=until)
    there = set(Session.objects.filter(project=locked, on__in=series.dates,
                                       starts_at=starts_at).values_list("on", flat=True))
    created = [Session.objects.create(
        project=locked, on=day, starts_at=starts_at, ends_at=ends_at,
        supervisor=supervisor or locked.supervisor, pick_up_point=locked.pick_up_point,
        transport_seats=locked.transport_seats, pick_up_at=pick_up_at)
        for day in series.dates if day not in there]
    if created:
        events.upw_series_scheduled(user=acting_user, project=locked, created=created,
                                    skipped=len(there), request=request)
    return {"created": created, "already_there": len(there), "series": series}


# --- Pre-placement assessment ----------------------------------------------------------------


@transaction.atomic
def assessment_record(*, acting_user, person, assessed_on: dt.date,
                      previous_convictions: str = "", court_papers_seen: bool = False,
                      rosh_noted: bool = False, health_and_safety: str = "",
                      disability_and_access: str = "", keep_apart: str = "",
                      suitable_group: bool = True, suitable_individual: bool = True,
                      intensive: bool = False, availability: str = "",
                      today: dt.date | None = None, request=None) -> Assessment:
    """Record a pre-placement assessment (a new row: the latest applies)."""
    today = today or timezone.localdate()
    if assessed_on > today:
        raise UpwRefused(_("The assessment cannot be dated in the future."),
                         code="upw_assessment_future", field="assessed_on")
    if not (suitable_group or suitable_individual):
        raise UpwRefused(_("Say whether the person is suitable for group or individual "
                           "placements (or both)."), code="upw_assessment_suitability",
                         field="suitable_group")
    assessment = Assessment.objects.create(
        provider_id=person.provider_id, person=person, assessed_on=assessed_on,
        assessed_by=_user(acting_user), previous_convictions=previous_convictions,
        court_papers_seen=court_papers_seen, rosh_noted=rosh_noted,
        health_and_safety=health_and_safety, disability_and_access=disability_and_access,
        keep_apart=keep_apart, suitable_group=suitable_group,
        suitable_individual=suitable_individual, intensive=intensive,
        availability=availability)
    events.upw_assessment_recorded(user=acting_user, assessment=assessment, request=request)
    return assessment


# --- Placements -------------------------------------------------------------------------------


def _is_sex_offender(person, day: dt.date) -> bool:
    return person.registrations.filter(type="sex_offender", start_date__lte=day).exclude(
        end_date__lt=day).exists()


def _keep_apart_clash(person, assessment, others) -> tuple[str, ...]:
    """Names on the session this person must be kept apart from, either way round."""
    mine = {n.lower() for n in (assessment.keep_apart_names() if assessment else [])}
    clash = []
    for other in others:
        theirs = selectors.latest_assessment(other)
        names = {n.lower() for n in (theirs.keep_apart_names() if theirs else [])}
        if other.name.lower() in mine or person.name.lower() in names:
            clash.append(other.name)
    return tuple(clash)


IN_WORK = ("employed_full_time", "employed_part_time", "self_employed")


def _days_booked_that_week(person, day: dt.date) -> int:
    monday = day - dt.timedelta(days=day.isoweekday() - 1)
    return len(set(Placement.objects.filter(
        person=person, session__on__gte=monday, session__on__lte=monday + dt.timedelta(days=6))
        .exclude(session__on=day).values_list("session__on", flat=True)))


def placement_facts(person, session: Session, *, needs_transport: bool,
                    as_of: dt.date, intensive: bool = False) -> rules.PlacementFacts:
    project = session.project
    booked = list(Placement.objects.filter(session=session).select_related("person"))
    assessment = selectors.latest_assessment(person)
    headroom = None
    if project.type == ProjectType.ETE:
        current = selectors.ledger_for(person, as_of)
        headroom = rules.ete_headroom(current) if current else 0
    return rules.PlacementFacts(
        project_type=project.type, public_facing=project.public_facing,
        women_only=project.women_only, capacity=project.capacity, booked=len(booked),
        assessed=assessment is not None, sex_offender=_is_sex_offender(person, session.on),
        suitable_group=assessment.suitable_group if assessment else True,
        suitable_individual=assessment.suitable_individual if assessment else True,
        is_woman=person.gender == "female",
        keep_apart_clash=_keep_apart_clash(person, assessment,
                                           [p.person for p in booked if p.person_id != person.pk]),
        needs_transport=needs_transport, seats=session.transport_seats,
        seats_taken=sum(1 for p in booked if p.needs_transport),
        ete_headroom_minutes=headroom,
        already_booked=any(p.person_id == person.pk for p in booked),
        intensive=intensive, in_work=person.employment_status in IN_WORK,
        intensive_agreed=bool(assessment and assessment.intensive),
        days_booked_that_week=_days_booked_that_week(person, session.on))


@transaction.atomic
def placement_book(*, acting_user, session: Session, person, needs_transport: bool = False,
                   intensive: bool = False, today: dt.date | None = None,
                   request=None) -> Placement:
    """Book a person on a session, or refuse with every reason (§12): assessment first, no
    sex offender on a public-facing group, capacity and transport seats never over-booked,
    at most two days a week unless working intensively (not in work, agreed at assessment)."""
    today = today or timezone.localdate()
    # One booking at a time per session: the count of places and seats cannot race.
    session = Session.objects.select_for_update(of=("self",)).select_related("project").get(pk=session.pk)
    if selectors.ledger_for(person, today) is None:
        raise UpwRefused(_("%(name)s has no unpaid work requirement.") % {"name": person.name},
                         code="upw_no_requirement", field="person")
    if session.on < today:
        raise UpwRefused(_("This session has already taken place."), code="upw_session_past",
                         field="session", conflict=True)
    problems = rules.check_placement(placement_facts(person, session,
                                                     needs_transport=needs_transport,
                                                     as_of=today, intensive=intensive))
    if problems:
        _refuse(problems, field="person", conflict=any(
            r.code in ("s12_session_full", "s12_transport_full") for r in problems))
    project = session.project
    appointment = appointments.book(
        user=acting_user, person=person, kind=Kind.UPW, venue=None,
        starts_at=_aware(session.on, session.starts_at), ends_at=_aware(session.on,
                                                                         session.ends_at),
        rar_activity=False, purpose=_("Unpaid work: %(p)s") % {"p": project.name},
        women_only=project.women_only, request=request)
    placement = Placement.objects.create(
        provider_id=person.provider_id, session=session, person=person,
        appointment=appointment, needs_transport=needs_transport, intensive=intensive,
        booked_by=_user(acting_user))
    placement.person = person
    events.upw_placement_booked(user=acting_user, placement=placement, request=request)
    return placement


# --- Sign-in, sign-out and outcomes -------------------------------------------------------------


def _minutes_between(start: dt.time, end: dt.time) -> int:
    return max(0, (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute))


def _placements(session: Session, ids) -> list[Placement]:
    wanted = {int(i) for i in ids}
    rows = list(Placement.objects.select_for_update(of=("self",)).filter(session=session, pk__in=wanted)
                .select_related("person", "appointment"))
    if not rows or len(rows) != len(wanted):
        raise UpwRefused(_("Choose people booked on this session."), code="upw_choose_people",
                         field="placements")
    return rows


@transaction.atomic
def session_sign_in(*, acting_user, session: Session, placement_ids, at: dt.time,
                    today: dt.date | None = None, request=None) -> list[Attendance]:
    """Sign a whole group in at once (each person's attendance starts at ``at``)."""
    today = today or timezone.localdate()
    if session.on != today:
        raise UpwRefused(_("People can be signed in only on the day of the session."),
                         code="upw_not_today", field="placements", conflict=True)
    out = []
    for placement in _placements(session, placement_ids):
        attendance, _created = Attendance.objects.select_for_update().get_or_create(
            placement=placement)
        if attendance.outcome or attendance.signed_in_at:
            raise UpwRefused(_("%(name)s is already signed in or has an outcome.") % {
                "name": placement.person.name}, code="upw_already_signed_in",
                field="placements", conflict=True)
        attendance.signed_in_at = at
        attendance.save(update_fields=["signed_in_at"])
        attendance.placement = placement
        events.upw_attendance_recorded(user=acting_user, attendance=attendance,
                                       change="signed_in", request=request)
        out.append(attendance)
    return out


@transaction.atomic
def session_sign_out(*, acting_user, session: Session, placement_ids, at: dt.time,
                     today: dt.date | None = None, request=None) -> list[Attendance]:
    """Sign a group out at once: each is attended, credited the time since they signed in."""
    today = today or timezone.localdate()
    if session.on != today:
        raise UpwRefused(_("People can be signed out only on the day of the session."),
                         code="upw_not_today", field="placements", conflict=True)
    rows = _placements(session, placement_ids)
    out = []
    for placement in rows:
        attendance = Attendance.objects.select_for_update().filter(placement=placement).first()
        if attendance is None or not attendance.signed_in_at:
            raise UpwRefused(_("%(name)s has not been signed in.") % {
                "name": placement.person.name}, code="upw_not_signed_in", field="placements",
                conflict=True)
        if attendance.outcome:
            raise UpwRefused(_("%(name)s already has an outcome.") % {
                "name": placement.person.name}, code="upw_outcome_recorded",
                field="placements", conflict=True)
        if at <= attendance.signed_in_at:
            raise UpwRefused(_("Sign-out must be after sign-in."), code="upw_sign_out_time",
                             field="at")
        out.append(_finish(attendance, placement, outcome=Outcome.ATTENDED,
                           minutes=_minutes_between(attendance.signed_in_at, at),
                           signed_out_at=at, acting_user=acting_user, today=today,
                           request=request))
    return out


def _finish(attendance: Attendance, placement: Placement, *, outcome: str, minutes: int,
            acting_user, today, penalty: int = 0, work_quality: str = "", behaviour: str = "",
            notes: str = "", evidence: str = "", signed_out_at=None, request=None) -> Attendance:
    attendance.outcome = outcome
    attendance.minutes_worked = minutes
    attendance.penalty_minutes = penalty
    attendance.work_quality = work_quality or attendance.work_quality
    attendance.behaviour = behaviour or attendance.behaviour
    attendance.notes = notes
    if signed_out_at is not None:
        attendance.signed_out_at = signed_out_at
    attendance.recorded_by = _user(acting_user)
    attendance.recorded_at = timezone.now()
    attendance.save()
    attendance.placement = placement
    events.upw_attendance_recorded(user=acting_user, attendance=attendance, change="outcome",
                                   request=request)
    summary.refresh([placement.person_id])  # the hub's row follows the credit (ADR 0015)
    booked = placement.appointment  # None without a query when no appointment is linked
    if booked is not None and not booked.outcome:
        # Absences go to the compliance journey through the appointment's outcome (§10–§11).
        appointment = appointments.record_outcome(
            user=acting_user, appointment=booked, outcome=APPOINTMENT_OUTCOME[outcome],
            evidence=evidence or notes, today=today, request=request)
        if outcome == Outcome.SENT_HOME:
            # Sent home is a failure to comply for the rest of the session: the officer decides
            # whether it was acceptable, as for any absence (§11). The same journey as a missed
            # appointment: arrangements respected, one letter per event.
            compliance.record_absence(user=acting_user, appointment=appointment, today=today,
                                      request=request)
    return attendance


@transaction.atomic
def attendance_record(*, acting_user, placement: Placement, outcome: str,
                      minutes_worked: int | None = None, penalty_minutes: int = 0,
                      work_quality: str = "", behaviour: str = "", notes: str = "",
                      evidence: str = "", today: dt.date | None = None,
                      request=None) -> Attendance:
    """One person's outcome, with work quality and behaviour (§12). Time is credited only for
    attended or sent home; an absence starts the §11 process through the appointment."""
    today = today or timezone.localdate()
    placement = Placement.objects.select_for_update(of=("self",)).select_related(
        "person", "session__project", "appointment").get(pk=placement.pk)
    session = placement.session
    if outcome not in Outcome.values:
        raise UpwRefused(_("Choose what happened."), code="upw_outcome_invalid",
                         field="outcome")
    if session.on > today:
        raise UpwRefused(_("The session has not happened yet."), code="upw_not_yet",
                         field="outcome", conflict=True)
    existing = Attendance.objects.select_for_update().filter(placement=placement).first()
    if existing is not None and existing.outcome:
        raise UpwRefused(_("The outcome is already recorded: correct the hours with an "
                           "adjustment."), code="upw_outcome_recorded", field="outcome",
                         conflict=True)
    problems: dict[str, str] = {}
    counts = outcome in rules.COUNTS_AS_ATTENDED
    if not counts:
        minutes_worked, penalty_minutes = 0, 0
    elif minutes_worked is None:
        minutes_worked = session.minutes
    if minutes_worked < 0 or minutes_worked > 24 * 60:
        problems["minutes_worked"] = _("Enter the minutes worked, 0 to 1440.")
    elif penalty_minutes < 0 or penalty_minutes > minutes_worked:
        problems["penalty_minutes"] = _("Penalty minutes cannot be more than the time worked.")
    if outcome == Outcome.ACCEPTABLE and not (evidence or notes).strip():
        problems["notes"] = _("Describe the evidence that makes the absence acceptable.")
    if outcome == Outcome.SENT_HOME and not notes.strip():
        problems["notes"] = _("Say why the person was sent home.")
    if problems:
        raise UpwRefused(code="upw_outcome_invalid", problems=problems)
    attendance = existing or Attendance.objects.create(placement=placement)
    return _finish(attendance, placement, outcome=outcome, minutes=minutes_worked,
                   penalty=penalty_minutes, work_quality=work_quality, behaviour=behaviour,
                   notes=notes, evidence=evidence, acting_user=acting_user, today=today,
                   request=request)


# --- Adjustments -----------------------------------------------------------------------------


@transaction.atomic
def adjustment_record(*, acting_user, person, on: dt.date, reason: str, minutes: int,
                      note: str = "", today: dt.date | None = None,
                      request=None) -> Adjustment:
    """Time added or taken off, with a reason from the table and within its cap (§12)."""
    today = today or timezone.localdate()
    Person.objects.select_for_update().filter(pk=person.pk).values_list("pk", flat=True).first()
    current = selectors.ledger_for(person, today)
    sentence_date = selectors.sentence_date_of(person)
    if current is None or sentence_date is None:
        raise UpwRefused(_("%(name)s has no unpaid work requirement.") % {"name": person.name},
                         code="upw_no_requirement", field="reason")
    if not note.strip():
        raise UpwRefused(_("Say why the time is adjusted."), code="upw_adjustment_note",
                         field="note")
    problems = rules.check_adjustment(
        current, rules.Adjustment(on=on, reason=reason, minutes=minutes),
        sentence_date=sentence_date, today=today)
    if problems:
        field = {"s12_adjustment_future": "on", "s12_adjustment_before_sentence": "on",
                 "s12_adjustment_reason": "reason"}.get(problems[0].code, "minutes")
        _refuse(problems, field=field)
    adjustment = Adjustment.objects.create(
        provider_id=person.provider_id, person=person, on=on, reason=reason, minutes=minutes,
        note=note.strip(), made_by=_user(acting_user))
    adjustment.person = person
    summary.refresh([person.pk])  # the hub's row follows the adjustment (ADR 0015)
    events.upw_adjustment_recorded(user=acting_user, adjustment=adjustment, request=request)
    return adjustment


# --- Nightly: orders at risk of overrunning --------------------------------------------------


def check_at_risk(*, today: dt.date | None = None, provider_id: int | None = None) -> dict:
    """Raise a task for the officer of each order at risk of overrunning (weeks before the
    deadline, §12); close it when the order is back on track or complete.

    The orders at risk are read from the summary rows (ADR 0015); only their ledgers are built,
    for the task's text."""
    from desist.organisation.models import Provider
    from desist.worklist import services as worklist
    from desist.worklist.models import Task

    today = today or timezone.localdate()
    raised = closed = 0
    providers = Provider.objects.all() if provider_id is None else Provider.objects.filter(
        pk=provider_id)
    for provider in providers:
        people = selectors.at_risk_orders(provider.pk, today).select_related(
            "responsible_officer", "team")
        for row in selectors.bulk_ledgers(people, today):
            person, ledger = row["person"], row["ledger"]
            _task, created = worklist.raise_task(
                provider_id=person.provider_id, person=person, kind="upw_at_risk",
                key=f"upw_at_risk:{person.crn}", due_on=today + dt.timedelta(days=7),
                title=_("Unpaid work at risk: %(left)s to do by %(deadline)s") % {
                    "left": rules.hm(ledger.remaining_minutes),
                    "deadline": format_date(ledger.deadline, "long")},
                detail=" ".join(r.text for r in ledger.reasons))
            raised += created
        # Open tasks of the provider's other live orders: back on track or complete.
        stale = Task.objects.filter(
            provider_id=provider.pk, kind="upw_at_risk", status=Task.Status.OPEN,
            person__active=True, person__upw_summary__isnull=False).exclude(
            person__upw_summary__complete=False, person__upw_summary__at_risk_from__lte=today)
        for task in stale:
            worklist.close_task(task, outcome=_("Unpaid work back on track."), done=False)
            closed += 1
    return {"raised": raised, "closed": closed}
