"""A case's tier kept from its records, its history, and a provider switching policy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from desist.allocation import recompute
from desist.allocation.services import significant_event
from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.people.models import Person
from desist.risk.services import record_risk_assessment
from desist.rules import workload
from desist.scopes import allocation as scoped
from desist.tiering import services
from desist.tiering.models import PolicyDecision, TierCalculation
from desist.tiering.selectors import policy_for
from tests import factories as f
from tests.allocation.conftest import new_case
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def lmc(provider):
    la = f.LocalAuthorityFactory(code="E08000021", name="Newcastle upon Tyne")
    venue = f.VenueFactory(provider=provider, code="LMC-NCL", kind="lmc")
    venue.local_authorities.add(la)
    team = f.TeamFactory(provider=provider, code="NCL", name="Newcastle", venue=venue)
    manager = make_staff(provider, Role.MANAGER, username="ncl-manager", grade="SPO", team=team)
    admin = make_staff(provider, Role.SYSADMIN, username="ncl-admin", grade="SPO", team=team)
    return {"la": la, "team": team, "manager": manager, "admin": admin}


def _queued(provider, lmc, crn, arrived_on=None, **extra):
    person = new_case(provider, la=lmc["la"], team=lmc["team"], crn=crn, routing="lmc",
                      lmc=lmc["team"], **extra)
    if arrived_on is not None:
        Person.objects.filter(pk=person.pk).update(arrived_on=arrived_on)
    return person


def test_nightly_recompute_stores_every_case_tier_with_a_first_history_row(provider, lmc):
    person = _queued(provider, lmc, "T000001", rosh="medium",
                     registrations=("self_harm", "vulnerability"))
    counts = recompute.run(as_of=timezone.localdate())
    person.refresh_from_db()
    assert person.tier == "C2"  # 10 (medium) + 4 (two factors) = 14 → C; no assessment → 2
    assert counts.tiers_changed == 1
    row = TierCalculation.objects.get(person=person)
    assert (row.event, row.protect_points, row.inputs["rosh"]) == ("first", 14, "medium")
    assert any(r["code"] == "tier_complexity" for r in row.reasons)
    recompute.run(as_of=timezone.localdate(), restart=True)
    assert TierCalculation.objects.filter(person=person).count() == 1  # unchanged: no new row


def test_rosh_reassessed_recalculates_the_tier_with_a_new_history_row(provider, lmc):
    person = _queued(provider, lmc, "T000002", rosh="low")
    recompute.run(as_of=timezone.localdate())
    record_risk_assessment(acting_user=lmc["manager"].user, person=person, rosh="high",
                           rosh_to=["public"], reasons="New intelligence", previous_convictions="",
                           past_behaviour="", assessed_on=timezone.localdate())
    person.refresh_from_db()
    assert person.tier == "B2"
    latest = TierCalculation.objects.filter(person=person).first()
    assert (latest.tier, latest.previous_tier, latest.event) == ("B2", "D2", "rosh_change")
    assert AuditEvent.objects.filter(event="tier_changed", crn="T000002").exists()


def test_registration_added_recalculates_the_tier(provider, lmc):
    person = _queued(provider, lmc, "T000003", rosh="low")
    recompute.run(as_of=timezone.localdate())
    f.RegistrationFactory(person=person, type="mappa", level="2",
                          start_date=timezone.localdate() - dt.timedelta(days=1))
    significant_event(person=person, event="registration_added", actor=lmc["manager"].user)
    person.refresh_from_db()
    assert person.tier == "A2"
    assert list(TierCalculation.objects.filter(person=person).values_list("tier", "event")) == [
        ("A2", "registration_added"), ("D2", "first")]


def test_switch_to_tiering_orders_the_queue_by_tier_and_recomputes_workload(
        provider, lmc, django_capture_on_commit_callbacks):
    _queued(provider, lmc, "T000010", rosh="low", arrived_on=timezone.localdate()
            - dt.timedelta(days=9))
    mappa = _queued(provider, lmc, "T000011", rosh="low",
                    arrived_on=timezone.localdate() - dt.timedelta(days=1))
    f.RegistrationFactory(person=mappa, type="mappa", level="Level 2",
                          start_date=timezone.localdate() - dt.timedelta(days=3))
    medium = _queued(provider, lmc, "T000012", rosh="medium",
                     arrived_on=timezone.localdate() - dt.timedelta(days=5))
    Person.objects.filter(pk=mappa.pk).update(band="blue")
    recompute.run(as_of=timezone.localdate())
    user = lmc["manager"].user
    assert [p.crn for p in scoped.allocation_queue(user)] == ["T000010", "T000012", "T000011"]
    band_points = {p.crn: p.workload_points for p in Person.objects.all()}

    with django_capture_on_commit_callbacks(execute=True):
        decision = services.policy_switch(acting_user=lmc["admin"].user,
                                          provider_id=provider.pk, policy="tier",
                                          transition=True, reason="Moving to national tiering")

    assert [p.crn for p in scoped.allocation_queue(user)] == ["T000011", "T000012", "T000010"]
    after = {p.crn: (p.tier, p.workload_points) for p in Person.objects.all()}
    assert after["T000011"] == ("A2", workload.DEFAULT_TIER_POINTS["A2"])
    assert after["T000010"] == ("D2", workload.DEFAULT_TIER_POINTS["D2"])
    assert after["T000010"][1] != band_points["T000010"]
    event = AuditEvent.objects.get(event="prioritisation_policy_changed")
    assert (event.actor_id, event.detail["policy"], event.detail["previous"]) == (
        lmc["admin"].user.pk, "tier", "band")
    assert AuditEvent.objects.filter(event="policy_recompute_finished",
                                     object_id=str(decision.pk)).exists()
    # The nightly recompute keeps tier points while the policy is tiering.
    recompute.run(as_of=timezone.localdate(), restart=True)
    medium.refresh_from_db()
    assert medium.workload_points == workload.DEFAULT_TIER_POINTS["C2"]


def test_switch_without_a_reason_is_refused_and_changes_nothing(provider, lmc):
    with pytest.raises(services.PolicyRefused):
        services.policy_switch(acting_user=lmc["admin"].user, provider_id=provider.pk,
                               policy="tier", transition=False, reason="  ")
    assert not PolicyDecision.objects.exists()
    assert policy_for(provider.pk).policy == "band"
    assert not AuditEvent.objects.filter(event="prioritisation_policy_changed").exists()


def test_one_providers_policy_does_not_touch_another(provider, other_provider, lmc):
    services.policy_switch(acting_user=lmc["admin"].user, provider_id=provider.pk,
                           policy="tier", transition=False, reason="Tiering")
    assert policy_for(provider.pk).by_tier
    assert not policy_for(other_provider.pk).by_tier


def test_the_allocation_queue_shows_the_tier_it_is_ordered_by(provider, lmc, client):
    """Under tiering the queue is worked by tier, so the page shows it; a case with no
    registrations reads "None" in its flags (the demo showed a template error there)."""
    _queued(provider, lmc, "T000020", rosh="low")
    recompute.run(as_of=timezone.localdate())
    client.force_login(lmc["manager"].user)

    band_page = client.get("/allocation/").content.decode()
    assert "<th scope=\"col\" class=\"govuk-table__header\">Tier</th>" not in band_page
    assert "no such element" not in band_page
    flags = band_page[band_page.rindex('<td class="govuk-table__cell">'):]
    assert flags.startswith('<td class="govuk-table__cell">None</td>')

    services.policy_switch(acting_user=lmc["admin"].user, provider_id=provider.pk,
                           policy="tier", transition=True, reason="Moving to national tiering")
    tier_page = client.get("/allocation/").content.decode()
    assert "<th scope=\"col\" class=\"govuk-table__header\">Tier</th>" in tier_page
    assert Person.objects.get(crn="T000020").tier in tier_page


def test_the_officers_caseload_summary_follows_tiers_and_the_workload_page_counts_by_tier(
        provider, lmc, client, django_capture_on_commit_callbacks):
    """A switch to tiering and a tier change rewrote cases' tiers and workload points without
    the officer's caseload summary following (ADR 0005): the workload page kept the band points
    until the nightly rebuild, and it counted a tiering provider's cases by colour band only."""
    from desist.allocation import caseloads

    officer = make_staff(provider, Role.RESPONSIBLE_OFFICER, username="ncl-po", team=lmc["team"])
    mappa = new_case(provider, la=lmc["la"], team=lmc["team"], crn="T000021",
                     responsible_officer=officer)
    new_case(provider, la=lmc["la"], team=lmc["team"], crn="T000022", rosh="medium",
             responsible_officer=officer)
    new_case(provider, la=lmc["la"], team=lmc["team"], crn="T000023", responsible_officer=officer)
    recompute.run(as_of=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        services.policy_switch(acting_user=lmc["admin"].user, provider_id=provider.pk,
                               policy="tier", transition=False, reason="Moving to national tiering")
    assert caseloads.check() == []  # the summary agrees with a recount, points included
    load = caseloads.loads([officer.pk])[officer.pk]
    assert load.by_protect == {"A": 0, "B": 0, "C": 1, "D": 2, "none": 0}
    assert load.points == pytest.approx(sum(
        Person.objects.filter(responsible_officer=officer).values_list("workload_points",
                                                                        flat=True)))

    # MAPPA level 2 registered: the tier is recalculated at once, and the summary follows.
    f.RegistrationFactory(person=mappa, type="mappa", level="Level 2",
                          start_date=timezone.localdate())
    significant_event(person=mappa, event="registration_added")
    assert caseloads.check() == []
    assert caseloads.loads([officer.pk])[officer.pk].by_protect["A"] == 1

    client.force_login(lmc["manager"].user)
    page = client.get("/workload/?team=NCL").content.decode()
    assert "Tier A" in page and "Green" not in page
    drill = client.get(f"/workload/officers/{officer.pk}").content.decode()
    assert "1 at tier A, 0 at B, 1 at C, 1 at D" in drill


def test_the_nightly_recompute_stores_each_reason_with_its_template_and_parameters(provider,
                                                                                  lmc):
    """ADR 0016: the history keeps each reason's record, so the page says it in the reader's
    language later; the English text stays beside it for the API and the command line."""
    from desist.words import reason

    person = _queued(provider, lmc, "T000009", rosh="medium",
                     registrations=("self_harm", "vulnerability"))
    recompute.run(as_of=timezone.localdate())
    row = TierCalculation.objects.get(person=person)
    complexity = next(r for r in row.reasons if r["code"] == "tier_complexity")
    assert complexity["text"] == ("2 complexity factors (self-harm, vulnerability) score 4 "
                                  "points.")
    assert complexity["template"] == "%(count)s complexity factors (%(names)s) score %(points)s."
    assert complexity["params"]["names"] == [{"template": "self-harm", "params": {}},
                                             {"template": "vulnerability", "params": {}}]
    assert [reason(r) for r in row.reasons] == [r["text"] for r in row.reasons]
