"""Insight follows the provider's policy (issue 21, ADR 0013): where the needs dashboard breaks
cases down by colour band, a provider on tiering sees the breakdown by tier, and both during a
transition; each tier's figures and their drill-down count exactly the cases of that tier."""

from __future__ import annotations

import pytest

from desist.insight import selectors
from desist.organisation.roles import Role
from desist.people.models import Person
from desist.scopes import insight as scoped
from desist.tiering.services import policy_switch
from tests.insight.test_insight import _period, _refresh

pytestmark = pytest.mark.django_db


def _switch(sample, staff_by_role, *, transition):
    policy_switch(acting_user=staff_by_role[Role.SYSADMIN].user,
                  provider_id=sample["provider"].pk, policy="tier", transition=transition,
                  reason="Moving to national tiering")


def _options(client, office):
    page = client.get(f"/insight/needs?from=2026-01&to=2026-11&office={office}")
    assert page.status_code == 200
    text = page.content.decode()
    return {"band": '<option value="band"' in text, "tier": '<option value="tier"' in text}


def test_needs_by_tier_under_tiering_and_by_both_in_a_transition(sample, staff_by_role,
                                                                  client_for):
    people = list(Person.objects.filter(provider=sample["provider"]).order_by("pk"))
    for n, person in enumerate(people):
        Person.objects.filter(pk=person.pk).update(tier=("A3", "B2", "")[n % 3])
    client = client_for(sample["manager"])
    office = sample["office_a"]
    assert _options(client, office) == {"band": True, "tier": False}

    _switch(sample, staff_by_role, transition=True)
    # The policy switch recalculates tiers from the records: set them again for the figures.
    for n, person in enumerate(people):
        Person.objects.filter(pk=person.pk).update(tier=("A3", "B2", "")[n % 3])
    _refresh(sample)
    assert _options(client, office) == {"band": True, "tier": True}

    _switch(sample, staff_by_role, transition=False)
    assert _options(client, office) == {"band": False, "tier": True}
    page = client.get(f"/insight/needs?from=2026-01&to=2026-11&office={office}&by=band")
    assert "Self-assessment areas scored low by band" not in page.content.decode()  # not offered

    period = _period(office)
    by_venue = selectors.needs(sample["provider"].pk, period, "venue")
    by_tier = selectors.needs(sample["provider"].pk, period, "tier")
    assert {r["group"] for r in by_tier} == {"A3", "B2", None}  # None: not yet tiered
    for whole in by_venue:  # every case counted once across the tiers
        parts = [r for r in by_tier if r["measure"] == whole["measure"]]
        assert sum(r["total"] for r in parts) == whole["total"]
        assert sum(r["met"] for r in parts) == whole["met"]
        for r in parts:
            listed = scoped.drill_down(sample["manager"].user, sample["provider"].pk, period,
                                          selectors.Figure("needs", r["measure"], "tier",
                                                           r["value"]))
            tiers = set(Person.objects.filter(crn__in=[c["person__crn"] for c in listed.rows])
                        .values_list("tier", flat=True))
            assert tiers <= {r["value"]}
            assert listed.counted == r["total"]
    assert "Not yet tiered" in client.get(
        f"/insight/needs?from=2026-01&to=2026-11&office={office}&by=tier").content.decode()
