"""Contact levels follow the provider's policy (issue 21 item 3, ADR 0013): under colour bands
a case's band sets how long it may go without contact and its minimum offer; under national
tiering its tier does, through the band the tier shares."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from desist.access.roles import Role
from desist.appointments import selectors as appointments
from desist.appointments.services import check_contact_gaps
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
