"""Check-ins: the officer's tab, starting a kiosk, and the person's kiosk and online pages.

The person-facing pages are public (no sign-in): the person is known only after ``identify``,
and only for the few minutes of one check-in (the enrolment id in the session). They are in
English or Welsh (``?lang=cy``), and the kiosk ones have no navigation out.
"""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from desist.access.rules import allow, not_a_case
from desist.errors import Refused
from desist.organisation.roles import CASE_WRITERS, MANAGERS, PROVIDER_STAFF, role_of
from desist.reviews.forms import add_refusal
from desist.scopes.cases import case_for

from . import selectors, services
from .choices import Channel
from .forms import QUESTION_LABELS, ApprovalForm, EnrolForm, IdentifyForm, QuestionsForm
from .middleware import KIOSK_SESSION_KEY

IDENTIFIED_KEY = "checkin_identified"
LANG_KEY = "checkin_lang"
IDENTIFIED_SECONDS = 600


def answers_text(checkin) -> str:
    """What the person said that needs attention, in the questionnaire's words."""
    from desist.rules.checkins import QUESTION_WORDS

    said = [QUESTION_WORDS[k] for k, v in checkin.answers.items() if v and k in QUESTION_WORDS]
    if checkin.details:
        said.append(checkin.details)
    return "; ".join(said) or _("Nothing")


@require_http_methods(["GET"])  # first: a POST here is 405; each write has its own route below
@allow(read=PROVIDER_STAFF)
def case(request, crn: str):
    person = case_for(request.user, crn, request=request, page="checkins")
    return _case_page(request, person)


def _case_page(request, person, *, bound=None, status=200, shown_secret=None):
    """The check-ins tab; ``bound`` is the posted form ("enrol" / "approve", form) to show."""
    forms = {"enrol": EnrolForm(), "approve": ApprovalForm()}
    if bound is not None:
        forms[bound[0]] = bound[1]
    return render(request, "checkins/case.html", {
        "person": person, "enrolment": selectors.enrolment(person),
        "eligibility": selectors.eligibility(person),
        "approval": selectors.senior_approval(person),
        "checkins": selectors.checkins(person), "forms": forms,
        "form": bound[1] if bound is not None else None, "secret": shown_secret,
        "question_labels": QUESTION_LABELS, "today": timezone.localdate(),
        "can_write": role_of(request.user) in CASE_WRITERS,
        "can_approve": role_of(request.user) in MANAGERS, "answers_text": answers_text,
    }, status=status)


def _write(request, crn: str, name: str, form, write):
    """Run one check-in write: ``write(person)`` returns a response, or None to show the tab;
    a refusal goes on ``form`` (or the enrolment form) with 400 / 409."""
    person = case_for(request.user, crn, request=request, page="checkins")
    bound = (name, form) if form is not None else None
    if form is not None and not form.is_valid():
        return _case_page(request, person, bound=bound, status=400)
    try:
        return write(person)
    except Refused as error:
        shown = form if form is not None else EnrolForm()
        add_refusal(shown, error)
        return _case_page(request, person, bound=bound or ("enrol", shown),
                          status=409 if error.conflict else 400)


@require_http_methods(["POST"])
@allow(write=CASE_WRITERS)
def enrol(request, crn: str):
    """Enrol the person for self-reporting: the new PIN is shown once."""
    form = EnrolForm(request.POST)

    def write(person):
        _enrolment, pin = services.enrol(acting_user=request.user, person=person,
                                         every_days=form.cleaned_data["every_days"],
                                         request=request)
        return _case_page(request, person, shown_secret=("pin", pin))
    return _write(request, crn, "enrol", form, write)


@require_http_methods(["POST"])
@allow(write=MANAGERS)
def approve(request, crn: str):
    """A senior manager approves self-reporting for a person it would otherwise exclude."""
    form = ApprovalForm(request.POST)

    def write(person):
        services.senior_approval_record(acting_user=request.user, person=person,
                                        reason=form.cleaned_data["reason"], request=request)
        messages.success(request, _("Senior approval recorded"))
        return redirect("checkins:case", crn=person.crn)
    return _write(request, crn, "approve", form, write)


def _enrolment_write(request, crn: str, write):
    def with_enrolment(person):
        enrolment = selectors.enrolment(person)
        if enrolment is None:
            return _case_page(request, person, status=400)
        return write(person, enrolment)
    return _write(request, crn, "enrol", None, with_enrolment)


@require_http_methods(["POST"])
@allow(write=CASE_WRITERS)
def code(request, crn: str):
    """Issue a one-time code, shown once."""
    return _enrolment_write(request, crn, lambda person, enrolment: _case_page(
        request, person, shown_secret=("code", services.code_issue(
            acting_user=request.user, enrolment=enrolment, request=request))))


@require_http_methods(["POST"])
@allow(write=CASE_WRITERS)
def unlock(request, crn: str):
    def write(person, enrolment):
        services.unlock(acting_user=request.user, enrolment=enrolment, request=request)
        messages.success(request, _("Check-in unlocked"))
        return redirect("checkins:case", crn=person.crn)
    return _enrolment_write(request, crn, write)


@allow(read=CASE_WRITERS, write=CASE_WRITERS, case=not_a_case)
@require_http_methods(["GET", "POST"])
def kiosk_start(request):
    """Turn this browser into the office kiosk: the member of staff is signed out and the
    session can reach only the kiosk from now on."""
    if request.method == "POST":
        provider_id = request.user.staff.provider_id
        logout(request)
        request.session[KIOSK_SESSION_KEY] = provider_id
        return redirect("checkins:kiosk")
    return render(request, "checkins/kiosk_start.html", {})


def _language(request) -> str:
    lang = request.GET.get("lang")
    if lang in ("en", "cy"):
        request.session[LANG_KEY] = lang
    return request.session.get(LANG_KEY, "en")


def _render(request, template, context, status=200, channel="online"):
    lang = _language(request)
    with translation.override(lang):
        return render(request, template, {**context, "lang": lang, "channel": channel,
                                          "kiosk": channel == Channel.KIOSK}, status=status)


def _channel_guard(request, channel: str):
    if channel == Channel.KIOSK and not request.session.get(KIOSK_SESSION_KEY):
        return redirect("checkins:online")
    return None


def _names(channel: str) -> tuple[str, str, str]:
    prefix = "checkins:kiosk" if channel == Channel.KIOSK else "checkins:online"
    return prefix, prefix + "-questions", prefix + "-done"


@allow(public=True)
@require_http_methods(["GET", "POST"])
def identify(request, channel: str):
    if (guard := _channel_guard(request, channel)) is not None:
        return guard
    start, questions, _done = _names(channel)
    lang = _language(request)
    with translation.override(lang):
        form = IdentifyForm(request.POST if request.method == "POST" else None)
        status = 200
        if request.method == "POST":
            if form.is_valid():
                data = form.cleaned_data
                try:
                    enrolment = services.identify(
                        date_of_birth=data["date_of_birth"], pin=data["pin"],
                        code=data["code"], channel=channel,
                        provider_id=request.session.get(KIOSK_SESSION_KEY), request=request)
                except Refused as error:
                    form.add_error("pin" if data["pin"] else "code", _person_message(error))
                    status = 409 if error.conflict else 400
                else:
                    request.session.cycle_key()
                    request.session[IDENTIFIED_KEY] = {"pk": enrolment.pk, "at": time.time(),
                                                       "channel": channel}
                    return redirect(questions)
            else:
                status = 400
    return _render(request, "checkins/identify.html", {"form": form, "start": start},
                   status=status, channel=channel)


def _person_message(error: Refused) -> str:
    if error.code == "locked":
        return _("Check-in is locked after too many wrong PINs. Ask at reception or call your "
                 "officer.")
    return _("We could not match those details. Check them and try again, or ask at "
             "reception.")


def _identified(request, channel: str):
    found = request.session.get(IDENTIFIED_KEY)
    if not found or found.get("channel") != channel or \
            time.time() - found.get("at", 0) > IDENTIFIED_SECONDS:
        return None
    return selectors.enrolment_by_pk(found["pk"])


@allow(public=True)
@require_http_methods(["GET", "POST"])
def questions(request, channel: str):
    if (guard := _channel_guard(request, channel)) is not None:
        return guard
    start, _questions, done = _names(channel)
    enrolment = _identified(request, channel)
    if enrolment is None:
        return redirect(start)
    lang = _language(request)
    with translation.override(lang):
        form = QuestionsForm(request.POST if request.method == "POST" else None)
        status = 200
        if request.method == "POST":
            if form.is_valid():
                try:
                    services.check_in(enrolment=enrolment, channel=channel,
                                      answers=form.answers(),
                                      details=form.cleaned_data["details"], request=request)
                except Refused as error:
                    form.add_error(None, _person_message(error))
                    status = 409
                else:
                    request.session.pop(IDENTIFIED_KEY, None)
                    return redirect(done)
            else:
                status = 400
        items = {name: [{"value": v, "text": str(label), "checked": form[name].value() == v}
                        for v, label in form.fields[name].choices]
                 for name in form.fields if name != "details"}
    return _render(request, "checkins/questions.html", {
        "form": form, "items": items, "first_name": enrolment.person.first_name,
        "start": start}, status=status, channel=channel)


@allow(public=True)
@require_http_methods(["GET"])
def done(request, channel: str):
    if (guard := _channel_guard(request, channel)) is not None:
        return guard
    start, _questions, _done = _names(channel)
    return _render(request, "checkins/done.html", {"start": start}, channel=channel)
