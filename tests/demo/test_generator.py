"""The demo caseload generator: deterministic, realistic, idempotent, resumable, and strict
about its input (issue 2, item 6)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError

from desist.audit.models import AuditEvent
from desist.demo import generator, writer
from desist.demo.organisation import DEMO_LOGINS, DEMO_PASSWORD
from desist.demo.people import make_crn
from desist.interventions.models import Referral
from desist.organisation.models import Partner, Provider, Staff, Venue
from desist.organisation.roles import Role, role_of
from desist.people.models import CaseAccessEntry, Person, Registration
from desist.scopes.cases import visible_cases
from desist.sentences.models import Offence, Requirement, Sentence

REF = dt.date(2026, 1, 15)
SEED = 7
CHILD = {"child_protection_plan", "child_concern", "child_in_need"}
CUSTODY = {"licence", "pss", "custody"}
ROOT = Path(__file__).resolve().parents[2]


def run(people: int, **kwargs) -> dict:
    kwargs.setdefault("seed", SEED)
    kwargs.setdefault("reference_date", REF)
    kwargs.setdefault("other_people", 12)
    return generator.generate(people=people, **kwargs)


def snapshot(code: str = "NCRC") -> list[tuple]:
    """What must not change between runs with the same seed: identity and the case facts."""
    rows = []
    people = (Person.objects.filter(provider__code=code).order_by("crn")
              .select_related("responsible_officer__user", "team"))
    for p in people:
        sentences = sorted(
            (s.type, s.sentence_date, s.expected_end_date, s.custodial_months, s.release_date)
            for s in p.sentences.all()
        )
        rows.append((p.crn, p.first_name, p.last_name, p.date_of_birth, p.gender, p.rosh,
                     p.ogrs3_two_year, p.band, p.local_authority_id,
                     p.responsible_officer.user.username if p.responsible_officer else None,
                     p.team.code if p.team else None, tuple(sentences),
                     tuple(sorted(p.registrations.values_list("type", flat=True)))))
    return rows


def current_sentence_types() -> dict[int, str]:
    latest: dict[int, tuple[dt.date, str]] = {}
    rows = Sentence.objects.filter(person__provider__code="NCRC").values_list(
        "person_id", "sentence_date", "type")
    for pid, day, kind in rows:
        if pid not in latest or day > latest[pid][0]:
            latest[pid] = (day, kind)
    return {pid: kind for pid, (_day, kind) in latest.items()}


# ---------------------------------------------------------------------------------------------
# Determinism and resuming


@pytest.mark.django_db
def test_same_seed_gives_the_same_people_and_another_seed_does_not():
    run(120, batch_size=50)
    first = snapshot()
    assert len(first) == 120
    Person.objects.all().delete()
    run(120, batch_size=7)  # batch size must not matter: each person has its own stream
    assert snapshot() == first

    crns = [row[0] for row in first]
    assert len(set(crns)) == 120
    assert all(len(c) == 7 and c[0].isalpha() and c[1:].isdigit() for c in crns)
    Person.objects.all().delete()
    run(120, seed=SEED + 1)
    other = snapshot()
    assert {r[0] for r in other}.isdisjoint(crns)
    assert [r[1:3] for r in other] != [r[1:3] for r in first]


def test_crns_are_a_permutation_of_the_index():
    crns = {make_crn("A", 12_345, i) for i in range(200_000)}
    assert len(crns) == 200_000


@pytest.mark.django_db
def test_rerunning_adds_nothing_and_growing_adds_only_the_new_people():
    counts = run(80)
    assert counts["people"] == 80 + 12
    before = {m: m.objects.count() for m in (Person, Sentence, Requirement, Offence,
                                             Registration, Referral, Staff, Venue, Partner,
                                             Provider, CaseAccessEntry)}
    again = run(80)
    assert again["people"] == 0
    assert again["skipped_people"] == 80 + 12
    assert {m: m.objects.count() for m in before} == before

    run(100)
    assert Person.objects.filter(provider__code="NCRC").count() == 100
    grown = snapshot()
    Person.objects.all().delete()
    run(100)
    assert snapshot() == grown


@pytest.mark.django_db
def test_an_interrupted_run_resumes_after_the_last_complete_batch(monkeypatch):
    run(90, batch_size=30)
    whole = snapshot()
    Person.objects.all().delete()

    real = writer.write_batch_copy if generator.connection.vendor == "postgresql" else (
        writer.write_batch)
    name = real.__name__
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            real(*args, **kwargs)  # the rows go in, then the batch fails: all rolled back
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(generator, name, flaky)
    with pytest.raises(KeyboardInterrupt):
        run(90, batch_size=30)
    assert Person.objects.filter(provider__code="NCRC").count() == 60  # two whole batches
    monkeypatch.setattr(generator, name, real)
    resumed = run(90, batch_size=30)
    assert resumed["people"] == 30 + 12 and resumed["skipped_people"] == 60
    assert snapshot() == whole


@pytest.mark.django_db
def test_a_different_seed_is_refused_for_a_provider_that_has_people():
    run(10)
    with pytest.raises(generator.GeneratorInputError, match="another seed"):
        run(10, seed=SEED + 3)


# ---------------------------------------------------------------------------------------------
# Realistic distributions (the reports' figures), on 600 people with ~3 standard errors


@pytest.fixture
def caseload(db):
    run(600)
    return Person.objects.filter(provider__code="NCRC")


def test_distributions_follow_the_reports(caseload):
    n = caseload.count()
    assert n == 600
    women = caseload.filter(gender="female").count() / n
    assert 0.14 <= women <= 0.24  # ≈19%

    kinds = current_sentence_types()
    assert len(kinds) == n
    custody = sum(1 for k in kinds.values() if k in CUSTODY) / n
    assert 0.32 <= custody <= 0.44  # ≈38%

    rosh = Counter(caseload.values_list("rosh", flat=True))
    assert rosh["medium"] / n >= 0.5 and rosh["medium"] == max(rosh.values())
    assert 0.27 <= rosh["low"] / n <= 0.43
    assert 0.01 <= (rosh["high"] + rosh["very_high"]) / n <= 0.10

    men = caseload.filter(gender="male")
    da = men.filter(registrations__type="domestic_abuse").distinct().count() / men.count()
    assert 0.43 <= da <= 0.60  # about half of male cases

    child = caseload.filter(registrations__type__in=CHILD).distinct().count() / n
    assert 0.27 <= child <= 0.40  # about a third


def test_the_caseload_has_the_variety_later_features_need(caseload):
    regs = set(Registration.objects.values_list("type", flat=True))
    assert {"domestic_abuse", "child_protection_plan", "child_concern", "child_in_need", "iom",
            "complex_mental_health", "aces", "restraining_order"} <= regs
    reqs = Counter(Requirement.objects.values_list("type", flat=True))
    assert {"rar", "upw", "programme", "curfew"} <= set(reqs)
    programmes = set(Requirement.objects.filter(type="programme")
                     .values_list("programme", flat=True))
    assert "BBR" in programmes
    assert Sentence.objects.filter(custodial_months__gte=18).exists()
    assert Sentence.objects.filter(type="custody", release_date__gt=REF).exists()
    assert len(set(Offence.objects.values_list("category", flat=True))) >= 10
    assert caseload.filter(local_authority__isnull=True).exists()  # no fixed abode
    assert caseload.filter(responsible_officer__isnull=True, team__code="HUB").exists()
    assert caseload.filter(work_starts_at__isnull=False).exists()
    assert caseload.filter(interpreter_needed=True).exists()
    assert caseload.filter(literacy_need=True).exists()
    assert caseload.filter(childcare_responsibilities=True).exists()
    assert caseload.filter(last_contact_on__lt=REF - dt.timedelta(days=60)).exists()
    assert caseload.filter(restricted=True).exists()
    assert caseload.exclude(band="").exists() and caseload.filter(band="").exists()
    assert caseload.filter(ogrs3_two_year__isnull=False).count() >= 590
    # Ages: adults at sentence, first sanction no later than the current conviction.
    for p in caseload.prefetch_related("sentences"):
        current = max(p.sentences.all(), key=lambda s: s.sentence_date)
        assert p.age_on(current.sentence_date) >= 18
        assert p.first_sanction_date <= current.sentence_date
        assert p.age_on(p.first_sanction_date) <= p.age_on(current.sentence_date)


def test_the_estate_matches_the_northumbria_report(caseload):
    venues = Venue.objects.filter(provider__code="NCRC")
    lmcs = venues.filter(kind="lmc")
    assert lmcs.count() == 6
    assert lmcs.filter(wheelchair_access=False).count() == 4
    evening = [v for v in lmcs if v.evening_days]
    assert evening and all(len(v.evening_days) == 1 for v in evening)  # one evening a week
    assert all(v.evening_closes_at == dt.time(18, 30) for v in evening)
    assert venues.filter(kind="hub").count() == 1
    assert not venues.filter(kind="neighbourhood", has_reception=True).exists()
    hub = venues.get(kind="womens_hub", code="WH-NCL")
    assert hub.women_only and hub.partner is not None
    assert venues.filter(kind="reporting_centre").exists()
    staff = Staff.objects.filter(provider__code="NCRC").exclude(role="partner_caseworker")
    # Case holders are staffed from the caseload (issue 12): 600 people need the smallest teams.
    assert 35 <= staff.count() <= 70
    assert {"PO", "PSO", "SPO", "HUB", "UPW", "QA", "SYS"} <= set(
        staff.values_list("grade", flat=True))
    assert staff.filter(agency=True).exists()
    assert all(0 < s.contracted_hours <= 37 for s in staff)
    assert Partner.objects.filter(provider__code="NCRC").count() == 6
    assert all(p.caseworkers.exists() for p in Partner.objects.filter(provider__code="NCRC"))


def test_rows_respect_the_model_constraints(caseload):
    # The database checked the constraints on the way in; check them again in Python.
    for model in (Person, Sentence, Requirement, Registration, Venue, Staff):
        for obj in model.objects.all()[:400]:
            obj.validate_constraints()
    for s in Sentence.objects.all():
        assert s.expected_end_date > s.start_date >= s.sentence_date
        assert (s.custodial_months is not None) == (s.type in CUSTODY)
    assert not Requirement.objects.filter(type="upw", upw_hours__lt=40).exists()
    assert not Requirement.objects.filter(type="upw", upw_hours__gt=300).exists()
    rar = Requirement.objects.filter(type="rar").values_list("rar_days", flat=True)
    assert rar and all(5 <= d <= 60 for d in rar)


# ---------------------------------------------------------------------------------------------
# Logins and scopes


@pytest.mark.django_db
def test_demo_command_sets_up_prints_the_logins_and_every_login_works():
    out = StringIO()
    call_command("demo", people="60", no_serve=True, stdout=out)
    text = out.getvalue()
    assert DEMO_PASSWORD in text
    for username, _what in DEMO_LOGINS:
        assert f"  {username} " in text
        user = authenticate(username=username, password=DEMO_PASSWORD)
        assert user is not None, username
        assert role_of(user) is not None, username
    # 60 generated, plus the few showcase cases the feature seeders add (desist.seeding).
    first = Person.objects.filter(provider__code="NCRC").count()
    assert 60 < first <= 100

    again = StringIO()
    call_command("demo", people="60", no_serve=True, stdout=again)
    assert "already there" in again.getvalue()
    assert Person.objects.filter(provider__code="NCRC").count() == first
    assert AuditEvent.objects.filter(event="demo_generated").count() == 1


@pytest.mark.django_db
def test_the_named_logins_show_what_they_are_for():
    run(200)
    users = {u: authenticate(username=u, password=DEMO_PASSWORD) for u, _ in DEMO_LOGINS}
    roles = {u: role_of(user) for u, user in users.items()}
    assert roles["officer"] is Role.RESPONSIBLE_OFFICER and roles["pso"] is Role.RESPONSIBLE_OFFICER
    assert roles["manager"] is Role.MANAGER and roles["hub"] is Role.HUB_ADMIN
    assert roles["upw"] is Role.UPW_SUPERVISOR and roles["partner"] is Role.PARTNER_CASEWORKER
    assert roles["auditor"] is Role.AUDITOR and roles["admin"] is Role.SYSADMIN
    assert users["pso"].staff.grade == "PSO" and users["officer"].staff.grade == "PO"

    caseload = Person.objects.filter(responsible_officer=users["officer"].staff)
    assert caseload.filter(gender="female").exists()
    assert caseload.filter(registrations__type="domestic_abuse").exists()

    partner_sees = visible_cases(users["partner"])
    assert partner_sees.exists()
    assert partner_sees.count() < Person.objects.filter(provider__code="NCRC").count()

    restricted = Person.objects.filter(provider__code="NCRC", restricted=True)
    assert restricted.exists()
    assert set(visible_cases(users["granted"]).filter(restricted=True)) == set(restricted)
    assert not visible_cases(users["officer"]).filter(restricted=True).exists()

    other = visible_cases(users["other"])
    assert other.exists() and not other.filter(provider__code="NCRC").exists()
    assert not visible_cases(users["manager"]).filter(provider__code="DTV").exists()

    event = AuditEvent.objects.get(event="demo_generated")
    assert event.detail["seed"] == SEED and event.detail["counts"]["people"] == 212


# ---------------------------------------------------------------------------------------------
# Bad input


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"people": "-1"}, "--people must be between 0 and 1,000,000"),
        ({"people": "lots"}, "--people must be a whole number"),
        ({"people": "2000000"}, "--people must be between"),
        ({"people": "5", "seed": "x"}, "--seed must be a whole number"),
        ({"people": "5", "batch_size": "0"}, "--batch-size must be between"),
        ({"people": "5", "reference_date": "2026-13-01"}, "--reference-date must be a date"),
        ({"people": "5", "reference_date": "yesterday"}, "--reference-date must be a date"),
        ({"people": "5", "reference_date": "1066-10-14"}, "--reference-date must be between"),
    ],
)
@pytest.mark.django_db
def test_bad_input_is_a_one_line_command_error_and_writes_nothing(options, message):
    with pytest.raises(CommandError, match=message) as caught:
        call_command("generate", **options)
    assert "\n" not in str(caught.value)
    assert not Person.objects.exists() and not Provider.objects.filter(code="NCRC").exists()


def test_the_cli_exits_non_zero_with_one_line_on_stderr():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "desist.config.settings.test"}
    result = subprocess.run(
        [sys.executable, "-m", "desist.cli", "generate", "--people", "-1"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == ["CommandError: --people must be between 0 and 1,000,000, not -1"]


def test_an_unmigrated_database_is_a_one_line_error(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "desist.config.settings.test",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "-m", "desist.cli", "generate", "--people", "5"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("CommandError: database error: ")
    assert "desist migrate" in lines[0]


@pytest.mark.django_db
def test_a_demo_username_taken_by_other_staff_is_refused_without_a_partial_write(
        staff_by_role):
    # The shared fixtures made a member of staff with the username "manager" in provider TCRC.
    with pytest.raises(CommandError, match="'manager' already belongs to another member"):
        call_command("generate", people="5")
    assert not Provider.objects.filter(code="NCRC").exists()
