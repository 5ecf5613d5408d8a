"""Journeys for self-assessment, induction and the integrated plan (issue 5), in headless
Chromium with axe-core on every page: the star with its table alternative, the screen for a
69-year-old, a DA plan blocked until its risk management plan and checks are done, the
manager's countersignature, and the person's PDF copy."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from desist.assessment import services as assessment
from desist.organisation.roles import Role
from desist.planning.models import Plan
from desist.risk.models import SafeguardingCheck
from tests import factories as f

from .conftest import axe, fill_date, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CRN = "A123456"
EIGHTS = {code: 8 for code in ("home", "daily_life", "wellbeing", "community", "family",
                               "caring", "substances", "time", "feelings", "offending")}


def approved(user, person, scores, day):
    reading = assessment.save_reading(acting_user=user, person=person, taken_on=day,
                                      scores=scores, comments={})
    assessment.sign_reading(acting_user=user, reading=reading, method="typed", name=person.name)
    assessment.approve_reading(acting_user=user, reading=reading, today=day)


def submit(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def test_reading_signed_on_screen_and_star_with_table_alternative(new_context, case,
                                                                     staff_by_role):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER].user
    approved(officer, case, EIGHTS, dt.date(2026, 8, 3))
    page = new_context(viewport={"width": 1024, "height": 1366}, has_touch=True).new_page()
    sign_in(page, "responsible_officer", check=False)
    page.goto(f"/cases/{CRN}/self-assessment/new")
    expect(page.get_by_role("heading", level=1)).to_have_text("Self-assessment reading")
    axe(page)
    fill_date(page, "Date of the reading", timezone.localdate())
    scores = {**EIGHTS, "home": 5, "substances": 6, "time": 7}
    for index, (code, score) in enumerate(scores.items(), start=1):
        group = page.locator(f"fieldset:has(legend:text-is('{index}. "
                             f"{assessment.active_instrument(case.provider).spec.area(code).title}'))")
        group.get_by_label(str(score), exact=True).check()
    submit(page, "Continue to signature")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign the reading")
    # The person sees what they sign: the star and the table of every area's score (§6).
    expect(page.get_by_role("heading", name="The scores you are signing")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Self-assessment star for Dan Smith"))
           ).to_be_visible()
    signing = page.locator("#star-signing-table")
    expect(signing.locator("tbody tr")).to_have_count(10)
    expect(signing.locator("tr", has_text="Somewhere to live")).to_contain_text("5")
    page.get_by_label("Sign on screen").check()
    canvas = page.locator("canvas")
    expect(canvas).to_be_visible()
    axe(page)
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 20)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(box["x"] + 20 + step * 15, box["y"] + 20 + (step % 3) * 20)
    page.mouse.up()
    submit(page, "Save signature")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Signature saved")
    expect(page.get_by_role("img", name="The person’s signature, drawn on screen")).to_be_visible()
    axe(page)
    submit(page, "Approve reading")
    expect(page).to_have_url(re.compile(r"/self-assessment/$"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Falling areas need a review")

    star = page.get_by_role("img", name=re.compile("Self-assessment star for Dan Smith"))
    expect(star).to_be_visible()
    table = page.locator("#star-latest-table")
    expect(table.locator("caption")).to_contain_text("table alternative to the star")
    expect(table.locator("tbody tr")).to_have_count(10)
    expect(table.locator("tr", has_text="Somewhere to live")).to_contain_text("-3 falling")
    axe(page)


def test_signature_without_javascript_uses_typed_name(new_context, case, staff_by_role):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER].user
    reading = assessment.save_reading(acting_user=officer, person=case,
                                      taken_on=timezone.localdate(), scores=EIGHTS, comments={})
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, "responsible_officer", check=False)
    page.goto(f"/cases/{CRN}/self-assessment/{reading.pk}/sign")
    expect(page.locator("canvas")).to_be_hidden()
    expect(page.get_by_text("Drawing a signature needs JavaScript")).to_be_visible()
    page.get_by_label("Type name and confirm").check()
    submit(page, "Save signature")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the person's full name")
    axe(page)
    page.get_by_label("Type name and confirm").check()
    page.get_by_label("Person's full name").fill("Dan Smith")
    page.get_by_label("I confirm these scores are a true record of what I said").check()
    submit(page, "Save signature")
    expect(page.get_by_text("Signed by the person")).to_be_visible()
    axe(page)


def test_older_first_time_da_offender_with_anxiety_gets_individual_induction(
        new_context, provider, staff_by_role, team):
    today = timezone.localdate()
    person = f.PersonFactory(provider=provider, crn="B100001", first_name="Ronald",
                             last_name="Ashworth", previous_sanctions=0, rosh="low",
                             date_of_birth=today.replace(year=today.year - 69) - dt.timedelta(days=9),
                             responsible_officer=staff_by_role[Role.RESPONSIBLE_OFFICER], team=team)
    f.RequirementFactory(sentence=f.SentenceFactory(person=person), type="rar", rar_days=15)
    f.RegistrationFactory(person=person, type="domestic_abuse")
    page = new_context().new_page()
    sign_in(page, "responsible_officer", check=False)
    page.goto(f"/cases/{person.crn}/induction/")
    axe(page)
    page.get_by_role("group", name="Is the person anxious or vulnerable in a group setting?") \
        .get_by_label("Yes").check()
    page.get_by_role("group", name="Does the person work during group induction times?") \
        .get_by_label("No").check()
    page.get_by_role("group", name="If so, does the group induction's venue and format meet "
                                   "those needs?").get_by_label("No").check()
    submit(page, "Record screen")
    decision = page.locator("#screen-decision")
    expect(decision).to_contain_text("Decision: Individual induction")
    expect(decision).to_contain_text("Aged 69")
    expect(decision).to_contain_text("Anxious or vulnerable")
    axe(page)
    venue = f.VenueFactory(provider=provider, name="Newcastle LMC", wheelchair_access=True,
                           private_rooms=2)
    f.VenueFactory(provider=provider, name="Reporting centre", wheelchair_access=True,
                   private_rooms=0)
    page.get_by_role("button", name="Book the induction").click()
    axe(page)
    expect(page.get_by_label("Venue")).to_contain_text("Reporting centre – not suitable")
    page.get_by_label("Type of induction").select_option("group")
    page.get_by_label("Venue").select_option(str(venue.pk))
    fill_date(page, "Date", today - dt.timedelta(days=1))
    submit(page, "Book induction")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("needs an individual induction")
    expect(summary).to_contain_text("cannot be booked in the past")
    axe(page)
    day = today + dt.timedelta(days=7)
    day += dt.timedelta(days=(1 - day.weekday()) % 7)  # a Tuesday, offices open
    page.get_by_label("Type of induction").select_option("individual")
    fill_date(page, "Date", day)
    submit(page, "Book induction")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Induction booked")
    expect(page.get_by_role("link", name=re.compile("Individual induction: "))).to_be_visible()
    axe(page)
    page.goto(f"/cases/{person.crn}/appointments")
    expect(page.locator("table")).to_contain_text("Induction")
    expect(page.locator("table")).to_contain_text("Newcastle LMC")
    axe(page)
    response = page.request.get(f"/cases/{person.crn}/induction/summary.pdf")
    assert response.ok and response.headers["content-type"] == "application/pdf"


def test_da_plan_blocked_until_rmp_and_fresh_checks_then_countersigned(
        new_context, case, staff_by_role):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER].user
    today = timezone.localdate()
    approved(officer, case, {**EIGHTS, "home": 5, "substances": 6, "time": 7}, today)
    SafeguardingCheck.objects.create(person=case, kind="police_domestic_abuse",
                                     requested_on=today - dt.timedelta(days=130),
                                     completed_on=today - dt.timedelta(days=120),
                                     result="no_information")
    page = new_context().new_page()
    sign_in(page, "responsible_officer", check=False)
    page.goto(f"/cases/{CRN}/plan/")
    submit(page, "Start the plan")
    unaddressed = page.locator("#unaddressed-areas")
    for title in ("Somewhere to live", "Drugs and alcohol", "Work, learning and use of time"):
        expect(unaddressed).to_contain_text(title)
    axe(page)

    for area, title in (("home", "Somewhere to live"), ("substances", "Drugs and alcohol")):
        page.get_by_role("link", name=f"Add an objective for {title}").click()
        expect(page.get_by_label("Which self-assessment area")).to_have_value(area)
        page.get_by_label("Objective", exact=True).fill(f"Make progress on {title.lower()}")
        page.get_by_label("Services that will help").fill("Housing and recovery partners")
        submit(page, "Add objective")
    expect(unaddressed).not_to_contain_text("Somewhere to live")
    page.get_by_role("link", name="Record why not for Work, learning and use of time").click()
    axe(page)
    page.get_by_label("Why no objective is set for this area").fill("Works full time already")
    submit(page, "Save reason")
    expect(unaddressed).to_contain_text("Every area at 7 or below has an objective")
    page.get_by_role("link", name="Record the person's agreement").click()
    page.get_by_label("Yes").check()
    submit(page, "Save")

    submit(page, "Complete the plan")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The plan cannot be completed yet")
    expect(summary).to_contain_text("Risk management plan incomplete")
    expect(summary).to_contain_text(
        "Police domestic abuse call-out check: out of date, last done 120 days ago")
    expect(summary).to_contain_text("Children's social care check: not done")
    expect(page).to_have_title(re.compile(r"^Error: "))
    axe(page)

    page.get_by_role("link", name="Write the risk management plan").click()
    page.get_by_label("Victims and potential victims").fill("Ex-partner and her two children")
    page.get_by_label(re.compile("Other agencies")).fill("MARAC; children's social care")
    page.get_by_label("Home visits").fill("Monthly, unannounced")
    page.get_by_label(re.compile("Contingency")).fill("Call police and review recall")
    axe(page)
    submit(page, "Save risk management plan")
    for kind in ("Police domestic abuse call-out check", "Children's social care check"):
        page.goto(f"/cases/{CRN}/risk/checks/new")
        page.get_by_label("Check").select_option(label=kind)
        submit(page, "Record the request")
    page.goto(f"/cases/{CRN}/risk/")
    axe(page)
    for check in SafeguardingCheck.objects.filter(person=case, completed_on__isnull=True):
        page.goto(f"/cases/{CRN}/risk/checks/{check.pk}")
        page.get_by_label("Result", exact=True).select_option("no_information")
        submit(page, "Save the result")
    page.goto(f"/cases/{CRN}/plan/")
    submit(page, "Complete the plan")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "sent to a manager for countersignature")
    expect(page.get_by_text("Waiting for countersignature")).to_be_visible()
    plan = Plan.objects.get(person=case)

    response = page.request.get(f"/cases/{CRN}/plan/{plan.pk}/copy.pdf")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.body()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Your plan" in text and "What you will work on" in text
    assert "Make progress on somewhere to live" in text and "Keeping people safe" in text
    assert "RoSH" not in text and "MARAC" not in text

    manager = new_context().new_page()
    sign_in(manager, "manager", check=False)
    manager.goto(f"/cases/{CRN}/plan/")
    manager.get_by_role("button", name="Countersign the plan").click()
    axe(manager)
    manager.get_by_label("What is the risk?").fill("Looks fine")
    submit(manager, "Save oversight")
    expect(manager.locator(".govuk-error-summary")).to_contain_text(
        "Say whether the plan is sufficient")
    axe(manager)
    manager.get_by_label("What is the risk?").fill(
        "Violence to his ex-partner and emotional harm to the children when he drinks")
    manager.get_by_label("Yes, the plan is sufficient").check()
    submit(manager, "Save oversight")
    expect(manager.get_by_text("Complete", exact=True)).to_be_visible()
    expect(manager.locator(".govuk-inset-text")).to_contain_text("Violence to his ex-partner")
    axe(manager)
    plan.refresh_from_db()
    assert plan.status == "complete" and plan.countersignatures.count() == 1


def test_administrator_edits_the_instrument(new_context, provider, staff_by_role):
    page = new_context().new_page()
    sign_in(page, "sysadmin", check=False)
    page.get_by_role("link", name="Instrument").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Self-assessment instrument")
    axe(page)
    page.get_by_role("group", name="Area 1", exact=True).get_by_label("Title").fill("A place to call home")
    page.get_by_label("Make this the active instrument").first.check()
    submit(page, "Save new version")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Saved as version 2")
    page.get_by_role("group", name="Stage 1", exact=True).get_by_label("To score").fill("3")
    submit(page, "Save new version")
    expect(page.locator(".govuk-error-summary")).to_contain_text("without gaps or overlaps")
    axe(page)


def test_agency_information_blocks_the_plan_and_a_returned_plan_must_change(
        new_context, case, staff_by_role):
    """§7–§8: unacknowledged MARAC information blocks completion; the manager countersigns
    with the plan and the information on the page; a returned plan is a task for the officer
    and cannot be completed again unchanged."""
    from desist.planning import services
    from desist.risk import services as risk_services

    officer = staff_by_role[Role.RESPONSIBLE_OFFICER].user
    today = timezone.localdate()
    approved(officer, case, {**EIGHTS, "home": 5}, today)
    plan = services.start_plan(acting_user=officer, person=case, today=today)
    services.add_objective(acting_user=officer, plan=plan, text="Find a settled tenancy",
                           need_kind="area", area_code="home", risk_factor="",
                           services="Housing partner", target_date=None)
    services.save_rmp(acting_user=officer, plan=plan, victims="Ex-partner",
                      agencies="MARAC; police", home_visits="Monthly",
                      contingency="Call the police")
    services.record_agreement(acting_user=officer, plan=plan, agreed=True, comments="",
                              agreed_on=today, diversity_notes="")
    for kind in ("police_domestic_abuse", "childrens_social_care"):
        SafeguardingCheck.objects.create(person=case, kind=kind, requested_on=today,
                                         completed_on=today, result="no_information")
    risk_services.record_agency_information(acting_user=officer, person=case, agency="marac",
                                       received_on=today,
                                       summary="Ex-partner reports him waiting outside her work")
    page = new_context().new_page()
    sign_in(page, "responsible_officer", check=False)
    page.goto(f"/cases/{CRN}/plan/")
    submit(page, "Complete the plan")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Information from MARAC received on")
    expect(summary).to_contain_text("has not been acknowledged")
    axe(page)
    page.goto(f"/cases/{CRN}/risk/")
    page.get_by_role("link", name=re.compile("^MARAC")).click()
    page.get_by_label("What it changes").fill("Victim's workplace added to the RMP")
    submit(page, "Acknowledge")
    page.goto(f"/cases/{CRN}/plan/")
    submit(page, "Complete the plan")
    expect(page.get_by_text("Waiting for countersignature")).to_be_visible()

    manager = new_context().new_page()
    sign_in(manager, "manager", check=False)
    manager.goto(f"/cases/{CRN}/plan/{plan.pk}/countersign")
    expect(manager.get_by_role("heading", name="The plan", exact=True)).to_be_visible()
    expect(manager.get_by_role("table", name="Objectives")).to_contain_text(
        "Find a settled tenancy")
    expect(manager.locator("main")).to_contain_text("Ex-partner reports him waiting outside")
    expect(manager.locator("main")).to_contain_text("Victim's workplace added to the RMP")
    axe(manager)
    manager.get_by_label("What is the risk?").fill(
        "Stalking of his ex-partner at her workplace, escalating since the summer")
    manager.get_by_label("No, the plan must change").check()
    manager.get_by_label("What must change?").fill("Add her workplace to the contingency plan")
    submit(manager, "Save oversight")

    page.goto("/tasks/")
    expect(page.locator("main")).to_contain_text("Plan returned by")
    page.goto(f"/cases/{CRN}/plan/")
    banner = page.locator("#plan-returned")
    expect(banner).to_contain_text("Add her workplace to the contingency plan")
    axe(page)
    submit(page, "Complete the plan")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "change the plan to address this before completing it again")
    axe(page)
    page.get_by_role("link", name="Change the risk management plan").click()
    page.get_by_label(re.compile("Contingency")).fill(
        "Call the police; her workplace security has his photograph")
    submit(page, "Save risk management plan")
    submit(page, "Complete the plan")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "sent to a manager for countersignature")
    plan.refresh_from_db()
    assert plan.status == "awaiting_countersignature"


def test_a_recorded_check_result_is_shown_not_edited(new_context, case, staff_by_role):
    """§7, F9: an out-of-date result cannot be re-dated; a newer result is a new check."""
    today = timezone.localdate()
    old = SafeguardingCheck.objects.create(
        person=case, kind="police_domestic_abuse", requested_on=today - dt.timedelta(days=130),
        completed_on=today - dt.timedelta(days=120), result="concerns",
        details="Two call-outs in the summer")
    page = new_context().new_page()
    sign_in(page, "responsible_officer", check=False)
    page.goto(f"/cases/{CRN}/risk/checks/{old.pk}")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Concerns identified")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Two call-outs in the summer")
    expect(page.get_by_role("button", name="Save the result")).to_have_count(0)
    axe(page)
    page.get_by_role("link", name="Request a new check").click()
    expect(page.get_by_label("Check")).to_have_value("police_domestic_abuse")
    submit(page, "Record the request")
    fresh = SafeguardingCheck.objects.exclude(pk=old.pk).get(person=case)
    page.goto(f"/cases/{CRN}/risk/checks/{fresh.pk}")
    page.get_by_label("Result", exact=True).select_option("no_information")
    submit(page, "Save the result")
    table = page.get_by_role("table", name="All checks")
    expect(table).to_contain_text("Concerns identified")
    expect(table).to_contain_text("No information held")
    axe(page)
