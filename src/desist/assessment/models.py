"""The self-assessment instrument (as versioned data) and readings taken with it (§6)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from desist.rules import selfassessment as rules


class Instrument(models.Model):
    """One version of a provider's self-assessment instrument. Editing saves a new version;
    readings keep the version they were taken with. At most one active version per provider."""

    provider = models.ForeignKey(
        "organisation.Provider", on_delete=models.PROTECT, related_name="instruments"
    )
    name = models.CharField(max_length=200)
    version = models.PositiveIntegerField()
    definition = models.JSONField()  # rules.selfassessment.load_instrument shape
    active = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "version"], name="instrument_version_unique"),
            models.UniqueConstraint(
                fields=["provider"], condition=Q(active=True), name="instrument_one_active"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"

    @property
    def spec(self) -> rules.Instrument:
        cached = getattr(self, "_spec", None)
        if cached is None:
            cached = self._spec = rules.load_instrument(self.definition)
        return cached


class Reading(models.Model):
    """A person's scores on every area, taken with their officer, signed and approved."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    class SignatureMethod(models.TextChoices):
        NONE = "", _("Not signed")
        DRAWN = "drawn", _("Signed on screen")
        TYPED = "typed", _("Typed name and confirmation")

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="readings")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="readings")
    taken_on = models.DateField()
    scores = models.JSONField(default=dict, blank=True)  # area code -> score
    comments = models.JSONField(default=dict, blank=True)  # area code -> what the person said
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The person's signature: an SVG path (drawn) or their typed name with an attestation.
    signature_method = models.CharField(
        max_length=10, choices=SignatureMethod.choices, default="", blank=True
    )
    signature_svg = models.TextField(blank=True)
    signed_name = models.CharField(max_length=200, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    unsigned_reason = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        "organisation.Staff", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        "organisation.Staff", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-taken_on", "-pk"]
        indexes = [models.Index(fields=["person", "status", "-taken_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_at__isnull=False),
                name="reading_approved_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"Reading of {self.taken_on:%d %b %Y}"

    @property
    def is_signed(self) -> bool:
        return bool(self.signature_method and self.signed_at)

    @property
    def missing(self):
        return rules.missing_areas(self.instrument.spec, self.scores)
