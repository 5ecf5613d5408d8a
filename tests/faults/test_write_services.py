"""The database connection lost in the middle of each main write service (issue 13 item 5):
nothing half-written, and the same write then goes through.

Each scenario sets up a case and returns ``act`` (the write, through the service or the page)
and ``check`` (what the successful write leaves). The harness measures how many write
statements ``act`` runs, loses the connection at the first two, the middle and the last two
(on PostgreSQL the server ends the backend), compares every table before and after each
attempt, then runs ``act`` once more and ``check``s it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError
from django.utils import timezone

from desist.allocation.models import BandDecision, RoutingDecision
from desist.appointments import services as appointments
from desist.appointments.models import Appointment
from desist.audit.models import AuditEvent
from desist.compliance import services as compliance
from desist.compliance.models import Absence, EnforcementAction
from desist.organisation.roles import Role
from desist.people.models import Person
from desist.planning import services as planning
from desist.resettlement import services as resettlement
from desist.risk.models import SafeguardingCheck
from desist.unpaid_work import services as upw
from desist.unpaid_work.models import Attendance
from tests import factories as f
from tests.allocation.conftest import new_case
from tests.conftest import make_staff
from tests.planning.helpers import approved_reading
from tests.unpaid_work.factories import project, session, upw_person

from .harness import assert_atomic_under_faults

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = timezone.localdate()


class ServerError(DatabaseError):
    """The page answered 500 (the view's database work failed)."""


def _title(response) -> str:
    page = response.content.decode()
    return page[page.find("<title>"):page.find("</title>")]


def post(client, url, data_fn, ok=(302,)):
    def act():
        client.raise_request_exception = False
        response = client.post(url, data_fn())
        if response.status_code == 500:
            raise ServerError(url)
        assert response.status_code in ok, (url, response.status_code, _title(response))
    return act


def _lmc(provider):
    la = f.LocalAuthorityFactory(code="E08000021", name="Newcastle upon Tyne")
    venue = f.VenueFactory(provider=provider, code="LMC-NCL", kind="lmc")
    venue.local_authorities.add(la)
    return la, f.TeamFactory(provider=provider, code="NCL", name="Newcastle", venue=venue)


def _version(crn):
    return lambda: Person.objects.get(crn=crn).version


# --- scenarios: each returns (act, check) ---------------------------------------------------


def intake_routing(provider, staff_by_role, client, **_):
    la, team = _lmc(provider)
    new_case(provider, la=la, crn="B100001")
    client.force_login(staff_by_role[Role.HUB_ADMIN].user)
    act = post(client, "/hub/intake/B100001",
               lambda: {"version": _version("B100001")(), "routing": "lmc", "lmc": "NCL"})
    return act, lambda: RoutingDecision.objects.get(person__crn="B100001").kind == "confirmed"


def banding(provider, client, **_):
    la, team = _lmc(provider)
    new_case(provider, la=la, team=team, crn="C100002", rosh="medium", routing="lmc", lmc=team)
    manager = make_staff(provider, Role.MANAGER, username="ncl-manager", grade="SPO", team=team)
    client.force_login(manager.user)
    act = post(client, "/cases/C100002/band", lambda: {
        "version": _version("C100002")(), "band": "blue", "rationale": "Weapons found at home"})
    return act, lambda: BandDecision.objects.get(person__crn="C100002").overridden


def assignment(provider, client, **_):
    la, team = _lmc(provider)
    new_case(provider, la=la, team=team, crn="C100004", gender="female", routing="lmc", lmc=team)
    manager = make_staff(provider, Role.MANAGER, username="ncl-manager", grade="SPO", team=team)
    officer = make_staff(provider, Role.RESPONSIBLE_OFFICER, username="po-f", grade="PO", team=team)
    client.force_login(manager.user)
    act = post(client, "/cases/C100004/assignment",
               lambda: {"version": _version("C100004")(), "officer": officer.pk})
    return act, lambda: Person.objects.get(crn="C100004").responsible_officer_id == officer.pk


def _at(day, hour):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def appointment_booking(case, **_):
    venue = f.VenueFactory(provider=case.provider, name="Newcastle LMC", wheelchair_access=True,
                           private_rooms=2)
    day = TODAY + dt.timedelta(days=(7 - TODAY.weekday()) % 7 or 7)  # next Monday

    def act():
        appointments.book(user=case.responsible_officer.user, person=case, kind="officer",
                          venue=venue, starts_at=_at(day, 10), ends_at=_at(day, 11),
                          rar_activity=True)
    return act, lambda: Appointment.objects.filter(person=case, starts_at=_at(day, 10)).exists()


def _past_appointment(case, days_ago=1):
    start = _at(TODAY - dt.timedelta(days=days_ago), 10)
    return Appointment.objects.create(
        provider=case.provider, person=case, kind="officer", officer=case.responsible_officer,
        starts_at=start, ends_at=start + dt.timedelta(hours=1), rar_activity=False)


def appointment_outcome(case, **_):
    appointment = _past_appointment(case)

    def act():
        appointments.record_outcome(user=case.responsible_officer.user, appointment=appointment,
                                    outcome="failed_to_attend")
    return act, lambda: Absence.objects.filter(appointment=appointment, status="awaiting").exists()


def enforcement_decision(case, **_):
    appointment = _past_appointment(case)
    appointments.record_outcome(user=case.responsible_officer.user, appointment=appointment,
                                outcome="failed_to_attend")
    absence = Absence.objects.get(appointment=appointment)

    def act():
        compliance.decide(user=case.responsible_officer.user, absence=absence,
                          judged="unacceptable", evidence="No contact")
    return act, lambda: EnforcementAction.objects.get(person=case).kind == "warning"


def plan_completion(case, staff_by_role, **_):
    user = staff_by_role[Role.RESPONSIBLE_OFFICER].user
    approved_reading(user, case)
    plan = planning.start_plan(acting_user=user, person=case, today=TODAY)
    for area in ("home", "substances", "time"):
        planning.add_objective(acting_user=user, plan=plan, text=f"Work on {area}", need_kind="area",
                               area_code=area, risk_factor="", services="RAR sessions",
                               target_date=None)
    planning.record_agreement(acting_user=user, plan=plan, agreed=True, comments="",
                              agreed_on=TODAY, diversity_notes="")
    planning.save_rmp(acting_user=user, plan=plan, victims="Ex-partner", agencies="MARAC",
                      home_visits="Monthly", contingency="Call police")
    for kind in ("police_domestic_abuse", "childrens_social_care"):
        SafeguardingCheck.objects.create(person=case, kind=kind, requested_on=TODAY,
                                                  completed_on=TODAY, result="no_information")

    def act():
        planning.complete_plan(acting_user=user, plan=plan, today=TODAY)
    return act, lambda: type(plan).objects.get(pk=plan.pk).status == "awaiting_countersignature"


def upw_outcome(provider, staff_by_role, **_):
    supervisor = staff_by_role[Role.UPW_SUPERVISOR]
    placement = upw.placement_book(acting_user=staff_by_role[Role.HUB_ADMIN].user,
                                   session=session(project(provider, supervisor=supervisor)),
                                   person=upw_person(provider))

    def act():
        upw.attendance_record(acting_user=supervisor.user, placement=placement, outcome="sent_home",
                              minutes_worked=180, penalty_minutes=30, behaviour="poor",
                              work_quality="satisfactory", notes="Sent home")
    return act, lambda: Attendance.objects.filter(placement=placement).exists()


def upw_sign_out(provider, staff_by_role, **_):
    supervisor = staff_by_role[Role.UPW_SUPERVISOR]
    s = session(project(provider, supervisor=supervisor))
    ids = [upw.placement_book(acting_user=staff_by_role[Role.HUB_ADMIN].user, session=s,
                              person=upw_person(provider)).pk for _ in range(2)]
    upw.session_sign_in(acting_user=supervisor.user, session=s, placement_ids=ids, at=dt.time(9))

    def act():
        upw.session_sign_out(acting_user=supervisor.user, session=s, placement_ids=ids,
                             at=dt.time(16, 30))
    return act, lambda: Attendance.objects.filter(signed_out_at=dt.time(16, 30)).count() == 2


def resettlement_plan(provider, staff_by_role, team, **_):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    person = f.PersonFactory(provider=provider, crn="C200001", responsible_officer=officer,
                             team=team)
    sentence = f.SentenceFactory(person=person, type="custody", custodial_months=24,
                                 sentence_date=TODAY - dt.timedelta(days=300),
                                 start_date=TODAY - dt.timedelta(days=300),
                                 expected_end_date=TODAY + dt.timedelta(days=500),
                                 release_date=TODAY + dt.timedelta(weeks=20))
    resettlement.ensure_default_versions()
    case = resettlement.custody_case_open(acting_user=officer.user, person=person,
                                          sentence=sentence, prison="HMP Durham",
                                          reception_on=TODAY - dt.timedelta(days=300))
    answers = {"accommodation": "none", "uses_drugs": "no", "on_opiate_treatment": "",
               "alcohol": "no", "mental_health": "yes", "gp": "yes", "bank_account": "no",
               "id_documents": "yes", "debt": "no", "work": "yes", "family": "no"}
    resettlement.assessment_record(acting_user=officer.user, case=case, kind="screening",
                                   answers=answers)
    for pathway in case.pathways.all():
        if pathway.status == "not_started":
            resettlement.pathway_set_status(acting_user=officer.user, pathway=pathway,
                                            status="not_required")

    def act():
        resettlement.plan_complete(acting_user=officer.user, case=case)
    return act, lambda: type(case).objects.get(pk=case.pk).plan_completed_on == TODAY


SCENARIOS = [intake_routing, banding, assignment, appointment_booking, appointment_outcome,
             enforcement_decision, plan_completion, upw_outcome, upw_sign_out, resettlement_plan]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.__name__ for s in SCENARIOS])
def test_connection_lost_mid_write_leaves_nothing_and_the_write_then_succeeds(
        scenario, case, provider, staff_by_role, team, client):
    act, check = scenario(case=case, provider=provider, staff_by_role=staff_by_role, team=team,
                          client=client)
    events = AuditEvent.objects.count()
    writes = assert_atomic_under_faults(act)
    assert writes >= 2, "a multi-row write"
    act()  # the next request: a fresh connection, the same write, nothing stale
    assert check()
    assert AuditEvent.objects.count() > events  # with its audit event
