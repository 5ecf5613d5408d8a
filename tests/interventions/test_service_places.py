"""Waiting lists and places come from real referrals; the service record is editable by the
system administrator and by the partner for its own services, audited (§9, F13; item 21)."""

from __future__ import annotations

import datetime as dt

import pytest

from desist.audit.models import AuditEvent
from desist.interventions import selectors, services
from desist.interventions.models import Referral, Service
from desist.organisation.roles import Role
from tests import factories as f
from tests.refusals import nothing_written

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def mentoring(partner):
    return Service.objects.create(provider=partner.provider, code="MENT", name="Peer mentoring",
                                  component="mentoring", mode="one_to_one", sessions=4,
                                  partner=partner, capacity=2)


def fill(service, provider, statuses):
    for i, status in enumerate(statuses):
        person = f.PersonFactory(provider=provider, crn=f"W{i:06d}")
        Referral.objects.create(person=person, partner=service.partner, catalogue_service=service,
                                service=service.name, referred_on=TODAY, status=status)


def test_catalogue_and_monitoring_count_the_same_waiting_list(case, mentoring, provider,
                                                              staff_by_role, client_for):
    fill(mentoring, provider, ["referred", "accepted", "waiting", "started", "started",
                               "completed", "withdrawn"])
    restricted = Referral.objects.filter(catalogue_service=mentoring, status="waiting").get()
    type(case).objects.filter(pk=restricted.person_id).update(restricted=True)
    [service] = selectors.with_places([mentoring])
    assert service.places == {"waiting": 3, "in_use": 2, "free": 0}
    assert service.wait.weeks == 4 * 2  # full: three ahead of two places, courses of 4 weeks
    row = next(r for r in selectors.monitoring(staff_by_role[Role.MANAGER].user)
               if r["service"] == "Peer mentoring")
    assert (row["waiting"], row["in_use"], row["capacity"]) == (3, 2, 2)
    page = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER]).get("/services/")
    assert b"2 of 2 places in use" in page.content and b"3 waiting" in page.content
    assert b"wait about 8 weeks" in page.content
    monitoring = client_for(staff_by_role[Role.MANAGER]).get("/monitoring/")
    assert b"2 of 2" in monitoring.content


def test_a_full_service_makes_a_new_referral_wait_and_flags_it(case, mentoring, provider):
    case.sentences.update(expected_end_date=TODAY + dt.timedelta(weeks=6))
    referral, check = services.make_referral(user=case.responsible_officer.user, person=case,
                                             service=mentoring, today=TODAY)
    assert check.feasible  # two places free: four weeks, inside the six left
    fill(mentoring, provider, ["started", "started"])
    services.recheck(referral, today=TODAY)
    referral.refresh_from_db()
    assert referral.at_risk and "a wait of 4 weeks" in referral.risk_text


def test_partner_edits_its_own_service_and_the_edit_is_audited(case, mentoring, provider,
                                                               staff_by_role, client_for):
    client = client_for(staff_by_role[Role.PARTNER_CASEWORKER])
    assert b"Edit" in client.get("/services/").content
    page = client.get(f"/services/{mentoring.pk}/edit")
    assert page.status_code == 200 and b"Places in use" in page.content
    form = {"capacity": "6", "waiting_weeks": "2", "status": "accepting", "sessions": "4",
            "sessions_per_week": "1", "description": "", "version": "1"}
    with nothing_written(Service):
        bad = client.post(f"/services/{mentoring.pk}/edit", {**form, "capacity": "0"})
    assert bad.status_code == 400 and b"There must be at least 1 place" in bad.content
    assert client.post(f"/services/{mentoring.pk}/edit", form).status_code == 302
    mentoring.refresh_from_db()
    assert (mentoring.capacity, mentoring.waiting_weeks, mentoring.version) == (6, 2, 2)
    audit = AuditEvent.objects.get(event="service_changed", object_id=str(mentoring.pk))
    assert audit.detail["before"] == {"capacity": 2, "waiting_weeks": 0}
    assert audit.detail["after"] == {"capacity": 6, "waiting_weeks": 2}
    assert audit.actor == staff_by_role[Role.PARTNER_CASEWORKER].user
    with nothing_written(Service):
        stale = client.post(f"/services/{mentoring.pk}/edit", form)
    assert stale.status_code == 409


def test_only_the_administrator_and_the_owning_partner_may_edit(case, mentoring, provider,
                                                                staff_by_role, client_for):
    from tests.conftest import make_staff

    inhouse = Service.objects.create(provider=provider, code="TSP", name="TSP",
                                     component="accredited_programme", mode="group")
    partner_client = client_for(staff_by_role[Role.PARTNER_CASEWORKER])
    assert partner_client.get(f"/services/{inhouse.pk}/edit").status_code == 404
    other = make_staff(provider, Role.PARTNER_CASEWORKER, username="other-partner", grade="PTR",
                       partner=f.PartnerFactory(provider=provider))
    assert client_for(other).get(f"/services/{mentoring.pk}/edit").status_code == 404
    admin = client_for(staff_by_role[Role.SYSADMIN])
    assert admin.get(f"/services/{inhouse.pk}/edit").status_code == 200
    officer = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    assert officer.get(f"/services/{mentoring.pk}/edit").status_code == 403
    assert b"/edit" not in officer.get("/services/").content
