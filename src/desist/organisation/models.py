"""Providers, their venues, teams, staff and operational partners (operating model §1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import Gender, Grade, VenueKind


class Owner(models.Model):
    """The company that owns one or more CRCs (Sodexo ran six)."""

    name = models.CharField(max_length=200, unique=True)

    def __str__(self) -> str:
        return self.name


class Provider(models.Model):
    """A Community Rehabilitation Company: the tenant whose data is never shown to another."""

    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=200)
    owner = models.ForeignKey(Owner, on_delete=models.PROTECT, related_name="providers")

    def __str__(self) -> str:
        return self.name


class LocalAuthority(models.Model):
    """A local authority area; addresses route to the LMC aligned to it (§3)."""

    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        verbose_name_plural = "local authorities"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Venue(models.Model):
    """An office or centre where people are seen, with the attributes booking must honour (§1)."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="venues")
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=VenueKind.choices)
    address = models.CharField(max_length=300)
    postcode = models.CharField(max_length=10)
    # The office's phone number, printed on letters so people can call before an appointment.
    phone = models.CharField(max_length=30, blank=True)
    local_authorities = models.ManyToManyField(LocalAuthority, blank=True, related_name="venues")
    wheelchair_access = models.BooleanField(default=False)
    accessible_toilet = models.BooleanField(default=False)
    private_rooms = models.PositiveSmallIntegerField(default=0)
    has_reception = models.BooleanField(default=True)
    # ISO weekday numbers (1 = Monday) with evening opening, and the closing time on those days.
    evening_days = models.JSONField(default=list, blank=True)
    evening_closes_at = models.TimeField(null=True, blank=True)
    women_only = models.BooleanField(default=False)
    partner = models.ForeignKey(
        "Partner", null=True, blank=True, on_delete=models.SET_NULL, related_name="venues",
        help_text=_("The partner that runs the venue, for example a women's hub."),
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "code"], name="venue_code_unique"),
            models.CheckConstraint(
                condition=Q(evening_closes_at__isnull=False) | Q(evening_days=[]),
                name="venue_evening_days_need_closing_time",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A team of officers under a senior probation officer, based at a venue."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="teams")
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=200)
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="teams")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["provider", "code"], name="team_code_unique")]

    def __str__(self) -> str:
        return self.name


class Partner(models.Model):
    """An operational partner in the supply chain, delivering services under contract (§1)."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="partners")
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=200)
    tier = models.PositiveSmallIntegerField(default=1)
    services_summary = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "code"], name="partner_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Staff(models.Model):
    """A member of staff (or a partner's caseworker) who signs in to Desist.

    ``role`` decides what they may do (``desist.access.roles``); ``provider`` (and ``partner``
    for partner caseworkers) decides which cases they may see.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff"
    )
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="staff")
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="caseworkers"
    )
    role = models.CharField(max_length=30)  # desist.access.roles.Role
    staff_code = models.CharField(max_length=20)
    grade = models.CharField(max_length=4, choices=Grade.choices)
    fte = models.DecimalField(max_digits=3, decimal_places=2, default=1)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    base = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.SET_NULL, related_name="staff"
    )
    gender = models.CharField(max_length=12, choices=Gender.choices)
    specialisms = models.JSONField(default=list, blank=True)
    agency = models.BooleanField(default=False, help_text=_("Temporary agency worker"))
    active = models.BooleanField(default=True)
    # Workload reductions (newly qualified, phased return …) as a percentage of capacity (§16).
    capacity_reduction_percent = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name_plural = "staff"
        constraints = [
            models.UniqueConstraint(fields=["provider", "staff_code"], name="staff_code_unique"),
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=1), name="staff_fte_between_0_and_1"
            ),
            models.CheckConstraint(
                condition=Q(capacity_reduction_percent__lte=100), name="staff_reduction_le_100"
            ),
            models.CheckConstraint(
                condition=~Q(role="partner_caseworker") | Q(partner__isnull=False),
                name="staff_partner_caseworker_has_partner",
            ),
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def name(self) -> str:
        return str(self)
