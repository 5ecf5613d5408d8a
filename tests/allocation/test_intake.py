"""§3.2 intake: the hub queue, routing confirmed or corrected, custody held and passed on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from desist.allocation import recompute
from desist.allocation.models import RoutingDecision
from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.people.models import Person
from desist.worklist.models import Task
from tests.refusals import nothing_written

from .conftest import new_case

pytestmark = pytest.mark.django_db


def _date_parts(day: dt.date, name: str = "requested_on") -> dict:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month),
            f"{name}_year": str(day.year)}


def test_hub_confirms_the_proposed_lmc(provider, newcastle, staff_by_role, client):
    la, team = newcastle
    person = new_case(provider, la=la, crn="B100001")
    client.force_login(staff_by_role[Role.HUB_ADMIN].user)
    queue = client.get("/hub/intake/").content.decode()
    assert "B100001" in queue and "LMC Newcastle" in queue  # the name, not the code
    page = client.get("/hub/intake/B100001")
    assert "Routed by address" in page.content.decode()
    done = client.post("/hub/intake/B100001", {"version": person.version,
                                                "routing": "lmc", "lmc": "NCL"})
    assert done.status_code == 302
    person.refresh_from_db()
    assert (person.routing, person.lmc, person.team) == ("lmc", team, team)
    decision = RoutingDecision.objects.get(person=person)
    assert decision.kind == "confirmed"
    assert Task.objects.filter(kind="allocation", person=person, status="open", team=team).exists()
    audit = AuditEvent.objects.get(event="routing_decided", crn="B100001")
    assert audit.detail["proposed"]["destination"] == "lmc"
    # The rules' reasons are kept as records (ADR 0016): said again later in any language.
    assert decision.proposed["reasons"] == [{
        "code": "s3_route_to_lmc", "section": "operating-model.md §3",
        "text": "Routed by address: E08000021 is served by LMC NCL.",
        "template": "Routed by address: %(authority)s is served by LMC %(lmc)s.",
        "params": {"authority": "E08000021", "lmc": "NCL"}}]


def test_correcting_the_routing_needs_a_note(provider, newcastle, staff_by_role, client):
    la, _ = newcastle
    person = new_case(provider, la=la, crn="B100002")
    client.force_login(staff_by_role[Role.HUB_ADMIN].user)
    with nothing_written(RoutingDecision, Person):
        refused = client.post("/hub/intake/B100002", {"version": person.version,
                                                       "routing": "hub"})
    assert refused.status_code == 400
    assert "Say why you are routing the case differently" in refused.content.decode()
    assert "There is a problem" in refused.content.decode()
    ok = client.post("/hub/intake/B100002", {"version": person.version,
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
    with nothing_written(RoutingDecision, Person, Task):
        refused = client.post("/hub/intake/B100006/release", {"requested_on_day": "soon",
                                                            "requested_on_month": "11",
                                                            "requested_on_year": "2026"})
    assert refused.status_code == 400 and "must be a real date" in refused.content.decode()
    ok = client.post("/hub/intake/B100006/release", {**_date_parts(today),
                                              "note": "HDC application received"})
    assert ok.status_code == 302
    person.refresh_from_db()
    assert person.routing == "lmc" and person.team == team and person.rotl_hdc_requested_on == today


def test_officer_cannot_route(provider, newcastle, staff_by_role, client):
    person = new_case(provider, la=newcastle[0], crn="B100007")
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    assert client.get("/hub/intake/").status_code == 403
    with nothing_written(RoutingDecision, Person):
        assert client.post("/hub/intake/B100007", {"version": person.version,
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


# --- Issue 12, item 6: resolving "No address"; held custody flagged; no future requests -------

def test_hub_records_an_address_which_clears_the_hold_and_reproposes_routing(
        provider, newcastle, staff_by_role, client):
    la, team = newcastle
    person = new_case(provider, crn="B100020", routing="hub", hub_hold="unroutable")
    client.force_login(staff_by_role[Role.HUB_ADMIN].user)
    page = client.get("/hub/intake/B100020").content.decode()
    assert "No address: cannot route" in page and "Record the address" in page
    with nothing_written(RoutingDecision, Person):
        refused = client.post("/hub/intake/B100020/address", {"version": person.version,
                                                       "address": "", "local_authority": ""})
    assert refused.status_code == 400 and "Enter the address" in refused.content.decode()
    done = client.post("/hub/intake/B100020/address", {
        "version": person.version, "address": "4 Shields Road, Byker",
        "postcode": "ne6 1dl", "local_authority": la.code})
    assert done.status_code == 302 and done["Location"].endswith("/hub/intake/B100020")
    person.refresh_from_db()
    assert (person.address, person.postcode, person.local_authority) == (
        "4 Shields Road, Byker", "NE6 1DL", la)
    assert (person.routing, person.hub_hold) == ("", "")  # back to "awaiting routing"
    page = client.get("/hub/intake/B100020").content.decode()
    assert "Routed by address" in page and "No address" not in page
    audit = AuditEvent.objects.get(event="person_changed", crn="B100020")
    assert audit.detail["changes"]["local_authority"]["to"] == la.code
    assert "B100020" in client.get("/hub/intake/?view=awaiting").content.decode()
    assert "B100020" not in client.get("/hub/intake/?view=unroutable").content.decode()


def test_release_address_for_held_custody_keeps_the_hold_and_sets_its_lmc(
        provider, newcastle, staff_by_role, client):
    la, team = newcastle
    today = timezone.localdate()
    person = new_case(provider, crn="B100021", sentence_type="custody", custodial=30,
                      release=today + dt.timedelta(weeks=30), requirements=(), routing="hub",
                      hub_hold="long_custody")
    client.force_login(staff_by_role[Role.HUB_ADMIN].user)
    client.post("/hub/intake/B100021/address", {"version": person.version,
                                         "address": "1 Quayside", "local_authority": la.code})
    person.refresh_from_db()
    assert (person.routing, person.hub_hold, person.lmc) == ("hub", "long_custody", team)


def test_held_custody_past_its_hand_over_or_release_date_is_flagged(
        provider, newcastle, staff_by_role, client):
    today = timezone.localdate()
    # No release address, so it could not pass to an LMC on its date: still in the hub.
    new_case(provider, crn="B100022", sentence_type="custody", custodial=30,
             release=today + dt.timedelta(weeks=4), requirements=(), routing="hub",
             hub_hold="long_custody", pass_to_lmc_on=today - dt.timedelta(weeks=8))
    new_case(provider, crn="B100023", sentence_type="custody", custodial=30,
             release=today - dt.timedelta(days=3), requirements=(), routing="hub",
             hub_hold="long_custody", pass_to_lmc_on=today - dt.timedelta(weeks=12, days=3))
    client.force_login(staff_by_role[Role.HUB_ADMIN].user)
    queue = client.get("/hub/intake/?view=custody").content.decode()
    assert queue.count("Past hand-over date") == 1
    assert queue.count("Released but still held") == 1
    page = client.get("/hub/intake/B100023").content.decode()
    assert "was due for release on" in page


def test_rotl_or_hdc_request_dated_in_the_future_is_refused(provider, newcastle, staff_by_role,
                                                            client):
    la, team = newcastle
    today = timezone.localdate()
    person = new_case(provider, la=la, crn="B100024", sentence_type="custody", custodial=30,
                      release=today + dt.timedelta(weeks=30), requirements=(), routing="hub",
                      hub_hold="long_custody")
    recompute.run(as_of=today)
    client.force_login(staff_by_role[Role.HUB_ADMIN].user)
    with nothing_written(RoutingDecision, Person, Task):
        refused = client.post("/hub/intake/B100024/release", {
            **_date_parts(today + dt.timedelta(days=1)), "note": "HDC"})
    assert refused.status_code == 400
    assert "cannot be in the future" in refused.content.decode()
    person.refresh_from_db()
    assert person.routing == "hub" and person.rotl_hdc_requested_on is None
