"""Issue 22 item 5 / issue 13 item 4: a write-side access matrix generated from the routes.

Every route that writes to a case (a ``<crn>`` in its URL, or a declared ``case=`` / ``case_of``)
is posted to by each case-writing role allowed on it, on their own case and on a case of another
team in the same provider. Decisions belong to the case's officer, its team's managers and the
hub; anyone else is refused (403, audited, nothing saved) until they record a cover.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from desist.access.rules import by_crn, not_a_case, rule_of
from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.people.models import CaseCover, Person
from desist.scopes import decisions
from tests import factories as f
from tests.conftest import make_staff
from tests.refusals import nothing_written

R = Role
WRITE_METHODS = ("post", "put", "patch", "delete")
DECIDING_ROLES = {R.RESPONSIBLE_OFFICER, R.MANAGER, R.HUB_ADMIN, R.SYSADMIN}
# Arguments naming a kind of object become that object's id for the case under test.
OBJECT_ARGS = {"pk": None}


def _patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, f"{prefix}{entry.namespace}:" if entry.namespace else prefix)
        elif isinstance(entry, URLPattern):
            yield f"{prefix}{entry.name}", entry


def _write_methods(callback) -> list[str]:
    if getattr(callback, "actions", None):  # a DRF viewset route
        return [m for m in callback.actions if m in WRITE_METHODS]
    cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if cls is not None:
        return [m for m in WRITE_METHODS if hasattr(cls, m)]
    allowed = getattr(callback, "__wrapped__", callback)
    return ["post"] if rule_of(callback) and rule_of(callback).write else [m for m in () if allowed]


def _case_resolver(callback):
    cls = getattr(callback, "cls", None)
    return getattr(cls, "case_of", None) if cls is not None else getattr(callback, "case_of", None)


def case_write_routes():
    """(route name, method, kind of object its id names) for every route that writes to a case."""
    routes = []
    for name, pattern in _patterns():
        rule = rule_of(pattern.callback)
        if rule is None or rule.public or not rule.write:
            continue
        params = set(pattern.pattern.regex.groupindex)
        resolver = _case_resolver(pattern.callback)
        if resolver is not_a_case:
            continue
        if "crn" not in params and resolver in (None, by_crn) and name != "api-appointment-list":
            continue
        for method in _write_methods(pattern.callback):
            routes.append((name, method, sorted(rule.write & DECIDING_ROLES)))
    return routes


ROUTES = case_write_routes()
# What an id in each route names (the access matrix's object kinds).
KIND = {
    "worklist:task": "task", "interventions:referral-status": "referral",
    "interventions:referral-session": "referral",
    "appointments:appointment": "appointment", "compliance:absence": "absence",
    "compliance:breach": "breach", "api-referral-sessions": "referral",
    "api-referral-status": "referral", "api-appointment-outcome": "appointment",
    "api-absence-decision": "absence", "assessment:reading": "reading",
    "assessment:reading-sign": "reading", "risk:check": "check", "risk:agency": "agency",
    "risk:home-visit": "home_visit", "api-reading-detail": "reading",
    "api-check-detail": "check", "api-plan-detail": "plan",
    "compliance:absence-attach": "absence", "compliance:breach-outcome": "breach",
    "unpaid_work:outcome": "upw_placement", "api-upw-placement-outcome": "upw_placement",
    "api-audit-answers": "audit_case",
}


def test_the_matrix_covers_the_writes_named_in_the_issue():
    names = {name for name, _, _ in ROUTES}
    for must in ("compliance:absence", "assessment:reading-sign", "planning:rmp", "worklist:task",
                 "interventions:referral-status", "api-referral-status", "api-absence-decision",
                 "api-appointment-list", "people:edit-details", "risk:home-visit-new"):
        assert must in names


@pytest.fixture
def other_team_case(provider, staff_by_role):
    """A case of another team of the same provider, with its own officer and a partner referral."""
    from desist.interventions.models import Referral

    team = f.TeamFactory(provider=provider, name="North")
    officer = make_staff(provider, R.RESPONSIBLE_OFFICER, username="north_officer", team=team)
    person = f.PersonFactory(provider=provider, crn="B765432", responsible_officer=officer, team=team)
    sentence = f.SentenceFactory(person=person)
    f.RequirementFactory(sentence=sentence, type="rar", rar_days=20)
    Referral.objects.create(person=person, partner=staff_by_role[R.PARTNER_CASEWORKER].partner,
                            service="Women's group", referred_on=sentence.start_date)
    return person


def _send(client, name, method, person):
    from tests.factories import object_for_case

    pattern = dict(_patterns())[name]
    params = set(pattern.pattern.regex.groupindex)
    kwargs = {}
    if "crn" in params:
        kwargs["crn"] = person.crn
    if "pk" in params:
        kind = KIND.get(name, "plan")
        kwargs["pk"] = object_for_case(kind, person)
    url = reverse(name, kwargs=kwargs)
    if name.startswith("api"):
        return getattr(client, method)(url, {"crn": person.crn}, content_type="application/json")
    return getattr(client, method)(url, {})


def _refused(response) -> bool:
    return response.status_code == 403 and (
        b"not yours to decide" in response.content or b"you are covering it" in response.content)


@pytest.mark.parametrize(("name", "method", "roles"), ROUTES, ids=[f"{n}-{m}" for n, m, _ in ROUTES])
def test_write_scope_matrix(name, method, roles, case, other_team_case, staff_by_role, client):
    for role in roles:
        client.force_login(staff_by_role[role].user)
        own = _send(client, name, method, case)
        if role is R.SYSADMIN:
            assert _refused(own), f"{role} {method} {name} own: {own.status_code}"
        else:
            assert not _refused(own), f"{role} {method} {name} own team: refused"
            assert own.status_code != 500
        other = _send(client, name, method, other_team_case)
        if role is R.HUB_ADMIN:
            assert not _refused(other), f"hub {method} {name}: refused"
        else:
            assert _refused(other), f"{role} {method} {name} other team: {other.status_code}"
            assert AuditEvent.objects.filter(event="case_decision_refused",
                                             crn=other_team_case.crn,
                                             actor=staff_by_role[role].user).exists()
            decisions.cover_record(acting_user=staff_by_role[role].user, person=other_team_case,
                                   reason="Duty officer this week")
            covered = _send(client, name, method, other_team_case)
            assert not _refused(covered), f"{role} {method} {name} covering: refused"
            assert covered.status_code != 500
        client.logout()


def test_recording_a_cover_needs_a_reason_is_audited_and_shown_on_the_case(
        case, other_team_case, staff_by_role, client):
    officer = staff_by_role[R.RESPONSIBLE_OFFICER]
    client.force_login(officer.user)
    overview = client.get(f"/cases/{other_team_case.crn}/").content.decode()
    assert "Record that you are covering it" in overview
    with nothing_written(CaseCover):
        assert client.post(f"/cases/{other_team_case.crn}/cover",
                           {"reason": " "}).status_code == 400
    response = client.post(f"/cases/{other_team_case.crn}/cover",
                           {"reason": "North officer on leave; I am duty officer"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(event="case_cover_recorded")
    assert event.crn == other_team_case.crn and event.actor == officer.user
    assert "duty officer" in event.detail["reason"]
    client.force_login(staff_by_role[R.MANAGER].user)  # anyone reading the case sees the cover
    overview = client.get(f"/cases/{other_team_case.crn}/").content.decode()
    assert "Covering this case" in overview and "North officer on leave" in overview


def test_a_cover_ends(case, other_team_case, staff_by_role, client):
    import datetime as dt

    from django.utils import timezone

    officer = staff_by_role[R.RESPONSIBLE_OFFICER]
    cover = decisions.cover_record(acting_user=officer.user, person=other_team_case, reason="Duty")
    assert decisions.authority_for(officer.user, other_team_case).covering
    type(cover).objects.filter(pk=cover.pk).update(ends_at=timezone.now() - dt.timedelta(minutes=1))
    assert not decisions.authority_for(officer.user, other_team_case).may_decide


def test_another_provider_still_gets_404_not_a_cover_offer(case, outsider, client):
    client.force_login(outsider.user)
    with nothing_written(Person, CaseCover):
        assert client.post(f"/cases/{case.crn}/cover", {"reason": "x"}).status_code == 404
        assert client.post(f"/cases/{case.crn}/personal-details", {}).status_code == 404
