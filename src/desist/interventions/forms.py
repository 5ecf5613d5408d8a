from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desist.forms import GovukDateField

from .choices import ReferralStatus, ServiceStatus


class ReferralForm(forms.Form):
    service = forms.TypedChoiceField(
        label=_("Service"), coerce=int,
        error_messages={"required": _("Choose the service to refer to"),
                        "invalid_choice": _("Choose a service from the list")},
    )
    propose_only = forms.BooleanField(label=_("Propose only (not yet agreed with the person)"),
                                      required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea)
    duplicate_reason = forms.CharField(label=_("Reason for a second referral to this service"),
                                       required=False, max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", _("Choose a service"))] + [
            (s.pk, f"{s.name} – {s.provider_name}") for s in services]


class StatusForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"), choices=ReferralStatus.choices,
                           error_messages={"required": _("Choose the new status")})
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000,
                             widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(s, ReferralStatus(s).label) for s in allowed]


class SessionForm(forms.Form):
    session_on = GovukDateField(
        label=_("Date of the session"), input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"required": _("Enter the date of the session"),
                        "invalid": _("Enter the date as YYYY-MM-DD, for example 2026-11-03")},
    )
    attended = forms.TypedChoiceField(
        label=_("Did the person attend?"), choices=[("yes", _("Attended")),
                                                    ("no", _("Did not attend"))],
        coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the person attended")},
    )
    note = forms.CharField(label=_("Progress note"), required=False, max_length=4000,
                           widget=forms.Textarea)

    def clean_session_on(self):
        value = self.cleaned_data["session_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The session date cannot be in the future"))
        return value


class ServiceForm(forms.Form):
    """The parts of a service record its provider keeps up to date (capacity, wait, status)."""

    capacity = forms.IntegerField(
        label=_("Places"), min_value=1, max_value=500,
        help_text=_("How many people it can work with at once."),
        error_messages={"required": _("Enter the number of places"),
                        "min_value": _("There must be at least 1 place"),
                        "invalid": _("Enter the number of places as a whole number")})
    waiting_weeks = forms.IntegerField(
        label=_("Published wait for a place, in weeks"), min_value=0, max_value=104,
        help_text=_("For example until the next course starts. Enter 0 if a place is available "
                    "as soon as one is free. The waiting list itself is counted from the "
                    "referrals."),
        error_messages={"required": _("Enter the wait in weeks (0 for none)"),
                        "min_value": _("The wait cannot be negative"),
                        "invalid": _("Enter the wait as a whole number of weeks")})
    status = forms.ChoiceField(label=_("Status"), choices=ServiceStatus.choices,
                               widget=forms.RadioSelect)
    sessions = forms.IntegerField(label=_("Number of sessions"), min_value=1, max_value=200,
                                  error_messages={"required": _("Enter the number of sessions"),
                                                  "min_value": _("There must be at least 1 "
                                                                 "session")})
    sessions_per_week = forms.IntegerField(
        label=_("Sessions a week"), min_value=1, max_value=14,
        error_messages={"required": _("Enter the sessions a week"),
                        "min_value": _("There must be at least 1 session a week")})
    evenings = forms.BooleanField(label=_("Evening sessions available"), required=False)
    description = forms.CharField(label=_("Description"), required=False, max_length=2000,
                                  widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput)
