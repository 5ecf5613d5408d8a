"""The GOV.UK date input (issue 12, item 27): one field and one macro for every typed date."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.template import engines

from desist.forms import GovukDateField, error_summary


class _Form(forms.Form):
    happened_on = GovukDateField(label="Date of the session",
                                 error_messages={"required": "Enter the date of the session"})


def _bound(**data):
    form = _Form(data)
    form.is_valid()
    return form


def test_day_month_year_make_a_date():
    form = _bound(happened_on_day="3", happened_on_month="11", happened_on_year="2026")
    assert form.cleaned_data["happened_on"] == dt.date(2026, 11, 3)


def test_an_iso_date_is_still_accepted():
    assert _bound(happened_on="2026-11-03").cleaned_data["happened_on"] == dt.date(2026, 11, 3)


def test_errors_follow_the_govuk_pattern():
    assert _bound().errors["happened_on"] == ["Enter the date of the session"]
    assert _bound(happened_on_day="3", happened_on_year="2026").errors["happened_on"] == [
        "Date of the session must include a month"]
    assert _bound(happened_on_day="31", happened_on_month="2",
                  happened_on_year="2026").errors["happened_on"] == [
        "Date of the session must be a real date"]
    assert _bound(happened_on_day="1", happened_on_month="2",
                  happened_on_year="26").errors["happened_on"] == ["Year must include 4 numbers"]


def test_error_summary_links_to_the_day_box():
    form = _bound(happened_on_day="x", happened_on_month="2", happened_on_year="2026")
    assert error_summary(form)["errorList"][0]["href"] == "#id_happened_on_day"


def test_macro_renders_three_labelled_boxes_keeping_what_was_typed():
    template = engines["jinja2"].from_string(
        '{% from "_date_input.html" import date_input %}{{ date_input(form, "happened_on") }}')
    html = template.render({"form": _bound(happened_on_day="31", happened_on_month="2",
                                           happened_on_year="2026")})
    for part in ("day", "month", "year"):
        assert f'name="happened_on_{part}"' in html and f'id="id_happened_on_{part}"' in html
    assert "govuk-fieldset__legend" in html and "Date of the session" in html
    assert 'value="31"' in html and "govuk-input--error" in html
    initial = template.render({"form": _Form(initial={"happened_on": dt.date(2026, 1, 9)})})
    assert 'value="9"' in initial and 'value="2026"' in initial
