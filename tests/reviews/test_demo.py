"""The demo seeds a showcase case per review, step-down and check-in rule."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_demo_showcases_each_rule():
    from desist.checkins.demo import seed as seed_checkins
    from desist.checkins.models import CheckIn, Enrolment
    from desist.compliance.models import Absence
    from desist.demo.seeders import run_all
    from desist.reviews import selectors
    from desist.reviews.demo import seed as seed_reviews
    from desist.reviews.models import Review, StepDown
    from desist.risk.models import SafeguardingCheck
    from desist.worklist.models import Task

    call_command("generate", people="150", seed="2018", verbosity=0)
    run_all(timezone.localdate(), write=lambda *_: None)
    today = timezone.localdate()
    assert Review.objects.filter(flagged=True).exists()
    assert Task.objects.filter(kind="review_risk_unadjusted", status="open").exists()
    assert StepDown.objects.filter(ended_on__isnull=True, destination="telephone").exists()
    assert Task.objects.filter(kind="review_overdue").count() == 1
    assert Task.objects.filter(kind="review_overdue_manager").count() == 1
    assert Enrolment.objects.filter(locked_at__isnull=False).count() == 1
    assert Task.objects.filter(kind="checkin_locked").count() == 1
    assert Task.objects.filter(kind="checkin_answers").count() == 1
    missed = CheckIn.objects.get(status="missed")
    assert Absence.objects.filter(appointment=missed.appointment).exists()
    # The DA showcase: reviewed with no open risk actions, then a police call-out check was
    # requested yesterday; step-down is refused for it while it is open. (Generated cases have
    # reviews too, and a DA-flagged one with a missing check is refused as well.)
    showcase = SafeguardingCheck.objects.get(
        kind="police_domestic_abuse", completed_on__isnull=True,
        requested_on=today - dt.timedelta(days=1), person__reviews__no_open_risk_actions=True,
    ).person
    assert "open_domestic_abuse_actions" in selectors.step_down_gate(showcase, today).blocks
    stepped = StepDown.objects.get(ended_on__isnull=True, destination="telephone").person
    assert "open_domestic_abuse_actions" not in selectors.step_down_gate(stepped, today).blocks
    # idempotent: a second run adds nothing
    assert "already" in seed_reviews(today) and "already" in seed_checkins(today)
