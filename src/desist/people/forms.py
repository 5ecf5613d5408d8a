"""Forms validate shape only; services do the saving."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Band, EmploymentStatus, RoshLevel
from .search import MAX_QUERY_LENGTH


class CaseloadFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name or CRN"), required=False, max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": _("Name or CRN must be %(limit_value)d characters "
                                        "or fewer")},
    )
    scope = forms.ChoiceField(
        label=_("Cases"), required=False,
        choices=[("mine", _("My cases")), ("team", _("My team")), ("all", _("All cases"))],
    )
    band = forms.ChoiceField(label=_("Band"), required=False,
                             choices=[("", _("Any band")), *Band.choices])
    rosh = forms.ChoiceField(label=_("RoSH"), required=False,
                             choices=[("", _("Any RoSH")), *RoshLevel.choices])
    sort = forms.ChoiceField(
        required=False,
        choices=[(s, s) for s in ("name", "crn", "rosh", "band", "last_contact", "officer")],
    )
    order = forms.ChoiceField(required=False, choices=[("asc", "asc"), ("desc", "desc")])
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)


class PersonalDetailsForm(forms.Form):
    """Contact and circumstances the officer keeps up to date; ``version`` guards lost updates."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=30, required=False)
    employment_status = forms.ChoiceField(
        label=_("Employment"), choices=EmploymentStatus.choices,
        error_messages={"required": _("Select the person's employment status")},
    )
    work_starts_at = forms.TimeField(label=_("Work starts (for example 09:00)"), required=False,
                                     error_messages={"invalid": _("Enter a time like 09:00")})
    work_ends_at = forms.TimeField(label=_("Work ends (for example 17:00)"), required=False,
                                   error_messages={"invalid": _("Enter a time like 17:30")})
    dependants = forms.IntegerField(label=_("Number of dependants"), min_value=0, max_value=30,
                                    error_messages={"required": _("Enter the number of dependants"),
                                                    "invalid": _("Enter a whole number, like 2"),
                                                    "min_value": _("Dependants cannot be negative")})
    childcare_responsibilities = forms.BooleanField(label=_("Has childcare responsibilities"),
                                                    required=False)
    # Letters are written wholly in one language (Welsh Language Scheme); not sent = unchanged.
    letter_language = forms.ChoiceField(
        label=_("Language for letters"), required=False,
        choices=[("en", _("English")), ("cy", _("Welsh (Cymraeg)"))])

    def clean_postcode(self):
        return self.cleaned_data["postcode"].strip().upper()

    def clean(self):
        data = super().clean()
        starts, ends = data.get("work_starts_at"), data.get("work_ends_at")
        if (starts is None) != (ends is None) and not self.has_error("work_starts_at") \
                and not self.has_error("work_ends_at"):
            self.add_error("work_ends_at" if starts else "work_starts_at",
                           _("Enter both the start and the end of working hours, or neither"))
        elif starts and ends and ends <= starts:
            self.add_error("work_ends_at", _("Work must end after it starts"))
        if not data.get("letter_language"):
            data.pop("letter_language", None)
        return data
