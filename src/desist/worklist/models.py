"""Tasks: the work Desist asks someone to do about a case, with a due date."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Task(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("No longer needed")

    # Set by ``worklist.services.close_task`` (not stored): whether this call closed the task, or
    # someone else had closed it first (the caller then tells its user).
    closed_now: bool = False

    provider = models.ForeignKey(
        "organisation.Provider", on_delete=models.PROTECT, related_name="tasks"
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    kind = models.CharField(max_length=40)  # worklist.kinds.KINDS
    queue = models.CharField(max_length=10)  # worklist.kinds.Queue
    # What raised it, e.g. "contact_gap:A123456": at most one open task per key, so raising
    # the same task twice (a re-run job, a double submit) changes nothing.
    key = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    assigned_to = models.ForeignKey(
        "organisation.Staff", null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    team = models.ForeignKey(
        "organisation.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "created_at"]
        indexes = [
            models.Index(fields=["provider", "status", "queue", "due_on"]),
            models.Index(fields=["assigned_to", "status", "due_on"]),
            models.Index(fields=["person", "status"]),
            models.Index(fields=["provider", "status", "kind"]),
            # Lists in their display order (due date, then age), so a page of 50 reads 50 rows
            # rather than sorting every open task: by kind (the dashboard's escalations), for a
            # team, and for the whole provider (issue 23).
            models.Index(fields=["provider", "status", "kind", "due_on", "created_at"],
                         name="task_kind_in_order"),
            models.Index(fields=["team", "status", "due_on", "created_at"],
                         name="task_team_in_order"),
            models.Index(fields=["provider", "status", "due_on", "created_at"],
                         name="task_provider_in_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "key"], condition=Q(status="open"), name="task_one_open_per_key"
            ),
            models.CheckConstraint(
                condition=Q(queue__in=["officer", "manager", "hub"]), name="task_queue_known"
            ),
        ]

    def __str__(self) -> str:
        return self.title
