"""Appointments: who, where, when, whether RAR activity, and what happened (operating model §10)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from .choices import Kind, Outcome


class Appointment(models.Model):
    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="appointments")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="appointments")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    officer = models.ForeignKey("organisation.Staff", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="appointments")
    partner = models.ForeignKey("organisation.Partner", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="appointments")
    referral = models.ForeignKey("interventions.Referral", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="appointments")
    venue = models.ForeignKey("organisation.Venue", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="appointments")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    purpose = models.CharField(max_length=200, blank=True)
    rar_activity = models.BooleanField()
    sensitive = models.BooleanField(default=False)
    women_only = models.BooleanField(default=False)
    outcome = models.CharField(max_length=24, choices=Outcome.choices, blank=True, default="")
    evidence = models.TextField(blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    outcome_recorded_by = models.ForeignKey("auth.User", null=True, blank=True,
                                            on_delete=models.SET_NULL, related_name="+")
    rescheduled_to = models.OneToOneField("self", null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="rescheduled_from")
    created_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["officer", "starts_at"]),
            models.Index(fields=["venue", "starts_at"]),
            models.Index(fields=["person", "starts_at"]),
            models.Index(fields=["provider", "outcome", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                   name="appointment_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def local_starts(self):
        return timezone.localtime(self.starts_at)

    @property
    def local_ends(self):
        return timezone.localtime(self.ends_at)

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600
