"""Adapters from Django forms to the GOV.UK error summary and error message parameters, and the
GOV.UK date input (day / month / year) as one reusable form field."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from desist.errors import Refused
from desist.validators import validate_sensible_date


def field_id(form: forms.Form, name: str) -> str:
    if name == "__all__":
        return ""
    if name in form.fields and isinstance(form.fields[name].widget, DayMonthYearWidget):
        return f"{form[name].auto_id}_day"  # the error summary links to the first box
    return form[name].auto_id if name in form.fields else name


def error_summary(form: forms.Form | None) -> dict | None:
    """Parameters for govukErrorSummary, each error linking to its field."""
    if form is None or not form.errors:
        return None
    items = []
    for name, errors in form.errors.items():
        target = field_id(form, name)
        for message in errors:
            items.append({"text": message, "href": f"#{target}"} if target else {"text": message})
    return {"titleText": "There is a problem", "errorList": items}


def field_error(form: forms.Form | None, name: str) -> dict | None:
    """Parameters for a component's errorMessage, or None when the field is valid."""
    if form is None or name not in form.errors:
        return None
    return {"text": " ".join(form.errors[name])}


def choice_items(choices, selected, first: tuple[str, str] | None = None) -> list[dict]:
    """Items for govukSelect / govukRadios from (value, label) pairs, marking the selected one."""
    pairs = ([first] if first else []) + [(str(v), label) for v, label in choices]
    chosen = "" if selected is None else str(selected)
    return [{"value": v, "text": label, "selected": v == chosen} for v, label in pairs]


class StaleRecordError(Refused):
    """The record changed after the form was opened (optimistic locking)."""

    default_code = "stale_record"
    MESSAGE = "This case has changed since you opened it. Check the latest details and try again."

    def __init__(self, message: str = "", **kwargs):
        kwargs.setdefault("conflict", True)
        super().__init__(message or self.MESSAGE, **kwargs)



# ── GOV.UK date input ────────────────────────────────────────────────────────────────────────
# One field for every date a person types: three boxes (day, month, year) as the GOV.UK Design
# System asks, rendered by the ``date_input`` macro in ``_date_input.html``. The boxes post as
# ``<name>_day``, ``<name>_month`` and ``<name>_year``; a single ISO value under ``<name>``
# (links such as ``?day=2026-12-01``, scripts, older clients) is still accepted.

DATE_PARTS = ("day", "month", "year")


class DayMonthYearWidget(forms.MultiWidget):
    def __init__(self, attrs=None):
        box = {"inputmode": "numeric"}
        super().__init__({part: forms.TextInput(attrs=box) for part in DATE_PARTS}, attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value:
            try:
                return self.decompress(dt.date.fromisoformat(value))
            except ValueError:
                return [None, None, None]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        parts = [str(data.get(f"{name}_{part}", "")).strip() for part in DATE_PARTS]
        if not any(parts) and data.get(name):
            return data.get(name)
        return parts

    def value_omitted_from_data(self, data, files, name):
        return name not in data and all(f"{name}_{part}" not in data for part in DATE_PARTS)


class GovukDateField(forms.DateField):
    """A date typed as day, month and year, with the GOV.UK error messages ("… must include a
    month", "… must be a real date"). Every date on a case record is one of these, so each also
    refuses dates outside the sensible window (``validators.validate_sensible_date``)."""

    widget = DayMonthYearWidget
    default_validators = [validate_sensible_date]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Not "YYYY-MM-DD": nobody types that into three boxes.
        self.error_messages["invalid"] = _("%(field)s must be a real date") % {
            "field": self._name()}

    def _name(self) -> str:
        return str(self.label or _("The date"))

    def to_python(self, value):
        if isinstance(value, list | tuple):
            if not any(value):
                return None
            missing = [_(part) for part, given in zip(DATE_PARTS, value, strict=True) if not given]
            if missing:
                raise ValidationError(_("%(field)s must include a %(parts)s") % {
                    "field": self._name(), "parts": _(" and a ").join(missing)}, code="invalid")
            try:
                day, month, year = (int(part) for part in value)
            except ValueError:
                raise ValidationError(_("%(field)s must be a real date") % {"field": self._name()},
                                      code="invalid") from None
            if year < 1000:
                raise ValidationError(_("Year must include 4 numbers"), code="invalid")
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise ValidationError(_("%(field)s must be a real date") % {"field": self._name()},
                                      code="invalid") from None
        return super().to_python(value)


def date_parts(form: forms.Form, name: str) -> list[str]:
    """The day, month and year to show in the boxes: what was typed, or the initial date."""
    value = form[name].value()
    if isinstance(value, list | tuple):
        return [str(part or "") for part in value]
    parts = DayMonthYearWidget().decompress(value)
    return [str(part) if part is not None else "" for part in parts]
