from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from desist.forms import GovukDateField

from .choices import BOOKABLE_KINDS, Outcome

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]


class BookingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type of appointment"), choices=BOOKABLE_KINDS,
                             error_messages={"required": _("Choose the type of appointment")})
    venue = forms.TypedChoiceField(label=_("Venue"), coerce=int,
                                   error_messages={"required": _("Choose a venue"),
                                                   "invalid_choice": _("Choose a venue from "
                                                                     "the list")})
    officer = forms.TypedChoiceField(label=_("With"), coerce=int, required=False,
                                     empty_value=None)
    referral = forms.TypedChoiceField(label=_("Referral (for partner or programme sessions)"),
                                      coerce=int, required=False, empty_value=None)
    day = GovukDateField(label=_("Date"), input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                          error_messages={"required": _("Enter the date of the appointment"),
                                          "invalid": _("Enter the date as YYYY-MM-DD, "
                                                       "for example 2026-11-26")})
    starts = forms.TimeField(label=_("Start time"), input_formats=TIME_FORMATS,
                             error_messages={"required": _("Enter the start time"),
                                             "invalid": _("Enter the start time as HH:MM, "
                                                         "for example 17:30")})
    ends = forms.TimeField(label=_("End time"), input_formats=TIME_FORMATS,
                           error_messages={"required": _("Enter the end time"),
                                           "invalid": _("Enter the end time as HH:MM, "
                                                       "for example 18:30")})
    purpose = forms.CharField(label=_("Purpose"), required=False, max_length=200)
    rar_activity = forms.TypedChoiceField(
        label=_("Is this RAR activity?"), choices=[("yes", _("Yes, RAR activity")),
                                                   ("no", _("No, supervision contact"))],
        coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        error_messages={"required": _("Say whether this appointment is RAR activity")})
    sensitive = forms.BooleanField(label=_("Sensitive work: needs a private room"),
                                   required=False)
    women_only = forms.BooleanField(label=_("Needs a women-only venue"), required=False)

    def __init__(self, *args, venues=(), officers=(), referrals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].choices = [("", _("Choose a venue"))] + list(venues)
        self.fields["officer"].choices = [("", _("The responsible officer"))] + [
            (o.pk, str(o)) for o in officers]
        self.fields["referral"].choices = [("", _("None"))] + [
            (r.pk, str(r)) for r in referrals]

    def clean(self):
        data = super().clean()
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("The end time must be after the start time"))
        if day and starts:
            data["starts_at"] = dt.datetime.combine(day, starts)
        if day and ends:
            data["ends_at"] = dt.datetime.combine(day, ends)
        return data


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What happened?"), widget=forms.RadioSelect,
        choices=[c for c in Outcome.choices if c[0]],
        error_messages={"required": _("Choose what happened at the appointment")})
    evidence = forms.CharField(label=_("Evidence"), required=False, max_length=4000,
                               widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput)
    new_day = GovukDateField(label=_("New date"), required=False,
                              input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                              error_messages={"invalid": _("Enter the date as YYYY-MM-DD")})
    new_starts = forms.TimeField(label=_("New start time"), required=False,
                                 input_formats=TIME_FORMATS,
                                 error_messages={"invalid": _("Enter the time as HH:MM")})
    new_ends = forms.TimeField(label=_("New end time"), required=False,
                               input_formats=TIME_FORMATS,
                               error_messages={"invalid": _("Enter the time as HH:MM")})

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Outcome.ACCEPTABLE and not (data.get("evidence") or "").strip():
            self.add_error("evidence", _("Describe the evidence that makes the absence acceptable"))
        if data.get("outcome") == Outcome.RESCHEDULED:
            for name, message in (("new_day", _("Enter the new date")),
                                  ("new_starts", _("Enter the new start time")),
                                  ("new_ends", _("Enter the new end time"))):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return data
