"""Issue 12, items 12-19 (operating model §10, §11; F11): arrangement conflicts go back to the
officer; "rescheduled" only before the appointment; a warning counts from its letter; letters
are produced by the worker and say only what is true, one per person per day; no recall letter
before the decision; a warning raises the band review; Welsh letters wholly Welsh; the hub's
letters page; the breach report's risk, conditions and letter statuses; the office's phone."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest
from django.utils import timezone

from desist.appointments import services as appointments
from desist.appointments.models import Appointment
from desist.audit.models import AuditEvent
from desist.compliance import letters, services
from desist.compliance.models import Absence, Breach, EnforcementAction, Letter
from desist.dates import DAYS, MONTHS, format_date
from desist.organisation.roles import Role
from desist.worklist.models import Task
from tests.refusals import nothing_written

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def pdf_text(data: bytes) -> str:
    """The PDF's words, with line breaks (wherever the layout wrapped) as single spaces."""
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def appointment_at(case, start: dt.datetime) -> Appointment:
    return Appointment.objects.create(
        provider=case.provider, person=case, kind="officer", officer=case.responsible_officer,
        starts_at=start, ends_at=start + dt.timedelta(hours=1), rar_activity=False)


def missed(case, days_ago: int, outcome="failed_to_attend", evidence="") -> Absence:
    day = TODAY - dt.timedelta(days=days_ago)
    appointment = appointment_at(case, timezone.make_aware(dt.datetime.combine(day, dt.time(10))))
    appointments.record_outcome(user=case.responsible_officer.user, appointment=appointment,
                                outcome=outcome, evidence=evidence)
    return Absence.objects.get(appointment=appointment)


def officer(case):
    return case.responsible_officer.user


def unacceptable(case, absence, *, today=None):
    return services.decide(user=officer(case), absence=absence, judged="unacceptable",
                           evidence="No contact", today=today)


def childcare(case, *, starts_days_ago=30, ends_days_ago=None):
    return services.record_arrangement(
        user=officer(case), person=case, reason="childcare",
        starts_on=TODAY - dt.timedelta(days=starts_days_ago),
        ends_on=TODAY - dt.timedelta(days=ends_days_ago) if ends_days_ago is not None else None,
        changes="School hours only: 10:00 to 14:30")


# --- 12. An arrangement never overrides the officer's "unacceptable" --------------------------


def test_unacceptable_on_a_day_an_arrangement_covers_goes_back_to_the_officer(case):
    childcare(case)
    absence = missed(case, 1, outcome="unacceptable_absence", evidence="Said she forgot")
    assert absence.status == "conflict"  # not silently "covered"
    assert not EnforcementAction.objects.exists() and not Letter.objects.exists()
    task = Task.objects.get(key=f"absence_conflict:{absence.pk}")
    assert task.kind == "absence_decision" and task.assigned_to == case.responsible_officer
    assert "School hours only" in task.detail and "childcare" in task.detail
    # The officer, shown the arrangement, confirms it does not excuse this absence.
    with pytest.raises(services.DecisionRefused):
        services.decide(user=officer(case), absence=absence, judged="unacceptable", evidence="")
    services.decide(user=officer(case), absence=absence, judged="unacceptable",
                    evidence="Outside school hours: the arrangement does not apply")
    absence.refresh_from_db()
    assert absence.status == "unacceptable" and absence.action == "warning"
    assert "s11_arrangement_set_aside" in {r["code"] for r in absence.reasons}
    assert Letter.objects.get(absence=absence).kind == "warning"
    assert Task.objects.get(key=f"absence_conflict:{absence.pk}").status == "done"


def test_arrangement_recorded_after_a_warning_holds_the_letter_for_the_officer(case, client_for):
    absence = missed(case, 2, outcome="unacceptable_absence", evidence="No reason given")
    letter = Letter.objects.get(absence=absence)
    assert letter.status == "pending"
    childcare(case, starts_days_ago=2, ends_days_ago=2)
    absence.refresh_from_db()
    letter.refresh_from_db()
    assert absence.status == "conflict" and letter.status == "held"
    assert letters.produce_letters() == {"produced": 0, "suppressed": 0, "failed": 0}
    assert Task.objects.filter(key=f"absence_conflict:{absence.pk}", status="open").exists()
    page = client_for(case.responsible_officer).get(f"/compliance/absences/{absence.pk}")
    assert "Warning letter (held for the officer&#39;s decision)" in page.content.decode()
    # The officer finds the arrangement covers it: no letter, the warning is withdrawn and
    # never counts toward breach.
    services.decide(user=officer(case), absence=absence, judged="acceptable",
                    evidence="Agreed by phone before the appointment")
    absence.refresh_from_db()
    letter.refresh_from_db()
    assert absence.status == "covered" and letter.status == "suppressed"
    action = EnforcementAction.objects.get()
    assert action.done_on == TODAY and action.reasons[-1]["code"] == "s11_warning_withdrawn"
    assert services.history_for(case, TODAY + dt.timedelta(days=1)) == ()


def test_officer_resolves_the_conflict_on_the_page_with_the_arrangement_shown(case, client_for):
    childcare(case)
    absence = missed(case, 1, outcome="unacceptable_absence", evidence="No reason")
    client = client_for(case.responsible_officer)
    page = client.get(f"/compliance/absences/{absence.pk}").content.decode()
    assert "The flexible arrangement" in page and "School hours only" in page
    assert "the arrangement does not excuse this absence" in page and ">Resolve<" in page.replace(
        "\n", "").replace("  ", "")
    with nothing_written(Absence, EnforcementAction, Letter, Breach):
        missing = client.post(f"/compliance/absences/{absence.pk}", {
            "judged": "unacceptable", "version": absence.version})
    assert missing.status_code == 400 and "given the arrangement" in missing.content.decode()
    done = client.post(f"/compliance/absences/{absence.pk}", {
        "judged": "unacceptable", "version": absence.version,
        "evidence": "Came at 16:00 by choice: the arrangement does not apply"})
    assert done.status_code == 302
    absence.refresh_from_db()
    assert absence.status == "unacceptable" and absence.action == "warning"


# --- 13. "Rescheduled" cannot be recorded after the appointment time --------------------------


def test_rescheduled_is_refused_after_the_appointment_time(case, client_for):
    start = timezone.now() - dt.timedelta(hours=2)
    appointment = appointment_at(case, start)
    with pytest.raises(appointments.OutcomeRefused, match="cannot be recorded as rescheduled"):
        appointments.record_outcome(user=officer(case), appointment=appointment,
                                    outcome="rescheduled")
    with pytest.raises(appointments.OutcomeRefused, match="absent"):
        appointments.reschedule(user=officer(case), appointment=appointment,
                                starts_at=start + dt.timedelta(days=2),
                                ends_at=start + dt.timedelta(days=2, hours=1))
    client = client_for(case.responsible_officer)
    new_day = (TODAY + dt.timedelta(days=3)).isoformat()
    with nothing_written(Appointment, Absence):
        page = client.post(f"/appointments/{appointment.pk}", {
            "outcome": "rescheduled", "version": appointment.version, "new_day": new_day,
            "new_starts": "10:00", "new_ends": "11:00"})
    assert page.status_code == 400
    assert "cannot be recorded as rescheduled" in page.content.decode()
    with nothing_written(Appointment, Absence):
        api = client.post(f"/api/appointments/{appointment.pk}/outcome",
                          {"outcome": "rescheduled", "version": appointment.version},
                          content_type="application/json")
    assert api.status_code == 400 and "cannot be recorded as rescheduled" in api.content.decode()
    appointment.refresh_from_db()
    assert appointment.outcome == "" and Appointment.objects.filter(person=case).count() == 1


# --- 14. A warning counts from its letter; the worker produces letters --------------------------


def test_a_warning_whose_letter_was_not_produced_does_not_count_toward_breach(case):
    first = missed(case, 20)
    unacceptable(case, first, today=first.failed_on + dt.timedelta(days=1))
    # The letter was never produced: the person was never warned.
    second = missed(case, 2)
    unacceptable(case, second)
    second.refresh_from_db()
    assert second.action == "warning" and not Breach.objects.exists()
    assert "s11_warning_letter_not_produced" in {r["code"] for r in second.reasons}


def test_a_warning_counts_from_the_day_its_letter_was_produced(case):
    first = missed(case, 20)
    unacceptable(case, first, today=first.failed_on + dt.timedelta(days=1))
    letters.produce_letters()
    # Produced today: a failure three days ago came before the person was warned.
    earlier = missed(case, 3)
    unacceptable(case, earlier)
    earlier.refresh_from_db()
    assert earlier.action == "warning"
    Letter.objects.filter(absence=first).update(
        produced_at=timezone.now() - dt.timedelta(days=10))
    later = missed(case, 2)
    unacceptable(case, later)
    later.refresh_from_db()
    assert later.action == "breach"


def test_letters_are_produced_by_the_worker_on_commit_not_by_a_button(
        case, staff_by_role, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        absence = missed(case, 1, outcome="unacceptable_absence", evidence="No reason")
    assert callbacks  # the letter job was queued when the change committed
    letter = Letter.objects.get(absence=absence)
    assert letter.status == "produced" and letter.pdf  # the (immediate) worker produced it
    hub = client_for(staff_by_role[Role.HUB_ADMIN])
    page = hub.get("/compliance/").content.decode()
    assert "Produce pending letters now" not in page and "produced automatically" in page
    with nothing_written(Letter):
        assert hub.post("/compliance/").status_code in (403, 405)  # nothing to press


def test_one_queued_letter_job_per_transaction(case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.compose_letter(person=case, kind="appointment", event_key="appointment:a")
        services.compose_letter(person=case, kind="appointment", event_key="appointment:b")
    assert len(callbacks) == 1 and Letter.objects.filter(person=case).count() == 2


# --- 15. Letters say only what is true --------------------------------------------------------


def test_pss_breach_letter_speaks_of_pss_and_never_claims_a_warning(case):
    case.sentences.update(type="pss")
    absence = missed(case, 1)
    unacceptable(case, absence)
    letters.produce_letters()
    text = pdf_text(bytes(Letter.objects.get(absence=absence).pdf))
    assert "post-sentence supervision" in text and "magistrates' court" in text
    assert "warn" not in text.lower() and "your order" not in text


def test_breach_letter_on_an_order_names_the_warning_it_follows(case):
    first = missed(case, 30)
    unacceptable(case, first, today=first.failed_on + dt.timedelta(days=1))
    letters.produce_letters()
    served = TODAY - dt.timedelta(days=25)
    Letter.objects.filter(absence=first).update(
        produced_at=timezone.make_aware(dt.datetime.combine(served, dt.time(12))))
    second = missed(case, 2)
    unacceptable(case, second)
    letters.produce_letters()
    text = pdf_text(bytes(Letter.objects.get(absence=second, kind="breach").pdf))
    assert "You were given a formal warning on" in text
    assert f"{served.day} {MONTHS['en'][served.month - 1]} {served.year}" in text


def test_no_letter_invites_a_person_to_an_appointment_that_has_passed(case):
    appointment = appointment_at(case, timezone.now() + dt.timedelta(minutes=30))
    services.on_booked(sender=Appointment, appointment=appointment, user=officer(case))
    letter = Letter.objects.get(appointment=appointment)
    Appointment.objects.filter(pk=appointment.pk).update(
        starts_at=timezone.now() - dt.timedelta(minutes=5))  # the job ran late
    assert letters.produce_letters()["suppressed"] == 1
    letter.refresh_from_db()
    assert letter.status == "suppressed" and letter.pdf is None


def test_two_missed_appointments_decided_the_same_day_make_one_letter(case):
    first, second = missed(case, 4), missed(case, 2)
    unacceptable(case, first)
    unacceptable(case, second)
    assert Letter.objects.filter(person=case, status="pending").count() == 2
    assert letters.produce_letters()["produced"] == 1
    lead = Letter.objects.get(person=case, status="produced")
    other = Letter.objects.get(person=case, status="combined")
    assert other.combined_into == lead and other.produced_at is not None
    text = pdf_text(bytes(lead.pdf))
    assert "these appointments" in text
    for absence in (first, second):
        day = absence.failed_on
        assert f"{DAYS['en'][day.weekday()]} {day.day} {MONTHS['en'][day.month - 1]}" in text
    assert not EnforcementAction.objects.filter(done_on__isnull=True).exists()


# --- 16. No recall letter before the recall is decided -----------------------------------------


def test_recall_request_sends_nothing_until_the_recall_is_decided(case, staff_by_role):
    case.sentences.update(type="licence")
    absence = missed(case, 1)
    unacceptable(case, absence)
    breach = Breach.objects.get()
    assert breach.kind == "recall_request"
    assert not Letter.objects.filter(person=case).exists()
    assert letters.produce_letters()["produced"] == 0
    services.submit_breach(user=officer(case), breach=breach, assessment="Whereabouts unknown")
    services.record_breach_outcome(user=staff_by_role[Role.HUB_ADMIN].user, breach=breach,
                                   outcome="recalled")
    letter = Letter.objects.get(person=case)
    assert letter.kind == "recall" and letter.event_key == f"recall:{breach.pk}"
    letters.produce_letters()
    letter.refresh_from_db()
    assert "recalled to prison" in pdf_text(bytes(letter.pdf))


def test_a_withdrawn_recall_request_never_writes_to_the_person(case, staff_by_role):
    case.sentences.update(type="licence")
    unacceptable(case, missed(case, 1))
    breach = Breach.objects.get()
    services.submit_breach(user=officer(case), breach=breach, assessment="Explained later")
    services.record_breach_outcome(user=staff_by_role[Role.HUB_ADMIN].user, breach=breach,
                                   outcome="withdrawn")
    assert not Letter.objects.filter(person=case).exists()


# --- 17. A warning raises the band review -------------------------------------------------------


def test_a_warning_raises_the_band_review(case):
    unacceptable(case, missed(case, 1))
    review = Task.objects.get(kind="band_review", person=case)
    assert review.key == f"band_review:{case.crn}" and review.queue == "manager"
    assert "warning" in review.title


def test_a_warning_on_a_banded_case_raises_the_allocation_band_review(case):
    case.band = "yellow"
    case.save()
    unacceptable(case, missed(case, 1))
    review = Task.objects.get(kind="band_review", person=case)
    # The allocation app's review: the rules' recategorisation proposal for a warning.
    assert review.data["event"] == "warning" and review.data["previous_band"] == "yellow"
    assert review.data["proposed_band"] and "after a warning" in review.detail


# --- 18. Welsh letters wholly Welsh; the hub's letters page -------------------------------------


ENGLISH_WORDS = re.compile(r"\b(Dear|Yours|Phone|Reference|appointment|warning|at)\b")


def _english_dates_in(text: str) -> list[str]:
    return [w for w in MONTHS["en"] + DAYS["en"] if re.search(rf"\b{w}\b", text)
            and w not in ("Mai",)]


def test_welsh_letters_are_wholly_welsh_dates_included(case, team):
    team.venue.phone = "0191 498 0123"
    team.venue.save()
    case.letter_language = "cy"
    case.save()
    absence = missed(case, 2)
    unacceptable(case, absence)
    letters.produce_letters()
    letter = Letter.objects.get(absence=absence)
    text = pdf_text(bytes(letter.pdf))
    assert letter.language == "cy" and "Rhybudd" in text and "Ffôn: 0191 498 0123" in text
    assert format_date(absence.appointment.local_starts, "full_at", language="cy") in text
    assert _english_dates_in(text) == [] and not ENGLISH_WORDS.search(text)


def test_the_recall_letter_exists_in_welsh(case, staff_by_role):
    case.sentences.update(type="licence")
    case.letter_language = "cy"
    case.save()
    unacceptable(case, missed(case, 1))
    breach = Breach.objects.get()
    services.submit_breach(user=officer(case), breach=breach, assessment="Not at the address")
    services.record_breach_outcome(user=staff_by_role[Role.HUB_ADMIN].user, breach=breach,
                                   outcome="recalled")
    letters.produce_letters()
    text = pdf_text(bytes(Letter.objects.get(kind="recall").pdf))
    assert "galw yn ôl i'r carchar" in text
    assert _english_dates_in(text) == [] and not ENGLISH_WORDS.search(text)


def test_hub_lists_reprints_and_marks_letters_posted(case, staff_by_role, client_for):
    absence = missed(case, 1, outcome="unacceptable_absence", evidence="No reason")
    letters.produce_letters()
    letter = Letter.objects.get(absence=absence)
    hub = client_for(staff_by_role[Role.HUB_ADMIN])
    page = hub.get("/compliance/letters/").content.decode()
    assert "Warning letter" in page and case.crn in page and "Mark as posted" in page
    assert f'>{case.name}</a> ({case.crn})' in page and "&lt;a" not in page
    reprint = hub.post(f"/compliance/letters/{letter.pk}/reprint?show=to_post")
    assert reprint.status_code == 302 and reprint["Location"] == f"/compliance/letters/{letter.pk}.pdf"
    posted = hub.post(f"/compliance/letters/{letter.pk}/posted?show=to_post")
    assert posted.status_code == 302
    letter.refresh_from_db()
    assert letter.reprints == 1 and letter.posted_at is not None
    assert letter.posted_by == staff_by_role[Role.HUB_ADMIN].user
    assert case.crn not in hub.get("/compliance/letters/").content.decode()  # to post: none
    assert "Posted" in hub.get("/compliance/letters/?show=posted").content.decode()
    with pytest.raises(services.DecisionRefused):
        services.letter_mark_posted(acting_user=staff_by_role[Role.HUB_ADMIN].user, letter=letter)
    assert {"reprinted", "posted"} <= set(AuditEvent.objects.filter(
        event="letter_changed").values_list("detail__change", flat=True))
    officer_client = client_for(case.responsible_officer)
    assert officer_client.get("/compliance/letters/").status_code == 403


# --- 19. The breach report and the office's phone -----------------------------------------------


def test_breach_report_has_rosh_risk_summary_conditions_and_letter_statuses(case, client_for):
    from desist.risk.models import RiskAssessment

    case.sentences.update(type="licence")
    case.sentences.get().requirements.filter(type="rar").update(details="Reside at the AP")
    case.rosh_to = ["known_adult"]
    case.save()
    RiskAssessment.objects.create(person=case, rosh="medium", rosh_to=["known_adult"],
                                  reasons="Violence towards a former partner when drinking",
                                  previous_convictions="", past_behaviour="",
                                  assessed_on=TODAY - dt.timedelta(days=40))
    appointment_letter = Letter.objects.create(provider=case.provider, person=case,
                                               event_key="appointment:x", kind="appointment",
                                               status="suppressed")
    unacceptable(case, missed(case, 1))
    breach = Breach.objects.get()
    report = client_for(case.responsible_officer).get(
        f"/compliance/breaches/{breach.pk}/report.pdf")
    text = pdf_text(report.content)
    assert "RoSH: Medium" in text and "known adult" in text
    assert "Violence towards a former partner" in text
    assert "Licence conditions" in text and "Reside at the AP" in text
    assert "Domestic abuse" in text  # the active registration
    assert "Letters" in text and appointment_letter.get_status_display() in text
    # Its three tables (conditions, compliance history, letters) come from the GOV.UK macro:
    # tagged header rows a screen reader announces with each cell (issue 14 item 5).
    from tests.test_pdf import pdf_tables, structure
    assert pdf_tables(structure(report.content)[1]) == [["/THead", "/TBody"]] * 3


def test_letters_carry_the_offices_phone_number(case, team):
    team.venue.phone = "0191 498 0456"
    team.venue.save()
    absence = missed(case, 1, outcome="unacceptable_absence", evidence="No reason")
    letters.produce_letters()
    text = pdf_text(bytes(Letter.objects.get(absence=absence).pdf))
    assert "Phone: 0191 498 0456" in text and "Call us on 0191 498 0456" in text
