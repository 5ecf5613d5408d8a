"""Providers, their venues, teams, staff and operational partners (operating model §1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import Gender, Grade, ReductionReason, VenueKind

#: A full-time week: FTE is contracted hours ÷ this (rules.workload.FULL_TIME_HOURS).
FULL_TIME_HOURS = 37


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

    ``role`` decides what they may do (``desist.organisation.roles``); ``provider`` (and ``partner``
    for partner caseworkers) decides which cases they may see.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff"
    )
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="staff")
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="caseworkers"
    )
    role = models.CharField(max_length=30)  # desist.organisation.roles.Role
    staff_code = models.CharField(max_length=20)
    grade = models.CharField(max_length=4, choices=Grade.choices)
    # Hours a week in the contract (37 is full time); workload capacity scales with them (§16).
    # The history of changes is ``HoursChange``; reductions are ``StaffReduction`` rows.
    contracted_hours = models.DecimalField(max_digits=4, decimal_places=2, default=FULL_TIME_HOURS)
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

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name_plural = "staff"
        constraints = [
            models.UniqueConstraint(fields=["provider", "staff_code"], name="staff_code_unique"),
            models.CheckConstraint(
                condition=Q(contracted_hours__gt=0) & Q(contracted_hours__lte=60),
                name="staff_contracted_hours_0_to_60",
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

    @property
    def fte(self):
        """Full-time equivalent, from contracted hours (37 a week is 1)."""
        return round(self.contracted_hours / FULL_TIME_HOURS, 2)


class HoursChange(models.Model):
    """A change to a member of staff's contracted hours: who, when and why (never overwritten)."""

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="hours_changes")
    hours = models.DecimalField(max_digits=4, decimal_places=2)
    previous = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    reason = models.TextField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.staff_id}: {self.previous} → {self.hours} hours"


class StaffReduction(models.Model):
    """A workload reduction (§16): a percentage of contracted hours, for a reason, from a start
    date to an optional end date (both included). Rows are history: a change is a new row that
    ``replaces`` the old one (the old row gets ``replaced_by``); a row recorded in error is
    withdrawn with who and why. Only current rows (neither replaced nor withdrawn) count."""

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="reductions")
    reason = models.CharField(max_length=20, choices=ReductionReason.choices)
    other = models.CharField(max_length=200, blank=True,
                             help_text=_("The reason in words, when it is another reason."))
    percent = models.DecimalField(max_digits=5, decimal_places=2)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    replaced_by = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="replaces")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["staff", "starts_on"], name="reduction_current",
                                condition=Q(replaced_by__isnull=True, withdrawn_at__isnull=True))]
        constraints = [
            models.CheckConstraint(condition=Q(percent__gt=0) & Q(percent__lte=100),
                                   name="reduction_percent_0_to_100"),
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                                   name="reduction_ends_after_start"),
            models.CheckConstraint(condition=~Q(reason="other") | ~Q(other=""),
                                   name="reduction_other_has_words"),
            models.CheckConstraint(condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawn_reason=""),
                                   name="reduction_withdrawal_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.percent}% for {self.staff_id}"

    @property
    def current(self) -> bool:
        return self.replaced_by_id is None and self.withdrawn_at is None

    @property
    def label(self) -> str:
        return self.other if self.reason == ReductionReason.OTHER else str(
            self.get_reason_display())
