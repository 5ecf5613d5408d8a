"""Issue 14 item 5 (ADR 0016): a decision's reasons are stored with their template and
parameters, so the absence page says them in the reader's language, dates included; a reason
stored before (text only) is still shown, in English."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.utils import timezone, translation

from desist.appointments import services as appointments
from desist.appointments.models import Appointment
from desist.compliance import services
from desist.compliance.models import Absence
from desist.dates import format_date
from desist.rules.reasons import Reason, gettext_noop
from desist.words import reason

pytestmark = pytest.mark.django_db

FAILED_ON = timezone.localdate() - dt.timedelta(days=1)


def _judged_unacceptable(case) -> Absence:
    start = timezone.make_aware(dt.datetime.combine(FAILED_ON, dt.time(10)))
    appointment = Appointment.objects.create(
        provider=case.provider, person=case, kind="officer", officer=case.responsible_officer,
        starts_at=start, ends_at=start + dt.timedelta(hours=1), rar_activity=False)
    user = case.responsible_officer.user
    appointments.record_outcome(user=user, appointment=appointment, outcome="failed_to_attend")
    absence = Absence.objects.get(appointment=appointment)
    services.decide(user=user, absence=absence, judged="unacceptable", evidence="No contact")
    absence.refresh_from_db()
    return absence


def _page(client, absence, language: str) -> str:
    got = client.get(f"/compliance/absences/{absence.pk}", HTTP_ACCEPT_LANGUAGE=language)
    assert got.status_code == 200
    return " ".join(html.unescape(got.content.decode()).split())


def test_the_stored_reason_keeps_its_template_and_parameters(case):
    absence = _judged_unacceptable(case)
    first = absence.reasons[0]
    assert first["code"] == "s11_unacceptable"
    assert first["template"] == "The RO judged the failure on %(on)s unacceptable."
    assert first["params"] == {"on": FAILED_ON.isoformat()}
    assert first["text"] == ("The RO judged the failure on "
                             f"{format_date(FAILED_ON, 'full', language='en')} unacceptable.")


def test_the_absence_page_gives_the_reasons_in_welsh_with_a_welsh_date(case, client_for):
    absence = _judged_unacceptable(case)
    client = client_for(case.responsible_officer)
    welsh = _page(client, absence, "cy")
    day_cy = format_date(FAILED_ON, "full", language="cy")
    assert (f"Penderfynodd y swyddog cyfrifol nad oedd y methiant ar {day_cy} yn dderbyniol."
            in welsh)
    # A translated word given as a parameter is translated too ("community order").
    assert "yn achos gorchymyn cymunedol, mae methiant annerbyniol yn arwain at rybudd" in welsh
    assert "The RO judged the failure" not in welsh
    english = _page(client, absence, "en")
    day_en = format_date(FAILED_ON, "full", language="en")
    assert f"The RO judged the failure on {day_en} unacceptable." in english
    assert "Penderfynodd" not in english


def test_a_reason_stored_as_text_only_is_still_shown(case, client_for):
    absence = _judged_unacceptable(case)
    Absence.objects.filter(pk=absence.pk).update(reasons=[
        {"code": "s11_unacceptable", "section": "operating-model.md §11",
         "text": "Stored before reasons carried templates."}])
    page = _page(client_for(case.responsible_officer), absence, "cy")
    assert "Stored before reasons carried templates." in page


def test_the_filter_renders_a_reason_or_its_record_in_the_active_language():
    made = Reason.of("s11_warning_expired", "operating-model.md §11", gettext_noop(
        "The last warning, on %(warned_on)s, was more than %(months)s months before this "
        "failure, so it does not count towards breach."), warned_on=dt.date(2024, 5, 2), months=12)
    with translation.override("cy"):
        welsh = reason(made)
        assert reason(made.as_record()) == welsh
    assert welsh == ("Roedd y rhybudd diwethaf, ar Dydd Iau 2 Mai 2024, fwy na 12 mis cyn y "
                     "methiant hwn, felly nid yw'n cyfrif tuag at dorri amodau.")
    with translation.override("en"):
        assert reason(made) == made.text
    untranslated = Reason.of("x", "s", gettext_noop("Not in the catalogue on %(on)s."),
                             on=dt.date(2024, 5, 2))
    with translation.override("cy"):
        # English words, but the date is still the reader's: nothing half-translated is hidden.
        assert reason(untranslated) == "Not in the catalogue on Dydd Iau 2 Mai 2024."
    assert reason(Reason("y", "s", "Plain text, no template.")) == "Plain text, no template."
