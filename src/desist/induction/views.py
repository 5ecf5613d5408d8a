"""Induction pages (§5): screening, booking and the induction letter."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from desist.access.rules import allow
from desist.appointments import services as appointment_services
from desist.audit import events
from desist.form_pages import READERS, aware, can_write, form_page, govuk_fields, pdf_response
from desist.organisation.roles import CASE_WRITERS
from desist.rules import induction as induction_rules
from desist.scopes.cases import case_for

from . import documents, selectors, services
from .choices import InductionMode
from .forms import (
    SCREEN_QUESTIONS,
    BookingForm,
    ScreenForm,
)


@allow(read=READERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def induction(request, crn: str):
    person = case_for(request.user, crn, request=request, page="induction")
    today = timezone.localdate()
    defaults = services.screen_defaults(person, today)
    initial = {k: ("yes" if v else "no") for k, v in defaults.items() if isinstance(v, bool)}
    initial.update({"ethnicity": defaults["ethnicity"], "religion": defaults["religion"]})
    form = ScreenForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            screen = services.record_screen(
                acting_user=request.user, person=person, answers=form.answers(),
                protected={k: form.cleaned_data[k] for k in
                           ("ethnicity", "religion", "sexual_orientation")},
                today=today, request=request)
            messages.success(request, _("Screen recorded: %(mode)s") % {
                "mode": screen.get_mode_display()})
            return redirect("induction:induction", crn=person.crn)
        status = 400
    sentence = selectors.current_sentence(person)
    content = induction_rules.induction_content(
        [c for c in selectors.requirement_codes(person)
         if c in induction_rules.REQUIREMENT_SECTIONS], sentence.type if sentence else None)
    return render(request, "induction/induction.html", {
        "person": person, "today": today, "form": form, "fields": govuk_fields(form),
        "screen": selectors.latest_screen(person), "bookings": selectors.bookings(person),
        "content": content, "age": defaults["age"], "can_edit": can_write(request),
        "questions": dict(SCREEN_QUESTIONS),
    }, status=status)


@allow(read=CASE_WRITERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def induction_book(request, crn: str):
    person = case_for(request.user, crn, request=request, page="induction-book")
    screen = selectors.latest_screen(person)
    mode = screen.mode if screen else InductionMode.INDIVIDUAL
    venues = selectors.venues(person)
    form = BookingForm(request.POST or None, venues=appointment_services.venue_choices(
        person, venues, sensitive=mode == InductionMode.INDIVIDUAL), initial={
        "mode": mode, "starts": dt.time(10), "ends": dt.time(12),
        "venue": person.lmc_id if any(v.pk == person.lmc_id for v in venues) else None})
    intro = (_("The suitability screen says: %(mode)s. The induction is booked as an "
               "appointment (about two hours) and a letter goes to the person.")
             % {"mode": screen.get_mode_display()}
             if screen else _("No suitability screen is recorded: record one first."))

    def save(d):
        return services.book_induction(
            acting_user=request.user, person=person, mode=d["mode"],
            venue=next(v for v in venues if v.pk == d["venue"]),
            starts_at=aware(d["day"], d["starts"]), ends_at=aware(d["day"], d["ends"]),
            request=request)

    return form_page(
        request, person, form, heading=_("Book the induction"), button=_("Book induction"),
        back=reverse("induction:induction", kwargs={"crn": person.crn}),
        back_text=_("Back to induction"), intro=intro,
        intro_items=[r["text"] for r in screen.reasons] if screen else (),
        success=_("Induction booked: it is on the Appointments tab"), save=save,
    )


@allow(read=READERS)
@require_http_methods(["GET"])
def induction_pdf(request, crn: str):
    person = case_for(request.user, crn, request=request, page="induction-pdf")
    pdf = documents.induction_summary(person, timezone.localdate())
    events.document_produced(user=request.user, person=person, document="induction_summary",
                             object_id=person.pk, request=request)
    return pdf_response(pdf, f"induction-{person.crn}.pdf")
