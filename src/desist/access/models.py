"""Who may see a limited-access case (the national system's exclusion and restriction lists)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseAccessEntry(models.Model):
    """A grant to see a restricted case, or an exclusion from an ordinary one.

    A restricted case (``Person.restricted``) is visible only to users with a ``granted`` entry.
    An ``excluded`` entry hides any case from that user (for example a member of staff who
    knows the person).
    """

    class Kind(models.TextChoices):
        GRANTED = "granted", _("Granted (restriction list)")
        EXCLUDED = "excluded", _("Excluded (exclusion list)")

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="access")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    reason = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "user"], name="case_access_one_entry")
        ]
        indexes = [models.Index(fields=["user", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.user} for {self.person.crn}"


class CaseCover(models.Model):
    """A member of staff covering a case that is not theirs (leave, sickness, duty), with why.

    Decisions on a case belong to its responsible officer, its team's managers and the hub
    (``desist.rules.write_scope``); anyone else must record a cover first. Covers are never
    edited: a cover ends at ``ends_at`` (or earlier when ``ended_at`` is set).
    """

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="covers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=300)
    started_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["person", "user", "-ends_at"])]

    def __str__(self) -> str:
        return f"{self.user} covering {self.person.crn} until {self.ends_at:%Y-%m-%d}"


class SubmittedForm(models.Model):
    """A one-time form token already used (access.once): a second submission of the same form
    (a double click, a replay, three posts at once) finds it here and creates nothing."""

    digest = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=60)
    submitted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.purpose} submitted by {self.user}"
