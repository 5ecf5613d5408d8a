"""Compliance journeys in Chromium (issue 7), each page checked with axe-core (WCAG 2.2 AA)."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from desist.appointments.models import Appointment
from desist.compliance import letters, services
from desist.compliance.models import Letter

from .conftest import axe, fill_date, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def booked_in_the_past(case, days_ago: int) -> Appointment:
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    return Appointment.objects.create(
        provider=case.provider, person=case, kind="officer", officer=case.responsible_officer,
        starts_at=start, ends_at=start + dt.timedelta(hours=1), rar_activity=False)


def record_outcome(page, appointment, label, evidence=""):
    page.goto(f"/appointments/{appointment.pk}")
    axe(page)
    page.get_by_label(label, exact=True).check()
    if evidence:
        page.get_by_label("Evidence", exact=True).fill(evidence)
    with page.expect_navigation():
        page.get_by_role("button", name="Record outcome").click()


def test_single_parent_with_childcare_arrangement_gets_no_warning(page, case, staff_by_role):
    case.gender = "female"
    case.childcare_responsibilities = True
    case.save()
    appointment = booked_in_the_past(case, 1)
    sign_in(page, "responsible_officer")
    page.goto(f"/cases/{case.crn}/compliance")
    axe(page)
    page.get_by_label("Reason").select_option("childcare")
    fill_date(page, "From", timezone.localdate() - dt.timedelta(days=30))
    page.get_by_label("What it changes").fill("Single parent: appointments 10:00–14:30 only")
    with page.expect_navigation():
        page.get_by_role("button", name="Record arrangement").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("no automated warning")
    axe(page)
    record_outcome(page, appointment, "Failed to attend")
    page.goto(f"/cases/{case.crn}/compliance")
    expect(page.get_by_text("Covered by a flexible arrangement")).to_be_visible()
    axe(page)
    letters.produce_letters()
    assert not Letter.objects.filter(absence__person=case).exists()


def test_warning_then_breach_and_one_letter_per_missed_appointment(new_context, case,
                                                                   staff_by_role):
    first = booked_in_the_past(case, 30)
    second = booked_in_the_past(case, 2)
    # The first failure was decided (and warned) a month ago, before the second failure.
    first.outcome = "failed_to_attend"
    first.save()
    absence = services.record_absence(user=None, appointment=first)
    services.decide(user=case.responsible_officer.user, absence=absence, judged="unacceptable",
                    evidence="No contact", today=absence.failed_on + dt.timedelta(days=1))
    page = new_context().new_page()
    sign_in(page, "responsible_officer")
    letters.produce_letters()
    letters.produce_letters()
    assert Letter.objects.filter(absence__appointment=first).count() == 1
    record_outcome(page, second, "Failed to attend")
    page.goto("/tasks/")
    expect(page.get_by_text("Decide whether Dan Smith's absence")).to_be_visible()
    page.goto(f"/compliance/absences/{second.absence.pk}")
    axe(page)
    page.get_by_label("Unacceptable").check()
    page.get_by_label("Evidence", exact=True).fill("No reply to calls")
    with page.expect_navigation():
        page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Breach", exact=False).first).to_be_visible()
    axe(page)
    assert not Letter.objects.filter(kind="warning", absence__appointment=second).exists()

    hub = new_context().new_page()
    sign_in(hub, "hub_admin")
    hub.goto("/compliance/")
    expect(hub.get_by_text("Breach (return to court)").first).to_be_visible()
    axe(hub)
    hub.goto("/tasks/?view=hub")
    expect(hub.get_by_text("officer's assessment, then submit")).to_be_visible()

    breach = second.absence.enforcement.breach
    page.goto(f"/compliance/breaches/{breach.pk}")
    axe(page)
    page.get_by_label("Officer's assessment").fill("Second failure within weeks of a warning.")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit to the hub").click()
    axe(page)
    report = page.request.get(f"/compliance/breaches/{breach.pk}/report.pdf")
    assert report.ok
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(report.body())).pages)
    assert "Compliance history" in text and "Second failure within weeks" in text
