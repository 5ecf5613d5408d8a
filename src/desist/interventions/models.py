"""Interventions: the service catalogue and rate card, and referrals to it (operating model §9).

A ``Service`` is one entry in the catalogue: delivered in-house by the provider or by an
operational partner (its published rate card). A ``Referral`` follows the §9 lifecycle; partner
caseworkers record attendance (``SessionRecord``) and progress directly; every change is kept in
``ReferralEvent`` as well as the audit trail.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desist.rules.partner_access import (
    ACCESS_STATUSES,
    DEFAULT_GRACE_DAYS,
    PENDING_STATUSES,
    grace_start,
)

from .choices import (
    Component,
    DeliveryMode,
    Eligibility,
    PriceUnit,
    ReferralStatus,
    ServiceStatus,
)


class Service(models.Model):
    """A service in the catalogue, with what booking and referral need to know about it."""

    provider = models.ForeignKey(
        "organisation.Provider", on_delete=models.PROTECT, related_name="services"
    )
    code = models.CharField(max_length=30)
    name = models.CharField(max_length=200)
    component = models.CharField(max_length=30, choices=Component.choices)
    partner = models.ForeignKey(
        "organisation.Partner", null=True, blank=True, on_delete=models.PROTECT,
        related_name="services", help_text=_("Empty when the provider delivers it in-house."),
    )
    mode = models.CharField(max_length=12, choices=DeliveryMode.choices)
    sessions = models.PositiveSmallIntegerField(default=1)
    sessions_per_week = models.PositiveSmallIntegerField(default=1)
    hours_per_session = models.DecimalField(max_digits=4, decimal_places=1, default=1)
    rar_activity = models.BooleanField(default=True, help_text=_("Counts as RAR activity"))
    programme = models.BooleanField(default=False, help_text=_("Accredited programme"))
    needs_link_worker = models.BooleanField(default=False)
    eligibility = models.CharField(max_length=10, choices=Eligibility.choices, blank=True)
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    eligibility_notes = models.CharField(max_length=300, blank=True)
    venues = models.ManyToManyField("organisation.Venue", blank=True, related_name="services")
    women_only = models.BooleanField(default=False)
    evenings = models.BooleanField(default=False)
    # Places at once. The waiting list and places in use are not stored: they are counted from
    # the referrals (selectors.service_places), so the catalogue and monitoring agree.
    capacity = models.PositiveSmallIntegerField(default=10)
    waiting_weeks = models.PositiveSmallIntegerField(
        default=0, help_text=_("Published wait for a place, in weeks (for example until the "
                               "next course starts)"))
    status = models.CharField(max_length=10, choices=ServiceStatus.choices,
                              default=ServiceStatus.ACCEPTING)
    price = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    price_unit = models.CharField(max_length=10, choices=PriceUnit.choices,
                                  default=PriceUnit.SESSION)
    description = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)  # optimistic locking of edits

    class Meta:
        ordering = ["component", "name"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "code"], name="service_code_unique"),
            models.CheckConstraint(condition=Q(sessions__gte=1), name="service_sessions_1_plus"),
            models.CheckConstraint(condition=Q(sessions_per_week__gte=1),
                                   name="service_sessions_per_week_1_plus"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="service_capacity_1_plus"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def provider_name(self) -> str:
        return self.partner.name if self.partner_id else _("In-house")

    @property
    def course_weeks(self) -> int:
        return -(-self.sessions // self.sessions_per_week)


def partner_grace_days() -> int:
    """Days a partner keeps a case after completing its referral (setting, default 28)."""
    return int(getattr(settings, "DESIST_PARTNER_ACCESS_GRACE_DAYS", DEFAULT_GRACE_DAYS))


class ReferralQuerySet(models.QuerySet):
    def granting_partner_access(self, partner_id, *, today: dt.date | None = None):
        """Referrals that open the person's case to ``partner_id`` today (§1, §9; F14).

        The same window as ``rules.partner_access.partner_access``: from acceptance while the
        partner works with the person, and a completed referral for its grace period. Indexed
        by ``(partner, status)``, so it serves as an ``Exists`` subquery per person.
        """
        since = grace_start(today or timezone.localdate(), partner_grace_days())
        return self.filter(partner_id=partner_id).filter(
            Q(status__in=ACCESS_STATUSES) | Q(status="completed", ended_on__gte=since))

    def seen_by_partner(self, partner_id, *, today: dt.date | None = None):
        """The partner's referrals it may open: those awaiting its decision and those in the
        access window (the case itself is open only for the latter)."""
        since = grace_start(today or timezone.localdate(), partner_grace_days())
        return self.filter(partner_id=partner_id).filter(
            Q(status__in=ACCESS_STATUSES + PENDING_STATUSES)
            | Q(status="completed", ended_on__gte=since))


class Referral(models.Model):
    """A person referred to a service, in-house or with an operational partner."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="referrals")
    partner = models.ForeignKey(
        "organisation.Partner", null=True, blank=True, on_delete=models.PROTECT,
        related_name="referrals",
    )
    catalogue_service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    service = models.CharField(max_length=200)
    status = models.CharField(
        max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.REFERRED
    )
    referred_on = models.DateField()
    referred_by = models.ForeignKey(
        "organisation.Staff", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The partner link worker recorded on the Risk tab when the referral was made (BBR, §7):
    # kept as written then, since the Risk tab's record may change later.
    link_worker_name = models.CharField(max_length=420, blank=True, default="",
                                        help_text=_("Partner link worker (BBR) at referral"))
    reason = models.TextField(blank=True, default="",
                              help_text=_("Why it was rejected or withdrawn"))
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    sessions_attended = models.PositiveSmallIntegerField(default=0)
    sessions_missed = models.PositiveSmallIntegerField(default=0)
    expected_completion = models.DateField(null=True, blank=True)
    at_risk = models.BooleanField(default=False)
    risk_text = models.TextField(blank=True, default="")
    version = models.PositiveIntegerField(default=1)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_on"]
        indexes = [
            models.Index(fields=["partner", "status"]),
            models.Index(fields=["catalogue_service", "status"]),
            models.Index(fields=["person", "status"]),
            # The referral lists' order (newest first), so a page reads its rows in order
            # instead of sorting every referral the user may see (issue 23).
            models.Index(fields=["-referred_on", "-id"], name="referral_newest_first"),
            # A partner's referral list, newest first (issue 12 item 24).
            models.Index(fields=["partner", "-referred_on", "-id"], name="referral_partner_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.service} ({self.get_status_display()})"


class ReferralEvent(models.Model):
    """One step of a referral's lifecycle, a session or a progress note, in order."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=12, blank=True)
    kind = models.CharField(max_length=20)  # status / session / note / risk
    text = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text[:50]}"


class SessionRecord(models.Model):
    """A session of a referral: attended or missed, with the partner's progress note."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="sessions")
    session_on = models.DateField()
    attended = models.BooleanField()
    hours = models.DecimalField(max_digits=4, decimal_places=1, default=1)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-session_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "session_on"],
                                    name="session_one_per_referral_day"),
        ]

    def __str__(self) -> str:
        return f"{self.session_on} ({'attended' if self.attended else 'missed'})"
