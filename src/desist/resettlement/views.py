"""Through the Gate pages: the case's resettlement tab, the screening, the release-day checklist,
the service level, the administrator's assessment versions, and the person's own page."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from desist.access.rules import allow, not_a_case
from desist.errors import Refused
from desist.organisation.roles import CASE_WRITERS, PROVIDER_STAFF, Role, role_of
from desist.scopes import resettlement as scoped
from desist.scopes.cases import case_for

from . import person_words, selectors, services
from .assessment import asked, options_of
from .choices import NEED_CHOICES, AssessmentKind, ChecklistItem, NeedStatus, PathwayStatus
from .forms import (
    CodeForm,
    LoadForm,
    NeedForm,
    NeedUpdateForm,
    OpenForm,
    PathwayForm,
    ReleaseForm,
    RiskSectionForm,
    TickForm,
    refusal_form,
)

SERVICE_READERS = {Role.MANAGER, Role.HUB_ADMIN, Role.SYSADMIN, Role.AUDITOR}
ADMINS = {Role.SYSADMIN}
PERSON_SESSION_KEY = "resettlement_person"


def _case_context(request, person, today):
    case = selectors.custody_case_of(person)
    ctx = {"person": person, "today": today, "case": case,
           "can_write": role_of(request.user) in CASE_WRITERS}
    if case is None:
        ctx["sentences"] = selectors.sentences_to_open(person)
    else:
        ctx.update(selectors.case_page(case, today))
        ctx["owner_choices"] = [(s.pk, s.user.get_full_name() or s.user.username)
                                for s in selectors.owners(person)]
        ctx["status_choices"] = PathwayStatus.choices
        ctx["need_status_choices"] = NeedStatus.choices
        ctx["need_choices"] = NEED_CHOICES
    return ctx


@allow(read=PROVIDER_STAFF, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def case(request, crn: str):
    """The resettlement tab: pathways, support needs, the risk section and completing the plan.
    Every write is one ``action``; a refusal is shown in the error summary against its field."""
    person = case_for(request.user, crn, request=request, page="resettlement")
    today = timezone.localdate()
    form = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            done = _act(request, person, action, today)
        except Refused as error:
            bound = ACTION_FORMS.get(action)
            form = refusal_form(error, getattr(error, "form", None) or (
                bound(request.POST) if bound else None))
            status = error.status
        else:
            if done is not None:
                form = done
                status = 400
            else:
                return redirect(_next(request, person))
    ctx = _case_context(request, person, today)
    ctx["form"] = form
    ctx["open_form"] = form if isinstance(form, OpenForm) else OpenForm()
    ctx["need_form"] = form if isinstance(form, NeedForm) else NeedForm()
    return render(request, "resettlement/case.html", ctx, status=status)


ACTION_FORMS = {"open": OpenForm, "need": NeedForm, "release": ReleaseForm}


def _next(request, person) -> str:
    """Where to go after a write: a page of this site named in ``next``, else the tab."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return f"/cases/{person.crn}/resettlement/"


def _invalid(form):
    """Raise the form's own errors through the same path as a refusal."""
    error = Refused(code="invalid", problems={
        k: " ".join(v) for k, v in form.errors.items()})
    error.form = form
    raise error


def _act(request, person, action: str, today):
    user = request.user
    post = request.POST
    if action == "open":
        form = OpenForm(post)
        if not form.is_valid():
            _invalid(form)
        sentence = next((s for s in selectors.sentences_to_open(person)
                         if s.pk == form.cleaned_data["sentence"]), None)
        if sentence is None:
            raise services.ResettlementRefused("Choose a custodial sentence on this case.",
                                               field="sentence")
        services.custody_case_open(acting_user=user, person=person, sentence=sentence,
                                   prison=form.cleaned_data["prison"],
                                   reception_on=form.cleaned_data["reception_on"],
                                   request=request)
        messages.success(request, _("Resettlement started"))
        return None
    case = selectors.custody_case_of(person)
    if case is None:
        raise Http404
    write = CASE_WRITES.get(action)
    if write is None:
        raise Http404
    write(request, person, case, today)
    return None


def _write_pathway(request, person, case, today):
    user = request.user
    post = request.POST
    pathway = selectors.pathway_of(case, post.get("pathway"))
    form = PathwayForm(post)
    if not form.is_valid():
        _invalid(form)
    services.pathway_set_status(acting_user=user, pathway=pathway,
                                status=form.cleaned_data["status"],
                                note=form.cleaned_data["note"],
                                expected_version=form.cleaned_data["version"],
                                request=request)
    messages.success(request, _("Pathway updated"))


def _write_need(request, person, case, today):
    user = request.user
    post = request.POST
    form = NeedForm(post)
    if not form.is_valid():
        _invalid(form)
    owner = None
    if form.cleaned_data["owner"]:
        owner = next((s for s in selectors.owners(person) if s.pk == form.cleaned_data["owner"]), None)
    services.need_add(acting_user=user, case=case, kind=form.cleaned_data["kind"],
                      due_on=form.cleaned_data["due_on"], owner=owner,
                      notes=form.cleaned_data["notes"], request=request)
    messages.success(request, _("Support need added"))


def _write_need_update(request, person, case, today):
    user = request.user
    post = request.POST
    need = selectors.need_of(case, post.get("need"))
    form = NeedUpdateForm(post)
    if not form.is_valid():
        _invalid(form)
    services.need_update(acting_user=user, need=need, status=form.cleaned_data["status"],
                         note=form.cleaned_data["note"],
                         expected_version=form.cleaned_data["version"], request=request)
    messages.success(request, _("Support need updated"))


def _write_risk(request, person, case, today):
    user = request.user
    post = request.POST
    form = RiskSectionForm(post)
    if not form.is_valid():
        _invalid(form)
    services.risk_section_save(acting_user=user, case=case,
                               text=form.cleaned_data["risk_section"],
                               expected_version=form.cleaned_data["version"],
                               request=request)
    messages.success(request, _("Risk of harm section saved"))


def _write_complete(request, person, case, today):
    user = request.user
    post = request.POST
    services.plan_complete(acting_user=user, case=case, today=today,
                           expected_version=int(post.get("version") or 0) or None,
                           request=request)
    messages.success(request, _("Resettlement plan complete"))


def _write_code(request, person, case, today):
    user = request.user
    code = services.code_issue(acting_user=user, case=case, request=request)
    messages.success(request, _("Code for the person: %(code)s. It works once, within 7 "
                                "days, with their date of birth.") % {"code": code})


def _write_tick(request, person, case, today):
    user = request.user
    post = request.POST
    form = TickForm(post)
    if not form.is_valid():
        _invalid(form)
    if form.cleaned_data["item"] == ChecklistItem.FIRST_APPOINTMENT:
        raise services.ResettlementRefused(
            "The first appointment is read from the appointments: book it.", field="item")
    services.checklist_tick(acting_user=user, case=case, item=form.cleaned_data["item"],
                            done=form.cleaned_data["done"], note=form.cleaned_data["note"],
                            request=request)
    messages.success(request, _("Checklist updated"))


def _write_release(request, person, case, today):
    user = request.user
    post = request.POST
    form = ReleaseForm(post)
    if not form.is_valid():
        _invalid(form)
    services.case_release(acting_user=user, case=case,
                          released_on=form.cleaned_data["released_on"],
                          expected_version=form.cleaned_data["version"], request=request)
    messages.success(request, _("Release recorded: the case moves to induction"))


# The writes on an open case's tab, by the posted action: still one URL (tests/test_conventions.py
# STILL_READ_AN_ACTION); each is a function so splitting them into routes is a move, not a rewrite.
CASE_WRITES = {
    "pathway": _write_pathway,
    "need": _write_need,
    "need_update": _write_need_update,
    "risk": _write_risk,
    "complete": _write_complete,
    "code": _write_code,
    "tick": _write_tick,
    "release": _write_release,
}


def _not_started(request, person):
    return render(request, "resettlement/not_started.html",
                  {"person": person, "today": timezone.localdate()})


@allow(read=PROVIDER_STAFF, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def screening(request, crn: str):
    """The screening (or pre-release assessment), asked from the current loaded version."""
    person = case_for(request.user, crn, request=request, page="resettlement screening")
    case = selectors.custody_case_of(person)
    if case is None:
        return _not_started(request, person)
    kind = request.GET.get("kind") or request.POST.get("kind") or AssessmentKind.SCREENING
    if kind not in AssessmentKind.values:
        raise Http404
    services.ensure_default_versions(kinds=(kind,))  # the shipped questions, when first needed
    version = selectors.current_version(kind)
    answers = {k: v for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken", "kind")}
    form, status = None, 200
    if request.method == "POST" and version is not None:
        try:
            services.assessment_record(acting_user=request.user, case=case, kind=kind,
                                       answers=answers, request=request)
        except Refused as error:
            form = refusal_form(error)
            status = error.status
        else:
            messages.success(request, _("Answers recorded"))
            return redirect("resettlement:case", crn=person.crn)
    questions = []
    if version is not None:
        shown = {q["id"] for q in asked(version.definition, answers)}
        for q in version.definition["questions"]:
            value = answers.get(q["id"], "")
            hint = ""
            if q.get("show_if"):
                labels = {qq["id"]: (qq["text"], dict(options_of(qq)))
                          for qq in version.definition["questions"]}
                hint = " ".join(
                    _("Answer only if “%(q)s” is “%(a)s”.") % {
                        "q": labels[k][0], "a": labels[k][1].get(v, v)}
                    for k, v in q["show_if"].items())
            questions.append({**q, "value": value, "hint": hint,
                              "radio_items": [{"value": v, "text": label, "checked": v == value}
                                        for v, label in options_of(q)],
                              "shown": q["id"] in shown or request.method == "GET"})
    return render(request, "resettlement/screening.html", {
        "person": person, "case": case, "version": version, "questions": questions,
        "kind": kind, "form": form, "today": timezone.localdate()}, status=status)


@allow(read=PROVIDER_STAFF, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def refer(request, crn: str):
    """Turn a support need into a partner referral through the referral machinery (§9): choose
    the need (if not chosen on the tab), then the partner service. Eligibility and duplicate
    checks are the interventions app's; a refusal shows its reasons and writes nothing."""
    person = case_for(request.user, crn, request=request, page="resettlement referral")
    case = selectors.custody_case_of(person)
    if case is None:
        return _not_started(request, person)
    needs = selectors.referable_needs(case)
    chosen = request.POST.get("need") or request.GET.get("need") or ""
    need = next((n for n in case.needs.all() if str(n.pk) == chosen), None)
    if chosen and need is None:
        raise Http404
    form, status = None, 200
    if request.method == "POST":
        if need is None:
            form = refusal_form(services.ResettlementRefused(
                "Choose the support need to refer.", field="need"))
            status = 400
        else:
            service = next((s for s in selectors.partner_services(request.user)
                            if str(s.pk) == request.POST.get("service")), None)
            try:
                services.need_refer(acting_user=request.user, need=need, service=service,
                                    request=request)
            except Refused as error:
                form = refusal_form(error)
                status = error.status
            else:
                messages.success(request, _("Referral made for %(n)s") % {
                    "n": need.get_kind_display()})
                return redirect(reverse("resettlement:case", kwargs={"crn": person.crn})
                                + "#needs")
    return render(request, "resettlement/refer.html", {
        "person": person, "case": case, "needs": needs, "need": need, "form": form,
        "partner_services": selectors.partner_services(request.user) if need else [],
        "can_write": role_of(request.user) in CASE_WRITERS,
        "chosen_service": request.POST.get("service", ""),
        "today": timezone.localdate()}, status=status)


@allow(read=PROVIDER_STAFF)  # read only: ticks post to the tab
@require_http_methods(["GET"])
def checklist(request, crn: str):
    """The release-day checklist the community officer works from (writes post to the tab)."""
    person = case_for(request.user, crn, request=request, page="release checklist")
    case = selectors.custody_case_of(person)
    if case is None:
        return _not_started(request, person)
    today = timezone.localdate()
    return render(request, "resettlement/checklist.html", {
        "person": person, "case": case, "today": today,
        "items": selectors.checklist(case, today), "appointment": selectors.next_appointment(
            person, after=case.release_on),
        "release_form": ReleaseForm(initial={"released_on": case.release_on}),
        "can_write": role_of(request.user) in CASE_WRITERS,
        "needs": [n for n in case.needs.all()]})


@allow(read=SERVICE_READERS)
@require_http_methods(["GET"])
def service_level(request):
    """Plans completed on time (§13), by prison or by office, with the cases behind a row."""
    today = timezone.localdate()
    by = "office" if request.GET.get("by") == "office" else "prison"
    name = request.GET.get("name", "")
    ctx = {"today": today, **scoped.service_level(request.user, today, by=by), "name": name}
    if name:
        ctx["cases"] = scoped.service_level_cases(request.user, today, by=by, name=name)
    return render(request, "resettlement/service_level.html", ctx)


@allow(read=ADMINS, write=ADMINS, case=not_a_case)
@require_http_methods(["GET", "POST"])
def assessments(request):
    """The loaded versions of the screening and pre-release questions; load a new one."""
    form = LoadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                definition = json.loads(form.cleaned_data["file"].read().decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                form.add_error("file", _("The file is not valid JSON"))
                status = 400
            else:
                try:
                    version = services.assessment_version_load(
                        acting_user=request.user, definition=definition, request=request)
                except Refused as error:
                    form = refusal_form(error, form)
                    status = error.status
                else:
                    messages.success(request, _("Loaded %(v)s") % {"v": str(version)})
                    return redirect("resettlement:assessments")
        else:
            status = 400
    return render(request, "resettlement/assessments.html",
                  {"form": form, "versions": selectors.versions()}, status=status)


# --- The person's own page --------------------------------------------------------------------
# Access rule: public (no staff sign-in). The person proves who they are with the one-time code
# their officer issued and their date of birth; the session then opens their own plan only, for
# an hour. Every try and every view is audited (services.code_redeem, person_plan).


def _language(request) -> str:
    chosen = request.GET.get("lang") or request.POST.get("lang") or request.session.get(
        "resettlement_lang")
    return "cy" if chosen == "cy" else "en"


@allow(public=True)
@require_http_methods(["GET", "POST"])
def person_start(request):
    lang = _language(request)
    request.session["resettlement_lang"] = lang
    words = person_words.words(lang)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                found = services.code_redeem(
                    code=form.cleaned_data["code"],
                    date_of_birth=form.cleaned_data["date_of_birth"],
                    client=request.META.get("REMOTE_ADDR", ""), request=request)
            except Refused as error:
                form = refusal_form(person_words.translated(error, lang), form)
                status = 400
            else:
                request.session.cycle_key()
                request.session[PERSON_SESSION_KEY] = {
                    "case": found.pk,
                    "until": (timezone.now() + services.VIEW_SESSION).isoformat()}
                request.session["resettlement_lang"] = lang
                return redirect("resettlement:person-plan")
        else:
            form = _person_form_errors(form, lang)
            status = 400
    with translation.override(lang):
        return render(request, "resettlement/person_start.html",
                      {"form": form, "w": words, "lang": lang}, status=status)


def _person_form_errors(form, lang):
    """A field left empty, said in the person's language."""
    for name in list(form.errors):
        key = "enter_" + name
        if name in form.fields and form.errors[name].as_data()[0].code == "required":
            form.errors[name] = form.error_class([person_words.words(lang)[key]])
    return form


@allow(public=True)
@require_http_methods(["GET"])
def person_plan(request):
    held = request.session.get(PERSON_SESSION_KEY) or {}
    until = held.get("until")
    if not held.get("case") or not until or timezone.datetime.fromisoformat(until) <= timezone.now():
        request.session.pop(PERSON_SESSION_KEY, None)
        return redirect("resettlement:person-start")
    lang = _language(request)
    request.session["resettlement_lang"] = lang
    view = selectors.person_view(held["case"])
    services.person_page_viewed(case=view["case"], client=request.META.get("REMOTE_ADDR", ""),
                                request=request)
    with translation.override(lang):
        return render(request, "resettlement/person_plan.html",
                      {**view, "w": person_words.words(lang), "lang": lang,
                       "pathway_words": person_words.pathways(lang)})

