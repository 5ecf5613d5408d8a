"""The unpaid-work demo seeder: projects, today's sessions and a showcase case per rule."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from desist.organisation.models import Provider
from desist.scopes import unpaid_work as scoped
from desist.unpaid_work import selectors
from desist.unpaid_work import summary as order_summary
from desist.unpaid_work.demo import seed
from desist.unpaid_work.models import (
    Attendance,
    Placement,
    Project,
    Session,
    UpwOrderSummary,
)

pytestmark = pytest.mark.django_db


def test_seeder_shows_every_rule_and_runs_once():
    call_command("generate", people="60", seed="2018", verbosity=0)
    today = timezone.localdate()
    summary = seed(today)
    assert "showcase" in summary
    provider = Provider.objects.get(code="NCRC")
    assert Project.objects.filter(provider=provider).count() == 8
    park = Session.objects.get(project__name="Saltwell Park clean-up", on=today)
    assert park.placements.count() == 4 and park.transport_seats == 14
    from django.contrib.auth.models import User

    hub = User.objects.get(username="hub")
    order_summary.rebuild()  # as the demo's last seeder does
    figures = scoped.overview(hub, today)
    assert figures["counts"]["at_risk"], "the nine-months-in order is flagged"
    rows = list(scoped.order_summaries(hub))
    assert any(r.complete for r in rows)
    assert any(r.ete_minutes_credited == r.ete_cap_minutes > 0 for r in rows)
    supervisor = User.objects.get(username="upw")
    assert [s.pk for s in selectors.sessions_for(supervisor, today)]
    assert seed(today) == "unpaid work already present"


def test_generated_orders_get_believable_worked_hours_once():
    """The generator's UPW orders had no sessions, so the hub read 0% completed: the seeder
    gives each untouched order a history from its CRN, about nine in ten due orders completed."""
    from django.contrib.auth.models import User

    call_command("generate", people="300", seed="2018", verbosity=0)
    today = timezone.localdate()
    seed(today)
    hub = User.objects.get(username="hub")
    order_summary.rebuild()  # as the demo's last seeder does
    figures = scoped.overview(hub, today)
    rows = list(UpwOrderSummary.objects.all())
    worked = [r for r in rows if r.credited_minutes > 0]
    assert len(worked) > len(rows) * 0.6, "most orders have hours worked"
    assert figures["counts"]["due"], "some orders are due"
    assert 75 <= figures["completion_rate"] <= 100
    assert figures["counts"]["at_risk"], "some live orders have fallen behind"
    assert any(not r.complete and r.at_risk_from > today for r in rows), "on track"
    # Never in the future, never on a Sunday, never over a project's places.
    from django.db.models import Count

    assert not Attendance.objects.filter(placement__session__on__gte=today,
                                         outcome="attended").exists()
    sessions = Session.objects.filter(on__lt=today).annotate(n=Count("placements"))
    assert all(s.on.isoweekday() != 7 for s in sessions)
    assert all(s.n <= s.project.capacity for s in sessions.select_related("project"))
    placements = Placement.objects.count()
    assert seed(today) == "unpaid work already present"
    assert Placement.objects.count() == placements
