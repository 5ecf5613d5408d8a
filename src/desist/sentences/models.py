"""Sentences, their requirements and offences (operating model §2)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import OffenceCategory, RequirementType, SentenceType


class Sentence(models.Model):
    """An order, licence, post-sentence supervision or custodial sentence for one case."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="sentences")
    type = models.CharField(max_length=20, choices=SentenceType.choices)
    court = models.CharField(max_length=200, blank=True)
    sentence_date = models.DateField()
    start_date = models.DateField()
    expected_end_date = models.DateField()
    custodial_months = models.PositiveSmallIntegerField(null=True, blank=True)
    release_date = models.DateField(null=True, blank=True)
    licence_end_date = models.DateField(null=True, blank=True)
    pss_end_date = models.DateField(null=True, blank=True)
    terminated_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-sentence_date"]
        indexes = [models.Index(fields=["person", "-sentence_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_end_date__gt=F("start_date")), name="sentence_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(start_date__gte=F("sentence_date")),
                name="sentence_starts_on_or_after_sentence_date",
            ),
            models.CheckConstraint(
                condition=Q(type__in=["custody", "licence", "pss"])
                | Q(custodial_months__isnull=True),
                name="sentence_custodial_length_only_for_custody",
            ),
            models.CheckConstraint(
                condition=Q(release_date__isnull=True) | Q(release_date__gte=F("sentence_date")),
                name="sentence_release_after_sentence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} ({self.sentence_date:%d %b %Y})"


class Requirement(models.Model):
    """One requirement of an order, with its own parameters (RAR days, UPW hours …)."""

    sentence = models.ForeignKey(Sentence, on_delete=models.CASCADE, related_name="requirements")
    type = models.CharField(max_length=30, choices=RequirementType.choices)
    rar_days = models.PositiveSmallIntegerField(_("RAR maximum days"), null=True, blank=True)
    upw_hours = models.PositiveSmallIntegerField(_("unpaid work hours"), null=True, blank=True)
    programme = models.CharField(max_length=100, blank=True)
    details = models.CharField(max_length=300, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["type"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(type="rar") | Q(rar_days__gte=1), name="requirement_rar_days_at_least_1"
            ),
            models.CheckConstraint(
                condition=~Q(type="upw") | Q(upw_hours__gte=40, upw_hours__lte=300),
                name="requirement_upw_hours_40_to_300",
            ),
            models.CheckConstraint(
                condition=Q(type="rar") | Q(rar_days__isnull=True),
                name="requirement_rar_days_only_on_rar",
            ),
            models.CheckConstraint(
                condition=Q(type="upw") | Q(upw_hours__isnull=True),
                name="requirement_upw_hours_only_on_upw",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gt=F("start_date")),
                name="requirement_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        label = self.get_type_display()
        if self.rar_days:
            return f"{label}: {self.rar_days} days"
        if self.upw_hours:
            return f"{label}: {self.upw_hours} hours"
        return label


class Offence(models.Model):
    """An offence on a sentence, with the OGRS3 category of the main offence."""

    sentence = models.ForeignKey(Sentence, on_delete=models.CASCADE, related_name="offences")
    description = models.CharField(max_length=200)
    category = models.CharField(max_length=40, choices=OffenceCategory.choices)
    offence_date = models.DateField(null=True, blank=True)
    main = models.BooleanField(default=True)

    class Meta:
        ordering = ["-main", "description"]

    def __str__(self) -> str:
        return f"{self.description} ({self.get_category_display()})"
