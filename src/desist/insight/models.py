"""Insight's reporting read model (§17) and its configuration.

``CaseFact``, ``TimelinessFact`` and ``NeedFact`` are derived from the record by
``services.insight_refresh`` (a scheduled job, a manager's button and ``desist insight refresh``):
rebuilt for a provider in one transaction, set-based, never edited by hand. The dashboards read
``Summary`` rows (counts per office, group and month for each figure) are built from the facts in
the same refresh, so a dashboard reads a few hundred summary rows however large the caseload; the
drill-down lists the fact rows behind a figure, which are exactly the rows summed.
``ServiceLevelTarget`` is configuration: a changed target is a new row with who and why.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import (
    NeedKind,
    RefreshTrigger,
    SentenceOutcome,
    ServiceLevelMeasure,
    TimelinessMeasure,
    TimelinessStatus,
)


class Refresh(models.Model):
    """One rebuild of a provider's read model: when, who asked, and how many rows."""

    provider = models.ForeignKey("organisation.Provider", on_delete=models.CASCADE,
                                 related_name="+")
    trigger = models.CharField(max_length=10, choices=RefreshTrigger.choices)
    requested_by = models.ForeignKey("auth.User", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    as_of = models.DateField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["provider", "-finished_at"])]

    def __str__(self) -> str:
        return f"Refresh of {self.provider_id} at {self.started_at:%Y-%m-%d %H:%M}"


class CaseFact(models.Model):
    """One row per case: who, where, which sentence, how it ended, and enforcement."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="+")
    crn = models.CharField(max_length=10, blank=True)  # the drill-down's order, without a join
    provider = models.ForeignKey("organisation.Provider", on_delete=models.CASCADE,
                                 related_name="+")
    venue = models.ForeignKey("organisation.Venue", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    team = models.ForeignKey("organisation.Team", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    grade = models.CharField(max_length=4, blank=True)
    band = models.CharField(max_length=8, blank=True)
    gender = models.CharField(max_length=12, blank=True)
    ethnicity = models.CharField(max_length=60, blank=True)
    religion = models.CharField(max_length=60, blank=True)
    disability = models.BooleanField(default=False)
    age_group = models.CharField(max_length=6, blank=True)
    restricted = models.BooleanField(default=False)
    sentence_kind = models.CharField(max_length=20, blank=True)
    outcome = models.CharField(max_length=12, choices=SentenceOutcome.choices,
                               default=SentenceOutcome.ONGOING)
    ended_on = models.DateField(null=True, blank=True)
    # Unpaid work: set when the requirement's sentence has ended (due to be complete).
    upw_due_on = models.DateField(null=True, blank=True)
    upw_completed = models.BooleanField(null=True, blank=True)
    # Resettlement plan for a custody, licence or PSS case: when due and whether on time.
    resettlement_due_on = models.DateField(null=True, blank=True)
    resettlement_on_time = models.BooleanField(null=True, blank=True)
    enforced = models.BooleanField(default=False)  # any warning, breach or recall action
    breached = models.BooleanField(default=False)  # breach proceedings started
    recalled = models.BooleanField(default=False)  # recall requested

    class Meta:
        indexes = [
            models.Index(fields=["provider", "venue", "ended_on"]),
            models.Index(fields=["provider", "resettlement_due_on"]),
            models.Index(fields=["provider", "upw_due_on"]),
            models.Index(fields=["provider", "crn"]),
        ]

    def __str__(self) -> str:
        return f"Case fact {self.person_id}"


class TimelinessFact(models.Model):
    """One step of one case against its deadline (§3, §8, §11, §14)."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    crn = models.CharField(max_length=10, blank=True)
    provider = models.ForeignKey("organisation.Provider", on_delete=models.CASCADE,
                                 related_name="+")
    venue = models.ForeignKey("organisation.Venue", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    team = models.ForeignKey("organisation.Team", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    grade = models.CharField(max_length=4, blank=True)
    restricted = models.BooleanField(default=False)
    measure = models.CharField(max_length=20, choices=TimelinessMeasure.choices)
    start = models.DateField()
    due = models.DateField()
    done = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=TimelinessStatus.choices)
    working_days = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["provider", "measure", "due"]),
                   models.Index(fields=["provider", "measure", "crn"])]

    def __str__(self) -> str:
        return f"{self.measure} for {self.person_id}"


class NeedFact(models.Model):
    """One assessed need of one case and whether interventions were delivered sufficiently."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    crn = models.CharField(max_length=10, blank=True)
    provider = models.ForeignKey("organisation.Provider", on_delete=models.CASCADE,
                                 related_name="+")
    venue = models.ForeignKey("organisation.Venue", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    gender = models.CharField(max_length=12, blank=True)
    band = models.CharField(max_length=8, blank=True)
    # The case's national tier (tiering.md), so a provider on tiering sees needs by tier.
    tier = models.CharField(max_length=4, blank=True)
    restricted = models.BooleanField(default=False)
    kind = models.CharField(max_length=12, choices=NeedKind.choices)
    code = models.CharField(max_length=40)
    delivered = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["provider", "kind", "code", "crn"])]

    def __str__(self) -> str:
        return f"{self.code} for {self.person_id}"


class Summary(models.Model):
    """One figure's counts for one office, one group and one month, summed by the dashboards.

    ``dim`` is empty for the office's own total, else the grouping (team, grade, gender, band or a
    protected characteristic) and ``value`` the group as text. ``month`` is the first day of the
    month the figure's date falls in, or empty for figures not measured over a period (needs,
    enforcement, recall). ``days`` is a histogram of working days (timeliness steps done), from
    which the dashboards compute the exact median.
    """

    provider = models.ForeignKey("organisation.Provider", on_delete=models.CASCADE,
                                 related_name="+")
    section = models.CharField(max_length=20)
    measure = models.CharField(max_length=60)
    month = models.DateField(null=True, blank=True)
    venue = models.ForeignKey("organisation.Venue", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    dim = models.CharField(max_length=12, blank=True)
    value = models.CharField(max_length=60, blank=True)
    total = models.PositiveIntegerField(default=0)
    met = models.PositiveIntegerField(default=0)
    days = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["provider", "section", "dim", "month"])]

    def __str__(self) -> str:
        return f"{self.section} {self.measure} {self.month} {self.dim}={self.value}"


class ServiceLevelTarget(models.Model):
    """A provider's target for a service level; the latest row is in force (§17)."""

    provider = models.ForeignKey("organisation.Provider", on_delete=models.CASCADE,
                                 related_name="+")
    measure = models.CharField(max_length=30, choices=ServiceLevelMeasure.choices)
    target_percent = models.PositiveSmallIntegerField(_("target (%)"))
    reason = models.CharField(max_length=300)
    set_by = models.ForeignKey("auth.User", on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-set_at", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(target_percent__lte=100),
                                              name="insight_target_at_most_100")]

    def __str__(self) -> str:
        return f"{self.measure}: {self.target_percent}%"
