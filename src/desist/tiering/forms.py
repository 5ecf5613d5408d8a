"""Forms validate shape; the service decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Policy


class PolicyForm(forms.Form):
    policy = forms.ChoiceField(
        label=_("How does this provider prioritise its cases?"), choices=Policy.choices,
        error_messages={"required": _("Choose colour bands or national tiering")})
    transition = forms.ChoiceField(
        label=_("Show colour bands and tiers side by side while staff get used to the change?"),
        choices=[("yes", _("Yes, show both")), ("no", _("No, show only the chosen policy"))],
        error_messages={"required": _("Choose whether to show both")})
    reason = forms.CharField(label=_("Why is the policy changing?"), max_length=2000,
                             widget=forms.Textarea,
                             error_messages={"required": _("Say why the policy is changing")})
