"""The gateway to the national case-management system (operating model §3, intake).

``CodeEntry`` rows are the code tables (defaults shipped in ``codes.json``, editable as data).
``NationalRecord`` is the last good bundle read for a CRN, with the read-back view and its
checksum (an unchanged bundle is skipped). ``NationalKey`` ties each national id (conviction,
requirement, registration, contact) to the Desist row it became, so a re-import updates rather
than duplicates. ``ImportBatch`` is the ledger: one row per import run, with counts and every
rejected record's problems, split by provider (``shares``; each error names its provider).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import BatchStatus, CodeTable, KeyKind

COUNTS = ("read", "created", "updated", "unchanged", "rejected")


class CodeEntry(models.Model):
    table = models.CharField(max_length=30, choices=CodeTable.choices)
    code = models.CharField(max_length=100)
    value = models.CharField(max_length=60)
    label = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["table", "code"]
        constraints = [models.UniqueConstraint(fields=["table", "code"],
                                               name="gateway_code_unique")]

    def __str__(self) -> str:
        return f"{self.table} {self.code} = {self.value}"


class NationalRecord(models.Model):
    person = models.OneToOneField("people.Person", on_delete=models.CASCADE,
                                  related_name="national_record")
    crn = models.CharField(_("CRN"), max_length=10, unique=True)
    checksum = models.CharField(max_length=64)
    view = models.JSONField(default=dict)
    restriction_message = models.TextField(blank=True)
    exclusion_message = models.TextField(blank=True)
    batch = models.ForeignKey("ImportBatch", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    imported_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"National record {self.crn}"


class NationalKey(models.Model):
    kind = models.CharField(max_length=14, choices=KeyKind.choices)
    national_id = models.CharField(max_length=40)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "national_id"],
                                               name="gateway_national_key_unique")]
        indexes = [models.Index(fields=["person", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.national_id}"


class NationalContact(models.Model):
    """A contact as the national record holds it (ContactSummary), by its national id."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    contact_id = models.CharField(max_length=40, unique=True)
    start = models.CharField(max_length=40, blank=True)
    type_code = models.CharField(max_length=20, blank=True)
    appointment = models.BooleanField(null=True)
    outcome_code = models.CharField(max_length=20, blank=True)
    enforcement_code = models.CharField(max_length=20, blank=True)

    class Meta:
        indexes = [models.Index(fields=["person", "start"])]

    def __str__(self) -> str:
        return f"Contact {self.contact_id}"


class ImportBatch(models.Model):
    source = models.CharField(max_length=300)
    checksum = models.CharField(max_length=64)
    dry_run = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=BatchStatus.choices,
                              default=BatchStatus.RUNNING)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    # Each provider's part of the batch: ``{"<provider id>": {read, created, updated,
    # unchanged, rejected}}``. Staff see a batch only if their provider has a part in it, and
    # only that part (its counts, and the rejections attributed to it): one provider's imports
    # and rejected records are not another's to read.
    shares = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Import {self.pk} of {self.source}"

    def counts(self) -> dict:
        return {name: getattr(self, name) for name in COUNTS}
