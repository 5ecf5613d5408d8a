"""Turn a Django form into GOV.UK component parameters, so simple pages share one template."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext as _

from desist.forms import field_error


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
