"""Recording RSR on the case's Tier tab (issue 21): who may, the checks on the score and the
date, each score a new history row, the case holding the latest, the tier recalculated at once
and everything audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.people.models import Person
from desist.scopes import decisions
from desist.tiering.models import RsrScore, TierCalculation
from tests import factories as f
from tests.conftest import make_staff
from tests.refusals import nothing_written

pytestmark = pytest.mark.django_db
URL = "/cases/A123456/tier/rsr"


def _form(score, day=None, version=None):
    day = day or timezone.localdate()
    data = {"score": score, "assessed_on_day": day.day, "assessed_on_month": day.month,
            "assessed_on_year": day.year}
    if version is not None:
        data["version"] = version
    return data


def test_the_officer_records_rsr_and_the_tier_follows_at_once(client_for, staff_by_role, case):
    from desist.tiering.services import tier_refresh

    tier_refresh(case, event="first", actor="test")
    case.refresh_from_db()
    before = case.tier
    assert before.startswith("C")  # medium RoSH: 10 points
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    page = client.get(URL)
    assert page.status_code == 200 and "Record RSR" in page.content.decode()
    done = client.post(URL, _form("7.5", version=case.version))
    assert done.status_code == 302 and done["Location"] == "/cases/A123456/tier"
    case.refresh_from_db()
    assert case.rsr == 7.5
    assert case.tier.startswith("B")  # RSR 7 or more: 20 points, above medium RoSH
    row = RsrScore.objects.get(person=case)
    assert (str(row.score), row.source, row.recorded_by) == (
        "7.50", "recorded", staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    calc = TierCalculation.objects.filter(person=case).first()
    assert (calc.event, calc.previous_tier, calc.tier) == ("rsr_change", before, case.tier)
    audit = AuditEvent.objects.get(event="rsr_recorded", crn="A123456")
    assert audit.detail["score"] == "7.5" and audit.detail["previous"] is None
    assert AuditEvent.objects.filter(event="tier_changed", crn="A123456").exists()
    tier_page = client.get("/cases/A123456/tier").content.decode()
    assert "Latest RSR score: 7.5%" in tier_page and "RSR recorded" in tier_page
    assert "Recorded in Desist" in tier_page


@pytest.mark.parametrize(("score", "message"), [
    ("", "Enter the RSR score"),
    ("high", "RSR score must be a number, like 6.89"),
    ("100.5", "RSR score must be 100 or less"),
    ("-1", "RSR score must be 0 or more"),
    ("6.891", "RSR score must have no more than 2 decimal places"),
])
def test_a_bad_score_is_refused_in_the_error_summary(client_for, staff_by_role, case, score,
                                                      message):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    with nothing_written(RsrScore):
        page = client.post(URL, _form(score))
    text = page.content.decode()
    assert page.status_code == 400
    assert "govuk-error-summary" in text and message in text
    assert text.count("govuk-error-summary__title") == 1
    assert Person.objects.get(pk=case.pk).rsr is None


def test_a_future_or_missing_date_is_refused(client_for, staff_by_role, case):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with nothing_written(RsrScore):
        future = client.post(URL, _form("5", tomorrow))
        missing = client.post(URL, {"score": "5"})
    assert future.status_code == 400
    assert "The date assessed cannot be in the future" in future.content.decode()
    assert missing.status_code == 400
    assert "Enter the date the RSR was assessed" in missing.content.decode()


def test_each_score_is_a_new_row_and_the_case_holds_the_latest_assessed(client_for,
                                                                        staff_by_role, case):
    today = timezone.localdate()
    client = client_for(staff_by_role[Role.MANAGER])
    assert client.post(URL, _form("4", today - dt.timedelta(days=30))).status_code == 302
    assert client.post(URL, _form("8.25", today - dt.timedelta(days=2))).status_code == 302
    # An older assessment entered late joins the history, not the case's current score.
    assert client.post(URL, _form("1", today - dt.timedelta(days=60))).status_code == 302
    assert [str(s) for s in RsrScore.objects.filter(person=case)
            .values_list("score", flat=True)] == ["8.25", "4.00", "1.00"]
    assert Person.objects.get(pk=case.pk).rsr == 8.25
    assert AuditEvent.objects.filter(event="rsr_recorded", crn=case.crn).count() == 3


def test_a_stale_form_is_refused(client_for, staff_by_role, case):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    with nothing_written(RsrScore):
        page = client.post(URL, _form("5", version=case.version - 1))
    assert page.status_code == 409


def test_who_may_record_rsr(client_for, staff_by_role, case, provider, outsider):
    other_team = f.TeamFactory(provider=provider, name="North")
    stranger = make_staff(provider, Role.RESPONSIBLE_OFFICER, username="north", team=other_team)
    with nothing_written(RsrScore, Person, TierCalculation):
        for role in (Role.AUDITOR, Role.UPW_SUPERVISOR, Role.PARTNER_CASEWORKER):
            assert client_for(staff_by_role[role]).post(URL, _form("5")).status_code == 403
        assert client_for(outsider).post(URL, _form("5")).status_code == 404
        assert client_for(stranger).post(URL, _form("5")).status_code == 403
    assert "Record RSR" not in client_for(stranger).get("/cases/A123456/tier").content.decode()
    assert not RsrScore.objects.exists()
    assert client_for(staff_by_role[Role.HUB_ADMIN]).post(URL, _form("5")).status_code == 302
    admin = staff_by_role[Role.SYSADMIN]
    with nothing_written(RsrScore, TierCalculation):
        assert client_for(admin).post(URL, _form("6")).status_code == 403  # covers first
    decisions.cover_record(acting_user=admin.user, person=case, reason="Data correction")
    assert client_for(admin).post(URL, _form("6")).status_code == 302
    assert RsrScore.objects.count() == 2
