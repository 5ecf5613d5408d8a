"""The officer caseload summary (ADR 0005): kept current by the services that move, band and
end cases, repaired and checked by the nightly recompute, and what the pages read."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.utils import timezone

from desist.allocation import caseloads, recompute, services
from desist.allocation.models import OfficerCaseload
from desist.people.models import Person

from .conftest import new_case

pytestmark = pytest.mark.django_db


# A case not yet tiered counts under no protect level (ADR 0013).
NO_TIER = {"tier_a": 0, "tier_b": 0, "tier_c": 0, "tier_d": 0}


def _row(officer) -> dict:
    row = OfficerCaseload.objects.filter(staff=officer).values(*caseloads.COLUMNS).first()
    return row or dict.fromkeys(caseloads.COLUMNS, 0)


def _staff_row(client, officer) -> str:
    page = client.get("/staff/").content.decode()
    row = page[page.index(officer.name):]
    return row[:row.index("</tr>")]


def test_assign_and_reassign_move_the_case_between_officers_rows(
        provider, newcastle, lmc_manager, officers, client):
    la, team = newcastle
    po_f, po_m = officers["po_f"], officers["po_m"]
    person = new_case(provider, la=la, team=team, crn="K100001", routing="lmc", lmc=team,
                      band="yellow", workload_points=12.5)
    assert _row(po_f)["cases"] == 0 and _row(po_m)["cases"] == 0

    services.assign(user=lmc_manager.user, person=person,
                    choice=services.AssignChoice(officer_id=po_m.pk))
    assert _row(po_m) == {"cases": 1, "green": 0, "yellow": 1, "red": 0, "blue": 0,
                          "unbanded": 0, **NO_TIER, "points": 12.5}
    client.force_login(lmc_manager.user)
    assert re.search(r">\s*1\s*<", _staff_row(client, po_m))

    person.refresh_from_db()
    services.assign(user=lmc_manager.user, person=person,
                    choice=services.AssignChoice(officer_id=po_f.pk, reason="Specialism"))
    assert _row(po_m)["cases"] == 0 and _row(po_m)["points"] == 0
    assert _row(po_f)["cases"] == 1 and _row(po_f)["yellow"] == 1
    assert re.search(r">\s*0\s*<", _staff_row(client, po_m))
    assert caseloads.check() == []


def test_a_refused_assignment_leaves_the_rows_as_they_were(provider, newcastle, lmc_manager,
                                                           officers):
    la, team = newcastle
    person = new_case(provider, la=la, team=team, crn="K100002", routing="lmc", lmc=team,
                      responsible_officer=officers["po_m"], workload_points=7)
    before = _row(officers["po_m"])
    with pytest.raises(services.DecisionRefused):  # a reassignment needs a reason
        services.assign(user=lmc_manager.user, person=person,
                        choice=services.AssignChoice(officer_id=officers["po_f"].pk))
    assert _row(officers["po_m"]) == before and before["cases"] == 1
    assert _row(officers["po_f"])["cases"] == 0


def test_a_band_decision_moves_the_case_between_bands_and_updates_points(
        provider, newcastle, lmc_manager, officers):
    la, team = newcastle
    po = officers["po_m"]
    person = new_case(provider, la=la, team=team, crn="K100003", routing="lmc", lmc=team,
                      responsible_officer=po, workload_points=0)
    assert _row(po)["unbanded"] == 1
    proposal = services.band_context(person, timezone.localdate()).proposal
    services.decide_band(user=lmc_manager.user, person=person,
                         choice=services.BandChoice(band=proposal.band, answers={}))
    person.refresh_from_db()
    row = _row(po)
    assert row["unbanded"] == 0 and row[person.band] == 1 and row["cases"] == 1
    assert person.workload_points > 0  # refresh_workload_points ran inside the decision …
    assert row["points"] == pytest.approx(person.workload_points)  # … and was counted once
    assert caseloads.check() == []


def test_ending_a_case_inside_tracking_takes_it_off_the_officers_row(provider, newcastle, officers):
    """What a service that ends a case (or steps it out of the caseload) does."""
    la, team = newcastle
    po = officers["pso"]
    person = new_case(provider, la=la, team=team, crn="K100004", responsible_officer=po,
                      band="red", workload_points=30)
    new_case(provider, la=la, team=team, crn="K100005", responsible_officer=po, band="red",
             workload_points=10)
    assert _row(po)["cases"] == 2 and _row(po)["red"] == 2
    with caseloads.tracking([person.pk]):
        Person.objects.filter(pk=person.pk).update(active=False)
    assert _row(po) == {"cases": 1, "green": 0, "yellow": 0, "red": 1, "blue": 0,
                        "unbanded": 0, **NO_TIER, "points": 10}
    # Nothing is added if the write fails.
    with pytest.raises(RuntimeError), caseloads.tracking([person.pk]):
        Person.objects.filter(pk=person.pk).update(active=True)
        raise RuntimeError
    assert _row(po)["cases"] == 1


def test_recompute_repairs_drift_and_the_check_reports_it(provider, newcastle, officers):
    la, team = newcastle
    po = officers["po_f"]
    new_case(provider, la=la, team=team, crn="K100006", responsible_officer=po, band="green")
    # An untracked write (a data fix by SQL) and a corrupted row: the summary is now wrong.
    Person.objects.filter(crn="K100006").update(band="blue")
    OfficerCaseload.objects.filter(staff=po).update(cases=F("cases") + 5)
    drift = caseloads.check()
    assert [d.staff_id for d in drift] == [po.pk]
    with pytest.raises(CommandError, match="Caseload summary: 1 officer differs from a recount"):
        call_command("caseloads", stdout=StringIO())

    counts = recompute.run(as_of=timezone.localdate(), restart=True)
    assert counts.caseload_drift == 1
    person = Person.objects.get(crn="K100006")
    # The nightly recompute gave the case its first tier (D: low RoSH, nothing else to protect).
    assert person.tier.startswith("D")
    assert _row(po) == {"cases": 1, "green": 0, "yellow": 0, "red": 0, "blue": 1, "unbanded": 0,
                        **NO_TIER, "tier_d": 1, "points": pytest.approx(person.workload_points)}
    out = StringIO()
    call_command("caseloads", stdout=out)
    assert "matches a recount for every officer" in out.getvalue()
    # A second run finds nothing to correct.
    assert recompute.run(as_of=timezone.localdate(), restart=True).caseload_drift == 0


def test_recompute_changing_points_keeps_the_rows_current_batch_by_batch(provider, newcastle,
                                                                         officers):
    la, team = newcastle
    po = officers["po_m"]
    for i in range(3):
        new_case(provider, la=la, team=team, crn=f"K2{i:05d}", responsible_officer=po,
                 workload_points=0)
    seen = []

    def watch(done, total, counts):
        seen.append((done, _row(po)["points"]))

    recompute.run(as_of=timezone.localdate(), restart=True, batch_size=1, progress=watch)
    points = [p for p in Person.objects.filter(responsible_officer=po)
              .order_by("pk").values_list("workload_points", flat=True)]
    assert all(p > 0 for p in points)
    # After each batch the row already holds that batch's new points (before the final recount).
    assert [round(p, 6) for _, p in seen] == [round(sum(points[:i + 1]), 6) for i in range(3)]


def test_the_workload_page_and_candidates_read_the_summary(provider, newcastle, lmc_manager,
                                                           officers, client):
    la, team = newcastle
    po = officers["po_f"]
    new_case(provider, la=la, team=team, crn="K100007", responsible_officer=po,
             workload_points=40, band="yellow")
    # A row that disagrees with the cases shows what the pages read: the summary, not a count.
    OfficerCaseload.objects.filter(staff=po).update(cases=9, points=90, yellow=9)
    client.force_login(lmc_manager.user)
    summary = client.get("/workload/?team=NCL").content.decode()
    row = summary[summary.index(po.name):]
    row = row[:row.index("</tr>")]
    assert re.search(r">\s*9\s*<", row) and "90.0" in row
    person = new_case(provider, la=la, team=team, crn="K100008", routing="lmc", lmc=team)
    from desist.allocation.candidates import candidates_for

    ranking = candidates_for(person)
    mine = next(r for r in ranking.rows if r.staff.pk == po.pk)
    assert mine.caseload == 9 and mine.candidate.points_after == pytest.approx(
        90 + ranking.case_points)


def test_a_case_whose_tier_alone_changes_overnight_moves_its_officers_row_at_once(
        provider, newcastle, officers):
    """The recompute writes a case's tier with its other derived values, inside the summary's
    tracking: a case whose only change is its tier moves the officer's protect-level count then,
    not at the final recount (which found it as drift before)."""
    la, team = newcastle
    po = officers["po_f"]
    new_case(provider, la=la, team=team, crn="K100009", responsible_officer=po, band="green")
    recompute.run(as_of=timezone.localdate(), restart=True)
    person = Person.objects.get(crn="K100009")
    assert person.tier.startswith("D") and _row(po)["tier_d"] == 1
    # Every derived value is current; only the tier is stale (a rule change, a data fix).
    Person.objects.filter(pk=person.pk).update(tier="A1", tier_rank=1)
    caseloads.rebuild()
    assert _row(po)["tier_a"] == 1 and _row(po)["tier_d"] == 0

    counts = recompute.run(as_of=timezone.localdate(), restart=True)
    assert (counts.changed, counts.tiers_changed, counts.caseload_drift) == (0, 1, 0)
    person.refresh_from_db()
    assert person.tier.startswith("D")
    assert _row(po)["tier_a"] == 0 and _row(po)["tier_d"] == 1
