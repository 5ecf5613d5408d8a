"""Compliance and enforcement (operating model §10, §11; failure F11).

An ``Absence`` is a failed attendance and the responsible officer's decision about it. A
``FlexibleArrangement`` agreed by the officer stops automated warnings for what it covers.
``EnforcementAction`` is what the rules core requires (warning, breach, recall request, PSS
breach), with its working-day deadline; breach and recall work is a ``Breach`` in the hub
queue. Every communication is a ``Letter`` keyed by the event it is about, so an event gets one
letter however many teams touch it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from .choices import (
    AbsenceStatus,
    ActionKind,
    ArrangementReason,
    BreachOutcome,
    BreachStatus,
    LetterKind,
    LetterStatus,
)


class FlexibleArrangement(models.Model):
    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="arrangements")
    reason = models.CharField(max_length=12, choices=ArrangementReason.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    # ISO weekdays the arrangement covers (1 = Monday); empty covers every day.
    weekdays = models.JSONField(default=list, blank=True)
    changes = models.TextField(help_text="What the arrangement changes")
    agreed_by = models.ForeignKey("organisation.Staff", null=True, on_delete=models.SET_NULL,
                                  related_name="+")
    ended_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        indexes = [models.Index(fields=["person", "starts_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                                   name="arrangement_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} from {self.starts_on}"

    def covers(self, day) -> bool:
        last = min(d for d in (self.ends_on, self.ended_on) if d) if (
            self.ends_on or self.ended_on) else None
        if day < self.starts_on or (last is not None and day > last):
            return False
        return not self.weekdays or day.isoweekday() in self.weekdays


class Absence(models.Model):
    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="absences")
    # What was missed: an appointment, or a session a partner recorded as not attended.
    appointment = models.OneToOneField("appointments.Appointment", null=True, blank=True,
                                       on_delete=models.CASCADE, related_name="absence")
    session = models.OneToOneField("interventions.SessionRecord", null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="absence")
    failed_on = models.DateField()
    status = models.CharField(max_length=12, choices=AbsenceStatus.choices,
                              default=AbsenceStatus.AWAITING)
    due_on = models.DateField(help_text="When the officer's decision is due")
    arrangement = models.ForeignKey(FlexibleArrangement, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="absences")
    evidence = models.TextField(blank=True)
    evidence_file = models.BinaryField(null=True, blank=True)
    evidence_file_name = models.CharField(max_length=200, blank=True)
    evidence_received_by = models.ForeignKey("organisation.Staff", null=True, blank=True,
                                             on_delete=models.SET_NULL, related_name="+")
    evidence_received_at = models.CharField(max_length=200, blank=True)
    decided_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_on = models.DateField(null=True, blank=True)
    action = models.CharField(max_length=24, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-failed_on", "-pk"]
        indexes = [models.Index(fields=["provider", "status", "due_on"]),
                   models.Index(fields=["person", "failed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(appointment__isnull=False, session__isnull=True)
                | Q(appointment__isnull=True, session__isnull=False),
                name="absence_of_one_appointment_or_session"),
        ]

    def __str__(self) -> str:
        return f"Absence on {self.failed_on} ({self.get_status_display()})"

    @property
    def what(self) -> str:
        if self.appointment_id:
            return str(self.appointment.get_kind_display())
        return f"{self.session.referral.service} session"


class EnforcementAction(models.Model):
    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="enforcement_actions")
    absence = models.OneToOneField(Absence, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="enforcement")
    kind = models.CharField(max_length=24, choices=ActionKind.choices)
    on = models.DateField(help_text="When the action was decided")
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["provider", "done_on", "due_on"]),
                   models.Index(fields=["person", "kind", "on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.on})"


class Breach(models.Model):
    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="breaches")
    action = models.OneToOneField(EnforcementAction, on_delete=models.CASCADE,
                                  related_name="breach")
    kind = models.CharField(max_length=24, choices=ActionKind.choices)
    status = models.CharField(max_length=10, choices=BreachStatus.choices,
                              default=BreachStatus.OFFICER)
    started_on = models.DateField()
    officer_assessment = models.TextField(blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey("auth.User", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    outcome = models.CharField(max_length=10, choices=BreachOutcome.choices, blank=True)
    outcome_notes = models.TextField(blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["started_on", "pk"]
        indexes = [models.Index(fields=["provider", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} started {self.started_on}"


class Letter(models.Model):
    """One communication per event: ``event_key`` is unique, so a second letter cannot exist."""

    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="letters")
    event_key = models.CharField(max_length=80, unique=True)
    kind = models.CharField(max_length=12, choices=LetterKind.choices)
    language = models.CharField(max_length=5, default="en")
    status = models.CharField(max_length=12, choices=LetterStatus.choices,
                              default=LetterStatus.PENDING)
    absence = models.ForeignKey(Absence, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="letters")
    appointment = models.ForeignKey("appointments.Appointment", null=True, blank=True,
                                    on_delete=models.CASCADE, related_name="letters")
    action = models.ForeignKey(EnforcementAction, null=True, blank=True,
                               on_delete=models.CASCADE, related_name="letters")
    pdf = models.BinaryField(null=True, blank=True)
    # Letters to one person on one day about missed appointments go as one (rules.enforcement).
    combined_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="combined")
    posted_at = models.DateTimeField(null=True, blank=True)
    posted_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    reprints = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    produced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "id"]),
                   models.Index(fields=["person", "created_at"]),
                   models.Index(fields=["provider", "status", "produced_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.event_key})"
