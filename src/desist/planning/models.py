"""The one integrated plan (operating model §8): objectives, the risk management plan,
the manager's countersignature.

Person data these need that is not on ``people.Person`` lives here, keyed to the person.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import (
    NeedKind,
    PlanStatus,
    Sufficiency,
)


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
