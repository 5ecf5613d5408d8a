"""Unpaid work services (§12, absences §10–§11): placements, sign-in/out, outcomes, adjustments."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from desist.appointments.models import Appointment
from desist.audit.models import AuditEvent
from desist.compliance.models import Absence, Letter
from desist.errors import Refused
from desist.organisation.roles import Role
from desist.rules.timescales import add_months
from desist.scopes import unpaid_work as scoped
from desist.unpaid_work import selectors, services
from desist.unpaid_work.models import Adjustment, Attendance, Placement
from tests import factories as f

from .factories import project, session, upw_person

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def supervisor(staff_by_role):
    return staff_by_role[Role.UPW_SUPERVISOR]


@pytest.fixture
def hub(staff_by_role):
    return staff_by_role[Role.HUB_ADMIN].user


def test_first_placement_needs_the_pre_placement_assessment(provider, hub, supervisor):
    s = session(project(provider, supervisor=supervisor))
    person = upw_person(provider, assessed=False)
    with pytest.raises(Refused) as refused:
        services.placement_book(acting_user=hub, session=s, person=person)
    assert refused.value.code == "s12_assessment_needed"
    assert not Placement.objects.exists() and not Appointment.objects.exists()
    services.assessment_record(acting_user=hub, person=person, assessed_on=TODAY)
    placement = services.placement_book(acting_user=hub, session=s, person=person)
    assert placement.appointment.kind == "upw"
    assert AuditEvent.objects.filter(event="upw_placement_booked", crn=person.crn).exists()


def test_a_sex_offender_cannot_be_placed_on_a_public_facing_group(provider, hub):
    s = session(project(provider, public_facing=True))
    person = upw_person(provider)
    f.RegistrationFactory(person=person, type="sex_offender", start_date=dt.date(2026, 6, 1))
    with pytest.raises(Refused) as refused:
        services.placement_book(acting_user=hub, session=s, person=person)
    assert refused.value.code == "s12_sex_offender_public_facing"
    assert not Placement.objects.exists() and not Appointment.objects.exists()
    private = session(project(provider, name="Allotments", public_facing=False))
    assert services.placement_book(acting_user=hub, session=private, person=person)


def test_a_fifteenth_booking_on_a_fourteen_seat_bus_is_refused(provider, hub):
    s = session(project(provider, capacity=20), seats=14)
    for _ in range(14):
        services.placement_book(acting_user=hub, session=s, person=upw_person(provider),
                                needs_transport=True)
    fifteenth = upw_person(provider)
    with pytest.raises(Refused) as refused:
        services.placement_book(acting_user=hub, session=s, person=fifteenth,
                                needs_transport=True)
    assert refused.value.code == "s12_transport_full" and refused.value.status == 409
    assert Placement.objects.filter(session=s).count() == 14
    assert not Appointment.objects.filter(person=fifteenth).exists()
    # Making their own way there, they still fit: capacity is 20.
    assert services.placement_book(acting_user=hub, session=s, person=fifteenth)


def test_capacity_stops_over_booking(provider, hub):
    s = session(project(provider, capacity=2))
    for _ in range(2):
        services.placement_book(acting_user=hub, session=s, person=upw_person(provider))
    with pytest.raises(Refused) as refused:
        services.placement_book(acting_user=hub, session=s, person=upw_person(provider))
    assert refused.value.code == "s12_session_full"


def test_keep_apart_either_way_round(provider, hub):
    s = session(project(provider))
    first = upw_person(provider, first_name="Lee", last_name="Grant")
    services.placement_book(acting_user=hub, session=s, person=first)
    second = upw_person(provider, assessed=False)
    services.assessment_record(acting_user=hub, person=second, assessed_on=TODAY,
                               keep_apart="lee grant")
    with pytest.raises(Refused) as refused:
        services.placement_book(acting_user=hub, session=s, person=second)
    assert refused.value.code == "s12_keep_apart"


def test_supervisor_signs_a_group_in_and_out_and_time_is_credited(provider, hub, supervisor):
    s = session(project(provider, supervisor=supervisor))
    people = [upw_person(provider) for _ in range(3)]
    placements = [services.placement_book(acting_user=hub, session=s, person=p) for p in people]
    ids = [p.pk for p in placements]
    services.session_sign_in(acting_user=supervisor.user, session=s, placement_ids=ids,
                             at=dt.time(9))
    assert Attendance.objects.filter(signed_in_at=dt.time(9)).count() == 3
    with pytest.raises(Refused) as twice:
        services.session_sign_in(acting_user=supervisor.user, session=s, placement_ids=ids[:1],
                                 at=dt.time(9, 5))
    assert twice.value.code == "upw_already_signed_in"
    services.session_sign_out(acting_user=supervisor.user, session=s, placement_ids=ids,
                              at=dt.time(16, 30))
    for person in people:
        ledger = selectors.ledger_for(person, TODAY)
        assert ledger.credited_minutes == 450
        assert Appointment.objects.get(person=person).outcome == "attended"


def test_sent_home_credits_time_worked_less_penalty(provider, hub, supervisor):
    s = session(project(provider, supervisor=supervisor))
    placement = services.placement_book(acting_user=hub, session=s,
                                        person=upw_person(provider))
    services.attendance_record(acting_user=supervisor.user, placement=placement,
                               outcome="sent_home", minutes_worked=180, penalty_minutes=30,
                               behaviour="poor", work_quality="satisfactory",
                               notes="Sent home for arguing with the supervisor")
    assert selectors.ledger_for(placement.person, TODAY).credited_minutes == 150
    with pytest.raises(Refused) as again:
        services.attendance_record(acting_user=supervisor.user, placement=placement,
                                   outcome="attended")
    assert again.value.code == "upw_outcome_recorded" and again.value.status == 409


def test_failed_to_attend_goes_to_the_officer_through_compliance(provider, hub, supervisor):
    s = session(project(provider, supervisor=supervisor))
    person = upw_person(provider)
    placement = services.placement_book(acting_user=hub, session=s, person=person)
    services.attendance_record(acting_user=supervisor.user, placement=placement,
                               outcome="failed_to_attend")
    absence = Absence.objects.get(person=person)
    assert absence.appointment_id == placement.appointment_id
    assert absence.status == "awaiting" and absence.failed_on == TODAY
    assert selectors.ledger_for(person, TODAY).credited_minutes == 0


def test_unacceptable_absence_gets_one_warning_letter(provider, hub, supervisor):
    s = session(project(provider, supervisor=supervisor))
    person = upw_person(provider)
    placement = services.placement_book(acting_user=hub, session=s, person=person)
    services.attendance_record(acting_user=supervisor.user, placement=placement,
                               outcome="unacceptable_absence", notes="No reason given")
    absence = Absence.objects.get(person=person)
    assert absence.status == "unacceptable"
    assert Letter.objects.filter(absence=absence).count() == 1


def test_adjustment_over_its_cap_is_refused_and_nothing_changes(provider, hub):
    person = upw_person(provider)
    with pytest.raises(Refused) as refused:
        services.adjustment_record(acting_user=hub, person=person, on=TODAY,
                                   reason="travel_time", minutes=181, note="Long journey")
    assert refused.value.code == "s12_adjustment_over_cap" and refused.value.field == "minutes"
    assert not Adjustment.objects.exists()
    services.adjustment_record(acting_user=hub, person=person, on=TODAY, reason="travel_time",
                               minutes=180, note="Long journey")
    assert selectors.ledger_for(person, TODAY).credited_minutes == 180
    assert AuditEvent.objects.filter(event="upw_adjustment_recorded", crn=person.crn).exists()


def test_future_adjustment_refused(provider, hub):
    person = upw_person(provider)
    with pytest.raises(Refused) as refused:
        services.adjustment_record(acting_user=hub, person=person,
                                   on=TODAY + dt.timedelta(days=1), reason="travel_time",
                                   minutes=60, note="x")
    assert refused.value.code == "s12_adjustment_future" and refused.value.field == "on"


def test_ete_beyond_twenty_percent_is_refused(provider, hub):
    person = upw_person(provider, hours=100)
    services.adjustment_record(acting_user=hub, person=person, on=TODAY, reason="ete",
                               minutes=1200, note="College course")
    with pytest.raises(Refused) as refused:
        services.adjustment_record(acting_user=hub, person=person, on=TODAY, reason="ete",
                                   minutes=1, note="One more minute")
    assert refused.value.code == "s12_ete_over_cap" and "20%" in refused.value.message
    assert Adjustment.objects.count() == 1
    ete = session(project(provider, name="College", type="ete"))
    with pytest.raises(Refused) as booking:
        services.placement_book(acting_user=hub, session=ete, person=person)
    assert booking.value.code == "s12_ete_over_cap"


def test_hours_are_summed_across_orders(provider, hub):
    person = upw_person(provider, hours=100)
    later = f.SentenceFactory(person=person, sentence_date=dt.date(2026, 8, 1),
                              start_date=dt.date(2026, 8, 1),
                              expected_end_date=dt.date(2027, 8, 1))
    f.RequirementFactory(sentence=later, type="upw", rar_days=None, upw_hours=40)
    assert selectors.ledger_for(person, TODAY).ordered_minutes == 140 * 60


def test_hub_figures_flag_an_order_nine_months_in_with_sixty_percent_left(provider, hub):
    nine_months_ago = add_months(TODAY, -9)
    behind = upw_person(provider, hours=100, sentenced=nine_months_ago, last_name="Behind")
    services.adjustment_record(acting_user=hub, person=behind, on=nine_months_ago,
                               reason="court_direction", minutes=40 * 60,
                               note="Hours transferred")
    fine = upw_person(provider, hours=100, last_name="Fine",
                      sentenced=TODAY - dt.timedelta(days=10))
    figures = scoped.overview(hub, TODAY)
    flagged = [r.person for r in scoped.drill_down(hub, TODAY, show="at_risk")]
    assert behind in flagged and fine not in flagged
    assert figures["counts"]["at_risk"] == 1 and figures["service_level"] == 90


def test_nightly_check_raises_a_task_for_an_order_at_risk_and_closes_it(provider, hub):
    from desist.worklist.models import Task

    behind = upw_person(provider, hours=100, sentenced=add_months(TODAY, -9))
    services.check_at_risk(today=TODAY, provider_id=provider.pk)
    services.check_at_risk(today=TODAY, provider_id=provider.pk)  # idempotent
    task = Task.objects.get(kind="upw_at_risk", person=behind, status="open")
    assert "100 hours" in task.title
    services.adjustment_record(acting_user=hub, person=behind, on=TODAY,
                               reason="court_direction", minutes=100 * 60, note="Completed")
    services.check_at_risk(today=TODAY, provider_id=provider.pk)
    task.refresh_from_db()
    assert task.status != "open"
