"""§3.2 intake: the hub queue, routing confirmed or corrected, custody held and passed on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from desist.access.roles import Role
from desist.allocation import recompute
from desist.allocation.models import RoutingDecision
from desist.audit.models import AuditEvent
from desist.worklist.models import Task

from .conftest import new_case

pytestmark = pytest.mark.django_db


def test_hub_confirms_the_proposed_lmc(provider, newcastle, staff_by_role, client):
    la, team = newcastle
    person = new_case(provider, la=la, crn="B100001")
    client.force_login(staff_by_role[Role.HUB_ADMIN].user)
    queue = client.get("/hub/intake/").content.decode()
    assert "B100001" in queue and "LMC Newcastle" in queue  # the name, not the code
    page = client.get("/hub/intake/B100001")
    assert "Routed by address" in page.content.decode()
    done = client.post("/hub/intake/B100001", {"action": "route", "version": person.version,
                                                "routing": "lmc", "lmc": "NCL"})
    assert done.status_code == 302
    person.refresh_from_db()
    assert (person.routing, person.lmc, person.team) == ("lmc", team, team)
    decision = RoutingDecision.objects.get(person=person)
    assert decision.kind == "confirmed"
    assert Task.objects.filter(kind="allocation", person=person, status="open", team=team).exists()
    audit = AuditEvent.objects.get(event="routing_decided", crn="B100001")
    assert audit.detail["proposed"]["destination"] == "lmc"


def test_correcting_the_routing_needs_a_note(provider, newcastle, staff_by_role, client):
    la, _ = newcastle
    person = new_case(provider, la=la, crn="B100002")
    client.force_login(staff_by_role[Role.HUB_ADMIN].user)
    refused = client.post("/hub/intake/B100002", {"action": "route", "version": person.version,
                                                   "routing": "hub"})
    assert refused.status_code == 400
    assert "Say why you are routing the case differently" in refused.content.decode()
    assert "There is a problem" in refused.content.decode()
    ok = client.post("/hub/intake/B100002", {"action": "route", "version": person.version,
                                              "routing": "hub", "note": "Moving to Durham next week"})
    assert ok.status_code == 302
    assert RoutingDecision.objects.get(person=person).kind == "corrected"


def test_missing_information_is_listed(provider, newcastle, staff_by_role, client):
    new_case(provider, crn="B100003", rosh="")
    client.force_login(staff_by_role[Role.HUB_ADMIN].user)
    queue = client.get("/hub/intake/").content.decode()
    assert "No address" in queue and "No RoSH" in queue


def test_long_custody_is_held_and_passes_to_the_lmc_12_weeks_before_release(provider, newcastle):
    la, team = newcastle
    today = timezone.localdate()
    later = new_case(provider, la=la, crn="B100004", sentence_type="custody", custodial=30,
                     release=today + dt.timedelta(weeks=20), requirements=(), routing="hub",
                     hub_hold="long_custody")
    due = new_case(provider, la=la, crn="B100005", sentence_type="custody", custodial=24,
                   release=today + dt.timedelta(weeks=12) - dt.timedelta(days=1), requirements=(),
                   routing="hub", hub_hold="long_custody")
    counts = recompute.run(as_of=today)
    assert counts.released == 1
    later.refresh_from_db()
    due.refresh_from_db()
    assert later.routing == "hub" and later.pass_to_lmc_on == today + dt.timedelta(weeks=8)
    assert due.routing == "lmc" and due.team == team and due.hub_hold == ""
    assert RoutingDecision.objects.get(person=due).kind == "released"
    assert Task.objects.filter(kind="allocation", person=due, status="open").count() == 1
    again = recompute.run(as_of=today, restart=True)
    assert again.released == 0 and again.changed == 0
    assert Task.objects.filter(kind="allocation", person=due).count() == 1


def test_rotl_request_passes_a_held_case_early(provider, newcastle, staff_by_role, client):
    la, team = newcastle
    today = timezone.localdate()
    person = new_case(provider, la=la, crn="B100006", sentence_type="custody", custodial=30,
                      release=today + dt.timedelta(weeks=30), requirements=(), routing="hub",
                      hub_hold="long_custody")
    recompute.run(as_of=today)
    client.force_login(staff_by_role[Role.HUB_ADMIN].user)
    refused = client.post("/hub/intake/B100006", {"action": "release", "requested_on": "soon"})
    assert refused.status_code == 400 and "must be a real date" in refused.content.decode()
    ok = client.post("/hub/intake/B100006", {"action": "release", "requested_on": today.isoformat(),
                                              "note": "HDC application received"})
    assert ok.status_code == 302
    person.refresh_from_db()
    assert person.routing == "lmc" and person.team == team and person.rotl_hdc_requested_on == today


def test_officer_cannot_route(provider, newcastle, staff_by_role, client):
    person = new_case(provider, la=newcastle[0], crn="B100007")
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    assert client.get("/hub/intake/").status_code == 403
    assert client.post("/hub/intake/B100007", {"action": "route", "version": person.version,
                                                "routing": "lmc", "lmc": "NCL"}).status_code == 403


def test_intake_queue_queries_do_not_grow_with_page_size(provider, newcastle, staff_by_role, client,
                                                         django_assert_max_num_queries):
    la, _ = newcastle
    client.force_login(staff_by_role[Role.HUB_ADMIN].user)
    for i in range(3):
        new_case(provider, la=la, crn=f"B2{i:05d}")
    with django_assert_max_num_queries(40) as few:
        client.get("/hub/intake/")
    for i in range(3, 25):
        new_case(provider, la=la, crn=f"B2{i:05d}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/hub/intake/")
    assert page.content.decode().count("/hub/intake/B2") == 25
