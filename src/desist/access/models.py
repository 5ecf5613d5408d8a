"""One-time form tokens (``access.once``). The case lists (restriction, exclusion, cover) live with
the case in ``desist.people.models``; ``desist.scopes`` applies them."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SubmittedForm(models.Model):
    """A one-time form token already used (access.once): a second submission of the same form
    (a double click, a replay, three posts at once) finds it here and creates nothing."""

    digest = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=60)
    submitted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.purpose} submitted by {self.user}"
