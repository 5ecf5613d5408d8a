"""Staff capacity from contracted hours and dated reductions (issue 21 item 4, §16): the pages a
system administrator edits them on, their history and audit, and the figures the workload and
assignment pages divide by."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from desist.allocation.models import WorkloadWeighting, WorkloadWeightingChange
from desist.audit.models import AuditEvent
from desist.organisation.models import HoursChange, Staff, StaffReduction
from desist.organisation.roles import Role
from tests.conftest import make_staff
from tests.refusals import nothing_written

from .conftest import new_case

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


@pytest.fixture
def admin(provider, newcastle):
    return make_staff(provider, Role.SYSADMIN, username="ncl-admin", grade="SYS")


def _date(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_newly_qualified_officers_capacity_reflects_the_20_percent_reduction(
        provider, newcastle, lmc_manager, officers, admin, client):
    la, team = newcastle
    po = officers["po_m"]
    new_case(provider, la=la, team=team, crn="C300001", responsible_officer=po,
             workload_points=800)
    client.force_login(lmc_manager.user)
    assert "40.0%" in _text(client.get(f"/workload/?team={team.code}"))  # 800 of 2000
    client.force_login(admin.user)
    today = timezone.localdate()
    response = client.post(f"/workload/officers/{po.pk}/reductions", {
        "new-reason": "newly_qualified", "new-percent": "20", **_date("new-starts_on", today),
        **_date("new-ends_on", today + 270 * DAY), "new-note": "Qualified in the spring"})
    assert response.status_code == 302
    row = StaffReduction.objects.get(staff=po)
    assert (row.reason, row.percent, row.recorded_by) == ("newly_qualified", 20, admin.user)
    event = AuditEvent.objects.get(event="staff_reduction_recorded")
    assert event.detail["percent"] == 20 and event.detail["staff"] == po.staff_code

    client.force_login(lmc_manager.user)
    page = _text(client.get(f"/workload/?team={team.code}"))
    assert "50.0%" in page and "800.0 / 1600" in page  # 800 of 2000 × 29.6 ÷ 37
    capacity = _text(client.get(f"/workload/officers/{po.pk}/capacity"))
    assert "Reduction for newly qualified officer: 20% of contracted hours" in capacity
    assert "Available hours: 37 less 20% in reductions is 29.6 hours a week." in capacity
    assert "Capacity is 1600 points" in capacity and "Record a reduction" not in capacity
    # The assignment page divides by the same capacity, before and after taking the case.
    person = new_case(provider, la=la, team=team, crn="C300002", routing="lmc", lmc=team)
    assign = _text(client.get(f"/cases/{person.crn}/assignment"))
    assert re.search(rf"{re.escape(po.name)}.*?capacity 50% → 5\d(\.\d)?% after this case",
                     assign)


@pytest.mark.parametrize(("ends", "percent"), [(-1, "40%"), (0, "50%"), (1, "50%")])
def test_a_reduction_ending_yesterday_no_longer_counts(provider, newcastle, lmc_manager, officers,
                                                       ends, percent, client):
    la, team = newcastle
    po = officers["po_m"]
    new_case(provider, la=la, team=team, crn="C300003", responsible_officer=po,
             workload_points=800)
    today = timezone.localdate()
    StaffReduction.objects.create(staff=po, reason="union_duties", percent=20,
                                  starts_on=today - 100 * DAY, ends_on=today + ends * DAY)
    client.force_login(lmc_manager.user)
    assert f"({percent} of capacity)" in _text(client.get(f"/workload/officers/{po.pk}"))


def test_only_the_administrator_edits_and_managers_read(provider, newcastle, lmc_manager,
                                                        officers, admin, client):
    po = officers["po_f"]
    client.force_login(lmc_manager.user)
    assert client.get(f"/workload/officers/{po.pk}/capacity").status_code == 200
    with nothing_written(StaffReduction, HoursChange, Staff):
        refused = client.post(f"/workload/officers/{po.pk}/hours",
                              {"hours": "30", "reason": "Part time"})
    assert refused.status_code == 403
    client.force_login(admin.user)
    page = _text(client.get(f"/workload/officers/{po.pk}/capacity"))
    assert "Record a reduction" in page and "Change the contracted hours" in page


def test_changing_hours_keeps_the_history_and_rescales_capacity(provider, newcastle, officers,
                                                                admin, client):
    po = officers["po_f"]
    client.force_login(admin.user)
    with nothing_written(HoursChange, Staff):
        refused = client.post(f"/workload/officers/{po.pk}/hours", {"hours": "30", "reason": ""})
    assert refused.status_code == 400
    assert "Say why the hours are changing" in _text(refused)
    assert "There is a problem" in _text(refused)
    with nothing_written(HoursChange, Staff):
        assert client.post(f"/workload/officers/{po.pk}/hours",
                           {"hours": "0", "reason": "x"}).status_code == 400
    ok = client.post(f"/workload/officers/{po.pk}/hours",
                     {"hours": "22.5", "reason": "Part time from May"})
    assert ok.status_code == 302
    po.refresh_from_db()
    assert po.contracted_hours == Decimal("22.5")
    change = HoursChange.objects.get(staff=po)
    assert (change.previous, change.hours, change.changed_by) == (37, Decimal("22.5"), admin.user)
    assert AuditEvent.objects.filter(event="staff_hours_changed").get().detail["hours"] == 22.5
    page = _text(client.get(f"/workload/officers/{po.pk}/capacity"))
    assert "Part time from May" in page and "37 → 22.5" in page
    assert "Capacity is 1216.22 points" in page  # 2000 × 22.5 ÷ 37


def test_bad_reductions_are_refused_on_the_form(provider, newcastle, officers, admin, client):
    po = officers["po_f"]
    client.force_login(admin.user)
    today = timezone.localdate()
    cases = [
        ({"new-reason": "other", "new-percent": "10", **_date("new-starts_on", today)},
         "Say what the reduction is for"),
        ({"new-reason": "trainee", "new-percent": "0", **_date("new-starts_on", today)},
         "Enter a percentage more than 0"),
        ({"new-reason": "trainee", "new-percent": "120", **_date("new-starts_on", today)},
         "Enter a percentage of at most 100"),
        ({"new-reason": "maternity", "new-percent": "100", **_date("new-starts_on", today),
          **_date("new-ends_on", today - DAY)}, "The end date must be on or after the start date"),
        ({"new-percent": "10", **_date("new-starts_on", today)}, "Choose a reason"),
    ]
    for data, message in cases:
        with nothing_written(StaffReduction):
            response = client.post(f"/workload/officers/{po.pk}/reductions", data)
        assert response.status_code == 400, message
        assert message in _text(response)
        assert not AuditEvent.objects.filter(event="staff_reduction_recorded").exists()


def test_ending_a_reduction_is_a_new_row_and_withdrawing_keeps_it(provider, newcastle, officers,
                                                                   admin, client):
    po = officers["po_f"]
    today = timezone.localdate()
    old = StaffReduction.objects.create(staff=po, reason="phased_return", percent=30,
                                        starts_on=today - 20 * DAY)
    client.force_login(admin.user)
    with nothing_written(StaffReduction):
        refused = client.post(f"/workload/officers/{po.pk}/reductions/{old.pk}/end",
                              _date(f"end{old.pk}-ends_on", today - DAY))
    assert refused.status_code == 400
    assert "Say why the end date is changing" in _text(refused)
    ok = client.post(f"/workload/officers/{po.pk}/reductions/{old.pk}/end", {
        **_date(f"end{old.pk}-ends_on", today - DAY), f"end{old.pk}-note": "Back full time"})
    assert ok.status_code == 302
    old.refresh_from_db()
    new = old.replaced_by
    assert (new.ends_on, new.percent, new.starts_on) == (today - DAY, 30, old.starts_on)
    assert StaffReduction.objects.filter(staff=po).count() == 2
    page = _text(client.get(f"/workload/officers/{po.pk}/capacity"))
    assert "Changed" in page and "Ended" in page and "Capacity is 2000 points" in page
    # The replaced row cannot be changed again.
    with nothing_written(StaffReduction):
        again = client.post(f"/workload/officers/{po.pk}/reductions/{old.pk}/withdraw",
                            {f"withdraw{old.pk}-reason": "Typo"})
    assert again.status_code == 409

    nq = StaffReduction.objects.create(staff=po, reason="newly_qualified", percent=20,
                                       starts_on=today)
    assert "Capacity is 1600 points" in _text(client.get(f"/workload/officers/{po.pk}/capacity"))
    ok = client.post(f"/workload/officers/{po.pk}/reductions/{nq.pk}/withdraw",
                     {f"withdraw{nq.pk}-reason": "Recorded against the wrong officer"})
    assert ok.status_code == 302
    nq.refresh_from_db()
    assert nq.withdrawn_by == admin.user and nq.withdrawn_reason
    page = _text(client.get(f"/workload/officers/{po.pk}/capacity"))
    assert "Withdrawn" in page and "Capacity is 2000 points" in page
    assert list(AuditEvent.objects.filter(event__startswith="staff_reduction")
                .order_by("pk").values_list("event", flat=True)) == [
        "staff_reduction_recorded", "staff_reduction_withdrawn"]


def test_another_providers_officer_is_not_found(provider, other_provider, admin, client):
    theirs = make_staff(other_provider, Role.RESPONSIBLE_OFFICER, username="theirs")
    client.force_login(admin.user)
    assert client.get(f"/workload/officers/{theirs.pk}/capacity").status_code == 404
    with nothing_written(HoursChange, Staff):
        assert client.post(f"/workload/officers/{theirs.pk}/hours",
                           {"hours": "30", "reason": "x"}).status_code == 404


def test_weightings_changes_need_a_reason_and_are_kept(provider, newcastle, admin, client):
    client.force_login(admin.user)
    page = client.get("/workload/weightings")
    form = {k: v for k, v in re.findall(r'name="(\w+__\w+)"[^>]*value="([^"]*)"',
                                        page.content.decode())}
    assert form["grade_targets__PO"] == "2000"
    with nothing_written(WorkloadWeighting, WorkloadWeightingChange):
        refused = client.post("/workload/weightings", {**form, "grade_targets__PO": "1800"})
    assert refused.status_code == 400
    assert "Say why the weightings are changing" in _text(refused)
    ok = client.post("/workload/weightings", {**form, "grade_targets__PO": "1800",
                                              "reason": "Calibrated against the caseload"})
    assert ok.status_code == 302
    change = WorkloadWeightingChange.objects.get()
    assert change.tables["grade_targets"]["PO"] == 1800 and change.changed_by == admin.user
    assert change.version == 2 and change.before == {}
    event = AuditEvent.objects.get(event="workload_weightings_changed")
    assert event.detail["reason"] == "Calibrated against the caseload"
    history = _text(client.get("/workload/weightings"))
    assert "Calibrated against the caseload" in history
    assert "Grade targets, PO: 2000 → 1800" in history
    # Saving the same values again is refused: the history records changes only.
    with nothing_written(WorkloadWeighting, WorkloadWeightingChange):
        same = client.post("/workload/weightings", {**form, "grade_targets__PO": "1800",
                                                    "version": "2", "reason": "again"})
    assert same.status_code == 400
