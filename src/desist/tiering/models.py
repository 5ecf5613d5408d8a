"""National tiering as Desist's second prioritisation policy (tiering.md, ADR 0013).

Both models are history: a row is never edited. The provider's policy is its latest
``PolicyDecision``; a case's tier history is its ``TierCalculation`` rows, and its current tier
is copied onto the case (``people.Person.tier``) so queues and caseloads read it without a join.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Policy(models.TextChoices):
    BAND = "band", _("Colour bands")
    TIER = "tier", _("National tiering")


class PolicyDecision(models.Model):
    """A provider choosing how it prioritises its cases: by colour band (operating-model §4) or
    by national tier (tiering.md), and whether both are shown side by side while it moves from
    one to the other. Who decided, when and why."""

    provider = models.ForeignKey("organisation.Provider", on_delete=models.CASCADE,
                                 related_name="policy_decisions")
    policy = models.CharField(max_length=4, choices=Policy.choices)
    previous_policy = models.CharField(max_length=4, choices=Policy.choices, blank=True)
    # During a transition pages show the band and the tier side by side.
    transition = models.BooleanField(default=False)
    reason = models.TextField()
    decided_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["provider", "-decided_at"])]

    def __str__(self) -> str:
        return f"{self.get_policy_display()} for {self.provider_id}"


class TierCalculation(models.Model):
    """One calculated tier of a case, kept when the tier changed: the tier, its points, the
    inputs it was calculated from (the ``desist rules tier`` contract) and the reasons."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="tier_calculations")
    tier = models.CharField(max_length=4)
    previous_tier = models.CharField(max_length=4, blank=True)
    protect = models.CharField(max_length=1)
    change = models.PositiveSmallIntegerField()
    protect_points = models.PositiveIntegerField()
    change_points = models.PositiveIntegerField()
    inputs = models.JSONField(default=dict)
    reasons = models.JSONField(default=list)
    # What prompted the calculation: "recompute", "rosh_change", "registration_added",
    # "assessment", "policy_switch", "first" …
    event = models.CharField(max_length=40)
    actor = models.CharField(max_length=150)
    calculated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-calculated_at", "-pk"]
        indexes = [models.Index(fields=["person", "-calculated_at"])]

    def __str__(self) -> str:
        return f"{self.tier} for {self.person_id}"


class RsrSource(models.TextChoices):
    RECORDED = "recorded", _("Recorded in Desist")
    NATIONAL_RECORD = "national_record", _("National record")


class RsrScore(models.Model):
    """One RSR score (risk of serious recidivism, a percentage 0–100; tiering.md) of a case:
    the score, when it was assessed, where it came from and who recorded it. Never edited: a new
    score is a new row, and the case's ``Person.rsr`` holds the latest assessed."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="rsr_scores")
    score = models.DecimalField(max_digits=5, decimal_places=2)
    assessed_on = models.DateField()
    source = models.CharField(max_length=20, choices=RsrSource.choices,
                              default=RsrSource.RECORDED)
    recorded_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        indexes = [models.Index(fields=["person", "-assessed_on"])]
        constraints = [models.CheckConstraint(condition=models.Q(score__gte=0, score__lte=100),
                                              name="rsr_score_0_to_100")]

    def __str__(self) -> str:
        return f"RSR {self.score} for {self.person_id}"
