"""The unpaid-work demo seeder: projects, today's sessions and a showcase case per rule."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from desist.organisation.models import Provider
from desist.unpaid_work import selectors
from desist.unpaid_work.demo import seed
from desist.unpaid_work.models import Project, Session

pytestmark = pytest.mark.django_db


def test_seeder_shows_every_rule_and_runs_once():
    call_command("generate", people="60", seed="2018", verbosity=0)
    today = timezone.localdate()
    summary = seed(today)
    assert "showcase" in summary
    provider = Provider.objects.get(code="NCRC")
    assert Project.objects.filter(provider=provider).count() == 5
    park = Session.objects.get(project__name="Saltwell Park clean-up", on=today)
    assert park.placements.count() == 4 and park.transport_seats == 14
    from django.contrib.auth.models import User

    hub = User.objects.get(username="hub")
    figures = selectors.overview(hub, today)
    assert figures["at_risk"], "the nine-months-in order is flagged"
    assert any(r["ledger"].complete for r in figures["rows"])
    assert any(r["ledger"].ete_minutes_credited == r["ledger"].ete_cap_minutes > 0
               for r in figures["rows"])
    supervisor = User.objects.get(username="upw")
    assert [s.pk for s in selectors.sessions_for(supervisor, today)]
    assert seed(today) == "unpaid work already present"
