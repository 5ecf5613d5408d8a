"""A BBR referral uses the partner link worker recorded on the Risk tab (§7, F8; issue 12 item 20).

Before the fix the referral page offered members of staff with a "BBR partner link" specialism
(none in the demo) and ignored the link worker recorded on the Risk tab: every BBR referral was
refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

from desist.interventions import services
from desist.interventions.models import Referral, Service
from desist.risk.models import PartnerLinkWorker
from desist.risk.services import assign_link_worker
from tests import factories as f
from tests.refusals import nothing_written

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def bbr(provider, case):
    f.RequirementFactory(sentence=case.sentences.first(), type="programme", rar_days=None,
                         programme="BBR")
    return Service.objects.create(
        provider=provider, code="BBR", name="Building Better Relationships",
        component="accredited_programme", mode="group", sessions=24, programme=True,
        rar_activity=False, needs_link_worker=True, eligibility="male")


def record_link_worker(case):
    return assign_link_worker(acting_user=case.responsible_officer.user, person=case,
                              name="Jo Lambton", organisation="Harbour Support", phone="0191 000",
                              assigned_on=TODAY)


def test_bbr_is_refused_until_the_risk_tab_has_a_link_worker(case, bbr):
    with pytest.raises(services.ReferralRefused, match="partner link worker"):
        services.make_referral(user=case.responsible_officer.user, person=case, service=bbr,
                               today=TODAY)
    record_link_worker(case)
    referral, check = services.make_referral(user=case.responsible_officer.user, person=case,
                                             service=bbr, today=TODAY)
    assert check.eligible
    assert referral.link_worker_name == "Jo Lambton (Harbour Support)"
    assert "Jo Lambton" in referral.events.get().text


def test_officer_refers_to_bbr_on_the_page_with_the_recorded_link_worker(case, bbr, client_for):
    client = client_for(case.responsible_officer)
    page = client.get(f"/cases/{case.crn}/referrals")
    # No link worker yet: the page says so and points to the Risk tab, where it is recorded.
    assert b"No partner link worker is recorded" in page.content
    assert f"/cases/{case.crn}/risk/partner-link-worker".encode() in page.content
    with nothing_written(Referral, Service, PartnerLinkWorker):
        refused = client.post(f"/cases/{case.crn}/referrals", {"service": bbr.pk})
    assert refused.status_code == 400 and b"partner link worker" in refused.content
    record_link_worker(case)
    page = client.get(f"/cases/{case.crn}/referrals")
    assert b"Jo Lambton" in page.content and b"Harbour Support" in page.content
    made = client.post(f"/cases/{case.crn}/referrals", {"service": bbr.pk})
    assert made.status_code == 302
    referral = Referral.objects.get(person=case, catalogue_service=bbr)
    detail = client.get(f"/referrals/{referral.pk}")
    assert b"Jo Lambton (Harbour Support)" in detail.content


def test_the_demo_records_a_link_worker_for_every_man_with_a_bbr_requirement(case, bbr, provider):
    from desist.interventions.demo import _link_workers

    other = f.PersonFactory(provider=provider, crn="B000002")
    f.SentenceFactory(person=other)
    assert _link_workers(provider, None, TODAY) == 1
    assert _link_workers(provider, None, TODAY) == 0  # idempotent
    referral, check = services.make_referral(user=case.responsible_officer.user, person=case,
                                             service=bbr, today=TODAY)
    assert check.eligible and referral.link_worker_name.endswith("(Respect Relationships North)")
    assert not PartnerLinkWorker.objects.filter(person=other).exists()
