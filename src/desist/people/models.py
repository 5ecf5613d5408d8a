"""People on probation and their registrations (operating model §2).

A ``Person`` here is one case: one person's period of supervision, identified by a CRN.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from desist.organisation.choices import Gender

from .choices import Band, EmploymentStatus, HubHold, RegistrationType, RoshLevel, Routing

# RoSH levels counted as high risk (management oversight coverage, §15).
HIGH_ROSH = ("high", "very_high")
# Awaiting allocation in an LMC: no officer yet, or no confirmed band (§3.3, §4). The allocation
# queue filters on exactly this, so its partial indexes hold only those cases.
ALLOCATION_QUEUE = Q(active=True, routing="lmc") & (
    Q(responsible_officer__isnull=True) | Q(band_confirmed_at__isnull=True) | Q(band="")
)


class Person(models.Model):
    """A person on probation: the case record a responsible officer manages."""

    provider = models.ForeignKey(
        "organisation.Provider", on_delete=models.PROTECT, related_name="people"
    )
    crn = models.CharField(_("CRN"), max_length=10, unique=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    # Lower-cased names for search, kept by the database itself (a stored generated column), so
    # every writer — the services, the generator's COPY, a data fix — keeps them current. They
    # carry prefix indexes (ADR 0003): "Charl" finds Charlton without reading the caseload.
    last_name_key = models.GeneratedField(
        expression=Lower("last_name"), output_field=models.CharField(max_length=100),
        db_persist=True,
    )
    first_name_key = models.GeneratedField(
        expression=Lower("first_name"), output_field=models.CharField(max_length=100),
        db_persist=True,
    )
    date_of_birth = models.DateField()
    gender = models.CharField(max_length=12, choices=Gender.choices)
    # Protected characteristics, gathered at induction for equality monitoring (§2).
    ethnicity = models.CharField(max_length=60, blank=True)
    religion = models.CharField(max_length=60, blank=True)
    disability = models.BooleanField(default=False)
    disability_needs = models.CharField(max_length=300, blank=True)
    wheelchair_user = models.BooleanField(default=False)
    first_language = models.CharField(max_length=40, default="English")
    # The language letters are written in (Welsh Language Scheme): wholly English or wholly Welsh.
    letter_language = models.CharField(
        max_length=2, choices=[("en", _("English")), ("cy", _("Welsh (Cymraeg)"))], default="en")
    interpreter_needed = models.BooleanField(default=False)
    literacy_need = models.BooleanField(default=False)
    numeracy_need = models.BooleanField(default=False)
    learning_disability = models.BooleanField(default=False)
    employment_status = models.CharField(
        max_length=30, choices=EmploymentStatus.choices, default=EmploymentStatus.UNEMPLOYED
    )
    work_starts_at = models.TimeField(null=True, blank=True)
    work_ends_at = models.TimeField(null=True, blank=True)
    dependants = models.PositiveSmallIntegerField(default=0)
    childcare_responsibilities = models.BooleanField(default=False)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    local_authority = models.ForeignKey(
        "organisation.LocalAuthority", null=True, blank=True, on_delete=models.PROTECT,
        related_name="people",
    )
    phone = models.CharField(max_length=30, blank=True)

    # Criminal history for OGRS3 (risk-predictors.md): sanctions before the current one.
    previous_sanctions = models.PositiveSmallIntegerField(default=0)
    first_sanction_date = models.DateField(null=True, blank=True)

    # Risk of serious harm, as last assessed (§2, §7).
    rosh = models.CharField(max_length=10, choices=RoshLevel.choices, blank=True)
    rosh_to = models.JSONField(default=list, blank=True)
    rosh_assessed_on = models.DateField(null=True, blank=True)
    ogrs3_two_year = models.PositiveSmallIntegerField(null=True, blank=True)
    # Risk of serious recidivism (%), from the national record's assessment (tiering.md).
    rsr = models.FloatField(_("RSR"), null=True, blank=True)
    close_to_change = models.BooleanField(null=True, blank=True)
    # The confirmed band (a manager's decision, see allocation.BandDecision); the rules core's
    # current proposal sits beside it so the two can never be mistaken for each other.
    band = models.CharField(max_length=8, choices=Band.choices, blank=True)
    band_confirmed_at = models.DateTimeField(null=True, blank=True)
    proposed_band = models.CharField(max_length=8, choices=Band.choices, blank=True)
    # Professional judgement of risk of reoffending where OGRS3 cannot be scored (§4).
    ror_judgement = models.CharField(max_length=4, blank=True)  # "high" / "low"

    # Intake (§3): where the hub routed the case, why it is held, and when it passes on.
    arrived_on = models.DateField(null=True, blank=True)
    routing = models.CharField(max_length=4, choices=Routing.choices, blank=True)
    routing_confirmed_at = models.DateTimeField(null=True, blank=True)
    hub_hold = models.CharField(max_length=12, choices=HubHold.choices, blank=True)
    lmc = models.ForeignKey(
        "organisation.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("The LMC the case is routed to, or will pass to"),
    )
    pass_to_lmc_on = models.DateField(null=True, blank=True)
    rotl_hdc_requested_on = models.DateField(null=True, blank=True)
    # The current national tier (tiering.md), kept by desist.tiering with its history there;
    # the rank orders work under the tiering policy (0 = A3 first … 15 = D0).
    tier = models.CharField(max_length=4, blank=True)
    tier_rank = models.PositiveSmallIntegerField(null=True, blank=True)
    # Weighted workload this case adds to its officer (§16), kept by allocation.services.
    workload_points = models.FloatField(default=0)
    # What the nightly recompute last banded on; a difference is a significant event (§4).
    banding_facts = models.JSONField(default=dict, blank=True)

    responsible_officer = models.ForeignKey(
        "organisation.Staff", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="caseload",
    )
    team = models.ForeignKey(
        "organisation.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    # Limited-access case (the national system's exclusion and restriction lists):
    # only staff granted in access.CaseAccessGrant may know it exists.
    restricted = models.BooleanField(default=False)
    last_contact_on = models.DateField(null=True, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic lock: bumped by every service that edits the record.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["provider", "last_name", "first_name"]),
            models.Index(fields=["responsible_officer", "last_name"]),
            models.Index(fields=["provider", "band"]),
            models.Index(fields=["provider", "rosh"]),
            # The hub's intake queues: one index range per queue, already in queue order.
            models.Index(fields=["provider", "routing", "hub_hold", "arrived_on", "crn"],
                         condition=Q(active=True), name="person_intake_queue"),
            models.Index(fields=["lmc", "responsible_officer"]),
            # Name search (people.search): prefix matches on the lower-cased names. The pattern
            # operator class lets PostgreSQL use them for LIKE 'x%' whatever the collation;
            # SQLite ignores it and uses them as plain indexes.
            models.Index(fields=["last_name_key", "first_name_key"], name="person_name_search",
                         opclasses=["varchar_pattern_ops", "varchar_pattern_ops"]),
            models.Index(fields=["first_name_key"], name="person_forename_search",
                         opclasses=["varchar_pattern_ops"]),
            # Caseload counts and workload per officer (staff list, workload, candidates): a
            # grouped read of this index alone, never of the person rows.
            models.Index(fields=["responsible_officer", "band", "workload_points"],
                         condition=Q(active=True), name="person_active_caseload"),
            # The manager's allocation queue (scopes.allocation.allocation_queue): only the
            # cases awaiting an officer or a confirmed band, by LMC and by team, oldest first.
            models.Index(fields=["lmc", "arrived_on", "crn"], condition=ALLOCATION_QUEUE,
                         name="person_allocation_by_lmc"),
            models.Index(fields=["team", "arrived_on", "crn"], condition=ALLOCATION_QUEUE,
                         name="person_allocation_by_team"),
            models.Index(fields=["provider", "arrived_on", "crn"], condition=ALLOCATION_QUEUE,
                         name="person_allocation_all"),  # staff with no team: the whole queue
            # The few restricted cases, which scopes.cases.case_visibility hides by id: the
            # id is in the index so every list page reads the list from it alone (3,136 person
            # rows from the table cost 15-145 ms a request at 300,000 people, issue 23).
            models.Index(fields=["provider", "id"], condition=Q(restricted=True),
                         name="person_restricted_ids"),
            # Management oversight coverage (scopes.oversight.coverage_tables and its
            # drill-down): the active high-risk cases with what the counts group and sort by,
            # so a request reads this index alone rather than 16,000 scattered person rows.
            models.Index(fields=["provider", "crn"], include=["id", "team", "responsible_officer"],
                         condition=Q(active=True, rosh__in=HIGH_ROSH), name="person_high_risk"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ogrs3_two_year__isnull=True) | Q(ogrs3_two_year__lte=100),
                name="person_ogrs3_0_to_100",
            ),
            models.CheckConstraint(
                condition=Q(rsr__isnull=True) | Q(rsr__gte=0, rsr__lte=100),
                name="person_rsr_0_to_100",
            ),
            models.CheckConstraint(
                condition=Q(work_starts_at__isnull=True)
                | Q(work_ends_at__isnull=True)
                | Q(work_ends_at__gt=F("work_starts_at")),
                name="person_work_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(first_sanction_date__isnull=True)
                | Q(first_sanction_date__gt=F("date_of_birth")),
                name="person_first_sanction_after_birth",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.crn})"

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day: dt.date) -> int:
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


class Registration(models.Model):
    """A flag on the case (domestic abuse, child protection plan, IOM …) with its review date."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="registrations")
    type = models.CharField(max_length=30, choices=RegistrationType.choices)
    level = models.CharField(max_length=30, blank=True, help_text=_("For example MAPPA level"))
    start_date = models.DateField()
    review_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["person", "type"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_date__isnull=True) | Q(review_date__gte=F("start_date")),
                name="registration_review_after_start",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="registration_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.get_type_display()

    @property
    def is_active(self) -> bool:
        return self.end_date is None


# The case lists below moved here from `access` (ADR 0017): the gateway imports them from the
# national system and `desist.scopes` applies them, so they belong with the case, below both.


class CaseAccessEntry(models.Model):
    """A grant to see a restricted case, or an exclusion from an ordinary one.

    A restricted case (``Person.restricted``) is visible only to users with a ``granted`` entry.
    An ``excluded`` entry hides any case from that user (for example a member of staff who
    knows the person).
    """

    class Kind(models.TextChoices):
        GRANTED = "granted", _("Granted (restriction list)")
        EXCLUDED = "excluded", _("Excluded (exclusion list)")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="access")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    reason = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "user"], name="case_access_one_entry")
        ]
        db_table = "access_caseaccessentry"  # kept when the model moved from access (ADR 0017)
        indexes = [models.Index(fields=["user", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.user} for {self.person.crn}"


class CaseCover(models.Model):
    """A member of staff covering a case that is not theirs (leave, sickness, duty), with why.

    Decisions on a case belong to its responsible officer, its team's managers and the hub
    (``desist.rules.write_scope``); anyone else must record a cover first. Covers are never
    edited: a cover ends at ``ends_at`` (or earlier when ``ended_at`` is set).
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="covers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=300)
    started_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        db_table = "access_casecover"  # kept when the model moved from access (ADR 0017)
        indexes = [models.Index(fields=["person", "user", "-ends_at"])]

    def __str__(self) -> str:
        return f"{self.user} covering {self.person.crn} until {self.ends_at:%Y-%m-%d}"
