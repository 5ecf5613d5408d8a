"""Induction: the suitability screen before booking, personalised content, plain-English PDF (§5)."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from django.utils import timezone

from desist.access.roles import Role
from desist.planning.models import InductionBooking, InductionScreen

from .. import factories as f

pytestmark = pytest.mark.django_db

NO = {name: "no" for name in (
    "literacy_needs", "numeracy_needs", "learning_disability", "anxiety_or_vulnerability",
    "interpreter_needed", "domestic_abuse_perpetrator", "domestic_abuse_victim",
    "disability_or_access_needs", "work_clashes_with_group_times")}


@pytest.fixture
def older(provider, staff_by_role, team):
    """A 69-year-old first-time domestic abuse offender."""
    today = timezone.localdate()
    person = f.PersonFactory(provider=provider, crn="B100001", first_name="Ronald",
                             last_name="Ashworth", previous_sanctions=0, rosh="low",
                             date_of_birth=today.replace(year=today.year - 69) - dt.timedelta(days=30),
                             responsible_officer=staff_by_role[Role.RESPONSIBLE_OFFICER], team=team)
    sentence = f.SentenceFactory(person=person)
    f.RequirementFactory(sentence=sentence, type="rar", rar_days=15)
    f.RegistrationFactory(person=person, type="domestic_abuse")
    return person


def test_older_anxious_da_offender_is_screened_out_of_group_induction(
        older, client_for, staff_by_role):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    page = client.get(f"/cases/{older.crn}/induction/").content.decode()
    assert "No suitability screen recorded yet" in page
    assert client.post(f"/cases/{older.crn}/induction/book",
                       {"mode": "individual", "booked_for": "2026-12-01 10:00",
                        "place": "Newcastle"}).status_code == 400  # no screen yet
    response = client.post(f"/cases/{older.crn}/induction/", {
        **NO, "anxiety_or_vulnerability": "yes", "domestic_abuse_perpetrator": "yes",
        "ethnicity": "White British"})
    assert response.status_code == 302
    screen = InductionScreen.objects.get(person=older)
    assert screen.mode == "individual" and screen.age == 69
    codes = {r["code"] for r in screen.reasons}
    assert {"s5_anxiety_or_vulnerability", "s5_age_older", "s5_domestic_abuse_perpetrator"} <= codes
    older.refresh_from_db()
    assert older.ethnicity == "White British"

    refused = client.post(f"/cases/{older.crn}/induction/book",
                          {"mode": "group", "booked_for": "2026-12-01 10:00", "place": "Hub"})
    assert refused.status_code == 400
    assert "needs an individual induction" in refused.content.decode()
    assert not InductionBooking.objects.exists()
    assert client.post(f"/cases/{older.crn}/induction/book",
                       {"mode": "individual", "booked_for": "2026-12-01 10:00",
                        "place": "Newcastle LMC, interview room 2"}).status_code == 302
    assert InductionBooking.objects.get(person=older).mode == "individual"


def test_unanswered_screen_questions_are_errors(older, client_for, staff_by_role):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    response = client.post(f"/cases/{older.crn}/induction/", {"literacy_needs": "no"})
    assert response.status_code == 400
    assert "Answer: Is the person anxious or vulnerable" in response.content.decode()


def test_induction_summary_pdf_covers_only_this_persons_requirements(
        older, client_for, staff_by_role):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    response = client.get(f"/cases/{older.crn}/induction/summary.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Your induction: what you need to know" in text
    assert "Rehabilitation activity requirement" in text
    assert "Unpaid work" not in text and "Drug rehabilitation" not in text
    assert "What happens if you miss an appointment" in text
