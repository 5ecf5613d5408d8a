"""Self-assessment readings: the star, taking a reading, signing and approving it; the
administrator's instrument versions."""

from __future__ import annotations

import json
import re

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from desist.access.rules import allow
from desist.forms import StaleRecordError
from desist.organisation.roles import CASE_WRITERS, PROVIDER_STAFF, Role
from desist.rules.errors import RuleInputError
from desist.scopes.cases import case_for

from . import selectors, services
from .forms import ApproveForm, InstrumentEditForm, InstrumentForm, ReadingForm, SignatureForm
from .models import Reading
from .star import star

READERS = PROVIDER_STAFF
INSTRUMENT_READERS = {Role.SYSADMIN, Role.MANAGER, Role.AUDITOR}
INSTRUMENT_WRITERS = {Role.SYSADMIN}


def star_context(person, latest, previous) -> dict | None:
    if latest is None:
        return None
    spec = latest.instrument.spec
    same = previous is not None and previous.instrument_id == latest.instrument_id
    return star(spec, latest.scores, previous.scores if same else None)


@allow(read=READERS)
@require_http_methods(["GET"])
def readings(request, crn: str):
    person = case_for(request.user, crn, request=request, page="self-assessment")
    approved = selectors.approved_readings(person)
    latest = approved[0] if approved else None
    previous = approved[1] if len(approved) > 1 else None
    return render(request, "assessment/readings.html", {
        "person": person, "today": timezone.localdate(), "approved": approved,
        "latest": latest, "previous": previous, "star": star_context(person, latest, previous),
        "drafts": selectors.draft_readings(person),
        "can_edit": request.user.staff.role in CASE_WRITERS,
    })


def _reading_form_page(request, person, reading: Reading | None):
    instrument = reading.instrument if reading else services.active_instrument(person.provider)
    initial = {"taken_on": timezone.localdate()}
    if reading is not None:
        initial = {"taken_on": reading.taken_on, "version": reading.version}
        initial.update({f"score_{k}": v for k, v in reading.scores.items()})
        initial.update({f"comment_{k}": v for k, v in reading.comments.items()})
    form = ReadingForm(request.POST if request.method == "POST" else None, initial=initial,
                       instrument=instrument)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                reading = services.save_reading(
                    acting_user=request.user, person=person, reading=reading,
                    taken_on=form.cleaned_data["taken_on"], scores=form.scores(),
                    comments=form.comments(), expected_version=form.cleaned_data.get("version"),
                    request=request,
                )
            except StaleRecordError as error:
                form.add_error(None, str(error))
                status = 409
            except services.ReadingError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
                status = 400
            except RuleInputError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                missing = reading.missing
                if request.POST.get("action") == "sign" and not missing:
                    return redirect("assessment:reading-sign", crn=person.crn, pk=reading.pk)
                if missing:
                    messages.success(request, _("Draft saved. %(n)s areas still to score.")
                                     % {"n": len(missing)})
                else:
                    messages.success(request, _("Reading saved"))
                return redirect("assessment:reading", crn=person.crn, pk=reading.pk)
        else:
            status = 400
    spec = instrument.spec
    areas = []
    for a in spec.areas:
        chosen = form[f"score_{a.code}"].value()
        chosen = "" if chosen is None else str(chosen)
        areas.append({
            "area": a, "score": f"score_{a.code}", "comment": f"comment_{a.code}",
            "items": [{"value": str(n), "text": str(n), "checked": str(n) == chosen}
                      for n in range(spec.scale_min, spec.scale_max + 1)],
        })
    return render(request, "assessment/reading_form.html", {
        "person": person, "today": timezone.localdate(), "form": form, "reading": reading,
        "instrument": instrument, "spec": spec, "areas": areas,
    }, status=status)


@allow(read=CASE_WRITERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def reading_new(request, crn: str):
    person = case_for(request.user, crn, request=request, page="reading-new")
    return _reading_form_page(request, person, None)


def _reading_or_404(person, pk) -> Reading:
    reading = selectors.reading_for(person, pk)
    if reading is None:
        raise Http404("No such reading.")
    return reading


@allow(read=READERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def reading(request, crn: str, pk: int):
    person = case_for(request.user, crn, request=request, page="reading")
    reading = _reading_or_404(person, pk)
    if reading.status == Reading.Status.DRAFT and (
        request.method == "POST" or request.GET.get("edit")
    ) and request.user.staff.role in CASE_WRITERS:
        return _reading_form_page(request, person, reading)
    return _reading_page(request, person, reading, ApproveForm())


def _reading_page(request, person, reading, approve_form, status=200):
    previous = services.previous_reading(reading)
    same = previous is not None and previous.instrument_id == reading.instrument_id
    chart = star(reading.instrument.spec, reading.scores, previous.scores if same else None)
    return render(request, "assessment/reading.html", {
        "person": person, "today": timezone.localdate(), "reading": reading,
        "previous": previous if same else None, "star": chart, "missing": reading.missing,
        "form": approve_form, "can_edit": request.user.staff.role in CASE_WRITERS,
    }, status=status)


@require_http_methods(["POST"])
@allow(write=CASE_WRITERS)
def reading_approve(request, crn: str, pk: int):
    """Approve a draft reading (its own route: the reading's page POST saves the draft)."""
    person = case_for(request.user, crn, request=request, page="reading")
    reading = _reading_or_404(person, pk)
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            reading, comparison = services.approve_reading(
                acting_user=request.user, reading=reading,
                unsigned_reason=form.cleaned_data["unsigned_reason"], request=request,
            )
        except services.ReadingError as error:
            form.add_error("unsigned_reason" if error.field == "unsigned_reason" else None,
                           error.message)
            return _reading_page(request, person, reading, form, status=400)
        if comparison.falling:
            messages.success(request, _("Reading approved. Falling areas need a review: %(areas)s")
                             % {"areas": ", ".join(c.title for c in comparison.falling)})
        else:
            messages.success(request, _("Reading approved"))
        return redirect("assessment:readings", crn=person.crn)
    return _reading_page(request, person, reading, form, status=400)


@allow(read=CASE_WRITERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def reading_sign(request, crn: str, pk: int):
    person = case_for(request.user, crn, request=request, page="reading-sign")
    reading = _reading_or_404(person, pk)
    if reading.status != Reading.Status.DRAFT:
        return redirect("assessment:reading", crn=person.crn, pk=reading.pk)
    form = SignatureForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "skip":
            messages.success(request, _("The reading has not been signed"))
            return redirect("assessment:reading", crn=person.crn, pk=reading.pk)
        if form.is_valid():
            try:
                services.sign_reading(
                    acting_user=request.user, reading=reading, method=form.cleaned_data["method"],
                    svg_path=form.cleaned_data["signature"],
                    name=form.cleaned_data["signed_name"],
                    expected_version=form.cleaned_data["version"], request=request,
                )
            except StaleRecordError as error:
                form.add_error(None, str(error))
                status = 409
            except services.ReadingError as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field, error.message)
                status = 400
            else:
                messages.success(request, _("Signature saved with the reading"))
                return redirect("assessment:reading", crn=person.crn, pk=reading.pk)
        else:
            status = 400
    if status == 409:
        reading.refresh_from_db()  # show the scores as they are now
    previous = services.previous_reading(reading)
    same = previous is not None and previous.instrument_id == reading.instrument_id
    return render(request, "assessment/sign.html", {
        "person": person, "today": timezone.localdate(), "reading": reading, "form": form,
        # The person sees exactly what they sign: the star and its table of scores (§6).
        "star": star(reading.instrument.spec, reading.scores, previous.scores if same else None),
        "missing": reading.missing,
    }, status=status)


def _rows(request, current) -> tuple[int, int]:
    """Rows to show: the current instrument's plus spares (or as many as were posted)."""
    posted = request.POST.get("rows", "")
    if re.fullmatch(r"[0-9]{1,3},[0-9]{1,3}", posted):
        stages, areas = (int(n) for n in posted.split(","))
        return min(stages, 12), min(areas, 22)
    return len(current.definition["stages"]) + 1, min(len(current.definition["areas"]) + 2, 22)


@require_http_methods(["GET"])  # first: a POST here is 405; each write has its own route below
@allow(read=INSTRUMENT_READERS)
def instruments(request):
    return _instruments_page(request)


def _instruments_page(request, *, edit=None, load=None, status=200):
    current = services.active_instrument(request.user.staff.provider)
    stages, areas = _rows(request, current)
    edit = edit or InstrumentEditForm(stages=stages, areas=areas,
                                      initial=InstrumentEditForm.initial_for(current.definition))
    load = load or InstrumentForm(initial={
        "definition": json.dumps(current.definition, indent=2, ensure_ascii=False)})
    return render(request, "assessment/instruments.html", {
        "form": edit if edit.is_bound else load if load.is_bound else None,
        "edit": edit, "load": load,
        "versions": selectors.instruments(request.user.staff.provider), "current": current,
        "can_edit": request.user.staff.role in INSTRUMENT_WRITERS,
        "stage_rows": range(stages), "area_rows": range(areas), "rows": f"{stages},{areas}",
    }, status=status)


@require_http_methods(["POST"])
@allow(write=INSTRUMENT_WRITERS)
def instrument_activate(request):
    chosen = selectors.provider_instrument(request.user.staff.provider,
                                           request.POST.get("activate_version"))
    if chosen is None:
        raise Http404("No such instrument version.")
    services.activate_instrument(acting_user=request.user, instrument=chosen, request=request)
    messages.success(request, _("Version %(v)s is now the active instrument") % {"v": chosen.version})
    return redirect("assessment:instruments")


@require_http_methods(["POST"])
@allow(write=INSTRUMENT_WRITERS)
def instrument_edit(request):
    """Save the edited instrument as a new version."""
    current = services.active_instrument(request.user.staff.provider)
    stages, areas = _rows(request, current)
    form = InstrumentEditForm(request.POST, stages=stages, areas=areas)
    return _instrument_save(request, form, lambda: form.definition(), error_field=None,
                            page={"edit": form})


@require_http_methods(["POST"])
@allow(write=INSTRUMENT_WRITERS)
def instrument_load(request):
    """Load an instrument's definition (JSON) as a new version."""
    form = InstrumentForm(request.POST)
    return _instrument_save(
        request, form, lambda: services.parse_definition(form.cleaned_data["definition"]),
        error_field="definition", page={"load": form})


def _instrument_save(request, form, definition, *, error_field, page):
    if not form.is_valid():
        return _instruments_page(request, **page, status=400)
    try:
        saved = services.save_instrument(
            acting_user=request.user, provider=request.user.staff.provider,
            definition=definition(), activate=form.cleaned_data["activate"], request=request)
    except RuleInputError as error:
        form.add_error(error_field, _("The instrument cannot be used: %(field)s %(msg)s")
                       % {"field": error.field, "msg": error.message})
        return _instruments_page(request, **page, status=400)
    messages.success(request, _("Saved as version %(v)s") % {"v": saved.version})
    return redirect("assessment:instruments")
