"""The audit viewer's visibility condition, rewritten for 300,000 people (issue 23), lists exactly
the events the old one did, for every role and every filter.

The old condition was ``crn = '' OR crn IN (every CRN the viewer may see)``: PostgreSQL read the
whole caseload to build that list on every request (688 ms). The new one looks each listed
event's case up by its CRN. ``_old_events`` is the old computation, kept here to compare with.
"""

from __future__ import annotations

import pytest
from django.db.models import Q

from desist.audit import events
from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.people.models import CaseAccessEntry
from desist.scopes import audit as selectors
from desist.scopes.cases import visible_cases
from tests import factories as f


def _old_events(user, *, crn: str = "", actor: str = "", event: str = ""):
    rows = AuditEvent.objects.order_by("-id")
    rows = rows.filter(crn=crn) if crn else rows.filter(
        actor__staff__provider_id=user.staff.provider_id)
    rows = rows.filter(Q(crn="") | Q(crn__in=visible_cases(user).values("crn")))
    if actor:
        rows = rows.filter(actor__username=actor)
    if event:
        rows = rows.filter(event=event)
    return list(rows.values_list("pk", flat=True))


@pytest.fixture
def trail(case, provider, other_provider, outsider, staff_by_role, team):
    """Events about every kind of case a viewer may or may not see, by staff of both providers."""
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    restricted = f.PersonFactory(provider=provider, crn="R111111", restricted=True,
                                 responsible_officer=officer, team=team)
    CaseAccessEntry.objects.create(person=restricted, user=officer.user, kind="granted", reason="x")
    CaseAccessEntry.objects.create(person=restricted, user=staff_by_role[Role.SYSADMIN].user,
                                   kind="granted", reason="y")
    excluded = f.PersonFactory(provider=provider, crn="E222222", responsible_officer=officer)
    for role in (Role.AUDITOR, Role.MANAGER):
        CaseAccessEntry.objects.create(person=excluded, user=staff_by_role[role].user,
                                       kind=CaseAccessEntry.Kind.EXCLUDED, reason="knows them")
    ordinary = f.PersonFactory(provider=provider, crn="O333333", responsible_officer=officer)
    elsewhere = f.PersonFactory(provider=other_provider, crn="Z444444")
    for staff in [*staff_by_role.values(), outsider]:
        for person in (case, restricted, excluded, ordinary, elsewhere):
            events.case_viewed(user=staff.user, person=person, page="overview")
        events.caseload_listed(user=staff.user, crns=[case.crn, restricted.crn], query={})
        events.signed_in(user=staff.user)
        events.access_denied(user=staff.user, object_type="person", crn="N000000")  # no such case
    return staff_by_role


FILTERS = [{}, {"event": "case_viewed"}, {"event": "signed_in"}, {"actor": "responsible_officer"},
           {"crn": "A123456"}, {"crn": "R111111"}, {"crn": "E222222"}, {"crn": "Z444444"},
           {"crn": "N000000"}]


@pytest.mark.parametrize("role", list(Role))
def test_the_trail_lists_exactly_what_the_old_condition_listed(trail, role):
    user = trail[role].user
    for filters in FILTERS:
        new = list(selectors.provider_events(user, **filters).values_list("pk", flat=True))
        assert new == _old_events(user, **filters), (role, filters)
    # The fixture reaches every branch: cases hidden from some viewers and shown to others.
    shown = {e.crn for e in selectors.provider_events(user)}
    assert "Z444444" not in shown and "N000000" not in shown and "" in shown
    assert ("R111111" in shown) is (role in (Role.RESPONSIBLE_OFFICER, Role.SYSADMIN))
