"""The tiering demo provider (issue 21 item 5): its showcase cases are made, tiered and shown
beside their bands, and a rerun adds nothing. (The seeder once crashed `desist demo` before
any test ran it.)"""

from __future__ import annotations

import pytest
from django.utils import timezone

from desist.people.models import Person
from desist.tiering import demo
from desist.tiering.models import PolicyDecision, RsrScore, TierCalculation
from desist.tiering.selectors import policy_for

pytestmark = pytest.mark.django_db


def test_the_tiering_provider_is_seeded_with_a_tiered_showcase_case_per_rule():
    summary = demo.seed_showcase(timezone.localdate())
    crns = [c[0] for c in demo.CASES]
    people = {p.crn: p for p in Person.objects.filter(crn__in=crns)}
    assert sorted(people) == sorted(crns), summary
    assert all(p.tier for p in people.values()), {c: p.tier for c, p in people.items()}
    assert people["T100002"].tier.startswith("A")  # very high RoSH: protect level A
    assert people["T100005"].tier.startswith("C")  # medium RoSH: protect level C
    provider = people["T100001"].provider
    assert policy_for(provider.pk).by_tier and policy_for(provider.pk).transition
    assert TierCalculation.objects.filter(person__in=people.values()).count() >= len(crns)
    rsr = RsrScore.objects.get(person=people["T100003"])  # the RSR showcase has its history
    assert (float(rsr.score), rsr.source) == (people["T100003"].rsr, "national_record")

    before = (Person.objects.count(), PolicyDecision.objects.count())
    demo.seed_showcase(timezone.localdate())
    assert (Person.objects.count(), PolicyDecision.objects.count()) == before


def test_the_tiering_providers_officers_hold_believable_caseloads():
    """Its officers held no case, so its workload page read 0% for everyone (issue 21 item 5:
    most officers between 70% and 120% of capacity)."""
    from desist.allocation import caseloads
    from desist.allocation.facts import officer_capacity, weights_for
    from desist.allocation.selectors import officer_workloads
    from desist.organisation.models import Staff

    today = timezone.localdate()
    demo.seed_showcase(today)
    officers = list(Staff.objects.filter(user__username__in=list(demo.CAPACITY_SHARE)))
    provider_id = officers[0].provider_id
    loads = officer_workloads(officers, today, weights_for(provider_id))
    assert len(loads) == 3
    assert all(70 <= load.percent <= 120 for load in loads), [(x.staff, x.percent) for x in loads]
    # Counted by tier as well as by band, and the summary agrees with a recount.
    assert all(sum(load.by_protect.values()) == load.caseload > 0 for load in loads)
    assert sum(load.by_protect["A"] + load.by_protect["B"] for load in loads) > 0
    assert caseloads.check() == []
    assert officer_capacity(officers[0], weights_for(provider_id), today) > 0
    # The allocated cases are out of the allocation queue: each has an officer and a band.
    held = Person.objects.filter(responsible_officer__in=officers)
    assert not held.filter(band_confirmed_at__isnull=True).exists()
    before = Person.objects.count()
    demo.seed_showcase(today)
    assert Person.objects.count() == before
