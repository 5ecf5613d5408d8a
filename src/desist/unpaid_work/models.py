"""Unpaid work (operating model §12): projects, sessions, placements, attendance, adjustments.

A ``Project`` is somewhere unpaid work is done (a group project with a supervisor, an individual
agency placement, ETE, or induction). A ``Session`` is one day's work on it, with its transport
seats. A ``Placement`` books a person on a session (and is an unpaid-work appointment, so that
absences go through the compliance journey like any other). ``Attendance`` is the supervisor's
outcome for that placement; ``Adjustment`` is time added or taken off by the officer, with a
reason from the table in ``rules.unpaid_work``. A new ``Assessment`` (pre-placement) is a new
row; the latest applies. Nothing is overwritten: corrections are adjustments.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from .choices import AdjustmentReason, Availability, Outcome, ProjectType, Rating


class Project(models.Model):
    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=12, choices=ProjectType.choices)
    site = models.CharField(max_length=300)
    beneficiary = models.CharField(max_length=200, blank=True)
    supervisor = models.ForeignKey("organisation.Staff", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="upw_projects")
    office = models.ForeignKey("organisation.Team", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    capacity = models.PositiveSmallIntegerField(default=6)
    hi_vis = models.BooleanField(default=False)
    public_facing = models.BooleanField(default=False)
    women_only = models.BooleanField(default=False)
    availability = models.CharField(max_length=12, choices=Availability.choices,
                                    default=Availability.WEEKLY)
    weekdays = models.JSONField(default=list, blank=True)  # ISO weekdays it runs
    # What a new session of the project gets unless the hub says otherwise.
    pick_up_point = models.ForeignKey("PickUpPoint", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="projects")
    transport_seats = models.PositiveSmallIntegerField(null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=Q(capacity__gte=1),
                                              name="upw_project_capacity_at_least_1")]

    def __str__(self) -> str:
        return self.name


class PickUpPoint(models.Model):
    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    name = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="sessions")
    on = models.DateField()
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    supervisor = models.ForeignKey("organisation.Staff", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="upw_sessions")
    pick_up_point = models.ForeignKey(PickUpPoint, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="sessions")
    transport_seats = models.PositiveSmallIntegerField(null=True, blank=True)
    pick_up_at = models.TimeField(null=True, blank=True)

    class Meta:
        ordering = ["on", "starts_at", "pk"]
        indexes = [models.Index(fields=["on", "supervisor"])]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                              name="upw_session_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.project} on {self.on}"

    @property
    def minutes(self) -> int:
        return (self.ends_at.hour * 60 + self.ends_at.minute) - (
            self.starts_at.hour * 60 + self.starts_at.minute)


class Assessment(models.Model):
    """The pre-placement assessment (§12). The latest one applies."""

    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="upw_assessments")
    assessed_on = models.DateField()
    assessed_by = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    previous_convictions = models.TextField(blank=True)
    court_papers_seen = models.BooleanField(default=False)
    rosh_noted = models.BooleanField(default=False)
    health_and_safety = models.TextField(blank=True)
    disability_and_access = models.TextField(blank=True)
    keep_apart = models.TextField(blank=True, help_text="Names to keep apart, one a line")
    suitable_group = models.BooleanField(default=True)
    suitable_individual = models.BooleanField(default=True)
    intensive = models.BooleanField(default=False, help_text="Several days a week (not in work)")
    availability = models.TextField(blank=True, help_text="Around work and childcare")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-pk"]

    def __str__(self) -> str:
        return f"Pre-placement assessment on {self.assessed_on}"

    def keep_apart_names(self) -> list[str]:
        return [n.strip() for n in self.keep_apart.splitlines() if n.strip()]


class Placement(models.Model):
    """A person booked on a session."""

    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="placements")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="upw_placements")
    appointment = models.OneToOneField("appointments.Appointment", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="upw_placement")
    needs_transport = models.BooleanField(default=False)
    intensive = models.BooleanField(default=False,
                                    help_text="Booked as intensive working (several days a week)")
    booked_by = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL,
                                  related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session__on", "person__last_name"]
        constraints = [models.UniqueConstraint(fields=["session", "person"],
                                               name="upw_one_placement_per_session")]

    def __str__(self) -> str:
        return f"Placement {self.pk} on session {self.session_id}"


class Attendance(models.Model):
    """What the supervisor recorded for a placement. One per placement: corrections are
    adjustments (history is never overwritten)."""

    placement = models.OneToOneField(Placement, on_delete=models.CASCADE,
                                     related_name="attendance")
    signed_in_at = models.TimeField(null=True, blank=True)
    signed_out_at = models.TimeField(null=True, blank=True)
    outcome = models.CharField(max_length=24, choices=Outcome.choices, blank=True)
    minutes_worked = models.PositiveIntegerField(default=0)
    penalty_minutes = models.PositiveIntegerField(default=0)
    work_quality = models.CharField(max_length=12, choices=Rating.choices, blank=True)
    behaviour = models.CharField(max_length=12, choices=Rating.choices, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(
            condition=Q(penalty_minutes__lte=F("minutes_worked")),
            name="upw_penalty_within_time_worked")]

    def __str__(self) -> str:
        return self.get_outcome_display() or "Signed in"


class Adjustment(models.Model):
    provider = models.ForeignKey("organisation.Provider", on_delete=models.PROTECT,
                                 related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="upw_adjustments")
    on = models.DateField()
    reason = models.CharField(max_length=20, choices=AdjustmentReason.choices)
    minutes = models.IntegerField()
    note = models.TextField(blank=True)
    made_by = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL,
                                related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]
        constraints = [models.CheckConstraint(condition=~Q(minutes=0),
                                              name="upw_adjustment_not_zero")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.minutes} minutes"


class UpwOrderSummary(models.Model):
    """One row per case with live unpaid work: the ledger's totals, kept at each write, which
    the hub and the nightly check read instead of every session and adjustment (ADR 0015).

    Nothing here changes with the date alone: "at risk" is ``at_risk_from <= today`` and
    "past the deadline" ``deadline < today`` (``rules.unpaid_work.outlook``). Kept by
    ``unpaid_work.summary``: ``refresh`` at each write, ``rebuild`` nightly."""

    person = models.OneToOneField("people.Person", primary_key=True, on_delete=models.CASCADE,
                                  related_name="upw_summary")
    provider = models.ForeignKey("organisation.Provider", on_delete=models.CASCADE,
                                 related_name="+")
    # The case's LMC (the hub's "office"), kept here so the figures by office need no join on
    # the whole caseload; the services that change a case's LMC refresh the row.
    office = models.ForeignKey("organisation.Team", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    sentence_date = models.DateField()  # the earliest live UPW sentence
    ordered_minutes = models.PositiveIntegerField()
    credited_minutes = models.PositiveIntegerField()
    remaining_minutes = models.PositiveIntegerField()
    ete_minutes_credited = models.PositiveIntegerField()
    ete_cap_minutes = models.PositiveIntegerField()
    deadline = models.DateField()
    complete = models.BooleanField()
    at_risk_from = models.DateField(null=True, blank=True)  # None when complete

    class Meta:
        indexes = [models.Index(fields=["provider", "deadline"], name="upw_summary_deadline"),
                   models.Index(fields=["provider", "at_risk_from"], name="upw_summary_risk")]

    def __str__(self) -> str:
        return f"Unpaid work summary of case {self.person_id}"

    @property
    def percent_complete(self) -> int:
        return 100 if not self.ordered_minutes else 100 * self.credited_minutes // self.ordered_minutes
