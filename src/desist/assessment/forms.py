"""Forms validate shape only; services do the saving."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from desist.forms import GovukDateField

from .models import Reading


class ReadingForm(forms.Form):
    """One score (and optional comment) per area of the instrument. Blank scores are allowed:
    the reading stays a draft until every area is scored."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    taken_on = GovukDateField(
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
    # The version of the reading whose scores the signing page showed.
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

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


class InstrumentEditForm(forms.Form):
    """The instrument as fields: name, scale, one row per stage and per area. Blank rows are
    ignored, so the spare rows add a stage or an area. Saving makes a new version."""

    name = forms.CharField(label=_("Name"), max_length=200,
                           error_messages={"required": _("Enter the instrument's name")})
    scale_min = forms.IntegerField(label=_("Lowest score"), min_value=0, max_value=99)
    scale_max = forms.IntegerField(label=_("Highest score"), min_value=1, max_value=100)
    activate = forms.BooleanField(label=_("Make this the active instrument"), required=False)

    def __init__(self, *args, stages: int, areas: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.stage_rows, self.area_rows = stages, areas
        for i in range(stages):
            self.fields[f"stage_{i}_name"] = forms.CharField(
                label=_("Stage %(n)s name") % {"n": i + 1}, required=False, max_length=60)
            self.fields[f"stage_{i}_from"] = forms.IntegerField(
                label=_("Stage %(n)s from") % {"n": i + 1}, required=False)
            self.fields[f"stage_{i}_to"] = forms.IntegerField(
                label=_("Stage %(n)s to") % {"n": i + 1}, required=False)
            self.fields[f"stage_{i}_description"] = forms.CharField(
                label=_("Stage %(n)s description") % {"n": i + 1}, required=False, max_length=300)
        for i in range(areas):
            self.fields[f"area_{i}_code"] = forms.CharField(
                label=_("Area %(n)s code") % {"n": i + 1}, required=False, max_length=30)
            self.fields[f"area_{i}_title"] = forms.CharField(
                label=_("Area %(n)s title") % {"n": i + 1}, required=False, max_length=100)
            self.fields[f"area_{i}_descriptor"] = forms.CharField(
                label=_("Area %(n)s descriptor") % {"n": i + 1}, required=False, max_length=300)

    def definition(self) -> dict:
        data = self.cleaned_data
        stages = [
            {"name": data[f"stage_{i}_name"], "from": data[f"stage_{i}_from"],
             "to": data[f"stage_{i}_to"], "description": data[f"stage_{i}_description"]}
            for i in range(self.stage_rows)
            if data.get(f"stage_{i}_name") or data.get(f"stage_{i}_from") is not None
        ]
        areas = [
            {"code": data[f"area_{i}_code"], "title": data[f"area_{i}_title"],
             "descriptor": data[f"area_{i}_descriptor"]}
            for i in range(self.area_rows)
            if data.get(f"area_{i}_code") or data.get(f"area_{i}_title")
        ]
        return {"name": data["name"], "scale": {"min": data["scale_min"], "max": data["scale_max"]},
                "stages": stages, "areas": areas}

    @staticmethod
    def initial_for(definition: dict) -> dict:
        initial = {"name": definition["name"], "scale_min": definition["scale"]["min"],
                   "scale_max": definition["scale"]["max"]}
        for i, stage in enumerate(definition["stages"]):
            initial.update({f"stage_{i}_name": stage["name"], f"stage_{i}_from": stage["from"],
                            f"stage_{i}_to": stage["to"],
                            f"stage_{i}_description": stage.get("description", "")})
        for i, area in enumerate(definition["areas"]):
            initial.update({f"area_{i}_code": area["code"], f"area_{i}_title": area["title"],
                            f"area_{i}_descriptor": area.get("descriptor", "")})
        return initial
