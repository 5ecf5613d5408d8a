"""Decisions at intake and allocation (§3, §4, §16): routing, bands, assignments, weightings.

Each decision is a row that is never edited: the history is the record an inspector reads.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from desist.people.choices import Band, Routing


class RoutingDecision(models.Model):
    """The hub confirming or correcting where a case goes, or releasing a held case to its LMC."""

    class Kind(models.TextChoices):
        CONFIRMED = "confirmed", _("Routing confirmed")
        CORRECTED = "corrected", _("Routing corrected")
        RELEASED = "released", _("Passed from the hub to the LMC")

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="routing_decisions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    routing = models.CharField(max_length=4, choices=Routing.choices)
    lmc = models.ForeignKey("organisation.Team", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="+")
    proposed = models.JSONField(default=dict)  # the rules' routing, with reasons
    note = models.TextField(blank=True)
    decided_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person_id}"



class BandDecision(models.Model):
    """A manager confirming (or raising) the band the rules proposed, with the prompts answered."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="band_decisions")
    band = models.CharField(max_length=8, choices=Band.choices)
    proposed_band = models.CharField(max_length=8, choices=Band.choices)
    previous_band = models.CharField(max_length=8, choices=Band.choices, blank=True)
    # "initial" at allocation, else the significant event that prompted the review (§4).
    event = models.CharField(max_length=40, default="initial")
    ogrs3_two_year = models.PositiveSmallIntegerField(null=True, blank=True)
    ror_source = models.CharField(max_length=10)  # "ogrs3" / "judgement"
    ror_judgement_reason = models.TextField(blank=True)
    overridden = models.BooleanField(default=False)
    rationale = models.TextField(blank=True)
    # [{"code", "text", "answer": "accept"/"decline", "note"}]
    prompts = models.JSONField(default=list, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    decided_by = models.ForeignKey("auth.User", on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(overridden=False) | ~Q(rationale=""),
                                   name="band_override_has_rationale"),
        ]

    def __str__(self) -> str:
        return f"{self.band} for {self.person_id}"



class Assignment(models.Model):
    """A responsible officer assigned (or reassigned), with the warnings acknowledged."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="assignments")
    officer = models.ForeignKey("organisation.Staff", on_delete=models.PROTECT, related_name="+")
    previous_officer = models.ForeignKey("organisation.Staff", null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("organisation.Team", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    reassignment = models.BooleanField(default=False)
    reason = models.TextField(blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    points_after = models.FloatField(null=True, blank=True)
    capacity_percent_after = models.FloatField(null=True, blank=True)
    # [{"code", "text"}] — each warning the manager acknowledged, with why they went ahead.
    warnings = models.JSONField(default=list, blank=True)
    acknowledgement = models.TextField(blank=True)
    decided_by = models.ForeignKey("auth.User", on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["officer", "decided_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(warnings=[]) | ~Q(acknowledgement=""),
                                   name="assignment_warnings_acknowledged"),
            models.CheckConstraint(condition=Q(reassignment=False) | ~Q(reason=""),
                                   name="reassignment_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.officer_id} for {self.person_id}"



class WorkloadWeighting(models.Model):
    """A provider's edits to the workload weightings (§16); anything not set keeps its default."""

    provider = models.OneToOneField("organisation.Provider", on_delete=models.CASCADE,
                                    related_name="workload_weighting")
    tables = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Workload weightings of {self.provider_id}"



class OfficerCaseload(models.Model):
    """One officer's active caseload, summed (§16; ADR 0005): how many cases they hold, by
    band and by tier, and the workload points those cases carry (the numerator of capacity). A
    summary of ``people_person``, so the staff list, the workload page and the assignment
    candidates read one row per officer instead of every case. Kept current by the services
    that change a case's officer, band, points or activity (``allocation.caseloads.tracking``),
    rebuilt and checked against a recount by ``desist recompute``."""

    staff = models.OneToOneField("organisation.Staff", primary_key=True, on_delete=models.CASCADE,
                                 related_name="caseload_summary")
    cases = models.IntegerField(default=0)
    green = models.IntegerField(default=0)
    yellow = models.IntegerField(default=0)
    red = models.IntegerField(default=0)
    blue = models.IntegerField(default=0)
    unbanded = models.IntegerField(default=0)
    # By the protect level of the case's tier (ADR 0013); no tier or S counts in none of them.
    tier_a = models.IntegerField(default=0)
    tier_b = models.IntegerField(default=0)
    tier_c = models.IntegerField(default=0)
    tier_d = models.IntegerField(default=0)
    points = models.FloatField(default=0)

    def __str__(self) -> str:
        return f"Caseload of {self.staff_id}: {self.cases}"


class WorkloadWeightingChange(models.Model):
    """One saved change to a provider's weightings: the tables before and after, who, when and
    why. A new row per change; the current tables are on ``WorkloadWeighting``."""

    provider = models.ForeignKey("organisation.Provider", on_delete=models.CASCADE,
                                 related_name="workload_weighting_changes")
    version = models.PositiveIntegerField()
    before = models.JSONField(default=dict, blank=True)
    tables = models.JSONField(default=dict, blank=True)
    reason = models.TextField()
    changed_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["provider", "version"],
                                               name="weighting_change_version_unique")]

    def __str__(self) -> str:
        return f"Weightings of {self.provider_id}, version {self.version}"


class RecomputeRun(models.Model):
    """Progress of ``desist recompute``, so an interrupted run resumes where it stopped."""

    started_at = models.DateTimeField(auto_now_add=True)
    as_of = models.DateField()
    last_pk = models.BigIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Recompute {self.as_of}"


class EscalationOutcome(models.Model):
    """What the manager did about a risk escalation to the NPS (§2, F18): a choice and its date,
    with notes. Recorded once; a later outcome (the NPS's answer) is a new row."""

    class Outcome(models.TextChoices):
        REFERRED = "referred", _("Referred to the NPS")
        NPS_DECLINED = "nps_declined", _("The NPS declined the referral: the CRC keeps the case")
        NOT_ESCALATED = "not_escalated", _("Not escalated after review")

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="escalation_outcomes")
    task = models.ForeignKey("worklist.Task", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    on = models.DateField()
    notes = models.TextField(blank=True)
    # The assessment the escalation was raised for.
    rosh = models.CharField(max_length=10)
    assessed_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey("auth.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} for {self.person_id}"
