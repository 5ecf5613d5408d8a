"""The unpaid-work order summary (ADR 0015): the hub reads one row per order and shows exactly
the figures the ledgers give, for any date; every writer keeps the row right; the hub's queries
do not grow with the number of orders."""

from __future__ import annotations

import dataclasses
import datetime as dt
from io import StringIO
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from desist.organisation.roles import Role
from desist.rules import unpaid_work as rules
from desist.rules.timescales import add_months
from desist.scopes import unpaid_work as scoped
from desist.unpaid_work import selectors, services, summary
from desist.unpaid_work.models import Attendance, Placement, UpwOrderSummary
from desist.worklist.models import Task
from tests import factories as f

from .factories import project, session, upw_person

TODAY = timezone.localdate()


# --- The outlook agrees with the ledger on every day ---------------------------------------------

def _inputs() -> list[rules.LedgerInput]:
    """Orders of every shape: nothing worked, a trickle, on track, behind, ETE over its cap,
    two orders, taken back off, complete."""
    sentenced = dt.date(2026, 1, 31)
    out = []
    for hours in ((40,), (120,), (300,), (100, 60)):
        ordered = sum(hours) * 60
        for credit in (0, 1, 60, ordered // 10, ordered // 4, ordered // 2, ordered * 3 // 4,
                       ordered - 1, ordered):
            sessions = (rules.SessionCredit(on=sentenced, outcome="attended",
                                            minutes_worked=credit),) if credit else ()
            out.append(rules.LedgerInput(hours, sentenced, sentenced, sessions))
        ete = rules.SessionCredit(on=sentenced, outcome="attended", minutes_worked=ordered,
                                  ete=True)
        out.append(rules.LedgerInput(hours, sentenced, sentenced, (ete,)))
        out.append(rules.LedgerInput(hours, sentenced, sentenced, (), (
            rules.Adjustment(sentenced, "court_direction", 30 * 60),
            rules.Adjustment(sentenced, "recording_error", -8 * 60))))
    return out


def test_at_risk_from_and_the_projection_agree_with_the_ledger_on_every_day():
    for data in _inputs():
        first = rules.ledger(data)
        risk_from = rules.at_risk_from(data.sentence_date, first)
        day = data.sentence_date - dt.timedelta(days=3)
        while day <= first.deadline + dt.timedelta(days=40):
            ledger = rules.ledger(dataclasses.replace(data, as_of=max(day, data.sentence_date)))
            at_risk = risk_from is not None and risk_from <= day
            assert (ledger.at_risk and not ledger.complete) == at_risk, (data, day)
            assert rules.projected_completion(
                sentence_date=data.sentence_date, deadline=ledger.deadline,
                credited_minutes=ledger.credited_minutes,
                remaining_minutes=ledger.remaining_minutes, as_of=day,
            ) == ledger.projected_completion, (data, day)
            day += dt.timedelta(days=1)


# --- The hub's figures from the rows equal the ledgers' ------------------------------------------

def _attend(person, s, minutes, outcome="attended"):
    placement = Placement.objects.create(provider=person.provider, session=s, person=person)
    Attendance.objects.create(placement=placement, outcome=outcome, minutes_worked=minutes)


def _adjust(person, minutes, on=None):
    from desist.unpaid_work.models import Adjustment

    Adjustment.objects.create(provider=person.provider, person=person, on=on or TODAY,
                              reason="court_direction", minutes=minutes, note="Test")


@pytest.fixture
def orders(provider, other_provider, staff_by_role, team):
    """A varied set of orders, written past the services, then rebuilt as the nightly job does."""
    north = f.TeamFactory(provider=provider, name="North office")
    ete_project = project(provider, name="College course", type="ete")
    group = project(provider)
    past = session(group, on=TODAY - dt.timedelta(days=20))
    past_ete = session(ete_project, on=TODAY - dt.timedelta(days=20))
    made = {}

    def order(name, *, months_ago, hours=100, lmc=team, **kw):
        sentenced = add_months(TODAY, -months_ago) if months_ago else TODAY - dt.timedelta(days=5)
        person = upw_person(kw.pop("owner", provider), hours=hours, sentenced=sentenced,
                            last_name=name, lmc=lmc, **kw)
        made[name] = person
        return person

    order("TooEarly", months_ago=0)
    _attend(order("OnTrack", months_ago=2), past, 50 * 60)
    _adjust(order("Behind", months_ago=9), 40 * 60)  # nine months in, 60% left
    _attend(order("Overrun", months_ago=13, lmc=north), past, 7 * 60)
    _adjust(order("Complete", months_ago=6, lmc=north), 100 * 60)
    _adjust(order("CompleteLate", months_ago=14), 100 * 60)
    ete = order("EteOver", months_ago=4, lmc=None)
    _attend(ete, past_ete, 30 * 60)  # 30 hours of ETE against a 20-hour cap
    _attend(ete, past, 7 * 60, outcome="sent_home")
    _attend(order("Absent", months_ago=3, lmc=None), past, 0, outcome="failed_to_attend")
    two = order("TwoOrders", months_ago=11)
    later = f.SentenceFactory(person=two, sentence_date=add_months(TODAY, -4),
                              start_date=add_months(TODAY, -4))
    f.RequirementFactory(sentence=later, type="upw", rar_days=None, upw_hours=60)
    _adjust(two, 90 * 60)
    order("Hidden", months_ago=9, restricted=True)
    order("Elsewhere", months_ago=9, owner=other_provider, lmc=None)
    ended = order("Ended", months_ago=9)
    ended.sentences.update(terminated_on=TODAY - dt.timedelta(days=1))
    summary.rebuild()
    return made


def _reference(user, as_of):
    """The hub's figures as the page worked them out before the summary: every ledger."""
    rows = selectors.bulk_ledgers(scoped.people_with_upw(user).select_related("lmc"), as_of)
    drills = {
        "all": rows,
        "due": [r for r in rows if r["ledger"].deadline <= as_of or r["ledger"].complete],
        "completed": [r for r in rows if r["ledger"].complete],
        "at_risk": [r for r in rows if r["ledger"].at_risk and not r["ledger"].complete
                    and r["ledger"].deadline >= as_of],
        "overrun": [r for r in rows if not r["ledger"].complete and r["ledger"].deadline < as_of],
    }
    offices: dict[str, dict] = {}
    for r in rows:
        o = offices.setdefault(r["office"], {"office": r["office"], "cases": 0, "ete": 0, "cap": 0})
        o["cases"] += 1
        o["ete"] += r["ledger"].ete_minutes_credited
        o["cap"] += r["ledger"].ete_cap_minutes
    for o in offices.values():
        o["percent"] = o["ete"] * 100 // o["cap"] if o["cap"] else 0
    return drills, sorted(offices.values(), key=lambda o: o["office"])


def _shown(r) -> tuple:
    ledger = r["ledger"]
    return (r["person"].crn, ledger.percent_complete, ledger.remaining_minutes, ledger.deadline,
            ledger.projected_completion)


@pytest.mark.django_db
@pytest.mark.parametrize("days_on", [0, 45, 120, 400])
def test_the_hub_shows_the_ledgers_figures_for_every_kind_of_order(orders, staff_by_role,
                                                                   days_on):
    user = staff_by_role[Role.MANAGER].user
    as_of = TODAY + dt.timedelta(days=days_on)  # the rows are not rewritten as days pass
    drills, offices = _reference(user, as_of)
    assert len(drills["all"]) == 9  # not the restricted, other provider's or ended order
    figures = scoped.overview(user, as_of)
    assert figures["counts"] == {name: len(rows) for name, rows in drills.items()}
    due, done = len(drills["due"]), len(drills["completed"])
    assert figures["completion_rate"] == (done * 100 // due if due else None)
    assert figures["ete_by_office"] == offices
    for name, rows in drills.items():
        page = selectors.with_projection(scoped.drill_down(user, as_of, show=name), as_of)
        assert [(r.person.crn, r.percent_complete, r.remaining_minutes, r.deadline,
                 r.projected_completion) for r in page] == sorted(
            (_shown(r) for r in rows), key=lambda s: (s[3], orders_by_crn(orders)[s[0]].pk)), name
    for office in offices:
        page = scoped.drill_down(user, as_of, office=office["office"])
        assert page.count() == office["cases"]


def orders_by_crn(orders):
    return {p.crn: p for p in orders.values()}


@pytest.mark.django_db
def test_the_hub_page_lists_each_figures_cases_a_page_at_a_time(orders, staff_by_role,
                                                                 client_for):
    client = client_for(staff_by_role[Role.HUB_ADMIN])
    page = client.get("/unpaid-work/hub").content.decode()
    assert "North office" in page and "No office" in page
    listed = client.get("/unpaid-work/hub?show=at_risk").content.decode()
    assert orders["Behind"].crn in listed and orders["OnTrack"].crn not in listed
    assert orders["Hidden"].crn not in client.get("/unpaid-work/hub?show=all").content.decode()
    office = client.get("/unpaid-work/hub?office=").content.decode()
    assert orders["EteOver"].crn in office and orders["Behind"].crn not in office


# --- Each writer keeps the row right --------------------------------------------------------------

def _row(person):
    return UpwOrderSummary.objects.filter(person=person).values_list(
        "credited_minutes", "complete", flat=False).first()


@pytest.mark.django_db
def test_each_service_that_changes_a_ledger_keeps_its_row(provider, staff_by_role):
    hub = staff_by_role[Role.HUB_ADMIN].user
    supervisor = staff_by_role[Role.UPW_SUPERVISOR]
    s = session(project(provider, supervisor=supervisor), seats=14)
    ann, ben, cat = (upw_person(provider, hours=40, first_name=n) for n in ("Ann", "Ben", "Cat"))
    assert _row(ann) == (0, False)
    placements = [services.placement_book(acting_user=hub, session=s, person=p)
                  for p in (ann, ben, cat)]
    services.session_sign_in(acting_user=supervisor.user, session=s,
                             placement_ids=[placements[0].pk], at=dt.time(9), today=TODAY)
    services.session_sign_out(acting_user=supervisor.user, session=s,
                              placement_ids=[placements[0].pk], at=dt.time(16), today=TODAY)
    assert _row(ann) == (420, False)
    services.attendance_record(acting_user=supervisor.user, placement=placements[1],
                               outcome="sent_home", minutes_worked=120, penalty_minutes=30,
                               notes="Unsafe behaviour", today=TODAY)
    assert _row(ben) == (90, False)
    services.attendance_record(acting_user=supervisor.user, placement=placements[2],
                               outcome="failed_to_attend", today=TODAY)
    assert _row(cat) == (0, False)
    services.adjustment_record(acting_user=hub, person=ann, on=TODAY, reason="court_direction",
                               minutes=40 * 60 - 420, note="Court order")
    assert _row(ann) == (2400, True)
    assert summary.check() == []


@pytest.mark.django_db
def test_the_gateway_import_writes_the_rows_of_the_cases_it_brings(provider):
    """X100001's national record has a 100-hour UPW requirement and one without its hours
    (which no ledger can count): the import leaves a row for the 100 hours."""
    from pathlib import Path

    from desist.gateway import services as gateway

    bundle = Path(__file__).parents[1] / "gateway" / "fixtures" / "x100001_community.json"
    gateway.import_bundles(acting_user=None, source="test", items=gateway.read_path(bundle))
    row = UpwOrderSummary.objects.get(person__crn="X100001")
    assert (row.ordered_minutes, row.credited_minutes) == (100 * 60, 0)
    assert summary.check() == []


@pytest.mark.django_db
def test_moving_a_case_to_another_lmc_moves_its_order_to_that_office(provider, team,
                                                                      staff_by_role):
    from desist.allocation import services as allocation

    north = f.TeamFactory(provider=provider, name="North office")
    person = upw_person(provider, lmc=team)
    assert UpwOrderSummary.objects.get(person=person).office == team
    allocation.decide_routing(user=staff_by_role[Role.HUB_ADMIN].user, person=person,
                              routing="lmc", lmc=north, note="Moved to the north")
    assert UpwOrderSummary.objects.get(person=person).office == north
    assert summary.check() == []


@pytest.mark.django_db
def test_refresh_removes_the_row_when_the_unpaid_work_ends(provider):
    person = upw_person(provider)
    person.sentences.update(terminated_on=TODAY)
    summary.refresh([person.pk])
    assert not UpwOrderSummary.objects.filter(person=person).exists()


@pytest.mark.django_db
def test_check_reports_drift_without_writing_and_rebuild_puts_it_right(provider):
    right, wrong, missing, stray = (upw_person(provider) for _ in range(4))
    UpwOrderSummary.objects.filter(person=wrong).update(credited_minutes=60)
    UpwOrderSummary.objects.filter(person=missing).delete()
    stray.sentences.update(terminated_on=TODAY)  # past the services: its row stays
    found = {d.person_id for d in summary.check()}
    assert found == {wrong.pk, missing.pk, stray.pk}
    assert {d.person_id for d in summary.check()} == found  # nothing was written
    assert {d.person_id for d in summary.rebuild()} == found
    assert summary.check() == []
    assert UpwOrderSummary.objects.filter(person=right).exists()
    assert not UpwOrderSummary.objects.filter(person=stray).exists()


@pytest.mark.django_db
def test_the_nightly_check_reads_the_rows_and_closes_tasks_of_orders_back_on_track(
        provider, staff_by_role):
    hub = staff_by_role[Role.HUB_ADMIN].user
    behind = upw_person(provider, hours=100, sentenced=add_months(TODAY, -9))
    fine = upw_person(provider, hours=100, sentenced=TODAY - dt.timedelta(days=10))
    assert services.check_at_risk(today=TODAY, provider_id=provider.pk) == {"raised": 1,
                                                                           "closed": 0}
    task = Task.objects.get(kind="upw_at_risk", status="open")
    assert task.person == behind and "100 hours" in task.title
    assert "Less than 3 months" in task.detail or "No hours credited" in task.detail
    services.adjustment_record(acting_user=hub, person=behind, on=TODAY,
                               reason="court_direction", minutes=100 * 60, note="Completed")
    assert services.check_at_risk(today=TODAY, provider_id=provider.pk) == {"raised": 0,
                                                                           "closed": 1}
    assert not Task.objects.filter(kind="upw_at_risk", status="open").exists()
    assert not Task.objects.filter(person=fine).exists()


# --- The hub's queries do not grow with the orders ------------------------------------------------

@pytest.mark.django_db
def test_the_hubs_queries_do_not_grow_with_the_number_of_orders(provider, staff_by_role,
                                                                client_for, team):
    client = client_for(staff_by_role[Role.MANAGER])
    urls = ["/unpaid-work/hub", "/unpaid-work/hub?show=all", "/unpaid-work/hub?show=at_risk",
            f"/unpaid-work/hub?office={quote(team.name)}"]

    def measure():
        out = {}
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            out[url] = len(captured)
        return out

    for i in range(3):
        upw_person(provider, sentenced=add_months(TODAY, -(i + 2)), lmc=team, assessed=False)
    few = measure()
    for i in range(60):
        upw_person(provider, sentenced=add_months(TODAY, -(i % 12)), lmc=team, assessed=False)
    assert measure() == few


@pytest.mark.django_db
def test_the_operator_command_reports_drift_in_words_and_rebuild_corrects_it(provider):
    """``desist upw_summary`` (the shared summary command): one order is "1 order", the drifted
    row is named by its case id and columns, and --rebuild corrects it."""
    wrong, missing = upw_person(provider), upw_person(provider)
    UpwOrderSummary.objects.filter(person=wrong).update(credited_minutes=60)
    with pytest.raises(CommandError, match=r"Unpaid-work summary: 1 order differs from a recount: "
                                           r"run `desist upw_summary --rebuild`"):
        call_command("upw_summary", stdout=StringIO())
    UpwOrderSummary.objects.filter(person=missing).delete()
    out = StringIO()
    call_command("upw_summary", "--rebuild", stdout=out)
    lines = out.getvalue().splitlines()
    assert f"  case {missing.pk}: stored no row, recounted {{'provider_id': {provider.pk}," in \
        out.getvalue()
    assert any(line.startswith(f"  case {wrong.pk}: stored {{") and "'credited_minutes': 60" in line
               for line in lines)
    assert lines[-1] == "Unpaid-work summary rebuilt: 2 orders corrected."
    out = StringIO()
    call_command("upw_summary", stdout=out)
    assert out.getvalue() == "Unpaid-work summary matches a recount for every order.\n"
