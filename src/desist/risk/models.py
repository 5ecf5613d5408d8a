"""Risk of harm and safeguarding (operating model §7): RoSH assessments, checks with the police
and children's social care, information from other agencies, home visits, the partner link
worker. The tables were created by the planning app and keep its names (ADR 0014).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from .choices import Agency, CheckKind, CheckResult


class RiskAssessment(models.Model):
    """A RoSH assessment: level, to whom, why, and what history was taken into account (§7)."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="risk_assessments")
    rosh = models.CharField(max_length=10)
    previous_rosh = models.CharField(max_length=10, blank=True)
    rosh_to = models.JSONField(default=list)
    reasons = models.TextField()
    previous_convictions = models.TextField()
    past_behaviour = models.TextField()
    assessed_on = models.DateField()
    assessed_by = models.ForeignKey("organisation.Staff", null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "planning_riskassessment"
        ordering = ["-assessed_on", "-pk"]

    def __str__(self) -> str:
        return f"RoSH {self.rosh} on {self.assessed_on:%d %b %Y}"


class SafeguardingCheck(models.Model):
    """A check requested from the police or children's social care, with its result (§7)."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="safeguarding_checks")
    kind = models.CharField(max_length=30, choices=CheckKind.choices)
    requested_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    result = models.CharField(max_length=20, choices=CheckResult.choices, blank=True)
    details = models.TextField(blank=True)
    recorded_by = models.ForeignKey("organisation.Staff", null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "planning_safeguardingcheck"
        ordering = ["-requested_on", "-pk"]
        indexes = [models.Index(fields=["person", "kind", "-completed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=models.F("requested_on")),
                name="check_completed_after_request",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | ~Q(result=""),
                name="check_completed_has_result",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class AgencyInformation(models.Model):
    """Information received from another agency; the officer acknowledges what it changes (§7)."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="agency_information")
    agency = models.CharField(max_length=30, choices=Agency.choices)
    received_on = models.DateField()
    summary = models.TextField()
    recorded_by = models.ForeignKey("organisation.Staff", null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    acknowledged_by = models.ForeignKey("organisation.Staff", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    what_it_changes = models.TextField(blank=True)

    class Meta:
        db_table = "planning_agencyinformation"
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_agency_display()} ({self.received_on:%d %b %Y})"


class HomeVisit(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="home_visits")
    planned_for = models.DateField()
    purpose = models.CharField(max_length=300)
    visited_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    recorded_by = models.ForeignKey("organisation.Staff", null=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        db_table = "planning_homevisit"
        ordering = ["-planned_for", "-pk"]

    def __str__(self) -> str:
        return f"Home visit {self.planned_for:%d %b %Y}"


class PartnerLinkWorker(models.Model):
    """The worker who supports the (ex-)partner of a man on Building Better Relationships (§7)."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE,
                                  related_name="partner_link_worker")
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200)
    phone = models.CharField(max_length=30, blank=True)
    assigned_on = models.DateField()
    assigned_by = models.ForeignKey("organisation.Staff", null=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        db_table = "planning_partnerlinkworker"

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"
