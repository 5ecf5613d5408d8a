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
    # The warning counts from when its letter was produced: that was a month ago.
    Letter.objects.filter(absence__appointment=first).update(
        produced_at=timezone.now() - dt.timedelta(days=28))
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


def test_officer_resolves_a_conflict_with_an_arrangement_shown(page, case, staff_by_role):
    """Item 12: "unacceptable" on a day an agreed arrangement covers goes back to the officer,
    who sees the arrangement on the decision page and resolves it; nothing is sent before."""
    services.record_arrangement(user=case.responsible_officer.user, person=case,
                                reason="childcare",
                                starts_on=timezone.localdate() - dt.timedelta(days=30),
                                changes="Single parent: appointments 10:00–14:30 only")
    appointment = booked_in_the_past(case, 1)
    sign_in(page, "responsible_officer")
    record_outcome(page, appointment, "Unacceptable absence", evidence="No reason given")
    absence = appointment.absence
    assert not Letter.objects.filter(person=case).exists()
    page.goto("/tasks/")
    expect(page.get_by_text("judged unacceptable, but a flexible arrangement covers it")) \
        .to_be_visible()
    page.goto(f"/compliance/absences/{absence.pk}")
    expect(page.get_by_role("heading", name="The flexible arrangement")).to_be_visible()
    expect(page.get_by_text("Single parent: appointments 10:00–14:30 only", exact=True)) \
        .to_be_visible()
    axe(page)
    page.get_by_label("Acceptable: the arrangement covers this absence").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Resolve").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("given the arrangement")
    axe(page)
    page.get_by_label("Acceptable: the arrangement covers this absence").check()
    page.get_by_label("Evidence", exact=True).fill("Appointment was outside school hours agreed")
    with page.expect_navigation():
        page.get_by_role("button", name="Resolve").click()
    expect(page.get_by_text("Covered by a flexible arrangement").first).to_be_visible()
    axe(page)
    assert not Letter.objects.filter(person=case).exists()


def test_hub_lists_reprints_and_marks_letters_posted(new_context, case, staff_by_role):
    """Item 18: the hub's letters page. Items 14 and 18: the worker produced the letter as
    soon as the officer's decision committed (no button), in the person's language."""
    appointment = booked_in_the_past(case, 2)
    officer = new_context().new_page()
    sign_in(officer, "responsible_officer")
    officer.goto(f"/cases/{case.crn}/personal-details")
    officer.get_by_label("Welsh (Cymraeg)").check()
    axe(officer)
    with officer.expect_navigation():
        officer.get_by_role("button", name="Save personal details").click()
    case.refresh_from_db()
    assert case.letter_language == "cy"
    record_outcome(officer, appointment, "Unacceptable absence", evidence="Dim rheswm")
    letter = Letter.objects.get(absence__appointment=appointment)
    assert letter.status == "produced" and letter.language == "cy"

    hub = new_context().new_page()
    sign_in(hub, "hub_admin")
    hub.goto("/compliance/")
    expect(hub.get_by_role("button", name="Produce pending letters now")).to_have_count(0)
    axe(hub)
    with hub.expect_navigation():
        hub.get_by_role("link", name="Letters: print, reprint and mark as posted").click()
    expect(hub.get_by_role("cell", name="Warning letter (Welsh)")).to_be_visible()
    expect(hub.get_by_role("link", name="Dan Smith", exact=True)).to_be_visible()
    axe(hub)
    with hub.expect_response(f"**/compliance/letters/{letter.pk}.pdf") as pdf:
        hub.get_by_role("button", name="Reprint warning letter for Dan Smith").click()
    assert pdf.value.status == 200  # the reprint opens the same PDF
    body = hub.request.get(f"/compliance/letters/{letter.pk}.pdf").body()
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(body)).pages)
    assert "Rhybudd" in text
    hub.goto("/compliance/letters/")
    with hub.expect_navigation():
        hub.get_by_role("button", name="Mark as posted warning letter for Dan Smith").click()
    expect(hub.locator(".govuk-notification-banner")).to_contain_text("Marked as posted")
    axe(hub)
    hub.get_by_role("link", name="Posted", exact=True).click()
    expect(hub.get_by_role("link", name="Dan Smith", exact=True)).to_be_visible()
    axe(hub)
    letter.refresh_from_db()
    assert letter.posted_at is not None and letter.reprints == 1
