"""Forms validate shape; the rules and services decide."""

from __future__ import annotations

import datetime as dt

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


class DatePartsWidget(forms.MultiWidget):
    """The three boxes of the GOV.UK date input, posted as ``<name>-day`` / ``-month`` / ``-year``."""

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput, forms.TextInput, forms.TextInput], attrs)
        self.widgets_names = ["-day", "-month", "-year"]

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]


class DatePartsField(forms.MultiValueField):
    """A date entered as day, month and year (the GOV.UK date input pattern)."""

    widget = DatePartsWidget

    def __init__(self, *, what: str, **kwargs):
        self.what = what
        parts = (forms.CharField(required=False),) * 3
        kwargs.setdefault("error_messages", {"required": _("Enter %(what)s") % {"what": what}})
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, values):
        if not values or not any(values):
            return None
        try:
            day, month, year = (int(str(v).strip()) for v in values)
            if year < 1000:
                raise ValueError
            return dt.date(year, month, day)
        except (TypeError, ValueError):
            raise forms.ValidationError(
                _("%(what)s must be a real date, like 22 11 2026") % {"what": self.what.capitalize()}
            ) from None


class ReleaseForm(forms.Form):
    """Pass a hub-held custody case to its LMC early, on a ROTL or HDC request (§3.2)."""

    requested_on = GovukDateField(
        label=_("Date of the ROTL or HDC request"), input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"required": _("Enter the date of the request"),
                        "invalid": _("Enter a date like 2026-11-22")},
    )
    note = forms.CharField(label=_("About the request"), max_length=2000, widget=forms.Textarea,
                           error_messages={"required": _("Say what was requested")})


class AddressForm(forms.Form):
    """The hub recording the address (or release address) it was missing (§3.2)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    address = forms.CharField(label=_("Address"), max_length=300,
                              error_messages={"required": _("Enter the address")})
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    local_authority = forms.ChoiceField(
        label=_("Local authority"),
        error_messages={"required": _("Choose the local authority of the address"),
                        "invalid_choice": _("Choose the local authority of the address")})

    def __init__(self, *args, local_authorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["local_authority"].choices = [("", _("Choose a local authority")),
                                                  *local_authorities]

    def clean_postcode(self):
        return self.cleaned_data["postcode"].strip().upper()


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
    reason = forms.CharField(label=_("Why are you changing the weightings?"), max_length=2000,
                             widget=forms.Textarea,
                             error_messages={"required": _("Say why the weightings are changing")})

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


class EscalationOutcomeForm(forms.Form):
    """What was done about a risk escalation to the NPS (§2, F18)."""

    task = forms.IntegerField(widget=forms.HiddenInput,
                              error_messages={"required": _("Choose the escalation")})
    outcome = forms.ChoiceField(
        label=_("What happened"),
        choices=[("referred", _("Referred to the NPS")),
                 ("nps_declined", _("The NPS declined the referral: the CRC keeps the case")),
                 ("not_escalated", _("Not escalated after review"))],
        error_messages={"required": _("Choose what happened"),
                        "invalid_choice": _("Choose what happened")})
    on = DatePartsField(what=_("the date"), label=_("Date"))
    notes = forms.CharField(label=_("Notes"), required=False, max_length=4000,
                            widget=forms.Textarea)


# --- Staff capacity (§16): contracted hours and reductions --------------------------------------

class HoursForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Contracted hours a week"), min_value=0.25, max_value=60, decimal_places=2,
        error_messages={"required": _("Enter the contracted hours a week, like 37"),
                        "invalid": _("Enter the hours as a number, like 37 or 22.5"),
                        "min_value": _("Enter hours more than 0"),
                        "max_value": _("Enter hours of at most 60"),
                        "max_decimal_places": _("Enter the hours to at most 2 decimal places")})
    reason = forms.CharField(label=_("Why are the hours changing?"), max_length=2000,
                             widget=forms.Textarea,
                             error_messages={"required": _("Say why the hours are changing")})


class ReductionForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), error_messages={
        "required": _("Choose a reason for the reduction"),
        "invalid_choice": _("Choose a reason for the reduction")})
    other = forms.CharField(label=_("What is the reduction for?"), required=False, max_length=200)
    percent = forms.DecimalField(
        label=_("Percentage of contracted hours"), min_value=0.01, max_value=100, decimal_places=2,
        error_messages={"required": _("Enter the percentage of hours, like 20"),
                        "invalid": _("Enter the percentage as a number, like 20"),
                        "min_value": _("Enter a percentage more than 0"),
                        "max_value": _("Enter a percentage of at most 100"),
                        "max_decimal_places": _("Enter the percentage to at most 2 decimal places")})
    starts_on = GovukDateField(label=_("Start date"),
                               error_messages={"required": _("Enter the start date")})
    ends_on = GovukDateField(label=_("End date"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, reasons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = list(reasons)

    def clean(self):
        data = super().clean()
        if data.get("reason") == "other" and not (data.get("other") or "").strip():
            self.add_error("other", _("Say what the reduction is for"))
        return data


class ReductionEndForm(forms.Form):
    ends_on = GovukDateField(label=_("End date"), error_messages={"required": _("Enter the end date")})
    note = forms.CharField(label=_("Why is the end date changing?"), max_length=2000,
                           widget=forms.Textarea,
                           error_messages={"required": _("Say why the end date is changing")})


class ReductionWithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why is this reduction withdrawn?"), max_length=2000,
                             widget=forms.Textarea,
                             error_messages={"required": _("Say why the reduction is withdrawn")})
