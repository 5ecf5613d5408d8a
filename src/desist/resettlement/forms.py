"""Forms for Through the Gate. Refusals from the services land on these fields too."""

from __future__ import annotations

from django import forms
from django.forms.utils import ErrorDict, ErrorList
from django.utils.translation import gettext_lazy as _

from desist.forms import GovukDateField

from .choices import NEED_CHOICES, ChecklistItem, NeedStatus, PathwayStatus


def refusal_form(error, form: forms.Form | None = None) -> forms.Form:
    """A form carrying a service's refusal for the GOV.UK error summary, field by field (the
    field may be a section of the page, e.g. ``risk_section``, linked by its id)."""
    form = form or forms.Form()
    if form._errors is None:
        form._errors = ErrorDict()
    for name, messages in error.field_errors().items():
        form._errors.setdefault("__all__" if name == "non_field_errors" else name,
                                ErrorList()).extend(messages)
    return form


class OpenForm(forms.Form):
    sentence = forms.IntegerField(widget=forms.HiddenInput)
    prison = forms.CharField(label=_("Prison"), max_length=100,
                             error_messages={"required": _("Enter the prison")})
    reception_on = GovukDateField(label=_("Date received into custody"),
                                  error_messages={"required": _("Enter the reception date")})


class PathwayForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PathwayStatus.choices,
                               error_messages={"required": _("Choose a status")})
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput)


class NeedForm(forms.Form):
    kind = forms.ChoiceField(label=_("Support need"), choices=NEED_CHOICES,
                             error_messages={"required": _("Choose a support need")})
    due_on = GovukDateField(label=_("Due by"),
                            error_messages={"required": _("Enter the date it is due by")})
    owner = forms.IntegerField(label=_("Owner"), required=False)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=2000,
                            widget=forms.Textarea)


class NeedUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=NeedStatus.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput)


class RiskSectionForm(forms.Form):
    risk_section = forms.CharField(
        label=_("Risk of harm"), max_length=10000, widget=forms.Textarea,
        error_messages={"required": _("Write the risk of harm section")})
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReleaseForm(forms.Form):
    released_on = GovukDateField(label=_("Date released"),
                                 error_messages={"required": _("Enter the date of release")})
    version = forms.IntegerField(widget=forms.HiddenInput)


class TickForm(forms.Form):
    item = forms.ChoiceField(choices=ChecklistItem.choices)
    done = forms.BooleanField(required=False)
    note = forms.CharField(required=False, max_length=300)


class LoadForm(forms.Form):
    file = forms.FileField(label=_("Assessment file (JSON)"),
                           error_messages={"required": _("Choose the file to load")})


class BirthDateField(GovukDateField):
    """A date of birth: in the past, so not the case-record window of sensible dates."""

    default_validators = []


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=12,
                           error_messages={"required": "Enter your code"})
    date_of_birth = BirthDateField(label=_("Date of birth"),
                                   error_messages={"required": "Enter your date of birth"})
