"""Partner access follows the referral (operating model §1, §9; F14).

The case opens to the partner when it accepts the referral and closes when the referral is
rejected, withdrawn, or completed and the grace period has passed; refused attempts are audited.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from desist.audit.models import AuditEvent
from desist.interventions import services
from desist.interventions.models import Referral
from desist.organisation.roles import Role
from desist.rules.partner_access import partner_access
from desist.scopes.cases import visible_cases
from desist.scopes.interventions import visible_referrals
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_user(staff_by_role):
    return staff_by_role[Role.PARTNER_CASEWORKER].user


@pytest.fixture
def referral(case):
    return Referral.objects.get(person=case)


def set_status(referral, status, ended_on=None):
    Referral.objects.filter(pk=referral.pk).update(status=status, ended_on=ended_on)


def test_a_referral_awaiting_acceptance_shows_the_referral_not_the_case(
        case, referral, partner_user, client):
    set_status(referral, "referred")
    assert not visible_cases(partner_user).exists()
    assert list(visible_referrals(partner_user)) == [referral]
    client.force_login(partner_user)
    assert client.get(f"/referrals/{referral.pk}").status_code == 200
    assert client.get(f"/cases/{case.crn}/").status_code == 404
    # Accepting it opens the case.
    services.change_status(user=partner_user, referral=referral, to="accepted")
    assert list(visible_cases(partner_user)) == [case]
    assert client.get(f"/cases/{case.crn}/").status_code == 200


@pytest.mark.parametrize("status", ["rejected", "withdrawn"])
def test_rejected_or_withdrawn_closes_access_at_once_and_refusals_are_audited(
        status, case, referral, partner_user, client):
    set_status(referral, status, ended_on=timezone.localdate())
    assert not visible_cases(partner_user).exists()
    assert not visible_referrals(partner_user).exists()
    client.force_login(partner_user)
    assert client.get(f"/cases/{case.crn}/").status_code == 404
    assert client.get(f"/referrals/{referral.pk}").status_code == 404
    assert client.get(f"/api/referrals/{referral.pk}").status_code == 404
    denied = AuditEvent.objects.filter(event="access_denied", actor=partner_user)
    assert denied.filter(object_type="person", crn=case.crn).count() == 1
    on_referral = denied.filter(object_type="referral", object_id=str(referral.pk))
    assert on_referral.count() == 2
    assert on_referral.first().detail["reasons"] == ["s1_partner_referral_closed"]
    assert on_referral.first().crn == case.crn


def test_completed_referral_keeps_access_for_the_grace_period_only(
        case, referral, partner_user, settings):
    settings.DESIST_PARTNER_ACCESS_GRACE_DAYS = 14
    today = timezone.localdate()
    set_status(referral, "completed", ended_on=today - dt.timedelta(days=14))
    assert list(visible_cases(partner_user)) == [case]
    set_status(referral, "completed", ended_on=today - dt.timedelta(days=15))
    assert not visible_cases(partner_user).exists()
    assert not visible_referrals(partner_user).exists()
    settings.DESIST_PARTNER_ACCESS_GRACE_DAYS = 30  # configurable
    assert list(visible_cases(partner_user)) == [case]


def test_an_accepted_referral_elsewhere_does_not_open_the_case_to_this_partner(
        case, referral, partner_user, provider):
    set_status(referral, "withdrawn", ended_on=timezone.localdate())
    Referral.objects.create(person=case, partner=f.PartnerFactory(provider=provider),
                            service="Housing", referred_on=timezone.localdate(),
                            status="started")
    assert not visible_cases(partner_user).exists()


def test_a_pending_referral_of_an_excluded_or_restricted_case_stays_hidden(
        case, referral, partner_user):
    from desist.people.models import CaseAccessEntry

    set_status(referral, "referred")
    type(case).objects.filter(pk=case.pk).update(restricted=True)
    assert not visible_referrals(partner_user).exists()
    CaseAccessEntry.objects.create(person=case, user=partner_user, kind="granted", reason="x")
    assert visible_referrals(partner_user).exists()
    CaseAccessEntry.objects.filter(person=case).update(kind="excluded")
    type(case).objects.filter(pk=case.pk).update(restricted=False)
    assert not visible_referrals(partner_user).exists()


ALL_STATUSES = ["proposed", "referred", "accepted", "waiting", "started", "completed",
                "rejected", "withdrawn"]


@pytest.mark.parametrize("status", ALL_STATUSES)
@pytest.mark.parametrize("ended_days_ago", [None, 0, 28, 29])
def test_the_queryset_and_the_rule_agree(status, ended_days_ago, case, referral, partner_user,
                                         settings):
    settings.DESIST_PARTNER_ACCESS_GRACE_DAYS = 28
    today = timezone.localdate()
    ended = None if ended_days_ago is None else today - dt.timedelta(days=ended_days_ago)
    set_status(referral, status, ended_on=ended)
    rule = partner_access(status=status, ended_on=ended, today=today, grace_days=28)
    assert visible_cases(partner_user).exists() is rule.granted
