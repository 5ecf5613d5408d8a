"""Through the Gate: resettlement before release (operating model §13; F19).

A ``CustodyCase`` is one custodial period being planned for release: its prison, reception and
release dates and the deadlines the rules core set. Each of the seven ``ResettlementPathway``
rows carries its current status, and every change is a new ``PathwayChange`` row (never
overwritten). Screening and the pre-release assessment are versioned configuration
(``AssessmentVersion``); an ``AssessmentResponse`` keeps the version it was answered under.
``SupportNeed`` rows come from the catalogue in ``choices.NEED_TYPES``; every change to one is a
``NeedUpdate``. ``ChecklistTick`` rows record the release-day checklist; ``PersonCode`` is the
one-time code that opens the person's own page.
"""

from __future__ import annotations

from django.db import models

from .choices import (
    NEED_CHOICES,
    AssessmentKind,
    ChecklistItem,
    NeedStatus,
    Pathway,
    PathwayStatus,
)


class CustodyCase(models.Model):
    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="custody_cases")
    sentence = models.ForeignKey("sentences.Sentence", on_delete=models.CASCADE,
                                 related_name="custody_cases")
    prison = models.CharField(max_length=100)
    reception_on = models.DateField(help_text="Received into custody")
    release_on = models.DateField()
    screening_due_on = models.DateField()
    plan_due_on = models.DateField()
    handover_on = models.DateField()
    screened_on = models.DateField(null=True, blank=True)
    # The plan's risk of harm section (§13), linked to the community risk management plan.
    risk_section = models.TextField(blank=True)
    risk_section_by = models.ForeignKey("auth.User", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    plan_completed_on = models.DateField(null=True, blank=True)
    plan_completed_by = models.ForeignKey("auth.User", null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+")
    released_on = models.DateField(null=True, blank=True)
    released_by = models.ForeignKey("auth.User", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["release_on", "pk"]
        indexes = [models.Index(fields=["provider", "release_on"]),
                   models.Index(fields=["provider", "plan_due_on"])]
        constraints = [
            models.UniqueConstraint(fields=["sentence"], name="one_custody_case_per_sentence"),
            models.CheckConstraint(condition=models.Q(release_on__gt=models.F("reception_on")),
                                   name="custody_case_release_after_reception"),
        ]

    def __str__(self) -> str:
        return f"Custody at {self.prison}, release {self.release_on}"

    @property
    def stage(self) -> str:
        if self.released_on:
            return "released"
        if self.plan_completed_on:
            return "plan_complete"
        if self.screened_on:
            return "planning"
        return "screening"


class ResettlementPathway(models.Model):
    case = models.ForeignKey(CustodyCase, on_delete=models.CASCADE, related_name="pathways")
    pathway = models.CharField(max_length=20, choices=Pathway.choices)
    status = models.CharField(max_length=14, choices=PathwayStatus.choices,
                              default=PathwayStatus.NOT_STARTED)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["case", "pathway"],
                                               name="one_row_per_pathway")]

    def __str__(self) -> str:
        return f"{self.get_pathway_display()}: {self.get_status_display()}"


class PathwayChange(models.Model):
    """One change of a pathway's status, with who, when and why (never overwritten)."""

    pathway = models.ForeignKey(ResettlementPathway, on_delete=models.CASCADE,
                                related_name="changes")
    from_status = models.CharField(max_length=14, choices=PathwayStatus.choices)
    to_status = models.CharField(max_length=14, choices=PathwayStatus.choices)
    note = models.TextField(blank=True)
    by = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.from_status} to {self.to_status}"


class AssessmentVersion(models.Model):
    """A version of the screening or pre-release questions, loaded by an administrator."""

    kind = models.CharField(max_length=12, choices=AssessmentKind.choices)
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    definition = models.JSONField()
    loaded_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-number"]
        constraints = [models.UniqueConstraint(fields=["kind", "number"],
                                               name="one_assessment_version_number")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} version {self.number}"


class AssessmentResponse(models.Model):
    case = models.ForeignKey(CustodyCase, on_delete=models.CASCADE, related_name="responses")
    version = models.ForeignKey(AssessmentVersion, on_delete=models.PROTECT,
                                related_name="responses")
    answers = models.JSONField()
    raised = models.JSONField(default=list, blank=True)
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"Answers under {self.version}"


class SupportNeed(models.Model):
    case = models.ForeignKey(CustodyCase, on_delete=models.CASCADE, related_name="needs")
    kind = models.CharField(max_length=40, choices=NEED_CHOICES)
    owner = models.ForeignKey("organisation.Staff", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    notes = models.TextField(blank=True)
    referral = models.ForeignKey("interventions.Referral", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    raised_by = models.ForeignKey(AssessmentResponse, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="needs")
    created_by = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()


class NeedUpdate(models.Model):
    need = models.ForeignKey(SupportNeed, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=12, choices=NeedStatus.choices)
    note = models.TextField(blank=True)
    by = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"Need update: {self.status}"


class ChecklistTick(models.Model):
    """A release-day checklist item recorded as done (or undone), newest row wins."""

    case = models.ForeignKey(CustodyCase, on_delete=models.CASCADE, related_name="ticks")
    item = models.CharField(max_length=20, choices=ChecklistItem.choices)
    done = models.BooleanField(default=True)
    note = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.item}: {self.done}"


class PersonCode(models.Model):
    """A one-time code for the person's own page: 6 characters, valid 7 days, checked with the
    date of birth, locked after 5 wrong tries. Only a hash of the code is kept."""

    case = models.ForeignKey(CustodyCase, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL,
                                  related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    failed_tries = models.PositiveSmallIntegerField(default=0)
    locked_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"Code issued {self.issued_at:%Y-%m-%d}"


class CodeAttempt(models.Model):
    """One try at the person's page, kept for the rate limit (by network address)."""

    client = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    ok = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["client", "at"])]

    def __str__(self) -> str:
        return f"Try from {self.client}"
