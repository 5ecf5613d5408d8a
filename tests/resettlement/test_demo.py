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
    assert demo.seed(today) == "resettlement showcase cases already present"
