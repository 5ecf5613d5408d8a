"""Compliance tab, absence decisions, the hub's enforcement queue, breaches and letters."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from desist import uploads
from desist.access.roles import CASE_WRITERS, PROVIDER_STAFF, Role, role_of
from desist.access.rules import allow
from desist.access.selectors import case_for
from desist.audit import events
from desist.errors import Refused
from desist.write_views import submit

from . import letters, selectors, services
from .choices import BreachStatus, LetterStatus
from .forms import (
    WEEKDAYS,
    ArrangementForm,
    BreachOutcomeForm,
    DecisionForm,
    EvidenceForm,
    SubmitBreachForm,
)

HUB_READERS = {Role.HUB_ADMIN, Role.MANAGER, Role.SYSADMIN, Role.AUDITOR}
HUB_WRITERS = {Role.HUB_ADMIN, Role.MANAGER, Role.SYSADMIN}
DECIDERS = {Role.RESPONSIBLE_OFFICER, Role.MANAGER}
# How the officer resolves a conflict between "unacceptable" and a flexible arrangement (§11).
CONFLICT_CHOICES = {
    "acceptable": _("Acceptable: the arrangement covers this absence (no warning, no letter)"),
    "unacceptable": _("Unacceptable: the arrangement does not excuse this absence"),
}


def compliance_panel(request, person, today):
    record = selectors.compliance_record(person, today)
    if not (record["absences"] or record["arrangements"] or record["breaches"]):
        return None
    return {"crn": person.crn, "counts": record["counts"],
            "open_breaches": [b for b in record["breaches"] if b.status != BreachStatus.CLOSED]}


@allow(read=PROVIDER_STAFF, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def case(request, crn: str):
    person = case_for(request.user, crn, request=request, page="compliance")
    today = timezone.localdate()
    form = ArrangementForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            services.record_arrangement(user=request.user, person=person, reason=data["reason"],
                                        starts_on=data["starts_on"], ends_on=data["ends_on"],
                                        weekdays=data["weekdays"], changes=data["changes"],
                                        request=request)
            messages.success(request, _("Flexible arrangement recorded: no automated warning "
                                        "for what it covers"))
            return redirect("compliance:case", crn=person.crn)
        status = 400
    chosen = form["weekdays"].value() or []
    return render(request, "compliance/case.html", {
        "person": person, "today": today, "form": form,
        **selectors.compliance_record(person, today),
        "weekday_items": [{"value": v, "text": str(label), "checked": v in chosen}
                          for v, label in WEEKDAYS],
        "reason_choices": form.fields["reason"].choices,
        "can_write": role_of(request.user) in CASE_WRITERS,
    }, status=status)


@allow(read=PROVIDER_STAFF, write=CASE_WRITERS,
       case=lambda request, pk: selectors.absence_for(request.user, pk).person)
@require_http_methods(["GET", "POST"])
def absence(request, pk: int):
    absence = selectors.absence_for(request.user, pk)
    events.case_viewed(user=request.user, person=absence.person, request=request, page="absence")
    action = request.POST.get("action") if request.method == "POST" else None
    decision_form = DecisionForm(request.POST if action == "decide" else None,
                                 initial={"version": absence.version})
    evidence_form = EvidenceForm(request.POST if action == "evidence" else None,
                                 request.FILES if action == "evidence" else None)
    status = 200
    role = role_of(request.user)
    if action == "decide":
        if role not in DECIDERS or absence.status not in ("awaiting", "conflict"):
            raise PermissionDenied
        response, status = submit(
            request, decision_form,
            lambda data: services.decide(user=request.user, absence=absence,
                                         judged=data["judged"], evidence=data["evidence"],
                                         expected_version=data["version"], request=request),
            success=_("Decision recorded"),
            redirect_to=("compliance:absence", {"pk": absence.pk}))
        if response:
            return response
    elif action == "evidence":
        if evidence_form.is_valid():
            data = evidence_form.cleaned_data
            services.attach_evidence(user=request.user, absence=absence,
                                     description=data["description"], file=data["file"],
                                     received_at=data["received_at"], request=request)
            messages.success(request, _("Evidence attached"))
            return redirect("compliance:absence", pk=absence.pk)
        status = 400
    elif action is not None:
        status = 400
    form = decision_form if action == "decide" else evidence_form if action == "evidence" else None
    chosen = decision_form["judged"].value()
    conflict = absence.status == "conflict"
    return render(request, "compliance/absence.html", {
        "absence": absence, "person": absence.person, "form": form,
        "decision_form": decision_form, "evidence_form": evidence_form,
        "judged_items": [{"value": v, "text": str(CONFLICT_CHOICES[v] if conflict else label),
                          "checked": v == chosen}
                         for v, label in decision_form.fields["judged"].choices],
        "conflict": conflict,
        "can_decide": role in DECIDERS and absence.status in ("awaiting", "conflict"),
        "can_attach": role in CASE_WRITERS, "today": timezone.localdate(),
        "letters": list(absence.letters.defer("pdf")),
    }, status=status)


@allow(read=HUB_READERS)
@require_http_methods(["GET"])
def hub(request):
    # Letters are produced by the worker when they are composed (and by the scheduled job):
    # there is no button to press, so a forgotten press never leaves a warning unsent.
    today = timezone.localdate()
    queue = selectors.hub_queue(request.user, today)
    crns = sorted({row["absence"].person.crn for row in queue["absences"]}
                  | {b.person.crn for b in queue["breaches"]}
                  | {row["action"].person.crn for row in queue["actions"]})
    events.caseload_listed(user=request.user, crns=crns, request=request,
                           query={"compliance": "hub"})
    return render(request, "compliance/hub.html", {**queue, "today": today})


LETTER_VIEWS = {
    "to_post": _("Produced, not yet posted"),
    "posted": _("Posted"),
    "waiting": _("Waiting to be produced"),
    "not_sent": _("Not sent or sent in a combined letter"),
}


@allow(read=HUB_READERS, write=HUB_WRITERS)
@require_http_methods(["GET", "POST"])
def hub_letters(request):
    """The letters the hub produced: list, reprint (the same PDF) and mark as posted."""
    view = request.GET.get("show", "to_post")
    if view not in LETTER_VIEWS:
        view = "to_post"
    if request.method == "POST":
        pk = request.POST.get("letter", "")
        action = request.POST.get("action")
        if not pk.isdigit() or action not in ("posted", "reprint"):
            messages.error(request, _("Choose a letter and what to do with it."))
            return redirect(f"{request.path}?show={view}")
        letter = selectors.letter_for(request.user, int(pk))
        try:
            if action == "posted":
                services.letter_mark_posted(acting_user=request.user, letter=letter,
                                            request=request)
                messages.success(request, _("Marked as posted: %(kind)s for %(name)s") % {
                    "kind": letter.get_kind_display(), "name": letter.person.name})
            else:
                services.letter_reprint(acting_user=request.user, letter=letter, request=request)
                return redirect("compliance:letter", pk=letter.pk)
        except Refused as error:
            messages.error(request, error.message)
        return redirect(f"{request.path}?show={view}")
    rows = selectors.hub_letters(request.user, view)
    events.caseload_listed(user=request.user, crns=sorted({lt.person.crn for lt in rows}),
                           request=request, query={"compliance": "letters", "show": view})
    return render(request, "compliance/letters.html", {
        "rows": rows, "view": view, "views": LETTER_VIEWS,
        "can_write": role_of(request.user) in HUB_WRITERS})


@allow(read=PROVIDER_STAFF, write=CASE_WRITERS,
       case=lambda request, pk: selectors.breach_for(request.user, pk).person)
@require_http_methods(["GET", "POST"])
def breach(request, pk: int):
    breach = selectors.breach_for(request.user, pk)
    events.case_viewed(user=request.user, person=breach.person, request=request, page="breach")
    action = request.POST.get("action") if request.method == "POST" else None
    submit_form = SubmitBreachForm(request.POST if action == "submit" else None,
                                   initial={"version": breach.version,
                                            "assessment": breach.officer_assessment})
    outcome_form = BreachOutcomeForm(request.POST if action == "outcome" else None,
                                     initial={"version": breach.version})
    role = role_of(request.user)
    status = 200
    if action in ("submit", "outcome"):
        form_ = submit_form if action == "submit" else outcome_form
        if action == "outcome" and role not in HUB_WRITERS:
            raise PermissionDenied
        def write(data):
            if action == "submit":
                return services.submit_breach(user=request.user, breach=breach,
                                              assessment=data["assessment"],
                                              expected_version=data["version"], request=request)
            return services.record_breach_outcome(user=request.user, breach=breach,
                                                  outcome=data["outcome"], notes=data["notes"],
                                                  expected_version=data["version"],
                                                  request=request)

        response, status = submit(request, form_, write, success=_("Breach updated"),
                                  redirect_to=("compliance:breach", {"pk": breach.pk}))
        if response:
            return response
    elif action is not None:
        status = 400
    form = submit_form if action == "submit" else outcome_form if action == "outcome" else None
    return render(request, "compliance/breach.html", {
        "breach": breach, "person": breach.person, "form": form, "submit_form": submit_form,
        "outcome_form": outcome_form, "today": timezone.localdate(),
        "can_submit": role in CASE_WRITERS and breach.status == BreachStatus.OFFICER,
        "can_outcome": role in HUB_WRITERS and breach.status == BreachStatus.SUBMITTED,
    }, status=status)


@allow(read=PROVIDER_STAFF)
@require_http_methods(["GET"])
def breach_report(request, pk: int):
    breach = selectors.breach_for(request.user, pk)
    events.document_viewed(user=request.user, person=breach.person, document="breach_report",
                           object_id=breach.pk, request=request)
    response = HttpResponse(letters.breach_report_pdf(breach), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="breach-{breach.person.crn}.pdf"'
    return response


@allow(read=PROVIDER_STAFF)
@require_http_methods(["GET"])
def absence_evidence(request, pk: int):
    """The evidence file attached to an absence: access-checked, audited, never cached or shown
    inline (an attachment with the type its content was checked to be)."""
    absence = selectors.absence_for(request.user, pk)
    if not absence.evidence_file:
        raise Http404("No evidence file.")
    data = bytes(absence.evidence_file)
    kind = uploads.sniff(data[:16], data)
    if kind is None:  # stored before the allow-list: never served as what it claims to be
        kind = uploads.FileKind("file", "application/octet-stream", ("bin",))
    events.document_viewed(user=request.user, person=absence.person, document="absence_evidence",
                           object_id=absence.pk, request=request)
    response = HttpResponse(data, content_type=kind.content_type)
    name = uploads.safe_download_name(absence.evidence_file_name or "evidence", kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@allow(read=PROVIDER_STAFF)
@require_http_methods(["GET"])
def letter_pdf(request, pk: int):
    letter = selectors.letter_for(request.user, pk)
    if letter.status != LetterStatus.PRODUCED or not letter.pdf:
        raise Http404("This letter has not been produced.")
    events.document_viewed(user=request.user, person=letter.person, document="letter",
                           object_id=letter.pk, request=request)
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="letter-{letter.pk}.pdf"'
    return response
