"""Forms validate shape only; services do the saving. Messages say what to do."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from desist.form_pages import YES_NO
from desist.form_pages import date_field as _date

from .choices import InductionMode

SCREEN_QUESTIONS = [
    ("literacy_needs", _("Does the person have difficulty reading or writing?")),
    ("numeracy_needs", _("Does the person have difficulty with numbers, dates or times?")),
    ("learning_disability", _("Does the person have a learning disability?")),
    ("anxiety_or_vulnerability", _("Is the person anxious or vulnerable in a group setting?")),
    ("interpreter_needed", _("Does the person need an interpreter?")),
    ("domestic_abuse_perpetrator", _("Is the person a perpetrator of domestic abuse?")),
    ("domestic_abuse_victim", _("Is the person a victim of domestic abuse?")),
    ("disability_or_access_needs", _("Does the person have a disability or access needs?")),
    ("group_venue_meets_access_needs",
     _("If so, does the group induction's venue and format meet those needs?")),
    ("work_clashes_with_group_times", _("Does the person work during group induction times?")),
]


class ScreenForm(forms.Form):
    ethnicity = forms.CharField(label=_("Ethnicity (optional)"), required=False, max_length=60)
    religion = forms.CharField(label=_("Religion or belief (optional)"), required=False,
                               max_length=60)
    sexual_orientation = forms.CharField(label=_("Sexual orientation (optional)"),
                                         required=False, max_length=60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in SCREEN_QUESTIONS:
            self.fields[name] = forms.ChoiceField(
                label=label, choices=YES_NO, widget=forms.RadioSelect,
                required=name != "group_venue_meets_access_needs",
                error_messages={"required": _("Answer: %(q)s") % {"q": label}},
            )

    def answers(self) -> dict:
        return {name: self.cleaned_data.get(name) == "yes" for name, _ in SCREEN_QUESTIONS}


TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]


def _time(label):
    return forms.TimeField(label=label, input_formats=TIME_FORMATS, error_messages={
        "required": _("Enter the %(what)s") % {"what": str(label).lower()},
        "invalid": _("Enter the time like 10:00")})


class BookingForm(forms.Form):
    mode = forms.ChoiceField(label=_("Type of induction"), choices=InductionMode.choices,
                             error_messages={"required": _("Choose group or individual induction")})
    venue = forms.TypedChoiceField(label=_("Venue"), coerce=int, error_messages={
        "required": _("Choose a venue"), "invalid_choice": _("Choose a venue from the list")})
    day = _date(_("Date"))
    starts = _time(_("Start time"))
    ends = _time(_("End time"))

    def __init__(self, *args, venues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].choices = [("", _("Choose a venue"))] + list(venues)

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("ends") and data["ends"] <= data["starts"]:
            self.add_error("ends", _("The end time must be after the start time"))
        return data
