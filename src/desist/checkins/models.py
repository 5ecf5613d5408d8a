"""Self-reporting check-ins at an office kiosk or online (operating model §10).

An ``Enrolment`` holds the person's PIN (hashed), how often they check in and when next, and
the lock after five wrong PINs. A ``OneTimeCode`` (hashed) identifies them once. Each
``CheckIn`` keeps the questionnaire answers; a missed one is an appointment that failed, so it
enters the compliance journey as an absence (§11).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from .choices import Channel, CheckInStatus


class Enrolment(models.Model):
    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    person = models.OneToOneField("people.Person", on_delete=models.CASCADE,
                                  related_name="checkin_enrolment")
    pin_hash = models.CharField(max_length=200, blank=True)
    every_days = models.PositiveSmallIntegerField(default=14)
    next_due_on = models.DateField()
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    locked_at = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["provider", "active", "next_due_on"])]

    def __str__(self) -> str:
        return f"Check-in enrolment for {self.person_id}"

    @property
    def locked(self) -> bool:
        return self.locked_at is not None


class OneTimeCode(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    expires_on = models.DateField()
    used_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"One-time code until {self.expires_on}"


class CheckIn(models.Model):
    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="checkins")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="checkins")
    status = models.CharField(max_length=8, choices=CheckInStatus.choices)
    channel = models.CharField(max_length=8, choices=Channel.choices, blank=True)
    due_on = models.DateField()
    checked_in_at = models.DateTimeField(null=True, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    details = models.TextField(blank=True)
    needs_attention = models.BooleanField(default=False)
    appointment = models.OneToOneField("appointments.Appointment", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="checkin")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-due_on", "-pk"]
        indexes = [models.Index(fields=["person", "-due_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(status="missed") | Q(checked_in_at__isnull=False),
                                   name="checkin_done_has_time"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.due_on})"


class SeniorApproval(models.Model):
    """A senior officer's approval of self-reporting for a person with a sexual offence (§10)."""

    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="checkin_approvals")
    approved_by = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reason = models.CharField(max_length=500)
    approved_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-approved_at", "-pk"]

    def __str__(self) -> str:
        return f"Senior approval {self.approved_at:%Y-%m-%d}"
