"""The period and office filter, and the service-level target form."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from desist.errors import Refused

from .choices import ServiceLevelMeasure
from .selectors import Period

MONTH_FORMAT = "%Y-%m"


def _month(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value, MONTH_FORMAT).date()
    except (TypeError, ValueError):
        return None


class PeriodForm(forms.Form):
    """Months ``from`` to ``to`` (YYYY-MM) and an office; the last 12 months by default."""

    office = forms.TypedChoiceField(label=_("Office"), required=False, coerce=int,
                                    empty_value=None)

    def __init__(self, data=None, *, offices):
        super().__init__(data)
        self.fields["office"].choices = [("", _("All offices")), *offices]
        self.raw = data or {}

    def period(self, today: dt.date) -> Period:
        end = _month(self.raw.get("to", "")) or today.replace(day=1)
        start = _month(self.raw.get("from", "")) or (
            end.replace(year=end.year - 1) + dt.timedelta(days=32)).replace(day=1)
        if start > end:
            start, end = end, start
        last = (end + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        office = self.cleaned_data.get("office") if self.is_bound and self.is_valid() else None
        self.months = (start, end)
        return Period(start, last, office)

    def month_values(self) -> tuple[str, str]:
        start, end = self.months
        return start.strftime(MONTH_FORMAT), end.strftime(MONTH_FORMAT)


class TargetForm(forms.Form):
    measure = forms.ChoiceField(label=_("Service level"), choices=ServiceLevelMeasure.choices)
    target_percent = forms.IntegerField(label=_("Target (per cent)"), min_value=0, max_value=100)
    reason = forms.CharField(label=_("Why the target is changing"), max_length=300)

    def add_refusal(self, refusal: Refused) -> None:
        for name, message in (refusal.problems or {None: refusal.message}).items():
            self.add_error(name if name in self.fields else None, message)
