"""The tier page, the tier API and the policy page: scope, audit, refusals on the form."""

from __future__ import annotations

import pytest

from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.tiering.models import PolicyDecision
from desist.tiering.selectors import policy_for
from tests import factories as f
from tests.refusals import nothing_written

pytestmark = pytest.mark.django_db


@pytest.fixture
def medium_case(case):
    case.rosh = "medium"
    case.save()
    f.RegistrationFactory(person=case, type="self_harm")
    return case


def test_case_page_explains_the_tier_in_plain_words_and_audits_the_read(
        client_for, staff_by_role, medium_case):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    page = client.get("/cases/A123456/tier")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Tier <strong>C2</strong>" in text
    assert "a medium level of work to protect others" in text
    assert "Medium risk of serious harm scores 10 points" in text
    assert "National tiering" in text  # the citation in words, not "tiering.md"
    assert "tiering.md" not in text
    assert AuditEvent.objects.filter(event="case_viewed", crn="A123456",
                                     detail__page="tier").exists()


def test_overview_shows_tier_beside_band_during_a_transition(client_for, staff_by_role,
                                                             medium_case, provider):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    assert "How tier" not in client.get("/cases/A123456/").content.decode()
    PolicyDecision.objects.create(provider=provider, policy="tier", transition=True,
                                  reason="Moving", decided_by=staff_by_role[Role.SYSADMIN].user)
    text = client.get("/cases/A123456/").content.decode()
    assert "How tier C2 was worked out" in text and "Colour band" in text
    caseload = client.get("/cases/?scope=all").content.decode()
    assert ">Tier<" in caseload and ">Band<" in caseload.replace('">Band', ">Band")


def test_api_gives_the_tier_inputs_and_history(client_for, staff_by_role, medium_case):
    from desist.tiering.services import tier_refresh

    tier_refresh(medium_case, event="rosh_change", actor="test")
    client = client_for(staff_by_role[Role.MANAGER])
    body = client.get("/api/cases/A123456/tier").json()
    assert (body["tier"], body["stored_tier"], body["protect_points"]) == ("C2", "C2", 12)
    assert body["inputs"]["complexity_factors"] == ["self_harm"]
    assert body["policy"] == {"policy": "band", "transition": False}
    assert [h["tier"] for h in body["history"]] == ["C2"]


def test_another_providers_staff_cannot_see_the_tier(client_for, outsider, medium_case):
    client = client_for(outsider)
    assert client.get("/cases/A123456/tier").status_code == 404
    assert client.get("/api/cases/A123456/tier").status_code == 404


def test_policy_switch_page_refuses_without_a_reason_and_records_with_one(
        client_for, staff_by_role, provider):
    client = client_for(staff_by_role[Role.SYSADMIN])
    with nothing_written(PolicyDecision):
        refused = client.post("/prioritisation/switch", {"policy": "tier", "transition": "no",
                                                         "reason": ""})
    assert refused.status_code == 400
    assert "Say why the policy is changing" in refused.content.decode()
    assert not PolicyDecision.objects.exists()
    done = client.post("/prioritisation/switch", {"policy": "tier", "transition": "yes",
                                                  "reason": "Contract change"})
    assert done.status_code == 302
    assert policy_for(provider.pk).by_tier and policy_for(provider.pk).transition
    assert "Contract change" in client.get("/prioritisation/").content.decode()


def test_a_manager_may_read_but_not_switch_the_policy(client_for, staff_by_role):
    client = client_for(staff_by_role[Role.MANAGER])
    assert client.get("/prioritisation/").status_code == 200
    with nothing_written(PolicyDecision):
        refused = client.post("/prioritisation/switch", {"policy": "tier", "transition": "no",
                                                         "reason": "x"})
    assert refused.status_code == 403
    assert not PolicyDecision.objects.exists()
