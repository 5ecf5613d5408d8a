"""The Through the Gate demo: custody cases at every stage and a showcase case per rule."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from desist.resettlement import demo, selectors, services
from desist.resettlement.models import CustodyCase
from desist.worklist.models import Task

pytestmark = pytest.mark.django_db


def test_demo_seeds_every_stage_and_a_case_per_rule():
    call_command("generate", people="30", seed="2018", verbosity=0)
    today = timezone.localdate()
    summary = demo.seed(today)
    assert "R900001" in summary, summary
    stages = {c.person.crn: c.stage for c in CustodyCase.objects.select_related("person")}
    assert set(stages.values()) == {"screening", "planning", "plan_complete", "released"}
    da = CustodyCase.objects.get(person__crn="R900003")
    with pytest.raises(services.ResettlementRefused) as refused:
        services.plan_complete(acting_user="desist demo", case=da)
    assert {r.code for r in refused.value.reasons} == {"s13_risk_section_missing"}
    drug = CustodyCase.objects.get(person__crn="R900004")
    with pytest.raises(services.ResettlementRefused) as refused:
        services.plan_complete(acting_user="desist demo", case=drug)
    assert {r.code for r in refused.value.reasons} == {"s13_prescription_task_missing"}
    kinds = set(Task.objects.filter(kind__startswith="resettlement").values_list("kind",
                                                                                 flat=True))
    assert kinds == {"resettlement_accommodation", "resettlement_accommodation_manager",
                     "resettlement_overdue", "resettlement_handover", "resettlement_induction"}
    ready = CustodyCase.objects.get(person__crn="R900007")
    assert services.code_redeem(code=demo.DEMO_CODE, date_of_birth=demo.DOB,
                                client="127.0.0.1") == ready
    assert selectors.person_view(ready.pk)["needs"]
    again = demo.seed(today)
    assert again.startswith("resettlement showcase cases already present"), again
    assert "0 custody cases added" in again


def test_the_generated_custody_caseload_is_seeded_at_every_stage_and_counted():
    """The generated custody cases get Through the Gate records (not only the showcase), so the
    service level and the insight figure are measured on them, and the two agree."""
    from desist.insight import services as insight
    from desist.insight.models import CaseFact
    from desist.organisation.models import Provider
    from desist.resettlement.demo_caseload import seed_caseload
    from desist.rules import resettlement as rules

    call_command("generate", people="400", seed="2018", verbosity=0)
    today = timezone.localdate()
    provider = Provider.objects.get(code="NCRC")
    added = seed_caseload(provider, today)
    cases = list(CustodyCase.objects.filter(provider=provider))
    assert added == len(cases) > 20
    assert seed_caseload(provider, today) == 0  # idempotent
    stages = {c.stage for c in cases}
    assert stages == {"screening", "planning", "plan_complete", "released"}
    timeliness = [rules.plan_timeliness(due=c.plan_due_on, completed_on=c.plan_completed_on,
                                        today=today) for c in cases]
    assert {"on_time", "late", "not_due"} <= set(timeliness)
    released = [c for c in cases if c.released_on]
    assert all(c.handover_on <= c.released_on and c.plan_completed_on for c in released)
    assert all(p.changes.exists() for c in cases for p in c.pathways.all()
               if p.status != "not_started")
    rate = rules.on_time_rate(timeliness)
    assert rate.rate is not None and 70 <= rate.rate < 100, rate
    # Insight reads the same records: each counted fact is the custody case's own timeliness.
    insight.insight_refresh(provider_id=provider.pk, acting_user="test", trigger="command",
                            today=today)
    by_person = {c.person_id: c for c in cases}
    facts = list(CaseFact.objects.filter(person_id__in=by_person,
                                         resettlement_on_time__isnull=False))
    assert facts
    for fact in facts:
        case = by_person[fact.person_id]
        assert fact.resettlement_due_on == case.plan_due_on
        assert fact.resettlement_on_time == (case.plan_completed_on is not None
                                             and case.plan_completed_on <= case.plan_due_on)
    assert any(f.resettlement_on_time for f in facts)


def test_the_demo_always_has_a_custody_case_never_screened():
    """However the shares fall, one custody case is left unscreened past its deadline (F12): a
    caseload whose only custody case was received months ago still shows the overdue screening
    (it was drawn from the sentence id, so some runs had none)."""
    import datetime as dt

    from desist.resettlement.demo_caseload import seed_caseload
    from tests.factories import SentenceFactory

    today = timezone.localdate()
    sentence = SentenceFactory(type="custody", sentence_date=today - dt.timedelta(days=200),
                               start_date=today - dt.timedelta(days=200),
                               release_date=today + dt.timedelta(days=150))
    assert seed_caseload(sentence.person.provider, today) == 1
    case = CustodyCase.objects.get(sentence=sentence)
    assert case.screened_on is None and case.screening_due_on < today
    assert case.stage == "screening"
