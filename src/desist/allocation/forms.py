"""Forms validate shape; the rules and services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from desist.forms import GovukDateField
from desist.people.choices import Band


class RoutingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    routing = forms.ChoiceField(
        label=_("Where does this case go?"),
        choices=[("lmc", _("To a local management centre")), ("hub", _("Hold in the hub"))],
        error_messages={"required": _("Choose where the case goes")},
    )
    lmc = forms.ChoiceField(label=_("LMC"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, lmc_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lmc"].choices = [("", _("Choose an LMC")), *lmc_choices]


class ReleaseForm(forms.Form):
    """Pass a hub-held custody case to its LMC early, on a ROTL or HDC request (§3.2)."""

    requested_on = GovukDateField(
        label=_("Date of the ROTL or HDC request"), input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"required": _("Enter the date of the request"),
                        "invalid": _("Enter a date like 2026-11-22")},
    )
    note = forms.CharField(label=_("About the request"), max_length=2000, widget=forms.Textarea,
                           error_messages={"required": _("Say what was requested")})


class BandForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    band = forms.ChoiceField(label=_("Band"), choices=Band.choices,
                             error_messages={"required": _("Choose a band")})
    rationale = forms.CharField(label=_("Rationale"), required=False, max_length=4000,
                                widget=forms.Textarea)
    ror_judgement = forms.ChoiceField(
        label=_("Risk of reoffending (professional judgement)"), required=False,
        choices=[("", ""), ("low", _("Low")), ("high", _("High"))],
    )
    ror_reason = forms.CharField(label=_("Reason for the judgement"), required=False,
                                 max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, prompts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.prompt_codes = [p.code for p in prompts]
        for p in prompts:
            self.fields[f"prompt_{p.code}"] = forms.ChoiceField(
                label=p.text, required=False,
                choices=[("accept", _("Accept")), ("decline", _("Decline"))],
            )
            self.fields[f"note_{p.code}"] = forms.CharField(label=_("Note"), required=False,
                                                            max_length=2000)


class AssignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    officer = forms.IntegerField(label=_("Officer"), error_messages={
        "required": _("Choose an officer"), "invalid": _("Choose an officer")})
    reason = forms.CharField(label=_("Reason for reassignment"), required=False, max_length=2000,
                             widget=forms.Textarea)
    acknowledged = forms.BooleanField(required=False)
    acknowledgement = forms.CharField(label=_("Why you are going ahead"), required=False,
                                      max_length=2000, widget=forms.Textarea)


class WeightingsForm(forms.Form):
    """One number per weighting; empty keeps the default."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args, tables: dict[str, dict[str, float]], **kwargs):
        super().__init__(*args, **kwargs)
        self.tables = tables
        for table, values in tables.items():
            for code, value in values.items():
                self.fields[f"{table}__{code}"] = forms.FloatField(
                    label=code.replace("_", " "), min_value=0, max_value=100_000, initial=value,
                    error_messages={"required": _("Enter a number (0 or more)"),
                                    "invalid": _("Enter a number, like 12"),
                                    "min_value": _("Enter 0 or more")},
                )

    def cleaned_tables(self) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for table, values in self.tables.items():
            out[table] = {code: self.cleaned_data[f"{table}__{code}"] for code in values}
        return out
