"""The audit trail: every create, change and read of case data (DESIGN §2.4).

Append-only and hash-chained: each row stores the SHA-256 of its own content and of the row
before it, so a row altered or removed by hand breaks the chain at that point, and
``desist audit verify`` names it. The application never updates or deletes a row; production
also revokes UPDATE and DELETE on the table from the application's database role (ADR 0002).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit trail is append-only.")

    def delete(self):
        raise PermissionError("The audit trail is append-only.")


class AuditEvent(models.Model):
    """One audited action: who did what to which case, when and from where."""

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150)
    action = models.CharField(max_length=10)  # create / change / read / delete / system
    event = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=60, blank=True)
    crn = models.CharField(max_length=10, blank=True, db_index=True)
    source = models.CharField(max_length=100, blank=True)  # IP address, or "cli" / "task"
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["actor", "-at"]), models.Index(fields=["event", "-at"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.event} {self.crn}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail is append-only.")


class ChainHead(models.Model):
    """The single row holding the last sequence number and hash; locked to append in order."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit chain head at seq {self.seq}"
