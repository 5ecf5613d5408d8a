"""Management oversight and inspection-grade case audit (operating model §15; F16;
inspection-framework.md).

A ``FrameworkEdition`` is one edition of the inspection standards framework as data (domains,
standards, key questions, prompts, which questions apply only to the relevant sub-sample,
thresholds, points). An ``AuditRound`` samples cases with the rules core and keeps the edition it
started with; each sampled ``AuditCase`` is answered question by question (``AuditAnswer``, a new
row per answer: history is never overwritten). Domain 1 ratings are entered with evidence
(``Domain1Rating``). ``OversightRecord`` is a manager's structured oversight of a case.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from .choices import (
    Answer,
    CountersignDecision,
    CountersignSubject,
    OversightSubject,
    Position,
    Rating,
    RoundStatus,
    Strand,
    Theme,
)


class FrameworkEdition(models.Model):
    """One loaded edition of the standards framework. The newest loaded is used for new rounds."""

    code = models.CharField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    data = models.JSONField()
    loaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-loaded_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class AuditRound(models.Model):
    """A case-audit round (or a themed dip sample): its scope, its draw and its edition."""

    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    name = models.CharField(max_length=200)
    edition = models.ForeignKey(FrameworkEdition, on_delete=models.PROTECT,
                                related_name="rounds")
    theme = models.CharField(max_length=24, choices=Theme.choices, default=Theme.ALL)
    strands = models.JSONField(default=list)  # Strand values drawn in this round
    offices = models.ManyToManyField("organisation.Venue", blank=True, related_name="+")
    period_start = models.DateField()
    period_end = models.DateField(help_text="Eligibility is measured at this date")
    confidence = models.DecimalField(max_digits=4, decimal_places=3, default=0.8)
    margin = models.DecimalField(max_digits=4, decimal_places=3, default=0.05)
    max_per_officer = models.PositiveSmallIntegerField(default=6)
    reserve_percent = models.PositiveSmallIntegerField(default=20)
    seed = models.BigIntegerField()
    draw = models.JSONField(default=dict, blank=True)  # per strand: size, allocation, reasons
    status = models.CharField(max_length=12, choices=RoundStatus.choices,
                              default=RoundStatus.IN_PROGRESS)
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period_end", "-pk"]

    def __str__(self) -> str:
        return self.name


class AuditCase(models.Model):
    """A case drawn for a round: in the sample, on the reserve list, or swapped out."""

    round = models.ForeignKey(AuditRound, on_delete=models.CASCADE, related_name="cases")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    strand = models.CharField(max_length=12, choices=Strand.choices)
    stratum = models.CharField(max_length=60)
    officer = models.ForeignKey("organisation.Staff", null=True, on_delete=models.SET_NULL,
                                related_name="+")
    office = models.ForeignKey("organisation.Venue", null=True, on_delete=models.SET_NULL,
                               related_name="+")
    grade = models.CharField(max_length=4, blank=True)  # the officer's grade when drawn
    position = models.CharField(max_length=12, choices=Position.choices)
    reserve_order = models.PositiveIntegerField(null=True, blank=True)
    relevant = models.BooleanField(default=False,
                                   help_text="In the relevant sub-sample (RoSH issues apply)")
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    second_auditor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+",
                                       help_text="Paired review")
    swapped_for = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="replaced")
    swap_reason = models.CharField(max_length=500, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["strand", "position", "reserve_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "person", "strand"],
                                    name="audit_case_once_per_strand"),
        ]
        indexes = [models.Index(fields=["round", "position"]), models.Index(fields=["person"]),
                   models.Index(fields=["auditor"]), models.Index(fields=["second_auditor"])]

    def __str__(self) -> str:
        return f"{self.person.crn} in {self.round}"


class AuditAnswer(models.Model):
    """An auditor's answer to one key question for one case, with the reason. The newest row
    per (case, auditor, question) stands; earlier ones are the history."""

    audit_case = models.ForeignKey(AuditCase, on_delete=models.CASCADE, related_name="answers")
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+")
    question = models.CharField(max_length=12)
    answer = models.CharField(max_length=14, choices=Answer.choices)
    reason = models.TextField()
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["audit_case", "question", "-answered_at", "-pk"]
        indexes = [models.Index(fields=["audit_case", "auditor", "question"])]

    def __str__(self) -> str:
        return f"{self.question}: {self.get_answer_display()}"


class Domain1Rating(models.Model):
    """A domain 1 standard's rating, entered by the lead auditor with its evidence. The newest
    row per (round, standard) stands."""

    round = models.ForeignKey(AuditRound, on_delete=models.CASCADE, related_name="domain1")
    standard = models.CharField(max_length=8)
    rating = models.CharField(max_length=24, choices=Rating.choices)
    evidence = models.TextField()
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["standard", "-entered_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.standard}: {self.get_rating_display()}"


class OversightRecord(models.Model):
    """A manager's structured oversight of a case (or of its breach, review or plan)."""

    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="oversight")
    subject = models.CharField(max_length=8, choices=OversightSubject.choices,
                               default=OversightSubject.CASE)
    subject_id = models.PositiveIntegerField(null=True, blank=True)
    risk = models.TextField()
    safeguarding = models.TextField()
    plan = models.TextField()
    enforcement = models.TextField()
    next_action = models.TextField()
    due_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_on = models.DateField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    task = models.ForeignKey("worklist.Task", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")

    class Meta:
        ordering = ["-recorded_on", "-pk"]
        indexes = [models.Index(fields=["provider", "recorded_on"]),
                   models.Index(fields=["person", "recorded_on"])]

    def __str__(self) -> str:
        return f"Oversight of {self.person.crn} on {self.recorded_on}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:case", kwargs={"crn": self.person.crn}) + f"#oversight-{self.pk}"


class Countersignature(models.Model):
    """A manager's decision on a decision that needs countersigning (§15): approved, or
    returned to the officer saying why. Never edited: a second look is a new row."""

    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="countersignatures")
    subject = models.CharField(max_length=10, choices=CountersignSubject.choices)
    subject_id = models.PositiveIntegerField()
    decision = models.CharField(max_length=10, choices=CountersignDecision.choices)
    reason = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)
    task = models.ForeignKey("worklist.Task", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", help_text="The officer's task when returned")

    class Meta:
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["subject", "subject_id"]),
                   models.Index(fields=["provider", "decided_at"])]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.get_subject_display()} {self.subject_id}"
