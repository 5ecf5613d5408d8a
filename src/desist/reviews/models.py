"""Reviews and step-down (operating model §14, §10; failures F9, F10).

A ``Review`` is recorded once and never changed: progress on each plan objective, the new
self-assessment reading, compliance, the change in risk with the checks as they stood, and what
was adjusted. A ``SignificantEvent`` brings the next review forward. A ``StepDown`` moves the
case to reporting-centre or hub telephone reporting through a recorded review; the officer keeps
the case and pulls it back by ending the step-down (who, when, why).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from .choices import ComplianceLevel, Destination, EventKind, Progress, RiskChange


class SignificantEvent(models.Model):
    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="significant_events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    occurred_on = models.DateField()
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey("auth.User", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["person", "occurred_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_on}"


class Review(models.Model):
    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    trigger = models.CharField(max_length=20, default="interval")
    reading = models.ForeignKey("assessment.Reading", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    compliance = models.CharField(max_length=12, choices=ComplianceLevel.choices)
    compliance_notes = models.TextField(blank=True)
    rosh_before = models.CharField(max_length=10, blank=True)
    rosh_after = models.CharField(max_length=10, blank=True)
    risk_change = models.CharField(max_length=8, choices=RiskChange.choices)
    risk_notes = models.TextField(blank=True)
    adjustments = models.TextField(blank=True, help_text="What was changed in the plan")
    no_open_risk_actions = models.BooleanField(default=False)
    checks = models.JSONField(default=list, blank=True)  # the §7 checks as they stood
    flagged = models.BooleanField(default=False)
    reasons = models.JSONField(default=list, blank=True)
    recorded_by = models.ForeignKey("auth.User", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        indexes = [models.Index(fields=["person", "-reviewed_on"]),
                   models.Index(fields=["provider", "flagged"])]

    def __str__(self) -> str:
        return f"Review on {self.reviewed_on}"

    @property
    def adjusted(self) -> bool:
        return bool(self.adjustments.strip())


class ObjectiveProgress(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="progress")
    objective = models.ForeignKey("planning.Objective", on_delete=models.PROTECT,
                                  related_name="+")
    progress = models.CharField(max_length=12, choices=Progress.choices)
    note = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["review", "objective"],
                                               name="progress_once_per_objective")]

    def __str__(self) -> str:
        return self.get_progress_display()


class StepDown(models.Model):
    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="step_downs")
    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="step_downs")
    destination = models.CharField(max_length=20, choices=Destination.choices)
    contact_every_days = models.PositiveSmallIntegerField()
    started_on = models.DateField()
    warnings = models.JSONField(default=list, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    stepped_down_by = models.ForeignKey("auth.User", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    ended_on = models.DateField(null=True, blank=True)
    ended_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    end_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["provider", "ended_on"])]
        constraints = [models.UniqueConstraint(fields=["person"], condition=Q(ended_on__isnull=True),
                                               name="one_open_step_down")]

    def __str__(self) -> str:
        return f"{self.get_destination_display()} from {self.started_on}"

    @property
    def active(self) -> bool:
        return self.ended_on is None
