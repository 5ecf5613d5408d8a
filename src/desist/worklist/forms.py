from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS
from .selectors import GROUPINGS, VIEWS


class TaskFilterForm(forms.Form):
    view = forms.ChoiceField(required=False, choices=[(v, v) for v in VIEWS])
    kind = forms.ChoiceField(label=_("Type of task"), required=False,
                             choices=[("", _("All types"))] + [(k, v.label) for k, v in KINDS.items()])
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    group = forms.ChoiceField(required=False, choices=[(g, g) for g in GROUPINGS])


class CloseTaskForm(forms.Form):
    outcome = forms.CharField(
        label=_("What was done"), max_length=2000, widget=forms.Textarea,
        error_messages={"required": _("Say what was done about this task")},
    )
    no_longer_needed = forms.BooleanField(label=_("No longer needed"), required=False)
