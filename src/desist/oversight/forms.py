from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from desist.forms import GovukDateField

from . import framework as fw
from .choices import Answer, CountersignDecision, OversightSubject, Rating, Strand, Theme


class EditionForm(forms.Form):
    file = forms.FileField(label=_("Framework edition (JSON file)"),
                           error_messages={"required": _("Choose the edition's file")})


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Name of the round"), max_length=200,
                           error_messages={"required": _("Enter a name for the round")})
    strands = forms.MultipleChoiceField(label=_("Samples to draw"), choices=Strand.choices,
                                        widget=forms.CheckboxSelectMultiple,
                                        error_messages={"required": _("Choose at least one sample")})
    theme = forms.ChoiceField(label=_("Cases"), choices=Theme.choices, initial=Theme.ALL)
    offices = forms.MultipleChoiceField(label=_("Offices"), required=False,
                                        widget=forms.CheckboxSelectMultiple)
    period_start = GovukDateField(label=_("Period from"),
                                  error_messages={"required": _("Enter the start of the period")})
    period_end = GovukDateField(label=_("Period to"),
                                help_text=_("Cases are eligible as at this date"),
                                error_messages={"required": _("Enter the end of the period")})
    confidence = forms.IntegerField(label=_("Confidence level (%)"), initial=80, min_value=50,
                                    max_value=99)
    margin = forms.IntegerField(label=_("Margin of error (percentage points)"), initial=5,
                                min_value=1, max_value=20)
    max_per_officer = forms.IntegerField(label=_("Most cases per officer"), initial=6,
                                         min_value=1, max_value=50)
    reserve_percent = forms.IntegerField(label=_("Reserve list (% of the sample)"), initial=20,
                                         min_value=0, max_value=100)
    seed = forms.IntegerField(label=_("Seed"), required=False, min_value=0, max_value=2**31,
                              help_text=_("Leave empty for a new random seed; give a round's "
                                          "seed to draw its sample again"))

    def __init__(self, *args, offices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offices"].choices = [(str(v.pk), v.name) for v in offices]


class AssignForm(forms.Form):
    auditors = forms.MultipleChoiceField(label=_("Auditors"), widget=forms.CheckboxSelectMultiple,
                                         error_messages={"required": _("Choose the auditors")})
    paired_every = forms.IntegerField(label=_("Paired review: every how many cases"),
                                      required=False, min_value=0, max_value=50,
                                      help_text=_("For example 5 gives every fifth case a "
                                                  "second auditor; leave empty for none"))

    def __init__(self, *args, auditors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["auditors"].choices = [(str(s.user_id), str(s)) for s in auditors]


class SwapForm(forms.Form):
    reason = forms.CharField(label=_("Why is this case unsuitable?"), max_length=500,
                             widget=forms.Textarea,
                             error_messages={"required": _("Say why the case is unsuitable")})


class Domain1Form(forms.Form):
    standard = forms.ChoiceField(label=_("Standard"))
    rating = forms.ChoiceField(label=_("Rating"), choices=Rating.choices,
                               error_messages={"required": _("Choose the rating")})
    evidence = forms.CharField(label=_("Evidence"), max_length=8000, widget=forms.Textarea,
                               error_messages={"required": _("Give the evidence for the rating")})

    def __init__(self, *args, standards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].choices = [(s.code, f"{s.code} {s.name}") for s in standards]


def answers_form(questions, data=None, initial=None):
    """One radio and one reason per key question the case is audited on."""
    fields = {}
    for q in questions:
        choices = Answer.choices if q.relevant_only else [
            c for c in Answer.choices if c[0] != Answer.NOT_RELEVANT]
        fields[f"q_{fw.slug(q.code)}"] = forms.ChoiceField(
            label=f"{q.code} {q.text}", choices=choices, widget=forms.RadioSelect,
            error_messages={"required": _("Answer %(code)s") % {"code": q.code}})
        fields[f"r_{fw.slug(q.code)}"] = forms.CharField(
            label=_("Reason for your answer to %(code)s") % {"code": q.code}, max_length=4000,
            widget=forms.Textarea,
            error_messages={"required": _("Give the reason for your answer to %(code)s")
                            % {"code": q.code}})
    form_class = type("AnswersForm", (forms.Form,), fields)
    return form_class(data, initial=initial)


class OversightForm(forms.Form):
    subject = forms.ChoiceField(label=_("Oversight of"), choices=OversightSubject.choices,
                                initial=OversightSubject.CASE)
    subject_id = forms.TypedChoiceField(label=_("Which record"), required=False, coerce=int,
                                        empty_value=None)
    risk = forms.CharField(label=_("Risk"), max_length=4000, widget=forms.Textarea,
                           help_text=_("Is the risk of serious harm assessed and managed?"))
    safeguarding = forms.CharField(label=_("Safeguarding"), max_length=4000,
                                   widget=forms.Textarea,
                                   help_text=_("Domestic abuse and child safeguarding checks"))
    plan = forms.CharField(label=_("Plan"), max_length=4000, widget=forms.Textarea,
                           help_text=_("Is the plan right and up to date?"))
    enforcement = forms.CharField(label=_("Enforcement"), max_length=4000, widget=forms.Textarea,
                                  help_text=_("Were absences and breaches dealt with properly?"))
    next_action = forms.CharField(label=_("What must happen next"), max_length=4000,
                                  widget=forms.Textarea,
                                  help_text=_("This becomes a task for the officer"))
    due_on = GovukDateField(label=_("By when"), required=False)

    def __init__(self, *args, records=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject_id"].choices = [("", _("Not a particular record")), *records]


def _msg(key):
    return {"required": key}


for _name, _text in (("risk", _("Write your oversight of risk")),
                     ("safeguarding", _("Write your oversight of safeguarding")),
                     ("plan", _("Write your oversight of the plan")),
                     ("enforcement", _("Write your oversight of enforcement")),
                     ("next_action", _("Say what must happen next"))):
    OversightForm.base_fields[_name].error_messages = _msg(_text)


class CountersignForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"), choices=CountersignDecision.choices,
        error_messages={"required": _("Choose whether you countersign the review or return it")})
    reason = forms.CharField(
        label=_("Why"), max_length=4000, widget=forms.Textarea,
        help_text=_("What you checked and whether the review is sufficient; if you return it, "
                    "what must change"),
        error_messages={"required": _("Say why: what you checked, and for a return what must "
                                      "change")})
