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
