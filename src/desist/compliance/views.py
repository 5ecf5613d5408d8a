"""Compliance tab, absence decisions, the hub's enforcement queue, breaches and letters."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from desist import uploads
from desist.access.rules import allow, not_a_case
from desist.audit import events
from desist.errors import Refused
from desist.navigation import timeline_entries
from desist.organisation.roles import CASE_WRITERS, PROVIDER_STAFF, Role, role_of
from desist.scopes import compliance as scoped
from desist.scopes.cases import case_for
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
        **selectors.compliance_record(
            person, today, extra=timeline_entries(request, "compliance", person)),
        "weekday_items": [{"value": v, "text": str(label), "checked": v in chosen}
                          for v, label in WEEKDAYS],
        "reason_choices": form.fields["reason"].choices,
        "can_write": role_of(request.user) in CASE_WRITERS,
    }, status=status)


def _absence_of(request, pk):
    return scoped.absence_for(request.user, pk).person


def _absence_page(request, absence, *, decision_form=None, evidence_form=None, status=200):
    if decision_form is None:
        decision_form = DecisionForm(initial={"version": absence.version})
    if evidence_form is None:
        evidence_form = EvidenceForm()
    form = decision_form if decision_form.is_bound else evidence_form if evidence_form.is_bound \
        else None
    role = role_of(request.user)
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


@allow(read=PROVIDER_STAFF, write=DECIDERS, case=_absence_of)
@require_http_methods(["GET", "POST"])
def absence(request, pk: int):
    """The absence; its POST records the officer's decision (acceptable or not, §11)."""
    absence = scoped.absence_for(request.user, pk)
    events.case_viewed(user=request.user, person=absence.person, request=request, page="absence")
    if request.method != "POST":
        return _absence_page(request, absence)
    if absence.status not in ("awaiting", "conflict"):
        raise PermissionDenied
    decision_form = DecisionForm(request.POST, initial={"version": absence.version})
    response, status = submit(
        request, decision_form,
        lambda data: services.decide(user=request.user, absence=absence, judged=data["judged"],
                                     evidence=data["evidence"], expected_version=data["version"],
                                     request=request),
        success=_("Decision recorded"), redirect_to=("compliance:absence", {"pk": absence.pk}))
    return response or _absence_page(request, absence, decision_form=decision_form, status=status)


@require_http_methods(["POST"])
@allow(write=CASE_WRITERS, case=_absence_of)
def absence_attach(request, pk: int):
    """Attach evidence presented for the absence (whoever receives it)."""
    absence = scoped.absence_for(request.user, pk)
    evidence_form = EvidenceForm(request.POST, request.FILES)
    response, status = submit(
        request, evidence_form,
        lambda data: services.attach_evidence(user=request.user, absence=absence,
                                              description=data["description"], file=data["file"],
                                              received_at=data["received_at"], request=request),
        success=_("Evidence attached"), redirect_to=("compliance:absence", {"pk": absence.pk}))
    return response or _absence_page(request, absence, evidence_form=evidence_form, status=status)


@allow(read=HUB_READERS)
@require_http_methods(["GET"])
def hub(request):
    # Letters are produced by the worker when they are composed (and by the scheduled job):
    # there is no button to press, so a forgotten press never leaves a warning unsent.
    today = timezone.localdate()
    queue = scoped.hub_queue(request.user, today)
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


def _letters_view(request) -> str:
    view = request.GET.get("show", "to_post")
    return view if view in LETTER_VIEWS else "to_post"


@allow(read=HUB_READERS)
@require_http_methods(["GET"])
def hub_letters(request):
    """The letters the hub produced: list, reprint (the same PDF) and mark as posted."""
    view = _letters_view(request)
    rows = scoped.hub_letters(request.user, view)
    events.caseload_listed(user=request.user, crns=sorted({lt.person.crn for lt in rows}),
                           request=request, query={"compliance": "letters", "show": view})
    return render(request, "compliance/letters.html", {
        "rows": rows, "view": view, "views": LETTER_VIEWS,
        "can_write": role_of(request.user) in HUB_WRITERS})


def _breach_of(request, pk):
    return scoped.breach_for(request.user, pk).person


def _breach_page(request, breach, *, submit_form=None, outcome_form=None, status=200):
    if submit_form is None:
        submit_form = SubmitBreachForm(initial={"version": breach.version,
                                                "assessment": breach.officer_assessment})
    if outcome_form is None:
        outcome_form = BreachOutcomeForm(initial={"version": breach.version})
    form = submit_form if submit_form.is_bound else outcome_form if outcome_form.is_bound else None
    role = role_of(request.user)
    return render(request, "compliance/breach.html", {
        "breach": breach, "person": breach.person, "form": form, "submit_form": submit_form,
        "outcome_form": outcome_form, "today": timezone.localdate(),
        "can_submit": role in CASE_WRITERS and breach.status == BreachStatus.OFFICER,
        "can_outcome": role in HUB_WRITERS and breach.status == BreachStatus.SUBMITTED,
    }, status=status)


@allow(read=PROVIDER_STAFF, write=CASE_WRITERS, case=_breach_of)
@require_http_methods(["GET", "POST"])
def breach(request, pk: int):
    """The breach; its POST submits the officer's assessment to the hub (§11)."""
    breach = scoped.breach_for(request.user, pk)
    events.case_viewed(user=request.user, person=breach.person, request=request, page="breach")
    if request.method != "POST":
        return _breach_page(request, breach)
    form = SubmitBreachForm(request.POST, initial={"version": breach.version,
                                                   "assessment": breach.officer_assessment})
    response, status = submit(
        request, form,
        lambda data: services.submit_breach(user=request.user, breach=breach,
                                            assessment=data["assessment"],
                                            expected_version=data["version"], request=request),
        success=_("Breach updated"), redirect_to=("compliance:breach", {"pk": breach.pk}))
    return response or _breach_page(request, breach, submit_form=form, status=status)


@require_http_methods(["POST"])
@allow(write=HUB_WRITERS, case=_breach_of)
def breach_outcome(request, pk: int):
    """The hub records the outcome of a submitted breach (§11)."""
    breach = scoped.breach_for(request.user, pk)
    form = BreachOutcomeForm(request.POST, initial={"version": breach.version})
    response, status = submit(
        request, form,
        lambda data: services.record_breach_outcome(user=request.user, breach=breach,
                                                    outcome=data["outcome"], notes=data["notes"],
                                                    expected_version=data["version"],
                                                    request=request),
        success=_("Breach updated"), redirect_to=("compliance:breach", {"pk": breach.pk}))
    return response or _breach_page(request, breach, outcome_form=form, status=status)


@require_http_methods(["POST"])
@allow(write=HUB_WRITERS, case=not_a_case)
def letter_posted(request, pk: int):
    """Mark a produced letter as posted (the hub's letters page)."""
    letter = scoped.letter_for(request.user, pk)
    try:
        services.letter_mark_posted(acting_user=request.user, letter=letter, request=request)
    except Refused as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Marked as posted: %(kind)s for %(name)s") % {
            "kind": letter.get_kind_display(), "name": letter.person.name})
    return redirect(f"{reverse('compliance:letters')}?show={_letters_view(request)}")


@require_http_methods(["POST"])
@allow(write=HUB_WRITERS, case=not_a_case)
def letter_reprint(request, pk: int):
    """Reprint a produced letter: the same PDF, counted."""
    letter = scoped.letter_for(request.user, pk)
    try:
        services.letter_reprint(acting_user=request.user, letter=letter, request=request)
    except Refused as error:
        messages.error(request, error.message)
        return redirect(f"{reverse('compliance:letters')}?show={_letters_view(request)}")
    return redirect("compliance:letter", pk=letter.pk)


@allow(read=PROVIDER_STAFF)
@require_http_methods(["GET"])
def breach_report(request, pk: int):
    breach = scoped.breach_for(request.user, pk)
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
    absence = scoped.absence_for(request.user, pk)
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
    letter = scoped.letter_for(request.user, pk)
    if letter.status != LetterStatus.PRODUCED or not letter.pdf:
        raise Http404("This letter has not been produced.")
    events.document_viewed(user=request.user, person=letter.person, document="letter",
                           object_id=letter.pk, request=request)
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="letter-{letter.pk}.pdf"'
    return response
