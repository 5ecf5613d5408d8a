"""Demo: unpaid-work projects, today's sessions for the supervisor (``upw``), and a showcase
case for each rule (§12):

- four people booked on today's Saltwell Park group, for the supervisor to sign in and out;
- an order nine months in with 60% of the hours still to do (flagged at risk);
- a registered sex offender, assessed: refused on the public-facing park group, placed on the
  allotments instead;
- an order whose ETE has reached the 20% limit (an ETE placement is refused);
- an order completed; a new order not yet assessed (no placement until it is).

Deterministic and fast: the people are taken from the officer's caseload by CRN order.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from desist.appointments.demo import pick, shape
from desist.appointments.models import Appointment
from desist.organisation.models import Provider, Staff
from desist.people.models import Registration
from desist.seeding import claim
from desist.sentences.models import Requirement

from . import services, summary
from .demo_history import seed_history
from .models import Attendance, PickUpPoint, Placement, Project, Session

MARKER = "Saltwell Park clean-up"


def _upw(person, hours: int, sentence) -> None:
    Requirement.objects.create(sentence=sentence, type="upw", upw_hours=hours)


def _worked(project, person, day: dt.date, minutes: int) -> None:
    """A past session already signed out (history for the ledger)."""
    session = Session.objects.filter(project=project, on=day).first() or Session.objects.create(
        project=project, on=day, starts_at=dt.time(9), ends_at=dt.time(16, 30),
        supervisor=project.supervisor)
    placement = Placement.objects.create(provider=person.provider, session=session,
                                         person=person)
    Attendance.objects.create(placement=placement, signed_in_at=dt.time(9),
                              signed_out_at=dt.time(9 + minutes // 60, minutes % 60),
                              outcome="attended", minutes_worked=minutes, work_quality="good",
                              behaviour="good")


def seed(reference_date: dt.date) -> str:
    provider = Provider.objects.filter(code="NCRC").first()
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=["officer", "upw", "hub"])}
    officer = Staff.objects.filter(user=users.get("officer")).first()
    supervisor = Staff.objects.filter(user=users.get("upw")).first()
    if provider is None or officer is None or supervisor is None:
        return "no NCRC provider, officer or upw login"
    if Project.objects.filter(provider=provider, name=MARKER).exists():
        more = seed_history(provider, reference_date, list(Project.objects.filter(
            provider=provider)))
        return "unpaid work already present" + (
            f"; worked hours for {more} more orders" if more else "")
    hub = users.get("hub")
    today = reference_date
    office = officer.team

    def project(name, type_, site, **kw):
        return services.project_create(acting_user=hub, provider=provider, name=name,
                                       type=type_, site=site, supervisor=supervisor,
                                       office=office, **kw)

    depot = PickUpPoint.objects.create(provider=provider, name="Newcastle depot, Scotswood Road")
    park = project(MARKER, "group", "Saltwell Park, Gateshead", beneficiary="Gateshead Council",
                   capacity=14, hi_vis=True, public_facing=True, weekdays=[2, 4, 6],
                   pick_up_point=depot, transport_seats=14)
    allotments = project("Elswick allotments", "group", "Elswick Road allotments, Newcastle",
                         beneficiary="Elswick Allotment Society", capacity=8,
                         availability="fortnightly", weekdays=[3])
    project("St Vincent's furniture shop", "individual", "Shields Road, Byker",
            beneficiary="St Vincent de Paul Society", capacity=2, weekdays=[1, 2, 3, 4, 5])
    college = project("Employability course", "ete", "Newcastle College, Rye Hill",
                      beneficiary="Newcastle College", capacity=12, weekdays=[1])
    project("Unpaid work induction", "induction", "Newcastle depot", capacity=10, weekdays=[1])
    # Where most of the caseload's hours were worked (the history below).
    history = [park, allotments] + [
        project(name, "group", site, beneficiary=who, capacity=places, weekdays=days)
        for name, site, who, places, days in (
            ("Walker Park litter pick", "Walker Park, Newcastle", "Newcastle City Council", 12,
             [1, 3, 5]),
            ("Tyne riverside path", "Riverside Walk, Newburn", "Groundwork North East", 14,
             [2, 5]),
            ("Heaton community garden", "Heaton Road, Newcastle", "Heaton Community Trust", 10,
             [4, 6]))]
    park_today = services.session_create(
        acting_user=hub, project=park, on=today, starts_at=dt.time(9), ends_at=dt.time(16, 30),
        pick_up_point=depot, transport_seats=14, pick_up_at=dt.time(8, 30))
    allotments_today = services.session_create(
        acting_user=hub, project=allotments, on=today, starts_at=dt.time(9),
        ends_at=dt.time(15, 30))
    college_next = services.session_create(
        acting_user=hub, project=college, on=today + dt.timedelta(days=7),
        starts_at=dt.time(9, 30), ends_at=dt.time(15, 30))
    for days in (7, 14):
        services.session_create(acting_user=hub, project=park, on=today + dt.timedelta(days=days),
                                starts_at=dt.time(9), ends_at=dt.time(16, 30),
                                pick_up_point=depot, transport_seats=14,
                                pick_up_at=dt.time(8, 30))

    used: set[str] = set(Appointment.objects.filter(provider=provider)
                         .values_list("person__crn", flat=True))

    def case(gender, months, hours, extra=None, assessed=True):
        person = pick(provider, officer, gender, used)
        if person is None:
            return None
        person, sentence = shape(person, extra or {}, months, None, today)
        _upw(person, hours, sentence)
        if assessed:
            services.assessment_record(
                acting_user=users["officer"], person=person,
                assessed_on=min(sentence.sentence_date + dt.timedelta(days=7), today),
                court_papers_seen=True, rosh_noted=True, health_and_safety="Steel toecaps issued.",
                today=today)
        return person, sentence

    made = []
    # 1. Today's group for the supervisor.
    for gender in ("male", "male", "female", "male"):
        got = case(gender, 2, 120)
        if got is None:
            break
        person, sentence = got
        _worked(park, person, sentence.sentence_date + dt.timedelta(days=14), 420)
        services.placement_book(acting_user=hub, session=park_today, person=person,
                                needs_transport=True, today=today)
        made.append(person.crn)
    # 2. Nine months in with 60% of 100 hours left: at risk.
    got = case("male", 9, 100)
    if got:
        person, sentence = got
        for week in range(6):  # 40 hours in the first months, then nothing
            _worked(park, person, sentence.sentence_date + dt.timedelta(days=14 + 7 * week),
                    400)
        made.append(person.crn)
    # 3. A registered sex offender: never on the public-facing park group.
    got = case("male", 3, 80)
    if got:
        person, sentence = got
        Registration.objects.create(person=person, type="sex_offender", level="1",
                                    start_date=sentence.sentence_date)
        services.placement_book(acting_user=hub, session=allotments_today, person=person,
                                today=today)
        made.append(person.crn)
    # 4. ETE at the 20% limit: an ETE placement is refused.
    got = case("female", 4, 100)
    if got:
        person, sentence = got
        services.adjustment_record(acting_user=users["officer"], person=person,
                                   on=sentence.sentence_date + dt.timedelta(days=30),
                                   reason="ete", minutes=20 * 60,
                                   note="Forklift licence course completed at college.",
                                   today=today)
        made.append(person.crn)
    # 5. Complete; 6. not yet assessed.
    got = case("male", 5, 40)
    if got:
        person, sentence = got
        for week in range(6):
            _worked(allotments, person, sentence.sentence_date + dt.timedelta(days=14 + 7 * week),
                    400)
        made.append(person.crn)
    got = case("female", 0, 60, assessed=False)
    if got:
        made.append(got[0].crn)
    del college_next
    claim(*made)
    worked = seed_history(provider, today, history)
    return f"8 projects, {Session.objects.filter(project__provider=provider).count()} " \
           f"sessions; worked hours for {worked} orders; showcase {', '.join(made)}"


def rebuild_summary(today: dt.date) -> str:
    """The seeders write UPW sentences, sessions and outcomes in bulk, past the services:
    recount the order summary the hub reads once they are done (ADR 0015)."""
    del today
    return f"{len(summary.rebuild()):,} unpaid-work summary rows corrected"
