"""The oversight demo (issue 18): a completed round and one in progress on the demo caseload."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from desist.oversight import selectors, services
from desist.oversight.models import AuditRound, OversightRecord


@pytest.fixture
def demo(db):
    call_command("generate", people="400", seed="2018", verbosity=0)
    from desist.demo.seeders import run_all

    run_all(timezone.localdate(), write=lambda *_: None)


def test_demo_has_a_completed_round_and_one_in_progress(demo):
    done = AuditRound.objects.get(name="Spring case audit")
    dip = AuditRound.objects.get(name="Domestic abuse dip sample")
    assert done.status == "completed" and dip.status == "in_progress"
    results = selectors.round_results(done)
    assert results["sampled"] > 0 and results["completed"] == results["sampled"]
    assert [s["code"] for s in results["standards"] if s["rating"]][:4] == [
        "1.1", "1.2", "1.3", "1.4"]
    assert results["agreement"]["compared"] > 0
    redrawn = services.redraw(done)
    assert all(redrawn[s] == (d["sample"], d["reserve"]) for s, d in done.draw.items())
    assert OversightRecord.objects.exists()
    print({s["code"]: (s["rating"], s["percent"]) for s in results["standards"]},
          {k: (d["population"], d["size"]) for k, d in done.draw.items()},
          dip.cases.filter(position="sample").count(), results["overall"])


def test_demo_shows_countersigning_and_oversight_of_a_breach(demo):
    from desist.oversight.models import Countersignature

    decided = set(Countersignature.objects.values_list("decision", flat=True))
    assert decided == {"approved", "returned"}
    # Oversight of enforcement shows on that case's compliance timeline.
    from desist.compliance.models import EnforcementAction

    warned = EnforcementAction.objects.values_list("person_id", flat=True)
    assert OversightRecord.objects.filter(person_id__in=warned,
                                          next_action__startswith="Decide the new").exists()
