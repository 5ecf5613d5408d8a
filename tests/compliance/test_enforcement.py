"""Compliance and enforcement (§10, §11; F11): decisions, arrangements, one letter per event,
the idempotent and interrupt-safe letter job, breach and recall with the report PDF."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from desist.appointments import services as appointments
from desist.appointments.models import Appointment
from desist.audit.models import AuditEvent
from desist.compliance import letters, services
from desist.compliance.models import Absence, Breach, EnforcementAction, FlexibleArrangement, Letter
from desist.organisation.roles import Role
from desist.worklist.models import Task
from tests.refusals import nothing_written

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def missed(case, days_ago: int, outcome="failed_to_attend", evidence=""):
    day = TODAY - dt.timedelta(days=days_ago)
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    appointment = Appointment.objects.create(
        provider=case.provider, person=case, kind="officer", officer=case.responsible_officer,
        starts_at=start, ends_at=start + dt.timedelta(hours=1), rar_activity=False)
    appointments.record_outcome(user=case.responsible_officer.user, appointment=appointment,
                                outcome=outcome, evidence=evidence)
    return Absence.objects.get(appointment=appointment)


def officer(case):
    return case.responsible_officer.user


def serve_warning(absence, on: dt.date) -> Letter:
    """Produce the warning letter for ``absence`` and date it ``on``: a warning counts toward
    breach from the day its letter was produced (the person was warned then)."""
    letters.produce_letters()
    letter = Letter.objects.get(absence=absence, kind="warning")
    assert letter.status == "produced"
    Letter.objects.filter(pk=letter.pk).update(
        produced_at=timezone.make_aware(dt.datetime.combine(on, dt.time(12))))
    return letter


def test_failed_attendance_awaits_the_officers_decision(case):
    absence = missed(case, 1)
    assert absence.status == "awaiting" and absence.due_on > absence.failed_on
    task = Task.objects.get(kind="absence_decision", person=case)
    assert task.assigned_to == case.responsible_officer and task.due_on == absence.due_on
    assert not Letter.objects.filter(absence=absence).exists()  # nothing is sent before deciding


def test_single_parent_with_childcare_arrangement_gets_no_warning(case):
    case.gender = "female"
    case.save()
    services.record_arrangement(user=officer(case), person=case, reason="childcare",
                                starts_on=TODAY - dt.timedelta(days=30), changes="School hours only")
    absence = missed(case, 1)
    assert absence.status == "covered" and absence.action == "none"
    assert not Task.objects.filter(kind="absence_decision").exists()
    assert not EnforcementAction.objects.exists()
    letters.produce_letters()
    assert not Letter.objects.filter(absence=absence).exists()


def test_arrangement_on_some_weekdays_covers_only_those_days(case):
    day = TODAY - dt.timedelta(days=1)
    other = [d for d in range(1, 8) if d != day.isoweekday()]
    services.record_arrangement(user=officer(case), person=case, reason="work",
                                starts_on=TODAY - dt.timedelta(days=30), weekdays=other,
                                changes="Not on shift days")
    assert missed(case, 1).status == "awaiting"


def test_no_letter_for_an_absence_decided_acceptable(case):
    acceptable = missed(case, 3, outcome="acceptable_absence", evidence="Hospital letter seen")
    assert acceptable.status == "acceptable"
    assert not Letter.objects.filter(absence=acceptable).exists()
    # (An arrangement recorded later for a day judged unacceptable is a conflict for the
    # officer, never a silent override: tests/compliance/test_letters_and_conflicts.py.)


def test_second_unacceptable_absence_within_12_months_of_a_warning_is_a_breach(case):
    first = missed(case, 60)
    services.decide(user=officer(case), absence=first, judged="unacceptable",
                    evidence="No contact", today=first.failed_on + dt.timedelta(days=1))
    assert EnforcementAction.objects.get().kind == "warning"
    serve_warning(first, first.failed_on + dt.timedelta(days=1))
    second = missed(case, 1)
    services.decide(user=officer(case), absence=second, judged="unacceptable",
                    evidence="No contact again")
    second.refresh_from_db()
    assert second.action == "breach"
    assert EnforcementAction.objects.filter(kind="warning").count() == 1
    breach = Breach.objects.get()
    assert breach.status == "officer"
    task = Task.objects.get(kind="breach", person=case)
    assert task.queue == "hub"
    review = Task.objects.get(kind="band_review", person=case)
    assert review.key == f"band_review:{case.crn}" and review.queue == "manager"
    assert Letter.objects.filter(absence=second).get().kind == "breach"


def test_licence_and_pss_failures(case):
    case.sentences.update(type="licence")
    absence = missed(case, 1)
    services.decide(user=officer(case), absence=absence, judged="unacceptable", evidence="x")
    absence.refresh_from_db()
    assert absence.action == "recall_request"
    assert Breach.objects.get().kind == "recall_request"
    case.sentences.update(type="pss")
    absence = missed(case, 2)
    services.decide(user=officer(case), absence=absence, judged="unacceptable", evidence="x")
    absence.refresh_from_db()
    assert absence.action == "breach_to_magistrates"


def test_one_missed_appointment_produces_exactly_one_letter(case):
    absence = missed(case, 1)
    services.decide(user=officer(case), absence=absence, judged="unacceptable", evidence="None")
    # The appointments team composing the same event's letter again gets the same letter.
    again, created = services.compose_letter(person=case, kind="warning",
                                             event_key=f"absence:{absence.pk}", absence=absence)
    assert not created
    assert letters.produce_letters() == {"produced": 1, "suppressed": 0, "failed": 0}
    assert letters.produce_letters() == {"produced": 0, "suppressed": 0, "failed": 0}
    letter = Letter.objects.get(absence=absence)
    assert letter.pk == again.pk and letter.status == "produced"
    text = pdf_text(bytes(letter.pdf))
    assert "formal warning" in text and case.first_name in text
    action = EnforcementAction.objects.get()
    assert action.done_on == TODAY
    assert Task.objects.get(key=f"enforcement:{action.pk}").status == "done"
    assert AuditEvent.objects.filter(event="letter_changed", detail__change="produced").count() == 1


def test_interrupted_letter_job_produces_each_letter_once_on_rerun(case):
    for days in (3, 2, 1):
        absence = missed(case, days, outcome="unacceptable_absence", evidence="No reason")
        assert absence.letters.count() == 1
        # composed on different days, so each is its own letter (not combined)
        absence.letters.update(created_at=timezone.now() - dt.timedelta(days=days))

    def stop(letter):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        letters.produce_letters(after_render=stop)
    assert Letter.objects.filter(status="produced").count() == 0
    first = letters.produce_letters(limit=1)
    assert first["produced"] == 1
    rest = letters.produce_letters()
    assert rest["produced"] == 2 and letters.produce_letters()["produced"] == 0
    assert Letter.objects.filter(status="produced").count() == 3
    assert Letter.objects.count() == 3


def test_letter_that_fails_to_render_stays_pending_with_the_error(case, staff_by_role,
                                                                client_for):
    absence = missed(case, 1)
    broken = Letter.objects.create(provider=case.provider, person=case, event_key="broken:1",
                                   kind="made_up", absence=None)
    result = letters.produce_letters()
    assert result["failed"] == 1
    broken.refresh_from_db()
    assert broken.status == "pending" and "made_up" in broken.error and broken.attempts == 1
    task = Task.objects.get(kind="letter_failed")
    assert task.queue == "hub"
    page = client_for(staff_by_role[Role.HUB_ADMIN]).get("/compliance/")
    assert b"Could not be produced" in page.content and b"TemplateDoesNotExist" in page.content
    assert absence.pk  # the absence awaiting decision is listed too
    assert case.crn.encode() in page.content
    letters.produce_letters()
    broken.refresh_from_db()
    assert broken.attempts == 2 and broken.status == "pending"


def test_welsh_letters_where_a_translation_exists(case):
    case.letter_language = "cy"
    case.save()
    first = missed(case, 10)
    services.decide(user=officer(case), absence=first, judged="unacceptable", evidence="None",
                    today=first.failed_on + dt.timedelta(days=1))
    serve_warning(first, first.failed_on + dt.timedelta(days=1))
    second = missed(case, 1)
    services.decide(user=officer(case), absence=second, judged="unacceptable", evidence="None")
    letters.produce_letters()
    warning, breach = Letter.objects.get(absence=first), Letter.objects.get(absence=second)
    assert (warning.kind, warning.language, breach.kind) == ("warning", "cy", "breach")
    assert "Rhybudd" in pdf_text(bytes(warning.pdf))
    assert "yn ôl i'r llys" in pdf_text(bytes(breach.pdf))


def test_breach_workflow_and_report_contains_the_compliance_history(case, staff_by_role,
                                                                   client_for):
    first = missed(case, 40)
    services.decide(user=officer(case), absence=first, judged="unacceptable",
                    evidence="Phone off", today=first.failed_on + dt.timedelta(days=1))
    serve_warning(first, first.failed_on + dt.timedelta(days=1))
    second = missed(case, 2)
    services.decide(user=officer(case), absence=second, judged="unacceptable",
                    evidence="Did not answer")
    breach = Breach.objects.get()
    client = client_for(case.responsible_officer)
    with nothing_written(Breach, EnforcementAction, Task):
        empty = client.post(f"/compliance/breaches/{breach.pk}",
                            {"assessment": "", "version": breach.version})
    assert empty.status_code == 400
    ok = client.post(f"/compliance/breaches/{breach.pk}",
                     {"assessment": "Two failures; poor engagement.",
                      "version": breach.version})
    assert ok.status_code == 302
    breach.refresh_from_db()
    assert breach.status == "submitted"
    # The officer cannot record the hub's part.
    with nothing_written(Breach, EnforcementAction, Task):
        refused = client.post(f"/compliance/breaches/{breach.pk}/outcome",
                              {"outcome": "accepted", "version": breach.version})
    assert refused.status_code == 403
    hub = client_for(staff_by_role[Role.HUB_ADMIN])
    returned = hub.post(f"/compliance/breaches/{breach.pk}/outcome",
                        {"outcome": "returned", "notes": "Add history",
                         "version": breach.version})
    assert returned.status_code == 302
    breach.refresh_from_db()
    assert breach.status == "officer"
    services.submit_breach(user=officer(case), breach=breach, assessment="Better assessment")
    breach = services.record_breach_outcome(user=staff_by_role[Role.HUB_ADMIN].user,
                                            breach=Breach.objects.get(), outcome="varied")
    assert breach.status == "closed"
    assert Task.objects.get(kind="breach").status == "done"
    report = client.get(f"/compliance/breaches/{breach.pk}/report.pdf")
    assert report["Content-Type"] == "application/pdf"
    text = pdf_text(report.content)
    assert "Compliance history" in text and "judged unacceptable" in text
    assert "Warning" in text and "Better assessment" in text
    assert "Theft" in text or "Assault" in text
    assert AuditEvent.objects.filter(event="document_viewed", crn=case.crn).exists()


def test_evidence_presented_locally_is_attached_by_whoever_receives_it(case, staff_by_role,
                                                                     client_for):
    absence = missed(case, 1)
    hub = client_for(staff_by_role[Role.HUB_ADMIN])
    response = hub.post(f"/compliance/absences/{absence.pk}/attach", {
        "description": "Sick note from GP", "received_at": "Newcastle LMC",
        "file": SimpleUploadedFile("note.pdf", b"%PDF-1.4 note", content_type="application/pdf")})
    assert response.status_code == 302
    absence.refresh_from_db()
    assert absence.evidence == "Sick note from GP" and absence.evidence_file_name == "note.pdf"
    assert absence.evidence_received_by == staff_by_role[Role.HUB_ADMIN]
    # Only the officer (or a manager) decides.
    with nothing_written(Absence, EnforcementAction, Letter):
        assert hub.post(f"/compliance/absences/{absence.pk}", {
            "judged": "acceptable", "version": absence.version}).status_code == 403
    decided = client_for(case.responsible_officer).post(f"/compliance/absences/{absence.pk}", {
        "judged": "acceptable", "version": absence.version})
    assert decided.status_code == 302
    absence.refresh_from_db()
    assert absence.status == "acceptable"
    assert Task.objects.get(kind="absence_decision").status == "done"


def test_case_compliance_tab_counts_and_arrangement_form(case, client_for):
    missed(case, 20, outcome="unacceptable_absence", evidence="No reason")
    client = client_for(case.responsible_officer)
    with nothing_written(FlexibleArrangement, Absence):
        bad = client.post(f"/cases/{case.crn}/compliance", {"reason": "childcare"})
    assert bad.status_code == 400 and b"Enter the date it starts" in bad.content
    ok = client.post(f"/cases/{case.crn}/compliance", {
        "reason": "childcare", "starts_on": TODAY.isoformat(), "weekdays": ["1", "2"],
        "changes": "Mornings only"})
    assert ok.status_code == 302
    page = client.get(f"/cases/{case.crn}/compliance")
    assert b"Mornings only" in page.content and b"Warning" in page.content
    api = client.get(f"/api/compliance/{case.crn}").json()
    assert api["counts"]["unacceptable"] == 1 and api["counts"]["warnings"] == 1


def test_api_decision_scope_and_roles(case, staff_by_role, outsider, client_for):
    absence = missed(case, 1)
    written = (Absence, EnforcementAction, Letter, Breach, Task)
    with nothing_written(*written):
        assert client_for(outsider).post(f"/api/absences/{absence.pk}/decision", {
            "judged": "unacceptable", "version": absence.version},
            content_type="application/json").status_code == 404
    with nothing_written(*written):
        hub = client_for(staff_by_role[Role.HUB_ADMIN]).post(
            f"/api/absences/{absence.pk}/decision",
            {"judged": "unacceptable", "version": absence.version},
            content_type="application/json")
    assert hub.status_code == 403
    ok = client_for(case.responsible_officer).post(
        f"/api/absences/{absence.pk}/decision",
        {"judged": "unacceptable", "evidence": "None", "version": absence.version},
        content_type="application/json")
    assert ok.status_code == 200 and ok.json()["action"] == "warning"
    with nothing_written(*written):
        again = client_for(case.responsible_officer).post(
            f"/api/absences/{absence.pk}/decision",
            {"judged": "acceptable", "evidence": "x", "version": absence.version + 1},
            content_type="application/json")
    assert again.status_code == 400


def test_appointment_letter_once_per_booking_and_not_for_a_rescheduled_one(case):
    from desist.organisation.models import Venue

    venue = Venue.objects.create(provider=case.provider, code="LATE", name="Late LMC",
                                 kind="lmc", address="1 Street", postcode="NE1 1AA",
                                 wheelchair_access=True, private_rooms=1)
    day = TODAY + dt.timedelta(days=14 - TODAY.weekday())  # a Monday in two weeks
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    first = appointments.book(user=officer(case), person=case, kind="officer", venue=venue,
                              starts_at=start, ends_at=start + dt.timedelta(hours=1),
                              rar_activity=False)
    moved = appointments.reschedule(user=officer(case), appointment=first,
                                    starts_at=start + dt.timedelta(hours=3),
                                    ends_at=start + dt.timedelta(hours=4))
    assert Letter.objects.filter(kind="appointment").count() == 2
    assert letters.produce_letters() == {"produced": 1, "suppressed": 1, "failed": 0}
    produced = Letter.objects.get(status="produced")
    assert produced.appointment == moved
    assert "13:00" in pdf_text(bytes(produced.pdf))


def test_breach_api_and_scheduled_letter_job(case, outsider, client_for):
    from desist.compliance.tasks import produce_letters
    from desist.jobs.schedule import JOBS

    first = missed(case, 40)
    services.decide(user=officer(case), absence=first, judged="unacceptable", evidence="x",
                    today=first.failed_on + dt.timedelta(days=1))
    serve_warning(first, first.failed_on + dt.timedelta(days=1))
    second = missed(case, 2)
    services.decide(user=officer(case), absence=second, judged="unacceptable", evidence="y")
    breach = Breach.objects.get()
    listed = client_for(case.responsible_officer).get("/api/breaches").json()["results"]
    assert [b["id"] for b in listed] == [breach.pk] and listed[0]["status"] == "officer"
    assert client_for(outsider).get(f"/api/breaches/{breach.pk}").status_code == 404
    assert "letters" in {job.name for job in JOBS}
    assert produce_letters.enqueue().return_value == {"produced": 1, "suppressed": 0, "failed": 0}


def test_a_session_the_partner_records_as_missed_awaits_the_officers_decision(
        case, staff_by_role, client_for):
    from desist.interventions import services as referrals

    referral = case.referrals.get()
    referral.status = "started"
    referral.save()
    partner_user = staff_by_role[Role.PARTNER_CASEWORKER].user
    session = referrals.record_session(user=partner_user, referral=referral,
                                       session_on=TODAY - dt.timedelta(days=1), attended=False)
    absence = Absence.objects.get(session=session)
    assert absence.status == "awaiting" and absence.person == case
    assert Task.objects.filter(kind="absence_decision", person=case).count() == 1
    assert Task.objects.filter(kind="non_attendance", person=case).count() == 1
    page = client_for(case.responsible_officer).get(f"/compliance/absences/{absence.pk}")
    assert page.status_code == 200 and b"Women&#39;s group session" in page.content
    services.decide(user=officer(case), absence=absence, judged="unacceptable",
                    evidence="No reason given to the partner")
    assert letters.produce_letters()["produced"] == 1
    letter = Letter.objects.get(absence=absence)
    assert "Women's group" in pdf_text(bytes(letter.pdf))


def test_the_timeline_names_an_absence_and_its_action_in_plain_words(case):
    """The timeline said "Absence on 3 Dec 2026: … (breach to magistrates)": the action's code with
    its underscores turned to spaces, and a date formatted outside the one date filter."""
    from desist.compliance.selectors import compliance_record
    from desist.dates import format_date

    absence = missed(case, 2)
    services.decide(user=officer(case), absence=absence, judged="unacceptable",
                    evidence="No contact")
    absence.refresh_from_db()
    Absence.objects.filter(pk=absence.pk).update(action="recall_request")
    texts = [row["text"] for row in compliance_record(case, TODAY)["timeline"]
             if row["kind"] == "absence"]
    assert texts == [f"Absence on {format_date(absence.failed_on, 'short')}: "
                     f"{absence.get_status_display()} (Recall request)"]
