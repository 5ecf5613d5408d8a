"""Every write route, tried by a member of staff of another provider who holds a role allowed to
write there (issue 13): the answer is 403 or 404, no row anywhere changes and no write is audited.

The GET matrix (test_access_matrix) proves outsiders cannot read; this proves they cannot write
by naming another provider's ids in the URL, for every route that accepts a write.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse

from desist.access.rules import rule_of
from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from tests import factories as f
from tests.access.test_access_matrix import EXPECTED, _resolve, all_patterns
from tests.conftest import make_staff
from tests.refusals import nothing_written

# Tables that change on any request and say nothing about the case data (sessions, throttles).
VOLATILE = {"sessions.session", "access.signinattempt", "audit.auditevent", "audit.chainhead",
            "jobs.workerheartbeat", "authtoken.token"}
# Roles tried, most specific first: an officer is the likeliest to hold another provider's id.
PREFERENCE = [Role.RESPONSIBLE_OFFICER, Role.MANAGER, Role.HUB_ADMIN, Role.UPW_SUPERVISOR,
              Role.PARTNER_CASEWORKER, Role.SYSADMIN, Role.AUDITOR]


def _write_method(callback) -> str | None:
    """The write an API view implements (POST, PATCH or PUT), or POST for a page view."""
    cls = getattr(callback, "cls", None)
    if cls is None:
        return "post"
    actions = getattr(callback, "actions", None)  # a ViewSet route: method -> action
    implemented = set(actions) if actions is not None else {m for m in dir(cls)}
    return next((m for m in ("post", "patch", "put") if m in implemented), None)


def _write_routes():
    """Routes keyed by a case or object id that accept a write: name -> (role, method)."""
    routes = {}
    for name, pattern in all_patterns():
        rule = rule_of(pattern.callback)
        method = _write_method(pattern.callback)
        if (name in EXPECTED and EXPECTED[name][0] and rule is not None and rule.write
                and not rule.public and method):
            routes[name] = (next(role for role in PREFERENCE if role in rule.write), method)
    return routes


WRITE_ROUTES = _write_routes()


def _data_models():
    """Every model that holds case or organisation data (every row compared before and after:
    a count alone would miss a row changed in place)."""
    return [model for model in apps.get_models()
            if model._meta.label_lower not in VOLATILE and not model._meta.proxy]


def _writes():
    """Audited writes; the refusal itself is audited too (``access_refused``), and must be."""
    return AuditEvent.objects.exclude(action="read").exclude(event="access_refused").count()


def test_write_routes_are_found():
    # The walk must find the write routes of every context, or this file proves nothing.
    assert {"people:edit-details", "appointments:book", "planning:plan-complete", "api-case-detail",
            "api-appointment-outcome", "api-absence-decision", "interventions:referral-session",
            "checkins:approve", "reviews:event", "assessment:reading-approve"} <= set(WRITE_ROUTES)
    assert "planning:plan" not in WRITE_ROUTES  # the page only reads: its writes have routes
    assert WRITE_ROUTES["api-case-detail"][1] == "patch"


@pytest.mark.parametrize("name", sorted(WRITE_ROUTES))
def test_outsider_with_a_write_role_cannot_write_by_id(name, case, other_provider, client):
    role, method = WRITE_ROUTES[name]
    partner = (f.PartnerFactory(provider=other_provider, name="Other partner")
               if role is Role.PARTNER_CASEWORKER else None)
    outsider = make_staff(other_provider, role, username=f"outsider-{role.value}", partner=partner)
    kwargs, _ = EXPECTED[name]
    url = reverse(name, kwargs=_resolve(kwargs, case))
    client.force_login(outsider.user)
    writes = _writes()

    with nothing_written(*_data_models()):
        if name.startswith("api-"):
            response = getattr(client, method)(url, {}, content_type="application/json")
        else:
            response = client.post(url, {})

    assert response.status_code in (403, 404), f"{role} POST {name}: {response.status_code}"
    recorded = AuditEvent.objects.exclude(action="read").values_list("event", flat=True)
    assert _writes() == writes, f"{name}: a write was audited for an outsider: {list(recorded)}"
