from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from desist.forms import GovukDateField
from desist.uploads import check_evidence_file

from .choices import ArrangementReason, BreachOutcome

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
WEEKDAYS = [("1", _("Monday")), ("2", _("Tuesday")), ("3", _("Wednesday")), ("4", _("Thursday")),
            ("5", _("Friday")), ("6", _("Saturday")), ("7", _("Sunday"))]


class ArrangementForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=ArrangementReason.choices,
                               error_messages={"required": _("Choose the reason")})
    starts_on = GovukDateField(label=_("From"), input_formats=DATE_FORMATS,
                                error_messages={"required": _("Enter the date it starts"),
                                                "invalid": _("Enter the date as YYYY-MM-DD")})
    ends_on = GovukDateField(label=_("Until"), required=False, input_formats=DATE_FORMATS,
                              error_messages={"invalid": _("Enter the date as YYYY-MM-DD")})
    weekdays = forms.MultipleChoiceField(label=_("Days it covers"), choices=WEEKDAYS,
                                         required=False, widget=forms.CheckboxSelectMultiple)
    changes = forms.CharField(label=_("What it changes"), max_length=2000, widget=forms.Textarea,
                              error_messages={"required": _("Say what the arrangement changes")})

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date must be on or after the start date"))
        return data


class DecisionForm(forms.Form):
    judged = forms.ChoiceField(
        label=_("Was the absence acceptable?"), widget=forms.RadioSelect,
        choices=[("acceptable", _("Acceptable")), ("unacceptable", _("Unacceptable"))],
        error_messages={"required": _("Decide whether the absence was acceptable")})
    evidence = forms.CharField(label=_("Evidence"), required=False, max_length=4000,
                               widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput)


class EvidenceForm(forms.Form):
    description = forms.CharField(label=_("Describe the evidence"), required=False,
                                  max_length=4000, widget=forms.Textarea)
    file = forms.FileField(label=_("Upload a file"), required=False)
    received_at = forms.CharField(label=_("Where it was presented"), required=False,
                                  max_length=200)

    def clean(self):
        data = super().clean()
        if not (data.get("description") or "").strip() and not data.get("file"):
            self.add_error("description", _("Describe the evidence or upload a file"))
        file = data.get("file")
        if file is not None:
            try:  # allow-listed types, judged by content; size capped (desist.uploads)
                check_evidence_file(file)
            except ValueError as refusal:
                self.add_error("file", str(refusal))
        return data


class SubmitBreachForm(forms.Form):
    assessment = forms.CharField(label=_("Officer's assessment"), max_length=8000,
                                 widget=forms.Textarea,
                                 error_messages={"required": _("Write the officer's assessment")})
    version = forms.IntegerField(widget=forms.HiddenInput)


class BreachOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=BreachOutcome.choices,
                                error_messages={"required": _("Choose the outcome")})
    notes = forms.CharField(label=_("Notes"), required=False, max_length=4000,
                            widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput)
