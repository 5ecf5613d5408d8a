"""Oversight over the JSON API (issue 18): round results, answers, and case oversight."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from desist.organisation.roles import Role
from desist.oversight.models import AuditAnswer, AuditCase, OversightRecord
from desist.worklist.models import Task
from tests.refusals import nothing_written

from .test_pages import ttg_round  # noqa: F401 - fixture


def test_answers_and_results_over_the_api(ttg_round, staff_by_role, client):  # noqa: F811
    client.force_login(staff_by_role[Role.AUDITOR].user)
    case = ttg_round.cases.filter(position="sample").first()
    body = {"answers": {code: {"answer": "yes", "reason": "Seen"}
                        for code in ("4.2.1", "4.2.2", "4.2.3")}}
    response = client.post(f"/api/oversight/audits/{case.pk}/answers", body,
                           content_type="application/json")
    assert response.status_code == 201, response.content
    with nothing_written(AuditAnswer, AuditCase):
        missing = client.post(f"/api/oversight/audits/{case.pk}/answers",
                              {"answers": {"4.2.1": {"answer": "yes", "reason": "Seen"}}},
                              content_type="application/json")
    assert missing.status_code == 400
    assert missing.json()["error"]["code"] == "answers_incomplete"
    result = client.get(f"/api/oversight/rounds/{ttg_round.pk}").json()
    q = {row["code"]: row for row in result["questions"]}
    assert q["4.2.1"] == {"code": "4.2.1", "yes": 1, "relevant": 1, "percent": 100}
    standard = next(s for s in result["standards"] if s["code"] == "4.2")
    assert standard["rating"] == "outstanding" and standard["driven_by"] == "4.2.1"
    assert client.get("/api/oversight/rounds").status_code == 200


def test_manager_records_oversight_over_the_api(case, staff_by_role, client):
    client.force_login(staff_by_role[Role.MANAGER].user)
    due = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = client.post(f"/api/cases/{case.crn}/oversight", {
        "risk": "Right", "safeguarding": "Checks done", "plan": "Fine",
        "enforcement": "None", "next_action": "Review the plan", "due_on": due},
        content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["task"] is not None
    listed = client.get(f"/api/cases/{case.crn}/oversight").json()
    assert listed["results"][0]["next_action"] == "Review the plan"
    client.force_login(staff_by_role[Role.AUDITOR].user)
    with nothing_written(OversightRecord, Task):
        refused = client.post(f"/api/cases/{case.crn}/oversight", {"risk": "x"},
                              content_type="application/json")
    assert refused.status_code == 403
    assert OversightRecord.objects.count() == 1
