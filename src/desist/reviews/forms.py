from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from desist.dates import format_date
from desist.forms import GovukDateField
from desist.people.choices import RoshLevel

from .choices import ComplianceLevel, Destination, EventKind, Progress, RiskChange


def add_refusal(form: forms.Form, error) -> None:
    """Show a ``Refused`` against its fields (or the form) in the error summary."""
    for name, messages in error.field_errors().items():
        form.add_error(name if name in form.fields else None, messages)


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("What happened"), choices=EventKind.choices,
                             error_messages={"required": _("Choose what happened")})
    occurred_on = GovukDateField(label=_("When it happened"),
                                 error_messages={"required": _("Enter when it happened")})
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class ReviewForm(forms.Form):
    reviewed_on = GovukDateField(label=_("Date of the review"),
                                 error_messages={"required": _("Enter the date of the review")})
    reading = forms.TypedChoiceField(label=_("New self-assessment reading"), coerce=int,
                                     choices=[], required=False, empty_value=None)
    compliance = forms.ChoiceField(label=_("Compliance"), choices=ComplianceLevel.choices,
                                   widget=forms.RadioSelect,
                                   error_messages={"required": _("Say how the person is "
                                                                 "complying")})
    compliance_notes = forms.CharField(label=_("About compliance"), required=False,
                                       max_length=4000, widget=forms.Textarea)
    risk_change = forms.ChoiceField(label=_("Change in risk"), choices=RiskChange.choices,
                                    widget=forms.RadioSelect,
                                    error_messages={"required": _("Say whether risk has "
                                                                  "changed")})
    rosh_after = forms.ChoiceField(label=_("RoSH after the review"), required=False,
                                   choices=[("", _("Unchanged"))] + list(RoshLevel.choices))
    risk_notes = forms.CharField(label=_("About risk"), required=False, max_length=4000,
                                 widget=forms.Textarea)
    adjustments = forms.CharField(label=_("Adjustments made to the plan"), required=False,
                                  max_length=4000, widget=forms.Textarea)
    no_open_risk_actions = forms.BooleanField(
        label=_("No risk-management actions are open"), required=False)

    def __init__(self, *args, objectives=(), readings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.objectives = list(objectives)
        self.fields["reading"].choices = [("", _("Choose a reading"))] + [
            (r.pk, format_date(r.taken_on, "short")) for r in readings]
        for objective in self.objectives:
            self.fields[f"progress_{objective.pk}"] = forms.ChoiceField(
                label=objective.text, choices=Progress.choices, widget=forms.RadioSelect,
                error_messages={"required": _("Record progress on this objective")})
            self.fields[f"note_{objective.pk}"] = forms.CharField(
                label=_("Note"), required=False, max_length=1000)

    def progress(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {o.pk: (data.get(f"progress_{o.pk}", ""), data.get(f"note_{o.pk}", ""))
                for o in self.objectives}


class StepDownForm(forms.Form):
    destination = forms.ChoiceField(label=_("Step down to"), choices=Destination.choices,
                                    widget=forms.RadioSelect,
                                    error_messages={"required": _("Choose where the case steps "
                                                                  "down to")})


class PullBackForm(forms.Form):
    reason = forms.CharField(label=_("Why the case comes back"), max_length=500,
                             error_messages={"required": _("Say why the case comes back")})


class TelephoneForm(forms.Form):
    on = GovukDateField(label=_("Date of the call"),
                        error_messages={"required": _("Enter the date of the call")})
    time = forms.TimeField(label=_("Time of the call"), input_formats=["%H:%M"],
                           error_messages={"required": _("Enter the time of the call"),
                                           "invalid": _("Enter the time like 14:30")})
    outcome = forms.ChoiceField(label=_("Did the call take place?"), widget=forms.RadioSelect,
                                choices=[("attended", _("Yes, we spoke")),
                                         ("failed_to_attend", _("No, they did not answer"))],
                                error_messages={"required": _("Say whether the call took "
                                                              "place")})
    notes = forms.CharField(label=_("What was discussed"), required=False, max_length=2000,
                            widget=forms.Textarea)
