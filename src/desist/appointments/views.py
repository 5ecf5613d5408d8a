"""Case appointments (with RAR and minimum-offer progress), booking, outcomes and calendars."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from desist import words
from desist.access.rules import allow
from desist.api_params import parse_id
from desist.audit import events
from desist.dates import format_date
from desist.forms import StaleRecordError
from desist.interventions.selectors import open_case_referrals
from desist.organisation import selectors as organisation
from desist.organisation.roles import CASE_WRITERS, PROVIDER_STAFF, role_of
from desist.rules import venues as venue_rules
from desist.scopes import appointments as scoped
from desist.scopes.cases import case_for
from desist.validators import date_param

from . import selectors, services
from .choices import Kind, Outcome
from .forms import BookingForm, OutcomeForm


def _aware(value: dt.datetime) -> dt.datetime:
    return timezone.make_aware(value, timezone.get_current_timezone())


@allow(read=PROVIDER_STAFF)
@require_http_methods(["GET"])
def case_appointments(request, crn: str):
    person = case_for(request.user, crn, request=request, page="appointments")
    today = timezone.localdate()
    appointments = selectors.for_case(person)
    now = timezone.now()
    return render(request, "appointments/case.html", {
        "person": person, "today": today,
        "upcoming": [a for a in reversed(appointments) if a.starts_at >= now and not a.outcome],
        "past": [a for a in appointments if a.starts_at < now or a.outcome],
        "rar": selectors.rar_status(person, today), "offer": selectors.offer_status(person, today),
        "can_book": role_of(request.user) in CASE_WRITERS,
    })


def _evening_offers(person, venues, today):
    needs = services.needs_of(person)
    if not needs.works_daytime:
        return []
    monday = today - dt.timedelta(days=today.weekday())
    offers = []
    for week in (monday, monday + dt.timedelta(days=7)):
        for venue in venues:
            facts = services.venue_facts(venue)
            if venue_rules.venue_problems(facts, needs, venue_rules.Slot(dt.datetime.min,
                                                                         dt.datetime.min)):
                continue
            for starts, ends in venue_rules.evening_slots(facts, needs, week):
                if starts.date() > today:
                    offers.append({"venue": venue, "starts": starts, "ends": ends})
    return sorted(offers, key=lambda o: o["starts"])[:6]


@allow(read=CASE_WRITERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def book(request, crn: str):
    person = case_for(request.user, crn, request=request, page="book-appointment")
    today = timezone.localdate()
    venues = organisation.active_venues(person.provider_id)
    officers = organisation.officers_who_book(person.provider_id)
    # The case is access-checked above and partners cannot book, so its referrals are in scope.
    referrals = open_case_referrals(person)
    initial = {"kind": Kind.OFFICER, "rar_activity": None}
    for name in ("venue", "day", "starts", "ends", "kind"):
        if request.GET.get(name):
            initial[name] = request.GET[name]
    form = BookingForm(request.POST or None, initial=initial,
                       venues=services.venue_choices(person, venues), officers=officers,
                       referrals=referrals)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            venue = next(v for v in venues if v.pk == data["venue"])
            officer = next((o for o in officers if o.pk == data["officer"]), None)
            referral = next((r for r in referrals if r.pk == data["referral"]), None)
            try:
                appointment = services.book(
                    user=request.user, person=person, kind=data["kind"], venue=venue,
                    starts_at=_aware(data["starts_at"]), ends_at=_aware(data["ends_at"]),
                    rar_activity=data["rar_activity"], officer=officer, referral=referral,
                    purpose=data["purpose"], sensitive=data["sensitive"],
                    women_only=data["women_only"], request=request)
            except services.BookingRefused as refusal:
                events.booking_refused(user=request.user, person=person,
                                       reasons=[r.code for r in refusal.reasons], request=request)
                for reason in refusal.reasons:
                    field = "venue" if reason.code.startswith("s1_") and "opening" not in \
                        reason.code and "closed" not in reason.code else "starts"
                    form.add_error(field, words.reason(reason))
                status = 400
            else:
                messages.success(request, _("Appointment booked for %(when)s") % {
                    "when": format_date(appointment.starts_at, "full_at")})
                return redirect("appointments:case", crn=person.crn)
        else:
            status = 400
    return render(request, "appointments/book.html", {
        "person": person, "form": form, "today": today,
        "evening_offers": _evening_offers(person, venues, today),
    }, status=status)


@allow(read=PROVIDER_STAFF, write=CASE_WRITERS,
       case=lambda request, pk: scoped.appointment_for(request.user, pk).person)
@require_http_methods(["GET", "POST"])
def appointment(request, pk: int):
    appointment = scoped.appointment_for(request.user, pk)
    person = appointment.person
    events.case_viewed(user=request.user, person=person, request=request, page="appointment")
    form = OutcomeForm(request.POST or None, initial={"version": appointment.version})
    status = 200
    if request.method == "POST":
        if appointment.outcome:
            if not form.is_bound:  # an empty POST: bind it so it can carry the error
                form.is_bound, form.data = True, {}
            form.is_valid()  # add_error needs a cleaned form, whatever was posted
            form.add_error(None, _("The outcome of this appointment is already recorded."))
            status = 409
        elif form.is_valid():
            data = form.cleaned_data
            try:
                if data["outcome"] == Outcome.RESCHEDULED:
                    services.reschedule(
                        user=request.user, appointment=appointment,
                        starts_at=_aware(dt.datetime.combine(data["new_day"], data["new_starts"])),
                        ends_at=_aware(dt.datetime.combine(data["new_day"], data["new_ends"])),
                        request=request)
                else:
                    services.record_outcome(user=request.user, appointment=appointment,
                                            outcome=data["outcome"], evidence=data["evidence"],
                                            expected_version=data["version"], request=request)
            except StaleRecordError as error:
                form.add_error(None, str(error))
                status = 409
            except services.BookingRefused as refusal:
                for reason in refusal.reasons:
                    form.add_error("new_starts", words.reason(reason))
                status = 400
            except services.OutcomeRefused as error:
                form.add_error("outcome", str(error))
                status = 400
            else:
                messages.success(request, _("Outcome recorded"))
                return redirect("appointments:case", crn=person.crn)
        else:
            status = 400
    chosen = form["outcome"].value()
    return render(request, "appointments/appointment.html", {
        "appointment": appointment, "person": person, "form": form,
        "outcome_items": [{"value": v, "text": label, "checked": v == chosen}
                          for v, label in form.fields["outcome"].choices],
        "today": timezone.localdate(),
        "can_record": role_of(request.user) in CASE_WRITERS and not appointment.outcome,
    }, status=status)


def _week_param(request) -> dt.date:
    return date_param(request.GET.get("week"))  # out of range (9999-12-27) → this week


@allow(read=PROVIDER_STAFF)
@require_http_methods(["GET"])
def calendar(request):
    staff = request.user.staff
    officer = staff
    if (officer_id := parse_id(request.GET.get("officer", ""))) is not None:
        officer = organisation.provider_staff_member(staff.provider_id, officer_id)
        if officer is None:
            raise Http404("No such officer.")
    data = scoped.week(request.user, week=_week_param(request), officer=officer)
    events.caseload_listed(user=request.user, crns=sorted({a.person.crn for a in data["rows"]}),
                           request=request, query={"calendar": "officer", "officer": officer.pk,
                                                   "week": data["monday"].isoformat()})
    return render(request, "appointments/calendar.html", {
        **data, "title": _("Calendar: %(who)s") % {"who": officer}, "param": "officer",
        "value": officer.pk, "prev": data["monday"] - dt.timedelta(days=7),
        "next": data["monday"] + dt.timedelta(days=7),
    })


@allow(read=PROVIDER_STAFF)
@require_http_methods(["GET"])
def venue_calendar(request):
    staff = request.user.staff
    venues = organisation.active_venues(staff.provider_id)
    chosen = request.GET.get("venue", "")
    venue = next((v for v in venues if str(v.pk) == chosen), None) or (
        next((v for v in venues if v.pk == staff.base_id), None) or (venues[0] if venues else None))
    if venue is None:
        raise Http404("No venues.")
    data = scoped.week(request.user, week=_week_param(request), venue=venue)
    events.caseload_listed(user=request.user, crns=sorted({a.person.crn for a in data["rows"]}),
                           request=request, query={"calendar": "venue", "venue": venue.pk,
                                                   "week": data["monday"].isoformat()})
    return render(request, "appointments/calendar.html", {
        **data, "title": _("Venue calendar: %(v)s") % {"v": venue.name}, "param": "venue",
        "value": venue.pk, "prev": data["monday"] - dt.timedelta(days=7),
        "next": data["monday"] + dt.timedelta(days=7), "venue": venue,
        "venue_choices": [(v.pk, v.name) for v in venues],
    })
