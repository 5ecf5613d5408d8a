"""Forms validate shape only; services do the saving."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Reading


class ReadingForm(forms.Form):
    """One score (and optional comment) per area of the instrument. Blank scores are allowed:
    the reading stays a draft until every area is scored."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    taken_on = forms.DateField(
        label=_("Date of the reading"),
        error_messages={"required": _("Enter the date of the reading"),
                        "invalid": _("Enter the date of the reading like 2026-11-20")},
    )

    def __init__(self, *args, instrument, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = instrument.spec
        low, high = self.spec.scale_min, self.spec.scale_max
        for area in self.spec.areas:
            self.fields[f"score_{area.code}"] = forms.TypedChoiceField(
                label=area.title, required=False, coerce=int, empty_value=None,
                choices=[("", "")] + [(str(n), str(n)) for n in range(low, high + 1)],
                error_messages={"invalid_choice": _("Choose a score from %(low)s to %(high)s for "
                                                    "%(area)s") % {"low": low, "high": high,
                                                                    "area": area.title}},
            )
            self.fields[f"comment_{area.code}"] = forms.CharField(
                label=_("What the person said about %(area)s") % {"area": area.title},
                required=False, max_length=500,
            )

    def scores(self) -> dict:
        return {a.code: self.cleaned_data.get(f"score_{a.code}") for a in self.spec.areas}

    def comments(self) -> dict:
        return {a.code: self.cleaned_data.get(f"comment_{a.code}") or "" for a in self.spec.areas}


class SignatureForm(forms.Form):
    method = forms.ChoiceField(
        choices=[(Reading.SignatureMethod.DRAWN, _("Sign on screen")),
                 (Reading.SignatureMethod.TYPED, _("Type name and confirm"))],
        error_messages={"required": _("Choose how the person signs")},
    )
    signature = forms.CharField(required=False, max_length=60_000, widget=forms.HiddenInput)
    signed_name = forms.CharField(label=_("Person's full name"), required=False, max_length=200)
    attest = forms.BooleanField(required=False)

    def clean(self):
        data = super().clean()
        if data.get("method") == Reading.SignatureMethod.TYPED:
            if not (data.get("signed_name") or "").strip():
                self.add_error("signed_name", _("Enter the person's full name as their signature"))
            if not data.get("attest"):
                self.add_error("attest", _("The person must confirm the reading is a true record "
                                           "of what they said"))
        return data


class ApproveForm(forms.Form):
    unsigned_reason = forms.CharField(
        label=_("Why is this reading being approved without the person's signature?"),
        required=False, max_length=300,
    )


class InstrumentForm(forms.Form):
    definition = forms.CharField(
        label=_("Instrument definition (JSON)"), widget=forms.Textarea, max_length=100_000,
        error_messages={"required": _("Enter the instrument definition")},
    )
    activate = forms.BooleanField(label=_("Make this the active instrument"), required=False)
