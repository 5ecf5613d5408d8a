"""Forms validate shape; the service decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from desist.forms import GovukDateField

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


class RsrForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    score = forms.DecimalField(
        label=_("RSR score"), min_value=0, max_value=100, max_digits=5, decimal_places=2,
        help_text=_("A percentage from 0 to 100, for example 6.89"),
        error_messages={
            "required": _("Enter the RSR score"),
            "invalid": _("RSR score must be a number, like 6.89"),
            "min_value": _("RSR score must be 0 or more"),
            "max_value": _("RSR score must be 100 or less"),
            "max_decimal_places": _("RSR score must have no more than 2 decimal places"),
            "max_digits": _("RSR score must be 100 or less"),
            "max_whole_digits": _("RSR score must be 100 or less"),
        })
    assessed_on = GovukDateField(label=_("Date assessed"), error_messages={
        "required": _("Enter the date the RSR was assessed")})
