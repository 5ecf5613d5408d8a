from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from desist.forms import GovukDateField
from desist.rules.checkins import QUESTIONS

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
QUESTION_LABELS = {
    "address_changed": _("Has your address changed?"),
    "work_changed": _("Has your work changed?"),
    "health_changed": _("Has your health changed?"),
    "circumstances_changed": _("Has anything else changed in your life?"),
    "wants_to_speak": _("Do you need to speak to your officer?"),
}


class DateOfBirthField(GovukDateField):
    """A date of birth: in the past, and not held to the case-record window of recent dates."""

    default_validators = []

    def validate(self, value):
        super().validate(value)
        import datetime as dt

        if value and not dt.date(1900, 1, 1) <= value < dt.date.today():
            raise forms.ValidationError(_("Your date of birth must be in the past"),
                                        code="invalid")


class EnrolForm(forms.Form):
    every_days = forms.IntegerField(label=_("Check in every (days)"), min_value=1, max_value=90,
                                    initial=14,
                                    error_messages={"required": _("Enter how often"),
                                                    "invalid": _("Enter a number of days")})


class ApprovalForm(forms.Form):
    reason = forms.CharField(label=_("Why self-reporting is safe for this person"),
                             max_length=500, widget=forms.Textarea,
                             error_messages={"required": _("Say why it is safe")})


class IdentifyForm(forms.Form):
    date_of_birth = DateOfBirthField(label=_("Your date of birth"),
                                   error_messages={"required": _("Enter your date of birth")})
    code = forms.CharField(label=_("Your one-time code"), required=False, max_length=12)
    pin = forms.CharField(label=_("Your PIN"), required=False, max_length=6,
                          widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if not data.get("code") and not data.get("pin"):
            self.add_error("pin", _("Enter your PIN or your one-time code"))
        return data


class QuestionsForm(forms.Form):
    details = forms.CharField(label=_("Tell us more (optional)"), required=False,
                              max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in QUESTIONS:
            self.fields[name] = forms.ChoiceField(
                label=QUESTION_LABELS[name], choices=YES_NO, widget=forms.RadioSelect,
                error_messages={"required": _("Answer yes or no")})
        self.order_fields(list(QUESTIONS) + ["details"])

    def answers(self) -> dict[str, bool]:
        return {name: self.cleaned_data[name] == "yes" for name in QUESTIONS}
