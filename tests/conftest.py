"""Shared fixtures: a provider with one person of each role, and a second provider for scope tests."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import settings as hypothesis_settings

from desist.organisation.roles import Role

from . import factories as f

# Property tests: no per-example deadline (a loaded 2-core machine is slow, not wrong) and, unless
# HYPOTHESIS_RANDOM=1 asks for fresh examples, the same examples every run so CI is repeatable.
hypothesis_settings.register_profile("desist", deadline=None, derandomize=True, print_blob=True)
hypothesis_settings.register_profile("explore", deadline=None, max_examples=500)
hypothesis_settings.load_profile("explore" if os.environ.get("HYPOTHESIS_RANDOM") else "desist")


@pytest.fixture
def provider(db):
    return f.ProviderFactory()


@pytest.fixture
def other_provider(db):
    return f.ProviderFactory(code="OCRC", name="Other CRC", owner=f.OwnerFactory(name="Other Ltd"))


@pytest.fixture
def partner(provider):
    return f.PartnerFactory(provider=provider, name="Women's Service")


@pytest.fixture
def team(provider):
    return f.TeamFactory(provider=provider)


def make_staff(provider, role: Role, *, username: str, grade: str = "PO", partner=None, team=None,
               gender: str = "female"):
    user = f.UserFactory(username=username)
    return f.StaffFactory(user=user, provider=provider, role=role.value, grade=grade,
                          partner=partner, team=team, gender=gender)


@pytest.fixture
def staff_by_role(provider, partner, team):
    """One signed-in-able member of staff for every role, in the same provider."""
    grades = {Role.RESPONSIBLE_OFFICER: "PO", Role.MANAGER: "SPO", Role.HUB_ADMIN: "HUB",
              Role.UPW_SUPERVISOR: "UPW", Role.PARTNER_CASEWORKER: "PTR", Role.AUDITOR: "QA",
              Role.SYSADMIN: "SYS"}
    return {
        role: make_staff(provider, role, username=role.value, grade=grades[role], team=team,
                         partner=partner if role is Role.PARTNER_CASEWORKER else None)
        for role in Role
    }


@pytest.fixture
def outsider(other_provider):
    """An officer of another provider: must see nothing of the first provider's cases."""
    return make_staff(other_provider, Role.RESPONSIBLE_OFFICER, username="outsider")


@pytest.fixture
def case(provider, staff_by_role, team):
    """A medium-RoSH man on a community order with RAR and UPW, DA-flagged, accepted by the partner."""
    from desist.interventions.models import Referral

    person = f.PersonFactory(provider=provider, crn="A123456", first_name="Dan", last_name="Smith",
                             responsible_officer=staff_by_role[Role.RESPONSIBLE_OFFICER], team=team)
    sentence = f.SentenceFactory(person=person)
    f.RequirementFactory(sentence=sentence, type="rar", rar_days=20)
    f.RequirementFactory(sentence=sentence, type="upw", rar_days=None, upw_hours=120)
    f.OffenceFactory(sentence=sentence)
    f.RegistrationFactory(person=person, type="domestic_abuse")
    Referral.objects.create(person=person, partner=staff_by_role[Role.PARTNER_CASEWORKER].partner,
                            service="Women's group", referred_on=sentence.start_date,
                            status="accepted")  # accepted: the partner may see the case (F14)
    _place_on_upw(person, staff_by_role[Role.UPW_SUPERVISOR])
    # Quality assurance sees only sampled cases (issue 18): this one is in the auditor's sample.
    f.sample_for_auditor(person, staff_by_role[Role.AUDITOR].user)
    return person


def _place_on_upw(person, supervisor):
    """On a session the UPW supervisor runs: a supervisor sees only people on their projects."""
    from desist.unpaid_work.models import Placement, Project, Session

    project = Project.objects.create(provider=person.provider, name="Community garden",
                                     type="group", site="Saltwell Park", supervisor=supervisor)
    session = Session.objects.create(project=project, on=dt.date(2026, 6, 8),
                                     starts_at=dt.time(9), ends_at=dt.time(16))
    Placement.objects.create(provider=person.provider, session=session, person=person)


@pytest.fixture(autouse=True)
def _no_showcase_claims_left_over():
    """Each test starts with no showcase CRNs claimed. ``desist demo`` clears the claims at the
    start of a run; in a test worker they would otherwise pile up from earlier tests' seeders,
    and a later seeder (which skips claimed cases) ran out of cases to shape."""
    from desist.seeding import CLAIMED

    CLAIMED.clear()
    yield
    CLAIMED.clear()


@pytest.fixture
def client_for(client):
    """Log a member of staff in on the test client."""

    def login(staff):
        client.force_login(staff.user)
        return client

    return login


# Tests whose subject does not depend on the database engine and that are slow: browser journeys
# (tests/e2e), the API contract walk, the production server's smoke and fault tests
# (tests/production, tests/faults: a lost connection is real only with a server; they run on
# PostgreSQL in either pass) and the list-performance scan. CI runs them once, on PostgreSQL
# (production's database); the SQLite pass deselects them with -m "not one_database"
# (scripts/test.sh). So does every test that never opens the database (the rules core, the
# convention and layer checks): its outcome cannot depend on the engine. Everything else runs on
# both engines.
ONE_DATABASE = ("tests/e2e/", "tests/production/", "tests/faults/", "tests/api/test_contract.py",
                "tests/test_list_performance.py")


_DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


def _opens_database(item) -> bool:
    fixtures = set(getattr(item, "fixturenames", ()))
    return item.get_closest_marker("django_db") is not None or bool(fixtures & _DATABASE_FIXTURES)


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = item.path.as_posix()
        if any(f"/{part}" in path for part in ONE_DATABASE) or not _opens_database(item):
            item.add_marker(pytest.mark.one_database)
        if "/tests/e2e/" in path:
            item.add_marker(pytest.mark.e2e)


def pytest_terminal_summary(terminalreporter):
    """Print the API contract run's counts (recorded by tests/api/test_contract.py)."""
    lines = [value for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get(
        "failed", []) for name, value in getattr(report, "user_properties", ()) if name == "api_contract"]
    if lines:
        terminalreporter.section("API contract (Schemathesis)")
        for line in lines:
            terminalreporter.line(line)
