"""Adapters from Django forms to the GOV.UK error summary and error message parameters."""

from __future__ import annotations

from django import forms


def field_id(form: forms.Form, name: str) -> str:
    if name == "__all__":
        return ""
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


class StaleRecordError(Exception):
    """The record changed after the form was opened (optimistic locking)."""

    message = "This case has changed since you opened it. Check the latest details and try again."
