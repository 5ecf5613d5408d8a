"""Contact levels follow the provider's policy (issue 21 item 3, ADR 0013): under colour bands
a case's band sets how long it may go without contact and its minimum offer; under national
tiering its tier does, through the band the tier shares."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from desist.appointments import selectors as appointments
from desist.appointments.services import check_contact_gaps
from desist.organisation.roles import Role
from desist.people.models import Person
from desist.rules.tiering_facts import contact_band_of
from desist.tiering import services
from desist.worklist.models import Task


@pytest.mark.parametrize(("tier", "band"), [
    ("A0", "blue"), ("A3", "blue"), ("B3", "blue"), ("B2", "yellow"), ("B0", "yellow"),
    ("C3", "yellow"), ("C2", "yellow"), ("C1", "green"), ("C0", "green"), ("D3", "green"),
    ("D0", "green"), ("C2S", None), ("", None), (None, None), ("E1", None), ("C4", None),
    ("C", None), ("C22", None),
])
def test_a_stored_tier_shares_a_bands_contact_level(tier, band):
    assert contact_band_of(tier) == band


@pytest.mark.django_db
def test_switching_to_tiering_makes_the_contact_gap_follow_the_tier(case, staff_by_role):
    today = timezone.localdate()
    Person.objects.filter(pk=case.pk).update(band="green", tier="A2",
                                             last_contact_on=today - dt.timedelta(days=10))
    case.refresh_from_db()

    check_contact_gaps(today=today, provider_id=case.provider_id)  # green allows 28 days
    assert appointments.contact_level(case) == "green"
    assert not Task.objects.filter(kind="contact_gap", person=case).exists()

    services.policy_switch(acting_user=staff_by_role[Role.SYSADMIN].user,
                           provider_id=case.provider_id, policy="tier", transition=True,
                           reason="Moving to national tiering")
    assert appointments.contact_level(case) == "blue"  # tier A2: weekly contact
    assert appointments.contact_gap(case, today).days_over == 3
    check_contact_gaps(today=today, provider_id=case.provider_id)
    task = Task.objects.get(kind="contact_gap", person=case)
    assert "10 days" in task.title


@pytest.mark.django_db
def test_an_unsupervised_tier_has_no_contact_level(case, staff_by_role):
    services.policy_switch(acting_user=staff_by_role[Role.SYSADMIN].user,
                           provider_id=case.provider_id, policy="tier", transition=False,
                           reason="Moving to national tiering")
    Person.objects.filter(pk=case.pk).update(band="red", tier="D0S")
    case.refresh_from_db()
    assert appointments.contact_level(case) == ""
    assert appointments.contact_gap(case, timezone.localdate()) is None
    assert appointments.offer_status(case, timezone.localdate()) is None


def _tier_a2_seen_as_green(case, staff_by_role, *, days_ago=10):
    """A green case whose tier is A2 (weekly contact under tiering), last seen ``days_ago``."""
    today = timezone.localdate()
    Person.objects.filter(pk=case.pk).update(band="green", tier="A2",
                                             last_contact_on=today - dt.timedelta(days=days_ago))
    services.policy_switch(acting_user=staff_by_role[Role.SYSADMIN].user,
                           provider_id=case.provider_id, policy="tier", transition=True,
                           reason="Moving to national tiering")
    case.refresh_from_db()
    return today


@pytest.mark.django_db
def test_the_contact_gap_task_names_the_tier_not_a_band_the_case_does_not_have(case,
                                                                               staff_by_role):
    today = _tier_a2_seen_as_green(case, staff_by_role)
    check_contact_gaps(today=today, provider_id=case.provider_id)
    task = Task.objects.get(kind="contact_gap", person=case)
    assert task.title == "No meaningful contact for 10 days (tier A2 allows 7)"
    assert "green" not in task.title + task.detail and "blue" not in task.title + task.detail
    assert "Tier A2 allows at most 7 days" in task.detail


@pytest.mark.django_db
def test_the_delivery_panel_gives_the_tiers_allowance_and_offer(case, staff_by_role,
                                                                 client_for):
    _tier_a2_seen_as_green(case, staff_by_role)
    text = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER]).get(
        f"/cases/{case.crn}/").content.decode()
    assert "tier A2 allows 7 days" in text
    assert "green band allows" not in text
    assert "Contact 3 days overdue" in text
    assert "of tier A2&#39;s minimum 35 hours delivered" in text  # the minimum offer card


def test_rules_name_the_tier_when_one_sets_the_level():
    from desist.rules.contact import ContactInput, check_contact
    from desist.rules.offer import assess_offer

    day = dt.date(2026, 12, 3)
    gap = check_contact(ContactInput("blue", day, day - dt.timedelta(days=3), day, tier="B3"))
    assert gap.reasons[0].text.endswith("within the 7 days tier B3 allows between meaningful "
                                        "contacts.")
    offer = assess_offer("green", 40, day - dt.timedelta(days=100), day + dt.timedelta(days=100),
                         day, tier="D1")
    assert [r.text.split(" has")[0] for r in offer.reasons][1] == "A tier D1 case"
    assert "of tier D1's minimum 12 hours" in offer.reasons[0].text
