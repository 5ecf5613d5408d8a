"""Risk of harm and the one integrated plan (operating model §7, §8).

Person data these need that is not on ``people.Person`` lives here, keyed to the person.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import (
    Agency,
    CheckKind,
    CheckResult,
    NeedKind,
    PlanStatus,
    Sufficiency,
)


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

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"



class Plan(models.Model):
    """The one integrated sentence plan: needs and risk, objectives, the person's agreement."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="plans")
    status = models.CharField(max_length=30, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    started_on = models.DateField()
    due_on = models.DateField()
    copied_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="copies")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    person_agreed = models.BooleanField(null=True, blank=True)
    person_comments = models.TextField(blank=True)
    agreed_on = models.DateField(null=True, blank=True)
    diversity_notes = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey("organisation.Staff", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey("organisation.Staff", null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Plan ({self.get_status_display()})"

    @property
    def copied_not_reviewed(self) -> bool:
        return self.copied_from_id is not None and self.reviewed_at is None



class Objective(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    text = models.CharField(_("objective"), max_length=500)
    need_kind = models.CharField(max_length=12, choices=NeedKind.choices)
    area_code = models.CharField(max_length=30, blank=True)
    risk_factor = models.CharField(max_length=200, blank=True)
    services = models.CharField(max_length=300)
    target_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(need_kind="area") & ~Q(area_code=""))
                | (Q(need_kind="risk_factor") & ~Q(risk_factor="")),
                name="objective_linked_to_a_need",
            ),
        ]

    def __str__(self) -> str:
        return self.text



class DeclinedArea(models.Model):
    """An area at 7 or below that the plan deliberately does not address, and why (§6)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="declined_areas")
    area_code = models.CharField(max_length=30)
    reason = models.CharField(max_length=500)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "area_code"],
                                               name="declined_area_once")]

    def __str__(self) -> str:
        return f"{self.area_code}: {self.reason}"



class RiskManagementPlan(models.Model):
    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="rmp")
    victims = models.TextField(blank=True)
    agencies = models.TextField(blank=True)
    home_visits = models.TextField(blank=True)
    contingency = models.TextField(blank=True)

    def __str__(self) -> str:
        return "Risk management plan"

    def filled(self) -> frozenset[str]:
        return frozenset(k for k in ("victims", "agencies", "home_visits", "contingency")
                         if getattr(self, k).strip())



class Countersignature(models.Model):
    """The manager's oversight of the plan, in structured prompts (§8, §15)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="countersignatures")
    manager = models.ForeignKey("organisation.Staff", on_delete=models.PROTECT, related_name="+")
    what_is_the_risk = models.TextField()
    is_plan_sufficient = models.CharField(max_length=4, choices=Sufficiency.choices)
    what_must_change = models.TextField(blank=True)
    # The plan's version once the decision was taken: a returned plan still at this version has
    # not been changed, so it cannot be completed again (§8).
    plan_version = models.PositiveIntegerField(null=True, blank=True)
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_at", "-pk"]

    def __str__(self) -> str:
        return f"Countersignature by {self.manager}"
