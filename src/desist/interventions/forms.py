from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desist.forms import GovukDateField

from .choices import ReferralStatus


class ReferralForm(forms.Form):
    service = forms.TypedChoiceField(
        label=_("Service"), coerce=int,
        error_messages={"required": _("Choose the service to refer to"),
                        "invalid_choice": _("Choose a service from the list")},
    )
    link_worker = forms.TypedChoiceField(
        label=_("Partner link worker"), coerce=int, required=False, empty_value=None,
        help_text=_("Needed for Building Better Relationships (BBR)."),
    )
    propose_only = forms.BooleanField(label=_("Propose only (not yet agreed with the person)"),
                                      required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea)

    def __init__(self, *args, services=(), link_workers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", _("Choose a service"))] + [
            (s.pk, f"{s.name} – {s.provider_name}") for s in services]
        self.fields["link_worker"].choices = [("", _("None"))] + [
            (w.pk, str(w)) for w in link_workers]


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
