"""Forms validate shape only; services do the saving. Messages say what to do."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from desist.form_pages import date_field as _date
from desist.form_pages import text_field as _text
from desist.people.choices import ROSH_TO, RoshLevel

from .choices import Agency, CheckKind, CheckResult


class RiskAssessmentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    rosh = forms.ChoiceField(label=_("Risk of serious harm"), choices=RoshLevel.choices,
                             error_messages={"required": _("Choose the RoSH level")})
    rosh_to = forms.MultipleChoiceField(label=_("Risk to whom"), choices=list(ROSH_TO.items()),
                                        error_messages={"required": _("Choose who is at risk")})
    reasons = _text(_("Why this level"))
    previous_convictions = _text(
        _("What previous convictions show"),
        message=_("Say what the previous convictions show about risk, or that there are none"))
    past_behaviour = _text(
        _("Past behaviour beyond the convictions"),
        message=_("Say what past behaviour (call-outs, other agencies' information) shows"))
    assessed_on = _date(_("Date of assessment"))


class CheckRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Check"), choices=CheckKind.choices,
                             error_messages={"required": _("Choose the check")})
    requested_on = _date(_("Date requested"))


class CheckResultForm(forms.Form):
    completed_on = _date(_("Date of the result"))
    result = forms.ChoiceField(label=_("Result"), choices=CheckResult.choices,
                               error_messages={"required": _("Choose the result")})
    details = _text(_("What the check found"), required=False)


class AgencyInformationForm(forms.Form):
    agency = forms.ChoiceField(label=_("From"), choices=Agency.choices,
                               error_messages={"required": _("Choose the agency")})
    received_on = _date(_("Date received"))
    summary = _text(_("What the information says"))


class AcknowledgeForm(forms.Form):
    what_it_changes = _text(_("What it changes"),
                            message=_("Say what this information changes about risk or the plan, "
                                      "or why it changes nothing"))


class HomeVisitForm(forms.Form):
    planned_for = _date(_("Planned date"))
    purpose = _text(_("Purpose of the visit"), max_length=300)


class HomeVisitOutcomeForm(forms.Form):
    visited_on = _date(_("Date of the visit"))
    outcome = _text(_("What happened"))


class LinkWorkerForm(forms.Form):
    name = _text(_("Name"), max_length=200)
    organisation = _text(_("Organisation"), max_length=200)
    phone = forms.CharField(label=_("Phone (optional)"), required=False, max_length=30)
    assigned_on = _date(_("Date assigned"))
