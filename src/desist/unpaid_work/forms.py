from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from desist.forms import GovukDateField

from .choices import AdjustmentReason, Availability, Outcome, ProjectType, Rating

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
    intensive = forms.BooleanField(label=_("Intensive working (up to four days this week)"),
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


WEEKDAYS = [("1", _("Monday")), ("2", _("Tuesday")), ("3", _("Wednesday")), ("4", _("Thursday")),
            ("5", _("Friday")), ("6", _("Saturday")), ("7", _("Sunday"))]
TIME = {"input_formats": ["%H:%M"],
        "error_messages": {"required": _("Enter the time, for example 09:00"),
                           "invalid": _("Enter the time as HH:MM, for example 09:00")}}


class ProjectForm(forms.Form):
    """A project's details (the hub and UPW managers). Supervisors and pick-up points are the
    provider's: the choices are given by the view."""

    name = forms.CharField(label=_("Name"), max_length=200,
                           error_messages={"required": _("Enter the project's name")})
    type = forms.ChoiceField(label=_("Type of project"), choices=ProjectType.choices,
                             error_messages={"required": _("Choose the type of project")})
    site = forms.CharField(label=_("Site"), max_length=300,
                           error_messages={"required": _("Enter where the work is done")})
    beneficiary = forms.CharField(label=_("Beneficiary"), max_length=200, required=False)
    supervisor = forms.ChoiceField(label=_("Supervisor"), required=False, choices=[])
    capacity = forms.IntegerField(label=_("Places on a session"), min_value=1, max_value=99,
                                  error_messages={"required": _("Enter how many people a session "
                                                                "takes"),
                                                  "invalid": _("Enter a whole number"),
                                                  "min_value": _("A project takes at least one "
                                                                 "person")})
    hi_vis = forms.BooleanField(label=_("Hi-vis clothing needed"), required=False)
    public_facing = forms.BooleanField(label=_("Public-facing"), required=False)
    women_only = forms.BooleanField(label=_("Women only"), required=False)
    availability = forms.ChoiceField(label=_("How often it runs"), choices=Availability.choices,
                                     error_messages={"required": _("Choose every week or every "
                                                                   "other week")})
    weekdays = forms.MultipleChoiceField(label=_("Days it runs"), choices=WEEKDAYS,
                                         widget=forms.CheckboxSelectMultiple,
                                         error_messages={"required": _("Choose the days of the "
                                                                       "week it runs")})
    pick_up_point = forms.ChoiceField(label=_("Pick-up point"), required=False, choices=[])
    transport_seats = forms.IntegerField(label=_("Seats on the transport"), required=False,
                                         min_value=1, max_value=99,
                                         error_messages={"invalid": _("Enter a whole number"),
                                                         "min_value": _("Leave the seats empty "
                                                                        "when there is no "
                                                                        "transport")})

    def __init__(self, *args, supervisors=(), pick_up_points=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._supervisors = {str(s.pk): s for s in supervisors}
        self._points = {str(p.pk): p for p in pick_up_points}
        self.fields["supervisor"].choices = [("", _("None yet"))] + [
            (k, s.user.get_full_name() or s.user.username) for k, s in self._supervisors.items()]
        self.fields["pick_up_point"].choices = [("", _("No transport"))] + [
            (k, p.name) for k, p in self._points.items()]

    def clean(self):
        data = super().clean()
        data["supervisor"] = self._supervisors.get(data.get("supervisor") or "")
        data["pick_up_point"] = self._points.get(data.get("pick_up_point") or "")
        data["weekdays"] = [int(d) for d in data.get("weekdays") or []]
        return data


class ScheduleForm(forms.Form):
    """Sessions from a project's availability, from one day to another."""

    starts_on = GovukDateField(label=_("From"), input_formats=DATE_FORMATS,
                               error_messages={"required": _("Enter the first day"),
                                               "invalid": _("Enter the date as YYYY-MM-DD")})
    until = GovukDateField(label=_("Until"), input_formats=DATE_FORMATS,
                           error_messages={"required": _("Enter the last day"),
                                           "invalid": _("Enter the date as YYYY-MM-DD")})
    starts_at = forms.TimeField(label=_("Starts at"), **TIME)
    ends_at = forms.TimeField(label=_("Ends at"), **TIME)
    pick_up_at = forms.TimeField(label=_("Pick-up time"), required=False, **TIME)


class SessionForm(forms.Form):
    """One extra session on a day of the hub's choosing."""

    on = GovukDateField(label=_("Date"), input_formats=DATE_FORMATS,
                        error_messages={"required": _("Enter the date"),
                                        "invalid": _("Enter the date as YYYY-MM-DD")})
    starts_at = forms.TimeField(label=_("Starts at"), **TIME)
    ends_at = forms.TimeField(label=_("Ends at"), **TIME)
    pick_up_at = forms.TimeField(label=_("Pick-up time"), required=False, **TIME)
