"""Every URL pattern, with every role, an out-of-scope user and an anonymous visitor.

EXPECTED declares the outcome of GET for each named route; a route missing here fails the test,
and so does a view without an access rule.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from desist.access.rules import rule_of
from desist.organisation.roles import Role
from desist.people.models import Person
from tests.factories import page_without_nonce
from tests.refusals import nothing_written

R = Role
EVERYONE = set(Role)
ORGANISATION = {R.MANAGER, R.SYSADMIN, R.HUB_ADMIN, R.AUDITOR}
AUDIT = {R.SYSADMIN, R.AUDITOR}
WRITERS = {R.RESPONSIBLE_OFFICER, R.MANAGER, R.HUB_ADMIN}
STAFF = EVERYONE - {R.PARTNER_CASEWORKER}
UPW_SUPERVISORS = {R.UPW_SUPERVISOR, R.MANAGER, R.HUB_ADMIN, R.SYSADMIN}
UPW_ADMINS = {R.MANAGER, R.HUB_ADMIN, R.SYSADMIN}  # projects and their sessions
QUALITY = {R.AUDITOR, R.MANAGER, R.SYSADMIN}

# route name -> (kwargs, roles that get 200; "public" pages are 200/302 for everyone)
EXPECTED: dict[str, tuple[dict, set[Role] | str]] = {
    "access:sign-in": ({}, "public"),
    "health:live": ({}, "public"),
    "health:ready": ({}, "public"),
    "access:sign-out": ({}, "post-only"),
    "access:cover": ({"crn": "A123456"}, WRITERS | {R.SYSADMIN}),
    "people:home": ({}, "public"),
    "accessibility": ({}, "public"),
    "people:caseload": ({}, EVERYONE),
    "people:overview": ({"crn": "A123456"}, EVERYONE),
    "people:edit-details": ({"crn": "A123456"}, WRITERS),
    "organisation:staff": ({}, ORGANISATION),
    "organisation:venues": ({}, ORGANISATION),
    "audit:trail": ({}, AUDIT),
    "audit:case-trail": ({"crn": "A123456"}, AUDIT),
    "worklist:tasks": ({}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "worklist:task": ({"pk": "task"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "worklist:dashboard": ({}, {R.MANAGER, R.SYSADMIN, R.HUB_ADMIN, R.AUDITOR}),
    "allocation:intake": ({}, {R.HUB_ADMIN, R.MANAGER, R.SYSADMIN, R.AUDITOR}),
    "allocation:intake-case": ({"crn": "A123456"}, {R.HUB_ADMIN, R.MANAGER, R.SYSADMIN, R.AUDITOR}),
    "allocation:intake-address": ({"crn": "A123456"}, "post-only"),
    "allocation:intake-release": ({"crn": "A123456"}, "post-only"),
    "allocation:queue": ({}, {R.MANAGER, R.SYSADMIN, R.HUB_ADMIN, R.AUDITOR}),
    "allocation:banding": ({"crn": "A123456"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "allocation:assign": ({"crn": "A123456"}, {R.MANAGER, R.SYSADMIN, R.HUB_ADMIN, R.AUDITOR}),
    "allocation:escalation": ({"crn": "A123456"}, {R.MANAGER, R.SYSADMIN, R.HUB_ADMIN, R.AUDITOR}),
    "allocation:workload": ({}, {R.MANAGER, R.SYSADMIN, R.HUB_ADMIN, R.AUDITOR}),
    "allocation:workload-officer": ({"pk": "officer"}, {R.MANAGER, R.SYSADMIN, R.HUB_ADMIN, R.AUDITOR}),
    "allocation:weightings": ({}, {R.MANAGER, R.SYSADMIN}),
    "tiering:case-tier": ({"crn": "A123456"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "tiering:case-rsr": ({"crn": "A123456"}, WRITERS | {R.SYSADMIN}),
    "tiering:policy": ({}, {R.MANAGER, R.SYSADMIN, R.AUDITOR}),
    "tiering:policy-switch": ({}, "post-only"),
    "allocation:capacity": ({"pk": "officer"}, {R.MANAGER, R.SYSADMIN, R.HUB_ADMIN, R.AUDITOR}),
    "allocation:capacity-hours": ({"pk": "officer"}, "post-only"),
    "allocation:capacity-reduction-add": ({"pk": "officer"}, "post-only"),
    "allocation:capacity-reduction-end": ({"pk": "officer", "rid": 1}, "post-only"),
    "allocation:capacity-reduction-withdraw": ({"pk": "officer", "rid": 1}, "post-only"),
    "interventions:catalogue": ({}, EVERYONE),
    "interventions:service-edit": ({"pk": "service"}, {R.SYSADMIN, R.PARTNER_CASEWORKER}),
    "interventions:referrals": ({}, EVERYONE),
    "interventions:monitoring": ({}, ORGANISATION),
    "interventions:referral": ({"pk": "referral"}, EVERYONE),
    "interventions:referral-status": ({"pk": "referral"}, "post-only"),
    "interventions:referral-session": ({"pk": "referral"}, "post-only"),
    "interventions:case-referrals": ({"crn": "A123456"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "appointments:case": ({"crn": "A123456"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "appointments:book": ({"crn": "A123456"}, WRITERS),
    "appointments:appointment": ({"pk": "appointment"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "appointments:calendar": ({}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "appointments:venue-calendar": ({}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "api-referral-list": ({}, EVERYONE),
    "api-referral-detail": ({"pk": "referral"}, EVERYONE),
    "api-referral-sessions": ({"pk": "referral"}, EVERYONE),
    "api-referral-status": ({"pk": "referral"}, "post-only"),
    "api-appointment-list": ({}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "api-appointment-detail": ({"pk": "appointment"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "api-appointment-outcome": ({"pk": "appointment"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "compliance:hub": ({}, ORGANISATION),
    "compliance:case": ({"crn": "A123456"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "compliance:absence": ({"pk": "absence"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "compliance:absence-evidence": ({"pk": "evidence"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "compliance:breach": ({"pk": "breach"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "compliance:breach-report": ({"pk": "breach"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "compliance:letter": ({"pk": "letter"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "compliance:letters": ({}, ORGANISATION),
    "compliance:absence-attach": ({"pk": "absence"}, "post-only"),
    "compliance:breach-outcome": ({"pk": "breach"}, "post-only"),
    "compliance:letter-posted": ({"pk": "letter"}, "post-only"),
    "compliance:letter-reprint": ({"pk": "letter"}, "post-only"),
    "api-absence-list": ({}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "api-absence-detail": ({"pk": "absence"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "api-absence-decision": ({"pk": "absence"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "api-breach-list": ({}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "api-breach-detail": ({"pk": "breach"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "api-compliance-detail": ({"crn": "A123456"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "api-schema": ({}, EVERYONE),
    "api-intake": ({}, {R.HUB_ADMIN, R.MANAGER, R.SYSADMIN, R.AUDITOR}),
    "api-case-banding": ({"crn": "A123456"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "api-case-tier": ({"crn": "A123456"}, EVERYONE - {R.PARTNER_CASEWORKER}),
    "api-case-assignment": ({"crn": "A123456"}, {R.MANAGER, R.SYSADMIN, R.HUB_ADMIN, R.AUDITOR}),
    "api-case-list": ({}, EVERYONE),
    "api-case-detail": ({"crn": "A123456"}, EVERYONE),
    # Self-assessment, induction, risk and the plan (issue 5)
    "assessment:readings": ({"crn": "A123456"}, STAFF),
    "assessment:reading-new": ({"crn": "A123456"}, WRITERS),
    "assessment:reading": ({"crn": "A123456", "pk": "reading"}, STAFF),
    "assessment:reading-sign": ({"crn": "A123456", "pk": "reading"}, WRITERS),
    "assessment:reading-approve": ({"crn": "A123456", "pk": "reading"}, "post-only"),
    "assessment:instruments": ({}, {R.SYSADMIN, R.MANAGER, R.AUDITOR}),
    "assessment:instrument-activate": ({}, "post-only"),
    "assessment:instrument-edit": ({}, "post-only"),
    "assessment:instrument-load": ({}, "post-only"),
    "induction:induction": ({"crn": "A123456"}, STAFF),
    "induction:induction-book": ({"crn": "A123456"}, WRITERS),
    "induction:induction-pdf": ({"crn": "A123456"}, STAFF),
    "risk:risk": ({"crn": "A123456"}, STAFF),
    "risk:risk-assess": ({"crn": "A123456"}, WRITERS),
    "risk:check-new": ({"crn": "A123456"}, WRITERS),
    "risk:check": ({"crn": "A123456", "pk": "check"}, STAFF),
    "risk:agency-new": ({"crn": "A123456"}, WRITERS),
    "risk:agency": ({"crn": "A123456", "pk": "agency"}, STAFF),
    "risk:home-visit-new": ({"crn": "A123456"}, WRITERS),
    "risk:home-visit": ({"crn": "A123456", "pk": "home_visit"}, STAFF),
    "risk:link-worker": ({"crn": "A123456"}, WRITERS),
    "planning:plan": ({"crn": "A123456"}, STAFF),
    "planning:plan-start": ({"crn": "A123456"}, "post-only"),
    "planning:plan-copy": ({"crn": "A123456"}, "post-only"),
    "planning:plan-reviewed": ({"crn": "A123456"}, "post-only"),
    "planning:plan-complete": ({"crn": "A123456"}, "post-only"),
    "planning:objective-new": ({"crn": "A123456", "pk": "plan"}, WRITERS),
    "planning:decline-area": ({"crn": "A123456", "pk": "plan"}, WRITERS),
    "planning:rmp": ({"crn": "A123456", "pk": "plan"}, WRITERS),
    "planning:agreement": ({"crn": "A123456", "pk": "plan"}, WRITERS),
    "planning:countersign": ({"crn": "A123456", "pk": "plan"}, {R.MANAGER}),
    "planning:plan-pdf": ({"crn": "A123456", "pk": "plan"}, STAFF),
    "api-reading-list": ({"crn": "A123456"}, STAFF),
    "api-reading-detail": ({"crn": "A123456", "pk": "reading"}, STAFF),
    "api-plan-list": ({"crn": "A123456"}, STAFF),
    "api-plan-detail": ({"crn": "A123456", "pk": "plan"}, STAFF),
    "api-check-list": ({"crn": "A123456"}, STAFF),
    "api-check-detail": ({"crn": "A123456", "pk": "check"}, STAFF),
    "reviews:case": ({"crn": "A123456"}, STAFF),
    "reviews:review": ({"crn": "A123456"}, "post-only"),
    "reviews:event": ({"crn": "A123456"}, "post-only"),
    "reviews:step-down": ({"crn": "A123456"}, "post-only"),
    "reviews:pull-back": ({"crn": "A123456"}, "post-only"),
    "reviews:telephone": ({"crn": "A123456"}, "post-only"),
    "reviews:remote": ({}, {R.HUB_ADMIN, R.MANAGER, R.SYSADMIN, R.AUDITOR, R.RESPONSIBLE_OFFICER}),
    "checkins:case": ({"crn": "A123456"}, STAFF),
    "checkins:enrol": ({"crn": "A123456"}, "post-only"),
    "checkins:approve": ({"crn": "A123456"}, "post-only"),
    "checkins:code": ({"crn": "A123456"}, "post-only"),
    "checkins:unlock": ({"crn": "A123456"}, "post-only"),
    "checkins:kiosk-start": ({}, WRITERS),
    "checkins:kiosk": ({}, "public"),
    "checkins:kiosk-questions": ({}, "public"),
    "checkins:kiosk-done": ({}, "public"),
    "checkins:online": ({}, "public"),
    "checkins:online-questions": ({}, "public"),
    "checkins:online-done": ({}, "public"),
    "api-case-reviews": ({"crn": "A123456"}, STAFF),
    "api-case-step-down": ({"crn": "A123456"}, STAFF),
    "api-case-check-ins": ({"crn": "A123456"}, STAFF),
    # Through the Gate (issue 16); the person's page is public (code and date of birth).
    "resettlement:case": ({"crn": "A123456"}, STAFF),
    "resettlement:screening": ({"crn": "A123456"}, STAFF),
    "resettlement:checklist": ({"crn": "A123456"}, STAFF),
    "resettlement:refer": ({"crn": "A123456"}, STAFF),
    "resettlement:service-level": ({}, ORGANISATION),
    "resettlement:assessments": ({}, {R.SYSADMIN}),
    "resettlement:person-start": ({}, "public"),
    "resettlement:person-plan": ({}, "public"),
    "api-resettlement": ({"crn": "A123456"}, STAFF),
    "api-resettlement-pathway": ({"crn": "A123456", "pk": "1"}, "post-only"),
    "api-resettlement-needs": ({"crn": "A123456"}, "post-only"),
    "api-resettlement-need": ({"crn": "A123456", "pk": "1"}, "post-only"),
    "api-resettlement-complete": ({"crn": "A123456"}, "post-only"),
    "api-resettlement-service-level": ({}, ORGANISATION),
    # Unpaid work (issue 15)
    "unpaid_work:today": ({}, UPW_SUPERVISORS),
    "unpaid_work:session": ({"pk": "upw_session"}, UPW_SUPERVISORS | {R.RESPONSIBLE_OFFICER}),
    "unpaid_work:outcome": ({"pk": "upw_placement"}, UPW_SUPERVISORS | {R.RESPONSIBLE_OFFICER}),
    "unpaid_work:hub": ({}, ORGANISATION),
    "unpaid_work:projects": ({}, UPW_ADMINS),
    "unpaid_work:project-new": ({}, UPW_ADMINS),
    "unpaid_work:project": ({"pk": "upw_project"}, UPW_ADMINS),
    "unpaid_work:project-schedule": ({"pk": "upw_project"}, "post-only"),
    "unpaid_work:project-session-new": ({"pk": "upw_project"}, "post-only"),
    "unpaid_work:case": ({"crn": "A123456"}, STAFF),
    "api-upw-ledger-detail": ({"crn": "A123456"}, STAFF),
    "api-upw-session-list": ({}, UPW_SUPERVISORS | {R.RESPONSIBLE_OFFICER}),
    "api-upw-session-detail": ({"pk": "upw_session"}, UPW_SUPERVISORS | {R.RESPONSIBLE_OFFICER}),
    "api-upw-placement-detail": ({"pk": "upw_placement"},
                                 UPW_SUPERVISORS | {R.RESPONSIBLE_OFFICER}),
    "api-upw-placement-outcome": ({"pk": "upw_placement"},
                                  UPW_SUPERVISORS | {R.RESPONSIBLE_OFFICER}),
    "oversight:hub": ({}, QUALITY),
    "oversight:framework": ({}, QUALITY),
    "oversight:round-new": ({}, QUALITY),
    "oversight:round": ({"pk": "audit_round"}, QUALITY),
    "oversight:results": ({"pk": "audit_round"}, QUALITY),
    "oversight:results-csv": ({"pk": "audit_round"}, QUALITY),
    "oversight:results-pdf": ({"pk": "audit_round"}, QUALITY),
    "oversight:question": ({"pk": "audit_round", "code": "2.1.1"}, QUALITY),
    "oversight:audit-case": ({"pk": "audit_case"}, QUALITY),
    "oversight:trends": ({}, QUALITY),
    "oversight:coverage": ({}, QUALITY | {R.HUB_ADMIN}),
    "oversight:coverage-cases": ({}, QUALITY | {R.HUB_ADMIN}),
    "oversight:case": ({"crn": "A123456"}, STAFF),
    "oversight:countersigning": ({}, {R.MANAGER}),
    "oversight:countersign-review": ({"crn": "A123456", "pk": "review"}, {R.MANAGER}),
    "api-audit-round-list": ({}, QUALITY),
    "api-audit-round-detail": ({"pk": "audit_round"}, QUALITY),
    "api-audit-answers": ({"pk": "audit_case"}, "post-only"),
    # Gateway to the national record (issue 20)
    "gateway:imports": ({}, {R.HUB_ADMIN, R.MANAGER, R.SYSADMIN, R.AUDITOR}),
    "gateway:batch": ({"pk": "import_batch"}, {R.HUB_ADMIN, R.MANAGER, R.SYSADMIN, R.AUDITOR}),
    "api-national-imports": ({}, {R.HUB_ADMIN, R.SYSADMIN}),
    "api-national-export": ({}, {R.HUB_ADMIN, R.SYSADMIN}),
    "api-case-national": ({"crn": "national_case"}, STAFF),  # the case, as imported
    "api-oversight-list": ({"crn": "A123456"}, STAFF),
}
# Insight (issue 19): the provider's managers and system administrators.
EXPECTED.update({name: ({}, {R.MANAGER, R.SYSADMIN}) for name in (
    "insight:service-levels", "insight:timeliness", "insight:needs", "insight:equality",
    "insight:cases", "insight:targets", "api-insight-service-levels", "api-insight-timeliness",
    "api-insight-needs", "api-insight-equality", "api-insight-cases")})
EXPECTED["api-insight-refresh"] = ({}, set())  # write-only: GET is refused to everyone
EXPECTED["insight:refresh"] = ({}, set())
# Lists of the cases behind one figure: without the figure's parameters an allowed role gets a
# 400 / 404 (never 200, never another role's 403).
NEEDS_QUERY = {"insight:cases", "api-insight-cases"}
CASE_ROUTES = {name for name, (kwargs, allowed) in EXPECTED.items()
               if "crn" in kwargs and allowed != "post-only"}  # a POST-only route answers GET 405


def all_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from all_patterns(entry, ns)
        elif isinstance(entry, URLPattern):
            yield (f"{prefix}{entry.name}" if entry.name else None), entry


def test_every_route_is_declared_here_and_has_an_access_rule():
    names = set()
    for name, pattern in all_patterns():
        assert name, f"Unnamed URL pattern {pattern.pattern}: name it and declare its access."
        assert rule_of(pattern.callback) is not None, f"{name} has no access rule"
        names.add(name)
    assert names == set(EXPECTED), f"Undeclared: {names - set(EXPECTED)}; stale: {set(EXPECTED) - names}"


def _resolve(kwargs, case):
    """Route arguments naming a kind of object ("task") become that object's id for the case."""
    from tests.factories import object_for_case

    return {k: object_for_case(v, case) if v in OBJECTS else v for k, v in kwargs.items()}


OBJECTS = {"task", "officer", "reading", "check", "agency", "home_visit", "plan", "referral", "service",
           "appointment", "absence", "breach", "letter", "evidence", "upw_session", "upw_placement",
           "upw_project", "audit_round", "audit_case", "import_batch", "national_case", "review"}


def _url(name, kwargs):
    from django.urls import reverse

    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("role", list(Role))
def test_role_gets_declared_outcome(name, role, case, staff_by_role, client):
    kwargs, allowed = EXPECTED[name]
    client.force_login(staff_by_role[role].user)
    if name.startswith("api-case") and role is R.UPW_SUPERVISOR:
        pass  # the case has UPW, so the supervisor is in scope
    response = client.get(_url(name, _resolve(kwargs, case)))
    if allowed == "public":
        assert response.status_code in (200, 302)
    elif allowed == "post-only":
        assert response.status_code == 405
    else:
        expected = 200 if role in allowed else 403
        if name in NEEDS_QUERY and role in allowed:
            assert response.status_code in (400, 404), f"{role} GET {name}: {response.status_code}"
            return
        assert response.status_code == expected, f"{role} GET {name}: {response.status_code}"


@pytest.mark.parametrize("name", sorted(CASE_ROUTES))
def test_out_of_scope_user_gets_404_for_case_routes(name, case, outsider, client):
    client.force_login(outsider.user)
    kwargs, allowed = EXPECTED[name]
    resolved = _resolve(kwargs, case)
    response = client.get(_url(name, resolved))
    # Roles allowed to use the page get the same 404 as for a CRN that does not exist.
    assert response.status_code in (403, 404)
    if Role(outsider.role) in allowed:
        assert response.status_code == 404
        missing = client.get(_url(name, {**resolved, "crn": "Z999999"}))
        assert missing.status_code == 404
        assert page_without_nonce(missing.content) == page_without_nonce(response.content)


@pytest.mark.parametrize("name", sorted(n for n, (_, a) in EXPECTED.items() if a not in ("public",)))
def test_anonymous_visitor_is_sent_to_sign_in_or_refused(name, case, client):
    kwargs, _ = EXPECTED[name]
    response = client.get(_url(name, _resolve(kwargs, case)))
    if name.startswith("api"):
        assert response.status_code == 401
    elif EXPECTED[name][1] == "post-only":
        assert response.status_code in (302, 405)
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/sign-in")


def test_auditor_cannot_write(case, staff_by_role, client):
    client.force_login(staff_by_role[R.AUDITOR].user)
    with nothing_written(Person):
        response = client.post(_url("people:edit-details", {"crn": case.crn}), {"version": 1})
        assert response.status_code == 403
        response = client.patch(f"/api/cases/{case.crn}", {"version": 1},
                                content_type="application/json")
        assert response.status_code == 403


def test_view_without_rule_is_refused_at_runtime(rf, staff_by_role):
    from django.core.exceptions import PermissionDenied

    from desist.access.middleware import LoginRequiredMiddleware

    def undeclared(request):
        raise AssertionError("must not run")

    middleware = LoginRequiredMiddleware(lambda r: None)
    with pytest.raises(PermissionDenied):
        middleware.process_view(rf.get("/x"), undeclared, (), {})
