"""Shared input validators: one place decides what a sensible date is (issue 22 item 7).

Case records carry dates a practitioner types (home visits, flexible arrangements, objective
targets, links to workers …). A date decades away is a typing slip, and the extremes of the
calendar (0001-01-01, 9999-12-31) overflow date arithmetic further on (a week later, a
reminder due). Every such field refuses dates outside the window around today, with a message
that names the window; pages that take a date in the query string fall back instead of failing.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desist.dates import format_date

YEARS_BACK = 20  # records about supervision reach back at most this far
YEARS_AHEAD = 10  # plans, targets and arrangements look at most this far ahead


def sensible_range(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    today = today or timezone.localdate()
    return (_years_from(today, -YEARS_BACK), _years_from(today, YEARS_AHEAD))


def is_sensible(value: dt.date, today: dt.date | None = None) -> bool:
    earliest, latest = sensible_range(today)
    return earliest <= value <= latest


def validate_sensible_date(value: dt.date) -> None:
    """Django validator: refuse a date outside the sensible window, saying what the window is."""
    if value is None:
        return
    if isinstance(value, dt.datetime):
        value = value.date()
    earliest, latest = sensible_range()
    if not earliest <= value <= latest:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s"),
            code="out_of_range",
            params={"earliest": format_date(earliest, "long"), "latest": format_date(latest, "long")},
        )


class SensibleDateField(forms.DateField):
    """A date field that refuses dates outside ``sensible_range`` (every case-record date form)."""

    default_validators = [validate_sensible_date]


def date_param(text: str | None, *, default: dt.date | None = None) -> dt.date:
    """A date from a query string: ISO format within the sensible window, else ``default``/today."""
    fallback = default or timezone.localdate()
    try:
        value = dt.date.fromisoformat((text or "").strip()[:10])
    except ValueError:
        return fallback
    return value if is_sensible(value) else fallback


def _years_from(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without one
        return day.replace(year=day.year + years, day=28)
