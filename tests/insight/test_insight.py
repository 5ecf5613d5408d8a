"""Insight (§17, F15): the dashboards' figures for a sample office, recomputed independently
with plain queries, match; each drill-down lists exactly the counted cases; a restricted case is
counted but not listed; refresh is set-based; targets are configuration with history."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from desist.allocation.models import Assignment
from desist.appointments.models import Appointment
from desist.assessment.models import Instrument, Reading
from desist.audit.models import AuditEvent
from desist.compliance.models import Breach, EnforcementAction
from desist.insight import selectors, services
from desist.insight.models import CaseFact, Refresh, ServiceLevelTarget
from desist.interventions.models import Referral
from desist.organisation.roles import Role
from desist.people.models import CaseAccessEntry, Person
from desist.planning.models import Objective, Plan
from desist.resettlement.models import CustodyCase
from desist.rules import insight as rules
from desist.rules import timescales
from desist.scopes import insight as scoped
from desist.sentences.models import Sentence
from desist.unpaid_work.models import Attendance, Placement, Project, Session
from tests import factories as f
from tests.refusals import nothing_written

TODAY = dt.date(2026, 11, 30)
PERIOD_START, PERIOD_END = dt.date(2026, 1, 1), dt.date(2026, 11, 30)


def _aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def sample(provider, staff_by_role, team):
    """Office A (the fixture team's venue) and office B, with a mixed caseload."""
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    manager = staff_by_role[Role.MANAGER]
    team_b = f.TeamFactory(provider=provider)
    people = {}

    def person(key, *, office_team=team, kind="community_order", start=dt.date(2025, 6, 2),
               end=dt.date(2026, 6, 15), terminated=None, restricted=False, gender="male",
               **extra):
        p = f.PersonFactory(provider=provider, team=office_team, responsible_officer=officer,
                            restricted=restricted, gender=gender, arrived_on=start,
                            ethnicity=extra.pop("ethnicity", ""))
        s = f.SentenceFactory(person=p, type=kind, sentence_date=start, start_date=start,
                              expected_end_date=end, terminated_on=terminated,
                              release_date=start if kind in ("licence", "pss") else None,
                              custodial_months=12 if kind in ("licence", "pss") else None)
        people[key] = p
        p.sentence = s
        return p

    for i in range(6):
        person(f"done{i}")
    person("done_restricted", restricted=True)
    person("early1", terminated=dt.date(2026, 5, 1))
    person("early2", terminated=dt.date(2026, 5, 1), gender="female")
    person("ongoing", kind="sso", end=dt.date(2027, 6, 1))
    person("licence_ok", kind="licence", end=dt.date(2026, 9, 1))
    recalled = person("licence_recalled", kind="licence", end=dt.date(2027, 2, 1))
    for i in range(3):
        person(f"office_b{i}", office_team=team_b)

    # Unpaid work: 40 hours done of 40; 10 of 60.
    upw_done = people["done0"]
    f.RequirementFactory(sentence=upw_done.sentence, type="upw", rar_days=None, upw_hours=40)
    f.RequirementFactory(sentence=people["done1"].sentence, type="upw", rar_days=None,
                         upw_hours=60)
    # Hours worked are the UPW ledger's: sessions attended less penalty, and adjustments.
    project = Project.objects.create(provider=provider, name="Park", type="group", site="Park")
    for who, hours in ((upw_done, 40), (people["done1"], 10)):
        for n in range(hours // 10):
            day = dt.date(2025, 7, 1) + dt.timedelta(days=7 * n)
            session = Session.objects.create(project=project, on=day, starts_at=dt.time(8),
                                             ends_at=dt.time(18, 30))
            placement = Placement.objects.create(provider=provider, session=session, person=who)
            Attendance.objects.create(placement=placement, outcome="attended",
                                      minutes_worked=630, penalty_minutes=30)
    # An appointment of the UPW kind is not hours credited (the ledger is): 75 more hours here
    # would have made done1's 60 hours look complete.
    for n in range(5):
        day = dt.date(2025, 9, 1) + dt.timedelta(days=n)
        Appointment.objects.create(provider=provider, person=people["done1"], kind="upw",
                                   starts_at=_aware(day, 8), ends_at=_aware(day, 23),
                                   rar_activity=False, outcome="attended")
    # Resettlement plans (§13): one on time, one late, one not yet due.
    for key, due, done in (("licence_ok", dt.date(2026, 2, 10), dt.date(2026, 2, 9)),
                           ("licence_recalled", dt.date(2026, 3, 10), dt.date(2026, 3, 20)),
                           ("ongoing", dt.date(2027, 1, 10), None)):
        CustodyCase.objects.create(
            provider=provider, person=people[key], sentence=people[key].sentence,
            prison="HMP Durham", reception_on=due - dt.timedelta(days=200),
            release_on=due + dt.timedelta(days=60), screening_due_on=due - dt.timedelta(days=190),
            plan_due_on=due, handover_on=due + dt.timedelta(days=30), plan_completed_on=done)

    # Recall: an action and a breach recorded as recalled.
    action = EnforcementAction.objects.create(provider=provider, person=recalled,
                                              kind="recall_request", on=dt.date(2026, 3, 2),
                                              due_on=dt.date(2026, 3, 3),
                                              done_on=dt.date(2026, 3, 5))
    Breach.objects.create(provider=provider, person=recalled, action=action,
                          kind="recall_request", started_on=dt.date(2026, 3, 2),
                          status="closed", outcome="recalled", outcome_on=dt.date(2026, 3, 9))

    # Timeliness: assignments and plans for some of office A.
    for key, days in (("done0", 1), ("done1", 3), ("done_restricted", 0)):
        a = Assignment.objects.create(person=people[key], officer=officer,
                                      decided_by=manager.user)
        Assignment.objects.filter(pk=a.pk).update(
            decided_at=_aware(people[key].sentence.start_date + dt.timedelta(days=days)))
    for key, days in (("done0", 10), ("done2", 30), ("ongoing", 5)):
        p = people[key]
        Plan.objects.create(person=p, status="complete", started_on=p.sentence.start_date,
                            due_on=p.sentence.start_date + dt.timedelta(days=21),
                            completed_at=_aware(p.sentence.start_date + dt.timedelta(days=days)))

    # Needs: an approved reading with two low areas; one addressed and delivered.
    instrument = Instrument.objects.create(
        provider=provider, name="Test", version=1, active=True,
        definition={"areas": [{"code": "accommodation", "title": "Accommodation"},
                              {"code": "money", "title": "Money"}]})
    for key in ("done0", "done2", "done_restricted"):
        Reading.objects.create(person=people[key], instrument=instrument, taken_on=TODAY,
                               scores={"accommodation": 3, "money": 9}, status="approved",
                               approved_at=_aware(TODAY))
    plan = Plan.objects.filter(person=people["done0"]).first()
    Objective.objects.create(plan=plan, text="Find a home", need_kind="area",
                             area_code="accommodation", services="Housing")
    Referral.objects.create(person=people["done0"], service="Housing advice",
                            referred_on=dt.date(2025, 7, 1), status="completed")
    f.RegistrationFactory(person=people["early1"], type="domestic_abuse")

    return {"people": people, "manager": manager, "office_a": team.venue_id,
            "office_b": team_b.venue_id, "provider": provider}


def _refresh(sample):
    return services.insight_refresh(provider_id=sample["provider"].pk,
                                    acting_user=sample["manager"].user, trigger="manager",
                                    today=TODAY)


def _period(office):
    return selectors.Period(PERIOD_START, PERIOD_END, office)


def _independent_completion(provider, office, kinds):
    """Successful completion recomputed from the record with plain queries."""
    met, counted = set(), set()
    for s in Sentence.objects.filter(person__provider=provider, person__team__venue_id=office,
                                     type__in=kinds):
        end = s.terminated_on or s.licence_end_date or s.expected_end_date
        bad = Breach.objects.filter(person=s.person, outcome__in=("revoked", "recalled")).exists()
        if bad:
            end = min(end, TODAY)
        if not (end <= TODAY and PERIOD_START <= end <= PERIOD_END):
            continue
        counted.add(s.person.crn)
        if s.terminated_on is None and not bad:
            met.add(s.person.crn)
    return met, counted


def test_service_levels_for_a_sample_office_match_an_independent_recount(sample):
    _refresh(sample)
    provider, office = sample["provider"], sample["office_a"]
    figures = {r["measure"]: r["result"] for r in selectors.service_levels(provider.pk,
                                                                          _period(office))}
    met, counted = _independent_completion(provider, office, ("community_order", "sso"))
    assert (figures["co_sso_completion"].met, figures["co_sso_completion"].total) == (
        len(met), len(counted)) == (7, 9)
    assert figures["co_sso_completion"].target == 75
    assert figures["co_sso_completion"].meets_target is True  # 77.8%
    met, counted = _independent_completion(provider, office, ("licence", "pss"))
    assert (figures["licence_pss_completion"].met,
            figures["licence_pss_completion"].total) == (len(met), len(counted)) == (1, 2)
    assert (figures["upw_completion"].met, figures["upw_completion"].total) == (1, 2)
    plans = CustodyCase.objects.filter(person__team__venue_id=office, plan_due_on__gte=PERIOD_START,
                                       plan_due_on__lte=min(PERIOD_END, TODAY))
    on_time = [c for c in plans if c.plan_completed_on and c.plan_completed_on <= c.plan_due_on]
    assert (figures["resettlement_on_time"].met, figures["resettlement_on_time"].total) == (
        len(on_time), plans.count()) == (1, 2)
    # Office B alone, and all offices together.
    office_b = {r["measure"]: r["result"] for r in selectors.service_levels(
        provider.pk, _period(sample["office_b"]))}
    assert (office_b["co_sso_completion"].met, office_b["co_sso_completion"].total) == (3, 3)
    everyone = {r["measure"]: r["result"] for r in selectors.service_levels(provider.pk,
                                                                           _period(None))}
    assert everyone["co_sso_completion"].total == 12
    # The trend puts each case in the month it ended.
    trend = selectors.service_level_trend(provider.pk, _period(office))["co_sso_completion"]
    by_month = {p["month"]: (p["met"], p["total"]) for p in trend}
    assert by_month[dt.date(2026, 6, 1)] == (7, 7) and by_month[dt.date(2026, 5, 1)] == (0, 2)
    assert sum(p["total"] for p in trend) == 9


def test_plan_timeliness_matches_an_independent_recount(sample):
    _refresh(sample)
    provider, office = sample["provider"], sample["office_a"]
    period = selectors.Period(dt.date(2025, 1, 1), PERIOD_END, office)
    rows = selectors.timeliness(provider.pk, period, "venue")
    plan = next(r for r in rows if r["measure"] == "plan")
    on_time = counted = 0
    days = []
    for s in Sentence.objects.filter(person__provider=provider, person__team__venue_id=office):
        start = s.release_date or s.start_date
        due = timescales.initial_plan_deadline(start).due
        first = (Plan.objects.filter(person=s.person, completed_at__isnull=False)
                 .order_by("started_on").first())
        done = timezone.localtime(first.completed_at).date() if first else None
        if not period.start <= due <= PERIOD_END or (done is None and due >= TODAY):
            continue
        counted += 1
        on_time += done is not None and done <= due
        if done:
            days.append(timescales.working_days_between(start, done))
    assert (plan["met"], plan["total"]) == (on_time, counted)
    assert plan["median"] == rules.median(days)


def test_drill_down_lists_exactly_the_counted_cases_and_hides_the_restricted(sample):
    _refresh(sample)
    provider, office, manager = sample["provider"], sample["office_a"], sample["manager"]
    figure = selectors.Figure("service-levels", "co_sso_completion", which="met")
    result = scoped.drill_down(manager.user, provider.pk, _period(office), figure)
    met, _counted = _independent_completion(provider, office, ("community_order", "sso"))
    restricted = sample["people"]["done_restricted"].crn
    assert restricted in met
    assert result.counted == len(met) == 7
    assert {r["person__crn"] for r in result.rows} == met - {restricted}
    assert result.hidden == 1
    CaseAccessEntry.objects.create(person=sample["people"]["done_restricted"], user=manager.user,
                                   kind="granted", reason="Case audit")
    granted = scoped.drill_down(manager.user, provider.pk, _period(office), figure)
    assert {r["person__crn"] for r in granted.rows} == met and granted.hidden == 0


def test_pages_for_managers_with_links_exports_and_audit(sample, client_for, staff_by_role):
    _refresh(sample)
    client = client_for(sample["manager"])
    query = f"?from=2026-01&to=2026-11&office={sample['office_a']}"
    for name in ("", "timeliness", "needs", "equality"):
        response = client.get(f"/insight/{name}{query}")
        assert response.status_code == 200, name
        body = response.content.decode()
        assert "<svg" in body and "govuk-table" in body and "Figures as of the last refresh" in body
    body = client.get(f"/insight/{query}").content.decode()
    assert "/insight/cases?section=service-levels&amp;measure=co_sso_completion" in body
    listed = client.get("/insight/cases?section=service-levels&measure=co_sso_completion"
                        f"&which=met&from=2026-01&to=2026-11&office={sample['office_a']}")
    text = listed.content.decode()
    assert listed.status_code == 200 and "7 cases counted" in text
    assert "1 restricted case is counted but not listed" in text
    assert sample["people"]["done_restricted"].crn not in text
    assert sample["people"]["done0"].crn in text
    event = AuditEvent.objects.filter(event="caseload_listed").latest("pk")
    assert sample["people"]["done0"].crn in event.detail["crns"]
    assert sample["people"]["done_restricted"].crn not in event.detail["crns"]

    exported = client.get(f"/insight/{query}&format=csv")
    assert exported["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(exported.content.decode())))
    assert ["Service level", "Cases due", "Met", "Per cent", "Target", "Against target"] in lines
    xlsx = client.get(f"/insight/timeliness{query.replace('2026-01', '2025-01')}&format=xlsx")
    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as z:
        assert "xl/workbook.xml" in z.namelist()
        assert "Initial plan" in z.read("xl/workbook.xml").decode()

    officer = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    assert officer.get("/insight/").status_code == 403
    assert officer.get("/insight/cases?section=needs&measure=area:accommodation").status_code == 403


def test_equality_suppresses_small_counts_and_will_not_list_them(sample, client_for):
    _refresh(sample)
    provider = sample["provider"]
    rows = selectors.equality(provider.pk, _period(None), "gender")
    female = next(r for r in rows if r["measure"] == "completion" and r["group"] == "female")
    assert female["suppressed"] and female["met"] is None and female["total"] is None
    male = next(r for r in rows if r["measure"] == "completion" and r["group"] == "male")
    assert not male["suppressed"] and male["total"] == 13
    client = client_for(sample["manager"])
    response = client.get("/insight/cases?section=equality&measure=completion&dim=gender"
                          "&value=female&from=2026-01&to=2026-11")
    assert response.status_code == 404
    page = client.get("/insight/equality?by=gender&from=2026-01&to=2026-11").content.decode()
    assert "Fewer than 5" in page


def test_needs_against_delivery(sample):
    _refresh(sample)
    rows = selectors.needs(sample["provider"].pk, _period(sample["office_a"]), "venue")
    accommodation = next(r for r in rows if r["code"] == "accommodation")
    assert (accommodation["met"], accommodation["total"]) == (1, 3)
    assert not any(r["code"] == "money" for r in rows)  # scored 9: not a need
    da = next(r for r in rows if r["code"] == "domestic_abuse")
    assert (da["met"], da["total"]) == (0, 1)
    delivered = scoped.drill_down(sample["manager"].user, sample["provider"].pk,
                                     _period(sample["office_a"]),
                                     selectors.Figure("needs", "area:accommodation", which="met"))
    assert [r["person__crn"] for r in delivered.rows] == [sample["people"]["done0"].crn]


def test_refresh_is_set_based_and_recorded(sample, provider, client_for):
    _refresh(sample)  # the same starting state for both measured runs
    with CaptureQueriesContext(connection) as few:
        _refresh(sample)
    for _ in range(20):
        p = f.PersonFactory(provider=provider, team=sample["people"]["done0"].team)
        f.SentenceFactory(person=p)
    with CaptureQueriesContext(connection) as many:
        run = _refresh(sample)
    # No query per case: the same statements (a larger batch may split into one more INSERT).
    def shape(queries):
        return [q["sql"][:30] for q in queries
                if not q["sql"].startswith(("INSERT", "SAVEPOINT", "RELEASE"))]

    assert shape(many) == shape(few)
    assert len(many) <= len(few) + 3
    assert run.counts["cases"] == CaseFact.objects.filter(provider=provider).count() == 35
    assert AuditEvent.objects.filter(event="insight_refreshed").count() == 3

    client = client_for(sample["manager"])
    response = client.post("/insight/refresh", {"next": "/insight/needs"})
    assert response.status_code == 302 and response["Location"] == "/insight/needs"
    assert Refresh.objects.filter(trigger="manager", requested_by=sample["manager"].user).exists()

    out = io.StringIO()
    call_command("insight", "refresh", stdout=out)
    assert "35 cases" in out.getvalue()
    assert Refresh.objects.filter(trigger="command").count() >= 1


def test_the_refresh_job_is_scheduled_and_runs(sample):
    from desist.insight.tasks import refresh_insight
    from desist.jobs.schedule import JOBS

    job = next(j for j in JOBS if j.name == "insight-refresh")
    assert job.task == "desist.insight.tasks.refresh_insight"
    result = refresh_insight.enqueue()  # the test settings run it at once
    assert result.return_value[str(sample["provider"].pk)]["cases"] == 15
    assert Refresh.objects.get(trigger="scheduled").finished_at is not None


def test_targets_are_configuration_with_history_and_refusals(sample, client_for):
    client = client_for(sample["manager"])
    response = client.post("/insight/targets", {"measure": "co_sso_completion",
                                                "target_percent": "80", "reason": "New contract"})
    assert response.status_code == 302
    assert selectors.targets(sample["provider"].pk)["co_sso_completion"] == 80
    assert AuditEvent.objects.filter(event="service_level_target_set").exists()
    _refresh(sample)
    figures = {r["measure"]: r["result"] for r in selectors.service_levels(
        sample["provider"].pk, _period(sample["office_a"]))}
    assert figures["co_sso_completion"].meets_target is False  # 77.8% against 80%
    before = ServiceLevelTarget.objects.count()
    with nothing_written(ServiceLevelTarget):
        refused = client.post("/insight/targets", {"measure": "co_sso_completion",
                                                   "target_percent": "101", "reason": ""})
    assert refused.status_code == 400 and ServiceLevelTarget.objects.count() == before
    assert "There is a problem" in refused.content.decode()


def test_api_gives_the_same_figures_and_drill_down(sample, client_for, staff_by_role):
    _refresh(sample)
    client = client_for(sample["manager"])
    q = f"from=2026-01&to=2026-11&office={sample['office_a']}"
    body = client.get(f"/api/insight/service-levels?{q}").json()
    co = next(r for r in body["rows"] if r["measure"] == "co_sso_completion")
    assert (co["met"], co["total"], co["target"]) == (7, 9, 75)
    cases = client.get(f"/api/insight/cases?{q}&section=service-levels"
                       "&measure=co_sso_completion&which=met").json()
    assert cases["counted"] == 7 and cases["hidden"] == 1 and len(cases["results"]) == 6
    assert client.get(f"/api/insight/timeliness?{q}&by=grade").status_code == 200
    assert client.get(f"/api/insight/equality?{q}&by=age_group").status_code == 200
    assert client.get(f"/api/insight/needs?{q}&by=band").status_code == 200
    assert client.get("/api/insight/cases?section=needs&measure=nonsense").status_code == 404
    assert client.get("/api/insight/service-levels?from=2026-13").status_code == 400
    assert client.post("/api/insight/refresh", {"note": "Contract meeting"},
                       content_type="application/json").status_code == 201
    assert AuditEvent.objects.filter(event="insight_refreshed").latest("pk").detail[
        "note"] == "Contract meeting"
    # A body that is not an object (JSON null) is refused, not read as "no note".
    with nothing_written(Refresh, CaseFact):
        refused = client.post("/api/insight/refresh", "null", content_type="application/json")
    assert refused.status_code == 400
    assert client.post("/api/insight/refresh", content_type="application/json"
                       ).status_code == 201  # no body at all: no note
    officer = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    assert officer.get("/api/insight/service-levels").status_code == 403


def _every_figure(provider_id, period):
    """Every figure the four dashboards show, each grouping, as (Figure, total, met)."""
    for r in selectors.service_levels(provider_id, period):
        yield selectors.Figure("service-levels", r["measure"]), r["result"].total, r["result"].met
    for dim in selectors.TIMELINESS_DIMS:
        for r in selectors.timeliness(provider_id, period, dim):
            yield selectors.Figure("timeliness", r["measure"], dim, r["value"]), r["total"], r["met"]
    for dim in selectors.NEEDS_DIMS:
        for r in selectors.needs(provider_id, period, dim):
            yield selectors.Figure("needs", r["measure"], dim, r["value"]), r["total"], r["met"]
    for dim in selectors.EQUALITY_DIMS:
        for r in selectors.equality(provider_id, period, dim):
            if not r["suppressed"]:
                yield (selectors.Figure("equality", r["measure"], dim, r["value"]), r["total"],
                       r["met"])


@pytest.mark.parametrize("office", ["office_a", None])
def test_every_dashboard_figure_is_the_count_of_its_drill_down(sample, office):
    """The dashboards sum the summary rows; each figure equals the rows its drill-down counts,
    and the list holds exactly those cases the manager may see (the restricted one hidden)."""
    _refresh(sample)
    provider, manager = sample["provider"], sample["manager"]
    period = selectors.Period(dt.date(2025, 1, 1), PERIOD_END,
                              sample[office] if office else None)
    restricted = sample["people"]["done_restricted"].crn
    seen = 0
    for figure, total, met in _every_figure(provider.pk, period):
        for which, expected in (("all", total), ("met", met)):
            one = selectors.Figure(figure.section, figure.measure, figure.dim, figure.value,
                                   which)
            rows = selectors.figure_rows(provider.pk, period, one)
            crns = set(rows.values_list("person__crn", flat=True))
            listed = scoped.drill_down(manager.user, provider.pk, period, one, size=1000)
            assert listed.counted == rows.count() == expected, one
            assert {r["person__crn"] for r in listed.rows} == crns - {restricted}, one
            assert listed.hidden == (restricted in crns), one
            seen += 1
    assert seen > 60


def test_dashboards_read_the_summary_rows_not_the_facts(sample):
    _refresh(sample)
    period = _period(sample["office_a"])
    with CaptureQueriesContext(connection) as read:
        selectors.service_levels(sample["provider"].pk, period)
        for dim in selectors.TIMELINESS_DIMS:
            selectors.timeliness(sample["provider"].pk, period, dim)
        for dim in selectors.NEEDS_DIMS:
            selectors.needs(sample["provider"].pk, period, dim)
        for dim in selectors.EQUALITY_DIMS:
            selectors.equality(sample["provider"].pk, period, dim)
    tables = " ".join(q["sql"] for q in read.captured_queries)
    assert "insight_summary" in tables
    for fact in ("insight_casefact", "insight_timelinessfact", "insight_needfact"):
        assert fact not in tables


def test_equality_for_a_sample_office_matches_an_independent_recount(sample):
    """Enforcement and recall by gender, recounted from the record and suppressed by the rule."""
    _refresh(sample)
    provider, office = sample["provider"], sample["office_a"]
    rows = {(r["measure"], r["value"]): r for r in selectors.equality(
        provider.pk, _period(office), "gender")}
    for gender in ("male", "female"):
        people = Person.objects.filter(provider=provider, team__venue_id=office, gender=gender)
        licence = people.filter(sentences__type__in=("licence", "pss")).distinct()
        for measure, base, met in (
                ("enforcement", people,
                 people.filter(pk__in=EnforcementAction.objects.values("person_id"))),
                ("recall", licence, licence.filter(pk__in=EnforcementAction.objects.filter(
                    kind="recall_request").values("person_id")))):
            if not base.count():
                assert (measure, gender) not in rows
                continue
            shown = rules.suppress(met.count(), base.count())
            row = rows[(measure, gender)]
            assert (row["met"], row["percent"], row["suppressed"]) == (
                shown.count, shown.rate, shown.suppressed), (measure, gender)
            assert row["total"] == (base.count() if base.count() >= 5 else None)
    assert rows[("enforcement", "male")]["total"] == 11


def test_assignment_timeliness_by_team_matches_an_independent_recount(sample):
    _refresh(sample)
    provider, office = sample["provider"], sample["office_a"]
    period = selectors.Period(dt.date(2025, 1, 1), PERIOD_END, office)
    row = next(r for r in selectors.timeliness(provider.pk, period, "team")
               if r["measure"] == "assignment")
    counted = on_time = 0
    days = []
    for person in Person.objects.filter(provider=provider, team__venue_id=office):
        due = timescales.assignment_deadline(person.arrived_on).due
        first = Assignment.objects.filter(person=person).order_by("decided_at").first()
        done = timezone.localtime(first.decided_at).date() if first else None
        if not period.start <= due <= period.end or (done is None and due >= TODAY):
            continue
        counted += 1
        on_time += done is not None and done <= due
        if done:
            days.append(timescales.working_days_between(person.arrived_on, done))
    assert (row["met"], row["total"], row["median"]) == (on_time, counted, rules.median(days))
    assert row["group"] == sample["people"]["done0"].team.name and counted == 12
