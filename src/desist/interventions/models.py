"""Referrals of people to partners' services (operating model §9).

The foundation holds what partner access needs: which partner a person is referred to.
The catalogue, rate card and the full referral lifecycle build on it.
"""

from __future__ import annotations

from django.db import models

from .choices import ReferralStatus


class Referral(models.Model):
    """A person referred to a service delivered by an operational partner."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="referrals")
    partner = models.ForeignKey(
        "organisation.Partner", on_delete=models.PROTECT, related_name="referrals"
    )
    service = models.CharField(max_length=200)
    status = models.CharField(
        max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.REFERRED
    )
    referred_on = models.DateField()
    referred_by = models.ForeignKey(
        "organisation.Staff", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-referred_on"]
        indexes = [models.Index(fields=["partner", "status"])]

    def __str__(self) -> str:
        return f"{self.service} ({self.get_status_display()})"
