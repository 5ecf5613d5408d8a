from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from desist.forms import GovukDateField

from .choices import AdjustmentReason, Outcome, Rating

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def add_refusal(form: forms.Form, refusal) -> None:
    """Show a ``Refused`` against its field(s) in the GOV.UK error summary."""
    for name, messages in refusal.field_errors().items():
        field = name if name in form.fields else None
        for message in messages:
            form.add_error(field, message)


class GroupForm(forms.Form):
    """Sign a group in or out: the people ticked, at a time."""

    placements = forms.MultipleChoiceField(
        label=_("People"), choices=[], widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one person")})
    at = forms.TimeField(label=_("Time"), input_formats=["%H:%M"],
                         error_messages={"required": _("Enter the time, for example 09:00"),
                                         "invalid": _("Enter the time as HH:MM, for example "
                                                      "09:00")})

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placements"].choices = choices


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("What happened"), choices=Outcome.choices,
                                error_messages={"required": _("Choose what happened")})
    minutes_worked = forms.IntegerField(label=_("Minutes worked"), required=False, min_value=0,
                                        max_value=1440)
    penalty_minutes = forms.IntegerField(label=_("Penalty minutes"), required=False,
                                         min_value=0, max_value=1440)
    work_quality = forms.ChoiceField(label=_("Work quality"), required=False,
                                     choices=[("", _("Not recorded"))] + Rating.choices)
    behaviour = forms.ChoiceField(label=_("Behaviour"), required=False,
                                  choices=[("", _("Not recorded"))] + Rating.choices)
    notes = forms.CharField(label=_("Notes or evidence"), required=False, max_length=2000,
                            widget=forms.Textarea)


class BookForm(forms.Form):
    crn = forms.CharField(label=_("CRN"), max_length=10,
                          error_messages={"required": _("Enter the person's CRN")})
    needs_transport = forms.BooleanField(label=_("Needs a seat on the transport"),
                                         required=False)


class AdjustmentForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=AdjustmentReason.choices,
                               error_messages={"required": _("Choose the reason")})
    minutes = forms.IntegerField(label=_("Minutes"),
                                 error_messages={"required": _("Enter the minutes to add or take "
                                                               "off"),
                                                 "invalid": _("Enter whole minutes")})
    on = GovukDateField(label=_("Date"), input_formats=DATE_FORMATS,
                        error_messages={"required": _("Enter the date"),
                                        "invalid": _("Enter the date as YYYY-MM-DD")})
    note = forms.CharField(label=_("Why"), max_length=2000, widget=forms.Textarea,
                           error_messages={"required": _("Say why the time is adjusted")})


class AssessmentForm(forms.Form):
    assessed_on = GovukDateField(label=_("Date assessed"), input_formats=DATE_FORMATS,
                                 error_messages={"required": _("Enter the date"),
                                                 "invalid": _("Enter the date as YYYY-MM-DD")})
    previous_convictions = forms.CharField(label=_("Previous convictions"), required=False,
                                           max_length=2000, widget=forms.Textarea)
    court_papers_seen = forms.BooleanField(label=_("Court papers seen"), required=False)
    rosh_noted = forms.BooleanField(label=_("Risk of serious harm considered"), required=False)
    health_and_safety = forms.CharField(label=_("Health and safety"), required=False,
                                        max_length=2000, widget=forms.Textarea)
    disability_and_access = forms.CharField(label=_("Disability and access"), required=False,
                                            max_length=2000, widget=forms.Textarea)
    keep_apart = forms.CharField(label=_("People to keep apart from (one name a line)"),
                                 required=False, max_length=2000, widget=forms.Textarea)
    suitable_group = forms.BooleanField(label=_("Suitable for group placements"),
                                        required=False)
    suitable_individual = forms.BooleanField(label=_("Suitable for individual placements"),
                                             required=False)
    intensive = forms.BooleanField(label=_("Intensive working (several days a week)"),
                                   required=False)
    availability = forms.CharField(label=_("Availability around work and childcare"),
                                   required=False, max_length=2000, widget=forms.Textarea)
