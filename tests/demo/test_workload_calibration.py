"""The demo's workload is believable (issue 12, item 9; operating model §16): teams are staffed
from the caseload, and a full-time PO holds about 40–60 mixed cases at about 100% of capacity."""

from __future__ import annotations

import datetime as dt
import statistics

import pytest
from django.db.models import Count, Sum

from desist.allocation.candidates import officer_capacity
from desist.allocation.demo import seed_showcase
from desist.allocation.services import weights_for
from desist.demo import generator
from desist.demo.organisation_specs import ncrc_teams
from desist.organisation.models import Staff
from desist.people.models import Person

REF = dt.date(2026, 1, 15)


def test_lmc_teams_are_staffed_from_the_caseload():
    small, large = dict((c, dict(g)) for c, _n, _v, g in ncrc_teams(600)), \
        dict((c, dict(g)) for c, _n, _v, g in ncrc_teams(3600))
    assert small["NCL"]["PO"] >= 2 and small["NCL"]["PSO"] >= 1  # the named logins' slots
    assert large["NCL"]["PO"] > small["NCL"]["PO"]
    assert large["NCL"]["PO"] > large["STY"]["PO"]  # Newcastle's caseload is twice South Tyneside's
    # About 50 cases (≈36 points each) per full-time PO across the six LMCs.
    pos = sum(t.get("PO", 0) for code, t in large.items() if code not in ("HUB", "UPW"))
    assert 3600 / pos == pytest.approx(95, rel=0.35)  # every case, custody and closed included
    # At national scale the six LMC teams stop growing at a realistic size.
    national = dict((c, dict(g)) for c, _n, _v, g in ncrc_teams(300_000))
    assert max(n for t in national.values() for n in t.values()) <= 30


@pytest.mark.django_db
def test_a_full_time_po_holds_40_to_60_cases_at_about_100_percent():
    generator.generate(people=1800, seed=2018, reference_date=REF, other_people=0)
    seed_showcase(REF)
    provider_id = Staff.objects.filter(provider__code="NCRC").first().provider_id
    weights = weights_for(provider_id)
    loads = {r["responsible_officer_id"]: r for r in Person.objects.filter(
        active=True, responsible_officer__isnull=False).values("responsible_officer_id")
        .annotate(n=Count("pk"), points=Sum("workload_points"))}
    full_time_pos, percents = [], []
    for s in Staff.objects.filter(provider_id=provider_id, role="responsible_officer",
                                  grade__in=("PO", "PSO")).exclude(team__code="HUB") \
            .exclude(user__username="granted"):
        row = loads.get(s.pk, {"n": 0, "points": 0})
        percent = (row["points"] or 0) * 100 / officer_capacity(s, weights)
        percents.append(percent)
        if s.grade == "PO" and s.contracted_hours == 37 and not s.reductions.exists():
            full_time_pos.append((row["n"], percent))
    assert full_time_pos
    assert 40 <= statistics.median(n for n, _ in full_time_pos) <= 60
    assert 85 <= statistics.median(p for _, p in full_time_pos) <= 115
    assert 85 <= statistics.median(percents) <= 115
    assert max(percents) < 200  # nobody at two, let alone nine, times capacity
