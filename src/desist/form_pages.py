"""Simple case form pages (induction, risk, the plan): one template, one form-to-service path.

``govuk_fields`` turns a Django form into GOV.UK component parameters for ``form_page.html``;
``form_page`` shows the form and, on a valid POST, calls one service and redirects.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from desist.access import once as access_once
from desist.errors import Refused
from desist.forms import GovukDateField, StaleRecordError, field_error
from desist.organisation.roles import CASE_WRITERS, PROVIDER_STAFF

READERS = PROVIDER_STAFF

YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]


def date_field(label, required=True):
    return GovukDateField(label=label, required=required, error_messages={
        "required": gettext_lazy("Enter the date"),
        "invalid": gettext_lazy("Enter a date like 2026-11-20")})


def text_field(label, required=True, max_length=2000, message=None):
    return forms.CharField(label=label, required=required, max_length=max_length,
                           error_messages={"required": message or gettext_lazy("Enter %(what)s")
                                           % {"what": str(label).lower()}})


def _value(bound) -> str:
    value = bound.value()
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value)


def govuk_fields(form: forms.Form, *, inline_radios: bool = True) -> list[dict]:
    """One dict per field: {"component", "params"} for the template's dispatch macro."""
    out = []
    for name, field in form.fields.items():
        bound = form[name]
        widget = field.widget
        error = field_error(form, name)
        label = str(field.label or name)
        if isinstance(widget, forms.HiddenInput):
            out.append({"component": "hidden", "params": {"name": name, "value": _value(bound)}})
        elif isinstance(field, forms.MultipleChoiceField):
            chosen = set(bound.value() or [])
            out.append({"component": "checkboxes", "params": {
                "name": name, "idPrefix": f"id_{name}", "errorMessage": error,
                "fieldset": {"legend": {"text": label, "classes": "govuk-fieldset__legend--s"}},
                "items": [{"value": v, "text": str(t), "checked": v in chosen}
                          for v, t in field.choices]}})
        elif isinstance(field, forms.BooleanField):
            out.append({"component": "checkboxes", "params": {
                "name": name, "idPrefix": f"id_{name}", "errorMessage": error,
                "items": [{"value": "on", "text": label,
                           "checked": bound.value() in (True, "on")}]}})
        elif isinstance(field, forms.ChoiceField) and isinstance(widget, forms.RadioSelect):
            chosen = _value(bound)
            out.append({"component": "radios", "params": {
                "name": name, "idPrefix": f"id_{name}", "errorMessage": error,
                "classes": "govuk-radios--inline" if inline_radios and len(field.choices) <= 3 else "",
                "fieldset": {"legend": {"text": label, "classes": "govuk-fieldset__legend--s"}},
                "items": [{"value": str(v), "text": str(t), "checked": str(v) == chosen}
                          for v, t in field.choices]}})
        elif isinstance(field, forms.ChoiceField):
            chosen = _value(bound)
            out.append({"component": "select", "params": {
                "name": name, "id": f"id_{name}", "label": {"text": label}, "errorMessage": error,
                "items": [{"value": str(v), "text": str(t), "selected": str(v) == chosen}
                          for v, t in field.choices]}})
        elif isinstance(field, forms.DateTimeField):
            out.append({"component": "input", "params": {
                "name": name, "id": f"id_{name}", "label": {"text": label}, "errorMessage": error,
                "hint": {"text": _("For example 2026-11-25 10:00")}, "value": _value(bound),
                "classes": "govuk-input--width-20"}})
        elif isinstance(field, forms.TimeField):
            out.append({"component": "input", "params": {
                "name": name, "id": f"id_{name}", "label": {"text": label}, "errorMessage": error,
                "hint": {"text": _("For example 10:00")}, "value": _value(bound),
                "classes": "govuk-input--width-5"}})
        elif isinstance(field, forms.DateField):
            # Day / month / year boxes: the shared date_input macro renders the field itself.
            out.append({"component": "date", "params": {"name": name, "label": label}})
        elif isinstance(field, forms.CharField) and (field.max_length or 0) > 300:
            out.append({"component": "textarea", "params": {
                "name": name, "id": f"id_{name}", "label": {"text": label}, "errorMessage": error,
                "value": _value(bound), "rows": 4}})
        else:
            out.append({"component": "input", "params": {
                "name": name, "id": f"id_{name}", "label": {"text": label}, "errorMessage": error,
                "value": _value(bound)}})
    return out


def can_write(request) -> bool:
    return request.user.staff.role in CASE_WRITERS


def form_page(request, person, form, *, heading, button, back, back_text, save, success,
              intro="", intro_items=(), can_submit=True, cannot_submit="", summary=(),
              links=(), extra=None, template="form_page.html", once=""):
    """GET shows the form; a valid POST calls ``save(data)`` and redirects to ``back``.

    ``summary`` is (key, value) rows shown above the form (what is already recorded), ``links``
    is (href, text) pairs shown below it, ``extra`` more context for a page's own sections.
    ``once`` names a create form guarded by a one-time token (``access.once``): submitted twice,
    or several times at once, it creates one record and the later submissions are told so.
    """
    status = 200
    if once:
        save = _once(request, once, save)
    if request.method == "POST":
        if not can_submit:
            if not form.is_bound:  # an empty POST: bind it so it can carry the error
                form.is_bound, form.data = True, {}
            form.is_valid()  # add_error needs a cleaned form, whatever was posted
            form.add_error(None, cannot_submit)
            status = 409
        elif form.is_valid():
            try:
                save(form.cleaned_data)
            except StaleRecordError as error:
                form.add_error(None, str(error))
                status = 409
            except access_once.AlreadySubmitted:
                messages.info(request, _("This form was already submitted; it was saved once."))
                return redirect(back)
            except access_once.FormTokenError as error:
                form.add_error(None, str(error))
                status = 400
            except Refused as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field, error.message)
                for reason in error.reasons:
                    form.add_error(None, reason.text if hasattr(reason, "text") else reason["text"])
                status = 409 if error.conflict else 400
            else:
                messages.success(request, success)
                return redirect(back)
        else:
            status = 400
    return render(request, template, {
        "person": person, "today": timezone.localdate(), "form": form,
        "fields": govuk_fields(form), "heading": heading, "button": button, "back_href": back,
        "back_text": back_text, "intro": intro, "intro_items": intro_items,
        "can_submit": can_submit, "cannot_submit": cannot_submit, "summary": summary,
        "links": links, **(extra or {}),
        "form_token": access_once.issue(request, once) if once else "",
    }, status=status)


def _once(request, purpose, save):
    """``save`` run in one transaction with the use of the form's one-time token."""

    @transaction.atomic
    def guarded(data):
        access_once.consume(request, request.POST.get("form_token"), purpose)
        return save(data)

    return guarded


def aware(day: dt.date, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, at), timezone.get_current_timezone())


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
