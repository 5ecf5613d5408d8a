"""Forms validate shape only; services do the saving. Messages say what to do."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from desist.form_pages import YES_NO
from desist.form_pages import date_field as _date
from desist.form_pages import text_field as _text

from .choices import NeedKind, Sufficiency


class ObjectiveForm(forms.Form):
    text = _text(_("Objective"), max_length=500)
    need_kind = forms.ChoiceField(label=_("The need it meets"), choices=NeedKind.choices,
                                  widget=forms.RadioSelect,
                                  error_messages={"required": _("Choose the need it meets")})
    area_code = forms.ChoiceField(label=_("Which self-assessment area"), required=False,
                                  choices=[])
    risk_factor = forms.CharField(label=_("Risk factor"), required=False, max_length=200)
    services = _text(_("Services that will help"), max_length=300,
                     message=_("Say which services will help meet the objective"))
    target_date = _date(_("Target date (optional)"), required=False)

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area_code"].choices = [("", _("Choose an area"))] + [
            (a.code, a.title) for a in areas]

    def clean(self):
        data = super().clean()
        if data.get("need_kind") == "area" and not data.get("area_code"):
            self.add_error("area_code", _("Choose the self-assessment area this objective meets"))
        if data.get("need_kind") == "risk_factor" and not (data.get("risk_factor") or "").strip():
            self.add_error("risk_factor", _("Enter the risk factor this objective addresses"))
        return data


class DeclineAreaForm(forms.Form):
    area_code = forms.ChoiceField(label=_("Area"), choices=[])
    reason = _text(_("Why no objective is set for this area"), max_length=500,
                   message=_("Say why no objective is set for this area"))

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area_code"].choices = [(a.code, a.title) for a in areas]


class RmpForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)  # the plan's
    victims = forms.CharField(label=_("Victims and potential victims"), required=False,
                              max_length=4000)
    agencies = forms.CharField(label=_("Other agencies and their roles (MARAC, children's social "
                                       "care, police)"), required=False, max_length=4000)
    home_visits = forms.CharField(label=_("Home visits"), required=False, max_length=4000)
    contingency = forms.CharField(label=_("Contingency: what happens if risk rises"),
                                  required=False, max_length=4000)


class AgreementForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)  # the plan's
    agreed = forms.ChoiceField(label=_("Does the person agree with the plan?"), choices=YES_NO,
                               widget=forms.RadioSelect,
                               error_messages={"required": _("Say whether the person agrees")})
    comments = forms.CharField(label=_("What the person said about the plan"), required=False,
                               max_length=2000)
    agreed_on = _date(_("Date"))
    diversity_notes = forms.CharField(
        label=_("Personal circumstances the plan takes into account (work hours, childcare, "
                "disability)"), required=False, max_length=2000)


class CountersignForm(forms.Form):
    what_is_the_risk = _text(_("What is the risk?"),
                             message=_("Say what the risk is, in your own words"))
    is_plan_sufficient = forms.ChoiceField(
        label=_("Is the plan sufficient to manage it?"), choices=Sufficiency.choices,
        widget=forms.RadioSelect, error_messages={"required": _("Say whether the plan is sufficient")})
    what_must_change = forms.CharField(label=_("What must change?"), required=False,
                                       max_length=2000)

    def clean(self):
        data = super().clean()
        if data.get("is_plan_sufficient") == "no" and not (data.get("what_must_change") or "").strip():
            self.add_error("what_must_change", _("Say what must change before the plan is "
                                                 "sufficient"))
        risk = (data.get("what_is_the_risk") or "").strip()
        if risk and len(risk.split()) < 5:
            self.add_error("what_is_the_risk", _("Describe the risk in at least a sentence: who "
                                                 "is at risk, of what, and when"))
        return data
