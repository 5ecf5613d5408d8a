"""The audit trail: every create, change and read of case data (DESIGN §2.4).

Append-only and chained (ADRs 0002, 0004). A request appends a row without any lock (its id
comes from the database's sequence); the sealer (``seal_pending``, run by ``desist scheduler``)
then gives each new row the next ``seq`` and an HMAC over its content and the previous row's
hash, with a key kept outside the database. A row altered, removed or truncated by hand breaks
the chain, and ``desist audit verify`` names it. On PostgreSQL a trigger refuses DELETE,
TRUNCATE (migration 0005) and any UPDATE other than sealing an unsealed row (0004).
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

    # Set once by the sealer: position in the chain, gap-free. Null until sealed.
    seq = models.BigIntegerField(unique=True, null=True, blank=True)
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
    prev_hash = models.CharField(max_length=64, blank=True, default="")
    hash = models.CharField(max_length=64, blank=True, default="")
    key_id = models.CharField(max_length=16, blank=True, default="")  # which key sealed it

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["actor", "-at"]),
            models.Index(fields=["event", "-at"]),
            # The sealer's work list stays small however long the trail grows.
            models.Index(fields=["id"], condition=models.Q(seq__isnull=True),
                         name="audit_unsealed_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq or 'unsealed'} {self.event} {self.crn}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail is append-only.")


class ChainHead(models.Model):
    """The single row holding the last sealed sequence number and hash; locked by the sealer only.

    If it is deleted, the sealer recreates it from the highest sealed row and records that it
    did (``audit_head_recreated``), which ``desist audit verify`` reports.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit chain head at seq {self.seq}"
